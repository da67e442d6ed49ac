"""Lower bounds on any schedule's cost: the optimizer's proof of how good its answer is.

CP-SAT's own bound comes from its LP, which spreads a scene fractionally over many days and so
sees little of the fixed cost of a day. Two bounds here see more:

- ``capacity_bound`` counts capacity directly: an actor with 30 hours of scenes works at least
  three 12-hour days; a set with 14 hours of work open 12 hours a day is rented at least twice;
  each set used pays its permit; the crew is paid for at least the days the total work needs.
  Instant, and each actor is bounded alone.
- ``daybound_columns.column_bound`` prices whole days (scene patterns at one or two locations)
  in the set-partitioning LP, so actors who share scenes, sets that share days and the move
  between them are counted together. About a second on the 120-scene bench, far stronger.
- ``datebound.date_bound`` puts each pattern on a date that allows it, at most one a date, and
  pays the actors every schedule must hold on that date: it sees availability, set dates,
  permits, fixed dates and the holds they force, and the clock inside a day (hours, light).
  Started from the pattern bound's prices it is never below it; on the bench (dates that
  hardly bind) it proves the same, in a few seconds more.

``lower_bound`` takes the best of them; every bound here is tested against brute-force optima.

What they miss on the 120-scene bench (gap about 20-28 % at 60 s), measured on seeds 1-3:
integrality costs little (an integer cover by the LP's own columns, found by CP-SAT, is within
1.2-2.5 % of the LP), and dates nothing (the dated LP proves the same); the rest is holds.
Putting the covers of least work on dates leaves 70-90k of holds, so good schedules trade
work days for holds, and no LP over days can see that trade (``datebound``'s docstring says
why): a stronger bound has to reason about the order of days, as talent scheduling does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from firstad.schedule.datebound import date_bound
from firstad.schedule.daybound import ceiling, day_facts, fewest_work_days
from firstad.schedule.daybound_columns import column_bound
from firstad.schedule.indexed import IndexedProblem

# The pattern bounds' share of a caller's time: the undated one converges in about a second on
# the bench, the dated one in a few more started from it.
COLUMN_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class NamedBound:
    """One bound's ``value`` and the ``seconds`` it took, under its ``name``."""

    name: str
    value: int
    seconds: float


def lower_bound(problem: IndexedProblem, *, time_limit: float = COLUMN_SECONDS) -> int:
    """The best proven lower bound on the cost of any violation-free schedule of ``problem``.

    ``time_limit`` caps the pattern bounds' column generation, the dated one taking what the
    undated one leaves; stopped early each is still a valid (weaker) bound.
    """
    return max(bound.value for bound in named_bounds(problem, time_limit=time_limit))


def named_bounds(
    problem: IndexedProblem, *, time_limit: float = COLUMN_SECONDS
) -> tuple[NamedBound, ...]:
    """Every static bound with its time, for reports and the benchmark."""
    started = time.monotonic()
    capacity = NamedBound("capacity", capacity_bound(problem), time.monotonic() - started)
    columns = column_bound(problem, time_limit=time_limit)
    left = max(time_limit - (time.monotonic() - started), 0.0)
    dated = date_bound(problem, time_limit=left, start=columns)
    return (
        capacity,
        NamedBound("day patterns", columns.bound, columns.seconds),
        NamedBound("dated patterns", dated.bound, dated.seconds),
    )


def capacity_bound(problem: IndexedProblem) -> int:
    """The least total cost any violation-free schedule of ``problem`` can have, each cost
    counted alone from capacity."""
    return _crew_bound(problem) + _cast_bound(problem) + _location_bound(problem)


def _crew_bound(problem: IndexedProblem) -> int:
    facts = day_facts(problem)
    total = sum(scene.minutes for scene in problem.scenes)
    used_places = len({scene.location for scene in problem.scenes})
    places_a_day = facts.places_a_day or max(used_places, 1)
    shoot_days = max(
        ceiling(total, problem.rules.max_shoot_minutes), ceiling(used_places, places_a_day)
    )
    return problem.rules.crew_daily_rate * shoot_days


def _cast_bound(problem: IndexedProblem) -> int:
    # The unit visits at most moves + 1 places a day, and the actor must be at each of their
    # places on some day they work; their minutes take whole days.
    return sum(
        member.rate * fewest_work_days(problem, cast_index)
        for cast_index, member in enumerate(problem.cast)
    )


def _location_bound(problem: IndexedProblem) -> int:
    # A set's minutes take whole days of what its hours allow a day; each set used pays its
    # permit once.
    facts = day_facts(problem)
    bound = 0
    for location_index, location in enumerate(problem.locations):
        minutes = sum(problem.scenes[scene].minutes for scene in problem.scenes_at(location_index))
        if minutes:
            per_day = facts.location_minutes[location_index]
            bound += location.rate * ceiling(minutes, per_day) + location.permit_fee
    return bound
