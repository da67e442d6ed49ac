"""Local search over which day shoots each scene: thousands of moves a second.

The CP-SAT searches (``optimizer``, ``lns``) re-solve a whole model for every step, about a
step a second on a feature. Most of what a better schedule needs is simpler: move a scene, a
location's block or a day's work to another date, swap two of them, and keep the change when
the schedule is still valid and cheaper (or, early on, not much dearer: simulated annealing,
Kirkpatrick et al. 1983). Here a move is priced and checked in microseconds:

- the cost is the evaluator's, kept per day (rent, moves, overtime, crew) and per actor
  (days from first to last work day, holds included, drop/pick-up across the longest gap);
  a move reprices only the two days it touches and the actors in the scenes it moves (every
  actor when a day starts or stops being used, which changes their holds);
- a day's timing is worked out once per set of scenes and remembered (``day_shapes``);
- across days, the earliest feasible call of each day in turn, after the rest from the days
  before it, is exact for feasibility: the wrap only moves with the call, so calling earlier
  never hurts the days that follow.

Stricter than the evaluator where the CP-SAT model is, so that every day found here can be
locked and re-timed by the model: a location's scenes are shot in one block a day, inside one
opening of its hours, in parts of one light or more each (``day_shapes``).
Locked days and re-planning stay with CP-SAT (``optimizer``); this search serves free
searches: all of the time of large productions, a first stretch of small ones before CP-SAT
goes on.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from firstad.schedule.day_shapes import DayShape, DayShapes
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem
from firstad.schedule.sequencing import DayPlan

# Annealing temperature at the start, as a share of the starting cost, and at the end.
START_TEMPERATURE_SHARE = 0.002
END_TEMPERATURE = 1.0
# The price of a day no order and call can fit: the search leaves it at once.
IMPOSSIBLE = 1 << 40
# Where a moved scene or block goes: a day its best-paid actor works, a used day, any day.
AFFINITY_SHARE = 0.4
USED_SHARE = 0.85
# The share of its time the search may go without a better schedule before it starts over
# from its best, as hot as at the start, cooling over the time left.
STALL_SHARE = 0.2
# How often (moves) the clock is read and the temperature updated.
CLOCK_EVERY = 64
# Least seconds between two reports of a better schedule.
REPORT_EVERY = 0.5


class Board:
    """A complete assignment of scenes to days with its cost kept up to date."""

    def __init__(self, problem: IndexedProblem, shapes: DayShapes, day_of: Sequence[int]) -> None:
        self.problem = problem
        self.shapes = shapes
        self.day_of = list(day_of)
        days = problem.day_count
        self.allowed = [frozenset(problem.allowed_days(scene)) for scene in range(len(day_of))]
        # Scenes on a day their cast, set, permit or fixed date rules out.
        self.misplaced = sum(day not in self.allowed[scene] for scene, day in enumerate(day_of))
        self.scenes_on: list[set[int]] = [set() for _ in range(days)]
        self.minutes = [scene.minutes for scene in problem.scenes]
        self.locations = [scene.location for scene in problem.scenes]
        # Per day: scene minutes, and how many scenes each set has there (a quick test of
        # whether a move can fit at all, before the move is made and priced).
        self.minutes_on = [0] * days
        self.sets_on: list[dict[int, int]] = [{} for _ in range(days)]
        for scene, day in enumerate(self.day_of):
            self.scenes_on[day].add(scene)
            self._count(scene, day, 1)
        self.day_shapes: list[DayShape | None] = [None] * days
        self.day_costs = [0] * days
        self.total = 0
        for day in range(days):
            self._reshape(day)
        self.used = sum(1 << day for day in range(days) if self.scenes_on[day])
        cast_count = len(problem.cast)
        self.scene_cast = [tuple(set(scene.cast)) for scene in problem.scenes]
        self.work_count = [[0] * days for _ in range(cast_count)]
        self.work_mask = [0] * cast_count
        for scene, day in enumerate(self.day_of):
            for member in self.scene_cast[scene]:
                self.work_count[member][day] += 1
                self.work_mask[member] |= 1 << day
        self.rates = [member.rate for member in problem.cast]
        self.drop_pickup = [member.drop_pickup for member in problem.cast]
        self.ordinals = [day_date.toordinal() for day_date in problem.dates]
        self.actor_costs = [self._actor_cost(member) for member in range(cast_count)]
        # Every set with a scene pays its permit once, wherever the scenes go.
        permits = sum(
            location.permit_fee
            for index, location in enumerate(problem.locations)
            if any(scene.location == index for scene in problem.scenes)
        )
        self.total += sum(self.actor_costs) + permits

    # --- cost ---------------------------------------------------------------------------

    @property
    def cost(self) -> int:
        return self.total

    def _reshape(self, day: int) -> None:
        scenes = self.scenes_on[day]
        shape = self.shapes.shape(frozenset(scenes)) if scenes else None
        self.day_shapes[day] = shape
        # An impossible day costs as much as a whole shoot: the search leaves it at once.
        cost = 0 if not scenes else IMPOSSIBLE if shape is None else shape.fixed_cost
        self.total += cost - self.day_costs[day]
        self.day_costs[day] = cost

    def _reprice(self, member: int) -> None:
        cost = self._actor_cost(member)
        self.total += cost - self.actor_costs[member]
        self.actor_costs[member] = cost

    def _actor_cost(self, member: int) -> int:
        mask = self.work_mask[member]
        if mask == 0 or self.rates[member] == 0:
            return 0
        first = (mask & -mask).bit_length() - 1
        last = mask.bit_length() - 1
        span = ((1 << (last + 1)) - 1) ^ ((1 << first) - 1)
        paid = (self.used & span).bit_count()
        if self.drop_pickup[member]:
            paid -= self._dropped(mask, first, last)
        return self.rates[member] * paid

    def _dropped(self, mask: int, first: int, last: int) -> int:
        """Used days not paid across the longest drop/pick-up gap (``evaluator``'s rule)."""
        minimum = self.problem.rules.drop_pickup_min_gap_days
        best, previous = 0, first
        for day in range(first + 1, last + 1):
            if not (mask >> day) & 1:
                continue
            if self.ordinals[day] - self.ordinals[previous] - 1 > minimum:
                between = ((1 << day) - 1) ^ ((1 << (previous + 1)) - 1)
                best = max(best, (self.used & between).bit_count())
            previous = day
        return best

    # --- moves ----------------------------------------------------------------------------

    def relocate(self, moves: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Move each ``(scene, day)``; returns the undo list (scene, old day)."""
        undo: list[tuple[int, int]] = []
        touched_days: set[int] = set()
        touched_cast: set[int] = set()
        for scene, day in moves:
            old = self.day_of[scene]
            if old == day:
                continue
            undo.append((scene, old))
            self.misplaced += (day not in self.allowed[scene]) - (old not in self.allowed[scene])
            self.day_of[scene] = day
            self.scenes_on[old].discard(scene)
            self.scenes_on[day].add(scene)
            self._count(scene, old, -1)
            self._count(scene, day, 1)
            touched_days.update((old, day))
            for member in self.scene_cast[scene]:
                counts = self.work_count[member]
                counts[old] -= 1
                if counts[old] == 0:
                    self.work_mask[member] &= ~(1 << old)
                counts[day] += 1
                self.work_mask[member] |= 1 << day
                touched_cast.add(member)
        self._refresh(touched_days, touched_cast)
        return undo

    def _refresh(self, days: set[int], cast: set[int]) -> None:
        used = self.used
        for day in days:
            self._reshape(day)
            if self.scenes_on[day]:
                used |= 1 << day
            else:
                used &= ~(1 << day)
        flipped = used ^ self.used
        self.used = used
        for member in cast:
            self._reprice(member)
        if not flipped:
            return
        # A day starting or ending its use changes the holds of whoever's span covers it.
        lowest, highest = (flipped & -flipped).bit_length() - 1, flipped.bit_length() - 1
        for member, mask in enumerate(self.work_mask):
            if mask and member not in cast:
                first, last = (mask & -mask).bit_length() - 1, mask.bit_length() - 1
                if first < highest and lowest < last:
                    self._reprice(member)

    def undo(self, undo: list[tuple[int, int]]) -> None:
        self.relocate(undo[::-1])

    def _count(self, scene: int, day: int, step: int) -> None:
        self.minutes_on[day] += step * self.minutes[scene]
        counts = self.sets_on[day]
        location = self.locations[scene]
        left = counts.get(location, 0) + step
        if left:
            counts[location] = left
        else:
            del counts[location]

    def could_fit(self, moves: Sequence[tuple[int, int]]) -> bool:
        """False when the moves surely overfill a day: more sets than the moves per day allow,
        or more scene and move minutes than a day's hours. Cheap, and most random moves fail
        it, so the search tests it before making and pricing a move."""
        rules = self.problem.rules
        gained: dict[int, int] = {}
        arriving: dict[int, dict[int, int]] = {}
        for scene, day in moves:
            old = self.day_of[scene]
            if old == day:
                continue
            minutes, location = self.minutes[scene], self.locations[scene]
            gained[day] = gained.get(day, 0) + minutes
            gained[old] = gained.get(old, 0) - minutes
            arriving.setdefault(day, {}).setdefault(location, 0)
            arriving[day][location] += 1
            arriving.setdefault(old, {}).setdefault(location, 0)
            arriving[old][location] -= 1
        for day, minutes in gained.items():
            counts, change = self.sets_on[day], arriving[day]
            if all(count <= 0 for count in change.values()):
                continue  # only scenes leaving: no more sets, no more minutes
            places = sum(1 for location, count in counts.items() if count + change.get(location, 0))
            places += sum(
                1 for location, count in change.items() if count > 0 and location not in counts
            )
            moves_there = places - 1
            if rules.max_moves_per_day is not None and moves_there > rules.max_moves_per_day:
                return False
            length = self.minutes_on[day] + minutes + moves_there * rules.move_minutes
            if length > rules.max_shoot_minutes:
                return False
        return True

    # --- validity across days -------------------------------------------------------------

    def timed(self) -> list[DayPlan] | None:
        """Each used day at its earliest feasible call, or None when some rule cannot hold:
        a scene on a day it may not be shot, a day no order fits, the rest between days, the
        run of days in a row, the orderings."""
        if self.misplaced:
            return None
        rules = self.problem.rules
        plans: list[DayPlan] = []
        casts: list[int] = []
        for day in range(self.problem.day_count):
            shape = self.day_shapes[day]
            if not self.scenes_on[day]:
                continue
            if shape is None:
                return None
            lowest = 0
            for previous, previous_cast in zip(reversed(plans), reversed(casts), strict=True):
                offset = MINUTES_PER_DAY * (self.ordinals[day] - self.ordinals[previous.day])
                if offset >= previous.wrap_minute + max(
                    rules.crew_turnaround_minutes, rules.turnaround_minutes
                ):
                    break
                rest = rules.crew_turnaround_minutes
                if previous_cast & shape.cast:
                    rest = max(rest, rules.turnaround_minutes)
                lowest = max(lowest, previous.wrap_minute + rest - offset)
            found = shape.earliest_call(lowest)
            if found is None:
                return None
            call, blocks = found
            plans.append(DayPlan(day, blocks, call, call + shape.length))
            casts.append(shape.cast)
        if not self._days_in_a_row_ok(plans) or not self._orderings_ok():
            return None
        return plans

    def _days_in_a_row_ok(self, plans: Sequence[DayPlan]) -> bool:
        limit = self.problem.rules.max_consecutive_days
        if limit is None:
            return True
        run, previous = 0, None
        for plan in plans:
            ordinal = self.ordinals[plan.day]
            run = run + 1 if previous is not None and ordinal - previous == 1 else 1
            if run > limit:
                return False
            previous = ordinal
        return True

    def _orderings_ok(self) -> bool:
        return all(
            self.day_of[before] <= self.day_of[after] for before, after in self.problem.orderings
        )


# --- the search ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The best schedule found: its ``plans``, ``cost`` (the evaluator's rules) and ``day_of``
    (scene -> day index); the number of ``moves`` tried and of them ``accepted``."""

    plans: tuple[DayPlan, ...]
    cost: int
    day_of: tuple[int, ...]
    moves: int
    accepted: int


class _Neighbourhoods:
    """Random moves of one board: each returns a list of (scene, new day), or [] if none."""

    def __init__(self, board: Board, rng: random.Random) -> None:
        self.board = board
        self.rng = rng
        problem = board.problem
        self.allowed = board.allowed
        self.allowed_lists = [sorted(days) for days in self.allowed]
        self.scene_count = len(problem.scenes)
        # No move empties a whole day into the others: priced by trying each block on a few
        # days, it took half the search's time on the 120-scene bench and succeeded about once
        # in 5,000 tries; without it, bench seeds 1-3 x search seeds 0-1 at 60 s ended 4,373
        # cheaper on average (1.5 %, 5 of 6), and Night Ice was no dearer (12 seeds at 20 s).
        self.kinds = (
            self.scene,
            self.scene,
            self.swap,
            self.block,
            self.block,
            self.block_swap,
            self.day_swap,
            self.join_set,
        )

    def pick(self) -> list[tuple[int, int]]:
        return self.rng.choice(self.kinds)()

    def _target_day(self, allowed: Sequence[int], scenes: Sequence[int]) -> int:
        """Often a day the scenes' best-paid actor already works (no new day on payroll),
        mostly a used day (joining work is what saves), sometimes any allowed day."""
        board, rng = self.board, self.rng
        draw = rng.random()
        if draw < AFFINITY_SHARE:
            member = max(
                (member for scene in scenes for member in board.scene_cast[scene]),
                key=board.rates.__getitem__,
                default=None,
            )
            if member is not None:
                works = board.work_mask[member]
                days = [day for day in allowed if (works >> day) & 1]
                if days:
                    return rng.choice(days)
        if draw < USED_SHARE:
            used = [day for day in allowed if board.scenes_on[day]]
            if used:
                return rng.choice(used)
        return rng.choice(allowed)

    def scene(self) -> list[tuple[int, int]]:
        scene = self.rng.randrange(self.scene_count)
        allowed = self.allowed_lists[scene]
        if len(allowed) < 2:
            return []
        return [(scene, self._target_day(allowed, (scene,)))]

    def swap(self) -> list[tuple[int, int]]:
        first = self.rng.randrange(self.scene_count)
        second = self.rng.randrange(self.scene_count)
        day_of = self.board.day_of
        one, two = day_of[first], day_of[second]
        if one == two or two not in self.allowed[first] or one not in self.allowed[second]:
            return []
        return [(first, two), (second, one)]

    def _random_block(self) -> list[int]:
        board = self.board
        scene = self.rng.randrange(self.scene_count)
        day = board.day_of[scene]
        location = board.problem.scenes[scene].location
        return [
            other
            for other in board.scenes_on[day]
            if board.problem.scenes[other].location == location
        ]

    def _common_days(self, scenes: Sequence[int]) -> list[int]:
        common = set(self.allowed[scenes[0]])
        for scene in scenes[1:]:
            common &= self.allowed[scene]
        return sorted(common)

    def block(self) -> list[tuple[int, int]]:
        block = self._random_block()
        allowed = self._common_days(block)
        if len(allowed) < 2:
            return []
        day = self._target_day(allowed, block)
        return [(scene, day) for scene in block]

    def block_swap(self) -> list[tuple[int, int]]:
        first, second = self._random_block(), self._random_block()
        day_of = self.board.day_of
        one, two = day_of[first[0]], day_of[second[0]]
        if one == two:
            return []
        if two not in self._common_days(first) or one not in self._common_days(second):
            return []
        return [(scene, two) for scene in first] + [(scene, one) for scene in second]

    def join_set(self) -> list[tuple[int, int]]:
        """A set's block moved to another day the set is already used on: a rental day less."""
        block = self._random_block()
        board = self.board
        location = board.problem.scenes[block[0]].location
        here = board.day_of[block[0]]
        common = self._common_days(block)
        days = [day for day in common if day != here and location in board.sets_on[day]]
        if not days:
            return []
        day = self.rng.choice(days)
        return [(scene, day) for scene in block]

    def day_swap(self) -> list[tuple[int, int]]:
        board, rng = self.board, self.rng
        one = board.day_of[rng.randrange(self.scene_count)]
        two = rng.randrange(board.problem.day_count)
        if one == two:
            return []
        first, second = list(board.scenes_on[one]), list(board.scenes_on[two])
        if any(two not in self.allowed[scene] for scene in first):
            return []
        if any(one not in self.allowed[scene] for scene in second):
            return []
        return [(scene, two) for scene in first] + [(scene, one) for scene in second]


@dataclass(slots=True)
class Cooling:
    """The annealing temperature: from ``hot`` down to ``END_TEMPERATURE`` at the deadline.
    Frozen (no better schedule for ``STALL_SHARE`` of the time), the search starts over from
    its best, as hot as at the start, cooling over the time left: at 40 s on the bench's seeds
    1-3 the search found nothing after 6-15 s without it, and ended 1.0-3.2 % cheaper with it
    (307.8k -> 304.6k, 283.5k -> 276.6k, 272.7k -> 263.9k)."""

    hot: float
    began: float
    deadline: float
    cooling_began: float = 0.0
    better_at: float = 0.0

    def __post_init__(self) -> None:
        self.cooling_began = self.better_at = self.began

    def frozen(self, now: float) -> bool:
        """True when the search should start over (and the cooling starts over now)."""
        if now - self.better_at <= STALL_SHARE * (self.deadline - self.began):
            return False
        self.cooling_began = self.better_at = now
        return True

    def temperature(self, now: float) -> float:
        progress = (now - self.cooling_began) / max(self.deadline - self.cooling_began, 1e-9)
        return float(self.hot * (END_TEMPERATURE / self.hot) ** progress)


def _fresh(
    problem: IndexedProblem, shapes: DayShapes, day_of: Sequence[int], rng: random.Random
) -> tuple[Board, _Neighbourhoods]:
    board = Board(problem, shapes, day_of)
    return board, _Neighbourhoods(board, rng)


def improve_days(
    problem: IndexedProblem,
    day_of: Sequence[int],
    *,
    deadline: float,
    seed: int = 0,
    shapes: DayShapes | None = None,
    on_better: Callable[[int], None] | None = None,
    patience: int | None = None,
) -> SearchResult | None:
    """Anneal from the assignment ``day_of`` (scene -> day index) until ``deadline``
    (``time.monotonic()``); None when the start itself breaks a rule. ``on_better(cost)`` hears
    of better schedules, at most every ``REPORT_EVERY`` seconds. With ``patience``, the search
    also stops after pricing that many moves (those that fit) without a better schedule."""
    shapes = shapes or DayShapes(problem)
    rng = random.Random(seed)
    board, moves = _fresh(problem, shapes, day_of, rng)
    start = board.timed()
    if start is None:
        return None
    current = board.cost
    best_cost, best_day_of, best_plans = current, tuple(board.day_of), tuple(start)
    began = time.monotonic()
    cooling = Cooling(max(START_TEMPERATURE_SHARE * current, END_TEMPERATURE), began, deadline)
    temperature = cooling.hot
    tried = priced = accepted = 0
    reported, last_report = best_cost, began
    found_at = 0  # the priced move that found the best
    while True:
        if tried % CLOCK_EVERY == 0:
            now = time.monotonic()
            if on_better is not None and best_cost < reported and now - last_report > REPORT_EVERY:
                on_better(best_cost)
                reported, last_report = best_cost, now
            if now >= deadline or (patience is not None and priced - found_at > patience):
                break
            if cooling.frozen(now):
                board, moves = _fresh(problem, shapes, best_day_of, rng)
                current = board.cost
            temperature = cooling.temperature(now)
        tried += 1
        proposal = moves.pick()
        if not proposal:
            continue
        if not board.could_fit(proposal):
            continue
        priced += 1
        undo = board.relocate(proposal)
        cost = board.cost
        delta = cost - current
        if delta > 0 and rng.random() >= math.exp(-delta / temperature):
            board.undo(undo)
            continue
        plans = board.timed()
        if plans is None:
            board.undo(undo)
            continue
        current = cost
        accepted += 1
        if cost < best_cost:
            best_cost, best_day_of, best_plans = cost, tuple(board.day_of), tuple(plans)
            found_at, cooling.better_at = priced, time.monotonic()
    if on_better is not None and best_cost < reported:
        on_better(best_cost)
    return SearchResult(best_plans, best_cost, best_day_of, tried, accepted)
