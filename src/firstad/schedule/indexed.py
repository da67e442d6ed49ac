"""The scheduling problem with every name replaced by a position: what the solvers work on.

CP-SAT and the sequencing code speak in integers (scene 0..S-1, day 0..D-1, minutes from the
day's midnight), so the problem is translated once here and the answer translated back once in
the optimizer. Each restriction keeps the production fact it comes from (this actor's
availability, that location's dates), because infeasibility is explained in those facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from firstad.model import MINUTES_PER_DAY
from firstad.schedule.daylight import scene_spans
from firstad.schedule.problem import SchedulingProblem

__all__ = ["MINUTES_PER_DAY", "IndexedProblem", "index_problem"]


@dataclass(frozen=True, slots=True)
class IndexedScene:
    """One scene to shoot. ``fixed_day`` is the day index it must be shot on, None when free,
    -1 when its fixed date is not a shoot day at all. ``light`` holds the spans of the shoot
    day (minutes from its midnight) an exterior may be shot in for its light; None when light
    does not bind (interiors, or no sunrise and sunset given)."""

    number: str
    minutes: int
    cast: tuple[int, ...]
    location: int
    fixed_day: int | None = None
    light: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True, slots=True)
class IndexedCast:
    """A cast member. ``allowed_days`` is None when available every shoot day."""

    identifier: str
    rate: int
    allowed_days: frozenset[int] | None = None
    drop_pickup: bool = False


@dataclass(frozen=True, slots=True)
class IndexedLocation:
    """A location. The window is in minutes from the shoot date's midnight; ``window_end`` may
    pass 1440 for overnight windows (a rink open 19:00-07:00 is ``(1140, 1860)``)."""

    identifier: str
    rate: int
    permit_fee: int
    window_start: int
    window_end: int
    allowed_days: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class IndexedRules:
    """Work rules in minutes and money units; ``None`` means the rule does not apply."""

    max_shoot_minutes: int
    standard_minutes: int
    overtime_rate_per_hour: int
    turnaround_minutes: int
    max_consecutive_days: int | None
    max_moves_per_day: int | None
    move_minutes: int
    move_cost: int
    crew_daily_rate: int = 0
    drop_pickup_min_gap_days: int = 10
    crew_turnaround_minutes: int = 600


@dataclass(frozen=True, slots=True)
class IndexedProblem:
    """Everything the solvers need, by position. ``orderings`` are (before, after) scene pairs:
    the first must be shot no later than the second (earlier in the day when the same day)."""

    dates: tuple[date, ...]
    scenes: tuple[IndexedScene, ...]
    cast: tuple[IndexedCast, ...]
    locations: tuple[IndexedLocation, ...]
    rules: IndexedRules
    orderings: tuple[tuple[int, int], ...] = ()

    @property
    def day_count(self) -> int:
        return len(self.dates)

    def allowed_days(self, scene_index: int) -> tuple[int, ...]:
        """The days a scene may be shot on: every fact about its cast, set and date agreed."""
        scene = self.scenes[scene_index]
        days = set(range(self.day_count))
        if scene.fixed_day is not None:
            days &= {scene.fixed_day}
        location = self.locations[scene.location]
        if location.allowed_days is not None:
            days &= location.allowed_days
        for cast_index in scene.cast:
            allowed = self.cast[cast_index].allowed_days
            if allowed is not None:
                days &= allowed
        return tuple(sorted(days))

    def calendar_gap(self, first_day: int, second_day: int) -> int:
        """Calendar days between two shoot days (1 for back-to-back dates)."""
        return (self.dates[second_day] - self.dates[first_day]).days

    def scenes_of_cast(self, cast_index: int) -> tuple[int, ...]:
        return tuple(index for index, scene in enumerate(self.scenes) if cast_index in scene.cast)

    def scenes_at(self, location_index: int) -> tuple[int, ...]:
        return tuple(
            index for index, scene in enumerate(self.scenes) if scene.location == location_index
        )


def index_problem(problem: SchedulingProblem) -> IndexedProblem:
    """Translate the solver-facing problem into positions (the optimizer translates back)."""
    day_of_date = {day: index for index, day in enumerate(problem.dates)}
    cast_ids = sorted(problem.cast)
    location_ids = sorted(problem.locations)
    cast_position = {identifier: index for index, identifier in enumerate(cast_ids)}
    location_position = {identifier: index for index, identifier in enumerate(location_ids)}
    scenes = tuple(
        IndexedScene(
            number=scene.number,
            minutes=scene.duration_minutes,
            cast=tuple(sorted(cast_position[identifier] for identifier in scene.cast_ids)),
            location=location_position[scene.location_id],
            fixed_day=None if scene.fixed_date is None else day_of_date.get(scene.fixed_date, -1),
            light=scene_spans(scene, problem.daylight),
        )
        for scene in problem.scenes
    )
    return IndexedProblem(
        dates=problem.dates,
        scenes=scenes,
        cast=tuple(_index_cast(problem, identifier, day_of_date) for identifier in cast_ids),
        locations=tuple(
            _index_location(problem, identifier, day_of_date) for identifier in location_ids
        ),
        rules=_index_rules(problem),
        orderings=_index_orderings(problem),
    )


def _days(dates: frozenset[date], day_of_date: dict[date, int]) -> frozenset[int]:
    return frozenset(day_of_date[day] for day in dates if day in day_of_date)


def _index_cast(
    problem: SchedulingProblem, identifier: str, day_of_date: dict[date, int]
) -> IndexedCast:
    terms = problem.cast[identifier]
    return IndexedCast(
        identifier=identifier,
        rate=terms.daily_rate,
        allowed_days=_days(terms.available_dates, day_of_date),
        drop_pickup=terms.drop_pickup,
    )


def _index_location(
    problem: SchedulingProblem, identifier: str, day_of_date: dict[date, int]
) -> IndexedLocation:
    terms = problem.locations[identifier]
    return IndexedLocation(
        identifier=identifier,
        rate=terms.daily_rate,
        permit_fee=terms.permit_fee,
        window_start=terms.window_start,
        window_end=terms.window_end,
        allowed_days=_days(terms.usable_dates, day_of_date),
    )


def _index_rules(problem: SchedulingProblem) -> IndexedRules:
    rules = problem.rules
    return IndexedRules(
        max_shoot_minutes=rules.max_shoot_minutes,
        standard_minutes=rules.standard_day_minutes,
        overtime_rate_per_hour=rules.overtime_rate_per_hour,
        turnaround_minutes=rules.turnaround_minutes,
        crew_turnaround_minutes=rules.crew_turnaround_minutes,
        max_consecutive_days=rules.max_consecutive_days,
        max_moves_per_day=rules.max_moves_per_day,
        move_minutes=rules.move_minutes,
        move_cost=rules.move_cost,
        crew_daily_rate=problem.crew_daily_rate,
        drop_pickup_min_gap_days=rules.drop_pickup_min_gap_days,
    )


def _index_orderings(problem: SchedulingProblem) -> tuple[tuple[int, int], ...]:
    position = {scene.number: index for index, scene in enumerate(problem.scenes)}
    return tuple(
        (position[ordering.before], position[ordering.after])
        for ordering in problem.orderings
        if ordering.before in position and ordering.after in position
    )
