"""Transitions between two-ended states: their costs add up to what the order costs."""

from __future__ import annotations

import random

import numpy as np

from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.heuristic import order_cost
from firstad.schedule.talent.kernel import popcount, transition
from firstad.schedule.talent.preprocess import reduce
from firstad.schedule.talent.solver import search_data


def test_steps_from_both_ends_cost_what_the_order_costs() -> None:
    generator = random.Random(7)
    for seed in range(20):
        data = search_data(reduce(generate(12, 7, seed)))
        count = data[0].shape[0]
        q, front, back = np.int64((1 << count) - 1), np.int64(0), np.int64(0)
        front_part: list[int] = []
        back_part: list[int] = []
        total = 0
        while q:
            scene = generator.choice([s for s in range(count) if (int(q) >> s) & 1])
            at_front = generator.random() < 0.5
            cost, q, front, back = transition(data, q, front, back, scene, at_front)
            total += int(cost)
            (front_part if at_front else back_part).append(scene)
        order = np.array(front_part + back_part[::-1], dtype=np.int64)
        assert total == order_cost(order, data[0], data[1], data[3])


def test_popcount() -> None:
    assert [popcount(np.int64(mask)) for mask in (0, 1, 6, (1 << 62) | 5)] == [0, 1, 2, 3]
