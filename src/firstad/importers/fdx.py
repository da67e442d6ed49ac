"""Final Draft (.fdx) importer.

An FDX file is XML: ``<FinalDraft><Content>`` holds the script as ``<Paragraph Type="...">``
elements whose text is split into ``<Text>`` style runs. Around the content Final Draft keeps
what a first AD wants too: scene numbers, its own page count per scene (``SceneProperties``),
the Tagger's breakdown tags, script notes, the SmartType character list and the title page.
Files written by Fade In, Highland, WriterDuet and screenplain use the same shape with fewer
extras, so every extra is optional here.

The XML is read with expat directly (no DTDs, no external entities, no entity declarations at
all: an FDX never needs them, and refusing them defeats entity-expansion bombs) so that each
paragraph keeps the line number where it starts in the file.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from xml.parsers import expat

from firstad.importers.title_page import merge_repeated_keys
from firstad.model import Note, Paragraph, ParagraphKind, Problem, Scene, Script, Severity, Tag

_KINDS: Mapping[str, ParagraphKind] = MappingProxyType(
    {
        "Scene Heading": ParagraphKind.SCENE_HEADING,
        "Action": ParagraphKind.ACTION,
        "General": ParagraphKind.ACTION,
        "Cast List": ParagraphKind.ACTION,
        "Character": ParagraphKind.CHARACTER,
        "Dialogue": ParagraphKind.DIALOGUE,
        "Parenthetical": ParagraphKind.PARENTHETICAL,
        "Transition": ParagraphKind.TRANSITION,
        "Shot": ParagraphKind.SHOT,
        "Lyrics": ParagraphKind.LYRICS,
        # Act breaks print centred on their own line, like Fountain's centred text.
        "New Act": ParagraphKind.CENTERED,
        "End of Act": ParagraphKind.CENTERED,
        # Final Draft 12+ outline elements are hidden text: the Fountain sections and synopses.
        "Outline 1": ParagraphKind.SECTION,
        "Outline 2": ParagraphKind.SECTION,
        "Outline 3": ParagraphKind.SECTION,
        "Outline 4": ParagraphKind.SECTION,
        "Outline Body": ParagraphKind.SYNOPSIS,
    }
)

# Title-page keys that a writing program may give as a paragraph Type (Final Draft gives none).
_TITLE_PAGE_KEYS = frozenset(
    {"title", "credit", "author", "authors", "source", "draft date", "contact", "copyright"}
)
_CREDIT = re.compile(
    r"^(?:written|screenplay|story|teleplay|adapted|created)?\s*(?:and\s+)?by\b", re.I
)
_SOURCE = re.compile(r"^(?:based on|from|adapted from|inspired by)\b", re.I)
_COPYRIGHT = re.compile(r"copyright|\(c\)|©", re.I)
_DRAFT = re.compile(r"\bdraft\b|\brevis|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", re.I)
_LENGTH = re.compile(r"^(?:(\d+)\s*)?(?:(\d+)\s*/\s*8)?$")


class _ForbiddenEntityError(Exception):
    """An entity declaration: FDX files never declare entities, and bombs are built from them."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass(slots=True)
class _Node:
    """One XML element with the line its start tag is on.

    Mutable only while the tree is being built; the importer reads it afterwards.
    """

    tag: str
    attributes: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def child(self, tag: str) -> _Node | None:
        return next(self.children_named(tag), None)

    def children_named(self, tag: str) -> Iterator[_Node]:
        return (child for child in self.children if child.tag == tag)

    def path(self, *tags: str) -> _Node | None:
        node: _Node | None = self
        for tag in tags:
            node = node.child(tag) if node is not None else None
        return node


@dataclass(frozen=True, slots=True)
class _Element:
    """One content paragraph with what Final Draft attached to it."""

    paragraph: Paragraph
    offset: int
    number: str | None = None
    properties: _Node | None = None
    tag_numbers: tuple[tuple[str, int], ...] = ()
    notes: tuple[Note, ...] = ()


def parse_fdx(data: bytes, source: str) -> tuple[Script | None, tuple[Problem, ...]]:
    """Parse a Final Draft XML file into a Script."""
    root, problem = _parse_xml(data, source)
    if root is None:
        return None, (problem,) if problem is not None else ()
    if root.tag != "FinalDraft":
        message = f"not a Final Draft file: the XML root is <{root.tag}>, not <FinalDraft>"
        return None, (Problem(message, source, line=root.line),)
    content = root.child("Content")
    problems: list[Problem] = []
    elements = _content_elements(content, source, problems) if content is not None else []
    if not elements:
        line = content.line if content is not None else root.line
        return None, (Problem("the Final Draft file has no script text", source, line=line),)
    elements = _attach_range_notes(elements, root.child("ScriptNotes"))
    script = _build_script(root, elements, source, problems)
    return script, tuple(problems)


# --- reading the XML -------------------------------------------------------------------------


def _parse_xml(data: bytes, source: str) -> tuple[_Node | None, Problem | None]:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    stack: list[_Node] = []
    roots: list[_Node] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        node = _Node(tag, attributes, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            stack[-1].text_parts.append(text)

    def entity_declared(*_arguments: object) -> None:
        raise _ForbiddenEntityError(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = entity_declared
    try:
        parser.Parse(data, True)  # noqa: FBT003 -- pyexpat takes isfinal positionally only
    except _ForbiddenEntityError as error:
        message = "not accepted: the XML declares entities, which Final Draft files never do"
        return None, Problem(message, source, line=error.line)
    except expat.ExpatError as error:
        message = f"not valid XML: {expat.ErrorString(error.code)}"
        return None, Problem(message, source, line=error.lineno)
    return (roots[0], None) if roots else (None, Problem("not valid XML: no element", source))


# --- the script body -------------------------------------------------------------------------


def _content_elements(content: _Node, source: str, problems: list[Problem]) -> list[_Element]:
    """Every paragraph of the body in order, dual dialogue unwrapped, empty ones dropped."""
    elements: list[_Element] = []
    offset = 0
    for node, dual in _paragraph_nodes(content):
        raw_text = "".join(run.text for run in node.children_named("Text"))
        element = _element(node, raw_text, offset, dual=dual, source=source, problems=problems)
        # Final Draft's ScriptNotes ranges count characters with one separator per paragraph.
        offset += len(raw_text) + 1
        if element is None:
            continue
        if node.attributes.get("StartsNewPage") == "Yes" and elements:
            page_break = Paragraph(ParagraphKind.PAGE_BREAK, "", line=node.line)
            elements.append(_Element(page_break, element.offset))
        elements.append(element)
    return elements


def _paragraph_nodes(content: _Node) -> Iterator[tuple[_Node, bool]]:
    """Content paragraphs with their dual flag; ``<DualDialogue>`` may sit in a Paragraph."""
    for node in content.children:
        wrapper = node.child("DualDialogue") if node.tag == "Paragraph" else None
        if node.tag == "DualDialogue":
            yield from _dual_paragraphs(node)
        elif wrapper is not None:
            yield from _dual_paragraphs(wrapper)
        elif node.tag == "Paragraph":
            yield node, False


def _dual_paragraphs(dual_dialogue: _Node) -> Iterator[tuple[_Node, bool]]:
    """The second speaker's cue and lines form the right-hand column."""
    cues = 0
    for node in dual_dialogue.children_named("Paragraph"):
        cues += node.attributes.get("Type") == "Character"
        yield node, cues >= 2


def _element(
    node: _Node, raw_text: str, offset: int, *, dual: bool, source: str, problems: list[Problem]
) -> _Element | None:
    text = _clean(raw_text)
    kind = _kind(node, source, problems)
    if not text and kind is not ParagraphKind.SCENE_HEADING:
        return None
    level = (
        int(node.attributes.get("Type", "Outline 0")[-1]) if kind is ParagraphKind.SECTION else 0
    )
    paragraph = Paragraph(kind, text, line=node.line, dual=dual, level=level)
    number = node.attributes.get("Number", "").strip() or None
    return _Element(
        paragraph,
        offset,
        number=number if kind is ParagraphKind.SCENE_HEADING else None,
        properties=node.child("SceneProperties"),
        tag_numbers=tuple(_tag_numbers(node)),
        notes=tuple(_note(note) for note in node.children_named("ScriptNote")),
    )


def _kind(node: _Node, source: str, problems: list[Problem]) -> ParagraphKind:
    type_name = node.attributes.get("Type", "Action")
    kind = _KINDS.get(type_name)
    if kind is None:
        message = f"unknown Final Draft paragraph type {type_name!r}, read as action"
        problems.append(Problem(message, source, line=node.line, severity=Severity.WARNING))
        kind = ParagraphKind.ACTION
    if kind is ParagraphKind.ACTION and node.attributes.get("Alignment") == "Center":
        return ParagraphKind.CENTERED
    return kind


def _clean(text: str) -> str:
    """Plain text: Windows line ends unified, the paragraph's outer whitespace dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _tag_numbers(node: _Node) -> Iterator[tuple[str, int]]:
    """The Tagger's references from this paragraph's text runs: (tag number, line)."""
    for run in node.children_named("Text"):
        for number in re.split(r"[,\s]+", run.attributes.get("TagNumber", "")):
            if number:
                yield number, run.line


def _note(note: _Node) -> Note:
    texts = ("".join(run.text for run in p.children_named("Text")) for p in note.children)
    return Note("\n".join(_clean(text) for text in texts if text.strip()), line=note.line)


def _attach_range_notes(elements: list[_Element], script_notes: _Node | None) -> list[_Element]:
    """Final Draft 10+ keeps notes apart, anchored by a character ``Range="start,end"``."""
    if script_notes is None:
        return elements
    offsets = [element.offset for element in elements]
    extra: dict[int, list[Note]] = {}
    for note in script_notes.children_named("ScriptNote"):
        start = note.attributes.get("Range", "").split(",")[0].strip()
        if start.isdigit():
            index = max(bisect.bisect_right(offsets, int(start)) - 1, 0)
            extra.setdefault(index, []).append(_note(note))
    return [
        _with_notes(element, extra[index]) if index in extra else element
        for index, element in enumerate(elements)
    ]


def _with_notes(element: _Element, notes: Sequence[Note]) -> _Element:
    return _Element(
        element.paragraph,
        element.offset,
        element.number,
        element.properties,
        element.tag_numbers,
        element.notes + tuple(notes),
    )


# --- assembling the script -------------------------------------------------------------------


def _build_script(
    root: _Node, elements: list[_Element], source: str, problems: list[Problem]
) -> Script:
    tags = _tag_index(root.child("TagData"))
    headings = [index for index, element in enumerate(elements) if _is_heading(element)]
    problems.extend(_empty_headings(elements, source))
    bounds = [*headings, len(elements)]
    scenes = tuple(
        _scene(elements[start:end], tags, source, problems)
        for start, end in itertools.pairwise(bounds)
    )
    preamble = elements[: headings[0]] if headings else elements
    title_content = root.path("TitlePage", "Content")
    return Script(
        source=source,
        format="fdx",
        scenes=scenes,
        title_page=_title_page(title_content),
        preamble=_paragraphs(preamble),
        characters=_characters(root.path("SmartType", "Characters")),
        paper=_paper(root.path("PageLayout", "PageSize")),
        notes=_title_page_notes(title_content) + _preamble_notes(preamble),
    )


def _is_heading(element: _Element) -> bool:
    return element.paragraph.kind is ParagraphKind.SCENE_HEADING and bool(element.paragraph.text)


def _is_empty_heading(element: _Element) -> bool:
    return element.paragraph.kind is ParagraphKind.SCENE_HEADING and not element.paragraph.text


def _paragraphs(elements: Sequence[_Element]) -> tuple[Paragraph, ...]:
    """The paragraphs to lay out: an empty heading prints nothing (its notes and tags stay)."""
    return tuple(element.paragraph for element in elements if not _is_empty_heading(element))


def _empty_headings(elements: Sequence[_Element], source: str) -> Iterator[Problem]:
    """An empty Scene Heading (its text deleted, or Return pressed in one) names no set, so it
    makes no scene: what follows it stays in the scene before, where nothing is lost and the
    scene count is what the headings say. The user hears where it is to fix the script."""
    before: _Element | None = None
    for element in elements:
        if _is_heading(element):
            before = element
        elif _is_empty_heading(element):
            numbered = f" (Final Draft numbered it {element.number})" if element.number else ""
            where = (
                f"in the scene before, {before.paragraph.text}"
                if before is not None
                else "before the first scene heading, where it is not broken down"
            )
            message = f"scene heading is empty{numbered}; what follows is kept {where}"
            yield Problem(message, source, element.paragraph.line, severity=Severity.WARNING)


def _title_page_notes(content: _Node | None) -> tuple[Note, ...]:
    if content is None:
        return ()
    paragraphs = content.children_named("Paragraph")
    return tuple(_note(note) for node in paragraphs for note in node.children_named("ScriptNote"))


def _preamble_notes(preamble: Sequence[_Element]) -> tuple[Note, ...]:
    """Notes on the text before the first heading belong to no scene but are the writer's."""
    return tuple(note for element in preamble for note in element.notes)


# Final Draft writes the page height in inches: 11.00 for US Letter, 11.69 for A4.
_A4_HEIGHT_THRESHOLD = 11.3


def _paper(page_size: _Node | None) -> str | None:
    if page_size is None:
        return None
    try:
        height = float(page_size.attributes.get("Height", ""))
    except ValueError:
        return None
    return "a4" if height > _A4_HEIGHT_THRESHOLD else "letter"


def _scene(
    elements: Sequence[_Element],
    tags: Mapping[str, tuple[str, str]],
    source: str,
    problems: list[Problem],
) -> Scene:
    heading = elements[0]
    properties = heading.properties
    length = properties.attributes.get("Length", "") if properties is not None else ""
    page = properties.attributes.get("Page", "").strip() if properties is not None else ""
    return Scene(
        heading=heading.paragraph.text,
        paragraphs=_paragraphs(elements[1:]),
        number=heading.number,
        line=heading.paragraph.line,
        notes=tuple(note for element in elements for note in element.notes),
        tags=_scene_tags(elements, tags),
        reported_eighths=_eighths(length, heading, source, problems),
        reported_page=page or None,
    )


def _eighths(length: str, heading: _Element, source: str, problems: list[Problem]) -> int | None:
    """Final Draft writes scene length as pages and eighths: ``3/8``, ``1 2/8``, ``2``."""
    match = _LENGTH.match(length.strip())
    if not length.strip():
        return None
    if match is None or not any(match.groups()):
        message = f"scene length {length!r} is not in pages and eighths; ignored"
        problems.append(
            Problem(
                message,
                source,
                line=heading.paragraph.line,
                scene=heading.number,
                severity=Severity.WARNING,
            )
        )
        return None
    pages, eighths = match.groups()
    return int(pages or 0) * 8 + int(eighths or 0)


def _tag_index(tag_data: _Node | None) -> Mapping[str, tuple[str, str]]:
    """Tag number -> (category name, label), following Tag -> TagDefinition -> TagCategory."""
    if tag_data is None:
        return {}
    categories = {
        node.attributes.get("Id", ""): node.attributes.get("Name", "")
        for node in _grandchildren(tag_data, "TagCategories")
    }
    definitions = {
        node.attributes.get("Id", ""): (
            categories.get(node.attributes.get("CatId", ""), ""),
            node.attributes.get("Label", ""),
        )
        for node in _grandchildren(tag_data, "TagDefinitions")
    }
    index: dict[str, tuple[str, str]] = {}
    for tag in _grandchildren(tag_data, "Tags"):
        definition_node = tag.child("DefId")
        definition = definitions.get(definition_node.text.strip()) if definition_node else None
        if definition is not None and definition[0] and definition[1].strip():
            index[tag.attributes.get("Number", "")] = definition
    return index


def _grandchildren(node: _Node, tag: str) -> Iterator[_Node]:
    parent = node.child(tag)
    return iter(parent.children) if parent is not None else iter(())


def _scene_tags(
    elements: Sequence[_Element], index: Mapping[str, tuple[str, str]]
) -> tuple[Tag, ...]:
    """Each tagged element once per scene, at its first mention."""
    found: dict[tuple[str, str], Tag] = {}
    for element in elements:
        for number, line in element.tag_numbers:
            if number in index:
                category, label = index[number]
                key = (category, label.strip())
                found.setdefault(key, Tag(category=category, name=label.strip(), line=line))
    return tuple(found.values())


def _characters(characters: _Node | None) -> tuple[str, ...]:
    if characters is None:
        return ()
    names = (_clean(node.text) for node in characters.children_named("Character"))
    return tuple(dict.fromkeys(name for name in names if name))


# --- the title page --------------------------------------------------------------------------


def _title_page(content: _Node | None) -> tuple[tuple[str, str], ...]:
    """Final Draft's title page is free text; the keys are read from position and wording."""
    if content is None:
        return ()
    entries: list[tuple[str, str]] = []
    for node in content.children_named("Paragraph"):
        text = _clean("".join(run.text for run in node.children_named("Text")))
        if text:
            key = _title_key(node, text, [key for key, _ in entries])
            entries.append((key, text))
    return merge_repeated_keys(entries)


def _title_key(node: _Node, text: str, previous_keys: list[str]) -> str:
    declared = node.attributes.get("Type", "").strip().lower()
    if declared in _TITLE_PAGE_KEYS:
        return declared
    if node.attributes.get("Alignment") == "Center":
        return _centred_key(text, previous_keys)
    if _COPYRIGHT.search(text):
        return "copyright"
    if _DRAFT.search(text) and "draft date" not in previous_keys:
        return "draft date"
    return "contact"


def _centred_key(text: str, previous_keys: list[str]) -> str:
    """Centred block, in the industry's order: title, credit, author(s), source."""
    if not previous_keys:
        return "title"
    if _CREDIT.match(text) and "author" not in previous_keys:
        return "credit"
    if _SOURCE.match(text):
        return "source"
    if previous_keys[-1] in {"credit", "author"}:
        return "author"
    return previous_keys[-1] if previous_keys[-1] == "title" else "notes"
