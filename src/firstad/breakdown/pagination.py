"""Laying the script out on industry pages, and page eighths (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from firstad.model import Script


@dataclass(frozen=True, slots=True)
class ScenePlacement:
    """Where a scene lands: the page it starts on and its length in eighths (>= 1)."""

    page: int
    eighths: int


@dataclass(frozen=True, slots=True)
class Layout:
    """The laid-out script: page count and one placement per scene, in script order."""

    pages: int
    scenes: tuple[ScenePlacement, ...]


def paginate(script: Script) -> Layout:
    """Lay the script out as the industry prints it."""
    raise NotImplementedError
