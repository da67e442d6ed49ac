"""Joining the breakdown to the production file: names must meet, scenes must fit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest

from firstad.model import Breakdown, IntExt, Problem, Production, SceneBreakdown
from firstad.production import build_problem, parse_production

PRODUCTION = """\
title = "Night Ice"
[calendar]
start = 2027-03-01
max_shoot_days = 5
days_off = [2027-03-03]
prep_start = 2027-02-20

[[cast]]
id = "maya"
actor = "Claire Dubois"
characters = ["MAYA"]
daily_rate = 900

[[cast]]
id = "ingrid"
actor = "Jane Doe"
characters = ["INGRID"]
daily_rate = 1500
available = ["2027-03-02..2027-03-04"]

[[locations]]
id = "rink"
name = "Glenwood Arena"
sets = ["RINK - ICE SURFACE"]
window = "19:00-07:00"
daily_rate = 1000
permit_fee = 300
permit_lead_days = 10

[[locations]]
id = "flat"
name = "Maya's flat"
sets = ["MAYA'S APARTMENT"]
window = "08:00-20:00"

[timing]
minutes_per_eighth = 10
[timing.overrides]
"2" = 300

[[fixed_dates]]
scene = "1"
date = 2027-03-02

[[orderings]]
before = "1"
after = "2"
"""


def scene(
    number: str,
    location: str,
    characters: tuple[str, ...] = ("MAYA",),
    speaking: tuple[str, ...] = ("MAYA",),
    eighths: int = 8,
) -> SceneBreakdown:
    return SceneBreakdown(
        number=number,
        heading=f"INT. {location} - NIGHT",
        int_ext=IntExt.INT,
        location=location,
        time="NIGHT",
        eighths=eighths,
        page=1,
        speaking=speaking,
        characters=characters,
        day_night="NIGHT",
    )


BREAKDOWN = Breakdown(
    title="NIGHT ICE",
    source="night-ice.fountain",
    pages=3,
    scenes=(
        scene("1", "RINK - ICE SURFACE", ("MAYA", "INGRID"), ("MAYA", "INGRID")),
        scene("2", "RINK - ICE SURFACE"),
        scene("3", "MAYA'S APARTMENT", eighths=4),
    ),
)


def with_scene(extra: SceneBreakdown) -> Breakdown:
    return Breakdown("x", "x", 1, (*BREAKDOWN.scenes, extra))


def line_number(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing ``fragment``."""
    return next(index for index, line in enumerate(text.splitlines(), 1) if fragment in line)


def production(text: str = PRODUCTION) -> Production:
    result, problems = parse_production(dedent(text), "production.toml")
    assert result is not None, [str(problem) for problem in problems]
    return result


def bind(
    breakdown: Breakdown = BREAKDOWN, text: str = PRODUCTION
) -> tuple[object, tuple[Problem, ...]]:
    return build_problem(breakdown, production(text), "production.toml")


def test_problem_resolves_scenes_people_places_and_dates() -> None:
    problem, problems = build_problem(BREAKDOWN, production(), "production.toml")
    assert problems == ()
    assert problem is not None
    assert problem.dates == (
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 4),
        date(2027, 3, 5),
        date(2027, 3, 8),
    )
    first = problem.scene("1")
    assert first.cast_ids == frozenset({"maya", "ingrid"})
    assert first.location_id == "rink"
    assert first.duration_minutes == 80
    assert first.fixed_date == date(2027, 3, 2)
    assert first.time_of_day == "NIGHT"
    assert problem.scene("2").duration_minutes == 300
    assert problem.cast["ingrid"].available_dates == frozenset({date(2027, 3, 2), date(2027, 3, 4)})
    rink = problem.locations["rink"]
    assert (rink.window_start, rink.window_end) == (19 * 60, 31 * 60)
    assert rink.permit_ready == date(2027, 3, 2)
    assert rink.usable_dates == frozenset(problem.dates) - {date(2027, 3, 1)}
    assert problem.locations["flat"].permit_ready is None
    assert problem.orderings[0].before == "1"


def test_speaking_character_without_actor_is_an_error() -> None:
    breakdown = with_scene(scene("7", "MAYA'S APARTMENT", ("THEO",), ("THEO",)))
    problem, problems = bind(breakdown)
    assert problem is None
    errors = [item for item in problems if item.is_error]
    assert len(errors) == 1
    assert errors[0].scene == "7"
    assert "THEO speaks but has no cast member" in errors[0].message
    assert str(errors[0]).startswith("production.toml, cast, scene 7:")


def test_silent_character_without_actor_is_a_warning() -> None:
    breakdown = with_scene(scene("7", "MAYA'S APARTMENT", ("MAYA", "GUARD")))
    problem, problems = bind(breakdown)
    assert problem is not None
    assert any("GUARD is seen" in item.message and not item.is_error for item in problems)


def test_set_without_location_is_an_error_naming_scene_and_set() -> None:
    breakdown = with_scene(scene("4", "ZAMBONI GARAGE"))
    problem, problems = bind(breakdown)
    assert problem is None
    error = next(item for item in problems if item.is_error)
    assert error.scene == "4"
    assert "'ZAMBONI GARAGE' has no location" in error.message


def test_cast_character_not_in_script_is_a_warning_with_line() -> None:
    text = PRODUCTION + '[[cast]]\nactor = "Sam"\ncharacters = ["GUS"]\n'
    problem, problems = bind(text=text)
    assert problem is not None
    warning = next(item for item in problems if "GUS" in item.message)
    assert not warning.is_error
    assert (warning.key, warning.line) == ("cast[2].characters", line_number(text, '["GUS"]'))


def test_a_misspelt_character_is_pointed_out_both_ways() -> None:
    text = PRODUCTION + '[[cast]]\nactor = "Ezra Park"\ncharacters = ["THEOO"]\n'
    breakdown = with_scene(scene("7", "MAYA'S APARTMENT", ("THEO", "MAYA"), ("THEO",)))
    problem, problems = bind(breakdown, text)
    assert problem is None
    error = next(item for item in problems if item.is_error)
    assert error.message.endswith("; the cast has 'THEOO' (Ezra Park): misspelt?")
    warning = next(item for item in problems if "'THEOO'" in item.message and not item.is_error)
    assert warning.message.endswith("never appears in the script; did you mean 'THEO'?")


def test_a_character_the_script_names_is_not_offered_as_a_misspelling() -> None:
    # MAYA is cast and in the script: a missing MAY is not MAYA misspelt.
    breakdown = with_scene(scene("7", "MAYA'S APARTMENT", ("MAY", "MAYA"), ("MAY",)))
    _, problems = bind(breakdown)
    error = next(item for item in problems if item.is_error)
    assert error.message == "MAY speaks but has no cast member in the production file"


def test_a_misspelt_set_is_pointed_out() -> None:
    text = PRODUCTION + '[[locations]]\nname = "Flat two"\nsets = ["MAYA\'S APARTMNT"]\n'
    _, problems = bind(text=text)
    warning = next(item for item in problems if "APARTMNT" in item.message)
    assert warning.message.endswith('did you mean "MAYA\'S APARTMENT"?')


def test_unused_set_is_a_warning_with_line() -> None:
    text = PRODUCTION + '[[locations]]\nname = "Diner"\nsets = ["DINER"]\n'
    _, problems = bind(text=text)
    warning = next(item for item in problems if "DINER" in item.message)
    assert (warning.key, warning.line) == ("locations[2].sets", line_number(text, '["DINER"]'))


def test_scene_longer_than_its_window_is_an_error() -> None:
    text = PRODUCTION.replace('"2" = 300', '"2" = 300\n"3" = 800')
    problem, problems = bind(text=text)
    assert problem is None
    error = next(item for item in problems if item.is_error)
    assert error.scene == "3"
    assert "open only 08:00-20:00" in error.message
    assert (error.key, error.line) == ("locations[1].window", line_number(text, '"08:00-20:00"'))


def test_scene_longer_than_the_longest_day_is_an_error() -> None:
    text = PRODUCTION.replace('"2" = 300', '"2" = 800')
    _, problems = bind(text=text)
    assert any("longer than the longest shooting day" in item.message for item in problems)


@pytest.mark.parametrize(
    ("replacement", "key", "message"),
    [
        (('before = "1"', 'before = "99"'), "orderings[0].before", "'99' is not a scene"),
        (('scene = "1"', 'scene = "98"'), "fixed_dates[0].scene", "'98' is not a scene"),
        (("date = 2027-03-02", "date = 2027-03-03"), "fixed_dates[0].date", "not a shoot date"),
    ],
)
def test_requests_must_name_real_scenes_and_dates(
    replacement: tuple[str, str], key: str, message: str
) -> None:
    problem, problems = bind(text=PRODUCTION.replace(*replacement))
    assert problem is None
    error = next(item for item in problems if item.is_error)
    assert error.key == key
    assert error.line is not None
    assert message in error.message


def test_override_of_unknown_scene_is_a_warning() -> None:
    text = PRODUCTION.replace('"2" = 300', '"2" = 300\n"44" = 10')
    _, problems = bind(text=text)
    warning = next(item for item in problems if "'44'" in item.message)
    assert not warning.is_error
    assert warning.line == line_number(text, '"44"')


def test_example_production_reads_against_the_example_script() -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / "night-ice"
    if not (root / "production.toml").is_file():
        pytest.skip("the example production file is not written yet")
    from firstad.pipeline import breakdown_file
    from firstad.production import read_production

    breakdown, _ = breakdown_file(root / "night-ice.fountain")
    example, problems = read_production(root / "production.toml")
    assert breakdown is not None
    assert example is not None, [str(problem) for problem in problems]
    assert problems == ()
    problem, binding_problems = build_problem(breakdown, example, str(root / "production.toml"))
    assert problem is not None, [str(item) for item in binding_problems]
    assert [item for item in binding_problems if item.is_error] == []


def test_sets_match_across_spellings_and_a_miss_suggests_the_nearest() -> None:
    for spelling in ("MAYAS APARTMENT", "RINK-ICE SURFACE", "Rink \u2013 ice surface"):
        problem, problems = bind(with_scene(scene("4", spelling)))
        assert problem is not None, [str(item) for item in problems]
        assert not any(item.is_error for item in problems)
    _, problems = bind(with_scene(scene("6", "RINK - ICE SURFAC")))
    error = next(item for item in problems if item.is_error)
    assert error.message.endswith("did you mean the set of 'Glenwood Arena'?"), error.message


def test_available_dates_are_the_ranges_read_on_the_shoot_dates() -> None:
    # The solvers read available_dates and the evaluator the ranges; the production file is
    # the one source of both, so on every shoot date they must say the same.
    problem, _ = build_problem(BREAKDOWN, production(), "production.toml")
    assert problem is not None
    terms = (*problem.cast.values(), *problem.locations.values())
    for term in terms:
        assert term.available_dates == frozenset(
            day for day in problem.dates if term.is_available(day)
        )
    assert any(term.available_dates != frozenset(problem.dates) for term in terms)
