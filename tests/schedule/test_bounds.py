"""Lower bounds are sound: never above the cheapest schedule, checked against brute force."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from firstad.model import DateRange, WorkRules
from firstad.schedule.bounds import capacity_bound, lower_bound, named_bounds
from firstad.schedule.daybound import can_share_day
from firstad.schedule.daybound_columns import column_bound
from firstad.schedule.evaluator import evaluate, fits_window
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedLocation, IndexedProblem, index_problem
from firstad.schedule.optimizer import optimize
from firstad.schedule.problem import LocationTerms, SchedulingProblem
from firstad.schedule.relaxation import relaxation_bound
from tests.schedule.schedule_builders import (
    actor,
    brute_force_best,
    place,
    problem,
    scene,
    two_sets,
    weekdays,
)

NIGHT = (1140, 1860)
DAY = (420, 1320)
# Calls the brute force tries: the usual 07:00, or with a night set midnight (its morning)
# and 19:00 (its evening, and a day set's last hours). Fewer calls can only raise its best.
DAY_CALLS = (420,)
NIGHT_CALLS = (0, 1140)


def unavailable(days: Sequence[date], free: Sequence[date]) -> tuple[DateRange, ...]:
    """The ranges the evaluator reads, agreeing with the solvers' ``available_dates``."""
    return tuple(DateRange(day, day) for day in days if day not in free)


def random_tiny(seed: int) -> SchedulingProblem:
    """Three dates (a weekend between), three actors, two or three sets, four scenes, with
    night windows, permits, drop/pick-up, overtime, crew pay and limited dates drawn."""
    rng = random.Random(seed)
    days = weekdays(3, date(2027, 3, 4))
    cast_ids = ["a", "b", "c"]
    cast = []
    for identifier in cast_ids:
        free = rng.sample(days, rng.randint(2, 3))
        member = actor(
            identifier, rng.choice([0, 100, 400, 900]), free, drop_pickup=rng.random() < 0.2
        )
        cast.append(replace(member, unavailable=unavailable(days, free)))
    names = ["x", "y", "z"][: rng.randint(2, 3)]
    locations = []
    for name in names:
        free = rng.sample(days, rng.randint(2, 3))
        window = rng.choice([(0, 1440), (0, 1440), DAY, NIGHT])
        rate, permit = rng.choice([0, 200, 700]), rng.choice([0, 0, 150])
        location = place(name, free, rate=rate, permit=permit, window=window)
        locations.append(replace(location, unavailable=unavailable(days, free)))
    scenes = [
        scene(
            str(number),
            rng.choice([60, 120, 240, 360, 480]),
            rng.sample(cast_ids, rng.randint(1, 2)),
            rng.choice(names),
        )
        for number in range(1, 5)
    ]
    rules = WorkRules(
        overtime_rate_per_hour=rng.choice([0, 120]),
        move_cost=rng.choice([0, 200]),
        move_minutes=rng.choice([30, 60]),
        max_moves_per_day=rng.choice([0, 1, 1, 2]),
    )
    return problem(scenes, days, cast, locations, rules=rules, crew=rng.choice([0, 1000]))


def every_bound(scheduling: SchedulingProblem) -> dict[str, int]:
    indexed = index_problem(scheduling)
    relaxed = relaxation_bound(indexed, time_limit=5, workers=1)
    bounds = {bound.name: bound.value for bound in named_bounds(indexed, time_limit=5)}
    return {**bounds, "relaxation": relaxed.bound}


def calls(scheduling: SchedulingProblem) -> tuple[int, ...]:
    nights = any(place.window_end > 1440 for place in scheduling.locations.values())
    return NIGHT_CALLS if nights else DAY_CALLS


@pytest.mark.parametrize("block", range(5))
def test_every_bound_is_at_most_the_brute_force_optimum(block: int) -> None:
    checked = 0
    for seed in range(block * 30, block * 30 + 30):
        scheduling = random_tiny(seed)
        best = brute_force_best(scheduling, calls(scheduling))
        if best is None:
            continue
        checked += 1
        for name, value in every_bound(scheduling).items():
            assert value <= best, f"seed {seed}: {name} bound {value} > optimum {best}"
    assert checked >= 10  # the draw must not make most productions impossible


def shares_by_search(
    problem: IndexedProblem, first: tuple[int, int], second: tuple[int, int]
) -> bool:
    """Blocks of both sets in one day, searched on a 15-minute grid (a subset of the truth)."""
    for earlier, later in ((first, second), (second, first)):
        for call in range(0, MINUTES_PER_DAY, 15):
            for start in range(call, call + problem.rules.max_shoot_minutes, 15):
                if shares_from(problem, earlier, later, call, start):
                    return True
    return False


def shares_from(
    problem: IndexedProblem, earlier: tuple[int, int], later: tuple[int, int], call: int, start: int
) -> bool:
    rules = problem.rules
    earlier_place, later_place = (problem.locations[index] for index, _ in (earlier, later))
    if not fits_window(terms(earlier_place), start, start + earlier[1]):
        return False
    for later_start in range(
        start + earlier[1] + rules.move_minutes, call + rules.max_shoot_minutes, 15
    ):
        end = later_start + later[1]
        if end <= call + rules.max_shoot_minutes and fits_window(
            terms(later_place), later_start, end
        ):
            return True
    return False


def terms(location: IndexedLocation) -> LocationTerms:
    return place(location.identifier, (), window=(location.window_start, location.window_end))


@pytest.mark.parametrize("seed", range(4))
def test_sets_judged_unable_to_share_a_day_really_cannot(seed: int) -> None:
    rng = random.Random(seed)
    hours = [(start, start + length) for start in range(0, 1440, 180) for length in (120, 360, 720)]
    for _ in range(12):
        windows = rng.sample(hours, 2)
        locations = [
            place(name, (), window=window) for name, window in zip("xy", windows, strict=True)
        ]
        rules = WorkRules(
            max_shoot_minutes=rng.choice([480, 720]), move_minutes=rng.choice([30, 60])
        )
        scenes = [
            scene("1", rng.choice([60, 120]), [], "x"),
            scene("2", rng.choice([60, 120]), [], "y"),
        ]
        indexed = index_problem(problem(scenes, weekdays(1), [], locations, rules=rules))
        pair = ((0, scenes[0].duration_minutes), (1, scenes[1].duration_minutes))
        if shares_by_search(indexed, *pair):
            assert can_share_day(indexed, *pair), f"{windows} {rules}"


def test_the_relaxation_is_exact_on_a_two_set_shoot() -> None:
    scheduling = two_sets()
    relaxed = relaxation_bound(index_problem(scheduling), time_limit=5, workers=1)
    assert relaxed.optimal
    assert relaxed.bound == brute_force_best(scheduling)


def test_patterns_count_shared_actors_once_a_day() -> None:
    # Two sets, one lead in every scene: the lead's days are what the day-pattern bound sees
    # and the actor-by-actor capacity bound does not.
    days = weekdays(4)
    cast = [actor("lead", 1000, days)]
    locations = [place(name, days, rate=100) for name in ("x", "y", "z", "w")]
    scenes = [scene(str(n), 300, ["lead"], name) for n, name in enumerate("xyzw", start=1)]
    scheduling = problem(scenes, days, cast, locations, crew=0)
    indexed = index_problem(scheduling)
    best = brute_force_best(scheduling)
    assert best is not None
    assert capacity_bound(indexed) <= column_bound(indexed, time_limit=5).bound <= best


def test_bounds_stay_under_an_optimized_generated_schedule() -> None:
    scheduling = generate_problem(7, Size(pages=30, scenes=30, cast=10, locations=8, shoot_days=8))
    result = optimize(scheduling, time_limit=3, seed=0)
    assert result.schedule is not None
    cost = evaluate(scheduling, result.schedule).cost.total
    indexed = index_problem(scheduling)
    assert capacity_bound(indexed) <= lower_bound(indexed) <= cost
    assert relaxation_bound(indexed, time_limit=1).bound <= cost
