"""The PDF importer on screenplain's PDF of Brick & Steel and on PDFs written by the test."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from firstad.importers.pdf import NO_TEXT_LAYER, parse_pdf
from firstad.model import ParagraphKind, Scene, Script
from tests.importers.importer_samples import BRICK_AND_STEEL_HEADINGS

SCREENPLAYS = Path(__file__).resolve().parents[2].parent / "shared" / "screenplays"
BRICK_AND_STEEL = SCREENPLAYS / "brick-and-steel.screenplain-0.12.0.pdf"

FOUNTAIN_SPEAKERS = {"STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN"}


def read(data: bytes, source: str = "test.pdf") -> Script:
    script, problems = parse_pdf(data, source)
    assert problems == ()
    assert script is not None
    return script


def speakers(scene: Scene) -> tuple[str, ...]:
    cues = (p.text for p in scene.paragraphs if p.kind is ParagraphKind.CHARACTER)
    return tuple(dict.fromkeys(re.sub(r"\s*\(.*?\)", "", cue) for cue in cues))


def kinds(scene: Scene) -> list[tuple[str, str]]:
    return [(p.kind.value, p.text) for p in scene.paragraphs]


# --- Brick & Steel, printed by screenplain ----------------------------------------------------


def test_brick_and_steel_headings_match_the_fountain_twin() -> None:
    script = read(BRICK_AND_STEEL.read_bytes(), str(BRICK_AND_STEEL))
    assert script.format == "pdf"
    # A printed page does not keep Fountain's forcing dot: SNIPER SCOPE POV stands alone at the
    # body margin in the middle of a scene, so it is read as a shot; OPENING TITLES follows a
    # transition, so it starts a scene.
    expected = tuple(
        heading for heading in BRICK_AND_STEEL_HEADINGS if heading != "SNIPER SCOPE POV"
    )
    assert tuple(scene.heading for scene in script.scenes) == expected
    pool = script.scenes[2]
    assert (ParagraphKind.SHOT, "SNIPER SCOPE POV") in [(p.kind, p.text) for p in pool.paragraphs]
    assert all(scene.number is None for scene in script.scenes)
    assert [scene.page for scene in script.scenes] == [1, 1, 2, 2, 2, 3, 3]


def test_brick_and_steel_speaking_cast_matches_the_fountain_twin() -> None:
    script = read(BRICK_AND_STEEL.read_bytes())
    cast = {name for scene in script.scenes for name in speakers(scene)}
    assert cast == FOUNTAIN_SPEAKERS
    assert [speakers(scene) for scene in script.scenes] == [
        ("STEEL", "BRICK"),
        ("JACK", "DAN"),
        ("STEEL",),
        (),
        ("COGNITO", "STEEL"),
        ("BRICK", "STEEL"),
        ("MINION", "HANDSOME MAN"),
    ]


def test_brick_and_steel_title_page() -> None:
    script = read(BRICK_AND_STEEL.read_bytes())
    assert script.title_page == (
        ("title", "BRICK & STEEL\nFULL RETIRED"),
        ("credit", "Written by"),
        ("author", "Stu Maschwitz"),
        ("source", "Story by KTM"),
        ("draft date", "1/27/2012"),
        ("contact", "Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463"),
    )
    assert script.title == "BRICK & STEEL FULL RETIRED"


def test_brick_and_steel_elements() -> None:
    script = read(BRICK_AND_STEEL.read_bytes())
    patio = script.scenes[0]
    assert kinds(patio)[:4] == [
        (
            "action",
            (
                "A gorgeous day.  The sun is shining.  But BRICK BRADDOCK, retired police "
                "detective, is sitting quietly, contemplating -- something."
            ),
        ),
        (
            "action",
            (
                "The SCREEN DOOR slides open and DICK STEEL, his former partner and fellow "
                "retiree, emerges with two cold beers."
            ),
        ),
        ("character", "STEEL"),
        ("dialogue", "Beer's ready!"),
    ]
    # Hard line breaks survive: each line stops well short of the margin.
    assert (
        "action",
        "And then there's a long beat.\nLonger than is funny.\nLong enough to be depressing.",
    ) in kinds(patio)
    # Dual dialogue: printed side by side, the right-hand speaker is marked.
    assert [(p.text, p.dual) for p in patio.paragraphs[-5:-1]] == [
        ("STEEL", False),
        ("Screw retirement.", False),
        ("BRICK", True),
        ("Screw retirement.", True),
    ]
    assert kinds(patio)[-1] == ("transition", "SMASH CUT TO:")
    assert kinds(script.scenes[1])[1:4] == [
        ("character", "JACK"),
        ("parenthetical", "(in Vietnamese, subtitled)"),
        ("dialogue", "Did you know Brick and Steel are retired?"),
    ]
    assert kinds(script.scenes[3])[:2] == [
        ("centered", "BRICK BRADDOCK\n& DICK STEEL IN"),
        ("centered", "BRICK & STEEL\nFULL RETIRED"),
    ]
    assert kinds(script.scenes[-1])[-2:] == [
        ("transition", "BURN TO PINK."),
        ("centered", "THE END"),
    ]
    # The page numbers printed at the top right ("2.", "3.") are not text.
    texts = [p.text for scene in script.scenes for p in scene.paragraphs]
    assert not any(re.fullmatch(r"\d+\.", text) for text in texts)
    assert all(p.line is None for scene in script.scenes for p in scene.paragraphs)


# --- PDFs written here: scene numbers, page furniture, continued speeches --------------------


def pdf_with_text(pages: list[list[tuple[float, float, str]]]) -> bytes:
    """A minimal US Letter PDF in Courier 12; each item is (left inch, top inch, text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
    for index, lines in enumerate(pages):
        content_number = 5 + 2 * index
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_number
        )
        stream = b"".join(_show(left, top, text) for left, top, text in lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return _assemble(objects)


def _show(left: float, top: float, text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    baseline = 792 - top * 72 - 10
    return f"BT /F1 12 Tf {left * 72:.2f} {baseline:.2f} Td ({escaped}) Tj ET\n".encode("latin-1")


def _assemble(objects: list[bytes]) -> bytes:
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def lines(top: float, *items: tuple[float, str]) -> list[tuple[float, float, str]]:
    """Consecutive lines from ``top``, one sixth of an inch apart; an empty text is a blank."""
    return [(left, top + index / 6, text) for index, (left, text) in enumerate(items) if text]


ACTION, DIALOGUE, PAREN, CUE = 1.5, 2.5, 3.1, 3.7
NUMBERED = pdf_with_text(
    [
        [
            (3.5, 4.0, "NIGHT SHIFT"),
            (3.75, 4.5, "Written by"),
            (3.85, 4.75, "Ana Ruiz"),
            (1.5, 9.5, "ana@example.com"),
        ],
        [
            (7.0, 0.5, "2."),
            *lines(
                1.0,
                (ACTION, "INT. KITCHEN - NIGHT"),
                (ACTION, ""),
                (ACTION, "Maya drops the kettle. It bounces across the floor and under"),
                (ACTION, "the table."),
                (ACTION, ""),
                (CUE, "MAYA"),
                (PAREN, "(to nobody in"),
                (PAREN, " particular)"),
                (DIALOGUE, "That is the third kettle this"),
                (DIALOGUE, "month."),
                (CUE, "(MORE)"),
            ),
            (0.75, 1.0, "12"),
            (7.4, 1.0, "12"),
        ],
        [
            (7.0, 0.5, "3."),
            *lines(
                1.0,
                (ACTION, "CONTINUED:"),
                (ACTION, ""),
                (CUE, "MAYA (CONT'D)"),
                (DIALOGUE, "And I liked this one."),
                (ACTION, ""),
                (ACTION, "Noah leans in the doorway."),
                (ACTION, ""),
                (CUE, "NOAH"),
                (DIALOGUE, "Buy a pan."),
                (ACTION, ""),
                (ACTION, "He goes."),
                (ACTION, ""),
                (CUE, "NOAH (CONT'D)"),
                (DIALOGUE, "Or two."),
                (ACTION, ""),
                (6.6, "CUT TO:"),
                (ACTION, ""),
                (ACTION, "EXT. YARD - DAY"),
                (ACTION, ""),
                (ACTION, "Empty."),
            ),
            (0.75, 1.0 + 17 / 6, "12A"),
            (7.4, 1.0 + 17 / 6, "12A"),
            (1.5, 10.3, "(CONTINUED)"),
        ],
    ]
)


def test_margin_scene_numbers_become_scene_numbers() -> None:
    script = read(NUMBERED)
    assert [(s.number, s.heading, s.page) for s in script.scenes] == [
        ("12", "INT. KITCHEN - NIGHT", 1),
        ("12A", "EXT. YARD - DAY", 2),
    ]
    assert script.title_page == (
        ("title", "NIGHT SHIFT"),
        ("credit", "Written by"),
        ("author", "Ana Ruiz"),
        ("contact", "ana@example.com"),
    )


def test_page_break_marks_are_removed_and_the_speech_joined() -> None:
    kitchen, yard = read(NUMBERED).scenes
    assert kinds(kitchen) == [
        ("action", "Maya drops the kettle. It bounces across the floor and under the table."),
        ("character", "MAYA"),
        ("parenthetical", "(to nobody in particular)"),
        ("dialogue", "That is the third kettle this month. And I liked this one."),
        ("action", "Noah leans in the doorway."),
        ("character", "NOAH"),
        ("dialogue", "Buy a pan."),
        ("action", "He goes."),
        # The writer's own (CONT'D) after an interruption is kept, as Fountain keeps it. (The
        # Courier of this test PDF uses the standard encoding, where ' is a right quote.)
        ("character", "NOAH (CONT\u2019D)"),
        ("dialogue", "Or two."),
        ("transition", "CUT TO:"),
    ]
    assert [p.page for p in kitchen.paragraphs[:4]] == [1, 1, 1, 1]
    assert kitchen.paragraphs[4].page == 2
    assert kinds(yard) == [("action", "Empty.")]


# --- bad input -------------------------------------------------------------------------------


def test_scanned_pdf_without_text_layer() -> None:
    buffer = io.BytesIO()
    Image.new("L", (85, 110), color=255).save(buffer, format="PDF")
    script, problems = parse_pdf(buffer.getvalue(), "scan.pdf")
    assert script is None
    assert [(p.message, p.source) for p in problems] == [(NO_TEXT_LAYER, "scan.pdf")]
    assert "no text layer" in NO_TEXT_LAYER


def test_blank_pages_have_no_text_layer() -> None:
    script, problems = parse_pdf(pdf_with_text([[], []]), "blank.pdf")
    assert script is None
    assert [p.message for p in problems] == [NO_TEXT_LAYER]


def test_truncated_pdf() -> None:
    data = BRICK_AND_STEEL.read_bytes()
    script, problems = parse_pdf(data[: len(data) // 2], "cut.pdf")
    assert script is None
    assert len(problems) == 1
    assert problems[0].message.startswith("cannot read this PDF")
    assert problems[0].source == "cut.pdf"


def test_bytes_that_are_not_a_pdf() -> None:
    script, problems = parse_pdf(b"%PDF-1.4 then nothing useful", "junk.pdf")
    assert script is None
    assert problems[0].message.startswith("cannot read this PDF")


def test_paper_size_comes_from_the_page_height() -> None:
    data = (SCREENPLAYS / "brick-and-steel.screenplain-0.12.0.pdf").read_bytes()
    assert read(data).paper == "letter"


# --- headings without INT./EXT. in a numbered script ------------------------------------------

SNIPER = pdf_with_text(
    [
        [
            *lines(
                1.0,
                (ACTION, "EXT. POOL - DAY"),
                (ACTION, ""),
                (ACTION, "Steel, on the phone."),
                (ACTION, ""),
                (ACTION, "CLOSE ON THE PHONE"),
                (ACTION, ""),
                (ACTION, "It buzzes."),
                (ACTION, ""),
                (ACTION, "SNIPER SCOPE POV"),
                (ACTION, ""),
                # Four lines of one paragraph: the line pitch is measured from them.
                (ACTION, "His face"),
                (ACTION, "fills"),
                (ACTION, "the"),
                (ACTION, "scope."),
            ),
            (0.75, 1.0, "3"),
            (7.4, 1.0, "3"),
            (0.75, 1.0 + 8 / 6, "4"),
            (7.4, 1.0 + 8 / 6, "4"),
        ]
    ]
)


def test_a_numbered_caps_line_at_the_heading_margin_is_a_heading() -> None:
    # A shooting script numbers every scene: a number in the margin makes SNIPER SCOPE POV a
    # scene, as Fountain's forcing dot did; an unnumbered caps line in a numbered script is a
    # shot, as written.
    pool, sniper = read(SNIPER).scenes
    assert [(pool.number, pool.heading), (sniper.number, sniper.heading)] == [
        ("3", "EXT. POOL - DAY"),
        ("4", "SNIPER SCOPE POV"),
    ]
    assert kinds(pool) == [
        ("action", "Steel, on the phone."),
        ("shot", "CLOSE ON THE PHONE"),
        ("action", "It buzzes."),
    ]
    assert kinds(sniper) == [("action", "His face\nfills\nthe\nscope.")]


def test_a_wrapped_heading_numbered_on_its_last_line_is_one_heading() -> None:
    # screenplain prints the number beside the last line of a heading that wraps.
    wrapped = pdf_with_text(
        [
            [
                *lines(
                    1.0,
                    (ACTION, "INT. CAR, NORTHBOUND ON THE GOLDEN GATE BRIDGE, MINUTES"),
                    (ACTION, "LATER"),
                    (ACTION, ""),
                    (ACTION, "Nak turns"),
                    (ACTION, "on"),
                    (ACTION, "the"),
                    (ACTION, "radio."),
                ),
                (0.75, 1.0 + 1 / 6, "14"),
                (7.4, 1.0 + 1 / 6, "14"),
            ]
        ]
    )
    (car,) = read(wrapped).scenes
    assert (car.number, car.heading) == (
        "14",
        "INT. CAR, NORTHBOUND ON THE GOLDEN GATE BRIDGE, MINUTES LATER",
    )


def test_in_a_numbered_script_an_unnumbered_caps_line_after_a_transition_is_a_shot() -> None:
    # Unnumbered, a bare caps line after a transition starts a scene (OPENING TITLES in Brick
    # & Steel); where every heading carries a number, one without a number is not a heading.
    numbered = pdf_with_text(
        [
            [
                *lines(
                    1.0,
                    (ACTION, "EXT. FAIR - DAY"),
                    (ACTION, ""),
                    (ACTION, "Crowds"),
                    (ACTION, "everywhere,"),
                    (ACTION, "all"),
                    (ACTION, "day."),
                    (ACTION, ""),
                    (6.6, "CUT TO:"),
                    (ACTION, ""),
                    (ACTION, "VARIOUS SHOTS"),
                    (ACTION, ""),
                    (ACTION, "Rides."),
                ),
                (0.75, 1.0, "7"),
                (7.4, 1.0, "7"),
            ]
        ]
    )
    (fair,) = read(numbered).scenes
    assert fair.number == "7"
    assert kinds(fair)[-2:] == [("shot", "VARIOUS SHOTS"), ("action", "Rides.")]


def test_a_long_heading_does_not_swallow_its_right_hand_number() -> None:
    # The heading runs so close to the right margin that its number is no column apart.
    heading = "EXT. SAN FRANCISCO BUSINESS DISTRICT, LATER THAT MORNING"
    long_heading = pdf_with_text(
        [
            [
                *lines(1.0, (ACTION, heading), (ACTION, ""), *((ACTION, w) for w in "abcd")),
                (0.75, 1.0, "11"),
                (7.4, 1.0, "11"),
            ]
        ]
    )
    (street,) = read(long_heading).scenes
    assert (street.number, street.heading) == ("11", heading)
