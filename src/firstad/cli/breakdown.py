"""``firstad breakdown SCRIPT``: the scene breakdown as a table, JSON or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, JustifyMethod
from rich.table import Table

from firstad.cli.output import dump_json, emit, exit_on_errors
from firstad.model import Breakdown, Category, Element, SceneBreakdown, format_eighths
from firstad.pipeline import breakdown_file
from firstad.reports.breakdown import breakdown_csv, breakdown_document

_ELEMENTS_SHOWN = 6
_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("Sc", "right"),
    ("I/E", "left"),
    ("Set", "left"),
    ("Time", "left"),
    ("Pages", "right"),
    ("Pg", "right"),
    ("Speaking", "left"),
    ("Silent", "left"),
    ("Elements", "left"),
)


def _elements_cell(elements: tuple[Element, ...]) -> str:
    names = [element.name for element in elements if element.category is not Category.CAST]
    more = len(names) - _ELEMENTS_SHOWN
    shown = ", ".join(names[:_ELEMENTS_SHOWN])
    return f"{shown} (+{more})" if more > 0 else shown


def _time_cell(scene: SceneBreakdown) -> str:
    """The time as the heading gives it: a change of light shows where it ends."""
    if scene.time is not None and scene.time_to is not None:
        return f"{scene.time} TO {scene.time_to}"
    return scene.time or ""


def breakdown_table(breakdown: Breakdown) -> Table:
    """The scene table a person reads in the terminal."""
    table = Table(
        title=f"{breakdown.title}: {len(breakdown.scenes)} scenes, {breakdown.pages} pages"
    )
    for column, justify in _COLUMNS:
        table.add_column(column, justify=justify)
    for scene in breakdown.scenes:
        table.add_row(
            scene.number,
            scene.int_ext.value if scene.int_ext else "",
            scene.location,
            _time_cell(scene),
            format_eighths(scene.eighths),
            str(scene.page),
            ", ".join(scene.speaking),
            ", ".join(scene.non_speaking),
            _elements_cell(scene.elements),
        )
    return table


def breakdown_command(
    script: Annotated[Path, typer.Argument(help="Screenplay: Fountain, Final Draft .fdx or PDF.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON document.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print one CSV row per scene.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    edits: Annotated[
        Path | None,
        typer.Option(
            "--edits",
            help="Breakdown edits (TOML); default: SCRIPT's name with .breakdown.toml, if present.",
        ),
    ] = None,
) -> None:
    """Break a screenplay down: scenes, cast, page eighths and elements."""
    if as_json and as_csv:
        typer.echo("choose one of --json and --csv", err=True)
        raise typer.Exit(code=2)
    breakdown, problems = breakdown_file(script, edits)
    exit_on_errors(problems)
    if breakdown is None:  # every None comes with an error; this guards a broken stage
        raise typer.Exit(code=1)
    if as_json:
        emit(dump_json(breakdown_document(breakdown, problems)), output)
    elif as_csv:
        emit(breakdown_csv(breakdown), output)
    else:
        console = Console(width=160, record=output is not None)
        console.print(breakdown_table(breakdown))
        if output is not None:
            emit(console.export_text(), output)


def register(app: typer.Typer) -> None:
    """Add ``breakdown`` to the application."""
    app.command("breakdown")(breakdown_command)
