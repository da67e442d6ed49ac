"""Preprocessing of Garcia de la Banda, Stuckey & Chu (2011, section 3) before the search.

Each rule keeps at least one optimal order and shrinks the problem:

* an unpaid actor changes nothing; an actor in only one scene is paid exactly that scene's days
  whatever the order, and an actor in every scene is paid every day: all three become a constant
  and leave the problem;
* scenes with the same set of (remaining) actors can be shot back to back in some optimal order,
  so they merge into one scene with the summed duration;
* actors with the same set of scenes are always on location together: they merge into one actor
  with the summed daily cost;
* a scene left with no actor costs nothing at either end of the schedule: it goes last.

The rules feed each other (a merge can leave an actor in one scene), so they run to a fixpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from firstad.schedule.talent.instance import TalentInstance


@dataclass(frozen=True, slots=True)
class Reduction:
    """The reduced problem the search sees, and how to map its orders back.

    ``groups[k]`` are the original scenes (0-based) merged into reduced scene ``k``, shot in that
    order; ``actor_masks[k]`` has bit ``a`` set when reduced actor ``a`` is in reduced scene
    ``k``; ``constant`` is the pay no order can change; ``trailing`` are the actor-less scenes
    shot last.
    """

    groups: tuple[tuple[int, ...], ...]
    durations: tuple[int, ...]
    actor_masks: tuple[int, ...]
    costs: tuple[int, ...]
    constant: int
    trailing: tuple[int, ...]

    def expand(self, reduced_order: Sequence[int]) -> tuple[int, ...]:
        """The full order of original scenes for an order of reduced scenes."""
        merged = [scene for group in reduced_order for scene in self.groups[group]]
        return (*merged, *self.trailing)


@dataclass
class _Working:
    """The problem while the rules run: scenes as (group, duration, actor set), actor costs."""

    scenes: list[tuple[tuple[int, ...], int, frozenset[int]]]
    costs: dict[int, int]
    constant: int


def reduce(instance: TalentInstance) -> Reduction:
    """Apply the preprocessing rules until none changes the problem."""
    working = _Working(
        scenes=[
            ((scene,), instance.durations[scene], frozenset(instance.actors_in(scene)))
            for scene in range(instance.scene_count)
        ],
        costs=dict(enumerate(instance.costs)),
        constant=0,
    )
    changed = True
    while changed:
        changed = _merge_actors(working) | _remove_fixed_actors(working) | _merge_scenes(working)
    return _finish(working)


def _scene_sets(working: _Working) -> dict[int, frozenset[int]]:
    return {
        actor: frozenset(
            index for index, (_, _, actors) in enumerate(working.scenes) if actor in actors
        )
        for actor in working.costs
    }


def _merge_actors(working: _Working) -> bool:
    """Actors with identical scene sets share their whole span: keep one with the summed cost."""
    keeper: dict[frozenset[int], int] = {}
    merged: dict[int, int] = {}
    for actor, scenes in sorted(_scene_sets(working).items()):
        if scenes in keeper:
            working.costs[keeper[scenes]] += working.costs.pop(actor)
            merged[actor] = keeper[scenes]
        else:
            keeper[scenes] = actor
    if not merged:
        return False
    working.scenes = [
        (group, duration, frozenset(merged.get(actor, actor) for actor in actors))
        for group, duration, actors in working.scenes
    ]
    return True


def _remove_fixed_actors(working: _Working) -> bool:
    """Unpaid actors, and actors in one scene or in all, pay the same whatever the order."""
    total_days = sum(duration for _, duration, _ in working.scenes)
    removed: set[int] = set()
    for actor, scenes in _scene_sets(working).items():
        if len(scenes) <= 1 or working.costs[actor] == 0:
            days = sum(working.scenes[index][1] for index in scenes)
        elif len(scenes) == len(working.scenes):
            days = total_days
        else:
            continue
        working.constant += working.costs.pop(actor) * days
        removed.add(actor)
    if not removed:
        return False
    working.scenes = [
        (group, duration, actors - removed) for group, duration, actors in working.scenes
    ]
    return True


def _merge_scenes(working: _Working) -> bool:
    """Scenes with the same non-empty actor set are shot back to back in some optimal order."""
    by_actors: dict[frozenset[int], int] = {}
    scenes: list[tuple[tuple[int, ...], int, frozenset[int]]] = []
    for group, duration, actors in working.scenes:
        if actors and actors in by_actors:
            index = by_actors[actors]
            old_group, old_duration, _ = scenes[index]
            scenes[index] = (old_group + group, old_duration + duration, actors)
        else:
            by_actors[actors] = len(scenes)
            scenes.append((group, duration, actors))
    changed = len(scenes) != len(working.scenes)
    working.scenes = scenes
    return changed


def _finish(working: _Working) -> Reduction:
    actors = sorted(working.costs)
    bit = {actor: index for index, actor in enumerate(actors)}
    kept = [scene for scene in working.scenes if scene[2]]
    trailing = tuple(
        index for group, _, actors_in in working.scenes if not actors_in for index in group
    )
    return Reduction(
        groups=tuple(group for group, _, _ in kept),
        durations=tuple(duration for _, duration, _ in kept),
        actor_masks=tuple(sum(1 << bit[actor] for actor in actors_in) for _, _, actors_in in kept),
        costs=tuple(working.costs[actor] for actor in actors),
        constant=working.constant,
        trailing=trailing,
    )
