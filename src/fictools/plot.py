"""matplotlib charts. Each takes the data (or a Story), ``ax=None`` and ``**kwargs``
for matplotlib, draws on ``plt.gca()`` when ``ax`` is None, returns the Axes and
never calls ``plt.show()``."""

from __future__ import annotations

from typing import Any

__all__ = ["plot_arc", "plot_dialogue_share", "plot_interactions", "character_colors"]


def _axes(ax: Any):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def character_colors(names) -> dict[str, Any]:
    """One colour per character, the same in every chart of a story."""
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    return {n: cmap(i % 20) for i, n in enumerate(sorted(set(names)))}


def plot_arc(story, ax=None, points: int = 100, window: float = 0.1, show_scenes: bool = True, **kwargs):
    """The emotional arc: raw passage scores faint, the smoothed curve strong.

    Parameters
    ----------
    story : Story
    ax : matplotlib Axes, optional
    points, window
        Passed to :meth:`Story.arc`.
    show_scenes
        Mark scene boundaries with thin vertical lines.
    **kwargs
        Passed to the smoothed line's ``ax.plot``.
    """
    ax = _axes(ax)
    p = story.passages
    arc = story.arc(points=points, window=window)
    if len(p):
        ax.scatter(p["position"], p["polarity"], s=6, alpha=0.25, color="grey", label="passages")
    kwargs.setdefault("linewidth", 2.2)
    kwargs.setdefault("label", f"smoothed ({window:.0%} window)")
    ax.plot(arc["position"], arc["smoothed"], **kwargs)
    if show_scenes and len(story.scenes) > 1:
        cs, ce = story.source.content
        length = max(ce - cs, 1)
        for s in story.scenes["start"].iloc[1:]:
            ax.axvline((s - cs) / length, color="lightgrey", linewidth=0.8, zorder=0)
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("narrative time")
    ax.set_ylabel(f"polarity ({story.scorer})")
    ax.set_title(f"Emotional arc: {story.title}")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_dialogue_share(story, ax=None, by: str = "words", top: int = 15, **kwargs):
    """Sorted horizontal bars: each character's share of the dialogue."""
    ax = _axes(ax)
    share = story.dialogue_share(by=by).head(top).iloc[::-1]
    colors = character_colors(story.characters["character"]) if len(story.characters) else {}
    kwargs.setdefault("color", [colors.get(c, "grey") for c in share["character"]])
    ax.barh(share["character"], share["share"], **kwargs)
    ax.set_xlabel(f"share of dialogue ({by})")
    ax.set_title(f"Who speaks: {story.title}")
    if not len(share):
        ax.text(0.5, 0.5, "no attributed dialogue", ha="center", va="center", transform=ax.transAxes)
    return ax


def plot_interactions(story, ax=None, **kwargs):
    """Who talks to whom: a network with edge widths by number of exchanges."""
    import networkx as nx

    ax = _axes(ax)
    g = story.to_networkx()
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    ax.set_title(f"Who talks to whom: {story.title}")
    ax.set_axis_off()
    if not g.number_of_nodes():
        ax.text(0.5, 0.5, "no conversations found", ha="center", va="center", transform=ax.transAxes)
        return ax
    pos = nx.spring_layout(g, seed=7, weight="turns")
    colors = character_colors(story.characters["character"])
    widths = [0.5 + 4 * d["weight"] / max(w for *_, w in g.edges(data="weight")) for *_, d in g.edges(data=True)]
    sizes = [300 + 3000 * g.nodes[n].get("dialogue_share", 0) for n in g]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.6, arrows=True, connectionstyle="arc3,rad=0.1")
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=[colors.get(n, "grey") for n in g], **kwargs)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=9)
    return ax
