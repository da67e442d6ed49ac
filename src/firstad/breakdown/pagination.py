"""Laying the script out on industry pages, and each scene's length in page eighths.

A production measures a scene by the printed page: 12 pt Courier on US Letter, about 55 lines
a page, each page split into eighths (about an inch of paper, a little under 8 seconds of
screen time). The stripboard, the one-liner and the schedule's day lengths all read these
numbers, so they have to agree with what Final Draft or Movie Magic would print. The page
breaks follow the rules writing programs share: no scene heading alone at the foot of a page,
speeches and action broken only between sentences with two lines either side, a broken speech
marked (MORE) and continued under "NAME (CONT'D)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from firstad.breakdown.pagination_blocks import (
    PREAMBLE,
    Block,
    FixedBlock,
    PageBreak,
    script_blocks,
)
from firstad.breakdown.pagination_format import A4, LETTER, ElementStyle, PageFormat
from firstad.model import Script

__all__ = [
    "A4",
    "LETTER",
    "ElementStyle",
    "Layout",
    "PageFormat",
    "ScenePlacement",
    "eighths_on_page",
    "paginate",
]

EIGHTHS_PER_PAGE = 8


@dataclass(frozen=True, slots=True)
class ScenePlacement:
    """Where a scene lands: the page it starts on and its length in eighths (>= 1).

    ``lines`` is how many body lines it prints (the blank lines above each of its paragraphs
    included), ``last_page`` the page it ends on; both 0 when the placement was not laid out.
    """

    page: int
    eighths: int
    lines: int = 0
    last_page: int = 0


@dataclass(frozen=True, slots=True)
class Layout:
    """The laid-out script: page count and one placement per scene, in script order.

    ``pages`` counts script pages only: the title page is not numbered and not counted.
    """

    pages: int
    scenes: tuple[ScenePlacement, ...]


def paginate(script: Script, *, page_format: PageFormat = LETTER) -> Layout:
    """Lay the script out as the industry prints it."""
    body_lines = page_format.body_lines
    pages = _fill_pages(script_blocks(script, page_format), body_lines)
    shares = _shares_by_scene(pages, len(script.scenes))
    placements = tuple(_placement(scene_shares, len(pages), body_lines) for scene_shares in shares)
    return Layout(pages=len(pages), scenes=placements)


def eighths_on_page(lines: int, body_lines: int) -> int:
    """A scene's share of one page, the way Final Draft and Movie Magic count it.

    The share is rounded to the nearest eighth (halves up), and a scene that prints anything
    on a page counts at least 1/8 there: a one-line scene still has to be shot.
    """
    nearest = (lines * 2 * EIGHTHS_PER_PAGE + body_lines) // (2 * body_lines)
    return max(1, nearest)


def _shares_by_scene(pages: Sequence[dict[int, int]], scenes: int) -> list[list[tuple[int, int]]]:
    """Per scene, (page number, lines printed there) for every page it appears on."""
    shares: list[list[tuple[int, int]]] = [[] for _ in range(scenes)]
    for number, page in enumerate(pages, 1):
        for scene, lines in page.items():
            if scene != PREAMBLE:
                shares[scene].append((number, lines))
    return shares


def _placement(shares: Sequence[tuple[int, int]], pages: int, body_lines: int) -> ScenePlacement:
    if not shares:
        return ScenePlacement(page=max(1, pages), eighths=1)
    eighths = sum(eighths_on_page(lines, body_lines) for _, lines in shares)
    return ScenePlacement(
        page=shares[0][0],
        eighths=max(1, eighths),
        lines=sum(lines for _, lines in shares),
        last_page=shares[-1][0],
    )


@dataclass(slots=True)
class _Pages:
    """The pages being filled: per page, the lines each scene prints there."""

    body_lines: int
    pages: list[dict[int, int]] = field(default_factory=lambda: [{}])
    used: int = 0

    def put(self, scene: int, lines: int) -> None:
        page = self.pages[-1]
        page[scene] = page.get(scene, 0) + lines
        self.used += lines

    def new_page(self) -> None:
        if self.used:
            self.pages.append({})
            self.used = 0

    def space_before(self, block: Block) -> int:
        """Blank lines above a block; none at the top of a page."""
        return block.space_before if self.used else 0

    def finished(self) -> list[dict[int, int]]:
        return self.pages if self.used else self.pages[:-1]


def _fill_pages(blocks: Sequence[Block | PageBreak], body_lines: int) -> list[dict[int, int]]:
    pages = _Pages(body_lines)
    for index, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            pages.new_page()
            continue
        lines = pages.space_before(block) + block.height
        if pages.used + lines <= body_lines and not block.keep_with_next:
            pages.put(block.scene, lines)  # the common case: it fits, nothing to decide
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        remaining: Block | None = block
        while remaining is not None:
            remaining = _place(pages, remaining, following)
    return pages.finished()


def _place(pages: _Pages, block: Block, following: Block | PageBreak | None) -> Block | None:
    """Put as much of ``block`` on the current page as the rules allow; return what is left."""
    space = pages.space_before(block)
    available = pages.body_lines - pages.used - space
    if block.height <= available and _keeps_company(pages, block, following, available):
        pages.put(block.scene, space + block.height)
        return None
    split = block.split(available) if not block.keep_with_next else None
    if split is not None:
        top_height, rest = split
        pages.put(block.scene, space + top_height)
        pages.new_page()
        return rest
    if block.height <= pages.body_lines or available < 1:
        pages.new_page()
        return block
    # Taller than any page and unbreakable by the rules: moving it would not help, so it is
    # cut at the foot of this page, as a writing program does with a runaway paragraph.
    pages.put(block.scene, space + available)
    pages.new_page()
    return FixedBlock(block.scene, 0, block.height - available)


def _keeps_company(
    pages: _Pages, block: Block, following: Block | PageBreak | None, available: int
) -> bool:
    """False when ``block`` must not end the page (a heading with nothing under it).

    At the top of a page the block stays regardless: moving it would only repeat the problem.
    """
    if not block.keep_with_next or not pages.used or following is None:
        return True
    if isinstance(following, PageBreak):
        return True
    left = available - block.height - following.space_before
    if following.height > pages.body_lines:
        return left > 0  # it will be cut wherever it starts
    return following.height <= left or following.split(left) is not None
