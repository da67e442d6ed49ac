"""Reading the production file (``production.toml``) into a ``Production``.

The stage's shape is ``read_production(path) -> (production, problems)``: every problem found
is collected with the file, the dotted key and the line (``production.toml:12: cast[1].actor
is required``), and the production is None when any of them is an error. The file's format is
documented key by key in ``docs/production-file.md``.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from datetime import date, time
from pathlib import Path
from types import MappingProxyType

from firstad.model import (
    FIVE_DAY_WEEK,
    SIX_DAY_WEEK,
    WHOLE_DAY,
    Calendar,
    CastMember,
    Crew,
    Daylight,
    FixedDate,
    Location,
    Ordering,
    Problem,
    Production,
    SceneTiming,
    WorkRules,
    has_errors,
    set_key,
)
from firstad.production.values import (
    Context,
    Table,
    check_keys,
    clock,
    date_ranges,
    day,
    flag,
    hours_as_minutes,
    optional_day,
    string_list,
    sub_table,
    table_list,
    text,
    whole_number,
    window,
)
from firstad.toml_lines import dotted, key_lines, load_toml

TOP_KEYS = (
    "title",
    "script",
    "time_zone",
    "calendar",
    "crew",
    "cast",
    "locations",
    "timing",
    "rules",
    "fixed_dates",
    "orderings",
)
CALENDAR_KEYS = (
    "start",
    "end",
    "max_shoot_days",
    "week",
    "weekdays",
    "days_off",
    "prep_start",
    "sunrise",
    "sunset",
    "twilight_minutes",
)
CAST_KEYS = (
    "id",
    "actor",
    "characters",
    "daily_rate",
    "available",
    "unavailable",
    "drop_pickup",
)
LOCATION_KEYS = (
    "id",
    "name",
    "address",
    "sets",
    "available",
    "unavailable",
    "window",
    "daily_rate",
    "permit_fee",
    "permit_lead_days",
)
RULE_KEYS = (
    "max_shoot_hours",
    "standard_day_hours",
    "overtime_rate_per_hour",
    "turnaround_hours",
    "crew_turnaround_hours",
    "max_consecutive_days",
    "max_moves_per_day",
    "move_minutes",
    "move_cost",
    "drop_pickup_min_gap_days",
    "default_call",
)
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def read_production(path: Path) -> tuple[Production | None, tuple[Problem, ...]]:
    """Read and validate a production file; None with the problems when it has errors."""
    source = str(path)
    try:
        source_text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        return None, (Problem(f"cannot read the production file: {error.strerror}", source),)
    except UnicodeDecodeError as error:
        return None, (Problem(f"the production file is not UTF-8 text: {error.reason}", source),)
    return parse_production(source_text, source, base=path.parent)


def parse_production(
    source_text: str, source: str, base: Path | None = None
) -> tuple[Production | None, tuple[Problem, ...]]:
    """Validate production-file text; ``base`` is the folder the script path is relative to."""
    document, problem = load_toml(source_text, source)
    if document is None:
        return None, (problem,) if problem is not None else ()
    context = Context(source, key_lines(source_text))
    production = _production(context, document, base)
    problems = tuple(context.problems)
    return (None if has_errors(problems) else production), problems


def _production(context: Context, document: Table, base: Path | None) -> Production | None:
    check_keys(context, document, TOP_KEYS, "")
    calendar = _calendar(context, sub_table(context, document, "calendar", ""))
    cast = _cast(context, table_list(context, document, "cast"))
    locations = _locations(context, table_list(context, document, "locations"))
    if calendar is None:
        return None
    return Production(
        title=text(context, document, "title", ""),
        calendar=calendar,
        script=_script(context, document, base),
        time_zone=_time_zone(context, document),
        cast=cast,
        crew=_crew(context, sub_table(context, document, "crew", "")),
        locations=locations,
        timing=_timing(context, sub_table(context, document, "timing", "")),
        rules=_rules(context, sub_table(context, document, "rules", "")),
        fixed_dates=_fixed_dates(context, table_list(context, document, "fixed_dates")),
        orderings=_orderings(context, table_list(context, document, "orderings")),
        key_lines=context.lines,
    )


def _script(context: Context, document: Table, base: Path | None) -> str:
    script = text(context, document, "script", "")
    if script and base is not None and not (base / script).is_file():
        context.warn("script", f"script {script!r} is not a file next to the production file")
    return script


def _time_zone(context: Context, document: Table) -> str:
    name = text(context, document, "time_zone", "") or "UTC"
    known = zoneinfo.available_timezones()
    # Without the tz database (a bare container) no name can be checked, so none is refused.
    if known and name not in known:
        context.report("time_zone", f"{name!r} is not a time zone name (like America/Toronto)")
    return name


# --- calendar -------------------------------------------------------------------------------


def _weekdays(context: Context, table: Table) -> frozenset[int]:
    if "weekdays" in table:
        return _weekday_names(context, table)
    week = whole_number(context, table, "week", "calendar", 5)
    if week not in {5, 6}:
        context.report("calendar.week", f"must be 5 or 6 (found {week})")
    return SIX_DAY_WEEK if week == 6 else FIVE_DAY_WEEK


def _weekday_names(context: Context, table: Table) -> frozenset[int]:
    names = [name.lower()[:3] for name in string_list(context, table, "weekdays", "calendar")]
    unknown = [name for name in names if name not in WEEKDAY_NAMES]
    if unknown or not names:
        message = "must list days like ['mon', 'tue', 'wed', 'thu', 'fri']"
        context.report("calendar.weekdays", message)
        return FIVE_DAY_WEEK
    return frozenset(WEEKDAY_NAMES.index(name) for name in names)


def _calendar(context: Context, table: Table) -> Calendar | None:
    check_keys(context, table, CALENDAR_KEYS, "calendar")
    if "start" not in table:
        context.report("calendar", "calendar.start is required (the first shoot date)")
        return None
    start = day(context, table["start"], "calendar.start")
    end = optional_day(context, table, "end", "calendar")
    limit = table.get("max_shoot_days")
    max_days = _max_shoot_days(context, table)
    if start is None:
        return None
    _check_calendar_end(context, start, end, limit)
    return Calendar(
        start=start,
        end=end,
        max_shoot_days=max_days,
        weekdays=_weekdays(context, table),
        days_off=date_ranges(context, table, "days_off", "calendar"),
        prep_start=optional_day(context, table, "prep_start", "calendar"),
        daylight=_daylight(context, table),
    )


def _daylight(context: Context, table: Table) -> Daylight | None:
    """Sunrise and sunset, given together or not at all."""
    given = [name for name in ("sunrise", "sunset") if name in table]
    if not given:
        if "twilight_minutes" in table:
            context.report("calendar.twilight_minutes", "twilight_minutes needs sunrise and sunset")
        return None
    if len(given) == 1:
        missing = "sunset" if given == ["sunrise"] else "sunrise"
        context.report(f"calendar.{given[0]}", f"calendar.{missing} is needed with {given[0]}")
        return None
    sunrise = clock(context, table["sunrise"], "calendar.sunrise")
    sunset = clock(context, table["sunset"], "calendar.sunset")
    twilight = whole_number(context, table, "twilight_minutes", "calendar", default=45)
    if sunrise is None or sunset is None:
        return None
    if sunset <= sunrise:
        context.report(
            "calendar.sunset", f"sunset {sunset:%H:%M} is not after sunrise {sunrise:%H:%M}"
        )
        return None
    return Daylight(sunrise, sunset, twilight)


def _max_shoot_days(context: Context, table: Table) -> int | None:
    if "max_shoot_days" not in table:
        return None
    return whole_number(context, table, "max_shoot_days", "calendar", 1, minimum=1)


def _check_calendar_end(context: Context, start: date, end: date | None, limit: object) -> None:
    if end is None and limit is None:
        context.report("calendar", "calendar needs end (a date) or max_shoot_days (a number)")
    elif end is not None and end < start:
        context.report("calendar.end", f"{end} is before calendar.start ({start})")


# --- cast and crew --------------------------------------------------------------------------


def _cast(context: Context, tables: list[Table]) -> tuple[CastMember, ...]:
    members = tuple(_cast_member(context, table, index) for index, table in enumerate(tables))
    _check_unique(context, "cast", [member.id for member in members], "id")
    characters = [name for member in members for name in member.characters]
    _check_unique(context, "cast", characters, "character")
    return members


def _cast_member(context: Context, table: Table, index: int) -> CastMember:
    path = dotted("cast", index)
    check_keys(context, table, CAST_KEYS, path)
    characters = _characters(context, table, path)
    default_id = characters[0].lower().replace(" ", "-") if characters else f"cast-{index + 1}"
    return CastMember(
        id=text(context, table, "id", path) or default_id,
        actor=text(context, table, "actor", path, required=True),
        characters=characters,
        daily_rate=whole_number(context, table, "daily_rate", path, 0),
        availability=date_ranges(context, table, "available", path),
        unavailable=date_ranges(context, table, "unavailable", path),
        drop_pickup=flag(context, table, "drop_pickup", path),
    )


def _characters(context: Context, table: Table, path: str) -> tuple[str, ...]:
    names = string_list(context, table, "characters", path)
    key = dotted(path, "characters")
    if not names:
        context.report(key, "missing: the script's character names this actor plays")
    for name in names:
        if name != name.upper():
            context.warn(key, f"character {name!r} is not in capitals as in the script")
    return tuple(" ".join(name.upper().split()) for name in names)


def _check_unique(context: Context, path: str, values: list[str], what: str) -> None:
    for value, count in Counter(values).items():
        if count > 1 and value:
            context.report(path, f"{what} {value!r} is given {count} times")


def _crew(context: Context, table: Table) -> Crew:
    check_keys(context, table, ("daily_rate",), "crew")
    return Crew(daily_rate=whole_number(context, table, "daily_rate", "crew", 0))


# --- locations ------------------------------------------------------------------------------


def _locations(context: Context, tables: list[Table]) -> tuple[Location, ...]:
    locations = tuple(_location(context, table, index) for index, table in enumerate(tables))
    _check_unique(context, "locations", [location.id for location in locations], "id")
    # Compared as the binding matches them: "BIG TOP" and "BIG-TOP" are one set.
    sets = [set_key(name) for location in locations for name in location.sets]
    _check_unique(context, "locations", sets, "set")
    return locations


def _location(context: Context, table: Table, index: int) -> Location:
    path = dotted("locations", index)
    check_keys(context, table, LOCATION_KEYS, path)
    name = text(context, table, "name", path, required=True)
    return Location(
        id=text(context, table, "id", path) or name.lower().replace(" ", "-"),
        name=name,
        sets=_sets(context, table, path),
        address=text(context, table, "address", path),
        availability=date_ranges(context, table, "available", path),
        unavailable=date_ranges(context, table, "unavailable", path),
        window=window(context, table, "window", path) or WHOLE_DAY,
        daily_rate=whole_number(context, table, "daily_rate", path, 0),
        permit_fee=whole_number(context, table, "permit_fee", path, 0),
        permit_lead_days=whole_number(context, table, "permit_lead_days", path, 0),
    )


def _sets(context: Context, table: Table, path: str) -> tuple[str, ...]:
    names = string_list(context, table, "sets", path)
    key = dotted(path, "sets")
    if not names:
        context.report(key, "missing: the script's set names shot at this place")
    return tuple(" ".join(name.upper().split()) for name in names)


# --- timing and rules -----------------------------------------------------------------------


def _timing(context: Context, table: Table) -> SceneTiming:
    check_keys(context, table, ("minutes_per_eighth", "overrides"), "timing")
    per_eighth = whole_number(context, table, "minutes_per_eighth", "timing", 15, minimum=1)
    overrides = sub_table(context, table, "overrides", "timing")
    minutes = {
        str(scene): whole_number(context, overrides, scene, "timing.overrides", 0, minimum=1)
        for scene in overrides
    }
    return SceneTiming(
        per_eighth, MappingProxyType({scene: value for scene, value in minutes.items() if value})
    )


def _rules(context: Context, table: Table) -> WorkRules:
    check_keys(context, table, RULE_KEYS, "rules")
    defaults = WorkRules()
    rules = WorkRules(
        max_shoot_minutes=_hours(context, table, "max_shoot_hours", defaults.max_shoot_minutes),
        standard_day_minutes=_hours(
            context, table, "standard_day_hours", defaults.standard_day_minutes
        ),
        overtime_rate_per_hour=_number(context, table, "overtime_rate_per_hour", 0),
        turnaround_minutes=_hours(context, table, "turnaround_hours", defaults.turnaround_minutes),
        crew_turnaround_minutes=_hours(
            context, table, "crew_turnaround_hours", defaults.crew_turnaround_minutes
        ),
        max_consecutive_days=_positive(context, table, "max_consecutive_days", 6),
        max_moves_per_day=_number(context, table, "max_moves_per_day", 1),
        move_minutes=_number(context, table, "move_minutes", defaults.move_minutes),
        move_cost=_number(context, table, "move_cost", 0),
        drop_pickup_min_gap_days=_number(context, table, "drop_pickup_min_gap_days", 10),
        default_call=_default_call(context, table),
    )
    _check_rules(context, rules)
    return rules


def _hours(context: Context, table: Table, name: str, default: int) -> int:
    return hours_as_minutes(context, table, name, "rules", default)


def _number(context: Context, table: Table, name: str, default: int) -> int:
    return whole_number(context, table, name, "rules", default)


def _positive(context: Context, table: Table, name: str, default: int) -> int:
    return whole_number(context, table, name, "rules", default, minimum=1)


def _default_call(context: Context, table: Table) -> time:
    if "default_call" not in table:
        return WorkRules().default_call
    return clock(context, table["default_call"], "rules.default_call") or WorkRules().default_call


def _check_rules(context: Context, rules: WorkRules) -> None:
    if rules.standard_day_minutes > rules.max_shoot_minutes:
        message = "rules.standard_day_hours is longer than rules.max_shoot_hours"
        context.warn("rules.standard_day_hours", message)


# --- what the user insists on ---------------------------------------------------------------


def _fixed_dates(context: Context, tables: list[Table]) -> tuple[FixedDate, ...]:
    fixed = (_fixed_date(context, table, index) for index, table in enumerate(tables))
    return tuple(item for item in fixed if item is not None)


def _fixed_date(context: Context, table: Table, index: int) -> FixedDate | None:
    path = dotted("fixed_dates", index)
    check_keys(context, table, ("scene", "date"), path)
    scene = text(context, table, "scene", path, required=True)
    if "date" not in table:
        context.report(path, "date is required")
        return None
    when = day(context, table["date"], dotted(path, "date"))
    return FixedDate(scene, when) if scene and when else None


def _orderings(context: Context, tables: list[Table]) -> tuple[Ordering, ...]:
    orderings = (_ordering(context, table, index) for index, table in enumerate(tables))
    return tuple(item for item in orderings if item is not None)


def _ordering(context: Context, table: Table, index: int) -> Ordering | None:
    path = dotted("orderings", index)
    check_keys(context, table, ("before", "after"), path)
    before = text(context, table, "before", path, required=True)
    after = text(context, table, "after", path, required=True)
    if before and before == after:
        context.report(path, f"a scene cannot be shot before itself ({before})")
        return None
    return Ordering(before, after) if before and after else None


__all__ = ["parse_production", "read_production"]
