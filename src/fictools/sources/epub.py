"""EPUB stories (AO3 downloads and any other EPUB), read with ebooklib.

The documents of the book's spine go, in reading order, through the same
code as HTML (:func:`.html.parse_html_documents`), so an AO3 work gives the
same text, chapters and metadata from its EPUB as from its HTML download.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from ..errors import FormatError
from .base import Source
from .html import parse_html_documents
from .text import cap, decode

__all__ = ["parse_epub"]


def _dc(book: Any, name: str) -> list[str]:
    try:
        values = book.get_metadata("DC", name)
    except Exception:  # noqa: BLE001 - metadata is optional; a broken entry must not stop reading
        return []
    out: list[str] = []
    for value, _attrs in values or []:
        if isinstance(value, str) and value.strip():
            out.append(re.sub(r"\s+", " ", value).strip())
    return out


def _strip_tags(markup: str) -> str:
    from bs4 import BeautifulSoup

    return re.sub(r"\s+", " ", BeautifulSoup(markup, "html.parser").get_text(" ")).strip()


def parse_epub(data: bytes, *, path: str | None = None, label: str = "the EPUB given") -> Source:
    """Read an EPUB's bytes into a Source.

    Parameters
    ----------
    data
        The EPUB file's bytes.
    path
        Recorded on the Source.
    label
        How error messages name the input (``"'story.epub'"``).

    Returns
    -------
    Source
        ``format="epub"``, with the same text, chapters, emphasis and
        metadata the HTML reader gives for the same story. Dublin Core
        metadata fills ``title``, ``author``, ``language``, ``summary`` and
        ``tags`` when the documents do not say.

    Raises
    ------
    FormatError
        When the archive is damaged or is not an EPUB, or holds no text.
    """
    try:
        import ebooklib
        from ebooklib import epub
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise FormatError(
            f"Reading {label} needs the 'ebooklib' package. Install it with: pip install ebooklib"
        ) from exc

    with warnings.catch_warnings():
        # ebooklib warns about future defaults on every read; they say nothing about the file.
        warnings.simplefilter("ignore")
        try:
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
        except Exception as exc:
            raise FormatError(
                f"{cap(label)} looks like an EPUB but cannot be opened ({type(exc).__name__}: {exc}). "
                "The file may be damaged or incomplete: download it again, or use the HTML download instead."
            ) from exc

    items: list[Any] = []
    seen: set[int] = set()
    for entry in book.spine or []:
        idref = entry[0] if isinstance(entry, (tuple, list)) else entry
        item = book.get_item_with_id(idref)
        if item is not None and id(item) not in seen:
            items.append(item)
            seen.add(id(item))
    if not items:
        items = list(book.get_items_of_type(ebooklib.ITEM_DOCUMENT))
    docs: list[str] = []
    names: list[str] = []
    encoding = "utf-8"
    for item in items:
        if item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if isinstance(item, (epub.EpubNav, getattr(epub, "EpubCoverHtml", ()))):
            continue
        raw = (
            item.content
            if isinstance(item.content, bytes)
            else str(item.content or "").encode("utf-8")
        )
        if not raw.strip():
            continue
        text, encoding = decode(raw, label=f"{label} (document {item.get_name()!r})", html=True)
        docs.append(text)
        names.append(item.get_name())

    css: list[str] = []  # the book's style sheets: Calibre and FanFicFare set italics by class
    for item in book.get_items_of_type(ebooklib.ITEM_STYLE):
        raw = item.content if isinstance(item.content, bytes) else str(item.content or "").encode("utf-8")
        css.append(raw.decode("utf-8", errors="replace"))

    meta: dict[str, Any] = {}
    titles = _dc(book, "title")
    if titles:
        meta["title"] = titles[0]
    creators = _dc(book, "creator")
    if creators:
        meta["author"] = ", ".join(creators)
        meta["authors"] = creators
    languages = _dc(book, "language")
    if languages:
        meta["language"] = languages[0]
    descriptions = _dc(book, "description")
    if descriptions:
        meta["summary"] = _strip_tags(descriptions[0])
    subjects = _dc(book, "subject")
    if subjects:
        meta["tags"] = subjects

    if not docs:
        raise FormatError(
            f"{cap(label)} is an EPUB with no readable documents in it. "
            "Check that it is the story's EPUB (not a cover or a sample), or use the HTML download instead."
        )
    return parse_html_documents(
        docs, fmt="epub", path=path, encoding=encoding, label=label, meta=meta, names=names, css=css
    )
