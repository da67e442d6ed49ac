"""The script as a run of printed blocks, each with its height and how it may break.

A block is what the page-breaking rules treat as one thing: a paragraph of action, a scene
heading, a whole speech (cue, parentheticals and dialogue), two speeches side by side (dual
dialogue). Heights are counted once here, so laying out a feature is a pass over integers;
the text is kept only to re-wrap the two halves of a block that breaks across pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from firstad.breakdown.pagination_format import PageFormat
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


@dataclass(frozen=True, slots=True)
class TextBlock:
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
                return top_height, replace(self, space_before=0, height=rest_height, text=rest)
        return None


@dataclass(frozen=True, slots=True)
class SpeechPart:
    """A parenthetical, a dialogue paragraph or a lyric inside one speech."""

    kind: ParagraphKind
    text: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class SpeechBlock:
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
            first = replace(later[0], text=rest, height=wrapped_line_count(rest, later[0].width))
            later = (first, *later[1:])
        cue = self.cue + CONTINUED
        height = wrapped_line_count(cue, self.cue_width) + sum(part.height for part in later)
        return replace(self, space_before=0, height=height, cue=cue, parts=later)


@dataclass(frozen=True, slots=True)
class FixedBlock:
    """Lines that never break: dual dialogue, or the rest of a block forced over a page."""

    scene: int
    space_before: int
    height: int
    keep_with_next: bool = False

    def split(self, available: int) -> tuple[int, Block] | None:
        return None


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break: what follows starts a new page."""

    scene: int


Block = TextBlock | SpeechBlock | FixedBlock


@dataclass(frozen=True, slots=True)
class _Speech:
    cue: Paragraph
    parts: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class _DualSpeech:
    left: _Speech
    right: _Speech


_Unit = Paragraph | _Speech | _DualSpeech


def script_blocks(script: Script, page_format: PageFormat) -> tuple[Block | PageBreak, ...]:
    """Every printed block of the script in order; the title page is not part of the script."""
    blocks = list(paragraph_blocks(script.preamble, PREAMBLE, page_format))
    for index, scene in enumerate(script.scenes):
        # The heading always prints, even when empty, so every scene has a start page.
        heading = Paragraph(ParagraphKind.SCENE_HEADING, scene.heading)
        blocks.append(_block(heading, index, page_format))
        blocks.extend(paragraph_blocks(scene.paragraphs, index, page_format))
    return tuple(blocks)


def paragraph_blocks(
    paragraphs: Sequence[Paragraph], scene: int, page_format: PageFormat
) -> Iterator[Block | PageBreak]:
    """The blocks of one scene's paragraphs (or the preamble's)."""
    printed = (paragraph for paragraph in paragraphs if _prints(paragraph))
    for unit in _pair_dual(_group_speeches(printed)):
        yield _block(unit, scene, page_format)


def _prints(paragraph: Paragraph) -> bool:
    if paragraph.kind is ParagraphKind.PAGE_BREAK:
        return True
    return paragraph.kind not in _NOT_PRINTED and bool(paragraph.text.strip())


def _group_speeches(paragraphs: Iterable[Paragraph]) -> Iterator[Paragraph | _Speech]:
    cue: Paragraph | None = None
    parts: list[Paragraph] = []
    for paragraph in paragraphs:
        if cue is not None and paragraph.kind in _SPEECH_PARTS:
            parts.append(paragraph)
            continue
        if cue is not None:
            yield _Speech(cue, tuple(parts))
            cue, parts = None, []
        if paragraph.kind is ParagraphKind.CHARACTER:
            cue = paragraph
        else:
            yield paragraph
    if cue is not None:
        yield _Speech(cue, tuple(parts))


def _pair_dual(units: Iterable[Paragraph | _Speech]) -> Iterator[_Unit]:
    """Join a right-hand speech (``dual``) with the speech before it, printed beside it."""
    pending: _Speech | None = None
    for unit in units:
        if pending is not None and isinstance(unit, _Speech) and unit.cue.dual:
            yield _DualSpeech(pending, unit)
            pending = None
            continue
        if pending is not None:
            yield pending
            pending = None
        if isinstance(unit, _Speech):
            pending = unit
        else:
            yield unit
    if pending is not None:
        yield pending


def _block(unit: _Unit, scene: int, page_format: PageFormat) -> Block | PageBreak:
    if isinstance(unit, _Speech):
        return _speech_block(unit, scene, page_format)
    if isinstance(unit, _DualSpeech):
        return _dual_block(unit, scene, page_format)
    if unit.kind is ParagraphKind.PAGE_BREAK:
        return PageBreak(scene)
    style = page_format.style(unit.kind)
    return TextBlock(
        scene=scene,
        space_before=style.space_before,
        height=wrapped_line_count(unit.text, style.width),
        text=unit.text,
        width=style.width,
        keep_with_next=unit.kind in _KEPT_WITH_NEXT,
        breaks_at_sentences=unit.kind in _BREAKS_AT_SENTENCES,
    )


def _speech_block(speech: _Speech, scene: int, page_format: PageFormat) -> SpeechBlock:
    parts = tuple(_speech_part(part, page_format) for part in speech.parts)
    cue_width = page_format.character.width
    cue_height = wrapped_line_count(speech.cue.text, cue_width)
    return SpeechBlock(
        scene=scene,
        space_before=page_format.character.space_before,
        height=cue_height + sum(part.height for part in parts),
        cue=speech.cue.text,
        cue_width=cue_width,
        parts=parts,
    )


def _speech_part(paragraph: Paragraph, page_format: PageFormat) -> SpeechPart:
    width = page_format.style(paragraph.kind).width
    height = wrapped_line_count(paragraph.text, width)
    return SpeechPart(paragraph.kind, paragraph.text, width, height)


def _dual_block(dual: _DualSpeech, scene: int, page_format: PageFormat) -> FixedBlock:
    """Dual dialogue prints two narrow columns side by side, as tall as the longer one."""
    column_heights = (_column_height(speech, page_format) for speech in (dual.left, dual.right))
    return FixedBlock(scene, page_format.character.space_before, max(column_heights))


def _column_height(speech: _Speech, page_format: PageFormat) -> int:
    width = page_format.dual_width
    cue = wrapped_line_count(speech.cue.text, width)
    return cue + sum(wrapped_line_count(part.text, width) for part in speech.parts)
