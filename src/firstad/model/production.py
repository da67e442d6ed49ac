"""The production: who and what a schedule is made of, as the production file describes it.

The production file (``production.toml``, next to the script; see ``docs/production-file.md``)
holds what the script does not say: the calendar, the cast and their rates and free dates, the
locations with their hours and permits, how long scenes take, the work rules and the dates and
orders the user insists on. Money is in whole currency units (an ``int``: 1200 means 1200 of
the production's currency); durations are in minutes; dates are local dates in the
production's time zone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from types import MappingProxyType

MINUTES_PER_DAY = 24 * 60

# Monday = 0 ... Sunday = 6, as ``date.weekday()`` counts.
FIVE_DAY_WEEK: frozenset[int] = frozenset(range(5))
SIX_DAY_WEEK: frozenset[int] = frozenset(range(6))


def _empty_mapping() -> Mapping[str, int]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class DateRange:
    """The dates from ``first`` to ``last``, both included (a single date has first == last)."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def days(self) -> Iterator[date]:
        """Every date of the range, in order."""
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def is_available(
    day: date, availability: tuple[DateRange, ...], unavailable: tuple[DateRange, ...]
) -> bool:
    """True when ``day`` is inside ``availability`` (empty = always) and not ``unavailable``."""
    allowed = not availability or any(day in span for span in availability)
    return allowed and not any(day in span for span in unavailable)


@dataclass(frozen=True, slots=True)
class DailyWindow:
    """The hours of a day a location can be used, e.g. 08:00-20:00 or 19:00-07:00.

    When ``end`` is not after ``start`` the window crosses midnight and ends the next morning
    (19:00-07:00); ``start == end`` means the whole 24 hours. The window belongs to the date it
    opens on.
    """

    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def start_minute(self) -> int:
        """Minutes from midnight of the opening date to the opening."""
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        """Minutes from midnight of the opening date to the closing (may exceed 1440)."""
        end = self.end.hour * 60 + self.end.minute
        return end + MINUTES_PER_DAY if self.crosses_midnight else end

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


WHOLE_DAY = DailyWindow(time(0, 0), time(0, 0))


@dataclass(frozen=True, slots=True)
class Daylight:
    """When the sun is up where and when the film shoots, for exteriors.

    An exterior DAY scene must be shot between ``sunrise`` and ``sunset``, a NIGHT exterior in
    the dark, and DAWN and DUSK exteriors within ``twilight_minutes`` of sunrise or sunset
    (the "magic hour" a camera team waits for). Interiors can be lit or blacked out at any
    hour and are not bound. One pair of times serves the whole shoot: give the times of its
    middle week (a 25-day shoot moves sunrise by a quarter hour at most in most seasons).
    """

    sunrise: time
    sunset: time
    twilight_minutes: int = 45


@dataclass(frozen=True, slots=True)
class Calendar:
    """The days the company can shoot.

    Shooting starts on ``start`` and may go on until ``end`` (included) or for ``max_shoot_days``
    working days, whichever comes first; None means no such limit (at least one must be given
    by the production file). ``weekdays`` are the days of the week worked (0 = Monday): Monday
    to Friday for a 5-day week, to Saturday for a 6-day week. ``days_off`` are holidays and
    other dates the company does not work. ``prep_start`` is the first date permits can be
    applied for; None means permit lead times are not checked. ``daylight`` gives sunrise and
    sunset for exteriors; None means the time of day of exteriors is not checked.
    """

    start: date
    end: date | None = None
    max_shoot_days: int | None = None
    weekdays: frozenset[int] = FIVE_DAY_WEEK
    days_off: tuple[DateRange, ...] = ()
    prep_start: date | None = None
    daylight: Daylight | None = None

    def is_working_day(self, day: date) -> bool:
        """True for a weekday worked that is not a day off (ignores start, end and limits)."""
        return day.weekday() in self.weekdays and not any(day in off for off in self.days_off)

    def shoot_dates(self, horizon_days: int = 366) -> tuple[date, ...]:
        """Every candidate shoot date from ``start``, in order, within the limits.

        Without ``end``, dates are looked for up to ``horizon_days`` calendar days ahead.
        """
        last = self.end or self.start + timedelta(days=horizon_days)
        dates = [day for day in DateRange(self.start, last).days() if self.is_working_day(day)]
        return tuple(dates[: self.max_shoot_days] if self.max_shoot_days is not None else dates)


@dataclass(frozen=True, slots=True)
class CastMember:
    """One actor and the characters they play.

    ``id`` is the short name the production file gives (``maya``); ``characters`` the script's
    character names in capitals (``MAYA``, ``YOUNG MAYA``). ``daily_rate`` is the pay for a day
    worked or held. ``availability`` lists the date ranges the actor is free (empty = always),
    ``unavailable`` the ranges they are not (applied after ``availability``). ``drop_pickup``
    allows dropping the actor from payroll between two work periods (SAG-AFTRA drop/pick-up,
    see ``WorkRules.drop_pickup_min_gap_days``).
    """

    id: str
    actor: str
    characters: tuple[str, ...]
    daily_rate: int = 0
    availability: tuple[DateRange, ...] = ()
    unavailable: tuple[DateRange, ...] = ()
    drop_pickup: bool = False

    def is_available(self, day: date) -> bool:
        return is_available(day, self.availability, self.unavailable)


@dataclass(frozen=True, slots=True)
class Crew:
    """The crew as a cost: ``daily_rate`` is the whole crew's pay for one shoot day (0 = none)."""

    daily_rate: int = 0


@dataclass(frozen=True, slots=True)
class Location:
    """A real place where one or more of the script's sets are shot.

    ``sets`` are the script's set names as the breakdown gives them (``RINK - ICE SURFACE``).
    ``availability`` lists the date ranges the place can be had (empty = always),
    ``unavailable`` the ranges it cannot. ``window`` the daily hours it can be used.
    ``daily_rate`` is paid for each date it is used; ``permit_fee`` once if it is used at all;
    the permit must be applied for ``permit_lead_days`` days before the first shoot day there.
    """

    id: str
    name: str
    sets: tuple[str, ...]
    address: str = ""
    availability: tuple[DateRange, ...] = ()
    unavailable: tuple[DateRange, ...] = ()
    window: DailyWindow = WHOLE_DAY
    daily_rate: int = 0
    permit_fee: int = 0
    permit_lead_days: int = 0

    def is_available(self, day: date) -> bool:
        return is_available(day, self.availability, self.unavailable)


@dataclass(frozen=True, slots=True)
class SceneTiming:
    """How long scenes take to shoot.

    A scene takes ``minutes_per_eighth`` per page eighth, unless ``overrides`` gives its
    minutes by scene number (stunts, skating, a crowd). ``overrides`` is read-only.
    """

    minutes_per_eighth: int = 15
    overrides: Mapping[str, int] = field(default_factory=_empty_mapping)

    def minutes(self, scene: str, eighths: int) -> int:
        return self.overrides.get(scene, self.minutes_per_eighth * eighths)


@dataclass(frozen=True, slots=True)
class WorkRules:
    """The rules a shooting day must keep, in minutes unless named otherwise.

    ``max_shoot_minutes``: the longest day from call to wrap. ``standard_day_minutes``: the day
    paid at the base rate; beyond it, overtime at ``overtime_rate_per_hour`` (whole company).
    ``turnaround_minutes``: the rest between an actor's wrap and next call (SAG-AFTRA: 12
    hours); ``crew_turnaround_minutes`` the same for the crew on every pair of shoot days
    (IATSE: 10 hours). ``max_consecutive_days``: most calendar days shot in a row.
    ``max_moves_per_day``: company moves allowed in a day (a move is a change of location after
    the first), each taking ``move_minutes`` and costing ``move_cost``.
    ``drop_pickup_min_gap_days``: an actor may be dropped and picked up (no hold pay) only when
    more than this many days separate the two work periods (SAG-AFTRA: 10), once per actor.
    ``default_call``: the call time when a location's hours do not say otherwise.
    """

    max_shoot_minutes: int = 12 * 60
    standard_day_minutes: int = 10 * 60
    overtime_rate_per_hour: int = 0
    turnaround_minutes: int = 12 * 60
    crew_turnaround_minutes: int = 10 * 60
    max_consecutive_days: int = 6
    max_moves_per_day: int = 1
    move_minutes: int = 60
    move_cost: int = 0
    drop_pickup_min_gap_days: int = 10
    default_call: time = time(7, 0)


@dataclass(frozen=True, slots=True)
class FixedDate:
    """The user insists that ``scene`` is shot on ``date``."""

    scene: str
    date: date


@dataclass(frozen=True, slots=True)
class Ordering:
    """The user insists that scene ``before`` is shot before scene ``after`` (haircut, crash)."""

    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Production:
    """Everything about a production that the script does not say.

    ``script`` is the screenplay's path relative to the production file. ``time_zone`` is an
    IANA name (``America/Toronto``); every date and time in the production and its schedules is
    local to it. ``key_lines`` maps dotted keys (``cast[2].daily_rate``) to the line they were
    written on, so later stages can point at the file; empty when built in code.
    """

    title: str
    calendar: Calendar
    script: str = ""
    time_zone: str = "UTC"
    cast: tuple[CastMember, ...] = ()
    crew: Crew = Crew()
    locations: tuple[Location, ...] = ()
    timing: SceneTiming = SceneTiming()
    rules: WorkRules = WorkRules()
    fixed_dates: tuple[FixedDate, ...] = ()
    orderings: tuple[Ordering, ...] = ()
    key_lines: Mapping[str, int] = field(
        default_factory=_empty_mapping, compare=False, hash=False, repr=False
    )

    @property
    def start(self) -> date:
        return self.calendar.start
