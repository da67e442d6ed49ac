"""`firstad schedule PRODUCTION_FILE`: the cheapest shooting schedule, or why there is none.

Reads the production file and the script it names, optimises (re-plans with ``--previous``),
prints the days scene by scene and the cost by category with the lower bound and gap; ``--json``
prints one document instead (docs/cli-json.md). Exit codes: 0 a schedule; 1 bad input (printed
as ``file:line: message``), no schedule exists (the conflicting facts are printed) or none was
found in the time limit; 2 usage.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from firstad.cli.output import dump_json, emit, exit_on_errors
from firstad.model import Problem, format_eighths
from firstad.pipeline import schedule_file

if TYPE_CHECKING:
    from firstad.schedule.optimizer import OptimizeResult
    from firstad.schedule.run import ScheduleOutcome
    from firstad.schedule.solve import ProgressEvent


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command(name="schedule")(schedule)


def _dates(values: list[str] | None, option: str) -> tuple[date, ...]:
    try:
        return tuple(date.fromisoformat(value) for value in values or ())
    except ValueError as error:
        raise typer.BadParameter(f"{error} (dates are YYYY-MM-DD)", param_hint=option) from error


def schedule(
    production_path: Annotated[
        Path, typer.Argument(metavar="PRODUCTION_FILE", help="The production.toml file.")
    ],
    *,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Seconds to search (default 30).")
    ] = 30.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the search.")] = 0,
    lock: Annotated[
        list[str] | None,
        typer.Option("--lock", metavar="DATE", help="Keep this day of --previous as it is."),
    ] = None,
    pin: Annotated[
        list[str] | None,
        typer.Option("--pin", metavar="SCENE", help="Keep this scene on its day of --previous."),
    ] = None,
    lost_day: Annotated[
        list[str] | None,
        typer.Option("--lost-day", metavar="DATE", help="This date can no longer be shot."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous", metavar="SCHEDULE_JSON", help="Re-plan this published schedule."
        ),
    ] = None,
    max_moves: Annotated[
        int | None,
        typer.Option(
            "--max-moves",
            metavar="N",
            min=0,
            help="Let up to N strips of --previous change day for a cheaper plan "
            "(default: as few as possible).",
        ),
    ] = None,
) -> None:
    """Compute the cheapest shooting schedule that keeps every rule."""
    with _progress_bar(enabled=not as_json, time_limit=time_limit) as report:
        outcome, problems = schedule_file(
            production_path,
            time_limit=time_limit,
            seed=seed,
            lock=_dates(lock, "--lock"),
            lost=_dates(lost_day, "--lost-day"),
            pin=tuple(pin or ()),
            previous_path=previous,
            progress=report,
            max_moved=max_moves,
        )
    exit_on_errors(problems)
    if outcome is None:  # every None comes with an error; this guards a broken stage
        raise typer.Exit(code=1)
    if as_json:
        from firstad.schedule.run import schedule_document  # noqa: PLC0415 - loaded by now

        emit(dump_json(schedule_document(outcome)), None)
    else:
        _print(outcome)
    _exit_without_schedule(outcome)


class _progress_bar:  # noqa: N801 - used as a context manager, read as a phrase
    """A Rich progress bar over the time limit, showing the best cost and the gap."""

    def __init__(self, *, enabled: bool, time_limit: float) -> None:
        self.enabled = enabled
        self.time_limit = time_limit
        self.progress = Progress(
            TextColumn("[bold]scheduling"),
            BarColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
            disable=not enabled,
        )
        self.task = self.progress.add_task("starting", total=time_limit)

    def __enter__(self) -> _progress_bar:
        self.progress.start()
        return self

    def __exit__(self, *_exception: object) -> None:
        self.progress.stop()

    def __call__(self, event: ProgressEvent) -> None:
        cost = "-" if event.cost is None else f"{event.cost:,}"
        gap = "" if event.gap is None else f", gap {event.gap:.1%}"
        description = f"{event.phase}: best {cost}, bound {event.lower_bound:,}{gap}"
        self.progress.update(self.task, completed=event.elapsed, description=description)


def _print(outcome: ScheduleOutcome) -> None:
    # Strips are wide (set, cast): wrapping them at 80 columns makes the board unreadable.
    console = Console(width=max(Console().width, 132))
    result = outcome.result
    if result.schedule is not None:
        console.print(_days_table(outcome))
        _print_cost(console, outcome)
    for move in outcome.moved:
        console.print(f"moved {move}")


def _days_table(outcome: ScheduleOutcome) -> Table:
    problem, schedule = outcome.problem, outcome.result.schedule
    table = Table(title=f"{problem.title}: shooting schedule")
    for heading in ("date", "call-wrap", "scene", "I/E", "set", "D/N", "pages", "cast"):
        table.add_column(heading)
    for day in schedule.days if schedule is not None else ():
        hours = f"{day.call:%H:%M}-{day.wrap:%H:%M}" + (" 🔒" if day.locked else "")
        for index, number in enumerate(day.scenes):
            job = problem.scene(number)
            place = problem.locations.get(job.location_id)
            table.add_row(
                day.date.isoformat() if index == 0 else "",
                hours if index == 0 else "",
                number,
                job.int_ext.value if job.int_ext is not None else "",
                place.name if place is not None else job.location_id,
                (job.time_of_day or "")[:1],
                format_eighths(job.eighths),
                " ".join(sorted(job.cast_ids)),
            )
        table.add_section()
    return table


def _print_cost(console: Console, outcome: ScheduleOutcome) -> None:
    result = outcome.result
    if result.cost is None:
        return
    items = ", ".join(f"{name} {value:,}" for name, value in result.cost.as_dict().items())
    console.print(f"cost: {items}")
    for line in bound_lines(result):
        console.print(line)


def bound_lines(result: OptimizeResult) -> list[str]:
    """The bound and gap, and what an open gap means (a number alone reads as money lost)."""
    gap = "" if result.gap is None else f", gap {result.gap:.1%}"
    lines = [f"lower bound {result.lower_bound:,}{gap} ({result.status})"]
    if result.gap is not None and result.gap > 0:
        lines.append(
            f"  no schedule costs less than {result.lower_bound:,}, so at most {result.gap:.1%} "
            "could still be saved, usually less (docs/scheduling.md, 'Reading the gap')"
        )
    return lines


def _exit_without_schedule(outcome: ScheduleOutcome) -> None:
    result = outcome.result
    if result.schedule is not None and not result.problems:
        return
    if outcome.explanation:
        typer.echo("no schedule keeps all of these together:", err=True)
        for sentence in outcome.explanation:
            typer.echo(f"  - {sentence}", err=True)
    elif result.schedule is None:
        typer.echo(f"no schedule found ({result.status}); try a longer --time-limit", err=True)
    for problem in result.problems:
        typer.echo(str(Problem(problem.message, scene=problem.scene)), err=True)
    raise typer.Exit(code=1)
