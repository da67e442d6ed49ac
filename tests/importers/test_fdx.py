"""The Final Draft importer on real FDX files from three programs and on hand-made edge cases."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from firstad.importers.fdx import parse_fdx
from firstad.model import Paragraph, ParagraphKind, Scene, Script, Severity, Tag
from tests.importers.importer_samples import BRICK_AND_STEEL_HEADINGS

SCREENPLAYS = Path(__file__).resolve().parents[2].parent / "shared" / "screenplays"


def read(name: str) -> Script:
    path = SCREENPLAYS / name
    script, problems = parse_fdx(path.read_bytes(), str(path))
    assert problems == ()
    assert script is not None
    return script


def parse_inline(xml: str) -> Script:
    script, problems = parse_fdx(xml.encode(), "inline.fdx")
    assert [problem for problem in problems if problem.is_error] == []
    assert script is not None
    return script


def speaking(scene: Scene) -> tuple[str, ...]:
    """Cue names without extensions such as (O.S.), in order of first line."""
    cues = (p.text for p in scene.paragraphs if p.kind is ParagraphKind.CHARACTER)
    names = (re.sub(r"\s*\(.*?\)", "", cue).strip() for cue in cues)
    return tuple(dict.fromkeys(names))


def fdx(content: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{content}\n</Content>\n{extra}\n</FinalDraft>\n"
    )


# --- real files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["radio-studio.finaldraft.fdx", "radio-studio.fadein-export.fdx"])
def test_radio_studio_scenes_numbers_and_reported_eighths(name: str) -> None:
    script = read(name)
    assert script.format == "fdx"
    assert [(s.number, s.heading) for s in script.scenes] == [
        ("1", "INT. RADIO STUDIO"),
        ("2", "EXT. OUTSIDE THE FOOD STORE"),
    ]
    # Final Draft and Fade In independently store 3/8 and 2/8 page, both on page 1.
    assert [s.reported_eighths for s in script.scenes] == [3, 2]
    assert [s.reported_page for s in script.scenes] == ["1", "1"]
    assert [speaking(s) for s in script.scenes] == [("DJ", "DAVE", "JIM"), ("KAY",)]
    assert script.characters == ("DAVE", "JIM", "DJ", "KAY")
    assert script.preamble == ()


@pytest.mark.parametrize("name", ["radio-studio.finaldraft.fdx", "radio-studio.fadein-export.fdx"])
def test_radio_studio_title_page_keys_are_inferred_from_layout(name: str) -> None:
    script = read(name)
    assert script.title_page == (
        ("title", "FDX Test Script"),
        ("credit", "Written by"),
        ("author", "Ian"),
        ("copyright", "Copyright (c) 2026"),
        ("draft date", "Draft\ninformation"),
        ("contact", "Contact\ninformation"),
    )
    assert script.title == "FDX Test Script"


def test_final_draft_paragraph_kinds_and_source_lines() -> None:
    script = read("radio-studio.finaldraft.fdx")
    first = script.scenes[0]
    assert first.line == 5
    kinds = [(p.kind, p.line, p.text) for p in first.paragraphs[:4]]
    assert kinds == [
        (
            ParagraphKind.ACTION,
            21,
            "We are in a TV station listening to the announcer on the other site of the glass.",
        ),
        (ParagraphKind.CHARACTER, 24, "DJ"),
        (ParagraphKind.PARENTHETICAL, 27, "(bored)"),
        (
            ParagraphKind.DIALOGUE,
            30,
            "Hey everyone, this is some music that sounds kinda terrible.",
        ),
    ]
    assert first.paragraphs[-1].kind is ParagraphKind.TRANSITION
    assert script.scenes[1].paragraphs[-1].text == "FADE TO BLACK"


def test_final_draft_tag_categories_without_tags_give_no_tags() -> None:
    # Read by hand: the file's TagData defines the 22 standard breakdown categories and no
    # TagDefinitions or Tags, and no Text run carries a TagNumber.
    script = read("radio-studio.finaldraft.fdx")
    assert all(scene.tags == () and scene.notes == () for scene in script.scenes)


def test_screenplain_minimal_fdx() -> None:
    script = read("brick-and-steel.screenplain.fdx")
    assert tuple([s.heading for s in script.scenes]) == BRICK_AND_STEEL_HEADINGS
    assert all(s.number is None and s.reported_eighths is None for s in script.scenes)
    assert script.title_page == ()
    cast = {name for scene in script.scenes for name in speaking(scene)}
    assert cast == {"STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN"}
    patio = script.scenes[0].paragraphs
    dual = [(p.kind, p.text, p.dual) for p in patio if p.text in {"STEEL", "BRICK"}][-2:]
    assert dual == [
        (ParagraphKind.CHARACTER, "STEEL", False),
        (ParagraphKind.CHARACTER, "BRICK", True),
    ]
    assert patio[-2] == Paragraph(ParagraphKind.DIALOGUE, "Screw retirement.", 74, dual=True)
    titles = script.scenes[4].paragraphs
    assert [(p.kind, p.text) for p in titles[:2]] == [
        (ParagraphKind.CENTERED, "BRICK BRADDOCK\n& DICK STEEL IN"),
        (ParagraphKind.CENTERED, "BRICK & STEEL\nFULL RETIRED"),
    ]
    # Style runs are joined into one plain text.
    sniper = script.scenes[3].paragraphs[0].text
    assert (
        sniper
        == "From what seems like only INCHES AWAY.  Steel's face FILLS the Leupold Mark 4 scope."
    )


# --- Tagger data, notes, dual dialogue, title page: the Final Draft 12 structures --------------

CAST = "01fc9642-84ff-4366-b37c-a3068dee57e8"
PROPS = "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa"
TAGGED = fdx(
    """
<Paragraph Type="Action"><Text>FADE IN:</Text></Paragraph>
<Paragraph Number="4A" Type="Scene Heading">
  <SceneProperties Length="1 2/8" Page="3" Title=""/>
  <Text>INT. KITCHEN - NIGHT</Text>
</Paragraph>
<Paragraph Type="Action">
  <Text TagNumber="1">MAYA</Text><Text> slams the </Text><Text TagNumber="2">kettle</Text>
  <Text> down.</Text>
</Paragraph>
<Paragraph Type="Action">
  <ScriptNote ID="1"><Paragraph><Text>Is the kettle too loud?</Text></Paragraph></ScriptNote>
  <Text>Again: the </Text><Text TagNumber="2">kettle</Text><Text>.</Text>
</Paragraph>
<Paragraph>
  <DualDialogue>
    <Paragraph Type="Character"><Text>MAYA</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Now.</Text></Paragraph>
    <Paragraph Type="Character"><Text>NOAH</Text></Paragraph>
    <Paragraph Type="Parenthetical"><Text>(overlapping)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Later.</Text></Paragraph>
  </DualDialogue>
</Paragraph>
<Paragraph Number="5" Type="Scene Heading" StartsNewPage="Yes">
  <SceneProperties Length="2" Page="4"/>
  <Text>EXT. YARD - DAY</Text>
</Paragraph>
<Paragraph Type="Action"><Text>Empty.</Text></Paragraph>
<Paragraph Type="Fancy"><Text>Custom element.</Text></Paragraph>
""",
    f"""
<TitlePage><Content>
  <Paragraph Type="Title" Alignment="Center"><Text>NIGHT KITCHEN</Text></Paragraph>
  <Paragraph Alignment="Center"><Text>by</Text></Paragraph>
  <Paragraph Alignment="Center"><Text>Ana Ruiz</Text></Paragraph>
  <Paragraph Alignment="Center"><Text>and Bo Chen</Text></Paragraph>
  <Paragraph Alignment="Left"><Text>ana@example.com</Text></Paragraph>
</Content></TitlePage>
<SmartType><Characters><Character>MAYA</Character><Character>NOAH</Character>
<Character>MAYA</Character></Characters></SmartType>
<Characters><Character Name="IGNORED NAVIGATOR ENTRY"/></Characters>
<ScriptNotes>
  <ScriptNote Id="7" Range="40,46"><Paragraph><Text>Whose kettle?</Text></Paragraph></ScriptNote>
  <ScriptNote Id="8" Range="113,128"><Paragraph><Text>Yard: night or day?</Text></Paragraph>
  <Paragraph><Text>Ask the DP.</Text></Paragraph></ScriptNote>
</ScriptNotes>
<TagData>
  <TagCategories>
    <TagCategory Color="#00000000FFFF" Id="{CAST}" Name="Cast" Number="1" Style="Bold"/>
    <TagCategory Color="#FFFF00000000" Id="{PROPS}" Name="Props" Number="5" Style="Bold"/>
  </TagCategories>
  <TagDefinitions>
    <TagDefinition CatId="{CAST}" Id="d-maya" Label="MAYA" Number="1"/>
    <TagDefinition CatId="{PROPS}" Id="d-kettle" Label="kettle" Number="2"/>
  </TagDefinitions>
  <Tags>
    <Tag Number="1"><DefId>d-maya</DefId></Tag>
    <Tag Number="2"><DefId>d-kettle</DefId></Tag>
  </Tags>
</TagData>
""",
)


def test_tagger_tags_become_scene_tags_once_each() -> None:
    kitchen = parse_inline(TAGGED).scenes[0]
    assert kitchen.tags == (
        Tag(category="Cast", name="MAYA", line=11),
        Tag(category="Props", name="kettle", line=11),
    )


def test_scene_number_length_and_page() -> None:
    script = parse_inline(TAGGED)
    assert [(s.number, s.reported_eighths, s.reported_page) for s in script.scenes] == [
        ("4A", 10, "3"),
        ("5", 16, "4"),
    ]
    assert [p.text for p in script.preamble] == ["FADE IN:"]


def test_inline_and_ranged_script_notes() -> None:
    kitchen, yard = parse_inline(TAGGED).scenes
    # Final Draft 10+ anchors notes by character range over the paragraphs' texts, one
    # separator each: "FADE IN:" 0-8, the heading 9-29, the MAYA action 30-57, ... and the
    # yard heading starts at 113.
    assert [(note.text, note.line) for note in kitchen.notes] == [
        ("Whose kettle?", 47),
        ("Is the kettle too loud?", 15),
    ]
    assert [note.text for note in yard.notes] == ["Yard: night or day?\nAsk the DP."]


def test_dual_dialogue_marks_the_second_speaker() -> None:
    kitchen = parse_inline(TAGGED).scenes[0]
    dialogue = [(p.kind, p.text, p.dual) for p in kitchen.paragraphs[2:]]
    assert dialogue == [
        (ParagraphKind.CHARACTER, "MAYA", False),
        (ParagraphKind.DIALOGUE, "Now.", False),
        (ParagraphKind.CHARACTER, "NOAH", True),
        (ParagraphKind.PARENTHETICAL, "(overlapping)", True),
        (ParagraphKind.DIALOGUE, "Later.", True),
        (ParagraphKind.PAGE_BREAK, "", False),
    ]


def test_title_page_types_smarttype_and_unknown_elements() -> None:
    script, problems = parse_fdx(TAGGED.encode(), "inline.fdx")
    assert script is not None
    assert script.title_page == (
        ("title", "NIGHT KITCHEN"),
        ("credit", "by"),
        ("author", "Ana Ruiz\nand Bo Chen"),
        ("contact", "ana@example.com"),
    )
    assert script.characters == ("MAYA", "NOAH")
    assert script.scenes[1].paragraphs[-1].kind is ParagraphKind.ACTION
    assert [(p.severity, p.line, p.message) for p in problems] == [
        (Severity.WARNING, 32, "unknown Final Draft paragraph type 'Fancy', read as action")
    ]


def test_bad_scene_length_is_a_warning() -> None:
    xml = fdx(
        '<Paragraph Number="1" Type="Scene Heading">'
        '<SceneProperties Length="about half"/><Text>INT. A - DAY</Text></Paragraph>'
    )
    script, problems = parse_fdx(xml.encode(), "inline.fdx")
    assert script is not None
    assert script.scenes[0].reported_eighths is None
    assert [(p.severity, p.scene) for p in problems] == [(Severity.WARNING, "1")]


# --- bad input -------------------------------------------------------------------------------


def test_invalid_xml_reports_the_line() -> None:
    xml = fdx('<Paragraph Type="Action">\n<Text>unclosed\n</Paragraph>')
    script, problems = parse_fdx(xml.encode(), "broken.fdx")
    assert script is None
    assert [(p.message, p.source, p.line) for p in problems] == [
        ("not valid XML: mismatched tag", "broken.fdx", 6)
    ]
    assert str(problems[0]) == "broken.fdx:6: not valid XML: mismatched tag"


def test_xml_that_is_not_final_draft() -> None:
    script, problems = parse_fdx(b'<?xml version="1.0"?>\n<html><body/></html>', "page.fdx")
    assert script is None
    assert problems[0].line == 2
    assert "not a Final Draft file" in problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        b"<FinalDraft/>",
        b"<FinalDraft><Content/></FinalDraft>",
        (
            b'<FinalDraft><Content><Paragraph Type="Action"><Text>  </Text></Paragraph>'
            b"</Content></FinalDraft>"
        ),
    ],
)
def test_empty_content(data: bytes) -> None:
    script, problems = parse_fdx(data, "empty.fdx")
    assert script is None
    assert [p.message for p in problems] == ["the Final Draft file has no script text"]


def test_empty_bytes() -> None:
    script, problems = parse_fdx(b"", "empty.fdx")
    assert script is None
    assert problems[0].message.startswith("not valid XML")


def test_billion_laughs_is_refused_quickly() -> None:
    entities = "".join(f'<!ENTITY l{level} "{f"&l{level - 1};" * 10}">\n' for level in range(1, 10))
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY l0 "ha">\n'
        f"{entities}]>\n"
        '<FinalDraft><Content><Paragraph Type="Action"><Text>&l9;</Text></Paragraph>'
        "</Content></FinalDraft>"
    )
    started = time.perf_counter()
    script, problems = parse_fdx(bomb.encode(), "bomb.fdx")
    assert time.perf_counter() - started < 1.0
    assert script is None
    assert problems[0].line == 3
    assert "declares entities" in problems[0].message


def test_external_entities_are_never_fetched() -> None:
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE FinalDraft SYSTEM "http://192.0.2.1/never.dtd">\n'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>Plain.</Text></Paragraph>'
        "</Content></FinalDraft>"
    )
    script = parse_inline(xml)
    assert [p.text for p in script.preamble] == ["Plain."]


def test_utf16_file_with_byte_order_mark() -> None:
    xml = fdx('<Paragraph Type="Scene Heading"><Text>INT. CAFÉ \N{EN DASH} DAY</Text></Paragraph>')
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    script, problems = parse_fdx(xml.encode("utf-16"), "wide.fdx")
    assert problems == ()
    assert script is not None
    assert script.scenes[0].heading == "INT. CAFÉ \N{EN DASH} DAY"


def test_paper_size_comes_from_the_page_layout() -> None:
    # Final Draft's file declares an 11.69 in page (A4); Fade In's export declares none.
    assert read("radio-studio.finaldraft.fdx").paper == "a4"
    assert read("radio-studio.fadein-export.fdx").paper is None


OPENING_NOTES = fdx(
    """
<Paragraph Type="Action">
  <ScriptNote ID="1"><Paragraph><Text>Cold open: no titles yet.</Text></Paragraph></ScriptNote>
  <Text>FADE IN:</Text>
</Paragraph>
<Paragraph Type="Scene Heading"><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Steam.</Text></Paragraph>
""",
    """
<TitlePage><Content>
  <Paragraph Alignment="Center">
    <ScriptNote ID="2"><Paragraph><Text>Working title.</Text></Paragraph></ScriptNote>
    <Text>NIGHT KITCHEN</Text>
  </Paragraph>
</Content></TitlePage>
<ScriptNotes>
  <ScriptNote Id="3" Range="2,5"><Paragraph><Text>Or FADE UP?</Text></Paragraph></ScriptNote>
  <ScriptNote Id="4" Range="12,14"><Paragraph><Text>Whose kitchen?</Text></Paragraph>
  </ScriptNote>
</ScriptNotes>
""",
)


def test_notes_before_the_first_heading_are_the_scripts_own() -> None:
    script = parse_inline(OPENING_NOTES)
    # The title page's note first, then the opening's inline and ranged notes; a range that
    # starts on the heading ("FADE IN:" is 0-8, the heading 9-29) belongs to the scene.
    assert [(note.text, note.line) for note in script.notes] == [
        ("Working title.", 16),
        ("Cold open: no titles yet.", 6),
        ("Or FADE UP?", 21),
    ]
    assert [note.text for note in script.scenes[0].notes] == ["Whose kitchen?"]
    assert script.title_page == (("title", "NIGHT KITCHEN"),)


def test_notes_in_a_file_without_headings_are_kept() -> None:
    script = parse_inline(
        fdx(
            '<Paragraph Type="Action"><ScriptNote><Paragraph><Text>Outline only.</Text>'
            "</Paragraph></ScriptNote><Text>A river.</Text></Paragraph>"
        )
    )
    assert script.scenes == ()
    assert [note.text for note in script.notes] == ["Outline only."]


def test_an_empty_heading_is_reported_and_its_text_kept_in_the_scene_before() -> None:
    script, problems = parse_fdx(
        fdx(
            """<Paragraph Type="Scene Heading"><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Steam.</Text></Paragraph>
<Paragraph Number="5" Type="Scene Heading"><Text>  </Text>
  <ScriptNote><Paragraph><Text>props: kettle</Text></Paragraph></ScriptNote></Paragraph>
<Paragraph Type="Action"><Text>The kettle screams.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>EXT. YARD - DAY</Text></Paragraph>"""
        ).encode(),
        "kitchen.fdx",
    )
    assert script is not None
    assert [scene.heading for scene in script.scenes] == ["INT. KITCHEN - NIGHT", "EXT. YARD - DAY"]
    kitchen = script.scenes[0]
    assert [p.text for p in kitchen.paragraphs] == ["Steam.", "The kettle screams."]
    assert [note.text for note in kitchen.notes] == ["props: kettle"]
    assert [str(problem) for problem in problems] == [
        (
            "kitchen.fdx:6: warning: scene heading is empty (Final Draft numbered it 5); what "
            "follows is kept in the scene before, INT. KITCHEN - NIGHT"
        )
    ]


def test_an_empty_first_heading_keeps_its_text_before_the_first_scene() -> None:
    script, problems = parse_fdx(
        fdx(
            """<Paragraph Type="Scene Heading"></Paragraph>
<Paragraph Type="Action"><Text>A river.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>EXT. YARD - DAY</Text></Paragraph>"""
        ).encode(),
        "river.fdx",
    )
    assert script is not None
    assert [p.text for p in script.preamble] == ["A river."]
    assert [scene.heading for scene in script.scenes] == ["EXT. YARD - DAY"]
    assert [str(problem) for problem in problems] == [
        (
            "river.fdx:4: warning: scene heading is empty; what follows is kept before the first "
            "scene heading, where it is not broken down"
        )
    ]
