"""Fountain text that never prints: the boneyard (``/* */``) and notes (``[[ ]]``).

Both are removed before the body is read, since either may sit inside any element or span
lines. Every remaining line keeps its original number, and each note keeps the line where it
opened, so the breakdown can point at the tag a writer typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from firstad.model import Note, Problem, Severity

__all__ = ["StrippedText", "strip_markup"]

_MARKUP_OPENING = re.compile(r"/\*|\[\[")


@dataclass(frozen=True, slots=True)
class StrippedText:
    """The text with boneyard and notes removed; ``numbers`` holds each line's source line."""

    lines: list[str]
    numbers: list[int]
    notes: list[Note]
    problems: list[Problem]


def strip_markup(text: str, source: str) -> StrippedText:
    """Remove boneyard and notes, keeping the notes and every other line's number."""
    if "/*" not in text and "[[" not in text:
        lines = text.split("\n")
        return StrippedText(lines, list(range(1, len(lines) + 1)), [], [])
    pieces: list[str] = []
    touched: set[int] = set()
    notes: list[Note] = []
    problems: list[Problem] = []
    line_counter = _LineCounter(text)
    closers = _Closers(text)
    position = search_from = 0
    while (opening := _MARKUP_OPENING.search(text, search_from)) is not None:
        start = opening.start()
        start_line = line_counter.index_at(start)
        end = closers.end(opening.group(), opening.end())
        if end < 0:
            _warn_once(problems, _unclosed(opening.group(), source, start_line + 1))
            search_from = opening.end()
            continue
        if opening.group() == "[[":
            notes.append(Note(_note_text(text[opening.end() : end - 2]), start_line + 1))
        span_lines = text.count("\n", start, end)
        pieces.append(text[position:start])
        # The newlines of a removed span stay, so later lines keep their numbers.
        pieces.append("\n" * span_lines)
        touched.update(range(start_line, start_line + span_lines + 1))
        position = search_from = end
    pieces.append(text[position:])
    return _drop_emptied("".join(pieces).split("\n"), touched, notes, problems)


class _LineCounter:
    """0-based line index of increasing positions, counting each newline once."""

    __slots__ = ("counted", "position", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.counted = 0

    def index_at(self, position: int) -> int:
        self.counted += self.text.count("\n", self.position, position)
        self.position = position
        return self.counted


class _Closers:
    """Where a span opened at an increasing position ends; each search runs once per match,
    so a file full of unclosed openers stays linear."""

    __slots__ = ("found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = {"*/": -2, "]]": -2, "\n\n": -2}

    def next(self, needle: str, after: int) -> int:
        found = self.found[needle]
        if found != -1 and found < after:
            found = self.found[needle] = self.text.find(needle, after)
        return found

    def end(self, opening: str, after: int) -> int:
        """Index just past the closer, or -1 when the span is not closed."""
        if opening == "/*":
            end = self.next("*/", after)
            return -1 if end < 0 else end + 2
        end = self.next("]]", after)
        # Spec: a note cannot hold an empty line; without this rule one stray `[[` would
        # swallow every scene up to the next note.
        blank = self.next("\n\n", after)
        if end < 0 or 0 <= blank < end:
            return -1
        return end + 2


def _unclosed(opening: str, source: str, line: int) -> Problem:
    what = "boneyard '/*' is never closed with '*/'"
    if opening == "[[":
        what = "note '[[' is never closed with ']]' before an empty line"
    return Problem(f"{what}; kept as text", source, line, severity=Severity.WARNING)


def _warn_once(problems: list[Problem], problem: Problem) -> None:
    """One warning per kind of opener and line; after an unclosed boneyard none can close.

    A pasted line of stray openers would otherwise print one warning per opener.
    """
    if any(
        earlier.message == problem.message
        and (earlier.line == problem.line or problem.message.startswith("boneyard"))
        for earlier in problems[-2:]
    ):
        return
    problems.append(problem)


def _note_text(raw: str) -> str:
    return "\n".join(line.strip() for line in raw.strip().split("\n"))


def _drop_emptied(
    lines: list[str], touched: set[int], notes: list[Note], problems: list[Problem]
) -> StrippedText:
    """Drop lines that held only boneyard or notes, so they neither split nor join paragraphs."""
    kept_lines: list[str] = []
    numbers: list[int] = []
    for index, line in enumerate(lines):
        if index in touched and not line.strip():
            continue
        kept_lines.append(line)
        numbers.append(index + 1)
    return StrippedText(kept_lines, numbers, notes, problems)
