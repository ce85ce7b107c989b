"""Who talks to whom, and how much each character speaks.

Two tables are derived here from ``story.turns`` (and the roster):

* :func:`interactions_frame`, the ``story.interactions`` table: one row per
  ordered pair of characters, with the evidence that they interact;
* :func:`dialogue_share`, behind ``story.dialogue_share()``: how much each
  character speaks, over the story or per scene or chapter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from . import schema
from .errors import InputError

__all__ = [
    "CONVERSATION_KINDS",
    "PRESENCE_KINDS",
    "SHARE_BY",
    "SHARE_PER",
    "dialogue_share",
    "interactions_frame",
]

#: Turn kinds that take part in a conversation (a thought answers nobody, a letter read
#: aloud is not a reply).
CONVERSATION_KINDS: tuple[str, ...] = ("speech",)
#: Turn kinds that show a character is in the scene (the writer of a letter read in a
#: scene need not be there).
PRESENCE_KINDS: tuple[str, ...] = ("speech", "thought")

SHARE_BY: tuple[str, ...] = ("words", "turns")
SHARE_PER: tuple[str, ...] = ("story", "scene", "chapter")

# the columns interactions_frame adds after the contract's
_EXTRA = ("answers", "addresses", "shared_scenes", "evidence")


@dataclass
class _Pair:
    answers: int = 0
    addresses: int = 0
    talk_scenes: set[int] = field(default_factory=set)
    shared_scenes: set[int] = field(default_factory=set)


def _known(value: object, known: set[str]) -> str | None:
    if isinstance(value, str) and value in known:
        return value
    return None


def _quotes(turns: pd.DataFrame) -> pd.DataFrame:
    """One row per quotation (the rows of a quote broken by a tag share ``quote``), in text order.

    Its speaker and addressee are the first ones any of its rows has.
    """
    cols = ["quote", "scene", "kind", "speaker", "addressee", "start"]
    t = turns[cols].sort_values("start", kind="stable")
    # GroupBy.first() skips missing values: the first speaker any row of the quote has
    q = t.groupby("quote", sort=False).agg(
        scene=("scene", "first"),
        kind=("kind", "first"),
        speaker=("speaker", "first"),
        addressee=("addressee", "first"),
        start=("start", "min"),
    )
    return q.sort_values("start", kind="stable")


def interactions_frame(
    turns: pd.DataFrame, characters: Iterable[str] | None = None
) -> pd.DataFrame:
    """The ``interactions`` table: one row per ordered pair of characters who interact.

    Three kinds of evidence are counted for a pair ``(source, target)``:

    ``answers``
        ``source`` speaks right after ``target`` in the same scene: the speech
        quotation just before ``source``'s is ``target``'s. An unattributed
        speech in between breaks the chain (we do not know who spoke);
        thoughts and written text are skipped over.
    ``addresses``
        ``source`` speaks (or writes) to ``target``: the quotation's
        ``addressee`` is ``target``. A quotation with an addressee is counted
        here only, never also as an answer.
    ``shared_scenes``
        scenes in which both speak aloud or think (co-presence); symmetric,
        so such a pair appears in both directions.

    Parameters
    ----------
    turns
        The ``turns`` table.
    characters
        The known characters (``story.characters["character"]``). Only they
        appear in the table; a speaker or addressee outside it is ignored.
        By default the speakers found in ``turns``.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``, ``turns`` (``answers + addresses``: the
        quotations ``source`` directs at ``target``), ``scenes`` (the scenes
        where the two talk or are both present), ``weight`` (the pair's
        share of all the evidence: ``turns + scenes`` over the sum of
        ``turns + scenes`` of every pair, so a quotation directed at the
        other counts as much as a scene they share, and the weights sum to 1),
        then ``answers``,
        ``addresses``, ``shared_scenes`` and ``evidence`` (``"conversation"``
        when ``turns > 0``, else ``"co-presence"``). Heaviest pairs first.
    """
    if characters is None:
        known = set(turns["speaker"].dropna()) if len(turns) else set()
    else:
        known = {c for c in characters if isinstance(c, str)}
    pairs: dict[tuple[str, str], _Pair] = defaultdict(_Pair)
    if len(turns) and known:
        quotes = _quotes(turns)
        present: dict[int, set[str]] = defaultdict(set)
        prev: tuple[int, str | None] | None = None  # (scene, speaker) of the last speech
        for q in quotes.itertuples():
            scene = int(q.scene)
            speaker = _known(q.speaker, known)
            if speaker is not None and q.kind in PRESENCE_KINDS:
                present[scene].add(speaker)
            if q.kind not in CONVERSATION_KINDS and _known(q.addressee, known) is None:
                continue
            addressee = _known(q.addressee, known)
            if speaker is not None and addressee is not None and addressee != speaker:
                rec = pairs[(speaker, addressee)]
                rec.addresses += 1
                rec.talk_scenes.add(scene)
            elif (
                speaker is not None
                and q.kind in CONVERSATION_KINDS
                and prev is not None
                and prev[0] == scene
                and prev[1] is not None
                and prev[1] != speaker
            ):
                rec = pairs[(speaker, prev[1])]
                rec.answers += 1
                rec.talk_scenes.add(scene)
            if q.kind in CONVERSATION_KINDS:
                prev = (scene, speaker)
        for scene, names in present.items():
            for a in names:
                for b in names:
                    if a != b:
                        pairs[(a, b)].shared_scenes.add(scene)
    rows = []
    total = sum(
        p.answers + p.addresses + len(p.talk_scenes | p.shared_scenes) for p in pairs.values()
    )
    for (a, b), p in pairs.items():
        n = p.answers + p.addresses
        scenes = len(p.talk_scenes | p.shared_scenes)
        rows.append(
            {
                "source": a,
                "target": b,
                "turns": n,
                "scenes": scenes,
                "weight": (n + scenes) / total,
                "answers": p.answers,
                "addresses": p.addresses,
                "shared_scenes": len(p.shared_scenes),
                "evidence": "conversation" if n else "co-presence",
            }
        )
    rows.sort(key=lambda r: (-r["weight"], -r["turns"], r["source"], r["target"]))
    df = schema.frame("interactions", rows)
    if not rows:
        for c in _EXTRA:
            df[c] = pd.Series(dtype=object if c == "evidence" else "int64")
    for c in ("answers", "addresses", "shared_scenes"):
        df[c] = df[c].astype("int64")
    df["evidence"] = df["evidence"].astype(object)
    return df


def _share_frame(group_col: str | None) -> pd.DataFrame:
    cols: dict[str, pd.Series] = {}
    if group_col:
        cols[group_col] = pd.Series(dtype="int64")
    cols.update(
        character=pd.Series(dtype=object),
        words=pd.Series(dtype="int64"),
        turns=pd.Series(dtype="int64"),
        share=pd.Series(dtype="float64"),
    )
    return pd.DataFrame(cols)


def dialogue_share(
    turns: pd.DataFrame,
    by: str = "words",
    per: str = "story",
    scenes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How much each character speaks: one row per speaking character.

    Every turn with a speaker counts (speech, thought and written text alike),
    as in ``story.characters``: ``turns`` counts rows of the turns table (a
    quotation broken by a tag is two), ``words`` their ``n_words``.

    Parameters
    ----------
    turns
        The ``turns`` table.
    by : {"words", "turns"}
        What ``share`` measures.
    per : {"story", "scene", "chapter"}
        Over the whole story, or within each scene or chapter (a leading
        ``scene`` or ``chapter`` column then says which).
    scenes
        The ``scenes`` table; needed for ``per="chapter"``.

    Returns
    -------
    pandas.DataFrame
        ``[scene | chapter,] character, words, turns, share``; shares sum to
        1 over the speakers (within each scene or chapter). Sorted by scene
        or chapter, then largest share first. Empty (with these columns)
        when no turn has a speaker.

    Examples
    --------
    >>> story.dialogue_share(by="turns", per="scene")  # doctest: +SKIP
    """
    if by not in SHARE_BY:
        raise InputError(f"by= takes 'words' or 'turns', not {by!r}.")
    if per not in SHARE_PER:
        raise InputError(f"per= takes 'story', 'scene' or 'chapter', not {per!r}.")
    group_col = None if per == "story" else per
    spoken = turns[turns["speaker"].notna()] if len(turns) else turns
    if not len(spoken):
        return _share_frame(group_col)
    spoken = spoken[["scene", "speaker", "n_words"]].rename(columns={"speaker": "character"})
    if per == "chapter":
        if scenes is None:
            raise InputError(
                "per='chapter' needs the scenes table: dialogue_share(turns, per='chapter', scenes=...)."
            )
        chapter_of = dict(zip(scenes["scene"], scenes["chapter"]))
        spoken = spoken.assign(chapter=spoken["scene"].map(chapter_of))
        if spoken["chapter"].isna().any():
            raise InputError("some turns are in scenes the scenes table does not list.")
    keys = [group_col, "character"] if group_col else ["character"]
    g = spoken.groupby(keys, sort=False)
    df = pd.DataFrame({"words": g["n_words"].sum(), "turns": g.size()}).reset_index()
    df["words"] = df["words"].astype("int64")
    df["turns"] = df["turns"].astype("int64")
    df["character"] = df["character"].astype(object)
    if group_col:
        df[group_col] = df[group_col].astype("int64")
        total = df.groupby(group_col)[by].transform("sum")
    else:
        total = pd.Series(df[by].sum(), index=df.index)
    # a group whose speakers said no words at all (empty quotes) shares equally
    share = df[by] / total.where(total > 0)
    n = (
        df.groupby(group_col)[by].transform("size")
        if group_col
        else pd.Series(len(df), index=df.index)
    )
    df["share"] = share.fillna(1.0 / n).astype("float64")
    order = ([group_col] if group_col else []) + ["share", "character"]
    asc = ([True] if group_col else []) + [False, True]
    return df.sort_values(order, ascending=asc).reset_index(drop=True)[
        list(_share_frame(group_col).columns)
    ]
