"""Infeasibility explained: the smallest set of production facts that cannot hold together."""

from __future__ import annotations

from dataclasses import replace

from firstad.model import Ordering, WorkRules
from firstad.schedule.explain import explain
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.problem import DaylightMinutes
from tests.schedule.schedule_builders import actor, place, problem, scene, weekdays

DAYS = weekdays(5)  # Monday 1 March to Friday 5 March 2027


def test_rink_open_only_when_the_actress_is_away() -> None:
    maya = actor("maya", 900, DAYS[:2])  # free 1-2 March only
    scheduling = problem(
        [
            scene("14", 180, ["maya", "coach"], "rink", time_of_day="NIGHT"),
            scene("15", 120, ["maya"], "rink", time_of_day="NIGHT"),
            scene("16", 120, ["coach"], "office"),
        ],
        DAYS,
        [maya, actor("coach", 400, DAYS)],
        [
            place("rink", DAYS[2:], window=(19 * 60, 31 * 60)),  # 3-5 March, nights
            place("office", DAYS),
        ],
    )
    explanation = explain(scheduling, time_limit=10)
    text = "\n".join(explanation)
    assert len(explanation) == 2, text
    assert "MAYA" in text
    assert "unavailable 3-5 March" in text or "available only 1-2 March" in text
    assert "RINK, to be had only 3-5 March" in text
    assert "scenes 14 and 15 need RINK" in text
    assert "COACH" not in text
    assert "OFFICE" not in text


def test_night_window_too_short_for_the_work() -> None:
    days = weekdays(1)
    scheduling = problem(
        [scene("1", 400, ["maya"], "rink"), scene("2", 400, ["maya"], "rink")],
        days,
        [actor("maya", 900, days)],
        [place("rink", days, window=(19 * 60, 31 * 60))],
        rules=WorkRules(max_shoot_minutes=14 * 60),
    )
    explanation = explain(scheduling, time_limit=10)
    assert explanation == (
        "scenes 1 and 2 need RINK, open only 19:00-07:00",
        "every scene must be shot within the calendar's 1 shoot days (1 March)",
    )


def test_orderings_in_a_cycle_are_named() -> None:
    scheduling = problem(
        [scene("1", 60, ["maya"], "a"), scene("2", 60, ["maya"], "a"), scene("3", 60, [], "a")],
        DAYS,
        [actor("maya", 900, DAYS)],
        [place("a", DAYS)],
        orderings=[Ordering("1", "2"), Ordering("2", "1")],
    )
    explanation = explain(scheduling, time_limit=10)
    assert sorted(explanation) == [
        "scene 1 must be shot before scene 2",
        "scene 2 must be shot before scene 1",
    ]


def test_a_feasible_production_has_nothing_to_explain() -> None:
    scheduling = problem(
        [scene("1", 60, ["maya"], "a")], DAYS, [actor("maya", 900, DAYS)], [place("a", DAYS)]
    )
    assert explain(scheduling, time_limit=5) == ()


def test_a_calendar_with_every_date_lost_is_named() -> None:
    # Every date lost (--lost-day on each): no switchable fact is to blame, the calendar is.
    scheduling = problem(
        [scene("1", 60, ["maya"], "a")], (), [actor("maya", 900, DAYS)], [place("a", DAYS)]
    )
    assert explain(scheduling, time_limit=5) == (
        "every scene must be shot within the calendar, which has no shoot date left",
    )


def test_a_fixed_date_that_is_lost_says_so() -> None:
    # The lake's dawn is fixed to the first date, and that date is lost (--lost-day).
    scheduling = problem(
        [scene("1", 60, ["maya"], "a", fixed=DAYS[0]), scene("2", 60, ["maya"], "a")],
        DAYS[1:],
        [actor("maya", 900, DAYS)],
        [place("a", DAYS)],
    )
    assert explain(scheduling, time_limit=5) == (
        f"scene 1 must be shot on {DAYS[0].day} March, which is not a shoot date",
    )


def test_a_scene_no_day_can_hold_is_named_at_once_in_a_feature() -> None:
    """The 120-scene generated feature with sunrise and sunset: scene 44, a night exterior of
    3h48 at a set open until 22:00, cannot fit the 3h30 of dark it gets. The whole model
    takes all the time allowed and may not finish (or name a fact too many); the scene alone
    gives the smallest story at once."""
    feature = replace(
        generate_problem(1, Size()),
        daylight=DaylightMinutes(sunrise=6 * 60 + 30, sunset=18 * 60 + 30, twilight=30),
    )
    explanation = explain(feature, time_limit=10)
    text = "\n".join(explanation)
    assert "scene 44 (EXT NIGHT, 3h48 to shoot) must be shot in its light" in text, text
    assert "scenes 44, 52, 74 and 105 need House 19, open only 07:00-22:00" in text, text


def test_a_set_whose_dates_cannot_hold_its_work_is_explained_from_its_scenes() -> None:
    """The feature's Garage 22 to be had on one date only: its eleven scenes need two days.
    Found on the set's scenes alone, then shrunk to the set's dates and the day's length."""
    feature = generate_problem(1, Size())
    garage = feature.locations["loc-22"]
    one_date = replace(garage, available_dates=frozenset([feature.dates[10]]))
    explanation = explain(replace(feature, locations={**feature.locations, "loc-22": one_date}))
    text = "\n".join(explanation)
    assert "need Garage 22, to be had only 15 March" in text, text
    assert "a shoot day lasts at most 12h00 from call to wrap" in text, text
    assert "actor" not in text, text
