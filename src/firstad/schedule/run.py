"""The scheduling stage: breakdown + production -> schedule, explained when impossible.

``schedule_production`` is the stage function the pipeline (and so the CLI and the web app)
calls: it builds the problem, optimises (or re-plans from a previous schedule) and, when no
schedule exists, explains why. Schedules travel as the ``--json`` document (``read_schedule``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from firstad.model import (
    Breakdown,
    Evaluation,
    Problem,
    Production,
    Schedule,
    ShootDay,
    has_errors,
)
from firstad.production import build_problem
from firstad.schedule.evaluator import evaluate
from firstad.schedule.explain import explain
from firstad.schedule.optimizer import INFEASIBLE, OptimizeResult, optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.replan import Move, replan, replan_locks, without_dates
from firstad.schedule.solve import ProgressCallback


@dataclass(frozen=True, slots=True)
class ScheduleOutcome:
    """Everything the stage found: the problem solved, the optimizer's answer, the sentences
    explaining an infeasible production, and the scenes moved when re-planning."""

    problem: SchedulingProblem
    result: OptimizeResult
    explanation: tuple[str, ...] = ()
    moved: tuple[Move, ...] = ()


def schedule_production(
    breakdown: Breakdown,
    production: Production,
    source: str,
    *,
    time_limit: float,
    seed: int = 0,
    lock: Iterable[date] = (),
    lost: Iterable[date] = (),
    pin: Iterable[str] = (),
    previous: Schedule | None = None,
    progress: ProgressCallback | None = None,
    max_moved: int | None = None,
) -> tuple[ScheduleOutcome | None, tuple[Problem, ...]]:
    """The scheduling stage: breakdown + production -> schedule (or why none exists).

    ``source`` names the production file in problems. None with the problems when the
    production does not fit the script.
    """
    scheduling, problems = build_problem(breakdown, production, source)
    if scheduling is None or has_errors(problems):
        return None, problems
    outcome = solve_problem(
        scheduling,
        time_limit=time_limit,
        seed=seed,
        lock=tuple(lock),
        lost=tuple(lost),
        pin=tuple(pin),
        previous=previous,
        progress=progress,
        max_moved=max_moved,
    )
    return outcome, problems


def solve_problem(
    scheduling: SchedulingProblem,
    *,
    time_limit: float,
    seed: int = 0,
    lock: tuple[date, ...] = (),
    lost: tuple[date, ...] = (),
    pin: tuple[str, ...] = (),
    previous: Schedule | None = None,
    progress: ProgressCallback | None = None,
    max_moved: int | None = None,
) -> ScheduleOutcome:
    """Optimise a built problem (re-plan when there is a previous schedule, moving up to
    ``max_moved`` of its scenes when that is more than the fewest); explain failure."""
    moved: tuple[Move, ...] = ()
    if previous is not None:
        replanned = replan(
            scheduling,
            previous,
            lost=lost,
            lock=lock,
            pin=pin,
            time_limit=time_limit,
            seed=seed,
            progress=progress,
            max_moved=max_moved,
        )
        result, moved = replanned.result, replanned.moved
        locked = replan_locks(previous, lock, lost, pin)
    else:
        scheduling = without_dates(scheduling, lost)
        locked = Schedule(days=())
        result = optimize(scheduling, time_limit=time_limit, seed=seed, progress=progress)
    explanation: tuple[str, ...] = ()
    if result.status == INFEASIBLE:
        reduced = without_dates(scheduling, lost)
        explanation = explain(reduced, locked=locked if locked.days else None)
    return ScheduleOutcome(scheduling, result, explanation, moved)


# --- schedules as JSON ----------------------------------------------------------------------


def schedule_document(outcome: ScheduleOutcome) -> dict[str, Any]:
    """The ``firstad schedule --json`` document (documented in docs/cli-json.md)."""
    result = outcome.result
    days = [] if result.schedule is None else [_day_document(day) for day in result.schedule.days]
    return {
        "status": result.status,
        "days": days,
        "cost": None if result.cost is None else result.cost.as_dict(),
        "lower_bound": result.lower_bound,
        "gap": None if result.gap is None else round(result.gap, 6),
        "violations": [str(problem) for problem in result.problems],
        "explanation": list(outcome.explanation),
        "moved": [
            {
                "scene": move.scene,
                "from": move.from_date.isoformat(),
                "to": None if move.to_date is None else move.to_date.isoformat(),
            }
            for move in outcome.moved
        ],
    }


def _day_document(day: ShootDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "call": day.call.isoformat(timespec="minutes"),
        "wrap": day.wrap.isoformat(timespec="minutes"),
        "scenes": list(day.scenes),
        "locations": list(day.locations),
        "locked": day.locked,
    }


def read_schedule(path: Path) -> tuple[Schedule | None, tuple[Problem, ...]]:
    """A schedule from a ``firstad schedule --json`` document, published or edited by hand.

    Mistakes name the day and key (``days[3].call``) and the line of that day in the file.
    """
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except OSError as error:
        return None, (Problem(f"cannot read the schedule: {error.strerror}", source),)
    except UnicodeDecodeError:
        return None, (Problem("not a text file (a schedule is UTF-8 JSON)", source),)
    except json.JSONDecodeError as error:
        return None, (Problem(f"not JSON: {error.msg}", source, line=error.lineno),)
    items = document.get("days") if isinstance(document, dict) else None
    if not isinstance(items, list):
        return None, (Problem("not a firstad schedule document: no 'days' list", source),)
    day_lines = _day_lines(text, len(items))
    days: list[ShootDay] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        day, problem = _read_day(item, f"days[{index}]")
        if problem is not None:
            problems.append(Problem(problem, source, day_lines[index], key=f"days[{index}]"))
        elif day is not None:
            days.append(day)
    return (None if problems else Schedule(days=tuple(days))), tuple(problems)


def _day_lines(text: str, count: int) -> list[int | None]:
    """The line of each day's ``"date"`` key, when the file has one per day."""
    starts = [match.start() for match in re.finditer(r'"date"\s*:', text)]
    if len(starts) != count:
        return [None] * count
    return [text.count("\n", 0, start) + 1 for start in starts]


def _read_day(item: object, key: str) -> tuple[ShootDay | None, str | None]:
    if not isinstance(item, dict):
        return None, "a day must be an object with date, call, wrap and scenes"
    missing = [name for name in ("date", "call", "wrap", "scenes") if name not in item]
    if missing:
        return None, f"missing {', '.join(repr(name) for name in missing)}"
    try:
        day = ShootDay(
            date=date.fromisoformat(str(item["date"])),
            call=datetime.fromisoformat(str(item["call"])),
            wrap=datetime.fromisoformat(str(item["wrap"])),
            scenes=tuple(str(number) for number in item["scenes"]),
            locations=tuple(str(place) for place in item.get("locations", ())),
            locked=bool(item.get("locked", False)),
        )
    except (TypeError, ValueError) as error:
        return None, f"{error} (dates are YYYY-MM-DD, times YYYY-MM-DDTHH:MM)"
    return day, None


# --- judging a schedule made elsewhere ----------------------------------------------------------


def evaluate_schedule(
    breakdown: Breakdown, production: Production, source: str, schedule: Schedule
) -> tuple[tuple[SchedulingProblem, Evaluation] | None, tuple[Problem, ...]]:
    """Judge a schedule made by hand or by another tool with the optimizer's own referee."""
    scheduling, problems = build_problem(breakdown, production, source)
    if scheduling is None or has_errors(problems):
        return None, problems
    return (scheduling, evaluate(scheduling, schedule)), problems


def evaluation_document(schedule: Schedule, evaluation: Evaluation) -> dict[str, Any]:
    """The ``firstad evaluate --json`` document: the schedule document's keys that apply."""
    return {
        "status": "valid" if evaluation.feasible else "violations",
        "days": [_day_document(day) for day in schedule.days],
        "cost": evaluation.cost.as_dict(),
        "violations": [str(problem) for problem in evaluation.violations],
    }
