"""The scheduling stage: optimise or re-plan, and explain when no schedule exists."""

from __future__ import annotations

from firstad.model import Schedule, ShootDay
from firstad.schedule.run import solve_problem
from firstad.schedule.sequencing import at_minute
from tests.schedule.schedule_builders import actor, place, problem, scene, weekdays


def test_a_day_locked_in_the_published_schedule_is_part_of_the_explanation() -> None:
    # The published schedule itself marks the first day locked (no --lock given): the
    # re-plan keeps it, so the explanation of its failure must keep it too.
    days = weekdays(2)
    scheduling = problem(
        [scene("1", 60, ["maya"], "office"), scene("2", 60, ["maya"], "dock")],
        days,
        [actor("maya", 500, days)],
        [place("office", days[:1]), place("dock", days[1:], window=(0, 360))],
    )
    published = Schedule(
        days=(
            ShootDay(
                days[0], at_minute(days[0], 420), at_minute(days[0], 1140), ("1",), locked=True
            ),
            ShootDay(days[1], at_minute(days[1], 420), at_minute(days[1], 480), ("2",)),
        )
    )
    outcome = solve_problem(scheduling, previous=published, time_limit=3)
    assert outcome.result.status == "infeasible"
    assert "the day of 1 March is locked as published" in outcome.explanation
