"""The optimizer: exact on tiny productions, always judged clean by the evaluator."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from firstad.model import IntExt, Ordering, WorkRules
from firstad.schedule.evaluator import evaluate
from firstad.schedule.optimizer import OptimizeResult, optimize
from firstad.schedule.problem import DaylightMinutes, SchedulingProblem
from firstad.schedule.solve import ProgressEvent
from tests.schedule.schedule_builders import (
    actor,
    brute_force_best,
    place,
    problem,
    scene,
    two_sets,
    weekdays,
)

DAYS = weekdays(3)


def solved(scheduling: SchedulingProblem, seconds: float = 5.0) -> OptimizeResult:
    result = optimize(scheduling, time_limit=seconds, seed=1)
    assert result.schedule is not None
    evaluation = evaluate(scheduling, result.schedule)
    assert evaluation.violations == ()
    assert result.cost == evaluation.cost
    return result


def matches_brute_force(scheduling: SchedulingProblem, best: int | None) -> OptimizeResult | None:
    """The optimizer finds the brute-force optimum ``best``, or says infeasible when None."""
    if best is None:
        assert optimize(scheduling, time_limit=3, seed=0).status == "infeasible"
        return None
    result = solved(scheduling)
    assert result.cost is not None
    assert result.cost.total == best
    return result


def test_two_sets_is_exact_against_every_assignment() -> None:
    scheduling = two_sets()
    result = solved(scheduling)
    assert result.status == "optimal"
    assert result.cost is not None
    assert result.cost.total == brute_force_best(scheduling)
    assert result.lower_bound == result.cost.total
    assert result.gap == 0.0


def test_holds_are_avoided_by_bunching_an_actors_days() -> None:
    days = weekdays(4)
    cast = [actor("star", 5000, days), actor("extra", 10, days)]
    locations = [place("a", days), place("b", days)]
    # 9 hours each: one scene a day. The star's two scenes should be back to back.
    scenes = [
        scene("1", 540, ["star"], "a"),
        scene("2", 540, ["extra"], "b"),
        scene("3", 540, ["extra"], "a"),
        scene("4", 540, ["star"], "b"),
    ]
    scheduling = problem(scenes, days, cast, locations)
    result = solved(scheduling)
    assert result.cost is not None
    assert result.cost.cast_holds == 0
    assert result.cost.total == brute_force_best(scheduling)


def test_drop_pickup_only_across_a_long_enough_gap() -> None:
    days = weekdays(15)
    rules = WorkRules(drop_pickup_min_gap_days=10)
    cast = [actor("guest", 1000, (days[0], days[14]), drop_pickup=True)]
    cast.append(actor("lead", 100, days))
    locations = [place("a", days, rate=0)]
    scenes = [scene("1", 60, ["guest"], "a"), scene("2", 60, ["guest"], "a")]
    scenes += [scene(str(index), 600, ["lead"], "a") for index in range(3, 16)]
    scheduling = problem(scenes, days, cast, locations, rules=rules, crew=0)
    result = solved(scheduling, seconds=10)
    assert result.cost is not None
    assert result.cost.cast_holds == 0  # 18 calendar days apart: dropped, not held


def test_overnight_rink_and_turnaround() -> None:
    days = weekdays(3)
    cast = [actor("maya", 500, days)]
    locations = [place("rink", days, window=(19 * 60, 31 * 60)), place("home", days)]
    scenes = [
        scene("1", 300, ["maya"], "rink", time_of_day="NIGHT"),
        scene("2", 300, ["maya"], "home"),
        scene("3", 300, ["maya"], "rink", time_of_day="NIGHT"),
    ]
    result = solved(problem(scenes, days, cast, locations))
    assert result.schedule is not None
    night = next(day for day in result.schedule.days if "1" in day.scenes)
    assert night.call.hour >= 19 or night.call.hour < 2


def test_fixed_dates_and_orderings_are_kept() -> None:
    days = weekdays(3)
    cast = [actor("maya", 500, days)]
    locations = [place("a", days), place("b", days)]
    scenes = [
        scene("1", 120, ["maya"], "a"),
        scene("2", 120, ["maya"], "b", fixed=days[2]),
        scene("3", 120, ["maya"], "a"),
    ]
    orderings = [Ordering(before="3", after="1")]
    result = solved(problem(scenes, days, cast, locations, orderings=orderings))
    assert result.schedule is not None
    assert result.schedule.day_of("2") is not None
    assert result.schedule.day_of("2").date == days[2]  # type: ignore[union-attr]


def test_impossible_problem_reports_infeasible() -> None:
    days = weekdays(2)
    cast = [actor("maya", 500, days[:1])]
    locations = [place("rink", days[1:])]
    scheduling = problem([scene("1", 60, ["maya"], "rink")], days, cast, locations)
    result = optimize(scheduling, time_limit=2, seed=0)
    assert result.status == "infeasible"
    assert result.schedule is None


def test_progress_events_reach_the_callback() -> None:
    events: list[ProgressEvent] = []
    optimize(two_sets(), time_limit=2, seed=0, progress=events.append)
    assert events
    assert all(event.cost is None or event.cost >= event.lower_bound for event in events)


def random_tiny(seed: int) -> SchedulingProblem:
    rng = random.Random(seed)
    days = weekdays(3, date(2027, 3, 4))  # Thursday, Friday, Monday
    cast_ids = ["a", "b", "c"]
    cast = [
        actor(identifier, rng.choice([100, 400, 900]), rng.sample(days, rng.randint(2, 3)))
        for identifier in cast_ids
    ]
    locations = [place(name, days, rate=rng.choice([0, 200])) for name in ("x", "y")]
    scenes = [
        scene(
            str(number),
            rng.choice([120, 240, 360]),
            rng.sample(cast_ids, rng.randint(1, 2)),
            rng.choice(["x", "y"]),
        )
        for number in range(1, 5)
    ]
    return problem(scenes, days, cast, locations)


@pytest.mark.parametrize("seed", range(4))
def test_random_tiny_productions_match_brute_force(seed: int) -> None:
    scheduling = random_tiny(seed)
    result = matches_brute_force(scheduling, brute_force_best(scheduling))
    assert result is None or result.status == "optimal"


def random_lit_day(seed: int) -> SchedulingProblem:
    """One shoot day, two sets with exteriors of one light each (DAY, NIGHT, DAWN or DUSK)
    and interiors, one set with hours: whether the day fits hangs on the order inside blocks."""
    rng = random.Random(seed)
    days = weekdays(1)
    cast = [actor("maya", 500, days)]
    windows = [(0, 1440), (5 * 60, 12 * 60), (15 * 60, 26 * 60), (19 * 60, 31 * 60)]
    locations = [place("x", days), place("y", days, window=rng.choice(windows))]
    scenes = []
    for number in range(1, 5):
        location = rng.choice(["x", "y"])
        light = {"x": rng.choice(LIGHTS), "y": rng.choice(LIGHTS)}[location]
        job = scene(str(number), rng.choice([30, 60, 90]), ["maya"], location, time_of_day=light)
        scenes.append(replace(job, int_ext=rng.choice([IntExt.INT, IntExt.EXT])))
    return replace(
        problem(scenes, days, cast, locations),
        daylight=DaylightMinutes(sunrise=6 * 60, sunset=18 * 60, twilight=45),
    )


LIGHTS = ("DAY", "NIGHT", "DAWN", "DUSK")


@pytest.mark.parametrize("seed", range(12))
def test_a_day_of_mixed_light_fits_when_some_order_of_its_scenes_does(seed: int) -> None:
    """Against every visiting order, every order inside each block and every quarter-hour
    call: the model's two-part blocks find the day whenever any order can shoot it."""
    scheduling = random_lit_day(seed)
    matches_brute_force(
        scheduling, brute_force_best(scheduling, calls=range(0, 1440, 15), scene_orders=True)
    )
