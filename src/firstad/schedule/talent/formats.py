"""Readers for the published talent scheduling files, returning ``(instance | None, problems)``.

Two formats are in use (see ``shared/benchmarks/talent/SOURCES.md``):

* the *pstuckey* text format of Garcia de la Banda, Stuckey & Chu's benchmark page: a name line,
  the scene count, the actor count, one row per actor of 0/1 entries followed by the actor's daily
  cost, then one duration per scene;
* MiniZinc data (``.dzn``): ``numScenes``, ``numActors``, ``ia`` (actors x scenes), ``c``, ``d``;
  or CSPLib prob039's rehearsal variant ``num_pieces``, ``num_players``, ``duration``,
  ``rehearsal``, where every player costs 1 so the objective is waiting time.

Malformed files give ``Problem`` records with the file and line, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from firstad.model import Problem
from firstad.schedule.talent.instance import TalentInstance

Result = tuple[TalentInstance | None, tuple[Problem, ...]]


@dataclass(frozen=True, slots=True)
class Token:
    """One whitespace-separated word of a file and the 1-based line it is on."""

    text: str
    line: int


class FormatError(Exception):
    """Raised inside a reader to stop at the first problem; turned into a Problem at its edge."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_instance(path: Path) -> Result:
    """Read ``path``: MiniZinc data when it ends in ``.dzn``, otherwise the pstuckey format."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, (Problem(f"cannot read: {error}", source=str(path)),)
    if path.suffix == ".dzn":
        return read_dzn(text, source=str(path), name=path.stem)
    return read_pstuckey(text, source=str(path))


def _words(text: str) -> list[Token]:
    return [
        Token(word, number)
        for number, line in enumerate(text.splitlines(), start=1)
        for word in line.split()
    ]


def _failure(error: FormatError, source: str | None) -> Result:
    return None, (Problem(error.message, source=source, line=error.line),)


class _Cursor:
    """Reads integers one at a time, knowing what it expects next for the error message."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0

    def last_line(self) -> int | None:
        return self.tokens[-1].line if self.tokens else None

    def integer(self, what: str, allowed: tuple[int, ...] | None = None) -> int:
        if self.position >= len(self.tokens):
            raise FormatError(f"file ends early: expected {what}", self.last_line())
        token = self.tokens[self.position]
        self.position += 1
        return _integer(token, what, allowed)


def _integer(token: Token, what: str, allowed: tuple[int, ...] | None) -> int:
    try:
        value = int(token.text)
    except ValueError:
        raise FormatError(f"expected {what}, found {token.text!r}", token.line) from None
    if allowed is not None and value not in allowed:
        choices = " or ".join(str(choice) for choice in allowed)
        raise FormatError(f"{what} must be {choices}, found {value}", token.line)
    if value < 0:
        raise FormatError(f"{what} cannot be negative, found {value}", token.line)
    return value


def read_pstuckey(text: str, source: str | None = None) -> Result:
    """Parse the pstuckey benchmark format (name, n, m, m rows of n 0/1 + cost, n durations)."""
    tokens = _words(text)
    if not tokens:
        return None, (Problem("empty file: expected an instance name", source=source, line=1),)
    name = text.strip().splitlines()[0].strip()
    name_line = tokens[0].line
    cursor = _Cursor([token for token in tokens if token.line != name_line])
    try:
        instance = _pstuckey_body(cursor, name)
    except FormatError as error:
        return _failure(error, source)
    if cursor.position < len(cursor.tokens):
        extra = cursor.tokens[cursor.position]
        problem = Problem(
            f"unexpected text after the durations: {extra.text!r}", source, extra.line
        )
        return None, (problem,)
    return instance, ()


def _pstuckey_body(cursor: _Cursor, name: str) -> TalentInstance:
    scene_count = _positive(cursor, "the number of scenes")
    actor_count = _positive(cursor, "the number of actors")
    rows: list[tuple[bool, ...]] = []
    costs: list[int] = []
    for actor in range(1, actor_count + 1):
        row = [
            cursor.integer(f"actor {actor}'s entry for scene {scene}", (0, 1)) == 1
            for scene in range(1, scene_count + 1)
        ]
        rows.append(tuple(row))
        costs.append(cursor.integer(f"actor {actor}'s daily cost"))
    durations = [
        cursor.integer(f"the duration of scene {scene}") for scene in range(1, scene_count + 1)
    ]
    return TalentInstance(name, tuple(durations), tuple(costs), tuple(rows))


def _positive(cursor: _Cursor, what: str) -> int:
    token_line = (
        cursor.tokens[cursor.position].line if cursor.position < len(cursor.tokens) else None
    )
    value = cursor.integer(what)
    if value == 0:
        raise FormatError(f"{what} must be at least 1", token_line)
    return value


# MiniZinc data: identifiers, integers (ranges like 1..5 come out as two integers), punctuation.
_DZN_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?\d+|\.\.|[=;\[\]|,()]|\S")


@dataclass(frozen=True, slots=True)
class _Assignment:
    """``name = value;`` in a .dzn file: the integers of the value and where it starts."""

    name: str
    line: int
    values: tuple[Token, ...]


def _dzn_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("%", 1)[0]
        tokens.extend(Token(match.group(), number) for match in _DZN_TOKEN.finditer(code))
    return tokens


def _dzn_assignments(tokens: list[Token]) -> dict[str, _Assignment]:
    assignments: dict[str, _Assignment] = {}
    position = 0
    while position < len(tokens):
        name = tokens[position]
        if position + 1 >= len(tokens) or tokens[position + 1].text != "=":
            raise FormatError(f"expected 'name = value;', found {name.text!r}", name.line)
        end = position + 2
        while end < len(tokens) and tokens[end].text != ";":
            end += 1
        if end >= len(tokens):
            raise FormatError(f"'{name.text} = ...' is not closed by ';'", name.line)
        assignments[name.text] = _Assignment(
            name.text, name.line, _value(tokens[position + 2 : end])
        )
        position = end + 1
    return assignments


def _value(tokens: list[Token]) -> tuple[Token, ...]:
    """The integers of a value; ``array2d(1..m, 1..n, [...])`` keeps only the bracketed list."""
    if tokens and tokens[0].text == "array2d":
        opening = next((index for index, token in enumerate(tokens) if token.text == "["), None)
        tokens = tokens[opening:] if opening is not None else []
    punctuation = {"[", "]", "|", ",", "(", ")", ".."}
    for token in tokens:
        if token.text not in punctuation and not re.fullmatch(r"-?\d+", token.text):
            raise FormatError(f"unexpected {token.text!r} in a data value", token.line)
    return tuple(token for token in tokens if token.text not in punctuation)


_MINIZINC_KEYS = ("numScenes", "numActors", "ia", "c", "d")
_REHEARSAL_KEYS = ("num_pieces", "num_players", "rehearsal", "duration")


def read_dzn(text: str, source: str | None = None, name: str = "") -> Result:
    """Parse MiniZinc talent data, or CSPLib prob039 rehearsal data (every player costs 1)."""
    try:
        assignments = _dzn_assignments(_dzn_tokens(text))
        instance = _dzn_instance(assignments, name, len(text.splitlines()) or 1)
    except FormatError as error:
        return _failure(error, source)
    return instance, ()


def _dzn_instance(assignments: dict[str, _Assignment], name: str, last_line: int) -> TalentInstance:
    if "num_pieces" in assignments:
        scene_key, actor_key, matrix_key, duration_key = _REHEARSAL_KEYS
        cost_key = None
    else:
        scene_key, actor_key, matrix_key, cost_key, duration_key = _MINIZINC_KEYS
    required = [scene_key, actor_key, matrix_key, duration_key] + ([cost_key] if cost_key else [])
    for key in required:
        if key not in assignments:
            raise FormatError(f"missing '{key} = ...;'", last_line)
    scene_count = _scalar(assignments[scene_key])
    actor_count = _scalar(assignments[actor_key])
    matrix = _integers(assignments[matrix_key], actor_count * scene_count, (0, 1))
    durations = _integers(assignments[duration_key], scene_count, None)
    costs = _integers(assignments[cost_key], actor_count, None) if cost_key else [1] * actor_count
    rows = tuple(
        tuple(value == 1 for value in matrix[actor * scene_count : (actor + 1) * scene_count])
        for actor in range(actor_count)
    )
    return TalentInstance(name, tuple(durations), tuple(costs), rows)


def _scalar(assignment: _Assignment) -> int:
    if len(assignment.values) != 1:
        raise FormatError(f"'{assignment.name}' must be one integer", assignment.line)
    value = _integer(assignment.values[0], f"'{assignment.name}'", None)
    if value == 0:
        raise FormatError(f"'{assignment.name}' must be at least 1", assignment.line)
    return value


def _integers(assignment: _Assignment, expected: int, allowed: tuple[int, ...] | None) -> list[int]:
    if len(assignment.values) != expected:
        message = f"'{assignment.name}' has {len(assignment.values)} values, expected {expected}"
        raise FormatError(message, assignment.line)
    return [
        _integer(token, f"an entry of '{assignment.name}'", allowed) for token in assignment.values
    ]
