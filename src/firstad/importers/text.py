"""Turning a file's bytes into text, with a clear word for what cannot be text.

Screenplays arrive from every writing program and operating system: UTF-8 with or without a
byte-order mark, UTF-16 from Windows tools, Latin-1 from old editors, CRLF line endings. All of
them are read; a binary file is refused with a message instead of being parsed as noise.
"""

from __future__ import annotations

import codecs

from firstad.model import Problem, Severity

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as every other byte being zero (for Latin text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, encoding in ((odd_zeros, "utf-16-le"), (even_zeros, "utf-16-be")):
        if zeros > half * 0.6:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than tab, newline, CR and form feed mean it is not a script."""
    sample = text[:8192]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def decode_text(data: bytes, source: str) -> tuple[str | None, tuple[Problem, ...]]:
    """Decode a text file's bytes; normalise line endings to ``\\n``.

    Returns the text, or None with a problem saying why the file cannot be read as text.
    """
    text: str | None = None
    warnings: list[Problem] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                return None, (
                    Problem(
                        f"file starts with a {encoding} mark but is not {encoding}: {error}", source
                    ),
                )
            break
    if text is None:
        text = _utf16_without_bom(data)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _looks_binary(data.decode("latin-1")):
                return None, (Problem("this is a binary file, not a screenplay", source),)
            # Old editors wrote Windows-1252 / Latin-1; every byte decodes, so say we guessed.
            text = data.decode("cp1252", errors="replace")
            warnings.append(
                Problem(
                    "not UTF-8; read as Windows-1252 (Latin-1)", source, severity=Severity.WARNING
                )
            )
    if _looks_binary(text):
        return None, (Problem("this is a binary file, not a screenplay", source),)
    return text.replace("\r\n", "\n").replace("\r", "\n"), tuple(warnings)
