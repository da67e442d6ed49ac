"""The breakdown stage: a Script in, a Breakdown and its problems out.

Every scene gets its heading facts, page placement, cast and elements. The stage never stops at
the first odd scene: each problem becomes a record and the rest of the script is still broken
down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from firstad.breakdown.cast import CastFinder
from firstad.breakdown.elements import suggest_elements
from firstad.breakdown.headings import (
    HeadingParts,
    change_of_light_note,
    parse_heading,
    resolve_day_night,
)
from firstad.breakdown.pagination import A4, LETTER, Layout, ScenePlacement, paginate
from firstad.breakdown.sets import unify_set_names
from firstad.breakdown.tags import script_note_problems, tagged_elements
from firstad.model import (
    Breakdown,
    Category,
    Element,
    ElementSource,
    Problem,
    Scene,
    SceneBreakdown,
    Script,
    Severity,
)

__all__ = ["break_down"]

PAPERS = {"letter": LETTER, "a4": A4}


def _merge_elements(*groups: tuple[Element, ...]) -> tuple[Element, ...]:
    """One element per (category, name); the first group wins, so tags beat suggestions."""
    merged: dict[tuple[Category, str], Element] = {}
    for group in groups:
        for element in group:
            merged.setdefault((element.category, element.name.casefold()), element)
    return tuple(merged.values())


def _cast_elements(characters: tuple[str, ...]) -> tuple[Element, ...]:
    return tuple(Element(Category.CAST, name, ElementSource.SUGGESTED) for name in characters)


def _scene_number(scene: Scene, position: int) -> str:
    return scene.number if scene.number else str(position)


def _duplicate_numbers(script: Script) -> tuple[Problem, ...]:
    counts = Counter(scene.number for scene in script.scenes if scene.number)
    return tuple(
        Problem(
            f"scene number {scene.number} is used more than once",
            script.source,
            scene.line,
            scene=scene.number,
            severity=Severity.WARNING,
        )
        for scene in script.scenes
        if scene.number and counts[scene.number] > 1
    )


def _light_change(
    heading: HeadingParts, scene: Scene, number: str, source: str
) -> tuple[Problem, ...]:
    if heading.time is None or heading.time_to is None:
        return ()
    note = change_of_light_note(heading.int_ext, heading.time, heading.time_to)
    if note is None:
        return ()
    return (Problem(note, source, scene.line, scene=number, severity=Severity.WARNING),)


def _break_down_scene(
    script: Script,
    scene: Scene,
    position: int,
    placement: ScenePlacement,
    finder: CastFinder,
    *,
    suggestions: bool,
) -> tuple[SceneBreakdown, tuple[Problem, ...]]:
    heading = parse_heading(scene.heading)
    speaking, characters = finder.characters(scene)
    tagged, problems = tagged_elements(scene, script.source)
    suggested = suggest_elements(scene, characters) if suggestions else ()
    elements = _merge_elements(_cast_elements(characters), tagged, suggested)
    breakdown = SceneBreakdown(
        number=_scene_number(scene, position),
        heading=scene.heading,
        int_ext=heading.int_ext,
        location=heading.location,
        time=heading.time,
        eighths=placement.eighths,
        page=placement.page,
        speaking=speaking,
        characters=characters,
        elements=elements,
        line=scene.line,
        reported_eighths=scene.reported_eighths,
        time_to=heading.time_to,
    )
    return breakdown, _light_change(heading, scene, breakdown.number, script.source) + problems


def _with_day_night(scenes: list[SceneBreakdown]) -> tuple[SceneBreakdown, ...]:
    resolved = resolve_day_night([scene.time for scene in scenes])
    return tuple(
        replace(scene, day_night=light) for scene, light in zip(scenes, resolved, strict=True)
    )


def break_down(
    script: Script, *, suggestions: bool = True
) -> tuple[Breakdown | None, tuple[Problem, ...]]:
    """Break a script down scene by scene.

    ``suggestions=False`` leaves out the suggested props, wardrobe, sounds...: scheduling needs
    only the cast, sets and lengths (tagged elements are kept either way).
    """
    if not script.scenes:
        return None, (
            Problem(
                "no scene headings found; is this a screenplay? (a heading starts with "
                "INT., EXT., EST., INT./EXT. or I/E, or is forced with a leading '.')",
                script.source,
            ),
        )
    layout: Layout = paginate(script, page_format=PAPERS.get(script.paper or "", LETTER))
    finder = CastFinder(script.scenes, script.characters)
    scenes: list[SceneBreakdown] = []
    problems: list[Problem] = [
        *script_note_problems(script.notes, script.source),
        *_duplicate_numbers(script),
    ]
    for position, (scene, placement) in enumerate(
        zip(script.scenes, layout.scenes, strict=True), start=1
    ):
        scene_breakdown, scene_problems = _break_down_scene(
            script, scene, position, placement, finder, suggestions=suggestions
        )
        scenes.append(scene_breakdown)
        problems.extend(scene_problems)
    unified, set_problems = unify_set_names(_with_day_night(scenes), script.source)
    problems.extend(set_problems)
    breakdown = Breakdown(script.title, script.source, layout.pages, unified, notes=script.notes)
    return breakdown, tuple(problems)
