"""`firstad talent`: the table, the --json document, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from firstad.cli import app

RUNNER = CliRunner()


def test_json_document(talent_dir: Path) -> None:
    path = talent_dir / "ddolib-pstuckey-format" / "tiny"
    result = RUNNER.invoke(app, ["talent", str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {"cost", "lower_bound", "optimal", "order", "seconds"} <= document.keys()
    assert document["cost"] == document["lower_bound"] == 29
    assert document["optimal"] is True
    assert sorted(document["order"]) == [1, 2, 3, 4]
    assert isinstance(document["seconds"], float)
    assert document["holding_cost"] == 2


def test_table(talent_dir: Path) -> None:
    path = talent_dir / "minizinc-benchmarks" / "easy" / "concert.dzn"
    result = RUNNER.invoke(app, ["talent", str(path), "--time-limit", "30"])
    assert result.exit_code == 0, result.output
    assert "cost 111" in result.stdout
    assert "optimal" in result.stdout


def test_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "broken"
    path.write_text("broken\n2\n1\n1 x 4\n1 1\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["talent", str(path), "--json"])
    assert result.exit_code == 1
    assert f"{path}:4: expected actor 1's entry for scene 2, found 'x'" in result.stderr
    assert result.stdout == ""
