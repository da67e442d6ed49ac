"""Docs that cannot drift: every command that prints a --json document has it documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from firstad.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli-json.md"


def test_every_json_document_is_documented() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    with_json = sorted(
        name
        for name, command in commands.items()
        if any("--json" in parameter.opts for parameter in command.params)
    )
    assert with_json == ["breakdown", "evaluate", "schedule", "talent"]
    text = DOCS.read_text(encoding="utf-8")
    assert [name for name in with_json if f"## firstad {name} --json" not in text] == []


def test_version() -> None:
    from typer.testing import CliRunner

    from firstad import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"firstad {__version__}"
