"""The manual baseline: strips grouped as a stripboard, days filled in order, rules kept."""

from __future__ import annotations

from datetime import date, timedelta
from types import MappingProxyType

from firstad.model import IntExt, Ordering, WorkRules
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.manual import manual_schedule
from firstad.schedule.problem import CastTerms, LocationTerms, SceneJob, SchedulingProblem

MONDAY = date(2027, 3, 1)
DATES = tuple(
    day for day in (MONDAY + timedelta(days=offset) for offset in range(21)) if day.weekday() < 5
)


def location(
    identifier: str, window: tuple[int, int], dates: tuple[date, ...] = DATES
) -> LocationTerms:
    return LocationTerms(
        identifier, identifier.upper(), 500, 100, 0, frozenset(dates), window[0], window[1]
    )


def actor(identifier: str, dates: tuple[date, ...] = DATES) -> CastTerms:
    return CastTerms(
        identifier, f"Actor {identifier}", (identifier.upper(),), 200, frozenset(dates)
    )


def scene(number: str, minutes: int, place: str, *cast: str, light: str = "DAY") -> SceneJob:
    return SceneJob(number, minutes, frozenset(cast), place, IntExt.INT, light)


PROBLEM = SchedulingProblem(
    title="small",
    scenes=(
        scene("1", 120, "rink", "maya", light="NIGHT"),
        scene("2", 90, "flat", "maya", "theo"),
        scene("3", 240, "rink", "maya", "ingrid", light="NIGHT"),
        scene("4", 60, "street", "theo"),
        scene("5", 300, "flat", "maya"),
        scene("6", 180, "rink", "ingrid", light="NIGHT"),
        scene("7", 45, "street", "maya"),
        scene("8", 200, "flat", "theo", "maya"),
    ),
    dates=DATES,
    cast=MappingProxyType(
        {
            "maya": actor("maya"),
            "theo": actor("theo"),
            "ingrid": actor("ingrid", DATES[3:6]),
        }
    ),
    locations=MappingProxyType(
        {
            "rink": location("rink", (19 * 60, 31 * 60)),
            "flat": location("flat", (8 * 60, 20 * 60)),
            "street": location("street", (0, 24 * 60)),
        }
    ),
    rules=WorkRules(max_moves_per_day=1, move_minutes=30, max_consecutive_days=5),
    orderings=(Ordering("8", "2"),),
)


def test_manual_schedule_is_violation_free_on_a_feasible_instance() -> None:
    schedule = manual_schedule(PROBLEM)
    evaluation = evaluate(PROBLEM, schedule)
    assert [str(problem) for problem in evaluation.violations] == []
    assert schedule.unscheduled == ()


def test_strips_are_grouped_by_location() -> None:
    schedule = manual_schedule(PROBLEM)
    first_locations = [PROBLEM.scene(day.scenes[0]).location_id for day in schedule.days]
    assert first_locations[0] == "flat"  # FLAT sorts before RINK and STREET
    assert "rink" in first_locations


def test_ingrid_is_shot_inside_her_dates() -> None:
    schedule = manual_schedule(PROBLEM)
    day = schedule.day_of("3")
    assert day is not None
    assert day.date in DATES[3:6]
    assert day.call.hour == 19


def test_fixed_date_is_kept() -> None:
    scenes = tuple(
        SceneJob(
            job.number, job.duration_minutes, job.cast_ids, job.location_id, fixed_date=DATES[7]
        )
        if job.number == "7"
        else job
        for job in PROBLEM.scenes
    )
    problem = SchedulingProblem(
        PROBLEM.title, scenes, DATES, PROBLEM.cast, PROBLEM.locations, PROBLEM.rules
    )
    schedule = manual_schedule(problem)
    day = schedule.day_of("7")
    assert day is not None
    assert day.date == DATES[7]
    assert evaluate(problem, schedule).violations == ()


def test_what_cannot_fit_is_left_unscheduled() -> None:
    problem = SchedulingProblem(
        "tiny", PROBLEM.scenes, DATES[:1], PROBLEM.cast, PROBLEM.locations, PROBLEM.rules
    )
    schedule = manual_schedule(problem)
    assert schedule.unscheduled
    assert len(schedule.days) == 1


def test_a_generated_feature_is_boarded_completely_and_cleanly() -> None:
    # Seed 2 strands eight strips of part-time actors in a bare first pass; the urgent strips,
    # the squeeze pass and the re-boarding place them all.
    problem = generate_problem(2, Size())
    schedule = manual_schedule(problem)
    assert schedule.unscheduled == ()
    assert evaluate(problem, schedule).violations == ()


def test_a_strip_about_to_lose_its_dates_is_boarded_first() -> None:
    # Theo is free only on the first day: his street strip, last on the board (FLAT sorts
    # first), joins that day (one move) instead of being left out.
    dates = DATES[:2]
    problem = SchedulingProblem(
        "squeeze",
        (scene("1", 240, "flat", "maya"), scene("2", 60, "street", "theo")),
        dates,
        MappingProxyType({"maya": actor("maya", dates), "theo": actor("theo", dates[:1])}),
        PROBLEM.locations,
        PROBLEM.rules,
    )
    schedule = manual_schedule(problem)
    assert schedule.unscheduled == ()
    assert evaluate(problem, schedule).violations == ()
    day = schedule.day_of("2")
    assert day is not None
    assert day.date == dates[0]
