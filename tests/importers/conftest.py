"""Shared by the importer tests: where the sample screenplays live."""

from __future__ import annotations

from pathlib import Path

import pytest

# The samples sit beside the repository (never inside it: several are copyrighted texts).
SCREENPLAYS = Path(__file__).parents[2] / ".." / "shared" / "screenplays"


@pytest.fixture(scope="session")
def screenplays() -> Path:
    """The sample screenplay folder; a missing folder fails the test instead of skipping it."""
    if not SCREENPLAYS.is_dir():
        pytest.fail(f"sample screenplays not found at {SCREENPLAYS.resolve()}")
    return SCREENPLAYS
