"""Readers: every shared file parses; malformed files give problems with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from firstad.schedule.talent import TalentInstance, evaluate, read_instance

TINY = "tiny\n4\n3\n\n1 0 1 0    1\n1 1 0 1    2\n0 1 1 0    3\n\n\n1 2 3 1\n"


def _read(tmp_path: Path, name: str, text: str) -> tuple[TalentInstance | None, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    instance, problems = read_instance(path)
    return instance, [str(problem) for problem in problems]


def test_every_shared_instance_parses(talent_dir: Path) -> None:
    paths = [
        path
        for path in talent_dir.rglob("*")
        if path.is_file() and path.name not in {"Solutions", "SOURCES.md"}
    ]
    assert len(paths) >= 30
    for path in paths:
        instance, problems = read_instance(path)
        assert problems == (), path
        assert instance is not None
        assert instance.scene_count >= 4


def test_pstuckey_and_dzn_agree(talent_dir: Path) -> None:
    text, _ = read_instance(talent_dir / "ddolib-pstuckey-format" / "film103.dat")
    dzn, _ = read_instance(talent_dir / "minizinc-benchmarks" / "medium" / "film103.dzn")
    assert text is not None
    assert dzn is not None
    assert (text.durations, text.costs, text.appearances) == (
        dzn.durations,
        dzn.costs,
        dzn.appearances,
    )


def test_rehearsal_variant_costs_one(talent_dir: Path) -> None:
    instance, problems = read_instance(talent_dir / "csplib-prob039" / "rehearsal_choco.dzn")
    assert problems == ()
    assert instance is not None
    assert instance.costs == (1, 1, 1)
    assert instance.durations == (4, 6, 3, 5, 7)
    assert instance.appearances[1] == (False, True, True, False, True)


def test_tiny_pstuckey(tmp_path: Path) -> None:
    instance, problems = _read(tmp_path, "tiny", TINY)
    assert problems == []
    assert instance == TalentInstance(
        "tiny",
        (1, 2, 3, 1),
        (1, 2, 3),
        ((True, False, True, False), (True, True, False, True), (False, True, True, False)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "bad:1: empty file: expected an instance name"),
        ("x\n3\n", "bad:2: file ends early: expected the number of actors"),
        ("x\nthree\n1\n", "bad:2: expected the number of scenes, found 'three'"),
        ("x\n0\n1\n", "bad:2: the number of scenes must be at least 1"),
        ("x\n2\n1\n1 2 5\n1 1\n", "bad:4: actor 1's entry for scene 2 must be 0 or 1, found 2"),
        ("x\n2\n1\n1 1 5\n1\n", "bad:5: file ends early: expected the duration of scene 2"),
        ("x\n2\n1\n1 1 -5\n1 1\n", "bad:4: actor 1's daily cost cannot be negative, found -5"),
        ("x\n2\n1\n1 1 5\n1 1\n7\n", "bad:6: unexpected text after the durations: '7'"),
    ],
)
def test_malformed_pstuckey(tmp_path: Path, text: str, expected: str) -> None:
    instance, problems = _read(tmp_path, "bad", text)
    assert instance is None
    assert [problem.replace(str(tmp_path) + "/", "") for problem in problems] == [expected]


DZN = "numScenes = 2;\nnumActors = 1;\nia = [| 1, 1 |];\nc = [5];\nd = [1, 2];\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DZN.replace("c = [5];\n", ""), "bad.dzn:4: missing 'c = ...;'"),
        (
            DZN.replace("ia = [| 1, 1 |]", "ia = [| 1 |]"),
            "bad.dzn:3: 'ia' has 1 values, expected 2",
        ),
        (DZN.replace("d = [1, 2]", "d = [1, x]"), "bad.dzn:5: unexpected 'x' in a data value"),
        (
            DZN.replace("[| 1, 1 |]", "[| 1,\n 3 |]"),
            "bad.dzn:4: an entry of 'ia' must be 0 or 1, found 3",
        ),
        (DZN.replace("c = [5];", "c = [5]"), "bad.dzn:5: unexpected 'd' in a data value"),
        ("numScenes = 2", "bad.dzn:1: 'numScenes = ...' is not closed by ';'"),
    ],
)
def test_malformed_dzn(tmp_path: Path, text: str, expected: str) -> None:
    instance, problems = _read(tmp_path, "bad.dzn", text)
    assert instance is None
    assert [problem.replace(str(tmp_path) + "/", "") for problem in problems] == [expected]


def test_dzn_comments_and_array2d(tmp_path: Path) -> None:
    text = (
        "% a comment\nnum_pieces = 2; num_players = 2;\nduration = [3, 4];\n"
        "rehearsal = array2d(1..num_players, 1..num_pieces, [1, 0,  % row 1\n 1, 1]);\n"
    )
    instance, problems = _read(tmp_path, "r.dzn", text)
    assert problems == []
    assert instance is not None
    assert instance.appearances == ((True, False), (True, True))
    assert evaluate(instance, [0, 1]).total == 3 + 7
