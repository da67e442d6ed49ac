"""Small scheduling problems written in code, shared by the optimizer's test modules."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from firstad.model import IntExt, Ordering, Schedule, ShootDay, WorkRules
from firstad.schedule.evaluator import evaluate
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.problem import CastTerms, LocationTerms, SceneJob, SchedulingProblem
from firstad.schedule.sequencing import DayPlan, at_minute, order_block, shoot_day

START = date(2027, 3, 1)  # a Monday


def weekdays(count: int, start: date = START) -> tuple[date, ...]:
    days: list[date] = []
    day = start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def actor(
    identifier: str, rate: int, dates: Sequence[date], *, drop_pickup: bool = False
) -> CastTerms:
    return CastTerms(
        id=identifier,
        name=identifier.title(),
        characters=(identifier.upper(),),
        daily_rate=rate,
        available_dates=frozenset(dates),
        drop_pickup=drop_pickup,
    )


def place(
    identifier: str,
    dates: Sequence[date],
    *,
    rate: int = 100,
    permit: int = 0,
    window: tuple[int, int] = (0, 1440),
) -> LocationTerms:
    return LocationTerms(
        id=identifier,
        name=identifier.upper(),
        daily_rate=rate,
        permit_fee=permit,
        permit_lead_days=0,
        available_dates=frozenset(dates),
        window_start=window[0],
        window_end=window[1],
    )


def scene(
    number: str,
    minutes: int,
    cast: Sequence[str],
    location: str,
    *,
    fixed: date | None = None,
    time_of_day: str = "DAY",
) -> SceneJob:
    return SceneJob(
        number=number,
        duration_minutes=minutes,
        cast_ids=frozenset(cast),
        location_id=location,
        int_ext=IntExt.INT,
        time_of_day=time_of_day,
        eighths=max(1, minutes // 15),
        fixed_date=fixed,
    )


def problem(
    scenes: Sequence[SceneJob],
    dates: Sequence[date],
    cast: Sequence[CastTerms],
    locations: Sequence[LocationTerms],
    *,
    rules: WorkRules | None = None,
    orderings: Sequence[Ordering] = (),
    crew: int = 1000,
) -> SchedulingProblem:
    return SchedulingProblem(
        title="test",
        scenes=tuple(scenes),
        dates=tuple(dates),
        cast={member.id: member for member in cast},
        locations={location.id: location for location in locations},
        rules=rules or WorkRules(overtime_rate_per_hour=120, move_cost=200, move_minutes=60),
        orderings=tuple(orderings),
        crew_daily_rate=crew,
    )


def two_sets() -> SchedulingProblem:
    """Three days, two sets, three actors (one not free the first day): small enough for
    ``brute_force_best``, rich enough for holds, rent and moves to trade off."""
    days = weekdays(3)
    cast = [actor("maya", 500, days), actor("leo", 300, days[1:]), actor("ann", 800, days)]
    locations = [place("rink", days, rate=300, permit=100), place("home", days, rate=50)]
    scenes = [
        scene("1", 240, ["maya", "leo"], "rink"),
        scene("2", 180, ["maya"], "home"),
        scene("3", 300, ["ann", "leo"], "rink"),
        scene("4", 120, ["ann"], "home"),
        scene("5", 200, ["maya", "ann"], "home"),
    ]
    return problem(scenes, days, cast, locations)


def late_locked_day() -> tuple[SchedulingProblem, Schedule]:
    """A published schedule whose locked first day wraps at 19:00, and a dock open only
    00:00-06:00 the next day: 12 hours of rest from 19:00 leave no time to shoot there."""
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
    return scheduling, published


def brute_force_best(
    scheduling: SchedulingProblem, calls: Sequence[int] = (420,), *, scene_orders: bool = False
) -> int | None:
    """The cheapest violation-free schedule by trying every assignment of scenes to days,
    each day laid out location by location in every order, called at each of ``calls``; with
    ``scene_orders`` also every order of the scenes inside each block (the sequencing's order
    otherwise). Only for a handful of scenes and days."""
    indexed = index_problem(scheduling)
    best: int | None = None
    days = range(indexed.day_count)
    for assignment in itertools.product(days, repeat=len(indexed.scenes)):
        for schedule in _layouts(indexed, assignment, calls, scene_orders=scene_orders):
            evaluation = evaluate(scheduling, schedule)
            if evaluation.feasible and (best is None or evaluation.cost.total < best):
                best = evaluation.cost.total
    return best


def _layouts(
    indexed: IndexedProblem,
    assignment: tuple[int, ...],
    calls: Sequence[int],
    *,
    scene_orders: bool,
) -> Iterator[Schedule]:
    by_day: dict[int, dict[int, list[int]]] = {}
    for scene_index, day in enumerate(assignment):
        location = indexed.scenes[scene_index].location
        by_day.setdefault(day, {}).setdefault(location, []).append(scene_index)
    options = []
    for day, blocks in sorted(by_day.items()):
        day_options = []
        minutes = sum(indexed.scenes[s].minutes for s in assignment_scenes(blocks))
        minutes += indexed.rules.move_minutes * (len(blocks) - 1)
        for order in itertools.permutations(sorted(blocks)):
            inside = [_block_orders(indexed, blocks[loc], scene_orders) for loc in order]
            for scenes in itertools.product(*inside):
                laid_out = tuple(zip(order, scenes, strict=True))
                for call in calls:
                    plan = DayPlan(day, laid_out, call, call + minutes)
                    day_options.append(shoot_day(indexed, plan))
        options.append(day_options)
    for days in itertools.product(*options):
        yield Schedule(days=tuple(days))


def _block_orders(indexed: IndexedProblem, scenes: list[int], every: bool) -> list[tuple[int, ...]]:
    if every:
        return list(itertools.permutations(scenes))
    return [order_block(indexed, scenes)]


def assignment_scenes(blocks: dict[int, list[int]]) -> list[int]:
    return [scene for scenes in blocks.values() for scene in scenes]
