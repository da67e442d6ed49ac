"""The day search's board: scenes on days, priced and timed as moves are tried.

``Board`` keeps a complete assignment of scenes to days with the evaluator's cost kept per day
(rent, moves, overtime, crew) and per actor (days from first to last work day, holds
included, drop/pick-up across the longest gap). A move is priced before it is made
(``Board.price``), made only when it may be kept, and taken back by restoring the prices from
before it; the days are timed again from the first one a move touches (``Board.feasible``).
``day_search`` anneals over it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from firstad.schedule.day_shapes import DayOption, DayShape, DayShapes, bit_positions
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem
from firstad.schedule.sequencing import DayPlan

# The price of a day no order and call can fit: the search leaves it at once.
IMPOSSIBLE = 1 << 40


@dataclass(slots=True)
class Undo:
    """What ``Board.undo`` needs: the moves' (scene, old day) in order, and the prices before
    them (the total, the used days, each touched day's shape and cost, each repriced actor's
    cost), restored rather than recomputed: most priced moves are taken back."""

    moves: list[tuple[int, int]]
    total: int
    used: int
    days: list[tuple[int, DayShape | None, int]]
    cast: list[tuple[int, int]]
    swapped: tuple[int, int] | None = None  # the days of a ``Board.swap_days``


class Move(NamedTuple):
    """A move the search proposes: each scene's new day (``changes``, in order), or two days
    trading all their scenes (``swapped``: ``Board.swap_days``)."""

    changes: Sequence[tuple[int, int]] = ()
    swapped: tuple[int, int] | None = None


def _mask(days: Iterable[int]) -> int:
    return sum(1 << day for day in days)


@dataclass(slots=True)
class _Timing:
    """The board's days as ``timed`` last timed them, up to the day it failed on
    (``reached``; the day count when every day was timed): for each used day in order, its
    ``days`` index, ``calls`` and ``wraps``, ``casts`` (bit masks) and the visiting
    ``options`` called; and the days moved since, from ``low`` to ``high`` (none when
    ``low > high``). Plain lists: a ``DayPlan`` is made only when one is asked for."""

    days: list[int]
    calls: list[int]
    wraps: list[int]
    casts: list[int]
    options: list[DayOption]
    reached: int
    low: int = 1 << 30
    high: int = -1

    def changed(self, low: int, high: int) -> None:
        self.low, self.high = min(self.low, low), max(self.high, high)

    def head(self, count: int, reached: int) -> _Timing:
        """The first ``count`` days of this timing, the rest to be timed up to ``reached``."""
        return _Timing(
            self.days[:count],
            self.calls[:count],
            self.wraps[:count],
            self.casts[:count],
            self.options[:count],
            reached,
        )

    def append(self, day: int, call: int, wrap: int, cast: int, option: DayOption) -> None:
        self.days.append(day)
        self.calls.append(call)
        self.wraps.append(wrap)
        self.casts.append(cast)
        self.options.append(option)

    def extend(self, other: _Timing, start: int) -> None:
        """The rest of ``other`` from its day ``start``, and how it ended."""
        self.days += other.days[start:]
        self.calls += other.calls[start:]
        self.wraps += other.wraps[start:]
        self.casts += other.casts[start:]
        self.options += other.options[start:]
        self.reached = other.reached

    def plans(self) -> list[DayPlan]:
        return [
            DayPlan(day, option.blocks_at(call), call, wrap)
            for day, call, wrap, option in zip(
                self.days, self.calls, self.wraps, self.options, strict=True
            )
        ]


class Board:
    """A complete assignment of scenes to days with its cost kept up to date."""

    def __init__(self, problem: IndexedProblem, shapes: DayShapes, day_of: Sequence[int]) -> None:
        self.problem = problem
        self.shapes = shapes
        self.day_of = list(day_of)
        days = problem.day_count
        rules = problem.rules
        self.allowed = [frozenset(problem.allowed_days(scene)) for scene in range(len(day_of))]
        self.allowed_masks = [_mask(allowed) for allowed in self.allowed]
        # Scenes on a day their cast, set, permit or fixed date rules out.
        self.misplaced = sum(day not in self.allowed[scene] for scene, day in enumerate(day_of))
        # A day's scenes twice: a set, whose order of iteration the moves follow (kept as it
        # always was, so a seed's search stays the same), and a bit mask, the memo's key.
        self.scenes_on: list[set[int]] = [set() for _ in range(days)]
        self.day_bits = [0] * days
        self.minutes = [scene.minutes for scene in problem.scenes]
        self.locations = [scene.location for scene in problem.scenes]
        # Per day: scene minutes, and how many scenes each set has there and how many sets
        # (a quick test of whether a move can fit at all, before it is made and priced); per
        # set, the days it is used.
        self.minutes_on = [0] * days
        self.set_counts = [[0] * len(problem.locations) for _ in range(days)]
        self.places_on = [0] * days
        self.location_days = [0] * len(problem.locations)
        self.max_moves = rules.max_moves_per_day
        self.move_minutes = rules.move_minutes
        self.max_minutes = rules.max_shoot_minutes
        self.crew_rest = rules.crew_turnaround_minutes
        # The rest when an actor works both days (the longer turnaround): also how far back
        # a day's rest can reach.
        self.longest_rest = max(rules.crew_turnaround_minutes, rules.turnaround_minutes)
        self.timing = _Timing([], [], [], [], [], 0, low=0, high=days - 1)
        cast_count = len(problem.cast)
        self.scene_cast = [tuple(set(scene.cast)) for scene in problem.scenes]
        self.work_count = [[0] * days for _ in range(cast_count)]
        self.work_mask = [0] * cast_count
        for scene, day in enumerate(self.day_of):
            self.scenes_on[day].add(scene)
            self.day_bits[day] |= 1 << scene
            self._place(scene, day)
            for member in self.scene_cast[scene]:
                self.work_count[member][day] += 1
                self.work_mask[member] |= 1 << day
        self.day_shapes: list[DayShape | None] = [None] * days
        self.day_costs = [0] * days
        self.total = 0
        for day in range(days):
            self._reshape(day)
        self.used = sum(1 << day for day in range(days) if self.scenes_on[day])
        self.rates = [member.rate for member in problem.cast]
        self.drop_pickup = [member.drop_pickup for member in problem.cast]
        self.drop_pickup_gap = problem.rules.drop_pickup_min_gap_days
        self.ordinals = [day_date.toordinal() for day_date in problem.dates]
        self.actor_costs = [self._actor_cost(member) for member in range(cast_count)]
        # Every set with a scene pays its permit once, wherever the scenes go.
        permits = sum(
            location.permit_fee
            for index, location in enumerate(problem.locations)
            if any(scene.location == index for scene in problem.scenes)
        )
        self.total += sum(self.actor_costs) + permits

    # --- cost ---------------------------------------------------------------------------

    @property
    def cost(self) -> int:
        return self.total

    def _reshape(self, day: int) -> None:
        bits = self.day_bits[day]
        shape = self.shapes.shape_of_bits(bits) if bits else None
        self.day_shapes[day] = shape
        # An impossible day costs as much as a whole shoot: the search leaves it at once.
        cost = 0 if not bits else IMPOSSIBLE if shape is None else shape.fixed_cost
        self.total += cost - self.day_costs[day]
        self.day_costs[day] = cost

    def _reprice(self, member: int) -> None:
        cost = self._actor_cost(member)
        self.total += cost - self.actor_costs[member]
        self.actor_costs[member] = cost

    def _actor_cost(self, member: int) -> int:
        return self._cost_of(member, self.work_mask[member], self.used)

    def _cost_of(self, member: int, mask: int, used: int) -> int:
        """An actor's pay working the days of ``mask`` with the days of ``used`` in use."""
        if mask == 0 or self.rates[member] == 0:
            return 0
        lowest = mask & -mask
        span = ((1 << mask.bit_length()) - 1) & -lowest  # first to last work day
        paid = (used & span).bit_count()
        if self.drop_pickup[member]:
            paid -= self._dropped(mask, lowest.bit_length() - 1, mask.bit_length() - 1, used)
        return self.rates[member] * paid

    def _dropped(self, mask: int, first: int, last: int, used: int) -> int:
        """Used days not paid across the longest drop/pick-up gap (``evaluator``'s rule)."""
        minimum, ordinals = self.drop_pickup_gap, self.ordinals
        if ordinals[last] - ordinals[first] - 1 <= minimum:
            return 0  # no gap between work days is longer than the whole span
        best, previous = 0, first
        for day in bit_positions(mask ^ (1 << first)):
            if ordinals[day] - ordinals[previous] - 1 > minimum:
                between = ((1 << day) - 1) ^ ((1 << (previous + 1)) - 1)
                best = max(best, (used & between).bit_count())
            previous = day
        return best

    # --- moves ----------------------------------------------------------------------------

    def relocate(self, moves: Sequence[tuple[int, int]]) -> Undo:
        """Move each ``(scene, day)``; returns what ``undo`` needs to take the moves back."""
        undone: list[tuple[int, int]] = []
        touched_days = 0
        repriced: set[int] = set()
        for scene, day in moves:
            old = self.day_of[scene]
            if old == day:
                continue
            undone.append((scene, old))
            self._shift(scene, old, day, repriced)
            touched_days |= (1 << old) | (1 << day)
        return self._refresh(undone, touched_days, repriced)

    def price(self, move: Move) -> int:
        """``cost`` once ``move`` is made, without making it: the search refuses most of the
        moves it prices, and making and undoing one costs more than pricing it."""
        if move.swapped is not None:
            return self._price_swap(*move.swapped)
        moved: dict[int, int] = {}  # scene -> its day after the changes so far
        bits: dict[int, int] = {}  # day -> its scenes after the changes (bit mask)
        work: dict[tuple[int, int], int] = {}  # (actor, day) -> change in their scenes there
        for scene, day in move.changes:
            old = moved.get(scene, self.day_of[scene])
            if old == day:
                continue
            moved[scene] = day
            bits[old] = bits.get(old, self.day_bits[old]) & ~(1 << scene)
            bits[day] = bits.get(day, self.day_bits[day]) | (1 << scene)
            for member in self.scene_cast[scene]:
                work[member, old] = work.get((member, old), 0) - 1
                work[member, day] = work.get((member, day), 0) + 1
        total, used = self.total, self.used
        for day, after in bits.items():
            total += self._day_cost(after) - self.day_costs[day]
            used = used | (1 << day) if after else used & ~(1 << day)
        masks: dict[int, int] = {}  # actor -> their work days after
        for (member, day), change in work.items():
            mask = masks.get(member, self.work_mask[member])
            works = self.work_count[member][day] + change
            masks[member] = mask | (1 << day) if works else mask & ~(1 << day)
        return total + self._pay_change(masks, used)

    def _price_swap(self, one: int, two: int) -> int:
        """``price`` of ``swap_days``: each day's cost goes with its scenes (a day costs the
        same on any date), so only the pay of actors working one of the two days changes."""
        both = (1 << one) | (1 << two)
        used = self.used
        if bool(self.day_bits[one]) != bool(self.day_bits[two]):
            used ^= both
        trading = self._cast_on(one) ^ self._cast_on(two)  # who works one of the days
        masks = {member: self.work_mask[member] ^ both for member in bit_positions(trading)}
        return self.total + self._pay_change(masks, used)

    def _cast_on(self, day: int) -> int:
        """The bit mask of the actors working ``day``: its shape's, for a day that fits."""
        shape = self.day_shapes[day]
        if shape is not None:
            return shape.cast
        cast = 0
        for scene in self.scenes_on[day]:
            cast |= self.shapes.cast_masks[scene]
        return cast

    def _pay_change(self, masks: dict[int, int], used: int) -> int:
        """How the cast's pay changes with ``masks`` (actor -> work days) and ``used`` days:
        theirs, and that of whoever's span covers a day starting or ending its use."""
        change = 0
        for member, mask in masks.items():
            change += self._cost_of(member, mask, used) - self.actor_costs[member]
        flipped = used ^ self.used
        if flipped:
            for member in self._spanning(flipped, masks):
                mask = self.work_mask[member]
                change += self._cost_of(member, mask, used) - self.actor_costs[member]
        return change

    def _spanning(self, flipped: int, known: Container[int]) -> Iterator[int]:
        """The actors not in ``known`` whose span of work days reaches over days of ``flipped``
        (days starting or ending their use): their holds may change."""
        lowest, highest = (flipped & -flipped).bit_length() - 1, flipped.bit_length() - 1
        for member, mask in enumerate(self.work_mask):
            if mask and member not in known:
                first, last = (mask & -mask).bit_length() - 1, mask.bit_length() - 1
                if first < highest and lowest < last:
                    yield member

    def _day_cost(self, bits: int) -> int:
        """The cost of a day shooting the scenes of ``bits``."""
        if not bits:
            return 0
        shape = self.shapes.shape_of_bits(bits)
        # An impossible day costs as much as a whole shoot: the search leaves it at once.
        return IMPOSSIBLE if shape is None else shape.fixed_cost

    def touch(self, move: Move) -> None:
        """Make and undo ``move`` on the per-day sets of scenes alone, as ``make`` and
        ``undo`` would: their order of iteration, which later moves follow, depends on every
        add and discard (a discarded scene leaves a marker behind, and markers make the set
        grow sooner)."""
        if move.swapped is not None:
            self._touch_swap(*move.swapped)
            return
        changes = move.changes
        moved: dict[int, int] = {}
        undone: list[tuple[int, int]] = []
        for scene, day in changes:
            old = moved.get(scene, self.day_of[scene])
            if old == day:
                continue
            moved[scene] = day
            undone.append((scene, old))
            self.scenes_on[old].discard(scene)
            self.scenes_on[day].add(scene)
        for scene, old in reversed(undone):
            self.scenes_on[moved[scene]].discard(scene)
            self.scenes_on[old].add(scene)
            moved[scene] = old

    def _touch_swap(self, one: int, two: int) -> None:
        """``touch`` for ``swap_days``: there and back, in the order of making and undoing."""
        sets_one, sets_two = self.scenes_on[one], self.scenes_on[two]
        first, second = list(sets_one), list(sets_two)
        for scene in first:
            sets_one.discard(scene)
            sets_two.add(scene)
        for scene in second:
            sets_two.discard(scene)
            sets_one.add(scene)
        for scene in reversed(second):
            sets_one.discard(scene)
            sets_two.add(scene)
        for scene in reversed(first):
            sets_two.discard(scene)
            sets_one.add(scene)

    def make(self, move: Move) -> Undo:
        """Make a proposed move; returns what ``undo`` needs to take it back."""
        if move.swapped is not None:
            return self.swap_days(*move.swapped)
        return self.relocate(move.changes)

    def swap_days(self, one: int, two: int) -> Undo:
        """``relocate`` every scene of day ``one`` to ``two`` and every scene of ``two`` to
        ``one`` (each day's scenes in its set's order), in bulk: the days trade their counts
        whole, and only the sets' adds and discards go scene by scene."""
        first, second = list(self.scenes_on[one]), list(self.scenes_on[two])
        undone = [(scene, one) for scene in first] + [(scene, two) for scene in second]
        for scene in first:
            self.scenes_on[one].discard(scene)
            self.scenes_on[two].add(scene)
        for scene in second:
            self.scenes_on[two].discard(scene)
            self.scenes_on[one].add(scene)
        repriced = self._trade(one, two, first, second)
        undo = self._refresh(undone, (1 << one) | (1 << two), repriced)
        undo.swapped = (one, two)
        return undo

    def _trade(
        self, one: int, two: int, leaving_one: list[int], leaving_two: list[int]
    ) -> set[int]:
        """Days ``one`` and ``two`` trade all their scenes (``leaving_one``, ``leaving_two``):
        everything but the sets of scenes and the prices. Returns the cast members whose work
        days change."""
        day_of, allowed = self.day_of, self.allowed_masks
        for scene in leaving_one:
            day_of[scene] = two
            self.misplaced += ((allowed[scene] >> one) & 1) - ((allowed[scene] >> two) & 1)
        for scene in leaving_two:
            day_of[scene] = one
            self.misplaced += ((allowed[scene] >> two) & 1) - ((allowed[scene] >> one) & 1)
        bits, minutes, sets, places = (
            self.day_bits,
            self.minutes_on,
            self.set_counts,
            self.places_on,
        )
        bits[one], bits[two] = bits[two], bits[one]
        minutes[one], minutes[two] = minutes[two], minutes[one]
        sets[one], sets[two] = sets[two], sets[one]
        places[one], places[two] = places[two], places[one]
        both = (1 << one) | (1 << two)
        scenes = leaving_one + leaving_two
        for location in {self.locations[scene] for scene in scenes}:
            if ((self.location_days[location] >> one) ^ (self.location_days[location] >> two)) & 1:
                self.location_days[location] ^= both
        repriced = set()
        for member in {member for scene in scenes for member in self.scene_cast[scene]}:
            counts = self.work_count[member]
            counts[one], counts[two] = counts[two], counts[one]
            if ((self.work_mask[member] >> one) ^ (self.work_mask[member] >> two)) & 1:
                self.work_mask[member] ^= both
                repriced.add(member)
        return repriced

    def _shift(self, scene: int, old: int, day: int, repriced: set[int]) -> None:
        """One scene from ``old`` to ``day``: everything but the prices. Cast members whose
        work days change go into ``repriced``. (The hottest code of the search: inlined.)"""
        allowed = self.allowed_masks[scene]
        self.misplaced += ((allowed >> old) & 1) - ((allowed >> day) & 1)
        self.day_of[scene] = day
        self.scenes_on[old].discard(scene)
        self.scenes_on[day].add(scene)
        bit, day_bits = 1 << scene, self.day_bits
        day_bits[old] ^= bit
        day_bits[day] |= bit
        minutes, minutes_on = self.minutes[scene], self.minutes_on
        minutes_on[old] -= minutes
        minutes_on[day] += minutes
        location = self.locations[scene]
        counts = self.set_counts[old]
        counts[location] -= 1
        if not counts[location]:  # the set's last scene there
            self.places_on[old] -= 1
            self.location_days[location] ^= 1 << old
        counts = self.set_counts[day]
        counts[location] += 1
        if counts[location] == 1:  # its first
            self.places_on[day] += 1
            self.location_days[location] |= 1 << day
        work_mask = self.work_mask
        for member in self.scene_cast[scene]:
            counts = self.work_count[member]
            counts[old] -= 1
            if not counts[old]:
                work_mask[member] ^= 1 << old
                repriced.add(member)
            counts[day] += 1
            if counts[day] == 1:
                work_mask[member] |= 1 << day
                repriced.add(member)

    def _refresh(self, undone: list[tuple[int, int]], days: int, cast: set[int]) -> Undo:
        """Reprice the ``days`` (a bit mask) and ``cast`` the moves touched: an actor's price
        changes only with their work days or the used days inside their span."""
        undo = Undo(undone, self.total, self.used, [], [])
        used = self.used
        while days:
            low = days & -days
            days ^= low
            day = low.bit_length() - 1
            undo.days.append((day, self.day_shapes[day], self.day_costs[day]))
            self._reshape(day)
            if self.day_bits[day]:
                used |= low
            else:
                used &= ~low
        flipped = used ^ self.used
        self.used = used
        if undo.days:
            self.timing.changed(undo.days[0][0], undo.days[-1][0])
        if flipped:
            cast.update(self._spanning(flipped, cast))
        for member in cast:
            undo.cast.append((member, self.actor_costs[member]))
            self._reprice(member)
        return undo

    def undo(self, undo: Undo) -> None:
        """Take back the moves of ``relocate``, in reverse, and restore the prices before."""
        if undo.swapped is None:
            for scene, old in reversed(undo.moves):
                self._shift(scene, self.day_of[scene], old, set())
        else:
            one, two = undo.swapped
            back: dict[int, list[int]] = {one: [], two: []}  # scenes going back to each day
            for scene, old in reversed(undo.moves):
                self.scenes_on[self.day_of[scene]].discard(scene)
                self.scenes_on[old].add(scene)
                back[old].append(scene)
            self._trade(one, two, back[two], back[one])
        self.total, self.used = undo.total, undo.used
        for day, shape, cost in undo.days:
            self.day_shapes[day], self.day_costs[day] = shape, cost
        if undo.days:
            self.timing.changed(undo.days[0][0], undo.days[-1][0])
        for member, cost in undo.cast:
            self.actor_costs[member] = cost

    def _place(self, scene: int, day: int) -> None:
        self.minutes_on[day] += self.minutes[scene]
        location = self.locations[scene]
        self.set_counts[day][location] += 1
        if self.set_counts[day][location] == 1:
            self.places_on[day] += 1
            self.location_days[location] |= 1 << day

    def could_fit(self, moves: Sequence[tuple[int, int]]) -> bool:
        """False when the moves surely overfill a day: more sets than the moves per day allow,
        or more scene and move minutes than a day's hours. Cheap, and most random moves fail
        it, so the search tests it before pricing a move: in the form of ``block_fits`` and
        ``trade_fits`` for its moves, and not at all for a day swap (always fits)."""
        day_of, minutes, locations = self.day_of, self.minutes, self.locations
        if len(moves) == 1:  # one scene (the commonest move): no dictionaries
            scene, day = moves[0]
            if day_of[scene] == day:
                return True
            arrives = self.set_counts[day][locations[scene]] == 0
            return self._day_fits(day, minutes[scene], self.places_on[day] + arrives)
        gained: dict[int, int] = {}
        arriving: dict[int, dict[int, int]] = {}
        for scene, day in moves:
            old = day_of[scene]
            if old == day:
                continue
            scene_minutes, location = minutes[scene], locations[scene]
            if day in gained:
                gained[day] += scene_minutes
                there = arriving[day]
                there[location] = there.get(location, 0) + 1
            else:
                gained[day] = scene_minutes
                arriving[day] = {location: 1}
            if old in gained:
                gained[old] -= scene_minutes
                there = arriving[old]
                there[location] = there.get(location, 0) - 1
            else:
                gained[old] = -scene_minutes
                arriving[old] = {location: -1}
        for day, change in arriving.items():
            if max(change.values()) <= 0:
                continue  # only scenes leaving: no more sets, no more minutes
            counts, places = self.set_counts[day], self.places_on[day]
            for location, count in change.items():
                before = counts[location]
                places += (before + count > 0) - (before > 0)
            if not self._day_fits(day, gained[day], places):
                return False
        return True

    def block_fits(self, block: Sequence[int], day: int) -> bool:
        """``could_fit`` of moving ``block`` (scenes of one set on one day) to ``day``."""
        if self.day_of[block[0]] == day:
            return True
        arrives = self.set_counts[day][self.locations[block[0]]] == 0
        gained = sum(map(self.minutes.__getitem__, block))
        return self._day_fits(day, gained, self.places_on[day] + arrives)

    def trade_fits(self, first: Sequence[int], second: Sequence[int]) -> bool:
        """``could_fit`` of ``first`` and ``second`` trading days: each the scenes of one set
        on one day (of all of its scenes there, or some), the days not the same."""
        one, two = self.day_of[first[0]], self.day_of[second[0]]
        return self._takes(two, first, second) and self._takes(one, second, first)

    def _takes(self, day: int, arriving: Sequence[int], leaving: Sequence[int]) -> bool:
        """``could_fit`` for ``day`` alone, taking one set's ``arriving`` scenes and giving up
        ``leaving``, one set's scenes there."""
        coming, going = self.locations[arriving[0]], self.locations[leaving[0]]
        counts = self.set_counts[day]
        if coming == going:
            if len(arriving) <= len(leaving):
                return True  # no more scenes of the set: could_fit does not look further
            places = self.places_on[day]
        else:
            places = self.places_on[day] + (counts[coming] == 0) - (counts[going] == len(leaving))
        minutes = self.minutes.__getitem__
        gained = sum(map(minutes, arriving)) - sum(map(minutes, leaving))
        return self._day_fits(day, gained, places)

    def _day_fits(self, day: int, gained: int, places: int) -> bool:
        """Whether ``day`` holds ``gained`` more scene minutes at ``places`` sets."""
        moves_there = places - 1
        if self.max_moves is not None and moves_there > self.max_moves:
            return False
        return self.minutes_on[day] + gained + moves_there * self.move_minutes <= self.max_minutes

    # --- validity across days -------------------------------------------------------------

    def timed(self) -> list[DayPlan] | None:
        """Each used day at its earliest feasible call, or None when some rule cannot hold:
        a scene on a day it may not be shot, a day no order fits, the rest between days, the
        run of days in a row, the orderings."""
        return self.timing.plans() if self.feasible() else None

    def feasible(self) -> bool:
        """Whether ``timed`` finds a plan (and the days are timed for it): the search asks
        this of each move it may keep, and for the plans only of a better schedule."""
        if self.misplaced or not self._timed_days():
            return False
        return self._days_in_a_row_ok() and self._orderings_ok()

    def _timed_days(self) -> bool:
        """Time the used days in turn, as ``timed``, from the last timing where it still
        holds: the days before the first changed one are as they were, and once a day's
        rest looks back only on days timed as before, so is every day after it. False when
        a day cannot be timed."""
        last, day_count = self.timing, self.problem.day_count
        if last.low >= day_count or last.low > last.reached:
            return last.reached == day_count
        keep = bisect_left(last.days, last.low)
        timing = last.head(keep, day_count)
        matched = -1  # timing's days from this index on are the last timing's
        aligned = keep  # the last timing's first day not before ``day``
        for day in range(last.low, day_count):
            if not self.day_bits[day]:
                continue
            shape = self.day_shapes[day]
            if shape is None:
                timing.reached = day
                break
            lowest, stopped = self._earliest_after(timing, day, shape.cast)
            known = False  # the last timing has this day, and nothing moved up to it
            if day > last.high:
                while aligned < len(last.days) and last.days[aligned] < day:
                    aligned += 1
                known = aligned < len(last.days) and last.days[aligned] == day
                if known and 0 <= matched <= stopped:
                    timing.extend(last, aligned)
                    break
            found = shape.earliest(lowest)
            if found is None:
                timing.reached = day
                break
            call, option = found
            if known and last.calls[aligned] == call:
                matched = len(timing.days) if matched < 0 else matched
            else:
                matched = -1
            timing.append(day, call, call + shape.length, shape.cast, option)
        self.timing = timing
        return timing.reached == day_count

    def _earliest_after(self, timing: _Timing, day: int, cast: int) -> tuple[int, int]:
        """The earliest call of ``day`` (minutes from its midnight) after the rest from the
        days timed before it, and the index of the day that ends the look back (-1: none)."""
        ordinal, lowest = self.ordinals[day], 0
        days, wraps, casts = timing.days, timing.wraps, timing.casts
        index = len(days) - 1
        while index >= 0:
            offset = MINUTES_PER_DAY * (ordinal - self.ordinals[days[index]])
            if offset >= wraps[index] + self.longest_rest:
                break
            rest = self.longest_rest if casts[index] & cast else self.crew_rest
            lowest = max(lowest, wraps[index] + rest - offset)
            index -= 1
        return lowest, index

    def _days_in_a_row_ok(self) -> bool:
        limit = self.problem.rules.max_consecutive_days
        if limit is None:
            return True
        run, previous = 0, None
        for day in self.timing.days:
            ordinal = self.ordinals[day]
            run = run + 1 if previous is not None and ordinal - previous == 1 else 1
            if run > limit:
                return False
            previous = ordinal
        return True

    def _orderings_ok(self) -> bool:
        return all(
            self.day_of[before] <= self.day_of[after] for before, after in self.problem.orderings
        )
