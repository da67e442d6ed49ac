"""Forced holding of small actor groups, against brute force over every order."""

from __future__ import annotations

import itertools
import random

import numpy as np

from firstad.schedule.talent.groups import group_holding, holding_groups


def _brute_holding(
    scene_actors: np.ndarray, durations: np.ndarray, costs: np.ndarray, group: int
) -> int:
    """Least idle pay of the group's actors over all orders of all scenes."""
    best = None
    for order in itertools.permutations(range(scene_actors.shape[0])):
        starts, day = {}, 0
        for scene in order:
            starts[scene] = day
            day += int(durations[scene])
        idle = 0
        for actor in range(costs.shape[0]):
            scenes = [
                scene
                for scene in order
                if (group >> actor) & 1 and scene_actors[scene] >> actor & 1
            ]
            if scenes:
                span = starts[scenes[-1]] + int(durations[scenes[-1]]) - starts[scenes[0]]
                idle += int(costs[actor]) * (span - sum(int(durations[s]) for s in scenes))
        best = idle if best is None else min(best, idle)
    assert best is not None
    return best


def _random_problem(generator: random.Random) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scenes, actors = generator.randint(3, 7), generator.randint(3, 5)
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
    for _ in range(60):
        scene_actors, durations, costs = _random_problem(generator)
        for group in itertools.combinations(range(costs.shape[0]), 3):
            mask = sum(1 << actor for actor in group)
            expected = _brute_holding(scene_actors, durations, costs, mask)
            assert group_holding(scene_actors, durations, costs, np.int64(mask)) == expected
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
