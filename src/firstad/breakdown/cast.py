"""Who is in a scene: the speaking cast from character cues, the silent cast from the action.

Screenplay convention does most of the work: a cue names who speaks, and a character's name is
written in capitals the first time they appear (``MAYA LINDQVIST (30) laces her skates``).
After that the action names them in ordinary case ("Maya falls"), and an actor on screen
without a line is still an actor on the call sheet, so both spellings count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from firstad.breakdown.phrases import literal_character, trie_pattern
from firstad.model import Paragraph, ParagraphKind, Scene

# Cue extensions: (V.O.), (O.S.), (CONT'D), (ON PHONE) ... and a bare CONT'D some writers type.
_EXTENSION = re.compile(r"\s*\([^)]*\)?")
_BARE_CONTINUED = re.compile(r"\s+CONT['\u2019]?D\.?$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Two characters speaking together: "MAYA & THEO", "MAYA AND THEO", "MAYA/THEO".
_TOGETHER = re.compile(r"\s*(?:&|\bAND\b|/)\s*")

# A run of capitalised words in action: candidate introductions and mentions.
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z'\u2019.\-]*[A-Z]")
_CAPITAL_RUN = re.compile(r"\b[A-Z][A-Z'\u2019.\-]*(?:\s+[A-Z][A-Z'\u2019.\-]*)*\b")
# What follows a character's introduction: an age, "(30)", "(late 60s)", ", 40s,".
_AGE_AFTER = re.compile(r"^\s*(?:\(\s*(?:\w+\s+)?\d{1,2}s?\s*\)|,\s*(?:\w+\s+)?\d{1,2}s?\b)")
# Nouns that make a capitalised phrase a person ("A SECURITY GUARD") rather than a sound
# ("the door SLAMS") or a title card. Plurals are extras, suggested by the element stage.
_PERSON_NOUNS = frozenset(
    """
    MAN WOMAN BOY GIRL KID CHILD BABY TEEN TEENAGER GUY LADY GENTLEMAN STRANGER FRIEND
    GUARD OFFICER COP DETECTIVE SHERIFF SOLDIER SERGEANT CAPTAIN AGENT DRIVER PILOT
    NURSE DOCTOR SURGEON PARAMEDIC TEACHER STUDENT PRINCIPAL COACH PLAYER SKATER JUDGE
    MANAGER CLERK CASHIER WAITER WAITRESS BARTENDER CHEF COOK OWNER LANDLORD NEIGHBOR
    NEIGHBOUR RECEPTIONIST SECRETARY ASSISTANT TECHNICIAN JANITOR MECHANIC ANNOUNCER
    REPORTER PRIEST MOTHER FATHER MOM DAD SON DAUGHTER BROTHER SISTER GRANDMOTHER
    GRANDFATHER WIFE HUSBAND BOSS VOICE WORKER CUSTOMER PATIENT VISITOR HOST HOSTESS
    ATTENDANT SNIPER GUNMAN THUG BOUNCER LIBRARIAN OPERATOR MESSENGER COURIER
    """.split()
)
# Capitalised words that are screenplay furniture, never people.
_NOT_NAMES = frozenset(
    """
    INT EXT EST CONTINUOUS LATER CUT FADE IN OUT TO DISSOLVE SMASH MATCH INSERT BACK
    END THE POV ANGLE CLOSE ON WIDE SHOT FLASHBACK MONTAGE SERIES OF SHOTS SUPER TITLE
    V.O. O.S. O.C. CONT'D MORE A AN OK TV DVD VHS CD USA UK FBI CIA I
    """.split()
)


@lru_cache(maxsize=4096)
def cue_name(cue: str) -> str:
    """The character a cue names: ``MAYA (V.O.) (CONT'D)`` -> ``MAYA``."""
    name = _EXTENSION.sub("", cue.replace("\u2019", "'"))
    name = _BARE_CONTINUED.sub("", name)
    return _SPACES.sub(" ", name).strip(" .:").upper()


def cue_speakers(cue: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Everyone a cue names; ``MAYA & THEO`` is two speakers when both speak elsewhere."""
    name = cue_name(cue)
    parts = [part.strip() for part in _TOGETHER.split(name) if part.strip()]
    known_names = set(known)
    if len(parts) > 1 and all(part in known_names for part in parts):
        return tuple(parts)
    return (name,) if name else ()


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def speaking_cast(scene: Scene, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Characters with a cue in the scene, in order of first line."""
    known_names = tuple(known)
    return _unique(
        speaker
        for paragraph in scene.paragraphs
        if paragraph.kind is ParagraphKind.CHARACTER
        for speaker in cue_speakers(paragraph.text, known_names)
    )


def _is_person_phrase(words: list[str]) -> bool:
    return bool(words) and words[-1].strip(".'") in _PERSON_NOUNS


def introductions(text: str) -> tuple[str, ...]:
    """Characters introduced in capitals in an action paragraph: with an age or a person noun."""
    found: list[str] = []
    # Most action introduces nobody: without two capitals together there is no name in
    # capitals, and this plain search is far cheaper than the run pattern.
    if _TWO_CAPITALS.search(text) is None:
        return ()
    for match in _CAPITAL_RUN.finditer(text):
        words = [word for word in match.group(0).split() if word not in _NOT_NAMES]
        if not words or (len(words) == 1 and len(words[0]) < 2):
            continue
        has_age = _AGE_AFTER.match(text[match.end() :]) is not None
        if has_age or _is_person_phrase(words):
            found.append(" ".join(words).strip(".,"))
    return tuple(found)


class CastFinder:
    """Finds the characters in each scene, knowing every character of the whole script.

    Built once per script: mentions in ordinary case are matched against the names the script
    itself establishes (cues and capitalised introductions), so "the mother" in lower case is
    never a character but "Ingrid" is.
    """

    def __init__(self, scenes: Iterable[Scene], declared: Iterable[str] = ()) -> None:
        scene_list = tuple(scenes)
        self._speaking = {id(scene): speaking_cast(scene) for scene in scene_list}
        cues = _unique(name for names in self._speaking.values() for name in names)
        speakers = [speaker for cue in cues for speaker in cue_speakers(cue, cues)]
        introduced = [
            name
            for scene in scene_list
            for paragraph in _action(scene.paragraphs)
            for name in introductions(paragraph.text)
        ]
        described = self._descriptions(introduced, _unique([*declared, *speakers]))
        self.known: tuple[str, ...] = _unique(
            [*declared, *speakers, *(name for name in introduced if name not in described)]
        )
        self._aliases = {**self._short_names(self.known), **described}
        names = (*self.known, *self._aliases)
        self._lookup = {_name_key(name): name for name in names}
        self._pattern = trie_pattern(names, _name_character) if names else None

    @staticmethod
    def _descriptions(introduced: list[str], speakers: tuple[str, ...]) -> dict[str, str]:
        """Introductions that name a speaker more fully.

        "MAYA LINDQVIST (30)" introduces the MAYA of the cues, and "an EXTREMELY HANDSOME MAN"
        the HANDSOME MAN; but YOUNG MAYA is another role, played by another actor.
        """
        known = frozenset(speakers)
        aliases: dict[str, str] = {}
        for name in introduced:
            words = name.split()
            for cut in range(1, len(words)):
                # The speaker is the end ("EXTREMELY | HANDSOME MAN") or the start ("MAYA |
                # LINDQVIST") of the introduction; the other words must not make a new role.
                for speaker, extra in (
                    (" ".join(words[cut:]), words[:cut]),
                    (" ".join(words[:-cut]), words[-cut:]),
                ):
                    if speaker in known and not _AGE_QUALIFIERS.intersection(extra):
                        aliases.setdefault(name, speaker)
        return aliases

    @staticmethod
    def _short_names(names: tuple[str, ...]) -> dict[str, str]:
        """First names for full names ("MAYA" for "MAYA LINDQVIST") when unambiguous."""
        firsts: dict[str, list[str]] = {}
        for name in names:
            parts = name.split()
            if len(parts) > 1 and _can_stand_alone(parts[0]):
                firsts.setdefault(parts[0], []).append(name)
        # Compared as keys: "WILL'S" is looked up as "WILL", which may be a name of its own.
        keys = {_name_key(name) for name in names}
        return {
            first: full[0]
            for first, full in firsts.items()
            if len(full) == 1 and _name_key(first) not in keys
        }

    def _mentions(self, text: str) -> Iterable[str]:
        """Known names in the text, longest first ("YOUNG MAYA" before "MAYA")."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            mention = match.group()
            name = self.canonical(self._lookup[_name_key(mention)])
            if _written_as_name(mention, generic=_is_generic(name)):
                yield name

    def canonical(self, mention: str) -> str:
        name = _SPACES.sub(" ", mention.upper().replace("\u2019", "'"))
        return self._aliases.get(name, name)

    def characters(self, scene: Scene) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(speaking, all characters) of a scene; speaking first, then the silent ones."""
        cues = self._speaking.get(id(scene))
        if cues is None:
            cues = speaking_cast(scene)
        speaking = _unique(part for cue in cues for part in cue_speakers(cue, self.known))
        present: list[str] = list(speaking)
        # One scan of the scene's whole action; NUL keeps a name from spanning two paragraphs.
        present.extend(self._mentions("\0".join(p.text for p in _action(scene.paragraphs))))
        return speaking, _unique(present)


_POSSESSIVES = ("'S", "\u2019S")
_WORD_PUNCTUATION = ".,;:!?-"


@lru_cache(maxsize=16384)
def _name_character(character: str, starts_word: bool) -> str:
    """A name in prose starts each word with a capital; the rest may be in either case."""
    if character == " ":
        return r"\s+"
    if character.isalpha() and not starts_word:
        return f"[{character}{character.lower()}]"
    return literal_character(character, starts_word)


def _word_key(word: str) -> str:
    upper = word.upper()
    if upper.endswith(_POSSESSIVES):
        upper = upper[:-2]
    return upper.strip(_WORD_PUNCTUATION)


def _name_key(text: str) -> str:
    """How names are compared: capitals, no possessive, no punctuation ("Dr. Nilsson's")."""
    return " ".join(key for key in map(_word_key, text.split()) if key)


# Words that start a name without being one: "THE BOSS" must not make every "the" a mention.
_NAME_PREFIXES = frozenset(
    "THE A AN MR MRS MS MISS DR DOCTOR OLD YOUNG LITTLE BIG UNCLE AUNT".split()
)


# Words that make a different role of the same character: another actor plays YOUNG MAYA.
_AGE_QUALIFIERS = frozenset(
    "YOUNG YOUNGER OLD OLDER LITTLE TEEN TEENAGE ADULT BABY ELDERLY CHILD KID FUTURE".split()
)


def _can_stand_alone(first_word: str) -> bool:
    # A possessive opens a description of someone else: WILL'S DATE is not Will.
    if first_word.upper().endswith(_POSSESSIVES):
        return False
    word = _word_key(first_word)
    return len(word) > 2 and word not in _NAME_PREFIXES | _PERSON_NOUNS


def _is_generic(name: str) -> bool:
    """A name that is also an everyday noun phrase: WOMAN, THE BOSS, SECURITY GUARD."""
    words = name.split()
    return words[-1] in _PERSON_NOUNS or words[-1].rstrip("S") in _PERSON_NOUNS


def _written_as_name(mention: str, *, generic: bool) -> bool:
    """Names are capitalised in prose ("Maya", "The Boss"); "the boss" is just prose.

    A one-word generic name (WOMAN, DRIVER) counts only in capitals: "Woman" may simply open a
    sentence.
    """
    words = mention.split()
    if generic and len(words) == 1:
        return mention.isupper()
    return all(word[:1].isupper() for word in words)


def _action(paragraphs: Iterable[Paragraph]) -> Iterable[Paragraph]:
    return (paragraph for paragraph in paragraphs if paragraph.kind is ParagraphKind.ACTION)
