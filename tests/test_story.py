"""Story: derived views, export, charts, graphs and display."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

import fictools
from conftest import STORIES
from fictools import plot
from fictools.story import TABLE_NAMES

# story and empty_story come from conftest.py
pytestmark = pytest.mark.usefixtures("no_show")


# --------------------------------------------------------------------------
# derived views


@pytest.mark.parametrize("name", STORIES)
@pytest.mark.parametrize("by", ["words", "turns"])
def test_dialogue_share_sums_to_one(analyzed, name, by):
    story = analyzed[name]
    share = story.dialogue_share(by=by)
    assert list(share.columns[:4]) == ["character", "words", "turns", "share"]
    if not len(share):
        pytest.skip(f"{name}: no attributed dialogue with the blank pipeline")
    assert share["share"].sum() == pytest.approx(1.0)
    assert share["character"].is_unique
    assert share["share"].is_monotonic_decreasing
    spoken = story.turns[story.turns["speaker"].notna()]
    assert share["turns"].sum() == len(spoken)
    assert share["words"].sum() == spoken["n_words"].sum()
    col = share[by]
    assert list(share["share"]) == pytest.approx(list(col / col.sum()))


def test_dialogue_share_by_differs(story):
    by_words = story.dialogue_share(by="words").set_index("character")["share"]
    by_turns = story.dialogue_share(by="turns").set_index("character")["share"]
    assert set(by_words.index) == set(by_turns.index)
    assert not (by_words.sort_index() == by_turns.sort_index()).all()


def test_dialogue_share_bad_by(story):
    with pytest.raises(fictools.InputError):
        story.dialogue_share(by="letters")
    with pytest.raises(fictools.InputError):
        story.dialogue_share(per="paragraph")


@pytest.mark.parametrize("name", STORIES)
@pytest.mark.parametrize("per", ["scene", "chapter"])
@pytest.mark.parametrize("by", ["words", "turns"])
def test_dialogue_share_per_scene_and_chapter(analyzed, name, per, by):
    story = analyzed[name]
    share = story.dialogue_share(by=by, per=per)
    assert list(share.columns) == [per, "character", "words", "turns", "share"]
    if not len(share):
        pytest.skip(f"{name}: no attributed dialogue with the blank pipeline")
    sums = share.groupby(per)["share"].sum()
    assert list(sums) == pytest.approx([1.0] * len(sums))
    assert not share.duplicated([per, "character"]).any()
    assert set(share[per]) <= set(story.scenes[per])
    # the groups add up to the whole story
    whole = story.dialogue_share(by=by).set_index("character")
    totals = share.groupby("character")[["words", "turns"]].sum()
    assert totals.sort_index().equals(whole[["words", "turns"]].sort_index())
    assert set(share["character"]) <= set(story.characters["character"])


def test_dialogue_share_per_chapter_uses_chapters(analyzed):
    story = analyzed["the_letter"]  # three chapters, four scenes
    assert story.scenes["chapter"].nunique() > 1
    per_chapter = story.dialogue_share(per="chapter")
    chapter_of = dict(zip(story.scenes["scene"], story.scenes["chapter"]))
    spoken = story.turns[story.turns["speaker"].notna()]
    expected = (
        spoken.assign(chapter=spoken["scene"].map(chapter_of))
        .groupby(["chapter", "speaker"])["n_words"]
        .sum()
    )
    got = per_chapter.set_index(["chapter", "character"])["words"]
    assert dict(got) == dict(expected)


@pytest.mark.parametrize("points", [2, 10, 100])
def test_arc(story, points):
    arc = story.arc(points=points)
    assert list(arc.columns[:3]) == ["position", "polarity", "smoothed"]
    assert len(arc) == points
    assert arc["position"].iloc[0] == 0.0 and arc["position"].iloc[-1] == 1.0
    assert arc["position"].is_monotonic_increasing
    assert arc["smoothed"].notna().all()
    assert arc["smoothed"].between(-1, 1).all()


def test_arc_follows_the_scores():
    text = "\n\n".join(
        ["It was a wonderful, happy, lovely day."] * 5
        + ["It was a terrible, awful, horrible night."] * 5
    )
    story = fictools.analyze(text, nlp="blank")
    arc = story.arc(points=11, window=0.2)
    assert arc["smoothed"].iloc[0] > 0 > arc["smoothed"].iloc[-1]


def test_arc_bad_arguments(story):
    with pytest.raises(fictools.InputError):
        story.arc(points=1)
    with pytest.raises(fictools.InputError):
        story.arc(window=0)


# --------------------------------------------------------------------------
# export


def test_export_csv(story, tmp_path):
    written = story.export(tmp_path / "out")
    names = sorted(p.name for p in written)
    assert names == sorted([f"{t}.csv" for t in TABLE_NAMES] + ["meta.json"])
    for p in written:
        assert p.exists() and p.stat().st_size > 0
    back = pd.read_csv(tmp_path / "out" / "turns.csv")
    assert list(back.columns) == list(story.turns.columns)
    assert len(back) == len(story.turns)
    assert list(back["text"]) == list(story.turns["text"])
    chars = pd.read_csv(tmp_path / "out" / "characters.csv")
    assert len(chars) == len(story.characters)
    meta = json.loads((tmp_path / "out" / "meta.json").read_text(encoding="utf-8"))
    assert meta["title"] == story.title
    assert meta["n_words"] == story.n_words


def test_export_empty_story(empty_story, tmp_path):
    empty_story.export(tmp_path)
    back = pd.read_csv(tmp_path / "turns.csv")
    assert list(back.columns) == list(empty_story.turns.columns)
    assert len(back) == 0


def test_export_parquet(story, tmp_path):
    pytest.importorskip("pyarrow", reason="parquet needs pyarrow (in the test extra)")
    written = story.export(tmp_path, format="parquet")
    assert sorted(p.name for p in written) == sorted(
        [f"{t}.parquet" for t in TABLE_NAMES] + ["meta.json"]
    )
    for name in TABLE_NAMES:
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert list(back.columns) == list(getattr(story, name).columns)
        assert len(back) == len(getattr(story, name))
    chars = pd.read_parquet(tmp_path / "characters.parquet")
    assert [list(a) for a in chars["aliases"]] == list(story.characters["aliases"])


def test_export_bad_format(story, tmp_path):
    with pytest.raises(fictools.InputError):
        story.export(tmp_path, format="xlsx")


# --------------------------------------------------------------------------
# charts

PLOTS = [
    "plot_arc",
    "plot_dialogue_share",
    "plot_interactions",
    "plot_interaction_heatmap",
    "plot_timeline",
]


@pytest.mark.parametrize("fn", PLOTS)
def test_plot_on_given_axes(story, fn):
    _fig, ax = plt.subplots()
    out = getattr(story, fn)(ax=ax)
    assert out is ax
    assert ax.has_data() or ax.texts


@pytest.mark.parametrize("fn", PLOTS)
def test_plot_draws_on_gca(story, fn):
    fig = plt.figure()
    gca = plt.gca()
    out = getattr(plot, fn)(story)
    assert isinstance(out, Axes)
    assert out is gca
    assert out.figure is fig


@pytest.mark.parametrize("fn", PLOTS)
def test_plot_empty_story(empty_story, fn):
    _fig, ax = plt.subplots()
    assert getattr(empty_story, fn)(ax=ax) is ax


def test_plot_kwargs_reach_matplotlib(story):
    _fig, ax = plt.subplots()
    story.plot_arc(ax=ax, color="red")
    assert any(matplotlib.colors.same_color(line.get_color(), "red") for line in ax.get_lines())
    _fig, ax = plt.subplots()
    story.plot_dialogue_share(ax=ax, color="green")
    assert ax.patches and all(
        matplotlib.colors.same_color(p.get_facecolor(), "green") for p in ax.patches
    )


def test_plot_arc_title(story):
    _fig, ax = plt.subplots()
    story.plot_arc(ax=ax)
    assert story.title in ax.get_title()


@pytest.mark.parametrize("fn", PLOTS)
def test_plot_renders_with_a_title(story, fn):
    fig, ax = plt.subplots()
    getattr(story, fn)(ax=ax)
    fig.canvas.draw()  # rendering raises if anything drawn is broken
    assert story.title in ax.get_title()


def test_character_colors_are_the_same_in_every_chart(story):
    colors = story.character_colors()
    assert list(colors) == list(story.characters["character"])
    _fig, ax = plt.subplots()
    story.plot_dialogue_share(ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    bars = {name: bar.get_facecolor() for name, bar in zip(labels, ax.patches)}
    assert bars and all(matplotlib.colors.same_color(c, colors[n]) for n, c in bars.items())
    _fig, ax = plt.subplots()
    story.plot_timeline(ax=ax)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    points = ax.collections[0]
    ys = points.get_offsets()[:, 1]
    for y, c in zip(ys, points.get_facecolors()):
        assert matplotlib.colors.same_color(c[:3], colors[rows[round(y)]][:3])


# --------------------------------------------------------------------------
# graphs and display


@pytest.mark.parametrize("name", STORIES)
def test_to_networkx(analyzed, name):
    story = analyzed[name]
    g = story.to_networkx()
    assert sorted(g.nodes) == sorted(story.characters["character"])
    assert g.number_of_nodes() == len(story.characters)
    assert g.number_of_edges() == len(story.interactions)
    for r in story.interactions.itertuples(index=False):
        e = g.edges[r.source, r.target]
        assert e["turns"] == r.turns and e["scenes"] == r.scenes
        assert e["weight"] == pytest.approx(r.weight)
        assert e["evidence"] == r.evidence
    for r in story.characters.itertuples(index=False):
        assert g.nodes[r.character]["n_words"] == r.n_words
    assert g.graph["title"] == story.title


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_graph(story, tmp_path, fmt):
    import networkx as nx

    path = story.export_graph(tmp_path / "sub" / f"graph.{fmt}")
    assert path == tmp_path / "sub" / f"graph.{fmt}" and path.is_file()
    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert sorted(g.nodes) == sorted(story.characters["character"])
    assert g.number_of_edges() == len(story.interactions)
    for r in story.interactions.itertuples(index=False):
        assert float(g.edges[r.source, r.target]["weight"]) == pytest.approx(r.weight)
        assert int(g.edges[r.source, r.target]["turns"]) == r.turns
    top = story.characters.iloc[0]
    assert g.nodes[top["character"]]["aliases"] == "|".join(top["aliases"])


def test_export_graph_format_argument(story, tmp_path):
    path = story.export_graph(tmp_path / "graph.xml", format="graphml")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with pytest.raises(fictools.InputError, match="gexf"):
        story.export_graph(tmp_path / "graph.json")


def test_export_graph_empty_story(empty_story, tmp_path):
    import networkx as nx

    g = nx.read_gexf(empty_story.export_graph(tmp_path / "g.gexf"))
    assert g.number_of_nodes() == 0


def test_repr_html(story):
    h = story._repr_html_()
    assert story.title in h
    assert f"{story.n_words:,} words" in h and f"{len(story.scenes)} scenes" in h
    for r in story.dialogue_share().head(3).itertuples(index=False):
        assert r.character in h
        assert f"{r.share:.1%}" in h


def test_repr_html_escapes_and_empty(empty_story):
    story = fictools.analyze("Nothing <b>happened</b>.", nlp="blank", title="<script>x</script>")
    h = story._repr_html_()
    assert "<script>" not in h and "&lt;script&gt;" in h
    assert "no attributed dialogue" in empty_story._repr_html_()


def test_title_from_file(story):
    # the file names no title, so the title is the file's stem
    assert story.title in ("Harbour Lights", "harbour_lights")


def test_summary(story):
    s = story.summary()
    assert story.title in s
    assert f"{story.n_words:,} words" in s
    assert f"{len(story.scenes)} scenes" in s
    top = story.dialogue_share()["character"].iloc[0]
    assert top in s


def test_repr(story):
    r = repr(story)
    assert story.title in r and "scenes" in r


def test_scene_text(story):
    sc = story.scenes.iloc[1]
    assert story.scene_text(1) == story.text[sc["start"] : sc["end"]]
    with pytest.raises(fictools.InputError):
        story.scene_text(999)
