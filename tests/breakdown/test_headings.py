"""Scene headings as writers really type them."""

from __future__ import annotations

import pytest

from firstad.breakdown.headings import normalise_time, parse_heading, resolve_day_night
from firstad.model import IntExt


@pytest.mark.parametrize(
    ("heading", "int_ext", "location", "time"),
    [
        ("INT. RINK - ICE SURFACE - NIGHT", IntExt.INT, "RINK - ICE SURFACE", "NIGHT"),
        ("EXT. LIBRARY--DAY", IntExt.EXT, "LIBRARY", "DAY"),
        ("INT. SAN FRANCISCO APARTMENT, DAY", IntExt.INT, "SAN FRANCISCO APARTMENT", "DAY"),
        ("I/E CAR - MOVING - NIGHT (1987)", IntExt.INT_EXT, "CAR - MOVING", "NIGHT"),
        ("INT./EXT. MAYA'S CAR - NIGHT", IntExt.INT_EXT, "MAYA'S CAR", "NIGHT"),
        ("INT/EXT. CAR - DAY", IntExt.INT_EXT, "CAR", "DAY"),
        ("EXT./INT. BARN - DUSK", IntExt.INT_EXT, "BARN", "DUSK"),
        ("EST. CITY - DAWN", IntExt.EXT, "CITY", "DAWN"),
        ("int. kitchen - continuous", IntExt.INT, "KITCHEN", "CONTINUOUS"),
        ("EXT. STREET - MOMENTS LATER", IntExt.EXT, "STREET", "MOMENTS LATER"),
        ("INTERIOR HOUSE (NIGHT)", IntExt.INT, "HOUSE", "NIGHT"),
        ("EXT BRICK'S PATIO - DAY", IntExt.EXT, "BRICK'S PATIO", "DAY"),
        ("INT. HOSPITAL \u2013 CORRIDOR \u2013 LATER", IntExt.INT, "HOSPITAL - CORRIDOR", "LATER"),
        ("INT. GYM - SUNSET", IntExt.INT, "GYM", "DUSK"),
        ("SNIPER SCOPE POV", None, "SNIPER SCOPE POV", None),
        ("INT. INTERNET CAFE", IntExt.INT, "INTERNET CAFE", None),
        ("EXTRA LARGE ROOM", None, "EXTRA LARGE ROOM", None),
        # Notes in square brackets are no part of the set; the time before them still counts.
        ("EXT. RINK LOT - NIGHT [CONTINUOUS]", IntExt.EXT, "RINK LOT", "NIGHT"),
        ("INT. LOCKER ROOM - DAY  [FLASHBACK]", IntExt.INT, "LOCKER ROOM", "DAY"),
        ("INT. MAYA'S BEDROOM - [THE NEXT] MORNING", IntExt.INT, "MAYA'S BEDROOM", "MORNING"),
        ("EXT. RINK [WINTER '98] - DAY", IntExt.EXT, "RINK", "DAY"),
        ("INT. RINK - NIGHT - [THE STORM]", IntExt.INT, "RINK", "NIGHT"),
        ("INT. RINK - [CONTINUOUS]", IntExt.INT, "RINK", "CONTINUOUS"),
        # Two times: the set is what comes before both, and the lit one is the strip's time.
        ("EXT. POND - NIGHT - CONTINUOUS", IntExt.EXT, "POND", "NIGHT"),
        ("INT. RINK - (PRESENT) DAY", IntExt.INT, "RINK", "DAY"),
        ("INT. RINK - PRESENT DAY", IntExt.INT, "RINK", "DAY"),
        ("EXT. POND - ANOTHER DAY", IntExt.EXT, "POND", "DAY"),
        ("EXT. POND - PRE-DAWN", IntExt.EXT, "POND", "DAWN"),
        ("INT. MAYA'S CAR - DAY / DRIVING", IntExt.INT, "MAYA'S CAR", "DAY"),
        ("INT. RINK - NIGHT / LATER", IntExt.INT, "RINK", "NIGHT"),
    ],
)
def test_parse_heading(
    heading: str, int_ext: IntExt | None, location: str, time: str | None
) -> None:
    parts = parse_heading(heading)
    assert (parts.int_ext, parts.location, parts.time) == (int_ext, location, time)


def test_same_set_spelled_two_ways_groups_together() -> None:
    assert (
        parse_heading("int.  rink -  ice surface - night").location
        == parse_heading("INT. RINK - ICE SURFACE - DAY").location
    )


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("CONT'D", "CONTINUOUS"),
        ("a moment later", "MOMENTS LATER"),
        ("THREE WEEKS LATER", "LATER"),
        ("SAME TIME", "SAME"),
        ("THE NEXT MORNING", "MORNING"),
        ("NEXT DAY", "DAY"),
        ("CONTINUED", "CONTINUOUS"),
        ("THE NEXT", None),
        ("KITCHEN", None),
    ],
)
def test_normalise_time(written: str, normal: str | None) -> None:
    assert normalise_time(written) == normal


def test_continuity_times_take_the_lighting_of_the_scene_before() -> None:
    times = ["NIGHT", "CONTINUOUS", "LATER", "DAWN", "SAME", "MORNING", None, "EVENING"]
    assert resolve_day_night(times) == [
        "NIGHT",
        "NIGHT",
        "NIGHT",
        "DAWN",
        "DAWN",
        "DAY",
        None,
        "NIGHT",
    ]


@pytest.mark.parametrize(
    ("heading", "location", "time", "time_to"),
    [
        ("EXT. FIELD - DAY TO NIGHT", "FIELD", "DAY", "NIGHT"),
        ("INT. BAR - DUSK TO NIGHT", "BAR", "DUSK", "NIGHT"),
        ("EXT. HARBOUR - NIGHT INTO DAWN", "HARBOUR", "NIGHT", "DAWN"),
        ("EXT. LAKE (DAY TO NIGHT)", "LAKE", "DAY", "NIGHT"),
        ("EXT. POND - DAY TO NIGHT - CONTINUOUS", "POND", "DAY", "NIGHT"),
        ("EXT. ROOF - [SUNSET TO NIGHT]", "ROOF", "DUSK", "NIGHT"),
        # "TO" between words that are not times is part of the set.
        ("EXT. ROAD TO NOWHERE - DAY", "ROAD TO NOWHERE", "DAY", None),
        ("INT. BACK TO SCHOOL DANCE - NIGHT", "BACK TO SCHOOL DANCE", "NIGHT", None),
        ("INT. KITCHEN - DAY", "KITCHEN", "DAY", None),
    ],
)
def test_a_change_of_light_gives_the_time_at_the_start_and_where_it_ends(
    heading: str, location: str, time: str, time_to: str | None
) -> None:
    parts = parse_heading(heading)
    assert (parts.location, parts.time, parts.time_to) == (location, time, time_to)


@pytest.mark.parametrize(
    ("written", "normal"),
    [("DAY TO NIGHT", "DAY"), ("dusk to night", "DUSK"), ("KITCHEN TO NIGHT", None)],
)
def test_normalise_time_of_a_change_of_light_is_its_start(written: str, normal: str | None) -> None:
    assert normalise_time(written) == normal
