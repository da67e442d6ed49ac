"""Holding that small groups of actors cannot avoid, worked out once before the search.

Two actors can always be ordered without idle days between them (their own scenes, the shared
ones, the other's), but three need not be: if ``a`` and ``b`` share a scene without ``c``, ``b``
and ``c`` one without ``a``, and ``a`` and ``c`` one without ``b``, whichever of the three scenes
comes between the other two keeps an actor waiting through it (the smallest matrix without the
consecutive-ones property). For each group of three actors we solve the problem restricted to
them exactly (their scenes merged by the part of the cast inside the group; the scenes none of
them is in go first or last and keep nobody waiting) and keep the least holding it forces.

An actor not yet on location from either end still has all of their scenes to shoot, so the
group's least holding holds in the middle of the search exactly as at the start, and the
holding of groups with no actor in common adds up: a bound for the actors not yet started.
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.compiled import compiled

GROUP_SIZE = 3


@compiled
def group_holding(scene_actors, durations, costs, group):  # type: ignore[no-untyped-def]
    """Least holding pay of the actors in ``group`` over all orders, the others ignored."""
    patterns = np.zeros(scene_actors.shape[0], dtype=np.int64)
    lengths = np.zeros(scene_actors.shape[0], dtype=np.int64)
    count = 0
    for scene in range(scene_actors.shape[0]):
        pattern = scene_actors[scene] & group
        if pattern == 0:
            continue
        found = -1
        for index in range(count):
            if patterns[index] == pattern:
                found = index
        if found < 0:
            patterns[count] = pattern
            count += 1
            found = count - 1
        lengths[found] += durations[scene]
    own = np.int64(0)
    for index in range(count):
        own += lengths[index] * _cost_of(patterns[index], costs)
    return _least_pay(patterns, lengths, costs, count) - own


@compiled
def _least_pay(patterns, lengths, costs, count):  # type: ignore[no-untyped-def]
    """The one-ended talent DP over subsets of the (few) merged scenes."""
    full = (1 << count) - 1
    best = np.full(1 << count, np.int64(1) << np.int64(60), dtype=np.int64)
    best[0] = 0
    for placed in range(full):
        started = _union(patterns, placed, count)
        for index in range(count):
            if (placed >> index) & 1:
                continue
            after = _union(patterns, full & ~placed & ~(1 << index), count)
            present = patterns[index] | (started & after)
            step = best[placed] + lengths[index] * _cost_of(present, costs)
            child = placed | (1 << index)
            best[child] = min(best[child], step)
    return best[full]


@compiled
def _union(patterns, chosen, count):  # type: ignore[no-untyped-def]
    result = np.int64(0)
    for index in range(count):
        if (chosen >> index) & 1:
            result |= patterns[index]
    return result


@compiled
def _cost_of(actors, costs):  # type: ignore[no-untyped-def]
    total = np.int64(0)
    for actor in range(costs.shape[0]):
        if (actors >> actor) & 1:
            total += costs[actor]
    return total


def holding_groups(
    scene_actors: np.ndarray, durations: np.ndarray, costs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every group of three actors with forced holding, as masks and pay, largest pay first."""
    masks, holding = _forced_triples(scene_actors, durations, costs)
    order = np.argsort(-holding, kind="stable")
    return masks[order], holding[order]


@compiled
def _forced_triples(scene_actors, durations, costs):  # type: ignore[no-untyped-def]
    actor_count = costs.shape[0]
    total = actor_count * (actor_count - 1) * (actor_count - 2) // 6
    masks = np.zeros(max(total, 1), dtype=np.int64)
    holding = np.zeros(max(total, 1), dtype=np.int64)
    found = 0
    for first in range(actor_count):
        for second in range(first + 1, actor_count):
            for third in range(second + 1, actor_count):
                group = (np.int64(1) << first) | (np.int64(1) << second) | (np.int64(1) << third)
                pay = group_holding(scene_actors, durations, costs, group)
                if pay > 0:
                    masks[found] = group
                    holding[found] = pay
                    found += 1
    return masks[:found], holding[:found]
