"""Local search over which day shoots each scene: about 100,000 moves a second on a feature.

The CP-SAT searches (``optimizer``, ``lns``) re-solve a whole model for every step, about a
step a second on a feature. Most of what a better schedule needs is simpler: move a scene, a
location's block or a day's work to another date, swap two of them, and keep the change when
the schedule is still valid and cheaper (or, early on, not much dearer: simulated annealing,
Kirkpatrick et al. 1983). Here a move is priced and checked in microseconds (``day_board``):

- the cost is the evaluator's, kept per day (rent, moves, overtime, crew) and per actor
  (days from first to last work day, holds included, drop/pick-up across the longest gap);
  a move reprices only the two days it touches and the actors in the scenes it moves (every
  actor when a day starts or stops being used, which changes their holds);
- a day's timing is worked out once per set of scenes and remembered (``day_shapes``);
- across days, the earliest feasible call of each day in turn, after the rest from the days
  before it, is exact for feasibility: the wrap only moves with the call, so calling earlier
  never hurts the days that follow. A move is timed again from the first day it touches, and
  only until the days fall back into their last timing;
- a move is priced before it is made (``Board.price``), and made only when it may be kept:
  the annealing refuses most; one the days' timing refuses is taken back by restoring the
  prices from before it.

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from firstad.schedule.day_board import Board, Move
from firstad.schedule.day_shapes import DayShapes
from firstad.schedule.indexed import IndexedProblem
from firstad.schedule.move_budget import MoveBudget
from firstad.schedule.sequencing import DayPlan

# Annealing temperature at the start, as a share of the starting cost, and at the end.
START_TEMPERATURE_SHARE = 0.002
END_TEMPERATURE = 1.0
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
# Day lists of bit masks remembered before the memo is cleared.
DAY_LISTS_LIMIT = 100_000


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
    """Random moves of one board: each returns a ``Move`` that could fit, or None.

    Days are bit masks here and day lists come from ``_days_in``; a move's lists are the
    same sorted lists as filtering the allowed days one by one, so the same random draws
    pick the same days."""

    def __init__(self, board: Board, rng: random.Random) -> None:
        self.board = board
        self.rng = rng
        self.getrandbits = rng.getrandbits
        problem = board.problem
        self.allowed = board.allowed_masks
        self.allowed_lists = [sorted(days) for days in board.allowed]
        self.scene_count = len(problem.scenes)
        self.day_count = problem.day_count
        # Each scene's best-paid actor: the first of the highest rate in its cast's order.
        self.best_paid = [
            max(cast, key=board.rates.__getitem__, default=None) for cast in board.scene_cast
        ]
        self.day_lists: dict[int, tuple[int, ...]] = {}
        # No move empties a whole day into the others: priced by trying each block on a few
        # days, it took half the search's time on the 120-scene bench and succeeded about once
        # in 5,000 tries; without it, bench seeds 1-3 x search seeds 0-1 at 60 s ended 4,373
        # cheaper on average (1.5 %, 5 of 6), and Night Ice was no dearer (12 seeds at 20 s).
        self.kinds: tuple[Callable[[], Move | None], ...] = (
            self.scene,
            self.scene,
            self.swap,
            self.block,
            self.block,
            self.block_swap,
            self.day_swap,
            self.join_set,
        )
        self.kind_count = len(self.kinds)

    def pick(self) -> Move | None:
        """A random move that could fit (``Board.could_fit``), or None."""
        return self.kinds[self._below(self.kind_count)]()

    def _below(self, count: int) -> int:
        """``rng.randrange(count)``, and the index ``rng.choice`` takes in ``count`` items:
        ``random.Random``'s own draw (rejection sampling of ``getrandbits``) in one Python call
        instead of its three (a test holds the draws equal)."""
        bits = count.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= count:
            drawn = self.getrandbits(bits)
        return drawn

    def made(self) -> None:
        """The move last picked was kept (``_WithinBudget`` counts it)."""

    def _days_in(self, mask: int) -> tuple[int, ...]:
        """The days of a bit mask in order, remembered (a few thousand masks recur)."""
        days = self.day_lists.get(mask)
        if days is None:
            if len(self.day_lists) > DAY_LISTS_LIMIT:
                self.day_lists.clear()
            days = self.day_lists[mask] = tuple(
                day for day in range(self.day_count) if (mask >> day) & 1
            )
        return days

    def _target_day(self, allowed: Sequence[int], mask: int, scenes: Sequence[int]) -> int:
        """Often a day the scenes' best-paid actor already works (no new day on payroll),
        mostly a used day (joining work is what saves), sometimes any allowed day (``allowed``,
        as the bit ``mask`` too)."""
        board = self.board
        draw = self.rng.random()
        if draw < AFFINITY_SHARE:
            member = self._best_paid(scenes)
            if member is not None:
                days = self._days_in(board.work_mask[member] & mask)
                if days:
                    return days[self._below(len(days))]
        if draw < USED_SHARE:
            used = self._days_in(board.used & mask)
            if used:
                return used[self._below(len(used))]
        return allowed[self._below(len(allowed))]

    def _best_paid(self, scenes: Sequence[int]) -> int | None:
        """The first actor of the highest rate, the scenes' casts taken in order."""
        rates = self.board.rates
        best = None
        for scene in scenes:
            member = self.best_paid[scene]
            if member is not None and (best is None or rates[member] > rates[best]):
                best = member
        return best

    def scene(self) -> Move | None:
        scene = self._below(self.scene_count)
        allowed = self.allowed_lists[scene]
        if len(allowed) < 2:
            return None
        day = self._target_day(allowed, self.allowed[scene], (scene,))
        return Move([(scene, day)]) if self.board.block_fits((scene,), day) else None

    def swap(self) -> Move | None:
        first = self._below(self.scene_count)
        second = self._below(self.scene_count)
        day_of = self.board.day_of
        one, two = day_of[first], day_of[second]
        if one == two or not (self.allowed[first] >> two) & 1:
            return None
        if not (self.allowed[second] >> one) & 1:
            return None
        if not self.board.trade_fits((first,), (second,)):
            return None
        return Move([(first, two), (second, one)])

    def _random_block(self) -> list[int]:
        board = self.board
        scene = self._below(self.scene_count)
        location, locations = board.locations[scene], board.locations
        return [
            other for other in board.scenes_on[board.day_of[scene]] if locations[other] == location
        ]

    def _common_days(self, scenes: Iterable[int]) -> int:
        """The days every one of ``scenes`` may be shot on, as a bit mask."""
        common = -1
        for scene in scenes:
            common &= self.allowed[scene]
        return common

    def block(self) -> Move | None:
        block = self._random_block()
        mask = self._common_days(block)
        allowed = self._days_in(mask)
        if len(allowed) < 2:
            return None
        day = self._target_day(allowed, mask, block)
        return self._block_to(block, day)

    def _block_to(self, block: list[int], day: int) -> Move | None:
        if not self.board.block_fits(block, day):
            return None
        return Move([(scene, day) for scene in block])

    def block_swap(self) -> Move | None:
        first, second = self._random_block(), self._random_block()
        day_of = self.board.day_of
        one, two = day_of[first[0]], day_of[second[0]]
        if one == two:
            return None
        if not (self._common_days(first) >> two) & 1 or not (self._common_days(second) >> one) & 1:
            return None
        if not self.board.trade_fits(first, second):
            return None
        return Move([(scene, two) for scene in first] + [(scene, one) for scene in second])

    def join_set(self) -> Move | None:
        """A set's block moved to another day the set is already used on: a rental day less."""
        block = self._random_block()
        board = self.board
        here = board.day_of[block[0]]
        elsewhere = board.location_days[board.locations[block[0]]] & ~(1 << here)
        days = self._days_in(self._common_days(block) & elsewhere)
        if not days:
            return None
        return self._block_to(block, days[self._below(len(days))])

    def day_swap(self) -> Move | None:
        """Two days trade all their scenes. Always fits: the search's board is valid, so each
        day's work fits where the other's did."""
        board = self.board
        one = board.day_of[self._below(self.scene_count)]
        two = self._below(self.day_count)
        if one == two:
            return None
        if not (self._common_days(board.scenes_on[one]) >> two) & 1:
            return None
        if not (self._common_days(board.scenes_on[two]) >> one) & 1:
            return None
        return Move(swapped=(one, two))


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


class _WithinBudget(_Neighbourhoods):
    """The same moves, less those that would take more scenes off their published day than a
    re-plan's budget allows (the board starts within it)."""

    def __init__(self, board: Board, rng: random.Random, budget: MoveBudget) -> None:
        super().__init__(board, rng)
        self.budget = budget
        self.moved = budget.moved(board.day_of)
        self.step = 0  # the change in ``moved`` of the move last picked

    def pick(self) -> Move | None:
        move = super().pick()
        if move is None:
            return None
        board, budget = self.board, self.budget
        if move.swapped is not None:
            one, two = move.swapped
            self.step = budget.swap_change(one, two, board.scenes_on[one], board.scenes_on[two])
        else:
            self.step = budget.change(board.day_of, move.changes)
        return move if self.moved + self.step <= budget.limit else None

    def made(self) -> None:
        self.moved += self.step


def _fresh(
    problem: IndexedProblem,
    shapes: DayShapes,
    day_of: Sequence[int],
    rng: random.Random,
    budget: MoveBudget | None = None,
) -> tuple[Board, _Neighbourhoods]:
    board = Board(problem, shapes, day_of)
    moves = _Neighbourhoods(board, rng) if budget is None else _WithinBudget(board, rng, budget)
    return board, moves


def improve_days(
    problem: IndexedProblem,
    day_of: Sequence[int],
    *,
    deadline: float,
    seed: int = 0,
    shapes: DayShapes | None = None,
    on_better: Callable[[int], None] | None = None,
    patience: int | None = None,
    budget: MoveBudget | None = None,
) -> SearchResult | None:
    """Anneal from the assignment ``day_of`` (scene -> day index) until ``deadline``
    (``time.monotonic()``); None when the start itself breaks a rule. ``on_better(cost)`` hears
    of better schedules, at most every ``REPORT_EVERY`` seconds. With ``patience``, the search
    also stops after pricing that many moves (those that fit) without a better schedule. With
    a re-plan's ``budget`` (the start within it), no move takes more scenes off their
    published day than it allows."""
    shapes = shapes or DayShapes(problem)
    rng = random.Random(seed)
    board, moves = _fresh(problem, shapes, day_of, rng, budget)
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
                board, moves = _fresh(problem, shapes, best_day_of, rng, budget)
                current = board.cost
            temperature = cooling.temperature(now)
        tried += 1
        proposal = moves.pick()
        if proposal is None:
            continue
        priced += 1
        cost = board.price(proposal)
        delta = cost - current
        if delta > 0 and rng.random() >= math.exp(-delta / temperature):
            board.touch(proposal)
            continue
        undo = board.make(proposal)
        if not board.feasible():
            board.undo(undo)
            continue
        current = cost
        moves.made()
        accepted += 1
        if cost < best_cost:
            best_cost, best_day_of = cost, tuple(board.day_of)
            best_plans = tuple(board.timing.plans())
            found_at, cooling.better_at = priced, time.monotonic()
    if on_better is not None and best_cost < reported:
        on_better(best_cost)
    return SearchResult(best_plans, best_cost, best_day_of, tried, accepted)
