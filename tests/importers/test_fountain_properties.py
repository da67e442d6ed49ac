"""Properties of the Fountain importer: it never raises, and it never loses a scene heading."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from firstad.importers.fountain import parse_fountain
from firstad.model import Script

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)

# Every character that means something to Fountain, plus plain letters and whitespace.
FOUNTAIN_CHARACTERS = "abcXYZ .!@#^~=><()[]/*_\\:\t'-0123456789"

FOUNTAINISH_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            "  ",
            "INT. HOUSE - DAY",
            "ext. park",
            ".FORCED",
            "..",
            "BOB",
            "BOB ^",
            "@bob",
            "(beat)",
            "CUT TO:",
            "> FADE OUT.",
            "> THE END <",
            "# Act",
            "= synopsis",
            "===",
            "~la la",
            "!FORCED ACTION",
            "[[note",
            "]]",
            "[[props: lamp]]",
            "/*",
            "*/",
            "Title: X",
            "\tindented",
            "INT. HOUSE #1A#",
            "**bold** _under_ \\*",
        ]
    ),
    st.text(alphabet=FOUNTAIN_CHARACTERS, max_size=30),
)


def parse(text: str) -> Script:
    script, _ = parse_fountain(text, "generated.fountain")
    return script


@PROPERTY_SETTINGS
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    script = parse(text)
    assert script.format == "fountain"


@PROPERTY_SETTINGS
@given(st.lists(FOUNTAINISH_LINES, max_size=60))
def test_never_raises_on_fountainish_lines(lines: list[str]) -> None:
    script = parse("\n".join(lines))
    # Every paragraph points at a line of the input.
    for paragraph in script.preamble + tuple(p for s in script.scenes for p in s.paragraphs):
        assert paragraph.line is not None
        assert 1 <= paragraph.line <= len(lines)


# --- Generated documents with known headings ------------------------------------------------

# Filler may hold notes and emphasis but no '/': a boneyard may rightly hide a heading.
FILLER_CHARACTERS = "abcdefgXYZ .,!?'()[]*_:\t-0123456789"
WORDS = st.text(alphabet=FILLER_CHARACTERS, min_size=1, max_size=40)
NAMES = st.text(alphabet="ABCDEFGHIJ '", min_size=1, max_size=12).filter(str.strip)
LOCATIONS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefgh'-,0123456789", max_size=30)
PREFIXES = st.sampled_from(
    ["INT. ", "EXT. ", "EST. ", "INT./EXT. ", "INT/EXT ", "I/E ", "int. ", "Ext. ", "."]
)
NUMBERS = st.one_of(st.none(), st.from_regex(r"[0-9]{1,3}[A-Z]?", fullmatch=True))


@st.composite
def headings(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """A heading line, with the heading text and scene number the parser should read."""
    prefix = draw(PREFIXES)
    location = draw(LOCATIONS.filter(lambda text: text.strip() and text[0] != ".")).strip()
    number = draw(NUMBERS)
    line = prefix + location + (f" #{number}#" if number else "")
    heading = location if prefix == "." else prefix + location
    return line, heading.strip(), number


@st.composite
def dialogue(draw: st.DrawFn) -> str:
    cue = draw(NAMES).strip() + draw(st.sampled_from(["", " (V.O.)", " (CONT'D)", " ^"]))
    lines = draw(st.lists(st.one_of(WORDS, st.just("(beat)"), st.just("  ")), min_size=1))
    return "\n".join([cue, *lines])


FILLER = st.one_of(
    st.lists(WORDS, min_size=1, max_size=4).map("\n".join),
    dialogue(),
    st.sampled_from(["CUT TO:", "> FADE OUT.", "> THE END <", "===", "~la la", "# Act", "= So"]),
    NAMES,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None]]]:
    """Random filler paragraphs with valid headings (blank line before and after) among them."""
    blocks: list[str] = []
    expected: list[tuple[str, str | None]] = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        if draw(st.booleans()):
            line, heading, number = draw(headings())
            blocks.append(line)
            expected.append((heading, number))
        else:
            blocks.append(draw(FILLER))
    return "\n\n".join(blocks) + "\n", expected


def is_subsequence(
    wanted: list[tuple[str, str | None]], found: list[tuple[str, str | None]]
) -> bool:
    remaining = iter(found)
    return all(item in remaining for item in wanted)


@PROPERTY_SETTINGS
@given(documents())
def test_never_loses_a_scene_heading(document: tuple[str, list[tuple[str, str | None]]]) -> None:
    text, expected = document
    found = [(scene.heading, scene.number) for scene in parse(text).scenes]
    assert is_subsequence(expected, found), (text, expected, found)
