"""The scheduling stage: optimise or re-plan, and explain when no schedule exists."""

from __future__ import annotations

from firstad.schedule.run import solve_problem
from tests.schedule.schedule_builders import late_locked_day


def test_a_day_locked_in_the_published_schedule_is_part_of_the_explanation() -> None:
    # The published schedule itself marks the first day locked (no --lock given): the
    # re-plan keeps it, so the explanation of its failure must keep it too.
    scheduling, published = late_locked_day()
    outcome = solve_problem(scheduling, previous=published, time_limit=3)
    assert outcome.result.status == "infeasible"
    assert "the day of 1 March is locked as published" in outcome.explanation
