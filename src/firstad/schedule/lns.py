"""Large-neighbourhood search around the CP-SAT schedule model: better schedules sooner.

From a first schedule, each step frees a *coherent slice* of it and lets CP-SAT re-solve that
slice exactly, everything else held where it is (Shaw 1998; the shape that works for film and
TV shooting schedules, where the cost lives in a few actors' payroll spans and a few sets'
rental days). The slices:

- ``days``: every scene of a window of consecutive shoot days;
- ``actors``: the scenes of one or two actors chosen by what they cost on hold, the ends of
  their payroll span first (a lead's span is the biggest single cost), with the scenes sharing
  their first and last work days, so there is room to pull those ends inwards;
- ``locations``: the scenes of one or two sets chosen by rental, so their days can merge;
- ``location_days``: the days one set is used on and their neighbours.

The full model is built once; a step pins every other scene's ``shoot`` Booleans to the
incumbent by narrowing their domains in place (restored afterwards), hints the whole incumbent
and runs a short CP-SAT search. Kind and size adapt: a kind's weight follows how often it has
improved recently, and its size grows when CP-SAT closes the slice within the step's time (the
slice is exhausted, look wider) and shrinks when it runs out of time (too wide to search).

An improvement counts only when the caller's judge — the evaluator, in the optimizer — finds
the schedule clean and cheaper: by the judge's cost, not CP-SAT's objective, since a step
stopped at its time limit may leave slack in the pay and overtime variables. On the generated
120-scene features this search edges out plain CP-SAT at equal time (``bench/schedule.py``
prints both); the optimizer uses it from ``optimizer.LNS_MIN_SCENES`` scenes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from firstad.schedule.cpsat_model import ScheduleModel
from firstad.schedule.sequencing import DayPlan
from firstad.schedule.solve import (
    ProgressCallback,
    ProgressEvent,
    SolveOutcome,
    relative_gap,
    run_solver,
)

# One step's CP-SAT time: long enough to close a slice of a few days, short enough for dozens
# of steps in a minute.
STEP_SECONDS = 2.0
# The first slice frees this share of the scenes; sizes then adapt between the two limits.
INITIAL_SHARE = 0.2
SMALLEST_SLICE = 4
GROWTH = 1.25
SHRINK = 0.8
# How quickly a kind's weight forgets old successes, and the floor that keeps every kind tried.
MEMORY = 0.7
FLOOR = 0.1

Judge = Callable[[tuple[DayPlan, ...]], int | None]
"""The evaluator's total of a schedule's day plans, None when it breaks a rule."""


@dataclass(frozen=True, slots=True)
class Incumbent:
    """The best schedule so far: CP-SAT's full solution, its objective and its scene days;
    ``cost`` is the judge's total, which a search stopped early may leave below the objective
    (a slack variable of the model not yet at its least value)."""

    values: tuple[int, ...]
    objective: int
    plans: tuple[DayPlan, ...]
    days: dict[int, int]  # scene index -> day index
    cost: int


@dataclass(slots=True)
class Arm:
    """One neighbourhood kind and what the search has learnt about it."""

    kind: str
    size: float
    weight: float = 1.0
    tries: int = 0
    wins: int = 0


@dataclass(slots=True)
class SearchState:
    """What one LNS run carries from step to step."""

    model: ScheduleModel
    incumbent: Incumbent
    arms: list[Arm]
    rng: random.Random
    steps: int = 0
    proven: bool = False  # a step freed every scene and CP-SAT closed it: optimal
    history: list[tuple[str, int, bool]] = field(default_factory=list)


Builder = Callable[[ScheduleModel, Incumbent, random.Random, int], list[int]]


# --- the slices -----------------------------------------------------------------------------


def scenes_by_day(incumbent: Incumbent) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for scene, day in sorted(incumbent.days.items()):
        grouped.setdefault(day, []).append(scene)
    return grouped


def day_window(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """The scenes of consecutive shoot days from a random one until ``target`` are free."""
    grouped = scenes_by_day(incumbent)
    used = sorted(grouped)
    start = rng.randrange(len(used))
    freed: list[int] = []
    for day in used[start:] + used[:start][::-1]:
        if len(freed) >= target:
            break
        freed += grouped[day]
    return freed


def hold_cost(model: ScheduleModel, incumbent: Incumbent, cast_index: int) -> int:
    """What the actor is paid to wait in the incumbent (rate times held shoot days)."""
    worked = {incumbent.days[scene] for scene in model.problem.scenes_of_cast(cast_index)}
    if not worked:
        return 0
    used = set(incumbent.days.values())
    span = [day for day in used if min(worked) <= day <= max(worked)]
    return model.problem.cast[cast_index].rate * (len(span) - len(worked))


def _weighted_pick(rng: random.Random, weights: dict[int, float], count: int) -> list[int]:
    """Up to ``count`` distinct keys, each drawn with probability in proportion to weight."""
    pool = dict(weights)
    picked: list[int] = []
    while pool and len(picked) < count:
        keys = sorted(pool)
        choice = rng.choices(keys, weights=[pool[key] + 1e-9 for key in keys])[0]
        picked.append(choice)
        del pool[choice]
    return picked


def actor_span(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """One or two actors' scenes, span ends first, then the scenes sharing those end days."""
    problem = model.problem
    weights = {
        index: hold_cost(model, incumbent, index) + 0.05 * member.rate
        for index, member in enumerate(problem.cast)
        if problem.scenes_of_cast(index)
    }
    grouped = scenes_by_day(incumbent)
    freed: list[int] = []
    for cast_index in _weighted_pick(rng, weights, 2):
        freed += _span_ends_first(problem.scenes_of_cast(cast_index), incumbent, grouped)
        if len(set(freed)) >= target:
            break
    return _unique(freed)


def _span_ends_first(
    scenes: Sequence[int], incumbent: Incumbent, grouped: dict[int, list[int]]
) -> list[int]:
    days = [incumbent.days[scene] for scene in scenes]
    middle = (min(days) + max(days)) / 2
    ordered = sorted(scenes, key=lambda scene: -abs(incumbent.days[scene] - middle))
    return [*ordered, *grouped[min(days)], *grouped[max(days)]]


def actor_days(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """Whole days of one actor, the days they work least first: a lead's pay is mostly days
    worked, so a light day whose scenes can join the others is a day's pay saved."""
    problem = model.problem
    weights = {
        index: float(member.rate)
        for index, member in enumerate(problem.cast)
        if problem.scenes_of_cast(index)
    }
    (cast_index,) = _weighted_pick(rng, weights, 1)
    grouped = scenes_by_day(incumbent)
    load: dict[int, int] = {}
    for scene in problem.scenes_of_cast(cast_index):
        day = incumbent.days[scene]
        load[day] = load.get(day, 0) + problem.scenes[scene].minutes
    days = sorted(load, key=lambda day: (load[day], rng.random()))
    return _unique([scene for day in days for scene in grouped[day]])


def random_days(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """Whole days drawn at random anywhere in the shoot: lets distant days trade sets."""
    grouped = scenes_by_day(incumbent)
    days = sorted(grouped)
    rng.shuffle(days)
    return [scene for day in days for scene in grouped[day]]


def location_scenes(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """One or two sets' scenes (dearest rental first), then the rest of their days."""
    problem = model.problem
    weights: dict[int, float] = {}
    for location_index, location in enumerate(problem.locations):
        days = {incumbent.days[scene] for scene in problem.scenes_at(location_index)}
        if days:
            weights[location_index] = (location.rate + 1) * len(days)
    grouped = scenes_by_day(incumbent)
    freed: list[int] = []
    for location_index in _weighted_pick(rng, weights, 2):
        scenes = problem.scenes_at(location_index)
        freed += scenes
        freed += [other for scene in scenes for other in grouped[incumbent.days[scene]]]
        if len(set(freed)) >= target:
            break
    return _unique(freed)


def location_days(
    model: ScheduleModel, incumbent: Incumbent, rng: random.Random, target: int
) -> list[int]:
    """The days a set is used on, then their neighbouring shoot days."""
    problem = model.problem
    grouped = scenes_by_day(incumbent)
    used = sorted(grouped)
    locations = sorted({problem.scenes[scene].location for scene in incumbent.days})
    chosen = rng.choice(locations)
    own = sorted({incumbent.days[scene] for scene in problem.scenes_at(chosen)})
    neighbours = [
        used[position + step]
        for position, day in enumerate(used)
        if day in own
        for step in (-1, 1)
        if 0 <= position + step < len(used)
    ]
    return _unique([scene for day in [*own, *neighbours] for scene in grouped[day]])


def _unique(scenes: list[int]) -> list[int]:
    return list(dict.fromkeys(scenes))


BUILDERS: dict[str, Builder] = {
    "days": day_window,
    "actors": actor_span,
    "actor_days": actor_days,
    "random_days": random_days,
    "locations": location_scenes,
    "location_days": location_days,
}


# --- one step -------------------------------------------------------------------------------


def incumbent_from(model: ScheduleModel, outcome: SolveOutcome) -> Incumbent | None:
    """The incumbent a solver outcome describes, None when it holds no solution."""
    if outcome.plans is None or outcome.objective is None or not outcome.values:
        return None
    days = {
        scene: plan.day for plan in outcome.plans for _, block in plan.blocks for scene in block
    }
    return Incumbent(outcome.values, outcome.objective, outcome.plans, days, outcome.objective)


def incumbent_of_days(
    model: ScheduleModel, day_of: Sequence[int], *, seconds: float, seed: int
) -> Incumbent | None:
    """The full model's solution with every scene on the given day (scene -> day index), so
    the search can go on from an assignment found elsewhere (``day_search``); None when the
    model finds no timing for it within ``seconds``."""
    variables = model.model.proto.variables
    pinned: list[int] = []
    for (scene, day), literal in model.variables.shoot.items():
        domain = variables[literal.index].domain
        value = int(day_of[scene] == day)
        domain[0], domain[1] = value, value
        pinned.append(literal.index)
    try:
        outcome = run_solver(model, time_limit=seconds, seed=seed, phase="lns")
    finally:
        _release(model, pinned)
    return incumbent_from(model, outcome)


def _pin_others(model: ScheduleModel, incumbent: Incumbent, free: frozenset[int]) -> list[int]:
    """Fix every shoot Boolean of a scene outside ``free`` to the incumbent's value.

    Returns the proto indices changed, whose original domain is [0, 1] (``_release`` restores).
    """
    variables = model.model.proto.variables
    pinned: list[int] = []
    for (scene, _day), literal in model.variables.shoot.items():
        if scene in free:
            continue
        index = literal.index
        value = incumbent.values[index]
        domain = variables[index].domain
        domain[0], domain[1] = value, value
        pinned.append(index)
    return pinned


def _release(model: ScheduleModel, pinned: list[int]) -> None:
    variables = model.model.proto.variables
    for index in pinned:
        domain = variables[index].domain
        domain[0], domain[1] = 0, 1


def _hint(model: ScheduleModel, values: tuple[int, ...]) -> None:
    hint = model.model.proto.solution_hint
    hint.vars.clear()
    hint.values.clear()
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def solve_slice(
    model: ScheduleModel, incumbent: Incumbent, free: frozenset[int], *, seconds: float, seed: int
) -> SolveOutcome:
    """Re-solve the free scenes exactly (within ``seconds``), every other scene held."""
    pinned = _pin_others(model, incumbent, free)
    _hint(model, incumbent.values)
    try:
        return run_solver(model, time_limit=seconds, seed=seed, phase="lns")
    finally:
        _release(model, pinned)


# --- the search -----------------------------------------------------------------------------


def _choose_arm(state: SearchState) -> Arm:
    weights = [FLOOR + arm.weight for arm in state.arms]
    return state.rng.choices(state.arms, weights=weights)[0]


def _learn(arm: Arm, *, improved: bool, closed: bool, scene_count: int) -> None:
    arm.tries += 1
    arm.wins += improved
    arm.weight = MEMORY * arm.weight + (1 - MEMORY) * (1.0 if improved else 0.0)
    arm.size *= GROWTH if closed else SHRINK
    arm.size = min(max(arm.size, SMALLEST_SLICE), scene_count)


def step(state: SearchState, judge: Judge, seconds: float) -> bool:
    """One neighbourhood solved; True when the incumbent improved (judged clean and cheaper)."""
    arm = _choose_arm(state)
    scene_count = len(state.model.problem.scenes)
    target = round(arm.size)
    free = frozenset(BUILDERS[arm.kind](state.model, state.incumbent, state.rng, target)[:target])
    state.steps += 1
    outcome = solve_slice(
        state.model, state.incumbent, free, seconds=seconds, seed=state.rng.randrange(1 << 30)
    )
    candidate = incumbent_from(state.model, outcome)
    judged = None if candidate is None else judge(candidate.plans)
    improved = judged is not None and judged < state.incumbent.cost
    if improved and candidate is not None and judged is not None:
        state.incumbent = replace(candidate, cost=judged)
    closed = outcome.status == "OPTIMAL"
    _learn(arm, improved=improved, closed=closed, scene_count=scene_count)
    # Every scene free and CP-SAT closed the search at the incumbent's cost: it is optimal.
    state.proven = (
        closed
        and len(free) == scene_count
        and candidate is not None
        and candidate.objective == state.incumbent.cost
    )
    state.history.append((arm.kind, len(free), improved))
    return improved


def improve(
    model: ScheduleModel,
    start: Incumbent,
    judge: Judge,
    *,
    deadline: float,
    seed: int,
    started: float,
    lower_bound: int = 0,
    progress: ProgressCallback | None = None,
    step_seconds: float = STEP_SECONDS,
) -> SearchState:
    """Improve ``start`` by large-neighbourhood steps until ``deadline`` (time.monotonic())."""
    scene_count = len(model.problem.scenes)
    size = max(SMALLEST_SLICE, INITIAL_SHARE * scene_count)
    arms = [Arm(kind, min(size, scene_count)) for kind in BUILDERS]
    state = SearchState(model, start, arms, random.Random(seed))
    while (
        (remaining := deadline - time.monotonic()) > 0.2
        and lower_bound < state.incumbent.cost
        and not state.proven
    ):
        if step(state, judge, min(step_seconds, remaining)) and progress is not None:
            progress(_event(state, started, deadline, lower_bound))
    return state


def _event(state: SearchState, started: float, deadline: float, lower_bound: int) -> ProgressEvent:
    cost = state.incumbent.cost
    return ProgressEvent(
        elapsed=time.monotonic() - started,
        time_limit=deadline - started,
        cost=cost,
        lower_bound=lower_bound,
        gap=relative_gap(cost, lower_bound),
        phase="lns",
    )
