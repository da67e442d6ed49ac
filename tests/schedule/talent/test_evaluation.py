"""The evaluator on hand-computed cases."""

from __future__ import annotations

import pytest

from firstad.schedule.talent import TalentInstance, evaluate

# tiny from the pstuckey page: durations 1 2 3 1, costs 1 2 3.
TINY = TalentInstance(
    "tiny",
    (1, 2, 3, 1),
    (1, 2, 3),
    ((True, False, True, False), (True, True, False, True), (False, True, True, False)),
)


def test_file_order() -> None:
    # Days: s0 [0,1) s1 [1,3) s2 [3,6) s3 [6,7).
    # actor 0: s0..s2 = 6 days x1; actor 1: s0..s3 = 7 x2; actor 2: s1..s2 = 5 x3.
    result = evaluate(TINY, [0, 1, 2, 3])
    assert result.total == 6 + 14 + 15
    assert result.working == 4 * 1 + 4 * 2 + 5 * 3
    assert result.holding == result.total - result.working == 8


def test_published_optimum() -> None:
    # The DDOLib Solutions log: order 3 0 1 2 costs 29 (27 working, 2 holding).
    result = evaluate(TINY, [3, 0, 1, 2])
    assert (result.total, result.working, result.holding) == (29, 27, 2)


def test_actor_in_no_scene_costs_nothing() -> None:
    instance = TalentInstance("x", (2, 3), (5, 7), ((True, True), (False, False)))
    assert evaluate(instance, [1, 0]).total == 5 * 5


def test_rejects_non_permutations() -> None:
    with pytest.raises(ValueError, match="every scene exactly once"):
        evaluate(TINY, [0, 1, 1, 3])
