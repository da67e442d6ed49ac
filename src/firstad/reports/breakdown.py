"""The breakdown as documents: the stable JSON document and CSV.

The JSON shape is a public interface (docs/cli-json.md): keys are added, never renamed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from firstad.model import Breakdown, Problem, SceneBreakdown, set_key

CSV_COLUMNS = (
    "number",
    "int_ext",
    "location",
    "time",
    "day_night",
    "eighths",
    "page",
    "speaking",
    "characters",
    "elements",
    "heading",
    "line",
    # Added after the first release: new columns go last, so files read by position still work.
    "time_to",
)


def scene_document(scene: SceneBreakdown) -> dict[str, Any]:
    """One scene of the ``--json`` document."""
    return {
        "number": scene.number,
        "int_ext": None if scene.int_ext is None else scene.int_ext.value,
        "location": scene.location,
        "time": scene.time,
        "day_night": scene.day_night,
        "eighths": scene.eighths,
        "page": scene.page,
        "speaking": list(scene.speaking),
        "characters": list(scene.characters),
        "elements": [
            {
                "category": element.category.value,
                "name": element.name,
                "source": element.source.value,
                "colour": element.colour,
            }
            for element in scene.elements
        ],
        "heading": scene.heading,
        "line": scene.line,
        "reported_eighths": scene.reported_eighths,
        "time_to": scene.time_to,
    }


def sets_document(breakdown: Breakdown) -> list[dict[str, Any]]:
    """The set listing: each set once (spellings joined by ``set_key``), with its scenes."""
    scenes_of: dict[str, list[SceneBreakdown]] = {set_key(name): [] for name in breakdown.sets}
    for scene in breakdown.scenes:
        scenes_of.get(set_key(scene.location), []).append(scene)
    return [
        {
            "name": name,
            "scenes": [scene.number for scene in scenes_of[set_key(name)]],
            "eighths": sum(scene.eighths for scene in scenes_of[set_key(name)]),
        }
        for name in breakdown.sets
    ]


def breakdown_document(breakdown: Breakdown, problems: tuple[Problem, ...] = ()) -> dict[str, Any]:
    """The whole ``firstad breakdown --json`` document."""
    return {
        "title": breakdown.title,
        "source": breakdown.source,
        "pages": breakdown.pages,
        "total_eighths": breakdown.total_eighths,
        "characters": list(breakdown.characters),
        "scenes": [scene_document(scene) for scene in breakdown.scenes],
        "sets": sets_document(breakdown),
        "notes": [{"text": note.text, "line": note.line} for note in breakdown.notes],
        "warnings": [str(problem) for problem in problems if not problem.is_error],
    }


def _csv_row(scene: SceneBreakdown) -> dict[str, Any]:
    document = scene_document(scene)
    document["speaking"] = "; ".join(scene.speaking)
    document["characters"] = "; ".join(scene.characters)
    document["elements"] = "; ".join(
        f"{element.category.value}: {element.name}" for element in scene.elements
    )
    return {column: document[column] for column in CSV_COLUMNS}


def breakdown_csv(breakdown: Breakdown) -> str:
    """One row per scene; lists joined with ``; `` so the file opens cleanly in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_csv_row(scene) for scene in breakdown.scenes)
    return buffer.getvalue()
