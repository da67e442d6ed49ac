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
# A change of light within the scene: "DAY TO NIGHT", "NIGHT INTO DAWN".
_CHANGE_OF_LIGHT = re.compile(r"^(?P<start>.+?)\s+(?:TO|INTO)\s+(?P<end>.+)$")
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
    """The three facts a heading gives. ``time`` is normalised; None when not given.

    ``time_to`` is the time a change of light ends in (``DAY TO NIGHT`` gives ``time`` DAY,
    ``time_to`` NIGHT); None when the heading names one time.
    """

    int_ext: IntExt | None
    location: str
    time: str | None
    time_to: str | None = None


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
    if (change := change_of_light(words)) is not None:
        return change[0]
    # "DAY / DRIVING", "NIGHT / LATER": the time comes first.
    if "/" in words:
        return normalise_time(words.split("/", 1)[0])
    if words.endswith(" LATER") or words.startswith("LATER "):
        return "LATER"
    if words.startswith("CONTINUOUS"):
        return "CONTINUOUS"
    return None


def change_of_light(text: str) -> tuple[str, str] | None:
    """``DAY TO NIGHT`` as (start, end), both normalised; None unless both sides are times."""
    match = _CHANGE_OF_LIGHT.match(_SPACES.sub(" ", text.upper().strip(" .()[]")))
    if match is None:
        return None
    start, end = normalise_time(match["start"]), normalise_time(match["end"])
    return None if start is None or end is None else (start, end)


def _time_to(texts: list[str]) -> str | None:
    """Where the first change of light among the heading's time parts ends."""
    changes = (change_of_light(text) for text in texts)
    return next((change[1] for change in changes if change is not None), None)


def _split_time(rest: str) -> tuple[str, str | None, str | None]:
    """Split ``HOUSE - KITCHEN - NIGHT (1987)`` into the set, the normalised time, and where a
    change of light ends."""
    notes = _BRACKETED.findall(rest)
    # A note at the end leaves its separator behind: "NIGHT - [THE STORM]".
    rest = _BRACKETED.sub("", rest).strip(" -,\u2013\u2014")
    parenthesis = _TRAILING_PARENTHESIS.search(rest)
    if parenthesis is not None:
        inside = normalise_time(parenthesis.group(0).strip(" ()"))
        bare = rest[: parenthesis.start()]
        if inside is not None:
            return bare, inside, _time_to([parenthesis.group(0)])
        rest_without = bare
    else:
        rest_without = rest
    parts = _SEPARATOR.split(rest_without)
    times: list[str] = []
    time_parts: list[str] = []
    # "POND - NIGHT - CONTINUOUS": every trailing time leaves the set.
    while len(parts) > 1 and (time := normalise_time(parts[-1])) is not None:
        times.insert(0, time)
        time_parts.insert(0, parts.pop())
    if not times:
        times = [time for note in notes if (time := normalise_time(note)) is not None]
        time_parts = notes
    return " - ".join(parts), _most_telling(times), _time_to(time_parts)


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
    location, time, time_to = _split_time(rest)
    location = _SPACES.sub(" ", location.upper().strip(" .-,"))
    return HeadingParts(int_ext, location, time, time_to)


def lighting(time: str | None) -> str | None:
    """DAY, NIGHT, DAWN or DUSK for a normalised time; None for CONTINUOUS-like times."""
    return None if time is None else _LIGHTING.get(time)


def change_of_light_note(int_ext: IntExt | None, start: str, end: str) -> str | None:
    """What a scene whose light changes asks of the schedule; None when the light stays.

    The stripboard colours a strip by the light at the scene's start (industry practice), but
    shooting it needs both: inside, the set is lit for each; outside, real light changes only
    at dusk and dawn, so the change is shot then (magic hour) or the scene is split in two.
    """
    before, after = lighting(start), lighting(end)
    if before is None or after is None or before == after:
        return None
    lead = f"time runs {start} TO {end}: the strip is {start}, the light at its start; "
    if int_ext is IntExt.INT:
        return lead + "the set is lit for both"
    if before in {"DAY", "DUSK"} and after in {"NIGHT", "DUSK"}:
        return lead + "outside, the change of light is shot at dusk (or split the scene)"
    if before in {"NIGHT", "DAWN"} and after in {"DAY", "DAWN"}:
        return lead + "outside, the change of light is shot at dawn (or split the scene)"
    return lead + "outside, both lights are needed (or split the scene)"


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
