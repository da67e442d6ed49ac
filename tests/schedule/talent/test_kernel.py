"""The compiled search stopped by its node limit: what it reports proven stays below the optimum."""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent import kernel
from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.preprocess import reduce
from firstad.schedule.talent.solver import search_data, solve


def test_path_bound_of_a_stopped_search_is_proven() -> None:
    instance = generate(16, 8, 0)
    optimum = solve(instance).cost
    reduction = reduce(instance)
    data = search_data(reduction)
    count = len(reduction.durations)
    table = kernel.new_table(1 << 16)
    control = np.zeros(kernel.CONTROL_SIZE, dtype=np.int64)
    workspace = np.zeros((kernel.WORKSPACE_ROWS, count + 1, max(count, 4)), dtype=np.int64)
    root = np.int64((1 << count) - 1)
    # Ask for anything up to the optimum, so the search must go all the way down.
    bound = optimum - reduction.constant
    bounds = []
    while True:
        control[kernel.ABORT] = 0
        control[kernel.NODE_LIMIT] = control[kernel.NODES] + 300
        value = kernel.search(data, table, control, workspace, root, 0, 0, bound, 0)
        if control[kernel.ABORT] == 0:
            break
        assert control[kernel.ABORT] == kernel.ABORT_NODES
        bounds.append(int(kernel.path_bound(workspace, control, count)))
    assert value + reduction.constant == optimum
    assert len(bounds) > 3
    assert all(proven + reduction.constant <= optimum for proven in bounds)
