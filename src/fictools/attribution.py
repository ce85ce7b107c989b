"""Speakers (and addressees) of dialogue turns.

This stage reads the narration around each quotation for a speaker tag:
``"…," said Tom``, ``Tom said, "…"``, ``"…," asked Mrs. Pryce quietly``,
``"…," the old man said``. The name in the tag is the speaker; a tag whose
subject is a pronoun is left unattributed here (``None``), because a wrong
name is worse than none. ``method`` says which cue decided, ``confidence``
how sure it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .quotes import ALL_MARKS, TAG_END, Turn

__all__ = ["SPEECH_VERBS", "Attribution", "tag_speakers"]

SPEECH_VERBS = (
    "said|says|say|asked|asks|cried|cries|replied|replies|answered|answers|exclaimed|exclaims|"
    "whispered|whispers|shouted|shouts|called|calls|muttered|mutters|murmured|murmurs|added|adds|"
    "continued|continues|began|begins|repeated|repeats|declared|observed|remarked|returned|"
    "rejoined|retorted|snapped|yelled|screamed|sang|sighed|laughed|groaned|growled|hissed|"
    "breathed|gasped|stammered|stuttered|sobbed|pleaded|begged|demanded|inquired|enquired|"
    "interrupted|interposed|insisted|protested|explained|suggested|agreed|admitted|warned|"
    "urged|announced|responded|echoed|mumbled|grumbled|chuckled|giggled|snorted|shrieked|"
    "roared|bellowed|sneered|teased|joked|offered|corrected|conceded|confessed|"
    "thought|wondered|wrote|texted|typed|went on|put in|broke in|cut in"
)
_VERB = rf"(?:{SPEECH_VERBS})"
_ADV = r"(?:\s+\w+ly)?"
_HONORIFIC = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Lady|Lord|Madam|Madame|Mme|Mlle|Captain|Capt|Colonel|Col|"
    r"Major|General|Admiral|Lieutenant|Sergeant|Sgt|Inspector|Detective|Professor|Father|Mother|"
    r"Sister|Brother|Aunt|Uncle|Auntie|Granny|Grandma|Grandpa|Master|Mistress|Judge|Doctor|"
    r"Reverend|Rev|Officer|Agent|Chief|Nurse|Saint|St|King|Queen|Prince|Princess|Duke|Duchess)\.?"
)
_CAP = r"[A-Z][\w'\u2019-]*"
NAME = rf"(?:{_HONORIFIC}\s+)?{_CAP}(?:\s+(?:de|van|von|der|la|le|du|of|the)?\s*{_CAP}){{0,2}}"
_PRONOUN = r"(?:he|she|they|I|we|you|it)"
_NOT_NAMES = {
    "I", "He", "She", "They", "We", "You", "It", "The", "A", "An", "And", "But", "Then", "Now",
    "This", "That", "There", "Here", "His", "Her", "Their", "My", "Our", "Your", "Its", "One",
    "Someone", "Somebody", "Everyone", "Nobody", "Who", "What", "When", "Where", "Why", "How",
    "Yes", "No", "Oh", "Well", "So", "If", "As", "At", "In", "On", "For", "With", "After",
    "Before", "God", "Lord", "Heaven", "Chapter", "Mr", "Mrs", "Miss", "Dr", "Sir", "Lady",
}
_TITLE_WORDS = {"Mr", "Mrs", "Miss", "Dr", "Sir", "Lady", "Lord"}

# "…," said Tom / "…," said Mrs. Pryce quietly / "…," asked Tom
_AFTER_VERB_NAME = re.compile(rf"^[\s,;.!?\u2014\u2013-]*{_VERB}{_ADV}\s+(?P<name>{NAME})")
# "…," Tom said / "…," Mrs. Pryce asked quietly
_AFTER_NAME_VERB = re.compile(rf"^[\s,;.!?\u2014\u2013-]*(?P<name>{NAME}){_ADV}\s+{_VERB}\b{TAG_END}")
# Tom said, "…" / Then Tom asked quietly: "…"
_BEFORE_NAME_VERB = re.compile(rf"(?P<name>{NAME}){_ADV}\s+{_VERB}{_ADV}(?:\s+(?:to|at)\s+\w+)?\s*[,:]\s*$")
# said Tom, "…"
_BEFORE_VERB_NAME = re.compile(rf"\b{_VERB}{_ADV}\s+(?P<name>{NAME})\s*[,:]?\s*$")
_PRONOUN_TAG = re.compile(
    rf"^[\s,;.!?\u2014\u2013-]*(?:{_PRONOUN}{_ADV}\s+{_VERB}|{_VERB}{_ADV}\s+{_PRONOUN})\b{TAG_END}", re.I
)


class Attribution:
    """The speaker decided for one quotation."""

    __slots__ = ("speaker", "method", "confidence")

    def __init__(self, speaker: str | None, method: str | None, confidence: float) -> None:
        self.speaker = speaker
        self.method = method
        self.confidence = confidence


def _clean_name(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name.strip())
    words = name.split(" ")
    # "Tom The" / "Tom And": trailing function words are not part of a name
    while len(words) > 1 and words[-1] in _NOT_NAMES:
        words.pop()
    if words[0].rstrip(".") in _NOT_NAMES and len(words) == 1:
        return None
    # an honorific before a name is part of it ("Mrs Pryce"); alone, or any other such word, it is not a name
    if words[0] in _NOT_NAMES and not (len(words) > 1 and words[0] in _TITLE_WORDS):
        return None
    return " ".join(words)


def _narration_after(text: str, t: Turn, hi: int) -> str:
    end = t.end
    while end < hi and text[end] in ALL_MARKS:
        end += 1
    j = end
    while j < hi and text[j] not in ALL_MARKS and j - end < 120:
        j += 1
    return text[end:j]


def _narration_before(text: str, t: Turn, lo: int) -> str:
    s = t.start
    while s > lo and text[s - 1] in ALL_MARKS:
        s -= 1
    j = s
    while j > lo and text[j - 1] not in ALL_MARKS and s - j < 120:
        j -= 1
    return text[j:s]


def tag_speakers(
    text: str,
    turns: Sequence[Turn],
    paragraph_bounds: dict[int, tuple[int, int]],
) -> dict[int, Attribution]:
    """Speakers named by explicit tags, per quotation number.

    Parameters
    ----------
    text
        The story text.
    turns
        The turns, in order, with their quotation numbers.
    paragraph_bounds
        ``paragraph -> (start, end)``.

    Returns
    -------
    dict
        ``quote -> Attribution`` for every quotation (speaker ``None`` when no
        tag names one).
    """
    by_quote: dict[int, list[Turn]] = {}
    for t in turns:
        by_quote.setdefault(t.quote, []).append(t)
    out: dict[int, Attribution] = {}
    for q, parts in by_quote.items():
        out[q] = _attribute_quote(text, parts, paragraph_bounds)
    return out


def _attribute_quote(text: str, parts: list[Turn], bounds: dict[int, tuple[int, int]]) -> Attribution:
    for t in parts:
        lo, hi = bounds[t.paragraph]
        after = _narration_after(text, t, hi)
        for pat in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
            m = pat.match(after)
            if m:
                name = _clean_name(m.group("name"))
                if name:
                    return Attribution(name, "explicit_tag", 0.9)
        if _PRONOUN_TAG.match(after):
            return Attribution(None, None, float("nan"))
    first = parts[0]
    lo, _hi = bounds[first.paragraph]
    before = _narration_before(text, first, lo)
    for pat in (_BEFORE_NAME_VERB, _BEFORE_VERB_NAME):
        m = pat.search(before[-100:])
        if m:
            name = _clean_name(m.group("name"))
            if name:
                return Attribution(name, "explicit_tag", 0.85)
    return Attribution(None, None, float("nan"))
