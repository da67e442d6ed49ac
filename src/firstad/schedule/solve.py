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
from firstad.schedule.sequencing import DayPlan, shoot_day

# Two cores are shared by the whole team's tools: never ask CP-SAT for more workers.
MAX_WORKERS = 2


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """Where a long optimization stands: for a progress bar or a web page.

    ``elapsed`` and ``time_limit`` in seconds; ``cost`` the best schedule's objective so far
    (None before the first), ``lower_bound`` the proven bound, ``gap`` their relative distance
    (None until both exist); ``phase`` names the stage (``search``, ``replan``, ``lns``).
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


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Turns CP-SAT's solutions and bound improvements into ``ProgressEvent`` calls."""

    def __init__(
        self, progress: ProgressCallback | None, time_limit: float, phase: str, floor: int
    ) -> None:
        super().__init__()
        self.progress = progress
        self.time_limit = time_limit
        self.phase = phase
        self.started = time.monotonic()
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
) -> SolveOutcome:
    """Solve the model within the time limit and read the day plans back."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = MAX_WORKERS
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    reporter = _Reporter(progress, time_limit, phase, static_bound)
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
    return SolveOutcome(solver.status_name(status), read_plans(schedule, solver), objective, bound)


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
                blocks=tuple((location, tuple(blocks[location])) for location in ordered),
                call_minute=solver.value(variables.call[day]),
                wrap_minute=solver.value(variables.wrap[day]),
            )
        )
    return tuple(plans)


def plans_to_schedule(schedule: ScheduleModel, plans: tuple[DayPlan, ...]) -> Schedule:
    return Schedule(days=tuple(shoot_day(schedule.problem, plan) for plan in plans))


def add_hint(schedule: ScheduleModel, assignment: dict[int, int]) -> None:
    """Suggest a day per scene (a previous schedule, the manual board) to start from."""
    for (scene, day), literal in schedule.variables.shoot.items():
        if scene in assignment:
            schedule.model.add_hint(literal, assignment[scene] == day)
