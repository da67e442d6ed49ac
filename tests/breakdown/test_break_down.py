"""The breakdown stage as a whole: a Script in, a Breakdown and its problems out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from firstad.breakdown import break_down
from firstad.importers import parse_fountain
from firstad.model import Category, ElementSource, Severity

SCRIPT = """\
Title: Stage

EXT. RINK PARKING LOT - NIGHT #4#

MAYA LINDQVIST (30) drags her skate bag past a police car. The phone RINGS.

MAYA
Not now.

[[props: thermos]]

INT. RINK - LOCKER ROOM - CONTINUOUS #4#

Maya sits. She opens the thermos.

.ARCHIVE FOOTAGE

A crowd cheers.
"""


def _breakdown(text: str = SCRIPT, **options: bool):  # type: ignore[no-untyped-def]
    script, problems = parse_fountain(text, "stage.fountain")
    assert problems == ()
    return break_down(script, **options)


def test_scene_facts() -> None:
    breakdown, _ = _breakdown()
    first, second, third = breakdown.scenes
    assert (first.number, first.int_ext.value, first.location, first.time) == (  # type: ignore[union-attr]
        "4",
        "EXT",
        "RINK PARKING LOT",
        "NIGHT",
    )
    assert (second.time, second.day_night) == ("CONTINUOUS", "NIGHT")
    assert (third.number, third.int_ext, third.day_night) == ("3", None, None)
    assert first.speaking == ("MAYA",)
    assert second.characters == ("MAYA",)
    assert breakdown.title == "Stage"
    assert all(scene.eighths >= 1 and scene.page == 1 for scene in breakdown.scenes)


def test_tags_win_over_suggestions_and_cast_comes_first() -> None:
    breakdown, _ = _breakdown()
    elements = breakdown.scenes[0].elements
    assert elements[0].category is Category.CAST
    thermos = [e for e in elements if e.name == "thermos"]
    assert [(e.category, e.source) for e in thermos] == [(Category.PROPS, ElementSource.TAGGED)]
    assert any(e.category is Category.VEHICLES for e in elements)


def test_without_suggestions_keeps_cast_and_tags_only() -> None:
    breakdown, _ = _breakdown(suggestions=False)
    sources = {(e.category, e.source) for e in breakdown.scenes[0].elements}
    assert sources == {
        (Category.CAST, ElementSource.SUGGESTED),
        (Category.PROPS, ElementSource.TAGGED),
    }
    assert breakdown.scenes[2].elements == ()


def test_a_number_used_twice_is_a_warning_on_both_headings() -> None:
    _, problems = _breakdown()
    assert [(p.severity, p.line, p.scene) for p in problems] == [
        (Severity.WARNING, 3, "4"),
        (Severity.WARNING, 12, "4"),
    ]


def test_no_headings_is_one_error() -> None:
    script, _ = parse_fountain("Just a note to self.\n\nBuy milk.\n", "notes.txt")
    breakdown, problems = break_down(script)
    assert breakdown is None
    assert [str(problem).split(";")[0] for problem in problems] == [
        "notes.txt: no scene headings found"
    ]


def test_the_paper_of_the_file_sets_the_page_count() -> None:
    # About 500 lines of action: 9.1 Letter pages of 55 lines, 8.6 A4 pages of 58.
    script, _ = parse_fountain(SCRIPT.replace("A crowd cheers.", "A crowd cheers.\n\n" * 250), "s")
    letter, _ = break_down(script)
    a4, _ = break_down(replace(script, paper="a4"))
    assert letter is not None
    assert a4 is not None
    assert a4.pages < letter.pages
    assert a4.total_eighths < letter.total_eighths  # 58 lines a page on A4, 55 on Letter


def test_script_notes_are_carried_and_their_tags_are_said_to_belong_to_no_scene() -> None:
    breakdown, problems = _breakdown(
        "Title: Stage\n\n[[opening: shoot at first light]]\n\n[[props: lantern]]\n\n"
        "INT. BARN - DAY\n\nHay.\n"
    )
    assert [(note.text, note.line) for note in breakdown.notes] == [
        ("opening: shoot at first light", 3),
        ("props: lantern", 5),
    ]
    assert [str(problem) for problem in problems] == [
        (
            "stage.fountain:5: warning: breakdown note before the first scene heading tags no "
            "scene; move it into the scene that needs it"
        )
    ]
    assert all(element.name != "lantern" for element in breakdown.scenes[0].elements)


def test_a_change_of_light_is_stripped_by_its_start_and_warned_about() -> None:
    breakdown, problems = _breakdown(
        "EXT. FIELD - DAY TO NIGHT\n\nThe sun goes down.\n\n"
        "INT. BARN - DAY TO NIGHT\n\nLamps.\n\n"
        "EXT. HARBOUR - NIGHT TO DAWN\n\nBoats.\n"
    )
    assert [(s.time, s.time_to, s.day_night) for s in breakdown.scenes] == [
        ("DAY", "NIGHT", "DAY"),
        ("DAY", "NIGHT", "DAY"),
        ("NIGHT", "DAWN", "NIGHT"),
    ]
    lead = "warning: time runs {}: the strip is {}, the light at its start; "
    assert [str(problem) for problem in problems] == [
        "stage.fountain:1, scene 1: "
        + lead.format("DAY TO NIGHT", "DAY")
        + "outside, the change of light is shot at dusk (or split the scene)",
        "stage.fountain:5, scene 2: "
        + lead.format("DAY TO NIGHT", "DAY")
        + "the set is lit for both",
        "stage.fountain:9, scene 3: "
        + lead.format("NIGHT TO DAWN", "NIGHT")
        + "outside, the change of light is shot at dawn (or split the scene)",
    ]


def test_big_fish_day_to_night_names_its_set_and_both_times() -> None:
    path = Path(__file__).resolve().parents[2].parent / "shared/screenplays/big-fish.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    breakdown, problems = break_down(script)
    (jenny,) = [scene for scene in breakdown.scenes if scene.line == 3941]
    assert (jenny.location, jenny.time, jenny.time_to, jenny.day_night) == (
        "JENNY HILL'S HOUSE",
        "DAY",
        "NIGHT",
        "DAY",
    )
    assert [p.line for p in problems if "TO NIGHT" in p.message] == [3941]
