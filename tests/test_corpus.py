"""corpus.py: analyze_many and the Corpus tables."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

import fictools
from conftest import DATA, STORIES
from fictools import schema
from fictools.plot import plot_dialogue_share
from fictools.story import TABLE_NAMES

PATHS = [DATA / f"{name}.txt" for name in STORIES]


@pytest.fixture(scope="module")
def corpus():
    return fictools.analyze_many(PATHS, nlp="blank", progress=False)


def test_lazy_exports():
    assert "analyze_many" in fictools.__all__ and "Corpus" in fictools.__all__
    from fictools.corpus import Corpus, analyze_many

    assert fictools.analyze_many is analyze_many and fictools.Corpus is Corpus


def test_corpus_is_a_mapping_of_stories(corpus):
    assert list(corpus) == list(STORIES)  # named by title (the file stem), in the order given
    assert len(corpus) == 3
    assert list(corpus.stories) == list(STORIES)
    assert all(isinstance(s, fictools.Story) for s in corpus.values())
    assert corpus["the_letter"].title == "the_letter"
    with pytest.raises(KeyError, match="harbour_lights"):
        corpus["no such story"]
    assert "3 stories" in repr(corpus)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_tables_have_the_story_column_and_match_each_story(corpus, analyzed, table):
    df = getattr(corpus, table)
    assert df.columns[0] == "story"
    schema.check(table, df.drop(columns="story"))
    assert list(dict.fromkeys(df["story"])) == [
        n for n in STORIES if len(getattr(analyzed[n], table))
    ]
    for name in STORIES:
        part = df[df["story"] == name].drop(columns="story").reset_index(drop=True)
        single = getattr(analyzed[name], table).reset_index(drop=True)
        pd.testing.assert_frame_equal(part, single)


@pytest.mark.parametrize("per", ["story", "scene", "chapter"])
@pytest.mark.parametrize("by", ["words", "turns"])
def test_dialogue_share_across_stories(corpus, analyzed, per, by):
    share = corpus.dialogue_share(by=by, per=per)
    group = [] if per == "story" else [per]
    assert list(share.columns) == ["story", *group, "character", "words", "turns", "share"]
    sums = share.groupby(["story", *group])["share"].sum()
    assert list(sums) == pytest.approx([1.0] * len(sums))
    for name in STORIES:
        part = share[share["story"] == name].drop(columns="story").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, analyzed[name].dialogue_share(by=by, per=per))


def test_parallel_equals_serial(corpus):
    parallel = fictools.analyze_many(PATHS, n_process=2, nlp="blank", progress=False)
    assert list(parallel) == list(corpus)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(parallel, table), getattr(corpus, table))
    for name in corpus:
        assert parallel[name].text == corpus[name].text


def test_mapping_names_the_stories():
    text = 'The rain fell. "Go home," said Anna.\n\n"No," said Walter.'
    c = fictools.analyze_many(
        {"first": text, "second": DATA / "the_letter.txt"}, nlp="blank", progress=False
    )
    assert list(c) == ["first", "second"]
    assert set(c.turns["story"]) <= {"first", "second"}


def test_repeated_titles_are_made_unique():
    texts = ["One quiet morning.", "Another quiet morning."]
    c = fictools.analyze_many(texts, nlp="blank", progress=False, passages="sentence")
    assert list(c) == ["Untitled story", "Untitled story (2)"]
    assert list(c.scenes["story"]) == ["Untitled story", "Untitled story (2)"]


def test_empty_corpus():
    c = fictools.analyze_many([], progress=False)
    assert len(c) == 0
    for table in TABLE_NAMES:
        df = getattr(c, table)
        assert len(df) == 0
        assert list(df.columns) == ["story", *schema.TABLES[table]]
    assert list(c.dialogue_share(per="scene").columns) == [
        "story",
        "scene",
        "character",
        "words",
        "turns",
        "share",
    ]


def test_story_without_dialogue_keeps_the_columns():
    c = fictools.analyze_many({"quiet": "Nobody said a word all day."}, nlp="blank", progress=False)
    assert len(c.turns) == 0 and c.turns.columns[0] == "story"
    assert len(c.scenes) == 1


def test_bad_arguments():
    with pytest.raises(fictools.InputError, match="n_process"):
        fictools.analyze_many(PATHS, n_process=0)
    with pytest.raises(fictools.InputError, match="n_process"):
        fictools.analyze_many(PATHS, n_process="2")
    with pytest.raises(fictools.InputError, match="list"):
        fictools.analyze_many(str(PATHS[0]))
    with pytest.raises(fictools.InputError, match="mapping"):
        fictools.analyze_many(PATHS, title="One title")


def test_a_failing_story_is_named():
    missing = DATA / "no_such_story.txt"
    with pytest.raises(FileNotFoundError) as e:
        fictools.analyze_many([PATHS[0], missing], nlp="blank", progress=False)
    assert isinstance(e.value, fictools.FictoolsError)
    assert "no_such_story.txt" in str(e.value)


def test_progress_bar(capsys):
    fictools.analyze_many(PATHS[:1], nlp="blank", progress=True)
    assert "stories" in capsys.readouterr().err
    fictools.analyze_many(PATHS[:1], nlp="blank", progress=False)
    assert capsys.readouterr().err == ""


def test_summary_and_html(corpus):
    s = corpus.summary()
    assert list(s["story"]) == list(STORIES)
    assert list(s["words"]) == [corpus[n].n_words for n in STORIES]
    h = corpus._repr_html_()
    assert all(name in h for name in STORIES)


def test_plot_dialogue_share(corpus):
    fig, ax = plt.subplots()
    assert corpus.plot_dialogue_share(ax=ax) is ax
    share = corpus.dialogue_share()
    assert len(ax.patches) == len(share)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(any(f"({name})" in lab for lab in labels) for name in STORIES)
    assert ax.get_legend() is not None
    fig.canvas.draw()
    plt.close(fig)
    fig = plt.figure()
    assert isinstance(plot_dialogue_share(corpus), Axes)
    plt.close(fig)


def test_export(corpus, tmp_path):
    written = corpus.export(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        [f"{t}.csv" for t in TABLE_NAMES] + ["stories.json"]
    )
    turns = pd.read_csv(tmp_path / "turns.csv")
    assert turns.columns[0] == "story" and len(turns) == len(corpus.turns)
    meta = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    assert list(meta) == list(STORIES)
    assert meta["the_letter"]["n_words"] == corpus["the_letter"].n_words
    with pytest.raises(fictools.InputError):
        corpus.export(tmp_path, format="xlsx")


# --------------------------------------------------------------------------
# the pool: this process works beside the workers, longest stories first


def test_pool_with_more_stories_than_processes_equals_serial(corpus):
    # 5 stories on 2 processes: this one and a worker take turns from one queue
    sources = {f"{name} {k}": DATA / f"{name}.txt" for k in (1, 2) for name in STORIES[:2]}
    sources["short"] = 'The rain fell. "Go home," said Anna.'
    serial = fictools.analyze_many(sources, nlp="blank", progress=False)
    parallel = fictools.analyze_many(sources, n_process=2, nlp="blank", progress=False)
    assert list(parallel) == list(sources) == list(serial)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(parallel, table), getattr(serial, table))


def test_a_failing_story_in_the_pool_is_named():
    missing = DATA / "no_such_story.txt"
    with pytest.raises(FileNotFoundError) as e:
        fictools.analyze_many(
            [PATHS[0], missing, PATHS[1], PATHS[2]], n_process=2, nlp="blank", progress=False
        )
    assert isinstance(e.value, fictools.FictoolsError)
    assert "no_such_story.txt" in str(e.value)


def test_pool_progress_counts_every_story(capsys):
    fictools.analyze_many(PATHS, n_process=2, nlp="blank", progress=True)
    assert "3/3" in capsys.readouterr().err


def test_longest_stories_go_first():
    from fictools.corpus import _weight

    sizes = [_weight(p) for p in PATHS]
    assert sizes == [p.stat().st_size for p in PATHS]
    assert _weight("A story told in one line.") == len("A story told in one line.")
    assert _weight(b"bytes") == 5
    assert _weight(DATA / "no_such_story.txt") == 0


def test_pool_returns_every_story_when_this_process_finishes_first():
    # a long text for this process and short ones for the worker: nobody's story is dropped
    long = " ".join(['"Go home," said Anna. The rain fell on the harbour.'] * 400)
    sources = {"long": long, **{f"short {k}": f"Short story {k}." for k in range(4)}}
    c = fictools.analyze_many(sources, n_process=2, nlp="blank", progress=False)
    assert list(c) == list(sources)
    assert list(dict.fromkeys(c.scenes["story"])) == list(sources)


def test_sources_that_are_not_a_list():
    with pytest.raises(fictools.InputError, match="list of sources"):
        fictools.analyze_many(5)
