"""The scheduling problem: the script's scenes joined to the production, ready for a solver.

Built by ``firstad.production.binding.build_problem``. Everything is resolved here so a solver
never looks back at the script or the production file: each scene knows its duration, its cast
ids and its location id; each actor and location knows the candidate dates it can be used on.
Times of day are minutes from midnight of the shoot day's date (a night window 19:00-07:00 is
1140..1860).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from firstad.model import IntExt
from firstad.model.production import DateRange, Ordering, WorkRules, is_available


@dataclass(frozen=True, slots=True)
class SceneJob:
    """One scene to shoot.

    ``duration_minutes`` is its shooting time; ``cast_ids`` the actors it needs;
    ``location_id`` where it is shot; ``int_ext`` and ``time_of_day`` (DAY, NIGHT, DAWN, DUSK
    or None) as the breakdown gives them; ``fixed_date`` the date the user insists on, if any.
    """

    number: str
    duration_minutes: int
    cast_ids: frozenset[str]
    location_id: str
    int_ext: IntExt | None = None
    time_of_day: str | None = None
    eighths: int = 1
    fixed_date: date | None = None


@dataclass(frozen=True, slots=True)
class CastTerms:
    """One actor as a solver sees them.

    ``available_dates`` are the candidate dates the actor is free on; ``availability`` and
    ``unavailable`` the ranges they come from (to judge dates outside the candidates).
    ``name`` is the actor, ``characters`` the parts they play, for messages.
    """

    id: str
    name: str
    characters: tuple[str, ...]
    daily_rate: int
    available_dates: frozenset[date]
    drop_pickup: bool = False
    availability: tuple[DateRange, ...] = ()
    unavailable: tuple[DateRange, ...] = ()

    def is_available(self, day: date) -> bool:
        return is_available(day, self.availability, self.unavailable)

    @property
    def label(self) -> str:
        """How messages name the actor: ``INGRID (actor Jane Doe)``."""
        return f"{'/'.join(self.characters)} (actor {self.name})"


@dataclass(frozen=True, slots=True)
class LocationTerms:
    """One location as a solver sees it.

    ``window_start``/``window_end`` are the daily hours in minutes from midnight of the date
    the window opens (``window_end`` may exceed 1440 for an overnight window). ``available_dates``
    are the candidate dates it can be had on (permit lead time not applied);
    ``permit_ready`` the first date the permit can be in hand (None = no lead time to keep).
    """

    id: str
    name: str
    daily_rate: int
    permit_fee: int
    permit_lead_days: int
    available_dates: frozenset[date]
    window_start: int = 0
    window_end: int = 24 * 60
    permit_ready: date | None = None
    availability: tuple[DateRange, ...] = ()
    unavailable: tuple[DateRange, ...] = ()

    def is_available(self, day: date) -> bool:
        return is_available(day, self.availability, self.unavailable)

    @property
    def usable_dates(self) -> frozenset[date]:
        """The available dates on which the permit is already in hand."""
        ready = self.permit_ready
        return frozenset(day for day in self.available_dates if ready is None or day >= ready)


def _empty_terms() -> Mapping[str, CastTerms]:
    return MappingProxyType({})


def _empty_locations() -> Mapping[str, LocationTerms]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class DaylightMinutes:
    """Sunrise and sunset in minutes from midnight, and the twilight either side of them."""

    sunrise: int
    sunset: int
    twilight: int


@dataclass(frozen=True, slots=True)
class SchedulingProblem:
    """Scenes, people, places, dates and rules: all a solver needs, nothing it does not.

    ``dates`` are the candidate shoot dates from the calendar, in order. ``cast`` and
    ``locations`` are read-only mappings by id. ``crew_daily_rate`` is paid per shoot day.
    ``scenes`` keeps script order; ``scene_by_number`` indexes them (computed). ``daylight``
    binds exteriors to the light their scene needs (see ``schedule.daylight``); None when the
    production file gives no sunrise and sunset.
    """

    title: str
    scenes: tuple[SceneJob, ...]
    dates: tuple[date, ...]
    cast: Mapping[str, CastTerms] = field(default_factory=_empty_terms)
    locations: Mapping[str, LocationTerms] = field(default_factory=_empty_locations)
    rules: WorkRules = field(default_factory=WorkRules)
    orderings: tuple[Ordering, ...] = ()
    crew_daily_rate: int = 0
    daylight: DaylightMinutes | None = None
    scene_by_number: Mapping[str, SceneJob] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        index = MappingProxyType({scene.number: scene for scene in self.scenes})
        object.__setattr__(self, "scene_by_number", index)

    def scene(self, number: str) -> SceneJob:
        """The scene with this number (KeyError when there is none)."""
        return self.scene_by_number[number]

    @property
    def total_minutes(self) -> int:
        return sum(scene.duration_minutes for scene in self.scenes)
