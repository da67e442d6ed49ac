"""When in a day a location block can start: the clock, as far as a day pattern can see it.

The evaluator times a day without idle time: the first scene starts at the call (on the shoot
date, 00:00-23:59), the scenes follow back to back, and a company move separates the blocks of
two locations. Each scene must lie inside one opening of its location's hours and, for an
exterior, inside one span of its light (``daylight``). So a pattern of one location's scenes
lasting ``length`` minutes can start its block at ``start`` only if every scene has a place in
``[start, start + length]`` that fits its hours and light: the *block starts* of the pattern,
a union of intervals. The order inside the block is left free, so this is a necessary
condition only, which is what a lower bound needs: a pattern it rules out fits no real day.

A one-location day calls at its block's start; a two-location day calls at the first block's
start and starts the second ``length + move`` later. ``fits_alone`` and ``pair_fits`` ask
exactly that of the block starts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

from firstad.schedule.daybound import FAR, LATEST_CALL, openings
from firstad.schedule.indexed import IndexedProblem

IntArray = npt.NDArray[np.int64]
Intervals = list[tuple[int, int]]

# Block starts kept per pattern; past this, neighbours are merged (a superset: still sound).
MOST_INTERVALS = 4
EVERY_START: Intervals = [(-FAR, FAR)]


def scene_starts(problem: IndexedProblem, scene_index: int) -> Intervals:
    """The minutes (from the date's midnight) a scene may start at, for its hours and light."""
    scene = problem.scenes[scene_index]
    lights = scene.light if scene.light is not None else ((-FAR, FAR),)
    starts = [
        (max(light_start, open_start), min(light_end, open_end) - scene.minutes)
        for light_start, light_end in lights
        for open_start, open_end in openings(problem.locations[scene.location])
    ]
    return _merged([(first, last) for first, last in starts if first <= last])


def block_starts(problem: IndexedProblem, scenes: tuple[int, ...]) -> Intervals:
    """Where a block of ``scenes`` (one location, back to back, any order) may start."""
    length = sum(problem.scenes[scene].minutes for scene in scenes)
    result = EVERY_START
    for scene in scenes:
        # The scene starts somewhere from the block's start to its end less the scene.
        slack = length - problem.scenes[scene].minutes
        allowed = [(first - slack, last) for first, last in scene_starts(problem, scene)]
        result = _intersection(result, allowed)
        if not result:
            return []
    return _capped(result)


def unbounded(problem: IndexedProblem, location: int) -> bool:
    """True when no block at ``location`` is limited by the clock: open all day, no light."""
    place = problem.locations[location]
    open_all_day = place.window_end - place.window_start >= 1440
    lit = any(scene.light is not None for scene in problem.scenes if scene.location == location)
    return open_all_day and not lit


def as_arrays(intervals: list[Intervals]) -> tuple[IntArray, IntArray]:
    """Each pattern's block starts as rows of firsts and lasts, padded with empty intervals."""
    firsts = np.full((len(intervals), MOST_INTERVALS), 1, dtype=np.int64)
    lasts = np.full((len(intervals), MOST_INTERVALS), 0, dtype=np.int64)
    for row, found in enumerate(intervals):
        for column, (first, last) in enumerate(found):
            firsts[row, column], lasts[row, column] = first, last
    return firsts, lasts


def fits_alone(firsts: IntArray, lasts: IntArray) -> npt.NDArray[np.bool_]:
    """For each pattern, whether a one-location day can call at one of its block starts."""
    callable_starts = (np.maximum(firsts, 0) <= np.minimum(lasts, LATEST_CALL)) & (firsts <= lasts)
    return np.asarray(callable_starts.any(axis=1), dtype=np.bool_)


@njit(cache=True)
def _follows(
    earlier_firsts: IntArray,
    earlier_lasts: IntArray,
    later_firsts: IntArray,
    later_lasts: IntArray,
    offset: int,
) -> bool:
    """A call on the date among the earlier block's starts whose ``offset`` later is among
    the later block's starts."""
    for one in range(earlier_firsts.shape[0]):
        for other in range(later_firsts.shape[0]):
            low = max(earlier_firsts[one], later_firsts[other] - offset, 0)
            high = min(earlier_lasts[one], later_lasts[other] - offset, LATEST_CALL)
            if low <= high:
                return True
    return False


@njit(cache=True)
def pair_fits(  # noqa: PLR0917 (numba: positional only)
    first_firsts: IntArray,
    first_lasts: IntArray,
    first_minutes: int,
    second_firsts: IntArray,
    second_lasts: IntArray,
    second_minutes: int,
    move_minutes: int,
) -> bool:
    """Whether two blocks fit one day, in either order."""
    return _follows(
        first_firsts, first_lasts, second_firsts, second_lasts, first_minutes + move_minutes
    ) or _follows(
        second_firsts, second_lasts, first_firsts, first_lasts, second_minutes + move_minutes
    )


def _intersection(one: Intervals, other: Intervals) -> Intervals:
    found = [
        (max(first, other_first), min(last, other_last))
        for first, last in one
        for other_first, other_last in other
    ]
    return _merged([(first, last) for first, last in found if first <= last])


def _merged(intervals: Intervals) -> Intervals:
    merged: Intervals = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _capped(intervals: Intervals) -> Intervals:
    """At most ``MOST_INTERVALS``, by joining the closest neighbours (a superset)."""
    capped = list(intervals)
    while len(capped) > MOST_INTERVALS:
        gaps = [capped[index + 1][0] - capped[index][1] for index in range(len(capped) - 1)]
        index = gaps.index(min(gaps))
        capped[index : index + 2] = [(capped[index][0], capped[index + 1][1])]
    return capped
