"""The exact day sequence: every visiting order and useful call tried, the nearest usual kept."""

from __future__ import annotations

from dataclasses import replace

from firstad.model import IntExt, Ordering
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.problem import DaylightMinutes
from firstad.schedule.sequencing import (
    CallRange,
    DayPlan,
    fits_day,
    order_block,
    sequence_day,
    visiting_orders,
)
from tests.schedule.schedule_builders import actor, place, problem, scene, weekdays

DAYS = weekdays(2)
OPEN_ALL_DAY = CallRange(earliest=0, latest_wrap=3000, preferred=420)


def scheduling(orderings: tuple[Ordering, ...] = ()) -> IndexedProblem:
    """A day set open 07:00-22:00 and a rink open 19:00-07:00."""
    cast = [actor("maya", 500, DAYS)]
    locations = [
        place("a-home", DAYS, window=(7 * 60, 22 * 60)),
        place("b-rink", DAYS, window=(19 * 60, 31 * 60)),
    ]
    scenes = [scene("1", 300, ["maya"], "a-home"), scene("2", 240, ["maya"], "b-rink")]
    return index_problem(problem(scenes, DAYS, cast, locations, orderings=orderings))


def test_the_call_nearest_the_usual_one_picks_the_order() -> None:
    indexed = scheduling()
    plan = DayPlan(day=0, blocks=((0, (0,)), (1, (1,))), call_minute=0, wrap_minute=600)
    best = sequence_day(indexed, plan, OPEN_ALL_DAY)
    assert best is not None
    # 07:00 fits neither order. The rink's night opening (till 07:00), a 60-minute move, then
    # home from 07:00: called 02:00-03:00, so 03:00. Home first would need 13:00 (the rink
    # opens at 19:00), further from 07:00.
    assert [location for location, _ in best.blocks] == [1, 0]
    assert best.call_minute == 3 * 60
    assert fits_day(indexed, best, OPEN_ALL_DAY)


def test_an_afternoon_call_puts_the_day_set_first() -> None:
    indexed = scheduling()
    plan = DayPlan(day=0, blocks=((1, (1,)), (0, (0,))), call_minute=120, wrap_minute=660)
    best = sequence_day(indexed, plan, CallRange(earliest=600, latest_wrap=3000, preferred=720))
    assert best is not None
    assert [location for location, _ in best.blocks] == [0, 1]
    assert best.call_minute == 13 * 60


def test_orderings_rule_out_visiting_orders() -> None:
    indexed = scheduling(orderings=(Ordering(before="2", after="1"),))
    blocks = ((0, (0,)), (1, (1,)))
    orders = visiting_orders(indexed, blocks)
    # The model's order always stays first; the only other order keeps scene 2 before 1.
    assert orders[0] == blocks
    assert ((1, (1,)), (0, (0,))) in orders
    assert len(orders) == 2


def test_no_order_fits_a_too_narrow_rest() -> None:
    indexed = scheduling()
    plan = DayPlan(day=0, blocks=((0, (0,)), (1, (1,))), call_minute=0, wrap_minute=600)
    assert sequence_day(indexed, plan, CallRange(earliest=0, latest_wrap=500, preferred=0)) is None


def test_scenes_sharing_actors_follow_each_other_in_a_block() -> None:
    cast = [actor(name, 100, DAYS) for name in ("ann", "bob")]
    locations = [place("a", DAYS)]
    scenes = [
        scene("1", 60, ["ann"], "a"),
        scene("2", 60, ["bob"], "a"),
        scene("3", 60, ["ann"], "a"),
    ]
    indexed = index_problem(problem(scenes, DAYS, cast, locations))
    assert order_block(indexed, (0, 1, 2)) == (0, 2, 1)


def test_a_call_is_never_moved_out_of_an_exteriors_light() -> None:
    """An hour of day exterior then an hour of night exterior on one street, across sunset
    (18:00): only a 17:00 call fits, however near 07:00 the crew would like it."""
    cast = [actor("maya", 500, DAYS)]
    day_scene = replace(scene("1", 60, ["maya"], "street"), int_ext=IntExt.EXT)
    night_scene = replace(
        scene("2", 60, ["maya"], "street", time_of_day="NIGHT"), int_ext=IntExt.EXT
    )
    production = replace(
        problem([day_scene, night_scene], DAYS, cast, [place("street", DAYS)]),
        daylight=DaylightMinutes(sunrise=6 * 60, sunset=18 * 60, twilight=30),
    )
    indexed = index_problem(production)
    plan = DayPlan(day=0, blocks=((0, (0, 1)),), call_minute=17 * 60, wrap_minute=19 * 60)
    best = sequence_day(indexed, plan, OPEN_ALL_DAY)
    assert best is not None
    assert best.call_minute == 17 * 60
    assert not fits_day(
        indexed, replace(plan, call_minute=7 * 60, wrap_minute=9 * 60), OPEN_ALL_DAY
    )
