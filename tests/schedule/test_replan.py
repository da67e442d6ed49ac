"""Re-planning: a lost day moves only what must move; locked days stay as published."""

from __future__ import annotations

from firstad.schedule.evaluator import evaluate
from firstad.schedule.optimizer import optimize
from firstad.schedule.problem import SchedulingProblem
from firstad.schedule.replan import Move, moved_scenes, replan
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
