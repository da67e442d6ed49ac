"""Running CP-SAT on a schedule model: progress events, hints, and reading the days back.

Kept apart from the optimizer's policy (phases, locks, re-planning) so the LNS and the
explainer can run models the same way.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from firstad.model import Schedule
from firstad.schedule.cpsat_model import ScheduleModel
from firstad.schedule.daylight import LIGHT_PARTS
from firstad.schedule.sequencing import DayPlan, order_block, shoot_day

# Two cores are shared by the whole team's tools: never ask CP-SAT for more workers.
MAX_WORKERS = 2
# The first-solution phase gets this share of the time limit, and at least these seconds.
FIRST_SHARE = 0.25
FIRST_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """Where a long optimization stands: for a progress bar or a web page.

    ``elapsed`` and ``time_limit`` in seconds; ``cost`` the best schedule's objective so far
    (None before the first), ``lower_bound`` the proven bound, ``gap`` their relative distance
    (None until both exist); ``phase`` names the stage (``first``, ``search``, ``replan``,
    ``days`` for the day-assignment local search, ``lns``).
    """

    elapsed: float
    time_limit: float
    cost: int | None
    lower_bound: int
    gap: float | None
    phase: str = "search"


ProgressCallback = Callable[[ProgressEvent], None]


def relative_gap(cost: int | None, lower_bound: int) -> float | None:
    """(cost - bound) / cost, 0 when the cost is 0; None without a cost."""
    if cost is None:
        return None
    if cost <= 0:
        return 0.0
    return max(cost - lower_bound, 0) / cost


@dataclass(slots=True)
class SolveOutcome:
    """What one CP-SAT run found: the status name, the days, objective and proven bound."""

    status: str
    plans: tuple[DayPlan, ...] | None
    objective: int | None
    bound: int
    values: tuple[int, ...] = ()


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Turns CP-SAT's solutions and bound improvements into ``ProgressEvent`` calls."""

    def __init__(
        self,
        progress: ProgressCallback | None,
        time_limit: float,
        phase: str,
        floor: int,
        started: float,
    ) -> None:
        super().__init__()
        self.progress = progress
        self.time_limit = time_limit
        self.phase = phase
        self.started = started
        self.cost: int | None = None
        self.bound = floor  # a bound known before the search (``bounds.capacity_bound``)

    def on_solution_callback(self) -> None:
        self.cost = round(self.objective_value)
        self.bound = max(self.bound, math.ceil(self.best_objective_bound - 1e-6))
        self.emit()

    def on_bound(self, bound: float) -> None:
        self.bound = max(self.bound, math.ceil(bound - 1e-6))
        self.emit()

    def emit(self) -> None:
        if self.progress is None:
            return
        self.progress(
            ProgressEvent(
                elapsed=time.monotonic() - self.started,
                time_limit=self.time_limit,
                cost=self.cost,
                lower_bound=self.bound,
                gap=relative_gap(self.cost, self.bound),
                phase=self.phase,
            )
        )


def run_solver(
    schedule: ScheduleModel,
    *,
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None = None,
    phase: str = "search",
    static_bound: int = 0,
    first_solution: bool = False,
    started: float | None = None,
) -> SolveOutcome:
    """Solve the model within the time limit and read the day plans back.

    ``started`` is when the whole optimization began (``time.monotonic()``), so progress
    events count from there across phases. ``first_solution`` stops at the first schedule,
    searched by one worker without the LP: on realistic features that finds one in about two
    seconds where the full portfolio, busy with its LP relaxation, takes ten.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1 if first_solution else MAX_WORKERS
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    if first_solution:
        solver.parameters.linearization_level = 0
        solver.parameters.stop_after_first_solution = True
    begun = time.monotonic() if started is None else started
    reporter = _Reporter(progress, time_limit, phase, static_bound, begun)
    solver.best_bound_callback = reporter.on_bound
    status = solver.solve(schedule.model, reporter)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveOutcome(solver.status_name(status), None, None, 0)
    has_objective = schedule.model.has_objective()
    objective = round(solver.objective_value) if has_objective else 0
    bound = math.ceil(solver.best_objective_bound - 1e-6) if has_objective else 0
    bound = max(bound, static_bound)
    if status == cp_model.OPTIMAL:
        bound = objective
    if first_solution and status != cp_model.OPTIMAL:
        bound = static_bound  # a search stopped early proves nothing beyond presolve
    return SolveOutcome(
        solver.status_name(status),
        read_plans(schedule, solver),
        objective,
        bound,
        tuple(solver.response_proto.solution),
    )


def solve_in_two_phases(
    schedule: ScheduleModel,
    *,
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None = None,
    static_bound: int = 0,
    started: float | None = None,
    polish: Callable[[SolveOutcome, float], SolveOutcome] | None = None,
    phase: str | None = None,
) -> SolveOutcome:
    """A first schedule fast, then the full search started from it.

    ``polish(first, deadline)``, when given, may improve the first schedule before the full
    search starts from it (a local search: CP-SAT then has a good incumbent to prove or beat).
    ``phase`` names both phases in progress events (by default ``first`` and ``search``).
    """
    started = time.monotonic() if started is None else started
    deadline = started + time_limit
    first = first_schedule(
        schedule,
        time_limit=time_limit,
        seed=seed,
        progress=progress,
        static_bound=static_bound,
        started=started,
        phase=phase or "first",
    )
    remaining = deadline - time.monotonic()
    if first.status in ("INFEASIBLE", "OPTIMAL") or remaining <= 0.1:
        return first
    if polish is not None:
        first = polish(first, deadline)
        remaining = deadline - time.monotonic()
    if first.values:
        hint_values(schedule, first.values)
    second = run_solver(
        schedule,
        time_limit=remaining,
        seed=seed,
        progress=progress,
        static_bound=static_bound,
        started=started,
        phase=phase or "search",
    )
    if second.objective is None or (
        first.objective is not None and first.objective < second.objective
    ):
        return SolveOutcome(first.status, first.plans, first.objective, second.bound)
    return second


def first_schedule(
    schedule: ScheduleModel,
    *,
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None = None,
    static_bound: int = 0,
    started: float,
    phase: str = "first",
) -> SolveOutcome:
    """The first phase of every search: one schedule, fast, within its share of the time."""
    deadline = started + time_limit
    return run_solver(
        schedule,
        time_limit=min(deadline - time.monotonic(), max(FIRST_SHARE * time_limit, FIRST_SECONDS)),
        seed=seed,
        progress=progress,
        phase=phase,
        static_bound=static_bound,
        first_solution=True,
        started=started,
    )


def hint_values(schedule: ScheduleModel, values: tuple[int, ...]) -> None:
    """Hint a complete solution, variable by variable (CP-SAT starts its search there)."""
    model = schedule.model
    model.clear_hints()  # type: ignore[no-untyped-call]  # ortools leaves it unannotated
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)


def read_plans(schedule: ScheduleModel, solver: cp_model.CpSolver) -> tuple[DayPlan, ...]:
    """The days the solution uses, each with its location blocks in timeline order."""
    variables = schedule.variables
    plans = []
    for day, used in enumerate(variables.day_used):
        if not solver.boolean_value(used):
            continue
        blocks: dict[int, list[int]] = {}
        for (scene, scene_day), literal in variables.shoot.items():
            if scene_day == day and solver.boolean_value(literal):
                blocks.setdefault(schedule.problem.scenes[scene].location, []).append(scene)
        ordered = sorted(
            blocks, key=lambda location: solver.value(variables.block_start[location, day])
        )
        plans.append(
            DayPlan(
                day=day,
                blocks=tuple(
                    (location, _shooting_order(schedule, solver, day, blocks[location]))
                    for location in ordered
                ),
                call_minute=solver.value(variables.call[day]),
                wrap_minute=solver.value(variables.wrap[day]),
            )
        )
    return tuple(plans)


def _shooting_order(
    schedule: ScheduleModel, solver: cp_model.CpSolver, day: int, scenes: list[int]
) -> tuple[int, ...]:
    """A block's scenes as shot: part by part (sets that mix lights), each part in the
    sequencing's order."""
    light_part = schedule.variables.light_part
    parts: list[list[int]] = [[] for _ in range(LIGHT_PARTS)]
    for scene in scenes:
        after = light_part.get((scene, day), [])
        parts[sum(solver.boolean_value(literal) for literal in after)].append(scene)
    return tuple(scene for part in parts for scene in order_block(schedule.problem, part))


def plans_to_schedule(schedule: ScheduleModel, plans: tuple[DayPlan, ...]) -> Schedule:
    return Schedule(days=tuple(shoot_day(schedule.problem, plan) for plan in plans))


def add_hint(schedule: ScheduleModel, assignment: dict[int, int]) -> None:
    """Suggest a day per scene (a previous schedule, the manual board) to start from."""
    for (scene, day), literal in schedule.variables.shoot.items():
        if scene in assignment:
            schedule.model.add_hint(literal, assignment[scene] == day)
