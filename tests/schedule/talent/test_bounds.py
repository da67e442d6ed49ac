"""Lower bounds and dominance against brute force on mid-search states of small instances.

A state is ``(q, front, back)``: the scenes still to shoot, and the actors of ``q`` already on
location from the front and from the back. Its value is the least pay, over the orders of ``q``,
of the actors of ``q`` during the days of ``q``. Every bound must stay at or below that value, and
the scenes the search branches on (after its dominance rules) must still reach it.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import numpy as np
import pytest

from firstad.schedule.talent import solver
from firstad.schedule.talent.bounds import (
    INFINITY,
    _crossing_bound,
    _group_holding,
    _holding_left,
    _one_side_bound,
    _side_bound,
    _weighted_side,
    child_bound,
    crossing_gain,
    lower_bound,
    lower_bound_parts,
    quick_lower_bound,
    strong_lower_bound,
)
from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.instance import TalentInstance
from firstad.schedule.talent.kernel import children, transition
from firstad.schedule.talent.preprocess import Reduction, reduce
from firstad.schedule.talent.solver import search_data

Data = tuple[np.ndarray, ...]


def _random_instance(generator: random.Random) -> TalentInstance:
    scenes, actors = generator.randint(2, 7), generator.randint(2, 7)
    density = generator.choice((0.3, 0.45, 0.6))
    return TalentInstance(
        "random",
        tuple(generator.randint(1, 4) for _ in range(scenes)),
        tuple(generator.randint(1, 30) for _ in range(actors)),
        tuple(tuple(generator.random() < density for _ in range(scenes)) for _ in range(actors)),
    )


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(mask.bit_length()) if (mask >> bit) & 1]


def _state_value(data: Data, q: int, front: int, back: int) -> int:
    """The value of the state by trying every order of ``q``."""
    scene_actors, durations, costs = data[0], data[1], data[3]
    scenes = _bits(q)
    actors = _bits(int(np.bitwise_or.reduce(scene_actors[scenes])))
    total_days = int(sum(durations[scene] for scene in scenes))
    best = None
    for order in itertools.permutations(scenes):
        pay = 0
        for actor in actors:
            days = [
                (start, start + int(durations[scene]))
                for start, scene in zip(_starts(durations, order), order, strict=True)
                if (int(scene_actors[scene]) >> actor) & 1
            ]
            first = 0 if (front >> actor) & 1 else days[0][0]
            last = total_days if (back >> actor) & 1 else days[-1][1]
            pay += int(costs[actor]) * (last - first)
        best = pay if best is None else min(best, pay)
    assert best is not None
    return best


def _starts(durations: np.ndarray, order: tuple[int, ...]) -> list[int]:
    starts, day = [], 0
    for scene in order:
        starts.append(day)
        day += int(durations[scene])
    return starts


def _random_states(generator: random.Random, data: Data, count: int) -> list[tuple[int, int, int]]:
    scene_actors = data[0]
    scenes = scene_actors.shape[0]
    states = []
    for _ in range(count):
        q = generator.randrange(1, 1 << scenes)
        present = int(np.bitwise_or.reduce(scene_actors[_bits(q)]))
        front = present & generator.getrandbits(present.bit_length() or 1)
        back = present & generator.getrandbits(present.bit_length() or 1)
        states.append((q, min(front, back), max(front, back)))
    return states


def _cases(seed: int, instances: int, states: int) -> list[tuple[Data, int, int, int]]:
    generator = random.Random(seed)
    cases = []
    for _ in range(instances):
        reduction = reduce(_random_instance(generator))
        if not reduction.durations:
            continue
        data = search_data(reduction)
        cases.extend((data, *state) for state in _random_states(generator, data, states))
    return cases


def _assert_bounds(data: Data, q: int, front: int, back: int) -> None:
    """The bounds in order of strength, none above the value; the best-first search's way to
    the strong bound (weak bound plus the crossing gain) gives the same number."""
    state = (np.int64(q), np.int64(front), np.int64(back))
    value = _state_value(data, q, front, back)
    quick = quick_lower_bound(data, *state)
    weak, separate = lower_bound_parts(data, *state)
    strong = strong_lower_bound(data, *state)
    assert quick <= weak == lower_bound(data, *state) <= strong <= value, (q, front, back)
    assert weak + crossing_gain(data, *state, separate) == strong, (q, front, back)


def test_lower_bound_never_exceeds_the_state_value() -> None:
    for data, q, front, back in _cases(20110102, 60, 8):
        _assert_bounds(data, q, front, back)


def _reachable_states(
    generator: random.Random, data: Data, count: int
) -> list[tuple[int, int, int]]:
    """States the search can reach: a random order, a few scenes shot from each end."""
    scene_actors = data[0]
    scenes = scene_actors.shape[0]
    states = []
    for _ in range(count):
        order = generator.sample(range(scenes), scenes)
        front_count = generator.randint(0, scenes - 1)
        back_count = generator.randint(0, scenes - 1 - front_count)
        middle = order[front_count : scenes - back_count]
        q = sum(1 << scene for scene in middle)
        present = int(np.bitwise_or.reduce(scene_actors[middle]))
        front = present & int(np.bitwise_or.reduce(scene_actors[order[:front_count]], initial=0))
        back = present & int(
            np.bitwise_or.reduce(scene_actors[order[scenes - back_count :]], initial=0)
        )
        states.append((q, min(front, back), max(front, back)))
    return states


def test_lower_bound_holds_on_reachable_states() -> None:
    generator = random.Random(1993)
    for _ in range(80):
        reduction = reduce(_random_instance(generator))
        if not reduction.durations:
            continue
        data = search_data(reduction)
        for q, front, back in _reachable_states(generator, data, 6):
            _assert_bounds(data, q, front, back)


def test_child_bound_is_the_weak_bound_within_the_quick_budget() -> None:
    # What the search asks of each child: the weak bound and its replaceable part when the quick
    # bound fits the budget, and INFINITY (the child is dropped) when it does not.
    for data, q, front, back in _cases(3105, 40, 6):
        state = (np.int64(q), np.int64(front), np.int64(back))
        quick = quick_lower_bound(data, *state)
        parts = tuple(lower_bound_parts(data, *state))
        assert tuple(child_bound(data, *state, quick)) == parts, state
        assert tuple(child_bound(data, *state, INFINITY)) == parts, state
        assert child_bound(data, *state, quick - 1)[0] == INFINITY, state


def test_cached_side_bounds_are_the_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    # The one-sided group bounds are remembered by (group, scenes left): on mid-search states of
    # larger instances, through a cache small enough to evict, every answer must be the one
    # computed from scratch.
    monkeypatch.setattr(solver, "SIDE_CACHE_SLOTS", 1 << 4)
    generator = random.Random(1202)
    for seed in range(3):
        reduction = reduce(generate(16, 12, seed))
        shared = search_data(reduction)
        for q, front, back in _reachable_states(generator, shared, 150):
            for group in (front & ~back, back & ~front):
                state = (np.int64(q), np.int64(group))
                cached = _side_bound(shared, *state)
                assert cached == _side_bound(search_data(reduction), *state), (q, group)
                assert cached == _side_bound(shared, *state), (q, group)


def _group_alone(data: Data, q: int, group: int) -> int:
    """Least pay of a one-sided group on its own: each actor waits from the edge to its last."""
    scene_actors, durations, costs = data[0], data[1], data[3]
    best = None
    for order in itertools.permutations(_bits(q)):
        finished: dict[int, int] = {}
        day = 0
        for scene in order:
            day += int(durations[scene])
            finished.update((actor, day) for actor in _bits(int(scene_actors[scene]) & group))
        pay = sum(int(costs[actor]) * day for actor, day in finished.items())
        best = pay if best is None else min(best, pay)
    assert best is not None
    return best


def test_side_bound_is_the_exact_pay_of_a_small_group() -> None:
    for data, q, front, _ in _cases(2026, 40, 5):
        group = front & int(np.bitwise_or.reduce(data[0][_bits(q)]))
        smith = _one_side_bound(data, np.int64(q), np.int64(group), data[3])
        exact = _side_bound(data, np.int64(q), np.int64(group))
        alone = _group_alone(data, q, group) if group else 0
        assert smith <= exact == alone, (q, group)


def test_weighted_side_bound_is_the_exact_pay_at_those_costs() -> None:
    # The crossing bound leaves each actor part of their cost: the side bound at those costs
    # (zero for some actors) is still the exact pay of the group alone, or Smith's relaxation
    # of it past EXACT_GROUP actors.
    generator = random.Random(411)
    for data, q, front, _ in _cases(2027, 40, 5):
        group = front & int(np.bitwise_or.reduce(data[0][_bits(q)]))
        weights = np.array([generator.choice((0, 1, 3, 8)) for _ in data[3]], dtype=np.int64)
        reweighted = (data[0], data[1], data[2], weights, *data[4:])
        alone = _group_alone(reweighted, q, group) if group else 0
        smith = _one_side_bound(data, np.int64(q), np.int64(group), weights)
        assert smith <= _weighted_side(data, np.int64(q), np.int64(group), weights) == alone


def _seven_by_six(generator: random.Random, density: float) -> Data | None:
    """The search data of a random 7-scene, 6-actor instance (None if nothing is left of it
    once reduced): dense enough for actors to share scenes across the sides."""
    instance = TalentInstance(
        "dense",
        tuple(generator.randint(1, 4) for _ in range(7)),
        tuple(generator.randint(1, 30) for _ in range(6)),
        tuple(tuple(generator.random() < density for _ in range(7)) for _ in range(6)),
    )
    reduction = reduce(instance)
    return search_data(reduction) if reduction.durations else None


def _dense_instances(generator: random.Random, tries: int, density: float) -> Iterator[Data]:
    """The searchable ones of ``tries`` dense 7x6 instances."""
    for _ in range(tries):
        data = _seven_by_six(generator, density)
        if data is not None:
            yield data


def test_crossing_bound_holds_and_often_beats_the_sides_alone() -> None:
    # The flow of the crossing bound against brute force, on reachable states of instances with
    # many shared scenes, where it should gain over the sides alone on a good share of them.
    generator = random.Random(1101)
    states = gained = 0
    for data in _dense_instances(generator, 300, 0.5):
        for q, front, back in _reachable_states(generator, data, 8):
            both = front & back
            front_only, back_only = front & ~both, back & ~both
            if not front_only or not back_only:
                continue
            state = (np.int64(q), np.int64(front), np.int64(back))
            weak, separate = lower_bound_parts(data, *state)
            crossing = _crossing_bound(
                data, *state[:1], np.int64(front_only), np.int64(back_only), state[1] | state[2]
            )
            assert weak - separate + crossing <= _state_value(data, q, front, back), state
            states += 1
            gained += crossing > separate
    assert states > 100
    assert gained > states // 5


def _least_weighted_idle(data: Data, q: int, actors: int, weights: np.ndarray) -> int:
    """Least over the orders of ``q`` of the weighted idle days of ``actors`` (all of whose
    scenes are in ``q``), each there from their first scene to their last."""
    scene_actors, durations = data[0], data[1]
    best = None
    for order in itertools.permutations(_bits(q)):
        starts = _starts(durations, order)
        idle = 0
        for actor in _bits(actors):
            days = [
                (start, start + int(durations[scene]))
                for start, scene in zip(starts, order, strict=True)
                if (int(scene_actors[scene]) >> actor) & 1
            ]
            own = sum(end - start for start, end in days)
            idle += int(weights[actor]) * (days[-1][1] - days[0][0] - own)
        best = idle if best is None else min(best, idle)
    assert best is not None
    return best


def test_holding_left_is_at_most_the_least_holding_at_the_costs_left() -> None:
    # The crossing bound keeps, for the unstarted actors in chains, only part of their cost:
    # the holding it counts must stay within the least holding at those costs.
    generator = random.Random(515)
    forced = lifted = 0
    for data in _dense_instances(generator, 150, 0.45):
        q = (1 << len(data[1])) - 1
        actors = data[3].shape[0]
        started = sum(1 << actor for actor in range(actors) if generator.random() < 0.2)
        unstarted = ((1 << actors) - 1) & ~started
        joined = unstarted & generator.getrandbits(actors)
        left = data[3].copy()
        for actor in _bits(joined):
            left[actor] = generator.randint(0, int(data[3][actor]))
        held = _holding_left(data, np.int64(q), np.int64(started), np.int64(joined), left)
        weights = np.where([(joined >> actor) & 1 for actor in range(actors)], left, data[3])
        assert held <= _least_weighted_idle(data, q, unstarted, weights), (started, joined)
        forced += held > 0
        # The share of the whole set's holding beats the holding of those in no chain.
        lifted += held > _group_holding(data, np.int64(q), np.int64(started | joined))
    assert forced > 10
    assert lifted > 3


def test_a_chain_through_an_actor_not_yet_started_covers_the_middle() -> None:
    # Front actor f (0) and back actor b (1) share no scene; w (2), not yet started, shares one
    # with each. The actor-less scene of 5 days keeps f, w or b waiting wherever it goes; the
    # cheapest is w (3 a day), and only the chain f - w - b sees it.
    reduction = Reduction(
        groups=((0,), (1,), (2,), (3,), (4,)),
        durations=(1, 1, 5, 1, 1),
        actor_masks=(0b101, 0b110, 0, 0b001, 0b010),
        costs=(10, 10, 3),
        constant=0,
        trailing=(),
    )
    data = search_data(reduction)
    state = (np.int64(0b111), np.int64(0b001), np.int64(0b010))
    value = _state_value(data, *(int(part) for part in state))
    weak, separate = lower_bound_parts(data, *state)
    assert value == weak + 15
    assert (
        _crossing_bound(data, *state[:1], state[1], state[2], state[1] | state[2]) == separate + 15
    )
    assert strong_lower_bound(data, *state) == value


def test_lower_bound_is_exact_when_every_actor_is_on_location_from_both_sides() -> None:
    for data, q, _, _ in _cases(7, 20, 3):
        present = int(np.bitwise_or.reduce(data[0][_bits(q)]))
        value = _state_value(data, q, present, present)
        assert lower_bound(data, np.int64(q), np.int64(present), np.int64(present)) == value


def test_dominance_keeps_an_optimal_child() -> None:
    for data, q, front, back in _cases(19930101, 60, 8):
        scenes = np.zeros(data[0].shape[0], dtype=np.int64)
        count, at_front = children(data, np.int64(q), np.int64(front), np.int64(back), scenes)
        assert count >= 1
        through_children = min(
            int(cost) + _state_value(data, int(rest), int(child_front), int(child_back))
            for cost, rest, child_front, child_back in (
                transition(data, np.int64(q), np.int64(front), np.int64(back), scene, at_front)
                for scene in scenes[:count]
            )
        )
        assert through_children == _state_value(data, q, front, back), (q, front, back)


def test_lower_bound_is_exact_when_nobody_has_started() -> None:
    # With every actor still to start, the bound is their own days plus the least holding of
    # them all (groups.py), exact while the scenes have at most EXACT_PATTERNS casts.
    for data, _, _, _ in _cases(2011, 40, 1):
        q = (1 << data[0].shape[0]) - 1
        value = _state_value(data, q, 0, 0)
        assert lower_bound(data, np.int64(q), np.int64(0), np.int64(0)) == value
        assert quick_lower_bound(data, np.int64(q), np.int64(0), np.int64(0)) == value
