"""The physical page of a screenplay PDF: characters to lines, page furniture dropped, and the
document's own margins measured, before ``importers.pdf`` reads the lines as screenplay
elements.

Positions are in points from the page's top left, as pdfplumber gives them.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from firstad.model import Problem

POINTS_PER_INCH = 72.0
# Everything above this is the header band (page number, CONTINUED:, revision label): the
# industry's top margin is 1 in and no program starts body text above 0.9 in.
HEADER_BAND = 0.9 * POINTS_PER_INCH
FOOTER_BAND = 0.6 * POINTS_PER_INCH
INDENT_TOLERANCE = 0.15 * POINTS_PER_INCH
_SCENE_NUMBER = re.compile(r"^\*?[A-Z]?\d+[A-Z]{0,3}\.?\*?$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+[A-Z]{0,2}\.?$", re.I)
_CONTINUED = re.compile(r"^\(?\s*CONTINUED\s*\)?:?(?:\s*\(\d+\))?$", re.I)


# --- the page as lines -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text on one line, apart from the next run by a wide gap (a margin, a column)."""

    x0: float
    x1: float
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    top: float
    segments: tuple[Segment, ...]
    number: str | None = None

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return "   ".join(segment.text for segment in self.segments)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    height: float
    width: float
    lines: tuple[Line, ...]


def read_pages(data: bytes, source: str) -> tuple[list[Page] | None, Problem | None]:
    # Imported here: pdfplumber takes ~0.1 s to import, and most scripts are not PDFs.
    import pdfplumber  # noqa: PLC0415

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page(number, page) for number, page in enumerate(pdf.pages, 1)], None
    # pdfminer raises many kinds of errors on damaged input (syntax, EOF, encryption, bad
    # streams); whatever it raises, the file cannot be read and the user should hear so.
    except Exception as error:
        detail = str(error).strip() or type(error).__name__
        message = f"cannot read this PDF (damaged, incomplete or encrypted?): {detail}"
        return None, Problem(message, source)


@dataclass(frozen=True, slots=True)
class _Char:
    x0: float
    x1: float
    top: float
    text: str


def _page(number: int, page: Any) -> Page:
    chars = [
        _Char(float(char["x0"]), float(char["x1"]), float(char["top"]), str(char["text"]))
        for char in page.dedupe_chars().chars
        if char.get("upright", True)
    ]
    rows: list[list[_Char]] = []
    for char in sorted(chars, key=lambda char: (char.top, char.x0)):
        if rows and abs(char.top - rows[-1][0].top) <= 2.0:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = (_line(number, row) for row in rows)
    kept = tuple(line for line in lines if line is not None)
    return Page(number, float(page.height), float(page.width), kept)


def _line(page: int, chars: list[_Char]) -> Line | None:
    """Characters of one row, split into segments where the gap is four characters or more."""
    chars = sorted(chars, key=lambda char: char.x0)
    width = statistics.median(char.x1 - char.x0 for char in chars) or 6.0
    segments: list[Segment] = []
    text: list[str] = []
    start = end = None
    for char in chars:
        if char.text.isspace():
            continue
        if end is not None and char.x0 - end >= 4 * width:
            segments.append(Segment(start or 0.0, end, "".join(text)))
            text, start = [], None
        if end is not None and text and char.x0 - end > width / 2:
            text.append(" " * max(1, round((char.x0 - end) / width)))
        start = char.x0 if start is None else start
        text.append(char.text)
        end = char.x1
    if start is None or end is None:
        return None
    segments.append(Segment(start, end, "".join(text)))
    return Line(page, chars[0].top, tuple(segments))


def without_furniture(page: Page) -> Page:
    """Drop what the printer added: page numbers, CONTINUED headers and footers."""
    kept = tuple(line for line in page.lines if not _is_furniture(line, page.height))
    return replace(page, lines=kept)


def _is_furniture(line: Line, page_height: float) -> bool:
    texts = [segment.text.strip() for segment in line.segments]
    if all(_CONTINUED.match(text) or _PAGE_NUMBER.match(text) for text in texts):
        in_band = line.top < HEADER_BAND or line.top > page_height - FOOTER_BAND - 12
        return in_band or all(_CONTINUED.match(text) for text in texts)
    return line.top < HEADER_BAND and len(line.text) < 50


# --- measuring the layout --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """The document's own margins, in points: action, dialogue, right edge of the body.

    ``numbered`` is whether the script prints scene numbers beside its headings (a shooting
    script); known only once the numbers are read (``importers.pdf``), False until then.
    """

    action: float
    dialogue: float
    right: float
    dialogue_right: float
    page_centre: float
    numbered: bool = False

    @property
    def centre(self) -> float:
        return (self.action + self.right) / 2


def measure(lines: Iterable[Line], page_centre: float) -> Layout:
    body = [line for line in lines if not _has_margin_number(line)]
    starts = Counter(round(line.x0) for line in body if len(line.segments) == 1)
    total = sum(starts.values()) or 1
    # The body margin is the leftmost indent that a real share of the lines use.
    frequent = sorted(x for x, count in starts.items() if count >= 0.05 * total)
    action = float(frequent[0]) if frequent else 108.0
    near = Counter(
        round(line.x0)
        for line in body
        if 0.5 * POINTS_PER_INCH <= line.x0 - action <= 1.6 * POINTS_PER_INCH
        and not line.text.startswith("(")
    )
    dialogue = float(near.most_common(1)[0][0]) if near else action + POINTS_PER_INCH
    action_ends = [line.x1 for line in body if abs(line.x0 - action) <= INDENT_TOLERANCE]
    dialogue_ends = [line.x1 for line in body if abs(line.x0 - dialogue) <= INDENT_TOLERANCE]
    right = max(action_ends, default=action + 6 * POINTS_PER_INCH)
    dialogue_right = max(dialogue_ends, default=dialogue + 252.0)
    return Layout(action, dialogue, right, dialogue_right, page_centre)


def _has_margin_number(line: Line) -> bool:
    first = line.segments[0].text.strip()
    return len(line.segments) > 1 and _SCENE_NUMBER.match(first) is not None


def with_scene_numbers(page: Page, layout: Layout) -> Page:
    return replace(page, lines=tuple(_take_scene_number(line, layout) for line in page.lines))


def _take_scene_number(line: Line, layout: Layout) -> Line:
    """Scene numbers stand in the margins, left of the body and right of it, on the heading."""
    segments = list(line.segments)
    number = None
    if len(segments) > 1 and segments[0].x1 < layout.action and _number(segments[0]):
        raw = segments[0].text.strip()
        number = _number(segments.pop(0))
        segments[-1] = _without_trailing_number(segments[-1], raw)
    at_margin = abs(segments[0].x0 - layout.action) <= INDENT_TOLERANCE
    if len(segments) > 1 and at_margin and _number(segments[-1]):
        right_number = _number(segments.pop())
        number = number or right_number
    return replace(line, segments=tuple(segments), number=number)


def _without_trailing_number(segment: Segment, raw: str) -> Segment:
    """A heading that runs near the right margin ends a few spaces short of its number, too
    close to split as a column: the number printed on the left says what to take off."""
    match = re.search(rf"\s{{2,}}{re.escape(raw)}$", segment.text)
    return segment if match is None else replace(segment, text=segment.text[: match.start()])


def _number(segment: Segment) -> str | None:
    text = segment.text.strip()
    return text.strip("*").rstrip(".") if _SCENE_NUMBER.match(text) else None
