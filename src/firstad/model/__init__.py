"""The domain model: frozen records that every stage of the pipeline shares.

Stages import their records from here and nowhere else; this package imports no other part of
firstad.
"""

from firstad.model.breakdown import (
    CATEGORY_COLOURS,
    Breakdown,
    Category,
    Element,
    ElementSource,
    IntExt,
    SceneBreakdown,
    format_eighths,
)
from firstad.model.problem import Problem, Severity, has_errors
from firstad.model.script import Note, Paragraph, ParagraphKind, Scene, Script, Tag

__all__ = [
    "CATEGORY_COLOURS",
    "Breakdown",
    "Category",
    "Element",
    "ElementSource",
    "IntExt",
    "Note",
    "Paragraph",
    "ParagraphKind",
    "Problem",
    "Scene",
    "SceneBreakdown",
    "Script",
    "Severity",
    "Tag",
    "format_eighths",
    "has_errors",
]
