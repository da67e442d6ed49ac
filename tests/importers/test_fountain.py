"""The Fountain importer: one inline snippet per syntax rule, then the real sample scripts."""

from __future__ import annotations

import re
import timeit
from pathlib import Path
from textwrap import dedent

import pytest

from firstad.importers.fountain import parse_fountain
from firstad.importers.text import decode_text
from firstad.model import Note, Paragraph, ParagraphKind, Problem, Scene, Script, Severity
from tests.importers.importer_samples import BRICK_AND_STEEL_HEADINGS

ACTION = ParagraphKind.ACTION
CHARACTER = ParagraphKind.CHARACTER
DIALOGUE = ParagraphKind.DIALOGUE
PARENTHETICAL = ParagraphKind.PARENTHETICAL
TRANSITION = ParagraphKind.TRANSITION


def unindent(text: str) -> str:
    """Triple-quoted snippets lose their indentation; one-line strings are kept byte for byte
    (dedent would also empty the two-space lines that Fountain gives a meaning)."""
    return dedent(text).lstrip("\n") if text.startswith("\n") else text


def parse(text: str) -> Script:
    script, problems = parse_fountain(unindent(text), "inline.fountain")
    assert problems == ()
    return script


def parse_with_problems(text: str) -> tuple[Script, tuple[Problem, ...]]:
    return parse_fountain(unindent(text), "inline.fountain")


def kinds_and_texts(paragraphs: tuple[Paragraph, ...]) -> list[tuple[ParagraphKind, str]]:
    return [(paragraph.kind, paragraph.text) for paragraph in paragraphs]


def scene_body(text: str) -> list[tuple[ParagraphKind, str]]:
    """The paragraphs of the only scene of a snippet that starts with a heading."""
    script = parse("INT. ROOM - DAY\n\n" + unindent(text))
    (scene,) = script.scenes
    return kinds_and_texts(scene.paragraphs)


def headings(script: Script) -> list[str]:
    return [scene.heading for scene in script.scenes]


def speaking_cast(script: Script) -> set[str]:
    """Cue names without extensions such as (V.O.) or (CONT'D)."""
    return {
        re.sub(r"\s*\(.*?\)", "", paragraph.text).strip()
        for scene in script.scenes
        for paragraph in scene.paragraphs
        if paragraph.kind is CHARACTER
    }


# --- Scene headings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "INT. HOUSE - DAY",
        "EXT. PARK - NIGHT",
        "EST. CITY SKYLINE - DAWN",
        "INT./EXT. CAR - MOVING",
        "INT/EXT. CAR - MOVING",
        "I/E. CAR - MOVING",
        "EXT./INT. CAR - MOVING",
        "EXT/INT. CAR - MOVING",
        "E/I CAR - MOVING",
        "int. house - day",
        "INT HOUSE - DAY",
    ],
)
def test_scene_heading_prefixes_in_any_case(heading: str) -> None:
    script = parse(f"Opening action.\n\n{heading}\n\nThe door opens.\n")
    assert headings(script) == [heading]
    assert kinds_and_texts(script.scenes[0].paragraphs) == [(ACTION, "The door opens.")]


@pytest.mark.parametrize("line", ["Interesting times.", "EXTRA! EXTRA!", "ESTABLISHING SHOT"])
def test_words_that_merely_start_like_a_heading_are_action(line: str) -> None:
    script = parse(f"{line}\n\nMore.\n")
    assert script.scenes == ()
    assert script.preamble[0] == Paragraph(ACTION, line, 1)


def test_heading_needs_a_blank_line_before() -> None:
    script = parse("She walks in.\nint. house - day\n")
    assert script.scenes == ()
    assert kinds_and_texts(script.preamble) == [(ACTION, "She walks in.\nint. house - day")]


def test_capitalised_heading_followed_directly_by_action_is_still_a_heading() -> None:
    script = parse("INT. HOUSE - DAY\nThe door opens.\n")
    assert headings(script) == ["INT. HOUSE - DAY"]
    assert script.scenes[0].paragraphs == (Paragraph(ACTION, "The door opens.", 2),)


def test_lower_case_heading_followed_directly_by_text_is_action() -> None:
    script = parse("Est. 1850, the mill\nstill turns.\n")
    assert script.scenes == ()


def test_capitalised_heading_inside_action_starts_a_scene() -> None:
    script = parse("FADE IN:\nINT. HOUSE - DAY\n\nQuiet.\n")
    assert headings(script) == ["INT. HOUSE - DAY"]
    assert kinds_and_texts(script.preamble) == [(ACTION, "FADE IN:")]


def test_capitalised_heading_right_after_dialogue_starts_a_scene() -> None:
    script = parse("INT. A - DAY\n\nBOB\nBye.\nEXT. B - NIGHT\n\nRain.\n")
    assert headings(script) == ["INT. A - DAY", "EXT. B - NIGHT"]
    assert kinds_and_texts(script.scenes[0].paragraphs) == [(CHARACTER, "BOB"), (DIALOGUE, "Bye.")]


@pytest.mark.parametrize(
    ("line", "heading"),
    [(".SNIPER SCOPE POV", "SNIPER SCOPE POV"), (".flashback", "flashback")],
)
def test_forced_heading(line: str, heading: str) -> None:
    script = parse(f"{line}\n\nA crosshair.\n")
    assert headings(script) == [heading]


def test_two_dots_do_not_force_a_heading() -> None:
    script = parse("...and then silence.\n")
    assert script.scenes == ()
    assert script.preamble[0].text == "...and then silence."


@pytest.mark.parametrize(
    ("line", "heading", "number"),
    [
        ("INT. HOUSE - DAY #12A#", "INT. HOUSE - DAY", "12A"),
        ("EXT. PARK #1#", "EXT. PARK", "1"),
        (".FLASHBACK #I-1-A#", "FLASHBACK", "I-1-A"),
        ("INT. HOUSE - DAY #110.#  ", "INT. HOUSE - DAY", "110."),
        ("INT. HOUSE - DAY", "INT. HOUSE - DAY", None),
    ],
)
def test_scene_numbers_are_taken_out_of_the_heading(
    line: str, heading: str, number: str | None
) -> None:
    (scene,) = parse(f"{line}\n\nAction.\n").scenes
    assert (scene.heading, scene.number, scene.line) == (heading, number, 1)


# --- Dialogue -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cue", ["MAYA (V.O.)", "MAYA (O.S.)", "MAYA (CONT'D)", "HANS (on the radio)", "DR. NO"]
)
def test_character_cue_keeps_its_extension(cue: str) -> None:
    assert scene_body(f"{cue}\nHello.\n") == [(CHARACTER, cue), (DIALOGUE, "Hello.")]


@pytest.mark.parametrize("cue", ["MAYA:", "MAYA (V.O.):", "DR. NO :"])
def test_a_cue_typed_with_a_colon_is_still_a_cue(cue: str) -> None:
    # Writers coming from stage plays type "MAYA:"; read as action, her line left the breakdown.
    name = cue.removesuffix(":").rstrip()
    assert scene_body(f"{cue}\nHello.\n") == [(CHARACTER, name), (DIALOGUE, "Hello.")]


@pytest.mark.parametrize("line", ["FADE IN:", "SUPER:", "INTERCUT:", "CLOSE ON:", "BACK TO:"])
def test_screenplay_directions_with_a_colon_are_not_cues(line: str) -> None:
    assert scene_body(f"{line}\nThe ice.\n")[0][0] is not CHARACTER


def test_forced_character_is_stripped_of_the_at_sign() -> None:
    assert scene_body("@McCLANE\nYippee ki-yay.\n") == [
        (CHARACTER, "McCLANE"),
        (DIALOGUE, "Yippee ki-yay."),
    ]


def test_dual_dialogue_marks_the_caret_cue_and_what_it_says() -> None:
    script = parse(
        """
        INT. PATIO - DAY

        BRICK
        Screw retirement.

        STEEL ^
        (raising a beer)
        Screw retirement.
        """
    )
    paragraphs = script.scenes[0].paragraphs
    assert [(p.kind, p.text, p.dual) for p in paragraphs] == [
        (CHARACTER, "BRICK", False),
        (DIALOGUE, "Screw retirement.", False),
        (CHARACTER, "STEEL", True),
        (PARENTHETICAL, "(raising a beer)", True),
        (DIALOGUE, "Screw retirement.", True),
    ]


def test_parentheticals_split_multi_line_dialogue() -> None:
    body = """
        STEEL
        They're coming out of the woodwork!
        (pause)
        No, everybody we've put away!
        Everybody.
        """
    assert scene_body(body) == [
        (CHARACTER, "STEEL"),
        (DIALOGUE, "They're coming out of the woodwork!"),
        (PARENTHETICAL, "(pause)"),
        (DIALOGUE, "No, everybody we've put away!\nEverybody."),
    ]


def test_two_spaces_keep_a_blank_line_inside_dialogue() -> None:
    body = "DEALER\nTen.\nFour.\n  \nDealer gets a seven.\n"
    assert scene_body(body) == [
        (CHARACTER, "DEALER"),
        (DIALOGUE, "Ten.\nFour.\n\nDealer gets a seven."),
    ]


def test_indented_dialogue_is_trimmed() -> None:
    body = "\t\t\tJACK\n\t\t(in Vietnamese)\n\tDid you know?\n"
    assert scene_body(body) == [
        (CHARACTER, "JACK"),
        (PARENTHETICAL, "(in Vietnamese)"),
        (DIALOGUE, "Did you know?"),
    ]


@pytest.mark.parametrize("line", ["BOOM!", "BOB", "THE END"])
def test_capitalised_line_without_dialogue_is_action(line: str) -> None:
    assert scene_body(f"{line}\n\nThe house shakes.\n") == [
        (ACTION, line),
        (ACTION, "The house shakes."),
    ]


def test_capitalised_line_after_action_without_blank_is_not_a_cue() -> None:
    assert scene_body("He turns.\nBOB\nHello.\n") == [(ACTION, "He turns.\nBOB\nHello.")]


# --- Transitions, centered text, forced action ------------------------------------------


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("CUT TO:", "CUT TO:"),
        ("SMASH CUT TO:", "SMASH CUT TO:"),
        ("\t\t\t\tCUT TO:", "CUT TO:"),
        ("> BURN TO PINK.", "BURN TO PINK."),
        (">FADE OUT.", "FADE OUT."),
    ],
)
def test_transitions(line: str, text: str) -> None:
    assert scene_body(f"Action.\n\n{line}\n\nMore action.\n")[1] == (TRANSITION, text)


def test_transition_directly_followed_by_heading() -> None:
    script = parse("INT. A - DAY\n\nCUT TO:\nINT. B - DAY\n\nAction.\n")
    assert headings(script) == ["INT. A - DAY", "INT. B - DAY"]
    assert kinds_and_texts(script.scenes[0].paragraphs) == [(TRANSITION, "CUT TO:")]


def test_lower_case_to_colon_is_not_a_transition() -> None:
    assert scene_body("He walks to:\n\nThe end.\n")[0] == (ACTION, "He walks to:")


@pytest.mark.parametrize("line", ["> THE END <", ">THE END<", "  >  THE END  <  "])
def test_centered_text(line: str) -> None:
    assert scene_body(f"{line}\n") == [(ParagraphKind.CENTERED, "THE END")]


def test_consecutive_centered_lines_make_one_paragraph() -> None:
    body = "> BRICK BRADDOCK <\n> & DICK STEEL IN <\n"
    assert scene_body(body) == [(ParagraphKind.CENTERED, "BRICK BRADDOCK\n& DICK STEEL IN")]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "!SCANNING THE AISLES...\nWhere is that pit boss?\n",
            "SCANNING THE AISLES...\nWhere is that pit boss?",
        ),
        ("!INT. NOT A HEADING\n", "INT. NOT A HEADING"),
        ("!CUT TO:\n", "CUT TO:"),
    ],
)
def test_forced_action(body: str, text: str) -> None:
    assert scene_body(body) == [(ACTION, text)]


# --- Action ---------------------------------------------------------------------------------


def test_action_keeps_its_line_breaks() -> None:
    body = "This large, artful building\ncombines multiple Western\nstyles.\n"
    assert scene_body(body) == [
        (ACTION, "This large, artful building\ncombines multiple Western\nstyles.")
    ]


def test_tabs_in_action_become_four_spaces() -> None:
    assert scene_body("\tIndented.\nNot\tindented.\n") == [
        (ACTION, "    Indented.\nNot    indented.")
    ]


def test_two_spaces_keep_a_blank_line_inside_action() -> None:
    assert scene_body("First.\n  \nSecond.\n") == [(ACTION, "First.\n\nSecond.")]


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("*italics*", "italics"),
        ("**bold**", "bold"),
        ("***bold italics***", "bold italics"),
        ("_underline_", "underline"),
        ("_**BRICK & STEEL**_", "BRICK & STEEL"),
        ("*italic **bold** italic*", "italic bold italic"),
        ("**bold *and* italic**", "bold and italic"),
        ("snake_case_name", "snakecasename"),
        (r"Steel \*hates\* it", "Steel *hates* it"),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("He*llo\nwor*ld", "He*llo\nwor*ld"),
    ],
)
def test_emphasis_markers_are_removed(written: str, plain: str) -> None:
    assert scene_body(f"{written}\n") == [(ACTION, plain)]


def test_emphasis_is_removed_from_headings_and_dialogue() -> None:
    script = parse("INT. *DARK* ROOM\n\nBOB\n_Quiet._ Or out.\n")
    assert headings(script) == ["INT. DARK ROOM"]
    assert script.scenes[0].paragraphs[1].text == "Quiet. Or out."


# --- Notes and boneyard ---------------------------------------------------------------------


def test_inline_note_is_removed_and_kept_on_its_scene() -> None:
    script = parse(
        """
        INT. RINK - NIGHT

        Maya skates. [[props: hockey stick, thermos]]
        """
    )
    (scene,) = script.scenes
    assert scene.paragraphs == (Paragraph(ACTION, "Maya skates.", 3),)
    assert scene.notes == (Note("props: hockey stick, thermos", 3),)


def test_note_on_its_own_line_neither_splits_nor_adds_a_paragraph() -> None:
    script = parse(
        """
        INT. RINK - NIGHT
        [[wardrobe: red scarf]]

        MAYA
        [[sound: skates on ice]]
        Again.
        """
    )
    (scene,) = script.scenes
    assert kinds_and_texts(scene.paragraphs) == [(CHARACTER, "MAYA"), (DIALOGUE, "Again.")]
    assert scene.notes == (Note("wardrobe: red scarf", 2), Note("sound: skates on ice", 5))


def test_multi_line_note_keeps_its_first_line() -> None:
    script = parse(
        """
        INT. RINK - NIGHT

        Maya skates. [[props: hockey stick,
          thermos]] She falls.

        Later.
        """
    )
    (scene,) = script.scenes
    assert scene.notes == (Note("props: hockey stick,\nthermos", 3),)
    assert kinds_and_texts(scene.paragraphs) == [
        (ACTION, "Maya skates.\n She falls."),
        (ACTION, "Later."),
    ]
    assert scene.paragraphs[1].line == 6


def test_notes_go_to_the_scene_they_are_in() -> None:
    script = parse(
        """
        [[before any scene]]

        INT. A - DAY [[props: lamp]]

        EXT. B - NIGHT

        Rain. [[sfx: rain]]
        """
    )
    assert [scene.notes for scene in script.scenes] == [
        (Note("props: lamp", 3),),
        (Note("sfx: rain", 7),),
    ]
    assert headings(script) == ["INT. A - DAY", "EXT. B - NIGHT"]


def test_boneyard_is_removed_and_later_lines_keep_their_numbers() -> None:
    script = parse(
        """
        INT. A - DAY

        /*
        INT. CUT SCENE - NIGHT

        Nobody will see this.
        */

        He waits. /* too long */ She leaves.

        BOB
        Bye.
        """
    )
    (scene,) = script.scenes
    assert [(p.kind, p.text, p.line) for p in scene.paragraphs] == [
        (ACTION, "He waits.  She leaves.", 9),
        (CHARACTER, "BOB", 11),
        (DIALOGUE, "Bye.", 12),
    ]


def test_boneyard_holding_notes_drops_them_too() -> None:
    script = parse("INT. A - DAY\n\n/* [[props: gun]] */\n\nAction.\n")
    assert script.scenes[0].notes == ()
    assert kinds_and_texts(script.scenes[0].paragraphs) == [(ACTION, "Action.")]


def test_unclosed_boneyard_is_a_warning_and_the_text_stays() -> None:
    script, problems = parse_with_problems("INT. A - DAY\n\nAction.\n/* forgotten\n\nEXT. B\n\n")
    assert headings(script) == ["INT. A - DAY", "EXT. B"]
    assert problems == (
        Problem(
            "boneyard '/*' is never closed with '*/'; kept as text",
            "inline.fountain",
            4,
            severity=Severity.WARNING,
        ),
    )


def test_note_broken_by_an_empty_line_is_a_warning_and_never_swallows_scenes() -> None:
    script, problems = parse_with_problems(
        "INT. A - DAY\n\n[[props: lamp\n\nINT. B - DAY\n\nX. [[sfx: rain]]\n"
    )
    assert headings(script) == ["INT. A - DAY", "INT. B - DAY"]
    assert script.scenes[1].notes == (Note("sfx: rain", 7),)
    assert [(problem.line, problem.severity) for problem in problems] == [(3, Severity.WARNING)]


def test_a_line_full_of_unclosed_openers_is_one_warning_each_not_one_per_opener() -> None:
    # A pasted line of 100,000 openers once printed 100,000 warnings.
    _, problems = parse_with_problems("INT. A - DAY\n\n" + "[[ /* " * 1000 + "\n\n/* again\n")
    assert [(problem.line, problem.message[:8]) for problem in problems] == [
        (3, "note '[["),
        (3, "boneyard"),
    ]


def test_unclosed_note_at_the_end() -> None:
    _, problems = parse_with_problems("INT. A - DAY\n\nText [[never closed\n")
    assert [problem.line for problem in problems] == [3]


# --- Sections, synopses, page breaks, lyrics ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "level"), [("# ACT I", "ACT I", 1), ("### Nak's Home", "Nak's Home", 3)]
)
def test_sections(line: str, text: str, level: int) -> None:
    (paragraph,) = parse(f"{line}\n").preamble
    assert paragraph == Paragraph(ParagraphKind.SECTION, text, 1, level=level)


def test_synopsis() -> None:
    assert scene_body("= Meet the players.\n") == [(ParagraphKind.SYNOPSIS, "Meet the players.")]


@pytest.mark.parametrize("line", ["===", "=====", "=== "])
def test_page_break(line: str) -> None:
    assert scene_body(f"Before.\n\n{line}\n\nAfter.\n")[1] == (ParagraphKind.PAGE_BREAK, "")


def test_lyrics() -> None:
    assert scene_body("~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n") == [
        (ParagraphKind.LYRICS, "Willy Wonka! Willy Wonka!\nThe amazing chocolatier!")
    ]


# --- Title page and preamble ----------------------------------------------------------------


def test_title_page_keys_in_order_with_indented_values() -> None:
    script = parse(
        """
        Title:
        \t_**BRICK & STEEL**_
        \t_**FULL RETIRED**_
        Credit: Written by
        Draft Date: 1/27/2012
        Contact:
            Next Level Productions
            Solvang, CA

        EXT. PATIO - DAY
        """
    )
    assert script.title_page == (
        ("title", "BRICK & STEEL\nFULL RETIRED"),
        ("credit", "Written by"),
        ("draft date", "1/27/2012"),
        ("contact", "Next Level Productions\nSolvang, CA"),
    )
    assert script.title == "BRICK & STEEL FULL RETIRED"
    assert headings(script) == ["EXT. PATIO - DAY"]
    assert script.preamble == ()


@pytest.mark.parametrize("first", ["FADE IN:", "INT. HOUSE: DAY", "Some action."])
def test_no_title_page_when_the_first_block_is_not_key_value(first: str) -> None:
    script = parse(f"{first}\n\nINT. HOUSE - DAY\n")
    assert script.title_page == ()
    assert len(script.preamble) + len(script.scenes) >= 2


def test_preamble_holds_what_comes_before_the_first_heading() -> None:
    script = parse("Title: X\n\n> FADE IN:\n\nA river.\n\nINT. A - DAY\n")
    assert kinds_and_texts(script.preamble) == [(TRANSITION, "FADE IN:"), (ACTION, "A river.")]
    assert [paragraph.line for paragraph in script.preamble] == [3, 5]


def test_script_records_its_source_and_format() -> None:
    script = parse("INT. A - DAY\n")
    assert (script.source, script.format) == ("inline.fountain", "fountain")
    assert script.scenes == (Scene("INT. A - DAY", line=1),)


@pytest.mark.parametrize("text", ["", "\n\n\n", "  ", "/*", "[[", "]]*/", "^", "@", ">", "<>"])
def test_degenerate_inputs(text: str) -> None:
    script, _ = parse_fountain(text, "inline.fountain")
    assert script.scenes == ()


@pytest.mark.parametrize(
    "text",
    [
        "*a " * 20_000,
        "_a " * 20_000,
        "[[" * 20_000,
        "[[\n\n" * 20_000,
        "/*" * 20_000,
        "(x" * 20_000,
    ],
    ids=["stars", "underscores", "note-openers", "broken-notes", "boneyard-openers", "parens"],
)
def test_pathological_inputs_stay_linear(text: str) -> None:
    seconds = min(timeit.repeat(lambda: parse_fountain(text, "x"), number=1, repeat=3))
    assert seconds < 1.0


# --- Real scripts (read from ../shared, never copied here) ----------------------------------


def read_sample(screenplays: Path, name: str) -> Script:
    path = screenplays / name
    text, decode_problems = decode_text(path.read_bytes(), str(path))
    assert text is not None
    assert decode_problems == ()
    script, problems = parse_fountain(text, str(path))
    assert problems == ()
    return script


def test_brick_and_steel(screenplays: Path) -> None:
    script = read_sample(screenplays, "brick-and-steel.fountain")
    assert script.title == "BRICK & STEEL FULL RETIRED"
    assert tuple(headings(script)) == BRICK_AND_STEEL_HEADINGS
    assert [scene.line for scene in script.scenes] == [13, 53, 69, 80, 95, 105, 129, 144]
    assert speaking_cast(script) == {
        "BRICK", "STEEL", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN"
    }  # fmt: skip
    duals = [p.text for s in script.scenes for p in s.paragraphs if p.dual and p.kind is CHARACTER]
    assert duals == ["BRICK"]
    last = script.scenes[-1].paragraphs
    assert kinds_and_texts(last[-2:]) == [
        (TRANSITION, "BURN TO PINK."),
        (ParagraphKind.CENTERED, "THE END"),
    ]


def test_the_library_freak_out(screenplays: Path) -> None:
    script = read_sample(screenplays, "the-library-freak-out.fountain")
    assert headings(script) == ["EXT. LIBRARY--DAY", "INT. LIBRARY--DAY", "EXT. LIBRARY--DAY"]
    assert [scene.line for scene in script.scenes] == [19, 27, 398]
    assert speaking_cast(script) == {
        "CHALF", "CHARYA", "NAR", "YOR", "THRAIN",
        "PATRON ONE", "PATRON TWO", "PATRONS THREE AND FOUR", "PATRON FIVE",
    }  # fmt: skip
    # The note closing the title-page block is dropped with its line, not read as body.
    assert dict(script.title_page)["contact"] == "earthbound dot io\nslash contact"
    assert script.preamble[-1] == Paragraph(TRANSITION, "FADE IN:", 17)


def test_the_last_birthday_card(screenplays: Path) -> None:
    script = read_sample(screenplays, "the-last-birthday-card.fountain")
    assert len(script.scenes) == 48
    assert script.scenes[0].heading == "INT. SAN FRANCISCO APARTMENT, DAY"
    assert script.scenes[0].line == 22
    found = headings(script)
    assert "INT SCOTT'S APARTMENT, SAME TIME" in found
    assert found[2] == "BACK IN THE APARTMENT"
    assert found[-1] == "INT. SCOTT'S NEW APARTMENT, A FEW DAYS LATER"
    assert speaking_cast(script) == {
        "SCOTT", "BAXTER", "NAK", "ART GIRL", "THE BOSS", "BILLUPS", "NANCY",
        "SOPHISTICATED WOMAN", "WOMAN", "VOICE", "MALE VOICE", "NEWSCASTER",
    }  # fmt: skip
    assert script.preamble[0] == Paragraph(ParagraphKind.SECTION, "ACT I", 10, level=1)
    sections = [p for s in script.scenes for p in s.paragraphs if p.kind is ParagraphKind.SECTION]
    assert {section.level for section in sections} == {1, 2, 3}


def test_radio_studio(screenplays: Path) -> None:
    script = read_sample(screenplays, "radio-studio.fountain")
    assert [(scene.number, scene.heading) for scene in script.scenes] == [
        ("1", "INT. RADIO STUDIO"),
        ("2", "EXT. OUTSIDE THE FOOD STORE"),
    ]
    assert speaking_cast(script) == {"DJ", "DAVE", "JIM", "KAY"}
    transitions = [p.text for s in script.scenes for p in s.paragraphs if p.kind is TRANSITION]
    assert transitions == ["CUT TO:", "FADE TO BLACK"]


def test_big_fish(screenplays: Path) -> None:
    script = read_sample(screenplays, "big-fish.fountain")
    # 192 lines start with INT/EXT after a blank line (checked with grep), two of them
    # "EXT/INT." (lines 2446 and 3815); none is forced.
    assert len(script.scenes) == 192
    assert {scene.line for scene in script.scenes} >= {2446, 3815}
    assert script.title == "Big Fish"
    assert script.scenes[0].heading == "INT.  WILL'S BEDROOM - NIGHT (1973)"
    assert script.scenes[0].line == 31
    assert ParagraphKind.PAGE_BREAK in {paragraph.kind for paragraph in script.preamble}
    assert {"EDWARD", "WILL", "SANDRA", "JOSEPHINE"} <= speaking_cast(script)


def test_big_fish_parses_quickly(screenplays: Path) -> None:
    text, _ = decode_text((screenplays / "big-fish.fountain").read_bytes(), "big-fish")
    assert text is not None
    best = min(timeit.repeat(lambda: parse_fountain(text, "big-fish"), number=1, repeat=5))
    # About 6 ms on a laptop; the bound is loose because the test machines are shared.
    assert best < 0.1


def test_notes_before_the_first_heading_are_the_scripts_own() -> None:
    script = parse(
        """
        Title: Stage
        [[title page: check the credit]]

        [[opening: shoot the river at first light]]

        > FADE IN:

        INT. A - DAY [[props: lamp]]
        """
    )
    assert script.notes == (
        Note("title page: check the credit", 2),
        Note("opening: shoot the river at first light", 4),
    )
    assert [scene.notes for scene in script.scenes] == [(Note("props: lamp", 8),)]


def test_a_script_without_headings_keeps_its_notes() -> None:
    script = parse("A river. [[is this a script?]]\n")
    assert script.scenes == ()
    assert script.notes == (Note("is this a script?", 1),)


def test_the_library_freak_out_keeps_its_title_page_note(screenplays: Path) -> None:
    script = read_sample(screenplays, "the-library-freak-out.fountain")
    assert [(note.line, note.text[:22]) for note in script.notes] == [
        (12, "URL to search for arch")
    ]
