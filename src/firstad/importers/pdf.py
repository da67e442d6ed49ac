"""PDF importer (being written)."""

from __future__ import annotations

from firstad.model import Problem, Script


def parse_pdf(data: bytes, source: str) -> tuple[Script | None, tuple[Problem, ...]]:
    """Read a screenplay PDF with a text layer into a Script."""
    raise NotImplementedError
