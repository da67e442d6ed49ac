"""The evaluator: hand-computed costs of small schedules, and each violation kind on its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from types import MappingProxyType

import pytest

from firstad.model import DateRange, Ordering, Schedule, ShootDay, WorkRules
from firstad.schedule.evaluator import (
    clock_text,
    evaluate,
    hold_dates,
    moves,
    timed_scenes,
    violations,
)
from firstad.schedule.problem import CastTerms, LocationTerms, SceneJob, SchedulingProblem

MONDAY = date(2027, 3, 1)
RULES = WorkRules(
    max_shoot_minutes=12 * 60,
    standard_day_minutes=10 * 60,
    overtime_rate_per_hour=60,
    turnaround_minutes=12 * 60,
    crew_turnaround_minutes=10 * 60,
    max_consecutive_days=5,
    max_moves_per_day=1,
    move_minutes=30,
    move_cost=250,
)


def weekdays(count: int) -> tuple[date, ...]:
    days = (MONDAY + timedelta(days=offset) for offset in range(count * 2))
    return tuple(day for day in days if day.weekday() < 5)[:count]


DATES = weekdays(20)


def cast(identifier: str, rate: int, dates: tuple[date, ...] = DATES, **extra: bool) -> CastTerms:
    return CastTerms(
        identifier, f"Actor {identifier}", (identifier.upper(),), rate, frozenset(dates), **extra
    )


def place(
    identifier: str, rate: int, window: tuple[int, int] = (0, 1440), permit_fee: int = 0
) -> LocationTerms:
    return LocationTerms(
        id=identifier,
        name=identifier.upper(),
        daily_rate=rate,
        permit_fee=permit_fee,
        permit_lead_days=0,
        available_dates=frozenset(DATES),
        window_start=window[0],
        window_end=window[1],
    )


def job(number: str, minutes: int, location: str, *cast_ids: str) -> SceneJob:
    return SceneJob(number, minutes, frozenset(cast_ids), location)


PROBLEM = SchedulingProblem(
    title="test",
    scenes=(
        job("1", 60, "rink", "maya"),
        job("2", 120, "rink", "maya", "ingrid"),
        job("3", 60, "flat", "theo"),
        job("4", 30, "flat", "maya", "theo"),
        job("5", 30, "street"),
    ),
    dates=DATES,
    cast=MappingProxyType(
        {
            "maya": cast("maya", 100),
            "ingrid": cast("ingrid", 300),
            "theo": cast("theo", 50, drop_pickup=True),
        }
    ),
    locations=MappingProxyType(
        {
            "rink": place("rink", 1000, (19 * 60, 31 * 60), permit_fee=300),
            "flat": place("flat", 200, (8 * 60, 20 * 60)),
            "street": place("street", 0),
        }
    ),
    rules=RULES,
    crew_daily_rate=10,
)


def at(day: date, clock: str) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    midnight = datetime(day.year, day.month, day.day)  # noqa: DTZ001 - naive local times, as ShootDay
    return midnight + timedelta(hours=hours, minutes=minutes)


def shoot(day: date, call: str, wrap: str, *scenes: str) -> ShootDay:
    """A day; a wrap earlier than the call is the next morning."""
    call_at, wrap_at = at(day, call), at(day, wrap)
    if wrap_at <= call_at:
        wrap_at += timedelta(days=1)
    return ShootDay(day, call_at, wrap_at, scenes)


def messages(schedule: Schedule, problem: SchedulingProblem = PROBLEM) -> list[str]:
    return [str(violation) for violation in violations(problem, schedule)]


# Monday: night at the rink (scenes 1, 2); Tuesday: flat then street (scenes 3, 4, 5).
GOOD = Schedule(
    (
        shoot(DATES[0], "19:00", "05:00", "1", "2"),
        shoot(DATES[2], "08:00", "19:00", "3", "4", "5"),
    )
)


def test_a_good_schedule_has_no_violation() -> None:
    evaluation = evaluate(PROBLEM, GOOD)
    assert evaluation.violations == ()
    assert evaluation.feasible


def test_cost_of_a_good_schedule_by_hand() -> None:
    cost = evaluate(PROBLEM, GOOD).cost
    # maya works Mon and Wed: 2 x 100; ingrid Mon: 300; theo Wed: 50.
    assert cost.cast == 200 + 300 + 50
    # maya is held on... nothing: Tuesday is not a shoot day of this schedule.
    assert cost.cast_holds == 0
    assert cost.crew == 2 * 10
    assert cost.locations == 1000 + 200 + 0
    assert cost.permits == 300
    assert cost.moves == 250
    # Wednesday lasts 11 h: one hour over the 10-hour standard day at 60 an hour.
    assert cost.overtime == 60
    assert cost.total == 550 + 20 + 1200 + 300 + 250 + 60
    assert cost.as_dict()["total"] == cost.total


def test_hold_days_are_shoot_days_inside_the_payroll_span() -> None:
    schedule = Schedule(
        (
            shoot(DATES[0], "19:00", "05:00", "1"),
            shoot(DATES[1], "19:00", "05:00"),
            shoot(DATES[4], "08:00", "18:00", "5"),  # Friday
            shoot(DATES[5], "19:00", "05:00", "2"),  # Monday: the weekend is not a shoot day
        )
    )
    assert hold_dates(PROBLEM, schedule, "maya") == [DATES[1], DATES[4]]
    cost = evaluate(PROBLEM, schedule).cost
    assert cost.cast == 2 * 100 + 300
    assert cost.cast_holds == 2 * 100


def gap_schedule(gap_days: int) -> Schedule:
    """Theo works the first Monday and again ``gap_days`` calendar days later; a day in between."""
    first, last = DATES[0], DATES[0] + timedelta(days=gap_days + 1)
    middle = [day for day in DATES if first < day < last]
    days = [shoot(first, "08:00", "17:00", "3")]
    days += [shoot(day, "08:00", "17:00") for day in middle]
    days.append(shoot(last, "08:00", "17:00", "4"))
    return Schedule(tuple(days))


def test_drop_pickup_across_more_than_ten_days_pays_no_holds() -> None:
    schedule = gap_schedule(13)  # Mon 1 -> Mon 15: 13 days between, 9 shoot days
    assert hold_dates(PROBLEM, schedule, "theo") == []
    assert evaluate(PROBLEM, schedule).cost.cast_holds == 0


def test_drop_pickup_needs_more_than_ten_days() -> None:
    schedule = gap_schedule(10)  # Mon 1 -> Fri 12: 10 days between, not more than 10
    assert len(hold_dates(PROBLEM, schedule, "theo")) == 8
    assert evaluate(PROBLEM, schedule).cost.cast_holds == 8 * 50


def test_without_drop_pickup_every_hold_is_paid() -> None:
    theo = replace(PROBLEM.cast["theo"], drop_pickup=False)
    problem = replace(PROBLEM, cast=MappingProxyType({**PROBLEM.cast, "theo": theo}))
    assert len(hold_dates(problem, gap_schedule(13), "theo")) == 9


def test_drop_pickup_applies_once_to_the_gap_that_saves_most() -> None:
    problem = replace(PROBLEM, rules=replace(RULES, drop_pickup_min_gap_days=3))
    worked = {DATES[0]: "3", DATES[9]: "4", DATES[19]: "3"}  # gaps of 8 and 9 shoot days
    days = tuple(shoot(day, "08:00", "17:00", *worked.get(day, "")) for day in DATES)
    holds = hold_dates(problem, Schedule(days), "theo")
    assert holds == list(DATES[1:9])


def test_overtime_rounds_up_per_day() -> None:
    schedule = Schedule((shoot(DATES[0], "08:00", "18:31", "3"),))
    assert evaluate(PROBLEM, schedule).cost.overtime == 31


def test_permit_paid_once_per_location() -> None:
    schedule = Schedule(
        (shoot(DATES[0], "19:00", "05:00", "1"), shoot(DATES[2], "19:00", "05:00", "2"))
    )
    cost = evaluate(PROBLEM, schedule).cost
    assert cost.permits == 300
    assert cost.locations == 2 * 1000


# --- times within a day ---------------------------------------------------------------------


def test_times_include_company_moves() -> None:
    timed = timed_scenes(PROBLEM, GOOD.days[1])
    assert [(scene.start, scene.end) for scene in timed] == [(480, 540), (540, 570), (600, 630)]
    assert moves(PROBLEM, GOOD.days[1]) == 1


def test_a_scene_at_two_in_the_morning_fits_an_overnight_window() -> None:
    night = Schedule((shoot(DATES[0], "19:00", "05:00", "2", "1"),))
    timed = timed_scenes(PROBLEM, night.days[0])
    assert timed[1].start == 21 * 60
    # 02:00 on the shoot date itself: inside the window opened the evening before
    late = Schedule((shoot(DATES[0], "02:00", "04:00", "1"),))
    assert not [item for item in messages(late) if "available only" in item]
    after_midnight = Schedule((shoot(DATES[0], "23:30", "03:00", "2", "1"),))
    assert timed_scenes(PROBLEM, after_midnight.days[0])[1].start == 23 * 60 + 30 + 120
    assert not [item for item in messages(after_midnight) if "available only" in item]


def test_clock_text_marks_the_next_day() -> None:
    assert clock_text(26 * 60) == "02:00 (+1)"
    assert clock_text(8 * 60 + 5) == "08:05"


# --- each violation kind --------------------------------------------------------------------


def only(schedule: Schedule, problem: SchedulingProblem = PROBLEM) -> str:
    found = messages(schedule, problem)
    assert len(found) == 1, found
    return found[0]


def test_scene_outside_the_window() -> None:
    schedule = Schedule(
        (
            shoot(DATES[0], "15:00", "18:00", "1"),
            shoot(DATES[2], "08:00", "19:00", "2", "3", "4", "5"),
        )
    )
    found = messages(schedule)
    assert (
        "scene 1: scene runs 15:00-16:00 on 2027-03-01 but RINK is available only 19:00-07:00"
        in found
    )


def test_cast_unavailable() -> None:
    ingrid = replace(PROBLEM.cast["ingrid"], unavailable=(_range(DATES[0]),))
    problem = replace(PROBLEM, cast=MappingProxyType({**PROBLEM.cast, "ingrid": ingrid}))
    assert only(GOOD, problem) == (
        "scene 2: INGRID (actor Actor ingrid) is unavailable on 2027-03-01 but works"
    )


def _range(day: date) -> DateRange:
    return DateRange(day, day)


def test_location_unavailable_and_permit_not_ready() -> None:
    rink = replace(
        PROBLEM.locations["rink"],
        availability=(_range(DATES[3]),),
        permit_ready=DATES[1],
        permit_lead_days=10,
    )
    problem = replace(PROBLEM, locations=MappingProxyType({**PROBLEM.locations, "rink": rink}))
    found = messages(GOOD, problem)
    assert any("RINK is not available" in item and "scene 1" in item for item in found)
    assert any("the permit for RINK needs 10 days" in item for item in found)


def test_missing_duplicate_and_unknown_scenes() -> None:
    schedule = Schedule(
        (
            shoot(DATES[0], "19:00", "05:00", "1", "2", "1"),
            shoot(DATES[2], "08:00", "19:00", "3", "4", "99"),
        )
    )
    found = messages(schedule)
    assert "scene 99: the schedule shoots a scene the script does not have" in found
    assert "scene 1: scene is scheduled 2 times" in found
    assert "scene 5: scene is not scheduled" in found


def test_day_longer_than_allowed() -> None:
    schedule = Schedule((shoot(DATES[0], "19:00", "08:00", "1", "2"), GOOD.days[1]))
    assert any("lasts 13h00, more than the 12h00" in item for item in messages(schedule))


def test_scenes_running_past_the_wrap() -> None:
    schedule = Schedule((shoot(DATES[0], "19:00", "20:00", "1", "2"), GOOD.days[1]))
    assert only(schedule) == "scene 2: scene ends at 22:00 on 2027-03-01, after the wrap at 20:00"


def test_call_date_and_calendar() -> None:
    saturday = date(2027, 3, 6)
    day = ShootDay(saturday, at(saturday, "08:00"), at(saturday, "10:00"), ("5",))
    wrong_call = ShootDay(DATES[3], at(DATES[4], "08:00"), at(DATES[4], "10:00"))
    found = messages(Schedule((*GOOD.days, day, wrong_call)))
    assert "2027-03-06 is not a shoot date of the calendar (weekend, day off, late)" in found
    assert "the day of 2027-03-04 has its call on 2027-03-05" in found


def test_two_days_on_one_date() -> None:
    schedule = Schedule((*GOOD.days, shoot(DATES[2], "20:00", "21:00")))
    assert any("2027-03-03 has 2 shoot days" in item for item in messages(schedule))


def test_too_many_moves() -> None:
    schedule = Schedule(
        (GOOD.days[0], shoot(DATES[2], "08:00", "19:00", "3", "5", "4")),
    )
    assert only(schedule) == "2027-03-03 has 2 company moves; the rules allow 1"


def test_listed_locations_must_match_the_scenes() -> None:
    listed = replace(GOOD.days[1], locations=("street", "flat"))
    found = only(Schedule((GOOD.days[0], listed)))
    assert found == "2027-03-03 lists locations street, flat; scenes visit flat, street"


def test_crew_turnaround() -> None:
    schedule = Schedule(
        (shoot(DATES[0], "19:00", "05:00", "1", "2"), shoot(DATES[1], "08:00", "19:00", "3", "5"))
    )
    found = messages(schedule)
    assert any("the crew rests 3h00 between the wrap of 2027-03-01" in item for item in found)


def test_cast_turnaround() -> None:
    rules = replace(RULES, crew_turnaround_minutes=60)
    problem = replace(PROBLEM, rules=rules)
    schedule = Schedule(
        (
            shoot(DATES[0], "19:00", "05:00", "1", "2"),
            shoot(DATES[1], "08:00", "19:00", "3", "4", "5"),
        )
    )
    assert only(schedule, problem) == (
        "scene 4: MAYA (actor Actor maya) rests 3h00 between 2027-03-01 and 2027-03-02; "
        "the rules require 12h00"
    )


def test_consecutive_days() -> None:
    rules = replace(RULES, max_consecutive_days=2)
    problem = replace(PROBLEM, rules=rules)
    schedule = Schedule(
        (
            shoot(DATES[0], "08:00", "09:00", "5"),
            shoot(DATES[1], "08:00", "09:00"),
            shoot(DATES[2], "08:00", "09:00"),
        )
    )
    assert any(
        "2027-03-03 is shoot day 3 in a row; the rules allow 2" in m
        for m in messages(schedule, problem)
    )


def test_fixed_date_not_honoured() -> None:
    fixed = replace(PROBLEM.scene("5"), fixed_date=DATES[0])
    scenes = tuple(fixed if item.number == "5" else item for item in PROBLEM.scenes)
    problem = replace(PROBLEM, scenes=scenes)
    assert only(GOOD, problem) == "scene 5: scene must be shot on 2027-03-01 but is on 2027-03-03"


@pytest.mark.parametrize(
    ("before", "after", "broken"),
    [("1", "3", False), ("3", "1", True), ("2", "1", True), ("1", "2", False)],
)
def test_orderings(before: str, after: str, broken: bool) -> None:
    problem = replace(PROBLEM, orderings=(Ordering(before, after),))
    found = messages(GOOD, problem)
    assert bool(found) == broken
    if broken:
        assert found == [f"scene {before}: scene must be shot before scene {after}, but is not"]


def test_a_shoot_date_outside_available_dates_is_unavailable_even_without_ranges() -> None:
    # Terms built in code may carry the dates without the ranges they came from; the referee
    # must be as strict as the solvers, which read only available_dates.
    ingrid = replace(
        PROBLEM.cast["ingrid"],
        available_dates=PROBLEM.cast["ingrid"].available_dates - {DATES[0]},
        availability=(),
        unavailable=(),
    )
    problem = replace(PROBLEM, cast=MappingProxyType({**PROBLEM.cast, "ingrid": ingrid}))
    assert only(GOOD, problem) == (
        "scene 2: INGRID (actor Actor ingrid) is unavailable on 2027-03-01 but works"
    )
