"""Sets spelled two ways in one script are one set, as the production file already reads them."""

from __future__ import annotations

from pathlib import Path

from firstad.breakdown import break_down
from firstad.breakdown.sets import unify_set_names
from firstad.importers import parse_fountain
from firstad.model import Breakdown, SceneBreakdown, Severity, set_key

CIRCUS = """\
EXT. BIG-TOP - NIGHT

Lights.

INT. BIG TOP - DAY

Sawdust.

INT. BIG TOP - NIGHT

Applause.

EXT. WAGONS - DAY

Rain.

INT. Big Top - DAY

Empty.
"""


def _scene(number: str, location: str) -> SceneBreakdown:
    return SceneBreakdown(number, f"INT. {location}", None, location, None, 1, 1, line=None)


def test_the_most_common_spelling_names_the_set_and_the_others_are_warned() -> None:
    script, _ = parse_fountain(CIRCUS, "circus.fountain")
    breakdown, problems = break_down(script)
    assert breakdown is not None
    assert [scene.location for scene in breakdown.scenes] == [
        "BIG TOP",
        "BIG TOP",
        "BIG TOP",
        "WAGONS",
        "BIG TOP",
    ]
    # The headings stay as written: only the set listing is unified.
    assert breakdown.scenes[0].heading == "EXT. BIG-TOP - NIGHT"
    assert breakdown.sets == ("BIG TOP", "WAGONS")
    warning = (
        "circus.fountain:1, scene 1: warning: set 'BIG-TOP' is the set 'BIG TOP' spelled "
        "another way; listed as 'BIG TOP'"
    )
    assert [(str(p), p.severity) for p in problems] == [(warning, Severity.WARNING)]


def test_a_tie_keeps_the_first_spelling_seen() -> None:
    scenes, problems = unify_set_names(
        (_scene("1", "MAYA'S CAR"), _scene("2", "MAYAS CAR"), _scene("3", "RINK")), "s.fdx"
    )
    assert [scene.location for scene in scenes] == ["MAYA'S CAR", "MAYA'S CAR", "RINK"]
    assert [(p.scene, p.source) for p in problems] == [("2", "s.fdx")]


def test_one_spelling_is_left_alone() -> None:
    original = (_scene("1", "RINK"), _scene("2", "RINK"))
    assert unify_set_names(original, "s.fountain") == (original, ())


def test_sets_are_listed_once_in_order_of_first_appearance_without_empty_names() -> None:
    scenes = (_scene("1", "B"), _scene("2", "A"), _scene("3", ""), _scene("4", "B"))
    assert Breakdown("t", "s", 1, scenes).sets == ("B", "A")


def test_big_fish_lists_its_big_top_once() -> None:
    path = Path(__file__).resolve().parents[2].parent / "shared/screenplays/big-fish.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    breakdown, problems = break_down(script)
    assert breakdown is not None
    big_top = [scene.number for scene in breakdown.scenes if set_key(scene.location) == "BIG TOP"]
    assert len(big_top) > 1
    assert {scene.location for scene in breakdown.scenes if scene.number in big_top} == {"BIG TOP"}
    assert len(breakdown.sets) == len({set_key(scene.location) for scene in breakdown.scenes})
    assert [p.line for p in problems if "spelled another way" in p.message] == [2056]
