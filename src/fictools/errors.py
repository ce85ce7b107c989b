"""Errors raised by fictools.

Every error a user can cause derives from :class:`FictoolsError` and also from
the matching built-in exception, so ``except FileNotFoundError`` (or
``PermissionError``, ``ValueError``, ``UnicodeDecodeError``...) keeps working.
Messages say what happened and what to do about it.

==========================  =====================================  ==============================
error                       also a                                 raised when
==========================  =====================================  ==============================
``InputError``              ``ValueError``                         an argument has a bad type or value
``SourceNotFoundError``     ``FileNotFoundError``                  no file at the path given
``SourceIsDirectoryError``  ``IsADirectoryError``                  the path is a folder
``SourceReadError``         ``OSError``                            the file cannot be read (a device, an I/O error)
``SourceUnreadableError``   ``PermissionError`` (and the above)    no permission to read the file
``EmptySourceError``        ``ValueError``                         the file holds no text
``BinarySourceError``       ``ValueError``                         the file is an image, an archive, a PDF...
``DecodingError``           ``UnicodeDecodeError``                 the bytes are not text in any known encoding
``FormatError``             ``ValueError``                         the file is not the format it claims
``ModelNotFoundError``      ``OSError``                            no trained spaCy pipeline is installed
==========================  =====================================  ==============================
"""

from __future__ import annotations

__all__ = [
    "BinarySourceError",
    "DecodingError",
    "EmptySourceError",
    "FictoolsError",
    "FormatError",
    "InputError",
    "ModelNotFoundError",
    "SourceIsDirectoryError",
    "SourceNotFoundError",
    "SourceReadError",
    "SourceUnreadableError",
]


class FictoolsError(Exception):
    """Base class of every error fictools raises on purpose."""


class InputError(FictoolsError, ValueError):
    """An argument has a value fictools cannot use."""


class SourceNotFoundError(FictoolsError, FileNotFoundError):
    """The path given as a story does not exist."""


class SourceIsDirectoryError(FictoolsError, IsADirectoryError):
    """The path given as a story is a folder, not a file."""


class SourceReadError(FictoolsError, OSError):
    """The file exists but cannot be read (a device, a socket, an I/O error)."""


class SourceUnreadableError(SourceReadError, PermissionError):
    """The file (or a folder on its path) may not be read by this user."""


class EmptySourceError(FictoolsError, ValueError):
    """The file holds no text at all."""


class BinarySourceError(FictoolsError, ValueError):
    """The file is not text (an image, an archive, a PDF...)."""


class DecodingError(FictoolsError, UnicodeDecodeError):
    """The bytes could not be decoded as text in any known encoding.

    A :class:`UnicodeDecodeError` (so also a ``UnicodeError`` and a
    ``ValueError``) whose ``str()`` is fictools' message. ``encoding``,
    ``start`` and ``end`` say where decoding failed when that is known;
    ``object`` holds at most a few dozen bytes around that place, never the
    whole file.

    Parameters
    ----------
    message
        What happened and what to do.
    encoding, data, start, end
        As for :class:`UnicodeDecodeError`: the codec, the bytes, and the
        offending range within them.
    """

    _CONTEXT = 32  # bytes kept on each side of the offending range

    def __init__(
        self,
        message: str,
        encoding: str = "unknown",
        data: bytes = b"",
        start: int = 0,
        end: int | None = None,
    ) -> None:
        end = start + 1 if end is None else end
        lo = max(0, start - self._CONTEXT)
        excerpt = bytes(data[lo : end + self._CONTEXT])
        s = min(start - lo, len(excerpt))
        e = min(max(end - lo, s), len(excerpt))
        UnicodeDecodeError.__init__(self, encoding, excerpt, s, e, message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self):  # pickles (worker processes) with the message, not the codec's args
        return (type(self), (self.message, self.encoding, self.object, self.start, self.end))


class FormatError(FictoolsError, ValueError):
    """The file claims a format (HTML, EPUB) but cannot be read as one."""


class ModelNotFoundError(FictoolsError, OSError):
    """No trained spaCy pipeline is installed."""
