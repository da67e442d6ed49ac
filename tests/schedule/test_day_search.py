"""The day-assignment local search: its prices are the evaluator's, its days are valid."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import replace

import pytest

from firstad.model import MINUTES_PER_DAY, IntExt, Ordering, Schedule
from firstad.schedule.day_board import Board, Move
from firstad.schedule.day_search import END_TEMPERATURE, Cooling, _Neighbourhoods, improve_days
from firstad.schedule.day_shapes import ALL_OPENINGS, DayShapes, intersect
from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.lns import incumbent_of_days
from firstad.schedule.optimizer import build_cost_model, optimize
from firstad.schedule.problem import DaylightMinutes, SceneJob, SchedulingProblem
from firstad.schedule.sequencing import DayPlan, shoot_day
from tests.schedule.schedule_builders import (
    actor,
    brute_force_best,
    place,
    two_sets,
    weekdays,
)
from tests.schedule.schedule_builders import scene as scene_job

# Roomy: more days than the work needs, so random assignments are often valid.
ROOMY = Size(pages=12, scenes=16, cast=7, locations=5, shoot_days=10, leads=2)


def variants(seed: int) -> list[SchedulingProblem]:
    """A generated production as it is, with a crew rate and daylight, with orderings, and
    over four weeks with every actor on drop/pick-up terms (gaps of more than ten days)."""
    plain = generate_problem(seed, ROOMY)
    daylight = DaylightMinutes(sunrise=6 * 60, sunset=19 * 60, twilight=30)
    orderings = (Ordering("1", "2"), Ordering("3", "4"))
    long = generate_problem(seed, replace(ROOMY, shoot_days=20))
    dropped = {key: replace(terms, drop_pickup=True) for key, terms in long.cast.items()}
    return [
        plain,
        replace(plain, crew_daily_rate=900, daylight=daylight),
        replace(plain, orderings=orderings),
        replace(long, cast=dropped),
    ]


def random_assignment(indexed: IndexedProblem, rng: random.Random) -> list[int]:
    """Each set's scenes together on a random day they may all be shot (scene by scene when
    there is none): often a valid board on a roomy calendar."""
    day_of = [0] * len(indexed.scenes)
    taken: set[int] = set()
    for location in range(len(indexed.locations)):
        scenes = indexed.scenes_at(location)
        common = set(range(indexed.day_count))
        for scene in scenes:
            common &= set(indexed.allowed_days(scene))
        day = rng.choice(sorted(common - taken or common)) if common else None
        taken.add(-1 if day is None else day)
        for scene in scenes:
            day_of[scene] = day if day is not None else rng.choice(indexed.allowed_days(scene))
    return day_of


def valid_boards(indexed: IndexedProblem, rng: random.Random, count: int) -> list[list[int]]:
    """Up to ``count`` valid assignments: a random walk of scene moves from a valid start,
    keeping each move that leaves the board valid."""
    shapes = DayShapes(indexed)
    for _ in range(500):
        board = Board(indexed, shapes, random_assignment(indexed, rng))
        if board.timed() is not None:
            break
    else:
        return []
    found = [list(board.day_of)]
    for _ in range(count * 20):
        if len(found) >= count:
            break
        scenes = rng.sample(range(len(indexed.scenes)), rng.randint(1, 3))
        undo = board.relocate([(scene, rng.randrange(indexed.day_count)) for scene in scenes])
        if board.timed() is None:
            board.undo(undo)
        else:
            found.append(list(board.day_of))
    return found


def schedule_of(indexed: IndexedProblem, board: Board) -> Schedule | None:
    plans = board.timed()
    if plans is None:
        return None
    return Schedule(days=tuple(shoot_day(indexed, plan) for plan in plans))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_valid_boards_are_clean_and_priced_as_the_evaluator_prices_them(seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    for problem in variants(seed):
        indexed = index_problem(problem)
        shapes = DayShapes(indexed)
        for day_of in valid_boards(indexed, rng, 60):
            board = Board(indexed, shapes, day_of)
            schedule = schedule_of(indexed, board)
            assert schedule is not None
            judged = evaluate(problem, schedule)
            assert judged.violations == ()
            assert judged.cost.total == board.cost
            checked += 1
    assert checked >= 150  # the sample really exercised valid boards


@pytest.mark.parametrize("seed", [5, 6])
def test_moves_and_undos_keep_the_price_exact(seed: int) -> None:
    problem = variants(seed)[1]
    indexed = index_problem(problem)
    rng = random.Random(seed)
    board = Board(indexed, DayShapes(indexed), random_assignment(indexed, rng))
    for _ in range(300):
        scenes = rng.sample(range(len(indexed.scenes)), rng.randint(1, 4))
        before = board.cost
        undo = board.relocate([(scene, rng.randrange(indexed.day_count)) for scene in scenes])
        fresh = Board(indexed, board.shapes, board.day_of)
        assert board.cost == fresh.cost
        if rng.random() < 0.5:
            board.undo(undo)
            assert board.cost == before


def test_a_schedule_the_full_model_times_is_valid_here_too() -> None:
    problem = variants(7)[1]
    indexed = index_problem(problem)
    result = optimize(problem, time_limit=10, seed=0, search="cpsat")
    assert result.schedule is not None
    number = {scene.number: index for index, scene in enumerate(indexed.scenes)}
    day = {day_date: index for index, day_date in enumerate(indexed.dates)}
    day_of = [0] * len(indexed.scenes)
    for shoot in result.schedule.days:
        for scene in shoot.scenes:
            day_of[number[scene]] = day[shoot.date]
    board = Board(indexed, DayShapes(indexed), day_of)
    assert board.timed() is not None
    assert result.cost is not None
    assert board.cost == result.cost.total


@pytest.mark.parametrize("seed", [1, 2])
def test_every_valid_board_is_one_the_full_model_can_time(seed: int) -> None:
    """Its days can then be locked and re-planned around by CP-SAT (light per block there)."""
    problem = variants(seed)[1]
    indexed = index_problem(problem)
    model = build_cost_model(indexed)
    boards = valid_boards(indexed, random.Random(seed), 60)[::6]
    assert len(boards) >= 5
    for day_of in boards:
        timed = incumbent_of_days(model, day_of, seconds=10, seed=0)
        assert timed is not None
        assert timed.objective == Board(indexed, DayShapes(indexed), day_of).cost


def _one_day_everywhere(problem: SchedulingProblem) -> list[DayPlan]:
    """Every scene on the first day: the search's day, checked against the model and the
    evaluator (the same cost, no violation)."""
    indexed = index_problem(problem)
    day_of = [0] * len(indexed.scenes)
    board = Board(indexed, DayShapes(indexed), day_of)
    plans = board.timed()
    assert plans is not None
    schedule = Schedule(days=tuple(shoot_day(indexed, plan) for plan in plans))
    judged = evaluate(problem, schedule)
    assert judged.violations == ()
    assert judged.cost.total == board.cost
    timed = incumbent_of_days(build_cost_model(indexed), day_of, seconds=10, seed=0)
    assert timed is not None
    assert timed.objective == board.cost
    return plans


def exterior(number: str, minutes: int, light: str) -> SceneJob:
    return replace(
        scene_job(number, minutes, ["maya"], "street", time_of_day=light), int_ext=IntExt.EXT
    )


def one_street(
    scenes: Sequence[SceneJob], orderings: tuple[Ordering, ...] = ()
) -> SchedulingProblem:
    """Maya's scenes on a street open at any hour, one shoot day, sunrise 06:00, sunset 18:00."""
    days = weekdays(1)
    return SchedulingProblem(
        title="street",
        scenes=tuple(scenes),
        dates=days,
        cast={"maya": actor("maya", 500, days)},
        locations={"street": place("street", days)},
        daylight=DaylightMinutes(sunrise=6 * 60, sunset=18 * 60, twilight=30),
        orderings=orderings,
    )


def test_a_set_shot_through_sunset_is_one_block_in_two_parts() -> None:
    """Day, then dusk on one street: the day exterior first, ending at dusk, then the dusk
    scene (the whole block cannot be in both lights). The model and the search agree."""
    interior = scene_job("3", 60, ["maya"], "street", time_of_day="NIGHT")
    mixed = one_street([exterior("1", 120, "DAY"), exterior("2", 30, "DUSK"), interior])
    (plan,) = _one_day_everywhere(mixed)
    ((_location, order),) = plan.blocks
    assert order.index(0) < order.index(1)


def test_a_street_shot_from_day_through_dusk_into_night_is_one_block_in_three_parts() -> None:
    """Magic hour: 1h30 of day, the 30 minutes of dusk, then 2 hours of night on one street.
    No two parts can hold it (the dusk would have to share the day's or the night's span)."""
    magic_hour = one_street(
        [exterior("1", 120, "NIGHT"), exterior("2", 30, "DUSK"), exterior("3", 90, "DAY")]
    )
    (plan,) = _one_day_everywhere(magic_hour)
    assert plan.blocks[0][1] == (2, 1, 0)
    assert plan.call_minute == 16 * 60


def test_a_mixed_block_keeps_the_users_ordering() -> None:
    """A night exterior that must come before a day one on the same street: before dawn,
    then in the morning; never the other way round."""
    ordered = one_street(
        [exterior("1", 60, "NIGHT"), exterior("2", 60, "DAY")], orderings=(Ordering("1", "2"),)
    )
    (plan,) = _one_day_everywhere(ordered)
    assert plan.blocks[0][1] == (0, 1)
    assert plan.call_minute + 60 == 6 * 60  # night until sunrise, then day


def test_a_night_unit_may_end_at_a_day_location_the_next_morning() -> None:
    """A night at the rink, then the lot when it opens at 05:00 the next morning: one day for
    the model and the evaluator. The search over a feature keeps to the shoot date's openings
    (cheaper on the bench) and so needs two days; before CP-SAT it takes the next morning's
    too; the optimizer finds the one day."""
    days = weekdays(2)
    night_then_dawn = SchedulingProblem(
        title="dawn",
        scenes=(scene_job("1", 600, ["maya"], "rink"), scene_job("2", 60, ["maya"], "lot")),
        dates=days,
        cast={"maya": actor("maya", 500, days)},
        locations={
            "rink": place("rink", days, window=(19 * 60, 31 * 60)),
            "lot": place("lot", days, window=(5 * 60, 12 * 60)),
        },
        crew_daily_rate=2000,
    )
    indexed = index_problem(night_then_dawn)
    assert Board(indexed, DayShapes(indexed), [0, 0]).timed() is None
    (plan,) = Board(indexed, DayShapes(indexed, ALL_OPENINGS), [0, 0]).timed() or ()
    visits = [indexed.locations[location].identifier for location, _ in plan.blocks]
    assert visits == ["rink", "lot"]
    assert plan.wrap_minute > MINUTES_PER_DAY + 5 * 60  # the lot opens at 05:00 next day
    result = optimize(night_then_dawn, time_limit=10, seed=0)
    assert result.schedule is not None
    assert result.status == "optimal"
    (day,) = result.schedule.days
    assert day.scenes == ("1", "2")
    assert day.wrap.day != day.call.day
    assert evaluate(night_then_dawn, result.schedule).violations == ()


def test_a_day_that_cannot_be_timed_is_refused() -> None:
    problem = two_sets()
    indexed = index_problem(problem)
    everything_on_day_one = [0] * len(indexed.scenes)
    long_day = replace(indexed, rules=replace(indexed.rules, max_shoot_minutes=30))
    board = Board(long_day, DayShapes(long_day), everything_on_day_one)
    assert board.timed() is None


@pytest.mark.parametrize("seed", [1, 2])
def test_the_search_never_leaves_a_worse_or_broken_schedule(seed: int) -> None:
    problem = variants(seed)[1]
    indexed = index_problem(problem)
    boards = valid_boards(indexed, random.Random(seed), 1)
    assert boards, "no valid random start"
    start = boards[0]
    board = Board(indexed, DayShapes(indexed), start)
    found = improve_days(indexed, start, deadline=time.monotonic() + 1.0, seed=seed)
    assert found is not None
    assert found.cost <= board.cost
    schedule = Schedule(days=tuple(shoot_day(indexed, plan) for plan in found.plans))
    judged = evaluate(problem, schedule)
    assert judged.violations == ()
    assert judged.cost.total == found.cost


def test_the_search_finds_the_optimum_of_a_small_production() -> None:
    problem = two_sets()
    indexed = index_problem(problem)
    (start,) = valid_boards(indexed, random.Random(0), 1)
    found = improve_days(indexed, start, deadline=time.monotonic() + 1.0, seed=0)
    assert found is not None
    assert found.cost == brute_force_best(problem)


def test_a_start_that_breaks_a_rule_is_refused() -> None:
    problem = two_sets()
    indexed = index_problem(problem)
    tight = replace(indexed, rules=replace(indexed.rules, max_shoot_minutes=30))
    assert improve_days(tight, [0] * len(indexed.scenes), deadline=time.monotonic()) is None


def test_interval_intersection() -> None:
    assert intersect([(0, 10), (20, 30)], [(5, 25)]) == ((5, 10), (20, 25))
    assert intersect([(0, 10)], [(11, 20)]) == ()


def test_a_frozen_search_starts_over_hot() -> None:
    """No better schedule for a fifth of the time: the cooling starts over, as hot as at the
    start, and cools to the end temperature by the same deadline."""
    cooling = Cooling(hot=600.0, began=0.0, deadline=100.0)
    assert cooling.temperature(0.0) == pytest.approx(600.0)
    assert cooling.temperature(100.0) == pytest.approx(END_TEMPERATURE)
    cooling.better_at = 10.0
    assert not cooling.frozen(25.0)
    assert cooling.frozen(31.0)
    assert cooling.temperature(31.0) == pytest.approx(600.0)
    assert cooling.temperature(100.0) == pytest.approx(END_TEMPERATURE)
    assert not cooling.frozen(40.0)  # the clock of the stall starts over too


def _fresh_agrees(board: Board) -> None:
    """What the board keeps as it moves (its prices, its remembered timing, its per-day and
    per-set counts) is what a board built afresh on its assignment finds."""
    fresh = Board(board.problem, board.shapes, board.day_of)
    assert board.cost == fresh.cost
    assert board.timed() == fresh.timed()
    assert board.misplaced == fresh.misplaced
    assert board.used == fresh.used
    assert board.day_bits == fresh.day_bits
    assert board.minutes_on == fresh.minutes_on
    assert board.set_counts == fresh.set_counts
    assert board.places_on == fresh.places_on
    assert board.location_days == fresh.location_days
    assert board.work_mask == fresh.work_mask
    assert board.scenes_on == fresh.scenes_on


@pytest.mark.parametrize("seed", [1, 2])
def test_a_board_moved_and_moved_back_at_random_agrees_with_a_fresh_one(seed: int) -> None:
    """Random moves of every kind the search makes, taken back at random, timed at random
    (so the remembered timing is reused across moves and undos)."""
    rng = random.Random(seed)
    for problem in variants(seed):
        indexed = index_problem(problem)
        boards = valid_boards(indexed, rng, 1)
        board = Board(indexed, DayShapes(indexed), boards[0] if boards else [0] * 16)
        moves = _Neighbourhoods(board, rng)
        for step in range(400):
            proposal = moves.pick()
            if proposal is None:
                continue
            undo = board.make(proposal)
            if rng.random() < 0.5:
                board.timed()
            if rng.random() < 0.6:
                board.undo(undo)
            if step % 10 == 0:
                _fresh_agrees(board)
        _fresh_agrees(board)


def _random_block(board: Board, rng: random.Random) -> list[int]:
    """The scenes of a random scene's set on its day."""
    scene = rng.randrange(len(board.day_of))
    day, location = board.day_of[scene], board.locations[scene]
    return [other for other in board.scenes_on[day] if board.locations[other] == location]


def _random_fit_test(board: Board, rng: random.Random) -> tuple[list[tuple[int, int]], bool]:
    """Random changes, and what the test made for their kind says of them (``block_fits``
    or ``trade_fits``; ``could_fit`` itself for a few scenes to random days, or two days'
    work swapped)."""
    scene_count, day_count = len(board.day_of), board.problem.day_count
    draw = rng.random()
    if draw < 0.2:
        scenes = rng.sample(range(scene_count), rng.randint(1, 3))
        changes = [(scene, rng.randrange(day_count)) for scene in scenes]
        return changes, board.could_fit(changes)
    if draw < 0.6:
        block = _random_block(board, rng)
        if rng.random() < 0.3:
            block = block[:1]
        day = rng.randrange(day_count)
        return [(scene, day) for scene in block], board.block_fits(block, day)
    first, second = _random_block(board, rng), _random_block(board, rng)
    one, two = board.day_of[first[0]], board.day_of[second[0]]
    if draw < 0.9 and one != two:
        if rng.random() < 0.5:
            first, second = first[:1], second[:1]
        changes = [(scene, two) for scene in first] + [(scene, one) for scene in second]
        return changes, board.trade_fits(first, second)
    changes = [(scene, two) for scene in board.scenes_on[one]]
    changes += [(scene, one) for scene in board.scenes_on[two]]
    return changes, board.could_fit(changes)


def test_could_fit_is_the_test_it_was() -> None:
    """``could_fit``, ``block_fits`` and ``trade_fits`` on random moves of a feature: what
    the search's first version answered (its dictionaries of sets per day), move by move."""
    indexed = index_problem(generate_problem(1, Size(scenes=60, cast=15, locations=12)))
    rng = random.Random(0)
    board = Board(indexed, DayShapes(indexed), random_assignment(indexed, rng))
    answers = []
    for draw in range(4000):
        changes, answer = _random_fit_test(board, rng)
        assert answer == _could_fit_by_dictionaries(board, changes)
        answers.append(answer)
        undo = board.relocate(changes)
        if draw % 4:
            board.undo(undo)
    assert 0.1 < sum(answers) / len(answers) < 0.9


def test_swapping_two_days_is_moving_their_scenes_one_by_one() -> None:
    """``swap_days`` and its undo leave the board as ``relocate`` of the same scenes (in
    the order of their days' sets) and its undo do, down to the order the sets iterate in:
    the search's later moves follow that order."""
    indexed = index_problem(generate_problem(2, Size(scenes=60, cast=15, locations=12)))
    rng = random.Random(1)
    day_of = random_assignment(indexed, rng)
    bulk, one_by_one = (Board(indexed, DayShapes(indexed), day_of) for _ in range(2))
    for draw in range(300):
        one, two = rng.sample(range(indexed.day_count), 2)
        changes = [(scene, two) for scene in one_by_one.scenes_on[one]]
        changes += [(scene, one) for scene in one_by_one.scenes_on[two]]
        undos = bulk.swap_days(one, two), one_by_one.relocate(changes)
        if draw % 3:
            bulk.undo(undos[0])
            one_by_one.undo(undos[1])
        assert bulk.cost == one_by_one.cost
        assert [list(scenes) for scenes in bulk.scenes_on] == [
            list(scenes) for scenes in one_by_one.scenes_on
        ]
        for name in ("day_of", "misplaced", "used", "day_bits", "minutes_on", "set_counts"):
            assert getattr(bulk, name) == getattr(one_by_one, name)
        for name in ("places_on", "location_days", "work_count", "work_mask", "actor_costs"):
            assert getattr(bulk, name) == getattr(one_by_one, name)
    _fresh_agrees(bulk)


def _could_fit_by_dictionaries(board: Board, moves: Sequence[tuple[int, int]]) -> bool:
    rules = board.problem.rules
    sets_on = [
        {location: count for location, count in enumerate(counts) if count}
        for counts in board.set_counts
    ]
    gained: dict[int, int] = {}
    arriving: dict[int, dict[int, int]] = {}
    for scene, day in moves:
        old = board.day_of[scene]
        if old == day:
            continue
        minutes, location = board.minutes[scene], board.locations[scene]
        gained[day] = gained.get(day, 0) + minutes
        gained[old] = gained.get(old, 0) - minutes
        arriving.setdefault(day, {}).setdefault(location, 0)
        arriving[day][location] += 1
        arriving.setdefault(old, {}).setdefault(location, 0)
        arriving[old][location] -= 1
    for day, minutes in gained.items():
        counts, change = sets_on[day], arriving[day]
        if all(count <= 0 for count in change.values()):
            continue
        places = sum(1 for location, count in counts.items() if count + change.get(location, 0))
        places += sum(
            1 for location, count in change.items() if count > 0 and location not in counts
        )
        moves_there = places - 1
        if rules.max_moves_per_day is not None and moves_there > rules.max_moves_per_day:
            return False
        if board.minutes_on[day] + minutes + moves_there * rules.move_minutes > (
            rules.max_shoot_minutes
        ):
            return False
    return True


def test_the_moves_draw_as_random_does() -> None:
    """The neighbourhoods' own draw is ``randrange``'s and ``choice``'s, number for number
    from the same seed (the search's moves for a seed depend on it)."""
    indexed = index_problem(variants(1)[0])
    board = Board(indexed, DayShapes(indexed), [0] * len(indexed.scenes))
    ours, theirs = random.Random(7), random.Random(7)
    moves = _Neighbourhoods(board, ours)
    for count in (1, 2, 3, 5, 8, 25, 120, 1000, (1 << 40) + 3):
        for _ in range(50):
            assert moves._below(count) == theirs.randrange(count)
            items = range(count % 97 + 1)
            assert items[moves._below(len(items))] == theirs.choice(items)
    assert ours.random() == theirs.random()


@pytest.mark.parametrize("seed", [1, 2])
def test_a_move_is_priced_as_making_it_prices_it(seed: int) -> None:
    """``price`` of a move is the cost once it is made, for the search's moves and for any
    changes (a scene moved twice among them); ``touch`` leaves the per-day sets of scenes as
    making and undoing the move do, down to the order they iterate in."""
    for problem in (variants(seed)[3], generate_problem(seed, Size(scenes=60, cast=15))):
        indexed = index_problem(problem)
        rng = random.Random(seed)
        day_of = random_assignment(indexed, rng)
        board, twin = (Board(indexed, DayShapes(indexed), day_of) for _ in range(2))
        moves = _Neighbourhoods(board, rng)
        for draw in range(600):
            proposal = moves.pick()
            if draw % 3 == 0:
                scenes = rng.choices(range(len(day_of)), k=3)
                proposal = Move([(scene, rng.randrange(indexed.day_count)) for scene in scenes])
            if proposal is None:
                continue
            priced = board.price(proposal)
            if draw % 2:
                board.touch(proposal)
                twin.undo(twin.make(proposal))
            else:
                board.make(proposal)
                twin.make(proposal)
                assert board.cost == priced
            assert [list(scenes) for scenes in board.scenes_on] == [
                list(scenes) for scenes in twin.scenes_on
            ]
        _fresh_agrees(board)
