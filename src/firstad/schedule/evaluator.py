"""The referee: what any schedule costs and every hard rule it breaks.

``evaluate(problem, schedule) -> Evaluation``. Schedules come from the optimiser, a hand edit
on the stripboard or an imported file; all are judged here, by code that shares nothing with
the optimiser's objective, so tests can check every claim the optimiser makes.

Times inside a day: the first scene starts at the call; each scene takes its duration; a change
of location between two scenes costs a company move (``move_minutes``) before the next scene.
All times are minutes from midnight of the shoot day's date (02:00 after a 19:00 call is 1560).

Cost, in whole currency units (see ``docs/production-file.md``):

- cast: daily rate for every day worked; holds: daily rate for every *shoot day* between an
  actor's first and last work day on which they do not work. Weekends and days off are not shoot
  days and are not paid. An actor with ``drop_pickup`` is taken off payroll across one gap of
  more than ``drop_pickup_min_gap_days`` calendar days (SAG-AFTRA drop/pick-up: once per actor,
  only across more than 10 days), the gap that saves the most hold days;
- crew: the crew's daily rate per shoot day; locations: daily rate per date used; permits: fee
  once per location used; moves: ``move_cost`` per company move;
- overtime: each day's minutes past ``standard_day_minutes``, at ``overtime_rate_per_hour``,
  rounded up to a whole currency unit per day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from firstad.model import (
    MINUTES_PER_DAY,
    CostBreakdown,
    Evaluation,
    Problem,
    Schedule,
    ShootDay,
)
from firstad.schedule.daylight import fits_light, scene_spans
from firstad.schedule.problem import CastTerms, LocationTerms, SceneJob, SchedulingProblem


@dataclass(frozen=True, slots=True)
class TimedScene:
    """A scene placed in its day: ``start`` and ``end`` in minutes from the day's midnight."""

    number: str
    day: date
    start: int
    end: int
    location_id: str


def evaluate(problem: SchedulingProblem, schedule: Schedule) -> Evaluation:
    """The cost of ``schedule`` and every hard-constraint violation in it."""
    return Evaluation(cost=cost(problem, schedule), violations=violations(problem, schedule))


def violations(problem: SchedulingProblem, schedule: Schedule) -> tuple[Problem, ...]:
    """Every hard-constraint violation, day by day then rule by rule."""
    checks = (
        _coverage,
        _day_shapes,
        _availability,
        _windows,
        _light,
        _crew_turnaround,
        _cast_turnaround,
        _consecutive_days,
        _fixed_dates,
        _orderings,
    )
    return tuple(violation for check in checks for violation in check(problem, schedule))


# --- times within a day ---------------------------------------------------------------------


def minute_of(day: date, moment: datetime) -> int:
    """Minutes from midnight of ``day`` to ``moment`` (beyond 1440 on the next morning)."""
    days = (moment.date() - day).days
    return days * MINUTES_PER_DAY + moment.hour * 60 + moment.minute


def clock_text(minute: int) -> str:
    """``HH:MM``, marked ``(+1)`` on the next day: 1560 -> ``02:00 (+1)``."""
    days, rest = divmod(minute, MINUTES_PER_DAY)
    suffix = f" (+{days})" if days > 0 else ""
    return f"{rest // 60:02d}:{rest % 60:02d}{suffix}"


def timed_scenes(problem: SchedulingProblem, day: ShootDay) -> tuple[TimedScene, ...]:
    """The day's known scenes with their start and end, moves included (unknown ones skipped)."""
    minute, previous, timed = minute_of(day.date, day.call), "", []
    for job in _jobs(problem, day):
        if previous and job.location_id != previous:
            minute += problem.rules.move_minutes
        end = minute + job.duration_minutes
        timed.append(TimedScene(job.number, day.date, minute, end, job.location_id))
        minute, previous = end, job.location_id
    return tuple(timed)


def visiting_order(problem: SchedulingProblem, day: ShootDay) -> tuple[str, ...]:
    """The location ids in the order the day's scenes visit them."""
    order: list[str] = []
    for job in _jobs(problem, day):
        if not order or order[-1] != job.location_id:
            order.append(job.location_id)
    return tuple(order)


def moves(problem: SchedulingProblem, day: ShootDay) -> int:
    """Company moves in a day: every change of location after the first."""
    return max(0, len(visiting_order(problem, day)) - 1)


def _jobs(problem: SchedulingProblem, day: ShootDay) -> Iterator[SceneJob]:
    index = problem.scene_by_number
    return (index[number] for number in day.scenes if number in index)


def _sorted_days(schedule: Schedule) -> list[ShootDay]:
    return sorted(schedule.days, key=lambda day: (day.date, day.call))


# --- every scene once -----------------------------------------------------------------------


def _coverage(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    counts = Counter(number for day in schedule.days for number in day.scenes)
    for number in sorted(set(counts) - set(problem.scene_by_number)):
        yield Problem("the schedule shoots a scene the script does not have", scene=number)
    for number, count in counts.items():
        if count > 1 and number in problem.scene_by_number:
            yield Problem(f"scene is scheduled {count} times", scene=number)
    for job in problem.scenes:
        if job.number not in counts:
            yield Problem("scene is not scheduled", scene=job.number)


# --- the shape of each day ------------------------------------------------------------------


def _day_shapes(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    dates = Counter(day.date for day in schedule.days)
    for day_date in sorted(date_ for date_, count in dates.items() if count > 1):
        yield Problem(f"{day_date} has {dates[day_date]} shoot days (one unit shoots one a day)")
    candidates = frozenset(problem.dates)
    for day in schedule.days:
        yield from _day_shape(problem, day, candidates)


def _day_shape(
    problem: SchedulingProblem, day: ShootDay, candidates: frozenset[date]
) -> Iterator[Problem]:
    rules = problem.rules
    if day.date not in candidates:
        yield Problem(f"{day.date} is not a shoot date of the calendar (weekend, day off, late)")
    if day.call.date() != day.date:
        yield Problem(f"the day of {day.date} has its call on {day.call.date()}")
    if day.wrap <= day.call:
        yield Problem(f"on {day.date} the wrap ({day.wrap}) is not after the call ({day.call})")
    if day.minutes > rules.max_shoot_minutes:
        yield Problem(
            f"{day.date} lasts {_hours(day.minutes)}, more than the "
            f"{_hours(rules.max_shoot_minutes)} a day allows"
        )
    yield from _overrun(problem, day)
    yield from _moves_over_limit(problem, day)


def _hours(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"


def _overrun(problem: SchedulingProblem, day: ShootDay) -> Iterator[Problem]:
    timed = timed_scenes(problem, day)
    wrap = minute_of(day.date, day.wrap)
    if timed and timed[-1].end > wrap:
        last = timed[-1]
        message = (
            f"scene ends at {clock_text(last.end)} on {day.date}, after the wrap at "
            f"{clock_text(wrap)}"
        )
        yield Problem(message, scene=last.number)


def _moves_over_limit(problem: SchedulingProblem, day: ShootDay) -> Iterator[Problem]:
    count, limit = moves(problem, day), problem.rules.max_moves_per_day
    if count > limit:
        yield Problem(f"{day.date} has {count} company moves; the rules allow {limit}")
    if day.locations and day.locations != visiting_order(problem, day):
        order = ", ".join(visiting_order(problem, day))
        yield Problem(
            f"{day.date} lists locations {', '.join(day.locations)}; scenes visit {order}"
        )


# --- who and where on which date ------------------------------------------------------------


def _availability(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    for day in schedule.days:
        for job in _jobs(problem, day):
            yield from _cast_availability(problem, job, day.date)
            yield from _location_availability(problem, job, day.date)


def _cast_availability(problem: SchedulingProblem, job: SceneJob, day: date) -> Iterator[Problem]:
    for cast_id in sorted(job.cast_ids):
        terms = problem.cast.get(cast_id)
        if terms is not None and not _free(problem, terms, day):
            yield Problem(f"{terms.label} is unavailable on {day} but works", scene=job.number)


def _free(problem: SchedulingProblem, terms: CastTerms | LocationTerms, day: date) -> bool:
    """Free by the ranges and, on a shoot date, among the ``available_dates`` the solvers see.

    The two agree for every problem built from a production file; asking both keeps the
    referee at least as strict as the solvers whatever built the terms.
    """
    if day in problem.dates and day not in terms.available_dates:
        return False
    return terms.is_available(day)


def _location_availability(
    problem: SchedulingProblem, job: SceneJob, day: date
) -> Iterator[Problem]:
    place = problem.locations.get(job.location_id)
    if place is None:
        return
    if not _free(problem, place, day):
        yield Problem(f"scene is on {day} but {place.name} is not available", scene=job.number)
    if place.permit_ready is not None and day < place.permit_ready:
        message = (
            f"scene is on {day} but the permit for {place.name} needs {place.permit_lead_days} "
            f"days and cannot be in hand before {place.permit_ready}"
        )
        yield Problem(message, scene=job.number)


def _windows(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    for day in schedule.days:
        for timed in timed_scenes(problem, day):
            place = problem.locations.get(timed.location_id)
            if place is not None and not fits_window(place, timed.start, timed.end):
                yield _window_problem(place, timed)


def fits_window(place: LocationTerms, start: int, end: int) -> bool:
    """True when ``start..end`` (minutes from the shoot day's midnight) is inside the hours.

    The window repeats every day, so a scene at 02:00 fits 19:00-07:00 opened the evening
    before (the night shoot's own window) as well as one after midnight.
    """
    if place.window_end - place.window_start >= MINUTES_PER_DAY:
        return True
    openings = (place.window_start + offset * MINUTES_PER_DAY for offset in (-1, 0, 1))
    length = place.window_end - place.window_start
    return any(opening <= start and end <= opening + length for opening in openings)


def _window_problem(place: LocationTerms, timed: TimedScene) -> Problem:
    hours = f"{clock_text(place.window_start)}-{clock_text(place.window_end % MINUTES_PER_DAY)}"
    message = (
        f"scene runs {clock_text(timed.start)}-{clock_text(timed.end)} on {timed.day} but "
        f"{place.name} is available only {hours}"
    )
    return Problem(message, scene=timed.number)


def _light(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    """Exteriors shot in the light their scene needs (schedule.daylight)."""
    for day in schedule.days:
        for timed in timed_scenes(problem, day):
            job = problem.scene_by_number.get(timed.number)
            spans = None if job is None else scene_spans(job, problem.daylight)
            if (
                job is not None
                and spans is not None
                and not fits_light(timed.start, timed.end, spans)
            ):
                yield _light_problem(job, timed, spans)


def _light_problem(job: SceneJob, timed: TimedScene, spans: tuple[tuple[int, int], ...]) -> Problem:
    light = ", ".join(
        f"{clock_text(first)}-{clock_text(last)}"
        for first, last in spans
        if first < MINUTES_PER_DAY and last > 0
    )
    kind = job.int_ext.value if job.int_ext is not None else ""
    message = (
        f"{kind} {job.time_of_day} scene runs {clock_text(timed.start)}-{clock_text(timed.end)} "
        f"on {timed.day}; its light is {light}"
    )
    return Problem(message.strip(), scene=timed.number)


# --- rest between days ----------------------------------------------------------------------


def _rest_minutes(earlier: ShootDay, later: ShootDay) -> int:
    return int((later.call - earlier.wrap).total_seconds() // 60)


def _crew_turnaround(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    # IATSE-style crew rest: every pair of consecutive shoot days, whoever works them.
    minimum = problem.rules.crew_turnaround_minutes
    days = _sorted_days(schedule)
    for earlier, later in pairwise(days):
        rest = _rest_minutes(earlier, later)
        if rest < minimum:
            yield Problem(
                f"the crew rests {_hours(rest)} between the wrap of {earlier.date} and the call "
                f"of {later.date}; the rules require {_hours(minimum)}"
            )


def _cast_turnaround(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    # SAG-AFTRA rest period: 12 hours between an actor's dismissal and next call. The company's
    # call and wrap stand in for the actor's own, which is the conservative reading.
    for terms in problem.cast.values():
        days = [day for day in _sorted_days(schedule) if _works(problem, terms.id, day)]
        for earlier, later in pairwise(days):
            yield from _actor_rest(problem, terms, earlier, later)


def _actor_rest(
    problem: SchedulingProblem, terms: CastTerms, earlier: ShootDay, later: ShootDay
) -> Iterator[Problem]:
    rest, minimum = _rest_minutes(earlier, later), problem.rules.turnaround_minutes
    if rest < minimum:
        scene = next(iter(_actor_scenes(problem, terms.id, later)), None)
        message = (
            f"{terms.label} rests {_hours(rest)} between {earlier.date} and {later.date}; "
            f"the rules require {_hours(minimum)}"
        )
        yield Problem(message, scene=scene)


def _works(problem: SchedulingProblem, cast_id: str, day: ShootDay) -> bool:
    return any(cast_id in job.cast_ids for job in _jobs(problem, day))


def _actor_scenes(problem: SchedulingProblem, cast_id: str, day: ShootDay) -> list[str]:
    return [job.number for job in _jobs(problem, day) if cast_id in job.cast_ids]


def _consecutive_days(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    limit, run, previous = problem.rules.max_consecutive_days, 0, None
    for day_date in sorted({day.date for day in schedule.days}):
        consecutive = previous is not None and (day_date - previous).days == 1
        run = run + 1 if consecutive else 1
        if run == limit + 1:
            yield Problem(f"{day_date} is shoot day {run} in a row; the rules allow {limit}")
        previous = day_date


# --- what the user insisted on --------------------------------------------------------------


def _fixed_dates(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    for job in problem.scenes:
        day = schedule.day_of(job.number)
        if job.fixed_date is not None and day is not None and day.date != job.fixed_date:
            message = f"scene must be shot on {job.fixed_date} but is on {day.date}"
            yield Problem(message, scene=job.number)


def _position(schedule: Schedule) -> dict[str, tuple[date, datetime, int]]:
    return {
        number: (day.date, day.call, index)
        for day in schedule.days
        for index, number in enumerate(day.scenes)
    }


def _orderings(problem: SchedulingProblem, schedule: Schedule) -> Iterator[Problem]:
    position = _position(schedule)
    for ordering in problem.orderings:
        before, after = position.get(ordering.before), position.get(ordering.after)
        if before is not None and after is not None and not before < after:
            message = f"scene must be shot before scene {ordering.after}, but is not"
            yield Problem(message, scene=ordering.before)


# --- cost -----------------------------------------------------------------------------------


def cost(problem: SchedulingProblem, schedule: Schedule) -> CostBreakdown:
    """What the schedule costs, item by item (see the module's docstring for the rules)."""
    worked, held = _cast_pay(problem, schedule)
    items = {
        "cast": worked,
        "cast_holds": held,
        "crew": problem.crew_daily_rate * len(schedule.days),
        "locations": _location_rental(problem, schedule),
        "permits": _permits(problem, schedule),
        "moves": problem.rules.move_cost * sum(moves(problem, day) for day in schedule.days),
        "overtime": sum(_overtime(problem, day) for day in schedule.days),
    }
    return CostBreakdown(**items, total=sum(items.values()))


def work_dates(problem: SchedulingProblem, schedule: Schedule, cast_id: str) -> list[date]:
    """The dates an actor works, in order."""
    return sorted({day.date for day in schedule.days if _works(problem, cast_id, day)})


def hold_dates(problem: SchedulingProblem, schedule: Schedule, cast_id: str) -> list[date]:
    """The shoot dates an actor is paid to wait: inside the payroll span, not worked."""
    worked = work_dates(problem, schedule, cast_id)
    if not worked:
        return []
    shoot_dates = sorted({day.date for day in schedule.days})
    holds = [day for day in shoot_dates if worked[0] < day < worked[-1] and day not in worked]
    terms = problem.cast.get(cast_id)
    if terms is not None and terms.drop_pickup:
        return _after_drop_pickup(holds, worked, problem.rules.drop_pickup_min_gap_days)
    return holds


def _after_drop_pickup(holds: list[date], worked: list[date], min_gap_days: int) -> list[date]:
    # SAG-AFTRA: a performer may be dropped and picked up once, only across a gap of more
    # than 10 days (configurable); hold days in that gap are not paid.
    gaps: list[list[date]] = [
        [hold for hold in holds if earlier < hold < later]
        for earlier, later in pairwise(worked)
        if (later - earlier).days - 1 > min_gap_days
    ]
    longest: list[date] = max(gaps, key=len) if gaps else []
    dropped = set(longest)
    return [hold for hold in holds if hold not in dropped]


def _cast_pay(problem: SchedulingProblem, schedule: Schedule) -> tuple[int, int]:
    worked = held = 0
    for terms in problem.cast.values():
        worked += terms.daily_rate * len(work_dates(problem, schedule, terms.id))
        held += terms.daily_rate * len(hold_dates(problem, schedule, terms.id))
    return worked, held


def _location_dates(problem: SchedulingProblem, schedule: Schedule) -> dict[str, set[date]]:
    used: dict[str, set[date]] = {}
    for day in schedule.days:
        for job in _jobs(problem, day):
            used.setdefault(job.location_id, set()).add(day.date)
    return used


def _location_rental(problem: SchedulingProblem, schedule: Schedule) -> int:
    used = _location_dates(problem, schedule)
    return sum(
        problem.locations[place].daily_rate * len(dates)
        for place, dates in used.items()
        if place in problem.locations
    )


def _permits(problem: SchedulingProblem, schedule: Schedule) -> int:
    used = _location_dates(problem, schedule)
    return sum(problem.locations[place].permit_fee for place in used if place in problem.locations)


def _overtime(problem: SchedulingProblem, day: ShootDay) -> int:
    over = max(0, day.minutes - problem.rules.standard_day_minutes)
    return -(-over * problem.rules.overtime_rate_per_hour // 60)
