"""The ``firstad`` command: thin wrappers that parse arguments, call the pipeline, print.

Each subcommand lives in its own module with a ``register(app)`` function; exit codes are
0 for success, 1 when the input has errors (printed as ``file:line: message``), 2 for usage.
"""

from __future__ import annotations

from typing import Annotated

import typer

from firstad import __version__
from firstad.cli import breakdown, evaluate, schedule, talent

app = typer.Typer(
    name="firstad",
    help="A first assistant director that computes: breakdowns and shooting schedules.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"firstad {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """A first assistant director that computes: breakdowns and shooting schedules."""


for command_module in (breakdown, schedule, evaluate, talent):
    command_module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
