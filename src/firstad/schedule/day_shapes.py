"""What a set of scenes needs as one shoot day, whatever its date: the day search's clock.

A day's timing is worked out once per set of scenes and remembered: its length, its fixed
costs, and for each order of its location blocks the calls at which every block is inside its
location's hours and the light of every exterior in it (unions of intervals). As the CP-SAT
model times a day (or stricter), so that every day timed here can be locked and re-timed by
the model: a location's scenes are shot in one block a day, inside one opening of its hours
(``SEARCH_OPENINGS``), and a block is in parts when its exteriors need different light
(``BlockShape``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from firstad.schedule.daylight import LIGHT_PARTS
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem
from firstad.schedule.sequencing import Block, order_block, visiting_orders

Interval = tuple[int, int]

# Calls fall on the shoot date itself.
LATEST_CALL = MINUTES_PER_DAY - 1
# The openings of a location's daily hours a block may use: the shoot date's and the evening
# before's (still open after midnight in a 19:00-07:00 window). The CP-SAT model also allows
# the next morning's (a night unit ending at a 05:00-12:00 pond at dawn): ``ALL_OPENINGS``.
# The search over a whole feature does without it: at 15 s on the 120-scene bench it ended
# 1-3 % dearer in 7 of 8 paired runs with it (days wrapping the next morning leave the days
# after them little room). Before CP-SAT on a small production it pays: Night Ice at 20 s,
# 24 paired seeds, 85.4k -> 84.4k on average (worst 88.2k -> 86.3k), its cheapest schedules
# being six days of which one ends at the pond the morning after a night on the ice.
SEARCH_OPENINGS = (-1, 0)
ALL_OPENINGS = (-1, 0, 1)
# Remembered day timings before the memo is cleared (each is a few hundred bytes).
MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class BlockShape:
    """One location's scenes of a day as a block: its length, the minutes (from the date's
    midnight) it may start at, and the shooting orders that keep its exteriors in their
    light, each with the starts it serves.

    As in the CP-SAT model, a block is shot in at most ``LIGHT_PARTS`` parts: the scenes of
    one light (all DAY exteriors, all NIGHT ones, all interiors...) share a part, and each
    exterior has its whole part inside its light. So a farm shot from dawn through the day
    into dusk is one block.
    """

    minutes: int
    starts: tuple[Interval, ...]
    arrangements: tuple[tuple[tuple[Interval, ...], tuple[int, ...]], ...]

    def order_at(self, start: int) -> tuple[int, ...]:
        """The shooting order for a block starting at ``start`` (one of its ``starts``)."""
        for starts, order in self.arrangements:
            if any(first <= start <= last for first, last in starts):
                return order
        return self.arrangements[0][1]


@dataclass(frozen=True, slots=True)
class DayOption:
    """One visiting order of a day's blocks, the calls at which all of them fit, and each
    block's offset from the call."""

    calls: tuple[Interval, ...]
    blocks: tuple[tuple[int, BlockShape], ...]
    offsets: tuple[int, ...]
    # The blocks in shooting order when no block has a choice of order (most days): the
    # search times days tens of thousands of times a second.
    fixed: tuple[Block, ...] | None = None

    def blocks_at(self, call: int) -> tuple[Block, ...]:
        if self.fixed is not None:
            return self.fixed
        return tuple(
            (location, block.order_at(call + offset))
            for (location, block), offset in zip(self.blocks, self.offsets, strict=True)
        )


@dataclass(frozen=True, slots=True)
class DayShape:
    """What a set of scenes needs as one shoot day, whatever its date.

    ``length`` from call to wrap; ``fixed_cost`` the day's rent, company moves, overtime and
    crew; ``cast`` the bit mask of its actors; ``options`` each visiting order of its blocks
    with the calls at which it fits every set's hours and light.
    """

    length: int
    fixed_cost: int
    cast: int
    options: tuple[DayOption, ...]

    def earliest_call(self, lowest: int) -> tuple[int, tuple[Block, ...]] | None:
        """The earliest call at or after ``lowest`` and the blocks (in order) it needs."""
        found = self.earliest(lowest)
        return None if found is None else (found[0], found[1].blocks_at(found[0]))

    def earliest(self, lowest: int) -> tuple[int, DayOption] | None:
        """The earliest call at or after ``lowest`` and the visiting order that takes it (the
        first of them)."""
        best: tuple[int, DayOption] | None = None
        for option in self.options:
            for first, last in option.calls:
                if last < lowest:
                    continue
                call = max(first, lowest)
                if best is None or call < best[0]:
                    best = (call, option)
                break
        return best


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> tuple[Interval, ...]:
    """The intersection of two sorted unions of disjoint closed intervals."""
    result: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low = max(first[i][0], second[j][0])
        high = min(first[i][1], second[j][1])
        if low <= high:
            result.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def _union(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    merged: list[Interval] = []
    for low, high in sorted(interval for interval in intervals if interval[0] <= interval[1]):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


class DayShapes:
    """Day shapes of one problem, computed once per set of scenes."""

    def __init__(
        self, problem: IndexedProblem, openings: tuple[int, ...] = SEARCH_OPENINGS
    ) -> None:
        self.problem = problem
        self.openings = openings
        self.memo: dict[frozenset[int], DayShape | None] = {}
        # The same shapes by the bit mask of their scenes: the day search keeps each day's
        # mask as it moves scenes, a cheaper key than a new frozenset a move.
        self.by_bits: dict[int, DayShape | None] = {}
        self.blocks: dict[frozenset[int], BlockShape | None] = {}
        self.cast_masks = [
            sum(1 << member for member in set(scene.cast)) for scene in problem.scenes
        ]

    def shape(self, scenes: frozenset[int]) -> DayShape | None:
        """The shape of a day shooting ``scenes``; None when no call and order can fit it."""
        known = self.memo.get(scenes, False)
        if known is not False:
            return known  # type: ignore[return-value]  # False is only the miss marker
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
            self.blocks.clear()
            self.by_bits.clear()
        shape = self._compute(scenes)
        self.memo[scenes] = shape
        return shape

    def shape_of_bits(self, bits: int) -> DayShape | None:
        """``shape`` of the scenes whose bits are set in ``bits`` (scene ``s`` is ``1 << s``)."""
        known = self.by_bits.get(bits, False)
        if known is not False:
            return known  # type: ignore[return-value]  # False is only the miss marker
        shape = self.shape(frozenset(bit_positions(bits)))
        self.by_bits[bits] = shape
        return shape

    def _compute(self, scenes: frozenset[int]) -> DayShape | None:
        problem, rules = self.problem, self.problem.rules
        by_location: dict[int, list[int]] = {}
        for scene in scenes:
            by_location.setdefault(problem.scenes[scene].location, []).append(scene)
        moves = len(by_location) - 1
        if rules.max_moves_per_day is not None and moves > rules.max_moves_per_day:
            return None
        length = sum(problem.scenes[scene].minutes for scene in scenes) + moves * rules.move_minutes
        if length > rules.max_shoot_minutes:
            return None
        shapes: dict[int, BlockShape] = {}
        for location, block in by_location.items():
            found = self.block(frozenset(block))
            if found is None:
                return None
            shapes[location] = found
        blocks = tuple(
            (location, tuple(sorted(by_location[location]))) for location in sorted(shapes)
        )
        options = []
        for order in visiting_orders(problem, blocks):
            option = self._option(tuple((location, shapes[location]) for location, _ in order))
            if option.calls:
                options.append(option)
        if not options:
            return None
        over = max(0, length - rules.standard_minutes)
        overtime = -(-over * rules.overtime_rate_per_hour // 60)
        rent = sum(problem.locations[location].rate for location in by_location)
        cast = 0
        for scene in scenes:
            cast |= self.cast_masks[scene]
        fixed = rent + moves * rules.move_cost + overtime + rules.crew_daily_rate
        return DayShape(length, fixed, cast, tuple(options))

    def _option(self, blocks: tuple[tuple[int, BlockShape], ...]) -> DayOption:
        """Calls at which every block of this visiting order fits its hours and light."""
        calls: tuple[Interval, ...] = ((0, LATEST_CALL),)
        offsets, offset = [], 0
        for _location, block in blocks:
            offsets.append(offset)
            starts = [(first - offset, last - offset) for first, last in block.starts]
            calls = intersect(calls, starts)
            if not calls:
                break
            offset += block.minutes + self.problem.rules.move_minutes
        fixed = None
        if all(len(block.arrangements) == 1 for _, block in blocks):
            fixed = tuple((location, block.arrangements[0][1]) for location, block in blocks)
        return DayOption(calls, blocks, tuple(offsets), fixed)

    def block(self, scenes: frozenset[int]) -> BlockShape | None:
        """The shape of one location's ``scenes`` as a block; None when no start fits."""
        known = self.blocks.get(scenes, False)
        if known is not False:
            return known  # type: ignore[return-value]  # False is only the miss marker
        shape = _block_shape(self.problem, scenes, self.openings)
        self.blocks[scenes] = shape
        return shape


def bit_positions(bits: int) -> list[int]:
    """The positions of the bits set in ``bits``, lowest first."""
    positions = []
    while bits:
        low = bits & -bits
        positions.append(low.bit_length() - 1)
        bits ^= low
    return positions


def _block_shape(
    problem: IndexedProblem, scenes: frozenset[int], openings: tuple[int, ...]
) -> BlockShape | None:
    location = problem.locations[problem.scenes[next(iter(scenes))].location]
    minutes = sum(problem.scenes[scene].minutes for scene in scenes)
    hours: tuple[Interval, ...] = ((-MINUTES_PER_DAY, 2 * MINUTES_PER_DAY),)
    opening = location.window_end - location.window_start
    if opening < MINUTES_PER_DAY:
        opens = (location.window_start + shift * MINUTES_PER_DAY for shift in openings)
        hours = _union((start, start + opening - minutes) for start in opens)
    lights: dict[tuple[Interval, ...] | None, list[int]] = {}
    for scene in sorted(scenes):
        lights.setdefault(problem.scenes[scene].light, []).append(scene)
    arrangements = []
    for parts in _light_parts(list(lights)):
        groups = [[scene for light in part for scene in lights[light]] for part in parts]
        if _breaks_orderings(problem, groups):
            continue
        starts, border = hours, 0
        for part, group in zip(parts, groups, strict=True):
            end = border + sum(problem.scenes[scene].minutes for scene in group)
            for light in part:
                if light is not None:
                    starts = intersect(
                        starts, _union((first - border, last - end) for first, last in light)
                    )
            border = end
        if starts:
            order = tuple(scene for group in groups for scene in order_block(problem, group))
            arrangements.append((starts, order))
    if not arrangements:
        return None
    union = _union(interval for starts, _ in arrangements for interval in starts)
    return BlockShape(minutes, union, tuple(arrangements))


Light = tuple[Interval, ...] | None


def _light_parts(lights: list[Light]) -> list[tuple[tuple[Light, ...], ...]]:
    """The ways to shoot a block's lights in consecutive parts, one light to a part and at
    most ``LIGHT_PARTS`` parts, as the model's ``light_part`` literals allow: one part first
    (the sequencing's order), then every split."""
    if all(light is None for light in lights):
        return [(tuple(lights),)]
    found: list[tuple[tuple[Light, ...], ...]] = []
    for assignment in product(range(min(len(lights), LIGHT_PARTS)), repeat=len(lights)):
        parts = tuple(
            tuple(light for light, part in zip(lights, assignment, strict=True) if part == index)
            for index in sorted(set(assignment))
        )
        if parts not in found:
            found.append(parts)
    return sorted(found, key=len)


def _breaks_orderings(problem: IndexedProblem, groups: list[list[int]]) -> bool:
    """True when a scene that must come first would be in a later part than its follower."""
    part = {scene: index for index, group in enumerate(groups) for scene in group}
    return any(
        part[before] > part[after]
        for before, after in problem.orderings
        if before in part and after in part
    )
