"""Element suggestions: what a scene's action names that a department has to provide.

Two sources, both read from the action only (dialogue mentions things; action puts them on
screen):

* a curated lexicon (``lexicon.toml`` beside this module) of nouns and phrases per breakdown
  category, matched as whole words, singular or plural, in any case;
* the screenwriting convention that a word in CAPITALS inside action, when it is not a character
  and not a direction (CONTINUOUS, V.O., CUT TO), flags something for the crew - usually a sound
  cue ("the phone RINGS").

Precision matters more than recall: a breakdown full of junk is worse than a short one, so the
lexicon leaves out words whose everyday meaning is usually something else, and a noun that reads
as a verb ("she phones her mother", "he starts to smoke") is not suggested.

Speed: the whole lexicon is one regular expression, built as a trie so the engine branches on
each character instead of trying a thousand alternatives in turn; Python only sees the matches.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from firstad.breakdown.phrases import trie_pattern
from firstad.model import Category, Element, Paragraph, ParagraphKind, Scene

# Parentheticals describe how a line is said; only what a character handles or hears there is a
# breakdown item ("(into the phone)", "(a door SLAMS)").
_PARENTHETICAL_CATEGORIES = frozenset({Category.PROPS, Category.SOUND})
# Shots ("CLOSE ON THE LETTER") name things but are written in capitals by convention, so the
# capitals rule does not apply to them.
_LEXICON_KINDS = frozenset({ParagraphKind.ACTION, ParagraphKind.SHOT})
# Cast comes from the cast finder and notes from people, never from a word list.
_SUGGESTED_CATEGORIES = frozenset(Category) - {Category.CAST, Category.NOTES}

# Typeset scripts (Final Draft, PDF) write the apostrophe as a right single quotation mark.
_CURLY_APOSTROPHE = "\u2019"
_SEPARATOR = re.compile(r"[\s\-]+")
_PREVIOUS_WORD = re.compile(r"([\w'\u2019]+)[^\w.!?;:()\"]*$")
# A capitalised word: two or more capitals, with inner apostrophes or hyphens (CONT'D, X-RAY).
_CAPS_WORD = r"[A-Z][A-Z'\u2019\-]*[A-Z]"
_CAPS_RUN = re.compile(rf"(?<![\w'\u2019])(?:{_CAPS_WORD})(?:[ \t]+{_CAPS_WORD})*(?![\w'\u2019])")
_CAPS_WORD_PATTERN = re.compile(_CAPS_WORD)
_NOT_LETTER = re.compile(r"[^A-Za-z]+")
_NOT_CAPITAL = re.compile(r"[^A-Z]+")
_VERB_ENDINGS = ("S", "ED", "ING")
# Plural nouns for people and things, which writers also capitalise: DANCERS, PROFESSORS,
# TOURISTS, MUSICIANS, LADIES, CITIZENS, STUDENTS, ECONOMICS, FIREMEN.
_PLURAL_NOUN_ENDINGS = ("ERS", "ORS", "ISTS", "IANS", "IES", "ENS", "ICS", "MEN", "NTS", "SS")
# Above this share of capital letters a paragraph is a title, a sign or a shot, not action with
# a few flagged words.
_MOSTLY_CAPITALS = 0.6


@dataclass(frozen=True, slots=True)
class _Entry:
    """What a lexicon phrase suggests. ``noun_form`` marks generated noun forms, which are
    dropped when the grammar around them reads as a verb; ``plural`` marks generated plurals."""

    category: Category
    name: str
    noun_form: bool = False
    plural: bool = False


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The compiled lexicon. ``entries`` maps a normalised phrase to its suggestions; an empty
    tuple marks a phrase that is matched only so that the words inside it are not."""

    pattern: re.Pattern[str]
    entries: Mapping[str, tuple[_Entry, ...]]
    caps_only: Mapping[str, _Entry]
    caps_skip: frozenset[str]
    subjects: frozenset[str]
    verb_markers: frozenset[str]
    determiners: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Hit:
    """One suggestion found at a position of a paragraph."""

    start: int
    end: int
    element: Element | None


def suggest_elements(scene: Scene, characters: tuple[str, ...]) -> tuple[Element, ...]:
    """Suggest the breakdown elements a scene's action names, in order of first appearance.

    ``characters`` are the scene's character names in capitals; they are never suggested as
    anything else. Cast itself is not suggested here.
    """
    lexicon = _load_lexicon()
    character_words = _character_words(characters)
    found: dict[tuple[Category, str], Element] = {}
    for paragraph in scene.paragraphs:
        for element in _paragraph_elements(paragraph, lexicon, character_words):
            found.setdefault((element.category, element.name), element)
    return tuple(found.values())


def _paragraph_elements(
    paragraph: Paragraph, lexicon: _Lexicon, character_words: frozenset[str]
) -> Iterator[Element]:
    if paragraph.kind is ParagraphKind.PARENTHETICAL:
        categories = _PARENTHETICAL_CATEGORIES
    elif paragraph.kind in _LEXICON_KINDS:
        categories = _SUGGESTED_CATEGORIES
    else:
        return
    text = paragraph.text
    hits = list(_lexicon_hits(text, lexicon, character_words, categories))
    if paragraph.kind is ParagraphKind.ACTION:
        hits.extend(_capitals_hits(text, lexicon, character_words, hits))
    hits.sort(key=lambda hit: hit.start)
    yield from (hit.element for hit in hits if hit.element is not None)


def _character_words(characters: Iterable[str]) -> frozenset[str]:
    """Every word of every character name, lower case: "OLD MAN" hides "old" and "man"."""
    return frozenset(
        word for name in characters for word in re.findall(r"[\w'\u2019]+", name.lower())
    )


def _mostly_capitals(text: str) -> bool:
    letters = len(_NOT_LETTER.sub("", text))
    capitals = len(_NOT_CAPITAL.sub("", text))
    return letters > 0 and capitals / letters > _MOSTLY_CAPITALS


# Lexicon matches ---------------------------------------------------------------------------


def _lexicon_hits(
    text: str,
    lexicon: _Lexicon,
    character_words: frozenset[str],
    categories: frozenset[Category],
) -> Iterator[_Hit]:
    """Every lexicon phrase in the text; phrases that are verbs or characters give no element
    but still cover their words, so the capitals rule leaves them alone."""
    for match in lexicon.pattern.finditer(_lower_same_length(text)):
        phrase = _normalise(match.group())
        if _is_character(phrase, character_words):
            yield _Hit(match.start(), match.end(), None)
            continue
        entries = lexicon.entries.get(phrase, ())
        if not entries:
            yield _Hit(match.start(), match.end(), None)
        noun_forms = any(entry.noun_form for entry in entries)
        previous = _previous_word(text, match.start()) if noun_forms else None
        for entry in entries:
            keep = entry.category in categories and not _reads_as_verb(
                entry, previous, lexicon, character_words
            )
            element = Element(entry.category, entry.name) if keep else None
            yield _Hit(match.start(), match.end(), element)


def _lower_same_length(text: str) -> str:
    """Lower case with every position kept, so matches index the original text.

    Matching lower-cased text with a case-sensitive pattern is about three times faster than an
    IGNORECASE pattern; the rare letters whose lower case is longer ("İ") are left as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _is_character(phrase: str, character_words: frozenset[str]) -> bool:
    return all(word in character_words for word in phrase.split(" "))


def _previous_word(text: str, start: int) -> str | None:
    """The word just before ``start`` in the same sentence, lower case."""
    found = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return found.group(1).lower().replace(_CURLY_APOSTROPHE, "'") if found else None


def _reads_as_verb(
    entry: _Entry, previous: str | None, lexicon: _Lexicon, character_words: frozenset[str]
) -> bool:
    """True when a noun of the lexicon is used as a verb here: "she phones", "to smoke",
    "MAYA plants the bug"."""
    if not entry.noun_form or previous is None:
        return False
    if previous in lexicon.subjects or previous in lexicon.verb_markers:
        return True
    return entry.plural and previous in character_words


# Phrases repeat through a script (the same "phone" in forty scenes): normalise each once.
@lru_cache(maxsize=8192)
def _normalise(phrase: str) -> str:
    return _SEPARATOR.sub(" ", phrase.lower().replace(_CURLY_APOSTROPHE, "'")).strip()


# The capitals convention -------------------------------------------------------------------


def _capitals_hits(
    text: str,
    lexicon: _Lexicon,
    character_words: frozenset[str],
    lexicon_hits: list[_Hit],
) -> Iterator[_Hit]:
    """Suggestions from words the writer put in capitals that the lexicon did not explain.

    In paragraphs written mostly in capitals (titles, signs, "BANG!") sounds are not guessed
    from verbs; only the words known as cues (BANG, BACKGROUND) count.
    """
    # Most action has no word in capitals; this plain search is far cheaper than the run
    # pattern's look-behind at every position, and every run contains such a word.
    if _CAPS_WORD_PATTERN.search(text) is None:
        return
    runs = list(_CAPS_RUN.finditer(text))
    if not runs:
        return
    guess_sounds = not _mostly_capitals(text)
    covered = [(hit.start, hit.end) for hit in lexicon_hits]
    for run in runs:
        words = [
            (word.start(), word.end(), word.group())
            for word in _CAPS_WORD_PATTERN.finditer(text, run.start(), run.end())
        ]
        for segment in _segments(words, lexicon, character_words, covered):
            yield from _segment_hits(
                text, segment, lexicon, lexicon_hits, guess_sounds=guess_sounds
            )


def _segments(
    words: list[tuple[int, int, str]],
    lexicon: _Lexicon,
    character_words: frozenset[str],
    covered: list[tuple[int, int]],
) -> Iterator[list[tuple[int, int, str]]]:
    """Split a run of capitalised words at directions, character names and lexicon matches."""
    segment: list[tuple[int, int, str]] = []
    for start, end, word in words:
        ignored = (
            word.replace(_CURLY_APOSTROPHE, "'") in lexicon.caps_skip
            or _without_possessive(word.lower()) in character_words
            or any(start < hit_end and hit_start < end for hit_start, hit_end in covered)
        )
        if ignored:
            if segment:
                yield segment
            segment = []
        else:
            segment.append((start, end, word))
    if segment:
        yield segment


def _segment_hits(
    text: str,
    segment: list[tuple[int, int, str]],
    lexicon: _Lexicon,
    lexicon_hits: list[_Hit],
    *,
    guess_sounds: bool,
) -> Iterator[_Hit]:
    """A segment of unexplained capitals: words known only in capitals (BANG, BACKGROUND), else
    a capitalised verb (RINGS, SLAMS) read as a sound cue, named with the whole segment
    ("slams shut")."""
    start, end = segment[0][0], segment[-1][1]
    phrase = " ".join(word for _, _, word in segment).lower()
    known = [lexicon.caps_only[word.lower()] for _, _, word in segment
             if word.lower() in lexicon.caps_only]  # fmt: skip
    for entry in known:
        if entry.category is not Category.SOUND:
            yield _Hit(start, end, Element(entry.category, entry.name))
    if any(entry.category is Category.SOUND for entry in known) or (
        guess_sounds and _reads_as_sound_verb(text, segment, lexicon, lexicon_hits)
    ):
        yield _Hit(
            start, end, Element(Category.SOUND, _sound_name(text, start, phrase, lexicon_hits))
        )


def _without_possessive(word: str) -> str:
    """SCOTT'S PAINTINGS names Scott's paintings, not a sound: the owner is a character."""
    return word.replace(_CURLY_APOSTROPHE, "'").removesuffix("'s")


def _reads_as_sound_verb(
    text: str, segment: list[tuple[int, int, str]], lexicon: _Lexicon, lexicon_hits: list[_Hit]
) -> bool:
    """RINGS, SLAMS, CRASHED, BUZZING: a capitalised verb, not a capitalised noun.

    Writers also capitalise groups of people when they first appear ("all the good CITIZENS",
    "KIDS play"), so a word ending in -S must follow a subject in its sentence and must not end
    like a noun for people; an -ED or -ING word before a known noun is an adjective
    ("ARMED GUARDS").
    """
    first = segment[0][2]
    if len(first) < 4 or not first.endswith(_VERB_ENDINGS):
        return False
    if first.replace(_CURLY_APOSTROPHE, "'").endswith("'S"):  # BAKER'S: a possessive noun
        return False
    previous = _previous_word(text, segment[0][0])
    if previous in lexicon.determiners:
        return False
    if first.endswith("S") and (previous is None or first.endswith(_PLURAL_NOUN_ENDINGS)):
        return False
    return not _before_known_noun(text, segment[-1][1], lexicon_hits)


def _before_known_noun(text: str, end: int, lexicon_hits: list[_Hit]) -> bool:
    return any(hit.start > end and not text[end : hit.start].strip() for hit in lexicon_hits)


def _sound_name(text: str, start: int, name: str, lexicon_hits: list[_Hit]) -> str:
    """Name a sound by what makes it when the lexicon found that just before: "phone rings"."""
    for hit in lexicon_hits:
        if hit.element is not None and not text[hit.end : start].strip() and hit.end < start:
            return f"{hit.element.name} {name}"
    return name


# Loading -----------------------------------------------------------------------------------


@cache
def _load_lexicon() -> _Lexicon:
    """Read ``lexicon.toml`` once per process and compile it."""
    data = tomllib.loads(resources.files(__package__).joinpath("lexicon.toml").read_text("utf-8"))
    plurals: dict[str, str] = data["plurals"]
    entries: dict[str, dict[Category, _Entry]] = {}
    caps_only: dict[str, _Entry] = {}
    for category in _SUGGESTED_CATEGORIES:
        table: dict[str, Any] = data.get(category.value, {})
        _add_category(entries, caps_only, category, table, plurals)
    for phrase in data["ignore"]["phrases"]:
        entries[_normalise(phrase)] = {}
    grammar: dict[str, list[str]] = data["grammar"]
    return _Lexicon(
        pattern=trie_pattern(entries),
        entries=MappingProxyType({key: tuple(value.values()) for key, value in entries.items()}),
        caps_only=MappingProxyType(caps_only),
        caps_skip=frozenset([*data["caps"]["skip"], *data["caps"]["silent_verbs"]]),
        subjects=frozenset(grammar["subjects"]),
        verb_markers=frozenset(grammar["verb_markers"]),
        determiners=frozenset(grammar["determiners"]),
    )


def _add_category(
    entries: dict[str, dict[Category, _Entry]],
    caps_only: dict[str, _Entry],
    category: Category,
    table: Mapping[str, Any],
    plurals: Mapping[str, str],
) -> None:
    collective = frozenset(table.get("collective", ()))
    for noun in table.get("nouns", ()):
        forms = _plural_forms(noun, plurals)
        name = noun
        if category is Category.EXTRAS and noun not in collective:
            # Background is booked in groups, so the sheet names it in the plural ("nurses").
            name = forms[0]
        entries.setdefault(_normalise(noun), {})[category] = _Entry(category, name, noun_form=True)
        for form in forms:
            if form != noun:
                entries.setdefault(_normalise(form), {})[category] = _Entry(
                    category, name, noun_form=True, plural=True
                )
    for phrase, name in table.get("phrases", {}).items():
        suggestions = entries.setdefault(_normalise(phrase), {})
        if name:
            suggestions[category] = _Entry(category, name)
        else:
            suggestions.clear()
    for word in table.get("caps_only", ()):
        caps_only[word] = _Entry(category, word)


def _plural_forms(noun: str, plurals: Mapping[str, str]) -> tuple[str, ...]:
    """Plural spellings of a noun phrase, the usual one first; the last word is inflected.

    Generating a spelling that no one writes is harmless (it never matches), so the rules
    prefer to over-generate: "roof" gives both "roofs" and "rooves".
    """
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    return tuple(f"{prefix}{form}" for form in _word_plurals(last, plurals))


def _word_plurals(word: str, plurals: Mapping[str, str]) -> tuple[str, ...]:
    if word in plurals:
        return (plurals[word],)
    if word.endswith("man"):
        return (word[:-3] + "men",)
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return (word + "es",)
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return (word[:-1] + "ies",)
    if word.endswith("fe"):
        return (word[:-2] + "ves", word + "s")
    if word.endswith("f"):
        return (word + "s", word[:-1] + "ves")
    if word.endswith("o"):
        return (word + "s", word + "es")
    return (word + "s",)
