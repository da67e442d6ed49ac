"""Why no schedule exists, in the production's own words.

Every fact of the production (an actor's availability, a location's dates or hours, a fixed
date, an ordering, the calendar, the daily hours cap...) switches its constraints on through
one assumption literal. CP-SAT returns a set of facts sufficient for infeasibility; a
deletion pass (the classic deletion-based MUS) then drops each fact whose removal keeps the
problem infeasible, so every fact left is needed for the conflict and the producer sees the
smallest story: "ICE RINK open only 19:00-07:00; MAYA unavailable 3-5 March".
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ortools.sat.python import cp_model

from firstad.model import MINUTES_PER_DAY, Schedule
from firstad.schedule.blocktimes import scene_starts
from firstad.schedule.cpsat_model import (
    CALENDAR,
    CAST_AVAILABILITY,
    CONSECUTIVE_DAYS,
    DAILY_HOURS,
    FIXED_DATE,
    LIGHT,
    LOCATION_DATES,
    LOCATION_WINDOW,
    LOCKED_DAY,
    MOVES_PER_DAY,
    ORDERING,
    PINNED,
    TURNAROUND,
    Fact,
    ScheduleModel,
)
from firstad.schedule.indexed import IndexedProblem, index_problem
from firstad.schedule.optimizer import add_locks
from firstad.schedule.problem import SchedulingProblem

__all__ = ["conflicting_facts", "explain"]

# Facts about one scene (their index is the scene's).
SCENE_FACTS = frozenset({FIXED_DATE, LIGHT})
# Before the whole production, each set's and each actor's scenes are tried alone: this share
# of the time at most, and at most this many seconds each.
PART_SHARE = 0.4
PART_SECONDS = 0.5
CAPACITY_FACTS = frozenset(
    {DAILY_HOURS, TURNAROUND, CONSECUTIVE_DAYS, MOVES_PER_DAY, LOCATION_WINDOW}
)


def explain(
    problem: SchedulingProblem, *, locked: Schedule | None = None, time_limit: float = 10.0
) -> tuple[str, ...]:
    """A minimal set of conflicting production facts, one sentence each; () when none found
    (the problem is feasible, or the proof did not finish in time)."""
    started = time.monotonic()
    indexed = index_problem(problem)
    facts: tuple[Fact, ...] = ()
    if locked is None:
        until = started + time_limit
        facts = _part_alone(problem, indexed, _lonely_scenes(indexed), looking=until, until=until)
        if not facts:
            looking = started + PART_SHARE * time_limit
            parts = _sets_and_actors(indexed)
            facts = _part_alone(problem, indexed, parts, looking=looking, until=until)
    if not facts:
        left = time_limit - (time.monotonic() - started)
        facts = conflicting_facts(indexed, locked=locked, time_limit=left)
    if any(fact.kind in CAPACITY_FACTS for fact in facts):
        # Rules about how much fits in a day only conflict with the number of days.
        facts = (*facts, Fact(CALENDAR))
    return tuple(describe(problem, indexed, fact) for fact in facts)


def _lonely_scenes(indexed: IndexedProblem) -> list[tuple[int, ...]]:
    """Scenes no shoot day can hold even alone (a night exterior longer than the dark inside
    its set's hours, an actor free on none of its set's dates), each a part of its own."""
    return [(index,) for index in range(len(indexed.scenes)) if not _fits_alone(indexed, index)]


def _sets_and_actors(indexed: IndexedProblem) -> list[tuple[int, ...]]:
    """Each set's scenes, then each actor's: where most conflicts of real productions lie (a
    set's dates too few for its work, an actor's for theirs)."""
    parts = [indexed.scenes_at(location) for location in range(len(indexed.locations))]
    parts += [indexed.scenes_of_cast(member) for member in range(len(indexed.cast))]
    return [part for part in parts if len(part) > 1]


def _part_alone(
    problem: SchedulingProblem,
    indexed: IndexedProblem,
    parts: list[tuple[int, ...]],
    *,
    looking: float,
    until: float,
) -> tuple[Fact, ...]:
    """The conflict of the first part of the production (some of its scenes) that cannot be
    shot even without the rest: found on the part alone, quickly, where the whole
    production's model may take longer than allowed. A part's conflict is the whole's.
    Parts are tried until ``looking`` (``time.monotonic()``); the one that conflicts is then
    shrunk to its smallest story until ``until``."""
    for part in parts:
        left = looking - time.monotonic()
        if left <= 0:
            break
        numbers = {indexed.scenes[index].number for index in part}
        kept = [
            position
            for position, ordering in enumerate(problem.orderings)
            if ordering.before in numbers and ordering.after in numbers
        ]
        alone = replace(
            problem,
            scenes=tuple(problem.scene(indexed.scenes[index].number) for index in part),
            orderings=tuple(problem.orderings[position] for position in kept),
        )
        facts = conflicting_facts(index_problem(alone), time_limit=min(left, PART_SECONDS))
        if facts:
            rest = max(until - time.monotonic(), PART_SECONDS)
            facts = conflicting_facts(index_problem(alone), time_limit=rest) or facts
            # Cast and locations keep their positions; scenes and orderings are renumbered.
            return tuple(_in_whole(fact, part, kept) for fact in facts)
    return ()


def _in_whole(fact: Fact, part: tuple[int, ...], orderings: list[int]) -> Fact:
    if fact.kind in SCENE_FACTS:
        return Fact(fact.kind, part[fact.index])
    if fact.kind == ORDERING:
        return Fact(fact.kind, orderings[fact.index])
    return fact


def _fits_alone(indexed: IndexedProblem, index: int) -> bool:
    """Whether some allowed date and call fit the scene as a day of its own."""
    fits_the_clock = any(
        max(first, 0) <= min(last, MINUTES_PER_DAY - 1)
        for first, last in scene_starts(indexed, index)
    )
    minutes = indexed.scenes[index].minutes
    return (
        fits_the_clock
        and minutes <= indexed.rules.max_shoot_minutes
        and bool(indexed.allowed_days(index))
    )


class _Switches:
    """One assumption literal per fact, made on first use."""

    def __init__(self, model: cp_model.CpModel) -> None:
        self.model = model
        self.literals: dict[Fact, cp_model.IntVar] = {}

    def __call__(self, fact: Fact) -> list[cp_model.IntVar]:
        if fact.kind == CALENDAR:
            return []  # the calendar is the frame of every conflict; see ``explain``
        if fact not in self.literals:
            self.literals[fact] = self.model.new_bool_var(f"{fact.kind}_{fact.index}")
        return [self.literals[fact]]


def conflicting_facts(
    indexed: IndexedProblem, *, locked: Schedule | None = None, time_limit: float = 10.0
) -> tuple[Fact, ...]:
    """The facts of a minimal infeasible subset, sorted; () when feasible or undecided."""
    deadline = time.monotonic() + time_limit
    schedule_model = ScheduleModel(indexed, restrict_domains=False)
    switches = _Switches(schedule_model.model)
    schedule_model.switch = switches
    schedule_model.build()
    if locked is not None:
        add_locks(schedule_model, locked)
    core = _core(schedule_model, switches, list(switches.literals), deadline)
    if core is None:
        return ()
    if not core:
        # Infeasible with every switchable fact relaxed: only the calendar is left to blame
        # (every date lost or a day off).
        return (Fact(CALENDAR),)
    return tuple(sorted(_shrink(schedule_model, switches, core, deadline)))


def _core(
    schedule_model: ScheduleModel,
    switches: _Switches,
    facts: Sequence[Fact],
    deadline: float,
) -> list[Fact] | None:
    """Facts sufficient for infeasibility among ``facts``; None when they are satisfiable
    together or the solver ran out of time."""
    model = schedule_model.model
    model.clear_assumptions()
    model.add_assumptions([switches.literals[fact] for fact in facts])
    solver = cp_model.CpSolver()
    # Cores come from the sequential search only: one worker, no objective.
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.05)
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    by_index = {switches.literals[fact].index: fact for fact in facts}
    return [by_index[index] for index in solver.sufficient_assumptions_for_infeasibility()]


def _shrink(
    schedule_model: ScheduleModel, switches: _Switches, core: list[Fact], deadline: float
) -> list[Fact]:
    """Deletion-based MUS: drop every fact without which the rest still cannot hold."""
    kept = list(core)
    for fact in list(core):
        if fact not in kept or time.monotonic() > deadline:
            continue
        trial = [other for other in kept if other != fact]
        smaller = _core(schedule_model, switches, trial, deadline)
        if smaller is not None:
            kept = smaller  # the solver's own core of the rest may be smaller still
    return kept


# --- the facts in words ---------------------------------------------------------------------


def describe(problem: SchedulingProblem, indexed: IndexedProblem, fact: Fact) -> str:
    """One sentence a producer recognises for a fact."""
    rules = problem.rules
    describers = {
        CAST_AVAILABILITY: _describe_cast,
        LOCATION_DATES: _describe_location_dates,
        LOCATION_WINDOW: _describe_window,
        FIXED_DATE: _describe_fixed_date,
        ORDERING: _describe_ordering,
        LOCKED_DAY: _describe_locked_day,
        PINNED: _describe_pinned,
        LIGHT: _describe_light,
    }
    if fact.kind in describers:
        return describers[fact.kind](problem, indexed, fact.index)
    sentences = {
        CALENDAR: f"every scene must be shot within the calendar's {len(problem.dates)} shoot "
        f"days ({date_list(problem.dates, problem.dates)})"
        if problem.dates
        else "every scene must be shot within the calendar, which has no shoot date left",
        DAILY_HOURS: f"a shoot day lasts at most {_hours(rules.max_shoot_minutes)} from call "
        f"to wrap",
        TURNAROUND: f"the crew rests {_hours(rules.crew_turnaround_minutes)} and the actors "
        f"{_hours(rules.turnaround_minutes)} between a wrap and the next call",
        CONSECUTIVE_DAYS: f"at most {rules.max_consecutive_days} shoot days in a row",
        MOVES_PER_DAY: f"at most {rules.max_moves_per_day} company move(s) a day, "
        f"{rules.move_minutes} minutes each",
    }
    return sentences.get(fact.kind, f"{fact.kind} {fact.index}")


def _describe_light(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    scene = indexed.scenes[index]
    job = problem.scene(scene.number)
    spans = ", ".join(
        f"{_clock(first)}-{_clock(last)}"
        for first, last in scene.light or ()
        if first < MINUTES_PER_DAY and last > 0
    )
    kind = job.int_ext.value if job.int_ext is not None else ""
    return (
        f"scene {scene.number} ({kind} {job.time_of_day}, {_hours(scene.minutes)} to shoot) "
        f"must be shot in its light, {spans}"
    )


def _hours(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"


def _scene_list(numbers: Sequence[str]) -> str:
    if len(numbers) == 1:
        return f"scene {numbers[0]}"
    shown = list(numbers[:8]) + (["..."] if len(numbers) > 8 else [])
    return f"scenes {', '.join(shown[:-1])} and {shown[-1]}"


def _describe_cast(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    terms = problem.cast[indexed.cast[index].identifier]
    scenes = [indexed.scenes[scene].number for scene in indexed.scenes_of_cast(index)]
    free = sorted(terms.available_dates)
    busy = [day for day in problem.dates if day not in terms.available_dates]
    when = (
        f"is unavailable {date_list(busy, problem.dates)}"
        if len(busy) <= len(free)
        else f"is available only {date_list(free, problem.dates)}"
        if free
        else "is available on none of the shoot dates"
    )
    return f"the actor playing {'/'.join(terms.characters)} ({terms.name}) {when}; " + (
        f"{_scene_list(scenes)} need them"
        if len(scenes) > 1
        else f"{_scene_list(scenes)} needs them"
    )


def _location_scenes(indexed: IndexedProblem, index: int) -> str:
    scenes = [indexed.scenes[scene].number for scene in indexed.scenes_at(index)]
    verb = "needs" if len(scenes) == 1 else "need"
    return f"{_scene_list(scenes)} {verb}"


def _describe_location_dates(
    problem: SchedulingProblem, indexed: IndexedProblem, index: int
) -> str:
    terms = problem.locations[indexed.locations[index].identifier]
    usable = sorted(terms.usable_dates)
    permit = (
        f" (the permit is in hand from {_day(terms.permit_ready)})"
        if terms.permit_ready is not None and terms.permit_ready > problem.dates[0]
        else ""
    )
    where = f"{_location_scenes(indexed, index)} {terms.name}"
    if not usable:
        return f"{where}, which cannot be had on any shoot date{permit}"
    return f"{where}, to be had only {date_list(usable, problem.dates)}{permit}"


def _describe_window(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    terms = problem.locations[indexed.locations[index].identifier]
    hours = f"{_clock(terms.window_start)}-{_clock(terms.window_end)}"
    return f"{_location_scenes(indexed, index)} {terms.name}, open only {hours}"


def _describe_fixed_date(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    job = problem.scene(indexed.scenes[index].number)
    sentence = f"scene {job.number} must be shot on {_day(job.fixed_date)}"
    # A lost day, a day off or a date outside the calendar: the whole conflict on its own.
    if job.fixed_date is not None and job.fixed_date not in problem.dates:
        sentence += ", which is not a shoot date"
    return sentence


def _describe_ordering(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    before, after = indexed.orderings[index]
    first, second = indexed.scenes[before].number, indexed.scenes[after].number
    return f"scene {first} must be shot before scene {second}"


def _describe_locked_day(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    if index < 0:
        return "a locked day falls on a date that is no longer a shoot day"
    return f"the day of {_day(indexed.dates[index])} is locked as published"


def _describe_pinned(problem: SchedulingProblem, indexed: IndexedProblem, index: int) -> str:
    if index < 0:
        return "a pinned scene's published day is no longer a shoot day"
    return f"the scenes pinned to {_day(indexed.dates[index])} stay on that day"


def _clock(minute: int) -> str:
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%B}"


def date_list(days: Sequence[date], calendar: Sequence[date]) -> str:
    """Dates as runs of consecutive shoot days: ``3-5 March, 9 March``."""
    position = {day: index for index, day in enumerate(calendar)}
    runs: list[list[date]] = []
    for day in sorted(days):
        previous = runs[-1][-1] if runs else None
        joined = previous is not None and position.get(day, -2) == position.get(previous, -9) + 1
        if joined:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(_run_text(run) for run in runs)


def _run_text(run: list[date]) -> str:
    first, last = run[0], run[-1]
    if first == last:
        return _day(first)
    if first.month == last.month:
        return f"{first.day}-{last.day} {last:%B}"
    return f"{_day(first)} - {_day(last)}"
