"""Re-planning: a lost day moves only what must move; locked days stay as published."""

from __future__ import annotations

from firstad.model import Schedule, ShootDay
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import generate_problem
from firstad.schedule.optimizer import optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.replan import Move, moved_scenes, replan, replan_locks
from firstad.schedule.run import solve_problem
from firstad.schedule.sequencing import at_minute
from tests.schedule.schedule_builders import actor, late_locked_day, place, problem, scene, weekdays

DAYS = weekdays(5)


def production() -> SchedulingProblem:
    cast = [actor("maya", 800, DAYS), actor("leo", 300, DAYS), actor("ann", 500, DAYS)]
    locations = [place("rink", DAYS, rate=400), place("home", DAYS, rate=100)]
    scenes = [
        scene("1", 240, ["maya", "leo"], "rink"),
        scene("2", 240, ["maya"], "rink"),
        scene("3", 300, ["ann"], "home"),
        scene("4", 240, ["leo", "ann"], "home"),
        scene("5", 300, ["maya", "ann"], "home"),
        scene("6", 180, ["leo"], "rink"),
    ]
    return problem(scenes, DAYS, cast, locations)


def test_a_lost_day_moves_only_its_own_scenes() -> None:
    scheduling = production()
    published = optimize(scheduling, time_limit=5, seed=0).schedule
    assert published is not None
    lost_day = published.days[0]
    outcome = replan(scheduling, published, lost=[lost_day.date], time_limit=5)
    schedule = outcome.result.schedule
    assert schedule is not None
    assert evaluate(scheduling, schedule).violations == ()
    assert lost_day.date not in {day.date for day in schedule.days}
    assert {move.scene for move in outcome.moved} == set(lost_day.scenes)
    assert all(move.from_date == lost_day.date for move in outcome.moved)


def test_locked_days_keep_their_scenes_order_and_call() -> None:
    scheduling = production()
    published = optimize(scheduling, time_limit=5, seed=0).schedule
    assert published is not None
    keep = published.days[-1]
    outcome = replan(
        scheduling, published, lost=[published.days[0].date], lock=[keep.date], time_limit=5
    )
    assert outcome.result.schedule is not None
    kept = next(day for day in outcome.result.schedule.days if day.date == keep.date)
    assert (kept.scenes, kept.call, kept.wrap) == (keep.scenes, keep.call, keep.wrap)
    assert kept.locked


def test_nothing_moves_when_nothing_changes() -> None:
    scheduling = production()
    published = optimize(scheduling, time_limit=5, seed=0).schedule
    assert published is not None
    assert replan(scheduling, published, time_limit=5).moved == ()


def test_moved_scenes_lists_each_change() -> None:
    scheduling = production()
    published = optimize(scheduling, time_limit=5, seed=0).schedule
    assert published is not None
    first, *rest = published.days
    shuffled = published.__class__(days=tuple(rest))
    moves = moved_scenes(published, shuffled)
    assert moves == tuple(Move(number, first.date, None) for number in first.scenes)


def test_the_rest_after_a_locked_day_counts_from_its_published_wrap() -> None:
    # Published with a 19:00 wrap (scene 1 was longer then, or the day kept a reshoot slot);
    # the dock is open 00:00-06:00 only, so Maya's 12 hours from 19:00 leave no time for
    # scene 2 the next day: no schedule, rather than one that breaks the turnaround.
    scheduling, published = late_locked_day()
    result = replan(scheduling, published, time_limit=5).result
    assert result.problems == ()
    assert result.status == "infeasible"


def _crowded() -> tuple[SchedulingProblem, Schedule]:
    """Scene A's day is lost and Maya is free only that day and the next, already full with
    scene P: the re-plan must move P away (to the empty fourth day) to make room for A."""
    days = weekdays(4)
    scheduling = problem(
        [
            scene("A", 500, ["maya"], "home"),
            scene("P", 400, ["leo"], "home"),
            scene("B", 500, ["leo"], "home"),
        ],
        days,
        [actor("maya", 800, days[:2]), actor("leo", 300, days)],
        [place("home", days)],
    )
    published = Schedule(
        days=tuple(
            ShootDay(day, at_minute(day, 420), at_minute(day, 420 + minutes), (number,))
            for day, number, minutes in zip(days, "APB", (500, 400, 500), strict=False)
        )
    )
    return scheduling, published


def test_a_lost_day_can_push_another_strip_off_its_day() -> None:
    scheduling, published = _crowded()
    outcome = replan(scheduling, published, lost=[published.days[0].date], time_limit=5)
    assert outcome.result.schedule is not None
    assert {move.scene for move in outcome.moved} == {"A", "P"}


def test_a_pinned_strip_stays_and_the_conflict_is_explained() -> None:
    scheduling, published = _crowded()
    lost = published.days[0].date
    outcome = solve_problem(scheduling, time_limit=5, lost=(lost,), pin=("P",), previous=published)
    assert outcome.result.status == "infeasible"
    pinned_day = published.days[1].date
    assert f"the scenes pinned to {pinned_day.day} {pinned_day:%B} stay on that day" in (
        outcome.explanation
    )


def test_pins_are_kept_beside_locked_days_and_dropped_on_lost_ones() -> None:
    _, published = _crowded()
    first, second, third = (day.date for day in published.days)
    kept = replan_locks(published, lock=[third], lost=[first], pin=["A", "P", "B"])
    assert [(day.date, day.scenes, day.locked) for day in kept.days] == [
        (third, ("B",), True),
        (second, ("P",), False),
    ]


def test_a_feature_is_replanned_after_a_lost_day() -> None:
    # 120 scenes: CP-SAT's full portfolio, busy with its LP, found no plan in 15 s here
    # before the fewest-moves search got a first-solution phase of its own and handed its
    # whole plan on to the cost search.
    scheduling = generate_problem(1)
    published = optimize(scheduling, time_limit=5, seed=0).schedule
    assert published is not None
    lost_day = max(published.days, key=lambda day: len(day.scenes))
    outcome = replan(scheduling, published, lost=[lost_day.date], time_limit=12)
    schedule = outcome.result.schedule
    assert schedule is not None, outcome.result.status
    assert evaluate(scheduling, schedule).violations == ()
    assert lost_day.date not in {day.date for day in schedule.days}
    assert {move.scene for move in outcome.moved} >= set(lost_day.scenes)
    cost = outcome.result.cost
    assert cost is not None
    # At least the capacity bound, which locks and a moves limit cannot lower.
    assert 0 < outcome.result.lower_bound <= cost.total
