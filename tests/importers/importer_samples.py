"""Facts about the shared sample screenplays, checked by hand once, asserted by every importer."""

from __future__ import annotations

# Read by hand from brick-and-steel.fountain: its eight headings, two of them forced with a dot.
# Every format of that script (Fountain, screenplain's FDX and PDF) must give these.
BRICK_AND_STEEL_HEADINGS = (
    "EXT. BRICK'S PATIO - DAY",
    "INT. TRAILER HOME - DAY",
    "EXT. BRICK'S POOL - DAY",
    "SNIPER SCOPE POV",
    "OPENING TITLES",
    "EXT. WOODEN SHACK - DAY",
    "INT. GARAGE - DAY",
    "EXT. PALATIAL MANSION - DAY",
)
