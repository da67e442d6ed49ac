"""Who is in a scene: cues, introductions in capitals, later mentions."""

from __future__ import annotations

import pytest

from firstad.breakdown.cast import CastFinder, cue_name, cue_speakers, introductions
from firstad.model import Paragraph, ParagraphKind, Scene

K = ParagraphKind


@pytest.mark.parametrize(
    ("cue", "name"),
    [
        ("MAYA", "MAYA"),
        ("MAYA (V.O.)", "MAYA"),
        ("MAYA (O.S.) (CONT'D)", "MAYA"),
        ("MAYA (CONT\u2019D)", "MAYA"),
        ("MAYA CONT'D", "MAYA"),
        ("DR. NILSSON (INTO PHONE)", "DR. NILSSON"),
        ("Young Maya", "YOUNG MAYA"),
    ],
)
def test_cue_name_drops_extensions(cue: str, name: str) -> None:
    assert cue_name(cue) == name


def test_two_speakers_in_one_cue_only_when_both_are_known() -> None:
    assert cue_speakers("MAYA & THEO", known=("MAYA", "THEO")) == ("MAYA", "THEO")
    assert cue_speakers("SALT AND PEPPER") == ("SALT AND PEPPER",)


@pytest.mark.parametrize(
    ("action", "introduced"),
    [
        ("MAYA LINDQVIST (30) laces her skates.", ("MAYA LINDQVIST",)),
        ("INGRID, late 60s, watches from the stands.", ("INGRID",)),
        ("A SECURITY GUARD yawns.", ("SECURITY GUARD",)),
        ("The phone RINGS. The door SLAMS.", ()),
        ("FADE IN on the ice.", ()),
    ],
)
def test_introductions(action: str, introduced: tuple[str, ...]) -> None:
    assert introductions(action) == introduced


def _scene(*paragraphs: tuple[ParagraphKind, str]) -> Scene:
    return Scene("INT. RINK - NIGHT", tuple(Paragraph(kind, text) for kind, text in paragraphs))


def test_silent_characters_are_found_by_later_mentions() -> None:
    first = _scene(
        (K.ACTION, "MAYA LINDQVIST (30) steps onto the ice. THEO (9) sleeps in the stands."),
        (K.CHARACTER, "THEO (O.S.)"),
        (K.DIALOGUE, "Mom?"),
    )
    second = _scene((K.ACTION, "Maya falls. Theo runs to her; the theory of ice holds."))
    finder = CastFinder((first, second))
    assert finder.characters(first) == (("THEO",), ("THEO", "MAYA LINDQVIST"))
    # "Maya" is the full name's first name; "theory" is not "Theo".
    assert finder.characters(second) == ((), ("MAYA LINDQVIST", "THEO"))


def test_names_in_dialogue_are_not_presence() -> None:
    scene = _scene((K.CHARACTER, "THEO"), (K.DIALOGUE, "Is Grandma Ingrid coming?"))
    other = _scene((K.CHARACTER, "INGRID"), (K.DIALOGUE, "No."))
    finder = CastFinder((scene, other))
    assert finder.characters(scene) == (("THEO",), ("THEO",))


def test_declared_characters_count_even_without_cue() -> None:
    scene = _scene((K.ACTION, "Dev mops the floor."))
    assert CastFinder((scene,), declared=("DEV",)).characters(scene) == ((), ("DEV",))


def test_an_introduction_that_describes_a_speaker_is_that_speaker() -> None:
    scene = _scene(
        (K.ACTION, "An EXTREMELY HANDSOME MAN drinks a beer."),
        (K.CHARACTER, "HANDSOME MAN"),
        (K.DIALOGUE, "I want them dead."),
    )
    finder = CastFinder((scene,))
    assert finder.characters(scene) == (("HANDSOME MAN",), ("HANDSOME MAN",))
    assert "EXTREMELY HANDSOME MAN" not in finder.known


def test_generic_names_count_only_in_capitals_and_articles_are_not_names() -> None:
    office = _scene((K.CHARACTER, "THE BOSS"), (K.DIALOGUE, "Sit."))
    street = _scene((K.ACTION, "A dog barks at the boss of the woman. The Boss waits."))
    kitchen = _scene((K.ACTION, "A WOMAN (40) enters; the woman sits. maya is lower case."))
    finder = CastFinder((office, street, kitchen))
    assert finder.characters(street) == ((), ("THE BOSS",))
    assert finder.characters(kitchen) == ((), ("WOMAN",))


def test_a_full_name_introduces_the_speaker_of_the_cues_but_young_maya_is_another_role() -> None:
    rink = _scene(
        (K.ACTION, "MAYA LINDQVIST (30) laces up. YOUNG MAYA (12) spins on an old TV."),
        (K.CHARACTER, "MAYA"),
        (K.DIALOGUE, "Again."),
    )
    house = _scene((K.ACTION, "Maya Lindqvist sleeps. Young Maya smiles from a photo."))
    finder = CastFinder((rink, house))
    assert finder.characters(rink) == (("MAYA",), ("MAYA", "YOUNG MAYA"))
    assert finder.characters(house) == ((), ("MAYA", "YOUNG MAYA"))


def test_a_joint_cue_is_not_a_character_of_its_own() -> None:
    both = _scene((K.CHARACTER, "EDWARD AND WILL"), (K.DIALOGUE, "Hello."))
    edward = _scene((K.CHARACTER, "EDWARD"), (K.DIALOGUE, "Hi."))
    will = _scene((K.CHARACTER, "WILL"), (K.DIALOGUE, "Hi."))
    finder = CastFinder((both, edward, will))
    assert "EDWARD AND WILL" not in finder.known
    assert finder.characters(both) == (("EDWARD", "WILL"), ("EDWARD", "WILL"))


def test_titled_names_and_names_across_a_line_break() -> None:
    classroom = _scene((K.CHARACTER, "MS. ADEYEMI"), (K.DIALOGUE, "Theo?"))
    hallway = _scene(
        (K.ACTION, "Ms. Adeyemi's coat hangs by the door. MAYA\nLINDQVIST (30) waits."),
        (K.CHARACTER, "MAYA LINDQVIST"),
        (K.DIALOGUE, "Hello."),
    )
    finder = CastFinder((classroom, hallway))
    assert finder.characters(hallway) == (
        ("MAYA LINDQVIST",),
        ("MAYA LINDQVIST", "MS. ADEYEMI"),
    )


def test_a_title_alone_is_nobody() -> None:
    classroom = _scene((K.CHARACTER, "MS. ADEYEMI"), (K.DIALOGUE, "Theo?"))
    office = _scene((K.ACTION, "A letter to Ms. Park lies on the desk."))
    assert CastFinder((classroom, office)).characters(office) == ((), ())


def test_a_possessive_role_does_not_take_the_mentions_of_its_owner() -> None:
    # Big Fish: the cue WILL'S DATE once made every "Will" in the action WILL'S DATE.
    dinner = _scene(
        (K.CHARACTER, "WILL"),
        (K.DIALOGUE, "Dad."),
        (K.CHARACTER, "WILL'S DATE"),
        (K.DIALOGUE, "What did you do?"),
    )
    hallway = _scene((K.ACTION, "Will's jacket hangs by the door. Will waits."))
    finder = CastFinder((dinner, hallway))
    assert finder.characters(hallway) == ((), ("WILL",))
