"""Element suggestions: lexicon hits and non-hits per category, the capitals convention."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from firstad.breakdown.elements import suggest_elements
from firstad.model import Category, Element, ElementSource, Paragraph, ParagraphKind, Scene

SCREENPLAYS = Path(__file__).resolve().parents[2].parent / "shared" / "screenplays"


def action(*texts: str, kind: ParagraphKind = ParagraphKind.ACTION) -> Scene:
    paragraphs = tuple(Paragraph(kind, text, line) for line, text in enumerate(texts, 1))
    return Scene("INT. RINK - NIGHT", paragraphs)


def suggested(*texts: str, characters: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    elements = suggest_elements(action(*texts), characters)
    return [(element.category.value, element.name) for element in elements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She picks up the phone.", ("props", "phone")),
        ("He grabs two hockey sticks.", ("props", "hockey stick")),
        ("A thermos of coffee sits on the bench.", ("props", "thermos")),
        ("She laces her skates.", ("props", "skate")),
        ("The dog's leash hangs by the door.", ("animals", "dog")),
        ("A car passes.", ("vehicles", "car")),
        ("The Zamboni circles the rink.", ("vehicles", "zamboni")),
        ("An ice resurfacer idles.", ("vehicles", "ice resurfacer")),
        ("She wears a wedding dress.", ("wardrobe", "wedding dress")),
        ("His lip is bloody.", ("makeup", "blood")),
        ("A fresh bruise on her cheek.", ("makeup", "bruise")),
        ("Fog rolls across the ice.", ("sfx", "fog")),
        ("Her breath fogs in the cold.", ("sfx", "breath vapour")),
        ("It's raining.", ("sfx", "rain")),
        ("The crowd cheers.", ("extras", "crowd")),
        ("Skaters circle the rink.", ("extras", "skaters")),
        ("A waiter brings the bill.", ("extras", "waiters")),
        ("Two policemen watch.", ("extras", "policemen")),
        ("A brawl breaks out.", ("stunts", "brawl")),
        ("He falls down the stairs.", ("stunts", "fall down stairs")),
        ("A siren in the distance.", ("sound", "siren")),
        ("The radio plays an old song.", ("music", "radio music")),
        ("She plays the piano.", ("music", "piano")),
        ("We see them underwater.", ("special_equipment", "underwater camera")),
        ("A Christmas tree blinks in the corner.", ("set_dressing", "christmas tree")),
        ("A potted plant wilts on the sill.", ("greenery", "potted plant")),
        ("A hologram flickers to life.", ("vfx", "hologram")),
    ],
)
def test_lexicon_hits(text: str, expected: tuple[str, str]) -> None:
    assert expected in suggested(text)


@pytest.mark.parametrize(
    "text",
    [
        # Verbs spelled like nouns: the noun is not on screen.
        "She phones her mother.",
        "He starts to smoke.",
        "They crowd around the table.",
        # A phrase that names a place or an idea, not the thing inside it.
        "They meet at the coffee shop.",
        "She makes a phone call.",
        "He waits at the bus stop.",
        # Words left out of the lexicon because their everyday meaning is something else.
        "She checks her watch and leaves.",
        "A light in the window.",
        "The camera pans left.",
        "He fights back tears.",
        "She was NOT happy. He ALWAYS knew.",
        # Not whole words.
        "Oscar eats a scone.",
    ],
)
def test_non_hits(text: str) -> None:
    assert suggested(text) == []


def test_phone_rings_is_a_prop_and_a_sound() -> None:
    assert suggested("The phone RINGS.") == [("props", "phone"), ("sound", "phone rings")]


def test_unknown_capitalised_verbs_are_sounds() -> None:
    assert ("sound", "slams shut") in suggested("The door SLAMS SHUT.")
    assert ("sound", "whirring") in suggested("Somewhere, machinery WHIRRING.")
    assert suggested("BANG! BANG!") == [("sound", "bang")]


def test_capitalised_directions_and_nouns_are_not_sounds() -> None:
    text = "CONTINUOUS. We LOOK DOWN at the river. CUT TO the good CITIZENS. KIDS play. THE END."
    assert suggested(text) == []


def test_capitalised_adjective_before_a_known_noun_is_not_a_sound() -> None:
    assert suggested("ARMED GUARDS search the halls.") == [("extras", "guards")]


def test_background_in_capitals_is_extras() -> None:
    assert ("extras", "background") in suggested("BACKGROUND skaters glide past.")


def test_characters_are_never_suggested() -> None:
    characters = ("MAYA", "NURSE", "OLD MAN")
    text = "MAYA RUNS in. The NURSE follows. The OLD MAN CRIES out. A nurse waves."
    found = suggested(text, characters=characters)
    assert all("maya" not in name and "nurse" not in name for _, name in found)
    assert ("sound", "cries") in found


def test_capitalised_possessive_of_a_character_is_not_a_sound() -> None:
    assert suggested("On the wall, SCOTT'S PAINTINGS.", characters=("SCOTT",)) == []


def test_plural_after_a_character_reads_as_a_verb() -> None:
    assert suggested("MAYA plants the bug. DEV phones home.", characters=("MAYA", "DEV")) == []


def test_order_of_first_appearance_without_duplicates() -> None:
    found = suggested("A car. The phone. Another car.", "The phone again, and a dog.")
    assert found == [("vehicles", "car"), ("props", "phone"), ("animals", "dog")]


def test_suggestions_are_marked_suggested() -> None:
    (element,) = suggest_elements(action("A car passes."), ())
    assert element == Element(Category.VEHICLES, "car", ElementSource.SUGGESTED)


def test_parentheticals_give_props_and_sounds_only() -> None:
    scene = action("(into the phone, in the rain)", kind=ParagraphKind.PARENTHETICAL)
    assert suggest_elements(scene, ()) == (Element(Category.PROPS, "phone"),)


def test_dialogue_is_not_read() -> None:
    scene = action("Bring the gun and the car.", kind=ParagraphKind.DIALOGUE)
    assert suggest_elements(scene, ()) == ()


def test_mostly_capitals_paragraph_guesses_no_sounds() -> None:
    assert suggested("SUPER: THREE WEEKS LATER. EVERYTHING CHANGES.") == []


def test_night_ice_locker_room() -> None:
    """The example's locker room (scene 3), checked by reading it."""
    from firstad.breakdown.cast import CastFinder
    from firstad.importers.fountain import parse_fountain

    path = Path(__file__).resolve().parents[2] / "examples" / "night-ice" / "night-ice.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    scene = script.scenes[2]
    _, characters = CastFinder(script.scenes, script.characters).characters(scene)
    found = [
        (element.category.value, element.name) for element in suggest_elements(scene, characters)
    ]
    for expected in [("props", "skate guard"), ("props", "thermos"), ("sound", "rumble")]:
        assert expected in found


def test_library_freak_out() -> None:
    """Elements checked by reading the-library-freak-out.fountain."""
    from firstad.breakdown.cast import CastFinder
    from firstad.importers.fountain import parse_fountain

    path = SCREENPLAYS / "the-library-freak-out.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    finder = CastFinder(script.scenes, script.characters)
    found = {
        (element.category.value, element.name)
        for scene in script.scenes
        for element in suggest_elements(scene, finder.characters(scene)[1])
    }
    # "all dressed in well-decorated robes", "study supplies like backpacks, books, ... pencils",
    # "MANY OTHER PATRONS", "stained glass".
    for expected in [
        ("wardrobe", "robe"),
        ("props", "backpack"),
        ("props", "pencil"),
        ("extras", "patrons"),
        ("set_dressing", "stained glass"),
    ]:
        assert expected in found
    assert not any(category == "cast" for category, _ in found)


def test_big_fish_is_fast() -> None:
    """The whole breakdown has ~30 ms for a 190-scene feature; suggestions take a share."""
    from firstad.importers.fountain import parse_fountain

    path = SCREENPLAYS / "big-fish.fountain"
    script, _ = parse_fountain(path.read_text(encoding="utf-8"), str(path))
    suggest_elements(script.scenes[0], ())  # load the lexicon outside the timing
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for scene in script.scenes:
            suggest_elements(scene, ())
        best = min(best, time.perf_counter() - started)
    # Generous against a loaded CI machine; about 10-15 ms on an idle laptop core.
    assert best < 0.25


def test_capitalised_silent_actions_and_possessives_are_not_sounds() -> None:
    scene = Scene(
        "INT. RINK - NIGHT",
        (
            Paragraph(
                ParagraphKind.ACTION,
                "She YANKS the door open and RUSHES out. The car INCHES forward. "
                "Light FILLS the room. The BAKER'S van waits. The phone RINGS.",
            ),
        ),
    )
    sounds = [e.name for e in suggest_elements(scene, ()) if e.category is Category.SOUND]
    assert sounds == ["phone rings"]
