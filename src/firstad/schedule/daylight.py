"""The light an exterior needs: when in a shoot day each exterior scene may be shot.

An interior can be lit as day or blacked out as night at any hour; an exterior cannot. An
EXT DAY scene is shot between sunrise and sunset, an EXT NIGHT scene in the dark, and DAWN and
DUSK exteriors in the twilight around sunrise or sunset. INT/EXT scenes (a car, a doorway) see
the sky and count as exteriors.

Spans are minutes from midnight of the shoot day's date over two days (0-2880), the same clock
the evaluator times a day on, so a night shoot called at 19:00 that reaches 04:00 is at 1680.
"""

from __future__ import annotations

from firstad.model import MINUTES_PER_DAY, IntExt
from firstad.schedule.problem import DaylightMinutes, SceneJob

Span = tuple[int, int]
# The optimizer times a set's block of a day in at most this many parts, one light to a part:
# three covers a set shot from dawn through the day into dusk.
LIGHT_PARTS = 3
_SEES_THE_SKY = frozenset({IntExt.EXT, IntExt.INT_EXT})


def _each_day(start: int, end: int) -> tuple[Span, ...]:
    """The span on the shoot date and its repeat on the morning after."""
    return ((start, end), (start + MINUTES_PER_DAY, end + MINUTES_PER_DAY))


def lighting_spans(lighting: str, daylight: DaylightMinutes) -> tuple[Span, ...] | None:
    """When a scene lit as ``lighting`` (DAY, NIGHT, DAWN, DUSK) may be shot; None if any time."""
    sunrise, sunset, twilight = daylight.sunrise, daylight.sunset, daylight.twilight
    if lighting == "DAY":
        return _each_day(sunrise, sunset)
    if lighting == "NIGHT":
        return (
            (0, sunrise),
            (sunset, sunrise + MINUTES_PER_DAY),
            (sunset + MINUTES_PER_DAY, 2 * MINUTES_PER_DAY),
        )
    if lighting == "DAWN":
        return _each_day(sunrise - twilight, sunrise + twilight)
    if lighting == "DUSK":
        return _each_day(sunset - twilight, sunset + twilight)
    return None


def scene_spans(scene: SceneJob, daylight: DaylightMinutes | None) -> tuple[Span, ...] | None:
    """When in its shoot day ``scene`` may be shot for its light; None when light does not bind."""
    if daylight is None or scene.int_ext not in _SEES_THE_SKY or scene.time_of_day is None:
        return None
    return lighting_spans(scene.time_of_day, daylight)


def fits_light(start: int, end: int, spans: tuple[Span, ...] | None) -> bool:
    """True when the scene, shot from ``start`` to ``end``, lies inside one allowed span."""
    return spans is None or any(first <= start and end <= last for first, last in spans)


def longest_span(spans: tuple[Span, ...]) -> int:
    return max(last - first for first, last in spans)
