"""Final Draft (.fdx) importer (being written)."""

from __future__ import annotations

from firstad.model import Problem, Script


def parse_fdx(data: bytes, source: str) -> tuple[Script | None, tuple[Problem, ...]]:
    """Parse a Final Draft XML file into a Script."""
    raise NotImplementedError
