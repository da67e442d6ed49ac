"""Reading a scene heading: INT/EXT, the set, and the time of day.

Writers vary the punctuation (``INT. HOUSE - NIGHT``, ``EXT. LIBRARY--DAY``,
``INT. APARTMENT, DAY``, ``I/E CAR - MOVING - NIGHT (1987)``) but the stripboard needs the same
three facts from each, spelled one way, so that scenes at one set group together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from firstad.model import IntExt

_PREFIX = re.compile(
    r"""^\s*(?P<prefix>
        INT(?:ERIOR)?\.?\s*[/-]\s*EXT(?:ERIOR)?\.?
      | EXT(?:ERIOR)?\.?\s*[/-]\s*INT(?:ERIOR)?\.?
      | I\s*/\s*E\.? | E\s*/\s*I\.?
      | INT(?:ERIOR)?\.? | EXT(?:ERIOR)?\.? | EST\.?
    )(?=[\s.\-]|$)[\s.\-]*""",
    re.IGNORECASE | re.VERBOSE,
)
# Separators between heading parts: " - ", "--", " -- ", ", " and the en/em dashes.
_SEPARATOR = re.compile(r"\s*(?:--+|[\u2013\u2014]|\s-\s|,\s)\s*")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
_PARENTHESIS = re.compile(r"\([^)]*\)")
# Writers' notes in square brackets: "- NIGHT [CONTINUOUS]", "[FLASHBACK]", "[SUMMER '78]".
_BRACKETED = re.compile(r"\s*\[([^\]]*)\]")
_SPACES = re.compile(r"\s+")
_QUALIFIER = re.compile(
    r"^(?:THE\s+)?(?:NEXT|FOLLOWING|SAME|EARLY|LATE|ONE|THAT|ANOTHER|PRESENT)\s+"
)

# Times of day as writers spell them, mapped to the one spelling the stripboard uses.
_TIMES: dict[str, str] = {
    "DAY": "DAY",
    "DAYTIME": "DAY",
    "NIGHT": "NIGHT",
    "NIGHTTIME": "NIGHT",
    "LATE NIGHT": "NIGHT",
    "MIDNIGHT": "NIGHT",
    "DAWN": "DAWN",
    "SUNRISE": "DAWN",
    "PRE-DAWN": "DAWN",
    "PREDAWN": "DAWN",
    "FIRST LIGHT": "DAWN",
    "EARLY MORNING": "MORNING",
    "MORNING": "MORNING",
    "NOON": "NOON",
    "MIDDAY": "NOON",
    "AFTERNOON": "AFTERNOON",
    "LATE AFTERNOON": "AFTERNOON",
    "EVENING": "EVENING",
    "DUSK": "DUSK",
    "SUNSET": "DUSK",
    "TWILIGHT": "DUSK",
    "MAGIC HOUR": "DUSK",
    "CONTINUOUS": "CONTINUOUS",
    "CONTINUOUS ACTION": "CONTINUOUS",
    "CONT": "CONTINUOUS",
    "CONT'D": "CONTINUOUS",
    "CONTD": "CONTINUOUS",
    "CONTINUED": "CONTINUOUS",
    "LATER": "LATER",
    "LATER THAT DAY": "LATER",
    "LATER THAT NIGHT": "LATER",
    "MOMENTS LATER": "MOMENTS LATER",
    "MOMENT LATER": "MOMENTS LATER",
    "A MOMENT LATER": "MOMENTS LATER",
    "A FEW MOMENTS LATER": "MOMENTS LATER",
    "SECONDS LATER": "MOMENTS LATER",
    "MINUTES LATER": "MOMENTS LATER",
    "SAME": "SAME",
    "SAME TIME": "SAME",
    "SIMULTANEOUS": "SAME",
    "DAY/NIGHT": "DAY",
}

# How each time is lit on the day: the colour of the strip. Times that only say "right after"
# take the lighting of the scene before (see ``resolve_day_night``).
_LIGHTING: dict[str, str] = {
    "DAY": "DAY",
    "MORNING": "DAY",
    "NOON": "DAY",
    "AFTERNOON": "DAY",
    "NIGHT": "NIGHT",
    "EVENING": "NIGHT",
    "DAWN": "DAWN",
    "DUSK": "DUSK",
}


@dataclass(frozen=True, slots=True)
class HeadingParts:
    """The three facts a heading gives. ``time`` is normalised; None when not given."""

    int_ext: IntExt | None
    location: str
    time: str | None


def _int_ext(prefix: str) -> IntExt:
    """INT., EXT., INT./EXT., I/E ...: a slash or dash between two letters means both."""
    letters = re.sub(r"[^A-Z/]", "", prefix.upper().replace("-", "/"))
    if "/" in letters:
        return IntExt.INT_EXT
    # EST. (establishing shot) is always an exterior of the building.
    return IntExt.INT if letters.startswith("I") else IntExt.EXT


def normalise_time(text: str) -> str | None:
    """The stripboard spelling of a time of day, or None when ``text`` is not one."""
    words = _SPACES.sub(" ", text.upper().strip(" .")).replace("\u2019", "'")
    # "(PRESENT) DAY", "NIGHT (1987)": the parenthesis qualifies the time.
    words = _SPACES.sub(" ", _PARENTHESIS.sub(" ", words)).strip(" .")
    if words in _TIMES:
        return _TIMES[words]
    # "THE NEXT MORNING", "NEXT DAY", "EARLY EVENING": the time is the last word.
    qualified = _QUALIFIER.sub("", words)
    if qualified != words and qualified in _TIMES:
        return _TIMES[qualified]
    # "DAY / DRIVING", "NIGHT / LATER": the time comes first.
    if "/" in words:
        return normalise_time(words.split("/", 1)[0])
    if words.endswith(" LATER") or words.startswith("LATER "):
        return "LATER"
    if words.startswith("CONTINUOUS"):
        return "CONTINUOUS"
    return None


def _split_time(rest: str) -> tuple[str, str | None]:
    """Split ``HOUSE - KITCHEN - NIGHT (1987)`` into the set and the normalised time."""
    notes = _BRACKETED.findall(rest)
    # A note at the end leaves its separator behind: "NIGHT - [THE STORM]".
    rest = _BRACKETED.sub("", rest).strip(" -,\u2013\u2014")
    parenthesis = _TRAILING_PARENTHESIS.search(rest)
    if parenthesis is not None:
        inside = normalise_time(parenthesis.group(0).strip(" ()"))
        bare = rest[: parenthesis.start()]
        if inside is not None:
            return bare, inside
        rest_without = bare
    else:
        rest_without = rest
    parts = _SEPARATOR.split(rest_without)
    times: list[str] = []
    # "POND - NIGHT - CONTINUOUS": every trailing time leaves the set.
    while len(parts) > 1 and (time := normalise_time(parts[-1])) is not None:
        times.insert(0, time)
        parts.pop()
    if not times:
        times = [time for note in notes if (time := normalise_time(note)) is not None]
    return " - ".join(parts), _most_telling(times)


def _most_telling(times: list[str]) -> str | None:
    """The first time that says how the scene is lit, else the first one given."""
    lit = [time for time in times if time in _LIGHTING]
    return next(iter(lit or times), None)


def parse_heading(heading: str) -> HeadingParts:
    """Split a scene heading into INT/EXT, set and time."""
    text = _SPACES.sub(" ", heading.strip()).replace("\u2019", "'")
    match = _PREFIX.match(text)
    int_ext = _int_ext(match.group("prefix")) if match else None
    rest = text[match.end() :] if match else text
    location, time = _split_time(rest)
    location = _SPACES.sub(" ", location.upper().strip(" .-,"))
    return HeadingParts(int_ext, location, time)


def lighting(time: str | None) -> str | None:
    """DAY, NIGHT, DAWN or DUSK for a normalised time; None for CONTINUOUS-like times."""
    return None if time is None else _LIGHTING.get(time)


def resolve_day_night(times: list[str | None]) -> list[str | None]:
    """Each scene's lighting, carrying it over CONTINUOUS, LATER, SAME and unstated times."""
    resolved: list[str | None] = []
    previous: str | None = None
    for time in times:
        current = lighting(time)
        if current is None and time is not None and time in _TIMES.values():
            current = previous
        resolved.append(current)
        previous = current if current is not None else previous
    return resolved
