"""The order of work inside a shoot day, and the day as the crew receives it.

The assignment model decides which scenes a day holds and in which order its locations are
visited (their blocks on the timeline). Inside one location the order is free for cost — the
evaluator pays actors by the day — so it follows the user's orderings first and then groups
scenes that share actors, so nobody waits around between their scenes longer than needed.

Given the day's scenes, the evaluator's cost does not depend on their order as long as each
set is visited once (moves are sets - 1, overtime follows the length); what the order decides
is whether the day fits at all — each set's hours, same-day orderings, the rest before the
next call — and at what hour it can be called. ``sequence_day`` settles that exactly: every
visiting order of the day's sets (at most ``EXACT_LOCATIONS`` of them; a day with more keeps
the model's order), each with every call that could be the best one (the preferred call, the
earliest allowed, and each set's opening less the time before its block), keeping the
feasible (order, call) whose call is nearest the preferred one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import permutations

from firstad.model import ShootDay
from firstad.schedule.daylight import fits_light
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedLocation, IndexedProblem

# Days with more sets than this keep the model's visiting order (6! = 720 orders at most).
EXACT_LOCATIONS = 6

Block = tuple[int, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One day as the solver left it: location blocks in visiting order, each block's scenes
    in shooting order (``order_block``, part by part for a set that mixes
    lights), times in minutes from the date's midnight."""

    day: int
    blocks: tuple[tuple[int, tuple[int, ...]], ...]
    call_minute: int
    wrap_minute: int


def at_minute(day: date, minute: int) -> datetime:
    """The local date-time ``minute`` minutes after the day's midnight (may be next day)."""
    return datetime.combine(day, time()) + timedelta(minutes=minute)


def order_block(problem: IndexedProblem, scenes: Sequence[int]) -> tuple[int, ...]:
    """Scenes of one location block: the user's orderings kept, then script order, with each
    scene followed by the next one sharing the most actors (a greedy talent-waiting order)."""
    remaining = sorted(scenes)
    ordered: list[int] = []
    while remaining:
        ready = [scene for scene in remaining if _ready(problem, scene, remaining)]
        candidates = ready or remaining
        scene = _closest(problem, ordered[-1], candidates) if ordered else candidates[0]
        ordered.append(scene)
        remaining.remove(scene)
    return tuple(ordered)


def _ready(problem: IndexedProblem, scene: int, remaining: Sequence[int]) -> bool:
    """True when no remaining scene must be shot before this one."""
    return not any(after == scene and before in remaining for before, after in problem.orderings)


def _closest(problem: IndexedProblem, previous: int, candidates: Sequence[int]) -> int:
    cast = set(problem.scenes[previous].cast)
    return max(candidates, key=lambda scene: len(cast & set(problem.scenes[scene].cast)))


def shoot_day(problem: IndexedProblem, plan: DayPlan, *, locked: bool = False) -> ShootDay:
    """The crew's day: scenes in shooting order, locations in visiting order, call and wrap."""
    day_date = problem.dates[plan.day]
    scenes = tuple(
        problem.scenes[scene].number for _location, block in plan.blocks for scene in block
    )
    return ShootDay(
        date=day_date,
        call=at_minute(day_date, plan.call_minute),
        wrap=at_minute(day_date, plan.wrap_minute),
        scenes=scenes,
        locations=tuple(problem.locations[location].identifier for location, _ in plan.blocks),
        locked=locked,
    )


def shift_day(day: ShootDay, call: datetime) -> ShootDay:
    """The same day called at another time, its wrap moved by as much."""
    return replace(day, call=call, wrap=day.wrap + (call - day.call))


# --- the exact day sequence -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallRange:
    """Calls a day may take, in minutes from its midnight: after the rest since the previous
    day (``earliest``), wrapping in time for the rest before the next (``latest_wrap``)."""

    earliest: int
    latest_wrap: int
    preferred: int


def sequence_day(problem: IndexedProblem, plan: DayPlan, calls: CallRange) -> DayPlan | None:
    """The day's blocks in the feasible visiting order and call nearest the preferred call;
    None when no order and call fit (the caller keeps the model's plan)."""
    best: tuple[int, DayPlan] | None = None
    for blocks in visiting_orders(problem, plan.blocks):
        for call in candidate_calls(problem, blocks, calls):
            trial = _timed_plan(problem, plan.day, blocks, call)
            if not fits_day(problem, trial, calls):
                continue
            distance = abs(call - calls.preferred)
            if best is None or distance < best[0]:
                best = (distance, trial)
    return None if best is None else best[1]


def visiting_orders(problem: IndexedProblem, blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """The model's order first, then every other order keeping the same-day orderings."""
    if len(blocks) > EXACT_LOCATIONS:
        return [blocks]
    others = [order for order in permutations(blocks) if order != blocks]
    return [blocks, *(order for order in others if _keeps_orderings(problem, order))]


def _keeps_orderings(problem: IndexedProblem, blocks: Sequence[Block]) -> bool:
    position = {scene: index for index, (_, block) in enumerate(blocks) for scene in block}
    return all(
        position[before] <= position[after]
        for before, after in problem.orderings
        if before in position and after in position
    )


def _block_minutes(problem: IndexedProblem, block: Block) -> int:
    return sum(problem.scenes[scene].minutes for scene in block[1])


def _offsets(problem: IndexedProblem, blocks: Sequence[Block]) -> list[int]:
    """Minutes from the call to the start of each block (a company move before each next)."""
    offsets, minute = [], 0
    for block in blocks:
        offsets.append(minute)
        minute += _block_minutes(problem, block) + problem.rules.move_minutes
    return offsets


def day_length(problem: IndexedProblem, blocks: Sequence[Block]) -> int:
    moves = max(len(blocks) - 1, 0) * problem.rules.move_minutes
    return sum(_block_minutes(problem, block) for block in blocks) + moves


def candidate_calls(
    problem: IndexedProblem, blocks: Sequence[Block], calls: CallRange
) -> list[int]:
    """Calls among which the nearest feasible one to the preferred call lies: the calls each
    block fits form intervals (an opening less the block's offset, to the closing less its
    offset and length; each exterior's light likewise), so the nearest lies at the preferred
    call or at an interval's end."""
    candidates = {calls.preferred, calls.earliest, calls.latest_wrap - day_length(problem, blocks)}
    for block, offset in zip(blocks, _offsets(problem, blocks), strict=True):
        window = problem.locations[block[0]]
        for day_shift in (-1, 0, 1):
            opening = window.window_start + day_shift * MINUTES_PER_DAY
            closing = window.window_end + day_shift * MINUTES_PER_DAY
            candidates.add(opening - offset)
            candidates.add(closing - offset - _block_minutes(problem, block))
        inner = offset
        for scene in block[1]:
            minutes = problem.scenes[scene].minutes
            for first, last in problem.scenes[scene].light or ():
                candidates.update((first - inner, last - inner - minutes))
            inner += minutes
    return sorted(call for call in candidates if 0 <= call < MINUTES_PER_DAY)


def _timed_plan(problem: IndexedProblem, day: int, blocks: tuple[Block, ...], call: int) -> DayPlan:
    return DayPlan(day, blocks, call, call + day_length(problem, blocks))


def fits_day(problem: IndexedProblem, plan: DayPlan, calls: CallRange) -> bool:
    """The plan keeps the rest around it, the daily cap and every set's hours."""
    if plan.call_minute < calls.earliest or plan.wrap_minute > calls.latest_wrap:
        return False
    if plan.wrap_minute - plan.call_minute > problem.rules.max_shoot_minutes:
        return False
    offsets = _offsets(problem, plan.blocks)
    return all(
        inside_window(
            problem.locations[location],
            plan.call_minute + offset,
            plan.call_minute + offset + _block_minutes(problem, (location, block)),
        )
        and _in_light(problem, block, plan.call_minute + offset)
        for (location, block), offset in zip(plan.blocks, offsets, strict=True)
    )


def _in_light(problem: IndexedProblem, block: Sequence[int], start: int) -> bool:
    """Every exterior of a block that starts at ``start`` is shot in its light."""
    for scene in block:
        minutes = problem.scenes[scene].minutes
        if not fits_light(start, start + minutes, problem.scenes[scene].light):
            return False
        start += minutes
    return True


def inside_window(location: IndexedLocation, start: int, end: int) -> bool:
    """The evaluator's window rule on an indexed location: inside some day's opening."""
    length = location.window_end - location.window_start
    if length >= MINUTES_PER_DAY:
        return True
    openings = (location.window_start + shift * MINUTES_PER_DAY for shift in (-1, 0, 1))
    return any(opening <= start and end <= opening + length for opening in openings)
