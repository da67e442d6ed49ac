"""The production file reader: every value it takes, every message it gives, with its line."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from textwrap import dedent

import pytest

from firstad.model import SIX_DAY_WEEK, DailyWindow, DateRange, Problem, Production
from firstad.production import parse_production, read_production
from firstad.toml_lines import key_lines, line_of

MINIMAL = """\
title = "Night Ice"
[calendar]
start = 2027-03-01
max_shoot_days = 10
"""


def read(tmp_path: Path, text: str) -> tuple[Production | None, tuple[Problem, ...]]:
    path = tmp_path / "production.toml"
    path.write_text(dedent(text), encoding="utf-8")
    return read_production(path)


def only_problem(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def test_minimal_file_reads_with_defaults(tmp_path: Path) -> None:
    production, problems = read(tmp_path, MINIMAL)
    assert problems == ()
    assert production is not None
    assert production.title == "Night Ice"
    assert production.start == date(2027, 3, 1)
    assert production.calendar.max_shoot_days == 10
    assert production.rules.turnaround_minutes == 12 * 60
    assert production.time_zone == "UTC"


def test_full_file_reads_every_section(tmp_path: Path) -> None:
    (tmp_path / "script.fountain").write_text("INT. RINK - NIGHT\n", encoding="utf-8")
    production, problems = read(
        tmp_path,
        """\
        title = "Night Ice"
        script = "script.fountain"
        time_zone = "America/Toronto"

        [calendar]
        start = 2027-03-01
        end = "2027-04-30"
        week = 6
        days_off = [2027-03-17, "2027-04-01..2027-04-05", { first = 2027-04-20, last = 2027-04-21 }]
        prep_start = 2027-02-01

        [crew]
        daily_rate = 4000

        [[cast]]
        id = "maya"
        actor = "Claire Dubois"
        characters = ["MAYA", "YOUNG MAYA"]
        daily_rate = 900
        available = ["2027-03-01..2027-03-31"]
        unavailable = [2027-03-10]
        drop_pickup = true

        [[locations]]
        id = "rink"
        name = "Glenwood Arena"
        address = "12 Rink Road"
        sets = ["RINK - ICE SURFACE", "RINK - LOCKER ROOM"]
        window = "19:00-07:00"
        daily_rate = 1500
        permit_fee = 400
        permit_lead_days = 14

        [timing]
        minutes_per_eighth = 12
        [timing.overrides]
        "14" = 240

        [rules]
        max_shoot_hours = 12
        standard_day_hours = 10
        overtime_rate_per_hour = 600
        turnaround_hours = 12
        crew_turnaround_hours = 10
        max_consecutive_days = 6
        max_moves_per_day = 2
        move_minutes = 45
        move_cost = 350
        drop_pickup_min_gap_days = 10
        default_call = "06:30"

        [[fixed_dates]]
        scene = "1"
        date = 2027-03-04

        [[orderings]]
        before = "3"
        after = 20
        """,
    )
    assert problems == ()
    assert production is not None
    assert production.calendar.weekdays == SIX_DAY_WEEK
    assert production.calendar.days_off[1] == DateRange(date(2027, 4, 1), date(2027, 4, 5))
    maya = production.cast[0]
    assert maya.characters == ("MAYA", "YOUNG MAYA")
    assert maya.drop_pickup
    assert not maya.is_available(date(2027, 3, 10))
    assert maya.is_available(date(2027, 3, 11))
    rink = production.locations[0]
    assert rink.window == DailyWindow(time(19), time(7))
    assert rink.window.crosses_midnight
    assert (rink.window.start_minute, rink.window.end_minute) == (19 * 60, 31 * 60)
    assert production.timing.minutes("14", 3) == 240
    assert production.timing.minutes("2", 3) == 36
    assert production.rules.move_minutes == 45
    assert production.rules.default_call == time(6, 30)
    assert production.orderings[0].after == "20"
    assert production.crew.daily_rate == 4000


def test_not_toml_points_at_the_line(tmp_path: Path) -> None:
    production, problems = read(tmp_path, 'title = "x"\n[calendar\nstart = 2027-03-01\n')
    problem = only_problem(problems)
    assert production is None
    assert problem.line == 2
    assert problem.source == str(tmp_path / "production.toml")
    assert "not valid TOML" in problem.message


def test_impossible_toml_date_is_a_decode_error_with_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "[calendar]\nstart = 2026-02-30\n")
    problem = only_problem(problems)
    assert problem.line == 2
    assert "date" in problem.message.lower()


def test_impossible_string_date_names_key_and_line(tmp_path: Path) -> None:
    _, problems = read(
        tmp_path,
        MINIMAL + '[[cast]]\nactor = "A"\ncharacters = ["MAYA"]\n'
        'available = [\n  "2027-03-01",\n  "2026-02-30",\n]\n',
    )
    problem = only_problem(problems)
    assert problem.key == "cast[0].available[1]"
    assert problem.line == 10
    assert "'2026-02-30' is not a date" in problem.message


def test_range_out_of_order(tmp_path: Path) -> None:
    text = MINIMAL + 'days_off = ["2027-03-10..2027-03-08"]\n'
    _, problems = read(tmp_path, text)
    problem = only_problem(problems)
    assert problem.key == "calendar.days_off[0]"
    assert problem.line == 5
    assert "ends (2027-03-08) before it starts (2027-03-10)" in problem.message


def test_calendar_end_before_start(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "[calendar]\nstart = 2027-03-01\nend = 2027-02-01\n")
    problem = only_problem(problems)
    assert (problem.key, problem.line) == ("calendar.end", 3)


def test_calendar_needs_an_end(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "[calendar]\nstart = 2027-03-01\n")
    problem = only_problem(problems)
    assert (problem.key, problem.line) == ("calendar", 1)
    assert "end" in problem.message


def test_missing_calendar(tmp_path: Path) -> None:
    production, problems = read(tmp_path, 'title = "x"\n')
    assert production is None
    assert "calendar.start is required" in only_problem(problems).message


def test_negative_rate_names_key_and_line(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[cast]]\nactor = "A"\ncharacters = ["MAYA"]\n\n[[cast]]\n'
    text += 'actor = "B"\ncharacters = ["THEO"]\ndaily_rate = -200\n'
    production, problems = read(tmp_path, text)
    problem = only_problem(problems)
    assert production is None
    assert (problem.key, problem.line) == ("cast[1].daily_rate", 13)
    assert "negative" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'production.toml'}:13, cast[1].daily_rate:")


def test_wrong_type(tmp_path: Path) -> None:
    text = MINIMAL + '[[locations]]\nname = "Rink"\nsets = ["RINK"]\npermit_fee = "a lot"\n'
    problem = only_problem(read(tmp_path, text)[1])
    assert (problem.key, problem.line) == ("locations[0].permit_fee", 8)
    assert "whole number" in problem.message


def test_unknown_key_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    text = MINIMAL + '[[cast]]\nactor = "A"\ncharacters = ["MAYA"]\ndaily_rte = 100\n'
    production, problems = read(tmp_path, text)
    problem = only_problem(problems)
    assert production is not None
    assert not problem.is_error
    assert (problem.key, problem.line) == ("cast[0].daily_rte", 8)
    assert "did you mean 'daily_rate'" in problem.message


def test_required_keys(tmp_path: Path) -> None:
    text = MINIMAL + "[[cast]]\ndaily_rate = 100\n[[locations]]\nsets = ['RINK']\n"
    problems = read(tmp_path, text)[1]
    keys = {(problem.key, problem.line) for problem in problems}
    assert ("cast[0].actor", 5) in keys
    assert ("cast[0].characters", 5) in keys
    assert ("locations[0].name", 7) in keys


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ('"25:00-07:00"', "is not a time of day"),
        ('"evenings"', "HH:MM-HH:MM"),
        ("19", "HH:MM-HH:MM"),
    ],
)
def test_bad_windows(tmp_path: Path, window: str, message: str) -> None:
    text = MINIMAL + f'[[locations]]\nname = "Rink"\nsets = ["RINK"]\nwindow = {window}\n'
    problem = only_problem(read(tmp_path, text)[1])
    assert (problem.key, problem.line) == ("locations[0].window", 8)
    assert message in problem.message


def test_window_forms(tmp_path: Path) -> None:
    text = MINIMAL + dedent(
        """\
        [[locations]]
        name = "Cafe"
        sets = ["CAFE"]
        window = { start = 08:00:00, end = "24:00" }
        [[locations]]
        name = "Street"
        sets = ["STREET"]
        """
    )
    production, problems = read(tmp_path, text)
    assert problems == ()
    assert production is not None
    cafe, street = production.locations
    assert cafe.window.end_minute == 24 * 60
    assert street.window.minutes == 24 * 60
    assert cafe.id == "cafe"


def test_duplicate_character_and_set(tmp_path: Path) -> None:
    text = MINIMAL + dedent(
        """\
        [[cast]]
        actor = "A"
        characters = ["MAYA"]
        [[cast]]
        actor = "B"
        characters = ["maya"]
        """
    )
    problems = read(tmp_path, text)[1]
    messages = [problem.message for problem in problems]
    assert any("character 'MAYA' is given 2 times" in message for message in messages)
    assert any("not in capitals" in message for message in messages)


def test_week_must_be_five_or_six(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path, MINIMAL + "week = 4\n")[1])
    assert (problem.key, problem.line) == ("calendar.week", 5)


def test_weekday_names(tmp_path: Path) -> None:
    production, _ = read(tmp_path, MINIMAL + 'weekdays = ["Tue", "wed", "thu", "fri", "sat"]\n')
    assert production is not None
    assert production.calendar.weekdays == frozenset({1, 2, 3, 4, 5})


def test_unknown_time_zone(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path, 'time_zone = "Mars/Olympus"\n' + MINIMAL)[1])
    assert (problem.key, problem.line) == ("time_zone", 1)


def test_missing_script_is_a_warning(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path, 'script = "gone.fountain"\n' + MINIMAL)[1])
    assert not problem.is_error
    assert problem.line == 1


def test_ordering_of_a_scene_with_itself(tmp_path: Path) -> None:
    text = MINIMAL + '[[orderings]]\nbefore = "3"\nafter = "3"\n'
    problem = only_problem(read(tmp_path, text)[1])
    assert (problem.key, problem.line) == ("orderings[0]", 5)


def test_hours_must_be_positive(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path, MINIMAL + "[rules]\nmax_shoot_hours = 0\n")[1])
    assert (problem.key, problem.line) == ("rules.max_shoot_hours", 6)


def test_unreadable_file(tmp_path: Path) -> None:
    production, problems = read_production(tmp_path / "missing.toml")
    assert production is None
    assert "cannot read" in only_problem(problems).message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "production.toml"
    path.write_bytes(b'title = "\xff"\n')
    assert "not UTF-8" in only_problem(read_production(path)[1]).message


def test_parse_without_a_file() -> None:
    production, problems = parse_production(MINIMAL, "inline")
    assert problems == ()
    assert production is not None
    assert production.key_lines["calendar.start"] == 3


def test_key_lines_numbers_array_tables_and_items() -> None:
    lines = key_lines(
        dedent(
            """\
            [[cast]]
            actor = "A"  # the [lead]
            [[cast]]
            "actor" = "B"
            available = [
              "2027-03-01",  # first
              "2027-03-02",
            ]
            [timing.overrides]
            "12A" = 30
            """
        )
    )
    assert lines["cast[1]"] == 3
    assert lines["cast[1].actor"] == 4
    assert lines["cast[1].available[1]"] == 7
    assert lines["timing.overrides.12A"] == 10
    assert line_of(lines, "cast[1].available[1].first") == 7
    assert line_of(lines, "cast[0].daily_rate") == 1
    assert line_of(lines, "nowhere") is None


def test_every_key_the_reader_knows_is_documented() -> None:
    from firstad.production import reader

    docs = Path(__file__).resolve().parents[2] / "docs" / "production-file.md"
    text = docs.read_text(encoding="utf-8")
    known = (
        reader.TOP_KEYS
        + reader.CALENDAR_KEYS
        + reader.CAST_KEYS
        + reader.LOCATION_KEYS
        + reader.RULE_KEYS
        + ("minutes_per_eighth", "overrides", "scene", "date", "before", "after")
    )
    forms = ("`{}`", ".{}`", "`[{}]`", "`[[{}]]`", "`[timing.{}]`")
    assert [key for key in known if not any(form.format(key) in text for form in forms)] == []


def test_array_items_are_numbered_from_the_opening_line() -> None:
    text = 'add = ["props: hockey stick",\n  "wardrobe: scarf"]\nnames = [\n  "a",\n  "b",\n]\n'
    lines = key_lines(text)
    assert (lines["add[0]"], lines["add[1]"]) == (1, 2)
    assert (lines["names[0]"], lines["names[1]"]) == (4, 5)
