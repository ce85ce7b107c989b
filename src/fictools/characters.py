"""The roster: canonical names, aliases, gender, and how much each one speaks.

Characters come from the names that speaker tags give, grouped so that a
one-word name that is part of exactly one full name joins it ("Tom" and
"Tom Bell"), or from the roster a user gives with ``characters=`` (a mapping
``name -> aliases`` or a list of names). With a given roster every speaker is
one of its names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from . import schema
from .errors import InputError

__all__ = ["Roster", "build_roster", "characters_frame"]

_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|sir|lady|lord|madam|madame|captain|capt|colonel|major|"
    r"general|inspector|detective|professor|aunt|uncle|the)\.?\s+",
    re.IGNORECASE,
)
_FEMALE_TITLES = re.compile(r"^(?:mrs|ms|miss|lady|madam|madame|mme|mlle|aunt|sister|queen|duchess)\b", re.I)
_MALE_TITLES = re.compile(r"^(?:mr|sir|lord|uncle|brother|king|duke|father)\b", re.I)


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).strip().casefold()


def _bare(name: str) -> str:
    prev = None
    out = name.strip()
    while prev != out:
        prev = out
        out = _TITLES.sub("", out)
    return _key(out) or _key(name)


class Roster:
    """Canonical names and their aliases, with a lookup from any alias."""

    def __init__(self, names: Mapping[str, Sequence[str]], given: bool = False) -> None:
        self.aliases: dict[str, list[str]] = {}
        self._lookup: dict[str, str] = {}
        self._bare: dict[str, set[str]] = {}
        self.given = given
        for name, aliases in names.items():
            self.add(name, aliases)

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        al = [name] + [a for a in aliases if a and a != name]
        self.aliases.setdefault(name, [])
        for a in al:
            if a not in self.aliases[name]:
                self.aliases[name].append(a)
            self._lookup.setdefault(_key(a), name)
            self._bare.setdefault(_bare(a), set()).add(name)

    def resolve(self, label: str | None) -> str | None:
        """The canonical name ``label`` stands for, or ``None``."""
        if not label:
            return None
        hit = self._lookup.get(_key(label))
        if hit:
            return hit
        cands = self._bare.get(_bare(label), set())
        return next(iter(cands)) if len(cands) == 1 else None

    def __contains__(self, name: object) -> bool:
        return name in self.aliases

    def __iter__(self):
        return iter(self.aliases)

    def __len__(self) -> int:
        return len(self.aliases)


def parse_characters(characters: Any) -> Roster | None:
    """Read the ``characters=`` argument of :func:`fictools.analyze`."""
    if characters is None:
        return None
    if isinstance(characters, pd.DataFrame):
        if "character" not in characters.columns:
            raise InputError("characters= as a DataFrame needs a 'character' column (and optionally 'aliases').")
        names = {}
        for _, r in characters.iterrows():
            al = r.get("aliases")
            if isinstance(al, str):
                al = [a.strip() for a in al.split("|") if a.strip()]
            names[str(r["character"])] = list(al) if isinstance(al, (list, tuple)) else []
        return Roster(names, given=True)
    if isinstance(characters, Mapping):
        names = {}
        for k, v in characters.items():
            if isinstance(v, str):
                v = [v]
            if v is None:
                v = []
            names[str(k)] = [str(a) for a in v]
        return Roster(names, given=True)
    if isinstance(characters, str):
        raise InputError(
            "characters= takes a list of names or a mapping name -> aliases, "
            f"not a single string ({characters!r}); write characters=[{characters!r}]."
        )
    try:
        items = list(characters)
    except TypeError:
        raise InputError(
            f"characters= takes a list of names or a mapping name -> aliases, not {type(characters).__name__}."
        ) from None
    return Roster({str(n): [] for n in items}, given=True)


def build_roster(speakers: Iterable[str | None], given: Roster | None = None) -> Roster:
    """The roster of a story: the given one, or one grouped from tag names.

    A one-word name joins the single longer name that contains it ("Tom" →
    "Tom Bell"); a name with an honorific joins the bare name when that is
    unique ("Mr. Bell" stays apart from "Tom Bell" only if there are two
    Bells). The canonical name is the longest form seen.
    """
    if given is not None:
        return given
    counts = Counter(s for s in speakers if s)
    names = sorted(counts, key=lambda n: (-len(n.split()), -counts[n], n))
    groups: dict[str, list[str]] = {}
    for n in names:
        parts = _bare(n).split()
        home = None
        for canon in groups:
            cparts = _bare(canon).split()
            if parts == cparts:
                home = canon
                break
            if len(parts) == 1 and parts[0] in cparts and not _TITLES.match(n):
                # a first or last name alone: joins only an unambiguous full name
                others = [c for c in groups if parts[0] in _bare(c).split()]
                if len(others) == 1:
                    home = canon
                    break
        if home is None:
            groups[n] = [n]
        else:
            groups[home].append(n)
    return Roster(groups)


def gender_of(name: str, aliases: Sequence[str]) -> str:
    """``"female"``, ``"male"`` or ``"unknown"`` from honorifics."""
    for a in [name, *aliases]:
        if _FEMALE_TITLES.match(a):
            return "female"
        if _MALE_TITLES.match(a):
            return "male"
    return "unknown"


def count_mentions(text: str, spans: Sequence[tuple[int, int]], roster: Roster) -> Counter:
    """How often each character's names occur in the story content."""
    out: Counter = Counter()
    alias_to = {}
    for name, al in roster.aliases.items():
        for a in al:
            alias_to.setdefault(a, name)
    if not alias_to:
        return out
    pat = re.compile(
        r"\b(?:" + "|".join(re.escape(a) for a in sorted(alias_to, key=len, reverse=True)) + r")\b"
    )
    for s, e in spans:
        for m in pat.finditer(text, s, e):
            out[alias_to[m.group(0)]] += 1
    return out


def characters_frame(roster: Roster, mentions: Mapping[str, int], turns: pd.DataFrame) -> pd.DataFrame:
    """The ``characters`` table: one row per character, most dialogue first."""
    spoken = turns[turns["speaker"].notna()] if len(turns) else turns
    n_turns = spoken.groupby("speaker").size() if len(spoken) else pd.Series(dtype="int64")
    n_words = spoken.groupby("speaker")["n_words"].sum() if len(spoken) else pd.Series(dtype="int64")
    total = float(n_words.sum()) if len(n_words) else 0.0
    rows = []
    for name, al in roster.aliases.items():
        w = int(n_words.get(name, 0))
        rows.append(
            {
                "character": name,
                "aliases": list(al),
                "gender": gender_of(name, al),
                "mentions": int(mentions.get(name, 0)),
                "n_turns": int(n_turns.get(name, 0)),
                "n_words": w,
                "dialogue_share": (w / total) if total else 0.0,
            }
        )
    df = schema.frame("characters", rows)
    if len(df):
        df = df.sort_values(["n_words", "mentions", "character"], ascending=[False, False, True])
        df = df.reset_index(drop=True)
    return df
