"""The CP-SAT model of the shooting schedule: which scene on which day, and when in the day.

Decisions are ``shoot[scene, day]`` Booleans. Each day lays its locations out as blocks on a
timeline: a block holds the scenes shot at one location, followed by the company move to the
next one, and the blocks of a day tile the time from call to wrap with no idle gap, so the
sequence the crew gets (location by location) is exactly the one the model timed. A block
whose exteriors need different light is timed in parts, one light to a part (``light_part``).

Every hard rule belongs to one production *fact* (an actor's availability, a location's window,
the daily hours cap...). When a model is built for explanation, each fact gets a switch literal
that enforces its constraints, so the solver can name the facts that cannot hold together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from firstad.schedule.daylight import LIGHT_PARTS
from firstad.schedule.indexed import MINUTES_PER_DAY, IndexedProblem

# Fact kinds: one switch per fact, so explanations speak of facts a producer recognises.
CAST_AVAILABILITY = "cast"
LOCATION_DATES = "location_dates"
LOCATION_WINDOW = "location_window"
FIXED_DATE = "fixed_date"
ORDERING = "ordering"
CALENDAR = "calendar"
DAILY_HOURS = "daily_hours"
TURNAROUND = "turnaround"
CONSECUTIVE_DAYS = "consecutive_days"
MOVES_PER_DAY = "moves_per_day"
LOCKED_DAY = "locked_day"
PINNED = "pinned"
LIGHT = "light"


@dataclass(frozen=True, slots=True, order=True)
class Fact:
    """A production fact the model enforces: ``kind`` above, ``index`` of the cast member,
    location, scene, ordering or day it concerns (-1 for production-wide rules)."""

    kind: str
    index: int = -1


Switch = Callable[[Fact], list[cp_model.IntVar]]

# What the model's arithmetic yields: ortools' own alias includes numpy integers, which do
# not add up with variables under mypy.
Expression = cp_model.LinearExpr | cp_model.IntVar | int


def always(_fact: Fact) -> list[cp_model.IntVar]:
    """The optimizer's switch: every fact is simply enforced."""
    return []


@dataclass(slots=True)
class ScheduleVariables:
    """Handles on the model's variables, keyed by (scene, day) and (location, day)."""

    shoot: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    day_used: list[cp_model.IntVar] = field(default_factory=list)
    location_used: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    block_start: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    block_minutes: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    moves: list[cp_model.IntVar] = field(default_factory=list)
    work: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    call: list[cp_model.IntVar] = field(default_factory=list)
    wrap: list[cp_model.IntVar] = field(default_factory=list)
    # (scene, day) -> the part of its block the scene is in, where its set mixes lights: the
    # number of these literals that are true (``ScheduleModel._add_light``).
    light_part: dict[tuple[int, int], list[cp_model.IntVar]] = field(default_factory=dict)


class ScheduleModel:
    """Builds the constraints of one problem into a CP-SAT model.

    ``switch`` returns the literals that enforce a fact: none in optimization (the fact simply
    holds), one assumption literal when explaining infeasibility. ``restrict_domains`` drops
    the Booleans for days a scene can never be shot on, which the optimizer wants and the
    explainer must not do (it has to be able to relax those facts).
    """

    def __init__(
        self, problem: IndexedProblem, *, switch: Switch = always, restrict_domains: bool = True
    ) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.switch = switch
        self.restrict_domains = restrict_domains
        self.variables = ScheduleVariables()
        self._scenes_on_day: list[list[int]] = [[] for _ in problem.dates]

    def build(self) -> ScheduleModel:
        self._add_assignment()
        self._add_days()
        self._add_work()
        self._add_locations()
        self._add_timelines()
        self._add_turnaround()
        self._add_consecutive_days()
        self._add_orderings()
        return self

    # --- assignment -------------------------------------------------------------------------

    def candidate_days(self, scene_index: int) -> tuple[int, ...]:
        if self.restrict_domains:
            return self.problem.allowed_days(scene_index)
        return tuple(range(self.problem.day_count))

    def _add_assignment(self) -> None:
        for scene_index in range(len(self.problem.scenes)):
            literals = []
            for day in self.candidate_days(scene_index):
                literal = self.model.new_bool_var(f"shoot_{scene_index}_{day}")
                self.variables.shoot[scene_index, day] = literal
                self._scenes_on_day[day].append(scene_index)
                literals.append(literal)
                self._forbid_unavailable(scene_index, day, literal)
            # The calendar fact: every scene is shot on one of the production's dates.
            self.model.add(sum(literals) == 1).only_enforce_if(self.switch(Fact(CALENDAR)))
            self.model.add(sum(literals) <= 1)

    def _forbid_unavailable(self, scene_index: int, day: int, literal: cp_model.IntVar) -> None:
        """In explanation mode, each availability fact may forbid the (scene, day) pair."""
        if self.restrict_domains:
            return
        scene = self.problem.scenes[scene_index]
        if scene.fixed_day is not None and scene.fixed_day != day:
            self._forbid(literal, Fact(FIXED_DATE, scene_index))
        location = self.problem.locations[scene.location]
        if location.allowed_days is not None and day not in location.allowed_days:
            self._forbid(literal, Fact(LOCATION_DATES, scene.location))
        for cast_index in scene.cast:
            allowed = self.problem.cast[cast_index].allowed_days
            if allowed is not None and day not in allowed:
                self._forbid(literal, Fact(CAST_AVAILABILITY, cast_index))

    def _forbid(self, literal: cp_model.IntVar, fact: Fact) -> None:
        self.model.add_bool_and([literal.Not()]).only_enforce_if(self.switch(fact))

    def _add_days(self) -> None:
        for day in range(self.problem.day_count):
            used = self.model.new_bool_var(f"day_used_{day}")
            shoots = [self.variables.shoot[scene, day] for scene in self._scenes_on_day[day]]
            for literal in shoots:
                self.model.add_implication(literal, used)
            self.model.add_bool_or([*shoots, used.Not()])
            self.variables.day_used.append(used)

    def _add_work(self) -> None:
        """work[cast, day]: the actor shoots at least one of their scenes that day."""
        cap = self.problem.rules.max_shoot_minutes
        for cast_index in range(len(self.problem.cast)):
            by_day: dict[int, list[int]] = {}
            for scene in self.problem.scenes_of_cast(cast_index):
                for day in self.candidate_days(scene):
                    by_day.setdefault(day, []).append(scene)
            for day, scenes in sorted(by_day.items()):
                shoots = [self.variables.shoot[scene, day] for scene in scenes]
                literal = self.model.new_bool_var(f"work_{cast_index}_{day}")
                for shoot in shoots:
                    self.model.add_implication(shoot, literal)
                self.model.add_bool_or([*shoots, literal.Not()])
                # LP cut: an actor's scenes of one day fit in one day, so their minutes bound
                # the actor's work days from below in the relaxation.
                minutes = sum(
                    self.problem.scenes[scene].minutes * shoot
                    for scene, shoot in zip(scenes, shoots, strict=True)
                )
                self.model.add(minutes <= cap * literal)
                self.variables.work[cast_index, day] = literal

    # --- locations and company moves --------------------------------------------------------

    def _add_locations(self) -> None:
        for day in range(self.problem.day_count):
            by_location: dict[int, list[int]] = {}
            for scene in self._scenes_on_day[day]:
                by_location.setdefault(self.problem.scenes[scene].location, []).append(scene)
            for location, scenes in sorted(by_location.items()):
                self._add_location_day(location, day, scenes)
            self._add_moves(day, sorted(by_location))

    def _add_location_day(self, location: int, day: int, scenes: list[int]) -> None:
        used = self.model.new_bool_var(f"location_used_{location}_{day}")
        shoots = [self.variables.shoot[scene, day] for scene in scenes]
        for literal in shoots:
            self.model.add_implication(literal, used)
        self.model.add_bool_or([*shoots, used.Not()])
        self.variables.location_used[location, day] = used
        total = sum(self.problem.scenes[scene].minutes for scene in scenes)
        minutes = self.model.new_int_var(0, total, f"block_minutes_{location}_{day}")
        durations = [self.problem.scenes[scene].minutes for scene in scenes]
        self.model.add(minutes == cp_model.LinearExpr.weighted_sum(shoots, durations))
        # A location day holds at most a day's work and its hours: redundant cuts for the LP,
        # each switched by the fact it comes from.
        rules, window = self.problem.rules, self.problem.locations[location]
        self.model.add(minutes <= rules.max_shoot_minutes * used).only_enforce_if(
            self.switch(Fact(DAILY_HOURS))
        )
        hours = window.window_end - window.window_start
        if hours < MINUTES_PER_DAY:
            self.model.add(minutes <= max(hours, 0) * used).only_enforce_if(
                self.switch(Fact(LOCATION_WINDOW, location))
            )
        self.variables.block_minutes[location, day] = minutes

    def _add_moves(self, day: int, locations: list[int]) -> None:
        # A company move each time the unit leaves one location for the next: sets - 1.
        used = [self.variables.location_used[location, day] for location in locations]
        moves = self.model.new_int_var(0, max(len(used) - 1, 0), f"moves_{day}")
        self.model.add(moves == sum(used) - self.variables.day_used[day])
        limit = self.problem.rules.max_moves_per_day
        if limit is not None:
            self.model.add(moves <= limit).only_enforce_if(self.switch(Fact(MOVES_PER_DAY)))
        self.variables.moves.append(moves)

    # --- the day's timeline -----------------------------------------------------------------

    def _time_bounds(self) -> tuple[int, int]:
        """Calls fall on the shoot date itself (00:00-23:59); wraps up to a full day later."""
        return 0, MINUTES_PER_DAY - 1 + self.problem.rules.max_shoot_minutes

    def _add_timelines(self) -> None:
        _, latest = self._time_bounds()
        for day in range(self.problem.day_count):
            call = self.model.new_int_var(0, MINUTES_PER_DAY - 1, f"call_{day}")
            wrap = self.model.new_int_var(0, latest, f"wrap_{day}")
            self.variables.call.append(call)
            self.variables.wrap.append(wrap)
            self._add_day_length(day, call, wrap)
            self._add_blocks(day, call, wrap)

    def shooting_minutes(self, day: int) -> Expression:
        """Scene time plus company moves: the length of the day from call to wrap."""
        scenes = sum(
            self.problem.scenes[scene].minutes * self.variables.shoot[scene, day]
            for scene in self._scenes_on_day[day]
        )
        return scenes + self.problem.rules.move_minutes * self.variables.moves[day]

    def _add_day_length(self, day: int, call: cp_model.IntVar, wrap: cp_model.IntVar) -> None:
        length = self.shooting_minutes(day)
        self.model.add(wrap - call == length)
        cap = self.problem.rules.max_shoot_minutes
        used = self.variables.day_used[day]
        # Written as length <= cap * used, not length <= cap: the same integer solutions, but
        # the LP relaxation then knows the work needs at least total / cap days.
        self.model.add(length <= cap * used).only_enforce_if(self.switch(Fact(DAILY_HOURS)))

    def _add_blocks(self, day: int, call: cp_model.IntVar, wrap: cp_model.IntVar) -> None:
        move = self.problem.rules.move_minutes
        earliest, latest = self._time_bounds()
        intervals = []
        for (location, block_day), used in self.variables.location_used.items():
            if block_day != day:
                continue
            minutes = self.variables.block_minutes[location, day]
            start = self.model.new_int_var_from_domain(
                self._start_domain(location), f"block_start_{location}_{day}"
            )
            self.variables.block_start[location, day] = start
            # The block is followed by the move to the next set, so blocks never touch.
            end = self.model.new_int_var(earliest, latest + move, f"block_end_{location}_{day}")
            intervals.append(
                self.model.new_optional_interval_var(
                    start, minutes + move, end, used, f"block_{location}_{day}"
                )
            )
            self.model.add(start >= call).only_enforce_if(used)
            self.model.add(start + minutes <= wrap).only_enforce_if(used)
            self._add_window(location, day, start, minutes)
            self._add_light(location, day, start, minutes)
        self.model.add_no_overlap(intervals)

    def _add_light(
        self, location: int, day: int, start: cp_model.IntVar, minutes: cp_model.IntVar
    ) -> None:
        """Each exterior shot on this day lies inside its light (dawn, daylight, dark).

        Scenes are ordered inside a block only after the search, so the model times a block
        in up to ``LIGHT_PARTS`` parts, one after the other: the scenes of one light (all DAY
        exteriors, all NIGHT ones, all interiors...) go to the same part, and each exterior
        has its whole part inside its light. A set shot from dawn through the day into dusk
        is one block; the order inside each part stays free.
        """
        scenes = [
            scene
            for scene in self._scenes_on_day[day]
            if self.problem.scenes[scene].location == location
        ]
        lights: dict[tuple[tuple[int, int], ...] | None, list[int]] = {}
        for scene in scenes:
            lights.setdefault(self.problem.scenes[scene].light, []).append(scene)
        if all(light is None for light in lights):
            return
        parts = min(len(lights), LIGHT_PARTS)
        # borders[k]: where part k begins, in minutes from the block's start.
        borders: list[Expression] = [0, *([minutes] * (parts - 1)), minutes]
        for index, members in enumerate(lights.values()):
            later = self._light_parts(location, day, index, members, parts)
            for border in range(1, parts):
                borders[border] = borders[border] - later[border - 1]
        for scene in scenes:
            if self.problem.scenes[scene].light is not None:
                self._add_scene_light(scene, day, start, borders)

    def _light_parts(
        self, location: int, day: int, index: int, members: list[int], parts: int
    ) -> list[cp_model.IntVar]:
        """For one light's scenes, ``after[k]`` (true when they are in part k + 1 or later)
        and the minutes each such border moves by: theirs when after it, else 0."""
        shoots = [self.variables.shoot[scene, day] for scene in members]
        durations = [self.problem.scenes[scene].minutes for scene in members]
        after: list[cp_model.IntVar] = []
        moved: list[cp_model.IntVar] = []
        for border in range(1, parts):
            literal = self.model.new_bool_var(f"after_{location}_{day}_{index}_{border}")
            # Later only when some scene of this light is shot: no symmetric choice for the
            # rest; and in part k + 1 or later only if in part k or later.
            self.model.add_bool_or(shoots).only_enforce_if(literal)
            if after:
                self.model.add_implication(literal, after[-1])
            minutes = self.model.new_int_var(
                0, sum(durations), f"after_minutes_{location}_{day}_{index}_{border}"
            )
            total = cp_model.LinearExpr.weighted_sum(shoots, durations)
            self.model.add(minutes == total).only_enforce_if(literal)
            self.model.add(minutes == 0).only_enforce_if(literal.Not())
            after.append(literal)
            moved.append(minutes)
        for scene in members:
            self.variables.light_part[scene, day] = after
        return moved

    def _add_scene_light(
        self, scene: int, day: int, start: cp_model.IntVar, borders: list[Expression]
    ) -> None:
        spans = self.problem.scenes[scene].light or ()
        switch = [self.variables.shoot[scene, day], *self.switch(Fact(LIGHT, scene))]
        choices = [self.model.new_bool_var(f"light_{scene}_{day}_{k}") for k in range(len(spans))]
        self.model.add_bool_or(choices).only_enforce_if(switch)
        after = self.variables.light_part.get((scene, day), [])
        for choice, (first, last) in zip(choices, spans, strict=True):
            for part in range(len(after) + 1):
                # In this part: after its opening border, not after its closing one.
                when = [choice, *after[part - 1 : part], *(a.Not() for a in after[part : part + 1])]
                self.model.add(start + borders[part] >= first).only_enforce_if(when)
                self.model.add(start + borders[part + 1] <= last).only_enforce_if(when)

    def _openings(self, location: int) -> list[tuple[int, int]]:
        """The openings of a location's hours a block may use: the shoot date's, the evening
        before's still open after midnight (a call at 01:00 in a 19:00-07:00 rink), and the
        next morning's (a night unit that ends at a 05:00-12:00 pond at dawn)."""
        earliest, latest = self._time_bounds()
        window = self.problem.locations[location]
        shifted = (
            (
                window.window_start + shift * MINUTES_PER_DAY,
                window.window_end + shift * MINUTES_PER_DAY,
            )
            for shift in (-1, 0, 1)
        )
        return [(first, last) for first, last in shifted if last > earliest and first <= latest]

    def _start_domain(self, location: int) -> cp_model.Domain:
        """Where a block may start. Unused blocks take any value, so when the window is
        simply enforced (not a switchable fact) its hours go into the domain itself: far
        stronger propagation than the enforced inequalities alone."""
        earliest, latest = self._time_bounds()
        window = self.problem.locations[location]
        hours = window.window_end - window.window_start
        if hours >= MINUTES_PER_DAY or self.switch(Fact(LOCATION_WINDOW, location)):
            return cp_model.Domain(earliest, latest)
        return cp_model.Domain.from_intervals(
            [[max(first, earliest), min(last, latest)] for first, last in self._openings(location)]
        )

    def _add_window(
        self, location: int, day: int, start: cp_model.IntVar, minutes: cp_model.IntVar
    ) -> None:
        """The block sits inside one opening of the location's hours (``_openings``)."""
        window = self.problem.locations[location]
        if window.window_end - window.window_start >= MINUTES_PER_DAY:
            return
        used = self.variables.location_used[location, day]
        switch = [used, *self.switch(Fact(LOCATION_WINDOW, location))]
        openings = self._openings(location)
        if len(openings) == 1:
            choices = [used]
        else:
            choices = [
                self.model.new_bool_var(f"opening_{location}_{day}_{index}")
                for index in range(len(openings))
            ]
            self.model.add_bool_or(choices).only_enforce_if(switch)
        for choice, (first, last) in zip(choices, openings, strict=True):
            self.model.add(start >= first).only_enforce_if([*switch, choice])
            self.model.add(start + minutes <= last).only_enforce_if([*switch, choice])

    # --- rules between days ------------------------------------------------------------------

    def _add_turnaround(self) -> None:
        """Rest between wrap and the next call: the crew's on every pair of shoot days (IATSE:
        10 hours), an actor's between their own work days (SAG-AFTRA: 12 hours). Enforcing it
        on every pair, not just neighbours, is the same rule: rest only grows across a day."""
        rules = self.problem.rules
        for first, second, offset in self._close_pairs(rules.crew_turnaround_minutes):
            used = [self.variables.day_used[first], self.variables.day_used[second]]
            self._add_rest(first, second, offset, rules.crew_turnaround_minutes, used)
        for first, second, offset in self._close_pairs(rules.turnaround_minutes):
            for cast_index in range(len(self.problem.cast)):
                work = self.variables.work
                if (cast_index, first) in work and (cast_index, second) in work:
                    both = [work[cast_index, first], work[cast_index, second]]
                    self._add_rest(first, second, offset, rules.turnaround_minutes, both)

    def _close_pairs(self, minimum: int) -> list[tuple[int, int, int]]:
        """Pairs of shoot days close enough in the calendar for the rest to bind."""
        _, latest_wrap = self._time_bounds()
        pairs = []
        for first in range(self.problem.day_count):
            for second in range(first + 1, self.problem.day_count):
                offset = MINUTES_PER_DAY * self.problem.calendar_gap(first, second)
                if offset - latest_wrap >= minimum:
                    break
                pairs.append((first, second, offset))
        return pairs

    def _add_rest(
        self, first: int, second: int, offset: int, minimum: int, when: list[cp_model.IntVar]
    ) -> None:
        rest = self.variables.call[second] + offset - self.variables.wrap[first]
        enforce = [*when, *self.switch(Fact(TURNAROUND))]
        self.model.add(rest >= minimum).only_enforce_if(enforce)

    def _add_consecutive_days(self) -> None:
        """No more than N shoot days in a row without a day off (a six-day week)."""
        limit = self.problem.rules.max_consecutive_days
        if limit is None:
            return
        for run in consecutive_runs(self.problem, limit + 1):
            used = [self.variables.day_used[day] for day in run]
            self.model.add(sum(used) <= limit).only_enforce_if(self.switch(Fact(CONSECUTIVE_DAYS)))

    def day_of(self, scene_index: int) -> Expression:
        return sum(
            day * self.variables.shoot[scene_index, day] for day in self.candidate_days(scene_index)
        )

    def _add_orderings(self) -> None:
        # Ranks give the orderings a total order, which exists exactly when they form no
        # cycle; inside a location block the sequencing then follows them.
        count = len(self.problem.scenes)
        rank = {
            scene: self.model.new_int_var(0, count, f"rank_{scene}")
            for ordering in self.problem.orderings
            for scene in ordering
        }
        for ordering_index, (before, after) in enumerate(self.problem.orderings):
            switch = self.switch(Fact(ORDERING, ordering_index))
            self.model.add(self.day_of(before) <= self.day_of(after)).only_enforce_if(switch)
            self.model.add(rank[before] < rank[after]).only_enforce_if(switch)
            self._add_same_day_order(before, after, switch)

    def _add_same_day_order(self, before: int, after: int, switch: list[cp_model.IntVar]) -> None:
        """On a shared day, the earlier scene's location block must come first."""
        first_location = self.problem.scenes[before].location
        second_location = self.problem.scenes[after].location
        shoot = self.variables.shoot
        if first_location == second_location:
            # The sequencing puts it first inside its part of the block; not in a later part.
            part = self.variables.light_part
            for day in range(self.problem.day_count):
                if (before, day) in part and (after, day) in part:
                    both = [shoot[before, day], shoot[after, day], *switch]
                    self.model.add(sum(part[before, day]) <= sum(part[after, day])).only_enforce_if(
                        both
                    )
            return
        for day in range(self.problem.day_count):
            if (before, day) not in shoot or (after, day) not in shoot:
                continue
            first_end = (
                self.variables.block_start[first_location, day]
                + self.variables.block_minutes[first_location, day]
            )
            self.model.add(
                self.variables.block_start[second_location, day] >= first_end
            ).only_enforce_if([shoot[before, day], shoot[after, day], *switch])


def consecutive_runs(problem: IndexedProblem, length: int) -> list[Sequence[int]]:
    """Every run of ``length`` shoot days on back-to-back calendar dates."""
    runs: list[Sequence[int]] = []
    for start in range(problem.day_count - length + 1):
        run = range(start, start + length)
        if problem.calendar_gap(start, start + length - 1) == length - 1:
            runs.append(run)
    return runs
