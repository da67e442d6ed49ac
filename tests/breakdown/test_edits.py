"""The crew's edits to the breakdown: added, removed, and the ones that no longer apply."""

from __future__ import annotations

from pathlib import Path

from firstad.breakdown.edits import apply_edits, edits_path_for, parse_edits, read_edits
from firstad.model import (
    Breakdown,
    Category,
    Element,
    ElementSource,
    SceneBreakdown,
    Severity,
)

SUGGESTED = ElementSource.SUGGESTED


def _breakdown() -> Breakdown:
    scene = SceneBreakdown(
        "12",
        "INT. RINK - NIGHT",
        None,
        "RINK",
        "NIGHT",
        3,
        1,
        speaking=("MAYA",),
        characters=("MAYA", "THEO"),
        elements=(
            Element(Category.CAST, "MAYA", SUGGESTED),
            Element(Category.CAST, "THEO", SUGGESTED),
            Element(Category.SOUND, "ticks", SUGGESTED),
            Element(Category.PROPS, "book", SUGGESTED),
        ),
    )
    return Breakdown("Night Ice", "night-ice.fountain", 1, (scene,))


EDITS = """\
[scenes."12"]
add = ["props: hockey stick", "Wardrobe: red scarf",
  "bg: hockey players", "cast: security guard"]
remove = ["sound: ticks", "props: BOOK", "cast: THEO"]
"""


def test_edits_add_and_remove_elements_and_cast() -> None:
    edits, problems = parse_edits(EDITS, "e.toml")
    assert problems == ()
    assert edits is not None
    edited, warnings = apply_edits(_breakdown(), edits)
    assert warnings == ()
    scene = edited.scenes[0]
    assert [(e.category, e.name, e.source) for e in scene.elements] == [
        (Category.CAST, "MAYA", SUGGESTED),
        (Category.PROPS, "hockey stick", ElementSource.USER),
        (Category.WARDROBE, "red scarf", ElementSource.USER),
        (Category.EXTRAS, "hockey players", ElementSource.USER),
        (Category.CAST, "SECURITY GUARD", ElementSource.USER),
    ]
    assert scene.characters == ("MAYA", "SECURITY GUARD")


def test_a_speaking_part_cannot_be_removed() -> None:
    edits, _ = parse_edits('[scenes.12]\nremove = ["cast: MAYA"]\n', "e.toml")
    assert edits is not None
    edited, _ = apply_edits(_breakdown(), edits)
    assert "MAYA" in edited.scenes[0].characters


def test_edits_that_no_longer_apply_are_warnings_with_lines() -> None:
    text = '[scenes."99"]\nadd = ["props: x"]\n\n[scenes."12"]\nremove = ["props: thermos"]\n'
    edits, _ = parse_edits(text, "e.toml")
    assert edits is not None
    _, warnings = apply_edits(_breakdown(), edits)
    assert [str(w) for w in warnings] == [
        "e.toml:1, scenes.99: warning: the script has no scene 99; this edit no longer applies",
        "e.toml:4, scenes.12.remove: warning: scene 12 has no props 'thermos' to remove",
    ]


def test_malformed_entries_point_at_their_line() -> None:
    text = '[scenes."12"]\nadd = [\n  "props: ok",\n  "thermos",\n  "propz: x",\n]\nextra = 1\n'
    _, problems = parse_edits(text, "e.toml")
    assert [(p.line, p.severity) for p in problems] == [
        (7, Severity.WARNING),
        (4, Severity.ERROR),
        (5, Severity.ERROR),
    ]
    assert "expected 'category: name'" in problems[1].message


def test_not_toml_is_one_problem_with_its_line() -> None:
    edits, problems = parse_edits('[scenes."12"]\nadd = ["x"\n', "e.toml")
    assert edits is None
    assert len(problems) == 1
    assert problems[0].line is not None
    assert problems[0].message.startswith("not valid TOML")


def test_a_missing_edits_file_means_no_edits(tmp_path: Path) -> None:
    path = edits_path_for(tmp_path / "night-ice.fountain")
    assert path.name == "night-ice.breakdown.toml"
    edits, problems = read_edits(path)
    assert edits is not None
    assert (edits.scenes, problems) == ((), ())
