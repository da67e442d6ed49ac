"""Day-search chains in child processes: a real second process, its answer used or left out."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from firstad.model import Schedule
from firstad.schedule.chains import Chains, ChainTask, spare_cores
from firstad.schedule.day_board import Board
from firstad.schedule.day_shapes import SEARCH_OPENINGS, DayShapes
from firstad.schedule.evaluator import evaluate
from firstad.schedule.indexed import index_problem
from firstad.schedule.sequencing import shoot_day
from tests.schedule.test_day_search import valid_boards, variants


def test_a_child_chain_returns_a_clean_schedule_no_dearer_than_its_start() -> None:
    problem = variants(1)[1]
    indexed = index_problem(problem)
    (start,) = valid_boards(indexed, random.Random(1), 1)
    start_cost = Board(indexed, DayShapes(indexed), start).cost
    task = ChainTask(indexed, tuple(start), time.time() + 1.0, 7, SEARCH_OPENINGS, None)
    (found,) = Chains([task]).results()
    assert found.cost <= start_cost
    schedule = Schedule(days=tuple(shoot_day(indexed, plan) for plan in found.plans))
    judged = evaluate(problem, schedule)
    assert judged.violations == ()
    assert judged.cost.total == found.cost


def test_a_chain_that_fails_is_left_out() -> None:
    indexed = index_problem(variants(1)[1])
    # A start of the wrong length makes the child raise: its answer is simply missing.
    broken = ChainTask(indexed, (0,), time.time() + 1.0, 0, SEARCH_OPENINGS, None)
    assert Chains([broken]).results() == []


def test_one_chain_a_core() -> None:
    assert spare_cores(1) == 0
    assert 0 <= spare_cores(4) <= 3


def test_no_child_outlives_an_interrupted_search() -> None:
    indexed = index_problem(variants(1)[1])
    (start,) = valid_boards(indexed, random.Random(1), 1)
    task = ChainTask(indexed, tuple(start), time.time() + 60.0, 0, SEARCH_OPENINGS, None)
    with Chains([task]) as chains:
        pass  # the caller's own search stopped at once
    assert chains.children
    assert all(child.returncode is not None for child in chains.children)


def _finished(pid: int) -> bool:
    """Whether a process is gone or only waits to be reaped (whoever adopted it may not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_child_quits_when_its_caller_is_killed(tmp_path: Path) -> None:
    indexed = index_problem(variants(1)[1])
    (start,) = valid_boards(indexed, random.Random(1), 1)
    task = ChainTask(indexed, tuple(start), time.time() + 60.0, 0, SEARCH_OPENINGS, None)
    given = tmp_path / "task.pickle"
    given.write_bytes(pickle.dumps(task))
    # A caller that starts a chain, says its pid, then waits: killed outright, it cleans nothing.
    script = (
        "import pickle, sys, time\n"
        "from firstad.schedule.chains import Chains\n"
        "chains = Chains([pickle.loads(open(sys.argv[1], 'rb').read())])\n"
        "print(chains.children[0].pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    caller = subprocess.Popen(
        [sys.executable, "-c", script, str(given)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert caller.stdout is not None
    child = int(caller.stdout.readline())
    assert not _finished(child)
    caller.kill()
    caller.communicate()
    waited = time.monotonic() + 10.0
    while not _finished(child) and time.monotonic() < waited:
        time.sleep(0.1)
    assert _finished(child), "the chain searched on after its caller was killed"
