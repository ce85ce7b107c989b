"""Small text helpers shared by the stages (no spaCy here)."""

from __future__ import annotations

import re

__all__ = ["WORD_RE", "count_words", "normalize_quotes", "strip_span"]

# A word: letters/digits with inner apostrophes or hyphens (don't, Hawkins's, well-known).
WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")

_QUOTE_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
    }
)


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of words in ``text[start:end]``."""
    return sum(1 for _ in WORD_RE.finditer(text, start, len(text) if end is None else end))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither begins nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalize_quotes(text: str) -> str:
    """Curly and angle quotes folded to straight ones; same length, so offsets still hold."""
    return text.translate(_QUOTE_FOLD)
