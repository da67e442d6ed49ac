"""``firstad evaluate PRODUCTION_FILE SCHEDULE_JSON``: judge a schedule made by hand.

The stripboard gets edited: a day swapped, a scene moved for an actor's dentist. This command
runs the optimizer's own referee over such a schedule (the ``firstad schedule --json`` document,
edited or written by another tool) and prints its cost and every rule it breaks. Exit codes:
0 the schedule keeps every rule, 1 it breaks one or the input has errors, 2 usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from firstad.cli.output import dump_json, emit, exit_on_errors
from firstad.pipeline import evaluate_file


def evaluate_command(
    production_path: Annotated[
        Path, typer.Argument(metavar="PRODUCTION_FILE", help="The production.toml file.")
    ],
    schedule_path: Annotated[
        Path, typer.Argument(metavar="SCHEDULE_JSON", help="A schedule document to judge.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
) -> None:
    """Judge a schedule (edited by hand, or from another tool): its cost and broken rules."""
    judged, problems = evaluate_file(production_path, schedule_path)
    exit_on_errors(problems)
    if judged is None:  # every None comes with an error; this guards a broken stage
        raise typer.Exit(code=1)
    schedule, evaluation = judged
    if as_json:
        from firstad.schedule.run import evaluation_document  # noqa: PLC0415 - loaded by now

        emit(dump_json(evaluation_document(schedule, evaluation)), None)
    else:
        items = ", ".join(f"{name} {value:,}" for name, value in evaluation.cost.as_dict().items())
        typer.echo(f"cost: {items}")
        for violation in evaluation.violations:
            typer.echo(str(violation))
        verdict = "keeps every rule" if evaluation.feasible else "breaks the rules above"
        typer.echo(f"{len(schedule.days)} shoot days; the schedule {verdict}")
    if not evaluation.feasible:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` to the application."""
    app.command("evaluate")(evaluate_command)
