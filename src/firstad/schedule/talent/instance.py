"""The talent scheduling instance: scenes and their days, actors and their pay, who is where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TalentInstance:
    """One talent scheduling problem, as read from a file or generated.

    ``durations[s]`` is the number of days scene ``s`` takes; ``costs[a]`` is actor ``a``'s daily
    pay; ``appearances[a][s]`` is True when actor ``a`` is in scene ``s``. Scenes and actors are
    numbered from 0 in the order of the file; ``name`` is the file's own name line (or the file
    name when the format has none).
    """

    name: str
    durations: tuple[int, ...]
    costs: tuple[int, ...]
    appearances: tuple[tuple[bool, ...], ...]

    def __post_init__(self) -> None:
        if len(self.appearances) != len(self.costs):
            raise ValueError("one row of appearances is needed per actor")
        if any(len(row) != len(self.durations) for row in self.appearances):
            raise ValueError("each row of appearances needs one entry per scene")
        if any(value < 0 for value in (*self.durations, *self.costs)):
            raise ValueError("durations and costs cannot be negative")

    @property
    def scene_count(self) -> int:
        return len(self.durations)

    @property
    def actor_count(self) -> int:
        return len(self.costs)

    def scenes_of(self, actor: int) -> tuple[int, ...]:
        """The scenes actor ``actor`` appears in, in file order."""
        return tuple(scene for scene, present in enumerate(self.appearances[actor]) if present)

    def actors_in(self, scene: int) -> tuple[int, ...]:
        """The actors who appear in scene ``scene``."""
        return tuple(actor for actor, row in enumerate(self.appearances) if row[scene])
