"""The crew's own changes to the breakdown, kept in a file beside the script.

Suggestions are a starting point: the props master adds the thermos the writer never named and
strikes the "book" that was only a simile. Those edits live in ``<script>.breakdown.toml`` so
they survive every re-import of a revised script::

    [scenes."12"]
    add = ["props: hockey stick", "cast: SECURITY GUARD"]
    remove = ["sound: ticks", "props: book"]

Each entry is written ``category: name`` with the same category names and aliases as the
script's tag notes (docs/tagging.md). An edit for a scene the script no longer has, or a
removal of something the scene does not have, is a warning naming the file and line: revisions
renumber scenes, and the user should hear which edits no longer apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from firstad.breakdown.tags import category_named, clean_name
from firstad.model import (
    Breakdown,
    Category,
    Element,
    ElementSource,
    Problem,
    SceneBreakdown,
    Severity,
)
from firstad.toml_lines import dotted, key_lines, line_of, load_toml

EDITS_SUFFIX = ".breakdown.toml"


@dataclass(frozen=True, slots=True)
class SceneEdit:
    """What the user added to and removed from one scene; ``line`` is the table's line."""

    scene: str
    add: tuple[Element, ...] = ()
    remove: tuple[Element, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class BreakdownEdits:
    """All edits of one script, in file order."""

    source: str
    scenes: tuple[SceneEdit, ...] = ()


def edits_path_for(script: Path) -> Path:
    """Where a script's edits live: ``night-ice.fountain`` -> ``night-ice.breakdown.toml``."""
    return script.with_name(script.stem + EDITS_SUFFIX)


def _warning(message: str, source: str, line: int | None, key: str) -> Problem:
    return Problem(message, source, line, key=key, severity=Severity.WARNING)


def _element(entry: object, key: str, where: tuple[str, Mapping[str, int]]) -> Element | Problem:
    source, lines = where
    text = entry if isinstance(entry, str) else ""
    category_word, colon, name = text.partition(":")
    category = category_named(category_word) if colon else None
    if category is None or not name.strip():
        message = f"expected 'category: name' (e.g. 'props: thermos'), found {entry!r}"
        return Problem(message, source, line_of(lines, key), key=key)
    return Element(category, clean_name(name, category), ElementSource.USER)


def _entries(
    table: Mapping[str, object], scene: str, field: str, where: tuple[str, Mapping[str, int]]
) -> tuple[list[Element], list[Problem]]:
    values = table.get(field, [])
    key = dotted("scenes", scene, field)
    if not isinstance(values, list):
        return [], [
            Problem(
                f"'{field}' must be a list of strings", where[0], line_of(where[1], key), key=key
            )
        ]
    elements: list[Element] = []
    problems: list[Problem] = []
    for index, entry in enumerate(values):
        item = _element(entry, dotted(key, index), where)
        if isinstance(item, Element):
            elements.append(item)
        else:
            problems.append(item)
    return elements, problems


def _scene_edit(
    scene: str, table: object, where: tuple[str, Mapping[str, int]]
) -> tuple[SceneEdit | None, list[Problem]]:
    key = dotted("scenes", scene)
    if not isinstance(table, dict):
        return None, [
            Problem(
                "must be a table with 'add' and 'remove' lists",
                where[0],
                line_of(where[1], key),
                key=key,
            )
        ]
    unknown = sorted(set(table) - {"add", "remove"})
    problems = [
        _warning(
            f"unknown key '{name}' (expected 'add' or 'remove')",
            where[0],
            line_of(where[1], dotted(key, name)),
            dotted(key, name),
        )
        for name in unknown
    ]
    added, add_problems = _entries(table, scene, "add", where)
    removed, remove_problems = _entries(table, scene, "remove", where)
    edit = SceneEdit(scene, tuple(added), tuple(removed), line_of(where[1], key))
    return edit, problems + add_problems + remove_problems


def parse_edits(text: str, source: str) -> tuple[BreakdownEdits | None, tuple[Problem, ...]]:
    """Read edits from TOML text."""
    document, problem = load_toml(text, source)
    if document is None:
        return None, (problem,) if problem is not None else ()
    where = (source, key_lines(text))
    scenes = document.get("scenes", {})
    problems: list[Problem] = [
        _warning(
            f"unknown key '{name}' (expected [scenes.\"N\"] tables)",
            source,
            line_of(where[1], name),
            name,
        )
        for name in sorted(set(document) - {"scenes"})
    ]
    edits: list[SceneEdit] = []
    for scene, table in scenes.items() if isinstance(scenes, dict) else ():
        edit, scene_problems = _scene_edit(str(scene), table, where)
        problems.extend(scene_problems)
        if edit is not None:
            edits.append(edit)
    return BreakdownEdits(source, tuple(edits)), tuple(problems)


def read_edits(path: Path) -> tuple[BreakdownEdits | None, tuple[Problem, ...]]:
    """Read an edits file; a file that does not exist means no edits."""
    if not path.exists():
        return BreakdownEdits(str(path)), ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return None, (Problem(f"cannot read edits file: {error}", str(path)),)
    return parse_edits(text, str(path))


def _same(element: Element, other: Element) -> bool:
    return element.category is other.category and element.name.casefold() == other.name.casefold()


def _edited_scene(
    scene: SceneBreakdown, edit: SceneEdit, source: str
) -> tuple[SceneBreakdown, list[Problem]]:
    problems = [
        _warning(
            f"scene {scene.number} has no {item.category.value} '{item.name}' to remove",
            source,
            edit.line,
            dotted("scenes", edit.scene, "remove"),
        )
        for item in edit.remove
        if not any(_same(item, element) for element in scene.elements)
    ]
    kept = [e for e in scene.elements if not any(_same(e, item) for item in edit.remove)]
    added = [item for item in edit.add if not any(_same(item, element) for element in kept)]
    elements = tuple(kept + added)
    return replace(scene, elements=elements, characters=_cast_of(scene, elements)), problems


def _cast_of(scene: SceneBreakdown, elements: Iterable[Element]) -> tuple[str, ...]:
    """Characters follow the cast elements, but a speaking part can never be removed."""
    cast = [element.name for element in elements if element.category is Category.CAST]
    return tuple(dict.fromkeys([*scene.speaking, *cast]))


def apply_edits(
    breakdown: Breakdown, edits: BreakdownEdits
) -> tuple[Breakdown, tuple[Problem, ...]]:
    """The breakdown with the user's edits applied, and warnings for edits that do not apply."""
    by_number = {edit.scene: edit for edit in edits.scenes}
    known = {scene.number for scene in breakdown.scenes}
    problems: list[Problem] = [
        _warning(
            f"the script has no scene {edit.scene}; this edit no longer applies",
            edits.source,
            edit.line,
            dotted("scenes", edit.scene),
        )
        for edit in edits.scenes
        if edit.scene not in known
    ]
    scenes: list[SceneBreakdown] = []
    for scene in breakdown.scenes:
        edit = by_number.get(scene.number)
        if edit is None:
            scenes.append(scene)
            continue
        edited, scene_problems = _edited_scene(scene, edit, edits.source)
        scenes.append(edited)
        problems.extend(scene_problems)
    return replace(breakdown, scenes=tuple(scenes)), tuple(problems)
