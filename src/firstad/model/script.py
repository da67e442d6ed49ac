"""The screenplay as written: what every importer produces, whatever the file format.

A script is a title page, a preamble (whatever comes before the first scene heading) and the
scenes. Each scene keeps its paragraphs in order with their kind, so the pagination can lay the
script out as a printed page and the breakdown can find who speaks and what is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ParagraphKind(StrEnum):
    """The element types of screenplay formatting (Fountain 1.1 and Final Draft share them)."""

    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    SHOT = "shot"
    CENTERED = "centered"
    LYRICS = "lyrics"
    PAGE_BREAK = "page_break"
    SECTION = "section"
    SYNOPSIS = "synopsis"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One element of the script.

    ``text`` is plain text: markup (emphasis, forcing characters, notes) is removed; lines inside
    one element are joined with ``\\n``. ``line`` is the 1-based source line where the paragraph
    starts, None when the format has no lines (PDF gives ``page`` instead). ``dual`` marks the
    right-hand column of dual dialogue (the cue with ``^`` and what it says). ``level`` is the
    depth of a section (``#`` = 1); 0 for everything else.
    """

    kind: ParagraphKind
    text: str
    line: int | None = None
    page: int | None = None
    dual: bool = False
    level: int = 0


@dataclass(frozen=True, slots=True)
class Note:
    """A writer's note (Fountain ``[[...]]``, Final Draft ScriptNote).

    Notes never print, but the breakdown reads element tags from them (see
    ``firstad.breakdown.tags``).
    """

    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    """A breakdown element tagged in the source file itself (Final Draft's Tagger).

    ``category`` is the category name as the source spells it; the breakdown maps it onto its
    own categories.
    """

    category: str
    name: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Scene:
    """One scene: its heading and the paragraphs up to the next heading.

    ``heading`` is the heading text as written, without the forcing dot and without the scene
    number. ``number`` is the number the script gives (``12A``), None when the script is not
    numbered. ``reported_eighths`` and ``reported_page`` are the length and start page that the
    writing program stored in the file (Final Draft), None when the file carries none: they are
    an oracle for our pagination, never a replacement for it.
    """

    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    number: str | None = None
    line: int | None = None
    page: int | None = None
    notes: tuple[Note, ...] = ()
    tags: tuple[Tag, ...] = ()
    reported_eighths: int | None = None
    reported_page: str | None = None


@dataclass(frozen=True, slots=True)
class Script:
    """A whole screenplay.

    ``source`` is the path it was read from; ``format`` the importer that read it
    (``fountain``, ``fdx``, ``pdf``). ``title_page`` keeps the title-page keys in file order,
    keys in lower case. ``preamble`` holds the paragraphs before the first heading (FADE IN:).
    ``characters`` lists character names the file declares outside the text (Final Draft's
    SmartType list), empty when it declares none. ``paper`` is the page size the file was laid
    out on, ``"letter"`` or ``"a4"``; None when the file does not say (Fountain), and page
    counts then follow the US Letter standard. ``notes`` are the writer's notes that belong to
    no scene: on the title page or before the first heading, in file order.
    """

    source: str
    format: str
    scenes: tuple[Scene, ...] = ()
    title_page: tuple[tuple[str, str], ...] = ()
    preamble: tuple[Paragraph, ...] = ()
    characters: tuple[str, ...] = ()
    paper: str | None = None
    notes: tuple[Note, ...] = ()

    @property
    def title(self) -> str:
        """The title from the title page, or the file's stem when there is none."""
        for key, value in self.title_page:
            if key == "title" and value.strip():
                return " ".join(value.split())
        stem = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return stem.rsplit(".", 1)[0] if "." in stem else stem
