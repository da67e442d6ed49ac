"""The order of work inside a shoot day, and the day as the crew receives it.

The assignment model decides which scenes a day holds and in which order its locations are
visited (their blocks on the timeline). Inside one location the order is free for cost — the
evaluator pays actors by the day — so it follows the user's orderings first and then groups
scenes that share actors, so nobody waits around between their scenes longer than needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from firstad.model import ShootDay
from firstad.schedule.indexed import IndexedProblem


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One day as the solver left it: location blocks in visiting order, times in minutes
    from the date's midnight."""

    day: int
    blocks: tuple[tuple[int, tuple[int, ...]], ...]
    call_minute: int
    wrap_minute: int


def at_minute(day: date, minute: int) -> datetime:
    """The local date-time ``minute`` minutes after the day's midnight (may be next day)."""
    return datetime.combine(day, time()) + timedelta(minutes=minute)


def order_block(problem: IndexedProblem, scenes: Sequence[int]) -> tuple[int, ...]:
    """Scenes of one location block: the user's orderings kept, then script order, with each
    scene followed by the next one sharing the most actors (a greedy talent-waiting order)."""
    remaining = sorted(scenes)
    ordered: list[int] = []
    while remaining:
        ready = [scene for scene in remaining if _ready(problem, scene, remaining)]
        candidates = ready or remaining
        scene = _closest(problem, ordered[-1], candidates) if ordered else candidates[0]
        ordered.append(scene)
        remaining.remove(scene)
    return tuple(ordered)


def _ready(problem: IndexedProblem, scene: int, remaining: Sequence[int]) -> bool:
    """True when no remaining scene must be shot before this one."""
    return not any(after == scene and before in remaining for before, after in problem.orderings)


def _closest(problem: IndexedProblem, previous: int, candidates: Sequence[int]) -> int:
    cast = set(problem.scenes[previous].cast)
    return max(candidates, key=lambda scene: len(cast & set(problem.scenes[scene].cast)))


def shoot_day(problem: IndexedProblem, plan: DayPlan, *, locked: bool = False) -> ShootDay:
    """The crew's day: scenes in shooting order, locations in visiting order, call and wrap."""
    day_date = problem.dates[plan.day]
    scenes = tuple(
        problem.scenes[scene].number
        for _location, block in plan.blocks
        for scene in order_block(problem, block)
    )
    return ShootDay(
        date=day_date,
        call=at_minute(day_date, plan.call_minute),
        wrap=at_minute(day_date, plan.wrap_minute),
        scenes=scenes,
        locations=tuple(problem.locations[location].identifier for location, _ in plan.blocks),
        locked=locked,
    )


def shift_day(day: ShootDay, call: datetime) -> ShootDay:
    """The same day called at another time, its wrap moved by as much."""
    return replace(day, call=call, wrap=day.wrap + (call - day.call))
