"""The only module that knows the order of the stages.

Each stage is a function of data in, data and problems out; this module chains them and stops
at the first stage whose result cannot be trusted (an error), keeping every problem found.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from firstad.breakdown import break_down
from firstad.breakdown.edits import apply_edits, edits_path_for, read_edits
from firstad.importers import read_script
from firstad.model import Breakdown, Problem, Production, Script, Severity, has_errors
from firstad.production import read_production

if TYPE_CHECKING:
    from firstad.model import Evaluation, Schedule
    from firstad.schedule.run import ScheduleOutcome
    from firstad.schedule.solve import ProgressCallback

__all__ = ["breakdown_file", "evaluate_file", "read_script_file", "schedule_file"]


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


def _ignored_locks(
    published: Schedule, lock: tuple[date, ...], lost: tuple[date, ...], source: str
) -> tuple[Problem, ...]:
    """Locks that cannot hold, said aloud rather than dropped: the re-plan goes on without them."""
    shot = {day.date for day in published.days}
    warnings: list[Problem] = []
    for day in lock:
        if day in lost:
            message = f"--lock {day}: the date is also given as --lost-day; it is lost"
        elif day not in shot:
            message = f"--lock {day}: the published schedule has no shoot day on that date"
        else:
            continue
        warnings.append(Problem(message, source, severity=Severity.WARNING))
    return tuple(warnings)


def _ignored_pins(
    published: Schedule, pin: tuple[str, ...], lost: tuple[date, ...], source: str
) -> tuple[Problem, ...]:
    """Pins that cannot hold, said aloud: the scene is not in the published schedule, or its
    day is lost (it has to move)."""
    day_of = {number: day.date for day in published.days for number in day.scenes}
    warnings: list[Problem] = []
    for number in pin:
        day = day_of.get(number)
        if day is None:
            message = f"--pin {number}: the published schedule does not shoot that scene"
        elif day in lost:
            message = f"--pin {number}: its day {day} is given as --lost-day; the scene must move"
        else:
            continue
        warnings.append(Problem(message, source, scene=number, severity=Severity.WARNING))
    return tuple(warnings)


def _production_and_breakdown(
    production_path: Path,
) -> tuple[tuple[Production, Breakdown] | None, tuple[Problem, ...]]:
    """Stages 1-3: the production file, and the breakdown of the script it names."""
    production, problems = read_production(production_path)
    if production is None or has_errors(problems):
        return None, problems
    breakdown, more = breakdown_file(production_path.parent / production.script)
    problems += more
    if breakdown is None:
        return None, problems
    return (production, breakdown), problems


def schedule_file(
    production_path: Path,
    *,
    time_limit: float,
    seed: int = 0,
    lock: Iterable[date] = (),
    lost: Iterable[date] = (),
    pin: Iterable[str] = (),
    previous_path: Path | None = None,
    progress: ProgressCallback | None = None,
    max_moved: int | None = None,
) -> tuple[ScheduleOutcome | None, tuple[Problem, ...]]:
    """Stages 1-4: a production file and the script it names to the cheapest schedule.

    With ``previous_path`` (a published ``--json`` schedule) the stage re-plans it: ``lock``
    keeps those days as published, ``lost`` takes dates off the calendar, ``pin`` keeps those
    scenes on their published dates, ``max_moved`` lets up to that many scenes leave their
    published day when more than the fewest would make the plan cheaper.
    """
    # Imported here: the optimiser loads OR-Tools (~0.5 s), which breaking a script down
    # never needs.
    from firstad.schedule.run import read_schedule, schedule_production  # noqa: PLC0415

    read, problems = _production_and_breakdown(production_path)
    if read is None:
        return None, problems
    production, breakdown = read
    published = None
    lock, lost, pin = tuple(lock), tuple(lost), tuple(pin)
    if previous_path is not None:
        published, more = read_schedule(previous_path)
        problems += more
        if published is None or has_errors(more):
            return None, problems
        problems += _ignored_locks(published, lock, lost, str(previous_path))
        problems += _ignored_pins(published, pin, lost, str(previous_path))
    else:
        problems += tuple(
            Problem(
                f"{option} keeps what a published schedule has: give it with --previous; ignored",
                str(production_path),
                severity=Severity.WARNING,
            )
            for option, given in (("--lock", lock), ("--pin", pin))
            if given
        )
        if max_moved is not None:
            problems += (
                Problem(
                    "--max-moves counts strips moved off a published schedule: give it with "
                    "--previous; ignored",
                    str(production_path),
                    severity=Severity.WARNING,
                ),
            )
    outcome, more = schedule_production(
        breakdown,
        production,
        str(production_path),
        time_limit=time_limit,
        seed=seed,
        lock=lock,
        lost=lost,
        pin=pin,
        previous=published,
        progress=progress,
        max_moved=max_moved,
    )
    if outcome is not None and max_moved is not None and len(outcome.moved) > max_moved:
        more += (
            Problem(
                f"--max-moves {max_moved}: {len(outcome.moved)} strips had to move (no plan "
                "found moves fewer: a lost day's strips, and those they displace)",
                str(previous_path),
                severity=Severity.WARNING,
            ),
        )
    return outcome, problems + more


def evaluate_file(
    production_path: Path, schedule_path: Path
) -> tuple[tuple[Schedule, Evaluation] | None, tuple[Problem, ...]]:
    """A schedule file (edited by hand, or from another tool) judged against the production."""
    from firstad.schedule.run import evaluate_schedule, read_schedule  # noqa: PLC0415

    read, problems = _production_and_breakdown(production_path)
    if read is None:
        return None, problems
    production, breakdown = read
    schedule, more = read_schedule(schedule_path)
    problems += more
    if schedule is None:
        return None, problems
    judged, more = evaluate_schedule(breakdown, production, str(production_path), schedule)
    if judged is None:
        return None, problems + more
    return (schedule, judged[1]), problems + more
