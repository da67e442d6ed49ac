"""Breakdown speed: our whole breakdown of Big Fish against two Fountain parsers.

screenplain and jouvence only *parse*. firstad is timed twice: without element suggestions
(parse, pagination, eighths, cast: the measure issue #2 sets, to beat both parsers) and with
them (the full breakdown users get). All run in the same process on the same text, taking turns,
so the ratios hold on any machine. Run: ``.venv/bin/python bench/breakdown_speed.py``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCRIPT = SHARED / "screenplays" / "big-fish.fountain"


def _interleaved(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per run, the contenders taking turns round by round.

    Taking turns spreads any load on the machine over all of them alike, so their ratios hold
    even where absolute times do not; each runs once first to warm caches and compile.
    """
    for run in runs.values():
        run()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            samples[name].append((time.perf_counter() - start) * 1000)
    return samples


def _firstad(text: str, *, suggestions: bool = True) -> Callable[[], object]:
    from firstad.breakdown import break_down
    from firstad.importers import parse_fountain

    def run() -> object:
        script, _ = parse_fountain(text, str(SCRIPT))
        return break_down(script, suggestions=suggestions)

    return run


def _firstad_parse_only(text: str) -> Callable[[], object]:
    from firstad.importers import parse_fountain

    return lambda: parse_fountain(text, str(SCRIPT))


def _screenplain(text: str) -> Callable[[], object]:
    from screenplain.parsers import fountain

    return lambda: fountain.parse(io.StringIO(text))


def _jouvence(text: str) -> Callable[[], object]:
    from jouvence.parser import JouvenceParser

    return lambda: JouvenceParser().parseString(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30, help="rounds of turns")
    arguments = parser.parse_args(argv)
    if not SCRIPT.exists():
        print(f"{SCRIPT}: missing (the shared samples sit beside the checkout)", file=sys.stderr)
        return 1
    text = SCRIPT.read_text(encoding="utf-8")
    breakdown, _ = _firstad(text)()  # type: ignore[misc]
    print(f"Big Fish: {len(breakdown.scenes)} scenes, {breakdown.pages} pages")
    samples = _interleaved(
        {
            "firstad full breakdown": _firstad(text),
            "firstad without suggestions": _firstad(text, suggestions=False),
            "firstad parse only": _firstad_parse_only(text),
            "screenplain parse": _screenplain(text),
            "jouvence parse": _jouvence(text),
        },
        arguments.repeat,
    )
    best = {name: min(times) for name, times in samples.items()}
    middle = {name: statistics.median(times) for name, times in samples.items()}
    reference = "firstad without suggestions"
    print(f"ratios: each run's time over {reference!r} (above 1: slower than firstad)")
    print(f"{'run':<30}{'best ms':>9}{'median ms':>11}{'best ratio':>12}{'median ratio':>14}")
    for name in samples:
        print(
            f"{name:<30}{best[name]:>9.1f}{middle[name]:>11.1f}"
            f"{best[name] / best[reference]:>11.2f}x{middle[name] / middle[reference]:>13.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
