"""What a set of scenes needs as one shoot day, whatever its date: the day search's clock.

A day's timing is worked out once per set of scenes and remembered: its length, its fixed
costs, and for each order of its location blocks the calls at which every block is inside its
location's hours and the light of every exterior in it (unions of intervals). Stricter than
the evaluator where the CP-SAT model is, so that every day timed here can be locked and
re-timed by the model: a location's scenes are shot in one block a day, inside one opening of
its hours (not the next morning's), and the whole block inside each exterior's light.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem
from firstad.schedule.sequencing import Block, order_block, visiting_orders

Interval = tuple[int, int]

# Calls fall on the shoot date itself.
LATEST_CALL = MINUTES_PER_DAY - 1
# The openings of a location's daily hours a block may use, as in the CP-SAT model: the shoot
# date's and the evening before's (still open after midnight in a 19:00-07:00 window), not
# the next morning's (the evaluator accepts it; no call sheet plans a day around it).
MODEL_OPENINGS = (-1, 0)
# Remembered day timings before the memo is cleared (each is a few hundred bytes).
MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class DayShape:
    """What a set of scenes needs as one shoot day, whatever its date.

    ``length`` from call to wrap; ``fixed_cost`` the day's rent, company moves, overtime and
    crew; ``cast`` the bit mask of its actors; ``options`` each visiting order of its blocks
    with the calls (sorted disjoint intervals) at which it fits every set's hours and light.
    """

    length: int
    fixed_cost: int
    cast: int
    options: tuple[tuple[tuple[Interval, ...], tuple[Block, ...]], ...]

    def earliest_call(self, lowest: int) -> tuple[int, tuple[Block, ...]] | None:
        """The earliest call at or after ``lowest`` and the block order it needs."""
        best: tuple[int, tuple[Block, ...]] | None = None
        for intervals, blocks in self.options:
            for first, last in intervals:
                if last < lowest:
                    continue
                call = max(first, lowest)
                if best is None or call < best[0]:
                    best = (call, blocks)
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

    def __init__(self, problem: IndexedProblem) -> None:
        self.problem = problem
        self.memo: dict[frozenset[int], DayShape | None] = {}
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
        shape = self._compute(scenes)
        self.memo[scenes] = shape
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
        blocks = tuple(
            (location, order_block(problem, block))
            for location, block in sorted(by_location.items())
        )
        options = []
        for order in visiting_orders(problem, blocks):
            calls = self._calls(order)
            if calls:
                options.append((calls, order))
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

    def _calls(self, order: tuple[Block, ...]) -> tuple[Interval, ...]:
        """Calls at which every block of ``order`` fits its hours and its exteriors' light."""
        problem = self.problem
        calls: tuple[Interval, ...] = ((0, LATEST_CALL),)
        offset = 0
        for location_index, block in order:
            location = problem.locations[location_index]
            minutes = sum(problem.scenes[scene].minutes for scene in block)
            opening = location.window_end - location.window_start
            if opening < MINUTES_PER_DAY:
                starts = (
                    location.window_start + shift * MINUTES_PER_DAY for shift in MODEL_OPENINGS
                )
                calls = intersect(
                    calls,
                    _union(
                        (start - offset, start + opening - offset - minutes) for start in starts
                    ),
                )
            # The set's whole block inside each exterior's light, as the CP-SAT model has it
            # (so a day found here can be locked and re-timed by the model).
            for scene_index in block:
                light = problem.scenes[scene_index].light
                if light is not None:
                    calls = intersect(
                        calls,
                        _union((first - offset, last - offset - minutes) for first, last in light),
                    )
            if not calls:
                return ()
            offset += minutes + problem.rules.move_minutes
        return calls
