"""The table contract: each table's columns and dtypes, in one place.

Used to build empty tables, to give every result the same column order, to
check results in tests, and as Dask's ``meta``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["TABLES", "check", "empty", "frame"]

# pandas dtype per column; "object" columns hold str / list / None.
TABLES: dict[str, dict[str, str]] = {
    "scenes": {
        "scene": "int64",
        "chapter": "int64",
        "start": "int64",
        "end": "int64",
        "heading": "object",
        "chapter_title": "object",
        "n_words": "int64",
    },
    "paragraphs": {
        "paragraph": "int64",
        "scene": "int64",
        "start": "int64",
        "end": "int64",
        "n_words": "int64",
    },
    "turns": {
        "turn": "int64",
        "quote": "int64",
        "scene": "int64",
        "paragraph": "int64",
        "start": "int64",
        "end": "int64",
        "text": "object",
        "kind": "object",
        "speaker": "object",
        "addressee": "object",
        "method": "object",
        "confidence": "float64",
        "n_words": "int64",
    },
    "characters": {
        "character": "object",
        "aliases": "object",
        "gender": "object",
        "mentions": "int64",
        "n_turns": "int64",
        "n_words": "int64",
        "dialogue_share": "float64",
    },
    "passages": {
        "passage": "int64",
        "scene": "int64",
        "start": "int64",
        "end": "int64",
        "position": "float64",
        "n_words": "int64",
        "polarity": "float64",
        "subjectivity": "float64",
        "dialogue": "bool",
    },
    "interactions": {
        "source": "object",
        "target": "object",
        "turns": "int64",
        "scenes": "int64",
        "weight": "float64",
    },
}


def _columns(table: str) -> dict[str, str]:
    try:
        return TABLES[table]
    except KeyError:
        raise KeyError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}") from None


def empty(table: str) -> pd.DataFrame:
    """An empty DataFrame with ``table``'s columns and dtypes."""
    cols = _columns(table)
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in cols.items()})


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build ``table`` from row dicts: contract columns first, in order, with their dtypes.

    Extra keys become extra columns after the contract's. Missing values stay
    ``None``/``NaN``; object columns are never turned into strings.
    """
    cols = _columns(table)
    rows = list(rows)
    if not rows:
        return empty(table)
    extra = list(dict.fromkeys(k for r in rows for k in r if k not in cols))
    data: dict[str, pd.Series] = {}
    for c in [*cols, *extra]:
        values = [r.get(c) for r in rows]
        d = cols.get(c)
        if d == "object":
            # built as objects from the start: a story's text may hold characters
            # (lone surrogates) that a string dtype backed by Arrow cannot store
            data[c] = pd.Series(values, dtype=object).where(pd.notna(pd.Series(values, dtype=object)), None)
        elif d is not None:
            data[c] = pd.Series(values).astype(d)
        else:
            data[c] = pd.Series(values)
    return pd.DataFrame(data)


def check(table: str, df: pd.DataFrame) -> None:
    """Raise ``AssertionError`` unless ``df`` has ``table``'s columns, in order, with its dtypes."""
    cols = _columns(table)
    head = list(df.columns[: len(cols)])
    assert head == list(cols), f"{table}: columns {head} != {list(cols)}"
    for c, d in cols.items():
        if d == "object":
            assert df[c].dtype == object, f"{table}.{c}: dtype {df[c].dtype} is not object"
        else:
            assert str(df[c].dtype) == d, f"{table}.{c}: dtype {df[c].dtype} != {d}"
