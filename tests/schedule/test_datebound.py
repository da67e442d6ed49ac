"""The dated pattern bound: sound against brute force, and stronger where dates bind."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firstad.model import WorkRules
from firstad.schedule.datebound import date_bound, surely_paid
from firstad.schedule.daybound_columns import column_bound
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.problem import SchedulingProblem
from tests.schedule.schedule_builders import (
    actor,
    brute_force_best,
    place,
    problem,
    scene,
    two_sets,
    weekdays,
)
from tests.schedule.test_bounds import calls, unavailable


def test_two_actors_free_on_different_dates_cost_two_days_of_rent() -> None:
    # One set, two scenes whose actors are never free the same date: the undated patterns
    # shoot both in one day, the dated ones need two dates.
    days = weekdays(2)
    cast = [actor("maya", 100, days[:1]), actor("leo", 100, days[1:])]
    scheduling = problem(
        [scene("1", 60, ["maya"], "rink"), scene("2", 60, ["leo"], "rink")],
        days,
        cast,
        [place("rink", days, rate=900)],
        crew=0,
    )
    indexed = index_problem(scheduling)
    best = brute_force_best(scheduling)
    assert best == 2 * 900 + 2 * 100
    assert column_bound(indexed, time_limit=5).bound == 900 + 2 * 100
    assert date_bound(indexed, time_limit=5).bound == best


def held_between_fixed_dates() -> SchedulingProblem:
    """Maya works the first and the last date (fixed), Ann alone the date between."""
    days = weekdays(3)
    cast = [actor("maya", 1000, days), actor("ann", 100, days)]
    scenes = [
        scene("1", 60, ["maya"], "x", fixed=days[0]),
        scene("2", 60, ["ann"], "y", fixed=days[1]),
        scene("3", 60, ["maya"], "x", fixed=days[2]),
    ]
    locations = [place("x", days, rate=100), place("y", days, rate=100)]
    return problem(scenes, days, cast, locations, crew=0)


def test_an_actor_working_both_ends_is_paid_the_day_between() -> None:
    scheduling = held_between_fixed_dates()
    indexed = index_problem(scheduling)
    maya, ann = (1 << index for index in (1, 0))  # sorted by id
    # Ann's one scene is fixed too: she is surely paid the day she works.
    assert surely_paid(indexed) == (maya, maya | ann, maya)
    best = brute_force_best(scheduling)
    assert best == 3 * 100 + 3 * 1000 + 100  # rent, Maya's two days and her hold, Ann
    assert date_bound(indexed, time_limit=5).bound == best


def test_drop_pickup_actors_are_never_surely_paid() -> None:
    scheduling = held_between_fixed_dates()
    dropped = {
        identifier: replace(terms, drop_pickup=True)
        for identifier, terms in scheduling.cast.items()
    }
    indexed = index_problem(replace(scheduling, cast=dropped))
    assert surely_paid(indexed) == (0, 0, 0)


def test_started_from_the_undated_bound_it_is_never_below_it() -> None:
    indexed = index_problem(two_sets())
    columns = column_bound(indexed, time_limit=5)
    assert date_bound(indexed, time_limit=0, start=columns).bound >= columns.bound


def random_dated(seed: int) -> SchedulingProblem:
    """Three dates, three actors with limited dates, two sets, four scenes of which some are
    fixed to a date: where dates and the holds they force decide the cost."""
    rng = random.Random(seed)
    days = weekdays(3, date(2027, 3, 4))
    cast = []
    for identifier in ("a", "b", "c"):
        free = rng.sample(days, rng.randint(2, 3))
        member = actor(
            identifier, rng.choice([100, 400, 900]), free, drop_pickup=rng.random() < 0.2
        )
        cast.append(replace(member, unavailable=unavailable(days, free)))
    locations = []
    for name in ("x", "y"):
        free = rng.sample(days, rng.randint(2, 3))
        location = place(name, free, rate=rng.choice([0, 300]), permit=rng.choice([0, 150]))
        locations.append(replace(location, unavailable=unavailable(days, free)))
    free_dates = {terms.id: terms.available_dates for terms in (*cast, *locations)}
    scenes = []
    for number in range(1, 5):
        cast_ids = rng.sample(["a", "b", "c"], rng.randint(1, 2))
        location = rng.choice(["x", "y"])
        # A fixed date the scene's cast and set are free on, so most draws stay feasible.
        free = set(days).intersection(*(free_dates[name] for name in (*cast_ids, location)))
        fixed = rng.choice(sorted(free)) if free and rng.random() < 0.5 else None
        scenes.append(
            scene(str(number), rng.choice([60, 240, 480]), cast_ids, location, fixed=fixed)
        )
    rules = WorkRules(
        overtime_rate_per_hour=120, move_cost=200, move_minutes=60, max_moves_per_day=1
    )
    return problem(scenes, days, cast, locations, rules=rules, crew=rng.choice([0, 500]))


@pytest.mark.parametrize("block", range(3))
def test_the_dated_bound_is_at_most_the_brute_force_optimum(block: int) -> None:
    checked = 0
    for seed in range(block * 30, block * 30 + 30):
        scheduling = random_dated(seed)
        best = brute_force_best(scheduling, calls(scheduling))
        if best is None:
            continue
        checked += 1
        indexed = index_problem(scheduling)
        dated = date_bound(indexed, time_limit=5, start=column_bound(indexed, time_limit=5))
        assert dated.bound <= best, f"seed {seed}: dated bound {dated.bound} > optimum {best}"
    assert checked >= 10  # the draw must not make most productions impossible


@st.composite
def dated_productions(draw: st.DrawFn) -> SchedulingProblem:
    """Up to five scenes over four dates, actors free on drawn dates, some scenes fixed."""
    days = weekdays(draw(st.integers(2, 4)))
    cast_ids = ["a", "b", "c"]
    cast = [
        actor(
            identifier,
            draw(st.sampled_from([0, 100, 700])),
            draw(st.lists(st.sampled_from(days), min_size=1, unique=True)),
            drop_pickup=draw(st.booleans()),
        )
        for identifier in cast_ids
    ]
    scenes = [
        scene(
            str(number),
            60,
            draw(st.lists(st.sampled_from(cast_ids), min_size=1, max_size=2, unique=True)),
            "x",
            fixed=draw(st.none() | st.sampled_from(days)),
        )
        for number in range(1, draw(st.integers(2, 5)) + 1)
    ]
    return problem(scenes, days, cast, [place("x", days)])


def paid_dates(indexed: IndexedProblem, assignment: tuple[int, ...], cast_index: int) -> set[int]:
    """The used dates inside an actor's span, given each scene's date."""
    used = set(assignment)
    worked = [
        day for scene, day in enumerate(assignment) if cast_index in indexed.scenes[scene].cast
    ]
    if not worked:
        return set()
    return {day for day in used if min(worked) <= day <= max(worked)}


@settings(max_examples=150, deadline=None)
@given(dated_productions())
def test_surely_paid_actors_are_paid_on_every_used_date_of_every_assignment(
    scheduling: SchedulingProblem,
) -> None:
    indexed = index_problem(scheduling)
    surely = surely_paid(indexed)
    allowed = [indexed.allowed_days(index) for index in range(len(indexed.scenes))]
    for assignment in itertools.product(*allowed):
        for day in set(assignment):
            for cast_index in range(len(indexed.cast)):
                if surely[day] >> cast_index & 1:
                    assert day in paid_dates(indexed, assignment, cast_index)
