"""The ``firstad`` command: thin wrappers that parse arguments, call the pipeline, print.

Each subcommand lives in its own module with a ``register(app)`` function; exit codes are
0 for success, 1 when the input has errors (printed as ``file:line: message``), 2 for usage.
"""

from __future__ import annotations

import typer

from firstad.cli import breakdown, evaluate, schedule, talent

app = typer.Typer(
    name="firstad",
    help="A first assistant director that computes: breakdowns and shooting schedules.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """A first assistant director that computes: breakdowns and shooting schedules."""


for command_module in (breakdown, schedule, evaluate, talent):
    command_module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
