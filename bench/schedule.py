"""Schedule optimizer benchmark on generated realistic features.

For each seed: the time to the first violation-free schedule, the gap to the proven lower bound
at the end of the time limit (and when it first fell under 2 %), and the cost against the
crew's manual method (strips sorted by location, INT/EXT, DAY/NIGHT, then packed into days),
as the percentage saved. Every schedule is judged by the evaluator, not by the optimizer.

    python bench/schedule.py [--seeds 1 2 3] [--time-limit 60] [--quick]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.manual import manual_schedule
from firstad.schedule.optimizer import optimize
from firstad.schedule.solve import ProgressEvent

TARGET_GAP = 0.02


@dataclass
class Watch:
    """Progress events turned into the two times the benchmark reports."""

    first_solution: float | None = None
    under_target: float | None = None

    def __call__(self, event: ProgressEvent) -> None:
        if event.cost is not None and self.first_solution is None:
            self.first_solution = event.elapsed
        if event.gap is not None and event.gap <= TARGET_GAP and self.under_target is None:
            self.under_target = event.elapsed


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


def run(seed: int, size: Size, time_limit: float) -> None:
    problem = generate_problem(seed, size)
    manual = evaluate(problem, manual_schedule(problem))
    watch = Watch()
    started = time.monotonic()
    result = optimize(problem, time_limit=time_limit, seed=seed, progress=watch)
    elapsed = time.monotonic() - started
    if result.cost is None or result.schedule is None:
        print(f"seed {seed}: {result.status} after {elapsed:.1f}s")
        return
    judged = evaluate(problem, result.schedule)
    assert judged.cost.total == result.cost.total
    manual_note = (
        f"manual {manual.cost.total:,}"
        if manual.feasible
        else f"manual {manual.cost.total:,} with {len(manual.violations)} violations"
    )
    saved = 1 - result.cost.total / manual.cost.total if manual.cost.total else 0.0
    print(
        f"seed {seed}: first {seconds(watch.first_solution)}, "
        f"cost {result.cost.total:,}, bound {result.lower_bound:,}, "
        f"gap {result.gap or 0:.1%} at {elapsed:.0f}s, <=2% at {seconds(watch.under_target)}, "
        f"{manual_note}, saved {saved:.1%}, violations {len(judged.violations)}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="one small seed, 10 seconds")
    options = parser.parse_args()
    size, seeds, limit = Size(), options.seeds, options.time_limit
    if options.quick:
        size = Size(pages=40, scenes=40, cast=12, locations=8, shoot_days=10)
        seeds, limit = [1], 10.0
    print(f"schedule: {size.scenes} scenes, {size.cast} cast, {size.locations} locations, "
          f"{size.shoot_days} days, {limit:.0f}s each, 2 workers")  # fmt: skip
    for seed in seeds:
        run(seed, size, limit)


if __name__ == "__main__":
    main()
