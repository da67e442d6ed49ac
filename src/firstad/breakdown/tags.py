"""Elements the writer tags in the script itself: note syntax and Final Draft's Tagger.

A Fountain note (or a Final Draft ScriptNote) that starts with a breakdown category and a colon
tags elements: ``[[props: hockey stick, thermos]]``, several categories separated by ``;``
(``[[props: skates; wardrobe: red scarf]]``). Any other note is an ordinary note. The syntax is
documented in ``docs/tagging.md``; keep the two in step.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from firstad.model import Category, Element, ElementSource, Note, Problem, Scene, Severity, Tag

# Category words accepted in notes, normalised by ``_normalise_category`` (lower case, runs of
# spaces, hyphens, slashes and underscores as one space). A trailing plural "s" is also accepted.
NOTE_CATEGORIES: Mapping[str, Category] = MappingProxyType(
    {
        "cast": Category.CAST,
        "cast member": Category.CAST,
        "extra": Category.EXTRAS,
        "background": Category.EXTRAS,
        "background actor": Category.EXTRAS,
        "bg": Category.EXTRAS,
        "atmosphere": Category.EXTRAS,
        "stunt": Category.STUNTS,
        "vehicle": Category.VEHICLES,
        "picture vehicle": Category.VEHICLES,
        "prop": Category.PROPS,
        "animal": Category.ANIMALS,
        "livestock": Category.ANIMALS,
        "wardrobe": Category.WARDROBE,
        "costume": Category.WARDROBE,
        "makeup": Category.MAKEUP,
        "make up": Category.MAKEUP,
        "hair": Category.MAKEUP,
        "makeup hair": Category.MAKEUP,
        "hair makeup": Category.MAKEUP,
        "mu": Category.MAKEUP,
        "hmu": Category.MAKEUP,
        "sfx": Category.SFX,
        "special effect": Category.SFX,
        "fx": Category.SFX,
        "vfx": Category.VFX,
        "visual effect": Category.VFX,
        "sound": Category.SOUND,
        "sound effect": Category.SOUND,
        "music": Category.MUSIC,
        "song": Category.MUSIC,
        "set dressing": Category.SET_DRESSING,
        "dressing": Category.SET_DRESSING,
        "special equipment": Category.SPECIAL_EQUIPMENT,
        "equipment": Category.SPECIAL_EQUIPMENT,
        "greenery": Category.GREENERY,
    }
)

# Final Draft Tagger category names (its default set, older versions' names and Movie Magic's,
# which Final Draft imports), lower case, onto ours. A name with no equivalent keeps its words
# as a NOTES element ("Security: night watchman"), so nothing the writer tagged is lost.
FINAL_DRAFT_CATEGORIES: Mapping[str, Category] = MappingProxyType(
    {
        "cast": Category.CAST,
        "cast members": Category.CAST,
        "background actors": Category.EXTRAS,
        "extras": Category.EXTRAS,
        "extras/silent bits": Category.EXTRAS,
        "extras/atmosphere": Category.EXTRAS,
        "stunts": Category.STUNTS,
        "vehicles": Category.VEHICLES,
        "picture vehicles": Category.VEHICLES,
        "props": Category.PROPS,
        "camera": Category.SPECIAL_EQUIPMENT,
        "special equipment": Category.SPECIAL_EQUIPMENT,
        "special effects": Category.SFX,
        "mechanical effects": Category.SFX,
        "wardrobe": Category.WARDROBE,
        "costumes": Category.WARDROBE,
        "makeup/hair": Category.MAKEUP,
        "makeup": Category.MAKEUP,
        "hair": Category.MAKEUP,
        "animals": Category.ANIMALS,
        "livestock": Category.ANIMALS,
        "music": Category.MUSIC,
        "sound": Category.SOUND,
        "set dressing": Category.SET_DRESSING,
        "art department": Category.SET_DRESSING,
        "greenery": Category.GREENERY,
        "visual effects": Category.VFX,
        "optical fx": Category.VFX,
        "notes": Category.NOTES,
        "miscellaneous": Category.NOTES,
    }
)

# A note whose first part is a category and a colon: "props: skates, puck".
_TAG_PART = re.compile(r"\s*([^\W\d][\w /&\-]*?)\s*:(.*)", re.DOTALL)
_CATEGORY_SEPARATORS = re.compile(r"[\s_/\-&]+")
# A single word before a colon that is this close to a category word was meant as one
# ("propz:", "wardobe:"); further away it is prose ("TODO:", "Note:", "URL:") and left alone.
_TYPO_SIMILARITY = 0.75
# Abbreviations are too short to have near misses: "fix:" and "bug:" are prose, not "fx"/"bg".
_TYPO_TARGETS = tuple(word for word in NOTE_CATEGORIES if len(word) > 3)


def tagged_elements(scene: Scene, source: str) -> tuple[tuple[Element, ...], tuple[Problem, ...]]:
    """Elements the script tags explicitly, from note syntax and Final Draft Tagger data."""
    elements: list[Element] = []
    problems: list[Problem] = []
    for note in scene.notes:
        for item in _note_items(note, scene, source):
            if isinstance(item, Element):
                elements.append(item)
            else:
                problems.append(item)
    elements.extend(_final_draft_element(tag) for tag in scene.tags)
    return _unique(elements), tuple(problems)


def script_note_problems(notes: tuple[Note, ...], source: str) -> tuple[Problem, ...]:
    """A tag note before the first heading would tag no scene: say so rather than drop it."""
    message = (
        "breakdown note before the first scene heading tags no scene; "
        "move it into the scene that needs it"
    )
    return tuple(
        Problem(message, source, note.line, severity=Severity.WARNING)
        for note in notes
        if _is_tag_note(note)
    )


def _is_tag_note(note: Note) -> bool:
    first = _TAG_PART.fullmatch(note.text.split(";")[0])
    return first is not None and category_named(first.group(1)) is not None


def _note_items(note: Note, scene: Scene, source: str) -> Iterator[Element | Problem]:
    """The elements a note tags and the problems in it; nothing for an ordinary note."""
    # Line numbers count from the note's first line, so the text keeps its leading newlines.
    text = note.text.removeprefix("[[").removesuffix("]]")
    parts = text.split(";")
    first = _TAG_PART.fullmatch(parts[0])
    if first is None or category_named(first.group(1)) is None:
        if first is not None and _looks_like_typo(first.group(1)):
            line_offset = text.count("\n", 0, len(parts[0]) - len(parts[0].lstrip()))
            yield _unknown_category(first.group(1), note, line_offset, scene, source)
        return
    offset = 0
    for part in parts:
        start = offset + len(part) - len(part.lstrip())
        yield from _part_items(part, note, text.count("\n", 0, start), scene, source)
        offset += len(part) + 1


def _part_items(
    part: str, note: Note, line_offset: int, scene: Scene, source: str
) -> Iterator[Element | Problem]:
    if not part.strip():
        return
    match = _TAG_PART.fullmatch(part)
    if match is None:
        message = f"expected 'category: names' in breakdown note, found {part.strip()!r}"
        yield _problem(message, note, line_offset, scene, source)
        return
    category = category_named(match.group(1))
    if category is None:
        yield _unknown_category(match.group(1), note, line_offset, scene, source)
        return
    names = [clean_name(name, category) for name in match.group(2).split(",")]
    names = [name for name in names if name]
    if not names:
        message = f"no names after '{match.group(1).strip()}:' in breakdown note"
        yield _problem(message, note, line_offset, scene, source)
    yield from (Element(category, name, ElementSource.TAGGED) for name in names)


def _normalise_category(word: str) -> str:
    return _CATEGORY_SEPARATORS.sub(" ", word.strip().lower())


def category_named(word: str) -> Category | None:
    """The category a note's word names: "Props", "prop", "Makeup/Hair", "BG"."""
    key = _normalise_category(word)
    if key in NOTE_CATEGORIES:
        return NOTE_CATEGORIES[key]
    return NOTE_CATEGORIES.get(key.removesuffix("s")) if key.endswith("s") else None


def _looks_like_typo(word: str) -> bool:
    key = _normalise_category(word)
    if " " in key:
        return False
    return bool(difflib.get_close_matches(key, _TYPO_TARGETS, n=1, cutoff=_TYPO_SIMILARITY))


def clean_name(name: str, category: Category) -> str:
    """One space between words; cast in capitals, as the cast list writes characters."""
    cleaned = " ".join(name.split())
    return cleaned.upper() if category is Category.CAST else cleaned


def _unknown_category(
    word: str, note: Note, line_offset: int, scene: Scene, source: str
) -> Problem:
    known = ", ".join(
        sorted({category.value.replace("_", " ") for category in NOTE_CATEGORIES.values()})
    )
    message = f"unknown breakdown category {word.strip()!r} (known: {known})"
    return _problem(message, note, line_offset, scene, source)


def _problem(message: str, note: Note, line_offset: int, scene: Scene, source: str) -> Problem:
    line = None if note.line is None else note.line + line_offset
    return Problem(message, source, line, scene=scene.number, severity=Severity.WARNING)


def _final_draft_element(tag: Tag) -> Element:
    """A Tagger tag as an element; categories with no equivalent become readable notes."""
    key = " ".join(tag.category.lower().split())
    name = " ".join(tag.name.split())
    category = FINAL_DRAFT_CATEGORIES.get(key)
    if category is None:
        return Element(Category.NOTES, f"{tag.category.strip()}: {name}", ElementSource.TAGGED)
    if category is Category.CAST:
        name = name.upper()
    return Element(category, name, ElementSource.TAGGED)


def _unique(elements: list[Element]) -> tuple[Element, ...]:
    """First of each (category, name), names compared without regard to case."""
    seen: dict[tuple[Category, str], Element] = {}
    for element in elements:
        seen.setdefault((element.category, element.name.casefold()), element)
    return tuple(seen.values())
