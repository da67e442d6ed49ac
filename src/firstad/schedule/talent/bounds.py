"""Lower bounds on what the middle of a two-ended schedule still costs.

A state is the set ``Q`` of scenes still to shoot with the actors of ``Q`` already on location
from the front (``front``) and from the back (``back``). Its value counts the pay of the actors of
``Q`` during the days of ``Q``. Each actor is bounded by the case it is in:

* on location from both sides: present on every remaining day (exact);
* not yet started: present at least on their own remaining days (the bound of Garcia de la Banda,
  Stuckey & Chu 2011, the sum over remaining scenes of duration times the cast's cost);
* started from one side only: present from that edge of the middle until their last scene there.
  For this group we also use a single-machine relaxation (our own; it plays the part of the
  pairwise holding bounds of Qin et al. 2016): split each scene's days among the group's actors in
  it, in proportion to their cost, giving each actor a private "job" of ``p_a`` days. Whatever the
  order, the ``j``-th actor of the group to finish has waited at least the jobs of the first ``j``,
  so the group pays at least the minimum of ``sum c_j (p_1 + ... + p_j)`` over orders, which
  Smith's rule (shortest ``p/c`` first) attains. Garcia de la Banda et al. (2011, the bound that
  DDOLib's talent scheduling example implements) add what that count misses: two actors ``a`` and
  ``b`` who share a scene ``s`` both wait for all of it, so whichever finishes first has also
  waited for the other's share of ``s``; that adds ``sum_s d_s / C_s * sum_{a<b in s} c_a c_b``
  (``C_s`` the group's cost in ``s``) whatever the order. The largest of this and the own-days
  bound holds.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def mask_sum(mask, table):  # type: ignore[no-untyped-def]
    """Sum of the per-bit values of ``mask``, eight bits at a time from ``table[chunk, byte]``."""
    total = np.int64(0)
    chunk = 0
    while mask != 0:
        total += table[chunk, mask & 255]
        mask >>= 8
        chunk += 1
    return total


@njit(cache=True)
def actors_of(scenes, actor_scenes):  # type: ignore[no-untyped-def]
    """The actors with at least one scene in the mask ``scenes``."""
    result = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        if actor_scenes[actor] & scenes:
            result |= np.int64(1) << actor
    return result


@njit(cache=True)
def lower_bound(data, q, front, back):  # type: ignore[no-untyped-def]
    """A lower bound on the value of the state ``(q, front, back)``."""
    if q == 0:
        return np.int64(0)
    actor_scenes, costs, duration_table, cost_table = data[2], data[3], data[4], data[5]
    both = front & back
    total = mask_sum(both, cost_table) * mask_sum(q, duration_table)
    started = front | back
    for actor in range(actor_scenes.shape[0]):
        if (actor_scenes[actor] & q) and not ((started >> actor) & 1):
            total += costs[actor] * mask_sum(actor_scenes[actor] & q, duration_table)
    total += _one_side_bound(data, q, front & ~both)
    total += _one_side_bound(data, q, back & ~both)
    return total


@njit(cache=True)
def _one_side_bound(data, q, group):  # type: ignore[no-untyped-def]
    """Pay of actors on location from one edge until their last remaining scene (see module)."""
    if group == 0:
        return np.int64(0)
    scene_actors, durations, actor_scenes, costs, duration_table, cost_table = data[:6]
    # Scratch buffers shared by every call (the bound never calls itself): no allocation per node.
    jobs, members = data[6], data[7]
    actor_count = actor_scenes.shape[0]
    jobs[:] = 0.0
    shared = 0.0
    own_days = np.int64(0)
    for actor in range(actor_count):
        if (group >> actor) & 1:
            own_days += costs[actor] * mask_sum(actor_scenes[actor] & q, duration_table)
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1:
            cast = scene_actors[scene] & group
            if cast:
                cast_cost = mask_sum(cast, cost_table)
                share = durations[scene] / cast_cost
                squares = 0.0
                for actor in range(actor_count):
                    if (cast >> actor) & 1:
                        jobs[actor] += share
                        squares += costs[actor] * costs[actor]
                shared += share * (cast_cost * cast_cost - squares) / 2.0
    # jobs[a] is p_a / c_a here: Smith's rule orders by it.
    count = 0
    for actor in range(actor_count):
        if (group >> actor) & 1:
            members[count] = actor
            count += 1
    for index in range(1, count):
        actor = members[index]
        position = index - 1
        while position >= 0 and jobs[members[position]] > jobs[actor]:
            members[position + 1] = members[position]
            position -= 1
        members[position + 1] = actor
    elapsed = 0.0
    relaxed = 0.0
    for index in range(count):
        actor = members[index]
        elapsed += jobs[actor] * costs[actor]
        relaxed += costs[actor] * elapsed
    return max(own_days, np.int64(np.ceil(relaxed + shared - 1e-6)))
