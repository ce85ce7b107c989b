"""Bytes to text: byte-order marks, UTF-8 first, charset detection, binary sniffing.

The decoded text is what every offset in fictools indexes, so decoding never
normalises anything: the BOM is dropped, line endings (``\\r\\n``, ``\\r``)
are kept exactly as they are in the file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from ..errors import DecodingError, InputError

__all__ = ["decode", "is_epub_bytes", "looks_like_html", "normalize_encoding", "sniff_binary"]

# Checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings charset-normalizer may propose for Western European single-byte
# text. For English fiction they almost always mean Windows-1252 (curly
# quotes at 0x91-0x94), which decodes every byte the others do the same way
# except 0x80-0x9F, where it has the characters people actually typed.
_WESTERN = {
    "cp1252",
    "latin-1",
    "iso8859-1",
    "iso8859-15",
    "iso8859-9",
    "cp1250",
    "iso8859-2",
    "cp1257",
    "iso8859-13",
    "iso8859-4",
    "iso8859-3",
    "iso8859-10",
    "iso8859-14",
    "iso8859-16",
    "mac-roman",
    "mac-latin2",
    "cp850",
    "cp437",
    "cp858",
    "cp1254",
    "mac-turkish",
    "hp-roman8",
}

# (magic bytes at offset 0, what the file looks like, what to do)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "export the story's text first (save or copy it as .txt) and read that"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "pass the story's text file instead"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the story's text file instead"),
    (b"GIF87a", "a GIF image", "pass the story's text file instead"),
    (b"GIF89a", "a GIF image", "pass the story's text file instead"),
    (b"II*\x00", "a TIFF image", "pass the story's text file instead"),
    (b"MM\x00*", "a TIFF image", "pass the story's text file instead"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first (gunzip) and read the text file inside"),
    (b"BZh", "a bzip2 archive", "decompress it first and read the text file inside"),
    (b"\xfd7zXZ\x00", "an xz archive", "decompress it first and read the text file inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract it first and read the text file inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract it first and read the text file inside"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a Word 97-2003 document (.doc)",
        "save it as plain text (.txt) or HTML from your word processor and read that",
    ),
    (b"\x7fELF", "an executable program", "pass the story's text file instead"),
    (b"MZ", "a Windows executable", "pass the story's text file instead"),
    (b"SQLite format 3\x00", "an SQLite database", "pass the story's text file instead"),
    (b"OggS", "an Ogg audio file", "pass the story's text file instead"),
    (b"ID3", "an MP3 audio file", "pass the story's text file instead"),
    (b"fLaC", "a FLAC audio file", "pass the story's text file instead"),
    (b"\x00asm", "a WebAssembly module", "pass the story's text file instead"),
)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def cap(label: str) -> str:
    """Capitalise a label that starts an error message (``"the data given"`` → ``"The data given"``)."""
    return label[:1].upper() + label[1:]


def normalize_encoding(name: str) -> str:
    """Return Python's canonical name of an encoding (``"UTF_8"`` → ``"utf-8"``).

    Parameters
    ----------
    name
        An encoding name as charset-normalizer, a BOM table or a user gives it.

    Returns
    -------
    str
        The codec's canonical name, or ``name`` lower-cased when Python does
        not know it.
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()


def is_epub_bytes(data: bytes) -> bool:
    """Tell whether ``data`` is a ZIP archive holding an EPUB.

    Parameters
    ----------
    data
        The file's bytes.

    Returns
    -------
    bool
        True for a ZIP whose ``mimetype`` entry says ``application/epub+zip``
        or that has ``META-INF/container.xml``.
    """
    if not data.startswith(_ZIP_MAGIC):
        return False
    # The EPUB spec puts an uncompressed "mimetype" entry first; check the raw
    # bytes so that a truncated archive is still recognised as an EPUB.
    if data[30:38] == b"mimetype" and b"application/epub+zip" in data[38:100]:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "META-INF/container.xml" in names:
                return True
            if "mimetype" in names:
                return zf.read("mimetype").strip() == b"application/epub+zip"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False
    return False


def _zip_kind(data: bytes) -> tuple[str, str]:
    """Describe a (non-EPUB) ZIP archive: Word, OpenDocument or plain ZIP."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return (
                    "a Word document (.docx)",
                    "save it as plain text (.txt) or HTML from your word processor and read that",
                )
            if "mimetype" in names:
                mime = zf.read("mimetype").decode("ascii", "replace")
                if "opendocument.text" in mime:
                    return (
                        "an OpenDocument text file (.odt)",
                        "save it as plain text (.txt) or HTML and read that",
                    )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        pass
    return ("a ZIP archive", "unzip it first and read the story file inside")


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the codec when NUL bytes follow the pattern of BOM-less UTF-16 text."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    if len(sample) % 2:
        sample = sample[:-1]
    even = sample[0::2]
    odd = sample[1::2]
    n = len(even)
    even_nul = even.count(0) / n
    odd_nul = odd.count(0) / n
    # Mostly-ASCII UTF-16: one byte of every pair is NUL, the other almost never.
    if odd_nul > 0.6 and even_nul < 0.05:
        codec = "utf-16-le"
    elif even_nul > 0.6 and odd_nul < 0.05:
        codec = "utf-16-be"
    else:
        return None
    if len(data) % 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    bad = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return codec if bad == 0 else None


def sniff_binary(data: bytes) -> tuple[str, str] | None:
    """Tell whether ``data`` is a binary (non-text) file, and what it looks like.

    EPUB archives are not reported (they are a readable format), nor is text
    with a UTF-16/UTF-32 byte-order mark or BOM-less UTF-16.

    Parameters
    ----------
    data
        The file's bytes.

    Returns
    -------
    tuple of (str, str) or None
        ``(what it looks like, what to do)`` for a binary file, else ``None``.
    """
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return None
    if data.startswith(_ZIP_MAGIC):
        if is_epub_bytes(data):
            return None
        return _zip_kind(data)
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and not _mostly_control(data):
                continue  # a text file may start with "MZ"; real executables are full of NULs
            return (what, fix)
    if len(data) >= 68 and data[60:68] == b"BOOKMOBI":
        return ("a Kindle (MOBI/AZW) ebook", "convert it to EPUB (e.g. with Calibre) and read that")
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return ("a WebP image", "pass the story's text file instead")
    if data[4:8] == b"ftyp":
        return ("an MP4/QuickTime media file", "pass the story's text file instead")
    head = data[:8192]
    if b"\x00" in head:
        if _utf16_without_bom(data) or _text_with_stray_nuls(head):
            return None
        return (
            "a binary file (it contains NUL bytes)",
            "pass a plain-text, HTML or EPUB file; if this is text in UTF-16, save it with a BOM or as UTF-8",
        )
    if _mostly_control(head):
        return (
            "a binary file (it is full of control characters)",
            "pass a plain-text, HTML or EPUB file",
        )
    return None


def _text_with_stray_nuls(head: bytes) -> bool:
    """UTF-8 text with a few NUL bytes in it (a damaged save), not a binary file.

    Binary formats hold NULs by the hundred and bytes that are not UTF-8; a
    story with a stray NUL is otherwise clean UTF-8 text, and its text must not
    be refused (nor lost: the NULs stay in the decoded text).
    """
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 11, 27))
    if ctrl > len(head) // 100:  # at most one in a hundred bytes
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if exc.start < len(head) - 3 or exc.reason != "unexpected end of data":
            return False
    return True


def _mostly_control(head: bytes) -> bool:
    if not head:
        return False
    ctrl = sum(1 for b in head[:8192] if b < 32 and b not in (9, 10, 12, 13, 11, 27))
    return ctrl / min(len(head), 8192) > 0.1


def looks_like_html(text: str) -> bool:
    """Tell whether decoded text is an HTML document (doctype, ``<html>``, ``<head>`` or ``<body>`` first).

    Parameters
    ----------
    text
        Decoded file content.

    Returns
    -------
    bool
        True when the text starts (after whitespace, an XML declaration or
        comments) with HTML markup.
    """
    return bool(_HTML_START.match(text[:4096]))


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(
    data: bytes,
    *,
    label: str = "the data given",
    encoding: str | None = None,
    html: bool = False,
) -> tuple[str, str]:
    """Decode a story file's bytes without changing a character.

    Order: an explicit ``encoding``; a byte-order mark (UTF-8, UTF-16 and
    UTF-32, removed from the text); strict UTF-8; for HTML, the
    ``<meta charset>`` it declares; BOM-less UTF-16; charset-normalizer's
    guess (Western single-byte guesses become Windows-1252); Windows-1252.

    Parameters
    ----------
    data
        The bytes of the file.
    label
        How error messages name the input (``"'story.txt'"``).
    encoding
        Force this codec instead of detecting one.
    html
        Honour a ``<meta charset=...>`` declaration when UTF-8 fails.

    Returns
    -------
    tuple of (str, str)
        The text and the canonical name of the encoding used
        (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"cp1252"``...).

    Raises
    ------
    DecodingError
        When the bytes are not valid in the forced or BOM-declared encoding,
        or fit no encoding at all.
    InputError
        When ``encoding`` is not the name of a text encoding.
    """
    if encoding is not None:
        if not isinstance(encoding, str):
            raise InputError(
                f"encoding= must be a codec name (a str such as 'utf-8' or 'cp1252') or None, "
                f"not {type(encoding).__name__}. Leave encoding=None to let fictools detect it."
            )
        codec = normalize_encoding(encoding)
        try:
            text = data.decode(codec)
        except LookupError:
            raise InputError(
                f"encoding={encoding!r} is not a text encoding Python knows (given for {label}). "
                "Pass a codec name such as 'utf-8', 'cp1252' or 'latin-1', or leave encoding=None to detect it."
            ) from None
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"{cap(label)} cannot be decoded as {encoding!r} ({exc.reason} at byte {exc.start}). "
                "Leave encoding=None to let fictools detect it, or pass the right encoding.",
                codec,
                data,
                exc.start,
                exc.end,
            ) from exc
        if codec.startswith("utf") and text.startswith("\ufeff"):
            text = text[1:]
        return text, codec

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"{cap(label)} starts with a {codec} byte-order mark but is not valid {codec} "
                    f"({exc.reason} at byte {exc.start + len(bom)}). "
                    "Re-save the file as UTF-8, or pass encoding=... with the encoding it really uses.",
                    codec,
                    data,
                    exc.start + len(bom),
                    exc.end + len(bom),
                ) from exc
            return text, codec

    # NULs are valid UTF-8, so BOM-less UTF-16 must be caught before UTF-8.
    if b"\x00" in data[:8192]:
        codec16 = _utf16_without_bom(data)
        if codec16:
            return data.decode(codec16), codec16

    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"

    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = normalize_encoding(m.group(1).decode("ascii", "replace"))
            if declared == "iso8859-1" or declared == "ascii":
                declared = "cp1252"  # what browsers do with these labels
            text = _strict(data, declared)
            if text is not None:
                return text, declared

    guess: str | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            guess = normalize_encoding(best.encoding)
    except (
        ImportError
    ):  # pragma: no cover - a declared dependency, but decoding must not depend on it
        guess = None

    if guess is not None and guess not in _WESTERN and not guess.startswith("utf"):
        text = _strict(data, guess)
        if text is not None:
            return text, guess
    # Western guesses (and no guess at all) mean cp1252 when it fits; a file
    # holding one of the five bytes cp1252 leaves undefined falls back to the
    # guess, or to Latin-1, which fits any bytes.
    for codec in ("cp1252", guess if guess is not None else "latin-1"):
        text = _strict(data, codec)
        if text is not None:
            return text, normalize_encoding(codec)
    raise DecodingError(
        f"{cap(label)} could not be decoded: it is not UTF-8 and no known encoding fits its bytes. "
        "Re-save the file as UTF-8, or pass encoding=... with the encoding it uses.",
        "utf-8",
        data,
    )
