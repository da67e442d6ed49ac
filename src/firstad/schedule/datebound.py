"""The day-pattern bound with dates: each shoot date takes at most one pattern it allows.

``daybound_columns`` prices a pattern once for the whole calendar, so a supporting actor free
only in the first week, a set blocked on three dates or a permit not in hand before day six
cost it nothing. Here a column is a (date, pattern) pair, allowed when every scene of the
pattern may be shot on that date (``IndexedProblem.allowed_days``: cast, set and permit dates,
fixed dates), and each date holds at most one column, and only a pattern whose blocks pass
the clock (``blocktimes``: hours and light, with no idle time in a day) is priced. Every
violation-free schedule is such a choice, so the LP bounds it from below.

Dates also give the one kind of hold a date-level LP can see: an actor with a scene that must
be shot by date ``e`` and another that cannot be shot before ``b > e`` is on payroll every
shoot day from ``e`` to ``b`` (``surely_paid``), so a column on such a date pays them whether
its pattern has them or not. Holds in general are out of the LP's reach: spreading any
undated solution evenly over the dates gives each actor at most half a day's work on every
date, and then "started" and "not yet done" can both sit at one half, so a hold-linked LP
(paid >= started + not done + used - 2) pays no hold at all.

The bound is read the Lagrangian way, as in ``daybound_columns``: for scene prices
``price >= 0`` and, for each date, ``best(date) = max over patterns allowed on it of
(price(pattern) - cost(pattern))``, every schedule costs at least
``sum(price) - sum over dates of max(best(date), 0)``. Pricing is exact (every pattern
enumerated), so the bound holds at every iteration.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from numba import njit
from ortools.linear_solver import pywraplp

from firstad.schedule.blocktimes import (
    EVERY_START,
    as_arrays,
    block_starts,
    fits_alone,
    pair_fits,
    unbounded,
)
from firstad.schedule.daybound import day_facts
from firstad.schedule.daybound_columns import (
    TOLERANCE,
    ColumnBound,
    LocationPatterns,
    PatternCosts,
    chunk_table,
    joined_value,
    location_patterns,
    masks_pay,
    overtime_cost,
    pattern_cost,
    pattern_costs,
    permit_fees,
    scenes_of,
    usable_pairs,
)
from firstad.schedule.indexed import IndexedProblem

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

# Columns added per date and round.
COLUMNS_PER_DATE = 2
# Dates are bits of one 64-bit mask.
MOST_DATES = 62
NO_VALUE = -1e18


@dataclass(frozen=True, slots=True)
class DatedPatterns:
    """One location's patterns with the dates each may be shot on (bit ``d`` for date ``d``)."""

    patterns: LocationPatterns
    dates: IntArray
    blocks: IntArray  # each pattern's block starts (``blocktimes``): firsts, then lasts
    alone: npt.NDArray[np.bool_]  # the pattern fits a day of its own
    clocked: bool  # False when the clock limits no block here (no check needed)


@dataclass(frozen=True, slots=True)
class PayrollGroup:
    """Dates on which the same actors are surely on payroll (see ``surely_paid``): ``dates``
    as a bit mask, ``actors`` as one, ``pay`` their rates summed, ``table`` the chunk table of
    every rate with theirs taken out (a pattern adds nothing for them: the date pays them)."""

    dates: int
    actors: int
    pay: int
    table: IntArray


@dataclass(slots=True)
class _Master:
    """The restricted master LP: cover each scene, at most one column a date."""

    solver: pywraplp.Solver
    cover: list[pywraplp.Constraint]
    dates: list[pywraplp.Constraint]
    surely_paid: tuple[int, ...]
    columns: set[tuple[int, tuple[int, ...]]] = field(default_factory=set)


def date_bound(
    problem: IndexedProblem, *, time_limit: float, start: ColumnBound | None = None
) -> ColumnBound:
    """The dated pattern bound of ``problem``, searched for at most ``time_limit`` seconds.

    ``start``, the undated bound's result, gives prices to try first (at the same prices the
    dated bound is never below the undated one) and patterns to put on every date they allow.
    """
    started = time.monotonic()
    pricing = _pricing(problem)
    if pricing is None:
        return _not_applicable(started)
    costs = pricing.costs
    master = _master(problem, costs)
    for scenes in () if start is None else start.support:
        # The undated bound's patterns ignore the clock; only those that pass it may stay.
        if fits_a_day(problem, scenes):
            for day in _days_of(_dates_of(problem, scenes)):
                _add_column(master, problem, costs, day, scenes)
    prices = () if start is None else start.prices
    best_bound, rounds, converged = _lagrangian(problem, pricing, prices), 0, False
    while time.monotonic() - started < time_limit:
        rounds += 1
        scene_prices, date_prices = _duals(master)
        best, columns = _price(problem, pricing, scene_prices)
        best_bound = max(best_bound, _bound_at(scene_prices, best))
        improving = [
            (day, scenes) for day, value, scenes in columns if value + date_prices[day] > TOLERANCE
        ]
        added = sum(_add_column(master, problem, costs, day, scenes) for day, scenes in improving)
        if not added:
            converged = not improving
            break
    bound = max(0, math.ceil(best_bound - TOLERANCE)) + permit_fees(problem)
    return ColumnBound(bound, rounds, converged, time.monotonic() - started)


def _pricing(problem: IndexedProblem) -> _Pricing | None:
    """What pricing needs, or None outside what the patterns cover."""
    facts = day_facts(problem)
    if facts.places_a_day is None or facts.places_a_day > 2 or not problem.scenes:
        return None
    found = location_patterns(problem, facts.location_minutes)
    if found is None or problem.day_count > MOST_DATES:
        return None
    return _Pricing(
        {location: _dated(problem, item) for location, item in found.items()},
        usable_pairs(found, facts.incompatible, facts.places_a_day),
        pattern_costs(problem),
        _payroll_groups(problem),
    )


def _not_applicable(started: float) -> ColumnBound:
    seconds = time.monotonic() - started
    return ColumnBound(bound=0, rounds=0, converged=False, seconds=seconds, applicable=False)


def _lagrangian(problem: IndexedProblem, pricing: _Pricing, prices: Sequence[float]) -> float:
    if len(prices) != len(problem.scenes):
        return 0.0
    scene_prices = np.maximum(np.array(prices, dtype=np.float64), 0.0)
    best, _ = _price(problem, pricing, scene_prices)
    return _bound_at(scene_prices, best)


def _bound_at(prices: FloatArray, best: FloatArray) -> float:
    """Every schedule costs at least the prices of its scenes less, on each date, the most a
    pattern allowed that date earns over its cost (nothing when no pattern earns)."""
    return float(prices.sum()) - float(np.maximum(best, 0.0).sum())


def _scene_dates(problem: IndexedProblem, scene: int) -> int:
    return sum(1 << day for day in problem.allowed_days(scene))


def _dates_of(problem: IndexedProblem, scenes: tuple[int, ...]) -> int:
    dates = (1 << problem.day_count) - 1
    for scene in scenes:
        dates &= _scene_dates(problem, scene)
    return dates


def _days_of(dates: int) -> list[int]:
    return [day for day in range(dates.bit_length()) if dates >> day & 1]


def _dated(problem: IndexedProblem, item: LocationPatterns) -> DatedPatterns:
    clocked = not unbounded(problem, item.location)
    starts = [
        block_starts(problem, scenes_of(item, index)) if clocked else EVERY_START
        for index in range(len(item.minutes))
    ]
    firsts, lasts = as_arrays(starts)
    blocks = np.concatenate([firsts, lasts], axis=1)
    return DatedPatterns(
        item, _pattern_dates(problem, item), blocks, fits_alone(firsts, lasts), clocked
    )


def fits_a_day(problem: IndexedProblem, scenes: tuple[int, ...]) -> bool:
    """Whether a day of ``scenes`` (one or two locations) passes the block-start test."""
    by_location: dict[int, list[int]] = {}
    for scene in scenes:
        by_location.setdefault(problem.scenes[scene].location, []).append(scene)
    blocks = [
        (as_arrays([block_starts(problem, tuple(part))]), _minutes(problem, part))
        for part in by_location.values()
    ]
    if len(blocks) == 1:
        (firsts, lasts), _ = blocks[0]
        return bool(fits_alone(firsts, lasts)[0])
    if len(blocks) > 2:
        return False
    ((one_firsts, one_lasts), one_minutes), ((two_firsts, two_lasts), two_minutes) = blocks
    return bool(
        pair_fits(
            one_firsts[0], one_lasts[0], one_minutes,
            two_firsts[0], two_lasts[0], two_minutes, problem.rules.move_minutes,
        )
    )  # fmt: skip


def _minutes(problem: IndexedProblem, scenes: list[int]) -> int:
    return sum(problem.scenes[scene].minutes for scene in scenes)


def _pattern_dates(problem: IndexedProblem, item: LocationPatterns) -> IntArray:
    everything = (1 << problem.day_count) - 1
    dates = np.full(len(item.minutes), everything, dtype=np.int64)
    for position, scene in enumerate(item.scenes):
        dates &= np.where(item.members[:, position] > 0, _scene_dates(problem, scene), everything)
    return dates


# --- actors surely on payroll ---------------------------------------------------------------


def surely_paid(problem: IndexedProblem) -> tuple[int, ...]:
    """For each date, the actors (bit mask) every schedule pays on it if it shoots that date.

    An actor with a scene that can only be shot by date ``e`` and one that can only be shot
    from date ``b > e`` works on or before ``e`` and on or after ``b``, so every shoot day from
    ``e`` to ``b`` is inside their payroll span: worked or held. Drop/pick-up actors are left
    out (their span may have a gap off payroll).
    """
    paid = [0] * problem.day_count
    for cast_index, member in enumerate(problem.cast):
        days = [problem.allowed_days(scene) for scene in problem.scenes_of_cast(cast_index)]
        if member.drop_pickup or member.rate == 0 or not days or not all(days):
            continue
        latest_start = min(allowed[-1] for allowed in days)
        earliest_end = max(allowed[0] for allowed in days)
        for day in range(latest_start, earliest_end + 1):
            paid[day] |= 1 << cast_index
    return tuple(paid)


def _payroll_groups(problem: IndexedProblem) -> tuple[PayrollGroup, ...]:
    by_actors: dict[int, int] = {}
    for day, actors in enumerate(surely_paid(problem)):
        by_actors[actors] = by_actors.get(actors, 0) | 1 << day
    rates = [member.rate for member in problem.cast]
    return tuple(
        PayrollGroup(
            dates=dates,
            actors=actors,
            pay=sum(rate for index, rate in enumerate(rates) if actors >> index & 1),
            table=chunk_table(
                [0 if actors >> index & 1 else rate for index, rate in enumerate(rates)]
            ),
        )
        for actors, dates in sorted(by_actors.items())
    )


def dated_cost(
    problem: IndexedProblem, costs: PatternCosts, scenes: tuple[int, ...], surely: int
) -> int:
    """What a date costs that shoots ``scenes``: the pattern's cost and the actors surely on
    payroll that date who are not in it."""
    cast = 0
    for scene in scenes:
        for member in problem.scenes[scene].cast:
            cast |= 1 << member
    held = surely & ~cast
    return pattern_cost(problem, costs, scenes) + sum(
        member.rate for index, member in enumerate(problem.cast) if held >> index & 1
    )


# --- pricing --------------------------------------------------------------------------------


@njit(cache=True)
def _offer(  # noqa: PLR0917 (numba: positional only)
    value: float, dates: int, first: int, second: int, best: FloatArray, chosen: IntArray
) -> None:
    """Keep ``value`` as the best of every date in ``dates`` it beats."""
    remaining = dates
    day = 0
    while remaining:
        if remaining & 1 and value > best[day]:
            best[day] = value
            chosen[day, 0] = first
            chosen[day, 1] = second
        remaining >>= 1
        day += 1


@njit(cache=True)
def _best_pairs_by_date(  # noqa: PLR0917 (numba: positional only)
    first_value: FloatArray,
    first_minutes: IntArray,
    first_cast: IntArray,
    first_dates: IntArray,
    second_value: FloatArray,
    second_minutes: IntArray,
    second_cast: IntArray,
    second_dates: IntArray,
    first_blocks: IntArray,
    second_blocks: IntArray,
    settings: IntArray,
    chunk_rates: IntArray,
    best: FloatArray,
    chosen: IntArray,
) -> None:
    """For each date, the best pair of one pattern per location allowed on it (values net of
    each side's pay and fixed costs; a shared actor paid once, overtime on the joined day).
    ``*_blocks`` hold each pattern's block starts (firsts, then lasts); ``settings[4]`` says
    whether to test them."""
    move_minutes = settings[1]
    clocked = settings[4] > 0
    width = first_blocks.shape[1] // 2
    floor = best.min()
    for first in range(first_value.shape[0]):
        if first_dates[first] == 0:
            continue
        for second in range(second_value.shape[0]):
            dates = first_dates[first] & second_dates[second]
            if dates == 0:
                continue
            value = joined_value(
                first_value[first], first_minutes[first], first_cast[first],
                second_value[second], second_minutes[second], second_cast[second],
                settings, chunk_rates,
            )  # fmt: skip
            if value > floor and (
                not clocked
                or _blocks_fit(
                    first_blocks[first],
                    second_blocks[second],
                    width,
                    first_minutes[first],
                    second_minutes[second],
                    move_minutes,
                )
            ):
                _offer(value, dates, first, second, best, chosen)
                floor = best.min()


@njit(cache=True)
def _blocks_fit(  # noqa: PLR0917 (numba: positional only)
    first: IntArray,
    second: IntArray,
    width: int,
    first_minutes: int,
    second_minutes: int,
    move_minutes: int,
) -> bool:
    return pair_fits(
        first[:width], first[width:], first_minutes,
        second[:width], second[width:], second_minutes, move_minutes,
    )  # fmt: skip


DatedColumn = tuple[int, float, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class _Pricing:
    """What pricing needs: the dated patterns, the location pairs, costs, payroll groups."""

    dated: dict[int, DatedPatterns]
    pairs: list[tuple[int, int]]
    costs: PatternCosts
    groups: tuple[PayrollGroup, ...]


def _price(
    problem: IndexedProblem, pricing: _Pricing, prices: FloatArray
) -> tuple[FloatArray, list[DatedColumn]]:
    """For each date ``max(price(pattern) - cost(pattern))`` over the patterns it allows, and
    the best columns found."""
    best = np.full(problem.day_count, NO_VALUE)
    columns: list[DatedColumn] = []
    for group in pricing.groups:
        _price_group(problem, pricing, prices, group, best, columns)
    return best, _best_columns(columns, problem.day_count)


def _price_group(  # noqa: PLR0917 (one group's share of the pricing)
    problem: IndexedProblem,
    pricing: _Pricing,
    prices: FloatArray,
    group: PayrollGroup,
    best: FloatArray,
    columns: list[DatedColumn],
) -> None:
    """Price the dates of one payroll group: its actors cost each pattern nothing, and each
    date pays them once."""
    days, costs = problem.day_count, pricing.costs
    values, dates = {}, {}
    for location, item in pricing.dated.items():
        patterns = item.patterns
        pay = masks_pay(patterns.cast, group.table)
        values[location] = patterns.members @ prices[list(patterns.scenes)] - pay
        dates[location] = item.dates & group.dates
    found: list[DatedColumn] = []
    for location, item in pricing.dated.items():
        alone = np.where(item.alone, dates[location], 0)
        _best_singles(item.patterns, values[location] - group.pay, alone, costs, found)
    for first, second in pricing.pairs:
        one, other = pricing.dated[first].patterns, pricing.dated[second].patterns
        clocked = pricing.dated[first].clocked or pricing.dated[second].clocked
        settings = np.array(
            [
                costs.day_cap, costs.move_minutes, costs.standard_minutes, costs.overtime_rate,
                int(clocked),
            ],
            dtype=np.int64,
        )  # fmt: skip
        # Dates no pair of these locations may use start out of reach, so the kernel's floor
        # (the worst date's best so far) can rise above nothing.
        possible = np.bitwise_or.reduce(dates[first]) & np.bitwise_or.reduce(dates[second])
        if not possible:
            continue
        pair_best = np.where((possible >> np.arange(days)) & 1 > 0, NO_VALUE, -NO_VALUE)
        chosen = np.full((days, 2), -1, dtype=np.int64)
        _best_pairs_by_date(
            values[first], one.minutes, one.cast, dates[first],
            values[second], other.minutes, other.cast, dates[second],
            pricing.dated[first].blocks, pricing.dated[second].blocks,
            settings, group.table, pair_best, chosen,
        )  # fmt: skip
        fixed = costs.rent[first] + costs.rent[second] + costs.move_cost + costs.crew + group.pay
        for day in map(int, np.flatnonzero(chosen[:, 0] >= 0)):
            scenes = scenes_of(one, int(chosen[day, 0])) + scenes_of(other, int(chosen[day, 1]))
            found.append((day, float(pair_best[day]) - fixed, scenes))
    for found_day, value, _ in found:
        best[found_day] = max(best[found_day], value)
    columns.extend(found)


def _best_singles(
    patterns: LocationPatterns,
    values: FloatArray,
    dates: IntArray,
    costs: PatternCosts,
    found: list[DatedColumn],
) -> None:
    overtime = np.array(
        [
            overtime_cost(int(minutes), costs.standard_minutes, costs.overtime_rate)
            for minutes in patterns.minutes
        ]
    )
    net = values - overtime - costs.rent[patterns.location] - costs.crew
    union = int(np.bitwise_or.reduce(dates))
    for day in range(union.bit_length()):
        allowed = (dates >> day) & 1 > 0
        if allowed.any():
            index = int(np.argmax(np.where(allowed, net, NO_VALUE)))
            found.append((day, float(net[index]), scenes_of(patterns, index)))


def _best_columns(columns: list[DatedColumn], days: int) -> list[DatedColumn]:
    by_day: list[list[DatedColumn]] = [[] for _ in range(days)]
    for column in columns:
        by_day[column[0]].append(column)
    chosen = []
    for found in by_day:
        found.sort(key=lambda column: -column[1])
        chosen.extend(found[:COLUMNS_PER_DATE])
    return chosen


# --- the master LP --------------------------------------------------------------------------


def _master(problem: IndexedProblem, costs: PatternCosts) -> _Master:
    solver = pywraplp.Solver.CreateSolver("GLOP")
    cover = [solver.Constraint(1, solver.infinity()) for _ in problem.scenes]
    dates = [solver.Constraint(-solver.infinity(), 1) for _ in range(problem.day_count)]
    master = _Master(solver, cover, dates, surely_paid(problem))
    solver.Minimize(solver.Sum([]))
    # Each scene may also be covered off the calendar, at a price no real cover pays: the first
    # LPs stay feasible, and the prices stay valid for the bound whatever the LP says.
    most = max(pattern_cost(problem, costs, (scene,)) for scene in range(len(problem.scenes)))
    for scene in range(len(problem.scenes)):
        artificial = solver.NumVar(0, solver.infinity(), "")
        cover[scene].SetCoefficient(artificial, 1)
        solver.Objective().SetCoefficient(artificial, 10 * most + 1)
        if fits_a_day(problem, (scene,)):
            for day in problem.allowed_days(scene):
                _add_column(master, problem, costs, day, (scene,))
    return master


def _add_column(
    master: _Master,
    problem: IndexedProblem,
    costs: PatternCosts,
    day: int,
    scenes: tuple[int, ...],
) -> bool:
    key = (day, tuple(sorted(scenes)))
    if key in master.columns:
        return False
    master.columns.add(key)
    variable = master.solver.NumVar(0, master.solver.infinity(), "")
    for scene in key[1]:
        master.cover[scene].SetCoefficient(variable, 1)
    master.dates[day].SetCoefficient(variable, 1)
    cost = dated_cost(problem, costs, key[1], master.surely_paid[day])
    master.solver.Objective().SetCoefficient(variable, cost)
    return True


def _duals(master: _Master) -> tuple[FloatArray, FloatArray]:
    """Scene prices (clipped at 0) and each date's price (at most 0)."""
    master.solver.Solve()
    prices = np.array([max(row.dual_value(), 0.0) for row in master.cover], dtype=np.float64)
    dates = np.array([min(row.dual_value(), 0.0) for row in master.dates], dtype=np.float64)
    return prices, dates
