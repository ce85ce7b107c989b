"""Dialogue turns: speech, thought and written text.

A *turn* is one contiguous quoted span; its ``start``/``end`` are the words
inside the marks. A quotation broken by a tag (``"I don't," he said, "want to
go."``) gives two turns that share ``quote``; so does speech that runs over
several paragraphs, where each paragraph opens the mark and only the last one
closes it.

How marks are read
------------------
* The story's *dominant* family of marks is chosen first: double (``"``,
  ``“ ”``, ``« »``, ``„``) or single (``'``, ``‘ ’``, British style). Marks of
  the other family inside a quotation are nested quotes and stay in the turn.
* The state resets at every paragraph, so one stray mark cannot swallow the
  rest of a book.
* A single mark is an apostrophe when it stands between letters (don't,
  Hawkins's, o'clock), begins a known elision ('em, 'tis, 'til, rock 'n' roll,
  '90s) or ends a word after an ``s`` when a later mark in the paragraph can
  close the quotation (the farmers' market).
* Thoughts are quotations tagged with a verb of thinking ("she thought"),
  italics that read as sentences (``*He's lying.*``, ``_I can't._``, or
  ``<em>`` in HTML), and quotations of the other family tagged with a verb of
  thinking (``'Too late,' she thought``).
* Written text: quotations tagged with a verb of writing (wrote, texted, "the
  note read") or introduced by a line such as "The letter read:".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from . import schema
from .text import WORD_RE, strip_span

__all__ = ["Turn", "dominant_family", "find_turns", "turns_frame"]

DOUBLE_OPEN = "\u201c\u00ab\u201e"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018\u201a"
SINGLE_CLOSE = "\u2019"
DOUBLE = '"' + DOUBLE_OPEN + DOUBLE_CLOSE
SINGLE = "'" + SINGLE_OPEN + SINGLE_CLOSE
ALL_MARKS = DOUBLE + SINGLE

# Words that begin with an apostrophe standing for dropped letters.
_ELISIONS = re.compile(
    r"(?:em|tis|twas|twere|twill|twould|til|till|cause|cos|coz|bout|round|nuff|ere|"
    r"n|im|er|ave|ow|appen|ome|alf|ad|ope|ello|un|uns|d|ll|s|re|ve|t|m|\d\d?s?)\b",
    re.IGNORECASE,
)
# 'n' as in rock 'n' roll
_N_ELISION = re.compile(r"n['\u2019]", re.IGNORECASE)
# Words that end with an apostrophe standing for a dropped g (goin', nothin')
_DROPPED_G = re.compile(r"[a-z]{2,}in$", re.IGNORECASE)

THINK_VERBS = (
    r"thought|thinks|think|thinking|wondered|wonders|wondering|mused|muses|musing|"
    r"reflected|reflects|reasoned|reasons|prayed|prays|told (?:himself|herself|themselves|myself)|"
    r"said to (?:himself|herself|themselves|myself)|asked (?:himself|herself|themselves|myself)"
)
WRITE_VERBS = (
    r"wrote|writes|written|texted|texts|typed|types|messaged|emailed|e-mailed|"
    r"scrawled|scribbled|printed|signed|posted|tweeted"
)
_DOCUMENTS = (
    r"note|letter|message|text|card|sign|email|e-mail|telegram|screen|page|inscription|"
    r"headline|postcard|memo|notice|caption|label|banner|plaque|display|reply|text message"
)
# the tag right after a quotation: "she texted", "wrote Tom", "the note read"
_WRITE_TAG = re.compile(
    rf"^[\s,.;:\u2014\u2013-]*(?:(?:[\w'\u2019]+\s+){{0,3}}(?:{WRITE_VERBS})\b"
    rf"|(?:the|her|his|their|my|your|a|an|its)\s+(?:[\w'\u2019]+\s+){{0,2}}"
    rf"(?:{_DOCUMENTS})s?\s+(?:read|reads|said|says|ran|runs|went|stated)\b)",
    re.IGNORECASE,
)
_WRITTEN_LEAD = re.compile(
    rf"(?:\b(?:{_DOCUMENTS})s?\b[^.!?\"\u201c\u201d]{{0,40}}|\b(?:{WRITE_VERBS})\b[^.!?\"\u201c\u201d]{{0,25}}"
    rf"|\bread\s+(?:it|them|this|that|aloud|out)\b[^.!?\"\u201c\u201d]{{0,30}}):\s*$",  # "Nell read it by the fire:"
    re.IGNORECASE,
)
# "she typed “…”", "were the words “…”": a written text follows directly
_WRITTEN_BEFORE = re.compile(
    rf"\b(?:{WRITE_VERBS}|inscribed|labelled|labeled|marked|the\s+words|it\s+read|it\s+said)\s*[,:]?\s*$",
    re.IGNORECASE,
)


def _introduces_writing(before: str) -> bool:
    """The narration before a quotation sets off a text: "The note read:", "she typed"."""
    return bool(_WRITTEN_LEAD.search(before) or _WRITTEN_BEFORE.search(before))


_TAG_LEAD = r"^[\s,.;:!?\u2014\u2013-]*(?:[\w'\u2019.]+\s+){0,3}"
# What may follow the verb of a tag: the end of the clause, the speaker ("said
# Tom"), an adverb or a participle ("she said softly", "stepping aside"), a
# preposition ("thought to himself", "said as he left"). "Elliot thought for a
# moment" and "she begged herself" are narration, not tags.
TAG_END = (
    r"(?=\s*(?:[,.;:!?\u2014\u2013)-]|$)|\s+(?:(?-i:[A-Z])|\w+ly\b|\w+ing\b|to\b(?!\s+(?:it|this|that|these|those)\b)|with\b|as\b|when\b|"
    r"while\b|before\b|after\b|into\b|at\b|in\b|without\b|through\b|and\b|but\b|then\b|"
    r"from\b|over\b|under\b|behind\b|across\b|beside\b|down\b|past\b|towards?\b|"
    r"again\b|aloud\b|back\b|once\b|now\b|too\b|out\b|off\b|he\b|she\b|they\b|we\b|I\b|it\b|the\b|"
    r"a (?:little|bit|moment|few|second)\b))"
)
# after a verb of speaking, its listener may follow: "Cragen asked her", "he told them"; not what
# was said to them ("Her brother told her that it was twenty-three miles." reports another's words)
TAG_END_SPEECH = TAG_END[:-2] + r"|(?:him|her|them|me|us)\b(?!\s+(?:that|how|whether|what|why|of|about)\b)))"
# the tag right after a quotation names a verb of thinking / of speaking
_THINK_AFTER = re.compile(rf"{_TAG_LEAD}(?:{THINK_VERBS})\b{TAG_END}", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    r"^[\s,.;:!?\u2014\u2013-]*(?:[\w'\u2019.]+\s+){0,3}(?:said|says|asked|asks|cried|replied|answered|"
    r"exclaimed|whispered|shouted|called|muttered|murmured|added|continued|yelled|snapped|"
    r"laughed|sighed|repeated|told|tells)\b" + TAG_END,
    re.IGNORECASE,
)


SPEECH_VERBS = (
    r"said|says|say|saying|asked|asks|ask|cried|cries|replied|replies|answered|answers|"
    r"exclaimed|whispered|shouted|called|muttered|murmured|added|continued|began|went on|"
    r"repeated|declared|observed|remarked|returned|rejoined|retorted|snapped|yelled|"
    r"screamed|sang|sings|told|tells|thought|wrote|read|reads|add|adds|"
    r"explained|insisted|protested|pleaded|begged|demanded|inquired|enquired|interrupted|"
    r"typed|texted|scrawled|scribbled|printed|messaged|the words|words|wondered"
)
# every verb that can carry a speech tag (attribution reads tags with these)
TAG_VERBS = (
    "said|says|say|asked|asks|cried|cries|replied|replies|answered|answers|exclaimed|exclaims|"
    "whispered|whispers|shouted|shouts|called|calls|muttered|mutters|murmured|murmurs|added|adds|"
    "continued|continues|began|begins|repeated|repeats|declared|observed|remarked|returned|"
    "rejoined|retorted|snapped|yelled|screamed|sang|sighed|laughed|groaned|growled|hissed|"
    "breathed|gasped|stammered|stuttered|sobbed|pleaded|begged|demanded|inquired|enquired|"
    "interrupted|interposed|insisted|protested|explained|suggested|agreed|admitted|warned|"
    "urged|announced|responded|echoed|mumbled|grumbled|chuckled|giggled|snorted|shrieked|"
    "roared|bellowed|sneered|teased|joked|offered|corrected|conceded|confessed|resumed|"
    "persisted|ventured|faltered|panted|pursued|urged|assented|objected|reflected|"
    "thought|wondered|wrote|texted|typed|interjected|corroborated|thundered|whistled|uttered|queried|"
    "questioned|blurted|stated|mused|prompted|quipped|grunted|sputtered|spluttered|scoffed|sniffed|squeaked|"
    "squealed|barked|cooed|croaked|wheezed|soothed|ordered|commanded|chimed in|concluded|ejaculated|"
    "pronounced|hazarded|addressed|hailed|greeted|burst out|broke out|broke off|struck in|threw out|managed|"
    "went on|put in|broke in|cut in|proposed|moaned|wailed|commented|reiterated|opined|snarled|bawled|screeched|"
    "jeered|hinted|lamented|drawled|lisped|cackled|simpered|tittered|blustered|remonstrated|whimpered|reminded|"
    "acquiesced|argued|complained|cautioned|proceeded|corroborated|submitted|paused|hesitated|pouted|rambled|"
    "reassured|confirmed|speculated|interpreted|told (?:him|her|them|me|us)"
)
# a clause of its own after a tag: "…," said Mrs. Archer; and May murmured: "…"
_CLAUSE_BREAK = re.compile(r";|[.!?](?=\s)|,\s+(?:and|but|while|when|as|whereupon)\b|\s(?:and|but)\s")
_NEW_SPEAKING = re.compile(rf"\b(?:{TAG_VERBS})\b")

_SPEECH_VERB_END = re.compile(rf"\b(?:{SPEECH_VERBS})[,:]?\s*$", re.IGNORECASE)


_ANY_TAG = re.compile(rf"{_TAG_LEAD}(?:{SPEECH_VERBS}|{THINK_VERBS})\b{TAG_END}", re.IGNORECASE)


_BARE_WORD = re.compile(r"[A-Za-z][a-z'\u2019-]*")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'\u2019-]*)\b")  # the lowercase word after a closing mark
# after a quotation, a pronoun or a verb begins its tag ("Hey" she said, "Stop" whispered Tom)
_NOT_A_NOUN_AFTER = re.compile(
    rf"he|she|they|we|i|you|it|his|her|their|my|our|your|its|him|them|me|us|and|or|but|then|so|"
    rf"everyone|everybody|someone|somebody|nobody|all|both|each|one|the|a|an|this|that|"
    rf"was|were|is|are|had|has|came|come|went|rang|sounded|echoed|called|"
    rf"{TAG_VERBS}|{SPEECH_VERBS}|{THINK_VERBS}|\w+ly|\w+ed|\w+ing",
)
_POSSESSIVE_BEFORE = re.compile(r"\b[A-Z][\w-]*(?:['\u2019]s|s['\u2019])\s+[\"\u201c'\u2018]?$")


def is_scare_quote(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """True for a short quoted phrase inside a narrated sentence: the "new people", on "form".

    Such marks set off a word or a name, not a line of dialogue. The phrase
    must be short, follow a word of the sentence (not a speech verb, a colon
    or the start of the paragraph) and be followed by more of the sentence, or
    close the paragraph in lower case (the newfangled "palaces.").
    """
    inner = text[start:end]
    if len(WORD_RE.findall(inner)) <= 5 and _POSSESSIVE_BEFORE.search(text, max(lo, start - 30), start):
        return True  # Gainsborough's "Lady Angelica", Madame Nilsson's "M'ama!": a title, not a line
    if len(WORD_RE.findall(inner)) > 5 or inner.rstrip()[-1:] in "!?":
        return False
    # Offsets, not slices of the paragraph: copying the rest of a long paragraph
    # for every quotation in it made a 200,000-word paragraph quadratic.
    b = _rstrip(text, lo, start - 1)
    if _BARE_WORD.fullmatch(inner) and not _SPEECH_VERB_END.search(text[max(lo, b - 30) : b]):
        # "Nice" women, however wronged: a word that the sentence goes on to use, with no stop after it
        m = _NEXT_WORD.match(text, end + 1, hi)
        if m and not _NOT_A_NOUN_AFTER.fullmatch(m.group(1)):
            return True
    if b <= lo or not (text[b - 1].isalnum() or text[b - 1] in "(\u2014-"):
        return False
    if _SPEECH_VERB_END.search(text[max(lo, b - 30) : b]):
        return False
    a = _lstrip(text, end + 1, hi)
    if a >= hi:
        # the newfangled "palaces." at the end of a paragraph: a phrase in lower case
        return inner.lstrip()[:1].islower()
    # "... as a "Brown coupe." To come" ends the sentence inside the marks; still a phrase
    # with "sincere" Eastlake furniture: a word in lower case, and the sentence goes on
    return (
        text[a].islower()
        or text[a] in ",;:)(\u2014-"
        or inner.rstrip()[-1:] in ".,"
        or (inner.lstrip()[:1].islower() and text[a].isalpha())
    )


# Narration that introduces words nobody speaks: imagined or figurative speech
# ("he felt like answering:", "as if to say,", "her eyes said:") and names or
# titles set in quotes ("what people called", "a novel called", "It was thought").
_SAY = (
    r"(?:say|said|saying|ask|asked|asking|answer|answered|answering|reply|replied|replying|add|added|"
    r"adding|cry|cried|crying|exclaim|exclaimed|shout|shouted|shouting|tell|told|telling|retort|retorted|retorting|"
    r"protest|call|called|whisper|whispered|murmur|murmured|speak|spoken|observe|observed|exclaiming)"
)
# words a character all but said are unsaid: "She had almost said “strange.”"
_ALMOST_SAID = r"(?:almost|nearly|all but) (?:say|said|ask|asked)"
# speech someone only pictures: "he could fancy Reggie saying", "she imagined her mother adding"
_IMAGINED = r"(?:fancy|fancied|fancying|imagine|imagined|imagining|picture|pictured|picturing)"
# speech that a look or a smile makes: "a look that plainly said", "her helpless eyes implored him"
_FIGURATIVE_SAID = (
    r"(?:eyes|look|looks|glance|glances|face|smile|expression|gesture|silence|answer|nod|shrug|sigh|breath)"
    r"(?: (?:that|which))?(?: \w+ly)? (?:said|says|asked|asks|answered|replied|implored|pleaded|begged|seemed to say)"
)
# Novels from Gutenberg are hard-wrapped: a phrase of these patterns may break
# over a line ("as much as\nto say"), so a space in them stands for any white space.
def _wrapped(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


_UNSPOKEN_LEAD = re.compile(
    _wrapped(rf"(?:\b(?:(?:felt|feel|feels) like|(?:longed|wanted|was tempted|were tempted|meant|itched|yearned) to|"
    rf"tip of (?:his|her|my|their|your) tongue to|on (?:his|her|my|their|your) lips to|"
    rf"as if to|as though to|as much as to|as who should|as who would|as if (?:he|she|they|I|it) had|"
    rf"(?:might|would|could|should) have|(?:could|would|should) (?:he|she|I|they|we)|"
    rf"(?:easy|hard|impossible) to|seemed to|seem to|seems to)\s+{_SAY}\b"
    rf"|\b(?:it meant|which meant|that meant|to mean|signified|implied|{_ALMOST_SAID}|{_FIGURATIVE_SAID})\b"
    rf"|\b{_IMAGINED}\b[^\"\u201c\u201d.!?:;]{{0,40}}\b(?:saying|adding|asking|answering|replying|crying|exclaiming|remarking)\b"
    r")[^\"\u201c\u201d.!?]{0,40}$"),
    re.IGNORECASE,
)
# the same after a quotation: "“…,” he felt like answering", "“…,” her eyes implored him",
# "“…,” it seemed to say", "“…,” she almost said"
_UNSPOKEN_AFTER = re.compile(
    _wrapped(
        rf"^[\s,.;:!?\u2014\u2013-]*(?:[\w'\u2019]+ ){{0,3}}"
        rf"(?:(?:(?:felt|feel|feels) like|(?:longed|wanted|was tempted|were tempted|itched|yearned) to|"
        rf"seemed to|seem to|seems to) {_SAY}|{_ALMOST_SAID}|{_FIGURATIVE_SAID}|(?:could |can |might )?{_IMAGINED})\b"
    ),
    re.IGNORECASE,
)
# a phrase set in quotes to name or title it: what people "called", a novel "called"
_NAMING_LEAD = re.compile(
    _wrapped(
        r"\b(?:called|known as|named|entitled|titled|termed|dubbed|styled|thought|considered|deemed|"
        r"summari[sz]ed as|described as|headed|headlined|captioned)\s*$"
        # a title in apposition to what it names: the play of Labiche, “…”; his new novel “…”
        r"|\b(?:play|novel|book|poem|opera|operetta|comedy|tragedy|farce|essay|article|pamphlet|"
        r"painting|picture|film|movie|volume|treatise|sonnet|anthology|album)s?"
        r"(?: (?:of|by) (?-i:[A-Z])[\w.'\u2019-]*(?: (?-i:[A-Z])[\w.'\u2019-]*){0,2})?,?\s*$"
    ),
    re.IGNORECASE,
)


def _unsaid_after(text: str, c: int, hi: int) -> bool:
    """The narration after the closing mark at ``c`` unsays the quotation: "“…,” he felt like answering."

    Narration that runs on to the next quotation with no stop between ("“…be
    so—” She had almost said “strange.”") is the lead of that one, not a tag.
    """
    after = _tag_after(text, c + 1, hi)
    if not _UNSPOKEN_AFTER.match(after):
        return False
    return bool(re.search(r"[,.;:!?\u2014\u2013-]", after.strip(" \t\n,"))) or c + 1 + len(after) >= hi


def _unsaid_goes_on(text: str, a: int, o: int, c: int, hi: int) -> bool:
    """The quotation opening at ``o`` goes on with an unspoken one that ends at ``a - 1``.

    The narration between is only the unspoken tag ("he felt like answering.")
    and the new quotation has no speech tag of its own ("“…,” he said instead").
    """
    between = text[a:o]
    if not _UNSPOKEN_AFTER.match(between) or len(WORD_RE.findall(between)) > 8:
        return False
    return not _SPEECH_AFTER.match(_tag_after(text, c + 1, hi)[:60])


def _sentence_before(text: str, start: int, lo: int) -> str:
    """The narration of the current sentence up to a quotation's opening mark."""
    j = start
    while j > lo and text[j - 1] not in ".!?" + ALL_MARKS:
        j -= 1
    return text[j:start]


@dataclass
class Turn:
    start: int
    end: int
    paragraph: int
    scene: int
    quote: int = -1
    kind: str = "speech"
    mark: str = '"'  # the opening mark (or "*", "_", "em")
    closed: bool = True
    continued: bool = False  # opens a paragraph that continues the previous quotation


# --------------------------------------------------------------------------
# mark classification


def dominant_family(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> str:
    """``"double"`` or ``"single"``: the marks the story uses for its dialogue.

    Counts double marks against single marks that open a quotation (a single
    mark after a space and before a letter that does not begin an elision).
    """
    n_double = sum(text.count(c) for c in DOUBLE)
    n_single_open = 0
    for m in re.finditer(r"(?:^|(?<=[\s(\[\u2014\u2013-]))['\u2018]", text):
        i = m.end()
        if i < len(text) and (text[i].isalpha() or text[i] in "\u2026."):
            if not _is_elision(text, m.start()):
                n_single_open += 1
    return "single" if n_single_open > n_double // 2 else "double"


def _is_elision(text: str, i: int) -> bool:
    """True when the single mark at ``i`` begins an elided word ('em, 'tis, 'n')."""
    j = i + 1
    m = _N_ELISION.match(text, j) or _ELISIONS.match(text, j)
    if m and m.end() - j == 1 and m.end() + 1 < len(text) and text[m.end()] in SINGLE and text[m.end() + 1].isalpha():
        return False  # 'D'you want anythin'?': the mark opens a line that starts with D'you
    return bool(m)


def _single_role(text: str, i: int, lo: int, hi: int) -> str:
    """Role of the single mark at ``text[i]``: ``open``, ``close``, ``both`` or ``apostrophe``."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don't, Hawkins's, o'clock
    if prev in "nN" and i >= 2 and text[i - 2] in SINGLE and (i < 3 or not text[i - 3].isalnum()):
        return "apostrophe"  # the second mark of rock 'n' roll
    if c in SINGLE_OPEN:
        if _is_elision(text, i) and prev.isspace():
            return "elision"
        return "open"
    opening_ctx = (prev.isspace() or prev in "([{\u2014\u2013-/" + DOUBLE) and not nxt.isspace()
    closing_ctx = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if opening_ctx:
        if _is_elision(text, i):
            return "elision"
        if c == SINGLE_CLOSE and nxt.isalpha():
            # a right mark before a word is typeset as an elision (’em) more often than not
            return "elision" if _ELISIONS.match(text, i + 1) else "open"
        return "open"
    if closing_ctx:
        return "close"
    return "apostrophe"


def _double_role(text: str, i: int, lo: int, hi: int) -> str:
    c = text[i]
    if c in "\u00ab\u00bb":
        # «French» and »German« point either way: the side the words are on says which
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        opening = (prev.isspace() or prev in "([{\u2014\u2013-") and not nxt.isspace()
        closing = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        if opening != closing:
            return "open" if opening else "close"
        return "open" if c == "\u00ab" else "close"
    if c in DOUBLE_OPEN:
        return "open"
    if c in DOUBLE_CLOSE:
        return "close"
    # straight marks alternate: context misleads more often than it helps
    # (nested quotes in double marks, spaces left where marks were dropped)
    return "both"


# --------------------------------------------------------------------------
# scanning


def _marks(text: str, lo: int, hi: int, family: str) -> list[tuple[int, str]]:
    """(position, role) of the quotation marks of ``family`` in ``text[lo:hi]``."""
    chars = DOUBLE if family == "double" else SINGLE
    role_of = _double_role if family == "double" else _single_role
    out = []
    for i in range(lo, hi):
        if text[i] in chars:
            role = role_of(text, i, lo, hi)
            if role not in ("apostrophe", "elision"):
                out.append((i, role))
    return out


def _scan_paragraph(
    text: str, lo: int, hi: int, family: str, *, continued: bool = True
) -> list[tuple[int, int, bool]]:
    """Quoted spans in one paragraph: (open mark position, close mark position or hi, closed).

    A double quotation left open is looked at again for a single mark that
    closes it by mistake (``"an eminently practical' father``, ``"Hello,' she
    said``). ``continued``: the next paragraph opens with a mark, so the
    quotation may rightly run on into it.
    """
    marks = _marks(text, lo, hi, family)
    spans = _pair_marks(text, marks, hi, family)
    if family == "double" and spans and not spans[-1][2]:
        repaired = _close_mismatched(text, lo, hi, marks, need_tag=continued)
        if repaired is not None:
            return repaired
    return spans


def _close_mismatched(text: str, lo: int, hi: int, marks: list[tuple[int, str]], need_tag: bool) -> list | None:
    """Spans of a paragraph whose double quotations close with single marks by mistake, if that balances it.

    A single mark counts as such a close when it ends a word of three letters
    or more, or its punctuation, and is not a plural possessive or a dropped g
    (the Smiths', goin'), and
    no single mark opened since the double one did (a nested quote). The
    repair is taken only when every quotation of the paragraph then closes.
    ``need_tag`` (the next paragraph opens with a mark, so the quotation may
    run on into it): only a mark that a speech tag follows closes one.
    """
    extra = []
    open_at = None
    singles_open = 0
    for i in range(lo, hi):
        c = text[i]
        if c in DOUBLE:
            open_at = None if open_at is not None else i
            singles_open = 0
        elif c in SINGLE and open_at is not None:
            role = _single_role(text, i, lo, hi)
            if role == "open":
                singles_open += 1
            elif role == "close":
                if singles_open:
                    singles_open -= 1
                    continue
                word = re.search(r"([A-Za-z]+)([.,!?;]?)$", text[max(lo, i - 20) : i])
                w = word.group(1) if word else ""
                possessive = not word or (not word.group(2) and (w.endswith("s") or _DROPPED_G.search(w)))
                if len(w) >= 3 and not possessive and (
                    not need_tag or _ANY_TAG.match(_tag_after(text, i + 1, hi)[:60])
                ):
                    extra.append((i, "close"))
                    open_at = None
    if not extra:
        return None
    spans = _pair_marks(text, sorted(marks + extra), hi, "double")
    return spans if all(closed for _, _, closed in spans) else None


def _pair_marks(text: str, marks: list[tuple[int, str]], hi: int, family: str) -> list[tuple[int, int, bool]]:
    spans = []
    open_at: int | None = None
    k = 0
    while k < len(marks):
        i, role = marks[k]
        if open_at is None:
            if role in ("open", "both"):
                open_at = i
            # a closing mark with nothing open: an apostrophe (farmers') or a stray mark
        else:
            if role in ("close", "both"):
                if family == "single" and _possessive_s(text, i, hi) and _later_close(marks, k):
                    k += 1
                    continue
                spans.append((open_at, i, True))
                open_at = None
            elif role == "open":
                # a new opening mark while one is open: the first was never closed
                if family == "double":
                    spans.append((open_at, _back_to_space(text, i, open_at), False))
                    open_at = i
        k += 1
    if open_at is not None:
        spans.append((open_at, hi, False))
    return spans


def _possessive_s(text: str, i: int, hi: int) -> bool:
    """A mark after a plural ``s`` or a dropped ``g`` followed by a lower-case word: farmers' market."""
    if i < 2:
        return False
    word = re.search(r"[A-Za-z]+$", text[max(0, i - 20) : i])
    if not word:
        return False
    w = word.group(0)
    if not (w.endswith("s") or _DROPPED_G.search(w)):
        return False
    rest = text[i + 1 : min(hi, i + 3)]
    if len(rest) == 2 and rest[0] in ",.!?;" and rest[1] in SINGLE and _DROPPED_G.search(w):
        return True  # 'Nothin',' said Mr Tibbs: the line closes after the comma
    return len(rest) == 2 and rest[0] == " " and rest[1].islower()


def _later_close(marks: list[tuple[int, str]], k: int) -> bool:
    for _, role in marks[k + 1 :]:
        if role in ("close", "both"):
            return True
        if role == "open":
            return False
    return False


def _back_to_space(text: str, i: int, floor: int) -> int:
    j = i
    while j > floor + 1 and text[j - 1].isspace():
        j -= 1
    return j


_ITALIC_RE = re.compile(
    r"(?<![\w*])\*(?!\s)([^*\n]{1,600}?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_\n]{1,600}?)(?<!\s)_(?![\w_])"
)


def _italic_spans(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """``*…*`` and ``_…_`` spans in one paragraph: (content start, content end, mark)."""
    out = []
    for m in _ITALIC_RE.finditer(text, lo, hi):
        g = 1 if m.group(1) is not None else 2
        out.append((m.start(g), m.end(g), "*" if g == 1 else "_"))
    return out


# how much of the narration after an italic span is read for its tag
_AFTER_WINDOW = 200

_SENT_END = re.compile(r"[.!?\u2026]['\"\u201d\u2019)]*\s*$")


def _reads_as_thought(text: str, s: int, e: int, lo: int, hi: int, after: str) -> bool:
    """An italic span is a thought when it reads as a sentence of its own."""
    inner = text[s:e]
    words = WORD_RE.findall(inner)
    if _THINK_AFTER.match(after):
        return True  # *Home,* Nora thought.
    if len(words) < 2:
        return False
    # the narration before the mark, read backwards from the mark (no copy of the paragraph)
    b = _rstrip(text, lo, s - 1)
    at_sentence_start = b <= lo or bool(_SENT_END.search(text[max(lo, b - 20) : b]))
    if not at_sentence_start:
        return False
    ends_sentence = inner.rstrip()[-1:] in ".!?\u2026," or after.strip()[:1] in ("", ".", "!", "?")
    return ends_sentence


# "She said it to herself over and over": said, but not aloud
_TO_ONESELF = re.compile(r"\bto\s+(?:herself|himself|themselves|myself|yourself|oneself)\b", re.IGNORECASE)


def _goes_on_thinking(text: str, a: int, b: int) -> bool:
    """The narration ``text[a:b]`` between two italic spans is only a thinking tag ("Aiden thought.")."""
    between = text[a:b]
    return bool(_THINK_AFTER.match(between)) and bool(re.fullmatch(r"[^.!?]*[.!?]\s*", between))


def _tag_after(text: str, end: int, hi: int) -> str:
    """Narration right after a closing mark, up to the next mark or sentence end."""
    j = end
    stop = min(hi, end + 80)
    buf = []
    while j < stop and text[j] not in ALL_MARKS:
        buf.append(text[j])
        if text[j] in ".!?" and len(buf) > 1:
            break
        j += 1
    return "".join(buf)


def _tag_before(text: str, start: int, lo: int) -> str:
    j = start
    stop = max(lo, start - 80)
    while j > stop and text[j - 1] not in ALL_MARKS and (text[j - 1] not in ".!?" or _ABBREVIATION.search(text[max(0, j - 6) : j])):
        j -= 1
    return text[j:start]


# "Mr." ends no sentence (read on the few characters before the period: this runs for every mark)
_ABBREVIATION = re.compile(r"(?:^|\W)(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle)\.$")


# --------------------------------------------------------------------------
# the stage


# "Jess: where are you", "**Jess:** where are you", "[Jess] where are you" on a line of its own
CHAT_LINE = re.compile(
    r"^[*_]{0,2}\[?(?P<name>[A-Z][\w'\u2019-]{0,20}(?: [A-Z][\w'\u2019-]{0,20})?)\]?[*_]{0,2}\s*:?[*_]{0,2}[ \t]+"
    r"(?P<msg>\S[^\n]{0,280})$"
)
_NOT_CHAT = re.compile(
    r"^(?:title|author|rating|rated|summary|notes?|warnings?|disclaimer|pairings?|chapter|part|book|a/n|an|ps|p\.s|"
    r"spoilers?|prompt|words|status|genre|fandom|tags|characters?|dedication|beta|edit|update)$",
    re.IGNORECASE,
)


def _chat_lines(text: str, paragraphs: Sequence[tuple[int, int, int, int]]) -> dict[int, tuple[int, int]]:
    """paragraph -> (start, end) of the message, for runs of two or more chat lines in one scene.

    A chat line is one line "Name: message" (the name may be bold or bracketed);
    one alone is narration ("Note: the door was open").
    """
    cand: dict[int, tuple[int, int, int]] = {}  # paragraph -> (msg start, msg end, scene)
    for lo, hi, pi, si in paragraphs:
        line = text[lo:hi]
        m = CHAT_LINE.match(line)
        if m is None or ":" not in line[: m.start("msg")] or _NOT_CHAT.match(m.group("name")):
            continue
        cand[pi] = (lo + m.start("msg"), lo + m.end("msg"), si)
    out: dict[int, tuple[int, int]] = {}
    for pi, (s, e, si) in cand.items():
        near = [cand.get(pi - 1), cand.get(pi + 1)]
        if any(n is not None and n[2] == si for n in near):
            out[pi] = (s, e)
    return out


def find_turns(
    text: str,
    paragraphs: Iterable[tuple[int, int, int, int]],
    *,
    emphasis: Sequence[tuple[int, int]] = (),
    family: str | None = None,
    italic_thoughts: bool = True,
) -> list[Turn]:
    """Find the dialogue turns of a story.

    Parameters
    ----------
    text
        The story text (``Source.text``).
    paragraphs
        ``(start, end, paragraph, scene)`` of each prose paragraph, in order.
    emphasis
        Italic ranges from the source (HTML ``<em>``), read as thoughts when
        they are sentences.
    family
        ``"double"`` or ``"single"``; found from the text when ``None``.
    italic_thoughts
        Read ``*…*``, ``_…_`` and ``emphasis`` sentences as thoughts.

    Returns
    -------
    list of Turn
        In text order, numbered into quotations.
    """
    paragraphs = list(paragraphs)
    if family is None:
        family = dominant_family(text) if paragraphs else "double"
    other = "single" if family == "double" else "double"
    em_index = _Intervals()
    for s, e in sorted(emphasis):
        em_index.add(s, e, (s, e))
    turns: list[Turn] = []
    quote = -1
    prev_open_unclosed = False
    last_written: tuple[int, int] | None = None  # (paragraph, scene) of the last written quotation
    prev_para_end_text = ""
    chat = _chat_lines(text, paragraphs)
    for n_para, (lo, hi, pi, si) in enumerate(paragraphs):
        nxt = paragraphs[n_para + 1][0] if n_para + 1 < len(paragraphs) else len(text)
        nxt = _lstrip(text, nxt, len(text))
        spans = _scan_paragraph(text, lo, hi, family, continued=nxt < len(text) and text[nxt] in ALL_MARKS)
        para_turns: list[Turn] = []
        if pi in chat and not spans:
            # "**Jess:** where are you": a message of a chat, written by the name before the colon
            para_turns.append(Turn(*chat[pi], pi, si, kind="written", mark=":"))
        unsaid_until = -1  # the end of the last closed quotation that an unspoken tag follows
        for k, (o, c, closed) in enumerate(spans):
            s, e = strip_span(text, o + 1, c)
            if s >= e or (closed and is_scare_quote(text, s, e, lo, hi)):
                continue
            if closed and _unsaid_after(text, c, hi):
                unsaid_until = c  # “…,” he felt like answering.
                continue
            if unsaid_until >= 0 and _unsaid_goes_on(text, unsaid_until + 1, o, c, hi):
                unsaid_until = c if closed else -1  # “…,” he felt like answering. “…”
                continue
            unsaid_until = -1
            lead = _sentence_before(text, o, lo)
            if _UNSPOKEN_LEAD.search(lead) or (
                _NAMING_LEAD.search(lead) and text[e - 1 : e] not in "!?"
            ):
                continue
            para_turns.append(Turn(s, e, pi, si, mark=text[o], closed=closed))
        # quotations of the other family, outside ours, that are tagged as thoughts
        # (intervals looked up by bisection: a paragraph may hold thousands of quotations)
        ours = _Intervals()
        for t in para_turns:
            ours.add(t.start, t.end, t)
        if other == "single" or family == "single":
            # spans come in text order and never overlap: a thought added here cannot
            # hold a later opening mark, so only our own quotations are looked up
            for o, c, closed in _scan_paragraph(text, lo, hi, other):
                if not closed or ours.touches(o):
                    continue
                s, e = strip_span(text, o + 1, c)
                if s < e and _THINK_AFTER.match(_tag_after(text, c + 1, hi)[:60]):
                    para_turns.append(Turn(s, e, pi, si, kind="thought", mark=text[o]))
        if italic_thoughts:
            # each source of italics is in text order, so each gets its own index
            found = _Intervals()
            for t in sorted(para_turns, key=lambda t: t.start):
                found.add(t.start, t.end, t)
            thoughts = {"*": _Intervals(), "em": _Intervals()}
            removed: set[int] = set()
            added: list[Turn] = []
            cand = _italic_spans(text, lo, hi)
            cand += [(max(s, lo), min(e, hi), "em") for s, e in em_index.overlapping(lo, hi)]
            for s, e, mk in cand:
                if any(ix.touches(s) for ix in (found, *thoughts.values())):
                    continue  # emphasis inside a quotation
                # what follows, enough of it for a tag ("she thought"), not the rest of the paragraph
                a = e + (0 if mk == "em" else 1)
                after = text[a : min(hi, _lstrip(text, a, hi) + _AFTER_WINDOW)]
                lead = _tag_before(text, s - (0 if mk == "em" else 1), lo)
                if added and mk != "em" and _goes_on_thinking(text, added[-1].end + 1, s - 1):
                    pass  # *She's going to make me wait,* Aiden thought. *Great.*
                elif _introduces_writing(lead):
                    pass  # The note said: *Meet me at noon.* (written; see below)
                elif mk == "em":
                    if not _reads_as_thought(text, s, e, lo, hi, after) and not (
                        s <= lo + 1 and e >= hi - 1 and len(WORD_RE.findall(text[s:e])) >= 2
                    ):
                        continue
                elif not _reads_as_thought(text, s, e, lo, hi, after):
                    continue
                s2, e2 = strip_span(text, s, e)
                if s2 < e2:
                    # a quotation inside the italics is nested in the thought
                    for ix in (found, *thoughts.values()):
                        removed.update(id(t) for t in ix.within(s2, e2))
                    t = Turn(s2, e2, pi, si, kind="thought", mark=mk)
                    thoughts["em" if mk == "em" else "*"].add(s2, e2, t)
                    added.append(t)
            if removed or added:
                para_turns = [t for t in para_turns + added if id(t) not in removed]
        para_turns.sort(key=lambda t: t.start)

        # quotation numbers and kinds
        for k, t in enumerate(para_turns):
            first = k == 0
            if t.kind == "speech" and _THINK_AFTER.match(_tag_after(text, t.end + 1, hi)[:60]):
                t.kind = "thought"
            if first and prev_open_unclosed and t.mark in ALL_MARKS and _opens_paragraph(text, lo, t):
                t.continued = True
                t.quote = quote
                if turns and turns[-1].kind != "speech":
                    t.kind = turns[-1].kind
            elif not first and _same_quotation(text, para_turns[k - 1], t) and not _tagged_apart(text, para_turns[k - 1], t, lo, hi):
                t.quote = quote
            else:
                quote += 1
                t.quote = quote
            if t.kind == "speech" and t.mark in ALL_MARKS:
                after = _tag_after(text, t.end + 1, hi)
                before = _tag_before(text, t.start - 1, lo)
                if _WRITE_TAG.match(after[:60]):
                    t.kind = "written"
                elif _SPEECH_AFTER.match(after[:60]):
                    pass
                elif _introduces_writing(before):
                    t.kind = "written"
                elif first and before.strip() == "" and (
                    _WRITTEN_LEAD.search(prev_para_end_text)
                    or (
                        last_written is not None
                        and last_written[1] == si
                        and pi - last_written[0] <= 2
                        and not _SPEECH_AFTER.match(after[:60])
                    )
                ):
                    # the next paragraph of a letter, or a reply in an exchange of messages
                    t.kind = "written"
            elif t.kind == "thought" and t.mark not in ALL_MARKS:
                # "*Where are you?* Jess had texted.": italics that a text, not a thought, sets off
                w = 0 if t.mark == "em" else 1
                after = _tag_after(text, t.end + w, hi)
                before = _tag_before(text, t.start - w, lo)
                if _WRITE_TAG.match(after[:60]) or _introduces_writing(before):
                    t.kind = "written"
                elif _SPEECH_AFTER.match(after[:60]) and not _TO_ONESELF.search(after):
                    t.kind = "speech"  # "_Vive la France!_ cried the sailors.": italics for foreign words, said aloud
        # a kind given by a tag holds for the whole quotation ("…,” she thought. “…”)
        for k in range(1, len(para_turns)):
            a, b = para_turns[k - 1], para_turns[k]
            if a.quote == b.quote and a.kind != b.kind and a.mark in ALL_MARKS and b.mark in ALL_MARKS:
                kind = a.kind if a.kind != "speech" else b.kind
                a.kind = b.kind = kind
        # a continued speech takes the kind its tag gives anywhere in the quotation
        if para_turns and para_turns[0].continued:
            q = para_turns[0].quote
            kinds = {t.kind for t in para_turns if t.quote == q} - {"speech"}
            if kinds:
                kind = kinds.pop()
                for t in turns:
                    if t.quote == q:
                        t.kind = kind
        turns.extend(para_turns)
        last = para_turns[-1] if para_turns else None
        prev_open_unclosed = bool(last and not last.closed and last.end >= _rstrip(text, lo, hi) - 1)
        if para_turns:
            last_written = (pi, si) if para_turns[-1].kind == "written" else None
        prev_para_end_text = text[max(lo, hi - 120) : hi]
    return turns


def _rstrip(text: str, lo: int, hi: int) -> int:
    """The end of ``text[lo:hi]`` without its trailing white space."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _lstrip(text: str, lo: int, hi: int) -> int:
    """The start of ``text[lo:hi]`` without its leading white space."""
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo


def _opens_paragraph(text: str, lo: int, t: Turn) -> bool:
    return text[lo:t.start].strip() in tuple(ALL_MARKS)


class _Intervals:
    """Turn spans added in order of ``start``, looked up by bisection.

    ``touches(i)``: does a span hold position ``i`` or border it (the marks
    around the words)? ``within(lo, hi)``: the spans inside ``[lo, hi]``.
    ``overlapping(lo, hi)``: the spans that overlap ``[lo, hi)``, in order.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.max_end: list[int] = []  # the largest end among the first k + 1 spans
        self.items: list = []

    def add(self, start: int, end: int, item) -> None:
        if self.starts and start < self.starts[-1]:
            raise ValueError("spans must be added in order of start")
        self.starts.append(start)
        self.ends.append(end)
        self.max_end.append(max(end, self.max_end[-1]) if self.max_end else end)
        self.items.append(item)

    def touches(self, i: int) -> bool:
        # some span has start - 1 <= i < end + 1
        k = bisect_right(self.starts, i + 1)
        return k > 0 and self.max_end[k - 1] >= i

    def within(self, lo: int, hi: int) -> list:
        out = []
        k = bisect_left(self.starts, lo)
        while k < len(self.starts) and self.starts[k] <= hi:
            if self.ends[k] <= hi:
                out.append(self.items[k])
            k += 1
        return out

    def overlapping(self, lo: int, hi: int) -> list:
        out = []
        k = bisect_left(self.starts, hi) - 1
        while k >= 0 and self.max_end[k] > lo:
            if self.ends[k] > lo:
                out.append(self.items[k])
            k -= 1
        return out[::-1]


def _same_quotation(text: str, a: Turn, b: Turn) -> bool:
    """True when ``b`` continues the quotation ``a`` after a short tag."""
    if a.kind != b.kind and "thought" in (a.kind, b.kind) and a.mark != b.mark:
        return False
    between = text[a.end : b.start]
    inner = between.strip().strip(ALL_MARKS + "*_").strip()
    words = WORD_RE.findall(inner)
    if not words or len(words) > 40:
        return False
    sentences = len(re.findall(r"[.!?]+(?:\s+|$)", inner))
    if inner.endswith(":") and _speaks_anew(inner):
        return False
    if _NEW_OCCASION.match(inner) and text[a.start : a.end].rstrip()[-1:] in ".!?":
        return False  # '"…heart."  And when Mr. Bounderby said, "Your health!"': another time, another line
    if (_ANY_TAG.match(inner) or _WRITE_TAG.match(inner)) and sentences <= 2:
        # “…?” Iris wondered. “…” / ‘…,’ he said to me afterwards, when …, ‘…’
        return True
    if len(words) > 12 or sentences > 1:
        return False
    a_tail = text[a.start : a.end].rstrip()[-1:]
    if inner[-1:] in ",:\u2014\u2013-" or a_tail in ",\u2014\u2013-" or a_tail.isalnum():
        return True
    b_head = text[b.start : b.start + 1]
    return b_head.islower()


_NAME_WORDS = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|St|Mme|Mlle)\.?\s+(?:(?:van|von|der|de|la|le|du)\s+)*)?"
    r"[A-Z][\w'\u2019-]*(?:[ \t]+(?:(?:van|von|der|de|la|le|du)\s+)*[A-Z][\w'\u2019-]*){0,2}"
)
_TAG_WHO = re.compile(
    rf"^[\s,.;:!?\u2014\u2013-]*(?:(?:{TAG_VERBS})(?:\s+\w+ly)?\s+(?:the\s+(?:[a-z]+\s+){{0,2}})?(?P<a>{_NAME_WORDS}|he|she)\b"
    rf"|(?:{TAG_VERBS})(?:\s+\w+ly)?\s+(?P<c>the(?:\s+[a-z]+){{1,2}})(?=\s*[,.;:!?]|\s*$)"
    rf"|(?P<b>{_NAME_WORDS}|he|she)(?:\s+\w+ly)?\s+(?:{TAG_VERBS})\b)"
)
# the tag that introduces the next line: "To which Miss Louisa answered, “…”"
_TAG_WHO_BEFORE = re.compile(
    rf"\b(?P<b>{_NAME_WORDS}|he|she)(?:\s+\w+ly)?\s+(?:{TAG_VERBS})(?:\s+\w+ly)?(?:\s*,[^,.!?:;\"\u201c\u201d]{{1,40}})?\s*[,:]\s*$"
)


def _tag_who(narration: str, before: bool = False) -> str | None:
    """Who a tag names ("said Mr. Bounderby", "she replied", "said the gentleman"), as written.

    ``before``: the tag that ends ``narration`` and introduces the next line
    ("Miss Louisa answered,"). ``None`` for no tag.
    """
    m = (_TAG_WHO_BEFORE.search if before else _TAG_WHO.match)(narration)
    if not m:
        return None
    who = " ".join(next(g for g in m.groups() if g).split())
    return who.casefold() if who.casefold() in ("he", "she") else who


def _tagged_apart(text: str, a: Turn, b: Turn, lo: int, hi: int) -> bool:
    """Two quotations in one paragraph, each with its own tag naming another speaker.

    ``"What have you to do with the dew?" said Mr. Bounderby. "It's not myself,
    sir," returned Mrs. Sparsit``: the second line is a reply, not the rest of
    the first. Either tag may stand before its line: ``Sissy submitted, "…"
    To which Miss Louisa answered, "…"``.
    """
    between = text[a.end + 1 : b.start]
    lead = _tag_who(_tag_before(text, a.start - 1, lo).rstrip(ALL_MARKS + " \t\n"), before=True)
    first = _tag_who(between) or lead
    second = _tag_who(_tag_after(text, b.end + 1, hi)) or _tag_who(between.rstrip(ALL_MARKS + " \t\n"), before=True)
    if lead is not None and second is None and between.rstrip(ALL_MARKS + " \t\n").endswith((",", ":")):
        # 'And when Mr. Bounderby said, "Your health!" she answered, "Thank you."': the first line
        # has its tag before it, so the one between the lines introduces the second
        first, second = lead, _tag_who(between)
    if first is None or second is None or first == second:
        return False
    if lead is None and between.rstrip(ALL_MARKS + " \t\n").endswith(","):
        # '"_Three_-and-twenty!" cried Thorpe, "five-and-twenty if it is an inch." Morland
        # remonstrated': the comma after the tag goes on with Thorpe's line; the name after it is narration
        return False
    if first in ("he", "she") or second in ("he", "she"):
        return {_tag_gender(first), _tag_gender(second)} == {"he", "she"}
    return True


# the gender a tag's word says: its pronoun, or the honorific of the name ("Mr. Bounderby" is a he)
_TAG_GENDER = {"he": "he", "she": "she", "Mr": "he", "Sir": "he", "Lord": "he", "Mrs": "she", "Miss": "she", "Ms": "she", "Lady": "she"}


def _tag_gender(who: str) -> str | None:
    return _TAG_GENDER.get(who.split()[0].rstrip("."))


# narration that opens another occasion of speaking: "And when …", "Then, as …", "Whereupon …"
_NEW_OCCASION = re.compile(r"(?:(?:and|but|then),?\s+)?(?:when|whenever|while|as soon as|whereupon|after)\b", re.IGNORECASE)


def _speaks_anew(inner: str) -> bool:
    """The narration between two quotations ends in a clause of speaking of its own.

    ``"…," said Mrs. Archer; and Mrs. van der Luyden murmured: "…"``: a second
    speech clause before a colon opens a new quotation (often another
    speaker's); ``said Mr. Jackson; adding: "…"`` does not.
    """
    clauses = _CLAUSE_BREAK.split(inner)
    return len(clauses) > 1 and bool(_NEW_SPEAKING.search(clauses[-1]))


def turns_frame(text: str, turns: Sequence[Turn]) -> pd.DataFrame:
    """The ``turns`` table (speaker columns empty) from found turns."""
    rows = []
    for n, t in enumerate(turns):
        rows.append(
            {
                "turn": n,
                "quote": t.quote,
                "scene": t.scene,
                "paragraph": t.paragraph,
                "start": t.start,
                "end": t.end,
                "text": text[t.start : t.end],
                "kind": t.kind,
                "speaker": None,
                "addressee": None,
                "method": None,
                "confidence": float("nan"),
                "n_words": sum(1 for _ in WORD_RE.finditer(text, t.start, t.end)),
            }
        )
    return schema.frame("turns", rows)
