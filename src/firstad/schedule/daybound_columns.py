"""A lower bound from day patterns: the set-partitioning LP, priced exactly, read as Lagrangian.

A schedule is a set of shoot days; each day shoots a *pattern* of scenes at one or two
locations (one company move a day). What a day costs depends only on its pattern: every actor
in it is paid the day, every location in it is rented, its moves and overtime are known, and
the crew is paid. Holds are left out (they only add), and so are the dates (availability), the
clock and the rest between days: every real schedule is a cover of the scenes by at most D
patterns, so the cheapest such cover bounds the real optimum from below.

The LP over all patterns (Gilmore & Gomory's cutting-stock LP; Desrosiers & Lübbecke,
"A primer in column generation") is solved by column generation. Its bound is read the
Lagrangian way (Farley 1990; Lübbecke & Desrosiers 2005, section 2.1): for any scene prices
``price >= 0`` and ``best = max over patterns of (price(pattern) - cost(pattern))``, every
cover by at most D patterns costs at least ``sum(price) - D * max(best, 0)``. The pricing is
exact (every pattern of one location, every pair of them, enumerated), so this bound holds at
every iteration, and the search can stop at any time limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import numpy.typing as npt
from numba import njit
from ortools.linear_solver import pywraplp

from firstad.schedule.daybound import day_facts
from firstad.schedule.indexed import IndexedProblem

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Past this many scenes at one location, its patterns are not enumerated (2**n of them).
MOST_SCENES_AT_A_LOCATION = 16
# Columns added per round: the best pattern of each of this many location pairs.
COLUMNS_PER_ROUND = 40
# Float slack when turning the LP's arithmetic into an integer bound.
TOLERANCE = 1e-4
CAST_CHUNK_BITS = 10


@dataclass(frozen=True, slots=True)
class ColumnBound:
    """The pattern bound: ``bound`` proven, ``rounds`` of pricing, ``converged`` when the LP
    is solved to optimality, ``seconds`` spent; ``applicable`` is False when the problem is
    outside what the patterns cover (more than two locations a day), and the bound is then 0.
    ``prices``: the scene prices that gave the bound, and ``support`` the patterns of the last
    LP solution (both empty when none), to start another search."""

    bound: int
    rounds: int
    converged: bool
    seconds: float
    applicable: bool = True
    prices: tuple[float, ...] = field(default=(), repr=False)
    support: tuple[tuple[int, ...], ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class LocationPatterns:
    """Every scene subset of one location that fits a day there."""

    location: int
    scenes: tuple[int, ...]
    members: FloatArray  # pattern x local scene, 1.0 when the scene is in the pattern
    minutes: IntArray
    cast: IntArray  # bit mask of the actors in the pattern
    cast_pay: IntArray  # their daily rates, summed


@dataclass(frozen=True, slots=True)
class PatternCosts:
    """The day-level prices every pattern pays, apart from its actors."""

    rent: tuple[int, ...]
    crew: int
    move_cost: int
    move_minutes: int
    day_cap: int
    standard_minutes: int
    overtime_rate: int
    chunk_rates: IntArray  # rate of each 10-bit group of actors, for masks


@dataclass(slots=True)
class _Master:
    """The restricted master LP: cover each scene, at most D days."""

    solver: pywraplp.Solver
    cover: list[pywraplp.Constraint]
    days: pywraplp.Constraint
    columns: dict[tuple[int, ...], pywraplp.Variable] = field(default_factory=dict)


def column_bound(
    problem: IndexedProblem, *, time_limit: float, permits_included: bool = True
) -> ColumnBound:
    """The pattern bound of ``problem``, searched for at most ``time_limit`` seconds."""
    started = time.monotonic()
    facts = day_facts(problem)
    if facts.places_a_day is None or facts.places_a_day > 2 or not problem.scenes:
        return _not_applicable(started)
    patterns = location_patterns(problem, facts.location_minutes)
    if patterns is None:
        return _not_applicable(started)
    costs = pattern_costs(problem)
    pairs = usable_pairs(patterns, facts.incompatible, facts.places_a_day)
    master = _master(problem, patterns, costs)
    constant = permit_fees(problem) if permits_included else 0
    best_bound, rounds, converged = 0.0, 0, False
    best_prices: tuple[float, ...] = ()
    support: tuple[tuple[int, ...], ...] = ()
    while time.monotonic() - started < time_limit:
        rounds += 1
        prices, day_price = _duals(master)
        support = _support(master)
        best, found = _price(problem, patterns, pairs, costs, prices)
        lagrangian = float(prices.sum()) - problem.day_count * max(best, 0.0)
        if lagrangian > best_bound:
            best_bound, best_prices = lagrangian, tuple(float(price) for price in prices)
        added = sum(_add_column(master, problem, costs, column) for column in found)
        if best + day_price <= TOLERANCE or not added:
            converged = best + day_price <= TOLERANCE
            break
    bound = max(0, math.ceil(best_bound - TOLERANCE)) + constant
    seconds = time.monotonic() - started
    return ColumnBound(bound, rounds, converged, seconds, prices=best_prices, support=support)


def _not_applicable(started: float) -> ColumnBound:
    seconds = time.monotonic() - started
    return ColumnBound(bound=0, rounds=0, converged=False, seconds=seconds, applicable=False)


def permit_fees(problem: IndexedProblem) -> int:
    used = {scene.location for scene in problem.scenes}
    return sum(problem.locations[location].permit_fee for location in used)


# --- patterns of one location ---------------------------------------------------------------


def location_patterns(
    problem: IndexedProblem, location_minutes: tuple[int, ...]
) -> dict[int, LocationPatterns] | None:
    by_location: dict[int, list[int]] = {}
    for index, scene in enumerate(problem.scenes):
        by_location.setdefault(scene.location, []).append(index)
    if any(len(scenes) > MOST_SCENES_AT_A_LOCATION for scenes in by_location.values()):
        return None
    limit = problem.rules.max_shoot_minutes
    return {
        location: _enumerate(
            problem, location, tuple(scenes), min(limit, location_minutes[location])
        )
        for location, scenes in by_location.items()
    }


def _enumerate(
    problem: IndexedProblem, location: int, scenes: tuple[int, ...], limit: int
) -> LocationPatterns:
    count = len(scenes)
    subsets = np.arange(1, 1 << count, dtype=np.int64)
    members = ((subsets[:, None] >> np.arange(count)) & 1).astype(np.float64)
    minutes = members @ np.array([problem.scenes[s].minutes for s in scenes], dtype=np.float64)
    masks = np.array([_cast_mask(problem, s) for s in scenes], dtype=np.int64)
    cast = np.zeros(len(subsets), dtype=np.int64)
    for position in range(count):
        cast |= np.where(members[:, position] > 0, masks[position], 0)
    keep = minutes <= limit
    pay = np.array([_mask_pay(problem, int(mask)) for mask in cast[keep]], dtype=np.int64)
    return LocationPatterns(
        location=location,
        scenes=scenes,
        members=members[keep],
        minutes=minutes[keep].astype(np.int64),
        cast=cast[keep],
        cast_pay=pay,
    )


def _cast_mask(problem: IndexedProblem, scene: int) -> int:
    return sum(1 << member for member in problem.scenes[scene].cast)


def _mask_pay(problem: IndexedProblem, mask: int) -> int:
    return sum(member.rate for index, member in enumerate(problem.cast) if mask >> index & 1)


def chunk_table(rates: Sequence[int]) -> IntArray:
    """``table[chunk, bits]``: the daily rates of the actors in one 10-bit group of a mask."""
    chunks = max(1, -(-len(rates) // CAST_CHUNK_BITS))
    table = np.zeros((chunks, 1 << CAST_CHUNK_BITS), dtype=np.int64)
    bits = np.arange(1 << CAST_CHUNK_BITS)
    for actor, rate in enumerate(rates):
        chunk, position = divmod(actor, CAST_CHUNK_BITS)
        table[chunk] += np.where((bits >> position) & 1, rate, 0)
    return table


def masks_pay(masks: IntArray, table: IntArray) -> IntArray:
    """The rates of the actors in each mask, summed (``table`` from ``chunk_table``)."""
    pay = np.zeros(len(masks), dtype=np.int64)
    for chunk in range(table.shape[0]):
        pay += table[chunk, (masks >> (chunk * CAST_CHUNK_BITS)) & ((1 << CAST_CHUNK_BITS) - 1)]
    return pay


def pattern_costs(problem: IndexedProblem) -> PatternCosts:
    rules = problem.rules
    rates = chunk_table([member.rate for member in problem.cast])
    return PatternCosts(
        rent=tuple(location.rate for location in problem.locations),
        crew=rules.crew_daily_rate,
        move_cost=rules.move_cost,
        move_minutes=rules.move_minutes,
        day_cap=rules.max_shoot_minutes,
        standard_minutes=rules.standard_minutes,
        overtime_rate=rules.overtime_rate_per_hour,
        chunk_rates=rates,
    )


def usable_pairs(
    patterns: dict[int, LocationPatterns],
    incompatible: frozenset[tuple[int, int]],
    places_a_day: int,
) -> list[tuple[int, int]]:
    """The location pairs one day may visit together."""
    if places_a_day < 2:
        return []
    return [
        (first, second)
        for first, second in combinations(sorted(patterns), 2)
        if (first, second) not in incompatible
    ]


# --- pricing --------------------------------------------------------------------------------


@njit(cache=True)
def overtime_cost(length: int, standard: int, rate: int) -> int:
    """The evaluator's overtime: minutes past the standard day at the hourly rate, rounded up."""
    over = max(0, length - standard)
    return -(-over * rate // 60)


@njit(cache=True)
def shared_pay(mask: int, chunk_rates: IntArray) -> int:
    total = 0
    for chunk in range(chunk_rates.shape[0]):
        total += chunk_rates[chunk, (mask >> (chunk * 10)) & 1023]
    return total


@njit(cache=True)
def joined_value(  # noqa: PLR0917 (numba: positional only)
    first_value: float,
    first_minutes: int,
    first_cast: int,
    second_value: float,
    second_minutes: int,
    second_cast: int,
    settings: IntArray,
    chunk_rates: IntArray,
) -> float:
    """Two patterns' values on one day (each net of its own pay): an actor in both paid once
    (added back), overtime on the joined day; minus infinity when the day is too long."""
    length = first_minutes + second_minutes + settings[1]
    if length > settings[0]:
        return -np.inf
    value = first_value + second_value - overtime_cost(length, settings[2], settings[3])
    shared = first_cast & second_cast
    if shared:
        value += shared_pay(shared, chunk_rates)
    return value


@njit(cache=True)
def _best_pair(  # noqa: PLR0917 (numba: positional only)
    first_value: FloatArray,
    first_minutes: IntArray,
    first_cast: IntArray,
    second_value: FloatArray,
    second_minutes: IntArray,
    second_cast: IntArray,
    settings: IntArray,
    chunk_rates: IntArray,
) -> tuple[float, int, int]:
    """The best pair of one pattern per location: values already net of each side's pay,
    an actor in both is paid once (added back), and overtime is on the joined day."""
    best, best_first, best_second = -1e18, -1, -1
    for first in range(first_value.shape[0]):
        for second in range(second_value.shape[0]):
            value = joined_value(
                first_value[first], first_minutes[first], first_cast[first],
                second_value[second], second_minutes[second], second_cast[second],
                settings, chunk_rates,
            )  # fmt: skip
            if value > best:
                best, best_first, best_second = value, first, second
    return best, best_first, best_second


Column = tuple[float, tuple[int, ...]]


def _price(
    problem: IndexedProblem,
    patterns: dict[int, LocationPatterns],
    pairs: list[tuple[int, int]],
    costs: PatternCosts,
    prices: FloatArray,
) -> tuple[float, list[Column]]:
    """``max(price(pattern) - cost(pattern))`` over every pattern, and the best patterns."""
    values = {
        location: item.members @ prices[list(item.scenes)] - item.cast_pay
        for location, item in patterns.items()
    }
    found = [_best_single(patterns[location], values[location], costs) for location in patterns]
    settings = np.array(
        [costs.day_cap, costs.move_minutes, costs.standard_minutes, costs.overtime_rate],
        dtype=np.int64,
    )
    for first, second in pairs:
        one, other = patterns[first], patterns[second]
        value, first_index, second_index = _best_pair(
            values[first], one.minutes, one.cast, values[second], other.minutes, other.cast,
            settings, costs.chunk_rates,
        )  # fmt: skip
        if first_index < 0:
            continue
        value -= costs.rent[first] + costs.rent[second] + costs.move_cost + costs.crew
        scenes = scenes_of(one, first_index) + scenes_of(other, second_index)
        found.append((value, scenes))
    best = max(value for value, _ in found)
    found.sort(key=lambda column: -column[0])
    return best, [column for column in found[:COLUMNS_PER_ROUND] if column[0] > TOLERANCE]


def _best_single(item: LocationPatterns, values: FloatArray, costs: PatternCosts) -> Column:
    overtime = np.array(
        [overtime_cost(int(m), costs.standard_minutes, costs.overtime_rate) for m in item.minutes]
    )
    net = values - overtime - costs.rent[item.location] - costs.crew
    index = int(np.argmax(net))
    return float(net[index]), scenes_of(item, index)


def scenes_of(item: LocationPatterns, index: int) -> tuple[int, ...]:
    return tuple(
        scene for scene, member in zip(item.scenes, item.members[index], strict=True) if member
    )


# --- the master LP --------------------------------------------------------------------------


def _master(
    problem: IndexedProblem, patterns: dict[int, LocationPatterns], costs: PatternCosts
) -> _Master:
    solver = pywraplp.Solver.CreateSolver("GLOP")
    cover = [solver.Constraint(1, solver.infinity()) for _ in problem.scenes]
    days = solver.Constraint(-solver.infinity(), problem.day_count)
    master = _Master(solver, cover, days)
    solver.Minimize(solver.Sum([]))
    for scene in range(len(problem.scenes)):
        _add_column(master, problem, costs, (0.0, (scene,)))
    # Days beyond the calendar, at a price no real cover pays, keep the first LPs feasible;
    # the prices stay valid for the bound whatever the LP says.
    extra = solver.NumVar(0, solver.infinity(), "extra_days")
    days.SetCoefficient(extra, -1)
    most = max(pattern_cost(problem, costs, (scene,)) for scene in range(len(problem.scenes)))
    solver.Objective().SetCoefficient(extra, 10 * most + 1)
    return master


def _add_column(
    master: _Master, problem: IndexedProblem, costs: PatternCosts, column: Column
) -> bool:
    scenes = tuple(sorted(column[1]))
    if scenes in master.columns:
        return False
    variable = master.solver.NumVar(0, master.solver.infinity(), "")
    master.columns[scenes] = variable
    for scene in scenes:
        master.cover[scene].SetCoefficient(variable, 1)
    master.days.SetCoefficient(variable, 1)
    master.solver.Objective().SetCoefficient(variable, pattern_cost(problem, costs, scenes))
    return True


def pattern_cost(problem: IndexedProblem, costs: PatternCosts, scenes: tuple[int, ...]) -> int:
    """What a day shooting exactly ``scenes`` costs at least, holds aside."""
    places = {problem.scenes[scene].location for scene in scenes}
    cast = {member for scene in scenes for member in problem.scenes[scene].cast}
    moves = len(places) - 1
    length = sum(problem.scenes[scene].minutes for scene in scenes) + moves * costs.move_minutes
    return (
        sum(problem.cast[member].rate for member in cast)
        + sum(costs.rent[place] for place in places)
        + moves * costs.move_cost
        + costs.crew
        + overtime_cost(length, costs.standard_minutes, costs.overtime_rate)
    )


def _duals(master: _Master) -> tuple[FloatArray, float]:
    """Scene prices (clipped at 0: any non-negative prices give a valid bound) and the
    price of a day."""
    master.solver.Solve()
    prices = np.array([max(row.dual_value(), 0.0) for row in master.cover], dtype=np.float64)
    return prices, min(master.days.dual_value(), 0.0)


def _support(master: _Master) -> tuple[tuple[int, ...], ...]:
    """The patterns the LP solution just computed uses."""
    return tuple(
        scenes for scenes, variable in master.columns.items() if variable.solution_value() > 0
    )
