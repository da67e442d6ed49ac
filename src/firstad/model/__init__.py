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
    set_key,
)
from firstad.model.problem import Problem, Severity, has_errors
from firstad.model.production import (
    FIVE_DAY_WEEK,
    MINUTES_PER_DAY,
    SIX_DAY_WEEK,
    WHOLE_DAY,
    Calendar,
    CastMember,
    Crew,
    DailyWindow,
    DateRange,
    Daylight,
    FixedDate,
    Location,
    Ordering,
    Production,
    SceneTiming,
    WorkRules,
)
from firstad.model.schedule import CostBreakdown, Evaluation, Schedule, ShootDay
from firstad.model.script import Note, Paragraph, ParagraphKind, Scene, Script, Tag

__all__ = [
    "CATEGORY_COLOURS",
    "FIVE_DAY_WEEK",
    "MINUTES_PER_DAY",
    "SIX_DAY_WEEK",
    "WHOLE_DAY",
    "Breakdown",
    "Calendar",
    "CastMember",
    "Category",
    "CostBreakdown",
    "Crew",
    "DailyWindow",
    "DateRange",
    "Daylight",
    "Element",
    "ElementSource",
    "Evaluation",
    "FixedDate",
    "IntExt",
    "Location",
    "Note",
    "Ordering",
    "Paragraph",
    "ParagraphKind",
    "Problem",
    "Production",
    "Scene",
    "SceneBreakdown",
    "SceneTiming",
    "Schedule",
    "Script",
    "Severity",
    "ShootDay",
    "Tag",
    "WorkRules",
    "format_eighths",
    "has_errors",
    "set_key",
]
