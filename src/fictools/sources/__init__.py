"""Reading stories: plain text in any encoding, Project Gutenberg files, AO3 HTML and EPUB.

:func:`read` turns what a user passes to :func:`fictools.analyze` (a path, the
story's text, bytes, or a :class:`Source`) into a :class:`Source`: the text
every later offset indexes, its metadata, its chapters, and the ranges of
front matter, back matter, notes and boilerplate that are not story.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import stat

from ..errors import (
    BinarySourceError,
    EmptySourceError,
    FormatError,
    InputError,
    SourceIsDirectoryError,
    SourceNotFoundError,
    SourceReadError,
    SourceUnreadableError,
)
from .base import Chapter, Matter, Source
from .gutenberg import is_gutenberg, parse_gutenberg
from .matter import apply_matter
from .text import cap, decode, is_epub_bytes, looks_like_html, sniff_binary

__all__ = ["FORMATS", "STORY_EXTENSIONS", "Chapter", "Matter", "Source", "read"]

SourceLike = str | os.PathLike[str] | bytes | Source

#: The values ``format=`` accepts.
FORMATS: tuple[str, ...] = ("text", "gutenberg", "html", "epub")
_ALIASES = {
    "txt": "text",
    "plain": "text",
    "plaintext": "text",
    "md": "text",
    "htm": "html",
    "xhtml": "html",
}

_TEXT_EXTS = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})
_HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".xht"})
_EPUB_EXTS = frozenset({".epub"})
#: File extensions fictools reads as stories.
STORY_EXTENSIONS: frozenset[str] = _TEXT_EXTS | _HTML_EXTS | _EPUB_EXTS
# Extensions that make a one-line str a path (a typo'd file name), never a story.
_PATH_EXTS = STORY_EXTENSIONS | {
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".mobi", ".azw", ".azw3", ".fb2", ".zip", ".gz",
}  # fmt: skip
_PATH_EXT_RE = re.compile(
    r"\S\.(?:" + "|".join(sorted(re.escape(e[1:]) for e in _PATH_EXTS)) + r")$", re.IGNORECASE
)
_MAX_PATH_LEN = 1024


def _check_format(format: str | None) -> str | None:
    if format is None:
        return None
    if not isinstance(format, str):
        raise InputError(
            f"format= must be a str or None, not {type(format).__name__}. "
            f"Use one of {', '.join(map(repr, FORMATS))}, or None to detect it."
        )
    f = format.strip().lower().lstrip(".")
    f = _ALIASES.get(f, f)
    if f not in FORMATS:
        raise InputError(
            f"Unknown format {format!r}. Use one of {', '.join(map(repr, FORMATS))}, "
            "or format=None to detect it from the file."
        )
    return f


def _looks_like_path(s: str) -> bool:
    """A one-line str that was surely meant as a file name, not as a story."""
    t = s.strip()
    if not t or any(ord(c) < 32 for c in t):
        return False
    if _PATH_EXT_RE.search(t):
        return True
    if not re.search(r"\s", t) and ("/" in t or "\\" in t):
        return True
    if t.startswith(("~/", "~\\", "./", ".\\", "../", "..\\")):
        return True
    return bool(re.match(r"^[A-Za-z]:[\\/]", t))


def _is_text(s: str) -> bool:
    """Decide whether a str is the story's text (True) or a path (False)."""
    if "\n" in s or "\r" in s or len(s) > _MAX_PATH_LEN:
        return True
    try:
        if os.path.exists(os.path.expanduser(s)):
            return False
    except (ValueError, OSError):  # NUL bytes, names too long for the OS
        return True
    return not _looks_like_path(s)


def _not_found(shown: str, full: str) -> SourceNotFoundError:
    msg = f"No story file at '{shown}'"
    absolute = os.path.abspath(full)
    if absolute != shown:
        msg += f" (looked for {absolute})"
    msg += "."
    parent = os.path.dirname(absolute)
    if os.path.isdir(parent):
        try:
            names = os.listdir(parent)
        except OSError:
            names = []
        close = difflib.get_close_matches(os.path.basename(absolute), names, n=3, cutoff=0.6)
        if close:
            base = os.path.dirname(shown)
            options = ", ".join(f"'{os.path.join(base, c)}'" for c in close)
            msg += f" Did you mean {options}?"
    msg += (
        " Check the path, or pass the story's text itself"
        " (a str that contains a newline is always read as text)."
    )
    return SourceNotFoundError(msg)


def _is_directory(shown: str, full: str) -> SourceIsDirectoryError:
    example = ""
    try:
        stories = sorted(
            n for n in os.listdir(full) if os.path.splitext(n)[1].lower() in STORY_EXTENSIONS
        )
    except OSError:
        stories = []
    if stories:
        example = f" (for example '{os.path.join(shown, stories[0])}')"
    return SourceIsDirectoryError(
        f"'{shown}' is a folder, not a story file. Pass one file inside it{example}, "
        "or use fictools.analyze_many() to read every story in the folder."
    )


def read(
    source: SourceLike,
    *,
    format: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
) -> Source:
    """Read a story from a path, its text, bytes, or an existing Source.

    Parameters
    ----------
    source
        * an ``os.PathLike`` (``pathlib.Path``): always a path;
        * a ``str``: the story's text when it contains a newline or is longer
          than 1024 characters; otherwise a path when a file or folder of
          that name exists, an error when it looks like a path (ends in
          ``.txt``/``.html``/``.epub``..., or holds a ``/`` or ``\\`` and no
          spaces), and else a one-line story;
        * ``bytes``: a file's content (text in any encoding, HTML or EPUB);
        * a :class:`Source`: returned as is.
    format
        ``"text"``, ``"gutenberg"``, ``"html"`` or ``"epub"``; ``None``
        detects it (EPUB by its bytes, HTML by extension or markup,
        Gutenberg by its START line, text otherwise). A ``str`` given as
        text is only parsed as HTML when ``format="html"``.
    title
        Sets ``meta["title"]``, overriding what the source says.
    encoding
        Decode files and bytes with this codec instead of detecting it.

    Returns
    -------
    Source
        For a ``str`` given as text, ``Source.text`` is that str exactly.
        For a file, the decoded file (BOM removed, line endings kept), or
        for HTML/EPUB the text extracted chapter by chapter.

    Raises
    ------
    SourceNotFoundError
        No file at the path given.
    SourceIsDirectoryError
        The path is a folder.
    SourceUnreadableError
        The file (or a folder on its path) may not be read: a ``PermissionError``.
    SourceReadError
        The file cannot be read for another reason (an I/O error, a device).
    EmptySourceError
        The file (or bytes) is empty or whitespace only.
    BinarySourceError
        The file is an image, a PDF, an archive or other non-text data.
    DecodingError
        The bytes cannot be decoded (or not with ``encoding``).
    FormatError
        The file is not what ``format`` says, or a damaged EPUB.
    InputError
        ``source`` or ``format`` has a type or value fictools cannot use.

    Examples
    --------
    >>> s = read("A/N: be nice!\\n\\n\\"Hi,\\" she said.\\n")
    >>> s.text[s.content[0]:s.content[1]]
    '"Hi," she said.'
    >>> s.meta["front_matter"]
    ['A/N: be nice!']
    """
    fmt = _check_format(format)
    if title is not None and not isinstance(title, str):
        raise InputError(f"title= must be a str or None, not {type(title).__name__}.")
    if isinstance(source, Source):
        if title is None:
            return source
        return dataclasses.replace(source, meta={**source.meta, "title": title})

    if isinstance(source, (bytes, bytearray, memoryview)):
        result = _read_bytes(
            bytes(source), fmt=fmt, path=None, label="the data given", encoding=encoding, ext=""
        )
    elif isinstance(source, os.PathLike):
        result = _read_path(source, fmt=fmt, encoding=encoding)
    elif isinstance(source, str):
        if _is_text(source):
            result = _read_str(source, fmt=fmt)
        else:
            result = _read_path(source, fmt=fmt, encoding=encoding)
    else:
        raise InputError(
            f"Cannot read a story from a {type(source).__name__}. Pass a path (str or pathlib.Path), "
            "the story's text as a str, the file's bytes, or a fictools Source."
        )
    if title is not None:
        result.meta["title"] = title
    return result


def _read_path(path: str | os.PathLike[str], *, fmt: str | None, encoding: str | None) -> Source:
    try:
        shown = os.fsdecode(os.fspath(path))
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"Cannot use {path!r} as a path ({exc}). Pass a str or pathlib.Path naming the story file."
        ) from None
    full = os.path.expanduser(shown)
    try:
        st = os.stat(full)
    except PermissionError:
        raise _unreadable(shown, full, "a folder on its path may not be searched") from None
    except (OSError, ValueError):  # missing, a broken link, a NUL in the name, a name too long
        if re.match(r"^(?:https?|ftp)://", shown, re.IGNORECASE):
            raise InputError(
                f"fictools reads files, not web addresses: '{shown}'. It never downloads anything. "
                "Save the story first (on AO3: Download → HTML or EPUB) and pass the saved file's path."
            ) from None
        raise _not_found(shown, full) from None
    if stat.S_ISDIR(st.st_mode):
        raise _is_directory(shown, full)
    try:
        data = _read_file(full, shown, regular=stat.S_ISREG(st.st_mode))
    except PermissionError:
        raise _unreadable(shown, full, "permission denied") from None
    except FileNotFoundError:  # removed between the check and the read
        raise _not_found(shown, full) from None
    except IsADirectoryError:
        raise _is_directory(shown, full) from None
    except OSError as exc:
        raise SourceReadError(
            f"Cannot read '{shown}': {exc.strerror or exc}. Check that the file (or the disk "
            "or network share it is on) is readable, or copy it somewhere else and pass that path."
        ) from exc
    ext = os.path.splitext(full)[1].lower()
    return _read_bytes(data, fmt=fmt, path=shown, label=f"'{shown}'", encoding=encoding, ext=ext)


_CHUNK = 1 << 16


def _read_file(full: str, shown: str, *, regular: bool) -> bytes:
    """The bytes of a file; a pipe or a device is read in chunks and refused when it is not text.

    ``/dev/stdin`` (a pipe) is a fine source, but ``/dev/zero`` or
    ``/dev/urandom`` never end: their first chunk shows they are not text.
    """
    if regular:
        with open(full, "rb") as fh:
            return fh.read()
    chunks: list[bytes] = []
    total = 0
    sniffed = False
    with open(full, "rb", buffering=0) as fh:
        while chunk := fh.read(_CHUNK):
            chunks.append(chunk)
            total += len(chunk)
            if not sniffed and total >= 8192:
                sniffed = True
                binary = sniff_binary(b"".join(chunks)[:8192])
                if binary is not None:
                    raise BinarySourceError(
                        f"'{shown}' is not a story file: it is a device or a pipe, and what it gives "
                        f"looks like {binary[0]}. Pass a text, HTML or EPUB file."
                    )
    return b"".join(chunks)


def _unreadable(shown: str, full: str, why: str) -> SourceUnreadableError:
    return SourceUnreadableError(
        f"Cannot read '{shown}': {why}. Give yourself read permission "
        f"(chmod u+r '{shown}'), or copy the story somewhere you can read and pass that path."
    )


def _read_bytes(
    data: bytes,
    *,
    fmt: str | None,
    path: str | None,
    label: str,
    encoding: str | None,
    ext: str,
) -> Source:
    if not data:
        raise EmptySourceError(
            f"{cap(label)} is empty (0 bytes). Check that the download or export finished, "
            "or pass the file that holds the story."
        )
    if is_epub_bytes(data):
        if fmt not in (None, "epub"):
            raise FormatError(
                f"{cap(label)} is an EPUB, not {fmt}. Pass format='epub' or leave format=None."
            )
        from .epub import parse_epub

        return parse_epub(data, path=path, label=label)
    if fmt == "epub" or (fmt is None and ext in _EPUB_EXTS):
        what = sniff_binary(data)
        described = f"it looks like {what[0]}" if what else "it is not a ZIP archive"
        raise FormatError(
            f"{cap(label)} is not an EPUB ({described}). Download the EPUB again, "
            "or pass the right file (format=None detects text and HTML by themselves)."
        )
    binary = sniff_binary(data)
    if binary is not None:
        what, fix = binary
        raise BinarySourceError(
            f"{cap(label)} is not a text file: it looks like {what}. To read it, {fix}."
        )
    text, enc = decode(
        data, label=label, encoding=encoding, html=(fmt == "html" or ext in _HTML_EXTS)
    )
    if not text.strip():
        raise EmptySourceError(
            f"{cap(label)} holds only whitespace ({len(data)} bytes, no visible text). "
            "Check that it is the right file and that the export or download finished."
        )
    kind = fmt
    if kind is None and (ext in _HTML_EXTS or looks_like_html(text)):
        kind = "html"
    if kind == "html":
        from .html import parse_html

        return parse_html(text, path=path, encoding=enc, label=label)
    return _read_plain(text, fmt=kind, path=path, encoding=enc, label=label)


def _read_str(text: str, *, fmt: str | None) -> Source:
    if fmt == "epub":
        raise InputError(
            "format='epub' needs the EPUB file (a path or its bytes), not a str of text. "
            "Pass the .epub path, or leave format=None to read the str as the story's text."
        )
    if fmt == "html":
        from .html import parse_html

        return parse_html(text, label="the HTML text given")
    return _read_plain(text, fmt=fmt, path=None, encoding=None, label="the text given")


def _read_plain(
    text: str, *, fmt: str | None, path: str | None, encoding: str | None, label: str
) -> Source:
    if fmt in (None, "gutenberg") and is_gutenberg(text):
        return parse_gutenberg(text, path=path, encoding=encoding)
    if fmt == "gutenberg":
        raise FormatError(
            f"{cap(label)} has no '*** START OF THE PROJECT GUTENBERG EBOOK ... ***' line, so fictools cannot "
            "tell the book from the licence. Pass format='text' (or leave format=None) to read it as plain text."
        )
    source = Source(text=text, format="text", path=path, encoding=encoding)
    return apply_matter(source)
