"""Joining the script's breakdown to the production: the problem a solver is given.

``build_problem(breakdown, production, source) -> (problem, problems)``. Every name the script
uses must meet the production file: a speaking character needs an actor (error), a silent one
should have one (warning: often played by an extra), every set needs a location (error), and a
scene must fit its location's daily hours and the longest day (error). Names the production
file gives that the script never uses are warnings: a typo there silently loses an actor.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping, Set
from datetime import date, timedelta
from types import MappingProxyType

from firstad.model import (
    Breakdown,
    CastMember,
    Daylight,
    Location,
    Problem,
    Production,
    SceneBreakdown,
    has_errors,
    set_key,
)
from firstad.production.values import Context
from firstad.schedule.daylight import longest_span, scene_spans
from firstad.schedule.problem import (
    CastTerms,
    DaylightMinutes,
    LocationTerms,
    SceneJob,
    SchedulingProblem,
)
from firstad.toml_lines import dotted


def build_problem(
    breakdown: Breakdown, production: Production, source: str
) -> tuple[SchedulingProblem | None, tuple[Problem, ...]]:
    """The scheduling problem for this script and production; ``source`` names the file."""
    context = Context(source, production.key_lines)
    dates = production.calendar.shoot_dates()
    if not dates:
        context.report("calendar", "the calendar has no shoot date (check week and days_off)")
    # Cast characters the script never names: the likely misspellings of those it does.
    unseen = _character_index(production).keys() - set(breakdown.characters)
    scenes = tuple(_scene_job(context, production, scene, unseen) for scene in breakdown.scenes)
    _check_unused_names(context, breakdown, production)
    _check_requests(context, breakdown, production, frozenset(dates))
    problems = tuple(context.problems)
    if has_errors(problems):
        return None, problems
    return _problem(breakdown, production, scenes, dates), problems


def _problem(
    breakdown: Breakdown,
    production: Production,
    scenes: tuple[SceneJob, ...],
    dates: tuple[date, ...],
) -> SchedulingProblem:
    cast = {member.id: _cast_terms(member, dates) for member in production.cast}
    locations = {
        place.id: _location_terms(place, production, dates) for place in production.locations
    }
    return SchedulingProblem(
        title=production.title or breakdown.title,
        scenes=scenes,
        dates=dates,
        cast=MappingProxyType(cast),
        locations=MappingProxyType(locations),
        rules=production.rules,
        orderings=production.orderings,
        crew_daily_rate=production.crew.daily_rate,
        daylight=_daylight_minutes(production.calendar.daylight),
    )


def _daylight_minutes(daylight: Daylight | None) -> DaylightMinutes | None:
    if daylight is None:
        return None
    return DaylightMinutes(
        sunrise=daylight.sunrise.hour * 60 + daylight.sunrise.minute,
        sunset=daylight.sunset.hour * 60 + daylight.sunset.minute,
        twilight=daylight.twilight_minutes,
    )


def _cast_terms(member: CastMember, dates: tuple[date, ...]) -> CastTerms:
    return CastTerms(
        id=member.id,
        name=member.actor,
        characters=member.characters,
        daily_rate=member.daily_rate,
        available_dates=frozenset(day for day in dates if member.is_available(day)),
        drop_pickup=member.drop_pickup,
        availability=member.availability,
        unavailable=member.unavailable,
    )


def _location_terms(
    place: Location, production: Production, dates: tuple[date, ...]
) -> LocationTerms:
    prep_start = production.calendar.prep_start
    ready = prep_start + timedelta(days=place.permit_lead_days) if prep_start else None
    return LocationTerms(
        id=place.id,
        name=place.name,
        daily_rate=place.daily_rate,
        permit_fee=place.permit_fee,
        permit_lead_days=place.permit_lead_days,
        available_dates=frozenset(day for day in dates if place.is_available(day)),
        window_start=place.window.start_minute,
        window_end=place.window.end_minute,
        permit_ready=ready if place.permit_lead_days else None,
        availability=place.availability,
        unavailable=place.unavailable,
    )


# --- scenes ---------------------------------------------------------------------------------


def _character_index(production: Production) -> Mapping[str, str]:
    return {name: member.id for member in production.cast for name in member.characters}


def _misspelt_cast(production: Production, name: str, unseen: Set[str]) -> str:
    """A hint when a cast character the script never names is spelt almost as ``name``."""
    actors = {
        character: member.actor for member in production.cast for character in member.characters
    }
    near = difflib.get_close_matches(name, sorted(unseen), n=1)
    return f"; the cast has {near[0]!r} ({actors[near[0]]}): misspelt?" if near else ""


def _set_index(production: Production) -> Mapping[str, Location]:
    return {set_key(name): place for place in production.locations for name in place.sets}


def _scene_job(
    context: Context, production: Production, scene: SceneBreakdown, unseen: Set[str]
) -> SceneJob:
    index = _set_index(production)
    place = index.get(set_key(scene.location))
    if place is None:
        message = f"set {scene.location!r} has no location in the production file (add it to sets)"
        near = difflib.get_close_matches(set_key(scene.location), list(index), n=1)
        if near:
            message += f"; did you mean the set of {index[near[0]].name!r}?"
        context.report("locations", message, scene=scene.number)
    minutes = production.timing.minutes(scene.number, scene.eighths)
    if place is not None:
        _check_fits(context, production, scene, place, minutes)
    job = SceneJob(
        number=scene.number,
        duration_minutes=minutes,
        cast_ids=_scene_cast(context, production, scene, unseen),
        location_id=place.id if place else "",
        int_ext=scene.int_ext,
        time_of_day=scene.day_night or scene.time,
        eighths=scene.eighths,
        fixed_date=_fixed_date(production, scene.number),
    )
    _check_light(context, job, _daylight_minutes(production.calendar.daylight))
    return job


def _check_light(context: Context, job: SceneJob, daylight: DaylightMinutes | None) -> None:
    """An exterior longer than the light it needs can never be shot (a 3-hour dusk scene)."""
    spans = scene_spans(job, daylight)
    if spans is not None and job.duration_minutes > longest_span(spans):
        message = (
            f"{job.int_ext.value if job.int_ext else ''} {job.time_of_day} scene takes "
            f"{job.duration_minutes} minutes, longer than the {longest_span(spans)} minutes of "
            "that light a day gives (split it, or shoot it as an interior)"
        )
        context.report("calendar", message.strip(), scene=job.number)


def _scene_cast(
    context: Context, production: Production, scene: SceneBreakdown, unseen: Set[str]
) -> frozenset[str]:
    index = _character_index(production)
    for name in (name for name in scene.characters if name not in index):
        hint = _misspelt_cast(production, name, unseen)
        if name in scene.speaking:
            message = f"{name} speaks but has no cast member in the production file"
            context.report("cast", message + hint, scene=scene.number)
        else:
            message = f"{name} is seen but has no cast member (fine if an extra plays it)"
            context.warn("cast", message + hint, scene=scene.number)
    return frozenset(index[name] for name in scene.characters if name in index)


def _check_fits(
    context: Context, production: Production, scene: SceneBreakdown, place: Location, minutes: int
) -> None:
    key = dotted("locations", production.locations.index(place), "window")
    if minutes > place.window.minutes:
        message = (
            f"scene takes {minutes} min but {place.name} is open only {place.window} "
            f"({place.window.minutes} min a day)"
        )
        context.report(key, message, scene=scene.number)
    if minutes > production.rules.max_shoot_minutes:
        message = f"scene takes {minutes} min, longer than the longest shooting day"
        context.report("rules.max_shoot_hours", message, scene=scene.number)


def _fixed_date(production: Production, number: str) -> date | None:
    return next((item.date for item in production.fixed_dates if item.scene == number), None)


# --- names given in the production file -----------------------------------------------------


def _check_unused_names(context: Context, breakdown: Breakdown, production: Production) -> None:
    characters = set(breakdown.characters)
    for index, member in enumerate(production.cast):
        for name in (name for name in member.characters if name not in characters):
            key = dotted("cast", index, "characters")
            message = f"character {name!r} ({member.actor}) never appears in the script"
            context.warn(key, message + _did_you_mean(name, {name: name for name in characters}))
    sets = {set_key(scene.location): scene.location for scene in breakdown.scenes}
    for index, place in enumerate(production.locations):
        for name in (name for name in place.sets if set_key(name) not in sets):
            key = dotted("locations", index, "sets")
            message = f"set {name!r} ({place.name}) is not a set of the script"
            context.warn(key, message + _did_you_mean(set_key(name), sets))


def _did_you_mean(key: str, spellings: Mapping[str, str]) -> str:
    """A hint naming the spelling whose key is closest to ``key``, or ''."""
    near = difflib.get_close_matches(key, sorted(spellings), n=1)
    return f"; did you mean {spellings[near[0]]!r}?" if near else ""


def _check_requests(
    context: Context, breakdown: Breakdown, production: Production, dates: frozenset[date]
) -> None:
    numbers = {scene.number for scene in breakdown.scenes}
    _check_overrides(context, production, numbers)
    _check_fixed_dates(context, production, numbers, dates)
    for index, ordering in enumerate(production.orderings):
        for role, scene in (("before", ordering.before), ("after", ordering.after)):
            if scene not in numbers:
                key = dotted("orderings", index, role)
                context.report(key, f"scene {scene!r} is not a scene of the script")


def _check_overrides(context: Context, production: Production, numbers: set[str]) -> None:
    for scene in production.timing.overrides:
        if scene not in numbers:
            key = dotted("timing.overrides", scene)
            context.warn(key, f"scene {scene!r} is not a scene of the script; ignored")


def _check_fixed_dates(
    context: Context, production: Production, numbers: set[str], dates: frozenset[date]
) -> None:
    counts = Counter(item.scene for item in production.fixed_dates)
    for index, item in enumerate(production.fixed_dates):
        key = dotted("fixed_dates", index)
        if item.scene not in numbers:
            context.report(
                dotted(key, "scene"), f"scene {item.scene!r} is not a scene of the script"
            )
        if item.date not in dates:
            message = f"{item.date} is not a shoot date of the calendar (weekend, day off, late)"
            context.report(dotted(key, "date"), message)
        if counts[item.scene] > 1:
            context.report(key, f"scene {item.scene} is fixed to more than one date")
