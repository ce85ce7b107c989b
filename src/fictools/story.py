"""Story: the tables of one analysed story, their derived views, charts and export."""

from __future__ import annotations

import html
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .arcs import _brief, _whole
from .errors import InputError
from .sources.base import Source

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from matplotlib.axes import Axes

__all__ = ["GRAPH_FORMATS", "TABLE_NAMES", "Story", "write_export", "write_tables"]

TABLE_NAMES = ("scenes", "turns", "characters", "passages", "interactions")
GRAPH_FORMATS = ("gexf", "graphml")
TABLE_FORMATS = ("csv", "parquet")


def _plain(value: Any) -> Any:
    """A table cell as a plain Python value (numpy scalars become int/float/bool, NaN None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unescape_surrogate(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    # U+DC80..U+DCFF stand for the bytes of a file name that are not UTF-8 (os.fsdecode)
    return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"


def _encodable(text: str) -> str:
    """``text`` with every lone surrogate written as a backslash escape, so it encodes as UTF-8.

    A file name that is not valid UTF-8 reaches Python as a str holding
    surrogates (``os.fsdecode(b"caf\\xe9.txt") == "caf\\udce9.txt"``), which
    no UTF-8 file can hold: each of those becomes the byte it stands for,
    escaped (``"caf\\\\xe9.txt"``); any other lone surrogate becomes
    ``\\udXXX``. Text without surrogates is returned unchanged.
    """
    return _SURROGATE.sub(_unescape_surrogate, text)


def _encodable_value(value: Any) -> Any:
    """A JSON-able value (or table cell) with every string made :func:`_encodable`."""
    if isinstance(value, str):
        return _encodable(value)
    if isinstance(value, dict):
        return {_json_key(k): _encodable_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encodable_value(v) for v in value]
    return value


def _json_key(key: Any) -> Any:
    """A dict key JSON can write: str, int, float, bool or None; anything else as its str."""
    if isinstance(key, str):
        return _encodable(key)
    if key is None or isinstance(key, (int, float, bool)):
        return key
    return _encodable(str(_plain(key)))


def _encodable_table(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text (column names, cells, lists of names) encodes as UTF-8."""
    df = df.rename(columns=lambda c: _encodable(c) if isinstance(c, str) else c)
    for col in df.columns:
        if df[col].dtype.kind in "OSUT" or isinstance(df[col].dtype, pd.StringDtype):
            df[col] = df[col].map(_encodable_value, na_action="ignore")
    return df


def _output_folder(folder: Any, what: str, given: str | None = None) -> Path:
    """``folder`` as a Path to a folder that exists (created if missing), or an InputError.

    ``what`` names the call (``"export()"``), ``given`` the argument as the
    message should show it (default ``folder=<the path>``).
    """
    try:
        out = Path(folder)
    except TypeError:
        out = None
    if out is None or "\x00" in str(out):
        raise InputError(
            f"{what} takes the path of a folder (a str or a pathlib.Path), not {_brief(folder)}."
        )
    # a file where the folder (or one of the folders above it) should be
    for part in (out, *out.parents):
        if part.is_dir():
            break
        if part.exists() or part.is_symlink():
            kind = "a file" if part.exists() else "a broken link"
            where = "it" if part == out else f"{str(part)!r}, on its path,"
            given = given or f"folder={str(out)!r}"
            raise InputError(
                f"{what} writes into a folder, but {given}: {where} is {kind}, "
                "not a folder; name a folder (it is created if missing)."
            )
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_tables(
    tables: dict[str, pd.DataFrame], folder: str | os.PathLike, format: str
) -> list[Path]:
    """Write each table as ``folder/<name>.<format>`` (csv or parquet); returns the paths.

    Text that no UTF-8 file can hold (the lone surrogates of a file name that
    is not UTF-8) is written escaped (see :func:`_encodable`).
    """
    if not isinstance(format, str) or format not in TABLE_FORMATS:
        raise InputError(f"format= takes 'csv' or 'parquet', not {_brief(format)}.")
    if format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(
                "Writing parquet needs pyarrow: pip install pyarrow, or use format='csv'."
            ) from None
    folder = _output_folder(folder, "export()")
    written = []
    for name, df in tables.items():
        path = folder / f"{name}.{format}"
        if format == "csv":
            df = df.copy()
            if "aliases" in df.columns:
                df["aliases"] = df["aliases"].map(
                    lambda a: "|".join(a) if isinstance(a, list) else a
                )
        try:
            _write_table(df, path, format)
        except UnicodeEncodeError:  # lone surrogates: rare, so only then pay for a copy
            _write_table(_encodable_table(df), path, format)
        written.append(path)
    return written


def _write_table(df: pd.DataFrame, path: Path, format: str) -> None:
    if format == "csv":
        df.to_csv(path, index=False, encoding="utf-8")
    else:
        df.to_parquet(path, index=False)


def write_export(
    tables: dict[str, pd.DataFrame],
    meta: Any,
    folder: str | os.PathLike,
    format: str,
    meta_name: str,
) -> list[Path]:
    """Write ``tables`` (see :func:`write_tables`) and ``meta`` as JSON ``folder/<meta_name>``.

    Returns the tables' paths, then the JSON file's.
    """
    written = write_tables(tables, folder, format)  # checks format=, then makes the folder
    path = Path(folder) / meta_name
    text = json.dumps(
        _encodable_value(meta),
        indent=1,
        ensure_ascii=False,
        default=lambda v: _encodable(str(v)),
    )
    path.write_text(text, encoding="utf-8")
    written.append(path)
    return written


# what XML 1.0 (so GEXF and GraphML) cannot hold: most C0 controls, lone surrogates,
# U+FFFE and U+FFFF
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _flatten(attrs: dict[str, Any]) -> None:
    """Make graph attributes writable by GEXF/GraphML: lists joined with ``|``, ``None`` dropped,
    text XML cannot hold (control characters, lone surrogates) replaced by U+FFFD."""
    for k, v in list(attrs.items()):
        del attrs[k]
        if v is None:
            continue
        if isinstance(v, (list, tuple, set)):
            v = "|".join(map(str, v))
        elif not isinstance(v, (str, int, float, bool)):
            v = str(v)
        attrs[_xml_text(str(k))] = _xml_text(v) if isinstance(v, str) else v


def _xml_graph(g: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``g`` that GEXF and GraphML can write: every name and attribute XML-safe.

    Two names that differ only in characters XML cannot hold would become one;
    the second gets a `` (2)`` suffix (and so on) instead.
    """
    import networkx as nx

    names: dict[Any, str] = {}
    taken: set[str] = set()
    for n in g.nodes:
        base = _xml_text(str(n))
        name, i = base, 1
        while name in taken:
            i += 1
            name = f"{base} ({i})"
        taken.add(name)
        names[n] = name
    out = nx.DiGraph()
    out.graph.update(g.graph)
    _flatten(out.graph)
    for n, d in g.nodes(data=True):
        d = dict(d)
        _flatten(d)
        out.add_node(names[n], **d)
    for a, b, d in g.edges(data=True):
        d = dict(d)
        _flatten(d)
        out.add_edge(names[a], names[b], **d)
    return out


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
    scorer: str = "combined"

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
    def dialogue_share(self, by: str = "words", per: str = "story") -> pd.DataFrame:
        """How much each character speaks: one row per speaking character.

        Parameters
        ----------
        by : {"words", "turns"}
            What ``share`` measures: words spoken or turns taken.
        per : {"story", "scene", "chapter"}
            Over the whole story, or within each scene or chapter (a leading
            ``scene`` or ``chapter`` column then says which).

        Returns
        -------
        pandas.DataFrame
            ``[scene | chapter,] character, words, turns, share``, largest
            share first; shares sum to 1 over the speakers (within each scene
            or chapter). Only turns with a ``speaker`` count.

        Examples
        --------
        >>> story.dialogue_share()  # doctest: +SKIP
          character  words  turns     share
        0       Sam    123      9  0.471264
        >>> story.dialogue_share(by="turns", per="scene")  # doctest: +SKIP
        """
        from .interactions import dialogue_share

        return dialogue_share(self.turns, by=by, per=per, scenes=self.scenes)

    def arc(
        self,
        points: int = 100,
        smooth: str = "rolling",
        window: float = 0.1,
        by: str | None = None,
        *,
        characters: list[str] | tuple[str, ...] | str | None = None,
        source: str = "lines",
        column: str = "polarity",
        components: int | None = None,
    ) -> pd.DataFrame:
        """The emotional arc: scores resampled to ``points`` steps of narrative time, and smoothed.

        Parameters
        ----------
        points
            Number of evenly spaced steps from 0 (the story's start) to 1 (its end):
            2 to 100,000.
        smooth : {"rolling", "loess", "dct"}
            A centred moving average, local linear regression (loess), or
            syuzhet's discrete cosine transform low-pass, which leaves the two
            ends of the story free (see :mod:`fictools.arcs`).
        window
            The share of the story each smoothed point summarises (0..1).
            For ``"dct"`` it sets the number of cosines kept,
            ``round(1 / window)`` (``window=0.2`` is syuzhet's default of 5).
        by : {None, "scene", "character"}
            ``None``: one arc for the story. ``"scene"``: one row per scene
            with its mean score. ``"character"``: one arc per character, in
            long form with a leading ``character`` column.
        characters
            With ``by="character"``: the names to chart (default: the six who
            speak most, or for ``source="presence"``, the six most mentioned).
        source : {"lines", "presence"}
            With ``by="character"``: the character's own lines (turns they
            speak), or the passages where they are present (named, or
            speaking, and the passages of the scene in between).
        column
            The passage score to chart: ``"polarity"``, ``"subjectivity"`` or
            one of the eight NRC emotions (``"joy"``, ``"fear"``...).
        components
            With ``smooth="dct"``: the number of cosines to keep (overrides
            ``window``).

        Returns
        -------
        pandas.DataFrame
            ``position`` (0..1), the raw ``polarity`` (the length-weighted
            mean of the passages nearest each step, NaN where none falls) and
            ``smoothed``. The story's smoothed curve has no gaps; a
            character's is NaN where none of their lines (or passages) lies
            within half a window.
            With ``by="scene"``: ``scene``, ``position``, ``position_start``,
            ``position_end``, ``n_passages``, ``n_words``, ``polarity``, ``sd``.

        Examples
        --------
        >>> story.arc(smooth="dct", window=0.2)  # doctest: +SKIP
        >>> story.arc(by="character", characters=["Anna", "Walter"])  # doctest: +SKIP
        >>> story.arc(by="scene")  # doctest: +SKIP
        """
        from . import arcs

        arcs.check(points, smooth, window, components)
        if by is None:
            return arcs.story_arc(self, points, smooth, window, column, components)
        if by == "scene":
            return arcs.scene_arc(self, column=column)
        if by == "character":
            return arcs.character_arcs(
                self, characters, source, points, smooth, window, column, components
            )
        raise InputError(f"by= takes None, 'scene' or 'character', not {_brief(by)}.")

    def arc_shape(
        self, smooth: str = "dct", window: float = 0.2, points: int = 100
    ) -> pd.DataFrame:
        """Which of Reagan et al.'s six basic shapes the story's arc follows, and how well.

        Parameters
        ----------
        smooth, window, points
            The arc to fit (see :meth:`arc`); by default syuzhet's DCT with
            five cosines, which keeps the overall course and drops the detail.

        Returns
        -------
        pandas.DataFrame
            ``shape`` (rags to riches, tragedy, man in a hole, Icarus,
            Cinderella, Oedipus), ``pattern`` (rise, fall, fall-rise...) and
            ``fit`` (the Pearson correlation of the arc with the shape's
            template, -1..1) and ``amplitude`` (the fitted template's rise or
            fall, in polarity units), best fit first. Under about 0.5, no
            shape fits well.

        Examples
        --------
        >>> story.arc_shape().iloc[0]  # doctest: +SKIP
        shape        man in a hole
        pattern          fall-rise
        fit               0.890071
        amplitude         0.299402
        """
        from .arcs import arc_shape

        return arc_shape(self.arc(points=points, smooth=smooth, window=window))

    def scene_text(self, scene: int) -> str:
        """The text of one scene (its number in ``story.scenes["scene"]``, from 0)."""
        n = len(self.scenes)
        ok = not isinstance(scene, (bool, np.bool_)) and isinstance(scene, (int, np.integer))
        row = self.scenes.loc[self.scenes["scene"] == scene] if ok else self.scenes.iloc[0:0]
        if not len(row):
            numbers = f"0 to {n - 1}" if n else "none: this story has no scenes"
            raise InputError(
                f"scene= takes the number of a scene of this story ({numbers}), "
                f"not {_brief(scene)}."
            )
        return self.text[int(row["start"].iloc[0]) : int(row["end"].iloc[0])]

    # -- graphs ---------------------------------------------------------
    def to_networkx(self) -> nx.DiGraph:
        """The interactions as a directed graph.

        Returns
        -------
        networkx.DiGraph
            One node per character (every row of ``story.characters``, with
            its columns as node attributes) and one edge per row of
            ``story.interactions`` (``turns``, ``scenes``, ``weight`` and the
            other columns as edge attributes). ``graph["title"]`` is the
            story's title.

        Examples
        --------
        >>> g = story.to_networkx()  # doctest: +SKIP
        >>> networkx.degree_centrality(g)  # doctest: +SKIP
        """
        import networkx as nx

        g = nx.DiGraph(title=self.title)
        for r in self.characters.to_dict("records"):
            name = r.pop("character")
            g.add_node(name, **{k: _plain(v) for k, v in r.items()})
        for r in self.interactions.to_dict("records"):
            a, b = r.pop("source"), r.pop("target")
            g.add_edge(a, b, **{k: _plain(v) for k, v in r.items()})
        return g

    def export_graph(self, path: str | os.PathLike, format: str | None = None) -> Path:
        """Write the interaction graph for Gephi (or any graph tool) as GEXF or GraphML.

        Parameters
        ----------
        path
            The file to write; its folder is created if missing.
        format : {"gexf", "graphml"}, optional
            By default taken from the file's suffix (``.gexf`` or ``.graphml``).

        Returns
        -------
        pathlib.Path
            The file written. Nodes are characters (``aliases`` joined with
            ``|``), edges the rows of ``story.interactions`` with ``weight``
            as the edge weight.

        Examples
        --------
        >>> story.export_graph("out/harbour_lights.gexf")  # doctest: +SKIP
        """
        import networkx as nx

        try:
            out = Path(path)
        except TypeError:
            out = None
        if out is None or "\x00" in str(out) or not out.name:
            raise InputError(
                "export_graph() takes the path of the file to write (a str or a pathlib.Path "
                f"ending in .gexf or .graphml), not {_brief(path)}."
            )
        if format is not None and not isinstance(format, str):
            raise InputError(f"format= takes None, 'gexf' or 'graphml', not {_brief(format)}.")
        fmt = (format or out.suffix.lstrip(".")).lower()
        if out.is_dir():
            example = out / f"interactions.{fmt if fmt in GRAPH_FORMATS else 'gexf'}"
            raise InputError(
                f"export_graph() writes a file, but path={str(out)!r} is a folder; name a file "
                f"in it, e.g. {str(example)!r}."
            )
        if fmt not in GRAPH_FORMATS:
            raise InputError(
                f"export_graph() writes {' or '.join(GRAPH_FORMATS)}: give a path ending in "
                f".gexf or .graphml, or format='gexf' / 'graphml' (not {format or out.suffix or out.name!r})."
            )
        g = _xml_graph(self.to_networkx())
        _output_folder(out.parent, "export_graph()", f"the folder of path={str(out)!r}")
        if fmt == "gexf":
            nx.write_gexf(g, out)
        else:
            nx.write_graphml(g, out)
        return out

    # -- charts ---------------------------------------------------------
    def plot_arc(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Chart the emotional arc: raw scores faint, the smoothed curve strong; returns the Axes.

        See :func:`fictools.plot.plot_arc` for the options (``smooth=``,
        ``window=``, ``by=``, ``characters=``, matplotlib keyword arguments).
        """
        from .plot import plot_arc

        return plot_arc(self, ax=ax, **kwargs)

    def character_colors(self) -> dict[str, Any]:
        """One colour per character, the same in every chart of this story.

        See :func:`fictools.plot.character_colors`.
        """
        from .plot import character_colors

        return character_colors(self)

    def plot_dialogue_share(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Chart who speaks how much as sorted horizontal bars; returns the Axes.

        See :func:`fictools.plot.plot_dialogue_share` for the options
        (``by=``, ``top=``, matplotlib keyword arguments).
        """
        from .plot import plot_dialogue_share

        return plot_dialogue_share(self, ax=ax, **kwargs)

    def plot_interactions(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Chart who talks to whom as a network (edge widths by weight); returns the Axes.

        See :func:`fictools.plot.plot_interactions`.
        """
        from .plot import plot_interactions

        return plot_interactions(self, ax=ax, **kwargs)

    def plot_interaction_heatmap(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Chart who talks to whom as a speaker x listener heatmap; returns the Axes.

        See :func:`fictools.plot.plot_interaction_heatmap`.
        """
        from .plot import plot_interaction_heatmap

        return plot_interaction_heatmap(self, ax=ax, **kwargs)

    def plot_timeline(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Chart who speaks in each scene (bubbles sized by words); returns the Axes.

        See :func:`fictools.plot.plot_timeline`.
        """
        from .plot import plot_timeline

        return plot_timeline(self, ax=ax, **kwargs)

    # -- export ---------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def export(self, folder: str | os.PathLike, format: str = "csv") -> list[Path]:
        """Write every table and the metadata into ``folder``.

        Parameters
        ----------
        folder
            Created if missing.
        format : {"csv", "parquet"}
            Table format. In CSV the ``aliases`` lists are written ``|``-joined;
            parquet (which needs ``pyarrow``) keeps them as lists.

        Returns
        -------
        list of pathlib.Path
            ``scenes``, ``turns``, ``characters``, ``passages`` and
            ``interactions`` (``.csv`` or ``.parquet``), then ``meta.json``
            (the source's metadata, with ``title``, ``n_words`` and the
            ``sentiment`` scorer).

        Examples
        --------
        >>> story.export("out/the_letter", format="parquet")  # doctest: +SKIP
        """
        return write_export(self.tables(), self._export_meta(), folder, format, "meta.json")

    def _export_meta(self) -> dict[str, Any]:
        """The metadata :meth:`export` writes: the source's, with ``title``, ``n_words`` and
        the ``sentiment`` scorer."""
        meta = dict(self.meta)
        meta.setdefault("title", self.title)
        meta["n_words"] = self.n_words
        meta["sentiment"] = self.scorer
        return meta

    # -- display --------------------------------------------------------
    def _attributed(self) -> float:
        """The share of turns that have a speaker."""
        return float(self.turns["speaker"].notna().mean()) if len(self.turns) else 0.0

    def summary(self, top: int = 8) -> str:
        """A short text summary: title, words, scenes, characters with their dialogue share.

        Parameters
        ----------
        top
            How many characters to list, most dialogue first (0 or more).
        """
        top = _whole("top", top, 0, None, " (how many characters to list)")
        author = self.meta.get("author")
        lines = [self.title + (f" by {author}" if author else "")]
        lines.append(
            f"  {self.n_words:,} words, {len(self.scenes)} scenes, {len(self.turns)} dialogue turns, "
            f"{len(self.characters)} characters"
        )
        share = self.dialogue_share()
        if len(share):
            lines.append("  dialogue share (words):")
            for r in share.head(top).itertuples(index=False):
                lines.append(
                    f"    {r.character:<24} {r.share:6.1%}  ({r.turns} turns, {r.words} words)"
                )
            if len(share) > top:
                lines.append(f"    ... and {len(share) - top} more")
        if len(self.turns):
            lines.append(f"  turns with a speaker: {self._attributed():.0%}")
        return "\n".join(lines)

    def _repr_html_(self, top: int = 8) -> str:
        top = _whole("top", top, 0, None, " (how many characters to list)")
        esc = html.escape
        author = self.meta.get("author")
        head = f"<b>{esc(self.title)}</b>" + (f" by {esc(str(author))}" if author else "")
        stats = (
            f"{self.n_words:,} words &middot; {len(self.scenes)} scenes &middot; "
            f"{len(self.turns)} dialogue turns"
            + (f" ({self._attributed():.0%} with a speaker)" if len(self.turns) else "")
            + f" &middot; {len(self.characters)} characters"
        )
        share = self.dialogue_share()
        rows = "".join(
            "<tr>"
            f"<td style='text-align:left'>{esc(str(r.character))}</td>"
            f"<td style='text-align:right'>{r.share:.1%}</td>"
            "<td style='width:8em'><div style='background:#4c72b0;height:0.8em;"
            f"width:{100 * r.share:.0f}%'></div></td>"
            f"<td style='text-align:right'>{r.turns}</td>"
            f"<td style='text-align:right'>{r.words}</td>"
            "</tr>"
            for r in share.head(top).itertuples(index=False)
        )
        if len(share) > top:
            rows += f"<tr><td colspan='5' style='text-align:left'><i>... and {len(share) - top} more</i></td></tr>"
        table = (
            "<table><thead><tr><th style='text-align:left'>character</th><th>share</th><th></th>"
            f"<th>turns</th><th>words</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else "<p><i>no attributed dialogue</i></p>"
        )
        return f"<div class='fictools-story'><p>{head}<br>{stats}</p>{table}</div>"
