"""More annealing chains of the day search, on the cores it would leave idle.

The day search (``day_search``) is one Python thread, and on a large production it has most of
the time to itself: CP-SAT, with its ``MAX_WORKERS`` threads, comes after it. So each other
core runs a chain of its own from the same start with another seed, and the cheapest schedule
of all wins. Chains of one start differ widely: on the 120-scene bench, seed 1, four seeds at
60 s ended at 301-310k. With a second chain, bench seeds 1-3 x search seeds 0-1 at 60 s (paired,
on a machine busy with other work): 2,418 cheaper on average (0.85 %), four of six cheaper.

A chain runs in a child process started as ``python -m firstad.schedule.chains``, the problem
pickled on its standard input and the result on its output. Not ``multiprocessing``: forking a
process that has held solver threads can deadlock, and spawning re-imports the caller's main
module (a script without a main guard would run twice). A chain that fails or overruns is
simply left out: the search in the caller's process always gives an answer.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from firstad.schedule.day_search import SearchResult, improve_days
from firstad.schedule.day_shapes import DayShapes
from firstad.schedule.indexed import IndexedProblem
from firstad.schedule.move_budget import MoveBudget

# Seconds a child may take past its deadline (start, unpickling, the last moves) before it
# is stopped and left out.
GRACE_SECONDS = 5.0
# How often (seconds) a child checks that the process that started it is still there.
ORPHAN_CHECK_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ChainTask:
    """What a child chain needs: the problem, the start, how long, and its own seed."""

    problem: IndexedProblem
    day_of: tuple[int, ...]
    until: float  # the deadline, as ``time.time()``: the children's monotonic clocks differ
    seed: int
    openings: tuple[int, ...]
    patience: int | None
    budget: MoveBudget | None = None


class Chains:
    """Child chains running beside the caller's own search."""

    def __init__(self, tasks: list[ChainTask]) -> None:
        self.children: list[subprocess.Popen[bytes]] = []
        latest = max((task.until for task in tasks), default=0.0)
        self.deadline = time.monotonic() + max(latest - time.time(), 0.0)
        for task in tasks:
            child = _start(task)
            if child is not None:
                self.children.append(child)

    def __enter__(self) -> Chains:
        return self

    def __exit__(self, *_exception: object) -> None:
        # Interrupted (Ctrl-C, an error in the caller's search): no child outlives the caller.
        for child in self.children:
            if child.poll() is None:
                child.kill()
            if child.stdout is not None and not child.stdout.closed:
                child.communicate()  # reaps it and closes its pipe

    def results(self) -> list[SearchResult]:
        """The children's results, waiting for them until their deadline and a grace."""
        found = []
        for child in self.children:
            left = max(self.deadline - time.monotonic(), 0.0) + GRACE_SECONDS
            try:
                output, _ = child.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                child.kill()
                child.communicate()
                continue
            if child.returncode == 0 and output:
                result = pickle.loads(output)
                if isinstance(result, SearchResult):
                    found.append(result)
        return found


def spare_cores(wanted: int) -> int:
    """How many more chains than the caller's own to run: one a core, at most ``wanted``."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(min(wanted, (cores or 1)) - 1, 0)


def _start(task: ChainTask) -> subprocess.Popen[bytes] | None:
    if not sys.executable:  # an embedded interpreter: no Python to start
        return None
    # The child finds this very package first, whatever the caller did to its own sys.path.
    package_root = str(Path(__file__).resolve().parents[2])
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [package_root, *filter(None, [environment.get("PYTHONPATH")])]
    )
    # The task goes in through a file: the pipe would have to be written while the child
    # reads, and ``communicate`` later wants a pipe still open.
    with tempfile.TemporaryFile() as given:
        given.write(pickle.dumps(task))
        given.seek(0)
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "firstad.schedule.chains", str(os.getpid())],
                stdin=given,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
            )
        except OSError:
            return None


def run_task(task: ChainTask) -> SearchResult | None:
    """One chain, as the child runs it."""
    return improve_days(
        task.problem,
        task.day_of,
        deadline=time.monotonic() + task.until - time.time(),
        seed=task.seed,
        patience=task.patience,
        shapes=DayShapes(task.problem, task.openings),
        budget=task.budget,
    )


def _exit_when_orphaned(parent: int) -> None:
    # A caller killed outright (SIGKILL, or SIGTERM without the context manager's cleanup)
    # cannot stop its children: each notices that it was handed to another parent and quits
    # instead of searching on, for nobody, until its deadline.
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def main() -> None:
    # The caller's pid comes as the argument: by the time this runs, the caller may be gone.
    caller = int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()
    threading.Thread(target=_exit_when_orphaned, args=(caller,), daemon=True).start()
    task = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(run_task(task)))


if __name__ == "__main__":
    main()
