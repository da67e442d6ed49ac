"""Elements tagged by the writer in the script itself (being written)."""

from __future__ import annotations

from firstad.model import Element, Problem, Scene


def tagged_elements(scene: Scene, source: str) -> tuple[tuple[Element, ...], tuple[Problem, ...]]:
    """Elements the script tags explicitly: note syntax and Final Draft Tagger data."""
    return (), ()
