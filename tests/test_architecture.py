"""Dependencies point one way: the core never imports the surfaces around it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "firstad"
CORE_PACKAGES = ("model", "importers", "breakdown", "production", "schedule", "reports")
SURFACE_MODULES = (
    "typer",
    "click",
    "rich",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "firstad.cli",
    "firstad.web",
    "firstad.store",
    "firstad.pipeline",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _core_files() -> list[Path]:
    return [path for package in CORE_PACKAGES for path in (SOURCE / package).rglob("*.py")]


@pytest.mark.parametrize("path", _core_files(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_core_imports_no_surface(path: Path) -> None:
    forbidden = {
        name
        for name in _imports(path)
        if any(name == surface or name.startswith(surface + ".") for surface in SURFACE_MODULES)
    }
    assert not forbidden, f"{path.relative_to(SOURCE)} imports {sorted(forbidden)}"


def test_model_imports_nothing_else_of_firstad() -> None:
    for path in (SOURCE / "model").rglob("*.py"):
        others = {name for name in _imports(path) if name.startswith("firstad.")}
        assert all(name.startswith("firstad.model") for name in others), path
