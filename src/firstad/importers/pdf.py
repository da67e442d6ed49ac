"""PDF importer: a screenplay read back from the page layout.

A screenplay PDF carries no element types, only text at positions; but screenplay format is
strict enough that the left indent tells the element: action and headings at the body margin
(1.5 in), dialogue about 1 in further, parentheticals about 1.5 in, cues about 2 in, transitions
against the right margin. Programs differ by a few tenths of an inch, so the margins are
measured from the document (the most common indents) rather than fixed.

What the page break added is taken away again: page numbers, ``CONTINUED:`` headers and
``(CONTINUED)`` footers, and a speech split over two pages (``(MORE)`` at the bottom, the cue
repeated with ``(CONT'D)`` at the top) is joined back into one. A ``(CONT'D)`` that the writer
put on a cue after an interruption by action is kept as written, as the Fountain importer keeps
it: the breakdown strips cue extensions either way.

Scene numbers printed in the margins become ``Scene.number``. ``Paragraph.page`` is the script
page (the title page not counted); ``Paragraph.line`` is None, a PDF has no source lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from firstad.importers.pdf_page import (
    INDENT_TOLERANCE,
    POINTS_PER_INCH,
    Layout,
    Line,
    Page,
    measure,
    read_pages,
    with_scene_numbers,
    without_furniture,
)
from firstad.importers.title_page import merge_repeated_keys
from firstad.model import Paragraph, ParagraphKind, Problem, Scene, Script

NO_TEXT_LAYER = (
    "this PDF has no text layer (a scan?); export the script from the writing program as "
    "PDF with text, FDX or Fountain"
)

_SCENE_INTRO = re.compile(r"^(?:INT|EXT|EST|I/E|E/I|INT\.?\s?/\s?EXT|EXT\.?\s?/\s?INT)[.\s/]", re.I)
_MORE = re.compile(r"^\(\s*MORE\s*\)$", re.I)
_CONTINUED_CUE = re.compile(r"\s*\(\s*CONT['\u2019]?D\.?\s*\)\s*$", re.I)
_CREDIT = re.compile(r"^(?:written|screenplay|story|teleplay|adapted)?\s*(?:and\s+)?by\b", re.I)
_SOURCE = re.compile(r"^(?:based on|story by|from|adapted from|inspired by)\b", re.I)
_COPYRIGHT = re.compile(r"copyright|\(c\)|©", re.I)
_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\bdraft\b", re.I)


def parse_pdf(data: bytes, source: str) -> tuple[Script | None, tuple[Problem, ...]]:
    """Read a screenplay PDF with a text layer into a Script."""
    pages, problem = read_pages(data, source)
    if pages is None:
        return None, (problem,) if problem is not None else ()
    if not any(page.lines for page in pages):
        return None, (Problem(NO_TEXT_LAYER, source),)
    body_pages = tuple(without_furniture(page) for page in pages)
    layout = measure(
        (line for page in body_pages for line in page.lines),
        page_centre=statistics.median(page.width for page in pages) / 2,
    )
    body_pages = tuple(with_scene_numbers(page, layout) for page in body_pages)
    layout = replace(layout, numbered=_prints_scene_numbers(body_pages))
    title_pages = _title_page_count(body_pages, layout)
    title_page = _title_page(body_pages[:title_pages], layout)
    paragraphs = _paragraphs(body_pages[title_pages:], layout, first_page=title_pages)
    script = _script(source, title_page, paragraphs)
    return replace(script, paper=_paper(statistics.median(page.height for page in pages))), ()


# Page heights in points: US Letter is 792 (11 in), A4 is 842 (297 mm).
_A4_HEIGHT_THRESHOLD = 817.0


def _paper(height: float) -> str:
    return "a4" if height > _A4_HEIGHT_THRESHOLD else "letter"


def _prints_scene_numbers(pages: Sequence[Page]) -> bool:
    """A script that numbers its scenes numbers (nearly) every INT./EXT. heading."""
    intros = [line for page in pages for line in page.lines if _SCENE_INTRO.match(line.text)]
    numbered = sum(line.number is not None for line in intros)
    return bool(intros) and 2 * numbered >= len(intros)


# --- title page ------------------------------------------------------------------------------


def _is_centred(line: Line, layout: Layout) -> bool:
    centre = (line.x0 + line.x1) / 2
    indented = line.x0 - layout.action > 0.3 * POINTS_PER_INCH
    # Programs centre either on the page or between the body margins (1.5 in and 7.5 in).
    offset = min(abs(centre - layout.centre), abs(centre - layout.page_centre))
    return indented and offset <= 0.3 * POINTS_PER_INCH


def _title_page_count(pages: Sequence[Page], layout: Layout) -> int:
    """The first page is a title page when it has centred text and no scene heading."""
    if len(pages) < 2 or not pages[0].lines:
        return 0
    lines = pages[0].lines
    has_heading = any(_SCENE_INTRO.match(line.text) for line in lines)
    return int(not has_heading and any(_is_centred(line, layout) for line in lines))


def _title_page(pages: Sequence[Page], layout: Layout) -> tuple[tuple[str, str], ...]:
    entries: list[tuple[str, str]] = []
    for line in (line for page in pages for line in page.lines):
        text = line.text.strip()
        keys = [key for key, _ in entries]
        key = _centred_key(text, keys) if _is_centred(line, layout) else _corner_key(text, keys)
        entries.append((key, text))
    return merge_repeated_keys(entries)


def _centred_key(text: str, keys: list[str]) -> str:
    """Centred block, in the industry's order: title, credit, author(s), source."""
    if not keys:
        return "title"
    if _SOURCE.match(text) and "author" in keys:
        return "source"
    if _CREDIT.match(text) and "credit" not in keys:
        return "credit"
    if keys[-1] in {"credit", "author"}:
        return "author"
    return "title" if keys[-1] == "title" else "notes"


def _corner_key(text: str, keys: list[str]) -> str:
    if _COPYRIGHT.search(text):
        return "copyright"
    if _DATE.search(text) and "draft date" not in keys:
        return "draft date"
    return "contact"


# --- lines to paragraphs ---------------------------------------------------------------------


class _Role(Enum):
    HEADING = "heading"
    SHOT = "shot"
    ACTION = "action"
    CUE = "cue"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    CENTERED = "centered"
    MORE = "more"


_KIND = {
    _Role.HEADING: ParagraphKind.SCENE_HEADING,
    _Role.SHOT: ParagraphKind.SHOT,
    _Role.ACTION: ParagraphKind.ACTION,
    _Role.CUE: ParagraphKind.CHARACTER,
    _Role.DIALOGUE: ParagraphKind.DIALOGUE,
    _Role.PARENTHETICAL: ParagraphKind.PARENTHETICAL,
    _Role.TRANSITION: ParagraphKind.TRANSITION,
    _Role.CENTERED: ParagraphKind.CENTERED,
}


@dataclass(frozen=True, slots=True)
class _Piece:
    """A paragraph in the making: its lines, to be joined once the paragraph is complete."""

    role: _Role
    lines: tuple[Line, ...]
    dual: bool = False


def _paragraphs(
    pages: Sequence[Page], layout: Layout, first_page: int
) -> list[tuple[Paragraph, str | None]]:
    """The script's paragraphs, each with the scene number printed beside it (headings)."""
    pieces: list[_Piece] = []
    pitch = _line_pitch(pages)
    for page in pages:
        for block in _blocks(page.lines, pitch):
            pieces.extend(_block_pieces(block, layout, previous=pieces[-1] if pieces else None))
    pieces = _join_continued_speeches(pieces)
    return [
        (_paragraph(piece, layout, first_page), _piece_number(piece))
        for piece in pieces
        if piece.role is not _Role.MORE
    ]


def _piece_number(piece: _Piece) -> str | None:
    return next((line.number for line in piece.lines if line.number), None)


def _line_pitch(pages: Sequence[Page]) -> float:
    """The distance between two lines of one paragraph: the smallest common gap."""
    gaps = Counter(
        round(line.top - previous.top)
        for page in pages
        for previous, line in itertools.pairwise(page.lines)
        if line.top - previous.top >= 4
    )
    common = [gap for gap, count in gaps.items() if count >= 3]
    return float(min(common or gaps or [12]))


def _blocks(lines: Sequence[Line], pitch: float) -> Iterator[list[Line]]:
    """Runs of lines with no blank line between them: one paragraph, or one speech."""
    if not lines:
        return
    block = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if line.top - previous.top > 1.5 * pitch:
            yield block
            block = []
        block.append(line)
    yield block


def _block_pieces(block: list[Line], layout: Layout, previous: _Piece | None) -> list[_Piece]:
    first = block[0]
    if (
        len(first.segments) == 2
        and len(block) > 1
        and all(_is_caps(s.text) for s in first.segments)
    ):
        return _dual_pieces(block)
    if len(block) > 1 and _is_cue(first, layout) and _is_speech(block[1], layout):
        return [_Piece(_Role.CUE, (first,)), *_speech_pieces(block[1:], dual=False)]
    if len(block) == 1 and _is_shot(first, layout, previous):
        return [_Piece(_Role.SHOT, (first,))]
    pieces: list[_Piece] = []
    for line in block:
        role = _role(line, layout, previous=pieces[-1] if pieces else previous)
        if pieces and _continues(pieces[-1], role, line):
            pieces[-1] = replace(pieces[-1], lines=(*pieces[-1].lines, line))
        else:
            pieces.append(_Piece(role, (line,)))
    return pieces


def _continues(piece: _Piece, role: _Role, line: Line) -> bool:
    if piece.role is _Role.HEADING:
        # A long heading wraps, and some programs number it beside its last line.
        numbered_wrap = (
            role is _Role.HEADING
            and _piece_number(piece) is None
            and not _SCENE_INTRO.match(line.text)
        )
        return _is_caps(line.text) and (role is _Role.ACTION or numbered_wrap)
    return piece.role is role and role is not _Role.TRANSITION


def _role(line: Line, layout: Layout, previous: _Piece | None) -> _Role:
    text = line.text.strip()
    indent = line.x0 - layout.action
    if abs(indent) <= INDENT_TOLERANCE:
        if _is_numbered_heading(line):
            return _Role.HEADING
        return _action_role(text, previous, numbered=layout.numbered)
    if _MORE.match(text):
        return _Role.MORE
    if _is_caps(text) and indent >= 2.5 * POINTS_PER_INCH:
        against_right = line.x1 >= layout.right - 0.4 * POINTS_PER_INCH
        if against_right or text.endswith(":"):
            return _Role.TRANSITION
    if _is_centred(line, layout):
        return _Role.CENTERED
    if text.startswith("("):
        return _Role.PARENTHETICAL
    if abs(line.x0 - layout.dialogue) <= INDENT_TOLERANCE:
        return _Role.DIALOGUE
    return _Role.ACTION


def _action_role(text: str, previous: _Piece | None, *, numbered: bool) -> _Role:
    if _SCENE_INTRO.match(text):
        return _Role.HEADING
    # A transition ends a scene, so a bare caps line after one starts the next (a forced
    # heading such as OPENING TITLES); elsewhere such a line is a shot, read as action. A
    # numbered script numbers such a heading, so there the missing number says shot.
    after_transition = not numbered and previous is not None and previous.role is _Role.TRANSITION
    if after_transition and _is_caps(text) and not text.endswith((".", "!", "?", ":")):
        return _Role.HEADING
    return _Role.ACTION


def _is_numbered_heading(line: Line) -> bool:
    """A caps line at the body margin with a scene number beside it starts a scene, whatever
    its words: programs print numbers on scene headings only, so a forced heading such as
    SNIPER SCOPE POV, whose Fountain dot the page cannot show, keeps its scene."""
    return line.number is not None and _is_caps(line.text)


def _is_shot(line: Line, layout: Layout, previous: _Piece | None) -> bool:
    """A bare caps line alone at the body margin (CLOSE ON THE KEYS; SNIPER SCOPE POV when
    the script is not numbered: nothing on the page then tells it from a shot)."""
    if _is_numbered_heading(line):
        return False
    text = line.text.strip()
    at_margin = abs(line.x0 - layout.action) <= INDENT_TOLERANCE
    bare = _is_caps(text) and not text.endswith((".", "!", "?", ":", ")")) and len(text) <= 60
    role = _action_role(text, previous, numbered=layout.numbered)
    return at_margin and bare and role is _Role.ACTION


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _is_cue(line: Line, layout: Layout) -> bool:
    cue_text = re.sub(r"\(.*?\)", "", line.text)
    beyond_dialogue = line.x0 - layout.dialogue >= 0.5 * POINTS_PER_INCH
    return len(line.segments) == 1 and beyond_dialogue and _is_caps(cue_text)


def _is_speech(line: Line, layout: Layout) -> bool:
    """Dialogue starts at the dialogue margin; a parenthetical between it and the cue."""
    at_dialogue = abs(line.x0 - layout.dialogue) <= INDENT_TOLERANCE
    parenthetical = line.text.startswith("(") and line.x0 > layout.dialogue
    return at_dialogue or parenthetical


def _speech_pieces(lines: Sequence[Line], *, dual: bool) -> list[_Piece]:
    """Dialogue and parentheticals under a cue; a parenthetical runs to its closing bracket."""
    pieces: list[_Piece] = []
    open_parenthetical = False
    for line in lines:
        text = line.text.strip()
        if _MORE.match(text):
            role = _Role.MORE
        elif open_parenthetical or text.startswith("("):
            role = _Role.PARENTHETICAL
        else:
            role = _Role.DIALOGUE
        open_parenthetical = role is _Role.PARENTHETICAL and not text.endswith(")")
        if pieces and pieces[-1].role is role and role is not _Role.MORE:
            pieces[-1] = replace(pieces[-1], lines=(*pieces[-1].lines, line))
        else:
            pieces.append(_Piece(role, (line,), dual=dual))
    return pieces


def _dual_pieces(block: list[Line]) -> list[_Piece]:
    """Two speeches side by side: the left column first, then the right one marked dual."""
    left_cue, right_cue = block[0].segments
    boundary = (left_cue.x0 + right_cue.x0) / 2
    columns: tuple[list[Line], list[Line]] = ([], [])
    for line in block:
        for segment in line.segments:
            column = columns[segment.x0 >= boundary]
            column.append(Line(line.page, line.top, (segment,)))
    pieces: list[_Piece] = []
    for dual, column in enumerate(columns):
        pieces.append(_Piece(_Role.CUE, tuple(column[:1]), dual=bool(dual)))
        pieces.extend(_speech_pieces(column[1:], dual=bool(dual)))
    return pieces


def _join_continued_speeches(pieces: list[_Piece]) -> list[_Piece]:
    """(MORE) ... NAME (CONT'D) over a page break is one speech, as the writer typed it."""
    joined: list[_Piece] = []
    carried_cue: str | None = None
    for piece in pieces:
        if piece.role is _Role.MORE:
            carried_cue = _last_cue(joined)
            continue
        if carried_cue is not None and piece.role is _Role.CUE:
            repeated = _CONTINUED_CUE.sub("", piece.lines[0].text.strip())
            if repeated == carried_cue and _CONTINUED_CUE.search(piece.lines[0].text):
                carried_cue = "joining"
                continue
        if carried_cue == "joining" and joined and piece.role is joined[-1].role is _Role.DIALOGUE:
            joined[-1] = replace(joined[-1], lines=(*joined[-1].lines, *piece.lines))
            carried_cue = None
            continue
        carried_cue = None
        joined.append(piece)
    return joined


def _last_cue(pieces: Sequence[_Piece]) -> str | None:
    for piece in reversed(pieces):
        if piece.role is _Role.CUE:
            return _CONTINUED_CUE.sub("", piece.lines[0].text.strip())
    return None


def _paragraph(piece: _Piece, layout: Layout, first_page: int) -> Paragraph:
    if piece.role in {_Role.HEADING, _Role.PARENTHETICAL, _Role.CUE}:
        # Wrapped by the page width only; a writer never breaks these by hand.
        text = " ".join(" ".join(line.text.split()) for line in piece.lines)
    else:
        limit = layout.dialogue_right if piece.role is _Role.DIALOGUE else layout.right
        text = _joined_text(piece.lines, limit)
    page = piece.lines[0].page - first_page
    return Paragraph(_KIND[piece.role], text, line=None, page=page, dual=piece.dual)


def _joined_text(lines: Sequence[Line], limit: float) -> str:
    """Soft wraps become spaces; a line that stopped short of the margin was a hard break."""
    text = lines[0].text.strip()
    for previous, line in itertools.pairwise(lines):
        words = line.text.split()
        first_word = words[0] if words else ""
        width = (previous.x1 - previous.x0) / max(len(previous.text), 1)
        would_fit = previous.x1 + width * (len(first_word) + 1) <= limit + width / 2
        # Across a page break the paragraph was split by the printer, not by the writer.
        separator = "\n" if would_fit and line.page == previous.page else " "
        text = f"{text}{separator}{line.text.strip()}"
    return text


# --- scenes ----------------------------------------------------------------------------------


def _script(
    source: str,
    title_page: tuple[tuple[str, str], ...],
    numbered: list[tuple[Paragraph, str | None]],
) -> Script:
    kinds = [paragraph.kind for paragraph, _ in numbered]
    headings = [i for i, kind in enumerate(kinds) if kind is ParagraphKind.SCENE_HEADING]
    bounds = [*headings, len(numbered)]
    preamble = numbered[: headings[0]] if headings else numbered
    return Script(
        source=source,
        format="pdf",
        scenes=tuple(_scene(numbered[start:end]) for start, end in itertools.pairwise(bounds)),
        title_page=title_page,
        preamble=tuple(paragraph for paragraph, _ in preamble),
    )


def _scene(numbered: Sequence[tuple[Paragraph, str | None]]) -> Scene:
    heading, number = numbered[0]
    return Scene(
        heading=heading.text,
        paragraphs=tuple(paragraph for paragraph, _ in numbered[1:]),
        number=number,
        page=heading.page,
    )
