"""Paragraphs measured into blocks, and how each block breaks across a page."""

from __future__ import annotations

from firstad.breakdown.pagination_blocks import (
    PREAMBLE,
    AnyBlock,
    FixedBlock,
    PageBreak,
    SpeechBlock,
    TextBlock,
    script_blocks,
)
from firstad.breakdown.pagination_format import LETTER
from firstad.model import Paragraph, ParagraphKind, Scene, Script

CHARACTER = ParagraphKind.CHARACTER
DIALOGUE = ParagraphKind.DIALOGUE
PARENTHETICAL = ParagraphKind.PARENTHETICAL
# 34 characters: with the space after it, one full 35-character dialogue line.
SENTENCE = "Every word here counts for a line."


def blocks_of(*paragraphs: Paragraph, preamble: tuple[Paragraph, ...] = ()) -> list[AnyBlock]:
    script = Script("test.fountain", "fountain", (Scene("INT. A", paragraphs),), preamble=preamble)
    return list(script_blocks(script, LETTER))


def test_a_speech_is_one_block_with_its_cue() -> None:
    heading, speech = blocks_of(
        Paragraph(CHARACTER, "DAVE"),
        Paragraph(PARENTHETICAL, "(quietly)"),
        Paragraph(DIALOGUE, SENTENCE),
    )

    assert isinstance(heading, TextBlock)
    assert heading.keep_with_next
    assert isinstance(speech, SpeechBlock)
    assert (speech.space_before, speech.height) == (1, 3)


def test_a_speech_splits_before_a_parenthetical_never_after_it() -> None:
    _, speech = blocks_of(
        Paragraph(CHARACTER, "DAVE"),
        Paragraph(DIALOGUE, f"{SENTENCE} {SENTENCE}"),
        Paragraph(PARENTHETICAL, "(beat)"),
        Paragraph(DIALOGUE, f"{SENTENCE} {SENTENCE}"),
    )
    assert isinstance(speech, SpeechBlock)

    split = speech.split(5)  # room for cue, 3 lines, (MORE) — but line 3 is the parenthetical

    assert split is not None
    top_height, rest = split
    assert top_height == 1 + 2 + 1
    assert isinstance(rest, SpeechBlock)
    assert rest.cue == "DAVE (CONT'D)"
    assert [part.kind for part in rest.parts] == [PARENTHETICAL, DIALOGUE]
    assert (rest.space_before, rest.height) == (0, 1 + 1 + 2)


def test_a_speech_splits_inside_a_paragraph_between_sentences() -> None:
    _, speech = blocks_of(
        Paragraph(CHARACTER, "DAVE"), Paragraph(DIALOGUE, " ".join([SENTENCE] * 5))
    )
    assert isinstance(speech, SpeechBlock)

    split = speech.split(4)

    assert split is not None
    assert split[0] == 1 + 2 + 1
    assert split[1].height == 1 + 3
    assert speech.split(3) is None  # one line of dialogue is too few to leave behind


def test_action_splits_between_sentences_only() -> None:
    sentences = " ".join(["A line of action that fills exactly sixty characters, here."] * 5)
    _, action = blocks_of(Paragraph(ParagraphKind.ACTION, sentences))
    _, unbroken = blocks_of(Paragraph(ParagraphKind.ACTION, "\n".join(["No stop"] * 5)))

    assert action.split(3) == (3, action._replace(space_before=0, height=2, text=sentences[180:]))
    assert action.split(4) == action.split(3)  # two lines must go over
    assert action.split(1) is None
    assert unbroken.split(3) is None


def test_dual_dialogue_pairs_with_the_speech_before_it() -> None:
    blocks = blocks_of(
        Paragraph(CHARACTER, "DAVE"),
        Paragraph(DIALOGUE, "Yes."),
        Paragraph(CHARACTER, "JIM", dual=True),
        Paragraph(DIALOGUE, "No."),
        Paragraph(CHARACTER, "KAY", dual=True),  # nothing left to pair with: a plain speech
        Paragraph(DIALOGUE, "Maybe."),
    )

    assert [type(block) for block in blocks] == [TextBlock, FixedBlock, SpeechBlock]


def test_notes_sections_and_synopses_are_not_printed() -> None:
    blocks = blocks_of(
        Paragraph(ParagraphKind.SECTION, "Act One", level=1),
        Paragraph(ParagraphKind.SYNOPSIS, "Things happen."),
        Paragraph(ParagraphKind.PAGE_BREAK, ""),
    )

    assert [type(block) for block in blocks] == [TextBlock, PageBreak]


def test_the_preamble_belongs_to_no_scene() -> None:
    blocks = blocks_of(preamble=(Paragraph(ParagraphKind.TRANSITION, "FADE IN:"),))

    assert [block.scene for block in blocks] == [PREAMBLE, 0]


def test_dialogue_without_a_cue_still_prints() -> None:
    _, dialogue = blocks_of(Paragraph(DIALOGUE, "x" * 36))

    assert isinstance(dialogue, TextBlock)
    assert (dialogue.space_before, dialogue.height, dialogue.width) == (0, 2, 35)
