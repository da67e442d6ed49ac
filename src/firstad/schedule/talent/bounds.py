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
  bound holds. Groups of up to ``EXACT_GROUP`` actors get instead the exact optimum of the group
  alone (``_side_bound``), which is stronger and, for the small groups most states have, cheaper.

More terms add to those: the holding that the actors not yet started cannot avoid among
themselves (groups.py); the pay of the one-sided actors during the scenes none of them is in,
which pairs waiting from opposite sides must cover between them (``_uncovered_days_pay``); and,
in ``strong_lower_bound``, the one-sided actors' costs split between such pairs (or chains of a
front actor, one not yet started and a back actor), whose stays must together cover the middle,
and the group bounds at the costs left (``_crossing_bound``; when larger, it replaces the group
bounds, the uncovered days' pay and the unstarted holding, which it counts for the actors in no
chain).
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.compiled import compiled
from firstad.schedule.talent.groups import unstarted_holding
from firstad.schedule.talent.masks import mask_sum

INFINITY = np.int64(1) << np.int64(60)
# One-sided groups up to this size get the exact bound of ``_side_bound`` (2**size states).
EXACT_GROUP = 8
# Room for the chains of ``_crossing_bound`` (more are left out: the bound holds with fewer).
CROSSING_CHAINS = 4096


@compiled
def actors_of(scenes, actor_scenes):  # type: ignore[no-untyped-def]
    """The actors with at least one scene in the mask ``scenes``."""
    result = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        if actor_scenes[actor] & scenes:
            result |= np.int64(1) << actor
    return result


@compiled
def lower_bound(data, q, front, back):  # type: ignore[no-untyped-def]
    """A lower bound on the value of the state ``(q, front, back)``, quick to compute."""
    return lower_bound_parts(data, q, front, back)[0]


@compiled
def lower_bound_parts(data, q, front, back):  # type: ignore[no-untyped-def]
    """``lower_bound``, and the part of it that ``crossing_gain`` may replace: the bound on the
    one-sided actors and the holding of those not yet started."""
    return child_bound(data, q, front, back, INFINITY)


@compiled
def child_bound(data, q, front, back, budget):  # type: ignore[no-untyped-def]
    """``lower_bound_parts``, or ``(INFINITY, 0)`` when ``quick_lower_bound`` is above ``budget``.

    The search asks this of every child it makes, so both bounds come from one pass over the
    actors and one look-up of the holding.
    """
    if q == 0:
        return np.int64(0), np.int64(0)
    actor_scenes, costs, duration_table, cost_table = data[2], data[3], data[4], data[5]
    both = front & back
    started = front | back
    fixed = mask_sum(both, cost_table) * mask_sum(q, duration_table)
    sided = np.int64(0)
    waiting = np.int64(0)
    front_scenes = np.int64(0)
    back_scenes = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        scenes = actor_scenes[actor]
        if not scenes & q or (both >> actor) & 1:
            continue
        pay = costs[actor] * mask_sum(scenes & q, duration_table)
        if (started >> actor) & 1:
            sided += pay
            if (front >> actor) & 1:
                front_scenes |= scenes
            else:
                back_scenes |= scenes
        else:
            fixed += pay
            # Only actors with every scene still to shoot (all the unstarted ones in the search).
            if scenes & ~q == 0:
                waiting |= np.int64(1) << actor
    # Two actors alone can always be ordered without waiting.
    held = np.int64(0) if _fewer_than_three(waiting) else unstarted_holding(data, waiting)
    if fixed + sided + held > budget:
        return INFINITY, np.int64(0)
    front_only, back_only = front & ~both, back & ~both
    separate = _side_cached(data, front_only, front_scenes & q)
    separate += _side_cached(data, back_only, back_scenes & q)
    separate += _uncovered_days_pay(data, q, front_only, back_only)
    separate += held
    return fixed + separate, separate


@compiled
def crossing_gain(data, q, front, back, separate):  # type: ignore[no-untyped-def]
    """What ``strong_lower_bound`` adds to ``lower_bound``, given the replaceable part of the
    latter (``lower_bound_parts``): the crossing bound's excess over it, if any."""
    if q == 0:
        return np.int64(0)
    both = front & back
    return max(
        np.int64(0), _crossing_bound(data, q, front & ~both, back & ~both, front | back) - separate
    )


@compiled
def quick_lower_bound(data, q, front, back):  # type: ignore[no-untyped-def]
    """A weaker bound than ``lower_bound`` at a sixth of its cost: every actor of ``q`` on
    their own remaining days (all of them when on location from both sides), and the holding
    of the actors not yet started."""
    if q == 0:
        return np.int64(0)
    actor_scenes, costs, duration_table, cost_table = data[2], data[3], data[4], data[5]
    both = front & back
    total = mask_sum(both, cost_table) * mask_sum(q, duration_table)
    for actor in range(actor_scenes.shape[0]):
        if (actor_scenes[actor] & q) and not ((both >> actor) & 1):
            total += costs[actor] * mask_sum(actor_scenes[actor] & q, duration_table)
    return total + _group_holding(data, q, front | back)


@compiled
def strong_lower_bound(data, q, front, back):  # type: ignore[no-untyped-def]
    """``lower_bound`` or, when larger, the crossing bound (actors waiting from opposite sides,
    and those not yet started between them, share their cost).

    It costs a few times more than ``lower_bound``; the search takes it only for the children it
    is about to enter, so that each node pays for one.
    """
    if q == 0:
        return np.int64(0)
    both = front & back
    front_only, back_only = front & ~both, back & ~both
    separate = _side_bound(data, q, front_only) + _side_bound(data, q, back_only)
    separate += _uncovered_days_pay(data, q, front_only, back_only)
    separate += _group_holding(data, q, front | back)
    crossing = _crossing_bound(data, q, front_only, back_only, front | back)
    return _fixed_pay(data, q, front, back) + max(separate, crossing)


@compiled
def _group_holding(data, q, started):  # type: ignore[no-untyped-def]
    """Forced holding of the actors not yet started (see groups.py)."""
    actor_scenes = data[2]
    # Only actors with every scene still to shoot: true of all the unstarted ones in the search.
    waiting = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        if actor_scenes[actor] & ~q == 0:
            waiting |= np.int64(1) << actor
    waiting &= ~started
    # Two actors alone can always be ordered without waiting.
    if _fewer_than_three(waiting):
        return np.int64(0)
    return unstarted_holding(data, waiting)


@compiled
def _fewer_than_three(mask):  # type: ignore[no-untyped-def]
    mask &= mask - 1
    mask &= mask - 1
    return mask == 0


@compiled
def _fixed_pay(data, q, front, back):  # type: ignore[no-untyped-def]
    """Pay of actors on location from both sides (exact) and of those not yet started."""
    actor_scenes, costs, duration_table, cost_table = data[2], data[3], data[4], data[5]
    total = mask_sum(front & back, cost_table) * mask_sum(q, duration_table)
    started = front | back
    for actor in range(actor_scenes.shape[0]):
        if (actor_scenes[actor] & q) and not ((started >> actor) & 1):
            total += costs[actor] * mask_sum(actor_scenes[actor] & q, duration_table)
    return total


@compiled
def _uncovered_days_pay(data, q, front_only, back_only):  # type: ignore[no-untyped-def]
    """Pay of the one-sided actors during the scenes none of them is in.

    The group bounds count each one-sided actor's wait during its own group's scenes only. A
    front actor ``f`` and a back actor ``b`` who share a scene leave no day of the middle
    without one of them (``f`` stays until that scene ends, ``b`` is there from when it starts),
    so on every day the actors on location cover every such pair: they weigh at least a
    minimum-weight vertex cover of the pairs, at least any flow through the pairs with each
    actor's cost as capacity (weak duality; taken greedily here). The scenes with no one-sided
    actor add their days times that flow, on top of the group bounds.
    """
    if front_only == 0 or back_only == 0:
        return np.int64(0)
    actor_scenes, costs, duration_table = data[2], data[3], data[4]
    left, members = data[9], data[16]
    actor_count = costs.shape[0]
    busy = np.int64(0)
    fronts = 0
    backs = actor_count
    for actor in range(actor_count):
        if ((front_only | back_only) >> actor) & 1:
            busy |= actor_scenes[actor]
            left[actor] = costs[actor]
            if (front_only >> actor) & 1:
                members[fronts] = actor
                fronts += 1
            else:
                backs -= 1
                members[backs] = actor
    free_days = mask_sum(q & ~busy, duration_table)
    if free_days == 0:
        return np.int64(0)
    flow = np.int64(0)
    for first in members[:fronts]:
        for second in members[backs:]:
            if actor_scenes[first] & actor_scenes[second] & q:
                push = min(left[first], left[second])
                left[first] -= push
                left[second] -= push
                flow += push
    return flow * free_days


@compiled
def _crossing_bound(data, q, front_only, back_only, started):  # type: ignore[no-untyped-def]
    """The one-sided actors' pay and the holding of those not yet started, with the cost of
    actors whose stays must cover the middle together shared between them.

    A front actor ``f`` and a back actor ``b`` who share remaining scenes cover the whole middle
    between them (``f`` is there from its start until the shared scenes end, ``b`` from when they
    start until the end), and so do ``f``, an actor ``w`` not yet started and ``b`` when ``w``
    shares scenes with both (``w`` is there from its first scene to its last). Such a chain's
    stays add up to at least the ``T`` remaining days plus, for each scene, its days times the
    number of the chain's actors in it beyond the first: their own days plus the days of the
    scenes none of them is in (the chain's gain). Split each actor's daily cost into parts: a
    part ``y`` of every actor of a chain pays at least ``y`` times that; what is left of the
    one-sided actors' cost pays at least the group bound of their side at those reduced costs
    (``_weighted_side``), what is left of the others their own days (counted in ``_fixed_pay``,
    as are the chain parts' own days of ``w``), and what is left of the actors not yet started
    their holding (groups.py): that of those in no chain or, when more, that of all of them
    times the least share of its cost any has left (holding is linear in the costs for a
    given order). The parts bound the pay of disjoint shares of the actors' cost,
    so they add up whatever the split. The split is a flow taken greedily, chains by gain, each
    as much as its actors have left. (Our own bound; it generalises the pairwise holding bounds
    of Qin et al. 2016 to two ends, and the brute-force tests check it on mid-search states.)
    """
    if front_only == 0 or back_only == 0:
        return np.int64(0)
    actor_scenes, costs, duration_table = data[2], data[3], data[4]
    own, left, chains = data[9], data[16], data[19]
    actor_count = costs.shape[0]
    waiting = np.int64(0)
    for actor in range(actor_count):
        if actor_scenes[actor] & q:
            own[actor] = mask_sum(actor_scenes[actor] & q, duration_table)
            left[actor] = costs[actor]
            if not (started >> actor) & 1:
                waiting |= np.int64(1) << actor
    count = 0
    for first in range(actor_count):
        if not (front_only >> first) & 1:
            continue
        for second in range(actor_count):
            if not (back_only >> second) & 1:
                continue
            scenes = (actor_scenes[first] | actor_scenes[second]) & q
            if actor_scenes[first] & actor_scenes[second] & q:
                count = _add_chain(chains, count, first, second, -1, q & ~scenes, duration_table)
                continue
            # Not sharing: joined through an actor not yet started (after the pairs: a chain
            # of three only gains the days none of the three is in).
            for middle in range(actor_count):
                if not (waiting >> middle) & 1:
                    continue
                joint = actor_scenes[middle] & q
                if joint & actor_scenes[first] and joint & actor_scenes[second]:
                    free = q & ~(scenes | joint)
                    count = _add_chain(chains, count, first, second, middle, free, duration_table)
    total = np.int64(0)
    joined = np.int64(0)
    while True:
        best = -1
        for index in range(count):
            if left[chains[index, 0]] == 0 or left[chains[index, 1]] == 0:
                continue
            if chains[index, 2] >= 0 and left[chains[index, 2]] == 0:
                continue
            if best < 0 or chains[index, 3] > chains[best, 3]:
                best = index
        if best < 0:
            break
        first, second, middle = chains[best, 0], chains[best, 1], chains[best, 2]
        flow = min(left[first], left[second])
        if middle >= 0:
            flow = min(flow, left[middle])
            left[middle] -= flow
            joined |= np.int64(1) << middle
        left[first] -= flow
        left[second] -= flow
        total += flow * (chains[best, 3] + own[first] + own[second])
    if total == 0:
        return np.int64(0)
    total += _weighted_side(data, q, front_only, left)
    total += _weighted_side(data, q, back_only, left)
    return total + _holding_left(data, q, started, joined, left)


@compiled
def _holding_left(data, q, started, joined, left):  # type: ignore[no-untyped-def]
    """Holding of the actors not yet started at the costs ``left`` for those of ``joined``
    (see ``_crossing_bound``)."""
    costs = data[3]
    held = _group_holding(data, q, started | joined)
    if joined == 0:
        return held
    share = 1.0
    for actor in range(costs.shape[0]):
        if (joined >> actor) & 1:
            share = min(share, left[actor] / costs[actor])
    if share > 0:
        held = max(held, np.int64(share * _group_holding(data, q, started)))
    return held


@compiled
def _add_chain(chains, count, first, second, middle, free, duration_table):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Append a chain with a positive gain (the days of ``free``) while there is room."""
    gain = mask_sum(free, duration_table)
    if gain <= 0 or count == chains.shape[0]:
        return count
    chains[count, 0] = first
    chains[count, 1] = second
    chains[count, 2] = middle
    chains[count, 3] = gain
    return count + 1


@compiled
def _one_side_bound(data, q, group, weights):  # type: ignore[no-untyped-def]
    """Pay of actors on location from one edge until their last remaining scene (see module),
    actor ``a`` paid ``weights[a]`` a day."""
    if group == 0:
        return np.int64(0)
    scene_actors, durations, actor_scenes, duration_table = data[0], data[1], data[2], data[4]
    # Scratch buffers shared by every call (the bound never calls itself): no allocation per node.
    jobs, members = data[6], data[7]
    actor_count = actor_scenes.shape[0]
    jobs[:] = 0.0
    shared = 0.0
    own_days = np.int64(0)
    for actor in range(actor_count):
        if (group >> actor) & 1:
            own_days += weights[actor] * mask_sum(actor_scenes[actor] & q, duration_table)
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1:
            cast = scene_actors[scene] & group
            cast_cost = 0.0
            squares = 0.0
            for actor in range(actor_count):
                if (cast >> actor) & 1:
                    cast_cost += weights[actor]
                    squares += weights[actor] * weights[actor]
            if cast_cost > 0:
                share = durations[scene] / cast_cost
                for actor in range(actor_count):
                    if (cast >> actor) & 1:
                        jobs[actor] += share
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
        elapsed += jobs[actor] * weights[actor]
        relaxed += weights[actor] * elapsed
    return max(own_days, np.int64(np.ceil(relaxed + shared - 1e-6)))


@compiled
def _side_bound(data, q, group):  # type: ignore[no-untyped-def]
    """Pay of a one-sided group alone (``_side_cached`` of its remaining scenes)."""
    actor_scenes = data[2]
    scenes = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        if (group >> actor) & 1:
            scenes |= actor_scenes[actor]
    return _side_cached(data, group, scenes & q)


@compiled
def _side_cached(data, group, scenes):  # type: ignore[no-untyped-def]
    """Pay of a one-sided group alone, given its remaining scenes, remembered by both.

    Siblings and cousins in the search mostly share a side's group and its scenes, so a cache
    of ``(group, scenes)`` saves most of the work.
    """
    if group == 0:
        return np.int64(0)
    costs, duration_table, cost_table = data[3], data[4], data[5]
    if group & (group - 1) == 0:
        return mask_sum(group, cost_table) * mask_sum(scenes, duration_table)
    cache_keys, cache_values = data[14], data[15]
    mixed = (group * np.int64(0x9E3779B97F4A7C15)) ^ (scenes * np.int64(0xC2B2AE3D27D4EB4F))
    slot = (mixed ^ (mixed >> np.int64(31))) & (cache_keys.shape[0] - 1)
    if cache_keys[slot, 0] == group and cache_keys[slot, 1] == scenes:
        return cache_values[slot]
    members = data[7]
    count = 0
    for actor in range(costs.shape[0]):
        if (group >> actor) & 1:
            members[count] = actor
            count += 1
    if count > EXACT_GROUP:
        value = _one_side_bound(data, scenes, group, costs)
    else:
        value = _group_alone(data, scenes, count, costs)
    cache_keys[slot, 0] = group
    cache_keys[slot, 1] = scenes
    cache_values[slot] = value
    return value


@compiled
def _group_alone(data, scenes, count, weights):  # type: ignore[no-untyped-def]
    """Exact pay of a small one-sided group alone: dynamic programming over who finishes first.

    Alone, the group's actors (``data[7][:count]``) can be finished one at a time: with the set
    ``S`` of actors finished so far, the last of them to finish has waited for every scene of
    ``S``. So the group pays at least ``g(all)`` with
    ``g(S) = min over a in S of g(S - a) + c_a d(scenes(S))``, the exact optimum of the problem
    the single-machine bound relaxes.
    """
    actor_scenes, duration_table, members = data[2], data[4], data[7]
    union, least, own, pay = data[12], data[13], data[8][0], data[8][1]
    for index in range(count):
        own[index] = actor_scenes[members[index]] & scenes
        pay[index] = weights[members[index]]
    union[0] = 0
    least[0] = 0
    for index in range(count):
        low = 1 << index
        # The sets whose highest member is ``index``: that member added to a smaller set.
        for subset in range(low, low << 1):
            union[subset] = union[subset ^ low] | own[index]
            days = mask_sum(union[subset], duration_table)
            best = INFINITY
            rest = subset
            other = 0
            while rest:
                if rest & 1:
                    best = min(best, least[subset ^ (1 << other)] + pay[other] * days)
                rest >>= 1
                other += 1
            least[subset] = best
    return least[(1 << count) - 1]


@compiled
def _weighted_side(data, q, group, weights):  # type: ignore[no-untyped-def]
    """``_side_bound`` of the actors of ``group`` paid ``weights`` a day (not remembered)."""
    actor_scenes, duration_table, members = data[2], data[4], data[7]
    count = 0
    scenes = np.int64(0)
    paid = np.int64(0)
    for actor in range(actor_scenes.shape[0]):
        if (group >> actor) & 1 and weights[actor] > 0:
            members[count] = actor
            scenes |= actor_scenes[actor]
            paid |= np.int64(1) << actor
            count += 1
    scenes &= q
    if count == 0:
        return np.int64(0)
    if count == 1:
        return weights[members[0]] * mask_sum(scenes, duration_table)
    if count > EXACT_GROUP:
        return _one_side_bound(data, scenes, paid, weights)
    return _group_alone(data, scenes, count, weights)
