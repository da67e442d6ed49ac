"""Elements tagged by the writer: note syntax and Final Draft Tagger tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from firstad.breakdown.tags import tagged_elements
from firstad.model import Category, Element, ElementSource, Note, Problem, Scene, Severity, Tag

SOURCE = "night-ice.fountain"
SCREENPLAYS = Path(__file__).resolve().parents[2].parent / "shared" / "screenplays"


def scene_with(*notes: Note, tags: tuple[Tag, ...] = ()) -> Scene:
    return Scene("INT. RINK - NIGHT", number="4", notes=notes, tags=tags)


def tagged(*texts: str) -> list[tuple[Category, str]]:
    elements, problems = tagged_elements(scene_with(*(Note(text, 10) for text in texts)), SOURCE)
    assert problems == ()
    return [(element.category, element.name) for element in elements]


def test_one_category() -> None:
    assert tagged("props: hockey stick, thermos") == [
        (Category.PROPS, "hockey stick"),
        (Category.PROPS, "thermos"),
    ]


def test_elements_are_marked_tagged() -> None:
    elements, _ = tagged_elements(scene_with(Note("props: puck", 3)), SOURCE)
    assert elements == (Element(Category.PROPS, "puck", ElementSource.TAGGED),)


def test_several_categories_in_one_note() -> None:
    assert tagged("props: skates; wardrobe: red scarf") == [
        (Category.PROPS, "skates"),
        (Category.WARDROBE, "red scarf"),
    ]


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("Props", Category.PROPS),
        ("prop", Category.PROPS),
        ("costume", Category.WARDROBE),
        ("Costumes", Category.WARDROBE),
        ("makeup", Category.MAKEUP),
        ("Makeup/Hair", Category.MAKEUP),
        ("makeup-hair", Category.MAKEUP),
        ("hair", Category.MAKEUP),
        ("MU", Category.MAKEUP),
        ("SFX", Category.SFX),
        ("special effects", Category.SFX),
        ("visual effects", Category.VFX),
        ("vfx", Category.VFX),
        ("sound", Category.SOUND),
        ("music", Category.MUSIC),
        ("extras", Category.EXTRAS),
        ("background", Category.EXTRAS),
        ("BG", Category.EXTRAS),
        ("stunt", Category.STUNTS),
        ("vehicles", Category.VEHICLES),
        ("animal", Category.ANIMALS),
        ("set dressing", Category.SET_DRESSING),
        ("special equipment", Category.SPECIAL_EQUIPMENT),
        ("equipment", Category.SPECIAL_EQUIPMENT),
        ("greenery", Category.GREENERY),
        ("cast", Category.CAST),
    ],
)
def test_category_aliases(word: str, category: Category) -> None:
    assert tagged(f"{word}: thing") == [
        (category, "THING" if category is Category.CAST else "thing")
    ]


def test_names_keep_the_writers_spelling_with_one_space() -> None:
    assert tagged("vehicles:  Zamboni ,  Maya's   hatchback ,") == [
        (Category.VEHICLES, "Zamboni"),
        (Category.VEHICLES, "Maya's hatchback"),
    ]


def test_duplicates_are_dropped_regardless_of_case() -> None:
    assert tagged("props: Puck, puck", "props: PUCK") == [(Category.PROPS, "Puck")]


@pytest.mark.parametrize(
    "text",
    [
        "Continuity. The cot and the fleece blanket stay in Dev's office.",
        "TODO: fix the ending",
        "FIX: the timing",
        "Bug: the clock is wrong",
        "Note: shoot this at dawn",
        "URL to search for archival/announce post: http://s.earthbound.io/libraryfreakout",
        "Cut for length; her day job lives in the smock.",
    ],
)
def test_ordinary_notes_are_ignored_silently(text: str) -> None:
    assert tagged_elements(scene_with(Note(text, 10)), SOURCE) == ((), ())


def test_unknown_category_warns_at_the_notes_line() -> None:
    elements, problems = tagged_elements(scene_with(Note("propz: puck", 42)), SOURCE)
    assert elements == ()
    (problem,) = problems
    assert problem.severity is Severity.WARNING
    assert (problem.source, problem.line, problem.scene) == (SOURCE, 42, "4")
    assert problem.message.startswith("unknown breakdown category 'propz' (known: animals, cast,")
    assert str(problem).startswith("night-ice.fountain:42, scene 4: warning: unknown breakdown")


@pytest.mark.parametrize("word", ["propz", "wardobe", "sond", "vehicels"])
def test_near_misses_of_category_words_warn(word: str) -> None:
    _, problems = tagged_elements(scene_with(Note(f"{word}: thing", 42)), SOURCE)
    assert [problem.line for problem in problems] == [42]


def test_unknown_category_after_a_known_one_warns_on_its_own_line() -> None:
    note = Note("props: puck;\nlighting: china ball", 7)
    elements, problems = tagged_elements(scene_with(note), SOURCE)
    assert elements == (Element(Category.PROPS, "puck", ElementSource.TAGGED),)
    assert [(problem.line, problem.message.split(" (")[0]) for problem in problems] == [
        (8, "unknown breakdown category 'lighting'")
    ]


def test_empty_name_list_warns() -> None:
    _, problems = tagged_elements(scene_with(Note("sfx: , ", 5)), SOURCE)
    assert problems == (
        Problem(
            "no names after 'sfx:' in breakdown note",
            SOURCE,
            5,
            scene="4",
            severity=Severity.WARNING,
        ),
    )


def test_part_without_a_category_warns() -> None:
    _, problems = tagged_elements(scene_with(Note("props: puck; red scarf", 5)), SOURCE)
    assert [problem.message for problem in problems] == [
        "expected 'category: names' in breakdown note, found 'red scarf'"
    ]


@pytest.mark.parametrize(
    ("category", "name", "expected"),
    [
        ("Props", "Puck", Element(Category.PROPS, "Puck", ElementSource.TAGGED)),
        ("Cast Members", "maya", Element(Category.CAST, "MAYA", ElementSource.TAGGED)),
        ("Cast", "Dev", Element(Category.CAST, "DEV", ElementSource.TAGGED)),
        ("Background Actors", "skaters", Element(Category.EXTRAS, "skaters", ElementSource.TAGGED)),
        ("Extras", "crowd", Element(Category.EXTRAS, "crowd", ElementSource.TAGGED)),
        ("Makeup/Hair", "bruise", Element(Category.MAKEUP, "bruise", ElementSource.TAGGED)),
        ("Special Effects", "fog", Element(Category.SFX, "fog", ElementSource.TAGGED)),
        ("Mechanical Effects", "rig", Element(Category.SFX, "rig", ElementSource.TAGGED)),
        ("Visual Effects", "sky", Element(Category.VFX, "sky", ElementSource.TAGGED)),
        (
            "Camera",
            "steadicam",
            Element(Category.SPECIAL_EQUIPMENT, "steadicam", ElementSource.TAGGED),
        ),
        ("Set Dressing", "banner", Element(Category.SET_DRESSING, "banner", ElementSource.TAGGED)),
        ("Miscellaneous", "permit", Element(Category.NOTES, "permit", ElementSource.TAGGED)),
        (
            "Security",
            "night  watchman",
            Element(Category.NOTES, "Security: night watchman", ElementSource.TAGGED),
        ),
        (
            "Animal Handler",
            "dog trainer",
            Element(Category.NOTES, "Animal Handler: dog trainer", ElementSource.TAGGED),
        ),
    ],
)
def test_final_draft_tags(category: str, name: str, expected: Element) -> None:
    elements, problems = tagged_elements(scene_with(tags=(Tag(category, name, 3),)), SOURCE)
    assert (elements, problems) == ((expected,), ())


def test_every_final_draft_default_category_maps() -> None:
    """The Tagger categories of a real Final Draft file all give an element, none a problem."""
    import re

    text = (SCREENPLAYS / "radio-studio.finaldraft.fdx").read_text(encoding="utf-8")
    names = re.findall(r'<TagCategory [^>]*Name="([^"]+)"', text)
    assert len(names) > 15
    tags = tuple(Tag(name, f"thing {number}") for number, name in enumerate(names))
    elements, problems = tagged_elements(scene_with(tags=tags), SOURCE)
    assert problems == ()
    assert len(elements) == len(names)
    categories = {element.category for element in elements}
    assert {Category.CAST, Category.EXTRAS, Category.PROPS, Category.VFX} <= categories


def test_night_ice_tags() -> None:
    """The example script's tag notes, read through the Fountain importer."""
    from firstad.importers.fountain import parse_fountain

    path = Path(__file__).resolve().parents[2] / "examples" / "night-ice" / "night-ice.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[Category, str]] = []
    for scene in script.scenes:
        elements, problems = tagged_elements(scene, str(path))
        assert problems == ()
        found.extend((element.category, element.name) for element in elements)
    assert (Category.PROPS, "skate guards") in found
    assert (Category.VEHICLES, "Zamboni") in found
    assert (Category.SFX, "breath vapour over the ice") in found
    assert (Category.EXTRAS, "parents in the stands") in found
