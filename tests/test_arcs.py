"""Arcs: resampling, the three smoothers, arcs by scene and by character,
presence, Reagan's six shapes, and plot_arc."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import fictools
from fictools import arcs, plot

REPO = Path(__file__).resolve().parents[1]
WINTER = REPO / "data" / "winter_market.txt"

HAPPY = "It was a wonderful, happy, lovely day and she laughed."
SAD = "It was a terrible, miserable, awful night and he wept."

# Anna and Tom talk; Anna is happy, Tom miserable. Scene 2 names only Tom.
TALK = """Anna came into the kitchen.

"What a wonderful, lovely morning," said Anna. "I am so happy today."

The kettle boiled on the stove.

"This is terrible. I hate everything and I am miserable," said Tom.

Anna laughed. "Oh, cheer up. Life is beautiful."

"No. It is awful and horrible," said Tom.

The rain went on all afternoon.

* * *

Tom sat alone by the window.

The evening was cold and grey.
"""


@pytest.fixture(scope="module")
def winter():
    return fictools.analyze(WINTER, nlp="blank")


@pytest.fixture(scope="module")
def talk():
    return fictools.analyze(TALK, nlp="blank")


pytestmark = pytest.mark.usefixtures("no_show")


def _story(paragraphs: list[str]):
    return fictools.analyze("\n\n".join(paragraphs), nlp="blank")


# --------------------------------------------------------------------------
# the story's arc


@pytest.mark.parametrize("smooth", arcs.SMOOTHERS)
@pytest.mark.parametrize("points", [2, 7, 100])
def test_points_and_columns(winter, smooth, points):
    arc = winter.arc(points=points, smooth=smooth)
    assert list(arc.columns) == ["position", "polarity", "smoothed"]
    assert len(arc) == points
    assert arc["position"].iloc[0] == 0.0 and arc["position"].iloc[-1] == 1.0
    assert np.allclose(np.diff(arc["position"]), 1 / (points - 1))
    assert arc["smoothed"].notna().all()
    # the raw steps are weighted means of the passages: inside their range
    p = winter.passages["polarity"]
    raw = arc["polarity"].dropna()
    assert len(raw) and raw.between(p.min() - 1e-9, p.max() + 1e-9).all()


@pytest.mark.parametrize("smooth", arcs.SMOOTHERS)
def test_each_smoother_follows_the_scores(smooth):
    story = _story([HAPPY] * 8 + [SAD] * 8)
    arc = story.arc(points=21, smooth=smooth, window=0.2)
    assert arc["smoothed"].iloc[0] > 0.1 and arc["smoothed"].iloc[-1] < -0.1
    assert arc["smoothed"].iloc[:5].mean() > arc["smoothed"].iloc[-5:].mean()


@pytest.mark.parametrize("smooth", arcs.SMOOTHERS)
def test_winter_market_dips_in_the_middle(winter, smooth):
    s = winter.arc(smooth=smooth)["smoothed"].to_numpy()
    bottom = s[40:72].min()  # the grief scene spans about 0.40..0.72 of the story
    assert bottom < s[:35].mean() and bottom < s[75:].mean()


def test_rolling_is_a_weighted_moving_average():
    pos = np.array([0.0, 0.1, 0.2, 0.5, 0.9])
    val = np.array([1.0, -1.0, 0.5, 0.0, 1.0])
    w = np.array([1.0, 3.0, 1.0, 2.0, 1.0])
    grid = np.linspace(0, 1, 11)
    got = arcs.smooth_rolling(pos, val, w, grid, 0.25)
    for g, y in zip(grid, got):
        m = np.abs(pos - g) <= 0.125 + 1e-12
        if m.any():
            assert y == pytest.approx(np.average(val[m], weights=w[m]))
        else:
            assert np.isnan(y)


def test_loess_reproduces_a_straight_line_to_the_ends():
    pos = np.linspace(0, 1, 60)
    val = 0.8 * pos - 0.3
    grid = np.linspace(0, 1, 11)
    got = arcs.smooth_loess(pos, val, np.ones_like(pos), grid, 0.1)
    assert got == pytest.approx(0.8 * grid - 0.3, abs=1e-9)


def test_dct_leaves_the_ends_free():
    # a story that rises steadily: a Fourier low-pass would pull both ends to the middle
    pos = np.linspace(0, 1, 200)
    val = pos.copy()
    grid = np.linspace(0, 1, 101)
    got = arcs.smooth_dct(pos, val, np.ones_like(pos), grid, 0.2)  # 5 components, syuzhet's default
    assert got[0] == pytest.approx(0.0, abs=0.08)
    assert got[-1] == pytest.approx(1.0, abs=0.08)
    assert np.all(np.diff(got) > -1e-9)  # and it keeps rising: no ringing
    # the window sets the number of components; components= overrides it
    wiggly = np.cos(6 * np.pi * pos)  # the 7th cosine: three cycles
    few = arcs.smooth_dct(pos, wiggly, np.ones_like(pos), grid, 0.5)  # 2 components
    many = arcs.smooth_dct(pos, wiggly, np.ones_like(pos), grid, 0.5, components=12)
    assert np.abs(few).max() < 0.1 and np.abs(many).max() > 0.8


def test_dct_on_a_story_keeps_its_ends_apart():
    story = _story([SAD] * 6 + [HAPPY] * 6)
    arc = story.arc(points=50, smooth="dct", window=0.2)
    assert arc["smoothed"].iloc[-1] - arc["smoothed"].iloc[0] > 0.4


@pytest.mark.parametrize(
    "kwargs",
    [
        {"points": 1},
        {"points": 2.5},
        {"smooth": "fft"},
        {"window": 0},
        {"window": 1.5},
        {"by": "chapter"},
        {"column": "valence"},
        {"column": "scene"},
        {"smooth": "dct", "components": 0},
    ],
)
def test_bad_arguments(winter, kwargs):
    with pytest.raises(fictools.InputError):
        winter.arc(**kwargs)


def test_other_columns(winter):
    arc = winter.arc(column="sadness", smooth="dct")
    assert list(arc.columns) == ["position", "sadness", "smoothed"]
    assert arc["smoothed"].notna().all()


def test_empty_story():
    story = fictools.analyze("Nothing happened here at all.", nlp="blank")
    story.passages = story.passages.iloc[0:0]
    for smooth in arcs.SMOOTHERS:
        arc = story.arc(points=5, smooth=smooth)
        assert len(arc) == 5 and arc["smoothed"].isna().all()
    assert len(story.arc(by="character")) == 0
    assert arcs.arc_shape(story.arc())["fit"].isna().all()


# --------------------------------------------------------------------------
# by scene


def test_by_scene(winter):
    sc = winter.arc(by="scene")
    assert list(sc.columns) == [
        "scene", "position", "position_start", "position_end", "n_passages", "n_words", "polarity", "sd",
    ]  # fmt: skip
    assert list(sc["scene"]) == list(winter.scenes["scene"])
    assert sc["n_passages"].sum() == len(winter.passages)
    assert (sc["position_start"] < sc["position"]).all() and (
        sc["position"] < sc["position_end"]
    ).all()
    content, grief, joy = sc["polarity"]
    assert grief < content and grief < joy


# --------------------------------------------------------------------------
# by character


def test_lines_arc_of_each_speaker(talk):
    assert set(talk.turns["speaker"].dropna()) == {"Anna", "Tom"}
    arc = talk.arc(by="character", points=11, window=0.3)
    assert list(arc.columns) == ["character", "position", "polarity", "smoothed"]
    assert list(arc.groupby("character").size()) == [11, 11]
    anna = arc[arc["character"] == "Anna"]["smoothed"].mean()
    tom = arc[arc["character"] == "Tom"]["smoothed"].mean()
    assert anna > 0 > tom
    # Tom's lines end before the last scene: his arc of lines stops there
    last = arc[(arc["character"] == "Tom") & (arc["position"] == 1.0)]
    assert last["smoothed"].isna().all()


def test_characters_chooses_and_checks_names(talk):
    arc = talk.arc(by="character", characters=["Tom"])
    assert set(arc["character"]) == {"Tom"}
    assert set(talk.arc(by="character", characters="Anna")["character"]) == {"Anna"}
    with pytest.raises(fictools.InputError) as e:
        talk.arc(by="character", characters=["Zed"])
    assert "Zed" in str(e.value) and "Anna" in str(e.value)
    with pytest.raises(fictools.InputError):
        talk.arc(by="character", source="mentions")
    with pytest.raises(fictools.InputError):
        talk.arc(by="character", column="fear")  # a character's lines have polarity only


def test_presence(talk):
    pres = arcs.presence(talk)
    p = talk.passages
    text = {r.passage: talk.text[r.start : r.end] for r in p.itertuples(index=False)}
    anna = set(pres.loc[pres["character"] == "Anna", "passage"])
    tom = set(pres.loc[pres["character"] == "Tom", "passage"])
    kettle = next(k for k, t in text.items() if "kettle" in t)
    rain = next(k for k, t in text.items() if "rain went on" in t)
    window = next(k for k, t in text.items() if "by the window" in t)
    evening = next(k for k, t in text.items() if "evening was cold" in t)
    # named or speaking, and everything in the scene in between; Tom enters after the kettle
    assert kettle in anna and kettle not in tom
    assert all("Anna" in text[k] or k == kettle or "Tom" in text[k] for k in anna)
    # after her last appearance in the scene, and in a scene that never names her, Anna is absent
    assert rain not in anna and window not in anna and evening not in anna
    # Tom is named in scene 2's first paragraph only
    assert window in tom and evening not in tom
    between = next(k for k, t in text.items() if "Anna laughed" in t)
    assert between in tom and "Tom" not in text[between]  # between his two lines
    named = pres.set_index(["passage", "character"])["named"]
    assert bool(named[(kettle, "Anna")]) is False and bool(named[(window, "Tom")]) is True


def test_presence_arc(talk):
    arc = talk.arc(
        by="character", source="presence", characters=["Anna", "Tom"], points=21, window=0.2
    )
    assert set(arc["character"]) == {"Anna", "Tom"}
    anna = arc[arc["character"] == "Anna"]
    assert anna["smoothed"].notna().any()
    assert anna.loc[anna["position"] > 0.8, "smoothed"].isna().all()  # absent from the last scene
    # any passage score can be charted by presence
    fear = talk.arc(by="character", source="presence", column="joy")
    assert "joy" in fear.columns


def test_lines_arc_after_a_custom_scorer():
    story = fictools.analyze(TALK, nlp="blank", sentiment=lambda s: 0.25)
    with pytest.raises(fictools.InputError) as e:
        story.arc(by="character")
    assert "story.turns['polarity']" in str(e.value)
    story.turns["polarity"] = story.turns["text"].map(lambda s: -0.5)
    arc = story.arc(by="character", characters=["Tom"])
    assert arc["smoothed"].dropna().eq(-0.5).all()


# --------------------------------------------------------------------------
# shapes


@pytest.mark.parametrize("name", list(arcs.SHAPES))
def test_shapes_recognise_synthetic_curves(name):
    rng = np.random.default_rng(7)
    t = np.linspace(0, 1, 100)
    curve = 0.3 * arcs.SHAPES[name][1](t) + 0.05 + rng.normal(0, 0.08, len(t))
    fits = arcs.arc_shape(curve)
    assert list(fits.columns) == ["shape", "pattern", "fit", "amplitude"]
    assert fits["shape"].iloc[0] == name
    assert fits["fit"].iloc[0] > 0.8
    assert fits["amplitude"].iloc[0] == pytest.approx(0.6, rel=0.2)
    assert fits["fit"].is_monotonic_decreasing


@pytest.mark.parametrize(
    "paragraphs, shape",
    [
        ([HAPPY] * 6 + [SAD] * 6, "tragedy"),
        ([SAD] * 6 + [HAPPY] * 6, "rags to riches"),
        ([HAPPY] * 4 + [SAD] * 4 + [HAPPY] * 4, "man in a hole"),
        ([SAD] * 4 + [HAPPY] * 4 + [SAD] * 4, "Icarus"),
    ],
)
def test_story_shapes(paragraphs, shape):
    assert _story(paragraphs).arc_shape()["shape"].iloc[0] == shape


def test_winter_market_is_a_man_in_a_hole(winter):
    best = winter.arc_shape().iloc[0]
    assert best["shape"] == "man in a hole" and best["fit"] > 0.6 and best["amplitude"] > 0


def test_arc_shape_takes_an_arc_frame(winter):
    arc = winter.arc(smooth="loess", window=0.3)
    assert arcs.arc_shape(arc)["shape"].iloc[0] == "man in a hole"
    with pytest.raises(fictools.InputError):
        arcs.arc_shape(pd.DataFrame({"x": [1, 2, 3]}))


# --------------------------------------------------------------------------
# plot_arc


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"smooth": "dct", "window": 0.2},
        {"smooth": "loess", "show_raw": False, "show_scenes": False},
        {"by": "scene"},
        {"by": "character"},
        {"by": "character", "characters": ["Anna"], "source": "presence"},
        {"column": "joy"},
    ],
)
def test_plot_arc_returns_the_axes(talk, kwargs):
    _fig, ax = plt.subplots()
    out = talk.plot_arc(ax=ax, **kwargs)
    assert out is ax and isinstance(out, Axes)
    assert ax.lines, "nothing drawn"
    assert ax.get_xlim() == (0.0, 1.0)


def test_plot_arc_draws_raw_faint_smoothed_strong_and_scene_breaks(talk):
    _fig, ax = plt.subplots()
    talk.plot_arc(ax=ax, color="purple")
    raw = ax.collections[0]
    assert len(raw.get_offsets()) == len(talk.passages)
    assert raw.get_alpha() < 0.5
    smoothed = [ln for ln in ax.lines if ln.get_color() == "purple"]
    assert len(smoothed) == 1 and smoothed[0].get_linewidth() >= 2
    assert len(smoothed[0].get_xdata()) == 100
    # one vertical line per scene break (at the second scene's start)
    verticals = [ln for ln in ax.lines if len(set(ln.get_xdata())) == 1]
    assert len(verticals) == len(talk.scenes) - 1


def test_plot_arc_one_line_per_character(talk):
    _fig, ax = plt.subplots()
    talk.plot_arc(ax=ax, by="character", characters=["Anna", "Tom"])
    labels = [ln.get_label() for ln in ax.lines]
    assert "Anna" in labels and "Tom" in labels
    colors = plot.character_colors(talk)
    by_label = {ln.get_label(): ln for ln in ax.lines}
    assert matplotlib.colors.same_color(by_label["Anna"].get_color(), colors["Anna"])


def test_plot_arc_uses_the_current_axes_and_takes_an_arc(winter):
    _fig, ax = plt.subplots()
    assert plot.plot_arc(winter) is ax
    _fig2, ax2 = plt.subplots()
    assert plot.plot_arc(winter.arc(smooth="dct"), ax=ax2) is ax2
    assert plot.plot_arc(winter.arc(by="scene"), ax=ax2) is ax2
    with pytest.raises(fictools.InputError):
        plot.plot_arc([1, 2, 3], ax=ax2)


def test_plot_arc_of_an_empty_story():
    story = fictools.analyze("Nothing happened here at all.", nlp="blank")
    story.passages = story.passages.iloc[0:0]
    _fig, ax = plt.subplots()
    assert story.plot_arc(ax=ax) is ax
