"""The script as a run of printed blocks, each with its height and how it may break.

A block is what the page-breaking rules treat as one thing: a paragraph of action, a scene
heading, a whole speech (cue, parentheticals and dialogue), two speeches side by side (dual
dialogue). Heights are counted once here, so laying out a feature is a pass over integers;
the text is kept only to re-wrap the two halves of a block that breaks across pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from firstad.breakdown.pagination_format import ElementStyle, PageFormat
from firstad.breakdown.pagination_wrap import sentence_ends, split_at, wrapped_line_count
from firstad.model import Paragraph, ParagraphKind, Script

# The scene index of the paragraphs before the first heading (FADE IN:).
PREAMBLE = -1

# Final Draft's "Mores and Continueds" defaults: a speech broken across pages ends with
# (MORE) under the dialogue and resumes under the cue with (CONT'D).
MORE_LINES = 1
CONTINUED = " (CONT'D)"

# Screenwriting programs leave at least two lines of a broken action paragraph or speech on
# each page ("no widows or orphans"); anything shorter moves whole to the next page.
MINIMUM_LINES_EACH_SIDE = 2

_NOT_PRINTED = frozenset({ParagraphKind.SECTION, ParagraphKind.SYNOPSIS})
_SPEECH_PARTS = frozenset(
    {ParagraphKind.PARENTHETICAL, ParagraphKind.DIALOGUE, ParagraphKind.LYRICS}
)
# Final Draft paginates a shot "as Scene Heading": neither is left alone at the page's foot.
_KEPT_WITH_NEXT = frozenset({ParagraphKind.SCENE_HEADING, ParagraphKind.SHOT})
# Programs break action (and only action, outside speeches) between sentences.
_BREAKS_AT_SENTENCES = frozenset({ParagraphKind.ACTION})


# Blocks are named tuples rather than frozen dataclasses: a feature makes a few thousand of
# them per layout, and a frozen dataclass costs twice as much to build.


class TextBlock(NamedTuple):
    """One paragraph outside a speech: heading, action, transition, shot, centred text."""

    scene: int
    space_before: int
    height: int
    text: str
    width: int
    keep_with_next: bool = False
    breaks_at_sentences: bool = False

    def split(self, available: int) -> tuple[int, Block] | None:
        """The largest top part (in lines) that fits in ``available``, and the rest."""
        if not self.breaks_at_sentences:
            return None
        for offset in reversed(sentence_ends(self.text)):
            top, rest = split_at(self.text, offset)
            top_height = wrapped_line_count(top, self.width)
            if top_height < MINIMUM_LINES_EACH_SIDE:
                return None
            rest_height = wrapped_line_count(rest, self.width)
            if top_height <= available and rest_height >= MINIMUM_LINES_EACH_SIDE:
                return top_height, self._replace(space_before=0, height=rest_height, text=rest)
        return None


class SpeechPart(NamedTuple):
    """A parenthetical, a dialogue paragraph or a lyric inside one speech."""

    kind: ParagraphKind
    text: str
    width: int
    height: int


class SpeechBlock(NamedTuple):
    """A character cue and everything the character says until the next other element."""

    scene: int
    space_before: int
    height: int
    cue: str
    cue_width: int
    parts: tuple[SpeechPart, ...]
    keep_with_next: bool = False

    def split(self, available: int) -> tuple[int, Block] | None:
        """Break between sentences of dialogue, adding (MORE) here and (CONT'D) overleaf."""
        cue_height = wrapped_line_count(self.cue, self.cue_width)
        body_height = self.height - cue_height
        best: tuple[int, int, int] | None = None
        for part_index, offset, top_body in self._break_points():
            fits = cue_height + top_body + MORE_LINES <= available
            if fits and body_height - top_body >= MINIMUM_LINES_EACH_SIDE:
                best = (part_index, offset, top_body)
        if best is None:
            return None
        part_index, offset, top_body = best
        return cue_height + top_body + MORE_LINES, self._continuation(part_index, offset)

    def _break_points(self) -> Iterator[tuple[int, int, int]]:
        """(part, offset, body lines above the break) for every allowed break, top down.

        A break may fall after a sentence inside a dialogue paragraph, or after a dialogue
        paragraph or lyric (so a parenthetical opens the next page, never closes this one).
        """
        lines_above = 0
        for index, part in enumerate(self.parts):
            if part.kind is ParagraphKind.DIALOGUE:
                for offset in sentence_ends(part.text):
                    top = split_at(part.text, offset)[0]
                    top_body = lines_above + wrapped_line_count(top, part.width)
                    if top_body >= MINIMUM_LINES_EACH_SIDE:
                        yield index, offset, top_body
            lines_above += part.height
            ends_speaking = part.kind is not ParagraphKind.PARENTHETICAL
            if ends_speaking and lines_above >= MINIMUM_LINES_EACH_SIDE:
                yield index + 1, 0, lines_above

    def _continuation(self, part_index: int, offset: int) -> SpeechBlock:
        later = self.parts[part_index:]
        if offset:
            rest = split_at(later[0].text, offset)[1]
            first = later[0]._replace(text=rest, height=wrapped_line_count(rest, later[0].width))
            later = (first, *later[1:])
        cue = self.cue + CONTINUED
        height = wrapped_line_count(cue, self.cue_width) + sum(part.height for part in later)
        return self._replace(space_before=0, height=height, cue=cue, parts=later)


class FixedBlock(NamedTuple):
    """Lines that never break: dual dialogue, or the rest of a block forced over a page."""

    scene: int
    space_before: int
    height: int
    keep_with_next: bool = False

    def split(self, available: int) -> tuple[int, Block] | None:
        return None


class PageBreak(NamedTuple):
    """A forced page break: what follows starts a new page."""

    scene: int


Block = TextBlock | SpeechBlock | FixedBlock
AnyBlock = Block | PageBreak


def script_blocks(script: Script, page_format: PageFormat) -> tuple[AnyBlock, ...]:
    """Every printed block of the script in order; the title page is not part of the script."""
    maker = _BlockMaker(page_format, page_format.styles())
    blocks: list[AnyBlock] = []
    maker.add_blocks(blocks, script.preamble, PREAMBLE)
    for index, scene in enumerate(script.scenes):
        # The heading always prints, even when empty, so every scene has a start page.
        heading = Paragraph(ParagraphKind.SCENE_HEADING, scene.heading)
        blocks.append(maker.paragraph_block(heading, index))
        maker.add_blocks(blocks, scene.paragraphs, index)
    return tuple(blocks)


def _printed(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs that take room on the page: not sections, synopses or empty ones."""
    return [
        paragraph
        for paragraph in paragraphs
        if paragraph.kind is ParagraphKind.PAGE_BREAK
        or (paragraph.kind not in _NOT_PRINTED and paragraph.text and not paragraph.text.isspace())
    ]


def _speech_end(paragraphs: Sequence[Paragraph], cue_index: int) -> int:
    """The index just past the speech whose cue is at ``cue_index``."""
    end = cue_index + 1
    while end < len(paragraphs) and paragraphs[end].kind in _SPEECH_PARTS:
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class _BlockMaker:
    """Measures paragraphs on one page format (its style table looked up once)."""

    page_format: PageFormat
    styles: Mapping[ParagraphKind, ElementStyle]

    def add_blocks(
        self, blocks: list[AnyBlock], paragraphs: Sequence[Paragraph], scene: int
    ) -> None:
        """Append the blocks of one scene's paragraphs (or the preamble's)."""
        printed = _printed(paragraphs)
        previous_speech: Sequence[Paragraph] = ()
        index = 0
        while index < len(printed):
            paragraph = printed[index]
            if paragraph.kind is not ParagraphKind.CHARACTER:
                blocks.append(self.paragraph_block(paragraph, scene))
                previous_speech, index = (), index + 1
                continue
            end = _speech_end(printed, index)
            speech = printed[index:end]
            if paragraph.dual and previous_speech:
                # The right-hand column prints beside the speech just laid out.
                blocks[-1] = self._dual_block(previous_speech, speech, scene)
                previous_speech = ()
            else:
                blocks.append(self._speech_block(speech, scene))
                previous_speech = speech
            index = end

    def paragraph_block(self, paragraph: Paragraph, scene: int) -> AnyBlock:
        kind = paragraph.kind
        if kind is ParagraphKind.PAGE_BREAK:
            return PageBreak(scene)
        style = self.styles[kind]
        return TextBlock(
            scene,
            style.space_before,
            wrapped_line_count(paragraph.text, style.width),
            paragraph.text,
            style.width,
            kind in _KEPT_WITH_NEXT,
            kind in _BREAKS_AT_SENTENCES,
        )

    def _speech_block(self, speech: Sequence[Paragraph], scene: int) -> SpeechBlock:
        parts = tuple(self._speech_part(part) for part in speech[1:])
        cue_style = self.page_format.character
        cue_height = wrapped_line_count(speech[0].text, cue_style.width)
        height = cue_height + sum(part.height for part in parts)
        return SpeechBlock(
            scene, cue_style.space_before, height, speech[0].text, cue_style.width, parts
        )

    def _speech_part(self, paragraph: Paragraph) -> SpeechPart:
        width = self.styles[paragraph.kind].width
        height = wrapped_line_count(paragraph.text, width)
        return SpeechPart(paragraph.kind, paragraph.text, width, height)

    def _dual_block(
        self, left: Sequence[Paragraph], right: Sequence[Paragraph], scene: int
    ) -> FixedBlock:
        """Dual dialogue prints two narrow columns side by side, as tall as the longer one."""
        height = max(self._column_height(left), self._column_height(right))
        return FixedBlock(scene, self.page_format.character.space_before, height)

    def _column_height(self, speech: Sequence[Paragraph]) -> int:
        width = self.page_format.dual_width
        return sum(wrapped_line_count(paragraph.text, width) for paragraph in speech)
