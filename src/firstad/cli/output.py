"""What every command shares: printing problems and turning them into exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from firstad.model import Problem, has_errors


def report_problems(problems: Iterable[Problem]) -> None:
    """Print problems to stderr, one ``file:line: message`` per line."""
    for problem in problems:
        typer.echo(str(problem), err=True)


def exit_on_errors(problems: tuple[Problem, ...]) -> None:
    """Print the problems; stop with exit code 1 when any is an error."""
    report_problems(problems)
    if has_errors(problems):
        raise typer.Exit(code=1)


def emit(text: str, output: Path | None) -> None:
    """Write text to ``output`` or, without one, to stdout."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as error:
        typer.echo(f"{output}: cannot write: {error.strerror or error}", err=True)
        raise typer.Exit(code=1) from error


def dump_json(document: Any) -> str:
    """The one JSON style of every ``--json`` document: UTF-8, two-space indent."""
    return json.dumps(document, indent=2, ensure_ascii=False)
