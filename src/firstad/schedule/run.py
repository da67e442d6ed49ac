"""The scheduling stage: breakdown + production -> schedule, explained when impossible.

``schedule_production`` is the stage function the pipeline (and so the CLI and the web app)
calls: it builds the problem, optimises (or re-plans from a previous schedule) and, when no
schedule exists, explains why. Schedules travel as the ``--json`` document (``read_schedule``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from firstad.model import Breakdown, Problem, Production, Schedule, ShootDay, has_errors
from firstad.production import build_problem
from firstad.schedule.explain import explain
from firstad.schedule.optimizer import INFEASIBLE, OptimizeResult, optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.replan import Move, locked_days, replan, without_dates
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
    previous: Schedule | None = None,
    progress: ProgressCallback | None = None,
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
        previous=previous,
        progress=progress,
    )
    return outcome, problems


def solve_problem(
    scheduling: SchedulingProblem,
    *,
    time_limit: float,
    seed: int = 0,
    lock: tuple[date, ...] = (),
    lost: tuple[date, ...] = (),
    previous: Schedule | None = None,
    progress: ProgressCallback | None = None,
) -> ScheduleOutcome:
    """Optimise a built problem (re-plan when there is a previous schedule); explain failure."""
    moved: tuple[Move, ...] = ()
    if previous is not None:
        replanned = replan(
            scheduling,
            previous,
            lost=lost,
            lock=lock,
            time_limit=time_limit,
            seed=seed,
            progress=progress,
        )
        result, moved = replanned.result, replanned.moved
        locked = locked_days(previous, set(lock) - set(lost))
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
    """A schedule from a ``firstad schedule --json`` document (for ``--previous``)."""
    source = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        days = tuple(_read_day(item) for item in document["days"])
    except OSError as error:
        return None, (Problem(f"cannot read the schedule: {error.strerror}", source),)
    except json.JSONDecodeError as error:
        return None, (Problem(f"not JSON: {error.msg}", source, line=error.lineno),)
    except (KeyError, TypeError, ValueError) as error:
        return None, (Problem(f"not a firstad schedule document: {error}", source),)
    return Schedule(days=days), ()


def _read_day(item: dict[str, Any]) -> ShootDay:
    return ShootDay(
        date=date.fromisoformat(item["date"]),
        call=datetime.fromisoformat(item["call"]),
        wrap=datetime.fromisoformat(item["wrap"]),
        scenes=tuple(str(number) for number in item["scenes"]),
        locations=tuple(item.get("locations", ())),
        locked=bool(item.get("locked", False)),
    )
