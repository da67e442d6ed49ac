"""Greedy word wrap in a monospaced font, and where sentences end."""

from __future__ import annotations

import pytest

from firstad.breakdown.pagination_wrap import sentence_ends, split_at, wrapped_line_count


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 60, 1),
        ("x" * 60, 60, 1),
        ("x" * 61, 60, 2),  # a word longer than the line is cut at the margin
        ("x" * 121, 60, 3),
        ("aaaa bbbb", 9, 1),
        ("aaaa bbbb", 8, 2),
        ("aaaa  bbbb cc", 9, 2),  # runs of spaces wrap like one space
        ("one\ntwo\n\nthree", 60, 4),  # hard line breaks, blank lines included
        ("x" * 36, 35, 2),
    ],
)
def test_wrapped_line_count(text: str, width: int, lines: int) -> None:
    assert wrapped_line_count(text, width) == lines


def test_greedy_wrap_agrees_with_the_word_by_word_rule() -> None:
    words = ("a", "bb", "ccc", "dddd", "eeeeeeeeee", "f" * 14)
    text = " ".join(words[index % len(words)] for index in range(200))
    for width in range(15, 70):
        assert wrapped_line_count(text, width) == _reference_count(text, width)


def _reference_count(text: str, width: int) -> int:
    lines, column = 1, 0
    for word in text.split():
        if column and column + 1 + len(word) > width:
            lines, column = lines + 1, 0
        column += len(word) + (1 if column else 0)
    return lines


def test_sentence_ends_skip_the_last_sentence() -> None:
    text = 'She runs. "Stop!" he shouts... Nobody does.'

    ends = sentence_ends(text)

    assert [text[:end] for end in ends] == ["She runs.", 'She runs. "Stop!"', text[:30]]


def test_split_at_drops_the_whitespace_between() -> None:
    assert split_at("One.  Two.", 4) == ("One.", "Two.")
