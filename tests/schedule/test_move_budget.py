"""A re-plan with more moves allowed than the fewest: counted exactly, kept, and worth it."""

from __future__ import annotations

import random
import time

import pytest

from firstad.model import Schedule
from firstad.schedule.day_search import improve_days
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.indexed import index_problem
from firstad.schedule.move_budget import NO_DAY, MoveBudget
from firstad.schedule.optimizer import assignment_of, move_budget, optimize
from firstad.schedule.replan import moved_scenes, without_dates
from tests.schedule.test_day_search import valid_boards, variants

SMALL_FEATURE = Size(pages=40, scenes=40, cast=12, locations=8, shoot_days=10)


@pytest.mark.parametrize("seed", range(20))
def test_a_moves_change_is_the_difference_of_the_counts(seed: int) -> None:
    rng = random.Random(seed)
    scenes, days = 12, 5
    published = tuple(rng.choice([NO_DAY, *range(days)]) for _ in range(scenes))
    budget = MoveBudget(published, scenes)
    day_of = [rng.randrange(days) for _ in range(scenes)]
    picked = rng.sample(range(scenes), rng.randint(1, 4))
    changes = [(scene, rng.randrange(days)) for scene in picked]
    after = list(day_of)
    for scene, day in changes:
        after[scene] = day
    assert budget.change(day_of, changes) == budget.moved(after) - budget.moved(day_of)
    one, two = rng.sample(range(days), 2)
    first = [scene for scene in range(scenes) if day_of[scene] == one]
    second = [scene for scene in range(scenes) if day_of[scene] == two]
    swapped = [two if day == one else one if day == two else day for day in day_of]
    assert budget.swap_change(one, two, first, second) == (
        budget.moved(swapped) - budget.moved(day_of)
    )


@pytest.mark.parametrize("limit", [0, 2, 5])
def test_the_day_search_keeps_within_its_budget(limit: int) -> None:
    indexed = index_problem(variants(1)[1])
    (start,) = valid_boards(indexed, random.Random(3), 1)
    # Published as the start: every move the search makes counts against the limit.
    budget = MoveBudget(tuple(start), limit)
    found = improve_days(indexed, start, deadline=time.monotonic() + 1.0, seed=0, budget=budget)
    assert found is not None
    assert budget.moved(found.day_of) <= limit
    unlimited = improve_days(indexed, start, deadline=time.monotonic() + 1.0, seed=0)
    assert unlimited is not None
    if limit == 0:
        assert found.day_of == tuple(start)


@pytest.mark.parametrize("search", ["lns", "cpsat"])
def test_more_moves_allowed_give_a_plan_no_dearer_and_within_them(search: str) -> None:
    problem = generate_problem(4, SMALL_FEATURE)
    published = optimize(problem, time_limit=6, seed=0, search="lns")
    assert published.schedule is not None
    lost = max(published.schedule.days, key=lambda day: len(day.scenes)).date
    reduced = without_dates(problem, [lost])
    fewest = optimize(reduced, time_limit=6, seed=0, previous=published.schedule, search=search)
    assert fewest.schedule is not None
    assert fewest.cost is not None
    fewest_moves = len(moved_scenes(published.schedule, fewest.schedule))
    allowed = fewest_moves + 8
    freer = optimize(
        reduced,
        time_limit=8,
        seed=0,
        previous=published.schedule,
        search=search,
        max_moved=allowed,
    )
    assert freer.schedule is not None
    assert freer.cost is not None
    assert evaluate(reduced, freer.schedule).violations == ()
    assert len(moved_scenes(published.schedule, freer.schedule)) <= allowed
    assert freer.cost.total <= fewest.cost.total


def test_the_budget_counts_as_the_model_does() -> None:
    problem = generate_problem(4, SMALL_FEATURE)
    published = optimize(problem, time_limit=4, seed=0).schedule
    assert published is not None
    assert len(published.days) >= 2
    lost, unpublished = published.days[0], published.days[-1]
    # The last day's scenes were added to the script after publishing: not moves.
    kept = Schedule(days=published.days[:-1])
    indexed = index_problem(without_dates(problem, [lost.date]))
    budget = move_budget(indexed, kept, 3)
    assert budget.limit == 3 + len(unpublished.scenes)
    assignment = assignment_of(indexed, kept)
    stay = [assignment.get(scene, 0) for scene in range(len(indexed.scenes))]
    # Every other strip on its published day: the model counts the lost day's strips only.
    assert budget.moved(stay) - (budget.limit - 3) == len(lost.scenes)
