"""``firstad schedule`` end to end on the Night Ice example: JSON shape, re-planning, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from firstad.cli.schedule import bound_lines
from firstad.production import read_production
from firstad.schedule.optimizer import OptimizeResult

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "night-ice"
PRODUCTION = EXAMPLE / "production.toml"


def firstad(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firstad", "schedule", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run = firstad(PRODUCTION, "--json", "--time-limit", "4")
    assert run.returncode == 0, run.stderr
    path = tmp_path_factory.mktemp("schedule") / "schedule.json"
    path.write_text(run.stdout, encoding="utf-8")
    return path


def test_json_document_shape(published: Path) -> None:
    document = json.loads(published.read_text(encoding="utf-8"))
    assert set(document) >= {"days", "cost", "lower_bound", "gap", "violations", "status"}
    assert document["status"] in {"optimal", "feasible"}
    assert document["violations"] == []
    assert document["explanation"] == []
    assert document["moved"] == []
    day = document["days"][0]
    assert set(day) >= {"date", "call", "wrap", "scenes", "locations"}
    cost = document["cost"]
    assert cost["total"] == sum(value for key, value in cost.items() if key != "total")
    assert 0 <= document["lower_bound"] <= cost["total"]
    scheduled = [number for day in document["days"] for number in day["scenes"]]
    assert len(scheduled) == len(set(scheduled))


def test_replanning_after_a_lost_day_reports_what_moved(published: Path) -> None:
    document = json.loads(published.read_text(encoding="utf-8"))
    # Scene 26 is fixed to 9 March: lose another day.
    lost = next(day for day in document["days"] if "26" not in day["scenes"])
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "4", "--previous", published,
        "--lost-day", lost["date"],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    replanned = json.loads(run.stdout)
    assert lost["date"] not in {day["date"] for day in replanned["days"]}
    moved = {move["scene"] for move in replanned["moved"]}
    assert set(lost["scenes"]) <= moved
    assert all(move["from"] for move in replanned["moved"])


def test_table_output_has_cost_and_bound() -> None:
    run = firstad(PRODUCTION, "--time-limit", "2")
    assert run.returncode == 0, run.stderr
    assert "lower bound" in run.stdout
    assert "total" in run.stdout


def test_bad_production_file_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "production.toml"
    broken.write_text('title = "x"\n[calendar]\nstart = "not a date"\n', encoding="utf-8")
    run = firstad(broken)
    assert run.returncode == 1
    assert f"{broken}:" in run.stderr


def test_impossible_production_explains_and_exits_1(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "night-ice.fountain", tmp_path / "night-ice.fountain")
    text = PRODUCTION.read_text(encoding="utf-8").replace(
        "max_shoot_days = 14", "max_shoot_days = 7"
    )
    (tmp_path / "production.toml").write_text(text, encoding="utf-8")
    run = firstad(tmp_path / "production.toml", "--time-limit", "3")
    assert run.returncode == 1
    assert "no schedule keeps all of these together" in run.stderr
    assert "Lakeview Public School" in run.stderr  # its dates all fall after the 7th day


def test_locks_that_cannot_hold_are_warned_not_dropped_silently(published: Path) -> None:
    document = json.loads(published.read_text(encoding="utf-8"))
    dates = {day["date"] for day in document["days"]}
    kept = sorted(dates)[-1]
    # 2027-03-06 is a Saturday: never a shoot day in a five-day week.
    lost = next(day["date"] for day in document["days"] if "26" not in day["scenes"])
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "4", "--previous", published,
        "--lock", "2027-03-06", "--lock", lost, "--lock", kept, "--lost-day", lost,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "--lock 2027-03-06: the published schedule has no shoot day on that date" in run.stderr
    assert f"--lock {lost}: the date is also given as --lost-day; it is lost" in run.stderr
    assert f"--lock {kept}" not in run.stderr


def test_a_pinned_strip_stays_on_its_day_and_impossible_pins_are_warned(published: Path) -> None:
    document = json.loads(published.read_text(encoding="utf-8"))
    # Days the user has not tied a scene to (the lake's dawn is fixed): one can be lost.
    production, _ = read_production(PRODUCTION)
    assert production is not None
    fixed = {str(fixed.date) for fixed in production.fixed_dates}
    lost_day, other = [day for day in document["days"] if day["date"] not in fixed][:2]
    kept = other["scenes"][0]
    doomed = lost_day["scenes"][0]
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "4", "--previous", published,
        "--lost-day", lost_day["date"], "--pin", kept, "--pin", doomed, "--pin", "999",
    )  # fmt: skip
    assert "--pin 999: the published schedule does not shoot that scene" in run.stderr
    assert f"--pin {doomed}: its day {lost_day['date']} is given as --lost-day" in run.stderr
    assert run.returncode == 0, run.stderr
    replanned = json.loads(run.stdout)
    day_of = {number: day["date"] for day in replanned["days"] for number in day["scenes"]}
    assert day_of[kept] == other["date"]


def test_more_moves_may_be_allowed_and_no_more_are_made(published: Path) -> None:
    document = json.loads(published.read_text(encoding="utf-8"))
    lost = next(day for day in document["days"] if "26" not in day["scenes"])
    allowed = len(lost["scenes"]) + 4
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "6", "--previous", published,
        "--lost-day", lost["date"], "--max-moves", str(allowed),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    replanned = json.loads(run.stdout)
    assert replanned["violations"] == []
    assert set(lost["scenes"]) <= {move["scene"] for move in replanned["moved"]}
    assert len(replanned["moved"]) <= allowed
    # Fewer than must move: the fewest are moved, and said so.
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "4", "--previous", published,
        "--lost-day", lost["date"], "--max-moves", "0",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    moved = len(json.loads(run.stdout)["moved"])
    assert moved >= len(lost["scenes"])
    assert f"--max-moves 0: {moved} strips had to move" in run.stderr


def test_locks_and_pins_without_a_published_schedule_are_warned() -> None:
    # 3 s, not 1: on a loaded machine the first schedule has taken over a second.
    run = firstad(
        PRODUCTION, "--json", "--time-limit", "3", "--pin", "14", "--lock", "2027-03-22",
        "--max-moves", "5",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "--lock keeps what a published schedule has: give it with --previous" in run.stderr
    assert "--pin keeps what a published schedule has: give it with --previous" in run.stderr
    assert "--max-moves counts strips moved off a published schedule" in run.stderr


def test_an_open_gap_is_read_out_and_a_closed_one_is_not() -> None:
    open_gap = OptimizeResult(None, None, 80_000, 0.05, "feasible")
    lines = bound_lines(open_gap)
    assert lines[0] == "lower bound 80,000, gap 5.0% (feasible)"
    assert "at most 5.0% could still be saved" in lines[1]
    assert bound_lines(OptimizeResult(None, None, 80_000, 0.0, "optimal")) == [
        "lower bound 80,000, gap 0.0% (optimal)"
    ]
