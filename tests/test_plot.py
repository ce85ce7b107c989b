"""plot.py: every chart takes data or a Story, ax=None, **kwargs; returns the Axes; renders."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import same_color

import fictools
from conftest import STORIES
from fictools import plot

# the charts of this module (plot_arc is tested with the arcs)
CHARTS = ["plot_dialogue_share", "plot_interactions", "plot_interaction_heatmap", "plot_timeline"]


# story and empty_story come from conftest.py
pytestmark = pytest.mark.usefixtures("no_show")


def table_for(story, fn: str):
    """The table each chart also takes instead of a Story."""
    if fn == "plot_dialogue_share":
        return story.dialogue_share()
    if fn == "plot_timeline":
        return story.dialogue_share(per="scene")
    return story.interactions


def test_every_chart_is_exported():
    for fn in CHARTS + ["plot_arc", "character_colors"]:
        assert fn in plot.__all__ and callable(getattr(plot, fn))


@pytest.mark.parametrize("name", STORIES)
@pytest.mark.parametrize("fn", CHARTS)
def test_chart_returns_the_given_axes_and_renders(analyzed, name, fn):
    story = analyzed[name]
    fig, ax = plt.subplots()
    out = getattr(plot, fn)(story, ax=ax)
    assert out is ax
    assert ax.has_data() or ax.texts
    assert story.title in ax.get_title()
    fig.canvas.draw()


@pytest.mark.parametrize("fn", CHARTS)
def test_chart_draws_on_gca(story, fn):
    fig = plt.figure()
    gca = plt.gca()
    out = getattr(plot, fn)(story)
    assert isinstance(out, Axes) and out is gca and out.figure is fig


@pytest.mark.parametrize("fn", CHARTS)
def test_chart_takes_the_table(story, fn):
    fig, ax = plt.subplots()
    out = getattr(plot, fn)(table_for(story, fn), ax=ax)
    assert out is ax and ax.has_data()
    fig.canvas.draw()


@pytest.mark.parametrize("fn", CHARTS)
def test_chart_of_an_empty_story(empty_story, fn):
    fig, ax = plt.subplots()
    assert getattr(plot, fn)(empty_story, ax=ax) is ax
    assert ax.texts  # says there is nothing to show
    fig.canvas.draw()


@pytest.mark.parametrize("fn", CHARTS)
def test_chart_of_an_empty_table(empty_story, fn):
    _fig, ax = plt.subplots()
    assert getattr(plot, fn)(table_for(empty_story, fn), ax=ax) is ax


# --------------------------------------------------------------------------
# what each chart shows


def test_dialogue_share_bars_sorted(story):
    _fig, ax = plt.subplots()
    plot.plot_dialogue_share(story, ax=ax, by="turns", top=3)
    share = story.dialogue_share(by="turns")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [p.get_width() for p in ax.patches]
    # barh draws bottom-up: the top bar is the largest share
    assert labels[::-1] == list(share["character"].head(3))
    assert widths[::-1] == pytest.approx(list(share["share"].head(3)))
    assert "turns" in ax.get_xlabel()


def test_dialogue_share_kwargs(story):
    _fig, ax = plt.subplots()
    plot.plot_dialogue_share(story, ax=ax, color="green", height=0.5)
    assert all(same_color(p.get_facecolor(), "green") for p in ax.patches)
    assert all(p.get_height() == pytest.approx(0.5) for p in ax.patches)


def test_interactions_network(story):
    _fig, ax = plt.subplots()
    plot.plot_interactions(story, ax=ax, alpha=0.5)
    nodes = ax.collections[-1]
    assert nodes.get_alpha() == 0.5  # kwargs reach the nodes
    names = {t.get_text() for t in ax.texts}
    inter = story.interactions
    assert names == set(inter["source"]) | set(inter["target"])
    # one arrow per conversational pair
    assert len(ax.patches) == int((inter["turns"] > 0).sum())


def test_interactions_network_widths_follow_weight(story):
    _fig, ax = plt.subplots()
    plot.plot_interactions(story, ax=ax, copresence=False)
    talk = story.interactions[story.interactions["turns"] > 0]
    widths = [p.get_linewidth() for p in ax.patches]
    heaviest = widths[0]  # the table is heaviest first, and arrows follow its order
    assert heaviest == max(widths)
    assert len(widths) == len(talk)


def test_interactions_min_weight(story):
    _fig, ax = plt.subplots()
    plot.plot_interactions(story, ax=ax, min_weight=2.0)  # weights are shares: none is this heavy
    assert ax.texts and not ax.patches


def test_heatmap_cells(story):
    _fig, ax = plt.subplots()
    plot.plot_interaction_heatmap(story, ax=ax, value="turns", cmap="Reds", colorbar=False)
    image = ax.images[0]
    assert image.get_cmap().name == "Reds"
    m = image.get_array()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert rows == cols
    talk = story.interactions[story.interactions["turns"] > 0]
    for r in talk.itertuples(index=False):
        assert m[rows.index(r.source), cols.index(r.target)] == r.turns
    # pairs that do not talk are blank (NaN), not zero
    assert int(np.isfinite(np.ma.filled(m, np.nan)).sum()) == len(talk)


def test_heatmap_bad_value(story):
    _fig, ax = plt.subplots()
    with pytest.raises(fictools.InputError, match="value="):
        plot.plot_interaction_heatmap(story, ax=ax, value="friendship")


def test_heatmap_colorbar(story):
    fig, ax = plt.subplots()
    plot.plot_interaction_heatmap(story, ax=ax)
    assert len(fig.axes) == 2  # the heatmap and its colour bar


def test_timeline_points(story):
    _fig, ax = plt.subplots()
    plot.plot_timeline(story, ax=ax, by="turns", marker="s")
    per_scene = story.dialogue_share(by="turns", per="scene")
    points = ax.collections[0]
    assert len(points.get_offsets()) == len(per_scene)
    assert sorted(points.get_offsets()[:, 0]) == sorted(per_scene["scene"])
    assert ax.get_xlim()[1] >= story.scenes["scene"].max()
    top = ax.get_yticklabels()[0].get_text()
    assert top == story.characters["character"].iloc[0]


def test_timeline_color_kwarg(story):
    _fig, ax = plt.subplots()
    plot.plot_timeline(story, ax=ax, color="black")
    assert all(same_color(c[:3], "black") for c in ax.collections[0].get_facecolors())


# --------------------------------------------------------------------------
# colours


def test_character_colors(story):
    colors = plot.character_colors(story)
    names = list(story.characters["character"])
    assert list(colors) == names
    assert plot.character_colors(story.characters) == colors
    assert plot.character_colors(names) == colors
    # the first ten are all different
    many = plot.character_colors([f"c{i}" for i in range(25)])
    first = [many[f"c{i}"] for i in range(10)]
    assert len({tuple(c) for c in first}) == 10
    assert len({tuple(c) for c in many.values()}) == 20
    assert plot.character_colors([]) == {}


def test_colors_argument(story):
    _fig, ax = plt.subplots()
    names = list(story.dialogue_share()["character"])
    plot.plot_dialogue_share(story, ax=ax, colors={n: "red" for n in names})
    assert all(same_color(p.get_facecolor(), "red") for p in ax.patches)
