"""A lower bound from a relaxed schedule model: which scene on which day, without the clock.

The full model (``cpsat_model``) times every location block inside its day, which makes its
LP relaxation large and its bound weak. This model keeps only day-level facts, each implied by
the evaluator's rules, so its optimum can never exceed the real optimum:

- each scene on one of its allowed days (cast, location and permit dates, fixed dates);
- a day visits at most ``max_moves + 1`` locations and never an incompatible pair
  (``daybound.incompatible_locations``); its scene minutes plus one move per extra location
  fit ``max_shoot_minutes``; a location's minutes fit what its hours allow in a day;
- shot-before orderings as ``day(before) <= day(after)``; at most N shoot days in a row;
- the evaluator's costs: cast paid over each actor's span of shoot days (work and holds),
  crew per day, rent per location day, permits, moves, and overtime on the day's known length.

Dropped: call and wrap times, the rest between days, the order inside a day, and the
drop/pick-up saving is over-granted (an actor who may be dropped pays only work days). Each
drop only lowers the optimum. CP-SAT's proven bound on this model, at any time limit, is a
proven bound on the real problem (Bomsdorf & Derigs 2008 decompose the film shooting problem
the same way: day assignment first, timing within days second).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from firstad.schedule.cpsat_cost import paid_days
from firstad.schedule.daybound import DayFacts, day_facts, fewest_work_days
from firstad.schedule.indexed import IndexedProblem

LinearTerms = cp_model.LinearExpr | cp_model.IntVar | int

# The team shares two cores: never ask CP-SAT for more workers.
MAX_WORKERS = 2


@dataclass(frozen=True, slots=True)
class RelaxationResult:
    """What the relaxed model proved.

    ``bound``: a lower bound on the cost of every violation-free schedule (0 when nothing was
    proven). ``objective``: the relaxation's best solution, an upper limit on what the bound
    can still reach (None when none found). ``status``: CP-SAT's status name; INFEASIBLE means
    the real problem has no schedule either. ``seconds``: wall time spent.
    """

    bound: int
    objective: int | None
    status: str
    seconds: float

    @property
    def optimal(self) -> bool:
        return self.status == "OPTIMAL"


@dataclass(slots=True)
class _Variables:
    shoot: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    day_used: list[cp_model.IntVar] = field(default_factory=list)
    location_used: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    work: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)


class RelaxedModel:
    """The day-assignment relaxation of one problem, with its total cost as objective."""

    def __init__(self, problem: IndexedProblem) -> None:
        self.problem = problem
        self.facts: DayFacts = day_facts(problem)
        self.model = cp_model.CpModel()
        self.variables = _Variables()
        self.feasible_domains = True
        self.costs: list[LinearTerms] = []

    def build(self) -> RelaxedModel:
        self._add_assignment()
        self._add_days()
        self._add_locations()
        self._add_cast()
        self._add_orderings()
        self._add_consecutive_days()
        self.model.minimize(sum(self.costs))
        return self

    # --- scenes and days --------------------------------------------------------------------

    def _add_assignment(self) -> None:
        for scene_index in range(len(self.problem.scenes)):
            days = self.problem.allowed_days(scene_index)
            if not days:
                self.feasible_domains = False
            literals = [self._shoot(scene_index, day) for day in days]
            self.model.add_exactly_one(literals)

    def _shoot(self, scene_index: int, day: int) -> cp_model.IntVar:
        literal = self.model.new_bool_var(f"shoot_{scene_index}_{day}")
        self.variables.shoot[scene_index, day] = literal
        return literal

    def _scenes_on(self, day: int) -> list[int]:
        return [scene for (scene, scene_day) in self.variables.shoot if scene_day == day]

    def _add_days(self) -> None:
        crew = self.problem.rules.crew_daily_rate
        for day in range(self.problem.day_count):
            shoots = [self.variables.shoot[scene, day] for scene in self._scenes_on(day)]
            used = self._either(shoots, f"day_used_{day}")
            self.variables.day_used.append(used)
            self.costs.append(crew * used)

    def _either(self, literals: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
        """A literal true exactly when one of ``literals`` is."""
        result = self.model.new_bool_var(name)
        for literal in literals:
            self.model.add_implication(literal, result)
        self.model.add_bool_or([*literals, result.Not()])
        return result

    # --- locations, moves, day length -------------------------------------------------------

    def _add_locations(self) -> None:
        for day in range(self.problem.day_count):
            by_location: dict[int, list[int]] = {}
            for scene in self._scenes_on(day):
                by_location.setdefault(self.problem.scenes[scene].location, []).append(scene)
            for location, scenes in sorted(by_location.items()):
                self._add_location_day(location, day, scenes)
            self._add_day_shape(day, sorted(by_location))
        for place_index, place in enumerate(self.problem.locations):
            if self.problem.scenes_at(place_index):
                self.costs.append(place.permit_fee)  # every used location pays once

    def _add_location_day(self, location: int, day: int, scenes: list[int]) -> None:
        shoots = [self.variables.shoot[scene, day] for scene in scenes]
        used = self._either(shoots, f"location_used_{location}_{day}")
        self.variables.location_used[location, day] = used
        minutes = [self.problem.scenes[scene].minutes for scene in scenes]
        limit = self.facts.location_minutes[location]
        self.model.add(cp_model.LinearExpr.weighted_sum(shoots, minutes) <= limit * used)
        self.costs.append(self.problem.locations[location].rate * used)

    def _add_day_shape(self, day: int, locations: list[int]) -> None:
        rules = self.problem.rules
        used = self.variables.day_used[day]
        visits = [self.variables.location_used[location, day] for location in locations]
        if self.facts.places_a_day is not None:
            self.model.add(sum(visits) <= self.facts.places_a_day * used)
        for first, second in self.facts.incompatible:
            if first in locations and second in locations:
                pair = [self.variables.location_used[place, day] for place in (first, second)]
                self.model.add_bool_or([literal.Not() for literal in pair])
        # Each location after the first costs at least one company move (a revisit, more).
        moves = sum(visits) - used
        scene_minutes = sum(
            self.problem.scenes[scene].minutes * self.variables.shoot[scene, day]
            for scene in self._scenes_on(day)
        )
        length = scene_minutes + rules.move_minutes * moves
        self.model.add(length <= rules.max_shoot_minutes * used)
        self.costs.append(rules.move_cost * moves)
        self.costs.append(self._overtime(day, length))

    def _overtime(self, day: int, length: LinearTerms) -> LinearTerms:
        """Overtime on the day's scene and move minutes: wrap can only come later."""
        rules = self.problem.rules
        if rules.overtime_rate_per_hour == 0:
            return 0
        limit = max(rules.max_shoot_minutes - rules.standard_minutes, 0)
        most = -(-limit * rules.overtime_rate_per_hour // 60)
        overtime = self.model.new_int_var(0, most, f"overtime_{day}")
        self.model.add(
            60 * overtime >= rules.overtime_rate_per_hour * (length - rules.standard_minutes)
        )
        return overtime

    # --- cast -------------------------------------------------------------------------------

    def _add_cast(self) -> None:
        for cast_index, member in enumerate(self.problem.cast):
            scenes = self.problem.scenes_of_cast(cast_index)
            if not scenes:
                continue
            work = self._work_days(cast_index, scenes)
            self.model.add(sum(work.values()) >= fewest_work_days(self.problem, cast_index))
            if member.rate == 0:
                continue
            if member.drop_pickup:
                # Relaxed: a drop/pick-up could remove any holds, so only work days are paid.
                self.costs.append(member.rate * sum(work.values()))
            else:
                self.costs.append(member.rate * self._payroll(cast_index, work))

    def _work_days(self, cast_index: int, scenes: tuple[int, ...]) -> dict[int, cp_model.IntVar]:
        by_day: dict[int, list[cp_model.IntVar]] = {}
        for scene in scenes:
            for day in self.problem.allowed_days(scene):
                by_day.setdefault(day, []).append(self.variables.shoot[scene, day])
        work = {
            day: self._either(shoots, f"work_{cast_index}_{day}")
            for day, shoots in sorted(by_day.items())
        }
        self.variables.work.update({(cast_index, day): literal for day, literal in work.items()})
        return work

    def _payroll(self, cast_index: int, work: dict[int, cp_model.IntVar]) -> LinearTerms:
        """Shoot days from the first work day to the last (the optimizer's own encoding)."""
        return cp_model.LinearExpr.sum(
            paid_days(self.model, cast_index, work, self.variables.day_used)
        )

    # --- rules between days -----------------------------------------------------------------

    def _day_of(self, scene: int) -> LinearTerms:
        return sum(
            day * self.variables.shoot[scene, day] for day in self.problem.allowed_days(scene)
        )

    def _add_orderings(self) -> None:
        for before, after in self.problem.orderings:
            self.model.add(self._day_of(before) <= self._day_of(after))

    def _add_consecutive_days(self) -> None:
        limit = self.problem.rules.max_consecutive_days
        if limit is None:
            return
        length = limit + 1
        for start in range(self.problem.day_count - length + 1):
            if self.problem.calendar_gap(start, start + length - 1) == length - 1:
                run = self.variables.day_used[start : start + length]
                self.model.add(sum(run) <= limit)


def relaxation_bound(
    problem: IndexedProblem, *, time_limit: float, seed: int = 0, workers: int = MAX_WORKERS
) -> RelaxationResult:
    """Solve the relaxed model for at most ``time_limit`` seconds; its proven bound."""
    started = time.monotonic()
    relaxed = RelaxedModel(problem).build()
    if not relaxed.feasible_domains:
        return RelaxationResult(0, None, "INFEASIBLE", time.monotonic() - started)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = min(workers, MAX_WORKERS)
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(time_limit - (time.monotonic() - started), 0.05)
    status = solver.solve(relaxed.model)
    name = solver.status_name(status)
    seconds = time.monotonic() - started
    if status == cp_model.OPTIMAL:
        objective = round(solver.objective_value)
        return RelaxationResult(objective, objective, name, seconds)
    if status == cp_model.FEASIBLE:
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        return RelaxationResult(bound, round(solver.objective_value), name, seconds)
    if status == cp_model.INFEASIBLE:
        return RelaxationResult(0, None, name, seconds)
    return RelaxationResult(_bound_without_solution(solver), None, name, seconds)


def _bound_without_solution(solver: cp_model.CpSolver) -> int:
    """CP-SAT's bound when it found no solution in time (0 when it proved nothing)."""
    bound = solver.best_objective_bound
    return max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0
