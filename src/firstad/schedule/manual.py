"""The manual method: how a first AD boards a schedule by hand, the baseline to beat.

Strips are sorted the way a stripboard is traditionally grouped: by location, then interior
before exterior, then day before night; the days are then filled in that order, each strip
going on the first day it fits (cast free, location free and open, day not over length, moves
within the limit). It keeps the hard rules naively (rest before the next call, fixed dates,
orderings) and makes no attempt at cost: that is the optimiser's job, measured against this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from firstad.model import IntExt, Schedule, ShootDay
from firstad.schedule.evaluator import fits_window
from firstad.schedule.problem import SceneJob, SchedulingProblem

_LIGHT_ORDER = {"DAY": 0, "MORNING": 0, "AFTERNOON": 0, "DAWN": 1, "DUSK": 2, "EVENING": 2}
_INT_EXT_ORDER = {IntExt.INT: 0, IntExt.INT_EXT: 1, IntExt.EXT: 2}


def strip_order(problem: SchedulingProblem, job: SceneJob) -> tuple[str, int, int, int, str]:
    """The stripboard's grouping: location, INT before EXT, DAY before NIGHT, script order."""
    place = problem.locations.get(job.location_id)
    int_ext = _INT_EXT_ORDER[job.int_ext] if job.int_ext else 0
    light = _LIGHT_ORDER.get(job.time_of_day or "DAY", 3)
    position = problem.scenes.index(job)
    return (place.name if place else job.location_id, int_ext, light, position, job.number)


@dataclass
class _Day:
    """One day being filled (local to ``manual_schedule``)."""

    date: date
    call: datetime
    jobs: list[SceneJob] = field(default_factory=list)
    minute: int = 0

    def end_after(self, problem: SchedulingProblem, job: SceneJob) -> tuple[int, int]:
        """Start and end of ``job`` if it were shot next."""
        start = self.minute
        if self.jobs and self.jobs[-1].location_id != job.location_id:
            start += problem.rules.move_minutes
        return start, start + job.duration_minutes

    def moves_with(self, job: SceneJob) -> int:
        locations = [item.location_id for item in self.jobs] + [job.location_id]
        return sum(1 for left, right in pairwise(locations) if left != right)


def manual_schedule(problem: SchedulingProblem) -> Schedule:
    """A schedule boarded by the manual method; what does not fit is left unscheduled."""
    queue = sorted(problem.scenes, key=lambda job: strip_order(problem, job))
    days: list[ShootDay] = []
    for day in problem.dates:
        if not queue:
            break
        if _too_many_in_a_row(problem, days, day):
            continue
        planned = _fill_day(problem, day, queue, days[-1] if days else None)
        if planned is not None:
            days.append(planned)
            queue = [job for job in queue if job.number not in planned.scenes]
    return Schedule(tuple(days), tuple(job.number for job in queue))


def _too_many_in_a_row(problem: SchedulingProblem, days: list[ShootDay], day: date) -> bool:
    limit = problem.rules.max_consecutive_days
    recent = [item.date for item in days[-limit:]]
    expected = [day - timedelta(days=limit - index) for index in range(limit)]
    return len(recent) == limit and recent == expected


def _fill_day(
    problem: SchedulingProblem, day: date, queue: list[SceneJob], previous: ShootDay | None
) -> ShootDay | None:
    candidates = [job for job in queue if _can_shoot_on(problem, job, day)]
    candidates.sort(key=lambda job: job.fixed_date != day)  # fixed scenes first
    if not candidates:
        return None
    plan = _open_day(problem, day, candidates[0], previous)
    remaining = frozenset(job.number for job in queue)
    for job in candidates:
        _try_add(problem, plan, job, remaining)
    if not plan.jobs:
        return None
    wrap = plan.call + timedelta(minutes=plan.minute - _minute(plan.call, day))
    return ShootDay(day, plan.call, wrap, tuple(job.number for job in plan.jobs))


def _minute(moment: datetime, day: date) -> int:
    return (moment.date() - day).days * 1440 + moment.hour * 60 + moment.minute


def _open_day(
    problem: SchedulingProblem, day: date, first: SceneJob, previous: ShootDay | None
) -> _Day:
    call = datetime.combine(day, time(0)) + timedelta(minutes=_first_call(problem, first))
    if previous is not None:
        rest = max(problem.rules.turnaround_minutes, problem.rules.crew_turnaround_minutes)
        call = max(call, previous.wrap + timedelta(minutes=rest))
    return _Day(day, call, minute=_minute(call, day))


def _first_call(problem: SchedulingProblem, first: SceneJob) -> int:
    """The call, in minutes from midnight: the location's opening, or the default call."""
    place = problem.locations.get(first.location_id)
    if place is not None and place.window_end - place.window_start < 1440:
        return place.window_start
    default = problem.rules.default_call
    return default.hour * 60 + default.minute


def _can_shoot_on(problem: SchedulingProblem, job: SceneJob, day: date) -> bool:
    if job.fixed_date is not None and job.fixed_date != day:
        return False
    place = problem.locations.get(job.location_id)
    if place is not None and day not in place.usable_dates:
        return False
    return all(
        day in problem.cast[cast_id].available_dates
        for cast_id in job.cast_ids
        if cast_id in problem.cast
    )


def _try_add(
    problem: SchedulingProblem, plan: _Day, job: SceneJob, remaining: frozenset[str]
) -> None:
    start, end = plan.end_after(problem, job)
    place = problem.locations.get(job.location_id)
    fits = (
        plan.call.date() == plan.date
        and end - _minute(plan.call, plan.date) <= problem.rules.max_shoot_minutes
        and (place is None or fits_window(place, start, end))
        and plan.moves_with(job) <= problem.rules.max_moves_per_day
        and _predecessors_done(problem, plan, job, remaining)
    )
    if fits:
        plan.jobs.append(job)
        plan.minute = end


def _predecessors_done(
    problem: SchedulingProblem, plan: _Day, job: SceneJob, remaining: frozenset[str]
) -> bool:
    """Every scene the user wants shot before ``job`` is shot already, or earlier today."""
    today = {item.number for item in plan.jobs}
    before = (item.before for item in problem.orderings if item.after == job.number)
    return all(number not in remaining or number in today for number in before)
