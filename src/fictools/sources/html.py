"""HTML stories: AO3 downloads ("Download → HTML") and any other web page.

``Source.text`` is built here, so its layout is ours to choose and every
offset must point into it:

* each chapter is its heading line (if any), then its paragraphs, separated by
  blank lines (``"\\n\\n"``); chapters are separated by blank lines too;
* ``<hr>`` becomes a line ``* * *`` (a scene break);
* work and chapter summaries and notes go to ``meta``, never into the text;
* ``<em>``/``<i>`` runs, and elements whose inline style or CSS class (a
  ``<style>`` rule, as Google Docs and Word exports set italics) says
  ``font-style: italic``, become ``Source.emphasis`` ranges.

A FanFicFare EPUB opens with a title page ("Title by Author", "Status:",
"Published:", "Words:", "Summary:"...): its lines fill ``meta`` (``status``
among them) and the page stays in the text as front matter, before the story.

The AO3 code also reads the documents of an AO3 EPUB (see :mod:`.epub`):
Calibre, which AO3 uses to make EPUBs, splits the same HTML into several
files and renames classes (``"meta group"`` → ``"meta"`` or ``"meta1"``),
so classes are matched by their first word with an optional number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from ..errors import FormatError
from .base import Chapter, Matter, Source
from .gutenberg import is_gutenberg, parse_gutenberg
from .matter import apply_matter
from .text import cap

__all__ = [
    "Paragraph",
    "collect_paragraphs",
    "fanficfare_page",
    "is_ao3",
    "is_ao3_work_page",
    "italic_classes",
    "parse_html",
    "parse_html_documents",
]

_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "figure",
        "figcaption",
        "center",
        "address",
        "body",
        "html",
        "details",
        "summary",
        "hgroup",
        "caption",
        "fieldset",
        "legend",
        "dialog",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SKIP = frozenset(
    [
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "svg",
        "math",
        "form",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "input",
    ]
)
_ITALIC = frozenset(("em", "i"))
_WS = re.compile(r"\s+")
# "font-style: italic" or the "font: italic 12pt ..." shorthand, not Word's "mso-bidi-font-style:italic"
_ITALIC_STYLE = re.compile(
    r"(?<![\w-])font-style\s*:\s*(?:italic|oblique)\b|(?<![\w-])font\s*:[^;]*\b(?:italic|oblique)\b",
    re.IGNORECASE,
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_CLASS = re.compile(r"^[\w-]*\.([\w-]+)$")
SCENE_BREAK = "* * *"
_BR = object()  # a <br> in the chunk stream
_Chunk = tuple[str, bool] | object


@dataclass
class Paragraph:
    """One paragraph extracted from HTML.

    Attributes
    ----------
    text
        Whitespace-collapsed text of the paragraph.
    emphasis
        ``(start, end)`` italic ranges, offsets into ``text``.
    kind
        ``"p"``, ``"heading"`` (from ``<h1>``-``<h6>``), ``"title"`` / ``"subtitle"``
        (a paragraph in Word's or Google Docs' Title / Subtitle style) or
        ``"break"`` (an ``<hr>``).
    """

    text: str
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "p"


def _has_class(tag: Tag, name: str) -> bool:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    pattern = re.compile(re.escape(name) + r"\d*")
    return any(pattern.fullmatch(c) for c in classes)


def italic_classes(css: Iterable[str]) -> frozenset[str]:
    """The CSS classes that style sheets make italic (``.c3{font-style:italic}``).

    Google Docs ("Download → Web page") and Word ("Save as Web Page") set
    italics with classes, not ``<em>``: ``<span class="c3">``. Only rules
    whose selector ends in a single class (``.c3``, ``span.c3``,
    ``#workskin .thought``) count.

    Parameters
    ----------
    css
        The text of each style sheet (``<style>`` blocks, EPUB ``.css`` files).

    Returns
    -------
    frozenset of str
        Class names.

    Examples
    --------
    >>> sorted(italic_classes([".c1{font-weight:700}.c3{color:#000;font-style:italic}"]))
    ['c3']
    """
    out: set[str] = set()
    for sheet in css:
        for selectors, body in _CSS_RULE.findall(_CSS_COMMENT.sub(" ", sheet)):
            if not _ITALIC_STYLE.search(body):
                continue
            for selector in selectors.split(","):
                last = re.split(r"[\s>+~]+", selector.strip())[-1]
                m = _CSS_CLASS.match(last)
                if m:
                    out.add(m.group(1))
    return frozenset(out)


def _style_sheets(soup: BeautifulSoup | Tag) -> list[str]:
    return [st.get_text() for st in soup.find_all("style")]


def _text(tag: Tag | None) -> str:
    if tag is None:
        return ""
    return _WS.sub(" ", tag.get_text(" ")).strip()


class _Collector:
    """Walks a DOM subtree and cuts it into paragraphs with italic ranges."""

    def __init__(self, italic_classes: frozenset[str] = frozenset()) -> None:
        self.italic_classes = italic_classes
        self.paras: list[Paragraph] = []
        self._chunks: list[tuple[str, bool]] = []
        self._kind = "p"

    def feed(self, node: Tag, italic: bool = False) -> _Collector:
        # An explicit stack, not recursion: a page nested thousands of tags deep
        # (unclosed <b> or <div> tags pile up) must not raise RecursionError.
        # Each frame: the children still to visit, whether they are italic,
        # and whether the frame is a block element (flushed when it ends).
        stack: list[tuple[Any, bool, bool]] = [(iter(node.children), italic, False)]
        while stack:
            children, italic, block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if block:
                    self.flush()
                continue
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self._chunks.append((str(child), italic))
                continue
            if not isinstance(child, Tag):
                continue
            name = (child.name or "").lower()
            if name in _SKIP:
                continue
            if name == "br":
                self._chunks.append(_BR)
                continue
            if name == "hr":
                self.flush()
                self.paras.append(Paragraph(SCENE_BREAK, [], "break"))
                continue
            if name == "h3" and _has_class(child, "landmark"):
                continue  # AO3's hidden "Chapter Text" landmark
            it = (
                italic
                or name in _ITALIC
                or bool(_ITALIC_STYLE.search(str(child.get("style") or "")))
                or self._italic_class(child)
            )
            if name in _BLOCK:
                self.flush()
                if name in _HEADINGS:
                    self._kind = "heading"
                elif _has_class(child, "MsoTitle") or _has_class(child, "title"):
                    self._kind = "title"  # Word's Title style, Google Docs' "title" paragraph
                elif _has_class(child, "MsoSubtitle") or _has_class(child, "subtitle"):
                    self._kind = "subtitle"
                stack.append((iter(child.children), it, True))
            else:
                stack.append((iter(child.children), it, False))
        return self

    def _italic_class(self, tag: Tag) -> bool:
        if not self.italic_classes:
            return False
        classes = tag.get("class") or []
        if isinstance(classes, str):
            classes = classes.split()
        return any(c in self.italic_classes for c in classes)

    def flush(self) -> None:
        chunks, kind = self._chunks, self._kind
        self._chunks, self._kind = [], "p"
        # Two or more <br> in a row end a paragraph; a single one is a line break inside it.
        groups: list[list[_Chunk]] = [[]]
        i = 0
        while i < len(chunks):
            c = chunks[i]
            if c is _BR:
                j, n = i, 0
                while j < len(chunks) and (chunks[j] is _BR or not chunks[j][0].strip()):  # type: ignore[index]
                    n += chunks[j] is _BR
                    j += 1
                if n >= 2:
                    groups.append([])
                    i = j
                    continue
            groups[-1].append(c)
            i += 1
        for group in groups:
            self._emit(group, kind)

    def _emit(self, chunks: list[_Chunk], kind: str) -> None:
        pieces: list[str] = []
        ranges: list[list[int]] = []
        length = 0
        last_space = True
        for c in chunks:
            if c is _BR:
                if length == 0:
                    continue
                if pieces[-1].endswith(" "):
                    pieces[-1] = pieces[-1][:-1]
                    length -= 1
                pieces.append("\n")
                length += 1
                last_space = True
                continue
            s, it = c  # type: ignore[misc]
            s = _WS.sub(" ", s)
            if last_space and s.startswith(" "):
                s = s[1:]
            if not s:
                continue
            if it:
                ranges.append([length, length + len(s)])
            pieces.append(s)
            length += len(s)
            last_space = s.endswith(" ")
        text = "".join(pieces).rstrip(" \n")
        if not text:
            return
        self.paras.append(Paragraph(text, _clean_ranges(text, ranges), kind))


def _clean_ranges(text: str, ranges: list[list[int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in ranges:
        b = min(b, len(text))
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if out and not text[out[-1][1] : a].strip():
            out[-1][1] = max(out[-1][1], b)  # "<em>I</em> <em>can't</em>" is one run
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def collect_paragraphs(node: Tag, italic_classes: frozenset[str] = frozenset()) -> list[Paragraph]:
    """Cut an HTML element into paragraphs (``<p>``, ``<br>``, block elements; ``<hr>`` → ``* * *``).

    Parameters
    ----------
    node
        A BeautifulSoup tag (a ``<body>``, a ``<div class="userstuff">``...).
    italic_classes
        CSS classes that make text italic (see :func:`italic_classes`).

    Returns
    -------
    list of Paragraph
        Non-empty paragraphs in document order, with italic ranges.
    """
    c = _Collector(italic_classes).feed(node)
    c.flush()
    return c.paras


def _as_text(node: Tag) -> str:
    return "\n\n".join(p.text for p in collect_paragraphs(node))


# --------------------------------------------------------------------------- AO3


def is_ao3(soup: BeautifulSoup | Tag) -> bool:
    """Tell whether a parsed document is (part of) an AO3 download.

    Parameters
    ----------
    soup
        A parsed HTML/XHTML document.

    Returns
    -------
    bool
        True when it has AO3's ``#preface``/``#chapters``/``#afterword``
        blocks, its ``<dl class="tags">`` or its "Archive of Our Own" message.
    """
    if soup.find(id=re.compile(r"^(preface|chapters|afterword)$")):
        return True
    if soup.find("dl", class_=re.compile(r"^tags\d*$")):
        return True
    for p in soup.find_all("p", class_=re.compile(r"^message\d*$")):
        if "Archive of Our Own" in p.get_text():
            return True
    return False


@dataclass
class _Chap:
    title: str | None
    paras: list[Paragraph] = field(default_factory=list)
    summary: str | None = None
    notes: str | None = None
    end_notes: str | None = None


_LIST_KEYS = {
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "warning": "warnings",
    "warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tag": "tags",
    "additional tags": "tags",
    "freeform": "tags",
    "freeforms": "tags",
    "collection": "collections",
    "collections": "collections",
}
_STR_KEYS = {"rating": "rating", "ratings": "rating", "language": "language", "series": "series"}
_STATS = re.compile(
    r"(Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits)\s*:\s*([^\s]+)",
    re.IGNORECASE,
)


def _nested_quote(bq: Tag, container: Tag) -> bool:
    for parent in bq.parents:
        if parent is container:
            return False
        if parent.name == "blockquote":
            return True
    return False


def _labelled_blockquotes(container: Tag) -> list[tuple[str, Tag]]:
    """``(label, blockquote)`` for AO3's ``<p>Label</p><blockquote class="userstuff">`` pairs."""
    out: list[tuple[str, Tag]] = []
    for bq in container.find_all("blockquote"):
        if _nested_quote(bq, container):
            continue  # a quote inside the user's notes
        prev = bq.find_previous_sibling(True)
        label = (
            _text(prev).lower().rstrip(":").strip()
            if prev is not None and prev.name != "blockquote"
            else ""
        )
        out.append((label, bq))
    return out


def _tag_values(dd: Tag) -> list[str]:
    links = [_text(a) for a in dd.find_all("a")]
    links = [x for x in links if x]
    if links:
        return links
    return [x.strip() for x in _text(dd).split(",") if x.strip()]


def _parse_stats(dd: Tag, meta: dict[str, Any]) -> None:
    for key, value in _STATS.findall(_text(dd)):
        key = key.lower()
        if key == "words":
            digits = re.sub(r"[^\d]", "", value)
            if digits:
                meta["words"] = int(digits)
        elif key == "chapters":
            meta["chapter_count"] = value
        elif key in ("published", "updated", "completed"):
            meta[key] = value
        else:
            digits = re.sub(r"[^\d]", "", value)
            if digits:
                meta[key] = int(digits)


def _parse_tags(dl: Tag, meta: dict[str, Any]) -> None:
    """The ``<dt>Label:</dt><dd>values</dd>`` list of a work's tags and stats."""
    for dt in dl.find_all("dt"):
        label = _text(dt).rstrip(":").strip().lower()
        dd = dt.find_next_sibling("dd")
        if dd is None:
            continue
        if label in _LIST_KEYS:
            meta.setdefault(_LIST_KEYS[label], []).extend(_tag_values(dd))
        elif label in _STR_KEYS:
            # the site's series entry is "← Part 2 of Series →"; its position is the value
            value = _text(dd.find(class_="position") or dd)
            if value:
                meta[_STR_KEYS[label]] = value
        elif label == "stats":
            _parse_stats(dd, meta)


def _parse_preface(el: Tag, meta: dict[str, Any]) -> None:
    for msg in el.find_all("p", class_=re.compile(r"^message\d*$")):
        for a in msg.find_all("a", href=True):
            href = str(a["href"])
            if "/works/" in href:
                meta.setdefault("url", href)
                break
    dl = el.find("dl", class_=re.compile(r"^tags\d*$")) or el.find("dl")
    if dl is not None:
        _parse_tags(dl, meta)
    h1 = el.find("h1")
    if h1 is not None and _text(h1):
        meta["title"] = _text(h1)
    byline = el.find(class_=re.compile(r"^byline\d*$"))
    if byline is not None:
        authors = [_text(a) for a in byline.find_all("a")]
        authors = [a for a in authors if a]
        if not authors:
            plain = re.sub(r"^by\s+", "", _text(byline), flags=re.IGNORECASE)
            authors = [a.strip() for a in plain.split(",") if a.strip()]
        if authors:
            meta["author"] = ", ".join(authors)
            meta["authors"] = authors
    for label, bq in _labelled_blockquotes(el):
        value = _as_text(bq)
        if not value:
            continue
        if label == "summary":
            meta["summary"] = value
        elif label in ("notes", "note"):
            meta["notes"] = value
        elif label in ("end notes", "end note"):
            meta["end_notes"] = value


def _parse_afterword(el: Tag, meta: dict[str, Any]) -> None:
    for label, bq in _labelled_blockquotes(el):
        value = _as_text(bq)
        if value and label in ("end notes", "end note", "notes", ""):
            meta["end_notes"] = value


class _AO3Walker:
    def __init__(self, italic_classes: frozenset[str] = frozenset()) -> None:
        self.meta: dict[str, Any] = {}
        self.chapters: list[_Chap] = []
        self.current: _Chap | None = None
        self.italic_classes = italic_classes  # AO3 work skins: "#workskin .thought {font-style: italic}"

    def walk(self, node: Tag) -> None:
        # Depth first in document order with an explicit stack (deeply nested pages).
        stack = [iter(node.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            if not isinstance(child, Tag):
                continue
            name = (child.name or "").lower()
            if name in _SKIP:
                continue
            ident = child.get("id") or ""
            if ident == "preface":
                _parse_preface(child, self.meta)
                continue
            if ident == "afterword":
                _parse_afterword(child, self.meta)
                continue
            if name == "h2" and _has_class(child, "toc-heading"):
                continue
            if name == "p" and _has_class(child, "message"):
                continue
            if name == "div" and _has_class(child, "meta"):
                self._meta_block(child)
                continue
            if (
                name == "div"
                and _has_class(child, "userstuff")
                and ident != "chapters"
                and child.find("div", class_=re.compile(r"^(meta|userstuff)\d*$")) is None
            ):
                if self.current is None:
                    self.current = _Chap(title=None)
                    self.chapters.append(self.current)
                self.current.paras.extend(collect_paragraphs(child, self.italic_classes))
                continue
            stack.append(iter(child.children))

    def _meta_block(self, el: Tag) -> None:
        if el.find("dl") is not None and el.find("h1") is not None:
            _parse_preface(el, self.meta)
            return
        h2 = el.find("h2")
        if h2 is not None:
            self.current = _Chap(title=_text(h2) or None)
            self.chapters.append(self.current)
            for label, bq in _labelled_blockquotes(el):
                value = _as_text(bq)
                if not value:
                    continue
                if label == "chapter summary":
                    self.current.summary = value
                elif label in ("chapter notes", "notes"):
                    self.current.notes = value
            return
        for label, bq in _labelled_blockquotes(el):
            value = _as_text(bq)
            if not value:
                continue
            if label == "chapter end notes" and self.current is not None:
                self.current.end_notes = value
            elif label in ("end notes", "end note"):
                self.meta["end_notes"] = value


# ------------------------------------------------------------- AO3 work page saved from the browser


def is_ao3_work_page(soup: BeautifulSoup | Tag) -> bool:
    """Tell whether a document is a work's page of the AO3 site (File → Save Page), not a download.

    The page holds the site's header, navigation, kudos and comments around
    the work; the work itself is its ``<dl class="work meta">`` of tags and
    its ``<div id="workskin">`` (preface, ``div#chapters``, afterword).
    """
    if soup.find("div", id="workskin") is not None:
        return True
    return any(_has_class(dl, "meta") for dl in soup.find_all("dl", class_="work"))


_WORK_ID = re.compile(r"/works/(\d+)")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")


def _blockquote_text(el: Tag | None) -> str | None:
    """The text of the ``<blockquote class="userstuff">`` of a summary or notes module."""
    if el is None:
        return None
    bq = el.find("blockquote")
    if bq is None:
        return None
    return _as_text(bq) or None


def _modules(el: Tag | None) -> tuple[str | None, str | None, str | None]:
    """(summary, notes, end notes) of a preface or afterword block."""
    if el is None:
        return None, None, None
    summary = _blockquote_text(el.find("div", class_="summary"))
    notes = end = None
    for div in el.find_all("div", class_="notes"):
        if _has_class(div, "end"):
            end = end or _blockquote_text(div)
        else:
            notes = notes or _blockquote_text(div)
    return summary, notes, end


def _work_page_url(soup: BeautifulSoup) -> str | None:
    candidates: list[str] = []
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        m = _SAVED_FROM.search(str(c))
        if m:
            candidates.append(m.group(1))
    for ul in soup.find_all("ul", class_="work"):
        candidates.extend(str(a["href"]) for a in ul.find_all("a", href=True))
    for h3 in soup.find_all("h3", class_="title"):
        candidates.extend(str(a["href"]) for a in h3.find_all("a", href=True))
    for href in candidates:
        m = _WORK_ID.search(href)
        if m:
            return f"https://archiveofourown.org/works/{m.group(1)}"
    return None


def _read_work_page(soup: BeautifulSoup, italics: frozenset[str]) -> tuple[list[_Chap], dict[str, Any]]:
    """The chapters and metadata of an AO3 work page; the site around the work is left out."""
    meta: dict[str, Any] = {}
    for dl in soup.find_all("dl", class_="work"):
        if _has_class(dl, "meta"):
            _parse_tags(dl, meta)
            break
    url = _work_page_url(soup)
    if url:
        meta["url"] = url
    root = soup.find("div", id="workskin") or _body(soup)
    chapters_div = root.find("div", id="chapters")
    prefaces = [
        d
        for d in root.find_all("div", class_="preface")
        if not _has_class(d, "chapter") and (chapters_div is None or chapters_div not in d.parents)
    ]
    work_preface = next((d for d in prefaces if not _has_class(d, "afterword")), None)
    afterword = next((d for d in prefaces if _has_class(d, "afterword")), None)
    if work_preface is not None:
        h2 = work_preface.find("h2", class_="title")
        if h2 is not None and _text(h2):
            meta["title"] = _text(h2)
        byline = work_preface.find(class_="byline")
        if byline is not None:
            authors = [_text(a) for a in byline.find_all("a", rel="author")] or [
                a.strip() for a in _text(byline).split(",") if a.strip()  # "Anonymous"
            ]
            authors = [a for a in authors if a]
            if authors:
                meta["author"] = ", ".join(authors)
                meta["authors"] = authors
        summary, notes, end = _modules(work_preface)
        for key, value in (("summary", summary), ("notes", notes), ("end_notes", end)):
            if value:
                meta[key] = value
    end = _modules(afterword)[2]
    if end:
        meta["end_notes"] = end
    if "title" not in meta:
        # the tab's title: "Title - Chapter 1 - Author - Fandom [Archive of Our Own]"
        tab = _text(soup.find("title"))
        tab = re.sub(r"\s*\[Archive of Our Own\]\s*$", "", tab)
        tab = re.split(r" - Chapter \d+ - ", tab)[0]
        if meta.get("author") and f" - {meta['author']}" in tab:
            tab = tab[: tab.index(f" - {meta['author']}")]
        if tab:
            meta["title"] = tab

    chapters: list[_Chap] = []
    if chapters_div is None:
        return chapters, meta
    blocks = chapters_div.find_all("div", class_="chapter", recursive=False)
    if not blocks:
        blocks = [chapters_div]  # a one-chapter work: its text is right in div#chapters
    for block in blocks:
        heading = block.find("h3", class_="title")
        title = "\n".join(p.text for p in collect_paragraphs(heading)) if heading is not None else None
        chap = _Chap(title=title or None)
        inside = [d for d in block.find_all("div", class_="preface") if _has_class(d, "chapter")]
        for d in inside:
            summary, notes, end = _modules(d)
            chap.summary = chap.summary or summary
            chap.notes = chap.notes or notes
            chap.end_notes = chap.end_notes or end
        for div in block.find_all("div", class_="userstuff", recursive=False):
            chap.paras.extend(collect_paragraphs(div, italics))
        chapters.append(chap)
    return chapters, meta


# ------------------------------------------------------------- FanFicFare EPUBs

# The labels of a FanFicFare title page ("<b>Status:</b> Completed<br />") and the meta keys they fill
_FFF_LIST_KEYS = {
    "category": "fandoms",
    "genre": "tags",
    "extra tags": "tags",
    "characters": "characters",
    "relationships": "relationships",
    "ships": "relationships",
    "warnings": "warnings",
}
_FFF_STR_KEYS = {
    "rating": "rating",
    "language": "language",
    "series": "series",
    "status": "status",
    "published": "published",
    "updated": "updated",
    "chapters": "chapter_count",
    "summary": "summary",
    "description": "summary",
    "story url": "url",
}
_FFF_LABELS = frozenset([*_FFF_LIST_KEYS, *_FFF_STR_KEYS, "words", "packaged", "publisher", "site"])


def _labelled_entries(node: Tag) -> list[tuple[str, str]]:
    """``(label, value)`` of the ``<b>Label:</b> value`` entries of a block (lines or table rows)."""
    labels = [b for b in node.find_all(["b", "strong"]) if _text(b).endswith(":")]
    ids = {id(b) for b in labels}
    entries: list[tuple[str, str]] = []
    label: str | None = None
    parts: list[str] = []
    for d in node.descendants:
        if isinstance(d, Tag) and id(d) in ids:
            if label is not None:
                entries.append((label, _WS.sub(" ", "".join(parts)).strip()))
            label, parts = _text(d)[:-1].strip().lower(), []
        elif isinstance(d, Tag) and (d.name in _BLOCK or d.name == "br"):
            parts.append(" ")
        elif (
            label is not None
            and isinstance(d, NavigableString)
            and not isinstance(d, (Comment, Declaration, Doctype, ProcessingInstruction))
            and not any(id(p) in ids for p in d.parents)
        ):
            parts.append(str(d))
    if label is not None:
        entries.append((label, _WS.sub(" ", "".join(parts)).strip()))
    return entries


def fanficfare_page(soup: BeautifulSoup | Tag) -> str | None:
    """``"title"`` for a FanFicFare title page, ``"log"`` for its update log, else ``None``.

    FanFicFare (and the Calibre plugin) open every EPUB with a title page
    (``<body class="fff_titlepage">``: "Title by Author", then "Status:",
    "Published:", "Words:", "Summary:"... lines); it is not the story.
    """
    body = soup.find("body")
    classes = (body.get("class") or []) if isinstance(body, Tag) else []
    if isinstance(classes, str):
        classes = classes.split()
    if "fff_titlepage" in classes:
        return "title"
    if "fff_logpage" in classes:
        return "log"
    if isinstance(body, Tag):
        # an older or restyled title page: mostly FanFicFare's labels, "Packaged:" or "Status:" among them
        labels = [e[0] for e in _labelled_entries(body)]
        known = sum(x in _FFF_LABELS for x in labels)
        if len(labels) >= 3 and {"packaged", "status"} & set(labels) and known >= 0.8 * len(labels):
            return "title"
    return None


def _fanficfare_meta(soup: BeautifulSoup) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    body = _body(soup)
    heading = body.find(["h1", "h2", "h3"])
    if heading is not None:
        links = heading.find_all("a")
        authors = [_text(a) for a in links if _has_class(a, "authorlink")]
        authors = authors or [_text(a) for a in links[1:]]
        if links and _text(links[0]):
            meta["title"] = _text(links[0])
        else:
            meta["title"] = re.split(r"\s+by\s+", _text(heading), maxsplit=1)[0]
        if not authors:
            by = re.split(r"\s+by\s+", _text(heading), maxsplit=1)
            authors = [a.strip() for a in by[1].split(",")] if len(by) == 2 else []
        authors = [a for a in authors if a]
        if authors:
            meta["author"] = ", ".join(authors)
            meta["authors"] = authors
        if links and links[0].get("href"):
            meta["url"] = str(links[0]["href"])
    for label, value in _labelled_entries(body):
        if not value:
            continue
        if label in _FFF_LIST_KEYS:
            values = [v.strip() for v in value.split(",") if v.strip()]
            meta.setdefault(_FFF_LIST_KEYS[label], []).extend(values)
        elif label in _FFF_STR_KEYS:
            meta[_FFF_STR_KEYS[label]] = value
        elif label == "words":
            digits = re.sub(r"[^\d]", "", value)
            if digits:
                meta["words"] = int(digits)
    if meta.get("status", "").lower() == "completed" and meta.get("updated"):
        meta.setdefault("completed", meta["updated"])
    return meta


_TITLE_WORDS = 15
_BY = re.compile(r"^by\s+(\S.*)$", re.IGNORECASE)


def _document_title(chap: _Chap, soup: BeautifulSoup, meta: dict[str, Any]) -> list[Paragraph]:
    """Take the title that opens a document out of its text: the paragraphs to lay out as front matter.

    A Word "Save as Web Page" file or a Google Docs export opens with its
    title, in the Title style (``<p class=MsoTitle>``, ``<p class="title">``)
    or as a short heading or line that the ``<title>`` repeats. That title
    (and a Subtitle after it, "by Author" giving the author) is the
    document's ``meta["title"]``, not the story's first paragraph.
    """
    paras = chap.paras
    if not paras or paras[0].kind == "break":
        return []
    first = paras[0]
    tab = soup.find("title")
    same = tab is not None and _WS.sub(" ", first.text).casefold() == _text(tab).casefold()
    short = len(first.text.split()) <= _TITLE_WORDS and "\n" not in first.text
    if not (short and (first.kind == "title" or (same and first.kind in ("heading", "p")))):
        return []
    k = 1
    while k < len(paras) and paras[k].kind == "subtitle":
        k += 1
    if not any(p.kind != "break" for p in paras[k:]):
        return []  # the title is all there is: keep it as the story
    meta["title"] = first.text
    for p in paras[1:k]:
        m = _BY.match(p.text)
        if m:
            meta["author"] = m.group(1).strip()
    chap.paras = paras[k:]
    return paras[:k]


def _tidy(paras: list[Paragraph]) -> list[Paragraph]:
    """Drop scene breaks at the edges of a chapter and repeated ones."""
    out: list[Paragraph] = []
    for p in paras:
        if p.kind == "break" and (not out or out[-1].kind == "break"):
            continue
        out.append(p)
    while out and out[-1].kind == "break":
        out.pop()
    return out


@dataclass
class _Built:
    text: str
    chapters: list[Chapter]
    emphasis: list[tuple[int, int]]
    headings: list[int]
    front: list[tuple[int, int]] = field(default_factory=list)


def _assemble(chapters: Sequence[_Chap], front: Sequence[Paragraph] = ()) -> _Built:
    """Lay out the text: the ``front`` paragraphs (a title page: front matter), then the chapters."""
    parts: list[str] = []
    pos = 0
    starts: list[tuple[int, str | None]] = []
    emphasis: list[tuple[int, int]] = []
    headings: list[int] = []
    front_ranges: list[tuple[int, int]] = []
    for p in front:
        if parts:
            parts.append("\n\n")
            pos += 2
        front_ranges.append((pos, pos + len(p.text)))
        parts.append(p.text)
        pos += len(p.text)
    for ch in chapters:
        paras = _tidy(ch.paras)
        if not paras and not ch.title:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        starts.append((pos, ch.title))
        first = True
        if ch.title:
            headings.append(pos)
            parts.append(ch.title)
            pos += len(ch.title)
            first = False
        for p in paras:
            if not first:
                parts.append("\n\n")
                pos += 2
            first = False
            emphasis.extend((pos + a, pos + b) for a, b in p.emphasis)
            parts.append(p.text)
            pos += len(p.text)
    text = "".join(parts)
    out: list[Chapter] = []
    for n, (start, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        out.append(Chapter(start, end, title))
    if len(out) == 1 and out[0].title is None:
        out = []  # one untitled chapter: nothing the scene stage does not know
    return _Built(text, out, emphasis, headings, front_ranges)


def _chapter_meta(chapters: Sequence[_Chap], meta: dict[str, Any]) -> None:
    kept = [c for c in chapters if _tidy(c.paras) or c.title]  # the chapters _assemble keeps
    for attr, key in (
        ("summary", "chapter_summaries"),
        ("notes", "chapter_notes"),
        ("end_notes", "chapter_end_notes"),
    ):
        values = [getattr(c, attr) for c in kept]
        if any(v for v in values):
            meta[key] = values


def _finish(
    built: _Built,
    meta: dict[str, Any],
    *,
    fmt: str,
    path: str | None,
    encoding: str | None,
    label: str,
) -> Source:
    if not built.text.strip():
        raise FormatError(
            f"{cap(label)} holds no story text that fictools can find (no paragraphs in its body). "
            "Check that it is the story itself and not an index or a login page; "
            "for AO3, use the work's Download → HTML or EPUB button."
        )
    source = Source(
        text=built.text,
        meta=meta,
        format=fmt,
        path=path,
        encoding=encoding,
        chapters=built.chapters,
        emphasis=sorted(built.emphasis),
    )
    start = None
    if built.front:
        # a title page the reader recognised: front matter, before the story
        source.matter = [Matter(a, b, "front", built.text[a:b]) for a, b in built.front]
        start = built.front[-1][1]
        while start < len(built.text) and built.text[start].isspace():
            start += 1
    if is_gutenberg(built.text):
        # A Project Gutenberg HTML book: its header and licence are boilerplate here too.
        pg = parse_gutenberg(built.text, path=path, encoding=encoding)
        source.content, source.matter, source.pages = pg.content, pg.matter, pg.pages
        for key, value in pg.meta.items():
            if key in ("title", "author") or key not in source.meta:
                source.meta[key] = value
        return source
    apply_matter(source, start, headings=built.headings, keep_meta=False)
    return source


def _generic_meta(soup: BeautifulSoup, meta: dict[str, Any]) -> None:
    title = soup.find("title")
    if title is not None and _text(title):
        meta.setdefault("title", _text(title))
    else:
        h1 = soup.find("h1")
        if h1 is not None and _text(h1):
            meta.setdefault("title", _text(h1))
    author = soup.find("meta", attrs={"name": re.compile(r"^author$", re.IGNORECASE)})
    if author is not None and author.get("content"):
        meta.setdefault("author", str(author["content"]).strip())


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def _body(soup: BeautifulSoup) -> Tag:
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def parse_html_documents(
    documents: Iterable[str],
    *,
    fmt: str = "html",
    path: str | None = None,
    encoding: str | None = None,
    label: str = "the HTML given",
    meta: dict[str, Any] | None = None,
    names: Sequence[str] | None = None,
    css: Sequence[str] = (),
) -> Source:
    """Read one or more HTML documents (the files of an EPUB, in reading order) as one story.

    AO3 documents are read with their structure (preface, chapters, notes,
    afterword); other documents become one chapter each, titled by a heading
    that opens them, except a FanFicFare title page (front matter and meta).

    Parameters
    ----------
    documents
        The HTML/XHTML markup of each document.
    fmt
        ``Source.format`` to record (``"html"`` or ``"epub"``).
    path, encoding
        Recorded on the Source.
    label
        How error messages name the input.
    meta
        Metadata known from elsewhere (EPUB's Dublin Core); the documents'
        own metadata wins.
    names
        File names of the documents, to skip covers and tables of contents.
    css
        Style sheets beside the documents (an EPUB's ``.css`` files); with
        the documents' own ``<style>`` blocks they say which classes are italic.

    Returns
    -------
    Source
        The story text, chapters, emphasis, metadata and matter.

    Raises
    ------
    FormatError
        When no story text is found.
    """
    soups = [_soup(d) for d in documents]
    base: dict[str, Any] = dict(meta or {})
    italics = italic_classes([*css, *(sheet for s in soups for sheet in _style_sheets(s))])
    if len(soups) == 1 and is_ao3_work_page(soups[0]):
        chapters, found = _read_work_page(soups[0], italics)
        built = _assemble(chapters)
        _chapter_meta(chapters, found)
        found["source"] = "ao3"
        return _finish(built, {**base, **found}, fmt=fmt, path=path, encoding=encoding, label=label)
    if any(is_ao3(s) for s in soups):
        walker = _AO3Walker(italics)
        for s in soups:
            walker.walk(_body(s))
        built = _assemble(walker.chapters)
        found = walker.meta
        _chapter_meta(walker.chapters, found)
        # From the EPUB's own metadata keep only what AO3's preface also says;
        # its subject list ("Fanworks", the rating...) is not AO3's tag list.
        merged = {k: v for k, v in base.items() if k in ("title", "author", "authors", "summary")}
        merged.update(found)
        if "title" not in merged and soups:
            _generic_meta(soups[0], merged)
        merged["source"] = "ao3"
        return _finish(built, merged, fmt=fmt, path=path, encoding=encoding, label=label)

    chapters: list[_Chap] = []
    front: list[Paragraph] = []  # a FanFicFare title page: front matter, its lines meta
    page_meta: dict[str, Any] = {}
    skip = re.compile(
        r"(^|[/_\-.])(cover|title-?page|toc|nav|contents|copyright)([_\-.]|$)", re.IGNORECASE
    )
    for n, s in enumerate(soups):
        if names is not None and len(soups) > 1 and skip.search(names[n]):
            continue
        paras = collect_paragraphs(_body(s), italics)
        if not any(p.kind != "break" for p in paras):
            continue
        fff = fanficfare_page(s) if len(soups) > 1 else None
        if fff is not None and not chapters:
            front.extend(p for p in paras if p.kind != "break")
            if fff == "title":
                page_meta.update(_fanficfare_meta(s))
            continue
        title = None
        if len(soups) > 1 and paras and paras[0].kind == "heading":
            title = paras.pop(0).text
        chapters.append(_Chap(title=title, paras=paras))
    if len(soups) == 1 and chapters and not front:
        front = _document_title(chapters[0], soups[0], page_meta)
    if not any(_tidy(c.paras) for c in chapters):
        chapters, front = [_Chap(title=None, paras=front), *chapters], []  # nothing else: it is the story
    built = _assemble(chapters, front)
    merged = {**base, **page_meta}
    if soups:
        found: dict[str, Any] = {}
        _generic_meta(soups[0], found)
        for key, value in found.items():
            merged.setdefault(key, value)
    return _finish(built, merged, fmt=fmt, path=path, encoding=encoding, label=label)


def parse_html(
    markup: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    label: str = "the HTML given",
) -> Source:
    """Read an HTML story: an AO3 download, or any page's ``<body>`` text.

    Parameters
    ----------
    markup
        The decoded HTML.
    path, encoding
        Recorded on the Source.
    label
        How error messages name the input (``"'story.html'"``).

    Returns
    -------
    Source
        ``format="html"``. For AO3: ``meta`` has ``title``, ``author``,
        ``authors``, ``rating``, ``warnings``, ``categories``, ``fandoms``,
        ``relationships``, ``characters``, ``tags``, ``language``,
        ``series``, ``words``, ``published``/``updated``/``completed``,
        ``chapter_count``, ``url``, ``summary``, ``notes``, ``end_notes`` and
        (one entry per chapter, ``None`` where a chapter has none)
        ``chapter_summaries``, ``chapter_notes``, ``chapter_end_notes``,
        whichever the file has.

    Raises
    ------
    FormatError
        When the page holds no text.

    Examples
    --------
    >>> s = parse_html("<p>She <em>knew</em>.</p><hr><p>Later.</p>")
    >>> s.text
    'She knew.\\n\\n* * *\\n\\nLater.'
    >>> [s.text[a:b] for a, b in s.emphasis]
    ['knew']
    """
    return parse_html_documents([markup], fmt="html", path=path, encoding=encoding, label=label)
