"""Fountain 1.1 importer: the plain-text screenplay format (https://fountain.io/syntax).

One pass (``fountain_markup``) removes what never prints, boneyard and notes, while keeping every
remaining line's original number; a second pass reads the title page; a third walks the body
block by block (runs of non-blank lines), since Fountain decides an element's kind by the blank
lines around it. The spec asks for a blank line after a scene heading and a transition; real
scripts often skip it, so a capitalised heading or transition followed directly by text is still
read as one. A missed heading would silently drop a scene from the schedule, which is worse than
a heading read too eagerly.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from firstad.importers.fountain_markup import strip_markup
from firstad.model import Note, Paragraph, ParagraphKind, Problem, Scene, Script

__all__ = ["parse_fountain"]

# Spec: a heading starts with INT, EXT, EST, INT./EXT, INT/EXT or I/E, then a dot or a space.
# Writers also use the reverse order (EXT./INT., EXT/INT, E/I), which Final Draft accepts.
_HEADING = re.compile(r"(?:INT\.?/EXT|EXT\.?/INT|INT|EXT|EST|I/E|E/I)[.\s]", re.IGNORECASE)
# Spec: scene numbers are alphanumerics, dashes and dots between '#' at the end of the heading.
_SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#$")
_TITLE_KEY = re.compile(r"([A-Za-z][A-Za-z0-9 _\-]*):(.*)")
_PAGE_BREAK_LINE = re.compile(r"={3,}")
# Strongest marker first, so `*italic **bold** italic*` loses its inner pair before the outer.
# The text inside a pair cannot hold the marker's character: that keeps a line full of unpaired
# markers linear instead of quadratic.
_EMPHASES = tuple(
    re.compile(rf"(?<!\\){marker}(?=[^\s{char}])([^{char}\n]*?[^\s\\{char}]){marker}")
    for marker, char in ((r"\*\*\*", r"\*"), (r"\*\*", r"\*"), (r"\*", r"\*"), ("_", "_"))
)
_ESCAPE = re.compile(r"\\([*_\\])")
# First characters that force an element's kind whatever the capitals say.
_FORCING = frozenset(".!@>#=~")
# Lines that end an action paragraph even without a blank line before them.
_ACTION_BREAKERS = frozenset("#=~>")
# Enum member lookups cost ~75 ns each on Python 3.11; the scanner makes thousands.
_ACTION = ParagraphKind.ACTION
_CHARACTER = ParagraphKind.CHARACTER
_DIALOGUE = ParagraphKind.DIALOGUE
_PARENTHETICAL = ParagraphKind.PARENTHETICAL
_TRANSITION = ParagraphKind.TRANSITION
_CENTERED = ParagraphKind.CENTERED
_LYRICS = ParagraphKind.LYRICS
_PAGE_BREAK = ParagraphKind.PAGE_BREAK
_SECTION = ParagraphKind.SECTION
_SYNOPSIS = ParagraphKind.SYNOPSIS
# Words of directions a writer may end with a colon ("FADE IN:", "CLOSE ON:"): never speakers.
_DIRECTION_WORDS = frozenset(
    """
    FADE CUT DISSOLVE SMASH MATCH WIPE IRIS INTERCUT BACK TO IN OUT ON SUPER SUPERIMPOSE
    SUPERIMPOSED TITLE TITLES CARD INSERT CLOSE ANGLE POV MONTAGE FLASHBACK END SERIES SHOTS
    CHYRON SUBTITLE SUBTITLES LATER CONTINUED
    """.split()
)
# Spec: a tab in action prints as four spaces.
_TAB = "    "


@dataclass(frozen=True, slots=True)
class _Heading:
    """A scene heading found by the scanner, before the scene around it is assembled."""

    text: str
    number: str | None
    line: int


def parse_fountain(text: str, source: str) -> tuple[Script, tuple[Problem, ...]]:
    """Parse Fountain text (already decoded, line endings ``\\n``) into a Script."""
    stripped = strip_markup(text, source)
    title_page, body_start = _read_title_page(stripped.lines)
    scanner = _Scanner(stripped.lines, stripped.numbers)
    scanner.read_body(body_start)
    first_heading = scanner.headings[0].line if scanner.headings else None
    script_notes = tuple(note for note in stripped.notes if _before(note, first_heading))
    preamble, scenes = _assemble(scanner.headings, scanner.groups, stripped.notes)
    script = Script(
        source=source,
        format="fountain",
        scenes=scenes,
        title_page=title_page,
        preamble=preamble,
        notes=script_notes,
    )
    return script, tuple(stripped.problems)


# --- Title page -----------------------------------------------------------------------------


def _read_title_page(lines: list[str]) -> tuple[tuple[tuple[str, str], ...], int]:
    """The title page's key/value pairs and the index of the first body line.

    Spec: the title page is the first block of ``Key: value`` lines, values may continue on
    indented lines. A lone ``FADE IN:`` has the same shape, so a block without any value is
    read as body instead.
    """
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    pairs: list[tuple[str, list[str]]] = []
    index = start
    while index < len(lines) and lines[index].strip():
        if not _add_title_line(pairs, lines[index]):
            return (), 0
        index += 1
    if not any(values for _, values in pairs):
        return (), 0
    title_page = tuple((key, "\n".join(map(_plain, values))) for key, values in pairs)
    return title_page, index


def _add_title_line(pairs: list[tuple[str, list[str]]], line: str) -> bool:
    """Add one title-page line; False when the line cannot be part of a title page."""
    if line[0] in " \t":
        if not pairs:
            return False
        pairs[-1][1].append(line.strip())
        return True
    match = _TITLE_KEY.fullmatch(line)
    if match is None or _HEADING.match(line):
        return False
    value = match[2].strip()
    pairs.append((match[1].strip().lower(), [value] if value else []))
    return True


# --- Body -----------------------------------------------------------------------------------


class _Scanner:
    """Reads the body's elements in order: the headings, and the paragraphs after each one.

    ``groups[0]`` is the preamble; ``groups[n]`` holds the paragraphs under ``headings[n - 1]``.
    """

    __slots__ = ("current", "groups", "headings", "lines", "numbers")

    def __init__(self, lines: list[str], numbers: list[int]) -> None:
        self.lines = lines
        self.numbers = numbers
        self.headings: list[_Heading] = []
        self.current: list[Paragraph] = []
        self.groups: list[list[Paragraph]] = [self.current]

    def read_body(self, start: int) -> None:
        block_start = -1
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            # Spec: a line of exactly two spaces is a blank line *inside* dialogue or action.
            if (line and not line.isspace()) or line == "  ":
                if block_start < 0:
                    block_start = index
            elif block_start >= 0:
                self.read_block(block_start, index)
                block_start = -1
        if block_start >= 0:
            self.read_block(block_start, len(self.lines))

    def read_block(self, start: int, end: int) -> None:
        index = start
        read_element = self.read_element
        while index < end:
            index = read_element(index, end)

    def read_element(self, index: int, end: int) -> int:
        """Read the element starting at ``index`` (after a blank line); the next index."""
        text = self.lines[index].strip()
        if not text:
            return index + 1
        if text[0] in _FORCING:
            forced = self.read_forced(text, index, end)
            if forced >= 0:
                return forced
        alone = index + 1 == end
        if _HEADING.match(text) and (alone or text.isupper()):
            self.add_heading(text, index)
            return index + 1
        if text.endswith("TO:") and text.isupper():
            self.add(_TRANSITION, _plain(text), index)
            return index + 1
        if not alone and _is_cue(text):
            return self.read_dialogue(text, index, end)
        return self.read_action(index, end)

    def read_forced(self, text: str, index: int, end: int) -> int:
        """Read an element whose first character forces its kind; -1 when none does."""
        first = text[0]
        if first == "." and text[1:2] not in ("", "."):
            self.add_heading(text[1:].lstrip(), index)
            return index + 1
        if first == "!":
            return self.read_action(index, end)
        if first == "@" and index + 1 < end:
            return self.read_dialogue(text[1:].lstrip(), index, end)
        if first == ">":
            return self.read_arrow(text, index, end)
        if first == "#":
            level = len(text) - len(text.lstrip("#"))
            self.add(_SECTION, _plain(text[level:].strip()), index, level=level)
            return index + 1
        if first == "=":
            self.read_equals(text, index)
            return index + 1
        if first == "~":
            return self.read_lyrics(index, end)
        return -1

    def read_arrow(self, text: str, index: int, end: int) -> int:
        """``>text<`` is centered (consecutive lines make one element); ``>text`` a transition."""
        if not (text.endswith("<") and len(text) > 1):
            self.add(_TRANSITION, _plain(text[1:].strip()), index)
            return index + 1
        parts: list[str] = []
        stop = index
        while stop < end and _is_centered(text := self.lines[stop].strip()):
            parts.append(_plain(text[1:-1].strip()))
            stop += 1
        self.add(_CENTERED, "\n".join(parts), index)
        return stop

    def read_equals(self, text: str, index: int) -> None:
        if _PAGE_BREAK_LINE.fullmatch(text):
            self.add(_PAGE_BREAK, "", index)
        else:
            self.add(_SYNOPSIS, _plain(text.lstrip("=").strip()), index)

    def read_lyrics(self, index: int, end: int) -> int:
        parts: list[str] = []
        stop = index
        while stop < end and (text := self.lines[stop].strip()).startswith("~"):
            parts.append(_plain(text[1:].strip()))
            stop += 1
        self.add(_LYRICS, "\n".join(parts), index)
        return stop

    def read_dialogue(self, cue: str, index: int, end: int) -> int:
        """A character cue and what follows to the block's end: parentheticals and speech.

        A capitalised heading ends the speech early: nobody says ``INT. KITCHEN - DAY``, and a
        writer who forgot the blank line before a heading should not lose the scene.
        """
        dual = cue.endswith("^")
        name = cue[:-1].rstrip() if dual else cue
        name = name.removesuffix(":").rstrip()
        self.add(_CHARACTER, _plain(name), index, dual=dual)
        speech: list[str] = []
        speech_start = index
        for line_index in range(index + 1, end):
            text = self.lines[line_index].strip()
            if _HEADING.match(text) and text.isupper():
                self.add_speech(speech, speech_start, dual)
                return line_index
            if text.startswith("(") and text.endswith(")"):
                self.add_speech(speech, speech_start, dual)
                self.add(_PARENTHETICAL, _plain(text), line_index, dual=dual)
                speech = []
            else:
                if not speech:
                    speech_start = line_index
                speech.append(text)
        self.add_speech(speech, speech_start, dual)
        return end

    def add_speech(self, speech: list[str], index: int, dual: bool) -> None:
        text = _plain("\n".join(speech).strip("\n"))
        if text:
            self.add(_DIALOGUE, text, index, dual=dual)

    def read_action(self, index: int, end: int) -> int:
        """Action runs to the block's end, or to a line that starts an element of its own."""
        if index + 1 == end and not self.lines[index].startswith("!"):
            self.add_action([self.lines[index]], index)
            return end
        parts: list[str] = []
        stop = index
        while stop < end:
            line = self.lines[stop]
            if stop > index and _interrupts_action(line):
                break
            if line.startswith("!"):
                line = line[1:]
            parts.append(line)
            stop += 1
        self.add_action(parts, index)
        return stop

    def add_action(self, lines: list[str], index: int) -> None:
        if len(lines) == 1:
            text = _plain(lines[0].rstrip())
        else:
            text = _plain("\n".join([line.rstrip() for line in lines]).strip("\n"))
        if "\t" in text:
            text = text.replace("\t", _TAB)
        if text.strip():
            self.add(_ACTION, text, index)

    def add_heading(self, text: str, index: int) -> None:
        number = None
        if text.endswith("#") and (match := _SCENE_NUMBER.search(text)) is not None:
            number = match[1]
            text = text[: match.start()]
        self.headings.append(_Heading(_plain(text.strip()), number, self.numbers[index]))
        self.current = []
        self.groups.append(self.current)

    def add(
        self, kind: ParagraphKind, text: str, index: int, *, dual: bool = False, level: int = 0
    ) -> None:
        line = self.numbers[index]
        # Positional construction of the common case: a third of the parse is building records.
        if dual or level:
            self.current.append(Paragraph(kind, text, line, dual=dual, level=level))
        else:
            self.current.append(Paragraph(kind, text, line))


def _is_cue(text: str) -> bool:
    """Spec: a cue is in capitals with at least one letter; the extension may be lower case.

    Writers used to stage plays type ``MAYA:``; `FADE IN:` or `SUPER:` directly followed by
    text is a direction, not a speaker.
    """
    name = text[:-1].rstrip() if text.endswith("^") else text
    if name.endswith(":"):
        name = name[:-1]
        if not _DIRECTION_WORDS.isdisjoint(name.split()):
            return False
    return name.split("(", 1)[0].isupper()


def _is_centered(text: str) -> bool:
    return len(text) > 1 and text[0] == ">" and text[-1] == "<"


def _interrupts_action(line: str) -> bool:
    """A capitalised heading or a marked element inside action starts a new element."""
    text = line.strip()
    if not text:
        return False
    if text[0] in _ACTION_BREAKERS:
        return True
    return _HEADING.match(text) is not None and text.isupper()


def _plain(text: str) -> str:
    """Remove emphasis markers (``*``, ``**``, ``***``, ``_``); ``\\*`` stays a literal star."""
    if "*" in text or "_" in text:
        # A second round unwraps pairs that held another marker: `**bold *and* italic**`.
        for _ in range(2):
            for emphasis in _EMPHASES:
                text = emphasis.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


# --- Scenes ---------------------------------------------------------------------------------


def _assemble(
    headings: list[_Heading], groups: list[list[Paragraph]], notes: list[Note]
) -> tuple[tuple[Paragraph, ...], tuple[Scene, ...]]:
    """The preamble and the scenes, each with the notes written inside its lines."""
    scene_notes = _notes_by_scene(notes, [heading.line for heading in headings])
    scenes = tuple(
        Scene(
            heading=heading.text,
            paragraphs=tuple(paragraphs),
            number=heading.number,
            line=heading.line,
            notes=tuple(found),
        )
        for heading, paragraphs, found in zip(headings, groups[1:], scene_notes, strict=True)
    )
    return tuple(groups[0]), scenes


def _before(note: Note, line: int | None) -> bool:
    """A note before the first heading (title page, opening) belongs to the whole script."""
    return line is None or (note.line or 0) < line


def _notes_by_scene(notes: list[Note], heading_lines: list[int]) -> list[list[Note]]:
    """Each note goes to the scene whose lines hold it; earlier ones are the script's."""
    found: list[list[Note]] = [[] for _ in heading_lines]
    for note in notes:
        scene_index = bisect_right(heading_lines, note.line or 0) - 1
        if scene_index >= 0:
            found[scene_index].append(note)
    return found
