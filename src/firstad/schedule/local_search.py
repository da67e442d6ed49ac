"""The local search of the optimizer: the day search, then CP-SAT neighbourhoods from its best.

``optimize`` (``optimizer``) decides which search runs; this module runs the local one. Large
productions (``LNS_MIN_SCENES`` scenes and more): a first schedule (the crew's manual board when
it keeps every rule, else CP-SAT's), the day-assignment annealing of ``day_search`` for most of
the time, its best timed in the full model, then the CP-SAT neighbourhoods of ``lns``. Small
productions: ``day_search_polish`` improves CP-SAT's first schedule briefly before plain CP-SAT
goes on from it (and may prove it optimal).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from firstad.schedule.chains import Chains, ChainTask, spare_cores
from firstad.schedule.cpsat_model import ScheduleModel
from firstad.schedule.day_board import Board
from firstad.schedule.day_search import improve_days
from firstad.schedule.day_shapes import ALL_OPENINGS, SEARCH_OPENINGS, DayShapes
from firstad.schedule.indexed import IndexedProblem
from firstad.schedule.lns import Incumbent, improve, incumbent_from, incumbent_of_days
from firstad.schedule.move_budget import MoveBudget
from firstad.schedule.sequencing import DayPlan
from firstad.schedule.solve import (
    MAX_WORKERS,
    ProgressCallback,
    ProgressEvent,
    SolveOutcome,
    first_schedule,
    relative_gap,
)

Judge = Callable[[tuple[DayPlan, ...]], int | None]

# From this many scenes on, the structured LNS is the default. Against the short day search
# and then plain CP-SAT, generated productions (Size scaled down, 30 s, seeds 1-3, cost ratio
# LNS/other): 40 scenes 1.019/1.018/1.000, 60 scenes 0.966/0.973/1.003, 80 scenes
# 0.996/0.996/0.989; and it wins at 120 (bench/schedule.py).
LNS_MIN_SCENES = 60
# After the first schedule, the day-assignment local search (``day_search``) gets this share
# of the search time, and the CP-SAT neighbourhoods the rest: at 60 s on the bench, 0.95 ends
# 2.2-2.4 % cheaper than 0.7 (seeds 1, 2), the CP-SAT steps adding little after the anneal.
DAY_SEARCH_SHARE = 0.95
# Below LNS_MIN_SCENES, the day search's share of the time before plain CP-SAT goes on. 0.1,
# not 0.3, since CP-SAT times sets in light parts and uses next-morning hours the search does
# not: Night Ice at 20 s, seeds 0-3, 86.7/82.5/82.5/84.6k against 87.6/86.2/83.7/87.6k (0.6:
# no better than 0.3); generated 40-scene productions equal or better on 4 of 4 seeds.
POLISH_SHARE = 0.1
# ... and it stops sooner after this many moves without a better schedule (a second or two):
# CP-SAT proves small productions optimal faster than a search that cannot prove anything.
POLISH_PATIENCE = 20_000
# Seconds allowed to time the local search's best assignment in the full model.
TIMING_SECONDS = 5.0


def solve_by_lns(
    schedule_model: ScheduleModel,
    *,
    judge: Callable[[tuple[DayPlan, ...]], int | None],
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None = None,
    static_bound: int = 0,
    started: float,
    day_search: bool = False,
    opening: dict[int, int] | None = None,
    budget: MoveBudget | None = None,
) -> SolveOutcome:
    """A first schedule, then the day-assignment local search (when ``day_search``), then
    large-neighbourhood steps until the time is up.

    ``opening`` (scene -> day, the crew's manual board, or a re-plan's fewest-moves plan) is
    the first schedule when it is complete and keeps every rule: the day search starts from it
    at once, without waiting seconds for CP-SAT's first solution. A re-plan's ``budget`` keeps
    the day search within its moves (the model keeps CP-SAT's).
    """
    best = None
    if opening is not None and day_search:
        best = opening_incumbent(schedule_model, opening, judge)
    bound = static_bound
    if best is not None:
        announce = reporter(progress, started, time_limit, bound, phase="first")
        if announce is not None:
            announce(best.cost)
    else:
        first = first_schedule(
            schedule_model,
            time_limit=time_limit,
            seed=seed,
            progress=progress,
            static_bound=static_bound,
            started=started,
        )
        incumbent = incumbent_from(schedule_model, first)
        judged = None if incumbent is None else judge(incumbent.plans)
        if incumbent is None or judged is None or first.status == "OPTIMAL":
            return first
        best, bound = replace(incumbent, cost=judged), first.bound
    if day_search:
        searched = _search_days(
            schedule_model,
            best,
            judge,
            until=time.monotonic() + DAY_SEARCH_SHARE * (started + time_limit - time.monotonic()),
            seed=seed,
            report=reporter(progress, started, time_limit, bound),
            patience=_patience(schedule_model.problem),
            chains=MAX_WORKERS,
            budget=budget,
        )
        if isinstance(searched, SolveOutcome):
            searched.bound = bound
            return searched
        best = searched
    if not best.values:  # the manual board, never solved in the model: time it there first
        timed = incumbent_of_days(
            schedule_model, _day_list(best), seconds=TIMING_SECONDS, seed=seed
        )
        timed_cost = None if timed is None else judge(timed.plans)
        if timed is None or timed_cost is None or timed_cost > best.cost:
            return SolveOutcome("FEASIBLE", best.plans, best.cost, bound)
        best = replace(timed, cost=timed_cost)
    state = improve(
        schedule_model,
        best,
        judge,
        deadline=started + time_limit,
        seed=seed,
        started=started,
        lower_bound=bound,
        progress=progress,
    )
    best = state.incumbent
    if state.proven:
        return SolveOutcome("OPTIMAL", best.plans, best.cost, best.cost, best.values)
    return SolveOutcome("FEASIBLE", best.plans, best.cost, bound, best.values)


def _day_list(incumbent: Incumbent) -> list[int]:
    return [incumbent.days[scene] for scene in range(len(incumbent.days))]


def opening_incumbent(
    schedule_model: ScheduleModel,
    assignment: dict[int, int],
    judge: Callable[[tuple[DayPlan, ...]], int | None],
) -> Incumbent | None:
    """The manual board as a start, when it places every scene and keeps every rule the day
    search checks (and the referee agrees); None otherwise."""
    indexed = schedule_model.problem
    if len(assignment) != len(indexed.scenes):
        return None
    day_of = [assignment[scene] for scene in range(len(indexed.scenes))]
    plans = Board(indexed, DayShapes(indexed), day_of).timed()
    cost = None if plans is None else judge(tuple(plans))
    if plans is None or cost is None:
        return None
    return Incumbent((), cost, tuple(plans), dict(enumerate(day_of)), cost)


def day_search_polish(
    schedule_model: ScheduleModel,
    judge: Callable[[tuple[DayPlan, ...]], int | None],
    *,
    seed: int,
    report: Callable[[int], None] | None,
) -> Callable[[SolveOutcome, float], SolveOutcome]:
    """For plain CP-SAT: the day search improves the first schedule for a short while, and
    CP-SAT starts from its best (small productions: CP-SAT can still prove the optimum). Its
    blocks may use their sets' next-morning openings, as the model's may."""

    def polish(first: SolveOutcome, deadline: float) -> SolveOutcome:
        incumbent = incumbent_from(schedule_model, first)
        judged = None if incumbent is None else judge(incumbent.plans)
        if incumbent is None or judged is None:
            return first
        now = time.monotonic()
        searched = _search_days(
            schedule_model,
            replace(incumbent, cost=judged),
            judge,
            until=now + POLISH_SHARE * (deadline - now),
            seed=seed,
            report=report,
            patience=POLISH_PATIENCE,
            # CP-SAT's model times these days too, and goes on from them (``day_shapes``).
            openings=ALL_OPENINGS,
        )
        if isinstance(searched, SolveOutcome):
            searched.bound = first.bound
            return searched
        return SolveOutcome(
            first.status, searched.plans, searched.cost, first.bound, searched.values
        )

    return polish


def _patience(indexed: IndexedProblem) -> int | None:
    """How long the day search may go without a better schedule: to the end of its time on a
    large production (its anneal, cooled over that time, still improves near the end: told to
    stop after 240,000 idle moves, it stopped at 28-35 s of 60 and the bench's seed 1 ended at
    306-311k instead of 302k), briefly on a small one searched this way, which CP-SAT then
    proves optimal sooner."""
    return None if len(indexed.scenes) >= LNS_MIN_SCENES else POLISH_PATIENCE


def reporter(
    progress: ProgressCallback | None,
    started: float,
    time_limit: float,
    bound: int,
    *,
    phase: str = "days",
) -> Callable[[int], None] | None:
    """News of a better cost (from the day search, by default), as progress events."""
    if progress is None:
        return None
    report = progress

    def better(cost: int) -> None:
        report(
            ProgressEvent(
                elapsed=time.monotonic() - started,
                time_limit=time_limit,
                cost=cost,
                lower_bound=bound,
                gap=relative_gap(cost, bound),
                phase=phase,
            )
        )

    return better


def _search_days(
    schedule_model: ScheduleModel,
    start: Incumbent,
    judge: Callable[[tuple[DayPlan, ...]], int | None],
    *,
    until: float,
    seed: int,
    report: Callable[[int], None] | None,
    patience: int | None = None,
    openings: tuple[int, ...] = SEARCH_OPENINGS,
    chains: int = 1,
    budget: MoveBudget | None = None,
) -> Incumbent | SolveOutcome:
    """Improve ``start`` by the day-assignment local search until ``until``, its blocks in
    the ``openings`` of their sets' hours (``day_shapes``).

    Its best schedule goes back into the full model to be timed there, so the CP-SAT
    neighbourhoods can go on from it; when the model cannot time it (it is stricter than the
    referee in rare cases), the search's own schedule is the answer.
    """
    indexed = schedule_model.problem
    day_of = _day_list(start)
    wall_until = time.time() + until - time.monotonic()
    tasks = [
        ChainTask(indexed, tuple(day_of), wall_until, seed + chain, openings, patience, budget)
        for chain in range(1, 1 + spare_cores(chains))
    ]
    with Chains(tasks) as children:
        own = improve_days(
            indexed,
            day_of,
            deadline=until,
            seed=seed,
            on_better=report,
            patience=patience,
            shapes=DayShapes(indexed, openings),
            budget=budget,
        )
        found = min(
            (result for result in (own, *children.results()) if result is not None),
            key=lambda result: result.cost,
            default=None,
        )
    if found is None or found.cost >= start.cost:
        return start
    judged = judge(found.plans)
    if judged is None or judged >= start.cost:
        return start
    timed = incumbent_of_days(schedule_model, found.day_of, seconds=TIMING_SECONDS, seed=seed)
    timed_cost = None if timed is None else judge(timed.plans)
    if timed is None or timed_cost is None or timed_cost > judged:
        return SolveOutcome("FEASIBLE", found.plans, judged, 0)
    return replace(timed, cost=timed_cost)
