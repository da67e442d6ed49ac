"""``firstad evaluate``: a published schedule, edited by hand, judged by the same referee."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ROOT / "examples" / "night-ice" / "production.toml"


def firstad(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firstad", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    result = firstad("schedule", PRODUCTION, "--json", "--time-limit", "4")
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(document, indent=2))
    return path


def test_the_published_schedule_keeps_every_rule(tmp_path: Path, published: dict[str, Any]) -> None:
    result = firstad("evaluate", PRODUCTION, _write(tmp_path, published), "--json")
    assert result.returncode == 0, result.stderr
    judged = json.loads(result.stdout)
    assert judged["status"] == "valid"
    assert judged["violations"] == []
    assert judged["cost"] == published["cost"]


def test_a_hand_edit_that_breaks_rules_is_told_in_production_terms(
    tmp_path: Path, published: dict[str, Any]
) -> None:
    edited = json.loads(json.dumps(published))
    moved = edited["days"][0]["scenes"].pop()
    edited["days"][-1]["scenes"].append(moved)
    edited["days"][-1]["scenes"].append(edited["days"][-1]["scenes"][0])
    result = firstad("evaluate", PRODUCTION, _write(tmp_path, edited), "--json")
    assert result.returncode == 1
    judged = json.loads(result.stdout)
    assert judged["status"] == "violations"
    duplicate = edited["days"][-1]["scenes"][0]
    assert f"scene {duplicate}: scene is scheduled 2 times" in judged["violations"]


def test_a_malformed_day_names_its_line_and_key(tmp_path: Path, published: dict[str, Any]) -> None:
    edited = json.loads(json.dumps(published))
    edited["days"][1]["call"] = "tomorrow at seven"
    del edited["days"][2]["wrap"]
    path = _write(tmp_path, edited)
    result = firstad("evaluate", PRODUCTION, path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = path.read_text().splitlines()
    day = f'"date": "{published["days"][1]["date"]}"'  # a night's wrap may carry that date too
    second = next(i for i, line in enumerate(lines, 1) if day in line)
    assert f"{path}:{second}, days[1]: Invalid isoformat string" in result.stderr
    assert "days[2]: missing 'wrap'" in result.stderr


def test_not_a_schedule(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text('{"days": 3}')
    result = firstad("evaluate", PRODUCTION, path)
    assert result.returncode == 1
    assert f"{path}: not a firstad schedule document: no 'days' list" in result.stderr
    path.write_text("{\n  oops\n}")
    assert f"{path}:2: not JSON" in firstad("evaluate", PRODUCTION, path).stderr
