"""numba's cache of the talent kernel follows every source of the package, not one file."""

from __future__ import annotations

from pathlib import Path

from firstad.schedule.talent import bestfirst, bounds, compiled, kernel


def _package_copy(folder: Path) -> Path:
    folder.mkdir()
    for name in ("bounds.py", "kernel.py"):
        (folder / name).write_text((compiled.PACKAGE / name).read_text())
    return folder


def test_an_edit_to_the_bounds_changes_the_cache_folder(tmp_path: Path) -> None:
    package = _package_copy(tmp_path / "talent")
    before = compiled.sources_digest(package)
    bounds_file = package / "bounds.py"
    bounds_file.write_text(bounds_file.read_text() + "\n# an edit\n")
    assert compiled.sources_digest(package) != before


def test_the_search_and_the_bounds_are_cached_in_the_versioned_folder() -> None:
    for function in (bestfirst.run, kernel.transition, bounds.lower_bound):
        cache_path = Path(function._cache._cache_path)  # numba dispatcher internals
        assert cache_path.is_relative_to(compiled.CACHE_DIR)


def test_folders_of_other_versions_are_removed(tmp_path: Path) -> None:
    current = tmp_path / f"{compiled.PREFIX}current"
    stale = tmp_path / f"{compiled.PREFIX}stale"
    unrelated = tmp_path / "other"
    for folder in (current, stale, unrelated):
        folder.mkdir()
        (folder / "index.nbi").write_text("")
    compiled.remove_stale(tmp_path, current)
    assert current.is_dir()
    assert unrelated.is_dir()
    assert not stale.exists()
