"""The large-neighbourhood search: coherent slices, others held, every answer judged clean."""

from __future__ import annotations

import random
import time

import pytest

from firstad.model import Schedule
from firstad.schedule.cpsat_model import ScheduleModel
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.indexed import index_problem
from firstad.schedule.lns import (
    BUILDERS,
    Incumbent,
    improve,
    incumbent_from,
    solve_slice,
)
from firstad.schedule.local_search import opening_incumbent, solve_by_lns
from firstad.schedule.manual import manual_schedule
from firstad.schedule.optimizer import (
    assignment_of,
    build_cost_model,
    optimize,
    schedule_judge,
    sequence_days,
)
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.sequencing import DayPlan, shoot_day
from firstad.schedule.solve import ProgressEvent, run_solver
from tests.schedule.test_optimizer import two_sets

SMALL = Size(pages=24, scenes=18, cast=6, locations=5, shoot_days=6, leads=2)


def small() -> SchedulingProblem:
    return generate_problem(3, SMALL)


def first_incumbent(scheduling: SchedulingProblem) -> tuple[ScheduleModel, Incumbent]:
    model = build_cost_model(index_problem(scheduling))
    outcome = run_solver(model, time_limit=5, seed=0, first_solution=True)
    incumbent = incumbent_from(model, outcome)
    assert incumbent is not None
    return model, incumbent


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_slice_is_a_set_of_real_scenes(kind: str) -> None:
    model, incumbent = first_incumbent(small())
    freed = BUILDERS[kind](model, incumbent, random.Random(1), 6)
    assert freed
    assert set(freed) <= set(incumbent.days)
    assert len(freed) == len(set(freed))


def test_a_day_window_frees_whole_days() -> None:
    model, incumbent = first_incumbent(small())
    freed = set(BUILDERS["days"](model, incumbent, random.Random(2), 1))
    days = {incumbent.days[scene] for scene in freed}
    assert len(days) == 1
    assert freed == {scene for scene, day in incumbent.days.items() if day in days}


def test_a_slice_moves_only_its_free_scenes() -> None:
    model, incumbent = first_incumbent(small())
    free = frozenset(list(incumbent.days)[:5])
    outcome = solve_slice(model, incumbent, free, seconds=5, seed=0)
    result = incumbent_from(model, outcome)
    assert result is not None
    assert result.objective <= incumbent.objective
    for scene, day in incumbent.days.items():
        if scene not in free:
            assert result.days[scene] == day
    # The model is left as it was: every scene free again.
    assert outcome.status in {"OPTIMAL", "FEASIBLE"}
    assert all(
        list(model.model.proto.variables[literal.index].domain) == [0, 1]
        for literal in model.variables.shoot.values()
    )


def test_improve_accepts_only_what_the_judge_passes() -> None:
    scheduling = small()
    model, incumbent = first_incumbent(scheduling)

    def refuse(_plans: tuple[DayPlan, ...]) -> int | None:
        return None

    now = time.monotonic()
    state = improve(model, incumbent, refuse, deadline=now + 2, seed=0, started=now)
    assert state.incumbent == incumbent
    assert state.steps >= 1


def test_lns_answers_are_clean_at_the_claimed_cost() -> None:
    scheduling = small()
    result = optimize(scheduling, time_limit=4, seed=0, search="lns")
    assert result.schedule is not None
    assert result.cost is not None
    evaluation = evaluate(scheduling, result.schedule)
    assert evaluation.violations == ()
    assert evaluation.cost == result.cost
    assert result.lower_bound <= result.cost.total


def test_lns_proves_the_optimum_of_a_tiny_production() -> None:
    result = optimize(two_sets(), time_limit=10, seed=0, search="lns")
    plain = optimize(two_sets(), time_limit=10, seed=0, search="cpsat")
    assert result.status == "optimal"
    assert result.cost == plain.cost


def test_an_unknown_search_is_refused() -> None:
    with pytest.raises(ValueError, match="search must be one of"):
        optimize(two_sets(), time_limit=1, search="tabu")


def test_sequencing_the_days_keeps_the_models_plans_feasible() -> None:
    scheduling = small()
    indexed = index_problem(scheduling)
    model = build_cost_model(indexed)
    outcome = run_solver(model, time_limit=5, seed=0)
    assert outcome.plans is not None
    sequenced = sequence_days(scheduling, indexed, outcome.plans)
    assert [plan.day for plan in sequenced] == [plan.day for plan in outcome.plans]
    for before, after in zip(outcome.plans, sequenced, strict=True):
        assert sorted(before.blocks) == sorted(after.blocks)


def test_a_clean_manual_board_is_the_local_searchs_first_schedule() -> None:
    scheduling = small()  # its manual board places every scene and keeps every rule
    indexed = index_problem(scheduling)
    board = manual_schedule(scheduling)
    judged = evaluate(scheduling, board)
    assert not board.unscheduled
    assert judged.violations == ()
    model = build_cost_model(indexed)
    events: list[ProgressEvent] = []
    outcome = solve_by_lns(
        model,
        judge=schedule_judge(scheduling, model, None),
        time_limit=3,
        seed=0,
        progress=events.append,
        started=time.monotonic(),
        day_search=True,
        opening=assignment_of(indexed, board),
    )
    first = next(event for event in events if event.phase == "first")
    assert first.cost == judged.cost.total
    assert outcome.objective is not None
    assert outcome.objective <= judged.cost.total
    assert outcome.plans is not None
    schedule = Schedule(days=tuple(shoot_day(indexed, plan) for plan in outcome.plans))
    assert evaluate(scheduling, schedule).cost.total == outcome.objective


def test_only_a_complete_clean_board_opens_the_day_search() -> None:
    scheduling = small()
    indexed = index_problem(scheduling)
    model = build_cost_model(indexed)
    judge = schedule_judge(scheduling, model, None)
    opening = assignment_of(indexed, manual_schedule(scheduling))
    assert opening_incumbent(model, opening, judge) is not None
    incomplete = dict(opening)
    del incomplete[0]  # a strip the board left out
    assert opening_incumbent(model, incomplete, judge) is None
    crowded = dict.fromkeys(opening, 0)  # every scene on the first day: far too long
    assert opening_incumbent(model, crowded, judge) is None
