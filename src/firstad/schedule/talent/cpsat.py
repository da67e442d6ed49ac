"""A straightforward CP-SAT model of talent scheduling: the reference peer for tests and bench.

Each scene is a fixed-size interval on a horizon of exactly the total days, with no overlap (so
no gaps either); each actor's first and last day are the minimum start and maximum end of their
scenes; minimise the sum of cost times (last - first). It is deliberately plain (no
preprocessing, no dominance, no symmetry breaking): the point is to measure the kernel against
what a modeller would write in an afternoon. (A position-assignment model with one boolean per
scene and slot was tried first: on 2 cores it could not even prove concert, 9 scenes, in 10 s.)
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from firstad.schedule.talent.instance import TalentInstance


@dataclass(frozen=True, slots=True)
class CpSatResult:
    """CP-SAT's answer: an ``order`` (empty when none was found), its ``cost``, the proven
    ``lower_bound``, ``optimal`` when proven, and the solver's wall time."""

    order: tuple[int, ...]
    cost: int | None
    lower_bound: int
    optimal: bool
    seconds: float


def solve_cpsat(
    instance: TalentInstance, *, time_limit: float = 60.0, workers: int = 2
) -> CpSatResult:
    """Solve ``instance`` with the position model under ``time_limit`` seconds."""
    model = cp_model.CpModel()
    scenes = range(instance.scene_count)
    durations = instance.durations
    horizon = sum(durations)
    starts = [model.new_int_var(0, horizon - durations[scene], f"start{scene}") for scene in scenes]
    model.add_no_overlap(
        model.new_fixed_size_interval_var(starts[scene], durations[scene], f"scene{scene}")
        for scene in scenes
    )
    objective = []
    for actor, cost in enumerate(instance.costs):
        own = instance.scenes_of(actor)
        if not own or cost == 0:
            continue
        first = model.new_int_var(0, horizon, f"first{actor}")
        last = model.new_int_var(0, horizon, f"last{actor}")
        model.add_min_equality(first, [starts[scene] for scene in own])
        model.add_max_equality(last, [starts[scene] + durations[scene] for scene in own])
        objective.append(cost * (last - first))
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    found = status in {cp_model.OPTIMAL, cp_model.FEASIBLE}
    order = tuple(sorted(scenes, key=lambda scene: solver.value(starts[scene]))) if found else ()
    return CpSatResult(
        order=order,
        cost=round(solver.objective_value) if found else None,
        lower_bound=round(solver.best_objective_bound),
        optimal=status == cp_model.OPTIMAL,
        seconds=solver.wall_time,
    )
