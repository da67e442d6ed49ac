"""Holding that actors not yet started cannot avoid, worked out per set of such actors.

Two actors can always be ordered without idle days between them (their own scenes, the shared
ones, the other's), but three need not be: if ``a`` and ``b`` share a scene without ``c``, ``b``
and ``c`` one without ``a``, and ``a`` and ``c`` one without ``b``, whichever of the three scenes
comes between the other two keeps an actor waiting through it (the smallest matrix without the
consecutive-ones property). For a group of actors we solve the problem restricted to them exactly
(their scenes merged by the part of the cast inside the group; the scenes none of them is in go
first or last and keep nobody waiting) and keep the least holding it forces.

An actor not yet on location from either end still has all of their scenes to shoot, so a
group's least holding holds in the middle of the search exactly as at the start, and the
holding of groups with no actor in common adds up: a bound for the actors not yet started. Which
actors those are depends on the state, but the search meets few such sets (a few thousand at
32x16, among millions of states), so ``unstarted_holding`` solves the whole set exactly when its
scenes fall into at most ``EXACT_PATTERNS`` casts, splits it into such parts otherwise, and
remembers the answer for the set. The groups of three with forced holding, worked out once before
the search, are the fallback when the parts do worse.
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.compiled import compiled
from firstad.schedule.talent.masks import mask_sum

GROUP_SIZE = 3
# Sets of actors whose scenes fall into at most this many casts (within the set) are solved
# exactly, over all 2**count subsets of the casts (under a millisecond at 12, four times that
# for each two more).
EXACT_PATTERNS = 12
# Slots of the memo of ``unstarted_holding`` (a set and its value, overwritten on a collision).
# A minute at 40x20 meets about 20k sets; with a quarter of the slots they evicted each other
# and the memo missed 2.4 times as often.
MEMO_SLOTS = 1 << 18


@compiled
def group_holding(scene_actors, durations, costs, group):  # type: ignore[no-untyped-def]
    """Least holding pay of the actors in ``group`` over all orders, the others ignored."""
    patterns = np.zeros(scene_actors.shape[0], dtype=np.int64)
    lengths = np.zeros(scene_actors.shape[0], dtype=np.int64)
    count = _merged_casts(scene_actors, durations, group, patterns, lengths)
    size = np.int64(1) << count
    return _least_holding(
        patterns,
        lengths,
        count,
        cost_table(costs),
        np.zeros(size, dtype=np.int64),
        np.zeros(size, dtype=np.int64),
    )


@compiled
def cost_table(costs):  # type: ignore[no-untyped-def]
    """``table[chunk, byte]``: the daily cost of the actors of ``byte`` in that chunk of eight."""
    table = np.zeros((8, 256), dtype=np.int64)
    for actor in range(costs.shape[0]):
        chunk, offset = actor // 8, actor % 8
        for byte in range(256):
            if (byte >> offset) & 1:
                table[chunk, byte] += costs[actor]
    return table


@compiled
def _merged_casts(scene_actors, durations, group, patterns, lengths):  # type: ignore[no-untyped-def]
    """Fill ``patterns`` and ``lengths`` with the casts within ``group`` of its scenes and their
    days; return how many (the scenes of one cast are shot together in some best order)."""
    count = 0
    for scene in range(scene_actors.shape[0]):
        pattern = scene_actors[scene] & group
        if pattern == 0:
            continue
        found = -1
        for index in range(count):
            if patterns[index] == pattern:
                found = index
                break
        if found < 0:
            patterns[count] = pattern
            lengths[count] = 0
            found = count
            count += 1
        lengths[found] += durations[scene]
    return count


@compiled
def _pattern_count(scene_actors, group, patterns):  # type: ignore[no-untyped-def]
    """How many casts within ``group`` its scenes have (``patterns`` is scratch)."""
    count = 0
    for scene in range(scene_actors.shape[0]):
        pattern = scene_actors[scene] & group
        if pattern == 0:
            continue
        found = False
        for index in range(count):
            if patterns[index] == pattern:
                found = True
                break
        if not found:
            patterns[count] = pattern
            count += 1
    return count


@compiled
def _least_holding(patterns, lengths, count, table, union, best):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """The one-ended talent DP over subsets of the (few) merged casts: least pay of the group's
    actors on days they are not in, ``union`` and ``best`` scratch of ``2**count`` entries.

    Placing cast ``i`` after the set ``placed`` keeps waiting the actors already started who are
    in a cast still to come and not in ``i``.
    """
    full = (np.int64(1) << count) - 1
    union[0] = 0
    for index in range(count):
        low = np.int64(1) << index
        for subset in range(low, low << 1):
            union[subset] = union[subset - low] | patterns[index]
    best[: full + 1] = np.int64(1) << np.int64(60)
    best[0] = 0
    for placed in range(full):
        paid = best[placed]
        started = union[placed]
        rest = full & ~placed
        for index in range(count):
            if not (rest >> index) & 1:
                continue
            waiting = started & union[rest & ~(np.int64(1) << index)] & ~patterns[index]
            step = paid
            if waiting:
                step += lengths[index] * mask_sum(waiting, table)
            child = placed | (np.int64(1) << index)
            best[child] = min(best[child], step)
    return best[full]


@compiled
def unstarted_holding(data, waiting):  # type: ignore[no-untyped-def]
    """A lower bound on the holding of the actors ``waiting``, none of them started yet.

    Reads the scenes, durations and cost table (``data[0]``, ``data[1]``, ``data[5]``), the
    groups of three with forced holding (``data[10]``, ``data[11]``), scratch tables
    (``data[12]``, ``data[13]``, ``data[18]``) and its memo of ``(set, value)`` (``data[17]``),
    see solver.search_data.
    """
    memo = data[17]
    mixed = waiting * np.int64(0x9E3779B97F4A7C15)
    slot = (mixed ^ (mixed >> np.int64(29))) & (memo.shape[0] - 1)
    if memo[slot, 0] == waiting:
        return memo[slot, 1]
    value = split_holding(data, waiting, EXACT_PATTERNS)
    memo[slot, 0] = waiting
    memo[slot, 1] = value
    return value


@compiled
def split_holding(data, waiting, most_patterns):  # type: ignore[no-untyped-def]
    """The exact holding of ``waiting`` when its scenes have at most ``most_patterns`` casts
    (within it), else the larger of two bounds: the greedy packing of the triples, and the sum
    over parts, each grown from a triple while it has at most that many casts."""
    scene_actors, durations, cost_table, masks, holding = (
        data[0],
        data[1],
        data[5],
        data[10],
        data[11],
    )
    union, best, patterns, lengths = data[12], data[13], data[18][0], data[18][1]
    count = _merged_casts(scene_actors, durations, waiting, patterns, lengths)
    if count <= most_patterns:
        return _least_holding(patterns, lengths, count, cost_table, union, best)
    packed = np.int64(0)
    free = waiting
    for index in range(masks.shape[0]):
        if masks[index] & ~free == 0:
            packed += holding[index]
            free &= ~masks[index]
    parts = np.int64(0)
    free = waiting
    for index in range(masks.shape[0]):
        if masks[index] & ~free != 0:
            continue
        part = _grown(scene_actors, data[3].shape[0], masks[index], free, most_patterns, patterns)
        free &= ~part
        count = _merged_casts(scene_actors, durations, part, patterns, lengths)
        parts += _least_holding(patterns, lengths, count, cost_table, union, best)
    return max(packed, parts)


@compiled
def _grown(scene_actors, actor_count, seed, free, most_patterns, patterns):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """``seed`` and the actors of ``free`` added one at a time, each the one that adds the
    fewest casts, while the group has at most ``most_patterns`` casts."""
    group = seed
    while True:
        best_actor = -1
        best_count = most_patterns + 1
        for actor in range(actor_count):
            bit = np.int64(1) << actor
            if not (free & bit) or group & bit:
                continue
            count = _pattern_count(scene_actors, group | bit, patterns)
            if count < best_count:
                best_actor, best_count = actor, count
        if best_actor < 0:
            return group
        group |= np.int64(1) << best_actor


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
    # A triple has at most 7 casts.
    patterns = np.zeros(scene_actors.shape[0], dtype=np.int64)
    lengths = np.zeros(scene_actors.shape[0], dtype=np.int64)
    union = np.zeros(1 << 7, dtype=np.int64)
    best = np.zeros(1 << 7, dtype=np.int64)
    table = cost_table(costs)
    found = 0
    for first in range(actor_count):
        for second in range(first + 1, actor_count):
            for third in range(second + 1, actor_count):
                group = (np.int64(1) << first) | (np.int64(1) << second) | (np.int64(1) << third)
                count = _merged_casts(scene_actors, durations, group, patterns, lengths)
                pay = _least_holding(patterns, lengths, count, table, union, best)
                if pay > 0:
                    masks[found] = group
                    holding[found] = pay
                    found += 1
    return masks[:found], holding[:found]
