"""The exact talent scheduling solver: preprocessing, a heuristic start, bounded DP from both ends.

``solve`` follows Garcia de la Banda, Stuckey & Chu (2011): reduce the instance (preprocess.py),
find a good order (heuristic.py), then run the bounded dynamic program (kernel.py) with the bound
"strictly better than the best order known". If it finds nothing better, the known order is
optimal; otherwise the memo leads back to a better one, which is optimal. The compiled search runs
in slices of nodes so that the time limit, the progress callback and memo growth are handled here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from firstad.schedule.talent import kernel
from firstad.schedule.talent.bounds import EXACT_GROUP, strong_lower_bound
from firstad.schedule.talent.evaluation import evaluate
from firstad.schedule.talent.groups import holding_groups
from firstad.schedule.talent.heuristic import iterated_local_search
from firstad.schedule.talent.instance import TalentInstance
from firstad.schedule.talent.preprocess import Reduction, reduce

Progress = Callable[[int, int], None]
"""Called as ``progress(best_cost, lower_bound)`` whenever the solver has news."""

MAX_SCENES = 63
MAX_ACTORS = 63
NODES_PER_SLICE = 20_000
INITIAL_MEMO_SLOTS = 1 << 18
SIDE_CACHE_SLOTS = 1 << 16
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
    durations and costs for ``mask_sum``, scratch buffers for the bound (shares, actors, pair
    gains, own days), the groups of three actors with forced holding and that holding
    (groups.py), and the scratch tables of ``_side_bound`` (scene unions and least pay per
    subset of a group), its cache of group bounds (keys, values) and a scratch list of actors
    (``_uncovered_days_pay``).
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
        np.zeros((len(reduction.costs), len(reduction.costs)), dtype=np.int64),
        np.zeros(len(reduction.costs), dtype=np.int64),
        *holding_groups(scene_actors, durations, costs),
        np.zeros(1 << EXACT_GROUP, dtype=np.int64),
        np.zeros(1 << EXACT_GROUP, dtype=np.int64),
        np.zeros((SIDE_CACHE_SLOTS, 2), dtype=np.int64),
        np.zeros(SIDE_CACHE_SLOTS, dtype=np.int64),
        np.zeros(len(reduction.costs), dtype=np.int64),
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
        self._bounded_search(started, time_limit, progress)

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

    def _bounded_search(
        self, started: float, time_limit: float | None, progress: Progress | None
    ) -> None:
        table = kernel.new_table(INITIAL_MEMO_SLOTS)
        control = np.zeros(kernel.CONTROL_SIZE, dtype=np.int64)
        count = len(self.order)
        workspace = np.zeros(
            (kernel.WORKSPACE_ROWS, count + 1, max(count, kernel.PATH_COUNT + 1)), dtype=np.int64
        )
        root = np.int64(self.root)
        slices = 0
        while True:
            control[kernel.ABORT] = 0
            control[kernel.NODE_LIMIT] = control[kernel.NODES] + NODES_PER_SLICE
            value = int(
                kernel.search(
                    self.data, table, control, workspace, root, 0, 0, self.best - 1, self.lower
                )
            )
            self.nodes = int(control[kernel.NODES])
            if control[kernel.ABORT] == kernel.ABORT_FULL:
                table = kernel.grown(table)
            if control[kernel.ABORT] == 0:
                self._finish(table, value)
                self._report(progress)
                return
            slices += 1
            if slices == LONG_SEARCH_SLICES and (
                time_limit is None or time.perf_counter() - started < time_limit / 4
            ):
                # Not an easy instance: a tighter start is worth a longer local search (the
                # memo holds bounds and exact values, valid under any smaller bound).
                self._local_search(LONG_ROUNDS, self.seed + 1)
            if control[kernel.ABORT] == kernel.ABORT_NODES:
                proven = int(kernel.path_bound(workspace, control, count))
                self.lower = max(self.lower, min(proven, self.best))
            self._report(progress)
            if time_limit is not None and time.perf_counter() - started > time_limit:
                return

    def _finish(self, table: tuple[np.ndarray, np.ndarray, np.ndarray], value: int) -> None:
        self.optimal = True
        if value >= self.best:
            self.lower = self.best
            return
        order = np.zeros(len(self.order), dtype=np.int64)
        placed = kernel.reconstruct(self.data, table, np.int64(self.root), np.int64(value), order)
        if placed != len(self.order):
            raise RuntimeError("the memo does not lead back to the optimum it reported")
        self.order = tuple(int(scene) for scene in order)
        self.best = self.lower = value
