"""Forced holding of small actor groups, against brute force over every order."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from firstad.schedule.talent.groups import (
    EXACT_PATTERNS,
    group_holding,
    holding_groups,
    split_holding,
    unstarted_holding,
)
from firstad.schedule.talent.preprocess import Reduction
from firstad.schedule.talent.solver import search_data


def _idle_per_actor(
    scene_actors: np.ndarray, durations: np.ndarray, costs: np.ndarray
) -> list[list[int]]:
    """For every order of the scenes, each actor's idle pay (days on location not acting)."""
    table = []
    for order in itertools.permutations(range(scene_actors.shape[0])):
        starts, day = {}, 0
        for scene in order:
            starts[scene] = day
            day += int(durations[scene])
        idle = []
        for actor in range(costs.shape[0]):
            scenes = [scene for scene in order if (int(scene_actors[scene]) >> actor) & 1]
            span = (
                starts[scenes[-1]] + int(durations[scenes[-1]]) - starts[scenes[0]] if scenes else 0
            )
            idle.append(int(costs[actor]) * (span - sum(int(durations[s]) for s in scenes)))
        table.append(idle)
    return table


def _random_problem(generator: random.Random) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scenes, actors = generator.randint(3, 6), generator.randint(3, 5)
    scene_actors = np.array(
        [sum(1 << a for a in range(actors) if generator.random() < 0.5) for _ in range(scenes)],
        dtype=np.int64,
    )
    durations = np.array([generator.randint(1, 4) for _ in range(scenes)], dtype=np.int64)
    costs = np.array([generator.randint(1, 20) for _ in range(actors)], dtype=np.int64)
    return scene_actors, durations, costs


def test_group_holding_matches_brute_force() -> None:
    generator = random.Random(2011)
    forced = 0
    for _ in range(40):
        scene_actors, durations, costs = _random_problem(generator)
        idle = _idle_per_actor(scene_actors, durations, costs)
        for group in itertools.combinations(range(costs.shape[0]), 3):
            expected = min(sum(row[actor] for actor in group) for row in idle)
            mask = np.int64(sum(1 << actor for actor in group))
            assert group_holding(scene_actors, durations, costs, mask) == expected
            forced += expected > 0
    assert forced > 10


def test_three_actors_pairwise_sharing_scenes_must_wait() -> None:
    # Scenes {a,b}, {b,c}, {a,c}: whichever is in the middle keeps the third actor waiting.
    scene_actors = np.array([0b011, 0b110, 0b101], dtype=np.int64)
    durations = np.array([2, 3, 4], dtype=np.int64)
    costs = np.array([10, 1, 5], dtype=np.int64)
    masks, holding = holding_groups(scene_actors, durations, costs)
    # Cheapest: put {a,c} (4 days) in the middle so b (cost 1) waits through it.
    assert list(masks) == [0b111]
    assert list(holding) == [4]


def test_groups_come_largest_first_and_all_forced() -> None:
    generator = random.Random(7)
    scene_actors, durations, costs = _random_problem(generator)
    masks, holding = holding_groups(scene_actors, durations, costs)
    assert all(bin(int(mask)).count("1") == 3 for mask in masks)
    assert all(value > 0 for value in holding)
    assert list(holding) == sorted(holding, reverse=True)


def _search_data(generator: random.Random) -> tuple[np.ndarray, ...]:
    """Search arrays of a small random problem, the groups table included."""
    scene_actors, durations, costs = _random_problem(generator)
    actors = costs.shape[0]
    reduction = Reduction(
        groups=tuple((scene,) for scene in range(scene_actors.shape[0])),
        durations=tuple(int(days) for days in durations),
        actor_masks=tuple(int(cast) for cast in scene_actors),
        costs=tuple(int(cost) for cost in costs),
        constant=0,
        trailing=(),
    )
    assert len(reduction.costs) == actors
    return search_data(reduction)


@pytest.mark.parametrize("most_patterns", [2, 4, EXACT_PATTERNS])
def test_unstarted_holding_never_exceeds_brute_force(most_patterns: int) -> None:
    generator = random.Random(1000 + most_patterns)
    exact = 0
    for _ in range(40):
        data = _search_data(generator)
        scene_actors, durations, costs = data[0], data[1], data[3]
        masks, holding = data[10], data[11]
        idle = _idle_per_actor(scene_actors, durations, costs)
        for size in range(3, costs.shape[0] + 1):
            for group in itertools.combinations(range(costs.shape[0]), size):
                least = min(sum(row[actor] for actor in group) for row in idle)
                mask = sum(1 << actor for actor in group)
                value = split_holding(data, np.int64(mask), most_patterns)
                packed = _greedy_packing(masks, holding, mask)
                assert packed <= value <= least, (group, most_patterns)
                exact += value == least
    assert exact > 100


def _greedy_packing(masks: np.ndarray, holding: np.ndarray, waiting: int) -> int:
    total = 0
    for mask, pay in zip(masks, holding, strict=True):
        if int(mask) & ~waiting == 0:
            total += int(pay)
            waiting &= ~int(mask)
    return total


def test_unstarted_holding_is_remembered() -> None:
    data = _search_data(random.Random(3))
    everyone = np.int64((1 << data[3].shape[0]) - 1)
    first = unstarted_holding(data, everyone)
    assert unstarted_holding(data, everyone) == first == split_holding(data, everyone, 64)
