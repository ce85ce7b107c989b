"""corpus.to_dask: the corpus tables as Dask DataFrames, computed on a LocalCluster."""

from __future__ import annotations

import importlib.util
import sys

import pandas as pd
import pytest

import fictools
from conftest import DATA, STORIES
from fictools import schema
from fictools.corpus import DaskNotInstalledError, dask_meta, to_dask
from fictools.story import TABLE_NAMES

PATHS = [DATA / f"{name}.txt" for name in STORIES]
HAVE_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
needs_dask = pytest.mark.skipif(
    not HAVE_DASK,
    reason='needs dask and distributed: pip install "fictools[dask]" (the test extra has them)',
)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def serial():
    return fictools.analyze_many(PATHS, nlp="blank", progress=False)


def computed(tables):
    import dask

    out = dask.compute(*tables.values())
    return {t: df.reset_index(drop=True) for t, df in zip(tables, out)}


@needs_dask
def test_tables_on_a_local_cluster_equal_analyze_many(client, serial):
    tables = to_dask(PATHS, nlp="blank")
    assert list(tables) == list(TABLE_NAMES)
    for t, ddf in tables.items():
        assert ddf.npartitions == len(PATHS)  # one story per partition
        pd.testing.assert_frame_equal(ddf._meta, dask_meta(t))
    got = computed(tables)
    # the work ran on the cluster's worker processes
    assert sum(client.run(lambda: "fictools.pipeline" in sys.modules).values()) >= 1
    for t in TABLE_NAMES:
        assert got[t].columns[0] == "story"
        schema.check(t, got[t].drop(columns="story"))
        pd.testing.assert_frame_equal(got[t], getattr(serial, t))


@needs_dask
def test_a_few_stories_per_partition(client, serial):
    tables = to_dask(
        {name: p for name, p in zip(STORIES, PATHS)}, stories_per_partition=2, nlp="blank"
    )
    assert tables["turns"].npartitions == 2
    got = computed(tables)
    for t in TABLE_NAMES:
        pd.testing.assert_frame_equal(got[t], getattr(serial, t))
    # dask's own operations work on them, lists (aliases) stay lists
    per_story = tables["turns"].groupby("story")["n_words"].sum().compute()
    assert per_story.to_dict() == serial.turns.groupby("story")["n_words"].sum().to_dict()
    chars = tables["characters"].compute()
    assert all(isinstance(a, list) for a in chars["aliases"])


@needs_dask
def test_empty_and_quiet_stories_keep_the_columns():
    import dask

    tables = to_dask([], nlp="blank")
    for t, df in zip(tables, dask.compute(*tables.values(), scheduler="sync")):
        assert len(df) == 0 and list(df.columns) == list(dask_meta(t).columns)
    tables = to_dask({"quiet": "Nobody said a word all day."}, nlp="blank")
    out = dict(zip(tables, dask.compute(*tables.values(), scheduler="sync")))
    for t, df in out.items():
        assert list(df.columns) == list(dask_meta(t).columns)
    assert len(out["turns"]) == len(out["characters"]) == len(out["interactions"]) == 0
    assert list(out["scenes"]["story"]) == ["quiet"]


@needs_dask
def test_names_from_file_names_and_bad_arguments():
    tables = to_dask([PATHS[0], PATHS[0]], nlp="blank")
    names = tables["scenes"]["story"].compute(scheduler="sync").unique().tolist()
    assert names == ["harbour_lights", "harbour_lights (2)"]
    with pytest.raises(fictools.InputError, match="list"):
        to_dask(str(PATHS[0]))
    with pytest.raises(fictools.InputError, match="stories_per_partition"):
        to_dask(PATHS, stories_per_partition=0)
    with pytest.raises(fictools.InputError, match="mapping"):
        to_dask(PATHS, title="One")


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(DaskNotInstalledError, match=r"fictools\[dask\]") as e:
        to_dask(PATHS)
    assert isinstance(e.value, ImportError) and isinstance(e.value, fictools.FictoolsError)


@needs_dask
def test_computing_every_table_analyses_each_story_once(monkeypatch):
    import dask

    import fictools.corpus as corpus_mod

    calls = []
    run = corpus_mod._run
    monkeypatch.setattr(corpus_mod, "_run", lambda s, k: calls.append(s) or run(s, k))
    tables = to_dask(PATHS, nlp="blank")
    assert calls == []  # nothing runs before compute
    dask.compute(*tables.values(), scheduler="sync")
    assert sorted(calls) == sorted(PATHS)
