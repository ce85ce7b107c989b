"""fictools: computational analysis of fiction.

Point it at a story and get tidy pandas tables and matplotlib charts::

    import fictools
    story = fictools.analyze("my_story.txt")
    story.turns          # every line of dialogue, with its speaker
    story.plot_arc()     # the emotional arc
    corpus = fictools.analyze_many(["a.txt", "b.txt"])   # many stories
    corpus.dialogue_share()                             # with a `story` column

Importing fictools loads nothing heavy: spaCy and its pipeline are loaded on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import FictoolsError, InputError, ModelNotFoundError

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "FictoolsError",
    "InputError",
    "ModelNotFoundError",
    "Source",
    "Story",
    "__version__",
    "analyze",
    "analyze_many",
    "read",
]

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus, analyze_many
    from .pipeline import analyze
    from .sources import Source, read
    from .story import Story

_LAZY = {
    "analyze": ("pipeline", "analyze"),
    "analyze_many": ("corpus", "analyze_many"),
    "Corpus": ("corpus", "Corpus"),
    "read": ("sources", "read"),
    "Source": ("sources", "Source"),
    "Story": ("story", "Story"),
}


def __getattr__(name: str) -> Any:
    # Lazy attributes keep `import fictools` light (no pandas, spaCy or matplotlib).
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'fictools' has no attribute {name!r}") from None
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
