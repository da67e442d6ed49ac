"""The scene breakdown: what each scene needs in front of the camera.

Categories follow the industry's breakdown sheet (Movie Magic Scheduling, StudioBinder); the
colours are the conventional highlighter colours used when tagging a script by hand, so a
printed breakdown reads the way crews expect.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from firstad.model.script import Note


class Category(StrEnum):
    """Breakdown element categories."""

    CAST = "cast"
    EXTRAS = "extras"
    STUNTS = "stunts"
    VEHICLES = "vehicles"
    PROPS = "props"
    ANIMALS = "animals"
    WARDROBE = "wardrobe"
    MAKEUP = "makeup"
    SFX = "sfx"
    VFX = "vfx"
    SOUND = "sound"
    MUSIC = "music"
    SET_DRESSING = "set_dressing"
    SPECIAL_EQUIPMENT = "special_equipment"
    GREENERY = "greenery"
    NOTES = "notes"


# The conventional tagging colours (red cast, green extras, orange stunts, ...).
CATEGORY_COLOURS: Mapping[Category, str] = MappingProxyType(
    {
        Category.CAST: "#e02020",  # red
        Category.EXTRAS: "#2e9e3e",  # green
        Category.STUNTS: "#f28c28",  # orange
        Category.VEHICLES: "#ff69b4",  # pink
        Category.PROPS: "#8e44ad",  # violet
        Category.ANIMALS: "#ff69b4",  # pink, shared with vehicles as on the classic sheet
        Category.WARDROBE: "#3a7bd5",  # blue (circled on paper)
        Category.MAKEUP: "#e67e22",  # asterisk on paper; amber in colour
        Category.SFX: "#1f5fbf",  # blue
        Category.VFX: "#00a8a8",  # teal
        Category.SOUND: "#8b5a2b",  # brown
        Category.MUSIC: "#8b5a2b",  # brown, shared with sound
        Category.SET_DRESSING: "#b8860b",  # dark yellow
        Category.SPECIAL_EQUIPMENT: "#5d6d7e",  # grey (boxed on paper)
        Category.GREENERY: "#6b8e23",  # olive
        Category.NOTES: "#7f8c8d",  # grey
    }
)


class ElementSource(StrEnum):
    """Where an element came from: suggested by firstad, tagged in the script file, or edited."""

    SUGGESTED = "suggested"
    TAGGED = "tagged"
    USER = "user"


class IntExt(StrEnum):
    """Interior, exterior, or both (a car moving through a street, a doorway)."""

    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"


@dataclass(frozen=True, slots=True)
class Element:
    """One thing a scene needs: a prop, a costume, an extra, a car."""

    category: Category
    name: str
    source: ElementSource = ElementSource.SUGGESTED

    @property
    def colour(self) -> str:
        return CATEGORY_COLOURS[self.category]


@dataclass(frozen=True, slots=True)
class SceneBreakdown:
    """The breakdown of one scene.

    ``number`` is the script's scene number, or the scene's position (1-based) when the script
    is not numbered. ``int_ext`` is None when the heading does not say (``.SNIPER SCOPE POV``).
    ``location`` is the set as the heading names it, in capitals, without INT/EXT and time.
    ``time`` is the normalised time of day (DAY, NIGHT, DAWN, DUSK, MORNING, AFTERNOON,
    EVENING, CONTINUOUS, LATER, SAME, MOMENTS LATER, ...), None when the heading gives none.
    ``day_night`` is the lighting the scene is shot in (DAY, NIGHT, DAWN or DUSK), with
    CONTINUOUS, LATER and SAME resolved from the scene before; None when nothing says.
    ``time_to`` is where a change of light within the scene ends (``DAY TO NIGHT``: ``time`` and
    ``day_night`` DAY, the light at the start, as the strip is coloured; ``time_to`` NIGHT);
    None when the heading names one time.
    ``eighths`` is the length in page eighths (at least 1); ``page`` the page it starts on.
    ``speaking`` lists the characters with dialogue, ``characters`` every character in the
    scene (speaking first, then those seen only in action), both in order of first appearance.
    """

    number: str
    heading: str
    int_ext: IntExt | None
    location: str
    time: str | None
    eighths: int
    page: int
    speaking: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    elements: tuple[Element, ...] = ()
    line: int | None = None
    reported_eighths: int | None = None
    day_night: str | None = None
    time_to: str | None = None

    @property
    def non_speaking(self) -> tuple[str, ...]:
        return tuple(name for name in self.characters if name not in self.speaking)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """The breakdown of a whole script. ``pages`` is the laid-out page count; ``notes`` the
    script's own notes (``Script.notes``: title page and opening), which belong to no scene."""

    title: str
    source: str
    pages: int
    scenes: tuple[SceneBreakdown, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def total_eighths(self) -> int:
        return sum(scene.eighths for scene in self.scenes)

    @property
    def sets(self) -> tuple[str, ...]:
        """Every set, once per ``set_key`` (two spellings are one set), in order of first
        appearance, named as its first scene names it; a scene without a set adds none."""
        seen: dict[str, str] = {}
        for scene in self.scenes:
            if key := set_key(scene.location):
                seen.setdefault(key, scene.location)
        return tuple(seen.values())

    @property
    def characters(self) -> tuple[str, ...]:
        """Every character in the script, in order of first appearance."""
        seen: dict[str, None] = {}
        for scene in self.scenes:
            seen.update(dict.fromkeys(scene.characters))
        return tuple(seen)


def format_eighths(eighths: int) -> str:
    """Page length the way a stripboard writes it: ``1 3/8``, ``4/8``, ``2``."""
    pages, rest = divmod(eighths, 8)
    if rest == 0:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


_SET_PUNCTUATION = re.compile(r"['\u2019.]")
_SET_SEPARATORS = re.compile(r"[\s\-\u2013\u2014/]+")


def set_key(name: str) -> str:
    """How two spellings of one set are compared: ``BIG-TOP`` is ``Big Top``, ``MAYA'S CAR``
    is ``MAYAS CAR``. Scripts and production files are typed by different people; a stray
    apostrophe or hyphen must not leave a set without its location."""
    words = _SET_SEPARATORS.split(_SET_PUNCTUATION.sub("", name.upper()))
    return " ".join(word for word in words if word)
