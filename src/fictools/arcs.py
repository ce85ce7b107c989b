"""Emotional arcs: passage scores resampled to narrative time and smoothed.

Narrative time runs from 0 (the first character of the story's content) to 1
(the last); a passage or turn sits at the midpoint of its span. An arc is
``points`` evenly spaced steps of narrative time with, at each step, the raw
scores (``polarity``: the length-weighted mean of the passages nearest that
step, NaN where none is) and the ``smoothed`` curve.

Smoothers (``smooth=``), each over ``window`` of the story:

``"rolling"``
    A centred moving average over ``window`` of narrative time, weighted by
    passage length.
``"loess"``
    Local linear regression (numpy only) with tricube weights over a
    half-width of ``0.75 * window`` (widened to reach at least three
    passages), which smooths about as much as a moving average of
    ``window``; it follows slopes, including at the ends, without flattening
    them.
``"dct"``
    syuzhet's ``get_dct_transform``: the scores binned on a fine grid of
    narrative time, a discrete cosine transform, the first ``components``
    kept (default ``round(1 / window)``: 10 for ``window=0.1``, syuzhet's 5
    for ``window=0.2``) and transformed back. Unlike the Fourier low-pass
    filter it replaced, it does not force the two ends of a story to meet.

Per character (``by="character"``), ``source=`` picks what is scored:

``"lines"``
    The character's own words: the turns whose ``speaker`` is the character.
``"presence"``
    The passages where the character is present. A character is present in a
    passage that names them (their name or one of their aliases, as a whole
    word, case-sensitive) or holds one of their turns, and in every passage of
    the same scene between the first and the last such passage: from their
    entrance to their last appearance in a scene, where a pronoun usually
    stands for them.

Shapes: :func:`arc_shape` fits Reagan et al.'s (2016) six basic shapes as
cosine templates (the low modes their SVD found) and scores each by its
Pearson correlation with the arc.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .story import Story

__all__ = [
    "SHAPES",
    "SMOOTHERS",
    "arc_shape",
    "character_arcs",
    "check",
    "check_column",
    "check_components",
    "presence",
    "resample",
    "scene_arc",
    "smooth_dct",
    "smooth_loess",
    "smooth_rolling",
    "story_arc",
    "turn_scores",
]

SMOOTHERS = ("rolling", "loess", "dct")

# name -> (the course of fortune, template on narrative time t in 0..1)
SHAPES: dict[str, tuple[str, Callable[[np.ndarray], np.ndarray]]] = {
    "rags to riches": ("rise", lambda t: -np.cos(np.pi * t)),
    "tragedy": ("fall", lambda t: np.cos(np.pi * t)),
    "man in a hole": ("fall-rise", lambda t: np.cos(2 * np.pi * t)),
    "Icarus": ("rise-fall", lambda t: -np.cos(2 * np.pi * t)),
    "Cinderella": ("rise-fall-rise", lambda t: -np.cos(3 * np.pi * t)),
    "Oedipus": ("fall-rise-fall", lambda t: np.cos(3 * np.pi * t)),
}


# --------------------------------------------------------------------------
# argument checks


MAX_POINTS = 100_000  # a finer grid than this only costs memory and time


def _brief(value: object) -> str:
    """A short repr of a value for an error message."""
    import reprlib

    return reprlib.repr(value)


def _whole(name: str, value: object, lo: int, hi: int | None = None, what: str = "") -> int:
    """``value`` as an int when it is a whole number in ``lo..hi``; else an InputError."""
    ok = (
        not isinstance(value, (bool, np.bool_))
        and isinstance(value, (int, np.integer))
        and lo <= value
        and (hi is None or value <= hi)
    )
    if not ok:
        span = f"from {lo:,} to {hi:,}" if hi is not None else f"of at least {lo:,}"
        raise InputError(f"{name}= takes a whole number {span}{what}, not {_brief(value)}.")
    return int(value)


def check(points: int, smooth: str, window: float, components: int | None = None) -> None:
    """Raise :class:`~fictools.InputError` unless the arc arguments are usable."""
    _whole("points", points, 2, MAX_POINTS, " (the steps of narrative time)")
    if not isinstance(smooth, str) or smooth not in SMOOTHERS:
        raise InputError(
            f"smooth= takes {', '.join(repr(s) for s in SMOOTHERS)}, not {_brief(smooth)}."
        )
    if (
        isinstance(window, (bool, np.bool_))
        or not isinstance(window, (int, float, np.integer, np.floating))
        or not 0 < window <= 1
    ):
        raise InputError(
            f"window= is a share of the story between 0 and 1 (e.g. 0.1), not {_brief(window)}."
        )
    check_components(components)


def check_components(components: int | None) -> None:
    """Raise :class:`~fictools.InputError` unless ``components`` is None or a count of cosines."""
    if components is not None:
        _whole("components", components, 1, None, " (the cosines the DCT keeps) or None")


def check_column(passages: pd.DataFrame, column: str) -> None:
    """Raise :class:`~fictools.InputError` unless ``column`` is a score of the passages."""
    scores = [c for c in passages.columns if passages[c].dtype.kind == "f" and c != "position"]
    if column not in scores:
        raise InputError(
            f"column={column!r} is not a score of the passages; use one of {', '.join(scores)}."
        )


# --------------------------------------------------------------------------
# resampling and smoothing: plain numpy on (position, value, weight)


def resample(pos: np.ndarray, val: np.ndarray, weight: np.ndarray, points: int) -> np.ndarray:
    """The raw arc: each value goes to the nearest of ``points`` steps; steps average their values.

    Parameters
    ----------
    pos, val, weight
        Positions (0..1), scores and weights (e.g. words) of the passages.
    points
        Number of evenly spaced steps from 0 to 1.

    Returns
    -------
    numpy.ndarray
        The weighted mean per step, NaN where no passage falls.
    """
    raw = np.full(points, np.nan)
    if not len(pos):
        return raw
    idx = np.clip(np.rint(np.asarray(pos) * (points - 1)).astype(int), 0, points - 1)
    sw = np.bincount(idx, weights=weight, minlength=points)
    sv = np.bincount(idx, weights=weight * val, minlength=points)
    has = sw > 0
    raw[has] = sv[has] / sw[has]
    return raw


def smooth_rolling(
    pos: np.ndarray, val: np.ndarray, weight: np.ndarray, grid: np.ndarray, window: float
) -> np.ndarray:
    """Centred moving average over ``window`` of narrative time, weighted; NaN where empty."""
    out = np.full(len(grid), np.nan)
    if not len(pos):
        return out
    half = window / 2
    order = np.argsort(pos)
    p, v, w = pos[order], val[order], weight[order]
    cw = np.concatenate([[0.0], np.cumsum(w)])
    cv = np.concatenate([[0.0], np.cumsum(w * v)])
    lo = np.searchsorted(p, grid - half - 1e-12, side="left")
    hi = np.searchsorted(p, grid + half + 1e-12, side="right")
    sw = cw[hi] - cw[lo]
    has = sw > 0
    out[has] = (cv[hi] - cv[lo])[has] / sw[has]
    return out


def smooth_loess(
    pos: np.ndarray, val: np.ndarray, weight: np.ndarray, grid: np.ndarray, window: float
) -> np.ndarray:
    """Local linear regression with tricube weights (loess of degree 1), numpy only.

    The kernel's half-width is ``0.75 * window`` (a tricube kernel that wide
    has the spread of a flat window of ``window``), widened at each point to
    reach at least three passages.
    """
    out = np.full(len(grid), np.nan)
    n = len(pos)
    if not n:
        return out
    base = 0.75 * window
    k = min(3, n)
    for i, g in enumerate(grid):
        d = np.abs(pos - g)
        h = max(base, np.partition(d, k - 1)[k - 1] * 1.0001, 1e-9)
        u = np.clip(d / h, 0.0, 1.0)
        wt = weight * (1 - u**3) ** 3
        sw = wt.sum()
        if sw <= 0:
            continue
        x = pos - g
        mx = (wt * x).sum() / sw
        my = (wt * val).sum() / sw
        sxx = (wt * (x - mx) ** 2).sum()
        slope = (wt * (x - mx) * (val - my)).sum() / sxx if sxx > 1e-12 * sw else 0.0
        out[i] = my - slope * mx  # the local line's value at x = 0, i.e. at g
    return out


def smooth_dct(
    pos: np.ndarray,
    val: np.ndarray,
    weight: np.ndarray,
    grid: np.ndarray,
    window: float,
    components: int | None = None,
) -> np.ndarray:
    """syuzhet's DCT low-pass: keep the first ``components`` cosines of the binned scores.

    The scores are averaged into at least 100 equal bins of narrative time
    (empty bins interpolated), transformed with a DCT-II, and the curve of the
    first ``components`` coefficients is evaluated on ``grid``. The cosine
    basis has no constraint at the ends, so a story that ends happier than it
    began keeps that difference.
    """
    check_components(components)
    out = np.full(len(grid), np.nan)
    if not len(pos):
        return out
    if components is None:
        components = max(2, round(1 / window))
    bins = max(100, len(grid))
    centres = (np.arange(bins) + 0.5) / bins
    idx = np.clip((np.asarray(pos) * bins).astype(int), 0, bins - 1)
    sw = np.bincount(idx, weights=weight, minlength=bins)
    sv = np.bincount(idx, weights=weight * val, minlength=bins)
    has = sw > 0
    x = np.interp(centres, centres[has], sv[has] / sw[has])
    k = min(int(components), bins)
    j = np.arange(k)
    basis = np.cos(np.pi * np.outer(j, centres))  # k x bins, DCT-II
    coef = basis @ x
    scale = np.full(k, 2.0 / bins)
    scale[0] = 1.0 / bins
    return (scale * coef) @ np.cos(np.pi * np.outer(j, grid))


def _smooth(
    smooth: str,
    pos: np.ndarray,
    val: np.ndarray,
    weight: np.ndarray,
    grid: np.ndarray,
    window: float,
    components: int | None,
) -> np.ndarray:
    if smooth == "rolling":
        return smooth_rolling(pos, val, weight, grid, window)
    if smooth == "loess":
        return smooth_loess(pos, val, weight, grid, window)
    return smooth_dct(pos, val, weight, grid, window, components)


def _reach(window: float, points: int) -> float:
    """The window a moving average uses: at least one step of the grid."""
    return max(window, 1.0 / (points - 1))


def _fill_inside(values: np.ndarray, both: bool) -> np.ndarray:
    """Interpolate NaN gaps; past the first and last value too when ``both``."""
    s = pd.Series(values)
    if both:
        return s.interpolate(limit_direction="both").to_numpy()
    return s.interpolate(limit_area="inside").to_numpy()


def _arc_frame(
    pos: np.ndarray,
    val: np.ndarray,
    weight: np.ndarray,
    points: int,
    smooth: str,
    window: float,
    components: int | None,
    fill_ends: bool,
    column: str,
) -> pd.DataFrame:
    grid = np.linspace(0.0, 1.0, points)
    ok = np.isfinite(val) & np.isfinite(pos)
    pos, val, weight = pos[ok], val[ok], np.maximum(weight[ok], 1.0)
    raw = resample(pos, val, weight, points)
    # on a coarse grid a moving average still covers its own step
    sm = _smooth(
        smooth,
        pos,
        val,
        weight,
        grid,
        window if smooth == "dct" else _reach(window, points),
        components,
    )
    if not len(pos):
        sm = np.full(points, np.nan)
    elif smooth != "dct":
        sm = _fill_inside(sm, both=fill_ends)
    return pd.DataFrame({"position": grid, column: raw, "smoothed": sm})


# --------------------------------------------------------------------------
# arcs of a story


def story_arc(
    story: Story,
    points: int = 100,
    smooth: str = "rolling",
    window: float = 0.1,
    column: str = "polarity",
    components: int | None = None,
) -> pd.DataFrame:
    """The story's arc: ``position``, the raw ``column`` per step and ``smoothed``.

    See :meth:`fictools.Story.arc`.
    """
    check(points, smooth, window, components)
    p = story.passages
    check_column(p, column)
    return _arc_frame(
        p["position"].to_numpy(float),
        p[column].to_numpy(float),
        p["n_words"].to_numpy(float),
        points,
        smooth,
        window,
        components,
        fill_ends=True,
        column=column,
    )


def scene_arc(story: Story, column: str = "polarity") -> pd.DataFrame:
    """One row per scene: where it lies in narrative time and its mean score.

    Columns: ``scene``, ``position`` (its midpoint), ``position_start``,
    ``position_end``, ``n_passages``, ``n_words``, ``column`` (the mean of its
    passages weighted by their words; NaN for a scene without prose) and
    ``sd`` (their weighted standard deviation).
    """
    p = story.passages
    check_column(p, column)
    cs, ce = story.source.content
    length = max(ce - cs, 1)
    rows = []
    for sc in story.scenes.itertuples(index=False):
        m = p[p["scene"] == sc.scene]
        w = np.maximum(m["n_words"].to_numpy(float), 1.0)
        v = m[column].to_numpy(float)
        mean = float(np.average(v, weights=w)) if len(m) else float("nan")
        sd = float(np.sqrt(np.average((v - mean) ** 2, weights=w))) if len(m) else float("nan")
        a = min(max((sc.start - cs) / length, 0.0), 1.0)
        b = min(max((sc.end - cs) / length, 0.0), 1.0)
        rows.append(
            {
                "scene": int(sc.scene),
                "position": (a + b) / 2,
                "position_start": a,
                "position_end": b,
                "n_passages": len(m),
                "n_words": int(m["n_words"].sum()),
                column: mean,
                "sd": sd,
            }
        )
    cols = [
        "scene",
        "position",
        "position_start",
        "position_end",
        "n_passages",
        "n_words",
        column,
        "sd",
    ]
    if not rows:
        return pd.DataFrame(
            {
                c: pd.Series(
                    dtype="int64" if c in ("scene", "n_passages", "n_words") else "float64"
                )
                for c in cols
            }
        )
    return pd.DataFrame(rows, columns=cols)


def turn_scores(story: Story) -> pd.Series:
    """The polarity of each turn's own words, aligned with ``story.turns``.

    Uses a ``polarity`` column of the turns when there is one; otherwise
    scores each turn's ``text`` with the story's scorer.
    """
    t = story.turns
    if "polarity" in t.columns:
        return t["polarity"].astype(float)
    from .sentiment import SCORERS, score_turns

    scorer = SCORERS.get(story.scorer)
    if scorer is None:
        raise InputError(
            f"this story was scored with your own function ({story.scorer!r}), which fictools did not "
            "keep; score the turns with it first: story.turns['polarity'] = story.turns['text'].map(fn)."
        )
    return score_turns(t, scorer)


def _name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    names = sorted({n for n in names if n and n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def presence(story: Story) -> pd.DataFrame:
    """Which characters are present in which passages.

    A character is present in a passage that names them (their name or an
    alias, whole word, case-sensitive) or overlaps one of their turns, and in
    every passage of the same scene between the first and the last such
    passage.

    Returns
    -------
    pandas.DataFrame
        One row per (passage, character) pair: ``passage``, ``character``,
        ``named`` (the passage names them or holds one of their lines).
    """
    p = story.passages
    chars = story.characters
    turns = story.turns
    cols = ["passage", "character", "named"]
    if not len(p) or not len(chars):
        return pd.DataFrame(
            {
                "passage": pd.Series(dtype="int64"),
                "character": pd.Series(dtype=object),
                "named": pd.Series(dtype=bool),
            }
        )
    order = np.argsort(p["start"].to_numpy(), kind="stable")
    starts = p["start"].to_numpy()[order]
    ends = p["end"].to_numpy()[order]
    scenes = p["scene"].to_numpy()[order]
    ids = p["passage"].to_numpy()[order]

    # every name and alias -> the characters it names; one pass over the text
    owners: dict[str, list[str]] = {}
    for c in chars.itertuples(index=False):
        aliases = c.aliases if isinstance(c.aliases, (list, tuple)) else []
        for n in {c.character, *aliases}:
            if isinstance(n, str) and n.strip():
                owners.setdefault(n, []).append(c.character)
    named: dict[str, set[int]] = {c: set() for c in chars["character"]}
    pat = _name_pattern(list(owners))
    if pat is not None:
        lo, hi = int(starts.min()), int(ends.max())
        for m in pat.finditer(story.text, lo, hi):
            i = int(np.searchsorted(starts, m.start(), side="right")) - 1
            if i >= 0 and m.end() <= ends[i]:
                for c in owners[m.group(0)]:
                    named[c].add(i)
    if len(turns):
        for t in turns[turns["speaker"].isin(list(named))].itertuples(index=False):
            i = max(int(np.searchsorted(ends, t.start, side="right")), 0)
            while i < len(starts) and starts[i] < t.end:
                named[t.speaker].add(i)
                i += 1

    rows: list[tuple[int, str, bool]] = []
    for c, hits in named.items():
        if not hits:
            continue
        idx = np.array(sorted(hits))
        present = set(hits)
        for sc in np.unique(scenes[idx]):
            in_scene = idx[scenes[idx] == sc]
            span = np.flatnonzero(scenes == sc)
            present.update(int(j) for j in span if in_scene[0] <= j <= in_scene[-1])
        rows.extend((int(ids[j]), c, j in hits) for j in present)
    out = pd.DataFrame(rows, columns=cols)
    out["named"] = out["named"].astype(bool)
    return out.sort_values(["passage", "character"], kind="stable").reset_index(drop=True)


def _default_characters(story: Story, source: str, top: int = 6) -> list[str]:
    chars = story.characters
    if not len(chars):
        return []
    key = "n_turns" if source == "lines" else "mentions"
    ranked = chars.sort_values([key, "n_words"], ascending=False, kind="stable")
    if source == "lines":
        ranked = ranked[ranked["n_turns"] > 0]
    return list(ranked["character"].head(top))


def _names(characters: object, roster: str) -> list[str]:
    """``characters=`` as a list of names without repeats: one name, or an iterable of names."""
    if isinstance(characters, str):
        return [characters]
    bad = isinstance(characters, (bytes, pd.DataFrame)) or not isinstance(characters, Iterable)
    names = [] if bad else list(characters)  # type: ignore[call-overload]
    if bad or not all(isinstance(n, str) for n in names):
        raise InputError(
            f"characters= takes a name or a list of names (the characters are: {roster}), "
            f"not {_brief(characters)}."
        )
    return list(dict.fromkeys(names))


def character_arcs(
    story: Story,
    characters: Sequence[str] | str | None = None,
    source: str = "lines",
    points: int = 100,
    smooth: str = "rolling",
    window: float = 0.1,
    column: str = "polarity",
    components: int | None = None,
) -> pd.DataFrame:
    """One arc per character, in long form: ``character``, ``position``, ``column``, ``smoothed``.

    Each character's arc spans the whole story (0..1); its smoothed curve is
    NaN where none of their lines (or passages) lies within half a window,
    so it breaks where they are absent, and the raw steps are NaN where none
    falls. See the module docstring for ``source``.
    """
    check(points, smooth, window, components)
    if not isinstance(source, str) or source not in ("lines", "presence"):
        raise InputError(
            f"source= takes 'lines' (a character's own words) or 'presence', not {_brief(source)}."
        )
    known = list(story.characters["character"]) if len(story.characters) else []
    roster = ", ".join(map(str, known)) if known else "(none found)"
    if characters is None:
        names = _default_characters(story, source)
    else:
        names = _names(characters, roster)
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InputError(
                f"characters= names {', '.join(repr(u) for u in unknown)}, not a character of "
                f"this story; the characters are: {roster}."
            )
    cs, ce = story.source.content
    length = max(ce - cs, 1)
    frames = []
    if source == "lines":
        if column != "polarity":
            raise InputError(
                "source='lines' scores polarity only; use source='presence' for other columns."
            )
        t = story.turns
        scores = turn_scores(story) if len(t) else pd.Series(dtype=float)
        for name in names:
            m = (t["speaker"] == name).to_numpy() if len(t) else np.zeros(0, dtype=bool)
            sel = t[m]
            pos = np.clip(((sel["start"] + sel["end"]) / 2 - cs).to_numpy(float) / length, 0.0, 1.0)
            f = _arc_frame(pos, scores[m].to_numpy(float), sel["n_words"].to_numpy(float), points, smooth,
                           window, components, fill_ends=False, column=column)  # fmt: skip
            f.insert(0, "character", name)
            frames.append(_blank_gaps(f, pos, _reach(window, points)))
    else:
        p = story.passages
        check_column(p, column)
        pres = presence(story)
        for name in names:
            ids = set(pres.loc[pres["character"] == name, "passage"])
            sel = p[p["passage"].isin(ids)]
            pos = sel["position"].to_numpy(float)
            f = _arc_frame(pos, sel[column].to_numpy(float), sel["n_words"].to_numpy(float), points, smooth,
                           window, components, fill_ends=False, column=column)  # fmt: skip
            f.insert(0, "character", name)
            frames.append(_blank_gaps(f, pos, _reach(window, points)))
    if not frames:
        return pd.DataFrame({"character": pd.Series(dtype=object), "position": pd.Series(dtype=float),
                             column: pd.Series(dtype=float), "smoothed": pd.Series(dtype=float)})  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def _blank_gaps(f: pd.DataFrame, pos: np.ndarray, window: float) -> pd.DataFrame:
    """NaN the smoothed curve where none of a character's points lies within half a window.

    A character absent for a stretch of the story has no arc there: the line
    breaks instead of bridging the gap (or, for the DCT, inventing a course).
    """
    if not len(pos):
        f["smoothed"] = np.nan
        return f
    p = np.sort(pos)
    g = f["position"].to_numpy(float)
    i = np.clip(np.searchsorted(p, g), 1, len(p)) if len(p) > 1 else np.ones(len(g), dtype=int)
    left = p[np.clip(i - 1, 0, len(p) - 1)]
    right = p[np.clip(i, 0, len(p) - 1)]
    near = np.minimum(np.abs(g - left), np.abs(g - right))
    f.loc[near > window / 2 + 1e-12, "smoothed"] = np.nan
    return f


# --------------------------------------------------------------------------
# shapes


def arc_shape(arc: pd.DataFrame | Sequence[float] | np.ndarray) -> pd.DataFrame:
    """How well each of Reagan et al.'s six shapes fits an arc.

    Parameters
    ----------
    arc
        An arc from :meth:`Story.arc` (its ``smoothed`` column is used), or the
        values of a curve evenly spaced over narrative time.

    Returns
    -------
    pandas.DataFrame
        ``shape``, ``pattern`` (e.g. ``"fall-rise"``), ``fit`` (the Pearson
        correlation of the curve with the shape's template, -1..1) and
        ``amplitude`` (how far the fitted template rises or falls, in the
        arc's units: a good fit with a tiny amplitude is a nearly flat arc),
        best fit first. A fit under about 0.5 means that no shape describes
        the arc well.

    Examples
    --------
    >>> import numpy as np
    >>> arc_shape(np.sin(np.linspace(0, np.pi, 50)))["shape"].iloc[0]
    'Icarus'
    """
    takes = (
        "arc_shape() takes an arc from Story.arc() (with a numeric 'smoothed' column) or a list "
        "of numbers evenly spaced over narrative time"
    )
    if isinstance(arc, pd.DataFrame):
        if "smoothed" not in arc.columns or "character" in arc.columns:
            what = (
                "a per-character arc (pick one character's rows first)"
                if "character" in arc.columns
                else f"a table with the columns {_brief(list(arc.columns))}"
            )
            raise InputError(f"{takes}, not {what}.")
        try:
            y = arc["smoothed"].to_numpy(float)
            if "position" in arc.columns:
                t = arc["position"].to_numpy(float)
            else:
                t = np.linspace(0, 1, len(y))
        except (TypeError, ValueError):
            raise InputError(f"{takes}; this arc's columns are not numbers.") from None
    else:
        try:
            y = np.asarray(arc, dtype=float)
        except (TypeError, ValueError):
            y = None
        if y is None or isinstance(arc, (str, bytes)) or y.ndim != 1:
            raise InputError(f"{takes}, not {_brief(arc)}.")
        t = np.linspace(0, 1, len(y))
    ok = np.isfinite(y)
    y, t = y[ok], t[ok]
    rows = []
    for name, (pattern, template) in SHAPES.items():
        tpl = template(t)
        fit = amp = float("nan")
        if len(y) >= 3 and np.std(y) > 1e-12:
            fit = float(np.corrcoef(y, tpl)[0, 1])
            tc = tpl - tpl.mean()
            amp = float(
                2 * (tc @ (y - y.mean())) / (tc @ tc)
            )  # least squares: y ~ c + amp/2 * template
        rows.append({"shape": name, "pattern": pattern, "fit": fit, "amplitude": amp})
    out = pd.DataFrame(rows)
    return out.sort_values("fit", ascending=False, na_position="last", kind="stable").reset_index(
        drop=True
    )
