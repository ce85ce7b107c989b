"""The command line: fictools analyze PATH... --out DIR."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conftest import DATA, REPO
from fictools.cli import main
from fictools.story import TABLE_NAMES

HARBOUR = DATA / "harbour_lights.txt"
LETTER = DATA / "the_letter.txt"
CHARTS = ("arc", "dialogue_share", "interactions")


def run(*args: str) -> int:
    return main(["analyze", *map(str, args), "--nlp", "blank"])


def test_analyze_one_story(tmp_path, capsys):
    assert run(HARBOUR, "--out", tmp_path) == 0
    for t in TABLE_NAMES:
        assert (tmp_path / f"{t}.csv").is_file()
    assert (tmp_path / "meta.json").is_file()
    for c in CHARTS:
        png = tmp_path / f"{c}.png"
        assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = capsys.readouterr()
    assert "harbour_lights" in out.out  # the title: the file names none, so its stem
    assert "words" in out.out and "scenes" in out.out
    assert str(tmp_path) in out.out
    turns = pd.read_csv(tmp_path / "turns.csv")
    assert len(turns) > 50 and "speaker" in turns.columns


def test_analyze_two_stories(tmp_path, capsys):
    assert run(HARBOUR, LETTER, "--out", tmp_path, "--charts", "none") == 0
    for stem in ("harbour_lights", "the_letter"):
        folder = tmp_path / stem
        assert folder.is_dir()
        for t in TABLE_NAMES:
            assert (folder / f"{t}.csv").is_file()
        assert not list(folder.glob("*.png"))
    assert not (tmp_path / "turns.csv").exists()
    out = capsys.readouterr().out
    assert "harbour_lights" in out and "the_letter" in out


def test_options(tmp_path, capsys):
    assert run(HARBOUR, "--out", tmp_path, "--charts", "svg", "--passages", "40", "--quiet") == 0
    assert capsys.readouterr().out == ""
    for c in CHARTS:
        assert (tmp_path / f"{c}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    p = pd.read_csv(tmp_path / "passages.csv")
    assert p["n_words"].max() <= 40


def test_missing_file(tmp_path, capsys):
    missing = DATA / "no_such_story.txt"
    assert run(missing, "--out", tmp_path) == 1
    err = capsys.readouterr().err
    assert "no_such_story.txt" in err
    assert "Traceback" not in err


def test_missing_file_among_good_ones(tmp_path, capsys):
    assert run(HARBOUR, DATA / "no_such_story.txt", "--out", tmp_path, "--charts", "none") == 1
    assert (tmp_path / "harbour_lights" / "turns.csv").is_file()
    err = capsys.readouterr().err
    assert "no_such_story.txt" in err and "Traceback" not in err


def test_bad_passages(tmp_path, capsys):
    assert run(HARBOUR, "--out", tmp_path, "--passages", "chapter") == 1
    err = capsys.readouterr().err
    assert "passages" in err and "Traceback" not in err


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["analyze", str(HARBOUR)])  # no --out
    assert e.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_module_entry_point(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "fictools",
            "analyze",
            str(DATA / "no_such_story.txt"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
        check=False,
    )
    assert r.returncode == 1
    assert "no_such_story.txt" in r.stderr and "Traceback" not in r.stderr
