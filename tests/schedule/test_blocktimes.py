"""Block starts never rule out a block the evaluator would accept (searched on a grid)."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from firstad.model import IntExt, WorkRules
from firstad.schedule.blocktimes import block_starts, scene_starts
from firstad.schedule.datebound import date_bound, fits_a_day
from firstad.schedule.daybound_columns import column_bound
from firstad.schedule.daylight import fits_light
from firstad.schedule.evaluator import fits_window
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.problem import DaylightMinutes, SceneJob, SchedulingProblem
from tests.schedule.schedule_builders import (
    actor,
    brute_force_best,
    place,
    problem,
    scene,
    weekdays,
)

DAYLIGHT = DaylightMinutes(sunrise=425, sunset=1130, twilight=45)
WINDOWS = ((0, 1440), (420, 1320), (1140, 1860), (300, 720), (1200, 1800))
LIGHTS = (None, "DAY", "NIGHT", "DAWN", "DUSK")
# Calls and starts tried by the grid search: every quarter hour.
GRID = 15


def exterior(job: SceneJob, lighting: str | None) -> SceneJob:
    """``job`` shot outside in ``lighting`` (None: inside, any light)."""
    if lighting is None:
        return job
    return replace(job, int_ext=IntExt.EXT, time_of_day=lighting)


@st.composite
def two_set_days(draw: st.DrawFn) -> SchedulingProblem:
    """One date, two sets with drawn hours, up to two scenes at each with drawn light."""
    days = weekdays(1)
    scenes = [
        exterior(
            scene(
                str(number),
                draw(st.sampled_from([30, 60, 90, 150, 240])),
                [],
                draw(st.sampled_from(["x", "y"])),
            ),
            draw(st.sampled_from(LIGHTS)),
        )
        for number in range(1, draw(st.integers(1, 4)) + 1)
    ]
    locations = [place(name, days, window=draw(st.sampled_from(WINDOWS))) for name in "xy"]
    rules = WorkRules(move_minutes=draw(st.sampled_from([30, 60])), max_moves_per_day=1)
    scheduling = problem(scenes, days, [], locations, rules=rules)
    return replace(scheduling, daylight=DAYLIGHT)


def fits_from(indexed: IndexedProblem, order: tuple[int, ...], start: int) -> int | None:
    """Where a block of ``order`` started at ``start`` ends, or None when a scene does not fit
    its hours or light (the evaluator's tests)."""
    minute = start
    for scene_index in order:
        job = indexed.scenes[scene_index]
        location = indexed.locations[job.location]
        end = minute + job.minutes
        terms = place(location.identifier, (), window=(location.window_start, location.window_end))
        if not fits_window(terms, minute, end) or not fits_light(minute, end, job.light):
            return None
        minute = end
    return minute


def inside(value: int, intervals: list[tuple[int, int]]) -> bool:
    return any(first <= value <= last for first, last in intervals)


def blocks_of(indexed: IndexedProblem) -> dict[int, tuple[int, ...]]:
    blocks: dict[int, tuple[int, ...]] = {}
    for index, job in enumerate(indexed.scenes):
        blocks[job.location] = (*blocks.get(job.location, ()), index)
    return blocks


@settings(max_examples=60, deadline=None)
@given(two_set_days())
def test_every_start_the_evaluator_accepts_is_a_block_start(scheduling: SchedulingProblem) -> None:
    indexed = index_problem(scheduling)
    for scenes in blocks_of(indexed).values():
        starts = block_starts(indexed, scenes)
        for order in itertools.permutations(scenes):
            for start in range(-1440, 2 * 1440, GRID):
                if fits_from(indexed, order, start) is not None:
                    assert inside(start, starts), f"{order} from {start}: {starts}"


def day_fits_somehow(indexed: IndexedProblem) -> bool:
    """A call on the date, a visiting order and an order in each block that the evaluator
    accepts, searched on the grid."""
    blocks = list(blocks_of(indexed).values())
    move = indexed.rules.move_minutes
    for visits in itertools.permutations(blocks):
        for orders in itertools.product(*(itertools.permutations(block) for block in visits)):
            for call in range(0, 1440, GRID):
                minute: int | None = call
                for position, order in enumerate(orders):
                    if minute is not None:
                        minute = fits_from(indexed, order, minute + (move if position else 0))
                if minute is not None and minute - call <= indexed.rules.max_shoot_minutes:
                    return True
    return False


@settings(max_examples=60, deadline=None)
@given(two_set_days())
def test_a_day_the_evaluator_accepts_passes_the_block_start_test(
    scheduling: SchedulingProblem,
) -> None:
    indexed = index_problem(scheduling)
    if day_fits_somehow(indexed):
        assert fits_a_day(indexed, tuple(range(len(indexed.scenes))))


def test_a_scene_starts_inside_its_light_and_hours() -> None:
    days = weekdays(1)
    dawn = exterior(scene("1", 60, [], "lake"), "DAWN")
    scheduling = replace(
        problem([dawn], days, [], [place("lake", days, window=(300, 720))]), daylight=DAYLIGHT
    )
    # Dawn is 06:20-07:50: an hour's scene starts 06:20-06:50, or the next morning (hours
    # 05:00-12:00 repeat every day).
    assert scene_starts(index_problem(scheduling), 0) == [(380, 410), (1820, 1850)]


def test_dawn_and_dusk_exteriors_take_two_days() -> None:
    # With no idle time in a day, a dawn scene and a dusk scene cannot share one: the
    # undated patterns put them together, the block starts do not.
    days = weekdays(2)
    scenes = [
        exterior(scene("1", 60, ["maya"], "lake"), "DAWN"),
        exterior(scene("2", 60, ["maya"], "field"), "DUSK"),
    ]
    locations = [place("lake", days, rate=300), place("field", days, rate=300)]
    scheduling = replace(
        problem(scenes, days, [actor("maya", 1000, days)], locations, crew=2000),
        daylight=DAYLIGHT,
    )
    indexed = index_problem(scheduling)
    best = brute_force_best(scheduling, (380, 1085))
    assert best == 2 * (2000 + 1000 + 300)
    assert column_bound(indexed, time_limit=5).bound < best
    assert date_bound(indexed, time_limit=5).bound == best
