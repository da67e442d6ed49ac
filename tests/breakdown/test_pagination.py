"""Pagination and page eighths, on hand-built scripts whose line counts are known exactly."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st

from firstad.breakdown.pagination import (
    A4,
    LETTER,
    Layout,
    ScenePlacement,
    eighths_on_page,
    paginate,
)
from firstad.breakdown.pagination_format import ElementStyle
from firstad.importers import read_script
from firstad.model import Paragraph, ParagraphKind, Scene, Script

ACTION = ParagraphKind.ACTION
CHARACTER = ParagraphKind.CHARACTER
DIALOGUE = ParagraphKind.DIALOGUE
PARENTHETICAL = ParagraphKind.PARENTHETICAL
PAGE_BREAK = Paragraph(ParagraphKind.PAGE_BREAK, "")

# A sentence of 34 characters: with the space after it, it fills a 35-character dialogue line.
SENTENCE = "Every word here counts for a line."
# A sentence of 59 characters: with the space after it, it fills a 60-character action line.
ACTION_SENTENCE = "A line of action that fills exactly sixty characters, here."


def action_lines(count: int) -> Paragraph:
    """Action of ``count`` printed lines that cannot break between sentences (it has none)."""
    return Paragraph(ACTION, "\n".join(["The wind moves the grass"] * count))


def speech(name: str, *lines: str) -> tuple[Paragraph, ...]:
    return (Paragraph(CHARACTER, name), *(Paragraph(DIALOGUE, line) for line in lines))


def script(*scenes: Scene, preamble: tuple[Paragraph, ...] = ()) -> Script:
    return Script(source="test.fountain", format="fountain", scenes=scenes, preamble=preamble)


def scene(heading: str, *paragraphs: Paragraph) -> Scene:
    return Scene(heading=heading, paragraphs=paragraphs)


def test_a_heading_alone_is_one_eighth() -> None:
    layout = paginate(script(scene("INT. KITCHEN - DAY")))

    assert layout == Layout(pages=1, scenes=(ScenePlacement(1, 1, lines=1, last_page=1),))


def test_a_short_scene_rounds_up_to_one_eighth() -> None:
    layout = paginate(script(scene("INT. KITCHEN - DAY", Paragraph(ACTION, "She waits."))))

    assert layout.scenes[0].eighths == 1
    assert layout.scenes[0].lines == 3  # heading, blank, action


def test_half_a_page_of_lines_is_four_eighths() -> None:
    # Heading at the top of the page, a blank line, 26 lines of action: 28 of 56 lines.
    half_page = scene("INT. KITCHEN - DAY", action_lines(26))

    layout = paginate(script(half_page), page_format=replace(LETTER, body_lines=56))

    assert layout.scenes[0].lines == 28
    assert layout.scenes[0].eighths == 4


def test_eighths_round_to_the_nearest_eighth_with_a_minimum_of_one() -> None:
    assert eighths_on_page(1, 55) == 1
    assert eighths_on_page(27, 55) == 4  # 3.93 eighths
    assert eighths_on_page(28, 55) == 4  # 4.07 eighths
    assert eighths_on_page(55, 55) == 8
    assert eighths_on_page(24, 48) == 4
    assert eighths_on_page(9, 48) == 2  # 1.5 eighths: halves round up


def test_the_blank_lines_above_a_heading_belong_to_its_scene() -> None:
    layout = paginate(script(scene("INT. A - DAY"), scene("INT. B - DAY")))

    # Final Draft's Space Before for a scene heading is 2 lines (SpaceBefore="24").
    assert [placement.lines for placement in layout.scenes] == [1, 3]


def test_a_scene_over_a_page_break_counts_eighths_on_both_pages() -> None:
    first = scene("INT. A - DAY", action_lines(38))  # lines 1-40
    # 2 blank + heading + blank + 10 = lines 41-54; the next 10 lines go overleaf.
    second = scene("INT. B - DAY", action_lines(10), action_lines(10))

    layout = paginate(script(first, second))

    assert layout.pages == 2
    # 14 lines on page 1 (2.04 eighths) and 10 at the top of page 2 (1.45 eighths).
    assert layout.scenes[1] == ScenePlacement(page=1, eighths=2 + 1, lines=24, last_page=2)


def test_a_heading_is_never_the_last_thing_on_a_page() -> None:
    first = scene("INT. A - DAY", action_lines(49))  # lines 1-51
    # The heading would land on line 54, but the 3 lines under it cannot follow it there.
    second = scene("INT. B - DAY", action_lines(3))

    layout = paginate(script(first, second))

    assert layout.scenes[1].page == 2
    assert layout.scenes[1].lines == 1 + 1 + 3  # no blank lines above it at the top of page 2


def test_a_heading_stays_when_the_action_under_it_can_break() -> None:
    first = scene("INT. A - DAY", action_lines(45))  # lines 1-47
    # Heading on line 50, blank, then 6 sentences of one line each: 4 fit on this page.
    second = scene("INT. B - DAY", Paragraph(ACTION, " ".join([ACTION_SENTENCE] * 6)))

    layout = paginate(script(first, second))

    assert layout.scenes[1] == ScenePlacement(page=1, eighths=1 + 1, lines=10, last_page=2)


def test_action_moves_whole_rather_than_leave_one_line() -> None:
    first = scene("INT. A - DAY", action_lines(51))  # lines 1-53
    second_paragraph = Paragraph(ACTION, " ".join([ACTION_SENTENCE] * 4))

    layout = paginate(script(replace(first, paragraphs=(*first.paragraphs, second_paragraph))))

    # Only one line is left (line 55): the paragraph moves whole to page 2.
    assert layout.pages == 2
    assert layout.scenes[0].lines == 53 + 4


def test_a_long_speech_breaks_between_sentences_with_more_and_continued() -> None:
    # Heading + blank + 47 lines = 49 lines; the speech's blank line is line 50,
    # leaving 5 lines: cue, 3 lines of dialogue, (MORE). Overleaf: "DAVE (CONT'D)" + 3 lines.
    filler = scene("INT. A - DAY", action_lines(47), *speech("DAVE", " ".join([SENTENCE] * 6)))

    layout = paginate(script(filler))

    assert layout.pages == 2
    assert layout.scenes[0].lines == 49 + 1 + (1 + 3 + 1) + (1 + 3)


def test_a_speech_that_would_leave_one_line_moves_whole() -> None:
    # 51 lines used: blank, cue, 1 line of dialogue, (MORE) would fill the page — too few.
    filler = scene("INT. A - DAY", action_lines(49), *speech("DAVE", " ".join([SENTENCE] * 4)))

    layout = paginate(script(filler))

    assert layout.pages == 2
    assert layout.scenes[0].lines == 51 + 5  # the speech starts page 2, no blank above it


def test_page_break_starts_a_new_page() -> None:
    first = scene("INT. A - DAY", Paragraph(ACTION, "Short."), PAGE_BREAK)

    layout = paginate(script(first, scene("INT. B - DAY")))

    assert [placement.page for placement in layout.scenes] == [1, 2]
    assert layout.scenes[1].lines == 1


def test_a_page_break_at_the_end_adds_no_empty_page() -> None:
    ending = scene("INT. A - DAY", PAGE_BREAK)

    assert paginate(script(ending)).pages == 1


def test_sections_synopses_and_empty_paragraphs_take_no_room() -> None:
    plain = scene("INT. A - DAY", Paragraph(ACTION, "She waits."))
    annotated = scene(
        "INT. A - DAY",
        Paragraph(ParagraphKind.SECTION, "Act One", level=1),
        Paragraph(ParagraphKind.SYNOPSIS, "She waits for the call."),
        Paragraph(ACTION, "She waits."),
        Paragraph(ACTION, "   "),
    )

    assert paginate(script(annotated)) == paginate(script(plain))


def test_action_wraps_at_sixty_characters() -> None:
    sixty = "x" * 29 + " " + "y" * 30
    sixty_one = sixty + "z"

    assert paginate(script(scene("INT. A", Paragraph(ACTION, sixty)))).scenes[0].lines == 3
    assert paginate(script(scene("INT. A", Paragraph(ACTION, sixty_one)))).scenes[0].lines == 4


def test_dialogue_wraps_at_thirty_five_characters() -> None:
    fits = "x" * 17 + " " + "y" * 17
    too_long = fits + "z"

    assert paginate(script(scene("INT. A", *speech("DAVE", fits)))).scenes[0].lines == 4
    assert paginate(script(scene("INT. A", *speech("DAVE", too_long)))).scenes[0].lines == 5


def test_dual_dialogue_is_as_tall_as_its_longer_column() -> None:
    left = speech("DAVE", "Yes.")
    right = (
        Paragraph(CHARACTER, "JIM", dual=True),
        Paragraph(DIALOGUE, "No, no, no, no, no, no, no, no, no, no, no."),  # 43 characters
    )

    layout = paginate(script(scene("INT. A", *left, *right)))

    assert layout.scenes[0].lines == 1 + 1 + 1 + 2  # heading, blank, cues, two dialogue lines


def test_the_preamble_starts_page_one_and_belongs_to_no_scene() -> None:
    preamble = (Paragraph(ParagraphKind.TRANSITION, "FADE IN:"),)

    layout = paginate(script(scene("INT. A - DAY"), preamble=preamble))

    assert layout.pages == 1
    assert layout.scenes[0] == ScenePlacement(page=1, eighths=1, lines=3, last_page=1)


def test_an_empty_script_has_no_pages() -> None:
    assert paginate(script()) == Layout(pages=0, scenes=())


def test_a_block_taller_than_a_page_is_cut_at_the_foot() -> None:
    layout = paginate(script(scene("INT. A - DAY", action_lines(60))))

    assert layout.pages == 2
    assert layout.scenes[0].lines == 1 + 1 + 60


def test_radio_studio_matches_final_draft() -> None:
    """radio-studio.finaldraft.fdx: Final Draft stores Length="3/8" and "2/8", both page 1."""
    studio = scene(
        "INT. RADIO STUDIO",
        Paragraph(
            ACTION,
            "We are in a TV station listening to the announcer on the other site of the glass.",
        ),
        Paragraph(CHARACTER, "DJ"),
        Paragraph(PARENTHETICAL, "(bored)"),
        Paragraph(DIALOGUE, "Hey everyone, this is some music that sounds kinda terrible."),
        Paragraph(ACTION, "Dave is at the coffee machine."),
        *speech("DAVE", "Why do we pay him?"),
        *speech("JIM (O.S.)", "Because he helps us test this screenplay."),
        Paragraph(ParagraphKind.TRANSITION, "CUT TO:"),
    )
    store = scene(
        "EXT. OUTSIDE THE FOOD STORE",
        Paragraph(
            ACTION,
            "We are standing outside the food store. Kay is looking at the posters in the window.",
        ),
        *speech("KAY", "Maybe there's a job for me here."),
        Paragraph(ParagraphKind.TRANSITION, "FADE TO BLACK"),
    )

    for page_format in (A4, LETTER):  # the file is A4; the eighths agree on Letter too
        layout = paginate(script(studio, store), page_format=page_format)
        assert [(placement.page, placement.eighths) for placement in layout.scenes] == [
            (1, 3),
            (1, 2),
        ]


def test_heading_spacing_is_a_format_option() -> None:
    single_spaced = replace(LETTER, scene_heading=ElementStyle(width=60, space_before=1))

    layout = paginate(script(scene("INT. A"), scene("INT. B")), page_format=single_spaced)

    assert [placement.lines for placement in layout.scenes] == [1, 2]


WORDS = st.sampled_from(("Run.", "the", "door", "slams!", "She", "waits?", "x" * 70, "glass"))
PRINTING_KINDS = st.sampled_from(
    (
        ACTION,
        CHARACTER,
        DIALOGUE,
        PARENTHETICAL,
        ParagraphKind.TRANSITION,
        ParagraphKind.SHOT,
        ParagraphKind.SECTION,
        ParagraphKind.PAGE_BREAK,
    )
)
PARAGRAPHS = st.builds(
    Paragraph, PRINTING_KINDS, st.lists(WORDS, min_size=1, max_size=80).map(" ".join)
)
SCENES = st.builds(Scene, st.just("INT. ROOM - DAY"), st.lists(PARAGRAPHS, max_size=25).map(tuple))


@given(st.lists(SCENES, max_size=12))
def test_every_layout_is_consistent(scenes: list[Scene]) -> None:
    layout = paginate(script(*scenes))

    assert len(layout.scenes) == len(scenes)
    starts = [placement.page for placement in layout.scenes]
    assert starts == sorted(starts)
    assert all(placement.eighths >= 1 for placement in layout.scenes)
    assert all(1 <= p.page <= p.last_page <= layout.pages for p in layout.scenes)
    printed = sum(placement.lines for placement in layout.scenes)
    assert printed <= layout.pages * LETTER.body_lines
    # Rounding moves each (scene, page) share by at most half an eighth, the 1/8 minimum by
    # less than one: the total stays within one eighth per share of the exact line count.
    shares = sum(p.last_page - p.page + 1 for p in layout.scenes)
    exact = printed * 8 / LETTER.body_lines
    assert abs(sum(p.eighths for p in layout.scenes) - exact) <= shares


SCREENPLAYS = Path(__file__).resolve().parents[2].parent / "shared" / "screenplays"


@pytest.mark.parametrize("name", ["radio-studio.finaldraft.fdx", "radio-studio.fadein-export.fdx"])
def test_final_draft_lengths_from_the_file(name: str) -> None:
    studio, problems = read_script(SCREENPLAYS / name)
    assert studio is not None, problems

    layout = paginate(studio, page_format=A4)

    reported = [(scene.reported_page, scene.reported_eighths) for scene in studio.scenes]
    assert reported == [("1", 3), ("1", 2)]
    assert [(str(p.page), p.eighths) for p in layout.scenes] == reported


# screenplain 0.12.0's PDF geometry (screenplain/export/pdf.py): 61-character frame, dialogue
# 36 characters, parenthetical to the frame's right edge, one blank line above every element.
SCREENPLAIN = replace(
    LETTER,
    scene_heading=ElementStyle(width=61, space_before=1),
    action=ElementStyle(width=61, space_before=1),
    dialogue=ElementStyle(width=36, space_before=0),
    parenthetical=ElementStyle(width=48, space_before=0),
    transition=ElementStyle(width=61, space_before=1),
    centered=ElementStyle(width=61, space_before=1),
)


def _pdf_scene_starts(headings: list[str]) -> list[tuple[int, int]]:
    """(script page, body line) where each heading prints in screenplain's PDF."""
    starts: list[tuple[int, int]] = []
    with pdfplumber.open(SCREENPLAYS / "brick-and-steel.screenplain-0.12.0.pdf") as pdf:
        for number, page in enumerate(pdf.pages[1:], 1):  # the title page is not counted
            lines: dict[int, list[str]] = {}
            for word in page.extract_words():
                lines.setdefault(round(word["top"]), []).append(word["text"])
            for top, words in sorted(lines.items()):
                if len(starts) < len(headings) and " ".join(words) == headings[len(starts)]:
                    starts.append((number, round((top - 76) / 12)))  # 1 in margin, 12 pt lines
    return starts


def test_brick_and_steel_breaks_pages_where_screenplain_does() -> None:
    brick, problems = read_script(SCREENPLAYS / "brick-and-steel.fountain")
    assert brick is not None, problems
    starts = _pdf_scene_starts([scene.heading for scene in brick.scenes])
    assert len(starts) == len(brick.scenes) == 8

    layout = paginate(brick, page_format=SCREENPLAIN)

    assert layout.pages == 3  # 4 PDF pages, less the title page
    assert [placement.page for placement in layout.scenes] == [page for page, _ in starts]
    # A scene runs from the blank line above its heading to the blank above the next heading;
    # at the top of a page there is no blank. THE END prints on line 50 of the last page, so a
    # next heading would print on line 52.
    printed = [
        (next_page - page) * SCREENPLAIN.body_lines + next_line - line - (line == 0)
        for (page, line), (next_page, next_line) in itertools.pairwise([*starts, (3, 52)])
    ]
    assert [placement.lines for placement in layout.scenes] == printed


def test_big_fish_lays_out_in_milliseconds() -> None:
    big_fish, problems = read_script(SCREENPLAYS / "big-fish.fountain")
    assert big_fish is not None, problems

    started = time.perf_counter()
    layout = paginate(big_fish)
    elapsed = time.perf_counter() - started

    assert len(layout.scenes) == len(big_fish.scenes) > 180
    assert 100 <= layout.pages <= 140  # the feature runs about two hours
    assert elapsed < 0.25  # ~7 ms on a laptop core; generous for a loaded CI runner
