"""Eighths accuracy: our page eighths against the lengths Final Draft stored in its own files.

Final Draft (and Fade In, when it writes FDX) stores each scene's length and start page in
``<SceneProperties Length="3/8" Page="1">``. Every FDX sample under ``../shared/screenplays``
that carries them is imported, laid out on the page size the file declares, and compared
scene by scene. Run: ``.venv/bin/python bench/eighths_accuracy.py``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from firstad.breakdown.pagination import A4, LETTER, PageFormat, paginate
from firstad.importers import read_script
from firstad.model import Script

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCREENPLAYS = SHARED / "screenplays"
_PAGE_HEIGHT = re.compile(rb'<PageSize[^>]*\bHeight="([0-9.]+)"')


@dataclass(frozen=True)
class Accuracy:
    """One script's comparison; ``their_pages`` is where Final Draft's last scene ends."""

    name: str
    page_format: str
    scenes: int
    within_one: int
    exact: int
    same_start_page: int
    our_eighths: int
    their_eighths: int
    our_pages: int
    their_pages: int


def page_format_of(path: Path) -> PageFormat:
    """The file's own paper: Final Draft writes A4 as 11.69 in high, Letter as 11.00."""
    match = _PAGE_HEIGHT.search(path.read_bytes())
    return A4 if match and float(match.group(1)) > 11.2 else LETTER


def compare(path: Path, script: Script) -> Accuracy:
    page_format = page_format_of(path)
    layout = paginate(script, page_format=page_format)
    pairs = [
        (ours, scene)
        for ours, scene in zip(layout.scenes, script.scenes, strict=True)
        if scene.reported_eighths is not None
    ]
    errors = [abs(ours.eighths - (scene.reported_eighths or 0)) for ours, scene in pairs]
    return Accuracy(
        name=path.name,
        page_format=page_format.name,
        scenes=len(pairs),
        within_one=sum(error <= 1 for error in errors),
        exact=sum(error == 0 for error in errors),
        same_start_page=sum(str(ours.page) == scene.reported_page for ours, scene in pairs),
        our_eighths=sum(ours.eighths for ours, _ in pairs),
        their_eighths=sum(scene.reported_eighths or 0 for _, scene in pairs),
        our_pages=layout.pages,
        their_pages=_their_pages(script),
    )


def _their_pages(script: Script) -> int:
    """Final Draft stores no page count: its last scene's start page plus whole pages it spans."""
    last = script.scenes[-1]
    if last.reported_page is None or not last.reported_page.isdigit():
        return 0
    return int(last.reported_page) + max(0, (last.reported_eighths or 1) - 1) // 8


def samples() -> list[tuple[Path, Script]]:
    """Every FDX sample that stores Final Draft's scene lengths."""
    found = []
    for path in sorted(SCREENPLAYS.glob("*.fdx")):
        script, problems = read_script(path)
        if script is None:
            print(f"{path.name}: not read: {'; '.join(map(str, problems))}", file=sys.stderr)
            continue
        if any(scene.reported_eighths is not None for scene in script.scenes):
            found.append((path, script))
    return found


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}%" if total else "    -"


def print_table(rows: list[Accuracy]) -> None:
    header = (
        f"{'script':<34} {'paper':<9} {'scenes':>6} {'<=1/8':>6} {'exact':>6} {'page=':>6} "
        f"{'eighths ours/FD':>16} {'pages ours/FD':>14}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<34} {row.page_format:<9} {row.scenes:>6} "
            f"{_share(row.within_one, row.scenes)} {_share(row.exact, row.scenes)} "
            f"{_share(row.same_start_page, row.scenes)} "
            f"{f'{row.our_eighths}/{row.their_eighths}':>16} "
            f"{f'{row.our_pages}/{row.their_pages} ({row.our_pages - row.their_pages:+d})':>14}"
        )
    scenes = sum(row.scenes for row in rows)
    print("-" * len(header))
    print(
        f"{'all':<34} {'':<9} {scenes:>6} {_share(sum(r.within_one for r in rows), scenes)} "
        f"{_share(sum(r.exact for r in rows), scenes)} "
        f"{_share(sum(r.same_start_page for r in rows), scenes)}"
    )


def main() -> int:
    if not SCREENPLAYS.is_dir():
        print(f"missing {SCREENPLAYS}", file=sys.stderr)
        return 1
    rows = [compare(path, script) for path, script in samples()]
    if not rows:
        print("no FDX sample carries SceneProperties lengths", file=sys.stderr)
        return 1
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
