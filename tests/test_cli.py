"""The command line: fictools analyze PATH... --out DIR."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conftest import DATA, REPO, STORIES
from fictools.cli import main
from fictools.story import TABLE_NAMES

HARBOUR = DATA / "harbour_lights.txt"
LETTER = DATA / "the_letter.txt"
CHARTS = ("arc", "dialogue_share", "interactions", "interaction_heatmap", "timeline")
GRAPHS = ("interactions.gexf", "interactions.graphml")
PNG = b"\x89PNG\r\n\x1a\n"


def run(*args: str) -> int:
    return main(["analyze", *map(str, args), "--nlp", "blank"])


def test_analyze_one_story(tmp_path, capsys):
    assert run(HARBOUR, "--out", tmp_path) == 0
    for t in TABLE_NAMES:
        assert (tmp_path / f"{t}.csv").is_file()
    assert (tmp_path / "meta.json").is_file()
    for c in CHARTS:
        png = tmp_path / f"{c}.png"
        assert png.is_file() and png.read_bytes()[:8] == PNG
    for g in GRAPHS:
        assert (tmp_path / g).is_file()
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


def test_every_data_story(tmp_path, capsys):
    """One run over every data story: per story, the tables, the graph and every chart."""
    import networkx as nx

    paths = [DATA / f"{name}.txt" for name in STORIES]
    assert run(*paths, "--out", tmp_path) == 0
    out = capsys.readouterr().out
    for name in STORIES:
        folder = tmp_path / name
        for t in TABLE_NAMES:
            assert (folder / f"{t}.csv").is_file()
        chars = pd.read_csv(folder / "characters.csv")
        inter = pd.read_csv(folder / "interactions.csv")
        assert set(inter["source"]) | set(inter["target"]) <= set(chars["character"])
        for c in CHARTS:
            png = folder / f"{c}.png"
            assert png.read_bytes()[:8] == PNG, png
        g = nx.read_gexf(folder / "interactions.gexf")
        assert g.number_of_nodes() == len(chars) and g.number_of_edges() == len(inter)
        assert nx.read_graphml(folder / "interactions.graphml").number_of_edges() == len(inter)
        assert name in out and f"{folder}/" in out


def test_parquet(tmp_path):
    pytest.importorskip("pyarrow", reason="parquet needs pyarrow (in the test extra)")
    assert run(LETTER, "--out", tmp_path, "--format", "parquet", "--charts", "none", "--quiet") == 0
    for t in TABLE_NAMES:
        assert len(pd.read_parquet(tmp_path / f"{t}.parquet").columns)
    assert not list(tmp_path.glob("*.csv"))


def test_same_file_names_get_their_own_folders(tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    copy = other / LETTER.name
    copy.write_bytes(LETTER.read_bytes())
    out = tmp_path / "out"
    assert run(LETTER, copy, "--out", out, "--charts", "none", "--quiet") == 0
    assert (out / "the_letter" / "turns.csv").is_file()
    assert (out / "the_letter-2" / "turns.csv").is_file()


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
