"""What any single shoot day can hold, derived from the rules alone: facts for lower bounds.

Every number here is an *upper* limit on what a violation-free day can do (minutes at one
location, which pairs of locations can share a day) or a *lower* limit on what an actor needs
(work days), judged by the evaluator's own reading of the rules:

- a day is called on its own date (call 00:00-23:59) and lasts at most ``max_shoot_minutes``;
- a scene fits a location's hours when it lies inside one opening of the daily window, the
  opening of the shoot date or of the day before or after (``evaluator.fits_window``);
- a company move of ``move_minutes`` separates blocks at different locations.

The limits are deliberately loose where exactness would need the day's timeline (idle time is
allowed, a location's blocks may be split): a bound built on them can only be too low, never
too high, which is what a lower bound needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedLocation, IndexedProblem

# The openings of a daily window the evaluator accepts: the shoot date's and its neighbours'.
OPENING_OFFSETS = (-1, 0, 1)
LATEST_CALL = MINUTES_PER_DAY - 1
# Stands in for "no limit" in interval arithmetic on an always-open location.
FAR = 10 * MINUTES_PER_DAY


@dataclass(frozen=True, slots=True)
class DayFacts:
    """Per-day limits of one problem.

    ``location_minutes[l]``: the most scene minutes location ``l`` can take in one day.
    ``incompatible``: location pairs ``(low, high)`` that no day can visit both of.
    ``places_a_day``: the most locations a day can visit (None: no limit).
    """

    location_minutes: tuple[int, ...]
    incompatible: frozenset[tuple[int, int]]
    places_a_day: int | None


def day_facts(problem: IndexedProblem) -> DayFacts:
    """The day limits of ``problem`` (see ``DayFacts``)."""
    moves = problem.rules.max_moves_per_day
    return DayFacts(
        location_minutes=tuple(
            location_day_minutes(location, problem.rules.max_shoot_minutes)
            for location in problem.locations
        ),
        incompatible=incompatible_locations(problem),
        places_a_day=None if moves is None else moves + 1,
    )


def is_always_open(location: IndexedLocation) -> bool:
    return location.window_end - location.window_start >= MINUTES_PER_DAY


def openings(location: IndexedLocation) -> tuple[tuple[int, int], ...]:
    """The window's openings a day may use, as (start, end) minutes from the date's midnight."""
    if is_always_open(location):
        return ((-FAR, FAR),)
    return tuple(
        (
            location.window_start + offset * MINUTES_PER_DAY,
            location.window_end + offset * MINUTES_PER_DAY,
        )
        for offset in OPENING_OFFSETS
    )


def location_day_minutes(location: IndexedLocation, day_cap: int) -> int:
    """The most minutes one day (call on its date, at most ``day_cap`` long) can spend inside
    the location's openings: the longest overlap of ``[call, call + day_cap]`` with them."""
    if is_always_open(location):
        return day_cap
    hours = openings(location)
    # The overlap is piecewise linear in the call, so its maximum is at a breakpoint.
    calls = {0, LATEST_CALL}
    for start, end in hours:
        calls.update((start, end, start - day_cap, end - day_cap))
    return max(_overlap(call, call + day_cap, hours) for call in calls if 0 <= call <= LATEST_CALL)


def _overlap(first: int, last: int, hours: tuple[tuple[int, int], ...]) -> int:
    return sum(max(0, min(last, end) - max(first, start)) for start, end in hours)


def incompatible_locations(problem: IndexedProblem) -> frozenset[tuple[int, int]]:
    """Pairs of used locations whose shortest scenes cannot both be shot in one day.

    A night-only set and a day-only set share a day only if a block of each fits its own hours
    with a move between them, all within one day's length from a call on the shoot date.
    """
    shortest = _shortest_scene_minutes(problem)
    pairs = set()
    for first, second in combinations(sorted(shortest), 2):
        if not can_share_day(problem, (first, shortest[first]), (second, shortest[second])):
            pairs.add((first, second))
    return frozenset(pairs)


def _shortest_scene_minutes(problem: IndexedProblem) -> dict[int, int]:
    shortest: dict[int, int] = {}
    for scene in problem.scenes:
        known = shortest.get(scene.location, scene.minutes)
        shortest[scene.location] = min(known, scene.minutes)
    return shortest


def can_share_day(problem: IndexedProblem, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when blocks of ``(location, minutes)`` both fit one day, in either order."""
    return _fits_in_order(problem, first, second) or _fits_in_order(problem, second, first)


def _fits_in_order(
    problem: IndexedProblem, earlier: tuple[int, int], later: tuple[int, int]
) -> bool:
    """Is there a call c (on the date), a start t of the earlier block and u of the later one,
    each inside one of its location's openings, with u >= t + minutes + move and the later
    block ending within the day's length of c <= t? Solved as an interval in t."""
    rules = problem.rules
    earlier_minutes, later_minutes = earlier[1], later[1]
    move, cap = rules.move_minutes, rules.max_shoot_minutes
    if earlier_minutes + move + later_minutes > cap:
        return False
    for earlier_start, earlier_end in openings(problem.locations[earlier[0]]):
        for later_start, later_end in openings(problem.locations[later[0]]):
            if later_start + later_minutes > later_end:
                continue
            if later_start + later_minutes - cap > LATEST_CALL:
                continue
            lowest = max(earlier_start, 0, later_start + later_minutes - cap)
            highest = min(
                earlier_end - earlier_minutes,
                later_end - later_minutes - earlier_minutes - move,
                LATEST_CALL + cap - earlier_minutes - move - later_minutes,
            )
            if lowest <= highest:
                return True
    return False


def fewest_work_days(problem: IndexedProblem, cast_index: int) -> int:
    """The fewest days an actor can work: their minutes take whole days, and the unit visits
    at most ``max_moves + 1`` of their locations a day."""
    scenes = [problem.scenes[index] for index in problem.scenes_of_cast(cast_index)]
    if not scenes:
        return 0
    minutes = sum(scene.minutes for scene in scenes)
    places = len({scene.location for scene in scenes})
    by_minutes = ceiling(minutes, problem.rules.max_shoot_minutes)
    moves = problem.rules.max_moves_per_day
    by_places = 1 if moves is None else ceiling(places, moves + 1)
    return max(by_minutes, by_places, 1)


def ceiling(amount: int, per_unit: int) -> int:
    """Units of ``per_unit`` needed to hold ``amount`` (0 for nothing)."""
    return -(-amount // max(per_unit, 1)) if amount > 0 else 0
