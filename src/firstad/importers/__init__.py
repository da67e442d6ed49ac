"""Screenplay importers: every format becomes the same :class:`~firstad.model.Script`.

``read_script`` picks the importer from the file's content first (a PDF or XML file renamed
``.txt`` is still read right) and from its extension second.
"""

from __future__ import annotations

from pathlib import Path

from firstad.importers.fdx import parse_fdx
from firstad.importers.fountain import parse_fountain
from firstad.importers.pdf import parse_pdf
from firstad.importers.text import decode_text
from firstad.model import Problem, Script

__all__ = ["parse_fdx", "parse_fountain", "parse_pdf", "read_script"]

# Far beyond any feature (a long feature is ~180 pages, ~250 KB of Fountain).
MAX_BYTES = 50 * 1024 * 1024


def _sniff_format(path: Path, head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF"):
        return "pdf"
    if stripped.startswith((b"<?xml", b"<FinalDraft")):
        return "fdx"
    if path.suffix.lower() in {".fdx", ".xml"}:
        return "fdx"
    if path.suffix.lower() == ".pdf":
        return "pdf"
    return "fountain"


def read_script(path: Path) -> tuple[Script | None, tuple[Problem, ...]]:
    """Read a screenplay file of any supported format."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, (Problem(f"file is {size // (1024 * 1024)} MB; not a screenplay", source),)
        data = path.read_bytes()
    except IsADirectoryError:
        return None, (Problem("is a directory, not a screenplay file", source),)
    except OSError as error:
        return None, (Problem(f"cannot read file: {error.strerror or error}", source),)
    if not data.strip():
        return None, (Problem("file is empty", source),)
    kind = _sniff_format(path, data[:1024])
    if kind == "pdf":
        return parse_pdf(data, source)
    if kind == "fdx":
        return parse_fdx(data, source)
    text, problems = decode_text(data, source)
    if text is None:
        return None, problems
    script, more = parse_fountain(text, source)
    return script, problems + more
