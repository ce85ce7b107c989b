"""Project Gutenberg plain-text files: header and licence as boilerplate, the book as content.

The text is never cut: the header (up to the ``*** START OF ... ***`` line)
and the licence (from the ``*** END OF ...`` / ``End of the Project
Gutenberg EBook`` line) become ``Matter(kind="boilerplate")`` ranges and
``Source.content`` is the book between them. The printed book's page numbers
(``{12}``, ``[Pg 12]``) stay in the text too, listed in ``Source.pages``.
"""

from __future__ import annotations

import re

from .base import Matter, Source
from .matter import apply_matter, is_chapter_heading

__all__ = ["find_pages", "is_gutenberg", "parse_gutenberg"]

_START = re.compile(
    r"^[ \t]*\*{3}[ \t]*START[ \t]+OF[ \t]+(?:THE|THIS)[ \t]+PROJECT[ \t]+GUTENBERG[ \t]+E-?BOOK\b[^\r\n]*"
    r"|^[ \t]*\*+[ \t]*END[ \t]*\*?[ \t]*THE[ \t]+SMALL[ \t]+PRINT[^\r\n]*",
    re.IGNORECASE | re.MULTILINE,
)
_END = re.compile(
    r"^[ \t]*\*{3}[ \t]*END[ \t]+OF[ \t]+(?:THE|THIS)[ \t]+PROJECT[ \t]+GUTENBERG[ \t]+E-?BOOK\b[^\r\n]*"
    r"|^[ \t]*End[ \t]+of[ \t]+(?:the[ \t]+|this[ \t]+)?Project[ \t]+Gutenberg(?:['\u2019]s)?\b[^\r\n]*",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD = re.compile(
    r"^(Title|Author|Translator|Editor|Illustrator|Language|Release[ \t]+Date|Posting[ \t]+Date)[ \t]*:[ \t]*(.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_EBOOK_OF = re.compile(
    r"Project Gutenberg(?:['\u2019]s)?\s+E-?(?:Book|text)\s+of\s+(.+?)(?:,\s+by\s+(.+?))?\s*(?:\r?\n\s*\r?\n|$)",
    re.IGNORECASE | re.DOTALL,
)
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n|\r[ \t]*\r")
_NUMBER = re.compile(r"\[\s*E-?(?:Book|text)\s*#\s*(\d+)\s*\]", re.IGNORECASE)
# The page numbers of the printed book: "{12}" (older files), "[Pg 12]" (made from the HTML edition)
_PAGE = re.compile(
    r"\{(?:\d{1,4}|[ivxlcdm]{1,8})\}|\[(?:Pg|Page|p)\.?[ \t]*(?:\d{1,4}|[ivxlcdm]{1,8})\]",
    re.IGNORECASE,
)
_PRODUCED = re.compile(
    r"^(?:produced|prepared|transcribed|scanned|proofread|e-?text\s+prepared|this\s+e-?(?:text|book)\s+was\s+(?:produced|prepared))\b"
    r"|^(?:an\s+)?(?:html|e-?text)\s+version\s+by\b|^transcriber['\u2019]?s\s+notes?\b",
    re.IGNORECASE,
)


def is_gutenberg(text: str) -> bool:
    """Tell whether a text is a Project Gutenberg file (it has a START or SMALL PRINT marker).

    Parameters
    ----------
    text
        The decoded file.

    Returns
    -------
    bool
        True when a ``*** START OF THE/THIS PROJECT GUTENBERG EBOOK`` or
        ``*END*THE SMALL PRINT`` line is present.
    """
    return _START.search(text) is not None


def find_pages(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the printed book's page numbers, ``{12}`` and ``[Pg 12]``, in ``text[start:end]``.

    Examples
    --------
    >>> t = "and I\\n{14}\\nran all the way [Pg 15] down."
    >>> [t[a:b] for a, b in find_pages(t)]
    ['{14}', '[Pg 15]']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _PAGE.finditer(text, start, end)]


def _header_meta(header: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    lines = header.splitlines()
    for m in _FIELD.finditer(header):
        key = re.sub(r"[ \t]+", "_", m.group(1).lower())
        value = m.group(2).strip()
        # Long titles continue on indented lines.
        if key == "title":
            idx = header[: m.start()].count("\n")
            for nxt in lines[idx + 1 : idx + 4]:
                if nxt[:1] in (" ", "\t") and nxt.strip():
                    value += " " + nxt.strip()
                else:
                    break
        if value and key not in meta:
            meta[key] = value
    if "release_date" in meta:
        meta["release_date"] = _NUMBER.sub("", meta["release_date"]).strip(" ,")
    number = _NUMBER.search(header)
    if number:
        meta["gutenberg_id"] = number.group(1)
    if "title" not in meta or "author" not in meta:
        m = _EBOOK_OF.search(header[:2000])
        if m:
            meta.setdefault("title", re.sub(r"\s+", " ", m.group(1)).strip())
            if m.group(2):
                meta.setdefault("author", re.sub(r"\s+", " ", m.group(2)).strip())
    return meta


def parse_gutenberg(
    text: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    find_matter: bool = True,
) -> Source:
    """Read a Project Gutenberg file into a Source.

    Parameters
    ----------
    text
        The decoded file; it becomes ``Source.text`` unchanged.
    path, encoding
        Recorded on the Source.
    find_matter
        Also look for front/back matter (a "Produced by" credit, "THE END")
        inside the book.

    Returns
    -------
    Source
        ``format="gutenberg"``; header and licence as ``boilerplate``
        matter; ``meta`` with ``title``, ``author`` (and ``translator``,
        ``language``, ``release_date``, ``gutenberg_id`` when given).

    Raises
    ------
    ValueError
        When the text has no START marker (check :func:`is_gutenberg` first).
    """
    start_m = _START.search(text)
    if start_m is None:
        raise ValueError("not a Project Gutenberg text: no START marker")
    head_end = start_m.end()
    matter: list[Matter] = [Matter(0, head_end, "boilerplate", text[:head_end])]
    end_m = _END.search(text, head_end)
    tail_start = end_m.start() if end_m else len(text)
    if end_m:
        matter.append(Matter(tail_start, len(text), "boilerplate", text[tail_start:]))

    meta: dict[str, object] = dict(_header_meta(text[: start_m.start()]))
    source = Source(
        text=text,
        meta=meta,
        format="gutenberg",
        path=path,
        encoding=encoding,
        content=(head_end, tail_start),
        matter=[],
        pages=find_pages(text, head_end, tail_start),
    )

    # Skip blank lines; a leading "Produced by ..." paragraph is front matter.
    body = text[head_end:tail_start]
    pos = head_end + (len(body) - len(body.lstrip()))
    front: list[Matter] = []
    while pos < tail_start:
        para_end_m = _BLANK_LINE.search(text, pos, tail_start)
        para_end = para_end_m.start() if para_end_m else tail_start
        para = text[pos:para_end].rstrip()
        if not _PRODUCED.match(para.lstrip("[*_ ")):
            break
        front.append(Matter(pos, pos + len(para), "front", para))
        rest = text[para_end:tail_start]
        pos = para_end + (len(rest) - len(rest.lstrip()))
    # the title page and the table of contents, up to the first chapter heading
    title_page = _title_page(text, pos, tail_start)
    if title_page:
        front.extend(title_page)
        rest = text[title_page[-1].end : tail_start]
        pos = title_page[-1].end + (len(rest) - len(rest.lstrip()))
    content_end = tail_start
    while content_end > pos and text[content_end - 1].isspace():
        content_end -= 1
    source.content = (pos, max(pos, content_end))
    source.matter = matter + front
    if find_matter and pos < content_end:
        apply_matter(source, keep_meta=False)
    source.matter.sort(key=lambda m: (m.start, m.end))
    source.meta["front_matter"] = [m.text for m in source.matter if m.kind == "front"]
    source.meta["back_matter"] = [m.text for m in source.matter if m.kind == "back"]
    return source


_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents\.?$|^(?:list\s+of\s+)?illustrations\.?$", re.IGNORECASE)
_TITLE_PAGE_LINES = 40


def _title_page(text: str, pos: int, end: int) -> list[Matter]:
    """The paragraphs before the first chapter heading when they are a title page and a contents.

    Short lines only (a title, "BY", an author, a publisher, a year) and
    contents lists ("CHAPTER I. THE LAMP" one per line); nothing when prose
    comes before the first heading, or no heading comes at all.
    """
    out: list[Matter] = []
    n_lines = 0
    while pos < end:
        m = _BLANK_LINE.search(text, pos, end)
        para_end = m.start() if m else end
        para = text[pos:para_end].rstrip()
        lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
        toc = len(lines) >= 2 and sum(is_chapter_heading(ln) for ln in lines) >= 2
        if lines and not toc and is_chapter_heading(lines[0]):
            return out  # the first chapter
        title_like = all(len(ln) <= 70 and not (len(ln.split()) >= 8 and ln[-1:] in ".!?\"”") for ln in lines)
        n_lines += len(lines)
        if not lines or not (toc or title_like or _CONTENTS.match(lines[0])) or n_lines > _TITLE_PAGE_LINES:
            return []
        out.append(Matter(pos, pos + len(para), "front", para))
        rest = text[para_end:end]
        pos = para_end + (len(rest) - len(rest.lstrip()))
    return []
