"""What the importers share about title pages.

Final Draft and PDF store no title-page keys, so each importer infers a key per line; several
lines under one key (two authors, an address over three lines) are one value.
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_repeated_keys(entries: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Join consecutive entries with the same key into one value, lines joined by ``\\n``."""
    merged: list[tuple[str, str]] = []
    for key, text in entries:
        if merged and merged[-1][0] == key:
            merged[-1] = (key, f"{merged[-1][1]}\n{text}")
        else:
            merged.append((key, text))
    return tuple(merged)
