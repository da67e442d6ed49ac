"""Breakdown speed: our whole breakdown of Big Fish against two Fountain parsers.

screenplain and jouvence only *parse*; firstad parses, paginates, counts eighths, finds the cast
and suggests elements. All three run in the same process on the same text, so the ratios hold
on any machine. Run: ``.venv/bin/python bench/breakdown_speed.py [--repeat N]``.
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


def _time(function: Callable[[], object], repeat: int) -> float:
    """Median wall time in milliseconds after one warm-up run."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _firstad(text: str) -> Callable[[], object]:
    from firstad.breakdown import break_down
    from firstad.importers import parse_fountain

    def run() -> object:
        script, _ = parse_fountain(text, str(SCRIPT))
        return break_down(script)

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
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args(argv)
    if not SCRIPT.exists():
        print(f"{SCRIPT}: missing (the shared samples sit beside the checkout)", file=sys.stderr)
        return 1
    text = SCRIPT.read_text(encoding="utf-8")
    breakdown, _ = _firstad(text)()  # type: ignore[misc]
    print(f"Big Fish: {len(breakdown.scenes)} scenes, {breakdown.pages} pages")
    timings = {
        "firstad full breakdown": _time(_firstad(text), arguments.repeat),
        "firstad parse only": _time(_firstad_parse_only(text), arguments.repeat),
        "screenplain parse": _time(_screenplain(text), arguments.repeat),
        "jouvence parse": _time(_jouvence(text), arguments.repeat),
    }
    ours = timings["firstad full breakdown"]
    print(f"{'run':<26}{'median ms':>10}{'vs firstad full':>17}")
    for name, milliseconds in timings.items():
        print(f"{name:<26}{milliseconds:>10.1f}{milliseconds / ours:>16.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
