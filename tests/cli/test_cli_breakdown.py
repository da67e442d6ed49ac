"""``firstad breakdown`` end to end: real files in, table / JSON / CSV out, clear errors.

Runs the installed console script in a subprocess, as a user would, so packaging and the exit
codes are part of what is tested.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "night-ice" / "night-ice.fountain"
SCREENPLAYS = ROOT.parent / "shared" / "screenplays"

SMALL_SCRIPT = """Title: Test

[[Opening: hold on black for two seconds]]

INT. RINK - ICE SURFACE - NIGHT #1#

MAYA LINDQVIST (30) laces her skates. The Zamboni RUMBLES.

MAYA
One more time.

EXT. PARKING LOT - CONTINUOUS #2#

Maya walks to her car.
"""


def firstad(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firstad", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_json_document_shape(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", SMALL_SCRIPT.encode())
    result = firstad("breakdown", script, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"] == "Test"
    assert document["pages"] == 1
    first, second = document["scenes"]
    assert first["number"] == "1"
    assert first["int_ext"] == "INT"
    assert first["location"] == "RINK - ICE SURFACE"
    assert first["time"] == "NIGHT"
    assert isinstance(first["eighths"], int)
    assert first["eighths"] >= 1
    assert first["page"] == 1
    assert first["speaking"] == ["MAYA"]
    assert set(first["characters"]) == {"MAYA", "MAYA LINDQVIST"} or first["characters"] == ["MAYA"]
    assert {"category": "cast", "name": "MAYA"}.items() <= first["elements"][0].items()
    assert second["int_ext"] == "EXT"
    assert second["time"] == "CONTINUOUS"
    assert (first["time_to"], second["time_to"]) == (None, None)
    assert second["day_night"] == "NIGHT"
    assert second["speaking"] == []
    assert [(s["name"], s["scenes"]) for s in document["sets"]] == [
        ("RINK - ICE SURFACE", ["1"]),
        ("PARKING LOT", ["2"]),
    ]
    assert document["sets"][0]["eighths"] == first["eighths"]
    assert document["notes"] == [{"text": "Opening: hold on black for two seconds", "line": 3}]


def test_csv_has_a_row_per_scene(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", SMALL_SCRIPT.encode())
    result = firstad("breakdown", script, "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["number"] for row in rows] == ["1", "2"]
    assert rows[0]["location"] == "RINK - ICE SURFACE"


def test_output_file_and_table(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", SMALL_SCRIPT.encode())
    target = tmp_path / "out" / "b.json"
    assert firstad("breakdown", script, "--json", "--output", target).returncode == 0
    assert json.loads(target.read_text())["scenes"][0]["number"] == "1"
    table = firstad("breakdown", script)
    assert table.returncode == 0
    assert "RINK - ICE SURFACE" in table.stdout


def test_the_table_shows_a_change_of_light(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", b"EXT. FIELD - DUSK TO NIGHT\n\nStars.\n")
    table = firstad("breakdown", script)
    assert table.returncode == 0, table.stderr
    assert "DUSK TO NIGHT" in table.stdout
    assert "s.fountain:1, scene 1: warning: time runs DUSK TO NIGHT" in table.stderr
    rows = list(csv.DictReader(io.StringIO(firstad("breakdown", script, "--csv").stdout)))
    assert (rows[0]["time"], rows[0]["time_to"]) == ("DUSK", "NIGHT")


def test_example_screenplay_breaks_down() -> None:
    result = firstad("breakdown", EXAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"].upper() == "NIGHT ICE"
    assert 10 <= document["pages"] <= 20
    assert len({scene["location"] for scene in document["scenes"]}) >= 8
    speaking = {name for scene in document["scenes"] for name in scene["speaking"]}
    assert len(speaking) >= 6
    assert {scene["day_night"] for scene in document["scenes"]} >= {"DAY", "NIGHT"}
    assert {scene["int_ext"] for scene in document["scenes"]} >= {"INT", "EXT"}


@pytest.mark.parametrize(
    "name",
    [
        "brick-and-steel.fountain",
        "radio-studio.finaldraft.fdx",
        "brick-and-steel.screenplain-0.12.0.pdf",
    ],
)
def test_every_format_breaks_down(name: str) -> None:
    result = firstad("breakdown", SCREENPLAYS / name, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenes"]


BAD_INPUTS = [
    ("empty.fountain", b"", "file is empty"),
    ("blank.fountain", b"\n\n   \n", "file is empty"),
    ("binary.fountain", bytes(range(256)) * 4, "binary file"),
    ("notes.txt", b"Shopping list\n\nmilk\neggs\n", "no scene headings"),
    (
        "broken.fdx",
        b'<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n</FinalDraft>\n',
        "not valid XML",
    ),
    ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "broken.pdf"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_gets_one_clear_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = _write(tmp_path, name, content)
    result = firstad("breakdown", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first_line = result.stderr.strip().splitlines()[0]
    assert first_line.startswith(str(path))
    if message != "broken.pdf":
        assert message in first_line


def test_missing_file(tmp_path: Path) -> None:
    result = firstad("breakdown", tmp_path / "nope.fountain")
    assert result.returncode == 1
    assert "cannot read file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]
)
def test_encodings_and_line_endings(tmp_path: Path, encoding: str) -> None:
    text = SMALL_SCRIPT.replace("Maya walks", "Maya walks past the caf\u00e9").replace("\n", "\r\n")
    path = _write(tmp_path, "s.fountain", text.encode(encoding))
    result = firstad("breakdown", path, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [scene["location"] for scene in document["scenes"]] == [
        "RINK - ICE SURFACE",
        "PARKING LOT",
    ]


def test_a_400_page_file_is_broken_down(tmp_path: Path) -> None:
    scene = (
        "INT. ROOM {n} - DAY\n\nAction line that runs on for a while, describing the room.\n\n"
        "MAYA\nA line of dialogue.\n\n"
    )
    path = _write(
        tmp_path, "long.fountain", "".join(scene.format(n=n) for n in range(3000)).encode()
    )
    result = firstad("breakdown", path, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["scenes"]) == 3000
    assert document["pages"] >= 300


def test_edits_beside_the_script_are_applied(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", SMALL_SCRIPT.encode())
    (tmp_path / "s.breakdown.toml").write_text(
        '[scenes."1"]\nadd = ["props: thermos"]\n\n[scenes."7"]\nadd = ["props: puck"]\n'
    )
    result = firstad("breakdown", script, "--json")
    assert result.returncode == 0, result.stderr
    elements = json.loads(result.stdout)["scenes"][0]["elements"]
    assert {"category": "props", "name": "thermos", "source": "user"}.items() <= elements[
        -1
    ].items()
    assert "s.breakdown.toml:4, scenes.7: warning: the script has no scene 7" in result.stderr


def test_a_broken_edits_file_stops_with_its_line(tmp_path: Path) -> None:
    script = _write(tmp_path, "s.fountain", SMALL_SCRIPT.encode())
    edits = _write(tmp_path, "mine.toml", b'[scenes."1"]\nadd = ["thermos"]\n')
    result = firstad("breakdown", script, "--edits", edits)
    assert result.returncode == 1
    assert f"{edits}:2, scenes.1.add[0]: expected 'category: name'" in result.stderr
