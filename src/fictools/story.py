"""Story: the tables of one analysed story, their derived views, charts and export."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError
from .sources.base import Source

__all__ = ["Story", "TABLE_NAMES"]

TABLE_NAMES = ("scenes", "turns", "characters", "passages", "interactions")


@dataclass
class Story:
    """One analysed story.

    Attributes
    ----------
    text : str
        The text every ``start``/``end`` offset indexes.
    meta : dict
        Title, author and what the source said about itself (front and back
        matter, AO3 tags...).
    scenes, turns, characters, passages, interactions : pandas.DataFrame
        The tables; see the README for their columns.
    """

    source: Source
    scenes: pd.DataFrame
    turns: pd.DataFrame
    characters: pd.DataFrame
    passages: pd.DataFrame
    interactions: pd.DataFrame
    paragraphs: pd.DataFrame = field(repr=False, default=None)  # type: ignore[assignment]
    scorer: str = "textblob"

    # -- basics ---------------------------------------------------------
    @property
    def text(self) -> str:
        return self.source.text

    @property
    def meta(self) -> dict[str, Any]:
        return self.source.meta

    @property
    def title(self) -> str:
        t = self.meta.get("title")
        if t:
            return str(t)
        if self.source.path:
            return Path(self.source.path).stem
        return "Untitled story"

    @property
    def n_words(self) -> int:
        return int(self.scenes["n_words"].sum()) if len(self.scenes) else 0

    def __repr__(self) -> str:
        return (
            f"<Story {self.title!r}: {self.n_words:,} words, {len(self.scenes)} scenes, "
            f"{len(self.turns)} turns, {len(self.characters)} characters>"
        )

    # -- derived views --------------------------------------------------
    def dialogue_share(self, by: str = "words") -> pd.DataFrame:
        """How much each character speaks: ``character``, ``words``, ``turns``, ``share``.

        Parameters
        ----------
        by : {"words", "turns"}
            What ``share`` counts. Shares sum to 1 over the speakers.
        """
        from .interactions import dialogue_share

        return dialogue_share(self.turns, by=by)

    def arc(self, points: int = 100, window: float = 0.1) -> pd.DataFrame:
        """The emotional arc: passage polarity resampled to ``points`` steps of narrative time.

        Returns a DataFrame with ``position`` (0..1), ``polarity`` (the raw
        passage scores averaged per step, NaN where no passage falls) and
        ``smoothed`` (a centred moving average over ``window`` of the story,
        weighted by passage length).
        """
        if points < 2:
            raise InputError(f"points= must be at least 2, not {points!r}.")
        if not 0 < window <= 1:
            raise InputError(f"window= is a share of the story between 0 and 1, not {window!r}.")
        grid = np.linspace(0.0, 1.0, points)
        p = self.passages
        if not len(p):
            return pd.DataFrame({"position": grid, "polarity": np.nan, "smoothed": np.nan})
        pos = p["position"].to_numpy(float)
        pol = p["polarity"].to_numpy(float)
        w = np.maximum(p["n_words"].to_numpy(float), 1.0)
        step = 1.0 / (points - 1)
        raw = np.full(points, np.nan)
        idx = np.clip(np.rint(pos / step).astype(int), 0, points - 1)
        for i in np.unique(idx):
            m = idx == i
            raw[i] = np.average(pol[m], weights=w[m])
        half = window / 2
        smooth = np.empty(points)
        for i, g in enumerate(grid):
            m = np.abs(pos - g) <= half
            smooth[i] = np.average(pol[m], weights=w[m]) if m.any() else np.nan
        s = pd.Series(smooth).interpolate(limit_direction="both").to_numpy()
        return pd.DataFrame({"position": grid, "polarity": raw, "smoothed": s})

    def scene_text(self, scene: int) -> str:
        """The text of one scene."""
        row = self.scenes.loc[self.scenes["scene"] == scene]
        if not len(row):
            raise InputError(f"there is no scene {scene!r}; scenes are numbered 0 to {len(self.scenes) - 1}.")
        return self.text[int(row["start"].iloc[0]) : int(row["end"].iloc[0])]

    # -- graphs ---------------------------------------------------------
    def to_networkx(self):
        """The interactions as a ``networkx.DiGraph`` (nodes carry the character columns)."""
        import networkx as nx

        g = nx.DiGraph(title=self.title)
        for r in self.characters.itertuples(index=False):
            g.add_node(
                r.character,
                gender=r.gender,
                n_turns=int(r.n_turns),
                n_words=int(r.n_words),
                dialogue_share=float(r.dialogue_share),
            )
        for r in self.interactions.itertuples(index=False):
            g.add_edge(r.source, r.target, turns=int(r.turns), scenes=int(r.scenes), weight=float(r.weight))
        return g

    # -- charts ---------------------------------------------------------
    def plot_arc(self, ax=None, **kwargs):
        """Chart the emotional arc; returns the Axes (see :func:`fictools.plot.plot_arc`)."""
        from .plot import plot_arc

        return plot_arc(self, ax=ax, **kwargs)

    def plot_dialogue_share(self, ax=None, **kwargs):
        """Chart who speaks how much; returns the Axes."""
        from .plot import plot_dialogue_share

        return plot_dialogue_share(self, ax=ax, **kwargs)

    def plot_interactions(self, ax=None, **kwargs):
        """Chart who talks to whom as a network; returns the Axes."""
        from .plot import plot_interactions

        return plot_interactions(self, ax=ax, **kwargs)

    # -- export ---------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def export(self, folder: str | os.PathLike, format: str = "csv") -> list[Path]:
        """Write every table (and ``meta.json``) into ``folder``; returns the paths written.

        Parameters
        ----------
        folder
            Created if missing.
        format : {"csv", "parquet"}
            ``aliases`` lists are written ``|``-joined in CSV.
        """
        if format not in ("csv", "parquet"):
            raise InputError(f"format= takes 'csv' or 'parquet', not {format!r}.")
        if format == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise InputError(
                    "Writing parquet needs pyarrow: pip install pyarrow, or use format='csv'."
                ) from None
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables().items():
            path = out / f"{name}.{format}"
            if format == "csv":
                df = df.copy()
                if "aliases" in df.columns:
                    df["aliases"] = df["aliases"].map(lambda a: "|".join(a) if isinstance(a, list) else a)
                df.to_csv(path, index=False)
            else:
                df.to_parquet(path, index=False)
            written.append(path)
        meta_path = out / "meta.json"
        meta = dict(self.meta)
        meta.setdefault("title", self.title)
        meta["n_words"] = self.n_words
        meta["sentiment"] = self.scorer
        meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
        written.append(meta_path)
        return written

    # -- display --------------------------------------------------------
    def summary(self, top: int = 8) -> str:
        """A short text summary: title, words, scenes, characters with their dialogue share."""
        lines = [
            self.title,
            f"  {self.n_words:,} words, {len(self.scenes)} scenes, {len(self.turns)} dialogue turns, "
            f"{len(self.characters)} characters",
        ]
        share = self.dialogue_share()
        if len(share):
            lines.append("  dialogue share:")
            for r in share.head(top).itertuples(index=False):
                lines.append(f"    {r.character:<24} {r.share:6.1%}  ({r.turns} turns, {r.words} words)")
        attributed = self.turns["speaker"].notna().mean() if len(self.turns) else 0.0
        if len(self.turns):
            lines.append(f"  turns with a speaker: {attributed:.0%}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        share = self.dialogue_share().head(8)
        rows = "".join(
            f"<tr><td>{html.escape(str(r.character))}</td><td>{r.share:.1%}</td><td>{r.turns}</td></tr>"
            for r in share.itertuples(index=False)
        )
        table = (
            f"<table><tr><th>character</th><th>dialogue share</th><th>turns</th></tr>{rows}</table>"
            if rows
            else "<p><i>no attributed dialogue</i></p>"
        )
        return (
            f"<div><b>{html.escape(self.title)}</b> &mdash; {self.n_words:,} words, "
            f"{len(self.scenes)} scenes, {len(self.turns)} turns, {len(self.characters)} characters"
            f"{table}</div>"
        )


def concat_tables(stories: Sequence[Story], name: str) -> pd.DataFrame:
    """One table over many stories, with a leading ``story`` column."""
    frames = []
    for s in stories:
        df = getattr(s, name).copy()
        df.insert(0, "story", s.title)
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({"story": []})
