"""A shooting schedule and its judgement: the days, what they cost and what they break.

A schedule is only data: any source (the optimiser, a hand edit, an imported file) builds one,
and the evaluator (``firstad.schedule.evaluator``) judges all of them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from firstad.model.problem import Problem


@dataclass(frozen=True, slots=True)
class ShootDay:
    """One shooting day.

    ``date`` is the date of the call: a night shoot with call 19:00 on 3 March and wrap at
    07:00 on 4 March is the day of 3 March. ``call`` and ``wrap`` are naive datetimes, local to
    the production's time zone. ``scenes`` are scene numbers in shooting order; ``locations``
    the location ids in the order visited (empty = derived from the scenes). ``locked`` marks a
    day the user fixed by hand: re-planning keeps it as it is.
    """

    date: date
    call: datetime
    wrap: datetime
    scenes: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    locked: bool = False

    @property
    def minutes(self) -> int:
        """Minutes from call to wrap."""
        return int((self.wrap - self.call).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A whole schedule: the shoot days in date order and the scenes left unscheduled."""

    days: tuple[ShootDay, ...]
    unscheduled: tuple[str, ...] = ()

    def day_of(self, scene: str) -> ShootDay | None:
        """The first day that shoots ``scene``, None when no day does."""
        return next((day for day in self.days if scene in day.scenes), None)


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """What a schedule costs, in whole currency units.

    ``cast``: pay for days worked; ``cast_holds``: pay for shoot days held on payroll without
    working; ``crew``: the crew's daily rate per shoot day; ``locations``: rental per date used;
    ``permits``: one fee per location used; ``moves``: company moves; ``overtime``: time past
    the standard day; ``total`` the sum.
    """

    cast: int = 0
    cast_holds: int = 0
    crew: int = 0
    locations: int = 0
    permits: int = 0
    moves: int = 0
    overtime: int = 0
    total: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "cast": self.cast,
            "cast_holds": self.cast_holds,
            "crew": self.crew,
            "locations": self.locations,
            "permits": self.permits,
            "moves": self.moves,
            "overtime": self.overtime,
            "total": self.total,
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The judgement of a schedule: its cost and every hard-constraint violation found."""

    cost: CostBreakdown
    violations: tuple[Problem, ...] = ()

    @property
    def feasible(self) -> bool:
        return not any(problem.is_error for problem in self.violations)
