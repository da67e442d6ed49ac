"""The exact talent scheduling solver: preprocessing, a heuristic start, best-first search.

``solve`` follows Garcia de la Banda, Stuckey & Chu (2011): reduce the instance (preprocess.py),
find a good order (heuristic.py), then search the two-ended states (kernel.py) for an order
strictly better than the best known, here best first (bestfirst.py) rather than with their
depth-first bounded DP. If it finds none, the known order is optimal; otherwise the one it finds
is. The compiled search runs in slices of expansions so that the time limit, the progress
callback and the growth of its arrays are handled here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from firstad.schedule.talent import bestfirst
from firstad.schedule.talent.bounds import CROSSING_CHAINS, EXACT_GROUP, strong_lower_bound
from firstad.schedule.talent.evaluation import evaluate
from firstad.schedule.talent.groups import EXACT_PATTERNS, MEMO_SLOTS, holding_groups
from firstad.schedule.talent.heuristic import iterated_local_search, order_cost
from firstad.schedule.talent.instance import TalentInstance
from firstad.schedule.talent.preprocess import Reduction, reduce

Progress = Callable[[int, int], None]
"""Called as ``progress(best_cost, lower_bound)`` whenever the solver has news."""

MAX_SCENES = 63
MAX_ACTORS = 63
NODES_PER_SLICE = 20_000
# Slices are also cut to about this long (expansions cost 20-100 us, more on larger instances),
# so that a time limit is kept to within a fraction of a second.
SLICE_SECONDS = 0.25
INITIAL_NODES = 1 << 16
# The best-first search keeps the states it opens, about 180 bytes each with its heap entry and
# table slots: past this many (about 3 GB) it stops as at the time limit. At 32x16 and 40x20 a
# cpu minute of full expansion stores about 7-8M.
MAX_NODES = 1 << 24
# ... and no more than fill this share of the machine's memory (a 4 GB laptop: about 11M).
STATE_BYTES = 180
MEMORY_SHARE = 0.5
# Once three quarters of MAX_NODES are in use, the search stores only the children whose value is
# at most the parent's plus this margin (partial expansion, bestfirst.PARTIAL_MARGIN; -1: never).
# It then fills the room left 3-10 times slower, at about twice the cpu for the same gain in
# bound. With a 1M-state cap, 32x16 then runs 1.7-2x longer before it stops, its gap 7.2/13.2/10.3
# -> 6.0/12.1/9.1 %, and 40x20 11.1/19.0/19.1 -> 8.7/16.8/16.1 % (stopping at 41-46 s instead of
# 12-25 s). Switching at half the room lasts longer (5.4/11.3/8.5 and 9.4/16.5/15.8 %), but at
# 16M states that is within the 60 s of the frontier, whose 40x20 runs store about 8M.
PARTIAL_MARGIN = 0
# Slots of the cache of one-sided group bounds (three int64 each, 96 MB, touched as used): a
# 40x20 search meets a new (group, scenes) in about a quarter of its look-ups, and with 1 << 16
# slots they evicted each other (half of the look-ups missed early on).
SIDE_CACHE_SLOTS = 1 << 22
# Local search rounds per scene: before the search, and once it has run this many slices.
QUICK_ROUNDS = 2
LONG_ROUNDS = 10
LONG_SEARCH_SLICES = 10


@dataclass(frozen=True, slots=True)
class TalentResult:
    """What the solver found: ``order`` (0-based scenes), its ``cost`` (total pay), a proven
    ``lower_bound`` on any order's cost (the best the search proved, when stopped), ``optimal``
    when the two meet, the wall-clock ``seconds``, the number of search ``nodes`` expanded and
    the ``root_bound``, the lower bound known before the search."""

    order: tuple[int, ...]
    cost: int
    lower_bound: int
    optimal: bool
    seconds: float
    nodes: int
    root_bound: int


def solve(
    instance: TalentInstance,
    *,
    time_limit: float | None = None,
    progress: Progress | None = None,
    seed: int = 0,
) -> TalentResult:
    """Find a minimum-pay order of the scenes, proving it optimal unless ``time_limit`` runs out."""
    started = time.perf_counter()
    reduction = reduce(instance)
    if len(reduction.durations) > MAX_SCENES or len(reduction.costs) > MAX_ACTORS:
        raise ValueError(
            f"the exact solver handles up to {MAX_SCENES} scenes and {MAX_ACTORS} actors "
            "after preprocessing"
        )
    search = _Search(reduction, seed)
    search.run(started, time_limit, progress)
    order = reduction.expand(search.order)
    cost = evaluate(instance, order).total
    return TalentResult(
        order=order,
        cost=cost,
        lower_bound=min(cost, search.lower + reduction.constant),
        optimal=search.optimal,
        seconds=time.perf_counter() - started,
        nodes=search.nodes,
        root_bound=min(cost, search.root_bound + reduction.constant),
    )


def _next_slice(expanded: int, seconds: float) -> int:
    """Expansions for the next slice: ``SLICE_SECONDS`` at the rate of the last one, at most
    ``NODES_PER_SLICE``."""
    if expanded == 0 or seconds <= 0:
        return NODES_PER_SLICE
    return max(1, min(NODES_PER_SLICE, int(expanded * SLICE_SECONDS / seconds)))


def _mask_table(values: tuple[int, ...]) -> np.ndarray:
    """``table[chunk, byte]``: the sum of ``values`` over the bits of ``byte`` in that chunk."""
    table = np.zeros((8, 256), dtype=np.int64)
    for bit, value in enumerate(values):
        chunk, offset = divmod(bit, 8)
        for byte in range(256):
            if (byte >> offset) & 1:
                table[chunk, byte] += value
    return table


def search_data(reduction: Reduction) -> tuple[np.ndarray, ...]:
    """The arrays the compiled search reads, in its positional order.

    Scene casts and durations, each actor's scenes and cost (bit masks), the byte tables of
    durations and costs for ``mask_sum``, scratch buffers for the bound (shares, actors, the
    scenes and pay of a group's members, own days), the groups of three actors with forced
    holding and that holding (groups.py), the scratch tables of ``_side_bound`` and
    ``groups.unstarted_holding`` (scene unions and least pay per subset), the cache of group
    bounds (keys, values), a scratch list of actors (``_uncovered_days_pay``), the memo of the
    holding of the actors not yet started (set, value), a scratch of merged casts and their days
    (groups.py) and one of the chains of the crossing bound.
    """
    scene_actors = np.array(reduction.actor_masks, dtype=np.int64)
    durations = np.array(reduction.durations, dtype=np.int64)
    costs = np.array(reduction.costs, dtype=np.int64)
    actor_scenes = np.array(
        [
            sum(
                1 << scene
                for scene, mask in enumerate(reduction.actor_masks)
                if (mask >> actor) & 1
            )
            for actor in range(len(reduction.costs))
        ],
        dtype=np.int64,
    )
    return (
        scene_actors,
        durations,
        actor_scenes,
        costs,
        _mask_table(reduction.durations),
        _mask_table(reduction.costs),
        np.zeros(len(reduction.costs)),
        np.zeros(len(reduction.costs), dtype=np.int64),
        np.zeros((2, len(reduction.costs)), dtype=np.int64),
        np.zeros(len(reduction.costs), dtype=np.int64),
        *holding_groups(scene_actors, durations, costs),
        np.zeros(1 << max(EXACT_GROUP, EXACT_PATTERNS), dtype=np.int64),
        np.zeros(1 << max(EXACT_GROUP, EXACT_PATTERNS), dtype=np.int64),
        np.zeros((SIDE_CACHE_SLOTS, 2), dtype=np.int64),
        np.zeros(SIDE_CACHE_SLOTS, dtype=np.int64),
        np.zeros(len(reduction.costs), dtype=np.int64),
        np.full((MEMO_SLOTS, 2), -1, dtype=np.int64),
        np.zeros((2, len(reduction.durations)), dtype=np.int64),
        np.zeros((CROSSING_CHAINS, 4), dtype=np.int64),
    )


class _Search:
    """The state of one solve on a reduced problem: best order, bound, memo."""

    def __init__(self, reduction: Reduction, seed: int) -> None:
        count = len(reduction.durations)
        self.data = search_data(reduction)
        self.constant = reduction.constant
        self.root = (1 << count) - 1
        self.order: tuple[int, ...] = tuple(range(count))
        self.best = 0
        self.lower = 0
        self.root_bound = 0
        self.optimal = count == 0
        self.nodes = 0
        self.seed = seed

    def run(self, started: float, time_limit: float | None, progress: Progress | None) -> None:
        if self.optimal:
            return
        self._local_search(QUICK_ROUNDS, self.seed)
        self.lower = int(
            strong_lower_bound(self.data, np.int64(self.root), np.int64(0), np.int64(0))
        )
        self.root_bound = self.lower
        self._report(progress)
        if self.lower >= self.best:
            self.optimal = True
            return
        self._best_first_search(started, time_limit, progress)

    def _local_search(self, rounds_per_scene: int, seed: int) -> None:
        """Iterated local search with that many rounds per scene; keep its order if better."""
        scene_actors, durations, _, costs = self.data[:4]
        rounds = 20 + rounds_per_scene * len(durations)
        order, cost = iterated_local_search(scene_actors, durations, costs, rounds, seed)
        if self.best == 0 or cost < self.best:
            self.order, self.best = tuple(int(scene) for scene in order), int(cost)

    def _report(self, progress: Progress | None) -> None:
        if progress is not None:
            progress(self.best + self.constant, self.lower + self.constant)

    def _best_first_search(
        self, started: float, time_limit: float | None, progress: Progress | None
    ) -> None:
        # The node list and heap get all their room at once: numpy maps it untouched, so it costs
        # memory only as it fills, and nothing is copied (growing them with the table took about
        # 1 s of the 3.5-4 s that growth took in a minute at 32x16 and 40x20). The state table,
        # read at random, grows as it fills.
        room = states_room(physical_memory())
        nodes, heap, table, control = bestfirst.new_arrays(room, table_capacity=INITIAL_NODES)
        bestfirst.start(nodes, heap, table, control, np.int64(self.root), self.lower)
        slices = 0
        expansions = NODES_PER_SLICE
        while True:
            control[bestfirst.EXPANSION_LIMIT] = control[bestfirst.EXPANSIONS] + expansions
            before, slice_started = control[bestfirst.EXPANSIONS], time.perf_counter()
            bestfirst.run(self.data, nodes, heap, table, control, np.int64(self.best - 1))
            expansions = _next_slice(
                int(control[bestfirst.EXPANSIONS] - before), time.perf_counter() - slice_started
            )
            self.nodes = int(control[bestfirst.EXPANSIONS])
            if control[bestfirst.NODE_COUNT] >= room * 3 // 4:
                # Near the end of the room: make what is left last.
                control[bestfirst.PARTIAL_MARGIN] = PARTIAL_MARGIN
            status = control[bestfirst.STATUS]
            if status == bestfirst.FULL:
                if bestfirst.out_of_room(nodes, heap, control):
                    # Out of room: stop as at the time limit, with what is proven so far.
                    self._raise_lower(heap, control)
                    self._report(progress)
                    return
                table = bestfirst.grown_table(table)
                continue
            if status != bestfirst.PAUSED:
                self._finish(nodes, int(control[bestfirst.GOAL]), status)
                self._report(progress)
                return
            slices += 1
            if slices == LONG_SEARCH_SLICES and (
                time_limit is None or time.perf_counter() - started < time_limit / 4
            ):
                # Not an easy instance: a tighter start is worth a longer local search (the
                # open list only loses the states the better order rules out).
                self._local_search(LONG_ROUNDS, self.seed + 1)
            self._raise_lower(heap, control)
            self._report(progress)
            if time_limit is not None and time.perf_counter() - started > time_limit:
                return

    def _raise_lower(self, heap: np.ndarray, control: np.ndarray) -> None:
        """Take the least open value of a stopped search as the proven bound, if higher."""
        least = bestfirst.least_open(heap, control)
        if least is not None:
            self.lower = max(self.lower, min(least, self.best))

    def _finish(self, nodes: np.ndarray, goal: int, status: int) -> None:
        """A finished search: the best order known is optimal, or the one it found is."""
        self.optimal = True
        if status == bestfirst.EXHAUSTED:
            self.lower = self.best
            return
        order = bestfirst.order_of(nodes, goal)
        scene_actors, durations, _, costs = self.data[:4]
        cost = int(order_cost(np.array(order, dtype=np.int64), scene_actors, durations, costs))
        if cost != nodes[goal, bestfirst.PAID]:
            raise RuntimeError("the best-first search reported an order of another cost")
        self.order, self.best, self.lower = order, cost, cost


def states_room(memory: int | None) -> int:
    """How many states a search may store on a machine with ``memory`` bytes (None: unknown):
    ``MAX_NODES``, or what ``MEMORY_SHARE`` of the memory holds."""
    if memory is None:
        return MAX_NODES
    return max(min(MAX_NODES, int(MEMORY_SHARE * memory) // STATE_BYTES), INITIAL_NODES)


def physical_memory() -> int | None:
    """The machine's memory in bytes, where the system says."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
