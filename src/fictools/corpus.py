"""Many stories at once: :func:`analyze_many` and the :class:`Corpus` it returns.

A Corpus has the tables of a Story with a leading ``story`` column, so one
DataFrame compares every story. Stories are analysed one after the other, or
in a pool of processes (``n_process=``); either way the result is the same.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import schema
from .errors import InputError
from .story import TABLE_NAMES, Story, write_tables

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["Corpus", "analyze_many"]


def _analyze_one(source: Any, kwargs: dict[str, Any]) -> Story:
    # top level, so that a spawned worker process can import and run it
    from .pipeline import analyze

    return analyze(source, **kwargs)


def _label(source: Any) -> str:
    """How to name a source in an error message."""
    if isinstance(source, (str, os.PathLike)):
        s = os.fspath(source)
        return repr(s if len(s) <= 60 and "\n" not in s else s[:40].replace("\n", " ") + "...")
    return type(source).__name__


def _unique(names: Iterable[str]) -> list[str]:
    """Names made unique: a repeated name becomes ``name (2)``, ``name (3)``..."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        key = n
        while key in seen:
            seen[n] += 1
            key = f"{n} ({seen[n]})"
        seen.setdefault(key, 1)
        out.append(key)
    return out


def analyze_many(
    sources: Iterable[Any] | Mapping[str, Any],
    n_process: int = 1,
    progress: bool = True,
    **analyze_kwargs: Any,
) -> Corpus:
    """Analyse many stories; returns a :class:`Corpus` of their tables.

    Parameters
    ----------
    sources
        Paths, texts or bytes, as :func:`fictools.analyze` takes them; or a
        mapping ``name -> source`` to name the stories yourself. Otherwise a
        story is named by its title (for a file without one, its file name),
        and a repeated name gets `` (2)``, `` (3)``...
    n_process
        How many processes analyse stories at once; ``1`` (the default) runs
        them here one after the other, ``-1`` uses every CPU. Worker
        processes are started with ``spawn`` (safe on every platform; each
        loads the spaCy pipeline once), so arguments must be picklable: give
        ``nlp=`` as a name rather than a loaded pipeline, and ``sentiment=``
        as a name or a module-level function. On Windows and macOS call this
        under ``if __name__ == "__main__":`` in a script.
    progress
        Show a progress bar (``tqdm.auto``: a widget in Jupyter).
    **analyze_kwargs
        Passed to :func:`fictools.analyze` for every story (``nlp=``,
        ``sentiment=``, ``passages=``...).

    Returns
    -------
    Corpus
        The stories in the order given; the same whatever ``n_process``.

    Raises
    ------
    FictoolsError
        The first story that fails stops the work; the message names it.

    Examples
    --------
    >>> corpus = fictools.analyze_many(sorted(Path("data").glob("*.txt")))  # doctest: +SKIP
    >>> corpus.dialogue_share(by="turns")  # doctest: +SKIP
    """
    if isinstance(sources, Mapping):
        names: list[str] | None = [str(k) for k in sources]
        items = list(sources.values())
    elif isinstance(sources, (str, bytes, os.PathLike)):
        raise InputError(
            "analyze_many() takes a list of sources; for one story use fictools.analyze(), "
            "or wrap it: analyze_many([source])."
        )
    else:
        names = None
        items = list(sources)
    if "title" in analyze_kwargs:
        raise InputError(
            "title= names one story; to name the stories of a corpus pass a mapping name -> source."
        )
    if (
        not isinstance(n_process, int)
        or isinstance(n_process, bool)
        or n_process == 0
        or n_process < -1
    ):
        raise InputError(
            f"n_process= takes a number of processes (1 or more, or -1 for every CPU), not {n_process!r}."
        )
    if n_process == -1:
        n_process = os.cpu_count() or 1
    n_process = min(n_process, max(len(items), 1))

    bar = _bar(progress, len(items))
    stories: list[Story | None] = [None] * len(items)
    try:
        if n_process == 1:
            for i, src in enumerate(items):
                stories[i] = _run(src, analyze_kwargs)
                bar.update(1)
        else:
            stories = _run_pool(items, analyze_kwargs, n_process, bar)
    finally:
        bar.close()
    done = [s for s in stories if s is not None]
    if names is None:
        names = _unique(s.title for s in done)
    return Corpus(dict(zip(names, done)))


def _run(source: Any, kwargs: dict[str, Any]) -> Story:
    from .errors import FictoolsError

    try:
        return _analyze_one(source, kwargs)
    except FictoolsError as e:
        # keep the error's class (and so its built-in base) but say which story failed
        label = _label(source)
        if len(e.args) == 1 and isinstance(e.args[0], str) and label.strip("'\"") not in e.args[0]:
            e.args = (f"{label}: {e.args[0]}",)
        raise


def _run_pool(
    items: list[Any], kwargs: dict[str, Any], n_process: int, bar: Any
) -> list[Story | None]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    stories: list[Story | None] = [None] * len(items)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
        futures = {pool.submit(_run, src, kwargs): i for i, src in enumerate(items)}
        try:
            for fut in as_completed(futures):
                stories[futures[fut]] = fut.result()
                bar.update(1)
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
    return stories


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(on: bool, total: int) -> Any:
    if not on:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return _NoBar()
    return tqdm(total=total, desc="stories", unit="story")


def _concat(frames: Mapping[str, pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    """The frames stacked, each with a leading ``story`` column; ``empty``'s columns when none."""
    parts = []
    for name, df in frames.items():
        df = df.copy()
        df.insert(0, "story", pd.Series([name] * len(df), index=df.index, dtype=object))
        parts.append(df)
    nonempty = [p for p in parts if len(p)]
    if not nonempty:
        out = empty.copy()
        out.insert(0, "story", pd.Series(dtype=object))
        return out
    out = pd.concat(nonempty, ignore_index=True)
    # a column that is all None in every story stays object, not float
    for c in out.columns:
        if c in empty.columns and empty[c].dtype == object:
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


class Corpus(Mapping[str, Story]):
    """Many analysed stories: a mapping ``name -> Story`` with the tables stacked.

    ``corpus.scenes``, ``.turns``, ``.characters``, ``.passages`` and
    ``.interactions`` are the Story tables with a leading ``story`` column
    (the story's name). Made by :func:`fictools.analyze_many`.

    Examples
    --------
    >>> corpus = fictools.analyze_many(["a.txt", "b.txt"])  # doctest: +SKIP
    >>> corpus["a"].plot_timeline()  # doctest: +SKIP
    >>> corpus.characters.groupby("story")["n_words"].sum()  # doctest: +SKIP
    """

    def __init__(self, stories: Mapping[str, Story] | Iterable[Story]) -> None:
        if not isinstance(stories, Mapping):
            stories = list(stories)
            stories = dict(zip(_unique(s.title for s in stories), stories))
        self._stories: dict[str, Story] = dict(stories)

    # -- the mapping ----------------------------------------------------
    def __getitem__(self, name: str) -> Story:
        try:
            return self._stories[name]
        except KeyError:
            raise KeyError(
                f"no story named {name!r}; the stories are {', '.join(map(repr, self._stories))}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._stories)

    def __len__(self) -> int:
        return len(self._stories)

    @property
    def stories(self) -> dict[str, Story]:
        """The stories by name, in the order given."""
        return dict(self._stories)

    @property
    def title(self) -> str:
        return f"{len(self)} stories"

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} stories: {', '.join(self._stories)}>"

    # -- tables ---------------------------------------------------------
    def _table(self, name: str) -> pd.DataFrame:
        return _concat({k: getattr(s, name) for k, s in self._stories.items()}, schema.empty(name))

    @cached_property
    def scenes(self) -> pd.DataFrame:
        """Every story's scenes, with a leading ``story`` column."""
        return self._table("scenes")

    @cached_property
    def turns(self) -> pd.DataFrame:
        """Every story's dialogue turns, with a leading ``story`` column."""
        return self._table("turns")

    @cached_property
    def characters(self) -> pd.DataFrame:
        """Every story's characters, with a leading ``story`` column."""
        return self._table("characters")

    @cached_property
    def passages(self) -> pd.DataFrame:
        """Every story's scored passages, with a leading ``story`` column."""
        return self._table("passages")

    @cached_property
    def interactions(self) -> pd.DataFrame:
        """Every story's interactions, with a leading ``story`` column."""
        return self._table("interactions")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def dialogue_share(self, by: str = "words", per: str = "story") -> pd.DataFrame:
        """Each story's :meth:`Story.dialogue_share`, with a leading ``story`` column.

        Parameters
        ----------
        by : {"words", "turns"}
            What ``share`` measures.
        per : {"story", "scene", "chapter"}
            Shares sum to 1 within each story (and scene or chapter).

        Returns
        -------
        pandas.DataFrame
            ``story, [scene | chapter,] character, words, turns, share``.

        Examples
        --------
        >>> share = corpus.dialogue_share(by="turns")  # doctest: +SKIP
        >>> share.pivot(index="character", columns="story", values="share")  # doctest: +SKIP
        """
        from .interactions import _share_frame

        frames = {k: s.dialogue_share(by=by, per=per) for k, s in self._stories.items()}
        return _concat(frames, _share_frame(None if per == "story" else per))

    def summary(self) -> pd.DataFrame:
        """One row per story: ``story``, ``title``, ``words``, ``scenes``, ``turns``,
        ``attributed`` (share of turns with a speaker), ``characters``, ``top_speaker``."""
        rows = []
        for name, s in self._stories.items():
            share = s.dialogue_share()
            rows.append(
                {
                    "story": name,
                    "title": s.title,
                    "words": s.n_words,
                    "scenes": len(s.scenes),
                    "turns": len(s.turns),
                    "attributed": float(s.turns["speaker"].notna().mean()) if len(s.turns) else 0.0,
                    "characters": len(s.characters),
                    "top_speaker": share["character"].iloc[0] if len(share) else None,
                }
            )
        cols = [
            "story",
            "title",
            "words",
            "scenes",
            "turns",
            "attributed",
            "characters",
            "top_speaker",
        ]
        return pd.DataFrame(rows, columns=cols)

    def _repr_html_(self) -> str:
        df = self.summary()
        df["attributed"] = df["attributed"].map(lambda v: f"{v:.0%}")
        table = (
            df.to_html(index=False, escape=True, na_rep="")
            if len(df)
            else "<p><i>no stories</i></p>"
        )
        return (
            f"<div class='fictools-corpus'><p><b>Corpus</b> of {len(self)} stories</p>{table}</div>"
        )

    # -- charts and export ----------------------------------------------
    def plot_dialogue_share(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Each story's speakers as horizontal bars, one block per story; returns the Axes.

        See :func:`fictools.plot.plot_dialogue_share`.
        """
        from .plot import plot_dialogue_share

        return plot_dialogue_share(self, ax=ax, **kwargs)

    def export(self, folder: str | os.PathLike, format: str = "csv") -> list[Path]:
        """Write the stacked tables (with their ``story`` column) and ``stories.json``.

        Parameters
        ----------
        folder
            Created if missing.
        format : {"csv", "parquet"}
            As :meth:`Story.export`.

        Returns
        -------
        list of pathlib.Path
            The five tables, then ``stories.json`` (each story's metadata by name).
        """
        out = Path(folder)
        written = write_tables(self.tables(), out, format)
        meta = {}
        for name, s in self._stories.items():
            m = dict(s.meta)
            m.setdefault("title", s.title)
            m["n_words"] = s.n_words
            m["sentiment"] = s.scorer
            meta[name] = m
        path = out / "stories.json"
        path.write_text(
            json.dumps(meta, indent=1, ensure_ascii=False, default=str), encoding="utf-8"
        )
        written.append(path)
        return written
