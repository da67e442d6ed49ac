"""A lower bound on any schedule's cost, counted without a solver.

CP-SAT's own bound comes from its LP, which spreads a scene fractionally over many days and so
sees little of the fixed cost of a day. Counting capacity directly gives a bound that no
schedule can beat: an actor with 30 hours of scenes works at least three 12-hour days; a set
with 14 hours of work open 12 hours a day is rented at least twice; each set used pays its
permit; and the crew is paid for at least the days the total work needs. The optimizer reports
the better of the two bounds.
"""

from __future__ import annotations

from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem


def _days_needed(minutes: int, per_day: int) -> int:
    return -(-minutes // max(per_day, 1)) if minutes else 0


def capacity_bound(problem: IndexedProblem) -> int:
    """The least total cost any violation-free schedule of ``problem`` can have."""
    cap = problem.rules.max_shoot_minutes
    total = sum(scene.minutes for scene in problem.scenes)
    used_places = len({scene.location for scene in problem.scenes})
    places_a_day = (
        len(problem.locations)
        if problem.rules.max_moves_per_day is None
        else problem.rules.max_moves_per_day + 1
    )
    shoot_days = max(_days_needed(total, cap), _days_needed(used_places, places_a_day))
    bound = problem.rules.crew_daily_rate * shoot_days
    for cast_index, member in enumerate(problem.cast):
        scenes = problem.scenes_of_cast(cast_index)
        minutes = sum(problem.scenes[scene].minutes for scene in scenes)
        # The unit visits at most moves + 1 places a day, and the actor must be at each of
        # their places on some day they work.
        places = len({problem.scenes[scene].location for scene in scenes})
        days = max(_days_needed(minutes, cap), _days_needed(places, places_a_day))
        bound += member.rate * days
    for location_index, location in enumerate(problem.locations):
        minutes = sum(problem.scenes[scene].minutes for scene in problem.scenes_at(location_index))
        if not minutes:
            continue
        hours = min(location.window_end - location.window_start, MINUTES_PER_DAY, cap)
        bound += location.rate * _days_needed(minutes, hours) + location.permit_fee
    return bound
