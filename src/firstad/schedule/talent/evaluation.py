"""The referee for talent schedules: what an order of scenes costs.

Cheng, Diamond & Lin (1993): an actor is paid ``cost`` for every day from the first day of their
first scene to the last day of their last scene. The part of that pay spent on days the actor is
not in the scene being shot is the *holding* cost, the only part an order can change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from firstad.schedule.talent.instance import TalentInstance


@dataclass(frozen=True, slots=True)
class TalentEvaluation:
    """The pay for one order: ``total`` = ``working`` (days actors act) + ``holding`` (idle)."""

    total: int
    working: int
    holding: int


def evaluate(instance: TalentInstance, order: Sequence[int]) -> TalentEvaluation:
    """The total, working and holding pay of shooting the scenes in ``order`` (0-based indices).

    Raises ValueError when ``order`` is not a permutation of the instance's scenes: a malformed
    order is a bug in the caller, not a problem in user data.
    """
    if sorted(order) != list(range(instance.scene_count)):
        raise ValueError("order must list every scene exactly once")
    starts: list[int] = []
    day = 0
    for scene in order:
        starts.append(day)
        day += instance.durations[scene]
    total = 0
    working = 0
    for actor, cost in enumerate(instance.costs):
        positions = [
            index for index, scene in enumerate(order) if instance.appearances[actor][scene]
        ]
        if not positions:
            continue
        first, last = positions[0], positions[-1]
        span = starts[last] + instance.durations[order[last]] - starts[first]
        total += cost * span
        working += cost * sum(instance.durations[order[index]] for index in positions)
    return TalentEvaluation(total=total, working=working, holding=total - working)
