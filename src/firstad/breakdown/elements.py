"""Element suggestions from the scene's text (being written)."""

from __future__ import annotations

from firstad.model import Element, Scene


def suggest_elements(scene: Scene, characters: tuple[str, ...]) -> tuple[Element, ...]:
    """Suggest breakdown elements named in a scene's action."""
    return ()
