"""The schedule optimizer: the cheapest schedule that keeps every rule, with a proven bound.

``optimize`` builds the CP-SAT assignment model (``cpsat_model``, ``cpsat_cost``), pins what
the user locked, and — when re-planning from a published schedule — first finds the fewest
scenes that must leave their published day, then the cheapest schedule with no more moves
(lexicographic: a crew cares more about a stable call sheet than about a saving), or the
cheapest with at most as many moves as the crew allows (``max_moved``) when that is more. Its
answer is always judged by the evaluator, and the cost it reports is the evaluator's.

Two searches follow the first schedule. Plain CP-SAT (its own portfolio, LP and generic
neighbourhoods) is exact on small productions and proves their optimum. Above
``LNS_MIN_SCENES`` scenes a local search takes over: first the day-assignment annealing of
``day_search`` (about 100,000 scene, block and day moves a second on a feature, priced by the
evaluator's rules), then the CP-SAT neighbourhoods of ``lns`` from its best schedule.
Re-planning keeps plain CP-SAT, except when the crew allows more moves than the fewest on a
large production without locked days or pinned strips: the day search then goes on from the
fewest-moves plan within that budget (``move_budget``); locked days keep the CP-SAT
neighbourhoods only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from datetime import time as clock
from functools import partial

from ortools.sat.python import cp_model

from firstad.model import MINUTES_PER_DAY, CostBreakdown, Problem, Schedule, ShootDay
from firstad.schedule.bounds import capacity_bound, lower_bound
from firstad.schedule.cpsat_cost import add_costs
from firstad.schedule.cpsat_model import (
    LOCKED_DAY,
    PINNED,
    TURNAROUND,
    Fact,
    ScheduleModel,
    Switch,
    always,
)
from firstad.schedule.evaluator import evaluate, violations
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.local_search import (
    LNS_MIN_SCENES,
    day_search_polish,
    reporter,
    solve_by_lns,
)
from firstad.schedule.manual import manual_schedule
from firstad.schedule.move_budget import NO_DAY, MoveBudget
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.sequencing import (
    CallRange,
    DayPlan,
    at_minute,
    sequence_day,
    shift_day,
    shoot_day,
)
from firstad.schedule.solve import (
    FIRST_SECONDS,
    ProgressCallback,
    ProgressEvent,
    SolveOutcome,
    add_hint,
    first_schedule,
    hint_values,
    relative_gap,
    solve_in_two_phases,
)

__all__ = ["OptimizeResult", "ProgressEvent", "optimize"]

OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
UNKNOWN = "unknown"

# Share of the time limit spent finding the fewest moves when re-planning.
REPLAN_SHARE = 0.3
# With more moves allowed than the fewest, the share of the time left then spent on the
# cheapest plan with the fewest moves, which the search with more starts from.
FEWEST_FIRST_SHARE = 0.3
# Of that, the share first spent on a plan that moves only the strips that must move.
ONLY_FORCED_SHARE = 0.5
# The searches ``optimize`` accepts: ``auto`` picks by size as above.
SEARCHES = ("auto", "cpsat", "lns")

# The share of the time limit kept for the day-pattern lower bound, and its cap in seconds.
BOUND_SHARE = 0.1
MAX_BOUND_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class OptimizeResult:
    """The optimizer's answer.

    ``schedule`` is None when no schedule was found (``status`` infeasible or unknown: out of
    time before the first one). ``cost`` is the evaluator's judgement of it, ``lower_bound``
    the proven least total cost of any schedule keeping the same locks (and, when
    re-planning, no more moved scenes), ``gap`` = (total - bound) / total. ``problems`` holds
    the evaluator's violations (never expected) and other notes.
    """

    schedule: Schedule | None
    cost: CostBreakdown | None
    lower_bound: int
    gap: float | None
    status: str
    problems: tuple[Problem, ...] = ()


def optimize(
    problem: SchedulingProblem,
    *,
    time_limit: float,
    seed: int = 0,
    locked: Schedule | None = None,
    previous: Schedule | None = None,
    progress: ProgressCallback | None = None,
    search: str = "auto",
    max_moved: int | None = None,
) -> OptimizeResult:
    """The cheapest schedule of ``problem`` found within ``time_limit`` seconds.

    ``locked`` days (``ShootDay.locked``) are kept exactly; scenes of its unlocked days are
    pinned to their date but the day may take more. ``previous`` is the published schedule to
    change as little as possible: no more of its scenes leave their day than must, or than
    ``max_moved`` when that is more. ``search`` is one of ``SEARCHES``.
    """
    if search not in SEARCHES:
        raise ValueError(f"search must be one of {', '.join(SEARCHES)}, not {search!r}")
    indexed = index_problem(problem)
    started = time.monotonic()
    moved_limit: SolveOutcome | None = None
    manual: dict[int, int] | None = None
    if previous is not None:
        moved_limit = _fewest_moves(
            indexed,
            locked=locked,
            previous=previous,
            time_limit=_replan_seconds(time_limit),
            seed=seed,
            progress=progress,
        )
        if moved_limit.objective is None:
            status = INFEASIBLE if moved_limit.status == "INFEASIBLE" else UNKNOWN
            return OptimizeResult(None, None, 0, None, status)
    schedule_model = build_cost_model(indexed, locked=locked)
    fewest = 0
    if previous is not None and moved_limit is not None:
        fewest = moved_limit.objective or 0
        # The plan with the fewest moves keeps the limit, whole (its days, their times); the
        # published one (a lost day's scenes on it) does not: on a feature CP-SAT found nothing
        # from it in 10 s, nor from the fewest-moves plan's days alone in 5.
        limit_moves(schedule_model, previous, fewest, moved_limit)
    else:
        # The crew's manual board is a good first guess: CP-SAT starts its search from it.
        manual = assignment_of(indexed, manual_schedule(problem))
        add_hint(schedule_model, manual)
    free_search = previous is None and locked is None
    # Locks and a moves limit only take schedules away, so the capacity bound holds for them.
    static_bound = capacity_bound(indexed)
    # The day-pattern bound is far stronger but takes seconds: it runs after the search, in
    # a reserved slice, so the first schedule still comes as fast as the search can find it.
    bound_seconds = min(MAX_BOUND_SECONDS, BOUND_SHARE * time_limit) if free_search else 0.0
    solver: Callable[..., SolveOutcome] = solve_in_two_phases
    judge = schedule_judge(problem, schedule_model, locked)
    if previous is None and _wants_lns(search, indexed):
        day_search = locked is None
        opening = manual if day_search else None
        solver = partial(solve_by_lns, judge=judge, day_search=day_search, opening=opening)
    elif free_search and search == "auto":
        report = reporter(progress, started, time_limit - bound_seconds, static_bound)
        polish = day_search_polish(schedule_model, judge, seed=seed, report=report)
        solver = partial(solve_in_two_phases, polish=polish)
    more_moves = previous is not None and (max_moved or 0) > fewest
    search_limit = time_limit - bound_seconds
    if more_moves:
        # The cheapest plan with the fewest moves first, in a share of the time (on a feature,
        # proven in a second or two), then the search with the crew's budget goes on from it.
        elapsed = time.monotonic() - started
        search_limit = elapsed + FEWEST_FIRST_SHARE * (time_limit - elapsed)
    outcome = solver(
        schedule_model,
        time_limit=search_limit,
        seed=seed,
        progress=progress,
        static_bound=static_bound,
        started=started,
    )
    if outcome.plans is None and moved_limit is not None and moved_limit.plans is not None:
        # CP-SAT does not always take the fewest-moves plan up as its hint within the time
        # (on a feature, 4 s without a plan): that plan keeps every rule, so it is the answer.
        outcome = SolveOutcome("FEASIBLE", moved_limit.plans, None, static_bound)
    if more_moves and previous is not None and outcome.plans is not None:
        more = MoreMoves(previous, locked, max(max_moved or 0, fewest), search, seed, progress)
        outcome = more.improve(problem, indexed, outcome, time_limit=time_limit, started=started)
    if bound_seconds > 0 and outcome.status != "OPTIMAL" and outcome.plans is not None:
        outcome.bound = max(outcome.bound, lower_bound(indexed, time_limit=bound_seconds))
    return _result(problem, schedule_model, outcome, locked)


@dataclass(frozen=True, slots=True)
class MoreMoves:
    """A re-plan that may move up to ``limit`` scenes, more than the fewest it must."""

    previous: Schedule
    locked: Schedule | None
    limit: int
    search: str
    seed: int
    progress: ProgressCallback | None

    def improve(
        self,
        problem: SchedulingProblem,
        indexed: IndexedProblem,
        fewest: SolveOutcome,
        *,
        time_limit: float,
        started: float,
    ) -> SolveOutcome:
        """The cheaper of ``fewest`` (the cheapest plan found with the fewest moves) and the
        best found from it within the budget; the bound is the budget's either way, since
        every plan with the fewest moves is within it."""
        schedule_model = build_cost_model(indexed, locked=self.locked)
        limit_moves(schedule_model, self.previous, self.limit, fewest)
        judge = schedule_judge(problem, schedule_model, self.locked)
        solver: Callable[..., SolveOutcome] = solve_in_two_phases
        if self.locked is None and _wants_lns(self.search, indexed) and fewest.plans:
            # The day search within the budget: CP-SAT alone found plans no cheaper with more
            # moves allowed on a feature (docs/scheduling.md).
            solver = partial(
                solve_by_lns,
                judge=judge,
                day_search=True,
                opening=_assignment_of_plans(fewest.plans),
                budget=move_budget(indexed, self.previous, self.limit),
            )
        freer = solver(
            schedule_model,
            time_limit=time_limit,
            seed=self.seed,
            progress=self.progress,
            static_bound=capacity_bound(indexed),
            started=started,
        )
        fewest_cost = judge(fewest.plans) if fewest.plans is not None else None
        freer_cost = judge(freer.plans) if freer.plans is not None else None
        if freer_cost is None or (fewest_cost is not None and fewest_cost <= freer_cost):
            status = "OPTIMAL" if freer.status == "OPTIMAL" and freer_cost == fewest_cost else ""
            return replace(fewest, status=status or "FEASIBLE", bound=freer.bound)
        return freer


def limit_moves(
    schedule_model: ScheduleModel, previous: Schedule, limit: int, start: SolveOutcome
) -> None:
    """At most ``limit`` of ``previous``'s scenes off their published day, the search hinted
    with the plan of ``start`` (or, without its values, the published days)."""
    indexed = schedule_model.problem
    schedule_model.model.add(sum(moved_literals(schedule_model, previous)) <= limit)
    if start.values:
        hint_values(schedule_model, start.values)
    else:
        add_hint(schedule_model, assignment_of(indexed, previous))


def _replan_seconds(time_limit: float) -> float:
    """The fewest-moves search's time: its share, but enough for a first plan where the limit
    allows (a feature's takes 2-3 s), since without one there is no re-plan at all."""
    return max(REPLAN_SHARE * time_limit, min(FIRST_SECONDS, 0.5 * time_limit))


def _wants_lns(search: str, indexed: IndexedProblem) -> bool:
    if search == "auto":
        return len(indexed.scenes) >= LNS_MIN_SCENES
    return search == "lns"


def schedule_judge(
    problem: SchedulingProblem, schedule_model: ScheduleModel, locked: Schedule | None
) -> Callable[[tuple[DayPlan, ...]], int | None]:
    """The evaluator's total of the schedule some day plans describe, None if it breaks a rule:
    what an LNS step must pass before it counts as an improvement."""

    def judge(plans: tuple[DayPlan, ...]) -> int | None:
        days = tuple(shoot_day(schedule_model.problem, plan) for plan in plans)
        evaluation = evaluate(problem, _with_locked_days(Schedule(days=days), locked))
        return None if evaluation.violations else evaluation.cost.total

    return judge


def build_cost_model(
    indexed: IndexedProblem, *, locked: Schedule | None = None, switch: Switch = always
) -> ScheduleModel:
    """The full model with its cost objective and the user's locks."""
    schedule_model = ScheduleModel(indexed, switch=switch).build()
    costs = add_costs(schedule_model)
    schedule_model.model.minimize(costs.total)
    if locked is not None:
        add_locks(schedule_model, locked)
    return schedule_model


def add_locks(schedule_model: ScheduleModel, locked: Schedule) -> None:
    """Pin locked scenes to their dates; a locked day takes no other scene."""
    indexed = schedule_model.problem
    day_of_date = {day: index for index, day in enumerate(indexed.dates)}
    position = {scene.number: index for index, scene in enumerate(indexed.scenes)}
    for shoot in locked.days:
        day = day_of_date.get(shoot.date)
        kind = LOCKED_DAY if shoot.locked else PINNED
        switch = schedule_model.switch(Fact(kind, -1 if day is None else day))
        pinned = {position[number] for number in shoot.scenes if number in position}
        for scene in pinned:
            literal = schedule_model.variables.shoot.get((scene, day)) if day is not None else None
            if literal is None:
                schedule_model.model.add_bool_or([]).only_enforce_if(switch)
                continue
            schedule_model.model.add_bool_and([literal]).only_enforce_if(switch)
        if shoot.locked and day is not None:
            _keep_day_closed(schedule_model, day, pinned, switch)
            _keep_call(schedule_model, day, shoot, switch)
            _rest_from_published_wrap(schedule_model, day, shoot, switch)


def _keep_day_closed(
    schedule_model: ScheduleModel, day: int, pinned: set[int], switch: list[cp_model.IntVar]
) -> None:
    for (scene, scene_day), literal in schedule_model.variables.shoot.items():
        if scene_day == day and scene not in pinned:
            schedule_model.model.add_bool_and([literal.Not()]).only_enforce_if(switch)


def _keep_call(
    schedule_model: ScheduleModel, day: int, shoot: ShootDay, switch: list[cp_model.IntVar]
) -> None:
    """A locked day keeps its call time, so the turnaround around it is judged as published."""
    minute = _minute_of(shoot.date, shoot.call)
    call = schedule_model.variables.call[day]
    schedule_model.model.add(call == minute).only_enforce_if(switch)


def _rest_from_published_wrap(
    schedule_model: ScheduleModel, day: int, shoot: ShootDay, switch: list[cp_model.IntVar]
) -> None:
    """The rest after a locked day runs from its published wrap, which goes out as published
    and may be later than the model's own (a scene shorter than when it was published)."""
    indexed, variables = schedule_model.problem, schedule_model.variables
    rules, model = indexed.rules, schedule_model.model
    wrap = _minute_of(shoot.date, shoot.wrap)
    enforce = [variables.day_used[day], *switch, *schedule_model.switch(Fact(TURNAROUND))]
    for later in range(day + 1, indexed.day_count):
        rest = variables.call[later] + MINUTES_PER_DAY * indexed.calendar_gap(day, later) - wrap
        model.add(rest >= rules.crew_turnaround_minutes).only_enforce_if(
            [variables.day_used[later], *enforce]
        )
        for cast_index in range(len(indexed.cast)):
            works = (variables.work.get((cast_index, day)), variables.work.get((cast_index, later)))
            if works[0] is not None and works[1] is not None:
                model.add(rest >= rules.turnaround_minutes).only_enforce_if([*works, *enforce])


def _minute_of(day: date, moment: datetime) -> int:
    return int((moment - datetime.combine(day, clock())).total_seconds() // 60)


# --- re-planning ----------------------------------------------------------------------------


def assignment_of(indexed: IndexedProblem, schedule: Schedule) -> dict[int, int]:
    """Scene index -> day index of a schedule's days that are still shoot dates."""
    day_of_date = {day: index for index, day in enumerate(indexed.dates)}
    position = {scene.number: index for index, scene in enumerate(indexed.scenes)}
    assignment: dict[int, int] = {}
    for shoot in schedule.days:
        for number in shoot.scenes:
            if number in position and shoot.date in day_of_date:
                assignment[position[number]] = day_of_date[shoot.date]
    return assignment


def move_budget(indexed: IndexedProblem, previous: Schedule, limit: int) -> MoveBudget:
    """At most ``limit`` of ``previous``'s scenes off their published day, as the day search
    counts them (as ``moved_literals``: a scene whose published day is gone has moved)."""
    assignment = assignment_of(indexed, previous)
    published = tuple(assignment.get(scene, NO_DAY) for scene in range(len(indexed.scenes)))
    # A scene the published schedule did not have (added to the script since) is not counted;
    # the budget's count has it as moved wherever it goes, so the limit takes it in.
    numbers = {number for day in previous.days for number in day.scenes}
    unpublished = sum(1 for scene in indexed.scenes if scene.number not in numbers)
    return MoveBudget(published, limit + unpublished)


def _assignment_of_plans(plans: Sequence[DayPlan]) -> dict[int, int]:
    return {scene: plan.day for plan in plans for _, scenes in plan.blocks for scene in scenes}


def moved_literals(schedule_model: ScheduleModel, previous: Schedule) -> list[cp_model.LiteralT]:
    """One literal per published scene, true when it leaves its published day."""
    assignment = assignment_of(schedule_model.problem, previous)
    shoot = schedule_model.variables.shoot
    published = {number for day in previous.days for number in day.scenes}
    moved: list[cp_model.LiteralT] = []
    for scene_index, scene in enumerate(schedule_model.problem.scenes):
        if scene.number not in published:
            continue
        literal = shoot.get((scene_index, assignment.get(scene_index, -1)))
        # A scene whose published day is lost or closed to it must move: a constant 1.
        moved.append(literal.Not() if literal is not None else 1)
    return moved


def _fewest_moves(
    indexed: IndexedProblem,
    *,
    locked: Schedule | None,
    previous: Schedule,
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None,
) -> SolveOutcome:
    """The fewest published scenes that must change day, as the objective of the outcome."""
    schedule_model = ScheduleModel(indexed).build()
    # The cost model is built by the same code, so its first variables are these.
    shared = len(schedule_model.model.proto.variables)
    if locked is not None:
        add_locks(schedule_model, locked)
    moved = moved_literals(schedule_model, previous)
    schedule_model.model.minimize(sum(moved))
    add_hint(schedule_model, assignment_of(indexed, previous))
    deadline = time.monotonic() + time_limit
    # The scenes of lost or closed days must move: when they alone can, no plan moves fewer.
    forced = sum(1 for literal in moved if isinstance(literal, int))
    only_forced = _moving_only_forced(
        schedule_model, moved, forced=forced, time_limit=time_limit, seed=seed, progress=progress
    )
    if only_forced is not None:
        return replace(only_forced, values=only_forced.values[:shared])
    # Two phases, as for any search: on a feature the full portfolio alone, busy with its LP,
    # found no plan at all in 9 s after a lost day.
    outcome = solve_in_two_phases(
        schedule_model,
        time_limit=max(deadline - time.monotonic(), 0.05),
        seed=seed,
        progress=progress,
        phase="replan",
    )
    return replace(outcome, values=outcome.values[:shared])


def _moving_only_forced(
    schedule_model: ScheduleModel,
    moved: Sequence[cp_model.LiteralT],
    *,
    forced: int,
    time_limit: float,
    seed: int,
    progress: ProgressCallback | None,
) -> SolveOutcome | None:
    """A plan that moves only the ``forced`` scenes, every other strip on its published day
    (a small search: on a feature, well under a second where the whole one took 3-6 s), as an
    optimal fewest-moves outcome; None when there is none, or none found in the time."""
    trial = copy(schedule_model)
    trial.model = schedule_model.model.clone()
    trial.model.add(sum(moved) <= forced)
    outcome = first_schedule(
        trial,
        time_limit=ONLY_FORCED_SHARE * time_limit,
        seed=seed,
        progress=progress,
        started=time.monotonic(),
        phase="replan",
    )
    if outcome.plans is None:
        return None
    return replace(outcome, status="OPTIMAL", objective=forced, bound=forced)


# --- the answer -----------------------------------------------------------------------------


def _result(
    problem: SchedulingProblem,
    schedule_model: ScheduleModel,
    outcome: SolveOutcome,
    locked: Schedule | None,
) -> OptimizeResult:
    if outcome.plans is None:
        status = INFEASIBLE if outcome.status == "INFEASIBLE" else UNKNOWN
        return OptimizeResult(None, None, 0, None, status)
    schedule = _schedule_of(schedule_model.problem, outcome.plans, locked)
    sequenced = _schedule_of(
        schedule_model.problem,
        sequence_days(problem, schedule_model.problem, outcome.plans),
        locked,
    )
    # The exact sequencing only moves calls and visiting orders; kept when the referee agrees.
    if not violations(problem, sequenced):
        schedule = sequenced
    schedule = settle_calls(problem, schedule)
    evaluation = evaluate(problem, schedule)
    total = evaluation.cost.total
    bound = min(outcome.bound, total)
    status = OPTIMAL if outcome.status == "OPTIMAL" and total == outcome.objective else FEASIBLE
    return OptimizeResult(
        schedule=schedule,
        cost=evaluation.cost,
        lower_bound=bound,
        gap=relative_gap(total, bound),
        status=status,
        problems=evaluation.violations,
    )


def _schedule_of(
    indexed: IndexedProblem, plans: tuple[DayPlan, ...], locked: Schedule | None
) -> Schedule:
    return _with_locked_days(
        Schedule(days=tuple(shoot_day(indexed, plan) for plan in plans)), locked
    )


def sequence_days(
    problem: SchedulingProblem, indexed: IndexedProblem, plans: tuple[DayPlan, ...]
) -> tuple[DayPlan, ...]:
    """Each day in its best visiting order and call (``sequencing.sequence_day``), from the
    first day on: a day's call range is the rest after the days already sequenced and before
    the model's later days, so the model's own plan is always one of the choices."""
    usual = problem.rules.default_call.hour * 60 + problem.rules.default_call.minute
    done: list[DayPlan] = []
    for index, plan in enumerate(plans):
        calls = CallRange(
            earliest=_earliest_call(indexed, done, plan),
            latest_wrap=_latest_wrap(indexed, plan, plans[index + 1 :]),
            preferred=usual,
        )
        done.append(sequence_day(indexed, plan, calls) or plan)
    return tuple(done)


def _rest_between(indexed: IndexedProblem, earlier: DayPlan, later: DayPlan) -> int:
    """Crew rest between any two shoot days; the cast's when an actor works both."""
    rules = indexed.rules
    cast = {member for scene in _scenes_of(earlier) for member in indexed.scenes[scene].cast}
    shared = any(
        member in cast for scene in _scenes_of(later) for member in indexed.scenes[scene].cast
    )
    return max(rules.crew_turnaround_minutes, rules.turnaround_minutes if shared else 0)


def _scenes_of(plan: DayPlan) -> list[int]:
    return [scene for _, block in plan.blocks for scene in block]


def _offset(indexed: IndexedProblem, earlier: DayPlan, later: DayPlan) -> int:
    return MINUTES_PER_DAY * indexed.calendar_gap(earlier.day, later.day)


def _earliest_call(indexed: IndexedProblem, done: list[DayPlan], plan: DayPlan) -> int:
    return max(
        [0]
        + [
            other.wrap_minute + _rest_between(indexed, other, plan) - _offset(indexed, other, plan)
            for other in done
        ]
    )


def _latest_wrap(indexed: IndexedProblem, plan: DayPlan, later: Sequence[DayPlan]) -> int:
    latest = MINUTES_PER_DAY - 1 + indexed.rules.max_shoot_minutes
    return min(
        [latest]
        + [
            other.call_minute + _offset(indexed, plan, other) - _rest_between(indexed, plan, other)
            for other in later
        ]
    )


def settle_calls(problem: SchedulingProblem, schedule: Schedule) -> Schedule:
    """Move each day's call to a time a crew expects, where every rule still holds.

    The model is indifferent to the hour of a day that fits anywhere, and CP-SAT returns the
    first that fits (often midnight). Tried in order: the production's usual call, the first
    location's opening (19:00 at a night rink), then the usual call an hour earlier or later,
    up to four hours; the first that breaks no rule is kept.
    """
    days = list(schedule.days)
    for index, day in enumerate(days):
        if day.locked:
            continue
        for minute in _call_candidates(problem, day):
            call = at_minute(day.date, minute)
            if call == day.call:
                break
            trial = [*days]
            trial[index] = shift_day(day, call)
            if not violations(problem, Schedule(days=tuple(trial))):
                days = trial
                break
    return Schedule(days=tuple(days), unscheduled=schedule.unscheduled)


def _call_candidates(problem: SchedulingProblem, day: ShootDay) -> list[int]:
    usual = problem.rules.default_call.hour * 60 + problem.rules.default_call.minute
    candidates = [usual]
    if day.locations and day.locations[0] in problem.locations:
        candidates.append(problem.locations[day.locations[0]].window_start % MINUTES_PER_DAY)
    for hours in range(1, 5):
        candidates += [usual - 60 * hours, usual + 60 * hours]
    return [minute for minute in candidates if 0 <= minute < MINUTES_PER_DAY]


def _with_locked_days(schedule: Schedule, locked: Schedule | None) -> Schedule:
    """Locked days go out exactly as the user fixed them (order, call and wrap)."""
    if locked is None:
        return schedule
    kept = {day.date: day for day in locked.days if day.locked}
    days = tuple(kept.get(day.date, day) for day in schedule.days)
    return replace(schedule, days=days)
