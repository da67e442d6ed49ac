"""Seeded generator of realistic productions, for benchmarks and property tests.

The same seed always gives the same script breakdown and production file. The shape follows
independent features: a few leads in most scenes and a long tail of supporting parts seen once
or twice; most places rented by the day, some only at night (a rink, a bar after closing) with
a permit and its lead time; supporting actors with limited free dates; a 5-day week.
The default size is the benchmark's: 110 pages, 120 scenes, 30 cast, 25 locations, 25 days.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from firstad.model import (
    Breakdown,
    Calendar,
    CastMember,
    DailyWindow,
    DateRange,
    IntExt,
    Location,
    Production,
    SceneBreakdown,
    SceneTiming,
    WorkRules,
)
from firstad.production.binding import build_problem
from firstad.schedule.problem import SchedulingProblem

START = date(2027, 3, 1)  # a Monday
NIGHT_WINDOW = DailyWindow(time(19, 0), time(7, 0))
DAY_WINDOW = DailyWindow(time(7, 0), time(22, 0))
_ROOMS = ("KITCHEN", "HALL", "OFFICE", "STREET", "BACK ROOM", "ROOF")
_PLACES = ("HOUSE", "DINER", "RINK", "GARAGE", "SCHOOL", "MOTEL", "BAR", "PARK", "STATION")


@dataclass(frozen=True, slots=True)
class Size:
    """How big a generated production is."""

    pages: int = 110
    scenes: int = 120
    cast: int = 30
    locations: int = 25
    shoot_days: int = 25
    leads: int = 5


def generate_production(seed: int, size: Size = Size()) -> tuple[Breakdown, Production]:
    """A script breakdown and its production file, the same for the same seed."""
    rng = random.Random(seed)
    dates = Calendar(START, max_shoot_days=size.shoot_days).shoot_dates()
    locations = tuple(_location(rng, index, dates) for index in range(size.locations))
    cast = tuple(_cast_member(rng, index, size, dates) for index in range(size.cast))
    scenes = _scenes(rng, size, locations, cast)
    breakdown = Breakdown(f"Generated {seed}", f"generated-{seed}.fountain", size.pages, scenes)
    production = Production(
        title=breakdown.title,
        calendar=Calendar(START, max_shoot_days=size.shoot_days, prep_start=START - timedelta(7)),
        cast=cast,
        locations=locations,
        timing=SceneTiming(minutes_per_eighth=12),
        rules=WorkRules(overtime_rate_per_hour=400, move_cost=300, move_minutes=45),
    )
    return breakdown, production


def generate_problem(seed: int, size: Size = Size()) -> SchedulingProblem:
    """The scheduling problem of ``generate_production(seed, size)``."""
    breakdown, production = generate_production(seed, size)
    problem, problems = build_problem(breakdown, production, f"generated-{seed}")
    if problem is None:  # a generator bug, not user data
        raise ValueError("; ".join(str(item) for item in problems))
    return problem


def _location(rng: random.Random, index: int, dates: tuple[date, ...]) -> Location:
    night = rng.random() < 0.2
    place = f"{_PLACES[index % len(_PLACES)]} {index + 1}"
    rooms = rng.sample(_ROOMS, rng.randint(1, 3))
    blocked = rng.sample(dates, rng.randint(0, 3)) if rng.random() < 0.3 else []
    permit = rng.random() < 0.4
    return Location(
        id=f"loc-{index + 1}",
        name=place.title(),
        sets=tuple(f"{place} - {room}" for room in rooms),
        unavailable=tuple(DateRange(day, day) for day in sorted(blocked)),
        window=NIGHT_WINDOW if night else DAY_WINDOW,
        daily_rate=rng.randrange(200, 2000, 50),
        permit_fee=rng.randrange(100, 800, 50) if permit else 0,
        permit_lead_days=rng.choice((0, 7, 10, 14)) if permit else 0,
    )


def _cast_member(rng: random.Random, index: int, size: Size, dates: tuple[date, ...]) -> CastMember:
    lead = index < size.leads
    name = f"CHARACTER {index + 1}"
    return CastMember(
        id=f"cast-{index + 1}",
        actor=f"Actor {index + 1}",
        characters=(name,),
        daily_rate=rng.randrange(1000, 3000, 50) if lead else rng.randrange(200, 800, 25),
        availability=() if lead else _free_dates(rng, dates),
        drop_pickup=not lead and rng.random() < 0.2,
    )


def _free_dates(rng: random.Random, dates: tuple[date, ...]) -> tuple[DateRange, ...]:
    """A supporting actor is free for most of the shoot, or for one stretch of it."""
    if rng.random() < 0.6:
        return ()
    length = max(5, round(len(dates) * rng.uniform(0.5, 0.8)))
    first = rng.randrange(0, len(dates) - length + 1)
    return (DateRange(dates[first], dates[first + length - 1]),)


def _scenes(
    rng: random.Random, size: Size, locations: tuple[Location, ...], cast: tuple[CastMember, ...]
) -> tuple[SceneBreakdown, ...]:
    lengths = _lengths(rng, size)
    return tuple(
        _scene(rng, number, eighths, place=rng.choice(locations), cast=cast, size=size)
        for number, eighths in enumerate(lengths, start=1)
    )


def _lengths(rng: random.Random, size: Size) -> list[int]:
    """Scene lengths in eighths adding up to about the page count (at least 1 each)."""
    weights = [rng.expovariate(1.0) for _ in range(size.scenes)]
    total = sum(weights)
    return [max(1, min(24, round(size.pages * 8 * weight / total))) for weight in weights]


def _scene(
    rng: random.Random,
    number: int,
    eighths: int,
    *,
    place: Location,
    cast: tuple[CastMember, ...],
    size: Size,
) -> SceneBreakdown:
    night = place.window.crosses_midnight or rng.random() < 0.15
    light = "NIGHT" if night else "DAY"
    int_ext = IntExt.EXT if place.sets[0].endswith("STREET") else IntExt.INT
    set_name = rng.choice(place.sets)
    characters = _characters(rng, cast, size)
    return SceneBreakdown(
        number=str(number),
        heading=f"{int_ext.value}. {set_name} - {light}",
        int_ext=int_ext,
        location=set_name,
        time=light,
        eighths=eighths,
        page=1 + (number - 1) * size.pages // size.scenes,
        speaking=characters,
        characters=characters,
        day_night=light,
    )


def _characters(rng: random.Random, cast: tuple[CastMember, ...], size: Size) -> tuple[str, ...]:
    leads = rng.sample(cast[: size.leads], rng.randint(1, 2))
    tail = cast[size.leads :]
    supporting = rng.sample(tail, min(len(tail), rng.choice((0, 0, 1, 1, 2, 3))))
    return tuple(member.characters[0] for member in (*leads, *supporting))
