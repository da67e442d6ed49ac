"""What a schedule costs, as CP-SAT expressions that agree with the evaluator to the unit.

The cost categories are the evaluator's (``CostBreakdown``); each is an integer expression so
the solver's objective and bound are in currency units. Cast pay uses two monotone Boolean
sequences per actor ("on or after the first work day", "on or before the last"): the payroll
is where both hold, a linear count whose LP relaxation stays useful, unlike min/max variables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from firstad.schedule.cpsat_model import Expression, ScheduleModel
from firstad.schedule.indexed import IndexedProblem


@dataclass(slots=True)
class CostExpressions:
    """One expression per evaluator cost category, in currency units."""

    cast: Expression = 0
    cast_holds: Expression = 0
    crew: Expression = 0
    locations: Expression = 0
    permits: Expression = 0
    moves: Expression = 0
    overtime: Expression = 0
    cast_work: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)

    @property
    def total(self) -> Expression:
        return (
            self.cast
            + self.cast_holds
            + self.crew
            + self.locations
            + self.permits
            + self.moves
            + self.overtime
        )


def add_costs(schedule: ScheduleModel) -> CostExpressions:
    """Add the cost variables to a built model and return the category expressions."""
    costs = CostExpressions()
    _add_cast_pay(schedule, costs)
    _add_day_costs(schedule, costs)
    _add_location_costs(schedule, costs)
    return costs


def _add_cast_pay(schedule: ScheduleModel, costs: CostExpressions) -> None:
    problem = schedule.problem
    worked: list[Expression] = []
    held: list[Expression] = []
    for cast_index, member in enumerate(problem.cast):
        if not problem.scenes_of_cast(cast_index) or member.rate == 0:
            continue
        work = _work_days(schedule, cast_index)
        costs.cast_work.update({(cast_index, day): literal for day, literal in work.items()})
        payroll = _payroll_days(schedule, cast_index, work)
        worked.append(member.rate * sum(work.values()))
        held.append(member.rate * (payroll - sum(work.values())))
    costs.cast = sum(worked)
    costs.cast_holds = sum(held)


def _work_days(schedule: ScheduleModel, cast_index: int) -> dict[int, cp_model.IntVar]:
    return {
        day: literal
        for (index, day), literal in schedule.variables.work.items()
        if index == cast_index
    }


def _payroll_days(
    schedule: ScheduleModel, cast_index: int, work: dict[int, cp_model.IntVar]
) -> Expression:
    """Shoot days from the first work day to the last, less a drop/pick-up gap if allowed."""
    days = schedule.problem.day_count
    dropped = _dropped_days(schedule, cast_index, work)
    return cp_model.LinearExpr.sum(
        paid_days(schedule.model, cast_index, work, schedule.variables.day_used[:days], dropped)
    )


def paid_days(
    model: cp_model.CpModel,
    cast_index: int,
    work: Mapping[int, cp_model.IntVar],
    day_used: Sequence[cp_model.IntVar],
    dropped: Sequence[cp_model.IntVar] | None = None,
) -> list[cp_model.IntVar]:
    """One literal per day: the actor is on payroll that shoot day.

    The span from the first work day to the last is two monotone sequences, "started" and
    "not yet done"; a used day where both hold is paid, unless it is in the ``dropped`` gap.
    Linear in the days, where a first/last-day integer pair would need big-M constraints.
    """
    days = range(len(day_used))
    started = [model.new_bool_var(f"started_{cast_index}_{day}") for day in days]
    not_done = [model.new_bool_var(f"not_done_{cast_index}_{day}") for day in days]
    for day in days[1:]:
        model.add_implication(started[day - 1], started[day])
        model.add_implication(not_done[day], not_done[day - 1])
    for day, literal in work.items():
        model.add_implication(literal, started[day])
        model.add_implication(literal, not_done[day])
    paid: list[cp_model.IntVar] = []
    for day in days:
        # Every actor works at least once, so each day is after the start or before the end.
        model.add_bool_or([started[day], not_done[day]])
        literal = model.new_bool_var(f"paid_{cast_index}_{day}")
        unless = [] if dropped is None else [dropped[day]]
        model.add_bool_or(
            [started[day].Not(), not_done[day].Not(), day_used[day].Not(), *unless, literal]
        )
        if day in work:
            model.add_implication(work[day], literal)  # redundant; tightens the LP
        paid.append(literal)
    return paid


def _dropped_days(
    schedule: ScheduleModel, cast_index: int, work: dict[int, cp_model.IntVar]
) -> list[cp_model.IntVar] | None:
    """SAG-AFTRA drop/pick-up: once per actor, off payroll during one long enough gap.

    The dropped days form one run (two monotone sequences again) holding no work day, and no
    two work days closer than the minimum gap may surround a dropped day.
    """
    problem = schedule.problem
    if not problem.cast[cast_index].drop_pickup:
        return None
    model = schedule.model
    days = range(problem.day_count)
    after_drop = [model.new_bool_var(f"after_drop_{cast_index}_{day}") for day in days]
    before_pickup = [model.new_bool_var(f"before_pickup_{cast_index}_{day}") for day in days]
    dropped = [model.new_bool_var(f"dropped_{cast_index}_{day}") for day in days]
    for day in days:
        if day:
            model.add_implication(after_drop[day - 1], after_drop[day])
            model.add_implication(before_pickup[day], before_pickup[day - 1])
        model.add_bool_and([after_drop[day], before_pickup[day]]).only_enforce_if(dropped[day])
        if day in work:
            model.add_implication(dropped[day], work[day].Not())
    _forbid_short_drops(schedule, work, dropped)
    return dropped


def _forbid_short_drops(
    schedule: ScheduleModel,
    work: dict[int, cp_model.IntVar],
    dropped: list[cp_model.IntVar],
) -> None:
    problem = schedule.problem
    minimum = problem.rules.drop_pickup_min_gap_days
    work_days = sorted(work)
    for first in work_days:
        for second in work_days:
            if second <= first + 1 or not too_close_for_drop(problem, first, second, minimum):
                continue
            for day in range(first + 1, second):
                schedule.model.add_bool_or(
                    [work[first].Not(), work[second].Not(), dropped[day].Not()]
                )


def too_close_for_drop(problem: IndexedProblem, first: int, second: int, minimum: int) -> bool:
    """True when two work days are too close for a drop/pick-up between them."""
    return problem.calendar_gap(first, second) - 1 <= minimum


def _add_day_costs(schedule: ScheduleModel, costs: CostExpressions) -> None:
    rules = schedule.problem.rules
    variables = schedule.variables
    costs.crew = rules.crew_daily_rate * sum(variables.day_used)
    costs.moves = rules.move_cost * sum(variables.moves)
    days = range(schedule.problem.day_count)
    costs.overtime = sum(_overtime_cost(schedule, day) for day in days)


def _overtime_cost(schedule: ScheduleModel, day: int) -> Expression:
    """Minutes past the standard day at the hourly rate, rounded up to a whole unit a day."""
    rules = schedule.problem.rules
    if rules.overtime_rate_per_hour == 0:
        return 0
    model = schedule.model
    limit = max(rules.max_shoot_minutes - rules.standard_minutes, 0)
    most = -(-limit * rules.overtime_rate_per_hour // 60)
    overtime = model.new_int_var(0, most, f"overtime_{day}")
    over = schedule.shooting_minutes(day) - rules.standard_minutes
    model.add(60 * overtime >= rules.overtime_rate_per_hour * over)
    return overtime


def _add_location_costs(schedule: ScheduleModel, costs: CostExpressions) -> None:
    problem = schedule.problem
    rental = []
    permits = []
    for location_index, location in enumerate(problem.locations):
        used_days = [
            used
            for (index, _day), used in schedule.variables.location_used.items()
            if index == location_index
        ]
        if not used_days:
            continue
        rental.append(location.rate * sum(used_days))
        if location.permit_fee:
            permitted = schedule.model.new_bool_var(f"permit_{location_index}")
            for used in used_days:
                schedule.model.add_implication(used, permitted)
            permits.append(location.permit_fee * permitted)
    costs.locations = sum(rental)
    costs.permits = sum(permits)
