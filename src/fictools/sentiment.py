"""Passages and their sentiment.

A *passage* is the unit scored: a sentence, a paragraph (the default) or a
fixed window of words. Scorers are functions ``str -> float`` in -1..1
(``"textblob"`` uses TextBlob's bundled pattern lexicon only; its sentence
splitter, which needs NLTK data, is never called).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from . import schema
from .errors import InputError
from .text import WORD_RE

__all__ = ["get_scorer", "make_passages", "score_passages", "SCORERS"]

Scorer = Callable[[str], float]


def _textblob_scores(text: str) -> tuple[float, float]:
    from textblob.en import sentiment

    pol, subj = sentiment(text)
    return float(pol), float(subj)


def textblob_polarity(text: str) -> float:
    """TextBlob's pattern-lexicon polarity, -1..1."""
    return _textblob_scores(text)[0]


SCORERS: dict[str, Scorer] = {"textblob": textblob_polarity}
DEFAULT = "textblob"


def get_scorer(sentiment: Any) -> tuple[str, Scorer]:
    """``(name, scorer)`` for the ``sentiment=`` argument of :func:`fictools.analyze`."""
    if sentiment is None:
        sentiment = DEFAULT
    if isinstance(sentiment, str):
        try:
            return sentiment, SCORERS[sentiment]
        except KeyError:
            raise InputError(
                f"sentiment={sentiment!r} is not a scorer fictools knows; use one of "
                f"{', '.join(repr(k) for k in SCORERS)}, None for the default, or a function str -> float."
            ) from None
    if callable(sentiment):
        return getattr(sentiment, "__name__", "custom"), sentiment
    raise InputError(f"sentiment= takes a scorer name or a function str -> float, not {type(sentiment).__name__}.")


def make_passages(
    text: str,
    paragraphs: Sequence[tuple[int, int, int]],
    passages: Any,
    sentences: Sequence[tuple[int, int, int]] | None = None,
) -> list[tuple[int, int, int]]:
    """``(start, end, scene)`` of each passage.

    Parameters
    ----------
    paragraphs
        ``(start, end, scene)`` of the prose paragraphs.
    passages
        ``"paragraph"``, ``"sentence"`` or a number of words.
    sentences
        ``(start, end, scene)`` of the sentences (from the parse), needed for
        ``"sentence"``.
    """
    if passages == "paragraph":
        return list(paragraphs)
    if passages == "sentence":
        if sentences is None:
            raise InputError("passages='sentence' needs the parse; this is a bug in fictools, please report it.")
        return list(sentences)
    if isinstance(passages, bool) or not isinstance(passages, int) or passages < 1:
        raise InputError(
            f"passages= takes 'sentence', 'paragraph' or a positive number of words, not {passages!r}."
        )
    out = []
    for scene in _scenes_in_order(paragraphs, text):
        words = [(m.start(), m.end()) for s, e, _ in scene for m in WORD_RE.finditer(text, s, e)]
        sc = scene[0][2]
        for i in range(0, len(words), passages):
            chunk = words[i : i + passages]
            out.append((chunk[0][0], chunk[-1][1], sc))
    return out


def _scenes_in_order(paragraphs: Sequence[tuple[int, int, int]], text: str) -> list[list[tuple[int, int, int]]]:
    """Runs of adjacent prose paragraphs of one scene.

    A run also ends where anything but white space (an author's note, a
    caption, a title) lies between two paragraphs, so no window covers it.
    """
    groups: list[list[tuple[int, int, int]]] = []
    for p in paragraphs:
        prev = groups[-1][-1] if groups else None
        if prev is not None and prev[2] == p[2] and not text[prev[1] : p[0]].strip():
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def score_passages(
    text: str,
    spans: Sequence[tuple[int, int, int]],
    scorer: Scorer,
    content: tuple[int, int],
    dialogue: Sequence[tuple[int, int]] = (),
) -> pd.DataFrame:
    """The ``passages`` table: each span scored, placed in narrative time.

    ``subjectivity`` comes from TextBlob whatever the polarity scorer;
    ``dialogue`` is true when most of a passage's characters are inside turns.
    """
    cs, ce = content
    length = max(ce - cs, 1)
    turn_spans = sorted(dialogue)
    rows = []
    ti = 0
    for n, (s, e, scene) in enumerate(spans):
        chunk = text[s:e]
        pol = scorer(chunk)
        try:
            pol = float(pol)
        except (TypeError, ValueError):
            raise InputError(f"the sentiment scorer returned {pol!r} for a passage; it must return a number.") from None
        _, subj = _textblob_scores(chunk)
        while ti < len(turn_spans) and turn_spans[ti][1] <= s:
            ti += 1
        inside = 0
        j = ti
        while j < len(turn_spans) and turn_spans[j][0] < e:
            inside += min(e, turn_spans[j][1]) - max(s, turn_spans[j][0])
            j += 1
        rows.append(
            {
                "passage": n,
                "scene": scene,
                "start": s,
                "end": e,
                "position": min(max(((s + e) / 2 - cs) / length, 0.0), 1.0),
                "n_words": sum(1 for _ in WORD_RE.finditer(text, s, e)),
                "polarity": pol,
                "subjectivity": subj,
                "dialogue": inside * 2 > (e - s),
            }
        )
    return schema.frame("passages", rows)
