"""The domain records: how problems read, how lengths print."""

from __future__ import annotations

import dataclasses

import pytest

from firstad.model import (
    Breakdown,
    Category,
    Element,
    Problem,
    SceneBreakdown,
    Script,
    Severity,
    format_eighths,
)
from firstad.model.breakdown import CATEGORY_COLOURS


def test_problem_reads_like_a_compiler_message() -> None:
    assert str(Problem("unclosed note", "a.fountain", 12)) == "a.fountain:12: unclosed note"
    assert str(Problem("no actor", scene="14")) == "scene 14: no actor"
    warning = Problem("odd", "p.toml", 3, key="cast[0].rate", severity=Severity.WARNING)
    assert str(warning) == "p.toml:3, cast[0].rate: warning: odd"


@pytest.mark.parametrize(("eighths", "text"), [(1, "1/8"), (8, "1"), (11, "1 3/8"), (16, "2")])
def test_format_eighths(eighths: int, text: str) -> None:
    assert format_eighths(eighths) == text


def test_records_are_frozen() -> None:
    element = Element(Category.PROPS, "thermos")
    with pytest.raises(dataclasses.FrozenInstanceError):
        element.name = "cup"  # type: ignore[misc]


def test_every_category_has_a_colour() -> None:
    assert set(CATEGORY_COLOURS) == set(Category)


def test_script_title_falls_back_to_file_name() -> None:
    assert Script("/x/night-ice.fountain", "fountain").title == "night-ice"
    titled = Script("x.fdx", "fdx", title_page=(("title", "  Night\n Ice "),))
    assert titled.title == "Night Ice"


def test_breakdown_characters_in_order_of_appearance() -> None:
    scene = SceneBreakdown("1", "INT. A", None, "A", None, 1, 1, characters=("B", "A"))
    later = SceneBreakdown("2", "INT. A", None, "A", None, 2, 1, characters=("C", "A"))
    breakdown = Breakdown("t", "s", 1, (scene, later))
    assert breakdown.characters == ("B", "A", "C")
    assert breakdown.total_eighths == 3


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("BIG-TOP", "BIG TOP"),
        ("MAYA'S CAR", "Mayas car"),
        ("RINK - ICE SURFACE", "RINK\u2013ICE  SURFACE"),
        ("DR. NILSSON'S OFFICE", "DR NILSSONS OFFICE"),
    ],
)
def test_set_key_treats_spellings_of_one_set_alike(one: str, other: str) -> None:
    from firstad.model import set_key

    assert set_key(one) == set_key(other)
    assert set_key("RINK - ICE SURFACE") != set_key("RINK - LOCKER ROOM")
