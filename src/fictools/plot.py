"""matplotlib charts of a story.

Every chart takes the data (a Story, or the table it draws), ``ax=None`` and
``**kwargs`` for matplotlib, draws on ``plt.gca()`` when ``ax`` is None,
returns the Axes and never calls ``plt.show()``. A character has the same
colour in every chart of a story (:func:`character_colors`).

Examples
--------
>>> import matplotlib.pyplot as plt  # doctest: +SKIP
>>> from fictools import plot  # doctest: +SKIP
>>> fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))  # doctest: +SKIP
>>> plot.plot_dialogue_share(story, ax=left)  # doctest: +SKIP
>>> plot.plot_interactions(story.interactions, ax=right)  # doctest: +SKIP
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .arcs import _brief, _whole
from .errors import FictoolsError, InputError
from .interactions import SHARE_BY

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "character_colors",
    "plot_arc",
    "plot_dialogue_share",
    "plot_interaction_heatmap",
    "plot_interactions",
    "plot_timeline",
]

# tab20's strong colours first, then its light ones: the first ten characters get
# ten clearly different colours.
_PALETTE = "tab20"
_ORDER = list(range(0, 20, 2)) + list(range(1, 20, 2))


def _axes(ax: Axes | None, fn: str) -> Axes:
    """``ax``, or ``plt.gca()`` when it is None; an InputError for anything else."""
    if ax is None:
        import matplotlib.pyplot as plt

        return plt.gca()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise InputError(
            f"{fn}(): ax= takes a matplotlib Axes (e.g. from plt.subplots()) or None for the "
            f"current one, not {_brief(ax)}."
        )
    return ax


def _table(data: Any, fn: str, columns: Iterable[str], what: str) -> pd.DataFrame:
    """``data`` as a DataFrame with ``columns``, or an InputError saying what ``fn`` takes.

    ``what`` describes the table (e.g. "a table from story.dialogue_share()").
    """
    columns = list(columns)
    takes = f"{fn}() takes a Story or {what} (columns {', '.join(columns)})"
    if isinstance(data, pd.DataFrame):
        df = data
    elif data is None or isinstance(data, (str, bytes, numbers.Number)):
        raise InputError(f"{takes}, not {_brief(data)}.")
    else:
        try:
            df = pd.DataFrame(data)
        except (TypeError, ValueError):
            raise InputError(f"{takes}, not {_brief(data)}.") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(
            f"{takes}, not a table with the columns {_brief([str(c) for c in df.columns])} "
            f"(missing: {', '.join(missing)})."
        )
    return df


def _numeric(df: pd.DataFrame, fn: str, columns: Iterable[str]) -> None:
    """An InputError unless each of ``columns`` of ``df`` holds numbers."""
    for c in columns:
        kind = df[c].dtype.kind
        if kind not in "biuf" and not (kind == "O" and df[c].isna().all()):
            raise InputError(
                f"{fn}(): the column {c!r} of the table given must hold numbers, "
                f"not {df[c].dtype} values such as {_brief(df[c].iloc[0])}."
            )


def _check_by(fn: str, by: Any) -> None:
    if not isinstance(by, str) or by not in SHARE_BY:
        raise InputError(
            f"{fn}(): by= takes {' or '.join(repr(b) for b in SHARE_BY)}, not {_brief(by)}."
        )


def _check_colors(fn: str, colors: Any) -> None:
    if colors is not None and not isinstance(colors, Mapping):
        raise InputError(
            f"{fn}(): colors= takes a mapping of character name -> matplotlib colour "
            f"(e.g. {{'Anna': 'red'}}) or None, not {_brief(colors)}."
        )


@contextmanager
def _styled(fn: str, target: str, kwargs: Mapping[str, Any], colors: Any = None) -> Iterator[None]:
    """Turn matplotlib's refusal of the caller's styling into an InputError.

    Only when the caller passed keyword arguments (or ``colors=``): without
    them, an error is fictools' own and goes through as it is.
    """
    if not kwargs and colors is None:
        yield
        return
    try:
        yield
    except FictoolsError:
        raise
    except (AttributeError, TypeError, ValueError) as e:
        given = [f"{k}={_brief(v)}" for k, v in kwargs.items()]
        if colors is not None:
            given.insert(0, f"colors={_brief(colors)}")
        raise InputError(
            f"{fn}(): matplotlib refused the styling given ({', '.join(given)}): "
            f"{' '.join(str(e).split()).rstrip('.')}. "
            f"The keyword arguments go to {target}; pass ones it takes, with colours "
            "matplotlib knows."
        ) from e


def _is_story(data: Any) -> bool:
    from .story import Story

    return isinstance(data, Story)


def _is_corpus(data: Any) -> bool:
    from .corpus import Corpus

    return isinstance(data, Corpus)


def _empty(ax: Axes, message: str) -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="grey")
    return ax


def character_colors(characters: Any) -> dict[str, Any]:
    """One colour per character, the same in every chart of a story.

    Parameters
    ----------
    characters
        A Story (its roster, in the order of ``story.characters``: most
        dialogue first), a DataFrame with a ``character`` column, or names in
        the order to colour them. Pass the whole roster, not a subset, to get
        the colours of the other charts.

    Returns
    -------
    dict
        ``name -> RGBA colour``. The first ten characters get ten distinct
        strong colours, the next ten lighter ones; past twenty they repeat.

    Examples
    --------
    >>> from fictools.plot import character_colors  # doctest: +SKIP
    >>> colors = character_colors(story)  # the same as story.character_colors()  # doctest: +SKIP
    >>> ax.plot(x, y, color=colors["Nora"])  # doctest: +SKIP
    """
    import matplotlib

    if _is_story(characters):
        characters = characters.characters
    if isinstance(characters, pd.DataFrame):
        if "character" not in characters.columns and len(characters.columns):
            raise InputError(
                "character_colors() takes a Story, a table with a 'character' column or a list "
                f"of names, not a table with the columns {_brief(list(characters.columns))}."
            )
        characters = characters["character"] if "character" in characters.columns else []
    elif isinstance(characters, str):
        characters = [characters]
    elif isinstance(characters, bytes) or not isinstance(characters, Iterable):
        raise InputError(
            "character_colors() takes a Story, a table with a 'character' column or a list "
            f"of names, not {_brief(characters)}."
        )
    names = list(dict.fromkeys(n for n in characters if isinstance(n, str)))
    cmap = matplotlib.colormaps[_PALETTE]
    return {n: cmap(_ORDER[i % 20]) for i, n in enumerate(names)}


def _colors_for(
    data: Any, names: Iterable[str], colors: Mapping[str, Any] | None
) -> dict[str, Any]:
    if colors is not None:
        return dict(colors)  # a Mapping: checked by the chart
    return character_colors(data if _is_story(data) else list(names))


def plot_arc(
    data: Any,
    ax: Axes | None = None,
    points: int = 100,
    smooth: str = "rolling",
    window: float = 0.1,
    by: str | None = None,
    characters: Iterable[str] | str | None = None,
    source: str = "lines",
    column: str = "polarity",
    components: int | None = None,
    show_scenes: bool = True,
    show_raw: bool = True,
    colors: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Axes:
    """The emotional arc: raw scores faint, the smoothed curve strong, scene breaks marked.

    Parameters
    ----------
    data : Story or pandas.DataFrame
        A Story, or an arc from :meth:`Story.arc` (a story's, a per-character
        one with its ``character`` column, or ``by="scene"``).
    ax : matplotlib Axes, optional
        Where to draw; ``plt.gca()`` by default.
    points, smooth, window, by, characters, source, column, components
        Passed to :meth:`Story.arc` when ``data`` is a Story. ``by="character"``
        draws one line per character (``characters=[...]`` chooses them);
        ``by="scene"`` draws each scene's mean as a level segment.
    show_scenes
        Mark scene boundaries with thin vertical lines.
    show_raw
        Draw the raw scores as faint points (each passage for the story's arc,
        the raw steps for a character's).
    colors
        ``name -> colour`` for the characters (default: :func:`character_colors`).
    **kwargs
        Passed to ``ax.plot`` for the smoothed line(s) (or the scene segments).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> story.plot_arc(smooth="dct", window=0.2)  # doctest: +SKIP
    >>> fictools.plot.plot_arc(story, by="character", characters=["Anna", "Walter"])  # doctest: +SKIP
    """
    ax = _axes(ax, "plot_arc")
    _check_colors("plot_arc", colors)
    style = dict(kwargs)  # the caller's, before the defaults are added
    story = data if _is_story(data) else None
    if story is not None:
        arc = story.arc(
            points=points,
            smooth=smooth,
            window=window,
            by=by,
            characters=characters,
            source=source,
            column=column,
            components=components,
        )
        title = f"Emotional arc: {story.title}"
        ylabel = f"{column} ({story.scorer})" if column == "polarity" else column
    else:
        arc, column = _arc_table(data)
        title = "Emotional arc"
        ylabel = column
    ax.set_title(title)
    ax.set_xlim(0, 1)
    ax.set_xlabel("narrative time")
    ax.set_ylabel(ylabel)
    ax.axhline(0, color="black", linewidth=0.5, zorder=0)

    if show_scenes:
        for x in _scene_breaks(story, arc):
            ax.axvline(x, color="lightgrey", linewidth=0.8, zorder=0)

    kwargs.setdefault("linewidth", 2.2)
    if "position_start" in arc.columns:  # by="scene": one level per scene
        if story is not None and show_raw and len(story.passages):
            p = story.passages
            ax.scatter(p["position"], p[column], s=6, alpha=0.25, color="grey", label="passages")
        kwargs.setdefault("color", "C0")
        label = kwargs.pop("label", "scene mean")
        with _styled("plot_arc", "ax.plot", style):
            for i, (a, b, v) in enumerate(
                zip(arc["position_start"], arc["position_end"], arc[column])
            ):
                ax.plot([a, b], [v, v], label=label if i == 0 else None, **kwargs)
    elif "character" in arc.columns:  # one line per character
        names = list(dict.fromkeys(arc["character"]))
        if not names:
            return _empty(ax, "no characters to chart")
        palette = _colors_for(story, names, colors)
        with _styled("plot_arc", "ax.plot", style, colors):
            for name in names:
                a = arc[arc["character"] == name]
                color = kwargs.get("color", palette.get(name, "grey"))
                if show_raw and column in a.columns:
                    ax.scatter(a["position"], a[column], s=8, alpha=0.3, color=color)
                line = {**kwargs, "color": color, "label": kwargs.get("label", name)}
                ax.plot(a["position"], a["smoothed"], **line)
    else:  # the story's arc
        if story is not None and not len(story.passages):
            return _empty(ax, "no passages to chart")
        if show_raw:
            if story is not None:
                p = story.passages
                ax.scatter(
                    p["position"], p[column], s=6, alpha=0.25, color="grey", label="passages"
                )
            elif column in arc.columns:
                ax.scatter(arc["position"], arc[column], s=6, alpha=0.25, color="grey", label="raw")
        kwargs.setdefault(
            "label",
            f"smoothed ({smooth}, {window:.0%} window)" if story is not None else "smoothed",
        )
        with _styled("plot_arc", "ax.plot", style):
            ax.plot(arc["position"], arc["smoothed"], **kwargs)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="best", fontsize="small")
    return ax


_ARC_TAKES = (
    "plot_arc() takes a Story or an arc from Story.arc() (columns position and smoothed; "
    "and character for one line per character; or, for by='scene', position_start, "
    "position_end and the score)"
)
# the columns of an arc that are not its score
_ARC_LAYOUT = (
    "character", "scene", "position", "smoothed", "position_start", "position_end",
    "n_passages", "n_words", "sd",
)  # fmt: skip


def _arc_table(data: Any) -> tuple[pd.DataFrame, str]:
    """``(arc, the score column)`` from an arc table, or an InputError."""
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"{_ARC_TAKES}, not {_brief(data)}.")
    cols = list(data.columns)
    scores = [c for c in cols if c not in _ARC_LAYOUT]
    column = "polarity" if "polarity" in cols else (scores[0] if scores else "smoothed")
    if "position_start" in cols:  # by="scene"
        needed = ["position_start", "position_end", column]
        if column == "smoothed" and column not in cols:
            raise InputError(f"{_ARC_TAKES}; this by='scene' table has no score column.")
    else:
        needed = ["position", "smoothed"]
    missing = [c for c in needed if c not in cols]
    if missing:
        raise InputError(
            f"{_ARC_TAKES}, not a table with the columns {_brief([str(c) for c in cols])} "
            f"(missing: {', '.join(map(str, missing))})."
        )
    _numeric(data, "plot_arc", [*needed, *([column] if column in cols else [])])
    return data, column


def _scene_breaks(story: Any, arc: pd.DataFrame) -> list[float]:
    """Narrative time of each scene break (every scene start but the first)."""
    if story is not None:
        if len(story.scenes) < 2:
            return []
        cs, ce = story.source.content
        length = max(ce - cs, 1)
        return [min(max((s - cs) / length, 0.0), 1.0) for s in story.scenes["start"].iloc[1:]]
    if "position_start" in arc.columns:
        return list(arc["position_start"].iloc[1:])
    return []


def plot_dialogue_share(
    data: Any,
    ax: Axes | None = None,
    by: str = "words",
    top: int = 15,
    colors: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Axes:
    """Sorted horizontal bars: each character's share of the dialogue.

    Parameters
    ----------
    data
        A Story, a Corpus (the characters of every story, in one block per
        story, coloured by story), or a table from ``dialogue_share()``
        (columns ``character`` and ``share``; a ``story`` column groups it).
    ax
        The Axes to draw on (default ``plt.gca()``).
    by : {"words", "turns"}
        What the share measures (for a Story or Corpus).
    top
        At most this many characters (per story), most dialogue first (1 or more).
    colors
        ``name -> colour``; by default :func:`character_colors`.
    **kwargs
        Passed to ``ax.barh`` (``color=`` overrides the character colours).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> story.plot_dialogue_share(by="turns", top=5)  # doctest: +SKIP
    """
    from matplotlib.ticker import PercentFormatter

    fn = "plot_dialogue_share"
    ax = _axes(ax, fn)
    _check_by(fn, by)
    top = _whole("top", top, 1, None, " (how many characters to show)")
    _check_colors(fn, colors)
    style = dict(kwargs)
    if _is_story(data) or _is_corpus(data):
        share = data.dialogue_share(by=by)
        title = f"Who speaks: {data.title}" if _is_story(data) else "Who speaks, story by story"
    else:
        share = _table(
            data, fn, ["character", "share"], "a Corpus or a table from dialogue_share()"
        )
        _numeric(share, fn, ["share"])
        title = "Who speaks"
    ax.set_title(title)
    ax.set_xlabel(f"share of dialogue ({by})")
    if not len(share):
        return _empty(ax, "no attributed dialogue")
    grouped = "story" in share.columns and share["story"].nunique() > 1
    if grouped:
        import matplotlib

        stories = list(dict.fromkeys(share["story"]))
        share = pd.concat(
            [
                share[share["story"] == s].sort_values("share", ascending=False).head(top)
                for s in stories
            ]
        )
        labels = [f"{c} ({s})" for c, s in zip(share["character"], share["story"])]
        cmap = matplotlib.colormaps["tab10"]
        story_color = {s: cmap(i % 10) for i, s in enumerate(stories)}
        bar_colors = [story_color[s] for s in share["story"]]
    else:
        share = share.sort_values("share", ascending=False).head(top)
        labels = list(share["character"])
        cc = _colors_for(data, share["character"], colors)
        bar_colors = [cc.get(c, "grey") for c in share["character"]]
    # barh draws bottom-up: reverse so the largest share is on top
    labels, values, bar_colors = labels[::-1], list(share["share"])[::-1], bar_colors[::-1]
    if "color" not in kwargs and "facecolor" not in kwargs:
        kwargs["color"] = bar_colors
    with _styled(fn, "ax.barh", style, colors):
        bars = ax.barh(range(len(values)), values, **kwargs)
    ax.set_yticks(range(len(values)), labels)
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], padding=3, fontsize="small")
    finite = [float(v) for v in values if math.isfinite(v)]
    ax.set_xlim(0, min(1.0, max(finite, default=0.0) * 1.2) or 1.0)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.spines[["top", "right"]].set_visible(False)
    if grouped:
        from matplotlib.patches import Patch

        handles = [Patch(color=story_color[s], label=s) for s in stories]
        ax.legend(handles=handles, loc="lower right", fontsize="small")
    return ax


def _interactions_of(data: Any, fn: str) -> tuple[pd.DataFrame, list[str], str]:
    """``(interactions, character order, title)`` from a Story or an interactions table."""
    if _is_story(data):
        inter = data.interactions
        order = list(data.characters["character"])
        return inter, order, data.title
    inter = _table(
        data, fn, ["source", "target", "weight"], "an interactions table like story.interactions"
    )
    _numeric(inter, fn, ["weight"])
    if len(inter):
        strength = (
            pd.concat(
                [inter.groupby("source")["weight"].sum(), inter.groupby("target")["weight"].sum()]
            )
            .groupby(level=0)
            .sum()
        )
        order = list(strength.sort_values(ascending=False, kind="stable").index)
    else:
        order = []
    return inter, order, ""


def plot_interactions(
    data: Any,
    ax: Axes | None = None,
    min_weight: float = 0.0,
    copresence: bool = True,
    colors: Mapping[str, Any] | None = None,
    seed: int = 7,
    **kwargs: Any,
) -> Axes:
    """Who talks to whom, as a network: edge widths by ``weight``.

    An arrow from A to B means A answers or addresses B (``evidence ==
    "conversation"``); a dashed line joins two characters who only share
    scenes. Node size follows the character's dialogue share.

    Parameters
    ----------
    data
        A Story, or an interactions table (``source``, ``target``,
        ``weight``, optionally ``turns``).
    ax
        The Axes to draw on (default ``plt.gca()``).
    min_weight
        Leave out pairs lighter than this.
    copresence
        Draw the pairs that only share scenes (dashed).
    colors
        ``name -> colour``; by default :func:`character_colors`.
    seed
        Seed of the spring layout (the same seed, the same drawing).
    **kwargs
        Passed to ``networkx.draw_networkx_nodes`` (and so to matplotlib's
        ``scatter``), e.g. ``node_size=``, ``alpha=``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    fn = "plot_interactions"
    ax = _axes(ax, fn)
    if (
        isinstance(min_weight, (bool, np.bool_))
        or not isinstance(min_weight, numbers.Real)
        or math.isnan(min_weight)
    ):
        raise InputError(
            f"{fn}(): min_weight= takes a number (a pair's weight is its share of the evidence, "
            f"0 to 1), not {_brief(min_weight)}."
        )
    if not (
        seed is None
        or isinstance(seed, (np.random.RandomState, np.random.Generator))
        or (
            isinstance(seed, (int, np.integer))
            and not isinstance(seed, (bool, np.bool_))
            and 0 <= seed < 2**32
        )
    ):
        raise InputError(
            f"{fn}(): seed= takes a whole number from 0 to 2**32 - 1, a numpy random generator "
            f"or None, not {_brief(seed)}."
        )
    _check_colors(fn, colors)
    style = dict(kwargs)
    inter, order, title = _interactions_of(data, fn)
    ax.set_title(f"Who talks to whom: {title}" if title else "Who talks to whom")
    ax.set_axis_off()
    if len(inter):
        inter = inter[inter["weight"] >= min_weight]
    turns = inter["turns"] if "turns" in inter.columns else pd.Series(1, index=inter.index)
    talk = inter[turns > 0]
    if copresence:
        talked = {frozenset(p) for p in zip(talk["source"], talk["target"])}
        quiet = inter[turns == 0]
        seen: set[frozenset[str]] = set()
        keep = []
        for i, a, b in zip(quiet.index, quiet["source"], quiet["target"]):
            pair = frozenset((a, b))
            if pair not in talked and pair not in seen:
                seen.add(pair)
                keep.append(i)
        quiet = quiet.loc[keep]
    else:
        quiet = inter.iloc[0:0]
    if not len(talk) and not len(quiet):
        return _empty(ax, "no interactions found")

    g = nx.Graph()
    for r in pd.concat([talk, quiet]).itertuples(index=False):
        w = float(r.weight)
        if g.has_edge(r.source, r.target):
            g.edges[r.source, r.target]["weight"] += w
        else:
            g.add_edge(r.source, r.target, weight=w)
    nodes = [n for n in order if n in g] + sorted(n for n in g if n not in order)
    pos = nx.spring_layout(g, seed=seed, weight="weight")
    cc = _colors_for(data, nodes, colors)
    if _is_story(data):
        share = data.dialogue_share().set_index("character")["share"]
        sizes = [300 + 2500 * float(share.get(n, 0.0)) for n in nodes]
    else:
        sizes = [600] * len(nodes)
    kwargs.setdefault("node_size", sizes)
    kwargs.setdefault("node_color", [cc.get(n, "grey") for n in nodes])
    node_size = kwargs["node_size"]
    wmax = float(inter["weight"].max()) or 1.0

    if len(quiet):
        widths = [0.5 + 4 * w / wmax for w in quiet["weight"]]
        _draw_pairs(ax, pos, nodes, quiet, widths, style="dashed", edge_color="silver")
    if len(talk):
        _draw_pairs(
            ax,
            pos,
            nodes,
            talk,
            [0.8 + 5 * w / wmax for w in talk["weight"]],
            directed=True,
            edge_color="dimgrey",
            alpha=0.8,
            arrows=True,
            arrowsize=14,
            node_size=node_size,
            connectionstyle="arc3,rad=0.12",
        )
    with _styled(fn, "networkx.draw_networkx_nodes", style, colors):
        nx.draw_networkx_nodes(g, pos, ax=ax, nodelist=nodes, **kwargs)
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: n for n in nodes}, font_size=9)
    ax.margins(0.15)
    handles = []
    if len(talk):
        handles.append(Line2D([], [], color="dimgrey", linewidth=2, label="answers / addresses"))
    if len(quiet):
        handles.append(
            Line2D([], [], color="silver", linewidth=2, linestyle="dashed", label="share scenes")
        )
    ax.legend(handles=handles, loc="lower right", fontsize="small", frameon=False)
    return ax


def _draw_pairs(
    ax: Axes,
    pos: dict,
    nodes: list[str],
    pairs: pd.DataFrame,
    widths: list[float],
    directed: bool = False,
    **style: Any,
) -> None:
    """Draw the ``source``-``target`` edges of ``pairs`` (as a directed graph if ``directed``)
    between ``nodes`` laid out at ``pos``; ``style`` goes to ``networkx.draw_networkx_edges``."""
    import networkx as nx

    edges = list(zip(pairs["source"], pairs["target"]))
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    nx.draw_networkx_edges(graph, pos, ax=ax, nodelist=nodes, edgelist=edges, width=widths, **style)


def plot_interaction_heatmap(
    data: Any,
    ax: Axes | None = None,
    value: str = "weight",
    annotate: bool = True,
    colorbar: bool = True,
    **kwargs: Any,
) -> Axes:
    """Who talks to whom, as a matrix: speakers in rows, the ones they talk to in columns.

    Parameters
    ----------
    data
        A Story, or an interactions table.
    ax
        The Axes to draw on (default ``plt.gca()``).
    value
        The column of the interactions table to show: ``"weight"``
        (default), ``"turns"``, ``"scenes"``...
    annotate
        Write the value in each cell (up to 20 characters; ``weight`` as a
        percentage of all the evidence).
    colorbar
        Add a colour bar beside the Axes.
    **kwargs
        Passed to ``ax.imshow`` (e.g. ``cmap="Reds"``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    fn = "plot_interaction_heatmap"
    ax = _axes(ax, fn)
    inter, order, title = _interactions_of(data, fn)
    numeric = [
        str(c)
        for c in inter.columns
        if c not in ("source", "target") and inter[c].dtype.kind in "biuf"
    ]
    if not isinstance(value, str) or value not in numeric:
        raise InputError(
            f"{fn}(): value= names a numeric column of the interactions table "
            f"({', '.join(numeric)}), not {_brief(value)}."
        )
    style = dict(kwargs)
    label = value.replace("_", " ")
    ax.set_title(
        f"Who talks to whom ({label}): {title}" if title else f"Who talks to whom ({label})"
    )
    inter = inter[inter[value] > 0] if len(inter) else inter
    if not len(inter):
        ax.set_axis_off()
        return _empty(ax, "no interactions found")
    present = set(inter["source"]) | set(inter["target"])
    names = [n for n in order if n in present] + sorted(present - set(order))
    idx = {n: i for i, n in enumerate(names)}
    # pairs that do not interact stay NaN: blank, not the palest colour
    m = np.full((len(names), len(names)), np.nan)
    for a, b, v in zip(inter["source"], inter["target"], inter[value]):
        i, j = idx[a], idx[b]
        m[i, j] = np.nan_to_num(m[i, j]) + float(v)
    kwargs.setdefault("cmap", "Blues")
    kwargs.setdefault("vmin", 0)
    with _styled(fn, "ax.imshow", style):
        im = ax.imshow(m, **kwargs)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("talks to (target)")
    ax.set_ylabel("speaker (source)")
    if annotate and len(names) <= 20:
        top = np.nanmax(m) or 1.0
        for i in range(len(names)):
            for j in range(len(names)):
                v = m[i, j]
                if np.isfinite(v) and v > 0:
                    ax.text(
                        j,
                        i,
                        f"{v:.0%}" if value == "weight" else f"{v:g}",
                        ha="center",
                        va="center",
                        fontsize="small",
                        color="white" if v > top / 2 else "black",
                    )
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label=label, shrink=0.8)
    return ax


def plot_timeline(
    data: Any,
    ax: Axes | None = None,
    by: str = "words",
    colors: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Axes:
    """Who speaks in each scene: one row per character, bubbles sized by their dialogue.

    Parameters
    ----------
    data
        A Story, or a table from ``story.dialogue_share(per="scene")``
        (columns ``scene``, ``character`` and ``words``/``turns``).
    ax
        The Axes to draw on (default ``plt.gca()``).
    by : {"words", "turns"}
        What a bubble's area shows.
    colors
        ``name -> colour``; by default :func:`character_colors`.
    **kwargs
        Passed to ``ax.scatter`` (``color=`` overrides the character colours).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import MaxNLocator

    fn = "plot_timeline"
    ax = _axes(ax, fn)
    _check_by(fn, by)
    _check_colors(fn, colors)
    style = dict(kwargs)
    if _is_story(data):
        per_scene = data.dialogue_share(by=by, per="scene")
        scenes = data.scenes
        order = [c for c in data.characters["character"] if c in set(per_scene["character"])]
        title = f"Who speaks when: {data.title}"
    else:
        per_scene = _table(
            data, fn, ["scene", "character", by],
            "a table from story.dialogue_share(per='scene')",
        )  # fmt: skip
        _numeric(per_scene, fn, ["scene", by])
        per_scene = per_scene[per_scene["character"].notna()]
        scenes = None
        totals = (
            per_scene.groupby("character")[by].sum().sort_values(ascending=False, kind="stable")
        )
        order = list(totals.index)
        title = "Who speaks when"
    ax.set_title(title)
    chapters_shown = scenes is not None and len(scenes) and scenes["chapter"].nunique() > 1
    ax.set_xlabel(f"scene (bubble area: {by}" + ("; lines: chapters)" if chapters_shown else ")"))
    if not len(per_scene):
        return _empty(ax, "no attributed dialogue")
    order += sorted(set(per_scene["character"]) - set(order), key=str)
    row = {c: i for i, c in enumerate(order)}
    cc = _colors_for(data, order, colors)
    vmax = float(per_scene[by].max()) or 1.0
    if "color" not in kwargs and "c" not in kwargs:
        kwargs["c"] = [cc.get(c, "grey") for c in per_scene["character"]]
    kwargs.setdefault("alpha", 0.85)
    kwargs.setdefault("edgecolors", "white")
    with _styled(fn, "ax.scatter", style, colors):
        ax.scatter(
            per_scene["scene"],
            [row[c] for c in per_scene["character"]],
            s=[30 + 470 * v / vmax for v in per_scene[by]],
            **kwargs,
        )
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    if scenes is not None and len(scenes):
        ax.set_xlim(-0.5, float(scenes["scene"].max()) + 0.5)
        chapters = scenes["chapter"].to_numpy()
        for i in range(1, len(scenes)):
            if chapters[i] != chapters[i - 1]:
                ax.axvline(
                    scenes["scene"].iloc[i] - 0.5, color="lightgrey", linewidth=0.8, zorder=0
                )
    else:
        ax.margins(x=0.1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="whitesmoke", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
