"""Best-first (A*) search over the two-ended states of kernel.py.

Garcia de la Banda et al. (2011) search these states depth first with a memo of bounds (their
bounded DP). That search expands a state again whenever it reaches it along a cheaper path than
before, since the memo only says the state cost more than the budget it had then: on random 28x14
instances, 45 % of its expansions were such repeats. Taking the open state of least ``g + h`` first
(``g`` the pay so far, ``h`` a lower bound on the rest, bounds.py) reaches each state along its
cheapest path first, so each is expanded about once, and the least ``g + h`` still open is a proven
lower bound on every order at any moment.

Only states with ``g + h`` at most ``bound`` (one less than the best order known) are kept. A
state is dropped when one with the same scenes left, no more actors waiting on either side (a
state with more actors waiting is worth at least as much) and no more pay so far is known. With
partial expansion on (``PARTIAL_MARGIN``), an expansion stores only the children up to the
parent's value plus the margin and puts the parent back at the least value of the rest, which
saves memory for the time of computing its children again. The bounds use shared scratch
buffers, so all of this runs in one thread.
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.bounds import INFINITY, child_bound, crossing_gain
from firstad.schedule.talent.compiled import compiled
from firstad.schedule.talent.kernel import children, popcount, transition

# Columns of ``nodes``: the canonical state (front <= back), the pay so far, the bound on the
# rest, the parent node, the scene shot to get here and how (see ``FRONT_BIT``, ``FLIP_BIT``),
# and the weak bound with the part of it the crossing bound may replace (bounds.lower_bound_parts),
# from which the strong bound follows cheaply when the state comes up.
Q, FRONT, BACK, PAID, ESTIMATE, PARENT, SCENE, FLAGS, WEAK, SEPARATE = range(10)
NODE_COLUMNS = 10
# The scene was shot at the front of the real schedule; the canonical state is the real one
# read backwards.
FRONT_BIT = 1
FLIP_BIT = 2
# ``ESTIMATE`` is already the strong bound.
STRONG_BIT = 4

# Slots of ``control``.
NODE_COUNT = 0
HEAP_SIZE = 1
EXPANSIONS = 2
EXPANSION_LIMIT = 3
STATUS = 4
GOAL = 5
ENTRIES = 6
# Partial expansion (Yoshizumi et al. 2000): when at least 0, an expansion stores only the
# children whose value is at most the parent's value plus this margin, and puts the parent back
# at the least value of the others; -1 stores every child.
PARTIAL_MARGIN = 7
CONTROL_SIZE = 8

RUNNING = 0
EXHAUSTED = 1
FOUND = 2
PAUSED = 3
FULL = 4

# Room that one expansion may need in the node and heap arrays (children, and one re-push).
HEADROOM = 66
# Ties in ``g + h`` go to the state with fewer scenes left, so a goal is reached soon.
DEPTH_KEY = 64


@compiled
def start(nodes, heap, table, control, root, estimate):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Put the root state (all of ``root`` left, nobody on location) in the open list."""
    nodes[0, Q] = root
    nodes[0, FRONT] = 0
    nodes[0, BACK] = 0
    nodes[0, PAID] = 0
    nodes[0, ESTIMATE] = estimate
    nodes[0, PARENT] = -1
    nodes[0, SCENE] = -1
    nodes[0, FLAGS] = 0
    nodes[0, WEAK] = estimate
    nodes[0, SEPARATE] = 0
    control[NODE_COUNT] = 1
    control[HEAP_SIZE] = 0
    _push(heap, control, _key(estimate, root), 0)
    _remember(table, control, root, np.int64(0), np.int64(0), np.int64(0), np.int64(0))


@compiled
def run(data, nodes, heap, table, control, bound):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Expand open states, least ``g + h`` first, until one of the statuses of ``control``.

    ``FOUND``: a complete order of pay at most ``bound``, the least there is (``GOAL``);
    ``EXHAUSTED``: none has pay at most ``bound``; ``PAUSED``: the expansion limit was reached;
    ``FULL``: the arrays need more room (``grown``) before the search can go on.
    """
    control[STATUS] = RUNNING
    scenes = np.empty(64, dtype=np.int64)
    while True:
        if control[HEAP_SIZE] == 0:
            control[STATUS] = EXHAUSTED
            return
        if control[EXPANSIONS] >= control[EXPANSION_LIMIT]:
            control[STATUS] = PAUSED
            return
        if (
            control[NODE_COUNT] + HEADROOM > nodes.shape[0]
            or control[HEAP_SIZE] + HEADROOM > heap.shape[0]
            or (control[ENTRIES] + HEADROOM) * 2 > table[0].shape[0]
        ):
            control[STATUS] = FULL
            return
        if heap[0, 0] // DEPTH_KEY > bound:
            # A better order found since (the bound only falls): nothing open is worth it.
            control[STATUS] = EXHAUSTED
            return
        level = heap[0, 0] // DEPTH_KEY
        node = _pop(heap, control)
        if _stale(table, nodes, node):
            continue
        q = nodes[node, Q]
        if q == 0:
            control[STATUS] = FOUND
            control[GOAL] = node
            return
        paid = nodes[node, PAID]
        if not nodes[node, FLAGS] & STRONG_BIT:
            # The strong bound only for states that come up (most children never do); a state
            # it raises goes back in the list.
            nodes[node, FLAGS] |= STRONG_BIT
            gain = crossing_gain(
                data, q, nodes[node, FRONT], nodes[node, BACK], nodes[node, SEPARATE]
            )
            estimate = max(nodes[node, ESTIMATE], nodes[node, WEAK] + gain)
            if paid + estimate > bound:
                continue
            if estimate > nodes[node, ESTIMATE]:
                nodes[node, ESTIMATE] = estimate
                _push(heap, control, _key(paid + estimate, q), node)
                continue
        control[EXPANSIONS] += 1
        _expand(data, nodes, heap, table, control, node, bound, level, scenes)


@compiled
def _expand(data, nodes, heap, table, control, node, bound, level, scenes):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Store the children of ``node`` (popped at value ``level``) worth keeping; with partial
    expansion only those up to ``level`` plus the margin, the parent going back in the list at
    the least value of the rest."""
    q, front, back = nodes[node, Q], nodes[node, FRONT], nodes[node, BACK]
    paid, parent_estimate = nodes[node, PAID], nodes[node, ESTIMATE]
    margin = control[PARTIAL_MARGIN]
    deferred = np.int64(-1)
    flipped = (nodes[node, FLAGS] & FLIP_BIT) != 0
    count, at_front = children(data, q, front, back, scenes)
    for index in range(count):
        scene = scenes[index]
        cost, rest, child_front, child_back = transition(data, q, front, back, scene, at_front)
        child_paid = paid + cost
        child_flipped = flipped
        if child_front > child_back:
            child_front, child_back = child_back, child_front
            child_flipped = not flipped
        # Cheapest tests first: most children are known states or fail the quick bound.
        if _dominated(table, rest, child_front, child_back, child_paid):
            continue
        weak, separate = child_bound(data, rest, child_front, child_back, bound - child_paid)
        if weak == INFINITY:
            continue
        # The parent's bound less this step's pay bounds the child too ("pathmax"): the least
        # open value then never falls.
        estimate = max(weak, parent_estimate - cost)
        if child_paid + estimate > bound:
            continue
        if margin >= 0 and child_paid + estimate > level + margin:
            # Left for a later expansion of the parent; children already stored then are
            # dominated by their own table entries.
            if deferred < 0 or child_paid + estimate < deferred:
                deferred = child_paid + estimate
            continue
        child = control[NODE_COUNT]
        control[NODE_COUNT] += 1
        nodes[child, Q] = rest
        nodes[child, FRONT] = child_front
        nodes[child, BACK] = child_back
        nodes[child, PAID] = child_paid
        nodes[child, ESTIMATE] = estimate
        nodes[child, WEAK] = weak
        nodes[child, SEPARATE] = separate
        nodes[child, PARENT] = node
        nodes[child, SCENE] = scene
        nodes[child, FLAGS] = (FRONT_BIT if at_front != flipped else 0) | (
            FLIP_BIT if child_flipped else 0
        )
        _remember(table, control, rest, child_front, child_back, child_paid, child)
        _push(heap, control, _key(child_paid + estimate, rest), child)
    if deferred >= 0:
        _push(heap, control, _key(deferred, q), node)


@compiled
def _home(q, mask):  # type: ignore[no-untyped-def]
    mixed = q * np.int64(0x9E3779B97F4A7C15)
    mixed ^= mixed >> np.int64(29)
    mixed *= np.int64(0xC2B2AE3D27D4EB4F)
    mixed ^= mixed >> np.int64(32)
    return mixed & mask


@compiled
def _within(small_front, small_back, front, back):  # type: ignore[no-untyped-def]
    return small_front & ~front == 0 and small_back & ~back == 0


@compiled
def _key(value, q):  # type: ignore[no-untyped-def]
    return value * DEPTH_KEY + popcount(q)


@compiled
def _stale(table, nodes, node):  # type: ignore[no-untyped-def]
    """Whether a cheaper path to the node's state was found after it was put in the list."""
    keys, paid, _ = table
    mask = keys.shape[0] - 1
    q, front, back = nodes[node, Q], nodes[node, FRONT], nodes[node, BACK]
    index = _home(q, mask)
    while keys[index, 0] != -1:
        if keys[index, 0] == q and keys[index, 1] == front and keys[index, 2] == back:
            return paid[index] < nodes[node, PAID]
        index = (index + 1) & mask
    return False


@compiled
def _dominated(table, q, front, back, paid):  # type: ignore[no-untyped-def]
    """Whether a state with the same scenes left, no more waiting and no more pay is known."""
    keys, known_paid, _ = table
    mask = keys.shape[0] - 1
    index = _home(q, mask)
    while keys[index, 0] != -1:
        if keys[index, 0] == q and known_paid[index] <= paid:
            other_front, other_back = keys[index, 1], keys[index, 2]
            if _within(other_front, other_back, front, back) or _within(
                other_back, other_front, front, back
            ):
                return True
        index = (index + 1) & mask
    return False


@compiled
def _remember(table, control, q, front, back, paid, node):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Record the cheapest pay known for the state (and its node)."""
    keys, known_paid, known_node = table
    mask = keys.shape[0] - 1
    index = _home(q, mask)
    while keys[index, 0] != -1:
        if keys[index, 0] == q and keys[index, 1] == front and keys[index, 2] == back:
            known_paid[index] = paid
            known_node[index] = node
            return
        index = (index + 1) & mask
    keys[index, 0] = q
    keys[index, 1] = front
    keys[index, 2] = back
    known_paid[index] = paid
    known_node[index] = node
    control[ENTRIES] += 1


@compiled
def _push(heap, control, key, node):  # type: ignore[no-untyped-def]
    position = control[HEAP_SIZE]
    control[HEAP_SIZE] += 1
    while position > 0:
        parent = (position - 1) >> 1
        if heap[parent, 0] <= key:
            break
        heap[position, 0] = heap[parent, 0]
        heap[position, 1] = heap[parent, 1]
        position = parent
    heap[position, 0] = key
    heap[position, 1] = node


@compiled
def _pop(heap, control):  # type: ignore[no-untyped-def]
    top = heap[0, 1]
    control[HEAP_SIZE] -= 1
    size = control[HEAP_SIZE]
    key, node = heap[size, 0], heap[size, 1]
    position = 0
    while True:
        child = 2 * position + 1
        if child >= size:
            break
        if child + 1 < size and heap[child + 1, 0] < heap[child, 0]:
            child += 1
        if heap[child, 0] >= key:
            break
        heap[position, 0] = heap[child, 0]
        heap[position, 1] = heap[child, 1]
        position = child
    heap[position, 0] = key
    heap[position, 1] = node
    return top


def least_open(heap: np.ndarray, control: np.ndarray) -> int | None:
    """The least ``g + h`` still open: a lower bound on every order not yet ruled out."""
    if control[HEAP_SIZE] == 0:
        return None
    return int(heap[0, 0]) // DEPTH_KEY


def order_of(nodes: np.ndarray, goal: int) -> tuple[int, ...]:
    """The order of the scenes along the path to ``goal``: front scenes, then back ones."""
    front: list[int] = []
    back: list[int] = []
    node = goal
    while nodes[node, PARENT] >= 0:
        scene = int(nodes[node, SCENE])
        (front if nodes[node, FLAGS] & FRONT_BIT else back).append(scene)
        node = int(nodes[node, PARENT])
    front.reverse()
    return (*front, *back)


def new_arrays(
    node_capacity: int, margin: int = -1, table_capacity: int | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """Empty node list, heap, state table (twice the slots of ``table_capacity`` states, by
    default ``node_capacity``) and control for a search, with partial expansion at that
    ``margin`` (-1: off)."""
    control = np.zeros(CONTROL_SIZE, dtype=np.int64)
    control[PARTIAL_MARGIN] = margin
    return (
        np.zeros((node_capacity, NODE_COLUMNS), dtype=np.int64),
        np.zeros((node_capacity, 2), dtype=np.int64),
        _new_table(node_capacity if table_capacity is None else table_capacity),
        control,
    )


def _new_table(capacity: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A state table with room for ``capacity`` states (twice the slots)."""
    return (
        np.full((capacity * 2, 3), -1, dtype=np.int64),
        np.zeros(capacity * 2, dtype=np.int64),
        np.zeros(capacity * 2, dtype=np.int64),
    )


def out_of_room(nodes: np.ndarray, heap: np.ndarray, control: np.ndarray) -> bool:
    """Whether the node list or the heap (rather than the table) stopped the search."""
    return bool(
        control[NODE_COUNT] + HEADROOM > nodes.shape[0]
        or control[HEAP_SIZE] + HEADROOM > heap.shape[0]
    )


def grown_table(
    table: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same state table in twice the slots."""
    bigger = _new_table(table[0].shape[0])
    _reinsert(*table, *bigger)
    return bigger


def grown(
    nodes: np.ndarray,
    heap: np.ndarray,
    table: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The same search in twice the room."""
    bigger_nodes, bigger_heap, _, _ = new_arrays(nodes.shape[0] * 2, table_capacity=0)
    bigger_nodes[: nodes.shape[0]] = nodes
    bigger_heap[: heap.shape[0]] = heap
    return bigger_nodes, bigger_heap, grown_table(table)


@compiled
def _reinsert(old_keys, old_paid, old_nodes, keys, paid, nodes):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    mask = keys.shape[0] - 1
    for slot in range(old_keys.shape[0]):
        if old_keys[slot, 0] == -1:
            continue
        index = _home(old_keys[slot, 0], mask)
        while keys[index, 0] != -1:
            index = (index + 1) & mask
        keys[index, 0] = old_keys[slot, 0]
        keys[index, 1] = old_keys[slot, 1]
        keys[index, 2] = old_keys[slot, 2]
        paid[index] = old_paid[slot]
        nodes[index] = old_nodes[slot]
