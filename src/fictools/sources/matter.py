"""Front and back matter of plain-text stories: author's notes, disclaimers, "please review".

Fan fiction copied into a text file usually carries a header ("Rating: T",
"Pairing: X/Y", "Disclaimer: I don't own...", "A/N: ...") before the story
and closers after it ("The End", "Please review!"). These must not reach the
sentiment, dialogue and character stages, but they must stay in the text
(rule 1: offsets index the text as given), so this module only finds their
ranges.

The detection is conservative: a paragraph is matter only when it carries one
of the markers below, and a paragraph that opens with a quotation mark
(dialogue) never is. When every paragraph would be matter, nothing is: the
text is then taken to be the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .base import Matter, Source

__all__ = ["MatterResult", "apply_matter", "find_matter", "is_chapter_heading"]

_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'\u2039\u203a\u300c\u300e"

# Decoration people put around notes: "**A/N:**", "(A/N: ...)", "~*~The End~*~".
_LEAD = re.compile(r"^[\s*_~#=\-\u2013\u2014>\[({<|\u2022+.:]+")
_TRAIL = re.compile(r"[\s*_~#=\-\u2013\u2014.!?\u2026)\]}>|\u2022+:;]+$")

_I_DONT = r"i\s*(?:do\s*n['\u2019]?t|dont|do\s+not|did\s*n['\u2019]?t|did\s+not|will\s+never|sadly\s+(?:do\s*n['\u2019]?t|don['\u2019]?t|do\s+not))"

# What follows "I don't own" in a disclaimer: a title or "anything", not "a car".
_OWN_AFTER = (
    r"(?:any\s+of\b|the\s+(?:characters|show|series|books?|movies?|rights|fandom|franchise)\b|these\s+characters\b"
    r"|(?!(?:a|an|the|my|his|her|their|our|your|this|that|these|those|much|many|any|one|it|enough|up|a\s+lot)\b)\w)"
)
# Markers of an author's note / disclaimer / warning at the start of a paragraph.
_NOTE_START = re.compile(
    r"""^(?:
        a\s*[/\\]\s*n\b                                  # A/N, A\N
      | a\.\s?n\.                                        # A.N.
      | an\s*[:\-\u2013\u2014]                           # AN: / AN -
      | authou?r?['\u2019]?s?['\u2019]?\s*notes?\b       # Author's note, Authors Note, Author note
      | notes?\s*(?:from\s+the\s+author\s*)?:            # Note: / Notes:
      | disclaimers?\b
      | spoilers?(?:\s+(?:for|alert|warning|through|thru|up\s+to|ahead|until|from|in|abound|to|of|if)\b|\s*[:!\-\u2013\u2014(]|\s*$)
      | (?:trigger\s+|content\s+)?warnings?\s*[:!\-\u2013\u2014]
      | (?:tw|cw)\s*:
      | """
    + _I_DONT
    + r"""\s+own\s+"""
    + _OWN_AFTER
    + r"""
      | i\s+own\s+(?:nothing|none|no\s+one)\b
      | (?:sadly\s*,?\s*)?(?:nothing|none\s+of\s+(?:this|these|them|it|the\s+characters))\s+(?:here\s+)?(?:belongs?|is|are)\s+(?:to\s+me|mine)\b
      | (?:all\s+)?(?:the\s+)?characters\s+(?:and\s+\w+\s+)?(?:belong|are\s+(?:the\s+)?property|are\s+owned|are\s+not\s+mine)\b
      | (?:thanks?|thank\s+you)\s+(?:so\s+much\s+)?(?:to\s+)?(?:my\s+)?(?:\w+\s+){0,2}betas?\b
      | beta['\u2019]?(?:d|ed)\s+by\b
      | unbeta['\u2019]?(?:d|ed)\b
      | (?:huge\s+|big\s+|many\s+|special\s+)?thanks?\s+(?:so\s+much\s+)?to\s+\S+(?:\s+\S+)?\s+for\s+(?:the\s+)?(?:beta|betaing|reading\s+(?:this|it)\s+over|looking\s+(?:this|it)\s+over|the\s+prompt)
      | written\s+for\s+(?:the\s+)?\S
      | dedicated\s+to\b
      | (?:come\s+)?(?:find|follow)\s+me\s+on\s+(?:tumblr|twitter|ao3|instagram|bluesky|discord)\b
      | enjoy\s*[!.\u2026]*\s*$
      | (?:prompt|request)\s*(?:from\s+\S+\s*)?[:\-\u2013\u2014]
      | transcriber['\u2019]?s\s+notes?\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# The strong ones: an A/N in the middle of a story is a note wherever it is.
_STRONG_NOTE = re.compile(
    r"^(?:a\s*[/\\]\s*n\b|a\.\s?n\.|an\s*[:\-\u2013\u2014]|authou?r?['\u2019]?s?['\u2019]?\s*notes?\b)",
    re.IGNORECASE,
)

# Disclaimers that do not open the paragraph: "Standard disclaimer applies", "SVU belongs to Dick Wolf, not me".
_NOTE_ANYWHERE = re.compile(
    r"\bdisclaimer\b"
    r"|\b" + _I_DONT + r"\s+own\s+" + _OWN_AFTER + r"|\bi\s+own\s+nothing\b"
    r"|\bno\s+copyright\s+infringement\b"
    r"|\bnot\s+making\s+(?:any\s+)?money\b|\bno\s+(?:money|profit)\s+(?:is\s+being\s+)?made\b"
    r"|\b(?:characters?|they)\s+(?:are|is)\s+(?:the\s+)?property\s+of\b"
    r"|\bnot\s+my\s+characters\b",
    re.IGNORECASE,
)
_BELONGS = re.compile(r"\bbelongs?\s+to\b", re.IGNORECASE)
_BELONGS_CONTEXT = re.compile(
    r"\bnot\s+(?:to\s+)?me\b|\brespective\b|\bborrow|\bcopyright|[\u00a9\u2122\u00ae]|\bowners?\b"
    r"|\bi\s+(?:just|only|merely)\s+(?:play|write|borrow|own)|\bno\s+(?:money|profit|infringement)"
    r"|\bnot\s+mine\b|\bsadly\b|\bunfortunately\b|\bi\s+wish\b",
    re.IGNORECASE,
)

# "Key: value" header lines of a fan-fiction file.
_HEADER = re.compile(
    r"""^(?P<key>
        title|story\s+title|author|authors|written\s+by|by|pen\s*name
      | rating|rated|pairings?|ships?|relationships?|summary|genres?
      | category|categories|fandoms?|characters?|word\s*count|words|length|status
      | chapters?|series|betas?|beta['\u2019]?d\s+by|beta\s+reader|timeline|setting|time\s*frame|time\s*line
      | dedication|prompt|challenge|feedback|archive|archiving|language|tags|published|updated|completed
      | universe|crossover|disclaimer|spoilers?|warnings?|notes?|a\s*/\s*n|author['\u2019]?s?\s+notes?
      | content\s+warnings?|trigger\s+warnings?|summary\s+of\s+chapter|chapter\s+summary|chapter\s+notes?
    )\s*:\s*(?P<value>\S.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_RATED = re.compile(
    r"^rat(?:ed|ing)\s+(?:[gkmt]\+?|k\+|pg(?:-?13)?|r|nc-?17|fr\d+|ma|teen|mature|explicit|general)(?:\W|$)",
    re.IGNORECASE,
)

# A closing line standing alone.
_CLOSER = re.compile(
    r"^(?:the\s+end|fin|finis|end|owari|tbc|t\.b\.c|to\s+be\s+continued|continued|complete|completed"
    r"|the\s+end\s+for\s+now|the\s+end\s*\??|end\s+of\s+(?:the\s+)?(?:chapter|part|story|book|fic)(?:\s+[\w]+)?"
    r"|end\s+(?:chapter|part)(?:\s+[\w]+)?)$",
    re.IGNORECASE,
)

# Phrases of a closing note ("Please review!").
_BACK_PHRASE = re.compile(
    r"please\s+(?:r\s*(?:&|and|n)\s*r|review|leave\s+(?:a\s+)?(?:review|comment|kudos)|comment|let\s+me\s+know|tell\s+me\s+what)"
    r"|^r\s*(?:&|and|n)\s*r\b|\br\s*&\s*r\s*(?:please|!|$)"
    r"|\bread\s+(?:and|&|n)\s+review\b|\breview\s+please\b|\breviews?\s+(?:are|is|make|mean|=|would)\b"
    r"|\b(?:leave|drop)\s+(?:me\s+)?a\s+(?:review|comment)\b"
    r"|\bthanks?\s+(?:you\s+)?(?:so\s+much\s+|all\s+)?for\s+(?:reading|the\s+reviews|reviewing|all\s+the\s+(?:reviews|kudos|comments))"
    r"|\bhope\s+(?:you\s+)?(?:all\s+|guys\s+)?(?:enjoyed|liked)\b|\bhope\s+you\s+(?:all\s+)?(?:enjoy|like)(?:ed)?\s+(?:it|this|the)"
    r"|\blet\s+me\s+know\s+what\s+you\s+(?:think|thought)\b|\btell\s+me\s+what\s+you\s+(?:think|thought)\b"
    r"|\bcomments?\s+(?:and\s+kudos\s+)?(?:are|make)\s+(?:love|appreciated|my\s+day)"
    r"|\bkudos\s+(?:and|&)\s+comments?\b|\bfeedback\s+(?:is|would\s+be)\s+(?:love|appreciated|welcome)"
    r"|\bnext\s+(?:chapter|part|update|instal?lment)\s+(?:will|is|might|may|should|could|would|coming|soon|up|out)\b"
    r"|\bnext\s+chapter\s*:|\blet\s+me\s+know\b|\bshould\s+i\s+(?:continue|write\s+more|keep\s+going)\b"
    r"|\bsequel\s*\?|\bkudos\b|\b(?:favou?rite|follow)\s+(?:and|&)\s+(?:review|follow|favou?rite)\b"
    r"|\bmore\s+to\s+come\b|\b(?:will\s+)?update\s+soon\b|\bstay\s+tuned\b|\breviews?!",
    re.IGNORECASE,
)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty(?:[\\s-]\\w+)?|thirty(?:[\\s-]\\w+)?|forty(?:[\\s-]\\w+)?|"
    "fifty(?:[\\s-]\\w+)?|first|second|third|fourth|fifth|last|final"
)
_HEADING = re.compile(
    r"^(?:(?:chapter|chap\.?|ch\.|part|book|volume|vol\.)\s*(?:\d+|[ivxlcdm]+\b|(?:"
    + _NUMBER_WORDS
    + r")\b)"
    r"|(?:prologue|epilogue|interlude|afterword|foreword|preface)\b)",
    re.IGNORECASE,
)

_PHRASE_MAX = 600  # a closing "please review" note is short; a story paragraph that says it is not


def is_chapter_heading(line: str) -> bool:
    """Tell whether a line of plain text is a chapter heading ("Chapter 3", "Part II: Home", "Epilogue").

    Parameters
    ----------
    line
        One line, with or without surrounding whitespace.

    Returns
    -------
    bool
        True for a short line that opens with a chapter word and a number,
        or with prologue/epilogue/interlude.
    """
    s = _LEAD.sub("", line.strip())
    return len(s) <= 100 and bool(_HEADING.match(s))


@dataclass
class MatterResult:
    """What :func:`find_matter` found in a region of text.

    Attributes
    ----------
    content
        ``(start, end)`` of the story content inside the region.
    matter
        Front, back and note ranges, in text order.
    meta
        ``title`` / ``author`` read from header lines of the front matter.
    """

    content: tuple[int, int]
    matter: list[Matter] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class _Line:
    start: int  # first non-blank character
    end: int  # after the last non-blank character
    text: str  # text[start:end]
    block: int  # index of the blank-line-separated block


def _lines(text: str, start: int, end: int) -> list[_Line]:
    out: list[_Line] = []
    pos = start
    block = 0
    blank_before = False
    for raw in text[start:end].splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            s = pos + lead
            e = s + len(stripped)
            if blank_before and out:
                block += 1
            out.append(_Line(s, e, stripped, block))
            blank_before = False
        else:
            blank_before = True
        pos += len(raw)
    return out


def _block_mode(lines: Sequence[_Line]) -> tuple[bool, bool]:
    """Return (paragraphs are blank-line separated blocks, text is hard-wrapped)."""
    blocks: dict[int, int] = {}
    for ln in lines:
        blocks[ln.block] = blocks.get(ln.block, 0) + 1
    inner = [ln for i, ln in enumerate(lines[:-1]) if lines[i + 1].block == ln.block]
    wrapped = len(inner) >= 3 and sum(1 for ln in inner if 30 <= len(ln.text) <= 90) >= 0.8 * len(
        inner
    )
    single = sum(1 for n in blocks.values() if n == 1)
    block_mode = len(blocks) >= 2 and (single >= 0.5 * len(blocks) or wrapped)
    return block_mode, wrapped


def _strip_lead(s: str) -> str:
    return _LEAD.sub("", s)


def _is_dialogue(line: str) -> bool:
    return line[:1] in _QUOTES


def _front_kind(line: str) -> str | None:
    """``"note"``, ``"header"`` or None for one line."""
    if _is_dialogue(line):
        return None
    s = _strip_lead(line)
    if not s:
        return None
    if _NOTE_START.match(s):
        return "note"
    if _HEADER.match(s) or _RATED.match(s):
        return "header"
    if _NOTE_ANYWHERE.search(s):
        return "note"
    if _BELONGS.search(s) and _BELONGS_CONTEXT.search(s):
        return "note"
    return None


def _is_closer(line: str) -> bool:
    s = _TRAIL.sub("", _strip_lead(line))
    return bool(s) and bool(_CLOSER.match(s))


def _back_kind(line: str, *, whole: str | None = None) -> bool:
    """Whether a line (or, with ``whole``, a paragraph starting with it) is a closing note."""
    if _is_dialogue(line):
        return False
    if _is_closer(line):
        return True
    s = _strip_lead(line)
    if _NOTE_START.match(s) or _NOTE_ANYWHERE.search(s):
        return True
    para = whole if whole is not None else line
    return len(para) <= _PHRASE_MAX and bool(_BACK_PHRASE.search(_strip_lead(para)))


def _header_meta(line: str, meta: dict[str, str]) -> None:
    m = _HEADER.match(_strip_lead(line))
    if not m or not m.group("value"):
        return
    key = re.sub(r"\s+", " ", m.group("key").lower())
    value = _TRAIL.sub("", m.group("value").strip()) or m.group("value").strip()
    value = value.strip("*_~ ")
    if not value:
        return
    if key in ("title", "story title"):
        meta.setdefault("title", value)
    elif key in ("author", "authors", "written by", "by", "pen name", "penname"):
        meta.setdefault("author", value)


_BYLINE = re.compile(r"^by\s+([^\W\d][\w.' \u2019-]{1,60})$", re.IGNORECASE)


def _byline(title: str, by: str) -> bool:
    """A short title line, then "by Author"."""
    t = title.strip().strip("*_#").strip()
    return (
        0 < len(t) <= 80
        and not _is_dialogue(t)
        and t[-1:] not in ".,;:!?"
        and not is_chapter_heading(t)
        and bool(_BYLINE.match(_strip_lead(by)))
    )


def _starts_sentence(prev: _Line, line: _Line) -> bool:
    return prev.text[-1:] in '.!?"\u201d)\u2026*~' and (
        line.text[:1].isupper() or not line.text[:1].isalpha()
    )


def find_matter(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    headings: Iterable[int] = (),
) -> MatterResult:
    """Find front matter, back matter and author's notes in a region of plain text.

    Parameters
    ----------
    text
        The whole text (offsets in the result index it).
    start, end
        The region to look at (default: all of ``text``).
    headings
        Offsets where known chapter headings start (from HTML/EPUB
        structure); lines that look like "Chapter 3" count too.

    Returns
    -------
    MatterResult
        ``content`` starts at the first story paragraph (blank lines skipped)
        and ends after the last one; ``matter`` holds ``"front"``,
        ``"back"`` and ``"note"`` ranges, each covering whole paragraphs
        (or whole lines when the text has one paragraph per line);
        ``meta`` holds a ``title``/``author`` given by header lines.

    Examples
    --------
    >>> r = find_matter("A/N: my first fic!\\n\\nShe ran.\\n\\nPlease review!\\n")
    >>> [(m.kind, m.text) for m in r.matter]
    [('front', 'A/N: my first fic!'), ('back', 'Please review!')]
    """
    if end is None:
        end = len(text)
    lines = _lines(text, start, end)
    if not lines:  # blank: no story paragraph, an empty content range
        return MatterResult(content=(start, start))
    block_mode, wrapped = _block_mode(lines)
    heading_set = set(headings)

    def make_units() -> list[list[int]]:
        if not block_mode:
            return [[x] for x in range(len(lines))]
        out: list[list[int]] = []
        for x, ln in enumerate(lines):
            if out and lines[out[-1][-1]].block == ln.block:
                out[-1].append(x)
            else:
                out.append([x])
        return out

    units = make_units()

    def is_heading(u: list[int]) -> bool:
        first = lines[u[0]]
        return len(u) == 1 and (first.start in heading_set or is_chapter_heading(first.text))

    meta: dict[str, str] = {}
    front: list[list[int]] = []
    i = 0
    # "The Last Ferry" / "by Marguerite Olsen" opening the file: its title and author
    head = [x for u in units[:2] for x in u][:2]
    if len(head) == 2 and _byline(lines[head[0]].text, lines[head[1]].text):
        meta["title"] = lines[head[0]].text.strip().strip("*_#").strip()
        meta["author"] = _BYLINE.match(_strip_lead(lines[head[1]].text)).group(1).strip()
        if len(units[0]) == 1:
            front.extend(units[:2])
            i = 2
        else:
            front.append(units[0][:2])
            if len(units[0]) > 2:
                units[0] = units[0][2:]  # the rest of the first paragraph is the story
            else:
                i = 1
    while i < len(units):
        u = units[i]
        first = lines[u[0]]
        if is_heading(u):
            break
        kind = _front_kind(first.text)
        if kind is None:
            break
        # How many lines of this paragraph are matter.
        k = 1
        while k < len(u):
            ln = lines[u[k]]
            if _is_dialogue(ln.text) or is_chapter_heading(ln.text) or ln.start in heading_set:
                break
            if _front_kind(ln.text) is not None:
                k += 1
            elif kind == "note" and block_mode:
                k += 1  # the rest of the note's paragraph
            elif wrapped or ln.text[:1].islower():
                k += 1  # a header value wrapped onto the next line
            else:
                break
        front.append(u[:k])
        if k < len(u):
            units[i] = u[k:]
            break
        i += 1
    first_content = i

    back: list[list[int]] = []
    j = len(units) - 1
    while j >= first_content:
        u = units[j]
        if is_heading(u):
            break
        whole = "\n".join(lines[x].text for x in u)
        if _back_kind(lines[u[0]].text, whole=whole):
            back.append(u)
            j -= 1
            continue
        # A closing line at the end of a longer paragraph ("...happily ever after.\nThe End").
        k = len(u)
        while k > 1:
            ln = lines[u[k - 1]]
            prev = lines[u[k - 2]]
            if _is_closer(ln.text) or (_starts_sentence(prev, ln) and _back_kind(ln.text)):
                k -= 1
            else:
                break
        if k < len(u):
            back.append(u[k:])
            units[j] = u[:k]
        break
    last_content = j

    if first_content > last_content:
        # Nothing left for the story: the markers were wrong, the whole text is the story.
        front, back = [], []
        units = make_units()
        first_content, last_content = 0, len(units) - 1

    for u in front:
        for x in u:
            _header_meta(lines[x].text, meta)

    def span(u: list[int]) -> tuple[int, int]:
        return lines[u[0]].start, lines[u[-1]].end

    matter: list[Matter] = []
    for u in front:
        s, e = span(u)
        matter.append(Matter(s, e, "front", text[s:e]))

    body = units[first_content : last_content + 1]
    for n in range(1, len(body) - 1):  # notes strictly inside the content
        u = body[n]
        first = lines[u[0]].text
        if is_heading(u) or _is_dialogue(first):
            continue
        note = bool(_STRONG_NOTE.match(_strip_lead(first)))
        if not note and is_heading(body[n - 1]):
            note = _front_kind(first) is not None
        if not note and is_heading(body[n + 1]):
            note = _back_kind(first, whole="\n".join(lines[x].text for x in u))
        if note:
            s, e = span(u)
            matter.append(Matter(s, e, "note", text[s:e]))

    for u in reversed(back):
        s, e = span(u)
        matter.append(Matter(s, e, "back", text[s:e]))

    cs, ce = span(body[0])[0], span(body[-1])[1]
    matter.sort(key=lambda m: (m.start, m.end))
    return MatterResult(content=(cs, ce), matter=matter, meta=meta)


def apply_matter(
    source: Source,
    start: int | None = None,
    end: int | None = None,
    *,
    headings: Iterable[int] = (),
    keep_meta: bool = True,
) -> Source:
    """Run :func:`find_matter` on a Source (or a region of it) and record what it finds.

    Updates ``source.content``, adds to ``source.matter`` and sets
    ``meta["front_matter"]`` / ``meta["back_matter"]`` (lists of str, always
    present) and, when header lines name them and the meta has none yet,
    ``meta["title"]`` / ``meta["author"]``.

    Parameters
    ----------
    source
        The Source to annotate (changed in place and returned).
    start, end
        Region to search (default: the source's current content range).
    headings
        Offsets of known chapter-heading lines.
    keep_meta
        When False, header values do not go into ``meta``.

    Returns
    -------
    Source
        ``source`` itself.
    """
    cs, ce = source.content or (0, len(source.text))
    start = cs if start is None else start
    end = ce if end is None else end
    result = find_matter(source.text, start, end, headings=headings)
    source.content = result.content
    source.matter = sorted([*source.matter, *result.matter], key=lambda m: (m.start, m.end))
    if keep_meta:
        for key, value in result.meta.items():
            if not source.meta.get(key):
                source.meta[key] = value
    source.meta["front_matter"] = [m.text for m in source.matter if m.kind == "front"]
    source.meta["back_matter"] = [m.text for m in source.matter if m.kind == "back"]
    return source
