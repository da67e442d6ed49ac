"""The exact solver: brute force on small random instances, published optima, CP-SAT agreement."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from firstad.schedule.talent import TalentInstance, evaluate, read_instance, solver
from firstad.schedule.talent.cpsat import solve_cpsat
from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.preprocess import reduce
from firstad.schedule.talent.solver import solve

# Optima from the DDOLib `Solutions` log and SOURCES.md (film1/film2 from CSPLib's tables).
KNOWN_OPTIMA = {
    "ddolib-pstuckey-format/tiny": 29,
    "ddolib-pstuckey-format/tiny2": 9,
    "ddolib-pstuckey-format/small": 54,
    "ddolib-pstuckey-format/small2": 56,
    "ddolib-pstuckey-format/concert": 111,
    "ddolib-pstuckey-format/film-10": 352,
    "ddolib-pstuckey-format/film-12": 401,
    "ddolib-pstuckey-format/film114.dat": 867,
    "ddolib-pstuckey-format/film116.dat": 541,
    "ddolib-pstuckey-format/film118.dat": 853,
    "ddolib-pstuckey-format/film119.dat": 790,
    "ddolib-pstuckey-format/Warwick1201": 222,
    "ddolib-pstuckey-format/Shaw2020": 877,
    "ddolib-pstuckey-format/MobStory": 871,
    "minizinc-benchmarks/medium/MobStory.dzn": 871,
    "minizinc-benchmarks/easy/concert.dzn": 111,
    "csplib-prob039/derived/film1_csplib": 871,
    "csplib-prob039/derived/film2_csplib": 818,
}


def _random_instance(generator: random.Random, scenes: int, actors: int) -> TalentInstance:
    rows = tuple(tuple(generator.random() < 0.45 for _ in range(scenes)) for _ in range(actors))
    return TalentInstance(
        "random",
        tuple(generator.randint(1, 4) for _ in range(scenes)),
        tuple(generator.randint(0, 20) for _ in range(actors)),
        rows,
    )


def _brute_force(instance: TalentInstance) -> int:
    return min(
        evaluate(instance, order).total
        for order in itertools.permutations(range(instance.scene_count))
    )


def test_matches_brute_force_on_small_random_instances() -> None:
    generator = random.Random(20110101)
    for _ in range(120):
        instance = _random_instance(generator, generator.randint(1, 7), generator.randint(1, 6))
        result = solve(instance)
        assert result.optimal
        assert result.cost == evaluate(instance, result.order).total
        assert result.cost == result.lower_bound == _brute_force(instance), instance


@pytest.mark.parametrize(("relative", "optimum"), sorted(KNOWN_OPTIMA.items()))
def test_proves_published_optima(talent_dir: Path, relative: str, optimum: int) -> None:
    instance, problems = read_instance(talent_dir / relative)
    assert problems == ()
    assert instance is not None
    result = solve(instance)
    assert result.optimal
    assert result.cost == result.lower_bound == optimum
    assert evaluate(instance, result.order).total == optimum


def test_time_limit_returns_best_and_bound() -> None:
    reports: list[tuple[int, int]] = []
    instance = generate(40, 20, 0)
    result = solve(
        instance, time_limit=0.5, progress=lambda best, bound: reports.append((best, bound))
    )
    assert result.lower_bound <= result.cost == evaluate(instance, result.order).total
    assert reports
    assert all(bound <= best for best, bound in reports)
    assert result.seconds < 20


def test_agrees_with_cpsat() -> None:
    for seed in range(3):
        instance = generate(8, 5, seed)
        ours = solve(instance)
        reference = solve_cpsat(instance, time_limit=20)
        assert reference.optimal
        assert ours.cost == reference.cost


def test_preprocessing_keeps_the_cost(talent_dir: Path) -> None:
    instance, _ = read_instance(talent_dir / "ddolib-pstuckey-format" / "MobStory")
    assert instance is not None
    reduction = reduce(instance)
    assert len(reduction.durations) < instance.scene_count
    order = reduction.expand(range(len(reduction.durations)))
    assert sorted(order) == list(range(instance.scene_count))


def test_many_short_slices_reach_the_same_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [solve(generate(14, 7, seed)) for seed in range(3)]
    # Slices of 20 nodes (more than the depth, so each makes progress; the easiest of these
    # takes under 30 in all): the search restarts from the root over its memo again and again,
    # and the longer local search after a few slices may lower the bound in between.
    monkeypatch.setattr(solver, "NODES_PER_SLICE", 20)
    monkeypatch.setattr(solver, "LONG_SEARCH_SLICES", 2)
    for seed, reference in enumerate(whole):
        instance = generate(14, 7, seed)
        result = solve(instance)
        assert reference.optimal
        assert result.nodes > 20
        assert result.optimal
        assert result.cost == result.lower_bound == reference.cost
        assert evaluate(instance, result.order).total == result.cost


def test_stops_with_a_proven_bound_when_out_of_room(monkeypatch: pytest.MonkeyPatch) -> None:
    instance = generate(24, 12, 1)
    optimum = solve(instance).cost
    monkeypatch.setattr(solver, "INITIAL_NODES", 1 << 9)
    monkeypatch.setattr(solver, "MAX_NODES", 1 << 12)
    result = solve(instance)
    assert not result.optimal
    assert result.root_bound <= result.lower_bound < optimum <= result.cost
    assert evaluate(instance, result.order).total == result.cost


def test_the_room_for_states_fits_the_machine() -> None:
    assert solver.states_room(None) == solver.MAX_NODES
    assert solver.states_room(1 << 40) == solver.MAX_NODES
    four_gigabytes = solver.states_room(4 << 30)
    assert solver.INITIAL_NODES < four_gigabytes < solver.MAX_NODES
    assert four_gigabytes * solver.STATE_BYTES <= solver.MEMORY_SHARE * (4 << 30)
    assert solver.states_room(1 << 20) == solver.INITIAL_NODES
    memory = solver.physical_memory()
    assert memory is None or memory > 0


def test_partial_expansion_when_out_of_room_keeps_the_optimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instances = [generate(scenes, scenes // 2, seed) for scenes in (14, 16) for seed in range(4)]
    optima = [solve(instance).cost for instance in instances]
    # Room for about a thousand states: these searches switch to partial expansion midway.
    monkeypatch.setattr(solver, "INITIAL_NODES", 1 << 6)
    monkeypatch.setattr(solver, "MAX_NODES", 1 << 10)
    proven = 0
    for instance, optimum in zip(instances, optima, strict=True):
        result = solve(instance)
        assert result.lower_bound <= optimum <= result.cost
        assert evaluate(instance, result.order).total == result.cost
        if result.optimal:
            assert result.cost == optimum
            proven += result.nodes > 100
    assert proven >= 3
