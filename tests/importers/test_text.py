"""Decoding screenplay bytes: every encoding writing programs produce, and binary refused."""

from __future__ import annotations

import codecs

import pytest

from firstad.importers.text import decode_text
from firstad.model import Problem, Severity

# Non-Latin-1 characters (dash, curly quotes) make sure no 8-bit fallback passes by luck.
SCRIPT = "INT. CAF\u00c9 \u2013 DAY\n\nMAYA\n\u201cBonjour.\u201d\n"
LATIN_WARNING = Problem(
    "not UTF-8; read as Windows-1252 (Latin-1)", "script.fountain", severity=Severity.WARNING
)
BINARY = Problem("this is a binary file, not a screenplay", "script.fountain")


def decode(data: bytes) -> tuple[str | None, tuple[Problem, ...]]:
    return decode_text(data, "script.fountain")


@pytest.mark.parametrize(
    "data",
    [
        SCRIPT.encode("utf-8"),
        codecs.BOM_UTF8 + SCRIPT.encode("utf-8"),
        codecs.BOM_UTF16_LE + SCRIPT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SCRIPT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + SCRIPT.encode("utf-32-le"),
        SCRIPT.encode("utf-16-le"),
        SCRIPT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf16le", "utf16be"],
)
def test_unicode_encodings_decode_without_problems(data: bytes) -> None:
    assert decode(data) == (SCRIPT, ())


def test_latin_1_is_read_with_a_warning() -> None:
    assert decode("Café crème\n".encode("latin-1")) == ("Café crème\n", (LATIN_WARNING,))


def test_windows_1252_quotes_are_read_as_curly_quotes() -> None:
    assert decode(b"\x93Hello.\x94\n") == ("\u201cHello.\u201d\n", (LATIN_WARNING,))


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"INT. A\r\n\r\nAction.\r\n", "INT. A\n\nAction.\n"),
        (b"INT. A\r\rAction.\r", "INT. A\n\nAction.\n"),
        (b"mixed\r\nlines\nand\rmore", "mixed\nlines\nand\nmore"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
    ],
)
def test_line_endings_become_newlines(data: bytes, text: str) -> None:
    assert decode(data) == (text, ())


def test_crlf_keeps_the_line_count() -> None:
    text, _ = decode(b"1\r\n2\r\n\r\n4\r\n")
    assert text is not None
    assert text.split("\n") == ["1", "2", "", "4", ""]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        bytes(range(256)),
        b"\x00" * 16,
        b"a\x01b\x02c\x03",
    ],
    ids=["png", "elf", "zip", "all-bytes", "zeros", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    assert decode(data) == (None, (BINARY,))


def test_a_utf8_mark_on_invalid_bytes_is_an_error() -> None:
    text, problems = decode(codecs.BOM_UTF8 + b"\xff\xfe")
    assert text is None
    (problem,) = problems
    assert problem.is_error
    assert problem.message.startswith("file starts with a utf-8 mark but is not utf-8")


def test_tabs_and_form_feeds_are_text() -> None:
    assert decode(b"\tINT. A\f\n") == ("\tINT. A\f\n", ())


def test_empty_bytes_are_empty_text() -> None:
    assert decode(b"") == ("", ())
