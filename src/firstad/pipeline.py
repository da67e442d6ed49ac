"""The only module that knows the order of the stages.

Each stage is a function of data in, data and problems out; this module chains them and stops
at the first stage whose result cannot be trusted (an error), keeping every problem found.
"""

from __future__ import annotations

from pathlib import Path

from firstad.breakdown import break_down
from firstad.importers import read_script
from firstad.model import Breakdown, Problem, Script, has_errors

__all__ = ["breakdown_file", "read_script_file"]


def read_script_file(path: Path) -> tuple[Script | None, tuple[Problem, ...]]:
    """Stage 1: any supported screenplay file to a Script."""
    script, problems = read_script(path)
    if script is None or has_errors(problems):
        return None, problems
    return script, problems


def breakdown_file(path: Path) -> tuple[Breakdown | None, tuple[Problem, ...]]:
    """Stages 1-2: a screenplay file to its scene breakdown."""
    script, problems = read_script_file(path)
    if script is None:
        return None, problems
    breakdown, more = break_down(script)
    return breakdown, problems + more
