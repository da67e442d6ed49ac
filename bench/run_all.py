"""Run every benchmark in quick mode, one after another (``make bench``).

Each benchmark is its own script so it can also run alone with its full options.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK_RUNS = (
    ("breakdown_speed.py", ()),
    ("eighths_accuracy.py", ()),
    ("talent.py", ("--quick",)),
    ("schedule.py", ("--quick",)),
)


def main() -> int:
    failures = 0
    for script, options in QUICK_RUNS:
        if not (HERE / script).exists():
            continue
        print(f"\n=== {script} {' '.join(options)}", flush=True)
        failures += (
            subprocess.run([sys.executable, str(HERE / script), *options], check=False).returncode
            != 0
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
