"""The best-first search on its own: orders it finds, bounds it proves, room it grows into."""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent import bestfirst, evaluate
from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.instance import TalentInstance
from firstad.schedule.talent.preprocess import reduce
from firstad.schedule.talent.solver import search_data, solve


def _search(
    instance: TalentInstance, bound: int, capacity: int, expansions: int, margin: int = -1
) -> tuple[int, tuple[int, ...] | None, list[int]]:
    """Run to the end in slices of ``expansions`` (partial expansion at ``margin``); the status,
    the order found (reduced back to the instance) and the least open value after each slice,
    all in the instance's pay."""
    reduction = reduce(instance)
    data = search_data(reduction)
    nodes, heap, table, control = bestfirst.new_arrays(capacity, margin)
    root = np.int64((1 << len(reduction.durations)) - 1)
    bestfirst.start(nodes, heap, table, control, root, 0)
    least_values = []
    while True:
        control[bestfirst.EXPANSION_LIMIT] = control[bestfirst.EXPANSIONS] + expansions
        bestfirst.run(data, nodes, heap, table, control, np.int64(bound - reduction.constant))
        status = int(control[bestfirst.STATUS])
        if status == bestfirst.FULL:
            nodes, heap, table = bestfirst.grown(nodes, heap, table)
        elif status == bestfirst.PAUSED:
            least = bestfirst.least_open(heap, control)
            assert least is not None
            least_values.append(least + reduction.constant)
        else:
            break
    if status == bestfirst.EXHAUSTED:
        return status, None, least_values
    order = reduction.expand(bestfirst.order_of(nodes, int(control[bestfirst.GOAL])))
    return status, order, least_values


def test_finds_an_optimal_order_when_one_is_within_the_bound() -> None:
    for seed in range(4):
        instance = generate(14, 7, seed)
        optimum = solve(instance).cost
        # Slices of 10 expansions: the easiest of these takes under 30 in all.
        status, order, least_values = _search(instance, optimum, 1 << 12, 10)
        assert status == bestfirst.FOUND
        assert order is not None
        assert sorted(order) == list(range(instance.scene_count))
        assert evaluate(instance, order).total == optimum
        # What a stopped search reports proven never passes the optimum, and only rises.
        assert least_values
        assert all(value <= optimum for value in least_values)
        assert least_values == sorted(least_values)


def test_finds_nothing_below_the_optimum() -> None:
    for seed in range(4):
        instance = generate(14, 7, seed)
        optimum = solve(instance).cost
        status, order, _ = _search(instance, optimum - 1, 1 << 12, 1_000_000)
        assert status == bestfirst.EXHAUSTED
        assert order is None


def test_grows_from_a_tiny_start_to_the_same_result() -> None:
    instance = generate(16, 8, 1)
    optimum = solve(instance).cost
    status, order, _ = _search(instance, optimum, 128, 1_000_000)
    assert status == bestfirst.FOUND
    assert order is not None
    assert evaluate(instance, order).total == optimum


def test_grows_only_its_table_to_the_same_search() -> None:
    # The solver gives the node list and heap all their room at once and grows the state table
    # alone: the same expansions, states and order as growing everything.
    instance = generate(20, 10, 0)
    reduction = reduce(instance)
    data = search_data(reduction)
    root = np.int64((1 << len(reduction.durations)) - 1)
    bound = np.int64(solve(instance).cost - reduction.constant)
    results = []
    for tables_only in (False, True):
        nodes, heap, table, control = bestfirst.new_arrays(
            1 << 16 if tables_only else 128, table_capacity=128
        )
        bestfirst.start(nodes, heap, table, control, root, 0)
        control[bestfirst.EXPANSION_LIMIT] = 1 << 40
        grows = 0
        while True:
            bestfirst.run(data, nodes, heap, table, control, bound)
            if control[bestfirst.STATUS] != bestfirst.FULL:
                break
            grows += 1
            if tables_only:
                assert not bestfirst.out_of_room(nodes, heap, control)
                table = bestfirst.grown_table(table)
            else:
                nodes, heap, table = bestfirst.grown(nodes, heap, table)
        assert grows >= 4
        assert control[bestfirst.STATUS] == bestfirst.FOUND
        goal = int(control[bestfirst.GOAL])
        results.append((control[bestfirst.EXPANSIONS], goal, bestfirst.order_of(nodes, goal)))
    assert results[0] == results[1]


def test_partial_expansion_finds_the_same_optimum() -> None:
    for scenes, actors, seed in [(n, n // 2, seed) for n in range(6, 15, 2) for seed in range(5)]:
        instance = generate(scenes, actors, seed)
        optimum = solve(instance).cost
        for margin in (0, 3, 40):
            status, order, least_values = _search(instance, optimum, 1 << 8, 5, margin)
            assert status == bestfirst.FOUND, (scenes, seed, margin)
            assert order is not None
            assert evaluate(instance, order).total == optimum
            assert all(value <= optimum for value in least_values)
            assert least_values == sorted(least_values)
            status, order, _ = _search(instance, optimum - 1, 1 << 8, 1_000_000, margin)
            assert status == bestfirst.EXHAUSTED
            assert order is None


def test_partial_expansion_stores_fewer_states() -> None:
    instance = generate(20, 10, 0)
    optimum = solve(instance).cost
    stored = []
    for margin in (-1, 0):
        reduction = reduce(instance)
        nodes, heap, table, control = bestfirst.new_arrays(1 << 16, margin)
        root = np.int64((1 << len(reduction.durations)) - 1)
        bestfirst.start(nodes, heap, table, control, root, 0)
        control[bestfirst.EXPANSION_LIMIT] = 1 << 40
        bound = np.int64(optimum - reduction.constant)
        bestfirst.run(search_data(reduction), nodes, heap, table, control, bound)
        assert control[bestfirst.STATUS] == bestfirst.FOUND
        stored.append(int(control[bestfirst.NODE_COUNT]))
    assert stored[1] < stored[0]
