"""numba's disk cache for the talent kernel, keyed by every source file of this package.

numba checks a cached function against its own file only, so the search in kernel.py, which
inlines the bounds of bounds.py and groups.py, would keep running old bounds after those files
change (or after an upgrade that changes only them). Here every compiled function of the package
is cached in a folder named by a hash of all the package's sources: any edit gives a fresh folder,
and folders of other versions are removed.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numba
from numba.core import config as numba_config

# numba sets its settings at run time, from the environment: unknown to mypy.
config: Any = numba_config
PACKAGE = Path(__file__).resolve().parent
PREFIX = "firstad-talent-"


def sources_digest(package: Path = PACKAGE) -> str:
    """A short hash of the names and contents of the package's Python sources."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_root() -> Path:
    """numba's own NUMBA_CACHE_DIR when the user set one, else the package's __pycache__."""
    return Path(config.CACHE_DIR) if config.CACHE_DIR else PACKAGE / "__pycache__"


CACHE_DIR = _cache_root() / f"{PREFIX}{sources_digest()}"


def remove_stale(root: Path, current: Path) -> None:
    """Remove the cache folders of other versions of the sources (best effort)."""
    if not root.is_dir():
        return
    for folder in root.glob(f"{PREFIX}*"):
        if folder != current:
            shutil.rmtree(folder, ignore_errors=True)


def compiled(function: Callable[..., Any]) -> Any:
    """``numba.njit(cache=True)``, cached under ``CACHE_DIR``.

    numba fixes a function's cache folder when it is decorated, from ``config.CACHE_DIR``; it is
    set for that moment only, so numba code elsewhere keeps its own cache.
    """
    previous = config.CACHE_DIR
    config.CACHE_DIR = str(CACHE_DIR)
    try:
        return numba.njit(cache=True)(function)
    finally:
        config.CACHE_DIR = previous


remove_stale(CACHE_DIR.parent, CACHE_DIR)
