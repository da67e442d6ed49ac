"""Shared paths: the benchmark instances live in ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
TALENT = SHARED / "benchmarks" / "talent"


@pytest.fixture(scope="session")
def talent_dir() -> Path:
    """The shared talent benchmark folder; a missing folder fails the test, never skips it."""
    if not TALENT.is_dir():
        pytest.fail(f"shared benchmark folder missing: {TALENT}")
    return TALENT
