"""Where each key of a TOML file was written, so problems can say ``file:line``.

``tomllib`` gives values without positions, so the source text is scanned once here: table
headers (``[calendar]``, ``[[cast]]`` numbered ``cast[0]``, ``cast[1]``...), ``key =`` lines
and the items of arrays written one per line. Keys are dotted paths as the reader names them:
``cast[2].daily_rate``, ``calendar.days_off[1]``, ``timing.overrides.14``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from firstad.model import Problem

_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_BARE_OR_QUOTED)
_INDEX_SUFFIX = re.compile(r"\[\d+\]$")
_DECODE_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_AT_END = "(at end of document)"


def dotted(*parts: str | int) -> str:
    """Join key parts the way problems name keys: ``dotted("cast", 2, "rate")`` = cast[2].rate."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else part
    return text


def _key_parts(text: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(text)]


def _depth_change(text: str) -> tuple[int, int]:
    """Bracket depth change over a line, and the commas at the line's starting depth.

    Strings and comments are skipped; the comma count is used to number array items.
    """
    depth, commas, quote = 0, 0, ""
    for index, character in enumerate(text):
        if quote:
            if character == quote and (quote == "'" or text[index - 1] != "\\"):
                quote = ""
        elif character in "\"'":
            quote = character
        elif character == "#":
            break
        elif character in "[{":
            depth += 1
        elif character in "]}":
            depth -= 1
        elif character == "," and depth == 0:
            commas += 1
    return depth, commas


@dataclass
class _Scan:
    """The scanner's state while it walks the lines (local to one ``key_lines`` call)."""

    table: str = ""
    array_counts: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    depth: int = 0
    open_key: str = ""
    item: int = 0

    def header(self, match: re.Match[str], line_number: int, *, array: bool) -> None:
        name = dotted(*_key_parts(match.group(1)))
        if array:
            index = self.array_counts.get(name, 0)
            self.array_counts[name] = index + 1
            name = dotted(name, index)
        self.table = name
        self.lines.setdefault(name, line_number)

    def key(self, text: str, match: re.Match[str], line_number: int) -> None:
        path = dotted(self.table, *_key_parts(match.group(1))) if self.table else ""
        path = path or dotted(*_key_parts(match.group(1)))
        self.lines.setdefault(path, line_number)
        rest = text[match.end() :]
        change, _ = _depth_change(rest)
        if change > 0:
            self.depth, self.open_key, self.item = change, path, 0
            self._items_on_opening_line(rest.partition("[")[2], line_number)

    def _items_on_opening_line(self, inside: str, line_number: int) -> None:
        """``add = ["a",`` holds item 0 on the key's own line; count what comes after."""
        stripped = inside.strip()
        if stripped and not stripped.startswith(("#", "]")):
            self.lines.setdefault(dotted(self.open_key, 0), line_number)
        self.item = _depth_change(inside)[1]

    def array_item(self, text: str, line_number: int) -> None:
        stripped = text.strip()
        if self.depth == 1 and stripped and not stripped.startswith(("#", "]")):
            self.lines.setdefault(dotted(self.open_key, self.item), line_number)
        change, commas = _depth_change(text)
        self.item += commas if self.depth == 1 else 0
        self.depth += change

    def feed(self, text: str, line_number: int) -> None:
        if self.depth > 0:
            self.array_item(text, line_number)
        elif match := _ARRAY_TABLE.match(text):
            self.header(match, line_number, array=True)
        elif match := _TABLE.match(text):
            self.header(match, line_number, array=False)
        elif match := _KEY.match(text):
            self.key(text, match, line_number)


def key_lines(source_text: str) -> Mapping[str, int]:
    """Map every dotted key written in the TOML text to its 1-based line."""
    scan = _Scan()
    for line_number, text in enumerate(source_text.splitlines(), start=1):
        scan.feed(text, line_number)
    return MappingProxyType(scan.lines)


def parent_key(key: str) -> str:
    """The key one level up: ``cast[2].rate`` -> ``cast[2]`` -> ``cast`` -> ``""``."""
    if _INDEX_SUFFIX.search(key):
        return _INDEX_SUFFIX.sub("", key)
    return key.rpartition(".")[0]


def line_of(lines: Mapping[str, int], key: str) -> int | None:
    """The line of ``key``, or of the nearest enclosing key written in the file."""
    while key:
        if key in lines:
            return lines[key]
        key = parent_key(key)
    return None


def load_toml(text: str, source: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """Parse TOML text; a syntax error becomes a problem with its line."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _DECODE_POSITION.search(message)
        line = int(match.group(1)) if match else None
        if line is None and _AT_END in message:
            # An unclosed array or string is only noticed at the end: point at the last line.
            line = max(1, len(text.splitlines()))
        reason = _DECODE_POSITION.sub("", message).replace(_AT_END, "").strip()
        return None, Problem(f"not valid TOML: {reason}", source=source, line=line)
