"""Many stories at once: :func:`analyze_many` and the :class:`Corpus` it returns.

A Corpus has the tables of a Story with a leading ``story`` column, so one
DataFrame compares every story. Stories are analysed one after the other, or
in a pool of processes (``n_process=``); either way the result is the same.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import schema
from .errors import FictoolsError, InputError
from .story import TABLE_NAMES, Story, write_export

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["Corpus", "DaskNotInstalledError", "analyze_many", "dask_meta", "to_dask"]


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


def _listed(sources: Any, func: str) -> list[Any]:
    try:
        return list(sources)
    except TypeError:
        raise InputError(
            f"{func}() takes a list of sources (paths or texts) or a mapping name -> source, "
            f"not {type(sources).__name__}."
        ) from None


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
        them here one after the other, ``-1`` uses every CPU. With ``n``,
        this process and ``n - 1`` workers take stories from one queue,
        longest first; this one starts at once while the workers start up.
        Worker processes are started with ``spawn`` (safe on every platform;
        each loads the spaCy pipeline once), so arguments must be picklable: give
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
        items = _listed(sources, "analyze_many")
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


def _weight(source: Any) -> int:
    """A cheap guess at how long a source takes: its size in bytes or characters."""
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and len(source) < 4096 and "\n" not in source
    ):
        try:
            return os.path.getsize(source)
        except (OSError, ValueError):
            pass  # not a file: a short text, or a path that analyze() will report
    return len(source) if isinstance(source, (str, bytes)) else 0


def _init_worker(kwargs: dict[str, Any]) -> None:
    """Load the pipeline, the lexicons and the modules once, when a worker starts."""
    try:
        _analyze_one('Warm up. "Hello," said Anna.', kwargs)
    except Exception:  # noqa: BLE001, S110  # pragma: no cover - the stories report any error
        pass


def _run_pool(
    items: list[Any], kwargs: dict[str, Any], n_process: int, bar: Any
) -> list[Story | None]:
    """Analyse ``items`` here and in ``n_process - 1`` worker processes at once.

    Starting a worker costs seconds (a fresh interpreter that imports spaCy
    and loads the pipeline), so this process does not wait for them: it takes
    stories from the same queue while they start, and every worker keeps two
    stories in hand so that it never waits for this one. The longest
    stories go first, so that no process is left with a long one at the end.
    """
    import multiprocessing
    import threading
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    stories: list[Story | None] = [None] * len(items)
    queue = deque(sorted(range(len(items)), key=lambda i: -_weight(items[i])))
    lock = threading.Lock()
    stop = threading.Event()
    errors: list[BaseException] = []
    n_workers = n_process - 1

    def take() -> int | None:
        with lock:
            return None if stop.is_set() or not queue else queue.popleft()

    def finish(i: int, story: Story) -> None:
        with lock:
            stories[i] = story
            bar.update(1)

    def fail(e: BaseException) -> None:
        with lock:
            errors.append(e)
            stop.set()

    def feed(pool: ProcessPoolExecutor) -> None:
        in_flight: dict[Any, int] = {}
        try:
            while True:
                while len(in_flight) < 2 * n_workers and (i := take()) is not None:
                    in_flight[pool.submit(_run, items[i], kwargs)] = i
                if not in_flight or stop.is_set():
                    return
                # a timeout, so that a failure here (or Ctrl-C) is not kept waiting
                finished, _ = wait(in_flight, timeout=0.25, return_when=FIRST_COMPLETED)
                for fut in finished:
                    finish(in_flight.pop(fut), fut.result())
        except BaseException as e:  # noqa: BLE001 - raised in the calling thread
            fail(e)
        finally:
            for fut in in_flight:
                fut.cancel()

    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=n_workers, mp_context=ctx, initializer=_init_worker, initargs=(kwargs,)
    )
    feeder = threading.Thread(target=feed, args=(pool,), name="fictools-feeder", daemon=True)
    try:
        feeder.start()
        while (i := take()) is not None:
            finish(i, _run(items[i], kwargs))
        while feeder.is_alive():  # the workers' last stories
            feeder.join(0.25)
    except BaseException as e:  # noqa: BLE001 - raised below, once the pool is shut down
        fail(e)  # stops the feeder within a quarter of a second
        feeder.join()
    finally:
        # after Ctrl-C, do not wait for the stories the workers are on
        interrupted = any(isinstance(e, KeyboardInterrupt) for e in errors)
        pool.shutdown(wait=not interrupted, cancel_futures=True)
    if errors:
        raise errors[0]
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
        meta = {name: s._export_meta() for name, s in self._stories.items()}
        return write_export(self.tables(), meta, folder, format, "stories.json")


# --------------------------------------------------------------------------
# Dask: the same tables, partition by partition, on one machine or a cluster


class DaskNotInstalledError(FictoolsError, ImportError):
    """:func:`to_dask` needs Dask, an optional extra."""


def _story_name(source: Any) -> str:
    """A story's name known before it is read: the file name without its suffix."""
    if isinstance(source, (str, os.PathLike)):
        s = os.fspath(source)
        if len(s) < 4096 and "\n" not in s:
            return Path(s).stem or "story"
    return "Untitled story"


@functools.cache
def _extra_columns(table: str) -> tuple[tuple[str, str], ...]:
    """Columns a table has beyond the contract (NRC emotions, interaction evidence), with dtypes."""
    from .pipeline import analyze

    # a tiny story through the blank pipeline: milliseconds, and it is what analyze returns
    story = analyze(
        'The rain fell. "Go home, Walter," said Anna.\n\n"No," said Walter.', nlp="blank"
    )
    df = getattr(story, table)
    return tuple((c, str(df[c].dtype)) for c in df.columns if c not in schema.TABLES[table])


def dask_meta(table: str) -> pd.DataFrame:
    """The empty frame Dask is told a corpus table looks like: ``story``, then the schema's columns.

    The contract's columns and dtypes come from :mod:`fictools.schema`; the
    columns a table adds after them (the NRC emotions of ``passages``, the
    evidence of ``interactions``) follow, as :func:`fictools.analyze` makes them.
    """
    meta = schema.empty(table)
    for c, d in _extra_columns(table):
        meta[c] = pd.Series(dtype=d)
    meta.insert(0, "story", pd.Series(dtype=object))
    return meta


def _conform(df: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly ``meta``'s columns and dtypes (an empty table may lack the extras)."""
    if not len(df):
        return meta.copy()
    df = df.reindex(columns=meta.columns)
    for c in meta.columns:
        if meta[c].dtype != object and df[c].dtype != meta[c].dtype:
            df[c] = df[c].astype(meta[c].dtype)
    return df


def _analyze_partition(
    names: list[str], sources: list[Any], kwargs: dict[str, Any]
) -> dict[str, pd.DataFrame]:
    """The five tables of a few stories (one partition), with their ``story`` column."""
    corpus = Corpus({n: _run(s, kwargs) for n, s in zip(names, sources)})
    return {t: _conform(getattr(corpus, t), dask_meta(t)) for t in TABLE_NAMES}


def _pick(tables: dict[str, pd.DataFrame], table: str) -> pd.DataFrame:
    return tables[table]


def to_dask(
    sources: Iterable[Any] | Mapping[str, Any],
    *,
    stories_per_partition: int = 1,
    **analyze_kwargs: Any,
) -> dict[str, Any]:
    """The corpus tables as Dask DataFrames, analysed partition by partition where Dask runs them.

    Nothing is analysed until you compute: each partition is one task that
    analyses ``stories_per_partition`` stories with :func:`fictools.analyze`
    on whichever worker Dask gives it, so the same code runs on a laptop (a
    ``distributed.LocalCluster``) and on a cluster. Each table is declared
    with its ``meta`` from :mod:`fictools.schema` (see :func:`dask_meta`).
    Computing several tables in one ``dask.compute`` call analyses each story
    once. Needs the ``dask`` extra: ``pip install "fictools[dask]"``.

    Parameters
    ----------
    sources
        Paths (or texts); or a mapping ``name -> source``. A story is named
        by its file name without the suffix (a partition cannot know the
        other stories' titles), made unique with `` (2)``, `` (3)``...;
        pass a mapping to choose the names.
    stories_per_partition
        How many stories one task analyses; more than one saves scheduling on
        many short stories.
    **analyze_kwargs
        Passed to :func:`fictools.analyze` for every story. They travel to
        the workers, so give ``nlp=`` by name and ``sentiment=`` as a name or
        a module-level function.

    Returns
    -------
    dict of str to dask.dataframe.DataFrame
        ``scenes``, ``turns``, ``characters``, ``passages``, ``interactions``:
        the tables of :func:`analyze_many`, with their leading ``story``
        column, one partition per group of stories (the index restarts in
        each partition).

    Raises
    ------
    DaskNotInstalledError
        When Dask is not installed.

    Examples
    --------
    >>> from distributed import Client, LocalCluster  # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
    >>> tables = fictools.corpus.to_dask(sorted(Path("data").glob("*.txt")))  # doctest: +SKIP
    >>> turns, chars = dask.compute(tables["turns"], tables["characters"])  # doctest: +SKIP
    """
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise DaskNotInstalledError(
            'fictools.corpus.to_dask() needs Dask: pip install "fictools[dask]" '
            '(or pip install "dask[dataframe]" distributed).'
        ) from None
    if isinstance(sources, Mapping):
        names = [str(k) for k in sources]
        items = list(sources.values())
    elif isinstance(sources, (str, bytes, os.PathLike)):
        raise InputError("to_dask() takes a list of sources (or a mapping name -> source).")
    else:
        items = _listed(sources, "to_dask")
        names = _unique(_story_name(s) for s in items)
    if "title" in analyze_kwargs:
        raise InputError(
            "title= names one story; to name the stories of a corpus pass a mapping name -> source."
        )
    if (
        not isinstance(stories_per_partition, int)
        or isinstance(stories_per_partition, bool)
        or stories_per_partition < 1
    ):
        raise InputError(
            f"stories_per_partition= takes a number of stories (1 or more), not {stories_per_partition!r}."
        )
    metas = {t: dask_meta(t) for t in TABLE_NAMES}
    k = stories_per_partition
    parts = [
        dask.delayed(_analyze_partition, pure=True)(
            names[i : i + k], items[i : i + k], analyze_kwargs
        )
        for i in range(0, len(items), k)
    ]
    if not parts:
        with dask.config.set({"dataframe.convert-string": False}):
            return {t: dd.from_pandas(m, npartitions=1) for t, m in metas.items()}
    # Dask would turn object columns into Arrow strings, and lists (``aliases``) into
    # their repr: the tables keep the schema's dtypes, as analyze_many gives them
    with dask.config.set({"dataframe.convert-string": False}):
        return {
            t: dd.from_delayed([dask.delayed(_pick, pure=True)(p, t) for p in parts], meta=m)
            for t, m in metas.items()
        }
