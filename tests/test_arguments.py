"""Bad arguments to analyze() are InputErrors that say what to pass instead."""

from __future__ import annotations

import pytest

import fictools
from fictools import InputError

TEXT = '"Hi," said Tom. "Bye," said Ann.\n\nTom left.\n'


@pytest.mark.parametrize(
    "characters, says",
    [
        ({"Tom": 1}, "aliases of 'Tom'"),
        ({"Tom": [1]}, "an alias of 'Tom'"),
        ([""], "empty"),
        (["  "], "empty"),
        ([5], "5"),
        ({"": ["T"]}, "empty"),
        ("Tom", "single string"),
        (5, "int"),
    ],
)
def test_bad_rosters(characters, says):
    with pytest.raises(InputError, match="characters=") as err:
        fictools.analyze(TEXT, nlp="blank", characters=characters)
    assert says in str(err.value)
    assert isinstance(err.value, ValueError)


def test_good_rosters_still_work():
    for characters in (["Tom", "Ann"], {"Tom": "Tommy|T", "Ann": None}, {"Tom": ["Tommy"], "Ann": []}):
        story = fictools.analyze(TEXT, nlp="blank", characters=characters)
        assert set(story.characters["character"]) == {"Tom", "Ann"}
        assert set(story.turns["speaker"].dropna()) <= {"Tom", "Ann"}


def test_a_sentiment_function_that_fails_names_the_passage():
    def grumpy(text: str) -> float:
        raise ZeroDivisionError("no mood today")

    with pytest.raises(InputError, match="grumpy") as err:
        fictools.analyze(TEXT, nlp="blank", sentiment=grumpy)
    assert "ZeroDivisionError" in str(err.value) and "sentiment=None" in str(err.value)
    assert isinstance(err.value.__cause__, ZeroDivisionError)


def test_a_sentiment_function_that_works_is_used_as_is():
    story = fictools.analyze(TEXT, nlp="blank", sentiment=lambda t: 0.25)
    assert (story.passages["polarity"] == 0.25).all()
