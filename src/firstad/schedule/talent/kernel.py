"""The compiled core of the exact search: bounded dynamic programming from both ends.

Garcia de la Banda, Stuckey & Chu (2011) schedule scenes one at a time and memoise on the set
``Q`` of scenes still to shoot; their best variant fills the schedule *from both ends*. A state is
then ``(Q, front, back)``: the remaining scenes, the actors of ``Q`` already on location from the
front part, and those already on location from the back part. What the middle costs depends on
nothing else, and a schedule read backwards costs the same, so ``(Q, back, front)`` has the same
value and the memo stores one key for both (``front <= back``).

The search is their *bounded* DP: ``search(state, bound)`` returns the optimal cost of the state
when it is at most ``bound``, and otherwise a lower bound above ``bound``; both kinds of answers are
memoised (exact values, and lower bounds that later calls reuse to prune). The memo probes from a
hash of ``Q`` alone, so a lookup also meets every state with the same scenes left, and one whose
waiting sets lie within ours bounds our value from below (``_probe``).

Costs are accounted so that a state's value depends only on its key: a state's value is the pay,
during the remaining days, of the actors who still have a scene in ``Q``; an actor who leaves ``Q``
while on location from both ends stays for all of the remaining days and is charged then.

Everything here is nopython numba over int64 bit masks: up to 63 (reduced) scenes and 63 actors.
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.bounds import actors_of, lower_bound, mask_sum, strong_lower_bound
from firstad.schedule.talent.compiled import compiled

EMPTY = 0
LOWER = 1
EXACT = 2

NODES = 0
NODE_LIMIT = 1
ABORT = 2
ENTRIES = 3
ABORT_DEPTH = 4
CONTROL_SIZE = 5
ABORT_NODES = 1
ABORT_FULL = 2

# Row of the workspace where each level of the current path records where its loop stands, so
# that a search stopped by the node limit still tells what it has proven (``path_bound``).
PATH = 7
WORKSPACE_ROWS = 8
PATH_POSITION = 0
PATH_BEST = 1
PATH_ESTIMATE = 2
PATH_COUNT = 3

INFINITY = np.int64(1) << np.int64(60)


@compiled
def _slot(keys, q, front, back):  # type: ignore[no-untyped-def]
    """Linear probing from a hash of ``q`` alone: the slot holding the key, or the empty slot
    where it would go. Every entry with the same ``q`` lies on the way (see ``_probe``)."""
    mask = keys.shape[0] - 1
    index = _home(q, mask)
    while True:
        if keys[index, 0] == -1 or (
            keys[index, 0] == q and keys[index, 1] == front and keys[index, 2] == back
        ):
            return index
        index = (index + 1) & mask


@compiled
def _home(q, mask):  # type: ignore[no-untyped-def]
    mixed = q * np.int64(0x9E3779B97F4A7C15)
    mixed ^= mixed >> np.int64(29)
    mixed *= np.int64(0xC2B2AE3D27D4EB4F)
    mixed ^= mixed >> np.int64(32)
    return mixed & mask


@compiled
def _probe(keys, values, q, front, back, bound):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """The key's slot (as ``_slot``) and ``bound`` raised by what the memo knows of smaller states.

    A state's value only grows when more actors are waiting: with the same scenes left, every
    order of the middle pays at least as much for ``front`` and ``back`` as for subsets of them.
    So the value (exact or lower bound) of ``(q, f, b)`` with ``f <= front`` and ``b <= back``
    (or the mirror) bounds this state from below.
    """
    mask = keys.shape[0] - 1
    index = _home(q, mask)
    while True:
        if keys[index, 0] == -1:
            return index, bound
        if keys[index, 0] == q:
            other_front, other_back = keys[index, 1], keys[index, 2]
            if other_front == front and other_back == back:
                return index, bound
            if _within(other_front, other_back, front, back) or _within(
                other_back, other_front, front, back
            ):
                bound = max(bound, values[index])
        index = (index + 1) & mask


@compiled
def _within(small_front, small_back, front, back):  # type: ignore[no-untyped-def]
    return small_front & ~front == 0 and small_back & ~back == 0


@compiled
def _store(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (numba: positional only)
    keys, values, kinds, control, slot, q, front, back, value, kind
):
    if keys[slot, 0] == -1:
        keys[slot, 0] = q
        keys[slot, 1] = front
        keys[slot, 2] = back
        control[ENTRIES] += 1
        if control[ENTRIES] * 10 > keys.shape[0] * 7:
            control[ABORT] = ABORT_FULL
    if kinds[slot] != EXACT:
        values[slot] = value
        kinds[slot] = kind


@compiled
def transition(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (numba: positional only)
    data, q, front, back, scene, at_front
):
    """Shoot ``scene`` next to the front (or back) part: its cost and the child state.

    On location during the scene: its own actors, and the actors started on this side who still
    have a scene left (in the middle or on the other side). An actor who leaves the middle while
    started on both sides waits through all remaining days; that pay is charged here.
    """
    scene_actors, durations, actor_scenes = data[0], data[1], data[2]
    duration_table, cost_table = data[4], data[5]
    rest = q & ~(np.int64(1) << scene)
    rest_actors = actors_of(rest, actor_scenes)
    own = scene_actors[scene]
    this_side, other_side = (front, back) if at_front else (back, front)
    present = own | (this_side & (rest_actors | other_side))
    cost = durations[scene] * mask_sum(present, cost_table)
    this_side = this_side | own
    leaving = (this_side & other_side) & ~rest_actors
    cost += mask_sum(leaving, cost_table) * mask_sum(rest, duration_table)
    this_side &= rest_actors
    other_side &= rest_actors
    if at_front:
        return cost, rest, this_side, other_side
    return cost, rest, other_side, this_side


@compiled
def children(data, q, front, back, scenes_out):  # type: ignore[no-untyped-def]
    """The scenes to branch on and the side, in the canonical orientation (front <= back).

    Two dominance rules keep at least one optimal order of the middle (both are checked by the
    brute-force tests):

    * a scene that keeps everyone waiting on one side busy and brings in nobody new can be shot
      next on that side (Garcia de la Banda et al. 2011: a cast equal to the waiting set). Actors
      on location from both sides stay for the whole middle anyway, so the cast need only cover
      those waiting on this side alone (see ``_fills_the_wait``). A mere subset of the waiting
      set is not enough: a waiting actor whose scenes all come before it would wait longer;
    * otherwise the side alternates with the number of scenes left, and a scene ``i`` is skipped
      when another scene ``j`` has a cast with ``cast(i) <= cast(j) <= side | cast(i)``: shooting
      ``j`` then ``i`` costs no more than ``i`` then ``j`` (the actors of ``j`` missing from
      ``i`` are waiting anyway and may leave after ``j``) and ends in the same state, and after
      ``i`` the first rule would shoot ``j`` at once. This is the subsumption rule of the DIDP
      talent scheduling model (Kuroiwa & Beck 2023). Casts strictly grow along a chain of skips
      (equal casts: the lower number is kept), so the chain ends at a scene that is kept.
    """
    scene_actors = data[0]
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1:
            cast = scene_actors[scene]
            if _fills_the_wait(cast, front, back):
                scenes_out[0] = scene
                return 1, True
            if _fills_the_wait(cast, back, front):
                scenes_out[0] = scene
                return 1, False
    at_front = _popcount(q) % 2 == 0
    side = front if at_front else back
    count = 0
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1 and not _subsumed(scene_actors, q, scene, side):
            scenes_out[count] = scene
            count += 1
    return count, at_front


@compiled
def _fills_the_wait(cast, side, other_side):  # type: ignore[no-untyped-def]
    """Whether ``cast`` is within ``side`` and covers the actors on location from ``side`` only.

    Moving such a scene to that edge of the middle: its actors were there already; an actor
    waiting from this side only is in it, so their last scene ends no later; those from both
    sides stay throughout; everyone else starts no earlier and ends no later.
    """
    return cast & ~side == 0 and (side & ~other_side) & ~cast == 0


@compiled
def _subsumed(scene_actors, q, scene, side):  # type: ignore[no-untyped-def]
    """Whether another scene of ``q`` should be shot before ``scene`` on ``side`` (see children)."""
    cast = scene_actors[scene]
    allowed = side | cast
    for other in range(scene_actors.shape[0]):
        if other == scene or not (q >> other) & 1:
            continue
        other_cast = scene_actors[other]
        within = cast & ~other_cast == 0 and other_cast & ~allowed == 0
        if within and (other_cast != cast or other < scene):
            return True
    return False


@compiled
def search(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (numba: positional only)
    data, table, control, workspace, q, front, back, bound, estimate
):
    """Bounded DP: the optimum of the state if it is <= bound, else a lower bound > bound.

    ``estimate`` is a lower bound the caller already knows for the state. Children are tried in
    order of cost plus lower bound, stopping once that exceeds the bound. (One self-recursive
    function: numba's cache cannot reload mutually recursive ones.)
    """
    if q == 0:
        return np.int64(0)
    if front > back:
        front, back = back, front
    keys, values, kinds = table
    slot, estimate = _probe(keys, values, q, front, back, estimate)
    if keys[slot, 0] != -1:
        if kinds[slot] == EXACT:
            return values[slot]
        estimate = max(estimate, values[slot])
    if estimate > bound:
        _store(keys, values, kinds, control, slot, q, front, back, estimate, LOWER)
        return estimate
    depth = _popcount(q)
    path = workspace[PATH, depth]
    path[PATH_ESTIMATE] = estimate
    control[NODES] += 1
    if control[NODES] > control[NODE_LIMIT]:
        control[ABORT] = ABORT_NODES
        control[ABORT_DEPTH] = depth
        return np.int64(0)
    scenes = workspace[0, depth]
    count, at_front = children(data, q, front, back, scenes)
    priorities = workspace[1, depth]
    costs = workspace[2, depth]
    rests = workspace[3, depth]
    fronts = workspace[4, depth]
    backs = workspace[5, depth]
    ranks = workspace[6, depth]
    for index in range(count):
        cost, rest, child_front, child_back = transition(
            data, q, front, back, scenes[index], at_front
        )
        costs[index], rests[index], fronts[index], backs[index] = (
            cost,
            rest,
            child_front,
            child_back,
        )
        priorities[index] = cost + lower_bound(data, rest, child_front, child_back)
        ranks[index] = index
    _sort_by(ranks, priorities, count)
    path[PATH_COUNT] = count
    best = INFINITY
    for position in range(count):
        index = ranks[position]
        limit = min(bound, best - 1)
        if priorities[index] > limit:
            best = min(best, priorities[index])
            break
        cost = costs[index]
        # The stronger bound only for children about to be entered: one per node.
        estimate = max(
            priorities[index] - cost,
            strong_lower_bound(data, rests[index], fronts[index], backs[index]),
        )
        if cost + estimate > limit:
            best = min(best, cost + estimate)
            continue
        path[PATH_POSITION] = position
        path[PATH_BEST] = best
        value = search(
            data,
            table,
            control,
            workspace,
            rests[index],
            fronts[index],
            backs[index],
            limit - cost,
            estimate,
        )
        if control[ABORT] != 0:
            return np.int64(0)
        best = min(best, cost + value)
    slot = _slot(keys, q, front, back)
    _store(
        keys, values, kinds, control, slot, q, front, back, best, EXACT if best <= bound else LOWER
    )
    return best


@compiled
def path_bound(workspace, control, count):  # type: ignore[no-untyped-def]
    """What a search stopped by the node limit has proven about the root: a lower bound.

    Walk the stopped path from the node where it stopped up to the root (``count`` scenes). At
    each level the value is at least the least of: the children finished before (``best``), the
    child on the path plus its step, and the children not yet tried (sorted, so the next one's
    priority). Each level is also worth its own estimate. This is the least bound over the open
    nodes of the depth-first search, so it rises as the search closes them.
    """
    depth = control[ABORT_DEPTH]
    bound = workspace[PATH, depth, PATH_ESTIMATE]
    for level in range(depth + 1, count + 1):
        path = workspace[PATH, level]
        position = path[PATH_POSITION]
        ranks, priorities, costs = workspace[6, level], workspace[1, level], workspace[2, level]
        least = min(path[PATH_BEST], costs[ranks[position]] + bound)
        if position + 1 < path[PATH_COUNT]:
            least = min(least, priorities[ranks[position + 1]])
        bound = max(path[PATH_ESTIMATE], least)
    return bound


@compiled
def _popcount(mask):  # type: ignore[no-untyped-def]
    count = 0
    while mask:
        mask &= mask - 1
        count += 1
    return count


@compiled
def _sort_by(ranks, priorities, count):  # type: ignore[no-untyped-def]
    """Insertion sort of the first ``count`` indices in ``ranks`` by priority (a few dozen)."""
    for index in range(1, count):
        item = ranks[index]
        position = index - 1
        while position >= 0 and priorities[ranks[position]] > priorities[item]:
            ranks[position + 1] = ranks[position]
            position -= 1
        ranks[position + 1] = item


@compiled
def exact_value(table, q, front, back):  # type: ignore[no-untyped-def]
    """The memoised optimum of a state, or -1 when the memo holds no exact value for it."""
    if q == 0:
        return np.int64(0)
    if front > back:
        front, back = back, front
    keys, values, kinds = table
    slot = _slot(keys, q, front, back)
    if keys[slot, 0] == -1 or kinds[slot] != EXACT:
        return np.int64(-1)
    return values[slot]


@compiled
def reconstruct(data, table, q, value, order_out):  # type: ignore[no-untyped-def]
    """Walk the memo from the root along children whose cost plus value gives the optimum.

    Returns the number of scenes placed (all of them unless the memo is incomplete); the order is
    written to ``order_out`` as front scenes then the back scenes from the end inwards.
    """
    count_total = 0
    bits = q
    while bits:
        bits &= bits - 1
        count_total += 1
    scenes = np.empty(count_total, dtype=np.int64)
    front_count = 0
    back_count = 0
    front = np.int64(0)
    back = np.int64(0)
    reversed_view = False
    while q != 0:
        if front > back:
            front, back = back, front
            reversed_view = not reversed_view
        count, at_front = children(data, q, front, back, scenes)
        found = False
        for index in range(count):
            cost, rest, child_front, child_back = transition(
                data, q, front, back, scenes[index], at_front
            )
            child_value = exact_value(table, rest, child_front, child_back)
            if child_value >= 0 and cost + child_value == value:
                if at_front != reversed_view:
                    order_out[front_count] = scenes[index]
                    front_count += 1
                else:
                    order_out[count_total - 1 - back_count] = scenes[index]
                    back_count += 1
                q, front, back, value = rest, child_front, child_back, child_value
                found = True
                break
        if not found:
            return front_count + back_count
    return front_count + back_count


def new_table(capacity: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An empty memo of ``capacity`` (a power of two) slots."""
    keys = np.full((capacity, 3), -1, dtype=np.int64)
    return keys, np.zeros(capacity, dtype=np.int64), np.zeros(capacity, dtype=np.int8)


@compiled
def _reinsert(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (numba: positional only)
    old_keys, old_values, old_kinds, keys, values, kinds
):
    for index in range(old_keys.shape[0]):
        if old_keys[index, 0] != -1:
            slot = _slot(keys, old_keys[index, 0], old_keys[index, 1], old_keys[index, 2])
            keys[slot, 0] = old_keys[index, 0]
            keys[slot, 1] = old_keys[index, 1]
            keys[slot, 2] = old_keys[index, 2]
            values[slot] = old_values[index]
            kinds[slot] = old_kinds[index]


def grown(
    table: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same memo in twice the slots."""
    bigger = new_table(table[0].shape[0] * 2)
    _reinsert(*table, *bigger)
    return bigger
