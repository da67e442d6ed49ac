"""Fountain 1.1 importer (being written)."""

from __future__ import annotations

from firstad.model import Problem, Script


def parse_fountain(text: str, source: str) -> tuple[Script, tuple[Problem, ...]]:
    """Parse Fountain text into a Script."""
    raise NotImplementedError
