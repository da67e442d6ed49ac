"""The manual method: how a first AD boards a schedule by hand, the baseline to beat.

Strips are sorted the way a stripboard is traditionally grouped: by location, then interior
before exterior, then day before night; the days are then filled in that order, each strip
going on the first day it fits (cast free, location free and open, day not over length, moves
within the limit). It keeps the hard rules naively (rest before the next call, fixed dates,
orderings) and makes no attempt at cost: that is the optimiser's job, measured against this.

A board is not finished while strips are left over, and a bare first pass strands the scenes
of actors free for only part of the shoot once the board has moved past their dates. So, as a
first AD does with the day-out-of-days beside the board:

- on each day, fixed scenes go first, then strips with fewer than ``URGENT_DATES`` shoot dates
  left, then board order;
- strips still left over are squeezed in one by one at the first calendar date they fit: into
  a boarded day next to their set's strips (a longer day, overtime paid, never past the daily
  cap or the moves limit), or on a calendar date still free;
- if some still fit nowhere, the board is done again with them pulled ahead (up to
  ``REBOARDS`` times), and the board leaving the fewest out is kept.

A strip that fits nowhere in the calendar stays in ``Schedule.unscheduled``: the shoot would
need days the calendar does not have, and a cost comparison must then leave that board out
(the benchmark does, and says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from firstad.model import IntExt, Schedule, ShootDay
from firstad.schedule.evaluator import fits_window, moves, timed_scenes
from firstad.schedule.problem import SceneJob, SchedulingProblem
from firstad.schedule.sequencing import at_minute

# A strip with fewer shoot dates left than this after today is boarded before the rest.
URGENT_DATES = 2
# How many times the board is done again with the strips it left out pulled ahead.
REBOARDS = 4
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

    def add(self, problem: SchedulingProblem, job: SceneJob) -> None:
        self.minute = self.end_after(problem, job)[1]
        self.jobs.append(job)

    def moves_with(self, job: SceneJob) -> int:
        locations = [item.location_id for item in self.jobs] + [job.location_id]
        return sum(1 for left, right in pairwise(locations) if left != right)


def manual_schedule(problem: SchedulingProblem) -> Schedule:
    """A schedule boarded by the manual method; what fits nowhere is left unscheduled.

    When strips are left over, the board is done again with them pulled ahead (boarded first
    on any day they can be shot), a few times, and the board leaving the fewest out is kept.
    """
    best = board = _squeezed_board(problem, frozenset())
    priority = frozenset(board.unscheduled)
    for _round in range(REBOARDS):
        if not board.unscheduled:
            break
        board = _squeezed_board(problem, priority)
        if len(board.unscheduled) < len(best.unscheduled):
            best = board
        priority |= frozenset(board.unscheduled)
    return best


def _squeezed_board(problem: SchedulingProblem, priority: frozenset[str]) -> Schedule:
    days, queue = _board(problem, priority)
    for job in list(queue):
        placed = _squeeze_in(problem, days, job)
        if placed is not None:
            days = placed
            queue.remove(job)
    return Schedule(tuple(days), tuple(job.number for job in queue))


def _board(
    problem: SchedulingProblem, priority: frozenset[str] = frozenset()
) -> tuple[list[ShootDay], list[SceneJob]]:
    """The first pass: days filled in date order from the sorted strips."""
    queue = sorted(problem.scenes, key=lambda job: strip_order(problem, job))
    days: list[ShootDay] = []
    for day in problem.dates:
        if not queue:
            break
        if _too_many_in_a_row(problem, days, day):
            continue
        planned = _fill_day(problem, day, queue, days[-1] if days else None, priority)
        if planned is not None:
            days.append(planned)
            queue = [job for job in queue if job.number not in planned.scenes]
    return days, queue


def _too_many_in_a_row(problem: SchedulingProblem, days: list[ShootDay], day: date) -> bool:
    limit = problem.rules.max_consecutive_days
    recent = [item.date for item in days[-limit:]]
    expected = [day - timedelta(days=limit - index) for index in range(limit)]
    return len(recent) == limit and recent == expected


def _fill_day(
    problem: SchedulingProblem,
    day: date,
    queue: list[SceneJob],
    previous: ShootDay | None,
    priority: frozenset[str],
) -> ShootDay | None:
    candidates = [job for job in queue if _can_shoot_on(problem, job, day)]
    candidates.sort(key=lambda job: _urgency(problem, job, day, priority))
    if not candidates:
        return None
    plan = _open_day(problem, day, candidates[0], previous)
    remaining = frozenset(job.number for job in queue)
    for job in candidates:
        _try_add(problem, plan, job, remaining)
    if not plan.jobs:
        return None
    return _as_shoot_day(plan)


def _as_shoot_day(plan: _Day) -> ShootDay:
    wrap = plan.call + timedelta(minutes=plan.minute - _minute(plan.call, plan.date))
    return ShootDay(plan.date, plan.call, wrap, tuple(job.number for job in plan.jobs))


def _urgency(
    problem: SchedulingProblem, job: SceneJob, day: date, priority: frozenset[str]
) -> tuple[bool, bool]:
    """Fixed scenes first, then strips about to lose their last dates (an actor leaving the
    show soon: the day-out-of-days a first AD keeps beside the board) and strips a previous
    board left out, then board order."""
    if job.number in priority:
        return job.fixed_date != day, False
    later = sum(1 for other in problem.dates if other > day and _can_shoot_on(problem, job, other))
    return job.fixed_date != day, later >= URGENT_DATES


def _minute(moment: datetime, day: date) -> int:
    return (moment.date() - day).days * 1440 + moment.hour * 60 + moment.minute


def _rest_minutes(problem: SchedulingProblem) -> int:
    # The crew's and the cast's rest both kept on every pair of days: the simple rule a board
    # by hand follows, since it does not track who works which day.
    return max(problem.rules.turnaround_minutes, problem.rules.crew_turnaround_minutes)


def _open_day(
    problem: SchedulingProblem, day: date, first: SceneJob, previous: ShootDay | None
) -> _Day:
    call = datetime.combine(day, time(0)) + timedelta(minutes=_first_call(problem, first))
    if previous is not None:
        call = max(call, previous.wrap + timedelta(minutes=_rest_minutes(problem)))
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
    if _fits(problem, plan, job) and _predecessors_done(problem, plan, job, remaining):
        plan.add(problem, job)


def _fits(problem: SchedulingProblem, plan: _Day, job: SceneJob) -> bool:
    """``job`` shot next keeps the day's rules: call on its date, length, window, moves."""
    start, end = plan.end_after(problem, job)
    place = problem.locations.get(job.location_id)
    return (
        plan.call.date() == plan.date
        and end - _minute(plan.call, plan.date) <= problem.rules.max_shoot_minutes
        and (place is None or fits_window(place, start, end))
        and plan.moves_with(job) <= problem.rules.max_moves_per_day
    )


def _predecessors_done(
    problem: SchedulingProblem, plan: _Day, job: SceneJob, remaining: frozenset[str]
) -> bool:
    """Every scene the user wants shot before ``job`` is shot already, or earlier today."""
    today = {item.number for item in plan.jobs}
    before = (item.before for item in problem.orderings if item.after == job.number)
    return all(number not in remaining or number in today for number in before)


# --- the second pass: leftover strips squeezed in --------------------------------------------


def _squeeze_in(
    problem: SchedulingProblem, days: list[ShootDay], job: SceneJob
) -> list[ShootDay] | None:
    """The board with ``job`` at the first calendar date it fits, None when it fits nowhere."""
    boarded = {day.date: day for day in days}
    placed = {number: (day.date, index) for day in days for index, number in enumerate(day.scenes)}
    for day_date in problem.dates:
        if not _can_shoot_on(problem, job, day_date):
            continue
        day = boarded.get(day_date)
        candidates = (
            _insertions(problem, day, job) if day else _new_day(problem, days, day_date, job)
        )
        for candidate in candidates:
            if _order_allows(problem, candidate, placed) and _rests_kept(problem, days, candidate):
                kept = [other for other in days if other.date != day_date]
                return sorted([*kept, candidate], key=_date_of)
    return None


def _insertions(problem: SchedulingProblem, day: ShootDay, job: SceneJob) -> list[ShootDay]:
    """The day with ``job`` slotted in at each place that keeps the day's own rules: next to
    its set's strips first (no extra company move), then anywhere else."""
    same_set = [
        index + 1
        for index, number in enumerate(day.scenes)
        if problem.scene(number).location_id == job.location_id
    ]
    positions = list(dict.fromkeys([*same_set, len(day.scenes), *range(len(day.scenes))]))
    days = [
        _retimed(problem, day, (*day.scenes[:at], job.number, *day.scenes[at:])) for at in positions
    ]
    return [candidate for candidate in days if _day_keeps_rules(problem, candidate)]


def _retimed(problem: SchedulingProblem, day: ShootDay, scenes: tuple[str, ...]) -> ShootDay:
    """The day shooting ``scenes`` from the same call, wrapping when the last one ends."""
    longer = replace(day, scenes=scenes)
    timed = timed_scenes(problem, longer)
    return replace(longer, wrap=at_minute(day.date, timed[-1].end))


def _day_keeps_rules(problem: SchedulingProblem, day: ShootDay) -> bool:
    """Length, company moves and every set's hours, as the evaluator judges a day."""
    rules = problem.rules
    if day.minutes > rules.max_shoot_minutes or moves(problem, day) > rules.max_moves_per_day:
        return False
    return all(
        fits_window(problem.locations[timed.location_id], timed.start, timed.end)
        for timed in timed_scenes(problem, day)
        if timed.location_id in problem.locations
    )


def _order_allows(
    problem: SchedulingProblem, day: ShootDay, placed: dict[str, tuple[date, int]]
) -> bool:
    """Every ordering between a scene of ``day`` and a scene boarded elsewhere still holds."""
    here = {number: (day.date, index) for index, number in enumerate(day.scenes)}
    position = {**{k: v for k, v in placed.items() if v[0] != day.date}, **here}
    return all(
        position[ordering.before] < position[ordering.after]
        for ordering in problem.orderings
        if ordering.before in position and ordering.after in position
    ) and all(
        ordering.before in position for ordering in problem.orderings if ordering.after in here
    )


def _new_day(
    problem: SchedulingProblem, days: list[ShootDay], day_date: date, job: SceneJob
) -> list[ShootDay]:
    """A day opened on a free calendar date for ``job`` alone, if the rules allow it."""
    if _run_length({day.date for day in days} | {day_date}, day_date) > (
        problem.rules.max_consecutive_days
    ):
        return []
    previous = max((day for day in days if day.date < day_date), key=_date_of, default=None)
    plan = _open_day(problem, day_date, job, previous)
    if not _fits(problem, plan, job):
        return []
    plan.add(problem, job)
    return [_as_shoot_day(plan)]


def _date_of(day: ShootDay) -> date:
    return day.date


def _run_length(dates: set[date], day_date: date) -> int:
    """Calendar days shot in a row through ``day_date``."""
    before = after = 0
    while day_date - timedelta(days=before + 1) in dates:
        before += 1
    while day_date + timedelta(days=after + 1) in dates:
        after += 1
    return before + 1 + after


def _rests_kept(problem: SchedulingProblem, days: list[ShootDay], candidate: ShootDay) -> bool:
    """The rest before and after ``candidate`` is the longer of crew and cast turnaround."""
    rest = timedelta(minutes=_rest_minutes(problem))
    earlier = [day for day in days if day.date < candidate.date]
    later = [day for day in days if day.date > candidate.date]
    before_ok = not earlier or candidate.call - max(earlier, key=_date_of).wrap >= rest
    after_ok = not later or min(later, key=_date_of).call - candidate.wrap >= rest
    return before_ok and after_ok
