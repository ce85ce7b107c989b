"""Sentiment: the scorers (negation, intensifiers, "but", fiction's vocabulary),
the passages table, and the data story whose scenes go content -> grief -> joy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fictools
from fictools import schema, sentiment
from fictools.sentiment import EMOTIONS, SCORERS, combined_polarity, emotions, get_scorer

REPO = Path(__file__).resolve().parents[1]
WINTER = REPO / "data" / "winter_market.txt"

NAMES = list(SCORERS)


# --------------------------------------------------------------------------
# the scorers


@pytest.mark.parametrize("name", NAMES)
def test_scorers_tell_happy_from_sad(name):
    score = SCORERS[name]
    assert score("It was a wonderful, happy day and she loved it.") > 0
    assert score("It was a terrible, miserable night and he hated it.") < 0
    assert score("") == 0


@pytest.mark.parametrize("name", ["combined", "vader"])
@pytest.mark.parametrize(
    "plain, negated",
    [
        ("I am happy.", "I am not happy."),
        ("She was glad to see him.", "She was never glad to see him."),
        ("He liked the house.", "He didn\u2019t like the house."),  # curly apostrophe
        ("It was a good idea.", "It wasn't a good idea."),
        ("The news was bad.", "The news was not bad."),
    ],
)
def test_negation_flips(name, plain, negated):
    score = SCORERS[name]
    a, b = score(plain), score(negated)
    assert a != 0
    assert np.sign(a) != np.sign(b), (plain, a, negated, b)


def test_negation_stops_at_the_clause():
    # "not" belongs to the first clause; the second keeps its own sign
    assert combined_polarity("It was not over, and we were happy and glad.") > 0


@pytest.mark.parametrize("word", ["happy", "sad", "lovely", "awful"])
def test_intensifiers_strengthen_and_hedges_weaken(word):
    plain = combined_polarity(f"She was {word}.")
    strong = combined_polarity(f"She was very {word}.")
    weak = combined_polarity(f"She was slightly {word}.")
    assert abs(strong) > abs(plain) > abs(weak) > 0
    assert np.sign(strong) == np.sign(plain) == np.sign(weak)


def test_but_weighs_what_follows():
    assert combined_polarity("The dinner was lovely, but the evening was awful.") < 0
    assert combined_polarity("The dinner was awful, but the evening was lovely.") > 0


def test_but_stays_in_its_sentence():
    # a "but" in the second sentence leaves the first alone
    mult = dict(sentiment._modified_words("She was delighted. It rained, but it was fine."))
    assert mult["delighted"] == 1.0
    assert mult["rained"] == 0.5 and mult["fine"] == 1.5
    assert "but" not in mult


@pytest.mark.parametrize(
    "text",
    [
        "She wept at the funeral.",
        "He sobbed over the grave.",  # sobbed -> sob: inflected forms reach the lexicons
        "Grief sat on her chest like a stone.",
        "The boy trembled with fear.",
    ],
)
def test_fiction_vocabulary_of_sorrow(text):
    assert combined_polarity(text) < 0


@pytest.mark.parametrize(
    "text",
    [
        "She smiled and laughed.",
        "He grinned at her, warm and content.",
        "They hugged each other in delight.",
    ],
)
def test_fiction_vocabulary_of_joy(text):
    assert combined_polarity(text) > 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_scores_in_range(text):
    for name in NAMES:
        v = SCORERS[name](text)
        assert isinstance(v, float) and -1.0 <= v <= 1.0
    emo = emotions(text)
    assert list(emo) == list(EMOTIONS)
    assert all(0.0 <= x <= 1.0 for x in emo.values())


def test_emotions():
    emo = emotions("The terrible fear of the dark made her tremble.")
    assert emo["fear"] > 0 and emo["joy"] == 0
    assert emotions("She was not afraid.")["fear"] == 0  # negated words do not count
    assert emotions("") == dict.fromkeys(EMOTIONS, 0.0)


def test_lexicons_ship_in_installed_packages():
    # nothing is downloaded: every lexicon is a file inside an installed package
    import importlib.util

    for pkg, loader in [
        ("vaderSentiment", sentiment.vader_lexicon),
        ("labMTsimple", sentiment.labmt_lexicon),
        ("labMTsimple", sentiment.warriner_lexicon),
        ("nrclex", sentiment.nrc_lexicon),
    ]:
        assert importlib.util.find_spec(pkg) is not None
        lex = loader()
        assert len(lex) > 5000
    assert sentiment.vader_lexicon()["good"] > 0 > sentiment.vader_lexicon()["bad"]
    assert sentiment.warriner_lexicon()["grief"] < 0 < sentiment.warriner_lexicon()["joy"]
    assert all(-1 <= v <= 1 for v in sentiment.labmt_lexicon().values())


# --------------------------------------------------------------------------
# choosing a scorer


def test_default_is_the_combined_scorer():
    assert get_scorer(None) == ("combined", combined_polarity)
    assert get_scorer("VADER")[1] is SCORERS["vader"]
    story = fictools.analyze("A happy day.\n\nA sad night.", nlp="blank")
    assert story.scorer == "combined"


@pytest.mark.parametrize("bad", ["nope", "afinn", 3, 0.5, ["vader"]])
def test_bad_scorer_raises(bad):
    with pytest.raises(fictools.InputError) as e:
        fictools.analyze("A happy day.", nlp="blank", sentiment=bad)
    assert "sentiment" in str(e.value)
    if isinstance(bad, str):
        assert "'combined'" in str(e.value)


def test_a_callable_keeps_working():
    def exclamations(s: str) -> float:
        return min(1.0, s.count("!") / 2)

    story = fictools.analyze("Hello!\n\nHello!!\n\nHello.", nlp="blank", sentiment=exclamations)
    assert story.scorer == "exclamations"
    assert list(story.passages["polarity"]) == [0.5, 1.0, 0.0]
    assert story.arc(points=3)["smoothed"].notna().all()


def test_a_callable_returning_junk_raises():
    with pytest.raises(fictools.InputError) as e:
        fictools.analyze("Hello.", nlp="blank", sentiment=lambda s: "good")
    assert "number" in str(e.value)


@pytest.mark.parametrize("name", NAMES)
def test_analyze_with_each_scorer(name):
    story = fictools.analyze(
        "It was a wonderful, happy day.\n\nIt was a terrible, awful night.",
        nlp="blank",
        sentiment=name,
    )
    pol = list(story.passages["polarity"])
    assert pol[0] > 0 > pol[1]
    assert story.scorer == name


# --------------------------------------------------------------------------
# passages


@pytest.mark.parametrize("passages", ["paragraph", "sentence", 25])
def test_passages_table(passages):
    story = fictools.analyze(WINTER, nlp="blank", passages=passages)
    p = story.passages
    schema.check("passages", p)
    # the eight emotions come after the contract's columns
    assert list(p.columns[len(schema.TABLES["passages"]) :]) == list(EMOTIONS)
    assert p["polarity"].between(-1, 1).all()
    assert p["position"].is_monotonic_increasing and p["position"].between(0, 1).all()
    for r in p.itertuples(index=False):
        assert story.text[r.start : r.end].strip() == story.text[r.start : r.end]
        sc = story.scenes[story.scenes["scene"] == r.scene].iloc[0]
        assert sc.start <= r.start < r.end <= sc.end
    # a passage is dialogue when most of it is inside quotation marks
    assert p["dialogue"].any() and not p["dialogue"].all()


def test_no_passages_still_has_the_emotion_columns():
    p = sentiment.score_passages("", [], combined_polarity, (0, 0))
    schema.check("passages", p)
    assert len(p) == 0 and list(p.columns[-len(EMOTIONS) :]) == list(EMOTIONS)


# --------------------------------------------------------------------------
# the data story: content -> grief -> joy


def _scene_means(story) -> list[float]:
    p = story.passages
    return [float(np.average(g["polarity"], weights=g["n_words"])) for _, g in p.groupby("scene")]


def _assert_grief_lowest(means: list[float]) -> None:
    assert len(means) == 3
    content, grief, joy = means
    assert grief < content and grief < joy, means
    assert content > 0 and joy > 0, means


def test_winter_market_scenes_go_content_grief_joy():
    story = fictools.analyze(WINTER, nlp="blank")
    assert story.scorer == "combined"
    _assert_grief_lowest(_scene_means(story))
    by_scene = story.arc(by="scene")
    assert list(by_scene["polarity"]) == pytest.approx(_scene_means(story))


@pytest.mark.model
def test_winter_market_scenes_with_sentences_and_the_trained_pipeline():
    story = fictools.analyze(WINTER, passages="sentence")
    _assert_grief_lowest(_scene_means(story))
