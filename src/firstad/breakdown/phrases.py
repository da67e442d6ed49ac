"""One regular expression for a whole word list, built as a character trie.

A breakdown looks for thousands of props and dozens of character names in every paragraph.
An alternation of the words would cost time for every word at every position; a trie
("ca(?:r|t|mera)") costs the same whatever the list's length, and its greedy optional groups
make the longest phrase win ("police car" over "police", "YOUNG MAYA" over "MAYA").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

# How one character of a phrase is matched, given whether it starts a word.
CharacterPattern = Callable[[str, bool], str]
# What may stand before and after a phrase: not inside a word; a possessive may follow
# ("the dog's leash", "Maya's skates").
_BEFORE = r"(?<![\w'\u2019])"
_AFTER = r"(?!\w)"


def literal_character(character: str, _starts_word: bool) -> str:
    """Phrases matched as written; a space is any run of spaces or hyphens."""
    if character == " ":
        return r"[\s\-]+"
    if character == "'":
        return "['\u2019]"
    return re.escape(character)


def trie_pattern(
    phrases: Iterable[str], character_pattern: CharacterPattern = literal_character
) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` as whole words, the longest first."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for character in phrase:
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(f"{_BEFORE}(?:{_node(trie, character_pattern, starts_word=True)}){_AFTER}")


def _node(
    node: Mapping[str, Any], character_pattern: CharacterPattern, *, starts_word: bool
) -> str:
    branches = [
        character_pattern(character, starts_word)
        + _node(child, character_pattern, starts_word=character == " ")
        for character, child in sorted(node.items())
        if character
    ]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
