"""Re-planning a published schedule: a day lost, a day locked, a strip pinned, and the fewest
strips moved.

A published schedule is in everyone's diary, so the new plan first moves as few scenes off
their published day as it can, and only then looks for the cheapest such plan (see
``optimizer``); a crew that can take more changes may allow up to ``max_moved``. The answer
comes with the list of what moved, for the call-sheet notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from firstad.model import Schedule
from firstad.schedule.optimizer import OptimizeResult, optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.solve import ProgressCallback


@dataclass(frozen=True, slots=True)
class Move:
    """A scene that changed day: ``to_date`` None when it is no longer scheduled."""

    scene: str
    from_date: date
    to_date: date | None

    def __str__(self) -> str:
        target = "unscheduled" if self.to_date is None else str(self.to_date)
        return f"scene {self.scene}: {self.from_date} -> {target}"


@dataclass(frozen=True, slots=True)
class ReplanResult:
    """The new plan and the scenes that left their published day."""

    result: OptimizeResult
    moved: tuple[Move, ...]


def without_dates(problem: SchedulingProblem, lost: Iterable[date]) -> SchedulingProblem:
    """The problem with some shoot dates gone (the rink cancels, a storm)."""
    gone = set(lost)
    return replace(problem, dates=tuple(day for day in problem.dates if day not in gone))


def locked_days(schedule: Schedule, dates: Iterable[date]) -> Schedule:
    """The schedule's days on ``dates``, marked locked (kept exactly as published)."""
    wanted = set(dates)
    days = tuple(replace(day, locked=True) for day in schedule.days if day.date in wanted)
    return Schedule(days=days)


def replan_locks(
    previous: Schedule, lock: Iterable[date], lost: Iterable[date], pin: Iterable[str] = ()
) -> Schedule:
    """What a re-plan keeps: the days marked locked in ``previous`` and the ``lock`` dates,
    exactly as published, less the ``lost`` ones; and each ``pin``ned strip on its published
    date (a day that keeps its pinned scenes but may change otherwise)."""
    gone = set(lost)
    kept = {day.date for day in previous.days if day.locked} | set(lock)
    locked = locked_days(previous, kept - gone)
    pinned = set(pin)
    strips = tuple(
        replace(day, scenes=tuple(number for number in day.scenes if number in pinned))
        for day in previous.days
        if day.date not in kept | gone and pinned.intersection(day.scenes)
    )
    return Schedule(days=locked.days + strips)


def replan(
    problem: SchedulingProblem,
    previous: Schedule,
    *,
    lost: Iterable[date] = (),
    lock: Iterable[date] = (),
    pin: Iterable[str] = (),
    time_limit: float,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    max_moved: int | None = None,
) -> ReplanResult:
    """Re-optimise ``previous`` after losing ``lost`` dates, keeping ``lock`` dates as they are
    (plus any day already marked locked in ``previous``) and the ``pin``ned scenes on their
    published dates, moving as few scenes off their published day as possible, or up to
    ``max_moved`` when that is more."""
    lost_dates = set(lost)
    reduced = without_dates(problem, lost_dates)
    locked = replan_locks(previous, lock, lost_dates, pin)
    result = optimize(
        reduced,
        time_limit=time_limit,
        seed=seed,
        locked=locked if locked.days else None,
        previous=previous,
        progress=progress,
        max_moved=max_moved,
    )
    moved = moved_scenes(previous, result.schedule) if result.schedule is not None else ()
    return ReplanResult(result=result, moved=moved)


def moved_scenes(previous: Schedule, current: Schedule) -> tuple[Move, ...]:
    """Every scene of ``previous`` whose date differs in ``current``, in published order."""
    now = {number: day.date for day in current.days for number in day.scenes}
    return tuple(
        Move(number, day.date, now.get(number))
        for day in previous.days
        for number in day.scenes
        if now.get(number) != day.date
    )
