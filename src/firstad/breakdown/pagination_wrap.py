"""Word wrap in a monospaced font, and the sentence ends where a paragraph may break.

Courier prints every character the same width, so a line holds a fixed number of characters
and wrapping is counting. The wrap is greedy, as every writing program's is: a word goes on
the line if it fits, else it starts the next line; a word longer than a line is cut.
"""

from __future__ import annotations

import re

# A sentence ends at . ? ! (or a run of them, an ellipsis), perhaps closed by quotes or
# brackets, and followed by a space or the end of a line.
_SENTENCE_END = re.compile(r"[.?!]+[\"'\u201d\u2019)\]]*(?=\s)")


def wrapped_line_count(text: str, width: int) -> int:
    """How many printed lines ``text`` takes at ``width`` characters a line.

    Hard line breaks (``\\n``) inside the text start new lines; an empty line still prints.
    """
    if "\n" not in text:
        return 1 if len(text) <= width else _line_count(text, width)
    return sum(_line_count(line, width) for line in text.split("\n"))


def _line_count(line: str, width: int) -> int:
    if len(line) <= width:
        return 1
    words = " ".join(line.split())
    length = len(words)
    count = 1
    start = 0
    while length - start > width:
        cut = words.rfind(" ", start, start + width + 1)
        # No space within the line: a word longer than the line is cut at the margin.
        start = start + width if cut <= start else cut + 1
        count += 1
    return count


def sentence_ends(text: str) -> tuple[int, ...]:
    """Offsets in ``text`` just after each sentence that has more text after it."""
    ends = (match.end() for match in _SENTENCE_END.finditer(text))
    return tuple(end for end in ends if text[end:].strip())


def split_at(text: str, offset: int) -> tuple[str, str]:
    """The text before and after ``offset``, without the whitespace between them."""
    return text[:offset].rstrip(), text[offset:].lstrip()
