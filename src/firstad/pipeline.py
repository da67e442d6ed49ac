"""The only module that knows the order of the stages.

Each stage is a function of data in, data and problems out; this module chains them and stops
at the first stage whose result cannot be trusted (an error), keeping every problem found.
"""

from __future__ import annotations

from pathlib import Path

from firstad.breakdown import break_down
from firstad.breakdown.edits import apply_edits, edits_path_for, read_edits
from firstad.importers import read_script
from firstad.model import Breakdown, Problem, Script, has_errors

__all__ = ["breakdown_file", "read_script_file"]


def read_script_file(path: Path) -> tuple[Script | None, tuple[Problem, ...]]:
    """Stage 1: any supported screenplay file to a Script."""
    script, problems = read_script(path)
    if script is None or has_errors(problems):
        return None, problems
    return script, problems


def breakdown_file(
    path: Path, edits_path: Path | None = None
) -> tuple[Breakdown | None, tuple[Problem, ...]]:
    """Stages 1-2: a screenplay file to its scene breakdown, with the crew's edits applied.

    The edits come from ``edits_path``, or from ``<script>.breakdown.toml`` beside the script
    when there is one.
    """
    script, problems = read_script_file(path)
    if script is None:
        return None, problems
    breakdown, more = break_down(script)
    problems += more
    if breakdown is None:
        return None, problems
    edits, edit_problems = read_edits(edits_path or edits_path_for(path))
    problems += edit_problems
    if edits is None or has_errors(edit_problems):
        return None, problems
    edited, apply_problems = apply_edits(breakdown, edits)
    return edited, problems + apply_problems
