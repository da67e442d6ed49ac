"""`firstad talent INSTANCE`: the optimal order of scenes for a talent scheduling file.

Reads the pstuckey format or MiniZinc ``.dzn`` data, solves to proven optimality (or until
``--time-limit``), prints the order and its pay; ``--json`` prints one document instead (its keys
are documented in docs/cli-json.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from firstad.cli.output import dump_json, emit, exit_on_errors
from firstad.schedule.talent import TalentInstance, evaluate, read_instance

if TYPE_CHECKING:
    from firstad.schedule.talent.solver import TalentResult


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command(name="talent")(talent)


def talent(
    instance_path: Annotated[
        Path, typer.Argument(metavar="INSTANCE", help="pstuckey-format file or MiniZinc .dzn")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=0.0, help="Stop after SECONDS with the best order found."),
    ] = None,
) -> None:
    """Order the scenes of a talent scheduling instance to minimise the actors' pay."""
    instance, problems = read_instance(instance_path)
    exit_on_errors(problems)
    if instance is None:
        raise typer.Exit(code=1)
    # Imported here: the solver loads numba (~0.4 s), which no other command needs.
    from firstad.schedule.talent.solver import solve  # noqa: PLC0415

    try:
        result = solve(instance, time_limit=time_limit)
    except ValueError as error:  # beyond the solver's size limits: a message, not a traceback
        typer.echo(f"{instance_path}: {error}", err=True)
        raise typer.Exit(code=1) from error
    if as_json:
        emit(dump_json(json_document(instance, result)), None)
    else:
        _print_table(instance, result)


def json_document(instance: TalentInstance, result: TalentResult) -> dict[str, Any]:
    """The ``--json`` document: scene numbers are 1-based, as in the file."""
    return {
        "instance": instance.name,
        "cost": result.cost,
        "holding_cost": evaluate(instance, result.order).holding,
        "lower_bound": result.lower_bound,
        "optimal": result.optimal,
        "order": [scene + 1 for scene in result.order],
        "seconds": round(result.seconds, 6),
        "nodes": result.nodes,
    }


def _print_table(instance: TalentInstance, result: TalentResult) -> None:
    table = Table(title=f"{instance.name}: shooting order")
    for heading in ("day", "scene", "days", "cast"):
        table.add_column(heading, justify="right" if heading != "cast" else "left")
    day = 1
    for scene in result.order:
        cast = " ".join(str(actor + 1) for actor in instance.actors_in(scene))
        table.add_row(str(day), str(scene + 1), str(instance.durations[scene]), cast)
        day += instance.durations[scene]
    console = Console()
    console.print(table)
    status = "optimal" if result.optimal else f"best found, lower bound {result.lower_bound}"
    holding = evaluate(instance, result.order).holding
    console.print(f"cost {result.cost} (holding {holding}), {status}, {result.seconds:.2f} s")
