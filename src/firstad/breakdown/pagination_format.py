"""The printed page a screenplay is laid out on: paper, lines per page, element geometry.

Screenplays are typeset in 12 pt Courier, 10 characters per inch and 6 lines per inch, so
every measure here is a whole number of characters or lines. The element indents and widths
are Final Draft's defaults (which the industry's other writing programs copy): a page of that
format is what "one page, about one minute of screen time" means to a production.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from firstad.model import ParagraphKind


@dataclass(frozen=True, slots=True)
class ElementStyle:
    """How one kind of paragraph prints.

    ``width`` is the line length in characters (10 per inch); ``space_before`` the blank lines
    printed above the paragraph, dropped at the top of a page (Final Draft's "Space Before",
    stored in points: 12 pt is one line).
    """

    width: int
    space_before: int


@dataclass(frozen=True, slots=True)
class PageFormat:
    """A page size and the geometry of every screenplay element on it.

    ``body_lines`` is how many 12 pt lines fit between the top and bottom margins; a page is
    eight eighths of them. ``dual_width`` is the dialogue width of each column of dual
    dialogue, printed side by side.
    """

    name: str
    paper_width_inches: float
    paper_height_inches: float
    body_lines: int
    scene_heading: ElementStyle
    action: ElementStyle
    character: ElementStyle
    parenthetical: ElementStyle
    dialogue: ElementStyle
    transition: ElementStyle
    shot: ElementStyle
    centered: ElementStyle
    lyrics: ElementStyle
    dual_width: int

    def styles(self) -> Mapping[ParagraphKind, ElementStyle]:
        """The style of each printing paragraph kind (sections, synopses, breaks never print)."""
        return {
            ParagraphKind.SCENE_HEADING: self.scene_heading,
            ParagraphKind.ACTION: self.action,
            ParagraphKind.CHARACTER: self.character,
            ParagraphKind.PARENTHETICAL: self.parenthetical,
            ParagraphKind.DIALOGUE: self.dialogue,
            ParagraphKind.TRANSITION: self.transition,
            ParagraphKind.SHOT: self.shot,
            ParagraphKind.CENTERED: self.centered,
            ParagraphKind.LYRICS: self.lyrics,
        }


# Final Draft's US Letter template: 11 in paper, 1 in top margin and about 1 in bottom margin
# leave 54-56 lines; 55 is the count screenwriting programs and the "page = minute" rule use.
# Scene heading and action 1.5 in to 7.5 in (60 characters); character cue from 3.5-3.7 in;
# parenthetical 3.0-5.5 in with a hanging "(", about 20 characters; dialogue 2.5 in to 6.0 in
# (35 characters); transitions right-aligned from 5.5 in to 7.1 in (16 characters).
# Space Before: 2 lines above a scene heading (SpaceBefore="24" in Final Draft 12/13's
# ElementSettings), 1 line above action, character, transition and shot, none inside a speech.
LETTER = PageFormat(
    name="US Letter",
    paper_width_inches=8.5,
    paper_height_inches=11.0,
    body_lines=55,
    scene_heading=ElementStyle(width=60, space_before=2),
    action=ElementStyle(width=60, space_before=1),
    character=ElementStyle(width=38, space_before=1),
    parenthetical=ElementStyle(width=20, space_before=0),
    dialogue=ElementStyle(width=35, space_before=0),
    transition=ElementStyle(width=16, space_before=1),
    shot=ElementStyle(width=60, space_before=1),
    centered=ElementStyle(width=60, space_before=1),
    lyrics=ElementStyle(width=35, space_before=0),
    dual_width=28,
)

# Final Draft's A4 template (radio-studio.finaldraft.fdx): 11.69 in paper, top margin 75 pt and
# bottom 65 pt leave 58 lines; action 1.25-7.25 in, dialogue 2.56-6.25 in (36 characters),
# parenthetical 3.25-5.25 in, character from 3.75 in, transition 5.25-6.75 in.
A4 = PageFormat(
    name="A4",
    paper_width_inches=8.26,
    paper_height_inches=11.69,
    body_lines=58,
    scene_heading=ElementStyle(width=60, space_before=2),
    action=ElementStyle(width=60, space_before=1),
    character=ElementStyle(width=35, space_before=1),
    parenthetical=ElementStyle(width=20, space_before=0),
    dialogue=ElementStyle(width=36, space_before=0),
    transition=ElementStyle(width=15, space_before=1),
    shot=ElementStyle(width=60, space_before=1),
    centered=ElementStyle(width=60, space_before=1),
    lyrics=ElementStyle(width=36, space_before=0),
    dual_width=28,
)
