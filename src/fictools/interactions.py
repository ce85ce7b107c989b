"""Who talks to whom, and how much each character speaks."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from . import schema

__all__ = ["interactions_frame", "dialogue_share"]


def interactions_frame(turns: pd.DataFrame) -> pd.DataFrame:
    """Directed pairs from conversation: A speaks and B answers next in the same scene.

    An explicit ``addressee`` counts as A speaking to B too. ``turns`` is the
    number of such exchanges, ``scenes`` how many scenes they happen in and
    ``weight`` their share of all exchanges.
    """
    pairs: dict[tuple[str, str], list] = defaultdict(lambda: [0, set()])
    if len(turns):
        quotes = (
            turns.dropna(subset=["speaker"])
            .drop_duplicates("quote")
            .sort_values("start")[["quote", "scene", "speaker", "addressee"]]
        )
        prev = None
        for q in quotes.itertuples(index=False):
            if q.addressee is not None and q.addressee == q.addressee and q.addressee != q.speaker:
                rec = pairs[(q.speaker, q.addressee)]
                rec[0] += 1
                rec[1].add(q.scene)
            elif prev is not None and prev.scene == q.scene and prev.speaker != q.speaker:
                rec = pairs[(q.speaker, prev.speaker)]
                rec[0] += 1
                rec[1].add(q.scene)
            prev = q
    total = sum(v[0] for v in pairs.values())
    rows = [
        {"source": a, "target": b, "turns": n, "scenes": len(sc), "weight": n / total}
        for (a, b), (n, sc) in sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]
    return schema.frame("interactions", rows)


def dialogue_share(turns: pd.DataFrame, by: str = "words") -> pd.DataFrame:
    """One row per speaking character: ``character``, ``words``, ``turns``, ``share``.

    ``share`` is the character's part of all attributed words (``by="words"``)
    or turns (``by="turns"``); shares sum to 1 over the speakers.
    """
    if by not in ("words", "turns"):
        from .errors import InputError

        raise InputError(f"by= takes 'words' or 'turns', not {by!r}.")
    spoken = turns[turns["speaker"].notna()] if len(turns) else turns
    if not len(spoken):
        return pd.DataFrame(
            {
                "character": pd.Series(dtype=object),
                "words": pd.Series(dtype="int64"),
                "turns": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        )
    g = spoken.groupby("speaker")
    df = pd.DataFrame({"words": g["n_words"].sum().astype("int64"), "turns": g.size().astype("int64")})
    df.index.name = "character"
    df = df.reset_index()
    df["character"] = df["character"].astype(object)
    col = df[by]
    df["share"] = col / col.sum() if col.sum() else 0.0
    return df.sort_values(["share", "character"], ascending=[False, True]).reset_index(drop=True)
