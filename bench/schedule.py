"""Schedule optimizer benchmark on generated realistic features.

For each seed, both searches of the optimizer run on the same problem with the same time and
two workers: plain CP-SAT (``search="cpsat"``) and the local search (``search="lns"``: the
day-assignment annealing of ``day_search``, one chain a worker (``chains``), then CP-SAT
neighbourhoods; the default for large productions). For each: the time to the first
violation-free schedule, the best cost at 5 s, 20 s and the time limit, and the gap to the best
proven lower bound (the capacity bound of ``bounds.py`` or the optimizer's own, whichever is
higher). Then the local/CP-SAT cost ratio (printed as lns/cpsat), and the saving over the
crew's manual board (``manual.py``) — reported only when that board is complete and clean, so
the two schedules shoot the same scenes. Then the best schedule is re-planned after losing its
busiest day (``replan``: fewest strips moved, then cheapest), timed against the whole search.
A second re-plan allows ``EXTRA_MOVES`` more strips to move (``--max-moves``). Every schedule
is judged by the evaluator.

    python bench/schedule.py [--seeds 1 2 3] [--time-limit 60] [--quick] [--bounds] [--frontier]

``--bounds`` reports the lower bounds instead: per seed, each bound's value and time (capacity,
day patterns, dated patterns, the clockless CP-SAT relaxation at the time limit), and the gap
of the optimizer's schedule at the time limit to the best of them.

``--frontier`` runs the default search on productions of growing size (the feature scaled by
``FRONTIER_SCALES``: scenes, pages, cast, locations and days together) and reports per size the
gap at the time limit and the share of the cost paid for holds, which the bound cannot see:
where issue 3's "within 2 % in 60 s" holds, and where it stops.
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import dataclass, field

from firstad.model import Evaluation
from firstad.schedule.bounds import capacity_bound, named_bounds
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.indexed import index_problem
from firstad.schedule.manual import manual_schedule
from firstad.schedule.optimizer import OptimizeResult, optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.relaxation import relaxation_bound
from firstad.schedule.replan import replan
from firstad.schedule.solve import ProgressEvent

SEARCHES = ("cpsat", "lns")
CHECKPOINTS = (5.0, 20.0)
FRONTIER_SCALES = (0.25, 0.5, 0.75, 1.0)
# More moves than the fewest a second re-plan may make.
EXTRA_MOVES = 20
TARGET_GAP = 0.02


@dataclass
class Watch:
    """Progress events turned into the first-schedule time and the best cost over time."""

    first_solution: float | None = None
    costs: list[tuple[float, int]] = field(default_factory=list)

    def __call__(self, event: ProgressEvent) -> None:
        if event.cost is None:
            return
        if self.first_solution is None:
            self.first_solution = event.elapsed
        self.costs.append((event.elapsed, event.cost))

    def best_at(self, seconds: float) -> int | None:
        found = [cost for elapsed, cost in self.costs if elapsed <= seconds]
        return min(found) if found else None


@dataclass(frozen=True)
class SearchRun:
    """One search on one seed: the optimizer's result and what the watch saw."""

    search: str
    result: OptimizeResult
    watch: Watch
    elapsed: float


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


def money(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def run_search(problem: SchedulingProblem, search: str, seed: int, limit: float) -> SearchRun:
    watch = Watch()
    started = time.monotonic()
    result = optimize(problem, time_limit=limit, seed=seed, progress=watch, search=search)
    elapsed = time.monotonic() - started
    if result.schedule is not None and result.cost is not None:
        judged = evaluate(problem, result.schedule)
        if judged.violations or judged.cost.total != result.cost.total:
            raise RuntimeError(f"{search}: the evaluator disagrees with the optimizer")
    return SearchRun(search, result, watch, elapsed)


def report_search(run: SearchRun, bound: int, limit: float) -> None:
    cost = run.result.cost.total if run.result.cost is not None else None
    points = [point for point in CHECKPOINTS if point < limit]
    at = "".join(f"{point:.0f}s {money(run.watch.best_at(point))}, " for point in points)
    gap = "-" if cost is None or cost == 0 else f"{(cost - bound) / cost:.1%}"
    print(
        f"  {run.search:6} first {seconds(run.watch.first_solution)}, {at}"
        f"{limit:.0f}s {money(cost)} (gap {gap}, {run.result.status}, {run.elapsed:.0f}s)",
        flush=True,
    )


def manual_note(manual: Evaluation, unscheduled: int, best: int | None) -> str:
    """The saving over the manual board, only when it shoots every scene without violation."""
    if unscheduled or not manual.feasible:
        left = f"{unscheduled} strips left out, " if unscheduled else ""
        return (
            f"manual board incomplete ({left}{len(manual.violations)} violations): "
            "no saving reported, the schedules do not shoot the same scenes"
        )
    saved = "-" if best is None else f"{1 - best / manual.cost.total:.1%}"
    return f"manual {manual.cost.total:,} (complete, clean), saved {saved}"


def run(seed: int, size: Size, limit: float) -> tuple[int | None, int | None, float | None]:
    """Both searches on one seed; returns their final costs and the saving over manual."""
    problem = generate_problem(seed, size)
    board = manual_schedule(problem)
    manual = evaluate(problem, board)
    runs = [run_search(problem, search, seed, limit) for search in SEARCHES]
    bound = max(capacity_bound(index_problem(problem)), *(run.result.lower_bound for run in runs))
    print(f"seed {seed}: best bound {bound:,}")
    for search_run in runs:
        report_search(search_run, bound, limit)
    costs = [run.result.cost.total if run.result.cost else None for run in runs]
    plain, lns = costs
    ratio = f"{lns / plain:.3f}" if plain and lns else "-"
    best = min((cost for cost in costs if cost is not None), default=None)
    print(f"  lns/cpsat {ratio}; {manual_note(manual, len(board.unscheduled), best)}")
    done = [run.result for run in runs if run.result.schedule is not None and run.result.cost]
    if done:
        published = min(done, key=lambda result: result.cost.total if result.cost else 0)
        print(f"  {replan_note(problem, published, seed, limit)}", flush=True)
    complete = not board.unscheduled and manual.feasible
    saving = 1 - best / manual.cost.total if complete and best else None
    return plain, lns, saving


def replan_note(
    problem: SchedulingProblem, published: OptimizeResult, seed: int, limit: float
) -> str:
    """The best schedule re-planned after its busiest day is lost (the rink cancels): how long
    until the new plan, against the time of the whole search, and what it moved and cost."""
    assert published.schedule is not None
    assert published.cost is not None
    lost = max(published.schedule.days, key=lambda day: len(day.scenes))
    started = time.monotonic()
    replanned = replan(
        problem, published.schedule, lost=[lost.date], time_limit=min(limit, 20.0), seed=seed
    )
    elapsed = time.monotonic() - started
    result = replanned.result
    if result.cost is None:
        return f"re-plan after losing {lost.date}: no plan ({result.status}, {elapsed:.1f}s)"
    change = result.cost.total - published.cost.total
    # The crew may allow more moves for a cheaper plan (``--max-moves``): the same time again.
    allowed = len(replanned.moved) + EXTRA_MOVES
    freer = replan(
        problem,
        published.schedule,
        lost=[lost.date],
        time_limit=min(limit, 20.0),
        seed=seed,
        max_moved=allowed,
    )
    freer_cost = "-" if freer.result.cost is None else f"{freer.result.cost.total:,}"
    return (
        f"re-plan after losing {lost.date} ({len(lost.scenes)} strips): "
        f"{len(replanned.moved)} moved, {elapsed:.1f}s ({elapsed / limit:.2f} of a search), "
        f"cost {published.cost.total:,} -> {result.cost.total:,} ({change:+,}), {result.status}; "
        f"allowing {allowed} moves: {freer_cost}, {len(freer.moved)} moved"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="one small seed, 10 seconds")
    parser.add_argument("--bounds", action="store_true", help="report the lower bounds")
    parser.add_argument("--frontier", action="store_true", help="gaps as productions grow")
    options = parser.parse_args()
    size, seeds, limit = Size(), options.seeds, options.time_limit
    if options.quick:
        size = Size(pages=40, scenes=40, cast=12, locations=8, shoot_days=10)
        seeds, limit = [1], 10.0
    if options.frontier:
        scales = FRONTIER_SCALES[:1] if options.quick else FRONTIER_SCALES
        report_frontier(seeds, [scaled(Size(), scale) for scale in scales], limit)
        return
    print(f"schedule: {size.scenes} scenes, {size.cast} cast, {size.locations} locations, "
          f"{size.shoot_days} days, {limit:.0f}s per search, 2 workers")  # fmt: skip
    if options.bounds:
        for seed in seeds:
            report_bounds(seed, size, limit)
        return
    outcomes = [run(seed, size, limit) for seed in seeds]
    ratios = [lns / plain for plain, lns, _ in outcomes if plain and lns]
    savings = [saving for _, _, saving in outcomes if saving is not None]
    if ratios:
        print(f"mean lns/cpsat {sum(ratios) / len(ratios):.3f} over {len(ratios)} seeds")
    if savings:
        print(
            f"mean saving over the complete manual boards {sum(savings) / len(savings):.1%} "
            f"({len(savings)} of {len(outcomes)} seeds complete)"
        )


# --- --bounds: the lower bounds and the gap they leave ----------------------------------------


def report_bounds(seed: int, size: Size, time_limit: float) -> None:
    """Each lower bound with its time, and the optimizer's schedule's gap to the best one."""
    problem = generate_problem(seed, size)
    indexed = index_problem(problem)
    bounds = [(bound.name, bound.value, bound.seconds) for bound in named_bounds(indexed)]
    relaxed = relaxation_bound(indexed, time_limit=time_limit, seed=seed)
    bounds.append(("relaxation", relaxed.bound, relaxed.seconds))
    result = optimize(problem, time_limit=time_limit, seed=seed)
    cost = result.cost.total if result.cost is not None else None
    best = max(value for _, value, _ in bounds)
    listed = ", ".join(f"{name} {value:,} ({seconds:.1f}s)" for name, value, seconds in bounds)
    gap = "-" if cost is None else f"{(cost - best) / cost:.1%}"
    found = "-" if relaxed.objective is None else f"{relaxed.objective:,}"
    print(
        f"seed {seed}: {listed}; schedule {cost if cost is None else f'{cost:,}'} at "
        f"{time_limit:.0f}s, gap to best bound {gap}; clockless relaxation's best {found}",
        flush=True,
    )


# --- --frontier: how the gap grows with the production ---------------------------------------


def scaled(size: Size, scale: float) -> Size:
    """The production ``scale`` times as large: scenes, pages, cast, locations and days."""

    # Rounded up: a smaller production must not get fewer days per scene than the feature.
    def times(count: int, least: int) -> int:
        return max(math.ceil(count * scale - 1e-9), least)

    return Size(
        pages=times(size.pages, 10),
        scenes=times(size.scenes, 10),
        cast=times(size.cast, 4),
        locations=times(size.locations, 3),
        shoot_days=times(size.shoot_days, 3),
        leads=times(size.leads, 2),
    )


def report_frontier(seeds: list[int], sizes: list[Size], limit: float) -> None:
    """Per size and seed: cost, best bound, gap and holds; then the largest size within target."""
    within: list[bool] = []
    for size in sizes:
        gaps = []
        for seed in seeds:
            problem = generate_problem(seed, size)
            started = time.monotonic()
            result = optimize(problem, time_limit=limit, seed=seed)
            elapsed = time.monotonic() - started
            if result.cost is None or result.schedule is None:
                print(f"{size.scenes} scenes, seed {seed}: no schedule ({result.status})")
                gaps.append(1.0)
                continue
            cost = result.cost
            judged = evaluate(problem, result.schedule)
            if judged.violations or judged.cost.total != cost.total:
                raise RuntimeError("the evaluator disagrees with the optimizer")
            bound = max(capacity_bound(index_problem(problem)), result.lower_bound)
            gap = (cost.total - bound) / cost.total if cost.total else 0.0
            gaps.append(gap)
            print(
                f"{size.scenes} scenes ({size.cast} cast, {size.locations} sets, "
                f"{size.shoot_days} days), seed {seed}: {cost.total:,}, bound {bound:,}, "
                f"gap {gap:.1%}, holds {cost.cast_holds / cost.total:.1%} of the cost, "
                f"{result.status}, {elapsed:.0f}s",
                flush=True,
            )
        within.append(bool(gaps) and max(gaps) <= TARGET_GAP)
    # Sizes are in growing order; the target holds up to the first size where it fails.
    held = []
    for size, ok in zip(sizes, within, strict=True):
        if not ok:
            break
        held.append(size.scenes)
    largest = f"up to {held[-1]} scenes" if held else "at no size"
    print(f"within {TARGET_GAP:.0%} of the bound at {limit:.0f}s on every seed: {largest}")


if __name__ == "__main__":
    main()
