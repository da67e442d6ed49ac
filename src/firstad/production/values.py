"""Reading typed values out of a parsed TOML table, collecting a problem for each bad one.

Every reader takes the table, the key and the dotted path of the table, and returns the value
or None (after recording the problem with the file, key and line). Dates may be TOML dates
(``2027-03-01``) or strings (``"2027-03-01"``); ranges are ``"2027-03-01..2027-03-05"`` or
``{ first = 2027-03-01, last = 2027-03-05 }``; daily windows are ``"19:00-07:00"``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from firstad.model import DailyWindow, DateRange, Problem, Severity
from firstad.toml_lines import dotted, line_of

Table = Mapping[str, object]


@dataclass
class Context:
    """Where problems go while one file is read: its path, key lines and the problems so far."""

    source: str
    lines: Mapping[str, int]
    problems: list[Problem] = field(default_factory=list)

    def report(
        self,
        key: str,
        message: str,
        severity: Severity = Severity.ERROR,
        scene: str | None = None,
    ) -> None:
        line = line_of(self.lines, key)
        problem = Problem(message, self.source, line, scene, key or None, severity)
        self.problems.append(problem)

    def warn(self, key: str, message: str, scene: str | None = None) -> None:
        self.report(key, message, Severity.WARNING, scene)


def _type_name(value: object) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "a string"}
    names |= {list: "a list", dict: "a table", date: "a date", time: "a time"}
    return names.get(type(value), type(value).__name__)


def wrong_type(context: Context, key: str, value: object, expected: str) -> None:
    context.report(key, f"must be {expected}, not {_type_name(value)} ({value!r})")


def check_keys(context: Context, table: Table, known: tuple[str, ...], path: str) -> None:
    """Warn about keys firstad does not know, suggesting the nearest known one."""
    for name in table:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            context.warn(dotted(path, name), f"unknown key {name!r}{hint}; it is ignored")


def sub_table(context: Context, table: Table, name: str, path: str) -> Table:
    """The table under ``name`` (empty when absent or not a table)."""
    value = table.get(name, {})
    if isinstance(value, dict):
        return value
    wrong_type(context, dotted(path, name), value, "a table")
    return {}


def table_list(context: Context, table: Table, name: str) -> list[Table]:
    """The array of tables ``[[name]]`` (empty when absent or malformed)."""
    value = table.get(name, [])
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return list(value)
    wrong_type(context, name, value, f"a list of tables ([[{name}]])")
    return []


def text(context: Context, table: Table, name: str, path: str, *, required: bool = False) -> str:
    """A string value ('' when absent; an error when required and absent)."""
    key = dotted(path, name)
    value = table.get(name)
    if value is None:
        if required:
            context.report(key if path else name, "this key is required but missing")
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        wrong_type(context, key, value, "a string")
        return ""
    return value


def whole_number(
    context: Context, table: Table, name: str, path: str, default: int, *, minimum: int = 0
) -> int:
    """A whole number no smaller than ``minimum`` (``default`` when absent or wrong)."""
    key = dotted(path, name)
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        wrong_type(context, key, value, "a whole number")
        return default
    if value < minimum:
        least = "negative" if minimum == 0 else f"less than {minimum}"
        context.report(key, f"must not be {least} (found {value})")
        return default
    return value


def hours_as_minutes(context: Context, table: Table, name: str, path: str, default: int) -> int:
    """A positive number of hours (12, 10.5), returned in minutes."""
    key = dotted(path, name)
    value = table.get(name, default / 60)
    if isinstance(value, bool) or not isinstance(value, int | float):
        wrong_type(context, key, value, "a number of hours")
        return default
    if value <= 0:
        context.report(key, f"must be more than 0 hours (found {value})")
        return default
    return round(value * 60)


def flag(context: Context, table: Table, name: str, path: str, *, default: bool = False) -> bool:
    value = table.get(name, default)
    if isinstance(value, bool):
        return value
    wrong_type(context, dotted(path, name), value, "true or false")
    return default


def string_list(context: Context, table: Table, name: str, path: str) -> tuple[str, ...]:
    """A list of strings; a single string is taken as a list of one."""
    key = dotted(path, name)
    value = table.get(name, [])
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list) and all(isinstance(item, str) for item in items):
        return tuple(str(item) for item in items)
    wrong_type(context, key, value, "a list of strings")
    return ()


def day(context: Context, value: object, key: str) -> date | None:
    """A date from a TOML date or an ISO string; None (and a problem) otherwise."""
    if isinstance(value, datetime):
        context.report(key, f"must be a date without a time, not {value.isoformat()}")
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        wrong_type(context, key, value, "a date (YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        context.report(key, f"{value!r} is not a date (YYYY-MM-DD): {error}")
        return None


def optional_day(context: Context, table: Table, name: str, path: str) -> date | None:
    value = table.get(name)
    return None if value is None else day(context, value, dotted(path, name))


def _range_ends(context: Context, value: object, key: str) -> tuple[object, object] | None:
    if isinstance(value, str) and ".." in value:
        first, _, last = value.partition("..")
        return first, last
    if isinstance(value, dict):
        check_keys(context, value, ("first", "last"), key)
        if "first" in value and "last" in value:
            return value["first"], value["last"]
        context.report(key, "needs both first and last dates")
        return None
    return value, value


def date_range(context: Context, value: object, key: str) -> DateRange | None:
    """A date range from a date, ``"first..last"`` or ``{ first = ..., last = ... }``."""
    ends = _range_ends(context, value, key)
    if ends is None:
        return None
    first = day(context, ends[0], key)
    last = first if ends[1] is ends[0] else day(context, ends[1], key)
    if first is None or last is None:
        return None
    if last < first:
        context.report(key, f"the range ends ({last}) before it starts ({first})")
        return None
    return DateRange(first, last)


def date_ranges(context: Context, table: Table, name: str, path: str) -> tuple[DateRange, ...]:
    """A list of dates and date ranges (a single one is taken as a list of one)."""
    key = dotted(path, name)
    value = table.get(name, [])
    items = value if isinstance(value, list) else [value]
    ranges = (date_range(context, item, dotted(key, index)) for index, item in enumerate(items))
    return tuple(span for span in ranges if span is not None)


def clock(context: Context, value: object, key: str) -> time | None:
    """A time of day from a TOML time or ``"HH:MM"``; ``"24:00"`` reads as midnight."""
    if isinstance(value, time):
        return value
    if not isinstance(value, str):
        wrong_type(context, key, value, "a time of day (HH:MM)")
        return None
    written = value.strip()
    if written in {"24:00", "24:00:00"}:
        return time(0, 0)
    try:
        return time.fromisoformat(written)
    except ValueError:
        context.report(key, f"{value!r} is not a time of day (HH:MM, 00:00 to 24:00)")
        return None


def _window_ends(context: Context, value: object, key: str) -> tuple[object, object] | None:
    if isinstance(value, str) and value.count("-") == 1:
        start, _, end = value.partition("-")
        return start, end
    if isinstance(value, dict) and "start" in value and "end" in value:
        check_keys(context, value, ("start", "end"), key)
        return value["start"], value["end"]
    wrong_type(context, key, value, 'hours as "HH:MM-HH:MM" (like "19:00-07:00")')
    return None


def window(context: Context, table: Table, name: str, path: str) -> DailyWindow | None:
    """Daily hours ``"08:00-20:00"``; an end not after the start crosses midnight."""
    key = dotted(path, name)
    if name not in table:
        return None
    ends = _window_ends(context, table[name], key)
    if ends is None:
        return None
    start, end = clock(context, ends[0], key), clock(context, ends[1], key)
    if start is None or end is None:
        return None
    return DailyWindow(start, end)
