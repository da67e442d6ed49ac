"""How many strips a re-plan may move off their published day, as the day search counts them.

A re-plan first finds the fewest strips it must move (``optimizer``); a crew may allow more,
for a cheaper plan: call sheets not yet sent, actors who can shift. The day search keeps such a
plan within its budget by pricing each proposed move's change in the count before making it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

# The published day of a scene whose day is gone (lost, or not a shoot date any more): it has
# moved wherever it goes.
NO_DAY = -1


@dataclass(frozen=True, slots=True)
class MoveBudget:
    """At most ``limit`` scenes off their ``published`` day (a day index per scene, ``NO_DAY``
    when the published day is gone)."""

    published: tuple[int, ...]
    limit: int

    def moved(self, day_of: Sequence[int]) -> int:
        """How many scenes of the assignment ``day_of`` are off their published day."""
        return sum(day != published for day, published in zip(day_of, self.published, strict=True))

    def change(self, day_of: Sequence[int], changes: Sequence[tuple[int, int]]) -> int:
        """How the count changes when each ``(scene, day)`` of ``changes`` is made (each scene
        at most once)."""
        published = self.published
        return sum(
            (day != published[scene]) - (day_of[scene] != published[scene])
            for scene, day in changes
        )

    def swap_change(
        self, one: int, two: int, first: Collection[int], second: Collection[int]
    ) -> int:
        """How the count changes when days ``one`` and ``two`` trade their scenes ``first``
        (now on ``one``) and ``second`` (now on ``two``)."""
        published = self.published
        return sum((two != published[scene]) - (one != published[scene]) for scene in first) + sum(
            (one != published[scene]) - (two != published[scene]) for scene in second
        )
