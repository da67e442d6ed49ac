"""Problems in user data, as records with a location (never exceptions).

Every stage returns its result together with the problems it found, so one run reports all of
them at once, each as ``path:line: message`` (or ``scene 14: message`` in scheduling).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: an error stops the stage's result from being trusted."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in user data.

    ``source`` is the file it was found in (None when the data did not come from a file),
    ``line`` the 1-based line in that file (None when unknown or not line-based, such as PDF),
    ``scene`` the scene number it concerns, ``key`` a dotted key path in a structured file
    (``cast.MAYA.rate``).
    """

    message: str
    source: str | None = None
    line: int | None = None
    scene: str | None = None
    key: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """Where the problem is, in the ``file:line`` form editors and terminals link."""
        parts: list[str] = []
        if self.source is not None:
            parts.append(self.source if self.line is None else f"{self.source}:{self.line}")
        if self.key is not None:
            parts.append(self.key)
        if self.scene is not None:
            parts.append(f"scene {self.scene}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return f"{where}: {prefix}{self.message}" if where else f"{prefix}{self.message}"


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    """True when any problem is an error rather than a warning."""
    return any(problem.is_error for problem in problems)
