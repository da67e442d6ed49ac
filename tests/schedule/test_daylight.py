"""Exteriors in the light their scene needs: spans, the evaluator's check, the file's keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from textwrap import dedent

import pytest

from firstad.model import IntExt, Schedule, ShootDay
from firstad.production import read_production
from firstad.schedule.daylight import fits_light, lighting_spans, scene_spans
from firstad.schedule.evaluator import evaluate
from firstad.schedule.problem import DaylightMinutes
from tests.schedule.schedule_builders import actor, place, problem, scene, weekdays

# Sunrise 07:00, sunset 17:00, 45 minutes of twilight either side.
DAYLIGHT = DaylightMinutes(sunrise=420, sunset=1020, twilight=45)


@pytest.mark.parametrize(
    ("lighting", "start", "end", "fits"),
    [
        ("DAY", 420, 1020, True),
        ("DAY", 400, 500, False),  # starts before sunrise
        ("NIGHT", 1100, 1500, True),  # 18:20 to 01:00 the next morning
        ("NIGHT", 1000, 1100, False),  # starts before sunset
        ("NIGHT", 60, 300, True),  # 01:00 to 05:00 on the shoot date
        ("DAWN", 380, 460, True),
        ("DAWN", 1820, 1900, True),  # dawn the morning after a night call
        ("DAWN", 480, 520, False),
        ("DUSK", 1000, 1060, True),
        ("DUSK", 1100, 1150, False),
    ],
)
def test_lighting_spans(lighting: str, start: int, end: int, fits: bool) -> None:
    assert fits_light(start, end, lighting_spans(lighting, DAYLIGHT)) is fits


def test_interiors_and_unknown_light_are_free() -> None:
    interior = scene("1", 60, ["maya"], "rink", time_of_day="NIGHT")
    exterior = replace(interior, int_ext=IntExt.EXT)
    car = replace(interior, int_ext=IntExt.INT_EXT)
    assert scene_spans(interior, DAYLIGHT) is None
    assert scene_spans(exterior, None) is None
    assert scene_spans(replace(exterior, time_of_day="CONTINUOUS"), DAYLIGHT) is None
    assert scene_spans(exterior, DAYLIGHT) == scene_spans(car, DAYLIGHT)


def _night_day(day: date, *numbers: str) -> ShootDay:
    return ShootDay(
        day,
        datetime.combine(day, time(19, 0)),
        datetime.combine(day, time(23, 0)),
        numbers,
    )


def test_the_evaluator_flags_an_exterior_dawn_shot_at_night() -> None:
    dates = weekdays(2)
    lot = replace(scene("25", 60, ["maya"], "rink", time_of_day="DAWN"), int_ext=IntExt.EXT)
    inside = scene("23", 120, ["maya"], "rink", time_of_day="NIGHT")
    scheduling = replace(
        problem([inside, lot], dates, [actor("maya", 100, dates)], [place("rink", dates)]),
        daylight=DAYLIGHT,
    )
    schedule = Schedule((_night_day(dates[0], "23", "25"),))
    violations = evaluate(scheduling, schedule).violations
    assert [(v.scene, v.message) for v in violations] == [
        (
            "25",
            f"EXT DAWN scene runs 21:00-22:00 on {dates[0]}; its light is 06:15-07:45",
        )
    ]
    without_daylight = replace(scheduling, daylight=None)
    assert evaluate(without_daylight, schedule).violations == ()


PRODUCTION = """\
title = "Light"
script = "light.fountain"

[calendar]
start = 2027-03-01
end = 2027-03-05
{daylight}

[[cast]]
id = "maya"
actor = "A. Actor"
characters = ["MAYA"]
daily_rate = 100

[[locations]]
id = "lot"
name = "Rink parking lot"
sets = ["RINK PARKING LOT"]
"""


def _read(tmp_path: Path, daylight: str) -> tuple[object, list[str]]:
    path = tmp_path / "production.toml"
    path.write_text(PRODUCTION.format(daylight=dedent(daylight)))
    (tmp_path / "light.fountain").write_text("EXT. RINK PARKING LOT - DAWN\n\nMaya waits.\n")
    production, problems = read_production(path)
    return production, [str(problem).removeprefix(str(path) + ":") for problem in problems]


def test_the_production_file_gives_sunrise_and_sunset(tmp_path: Path) -> None:
    production, problems = _read(tmp_path, 'sunrise = "06:40"\nsunset = "17:55"\n')
    assert problems == []
    daylight = production.calendar.daylight  # type: ignore[attr-defined]
    assert (daylight.sunrise, daylight.sunset, daylight.twilight_minutes) == (
        time(6, 40),
        time(17, 55),
        45,
    )


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ('sunrise = "06:40"\n', "7, calendar.sunrise: calendar.sunset is needed with sunrise"),
        ('sunrise = "18:00"\nsunset = "06:00"\n', "8, calendar.sunset: sunset 06:00 is not after"),
        ("twilight_minutes = 30\n", "7, calendar.twilight_minutes: twilight_minutes needs"),
    ],
)
def test_daylight_mistakes_name_their_line(tmp_path: Path, keys: str, message: str) -> None:
    _, problems = _read(tmp_path, keys)
    assert any(problem.startswith(message) for problem in problems), problems


def test_an_exterior_longer_than_its_light_is_an_error(tmp_path: Path) -> None:
    from firstad.pipeline import breakdown_file
    from firstad.production import build_problem

    production, _ = _read(tmp_path, 'sunrise = "06:40"\nsunset = "17:55"\n')
    text = (tmp_path / "production.toml").read_text() + '\n[timing.overrides]\n"1" = 120\n'
    (tmp_path / "production.toml").write_text(text)
    production, problems = read_production(tmp_path / "production.toml")
    assert production is not None, problems
    breakdown, _ = breakdown_file(tmp_path / "light.fountain")
    assert breakdown is not None
    scheduling, problems = build_problem(breakdown, production, "production.toml")
    assert scheduling is None
    errors = [(problem.scene, problem.message) for problem in problems if problem.is_error]
    expected = (
        "EXT DAWN scene takes 120 minutes, longer than the 90 minutes of that light a "
        "day gives (split it, or shoot it as an interior)"
    )
    assert errors == [("1", expected)]


def _exterior(number: str, minutes: int, light: str, location: str = "rink"):  # type: ignore[no-untyped-def]
    return replace(
        scene(number, minutes, ["maya"], location, time_of_day=light), int_ext=IntExt.EXT
    )


def test_the_optimizer_shoots_every_exterior_in_its_light() -> None:
    from firstad.schedule.evaluator import timed_scenes
    from firstad.schedule.optimizer import optimize

    dates = weekdays(3)
    scenes = [
        scene("1", 120, ["maya"], "rink", time_of_day="NIGHT"),
        _exterior("2", 45, "DAWN"),
        _exterior("3", 60, "NIGHT"),
        _exterior("4", 90, "DAY", "lot"),
    ]
    scheduling = replace(
        problem(
            scenes, dates, [actor("maya", 100, dates)], [place("rink", dates), place("lot", dates)]
        ),
        daylight=DAYLIGHT,
    )
    result = optimize(scheduling, time_limit=10, seed=0)
    assert result.schedule is not None
    assert evaluate(scheduling, result.schedule).violations == ()
    starts = {
        timed.number: timed.start % 1440
        for day in result.schedule.days
        for timed in timed_scenes(scheduling, day)
    }
    assert 375 <= starts["2"] <= 465 - 45  # dawn: 06:15-07:45
    assert 420 <= starts["4"] <= 1020 - 90  # daylight: 07:00-17:00


def test_an_exterior_whose_light_the_location_never_opens_for_is_explained() -> None:
    from firstad.schedule.explain import explain

    dates = weekdays(2)
    # The rink opens 19:00-02:00: never at dawn.
    rink = place("rink", dates, window=(1140, 1560))
    scheduling = replace(
        problem([_exterior("25", 45, "DAWN")], dates, [actor("maya", 100, dates)], [rink]),
        daylight=DAYLIGHT,
    )
    sentences = explain(scheduling)
    assert any(
        "scene 25 (EXT DAWN, 0h45 to shoot) must be shot in its light, 06:15-07:45" in s
        for s in sentences
    )
    assert any("RINK" in s and "19:00" in s for s in sentences), sentences
