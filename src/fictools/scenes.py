"""Chapters, scenes and paragraphs.

The layout of a story is found from its text alone, before any parse:

* **paragraphs** are blocks separated by blank lines, or single lines when the
  text does not use blank lines (or puts several long unwrapped lines in one
  block); the printed book's page numbers (``Source.pages``) break none;
* **chapters** start at headings ("Chapter 3", "CHAPTER IX", "Part Two",
  "Prologue", a roman numeral or a number alone on a line) or where the
  reader found them in the file's structure (AO3 HTML/EPUB);
* **scenes** start at chapters, at separator lines (``* * *``, ``***``,
  ``~~~``, ``oOo``, ``-x-``, ``#``, ``----``, ``____``, ornaments) and at
  header lines that name a time or a place ("Olivia's apartment, later that
  night", "Three weeks later", "Elliot's POV").

Scenes partition the story content: each scene runs from its separator or
heading to the start of the next one, so every character of content belongs to
exactly one scene.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from . import schema
from .sources.base import Source
from .text import WORD_RE

__all__ = ["Layout", "Paragraph", "segment", "split_paragraphs"]


@dataclass
class Paragraph:
    """One paragraph of the text (``start``/``end`` trimmed of white space)."""

    start: int
    end: int
    role: str = "text"  # text | separator | chapter | title | header | caption | matter
    scene: int = -1
    index: int = -1  # position among the "text" paragraphs (the ones read as story)


@dataclass
class Layout:
    """What the scene stage found: every paragraph, the scenes, the chapters."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    scenes: list[dict] = field(default_factory=list)

    @property
    def text_paragraphs(self) -> list[Paragraph]:
        """The paragraphs that are story prose (not headings, separators or matter)."""
        return [p for p in self.paragraphs if p.role == "text"]

    def scenes_frame(self) -> pd.DataFrame:
        return schema.frame("scenes", self.scenes)

    def paragraphs_frame(self) -> pd.DataFrame:
        text = self.text_paragraphs
        return schema.frame(
            "paragraphs",
            (
                {
                    "paragraph": p.index,
                    "scene": p.scene,
                    "start": p.start,
                    "end": p.end,
                    "n_words": 0,
                }
                for p in text
            ),
        )


# --------------------------------------------------------------------------
# paragraphs

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_WRAPPED_LINE = 100  # lines of hard-wrapped text (Gutenberg) are shorter than this


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every line in text[start:end], line break excluded."""
    out = []
    for m in _LINE_RE.finditer(text, start, end):
        if m.start() == m.end():
            break
        s = m.start()
        e = m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
    return out


def split_paragraphs(
    text: str, start: int = 0, end: int | None = None, *, hidden: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Paragraph spans of ``text[start:end]``, trimmed of surrounding white space.

    Blocks separated by blank lines are paragraphs when the text uses blank
    lines; otherwise every non-empty line is one. Inside a block, unwrapped
    long lines (each longer than a hard-wrapped line) are paragraphs of their
    own.

    ``hidden`` ranges (page numbers of the printed book, ``Source.pages``)
    are not there for the layout: a line holding nothing else is neither a
    paragraph nor a blank line, a paragraph that one interrupts ("and I" /
    ``{14}`` / "ran all the way") goes on across it, and a paragraph's span
    does not begin or end with one.
    """
    end = len(text) if end is None else end
    lines = _lines(text, start, end)
    joins: set[int] = set()
    if hidden:
        lines, joins = _drop_hidden_lines(text, lines, hidden)
    hidden_at = {a: b for a, b in hidden}
    hidden_to = {b: a for a, b in hidden}
    blank = [text[s:e].strip() == "" for s, e in lines]
    n_text = blank.count(False)
    n_blank = blank.count(True)
    blocks: list[list[tuple[int, int]]] = []
    use_blocks = n_text > 0 and n_blank >= 0.1 * n_text
    cur: list[tuple[int, int]] = []
    for (s, e), is_blank in zip(lines, blank):
        if is_blank:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        if s in joins and not use_blocks and blocks:
            blocks[-1].append((s, e))  # the paragraph a page number interrupted goes on
        elif use_blocks:
            cur.append((s, e))
        else:
            blocks.append([(s, e)])
    if cur:
        blocks.append(cur)
    text_lines = [ln for ln, b in zip(lines, blank) if not b]
    if _indented_paragraphs(text, text_lines):
        # "\tHe laughed." / "\t"I always do," she said, "and you always" / "notice."": paragraphs
        # start at an indent, their wrapped lines do not
        blocks = [g for block in (blocks if use_blocks else [text_lines]) for g in _split_at_indents(text, block)]
    out: list[tuple[int, int]] = []
    for block in blocks:
        if len(block) > 1 and _unwrapped(text, block):
            spans = block
        else:
            spans = [(block[0][0], block[-1][1])]
        for s, e in spans:
            s, e = _trim(text, s, e, hidden_at, hidden_to)
            if s < e:
                out.append((s, e))
    return out


def _trim(text: str, s: int, e: int, starts: dict[int, int], ends: dict[int, int]) -> tuple[int, int]:
    """``[s, e)`` without white space, nor hidden ranges (``start -> end``, ``end -> start``), at its ends."""
    moved = True
    while moved:
        moved = False
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s in starts and starts[s] <= e:
            s, moved = starts[s], True
        if e in ends and ends[e] >= s:
            e, moved = ends[e], True
    return s, e


_CONTINUES = re.compile(r"[^.!?:;\"\u201d\u2019)\]\s]\s*$")


def _drop_hidden_lines(
    text: str, lines: list[tuple[int, int]], hidden: Sequence[tuple[int, int]]
) -> tuple[list[tuple[int, int]], set[int]]:
    """The lines without those that hold only hidden ranges, and where a paragraph goes on across one.

    Returns the kept lines and the starts of the lines that continue the
    paragraph before a dropped line although blank lines stand between them:
    the one before does not end a sentence and this one opens in lower case.
    """
    ranges = sorted(hidden)
    starts = [a for a, _ in ranges]
    out: list[tuple[int, int]] = []
    joins: set[int] = set()
    dropped = False
    for s, e in lines:
        if _only_hidden(text, s, e, ranges, starts):
            dropped = True
            continue
        if dropped and text[s:e].strip():
            prev = next((ln for ln in reversed(out) if text[ln[0] : ln[1]].strip()), None)
            first = text[s:e].lstrip()[:1]
            if prev is not None and first.islower() and _CONTINUES.search(text, prev[0], prev[1]):
                # drop the blank lines between the two halves, keep the second half's line
                while out and not text[out[-1][0] : out[-1][1]].strip():
                    out.pop()
                joins.add(s)
            dropped = False
        out.append((s, e))
    return out, joins


def _only_hidden(text: str, s: int, e: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``text[s:e]`` holds hidden ranges and white space only (and at least one range)."""
    k = bisect_left(starts, s)
    pos, seen = s, False
    while pos < e:
        if text[pos].isspace():
            pos += 1
        elif k < len(ranges) and ranges[k][0] == pos and ranges[k][1] <= e:
            pos, seen = ranges[k][1], True
            k += 1
        else:
            return False
    return seen


def _indent(text: str, s: int, e: int) -> bool:
    return s < e and (text[s] == "\t" or text.startswith("  ", s)) and not text[s:e].isspace()


def _indented_paragraphs(text: str, lines: list[tuple[int, int]]) -> bool:
    """Paragraphs marked by indenting their first line, wrapped lines not indented."""
    n_indented = sum(_indent(text, s, e) for s, e in lines)
    return 2 <= n_indented < len(lines) and n_indented >= 0.2 * len(lines)


def _split_at_indents(text: str, block: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    groups: list[list[tuple[int, int]]] = []
    for s, e in block:
        if not groups or _indent(text, s, e):
            groups.append([(s, e)])
        else:
            groups[-1].append((s, e))
    return groups


def _unwrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """True when a block's lines are separate paragraphs, not one wrapped paragraph."""
    long_lines = sum(1 for s, e in block[:-1] if e - s > _WRAPPED_LINE)
    return long_lines >= max(1, (len(block) - 1) // 2)


# --------------------------------------------------------------------------
# headings and separators

# upper case only: "x" alone is a separator, "X." a chapter
_ROMAN = r"(?-i:(?=[MDCLXVI]+\b)M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_NUMWORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
)
_CHAPTER_RE = re.compile(
    rf"""^[\W_]{{0,3}}(?:
        (?:(?:chapter|chap\.?|part|book|volume|vol\.?|act|section|stave)\s+|ch\.\s*|ch\s+)
            (?:\d+|{_ROMAN}|(?i:{_NUMWORD})(?:[\s-](?i:{_NUMWORD}))?|the\s+\w+)\b
        | (?:prologue|epilogue|interlude|afterword|foreword|preface|introduction)\b
        | (?P<num>{_ROMAN}\b\.?|\d{{1,3}}\b\.?)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_SEPARATOR_WORD = re.compile(
    r"^[\W_]*(?:o+[O0]+o+|O+o+O+|o0o|0o0|x+X+x+|X+x+X+|scene\s*break|line\s*break|break|"
    r"pov\s*change|time\s*skip|flashback|end\s*flashback|x|o)[\W_]*$",
    re.IGNORECASE,
)

_TIME_WORDS = (
    r"later|earlier|meanwhile|morning|afternoon|evening|night|midnight|noon|dawn|dusk|"
    r"tonight|today|tomorrow|yesterday|ago|after|before|next|previous|present|past|"
    r"minutes?|hours?|days?|weeks?|months?|years?|o'clock|o\u2019clock|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|fall|winter|christmas|flashback|present day|"
    r"pov|point of view"
)
_PLACE_WORDS = (
    r"apartment|flat|house|home|office|precinct|station|room|kitchen|bedroom|hall|hallway|"
    r"hospital|school|academy|castle|tower|palace|street|road|avenue|park|garden|beach|"
    r"bar|pub|cafe|caf\u00e9|restaurant|hotel|motel|car|ship|manor|village|city|town|"
    r"library|church|court|courthouse|forest|woods|camp|base|headquarters|hq|lab|"
    r"squad\s*room|place|dorm|common room|tavern|inn|farm|shop|store|market|harbour|harbor|"
    r"dock|island|lake|river|mountain"
)
_HEADER_CUE = re.compile(
    rf"\b(?:{_TIME_WORDS}|{_PLACE_WORDS})\b|\b\d{{1,2}}[:.]\d{{2}}\b|\b\d{{4}}\b|'s$|\u2019s$",
    re.IGNORECASE,
)
_TIME_LEAD = re.compile(
    r"^(?:later|meanwhile|the next (?:day|morning|evening|night|week)|"
    r"(?:\w+|a few|several|some) (?:minutes|hours|days|weeks|months|years) (?:later|earlier|ago))\b",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(r"^\[(?:illustration|picture|image|figure|photo|sidenote|footnote)\b", re.IGNORECASE)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _strip_wrappers(line: str) -> str:
    s = line.strip().strip("*_~<>=#").strip()
    while len(s) >= 2 and s[0] + s[-1] in ("()", "[]"):  # "[Scene break]", not "Chapter 2 (of 3)"
        s = s[1:-1].strip("*_~<>=#").strip()
    return s


def is_separator(line: str) -> bool:
    """True for a scene-break line: ``* * *``, ``***``, ``~~~``, ``oOo``, ``-x-``, ``#``, ornaments."""
    s = line.strip()
    if not s or len(s) > 60:
        return False
    if any(c in _QUOTES for c in s):
        return False
    if not any(c.isalnum() for c in s):
        return True
    return bool(_SEPARATOR_WORD.match(s))


def is_chapter_heading(block: str) -> bool:
    """True for a chapter heading ("Chapter 3", "CHAPTER IX", "Part Two", "XII", "Prologue")."""
    first = block.strip().splitlines()[0].strip() if block.strip() else ""
    if not first or len(first) > 80 or len(block) > 300:
        return False
    m = _CHAPTER_RE.match(first)
    if not m:
        return False
    rest = first[m.end() :].strip()
    if any(c in "\u201c\u201d\"" for c in first) and not (
        m.group("num") is None and re.match(r"^[.:\-\u2013\u2014]\s*[\"\u201c].*[\"\u201d]$", rest)
    ):
        return False  # speech, unless a quoted title after "Chapter 1:" ('Chapter 1: "Hello, Stranger"')
    if m.group("num") and re.match(r"^[:.]\d", rest):
        return False  # "2:14 a.m." is a time
    if m.group("num") and not m.group("num").endswith("."):
        # a bare number or numeral is a heading only when it stands alone or
        # introduces a title ("IV. The Storm", "3 - Home")
        if rest and not re.match(r"^[.:\-\u2013\u2014)]\s*\S", rest) and not _is_bare_number(first):
            if not re.match(r"^(?:chapter|chap|part|book|volume|vol|act|section|stave)", first, re.IGNORECASE):
                return False
    if len(rest.split()) > 12:
        return False
    # "Part of me wanted to go." is prose, not a heading
    return not (rest and rest[-1] in ".!?" and len(rest.split()) > 4)


def _is_bare_number(line: str) -> bool:
    return bool(re.fullmatch(rf"[\W_]*(?:\d{{1,3}}|{_ROMAN})\.?[\W_]*", line.strip()))


def is_scene_header(line: str) -> bool:
    """True for a short line naming a time or a place that opens a scene."""
    s = line.strip()
    if not s or "\n" in s or len(s) > 80:
        return False
    if any(c in _QUOTES for c in s.replace("'s ", "").replace("\u2019s ", "")[:1]):
        return False
    if any(c in "\"\u201c\u201d" for c in s):
        return False
    core = _strip_wrappers(s)
    if not core or not (core[0].isupper() or core[0].isdigit()):
        return False
    if any(c in "*_~" for c in core):
        return False  # "*Home,* she thought." is a thought, not a header
    words = core.split()
    if len(words) > 10:
        return False
    wrapped = core != s
    if core[-1] in ".!?" and not wrapped and not re.search(r"\b[ap]\.\s?m\.$", core, re.IGNORECASE):
        # "Later that night." opens a scene; "Later, she wondered why." is prose ("2:14 a.m." is a time)
        return (
            bool(_TIME_LEAD.match(core))
            and len(words) <= 6
            and "," not in core
            and not re.search(r"\b(?:I|he|she|they|we|you|it)\b", core, re.IGNORECASE)
        )
    if core[-1] in ",;:":
        return False
    if wrapped and len(words) <= 8:
        return True
    return bool(_HEADER_CUE.search(core))


# --------------------------------------------------------------------------
# segmentation


def segment(source: Source) -> Layout:
    """Find the paragraphs, chapters and scenes of a story.

    Parameters
    ----------
    source
        The story as :func:`fictools.read` returns it.

    Returns
    -------
    Layout
        ``paragraphs`` (every paragraph of the content, with its role and
        scene) and ``scenes`` (rows of the ``scenes`` table).
    """
    cs, ce = source.content
    spans = split_paragraphs(source.text, cs, ce, hidden=source.pages)
    # headings, separators and word counts are read from a view without the page numbers
    text = _blank_out(source.text, source.pages)
    in_matter = _overlaps(sorted((m.start, m.end) for m in source.matter))
    chapter_starts = sorted({c.start for c in source.chapters if cs <= c.start < ce})
    chapter_titles = {c.start: c.title for c in source.chapters}

    paragraphs: list[Paragraph] = []
    for s, e in spans:
        if in_matter(s, e):
            role = "matter"
        else:
            block = text[s:e]
            if _CAPTION_RE.match(block):
                role = "caption"
            elif is_chapter_heading(block):
                role = "chapter"
            elif is_separator(block):
                role = "separator"
            elif _is_source_chapter_title(s, e, source, chapter_titles):
                role = "chapter"
            elif is_scene_header(block):
                role = "header"
            else:
                role = "text"
        paragraphs.append(Paragraph(s, e, role))
    _demote_lone_headers(paragraphs, text)

    _mark_chapter_titles(paragraphs, text)

    scenes: list[dict] = []
    chapter = -1
    chapter_title: str | None = None
    ci = 0
    for p in paragraphs:
        struct_break = False
        while ci < len(chapter_starts) and chapter_starts[ci] <= p.start:
            struct_break = True
            ci += 1
        if p.role == "title":
            cur = scenes[-1]
            cur["heading"] = chapter_title = _join_heading(cur["heading"], _heading_text(text, p))
            cur["chapter_title"] = chapter_title
            continue
        new_chapter = p.role == "chapter" or struct_break
        if not (new_chapter or p.role in ("separator", "header")):
            if not scenes:
                chapter = max(chapter, 0)  # prose before any heading is a chapter of its own
                scenes.append(_scene(0, chapter, cs, None, chapter_title))
            if p.role == "text":
                scenes[-1]["_has_text"] = True
            continue
        cur = scenes[-1] if scenes else None
        merge = cur is not None and not cur["_has_text"]
        if new_chapter:
            heading = _heading_text(text, p) if p.role == "chapter" else chapter_titles.get(p.start)
            if merge and cur["_opened_by_chapter"]:
                # "BOOK THE FIRST" then "CHAPTER I": one heading, one chapter
                heading = _join_heading(cur["chapter_title"], heading)
            else:
                chapter += 1
            chapter_title = heading
        else:
            heading = _heading_text(text, p) if p.role == "header" else None
        if merge:
            cur["chapter"] = max(chapter, 0)
            cur["chapter_title"] = chapter_title
            if heading is not None:
                cur["heading"] = heading
            cur["_opened_by_chapter"] = cur["_opened_by_chapter"] or new_chapter
        else:
            if cur is not None:
                cur["end"] = p.start
            scenes.append(_scene(len(scenes), max(chapter, 0), p.start, heading, chapter_title))
            scenes[-1]["_opened_by_chapter"] = new_chapter
        if p.role == "text":
            scenes[-1]["_has_text"] = True
    while len(scenes) > 1 and not scenes[-1]["_has_text"]:
        # a break drawn after the last paragraph ("* * *" before the closing note) opens no scene
        scenes.pop()
    # number the paragraphs and give each its scene
    si = 0
    n_text = 0
    for p in paragraphs:
        while si + 1 < len(scenes) and scenes[si + 1]["start"] <= p.start:
            si += 1
        p.scene = si
        if p.role == "text":
            p.index = n_text
            n_text += 1
            scenes[si]["n_words"] += sum(1 for _ in WORD_RE.finditer(text, p.start, p.end))
    for s in scenes:
        s.pop("_has_text", None)
        s.pop("_opened_by_chapter", None)
    if scenes:
        scenes[0]["start"] = cs
        scenes[-1]["end"] = ce
    return Layout(paragraphs, scenes)


def _blank_out(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with each range turned into spaces: same length, so every offset still holds."""
    if not ranges:
        return text
    parts: list[str] = []
    pos = 0
    for a, b in sorted(ranges):
        a = max(a, pos)
        if a >= b:
            continue
        parts.append(text[pos:a])
        parts.append(" " * (b - a))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _overlaps(ranges: list[tuple[int, int]]):
    """A test ``(s, e) -> bool``: does ``[s, e)`` overlap one of the sorted ``ranges``?

    By bisection, so that a file with thousands of notes stays linear.
    """
    starts = [a for a, _ in ranges]
    reach: list[int] = []  # the furthest end among the first k + 1 ranges
    for _, b in ranges:
        reach.append(max(b, reach[-1]) if reach else b)

    def test(s: int, e: int) -> bool:
        k = bisect_left(starts, e) - 1  # the last range that starts before e
        while k >= 0 and reach[k] > s:
            if ranges[k][1] > s:
                return True
            k -= 1
        return False

    return test


def _scene(n: int, chapter: int, start: int, heading: str | None, chapter_title: str | None) -> dict:
    return {
        "scene": n,
        "chapter": chapter,
        "start": start,
        "end": start,
        "heading": heading,
        "chapter_title": chapter_title,
        "n_words": 0,
        "_has_text": False,
        "_opened_by_chapter": False,
    }


def _mark_chapter_titles(paragraphs: list[Paragraph], text: str) -> None:
    """The short title line under a chapter heading ("THE ONE THING NEEDFUL") is part of it."""
    for prev, p in zip(paragraphs, paragraphs[1:]):
        if prev.role != "chapter" or p.role not in ("text", "header"):
            continue
        block = text[p.start : p.end].strip()
        if "\n" in block or len(block.split()) > 10 or block[-1:] in ".!?,;:":
            continue
        if any(c in _QUOTES for c in block):
            continue
        core = _strip_wrappers(block)
        if core and (core.isupper() or core.istitle() or core != block):
            p.role = "title"


def _is_source_chapter_title(s: int, e: int, source: Source, titles: dict) -> bool:
    title = titles.get(s)
    return bool(title) and source.text[s:e].strip() == title.strip()


def _heading_text(text: str, p: Paragraph) -> str:
    block = text[p.start : p.end]
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    return _join_heading(*lines) if lines else block.strip()


def _join_heading(*parts: str | None) -> str:
    return ": ".join(_strip_wrappers(p) or p for p in parts if p)


def _demote_lone_headers(paragraphs: list[Paragraph], text: str) -> None:
    """A header-like line is prose when it is the last paragraph, or stands among headings only."""
    # only the last paragraph that is not matter has no paragraph after it (one pass, not one per header)
    last = next((p for p in reversed(paragraphs) if p.role != "matter"), None)
    if last is not None and last.role == "header":
        last.role = "text"
