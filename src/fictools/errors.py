"""Errors raised by fictools.

Every error a user can cause derives from :class:`FictoolsError` and also from
the matching built-in exception, so ``except FileNotFoundError`` keeps working.
Messages say what happened and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "FictoolsError",
    "InputError",
    "SourceNotFoundError",
    "SourceIsDirectoryError",
    "EmptySourceError",
    "BinarySourceError",
    "DecodingError",
    "FormatError",
    "ModelNotFoundError",
]


class FictoolsError(Exception):
    """Base class of every error fictools raises on purpose."""


class InputError(FictoolsError, ValueError):
    """An argument has a value fictools cannot use."""


class SourceNotFoundError(FictoolsError, FileNotFoundError):
    """The path given as a story does not exist."""


class SourceIsDirectoryError(FictoolsError, IsADirectoryError):
    """The path given as a story is a folder, not a file."""


class EmptySourceError(FictoolsError, ValueError):
    """The file holds no text at all."""


class BinarySourceError(FictoolsError, ValueError):
    """The file is not text (an image, an archive, a PDF...)."""


class DecodingError(FictoolsError, UnicodeError):
    """The bytes could not be decoded as text in any known encoding."""


class FormatError(FictoolsError, ValueError):
    """The file claims a format (HTML, EPUB) but cannot be read as one."""


class ModelNotFoundError(FictoolsError, OSError):
    """No trained spaCy pipeline is installed."""
