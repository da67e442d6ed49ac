"""One name per set: a set spelled two ways (``BIG-TOP``, ``BIG TOP``) is one set.

Headings are typed by hand over months of rewrites; the production file already matches both
spellings to one location through ``model.set_key``, so the breakdown lists them as one set too,
or the stripboard would show two sets where the schedule shoots one. The heading keeps the
writer's spelling; only ``SceneBreakdown.location`` is unified, and each other spelling is
warned about once so the writer can tidy the script.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from firstad.model import Problem, SceneBreakdown, Severity, set_key

__all__ = ["unify_set_names"]


def _set_names(locations: Sequence[str]) -> dict[str, str]:
    """Each set's name: its most common spelling, the first seen on a tie."""
    counts = Counter(locations)
    names: dict[str, str] = {}
    for location in locations:
        key = set_key(location)
        current = names.get(key)
        if current is None or counts[location] > counts[current]:
            names[key] = location
    return names


def unify_set_names(
    scenes: Sequence[SceneBreakdown], source: str
) -> tuple[tuple[SceneBreakdown, ...], tuple[Problem, ...]]:
    """The scenes with one spelling per set, and a warning for each other spelling."""
    names = _set_names([scene.location for scene in scenes])
    unified: list[SceneBreakdown] = []
    problems: list[Problem] = []
    warned: set[str] = set()
    for scene in scenes:
        name = names[set_key(scene.location)]
        if name == scene.location:
            unified.append(scene)
            continue
        unified.append(replace(scene, location=name))
        if scene.location not in warned:
            warned.add(scene.location)
            message = (
                f"set {scene.location!r} is the set {name!r} spelled another way; "
                f"listed as {name!r}"
            )
            problems.append(
                Problem(message, source, scene.line, scene=scene.number, severity=Severity.WARNING)
            )
    return tuple(unified), tuple(problems)
