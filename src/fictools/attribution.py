"""Speakers and addressees of dialogue turns.

Deterministic sieves, strongest first (after Muzny et al. 2017), each leaving
a quotation it cannot decide to the next; ``method`` names the sieve that
decided and ``confidence`` how sure it is: about the share of the lines it
decides that are right on the development novels (``benchmarks/pdnc.py``
prints both, by method):

``explicit_tag`` (0.95)
    A speech tag with a name: ``"…," said Tom``, ``Tom said, "…"``,
    ``"…," asked Mrs. Pryce quietly``, ``Catherine, who …, uttered these
    words, "…"``. A tag with a name that is no known
    character leaves the turn unattributed: a wrong name is worse than none.
``introduction`` (0.9)
    A line that says who speaks it: "My name is Violet Ashdown", "I am
    Sebastian Crane", and with the name first, "Mr. Thaddeus Sholto. That is
    my name.", "Jess Harlan's the name" (that name is no vocative).
``pronoun_tag`` (0.8)
    ``"…," she said`` / ``"…," said he``: the pronoun is resolved to the
    character of that gender most recently active — in the narration of the
    paragraph, then the conversation so far — preferring, across paragraphs,
    someone other than the last speaker, and the people who speak in the
    story (a tag names them or a line addresses them somewhere) over people
    the narration only talks about, and the people the recent paragraphs
    name over the story's protagonist; never the one the rest of its own
    clause names (``she repeated Nora's words`` is not Nora), nor one the
    narration names only as one of a pair ("Holmes and Jones sat") or in a
    relative clause ("the tea which Walter had poured"); once more at
    the end, when the lines of the exchange around it are known, and when
    that changes a he/she the turn-taking is decided again around the
    corrected line (``REDECODE``), so the untagged lines after "she
    answered" follow the woman it now names. A tag that
    goes on ("and she went on:", "he added") is the last speaker's, when a tag
    said who that was. ``I said`` is the narrator (0.95).
``description_tag`` (0.55–0.8)
    ``"…," said the old man``: the one man of the scene most recently active;
    ``said his wife``, ``his mother said``, ``said her father``: the
    relative, by family name and title (Mrs., Mr.), of the person "his"/"her"
    is (whom the line addresses, else the last speaker of that gender);
    ``returned the other``: of the two people talking, the one who did not
    speak last. "Said a voice" stays unattributed unless the answer calls
    the voice by name ('"Who's there?" squeaked a small voice. / "It's only
    me, Dormouse."': Dormouse, 0.55); a description that says
    no more ("said the elf") is the character the narration calls so in
    apposition ("Elowen, the elf,", "the baker, Agnes Pell,", "Agnes Pell the
    baker", "Hank, who was the barkeep,"; "Hank, who tended the bar," for "the
    barkeep") or the lines call so in answer to them ('"…," Elowen said. /
    "…, elf."'), or the one the line it answers, or the answer to it, turns to
    by name ('"Hank, the bottle." / "…," said the barkeep': Hank), the one
    candidate of every line that tells, else it leaves the line to the exchange
    around it (turn-taking is right there more often than not), but never to
    one the lines call by another noun ("said the human" is not the elf). A given roster that lists
    the description itself ("The Old Woman") takes its tags (0.7). A machine
    that speaks ("the ship's computer said") is a character of its own,
    ``Computer``, which the pipeline adds to a roster it builds
    (:func:`unnamed_voices`); so is a description whose phrase picks one
    person out and that the story repeats without ever giving a name ("the
    gentleman in the white waistcoat"), and an animal that talks, tagged
    again and again and never named ("said the cat": ``Cat``).
``continued`` (0.6–0.9)
    The later paragraphs of a speech that runs over several paragraphs; the
    paragraphs of a letter, the name it is signed with.
``action_beat`` (0.55–0.7)
    A character who is the subject of the narration next to the quotation in
    the same paragraph ("Olivia closed the door."), or the only character it
    mentions, the people who speak in the story first; the first "she" after
    the line before a name that follows it; in a first-person story, the
    narrator's own "I" ("I took the box off him."). A he/she inside a quotation
    is never the narration's subject. Narration that shows someone listening ("He was silent.", "Olivia wiped
    away a tear.") gives the line to the other party instead, and a "no" that
    answers a question is not the asker's. A beat between two lines of one
    paragraph ('"It's late." Mom turned her phone over. "I called you."') is
    both lines' speaker's, whatever the turn-taking around them.
``reply`` (0.85)
    The untagged line right after one that names a single person
    ("I am glad you have come, Stephen.") is that person's answer.
``alternation`` (0.4–0.8)
    People talking take turns. Over each run of paragraphs with lines (a
    short narration paragraph may stand between two), the most likely
    sequence of speakers is decoded (Viterbi): A, B, A, B costs nothing, a
    third person taking the turn costs something, the same person twice
    running more; every cue above weighs in (a tag with a name fixes its
    line, a he/she tag or a beat leans to its character, a vocative rules
    the named person out), and a line leans to whom the line before
    addresses or its narration names ("He turned to Ann."), and "…, mamma."
    speaks to the one mother of the talk. A thought no tag gives a thinker
    takes no turn. The people are
    those who speak in the run, whom it addresses, who spoke just before it
    and whom the narration around it names.
``first_person`` (0.5)
    In first-person narration, the narrator's own line after a narration
    paragraph that is theirs.

Vocatives inside a quotation ("Sam, listen.") name the **addressee**, and rule
that character out as its speaker. Otherwise the addressee is the other party
of a two-person exchange.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

from .characters import NAME_LIKE, NOT_NAMES, PARENT_NAMES, Mention, Roster, first_name_gender
from .quotes import ALL_MARKS, CHAT_LINE, TAG_END_SPEECH, TAG_VERBS, Turn

__all__ = ["SPEECH_VERBS", "Attribution", "attribute", "find_tags"]

SPEECH_VERBS = TAG_VERBS
_VERB = rf"(?:{SPEECH_VERBS})"
_ADV = r"(?:\s+\w+ly)?"
_HON = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Lady|Lord|Madam|Madame|Mme|Mlle|Captain|Capt|Colonel|Col|"
    r"Major|General|Admiral|Lieutenant|Sergeant|Sgt|Inspector|Detective|Professor|Father|Mother|"
    r"Sister|Brother|Aunt|Uncle|Auntie|Granny|Grandma|Grandpa|Master|Mistress|Judge|Doctor|"
    r"Reverend|Rev|Officer|Agent|Chief|Nurse|Saint|St|King|Queen|Prince|Princess|Duke|Duchess)\.?"
)
_CAP = r"[A-Z][\w'\u2019-]*"
NAME = (
    rf"(?:{_HON}\s+(?:(?:de|van|von|der|la|le|du)\s+)*)?(?:[A-Z]\.\s*){{0,4}}{_CAP}"
    rf"(?:\s+(?:(?:de|van|von|der|la|le|du|of)\s+)*(?:[A-Z]\.\s*){{0,3}}{_CAP}){{0,2}}"
)
_PRON = r"(?:he|she|they|I|we|it)"
# "said the general to Eleanor": the words of a description stop at a preposition
_LINK = r"(?:to|at|with|for|of|in|on|by|from|as|and)\b"
_NOUN_WORD = r"(?!(?:he|she|they|we|it|i|you)\b)[a-z][\w-]*"  # "after a moment he added": not a description
# "his son at length reminded him" is a description; "the general to" is not
_NP = (
    rf"(?:(?:the|his|her|their|my|our|a|an)\s+(?:{_NOUN_WORD}\s+){{0,2}}(?!{_LINK}){_NOUN_WORD}"
    # "said this gentleman", "cried that lady": a demonstrative only before a word for a person
    r"|(?:this|that)\s+(?:[a-z][\w-]*\s+){0,2}(?:gentleman|lady|man|woman|fellow|girl|boy|worthy|individual|personage))"
)
_LEAD = r"^[\s,;.!?\u2014\u2013-]*"
# the words of "said the gentle Mrs. Thorpe" before the name; "said the general to Eleanor" names the general
_FILLER = rf"(?!{_LINK})[a-z]+"

# after the quotation: said Tom / Tom said / said he / he said / said the old man / the old man said
_AFTER = re.compile(
    rf"{_LEAD}(?:{_VERB}{_ADV}\s+(?:(?:the\s+(?:{_FILLER}\s+){{0,2}})?(?P<n1>{NAME})|(?P<p1>{_PRON})\b|(?P<d1>{_NP}))"
    rf"|(?:(?P<n2>{NAME})|(?P<p2>{_PRON})|(?P<d2>{_NP})){_ADV}\s+{_VERB}\b{TAG_END_SPEECH})"
)
# before the first part: Tom said, "…" / said Tom: "…" / she asked quietly, "…"
_BEFORE = re.compile(
    rf"(?:(?P<n2>{NAME})|\b(?P<p2>{_PRON})|\b(?P<d2>{_NP})){_ADV}\s+{_VERB}{_ADV}"
    rf"(?:\s+(?:it|this|that))?(?:\s+(?:to|at)\s+\w+)?\s*[,:]\s*$"
    rf"|\b{_VERB}{_ADV}\s+(?:(?P<n1>{NAME})|(?P<p1>{_PRON})\b)\s*[,:]\s*$"
)
# a narration paragraph that ends introducing the next one's line: "…before she whispered"
_LEAD_IN = re.compile(rf"(?:(?P<n2>{NAME})|\b(?P<p2>he|she|I))(?:\s+\w+ly)?\s+{_VERB}(?:\s+\w+ly)?(?:\s+to\s+(?:him|her|them|me))?\s*[:,]?\s*$")
# "…" was Catherine's answer / "…" came Henry's voice / May's clear voice rejoined: "…"
_UTTERANCE = (
    r"(?:answer|reply|response|rejoinder|retort|words|exclamation|remark|cry|question|comment|"
    r"observation|greeting|salutation|information|saying|speech|voice|whisper|command|order|inquiry|enquiry|"
    r"request|entreaty|assurance|apology|explanation|protest|exhortation|rejoinder|reproach|advice|consolation|"
    r"boast|verdict|excuse|plea|warning|suggestion|objection|farewell|welcome|rebuke|reproof|encouragement|"
    r"compliment|congratulation|conclusion|injunction|admonition|counsel|promise|reflection|thanks)"
)
_POSS = r"(?:['\u2019]s?|\s+s)"  # Catherine's, Jones', and "Catherine s" where a conversion dropped the apostrophe
_AFTER_POSS = re.compile(
    rf"{_LEAD}(?:(?:was|were|came|had\s+been)\s+)(?:(?P<n1>{NAME}){_POSS}|(?P<p1>his|her))\s+(?:[a-z]+\s+){{0,2}}{_UTTERANCE}\b"
)
# "…" was an artless exclamation of Catherine's
_AFTER_OF = re.compile(
    rf"{_LEAD}(?:was|were|came)\s+(?:an?|the)\s+(?:[a-z]+\s+){{0,2}}{_UTTERANCE}\s+of\s+(?:(?P<n1>{NAME}){_POSS}?|(?P<p1>his|hers)\b)"
)
_CLAUSE_WORDS = r"(?:but|then|when|till|until|while|so)"  # the words that open a clause, "and" aside
_CLAUSE_START = rf"(?:^|[.!?;,]\s+|\b(?:and|{_CLAUSE_WORDS})\s+)"
_NOT_SUBJECT = r"(?:[A-Z][a-z]+ly|Her|His|Their|Its|The|This|That|These|Those|It|He|She|They|We|I|You|My|Our|Your|A|An|One|Then|When|But|And|So|There|Here)"
_SUBJECTS = r"(?:he|she|they|I|we|you|it|[A-Z]\w*)"
# "James, as the door was closed on them, said, “…”": the subject, an aside, the verb
_BEFORE_APART = re.compile(
    rf"{_CLAUSE_START}(?!{_NOT_SUBJECT}\b)(?P<n2>{NAME}),\s+(?:as|when|while|after|before|with|without|in|on|at|for|turning|looking|"
    rf"having|seeing|taking|rising|glancing|smiling|laughing|pausing|still|now|then)\b"
    rf"(?:(?!\b{_SUBJECTS}\b)[^.!?;:,\"\u201c\u201d]){{1,80}},\s+{_VERB}{_ADV}(?:\s+(?:to|at)\s+\w+)?\s*[,:]\s*$"
)
# "John Thorpe came up to her soon afterwards and said, “…”": the subject of the first verb says it
_BEFORE_AND = re.compile(
    rf"(?:^|[.!?;,]\s+|\b{_CLAUSE_WORDS}\s+)(?!{_NOT_SUBJECT}\b)(?P<n2>{NAME})(?:\s+\w+ly)?\s+(?!and\b|{_SUBJECTS}\b)[a-z]+\b"
    rf"(?:(?!\b{_SUBJECTS}\b)[^.!?;:,\"\u201c\u201d]){{0,80}}?\band\s+{_VERB}{_ADV}(?:\s+(?:to|at)\s+\w+)?\s*[,:]\s*$"
)
# "it was broken by Thorpe's saying very abruptly, “…”"
_SAYING = r"(?:saying|asking|crying|exclaiming|adding|replying|answering|observing|remarking|whispering|calling|beginning)"
_BEFORE_SAYING = re.compile(
    rf"(?:(?P<n2>{NAME}){_POSS}|\b(?P<p2>[Hh]is|[Hh]er))\s+{_SAYING}(?:\s+(?:very|so|rather|quite|most))?{_ADV}(?:\s+(?:to|at)\s+\w+)?\s*[,:]\s*$"
)
_BEFORE_POSS = re.compile(
    rf"(?:(?P<n2>{NAME}){_POSS}|\b(?P<p2>[Hh]is|[Hh]er))\s+(?:[a-z]+\s+){{0,2}}voice\b[^.!?]{{0,60}}[,:]\s*$"
)
# '"…," Archer heard Reggie Chivers say in an undertone': the one heard speaks, not the hearer
_SAY = r"(?:say|saying|whisper|whispering|mutter|muttering|murmur|murmuring|exclaim|add|reply|answer|ask|asking|cry|call|calling|shout|shouting)"
_HEARD_AFTER = re.compile(
    rf"{_LEAD}(?:{NAME}|{_PRON}|{_NP})(?:\s+\w+ly)?\s+(?:heard|overheard|could\s+hear)\s+"
    rf"(?:(?P<n1>{NAME})|(?P<p1>him|her)\b|(?P<d1>{_NP}))\s+{_SAY}\b"
)
# "said the general to Eleanor", "Tom said to Mary", "she whispered, turning to Henry": the one spoken
# to, named in the tag's own sentence ("Mr." and "Mrs." do not end it)
_TOLD = re.compile(
    rf"(?:[^.!?;\n{re.escape(ALL_MARKS)}]|(?<=\b(?:Mr|Ms|Dr|St))\.|(?<=\bMrs)\.){{0,60}}?"
    rf"\b(?:to|towards?)\s+(?:the\s+)?(?P<n>{NAME})"
)
# the name a description in a tag goes on to give: "said the deckhand, Marcus."
_NAMED_AFTER = re.compile(rf",\s+({NAME})\s*(?:[.;!?]|,\s|$)")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself|mine)\b")
_GENDER_OF = {"he": "male", "she": "female"}
_OTHER_GENDER = {"male": "female", "female": "male"}


@dataclass
class Attribution:
    """The speaker (and addressee) decided for one quotation."""

    speaker: str | None = None
    addressee: str | None = None
    method: str | None = None
    confidence: float = float("nan")


@dataclass
class Tag:
    """A speaker tag found next to a quotation."""

    kind: str  # name | pronoun | description
    value: str
    position: int  # offset of the tag in the text


@dataclass
class _Quote:
    qid: int
    parts: list[Turn]
    tag: Tag | None = None
    vocatives: tuple[str, ...] = ()  # whom it names, in the order it names them (sets would vary run to run)
    closing: tuple[str, ...] = ()  # ... in its last paragraph: whom a speech over several paragraphs ends by addressing
    result: Attribution = field(default_factory=Attribution)
    blocked: bool = False  # tagged with someone we cannot name: never filled by a guess
    told: str | None = None  # the one its tag says it was spoken to
    beat_gender: str | None = None  # the gender of the pronoun its action beat was read from ("She shrugged.")
    beat_before: bool = False  # its action beat stands before the line (or shows the listener after it)
    local_referent: bool = False  # its pronoun tag found its referent in the same paragraph
    lead_beat: bool = False  # its action beat is the short narration paragraph just before it
    spoken_of: frozenset[str] = frozenset()  # whom it names without addressing them ("Beaufort certainly does")
    addresses: str | None = None  # the gender its "sir" or "ma'am" says the one spoken to has
    bound: frozenset[str] = frozenset()  # whom the rest of its he/she tag's clause names ("said he to Tom")
    by_gender: str | None = None  # its description tag was read as a he/she of this gender ("said the old man")
    not_speakers: frozenset[str] = frozenset()  # its description is another noun than these characters' epithets
    narrated: bool = False  # narration stands between it and the quotation before it
    goes_on: bool = False  # its he/she tag says the speaker goes on ("she continued", "he added")
    resumes: bool = False  # the narration paragraph before it ends with its speaker going on ("as he proceeded.")
    entrants: frozenset[str] = frozenset()  # who the narration just before it brings in ("a nurse came in")
    companion: bool = False  # "his friend" is the subject after the last name before its he/she tag
    pronoun_leads: bool = False  # its paragraph speaks of its tag's he/she before naming anyone of that gender
    possessed: frozenset[str] = frozenset()  # "her dear Catherine" before its she tag: someone else's Catherine

    @property
    def paragraph(self) -> int:
        return self.parts[0].paragraph

    @property
    def last_paragraph(self) -> int:
        return self.parts[-1].paragraph

    @property
    def scene(self) -> int:
        return self.parts[0].scene


_NAME_OF = re.compile(rf"{_POSS}\s+(?:very\s+|own\s+|mere\s+)?name\b")


def _coordinated(pp: Any, m: Mention) -> bool:
    """The name is one of a coordinated subject: "Holmes and Jones sat …", "Ann and I".

    A "he"/"she" that follows seldom means one of the pair, so the name is not
    the subject the narration is about.
    """
    if pp is None or m.first_token < 0:
        return False
    toks = pp.tokens
    last = max(m.last_token, m.first_token)
    span = range(m.first_token, min(last, len(toks) - 1) + 1)
    if any(toks[i][6] == "conj" and toks[toks[i][7]][4] in _NOMINAL for i in span):
        return True  # "… and Jones"
    return any(t[6] == "conj" and t[7] in span and t[4] in _NOMINAL for t in toks)


def _in_relative_clause(pp: Any, m: Mention) -> bool:
    """The name is the subject of a relative clause: "the whiskey which Holmes had brewed for him".

    The clause says something about another noun, so its subject is not the
    one the sentence, and the "he"/"she" after it, is about.
    """
    if pp is None or m.first_token < 0:
        return False
    toks = pp.tokens
    last = min(max(m.last_token, m.first_token), len(toks) - 1)
    return any(toks[i][6] in _SUBJ and toks[toks[i][7]][6] == "relcl" for i in range(m.first_token, last + 1))


_NOMINAL = ("PROPN", "NOUN", "PRON")
_WORD = re.compile(r"\w")


def _name_of(m: re.Match) -> tuple[str, str] | None:
    for g, kind in (("n1", "name"), ("n2", "name"), ("p1", "pronoun"), ("p2", "pronoun"), ("d1", "description"), ("d2", "description")):
        v = m.groupdict().get(g)
        if v:
            if kind == "name":
                if v.strip().casefold() in ("he", "she", "they", "we", "i", "it", "you"):
                    return "pronoun", v.strip()  # "He said, “…”" at the start of a sentence
                v = _clean_name(v)
                if not v:
                    return None
            elif kind == "pronoun":
                v = {"his": "he", "her": "she", "him": "he"}.get(v.casefold(), v)  # "was her answer", "heard him say"
            return kind, v
    return None


# words that are places in narration and surnames in a tag: "Park said" (Lieutenant Park)
_SURNAMES = frozenset(["park", "hall", "court", "bay", "church", "house"])


# a tag's name is no name when it is one of these words ("said May" is May, a month in a tag is not;
# "Dad asked" is Dad; "Park said" is Park), and loses them in front ("Oh Mr. Tom" is Mr. Tom)
_NOT_A_NAME = frozenset(NOT_NAMES - NAME_LIKE - PARENT_NAMES - _SURNAMES)
_NOT_A_NAME_LEAD = _NOT_A_NAME - {"mr", "mrs", "miss", "sir", "madam"}


def _clean_name(name: str) -> str | None:
    words = re.sub(r"\s+", " ", name.strip()).split(" ")
    while words and words[0].rstrip(".,").casefold() in _NOT_A_NAME_LEAD:
        words.pop(0)
    while len(words) > 1 and words[-1].casefold() in {"the", "and", "but", "then", "now", "of"}:
        words.pop()
    if not words:
        return None
    if len(words) == 1 and words[0].rstrip(".").casefold() in _NOT_A_NAME:
        return None
    return " ".join(words)


def _narration_after(text: str, t: Turn, hi: int) -> tuple[str, int]:
    end = t.end
    while end < hi and text[end] in ALL_MARKS + "*_":
        end += 1
    j = end
    while j < hi and (text[j] not in ALL_MARKS or _inside_word(text, j)) and j - end < 160:
        j += 1
    return text[end:j], end


def _narration_before(text: str, t: Turn, lo: int) -> tuple[str, int]:
    s = t.start
    while s > lo and text[s - 1] in ALL_MARKS + "*_":
        s -= 1
    j = s
    while j > lo and (text[j - 1] not in ALL_MARKS or _inside_word(text, j - 1)) and s - j < 160:
        j -= 1
    return text[j:s], j


def _inside_word(text: str, i: int) -> bool:
    """An apostrophe in a word ("Catherine's", "don't"), not a quotation mark."""
    return text[i] in "'\u2019" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


_MUSING = frozenset(["think", "wonder", "reflect", "muse"])
SPEECH_LEMMAS = frozenset(
    ["say", "ask", "cry", "reply", "answer", "exclaim", "whisper", "shout", "call", "mutter", "murmur", "add", "continue", "begin", "repeat", "declare", "observe", "remark", "return", "rejoin", "retort", "snap", "yell", "scream", "sing", "sigh", "laugh", "groan", "growl", "hiss", "breathe", "gasp", "stammer", "stutter", "sob", "plead", "beg", "demand", "inquire", "enquire", "interrupt", "interpose", "insist", "protest", "explain", "suggest", "agree", "admit", "warn", "urge", "announce", "respond", "echo", "mumble", "grumble", "chuckle", "giggle", "snort", "shriek", "roar", "bellow", "sneer", "tease", "joke", "offer", "correct", "concede", "confess", "resume", "persist", "venture", "falter", "pant", "pursue", "assent", "object", "reflect", "think", "wonder", "write", "text", "type", "tell", "speak", "ejaculate", "proceed", "interject", "counter", "complain", "moan", "wail", "whimper", "drawl", "purr", "corroborate", "thunder", "whistle", "utter", "query", "question", "blurt", "state", "muse", "prompt", "quip", "grunt", "sputter", "splutter", "scoff", "sniff", "squeak", "squeal", "bark", "coo", "croak", "wheeze", "soothe", "order", "command", "chime", "conclude", "pronounce", "hazard", "hail", "greet"]
)
_SUBJ = ("nsubj", "nsubjpass")
_TAG_END_SPEECH_RE = re.compile(TAG_END_SPEECH)


class _ParaIndex:
    """Lookups into one paragraph's parse by bisection, so long paragraphs stay linear."""

    __slots__ = ("ends", "nouns", "pronouns", "selves", "starts", "subjects")

    def __init__(self, toks: Sequence[tuple], quoted: Any = None) -> None:
        self.starts = [t[0] for t in toks]
        self.ends = [t[1] for t in toks]
        self.subjects: dict[int, list[int]] = defaultdict(list)  # head -> its subjects
        self.pronouns: list[tuple[int, str]] = []  # (offset, "he"/"she") of subject pronouns
        self.nouns: list[tuple[int, int]] = []  # (offset, token) of subject nouns: "Her father put down his knife."
        self.selves: list[int] = []  # offsets of the narration's subject "I": "I took the box off him."
        for i, t in enumerate(toks):
            if t[6] in _SUBJ:
                self.subjects[t[7]].append(i)
                if quoted is not None and quoted(t[0]):
                    continue  # '"She makes everyone drive." I took the box.': the narration's subjects only
                w = t[2].casefold()
                if w in ("he", "she"):
                    self.pronouns.append((t[0], w))
                elif t[2] == "I":
                    self.selves.append(t[0])
                elif t[4] == "NOUN":
                    self.nouns.append((t[0], i))


class _Indexes(dict):
    """paragraph -> its _ParaIndex, built once; ``quoted(offset)`` says an offset lies inside a quotation."""

    def __init__(self, quoted: Any) -> None:
        super().__init__()
        self.quoted = quoted


def _index(pp: Any, cache: dict[int, _ParaIndex] | None) -> _ParaIndex:
    if cache is None:
        return _ParaIndex(pp.tokens)
    ix = cache.get(pp.paragraph)
    if ix is None:
        ix = cache[pp.paragraph] = _ParaIndex(pp.tokens, getattr(cache, "quoted", None))
    return ix


def _dep_tag(
    text: str,
    pp: Any,
    parts: Sequence[Turn],
    first: bool,
    cache: dict[int, _ParaIndex] | None = None,
    lead_in: bool = False,
) -> Tag | None:
    """A speech verb next to the quotation in the parse, and its subject (however far away).

    "Isabella, who had been talking to James, turned to his sister and
    whispered, “…”": the subject of *whispered* is Isabella.
    """
    toks = pp.tokens
    if not toks:
        return None
    inside = [(t.start - 1, t.end + 1) for t in parts]

    def in_quote(i: int) -> bool:
        s = toks[i][0]
        return any(a <= s < b for a, b in inside)

    ix = _index(pp, cache)
    cands: list[int] = []
    # after each part: the first verb within a few tokens, before any other quotation
    for t in parts:
        if t.paragraph != pp.paragraph:
            continue
        j = bisect.bisect_left(ix.starts, t.end + 1)
        j = j if j < len(toks) else None
        steps = 0
        while j is not None and j < len(toks) and steps < 5:
            tok = toks[j]
            if tok[2] in ALL_MARKS or tok[2] in ".!?;":
                break
            # a tag's verb is finite: "she said", not "he had been thinking"
            if tok[4] in ("VERB", "AUX") and tok[3] in SPEECH_LEMMAS and tok[5] in ("VBD", "VBZ", "VBP"):
                cands.append(j)
                break
            j += 1
            steps += 1
    if first and (lead_in or parts[0].paragraph == pp.paragraph):
        # before the first part: the nearest speech verb of the same sentence (``lead_in``:
        # of the sentence that closes the paragraph ``pp`` before the line)
        start = parts[0].start - 1
        j = bisect.bisect_right(ix.ends, start) - 1
        j = j if j >= 0 else None
        steps = 0
        ended = False  # the sentence before the line has ended ("… whether he ought to leave. “…”")
        while j is not None and j >= 0 and steps < 40:
            tok = toks[j]
            if tok[2] in ALL_MARKS or (tok[2] in ".!?" and steps > 0) or in_quote(j):
                break
            ended = ended or tok[2] in ".!?"
            if tok[4] in ("VERB", "AUX") and tok[3] in SPEECH_LEMMAS:
                if not (ended and tok[3] in _MUSING):
                    cands.append(j)  # "I think he was trying to leave." is narration, not a tag
                break
            j -= 1
            steps += 1
    for v in cands:
        end = toks[v][1]
        if not (_TAG_END_SPEECH_RE.match(text, end) or _THESE_WORDS.match(text, end)) or _SAID_NOTHING.match(text, end):
            continue  # "Olivia begged herself", "Elliot thought for a moment", "she said nothing": narration
        subj = _subject_of(toks, v, ix)
        if subj is None:
            continue
        if subj < v and any(ch in '"\u201c\u201d' for ch in text[toks[subj][1] : toks[v][0]]):
            # 'Louisa … by saying "Tom, I wonder" upon which Mr. Gradgrind … said, "Louisa, never
            # wonder!"': a line between them; the parse that joins the verb to her is wrong
            continue
        tok = toks[subj]
        if tok[4] == "PRON":
            return Tag("pronoun", tok[2], tok[0])
        if tok[4] == "PROPN":
            a, b = _name_span(toks, subj)
            name = _clean_name(text[toks[a][0] : toks[b][1]])
            if name:
                return Tag("name", name, toks[a][0])
        if tok[4] == "NOUN":
            if subj > 0 and toks[subj - 1][7] == subj and toks[subj - 1][6] == "poss" and toks[subj - 1][4] == "PRON":
                # "he heard his father say, …": his father, whose kin the tag names
                return Tag("description", f"{toks[subj - 1][2].casefold()} {tok[3]}", toks[subj - 1][0])
            return Tag("description", tok[3], tok[0])
    return None


_ENTER_VERBS = frozenset(["enter", "appear", "arrive", "return"])
_ENTER_MOVES = frozenset(["come", "walk", "step", "burst", "hurry", "stride", "sweep", "rush", "bustle", "march", "stroll", "limp", "wander"])


def _entrants(
    parsed: Mapping[int, Any], narr: Mapping[int, list[tuple[int, str, bool]]], cache: Any = None
) -> dict[int, list[tuple[int, str]]]:
    """Paragraph -> (offset, character) of each subject of the narration who comes in: "a nurse came in", "Tom entered"."""
    out: dict[int, list[tuple[int, str]]] = {}
    for p, ms in narr.items():
        pp = parsed.get(p)
        if pp is None:
            continue
        toks = pp.tokens
        starts = _index(pp, cache).starts
        for pos, c, subj in ms:
            if not subj:
                continue
            i = bisect.bisect_right(starts, pos) - 1
            while 0 <= i < len(toks) - 1 and toks[i][6] not in _SUBJ and toks[i + 1][0] < pos + 40:
                i += 1  # "Mr. Tom Smith", "a nurse": on to the word that is the subject
            if not 0 <= i < len(toks) or toks[i][6] not in _SUBJ:
                continue
            h = toks[i][7]
            lemma = toks[h][3].casefold() if 0 <= h < len(toks) else ""
            if lemma in _ENTER_VERBS or (
                lemma in _ENTER_MOVES and any(t[7] == h and t[2].casefold() in ("in", "into", "through", "up") for t in toks[h + 1 : h + 4])
            ):
                out.setdefault(p, []).append((pos, c))
    return out


def _is_subject(parsed: Mapping[int, Any] | None, para: int, pos: int, cache: Any = None) -> bool:
    """The word at offset ``pos`` of paragraph ``para`` is the subject of its clause."""
    pp = parsed.get(para) if parsed is not None else None
    if pp is None:
        return False
    toks = pp.tokens
    i = bisect.bisect_right(_index(pp, cache).starts, pos) - 1
    return 0 <= i < len(toks) and toks[i][6] in _SUBJ


def _subject_of(toks: Sequence[tuple], v: int, ix: _ParaIndex) -> int | None:
    seen = 0
    while seen < 3:
        subj = next((i for i in ix.subjects.get(v, ()) if i != v), None)
        if subj is not None:
            if toks[subj][2].casefold() in ("who", "that") and toks[v][6] == "relcl" and toks[v][7] != v:
                return toks[v][7]  # "Isabella, who in great spirits exclaimed, …": Isabella
            return subj
        if toks[v][6] in ("conj", "xcomp", "advcl") and toks[v][7] != v:
            v = toks[v][7]
            seen += 1
            continue
        h = toks[v][7]
        if toks[v][6] == "pcomp" and toks[h][6] == "prep" and toks[h][7] != h:
            v = toks[h][7]  # "he prevented her by saying, …": the one who prevented her
            seen += 1
            continue
        return None
    return None


_PARTICLES = frozenset(["van", "von", "der", "de", "la", "le", "du", "da", "di", "del", "ten", "ter"])


def _name_span(toks: Sequence[tuple], i: int) -> tuple[int, int]:
    a = b = i
    while a > 0 and (
        (a <= toks[a - 1][7] <= b and toks[a - 1][6] in ("compound", "flat", "nmod", "amod") and toks[a - 1][2][:1].isupper())
        or toks[a - 1][2] in _PARTICLES  # "Mr. van der Luyden"
        or (toks[a - 1][4] == "SPACE" and a > 1 and (toks[a - 2][2] in _PARTICLES or toks[a - 2][2][:1].isupper()))  # a line break
        or (toks[a - 1][2] == "." and a > 1 and toks[a - 2][2][:1].isupper() and toks[a - 2][1] == toks[a - 1][0])  # "Mr."
    ):
        a -= 1
    while toks[a][2] in _PARTICLES or toks[a][2] == "." or toks[a][4] == "SPACE":
        a += 1  # never start on a particle, a stop or a line break
    while b + 1 < len(toks) and toks[b + 1][4] == "PROPN" and toks[b + 1][2][:1].isupper():
        b += 1
    return a, b


def find_tags(
    text: str,
    parts: Sequence[Turn],
    bounds: dict[int, tuple[int, int]],
    parsed: dict[int, Any] | None = None,
    cache: dict[int, _ParaIndex] | None = None,
) -> Tag | None:
    """The speaker tag of a quotation: after any of its parts, or before its first.

    Tag patterns are read first; when none matches, the parse (``parsed``:
    paragraph -> ParsedParagraph) may still find a speech verb whose subject
    stands further away.
    """
    first = parts[0]
    if first.mark == ":":
        # "**Jess:** where are you": the name before the colon wrote it
        lo, hi = bounds[first.paragraph]
        m = CHAT_LINE.match(text[lo:hi])
        name = _clean_name(m.group("name")) if m else None
        return Tag("name", name, lo) if name else None
    tag = _pattern_tag(text, parts, bounds)
    if tag is not None or not parsed:
        return tag
    for k, pi in enumerate(dict.fromkeys(t.paragraph for t in parts)):
        pp = parsed.get(pi)
        if pp is not None:
            tag = _dep_tag(text, pp, parts, first=k == 0, cache=cache)
            if tag is not None:
                return tag
    first = parts[0]
    prev = bounds.get(first.paragraph - 1)
    lo = bounds[first.paragraph][0]
    if (
        prev is not None
        and not first.continued
        and not text[lo : first.start].strip(ALL_MARKS + " \t\n")
        and text[prev[0] : prev[1]].rstrip().endswith(":")
        and (pp := parsed.get(first.paragraph - 1)) is not None
    ):
        # "Mr. Gradgrind crossed to the spot, laid his hand upon each child, and said:" and the
        # line in a paragraph of its own
        return _dep_tag(text, pp, parts, first=True, cache=cache, lead_in=True)
    return None


def _pattern_tag(text: str, parts: Sequence[Turn], bounds: dict[int, tuple[int, int]]) -> Tag | None:
    leads_on: Tag | None = None  # the tag after the line, when it introduces the next quotation
    for k, t in enumerate(parts):
        lo, hi = bounds[t.paragraph]
        after, pos = _narration_after(text, t, hi)
        for pattern in (_AFTER, _AFTER_POSS, _AFTER_OF, _HEARD_AFTER):
            m = pattern.match(after)
            if m and _SAID_NOTHING.match(after, m.end()):
                m = None  # '"…," and his mother say nothing at all': no one speaks
            if m:
                got = _name_of(m)
                if got and pattern is _AFTER_OF:
                    got = (got[0], re.sub(r"['\u2019]s?$", "", got[1]))  # "an exclamation of Kitty's": Kitty
                if got and got[0] == "description" and (n := _NAMED_AFTER.match(after, m.end())) is not None:
                    name = _clean_name(n.group(1))
                    if name:
                        return Tag("name", name, pos + n.start(1))  # "said the deckhand, Marcus."
                if got:
                    tag = Tag(got[0], got[1], pos + m.start())
                    if k == len(parts) - 1 and pos + len(after) < hi and after.rstrip().endswith((",", ":")):
                        # 'And when Mr. Bounderby said, "Your health!" she answered, "Thank you."': a tag
                        # before the line names its speaker; the one after introduces the next line
                        leads_on = tag
                        break
                    return tag
    for a, b in itertools.pairwise(parts):
        if a.paragraph != b.paragraph:
            continue
        # '"…?" Catherine said nothing. After a short silence … he added, "…"': the tag of the rest
        between = text[a.end + 1 : b.start - 1]
        if between.rstrip().endswith((",", ":")) and (tag := _closing_tag((_BEFORE,), between, a.end + 1)) is not None:
            return tag
    first = parts[0]
    lo, _hi = bounds[first.paragraph]
    prev = bounds.get(first.paragraph - 1)
    if prev is not None and not text[lo : first.start].strip(ALL_MARKS + " \t\n") and not first.continued:
        # '…before she whispered' closing the paragraph before the line
        tail = text[max(prev[0], prev[1] - 120) : prev[1]]
        if not any(ch in ALL_MARKS for ch in tail.replace("'s", "")):
            m = _LEAD_IN.search(tail)
            if m:
                got = _name_of(m)
                if got:
                    return Tag(got[0], got[1], prev[1] - len(tail) + m.start())
    before, pos = _narration_before(text, first, lo)
    return _closing_tag((_BEFORE, _BEFORE_POSS, _BEFORE_SAYING, _BEFORE_APART, _BEFORE_AND), before, pos) or leads_on


def _closing_tag(patterns: Sequence[re.Pattern], narration: str, offset: int) -> Tag | None:
    """The tag the last 120 characters of ``narration`` (at ``offset`` in the text) end with, by the first pattern that names someone."""
    tail = narration[-120:]
    for pattern in patterns:
        m = pattern.search(tail)
        if m and (got := _name_of(m)):
            return Tag(got[0], got[1], offset + len(narration) - len(tail) + m.start())
    return None


# --------------------------------------------------------------------------


# "Catherine, who, in rather a solemn tone of voice, uttered these words, “…”"
_THESE_WORDS = re.compile(r"\s+(?:these|those|the\s+following|the|a\s+few|some)\s+(?:[a-z]+\s+)?words\s*[,:]", re.IGNORECASE)
_SAID_NOTHING = re.compile(r"\s+(?:nothing|not\s+a\s+word)\b")


_GOES_ON = r"(?:continued|went\s+on|resumed|pursued|added|concluded)"
_GOES_ON_AFTER = re.compile(rf"(?:he|she)(?:\s+\w+ly)?\s+{_GOES_ON}\b", re.IGNORECASE)
_GOES_ON_BEFORE = re.compile(rf"\b{_GOES_ON}(?:\s+\w+ly)?\s+$", re.IGNORECASE)


def _continues(text: str, pos: int) -> bool:
    """The he/she tag at ``pos`` says the speaker goes on: "she continued", "went on he", "he added"."""
    return _GOES_ON_AFTER.match(text, pos) is not None or _GOES_ON_BEFORE.search(text, max(0, pos - 30), pos) is not None


# "… as he proceeded.", "She hesitated, then went on.": the last sentence of a narration paragraph
_RESUMES = re.compile(
    r"\b(he|she)(?:\s+\w+ly)?\s+(?:proceeded|continued|went\s+on|resumed)(?:\s+\w+ly)?\W*$", re.IGNORECASE
)


# "She paused", "he broke off", "She hesitated a moment": a speaker stopping to go on
_PAUSES = re.compile(
    r"(?:he|she)(?:\s+\w+ly)?\s+(?:paused|stopped|hesitated|broke\s+off|faltered|checked\s+(?:himself|herself)|"
    r"drew\s+(?:a\s+)?(?:long\s+|deep\s+)?breath)\b",
    re.IGNORECASE,
)


def _resumes(text: str, q: _Quote, prev: _Quote | None, bounds: dict[int, tuple[int, int]], pronoun: str) -> bool:
    """The one narration paragraph between ``prev`` and ``q`` ends with a ``pronoun`` going on.

    'He stopped … a touch of defiance in his voice as he proceeded. / "It was
    all very bad," said he.': the one who told the story before goes on.
    """
    if prev is None or prev.last_paragraph != q.paragraph - 2 or q.paragraph - 1 not in bounds:
        return False
    lo, hi = bounds[q.paragraph - 1]
    m = _RESUMES.search(text, max(lo, hi - 80), hi)
    return m is not None and m.group(1).casefold() == pronoun


_TOLD_TAG = rf"(?:(?!I\s+say\b)(?:he|she|I|they|we)(?:\s+\w+ly)?\s+(?:{_VERB}|was\s+saying)|{_VERB}(?:\s+\w+ly)?\s+(?:he|she|I|the\s+[a-z]+|{NAME}))\b"
_TOLD_AFTER = re.compile(rf"[,!?][\u2019\u201d'\"]?\s+{_TOLD_TAG}")
_TOLD_BEFORE = re.compile(rf"\b{_TOLD_TAG}\s*,[^.!?]*$")


def _nested(text: str, start: int, pos: int, end: int | None = None) -> bool:
    """``pos`` lies inside a quotation within the turn that begins at ``start``.

    ‘She said “Walter, if you’re going to sing…”’: the vocative is the wife's,
    quoted, not the speaker's. So is a name in a sentence of the turn that
    carries its own tag, where the marks of the inner quotation are lost
    (“Well, Small, what is it? he asked, taking…” in a story a man tells):
    the speaker reports what was said to him.
    """
    seg = text[start:pos]
    if seg.count("\u201c") > seg.count("\u201d") or seg.count('"') % 2:
        return True
    if end is not None:
        right = text[pos : min(end, pos + 150)]
        m = _TOLD_AFTER.search(right)
        if m is not None and not re.search(r"[.!?]", right[: m.start()]):
            return True
        if _TOLD_BEFORE.search(text[max(start, pos - 150) : pos]):
            return True
    opens = len(re.findall(r"(?<![\w])[\u2018'](?=\w)", seg))
    closes = len(re.findall(r"(?<=[\w.,!?\u2014-])[\u2019'](?![\w])", seg))
    return opens > closes


def is_first_person(text: str, turns: Sequence[Turn], bounds: dict[int, tuple[int, int]]) -> bool:
    """True when the narration (outside quotations) says "I" often enough to be first person."""
    spans = sorted((t.start, t.end) for t in turns)
    n_first = n_words = 0
    k = 0
    for lo, hi in bounds.values():
        pos = lo
        while k < len(spans) and spans[k][1] <= lo:
            k += 1
        j = k
        chunks = []
        while j < len(spans) and spans[j][0] < hi:
            chunks.append(text[pos : spans[j][0]])
            pos = spans[j][1]
            j += 1
        chunks.append(text[pos:hi])
        for c in chunks:
            n_words += len(c.split())
            n_first += len(_FIRST_PERSON.findall(c))
    # and more than once: a note slipped under a door ("I'm sorry. Ron") is not a narrator
    return n_first >= 2 and n_first / n_words > 0.012


def attribute(
    text: str,
    turns: Sequence[Turn],
    bounds: dict[int, tuple[int, int]],
    mentions: Sequence[Mention],
    roster: Roster,
    tags: dict[int, Tag | None] | None = None,
    *,
    first_person: bool = False,
    parsed: dict[int, Any] | None = None,
) -> dict[int, Attribution]:
    """Decide the speaker and addressee of every quotation.

    Parameters
    ----------
    text
        The story text.
    turns
        The turns, in order, numbered into quotations.
    bounds
        ``paragraph -> (start, end)`` of every prose paragraph.
    mentions
        The name mentions (:func:`fictools.characters.find_mentions`).
    roster
        The characters; every speaker returned is one of its names.
    tags
        The tag of each quotation, if already found (:func:`find_tags`).
    first_person
        The story is told in the first person (``roster.narrator`` speaks
        for "I").

    Returns
    -------
    dict
        ``quote -> Attribution``.
    """
    parts: dict[int, list[Turn]] = defaultdict(list)
    for t in turns:
        parts[t.quote].append(t)
    quotes = [_Quote(q, ps) for q, ps in parts.items()]
    quotes.sort(key=lambda q: q.parts[0].start)
    if tags is None:
        tags = {q.qid: find_tags(text, q.parts, bounds) for q in quotes}

    resolve_cache: dict[str, str | None] = {}

    def resolve(name: str) -> str | None:
        if name not in resolve_cache:
            resolve_cache[name] = roster.resolve(name)
        return resolve_cache[name]

    # narration mentions per paragraph (resolved), and vocatives inside quotations
    narr: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)  # paragraph -> (pos, char, subject)
    quote_span_of: list[tuple[int, int, int]] = sorted((t.start, t.end, t.quote) for t in turns)

    qstarts = [s for s, _, _ in quote_span_of]
    vocatives: dict[int, dict[str, None]] = defaultdict(dict)  # an ordered set
    voc_para: dict[int, dict[str, int]] = defaultdict(dict)
    q_paras = {qid: (ps[0].paragraph, ps[-1].paragraph) for qid, ps in parts.items()}  # first and last paragraphs
    spoken_of: dict[int, set[str]] = defaultdict(set)  # whom a quotation names, not addressing them
    owners: set[int] = set()  # narration names whose face or voice is a subject: the actor of a beat, not salient later
    for m in mentions:
        c = resolve(m.name)
        if c is None:
            continue
        if m.in_quote:
            span = _quote_at(quote_span_of, qstarts, m.start)
            if span is not None and m.paragraph not in q_paras[span[2]]:
                continue  # the middle of a telling over many paragraphs: what others said in it
            if span is not None and not _nested(text, span[0], m.start, span[1]):
                if m.vocative and not _split_subject(text, span, m, quote_span_of, qstarts):
                    vocatives[span[2]][c] = None
                    voc_para[span[2]][c] = m.paragraph  # mentions come in text order: the last paragraph naming them
                else:
                    spoken_of[span[2]].add(c)
        else:
            if _NAME_OF.match(text, m.end):
                continue  # "Madame Olenska's name had evoked it": her name, not her, is in the scene
            pp = parsed.get(m.paragraph) if parsed is not None else None
            subj = m.subject and not (_coordinated(pp, m) or _in_relative_clause(pp, m))
            narr[m.paragraph].append((m.start, c, subj))
            if m.owner:
                owners.add(m.start)
    touched: set[int] = set()

    def in_quote(pos: int) -> bool:
        return _quote_at(quote_span_of, qstarts, pos) is not None

    para_index = _Indexes(in_quote)
    roles = {c for c in getattr(roster, "described", ()) if len(c.split()) == 2}  # "the nurse" (_unnamed_roles)
    for c in getattr(roster, "described", ()):
        # "The gentleman in the white waistcoat rose up": the narration names a described character too
        # ("a nurse came in" as well as "the nurse")
        forms = dict.fromkeys([c, *roster.aliases.get(c, ())])
        pattern = re.compile("|".join(r"\b" + r"\s+".join(map(re.escape, f.split())) + r"\b" for f in forms), re.IGNORECASE)
        for p, (lo, hi) in bounds.items():
            for m in pattern.finditer(text, lo, hi):
                if not in_quote(m.start()):
                    if c in roles:
                        if not _is_subject(parsed, p, m.end() - 1, para_index):
                            continue  # "with the maid beside the coachman": a servant in passing is no one's "she"
                        first = True
                    else:
                        first = re.search(r"(?:^|[.!?;]\s+)$", text[lo : m.start()]) is not None
                    narr[p].append((m.start(), c, first))
                    touched.add(p)
    narrator = roster.narrator if first_person else None
    genders = roster.gender
    # characters a tag names somewhere, or a line addresses, speak in the story: a "he" is more
    # likely one of them than someone the narration only talks about
    talkers = {resolve(t.value) for t in tags.values() if t is not None and t.kind == "name"} - {None}
    talkers.update(c for v in vocatives.values() for c in v)
    talkers.update(roles)  # "a nurse came in": brought in to the scene, as a speaker is
    if parsed is not None:
        for p, pos, c in _kin_mentions(parsed, narr, roster, genders, in_quote):
            narr[p].append((pos, c, True))  # "Mrs. van der Luyden beamed; but her husband raised a hand"
            touched.add(p)
        for p, pos, c, subj in list(_elder_mentions(text, parsed, narr, genders, in_quote, talkers)):
            narr[p].append((pos, c, subj))  # "The old woman sat in a vast throne-like arm-chair"
            touched.add(p)
    for p in touched:
        narr[p].sort()

    # each character's share of the mentions of its gender: the protagonist leads
    by_gender: dict[str, int] = defaultdict(int)
    for c, n in roster.mention_counts.items():
        by_gender[genders.get(c, "unknown")] = max(by_gender[genders.get(c, "unknown")], n)
    salience = {
        c: n / by_gender[genders.get(c, "unknown")] for c, n in roster.mention_counts.items() if by_gender[genders.get(c, "unknown")]
    }
    epithets = _epithets(text, bounds, quote_span_of, qstarts, resolve)
    called = _called(text, quotes, tags, resolve, roster)
    for noun, c in called.items():
        epithets.setdefault(noun, c)
    for noun, c in _answered_roles(text, quotes, tags, mentions, quote_span_of, qstarts, resolve).items():
        epithets.setdefault(noun, c)  # '"Hank, give the man a room." / "…," grumbled the barkeep'
    heads = {t.value.casefold().split()[-1] for t in tags.values() if t is not None and t.kind == "description"}
    places = _workplaces(text, bounds, quote_span_of, qstarts, resolve)
    for noun in heads - set(epithets):
        if (c := _at_work(noun, places)) is not None:
            epithets[noun] = c  # "Hank Dobbs, who tended the bar," / "grumbled the barkeep"
    salience = {c: v + TALKER_BONUS * (c in talkers) for c, v in salience.items()}
    last_mention: dict[str, int] = {}  # character -> offset of its latest narration mention
    mention_list = sorted((pos, c) for p in narr.values() for pos, c, _ in p)
    mi = 0
    # the paragraphs of the last SCENE_WINDOW characters that name each character (at their first mention)
    first_in_para: dict[tuple[int, str], int] = {}
    for p, ms in narr.items():
        for pos, c, _ in ms:
            first_in_para[(p, c)] = min(pos, first_in_para.get((p, c), pos))
    para_list = sorted((pos, c) for (_p, c), pos in first_in_para.items())
    ni = lo_i = 0
    nearby: Counter = Counter()

    def advance(pos: int) -> None:
        nonlocal mi, ni, lo_i
        while mi < len(mention_list) and mention_list[mi][0] < pos:
            last_mention[mention_list[mi][1]] = mention_list[mi][0]
            mi += 1
        while ni < len(para_list) and para_list[ni][0] < pos:
            nearby[para_list[ni][1]] += 1
            ni += 1
        while lo_i < ni and para_list[lo_i][0] < pos - SCENE_WINDOW:
            nearby[para_list[lo_i][1]] -= 1
            lo_i += 1

    history: list[_Quote] = []  # attributed-or-not quotations of the current scene
    first_seen: dict[str, int] = {}  # character -> offset of its first narration mention
    for pos, c in mention_list:
        first_seen.setdefault(c, pos)
    entrants = _entrants(parsed, narr, para_index) if parsed is not None else {}
    for q in quotes:
        q.tag = tags.get(q.qid)
        q.vocatives = tuple(vocatives.get(q.qid, ()))
        q.entrants = frozenset(c for p in (q.paragraph - 1, q.paragraph) for pos, c in entrants.get(p, ()) if pos < q.parts[-1].end)
        if (parent := _parent_called(text, q, history, narr, roster)) is not None and parent not in q.vocatives:
            q.vocatives += (parent,)  # "I have not had the headache at all, mamma.": Mrs. Hale is spoken to
        q.spoken_of = frozenset(spoken_of.get(q.qid, ())) - set(q.vocatives)
        q.closing = tuple(c for c in q.vocatives if voc_para[q.qid].get(c, q.last_paragraph) == q.last_paragraph)
        q.addresses = _addressed_gender(text, q.parts)
        if q.tag is not None and (m := _TOLD.match(text, q.tag.position)) is not None:
            q.told = resolve(_clean_name(m["n"]) or "")
        if history and history[-1].scene != q.scene:
            history = []
        advance(q.parts[0].start)
        res = q.result
        prev = history[-1] if history else None
        q.narrated = prev is not None and _WORD.search(text, prev.parts[-1].end, q.parts[0].start) is not None
        tag = q.tag
        if tag is not None and tag.kind == "name":
            # "said the General": a title alone is the one character who bears it
            c = resolve(tag.value) or _by_title("the " + tag.value, roster)
            if c is not None:
                _set(res, c, "explicit_tag", 0.95)
            else:
                q.blocked = True  # a name we do not know: unattributed rather than a guess
        elif tag is not None and tag.kind == "pronoun":
            p = tag.value.casefold()
            if p in ("i", "we") and narrator:
                _set(res, narrator, "pronoun_tag", 0.95)
            elif p in ("he", "she"):
                g = _GENDER_OF[p]
                q.bound = _bound_by(text, q, narr, tag.position)
                q.possessed = _possessed(text, q, narr, tag.position, p)
                q.companion = _companion_subject(text, q, narr, tag.position, g, genders)
                q.goes_on = _continues(text, tag.position)
                q.resumes = _resumes(text, q, prev, bounds, p)
                q.pronoun_leads = _pronoun_leads(text, q, narr, bounds, tag.position, p, genders)
                q.local_referent = any(
                    pos < tag.position and genders.get(c) == g and c not in q.bound and c not in q.vocatives
                    for pos, c, _ in narr.get(q.paragraph, [])
                )
                c = _resolve_pronoun(g, q, prev, history, narr, last_mention, genders, tag.position, narrator, salience, nearby, q.bound, talkers=talkers)
                if c is not None:
                    _set(res, c, "pronoun_tag", 0.8)
        elif tag is not None and tag.kind == "description":
            g = _noun_gender(tag.value)
            kin = _kin(tag.value, q, history, narr, roster, genders, nearby)
            other = _the_other(tag.value, prev, history, narr, q.paragraph)
            named = resolve(tag.value) or resolve(_postmodified(text, tag))
            ranked = _by_title(tag.value, roster)
            if named is not None:
                _set(res, named, "description_tag", 0.7)  # a roster that lists "The Old Woman"
            elif ranked is not None:
                _set(res, ranked, "description_tag", 0.8)  # "said the general": the one General
            elif kin is not None:
                _set(res, kin, "description_tag", 0.6)  # "said his wife" after Mr. Bennet, "his mother said"
            elif other is not None:
                _set(res, other, "description_tag", 0.55)  # "returned the other": not the one who spoke last
            elif narrator and _COMPANION.match(tag.value) and (mate := _companion(narrator, talkers, roster.mention_counts)):
                _set(res, mate, "description_tag", 0.7)  # "cried my companion": the narrator's friend
            elif (that := _demonstrative(tag.value, q.paragraph, tag.position, narr)) is not None:
                _set(res, that, "description_tag", 0.7)  # "The gentleman in the white waistcoat rose. 'Thin!' cried that gentleman."
            elif (epi := epithets.get(tag.value.casefold().split()[-1])) is not None:
                _set(res, epi, "description_tag", 0.7)  # "Mr. Grubble, the beadle, …" / "returned the beadle"
            elif g is not None:
                # "said the old man": the man of the scene most recently active
                c = _resolve_pronoun(g, q, prev, history, narr, last_mention, genders, tag.position, narrator, salience, nearby, talkers=talkers)
                if c is not None:
                    _set(res, c, "description_tag", 0.55)
                    q.by_gender = g
            elif (nc := _newcomer(tag.value, first_seen, tag.position, talkers, [c for c in _recent_speakers(history, 10) if prev is None or c != prev.result.speaker])) is not None:
                _set(res, nc, "description_tag", 0.5)  # "returned the stranger": the one who has just come
            elif _THIRD_VOICE.search(tag.value):
                q.blocked = True  # "said a voice from the landing": someone we cannot name
            else:
                # "the dwarf said" where the lines call Elowen "elf": whoever the dwarf is, not Elowen
                noun = tag.value.casefold().split()[-1]
                q.not_speakers = frozenset(c for n, c in called.items() if n != noun)
        elif tag is None and (lis := _listener(text, q, bounds)) is not None:
            # "…?" He was silent. — the one the narration shows listening is not the speaker
            present = _recent_speakers(history, 10)
            who = resolve(lis) if lis not in ("he", "she") else _of_gender(
                _GENDER_OF[lis], list(dict.fromkeys(present + _named_recently(narr, q.paragraph, 3))), genders
            )
            other = next((c for c in present if c != who), None) if who else None
            if other is not None and other not in q.vocatives:
                _set(res, other, "action_beat", 0.6)
                q.beat_before = True  # as sure as a beat before the line: alternation leaves it
        elif tag is None and narrator and parsed is not None and q.paragraph in parsed and _own_beat(parsed[q.paragraph], q, narr, para_index):
            # '"She makes everyone drive." I took the box off him. "Come in."': the narrator's beat
            _set(res, narrator, "action_beat", 0.7)
            q.beat_before = True
        elif tag is None:
            c = _action_beat(q, narr, talkers, owners)
            if (
                c is not None
                and parsed is not None
                and q.paragraph in parsed
                and (ps := _pronoun_subject(parsed[q.paragraph], q, para_index)) is not None
                and _GENDER_OF[ps[0]] != genders.get(c)
                and not any(who == c and subj and (pos > ps[1] or text[ps[1]].islower()) for pos, who, subj in narr.get(q.paragraph, []))
            ):
                # "He turned to Mary.": the one who turns speaks, not Mary; "Archer listened, and she
                # went on: … She broke off. “…”": she, not Archer, who acted before the sentence she begins
                c = None
            if c is not None:
                _set(res, c, "action_beat", 0.7)
                q.beat_before = any(pos < q.parts[0].start and who == c for pos, who, _ in narr.get(q.paragraph, []))
                pron = None
                if not q.beat_before and parsed is not None and q.paragraph in parsed:
                    pron = _pronoun_after(parsed[q.paragraph], q, narr, c, para_index)
                acts = any(who == c and (sb or pos in owners) for pos, who, sb in narr.get(q.paragraph, []))
                if pron is not None and (genders.get(c) not in (None, "unknown", pron[0]) or not acts):
                    # '"…" She got up. Elliot went over to her.': the first "she" after the line speaks
                    c2 = _resolve_pronoun(pron[0], q, prev, history, narr, last_mention, genders, pron[1], narrator, salience, talkers=talkers)
                    if c2 is not None and c2 != c:
                        _set(res, c2, "action_beat", 0.55)
            if c is None and parsed is not None and q.paragraph in parsed:
                # "Her father put down his knife." before the line: the relative (the one General) speaks
                desc = _noun_subject(text, parsed[q.paragraph], q, para_index)
                if desc is not None:
                    c = _by_title(desc[0], roster) or _kin(desc[0], q, history, narr, roster, genders, nearby)
                    if c is None and (c := _role_of(desc[0], epithets, places)) is not None and c not in q.vocatives:
                        q.beat_before = True  # "The barkeep poured." before the line: as sure as his name
                    if c is not None and c not in q.vocatives:
                        _set(res, c, "action_beat", 0.55)
                        q.beat_gender = genders.get(c)
                # "She pondered on this." beside the line: the pronoun's referent speaks
                pron = _pronoun_subject(parsed[q.paragraph], q, para_index) if res.speaker is None else None
                if pron is not None:
                    g = _GENDER_OF[pron[0]]
                    # "She paused for this announcement to produce its effect." after her line: she goes on
                    q.resumes = prev is not None and prev.last_paragraph >= q.paragraph - 1 and _PAUSES.match(text, pron[1]) is not None
                    c = _resolve_pronoun(g, q, prev, history, narr, last_mention, genders, pron[1], narrator, salience, talkers=talkers)
                    if c is not None:
                        _set(res, c, "action_beat", 0.7)
                        q.beat_gender = g
                        q.beat_before = q.resumes and c == prev.result.speaker  # as sure as her tag was
        if (
            tag is None
            and res.speaker is None
            and not q.parts[0].continued
            and (before := bounds.get(q.paragraph - 1)) is not None
            and before[1] - before[0] <= BEAT_PARAGRAPH
            and (prev is None or prev.last_paragraph < q.paragraph - 1)
        ):
            # "Tom turned to Dana, eyebrows raised." / "Did anyone review it?": the one the short
            # narration just before the line is about (the last of them: "Luis looked at Tom, but
            # Tom was already packing up."); turn-taking may still overrule it
            named = [(pos, c) for pos, c, sb in narr.get(q.paragraph - 1, []) if sb and c not in q.vocatives]
            if named and _ANSWERS_WITHOUT_WORDS.match(text, *before):
                # "Henry bowed his assent." / "…": he has answered without words; the line is the other's
                who = named[-1][1]
                named = []
                other = next((c for c in _recent_speakers(history, 10) if c != who), None)
                if other is not None and other not in q.vocatives:
                    _set(res, other, "action_beat", 0.6)
                    q.beat_before = True
            subj = [c for _pos, c in named]
            if subj and parsed is not None and (pp := parsed.get(q.paragraph - 1)) is not None:
                pron = _index(pp, para_index).pronouns
                if pron and pron[-1][0] > named[-1][0] and genders.get(subj[-1]) == _OTHER_GENDER.get(_GENDER_OF[pron[-1][1]]):
                    # "Dan looked at Liz. Liz looked at the ceiling. He turned to his son.": the last
                    # subject is a he, the man the paragraph named
                    same = [c for c in subj if genders.get(c) == _GENDER_OF[pron[-1][1]]]
                    subj = same[-1:]
            if subj:
                _set(res, subj[-1], "action_beat", 0.6)
                q.lead_beat = True
            elif (
                parsed is not None
                and (pp := parsed.get(q.paragraph - 1)) is not None
                and (pron := _index(pp, para_index).pronouns)
                and not narr.get(q.paragraph - 1)
            ):
                # "He took her outstretched hand." / "My dear, I have remained all night…": the
                # one man (woman) of the talk so far; a lean only, for turn-taking to weigh
                g = _GENDER_OF[pron[-1][1]]
                present = dict.fromkeys(_recent_speakers(history, 6) + _named_recently(narr, q.paragraph - 1, 2))
                same = [c for c in present if genders.get(c) == g]
                if len(same) == 1 and same[0] not in q.vocatives:
                    _set(res, same[0], "action_beat", 0.6)
            elif (
                parsed is not None
                and (pp := parsed.get(q.paragraph - 1)) is not None
                and not narr.get(q.paragraph - 1)
                and (who := _lead_role(text, pp, para_index, roster, epithets, places)) is not None
                and who not in q.vocatives
            ):
                # "The mayor took off his spectacles." / "You're sure of that, Doctor?": the one Mayor
                _set(res, who, "action_beat", 0.6)
                q.lead_beat = True
        if res.method != "explicit_tag" and (me := _introduced(text, q, resolve, roster)) is not None:
            _set(res, me, "introduction", 0.9)  # "My name is Violet Ashdown, and I have come…"
            q.vocatives = tuple(c for c in q.vocatives if c != me)
            q.closing = tuple(c for c in q.closing if c != me)
        if res.speaker is not None and res.speaker in q.vocatives and len(q.vocatives) == 1:
            # "Sam, listen," said Sam is rare; a speaker who addresses themselves is a wrong guess
            if res.method != "explicit_tag":
                res.speaker, res.method, res.confidence = None, None, float("nan")
        history.append(q)

    _answered_voices(quotes)
    _paragraph_unity(quotes)
    _replies(quotes)
    before = [replace(q.result) for q in quotes]

    def take_turns() -> None:
        _conversations(quotes, narrator, genders, narr, talkers, bounds)
        _paragraph_unity(quotes)
        _letters(text, quotes, resolve)
        _answers(text, quotes)
        _alternate(quotes, narrator, first_person, genders)

    def pronouns_again() -> tuple[dict[int, str], bool]:
        """"he"/"she" once more, now that the whole exchange around each line is known."""
        nonlocal mi, ni, lo_i
        last_mention.clear()
        nearby.clear()
        mi = ni = lo_i = 0
        history: list[_Quote] = []
        resolved: dict[int, str] = {}
        moved = False
        for q in quotes:
            if history and history[-1].scene != q.scene:
                history = []
            advance(q.parts[0].start)
            tag = q.tag
            c = None
            if q.result.method == "pronoun_tag" and tag is not None and tag.value.casefold() in ("he", "she") and not q.local_referent:
                g = _GENDER_OF[tag.value.casefold()]
                c = _resolve_pronoun(g, q, history[-1] if history else None, history, narr, last_mention, genders, tag.position, narrator, salience, nearby, q.bound, talkers=talkers)
            elif q.by_gender is not None and q.result.method == "description_tag":
                # "said the poor little man": a he/she too, now that who spoke before it is known
                c = _resolve_pronoun(q.by_gender, q, history[-1] if history else None, history, narr, last_mention, genders, tag.position, narrator, salience, nearby, talkers=talkers)
            if c is not None:
                moved = moved or c != q.result.speaker
                resolved[id(q)] = c
                q.result.speaker = c
            history.append(q)
        return resolved, moved

    take_turns()
    resolved, moved = pronouns_again()
    for _round in range(REDECODE):
        if not moved:
            break
        # a he/she the exchange decided otherwise: the turns around it change with it
        for q, b in zip(quotes, before):
            fixed = resolved.get(id(q))
            q.result = replace(b)
            if fixed is not None:
                q.result.speaker = fixed
        take_turns()
        resolved, moved = pronouns_again()
    _addressees(quotes)
    return {q.qid: q.result for q in quotes}


_MALE_NOUNS = frozenset(
    ["man", "gentleman", "boy", "lad", "fellow", "father", "husband", "brother", "son", "uncle", "nephew", "grandfather", "king", "prince", "duke", "lord", "sir", "master", "youth", "bridegroom", "squire", "host", "landlord", "waiter", "butler", "footman", "groom"]
)
_FEMALE_NOUNS = frozenset(
    ["woman", "lady", "girl", "mother", "wife", "sister", "daughter", "aunt", "niece", "grandmother", "queen", "princess", "duchess", "maid", "widow", "mistress", "bride", "hostess", "landlady", "waitress", "housekeeper", "governess", "nurse", "miss"]
)


# a description that is a title: "said the general", "snapped the inspector", "the doctor said"
_TITLE_WORDS = frozenset([
    "general", "colonel", "captain", "major", "admiral", "lieutenant", "sergeant", "inspector", "detective",
    "doctor", "professor", "judge", "duke", "duchess", "count", "countess", "marquis", "baron", "baroness",
    "vicar", "rector", "squire", "constable", "sheriff", "superintendent", "coach", "corporal", "commander",
    "chief", "nurse", "officer", "agent", "sensei",
    # offices of a town, a state, a church or a school: "said the mayor" (Mayor Birch), "the reverend asked"
    "mayor", "alderman", "governor", "senator", "president", "chancellor", "magistrate", "marshal", "deputy",
    "commissioner", "ambassador", "reverend", "pastor", "parson", "priest", "chaplain", "bishop", "archdeacon",
    "abbot", "abbess", "rabbi", "headmaster", "headmistress", "matron", "commodore", "ensign",  # not "dean": Dean Moriarty
])
# the title a name starts with ("Dr. Okafor", "Capt. Ortiz") -> the word a tag uses for it
_TITLE_FORMS = {"dr": "doctor", "capt": "captain", "col": "colonel", "gen": "general", "lt": "lieutenant",
                "sgt": "sergeant", "prof": "professor", "rev": "reverend", "gov": "governor", "supt": "superintendent",
                "insp": "inspector", "det": "detective", "sen": "senator", **{w: w for w in _TITLE_WORDS}}


# kinship titles a name may carry ("Aunt Carol", "Uncle Vernon") -> the one word for them
_KIN_TITLE_WORDS = {"aunt": "aunt", "auntie": "aunt", "uncle": "uncle", "cousin": "cousin"}


# "Mr. Grubble, the beadle, …", "Walter Price, the building super, …"
_APPOSITION = re.compile(rf"({NAME}),\s+(?:the|a|an)\s+((?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)\s*[,;.]")


def _quote_at(
    quote_spans: Sequence[tuple[int, int, int]], qstarts: Sequence[int], pos: int
) -> tuple[int, int, int] | None:
    """The ``(start, end, quote)`` of ``quote_spans`` (sorted; ``qstarts`` their starts) holding ``pos``."""
    i = bisect.bisect_right(qstarts, pos) - 1
    return quote_spans[i] if i >= 0 and quote_spans[i][0] <= pos < quote_spans[i][1] else None


def _split_subject(
    text: str, span: tuple[int, int, int], m: Mention, quote_spans: Sequence[tuple[int, int, int]], qstarts: Sequence[int]
) -> bool:
    """'"Mr. Bounderby," said Jem, "is a noble animal."': the name the tag splits off is the sentence's subject.

    A part of a line that is only the name, whose next part goes on in lower case, speaks of
    that person; it does not address them.
    """
    if text[span[0] : m.start].strip(" \t\n\"'\u201c\u2018") or text[m.end : span[1]].strip(" \t\n,\"'\u201d\u2019"):
        return False
    i = bisect.bisect_right(qstarts, span[0])
    if i >= len(quote_spans) or quote_spans[i][2] != span[2]:
        return False
    nxt = text[quote_spans[i][0] : quote_spans[i][1]].lstrip(" \t\n\"'\u201c\u2018")
    return _FINITE.match(nxt) is not None  # not '"Sam," she said, "listen to me."'


_FINITE = re.compile(
    r"(?:is|was|has|had|does|did|will|would|can|could|may|might|must|shall|should|isn't|wasn't|hasn't|doesn't|won't|"
    r"can't|couldn't|wouldn't|never|always|[a-z]+[^s\W]s)\b"
    r"(?!\s+(?:I|you|he|she|it|we|they|there|this|that|not)\b)"  # not a question: '"Mrs. Allen," said Catherine, "will there be any harm…"'
)


def _epithets(
    text: str,
    bounds: dict[int, tuple[int, int]],
    quote_spans: Sequence[tuple[int, int, int]],
    qstarts: Sequence[int],
    resolve: Any,
) -> dict[str, str]:
    """Head noun -> the one character the narration calls so in apposition ("Mr. Grubble, the beadle,")."""
    found: dict[str, set[str]] = defaultdict(set)
    for lo, hi in bounds.values():
        for m in _APPOSITION.finditer(text, lo, hi):
            if _quote_at(quote_spans, qstarts, m.start()) is not None:
                continue  # inside a line
            name = _clean_name(m.group(1))
            c = resolve(name) if name else None
            if c is not None:
                found[m.group(2).split()[-1].casefold()].add(c)
        for at, name, noun in _role_phrases(text, lo, hi):
            if _quote_at(quote_spans, qstarts, at) is None and (c := resolve(name)) is not None:
                found[noun].add(c)  # "the baker, Agnes Pell,", "Agnes the baker", "Hank, who was the barkeep,"
    return {noun: next(iter(cs)) for noun, cs in found.items() if len(cs) == 1 and noun not in _ANYONE}


# nouns for what a person does, the words "Agnes the baker" or "Hank was the barkeep" may give someone
_ROLE_NOUNS = frozenset([
    "baker", "butcher", "grocer", "miller", "smith", "blacksmith", "farrier", "carpenter", "cobbler", "shoemaker",
    "tailor", "seamstress", "dressmaker", "milliner", "weaver", "potter", "mason", "saddler", "tanner", "cooper",
    "barber", "jeweller", "jeweler", "watchmaker", "locksmith", "printer", "bookseller", "chemist", "apothecary",
    "druggist", "pharmacist", "merchant", "trader", "peddler", "pedlar", "banker", "clerk", "cashier", "teller",
    "barkeep", "barkeeper", "bartender", "barman", "barmaid", "innkeeper", "publican", "landlord", "landlady",
    "storekeeper", "shopkeeper", "proprietor", "waiter", "waitress", "cook", "chef", "butler", "footman", "valet",
    "maid", "housemaid", "housekeeper", "governess", "nanny", "nurse", "gardener", "groom", "coachman", "driver",
    "cabman", "porter", "doorman", "janitor", "caretaker", "gamekeeper", "gatekeeper", "shepherd", "farmer",
    "rancher", "foreman", "cowboy", "trapper", "hunter", "fisherman", "ferryman", "boatman", "sailor", "miner",
    "woodcutter", "stationmaster", "postmaster", "postmistress", "postman", "mailman", "conductor", "engineer",
    "mechanic", "fireman", "policeman", "watchman", "jailer", "gaoler", "guard", "sentry", "soldier", "scout",
    "teacher", "schoolteacher", "schoolmaster", "schoolmistress", "tutor", "librarian", "professor", "doctor",
    "physician", "surgeon", "dentist", "midwife", "vet", "lawyer", "attorney", "solicitor", "barrister", "notary",
    "secretary", "reporter", "journalist", "editor", "photographer", "painter", "artist", "musician", "fiddler",
    "undertaker", "sexton", "gravedigger", "beadle", "preacher", "minister", "vicar", "curate", "rector",
    "priest", "parson", "pastor", "mayor", "sheriff", "marshal", "deputy", "constable", "magistrate", "judge",
])
_DET = r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Ii]ts)\s+(?:[a-z][\w-]*['\u2019]s\s+)?"  # "the town's", "their"
_MODS = r"(?:[a-z][\w-]*\s+){0,2}?"  # as few as may be: "the barkeep here"
# "the baker, Agnes Pell, stood up": a description, then the name it gives (not a list: "the doctor, Ann, and Tom")
_ROLE_THEN_NAME = re.compile(rf"\b{_DET}({_MODS}[a-z][\w-]*),\s+({NAME})(?=\s*[;.!?)]|\s*,(?!\s*(?:and|or)\b|\s*{NAME}\s*,))")
# "Agnes Pell the baker", "Hank the barkeep": a name, then what the person does
_NAME_THE_ROLE = re.compile(rf"(?=[A-Z])({NAME})\s+the\s+([a-z][\w-]*)\b(?![\w'\u2019-])")
# "Hank Dobbs, who was the barkeep,", "Hank Dobbs was the barkeep here."
_NAME_WAS_ROLE = re.compile(
    rf"(?=[A-Z])({NAME})(,\s+who)?\s+(?:was|is|had\s+been|has\s+been)\s+(?:{_DET}|an?\s+)({_MODS}[a-z][\w-]*)(?=\s*[,;.!?]|\s+(?:of|at|in|here|there|for)\b)"
)
# what may stand before "Agnes the baker": the start of a sentence or clause, or a preposition
_BEFORE_ROLE = re.compile(r"(?:^|[.!?;:,\u2014(]|\b(?:and|with|of|by|to|from|for|as|like|but|then))\s*$")


def _role_phrases(text: str, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """``(offset, name, noun)`` for each place the narration in ``text[lo:hi]`` gives a name a role.

    "the baker, Agnes Pell," (any noun, before the name); "Agnes Pell the baker",
    "Hank Dobbs was the barkeep" (a word of :data:`_ROLE_NOUNS` or a compound of
    one, "stationmaster"); "Hank Dobbs, who was the barkeep," (any noun).
    """
    out: list[tuple[int, str, str]] = []
    for m in _ROLE_THEN_NAME.finditer(text, lo, hi):
        if (name := _clean_name(m.group(2))) is not None:
            out.append((m.start(), name, m.group(1).split()[-1].casefold()))
    for m in _NAME_THE_ROLE.finditer(text, lo, hi):
        noun = m.group(2).casefold()
        if _is_role(noun) and _clause_start(text, lo, m.start()) and (name := _clean_name(m.group(1))) is not None:
            out.append((m.start(), name, noun))  # not "told Tom the doctor had come"
    for m in _NAME_WAS_ROLE.finditer(text, lo, hi):
        noun = m.group(3).split()[-1].casefold()
        if m.group(2) is None and not (_is_role(noun) and _clause_start(text, lo, m.start())):
            continue  # "whether Smith was the murderer": only a role, at the start of a clause
        if (name := _clean_name(m.group(1))) is not None:
            out.append((m.start(), name, noun))
    # "their elder brother, Captain Tilney,": whose brother "said her brother" means, the kin rules decide
    return [(at, name, noun) for at, name, noun in out if noun not in _KIN_WORDS and not noun.endswith("-in-law")]


_KIN_WORDS = frozenset([
    "mother", "father", "son", "daughter", "sister", "brother", "wife", "husband", "cousin", "aunt", "uncle",
    "nephew", "niece", "grandfather", "grandmother", "grandson", "granddaughter", "stepmother", "stepfather",
    "child", "baby", "twin", "parent",
])


def _clause_start(text: str, lo: int, at: int) -> bool:
    """``at`` starts the paragraph (from ``lo``), a sentence or clause, or follows a preposition."""
    return at == lo or _BEFORE_ROLE.search(text, max(lo, at - 8), at) is not None


# "Hank Dobbs, who tended the bar", "Lucy taught school": where someone works, which a compound names
# ("the barkeep", "the schoolteacher")
_WORKS_AT = re.compile(
    rf"(?=[A-Z])({NAME})(,?\s+who)?\s+(?:kept|keeps|tended|tends|ran|runs|owned|owns|managed|manages|minded|minds|"
    rf"(?:worked|works|taught|teaches|served|serves)(?:\s+(?:at|in|behind))?)\s+(?:(?:the|a|an|his|her|their)\s+)?"
    rf"([a-z]+)(?=\s*[,;.!?]|\s+(?:in|at|on|of|for|and|down|across|by|with|there|here)\b)"
)


def _workplaces(
    text: str,
    bounds: dict[int, tuple[int, int]],
    quote_spans: Sequence[tuple[int, int, int]],
    qstarts: Sequence[int],
    resolve: Any,
) -> dict[str, set[str]]:
    """Place -> the characters the narration says work there: "Hank, who tended the bar," -> bar: Hank."""
    places: dict[str, set[str]] = defaultdict(set)
    for lo, hi in bounds.values():
        for m in _WORKS_AT.finditer(text, lo, hi):
            if m.group(2) is None and not _clause_start(text, lo, m.start()):
                continue  # "whether Tom ran the mill"
            if _quote_at(quote_spans, qstarts, m.start()) is None and (name := _clean_name(m.group(1))) and (c := resolve(name)):
                places[m.group(3).casefold()].add(c)
    return places


def _at_work(noun: str, places: Mapping[str, set[str]]) -> str | None:
    """The one character who works where ``noun`` says: a place with more letters after it ("bar" + "keep",
    "mill" + "er", "school" + "teacher") that make a word for what someone does."""
    if not places or not (_is_role(noun) or noun.endswith(("er", "man", "keep"))):
        return None
    found = {c for p, cs in places.items() if noun.startswith(p) and len(noun) >= len(p) + 2 for c in cs}
    return next(iter(found)) if len(found) == 1 else None


# nouns a line's neighbours calling someone by name do not tell: a he/she, a relative, the one who has just come
_NOT_ANSWERED = frozenset(["girl", "boy", "lad", "lass", "youth", "child", "kid", "miss", "sir", "master", "mistress"])


def _answered_roles(
    text: str,
    quotes: Sequence[_Quote],
    tags: Mapping[int, Tag | None],
    mentions: Sequence[Mention],
    quote_spans: Sequence[tuple[int, int, int]],
    qstarts: Sequence[int],
    resolve: Any,
) -> dict[str, str]:
    """Noun -> the one character the lines around its tagged lines call by name.

    '"…in the morning. Hank, give the man a room." / "…," grumbled the barkeep'
    (the last sentence of the line before, in the paragraph before, calls one
    person, who answers) and '"…," said the baker. / "You're asking me to go
    broke, Agnes."' (the first sentence of the line after calls the one who
    spoke): the barkeep is Hank, the baker Agnes. A call elsewhere in the line
    is as often to someone else ("Here you are, then! Catch! A fine child, Mrs.
    Smith!"). Never one the noun's own lines call by name ("Nobody's asking
    you to die, Walt," said the baker: not Walt), nor one a line's name tag
    says spoke it; every line that tells must agree.
    """
    calls: dict[int, list[tuple[int, str]]] = defaultdict(list)  # quote -> (offset, whom it calls)
    for m in mentions:
        if m.in_quote and m.vocative and (c := resolve(m.name)) is not None:
            span = _quote_at(quote_spans, qstarts, m.start)
            if span is not None and not _nested(text, span[0], m.start, span[1]):
                calls[span[2]].append((m.start, c))
    found: dict[str, set[str]] = defaultdict(set)
    not_them: dict[str, set[str]] = defaultdict(set)
    skip = _ANYONE | _KIN_WORDS | _NEWCOMER_NOUNS | _NOT_ANSWERED | _MACHINE_NOUNS
    for i, q in enumerate(quotes):
        t = tags.get(q.qid)
        if t is None or t.kind != "description" or _THIRD_VOICE.search(t.value):
            continue
        words = t.value.casefold().split()
        if len(words) != 2 or words[0] != "the" or words[1] in skip:
            continue
        noun = words[1]
        own = {c for _, c in calls.get(q.qid, ())}
        not_them[noun] |= own
        for j, after in ((i - 1, False), (i + 1, True)):
            if not 0 <= j < len(quotes) or quotes[j].scene != q.scene:
                continue
            o = quotes[j]
            if (o.paragraph - q.last_paragraph if after else q.paragraph - o.last_paragraph) != 1:
                continue
            voc = calls.get(o.qid, [])
            if len({c for _, c in voc}) != 1 or voc[0][1] in own:
                continue
            pos, who = voc[0] if after else voc[-1]
            part = next((p for p in o.parts if p.start <= pos < p.end), None)
            if part is None:
                continue
            lead = re.search(r"(?:^|[.!?]+[\u201d\u2019\"')]*)\W*$", text[part.start : pos]) is not None  # "Hank, give…"
            edge = part is (o.parts[0] if after else o.parts[-1]) and not _SENTENCE_END.search(
                text[part.start : pos] if after else text[pos : part.end].rstrip(" \t\n.!?\u201d\u2019\"'")
            )
            if not (lead or edge):
                continue  # "…this room, Mr. Tilney? What a pity…": not its first (last) sentence, nor a turn to them
            ot = tags.get(o.qid)
            if ot is not None and ot.kind == "name" and resolve(ot.value) == who:
                continue
            if ot is not None and ot.kind == "description" and ot.value.casefold().split()[-1] == noun:
                continue
            found[noun].add(who)
    return {n: next(iter(cs)) for n, cs in found.items() if len(cs) == 1 and not cs & not_them[n]}


_SENTENCE_END = re.compile(r"[.!?]+[\u201d\u2019\"')]*\s+\S")


def _lead_role(
    text: str, pp: Any, cache: dict | None, roster: Roster, epithets: Mapping[str, str], places: Mapping[str, set[str]]
) -> str | None:
    """The character a paragraph's last subject names by title or role ("The mayor took off his spectacles."),
    when no he/she stands after it."""
    ix = _index(pp, cache)
    if not ix.nouns:
        return None
    pos, i = ix.nouns[-1]
    if ix.pronouns and ix.pronouns[-1][0] > pos:
        return None
    toks = pp.tokens
    a = i
    while a > 0 and toks[a - 1][7] == i and toks[a - 1][6] in ("det", "amod", "compound"):
        a -= 1
    desc = text[toks[a][0] : toks[i][1]]
    return _by_title(desc, roster) or _role_of(desc, epithets, places)


def _role_of(description: str, epithets: Mapping[str, str], places: Mapping[str, set[str]]) -> str | None:
    """"The barkeep poured.": the one character a definite description's noun is the epithet of, or works as."""
    words = description.casefold().split()
    if len(words) < 2 or words[0] != "the":
        return None
    return epithets.get(words[-1]) or _at_work(words[-1], places)


def _is_role(noun: str) -> bool:
    """A word for what someone does: one of :data:`_ROLE_NOUNS` or a compound that ends in one ("stationmaster")."""
    return noun in _ROLE_NOUNS or noun.endswith(("keeper", "tender", "maker", "master", "mistress", "smith", "monger", "seller"))


def _called(text: str, quotes: Sequence[_Quote], tags: Mapping[int, Tag | None], resolve: Any, roster: Roster) -> dict[str, str]:
    """Epithet -> the one character the lines call so: '"You can feel it," Elowen said. / "…, elf."'.

    An epithet is the noun of a description tag that says nothing more of whom
    it means ("the elf replied": no gender, title or kin); a line that calls
    someone by it ("…, elf.") answers the line before it, so when that line,
    in another paragraph of the scene, has a name tag, the name is the
    epithet's. The lines that tell must agree.
    """
    nouns = set()
    for t in tags.values():
        if t is not None and t.kind == "description" and not _THIRD_VOICE.search(t.value):
            words = t.value.casefold().split()
            if len(words) == 2 and words[0] == "the" and _noun_gender(t.value) is None and _by_title(t.value, roster) is None:
                nouns.add(words[1])
    nouns -= _ANYONE | _TITLE_WORDS | set(_KIN_GENDER) | _MACHINE_NOUNS
    if not nouns:
        return {}
    # "…, elf." / "…, you whelp!" / "…, witch," said Sten
    called = re.compile(rf",\s+(?:you\s+)?({'|'.join(map(re.escape, sorted(nouns)))})(?=\s*[.!?]|\s*,?\s*$)", re.IGNORECASE)
    found: dict[str, set[str]] = defaultdict(set)
    for i, q in enumerate(quotes):
        hits = {m.group(1).casefold() for t in q.parts for m in called.finditer(text, t.start, t.end)}
        if not hits:
            continue
        before = quotes[i - 1] if i else None
        own = tags.get(q.qid)
        who = None
        if before is not None and before.scene == q.scene and 0 < q.paragraph - before.last_paragraph <= 2:
            t = tags.get(before.qid)
            if t is not None and t.kind == "name" and (own is None or own.kind != "name" or resolve(own.value) != resolve(t.value)):
                who = resolve(t.value)
        if who is not None:
            for noun in hits:
                found[noun].add(who)
    return {noun: next(iter(cs)) for noun, cs in found.items() if len(cs) == 1}


# nouns too general to stand for one character: "Jones, a man of few words," does not make every
# "said the man" Jones
_ANYONE = frozenset(["man", "woman", "person", "fellow", "one", "other", "gentleman", "lady", "people", "men", "women"])


# "said my companion", "my friend remarked": the first-person narrator's companion
_COMPANION = re.compile(r"^my\s+(?:[a-z]+\s+)?(?:companion|friend|comrade|colleague|partner)\b", re.IGNORECASE)


def _companion(narrator: str, talkers: set[str], counts: Counter) -> str | None:
    """The character, other than the narrator, who speaks in the story and is named most."""
    return min((c for c in talkers if c != narrator), key=lambda c: (-counts.get(c, 0), c), default=None)


def _by_title(description: str, roster: Roster) -> str | None:
    """"said the general": the one character the story calls General (Captain, Doctor, ...)."""
    words = description.casefold().split()
    if len(words) < 2:
        return None
    if words[-1] in _KIN_TITLE_WORDS and words[0] in ("his", "her", "their", "my", "our", "the"):
        want = _KIN_TITLE_WORDS[words[-1]]  # "says her aunt": the one Aunt Carol
    elif words[0] == "the" and words[-1] in _TITLE_WORDS:
        want = words[-1]
    else:
        return None
    found = [
        c for c in roster
        if any(w and _TITLE_FORMS.get(w[0].casefold(), _KIN_TITLE_WORDS.get(w[0].casefold())) == want and len(w) > 1 for w in map(_words_of, roster.aliases[c]))
    ]
    return found[0] if len(found) == 1 else None


# "said his mother", "her daughter suggested", "continued his surprising son"
_KIN = re.compile(
    r"^(his|her)\s+(?:[\w-]+\s+){0,2}(mother|father|son|daughter|sister|brother|wife|husband)\b", re.IGNORECASE
)
_KIN_GENDER = {
    "mother": "female", "daughter": "female", "sister": "female", "wife": "female",
    "father": "male", "son": "male", "brother": "male", "husband": "male",
}
# the titles of the elder generation (a mother, a husband) and of the younger (a daughter)
_MARRIED = {"mrs", "lady", "madame", "madam", "mme", "dame", "missus", "frau", "signora", "senora"}
_SENIOR = {"mr", "mister", "sir", "lord", "general", "colonel", "captain", "major", "admiral", "dr", "doctor"}
_ELDER = {"mother": _MARRIED, "wife": _MARRIED, "father": _SENIOR, "husband": _SENIOR}


def _first_name(name: str) -> str | None:
    """The given name of "Newland Archer" (not of "Mr. Archer" or "Archer")."""
    words = _words_of(name)
    return words[0] if len(words) > 1 and words[0].casefold().rstrip(".") not in _MARRIED | _SENIOR | {"miss", "ms"} else None


def _words_of(name: str) -> list[str]:
    return name.replace(".", " ").split()


def _surnames(roster: Roster, c: str) -> set[str]:
    """The family names a character goes by: the last word of each name of two words or more."""
    return {w[-1].casefold() for w in map(_words_of, roster.aliases.get(c, [c])) if len(w) > 1}


def _titled(roster: Roster, c: str, titles: set[str]) -> bool:
    """One of the character's names starts with one of ``titles``."""
    return any(w and w[0].casefold() in titles for w in map(_words_of, roster.aliases.get(c, [c])))


_PARENT_VOCATIVE = re.compile(
    r"(?:^|[,;]\s*|\b(?:dear|dearest|my)\s+)(mamma|mama|mother|mum|mom|papa|father|dad|daddy)\s*(?:[,.!?;\u2014]|--|$)",
    re.IGNORECASE,
)


def _parent_called(
    text: str, q: _Quote, history: Sequence[_Quote], narr: dict[int, list[tuple[int, str, bool]]], roster: Roster
) -> str | None:
    """The parent a line addresses ("…, mamma.", "Papa, …"): the one married woman (senior man) of the talk.

    Of the people who spoke lately or whom the narration just named, the only
    one whose name has a married woman's title (for "mamma") or a senior man's
    (for "papa"), and who shares a surname with another of them (her child);
    ``None`` when there are none or several.
    """
    m = next((m for t in q.parts for m in _PARENT_VOCATIVE.finditer(text, t.start, t.end)), None)
    if m is None:
        return None
    word = m[1].casefold()
    female = word == "mother" or word in _PARENT_WORDS["mother"]
    present = list(dict.fromkeys(_recent_speakers(history, 10) + _named_recently(narr, q.paragraph, 3)))
    titles = _MARRIED if female else _SENIOR
    parents = [c for c in present if _titled(roster, c, titles) and roster.gender.get(c) == ("female" if female else "male")]
    if len(parents) != 1:
        return None
    family = _surnames(roster, parents[0])
    if not any(c != parents[0] and _surnames(roster, c) & family for c in present):
        return None
    return parents[0]


def _kin(
    description: str,
    q: _Quote,
    history: Sequence[_Quote],
    narr: dict[int, list[tuple[int, str, bool]]],
    roster: Roster,
    genders: dict[str, str],
    nearby: Counter | None = None,
) -> str | None:
    """"said his mother": the relative, by family name, of the man or woman "his"/"her" is.

    "His"/"her" is whom the line addresses, else the last speakers, else the
    people the narration just named, of that gender; the relative is the one
    character of the kinship's gender who shares their family name, the
    married titles (Mrs., Mr.) telling a mother from a daughter and a father
    from a son. Of two who fit (the story's two Mrs. van der Luydens), the one
    the scene's narration names (``nearby``) is the relative.
    """
    m = _KIN.match(description.strip())
    if not m:
        return None
    owner_gender = _GENDER_OF["he" if m.group(1).casefold() == "his" else "she"]
    kin = m.group(2).casefold()
    owners = list(q.vocatives) + _recent_speakers(history, 6) + _named_recently(narr, q.paragraph, 2)
    # "Lucy sat with her parents, Mr. and Mrs. Carter. 'Pass the salt,' said her mother": Mrs. Carter,
    # the last woman named, has no mother here; Lucy, the one before her, has
    for owner in [c for c in dict.fromkeys(owners) if genders.get(c) == owner_gender][:2]:
        rel = _relative(owner, kin, roster, genders, nearby)
        if rel is not None:
            return rel
    if kin in _PARENT_WORDS:
        # a family without surnames: "his father" is the one the story calls Dad
        called = [c for c in roster if any(a.casefold() in _PARENT_WORDS[kin] for a in roster.aliases.get(c, [c]))]
        if len(called) == 1:
            return called[0]
    return None


def _kin_mentions(
    parsed: Mapping[int, Any],
    narr: Mapping[int, list[tuple[int, str, bool]]],
    roster: Roster,
    genders: dict[str, str],
    in_quote: Any,
) -> Iterator[tuple[int, int, str]]:
    """(paragraph, offset, character) of each "her husband", "his mother" subject of the narration.

    "His"/"her" is the last man or woman the paragraph names before it, when
    no "he"/"she" comes between (whose would it be?), and the relative is the one
    character :func:`_relative` finds for them: "Mrs. van der Luyden beamed on
    her; but her husband raised a protesting hand" names Mr. van der Luyden.
    """
    for p, pp in parsed.items():
        toks = pp.tokens
        for t in toks:
            if t[6] != "poss" or t[2].casefold() not in ("his", "her") or not 0 <= t[7] < len(toks):
                continue
            head = toks[t[7]]
            kin = head[3].casefold()
            if kin not in _KIN_GENDER or head[4] != "NOUN" or head[6] not in _SUBJ or in_quote(t[0]):
                continue  # the subject only: "his preventing her admittance to his daughter" is not about her
            if t[7] + 1 < len(toks) and toks[t[7] + 1][4] == "PROPN":
                continue  # "his sister Janey": the name is the mention
            owner_gender = _GENDER_OF["he" if t[2].casefold() == "his" else "she"]
            named = [(pos, c) for pos, c, _ in narr.get(p, []) if pos < t[0] and genders.get(c) == owner_gender]
            if not named:
                continue
            at, owner = named[-1]
            pron = ("he", "him", "his") if owner_gender == "male" else ("she", "her")
            if any(at < u[0] < t[0] and u[2].casefold() in pron for u in toks):
                continue  # "Archer could hear Lefferts … He raised his head when his sister entered": whose?
            if (rel := _relative(owner, kin, roster, genders)) is not None:
                yield p, t[0], rel


_ELDER_NOUNS = {"lady": "female", "woman": "female", "man": "male", "gentleman": "male"}
_OLD_BEFORE = re.compile(r"\b[Oo]ld\s+$")
ELDER_WITHIN = 20000  # characters (some 3,500 words): "old Catherine" is "the old lady" for a scene or two


def _elder_mentions(
    text: str,
    parsed: Mapping[int, Any],
    narr: Mapping[int, list[tuple[int, str, bool]]],
    genders: dict[str, str],
    in_quote: Any,
    talkers: set[str],
) -> Iterator[tuple[int, int, str, bool]]:
    """(paragraph, offset, character, subject) of each "the old lady" of the narration.

    She is the woman the narration last called "old" by name ("ushered him into old
    Catherine's presence. The old woman sat in a vast arm-chair"), if it did so lately,
    and one who speaks in the story (``talkers``).
    """
    olds = sorted(
        (pos, c) for ms in narr.values() for pos, c, _ in ms if c in talkers and _OLD_BEFORE.search(text, max(0, pos - 5), pos)
    )
    if not olds:
        return
    at = [pos for pos, _ in olds]
    for p, pp in parsed.items():
        toks = pp.tokens
        for i in range(2, len(toks)):
            t = toks[i]
            gender = _ELDER_NOUNS.get(t[2])
            if gender is None or toks[i - 1][2] != "old" or toks[i - 2][2].casefold() != "the" or in_quote(t[0]):
                continue
            if any(abs(pos - toks[i - 2][0]) < 3 for pos, _, _ in narr.get(p, ())):
                continue  # the story's own "The Old Woman", a character by that name
            k = bisect.bisect_left(at, t[0]) - 1
            while k >= 0 and genders.get(olds[k][1]) != gender:
                k -= 1
            if k >= 0 and t[0] - at[k] < ELDER_WITHIN:
                yield p, toks[i - 2][0], olds[k][1], t[6] in _SUBJ


_PARENT_WORDS = {
    "mother": frozenset(["mom", "mum", "mama", "mamma", "mommy", "mummy", "ma"]),
    "father": frozenset(["dad", "daddy", "papa", "pa", "pop", "pops"]),
}


def _relative(owner: str, kin: str, roster: Roster, genders: dict[str, str], nearby: Counter | None = None) -> str | None:
    """The one character who is ``owner``'s ``kin`` ("mother", "husband", ...) by family name and title."""
    want = _KIN_GENDER[kin]
    families = _surnames(roster, owner)
    married = {w[-1].casefold() for w in map(_words_of, roster.aliases.get(owner, [])) if len(w) > 1 and w[0].casefold() in _MARRIED}
    if kin == "husband" and not married:
        return None  # May Welland's husband is not Mr. Welland: only a Mrs. shares his name
    if married and families - married:
        # Mrs. Bounderby, born Gradgrind: her husband and children have the one name, her parents the other
        families = married if kin in ("husband", "son", "daughter") else families - married
    if len(families) != 1:
        return None  # no family name, or several: whose father?
    cands = [c for c in roster if c != owner and genders.get(c) == want and _surnames(roster, c) & families]
    if kin in ("mother", "wife") and (first := _first_name(owner)):
        # "Mrs. Newland Archer" is Newland's wife, not his mother; his mother is not his wife
        wife = [c for c in cands if any(_words_of(a)[1:2] == [first] for a in roster.aliases.get(c, [c]))]
        cands = wife if kin == "wife" and wife else [c for c in cands if c not in wife]
    elder = _ELDER.get(kin)
    if elder is not None:
        cands = [c for c in cands if _titled(roster, c, elder)]
    else:
        # a daughter or a son is not the Mrs. or the Mr. of the family
        cands = [c for c in cands if not _titled(roster, c, _MARRIED | _SENIOR)]
    if len(cands) > 1 and nearby:
        # two women who would be his wife: the one the scene names, not one named chapters back
        here = [c for c in cands if nearby.get(c, 0) > 0]
        if len(here) == 1:
            return here[0]
    return cands[0] if len(cands) == 1 else None


def _demonstrative(description: str, para: int, pos: int, narr: dict[int, list[tuple[int, str, bool]]]) -> str | None:
    """"cried that gentleman": the one the narration just named by that noun ("the gentleman in the white waistcoat")."""
    words = description.casefold().split()
    if words[0] not in ("this", "that"):
        return None
    noun = words[-1]
    for p in (para, para - 1, para - 2):
        named = [c for at, c, _subj in narr.get(p, ()) if at < pos and noun in c.casefold().split()]
        if named:
            return named[-1]
    return None


def _named_recently(narr: dict[int, list[tuple[int, str, bool]]], para: int, back: int) -> list[str]:
    """The characters the narration names in paragraph ``para`` and the ``back`` before it, latest first."""
    return [c for p in range(para, para - back - 1, -1) for _pos, c, _subj in reversed(narr.get(p, ()))]


def _the_other(
    description: str, prev: _Quote | None, history: Sequence[_Quote], narr: dict[int, list[tuple[int, str, bool]]], para: int
) -> str | None:
    """"returned the other": of the two people talking, the one who did not speak last."""
    if description.casefold().split()[:2] != ["the", "other"] or prev is None:  # "continued the other without"
        return None
    if not prev.result.speaker:
        # Isabella; an untagged answer; "continued the other": the one before the answer
        before = history[-2] if len(history) >= 2 and history[-2].scene == prev.scene else None
        return before.result.speaker if before is not None else None
    last = prev.result.speaker
    for c in _recent_speakers(history, 6):
        if c != last:
            return c
    return next((c for c in _named_recently(narr, para, 1) if c != last), None)


# voices no character of the story can be, whatever the narration calls its people
_MACHINE_NOUNS = frozenset([
    "computer", "radio", "intercom", "machine", "robot", "android", "droid", "loudspeaker", "tannoy",
    "recording", "terminal", "autopilot", "transmitter", "hologram",
])


def unnamed_voices(
    text: str, turns: Sequence[Turn], bounds: dict[int, tuple[int, int]], tags: Mapping[int, Tag | None], resolve: Any
) -> dict[str, tuple[list[str], str]]:
    """The characters to add for voices no name can be: "the ship's computer said" -> ``Computer``.

    A definite description whose head is a machine ("the computer announced",
    "said the radio") that the roster does not resolve and the narration never
    gives a name in apposition ("HAL, the computer,") is a character of its
    own, called by its noun; so is a description with a phrase that picks one
    person out ("the gentleman in the white waistcoat") that the story repeats
    and never puts after a name, called by the whole of it. Returns ``name ->
    (aliases, gender)``, the gender the description's nouns say ("the woman with
    the green umbrella" is a she). An animal a story tags at least twice ("said the
    cat", "agreed the cat sadly") and never names ("Mittens, the cat,", "the cat
    Mittens") is ``Cat``.
    """
    epithets: dict[str, str] | None = None  # read only if a machine or an animal speaks: the scan is not cheap

    def known_epithets() -> dict[str, str]:
        nonlocal epithets
        if epithets is None:
            spans = sorted((u.start, u.end, u.quote) for u in turns)
            epithets = _epithets(text, bounds, spans, [a for a, _, _ in spans], resolve)
        return epithets

    out: dict[str, tuple[list[str], str]] = {}
    flat = " ".join(text.split())
    folded = flat.casefold()
    picks: dict[str, bool] = {}  # description -> whether it is a character of its own (each read once)
    creatures: Counter = Counter()  # animal -> description tags that end in it ("said the cat")
    for t in tags.values():
        if t is None or t.kind != "description":
            continue
        full = _postmodified(text, t)
        if full is not None and full not in picks:
            picks[full] = (
                resolve(full) is None
                and folded.count(full) >= 2
                and not re.search(rf"{NAME},\s+(?i:{re.escape(full)})\b", flat)
            )
        if full is not None and picks[full]:
            out.setdefault(full, ([], _noun_gender(full) or "unknown"))  # "inquired the gentleman in the white waistcoat", again and again
            continue
        words = t.value.casefold().split()
        head = words[-1]
        if words[0] == "the" and head in _ANIMALS:
            creatures[head] += 1
            continue
        if words[0] in ("a", "an", "some", "another", "one") or head not in _MACHINE_NOUNS:
            continue  # "a radio crackled somewhere": not one voice
        if resolve(t.value) is None and head not in known_epithets():
            out.setdefault(head.capitalize(), (["the " + head], "unknown"))
    for name, gender in _unnamed_roles(text, turns, resolve, known_epithets).items():
        out.setdefault(name, (["a " + name.split()[-1]], gender))
    for head, n in creatures.items():
        # "said the cat", again and again, and the story never calls it anything else: the Cat
        if n < 2 or resolve("the " + head) is not None or resolve(head.capitalize()) is not None:
            continue
        pattern = (
            rf"(?P<a>{NAME}),?\s+the\s+(?:[a-z][\w-]*\s+){{0,2}}(?i:{head})\b"
            rf"|\bthe\s+(?:[a-z][\w-]*\s+){{0,2}}(?i:{head}),?\s+(?:called\s+|named\s+)?(?P<b>{NAME})"
        )
        if any(resolve(m["a"] or m["b"]) is not None for m in re.finditer(pattern, flat)):
            continue  # "Hector, the old owl,", "the cat Mittens": a name's epithet
        if head not in known_epithets():
            out.setdefault(head.capitalize(), (["the " + head], "unknown"))
    return out


_THE_ROLE = re.compile(r"\b[Tt]he\s+(" + "|".join(sorted(_ROLE_NOUNS, key=len, reverse=True)) + r")\b(?![\w'\u2019-])")


def _unnamed_roles(text: str, turns: Sequence[Turn], resolve: Any, known_epithets: Any) -> dict[str, str]:
    """"A nurse came in pushing a cart … the nurse typed something": ``{"the nurse": gender}``.

    A role the narration brings in as "a nurse" and calls "the nurse" at least twice after, one
    person of the scene the story never names ("Nurse Ellis", "Ellis, the nurse,"), is a
    character of its own.
    """
    spans = sorted((u.start, u.end, u.quote) for u in turns)
    starts = [a for a, _, _ in spans]

    def narration(pos: int) -> bool:
        return _quote_at(spans, starts, pos) is None

    seen: dict[str, list[int]] = defaultdict(list)
    for m in _THE_ROLE.finditer(text):
        if narration(m.start()):
            seen[m.group(1).casefold()].append(m.start())
    out: dict[str, str] = {}
    for role, at in seen.items():
        if len(at) < 2 or resolve("the " + role) is not None:
            continue
        if re.search(rf"\b{role.capitalize()}\s+[A-Z]", text):
            continue  # "Nurse Ellis": the nurse has a name
        intro = re.search(rf"\b(?:[Aa]n?|[Oo]ne)\s+(?:[a-z][\w-]*\s+){{0,2}}{role}\b", text)
        if intro is None or intro.start() > at[0] or not narration(intro.start()):
            continue  # "the doctor says" with no doctor brought in: someone off the page
        if role in known_epithets():
            continue  # "Ellis, the nurse,": the nurse is Ellis (the scan last: it is not cheap)
        out["the " + role] = _noun_gender(role) or "unknown"
    return out


# animals that talk in fables and children's stories: "said the cat" is a character of its own when the
# story never gives it a name (a dwarf, a mayor or a wizard is mostly a named character's epithet)
_ANIMALS = frozenset(
    ["cat", "kitten", "dog", "puppy", "hound", "fox", "wolf", "bear", "rabbit", "hare", "mouse", "rat", "mole",
     "badger", "otter", "squirrel", "hedgehog", "toad", "frog", "owl", "raven", "crow", "magpie", "parrot",
     "robin", "sparrow", "eagle", "hawk", "goose", "duck", "hen", "rooster", "cockerel", "pig", "goat", "sheep",
     "lamb", "cow", "bull", "horse", "pony", "donkey", "mule", "lion", "tiger", "elephant", "monkey", "snake",
     "serpent", "spider", "caterpillar", "beetle", "bee", "dragon", "unicorn", "tortoise", "turtle", "fish",
     "whale", "dolphin", "crab", "lobster", "bat", "deer", "stag", "camel", "weasel", "ferret"]
)


# "the gentleman in the white waistcoat", "the woman with the red umbrella": a description with a
# phrase that picks one person out (not the manner of the saying: "the girl in a trembling voice")
_POST_MODIFIED = re.compile(
    r"the\s+(?:[a-z][\w-]*\s+){1,3}?(?:in|with|from)\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"(?P<head>[a-z][\w-]*)(?=\s*(?:[,.;:!?\u2014\u201d\"]|$))",
    re.IGNORECASE,
)
_MANNER = frozenset([
    "voice", "tone", "way", "manner", "whisper", "undertone", "accent", "breath", "air", "fashion", "hurry",
    "haste", "earnest", "surprise", "astonishment", "alarm", "dismay", "anger", "despair", "triumph", "disgust",
    "amazement", "silence", "confusion", "embarrassment", "agitation", "excitement", "distress", "indignation",
    "terror", "horror", "delight", "wonder", "doubt", "return", "reply", "answer", "turn", "kind", "sort", "time",
])


def _postmodified(text: str, tag: Tag) -> str | None:
    """The whole description ``tag`` uses when a phrase picks one person out ("the gentleman in the white waistcoat")."""
    at = text.find(tag.value, tag.position, tag.position + 80)
    m = _POST_MODIFIED.match(text, at) if at >= 0 else None
    if m is None or m["head"].casefold() in _MANNER or "\n\n" in m.group(0):
        return None
    return " ".join(m.group(0).split()).casefold()


# descriptions of someone outside the conversation
_NEWCOMER_NOUNS = frozenset(["stranger", "visitor", "newcomer", "new-comer", "caller"])
NEWCOMER_BEFORE = 10000  # characters (some 1,700 words): a character the story has just brought in
NEWCOMER_AFTER = 10000  # characters (some 1,700 words): one it names soon after


def _newcomer(description: str, first_seen: dict[str, int], pos: int, talkers: set[str], present: Sequence[str]) -> str | None:
    """"said the stranger": the character the story brought in last, or, not yet named, names next.

    Of the people talking in the scene (``present``, less the one who spoke
    last: the stranger answers them), the one the story first
    named last, within ``NEWCOMER_BEFORE`` characters ("said our visitor":
    Miss Morstan, not the father her story names); else the first named
    within ``NEWCOMER_AFTER`` after the tag who speaks somewhere (``talkers``):
    Harthouse is "the stranger" until a letter names him.
    """
    words = description.casefold().split()
    if len(words) != 2 or words[0] not in ("the", "our", "my", "his", "her", "their") or words[1] not in _NEWCOMER_NOUNS:
        return None
    before = [(first_seen[c], c) for c in present if c in first_seen and pos - NEWCOMER_BEFORE <= first_seen[c] < pos]
    if before:
        return max(before)[1]
    after = [(p, c) for c, p in first_seen.items() if pos < p <= pos + NEWCOMER_AFTER and c in talkers]
    return min(after)[1] if after else None


_THIRD_VOICE = re.compile(
    r"^(?:a|an|some|another)\b|\b(?:voice|stranger|someone|somebody|one|other)\b"
    r"|\b(?:computer|radio|intercom|machine|robot|speaker|loudspeaker|announcer|phone|recording|tannoy)\b",  # "said the ship's computer"
    re.IGNORECASE,
)


def _noun_gender(description: str) -> str | None:
    """The gender a description names: "the old man", "his wife" (any of its words)."""
    words = [w.casefold() for w in description.split()[1:]] or [description.casefold()]
    male = any(w in _MALE_NOUNS for w in words)
    female = any(w in _FEMALE_NOUNS for w in words)
    if male != female:
        return "male" if male else "female"
    return None


_INTRODUCTION = re.compile(
    rf"(?:^|[.!?,;]\s+|\b(?:and|but|yes|no|well|sir|madam|ma['\u2019]am),?\s+)"
    rf"(?:[Mm]y name(?:,\s+[\w'\u2019 ]{{1,20}},)?\s+is|[Mm]y name['\u2019]s|[Nn]ame['\u2019]s|I am|I['\u2019]m)\s+(?:the\s+(?=[A-Z]))?(?P<n>{NAME})(?!['\u2019]s?\b|\s+s\b)\s*(?:[.!,;?\u2014]|--|$)"
    # the name first: "Mr. Thaddeus Sholto. That is my name.", "Jess Harlan's the name", "Holmes, at your service"
    rf"|^\W*(?P<n2>{NAME})(?:[.!,]\s+(?:[Tt]hat|[Tt]his|[Ii]t)\s+is\s+my\s+name|,?\s+is\s+(?:my|the)\s+name|['\u2019]s\s+the\s+name|,\s+at\s+your\s+service)\b"
)


def _introduced(text: str, q: _Quote, resolve: Any, roster: Roster) -> str | None:
    """The character a line says is speaking: "My name is Violet Ashdown", "I am Sebastian Crane."

    Only a name the roster knows, standing alone ("I am Mr. Renwick's
    governess" introduces the governess, not Renwick), and never one the line
    addresses.
    """
    lines = [text[t.start : t.end] for t in q.parts]
    if len(lines) > 1:
        # '"My name, sir," said his visitor, "is Josiah Bounderby."': the sentence goes on past the tag
        lines.append(" ".join(t.strip(ALL_MARKS + " \n") for t in lines))
    for line in lines:
        for m in _INTRODUCTION.finditer(line):
            name = _clean_name(m["n"] or m["n2"]) or ""
            c = resolve(name)
            words = name.split()
            if c is None and len(words) == 2 and (g := first_name_gender(words[0], strict=True)) != "unknown":
                # "Violet Ashdown" where the story has said only "Miss Ashdown"
                c = roster.resolve(words[1], gender=g)
            if c is not None and (c not in q.vocatives or m["n2"]):
                return c  # "Mr. Thaddeus Sholto. That is my name." is no vocative
    return None


def _set(res: Attribution, speaker: str, method: str, conf: float) -> None:
    res.speaker, res.method, res.confidence = speaker, method, conf


def _recent_speakers(history: Sequence[_Quote], n: int = 6) -> list[str]:
    out: list[str] = []
    for h in reversed(history[-n:]):
        s = h.result.speaker
        if s and s not in out:
            out.append(s)
    return out


_COMPANION_SUBJECT = re.compile(
    r"(?:^|[;,.:]\s+(?:(?:and|but|while|yet|then)\s+)?)(?:his|her)\s+(?:[a-z]+\s+)?(?:friend|companion|comrade)\s+(?!and\b|or\b|of\b)[a-z]+"
)


def _companion_subject(text: str, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], tag_pos: int, gender: str, genders: dict[str, str]) -> bool:
    """After the last person of the tag's gender the narration names before it, "his friend" acts."""
    named = [pos for pos, c, _ in narr.get(q.paragraph, []) if pos < tag_pos and genders.get(c) == gender]
    if not named:
        return False
    return _COMPANION_SUBJECT.search(text, named[-1], tag_pos) is not None


_PRONOUN_WORD = {"he": re.compile(r"\b[Hh]e\b"), "she": re.compile(r"\b[Ss]he\b")}


def _pronoun_leads(
    text: str, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], bounds: dict[int, tuple[int, int]], tag_pos: int, pronoun: str, genders: dict[str, str]
) -> bool:
    """The narration of the tag's paragraph has its he/she before it names anyone of that gender.

    "She got away … to the parlour, as it had been pointed out to her by Miss Tilney. … '…,' she
    added": the she the paragraph began with, not the woman it names in passing.
    """
    g = _GENDER_OF[pronoun]
    lo = bounds[q.paragraph][0]
    first = next((pos for pos, c, _ in narr.get(q.paragraph, []) if genders.get(c) == g), tag_pos)
    lead = text[lo:min(first, q.parts[0].start - 1)]
    return _PRONOUN_WORD[pronoun].search(lead) is not None


def _resolve_pronoun(
    gender: str,
    q: _Quote,
    prev: _Quote | None,
    history: Sequence[_Quote],
    narr: dict[int, list[tuple[int, str, bool]]],
    last_mention: dict[str, int],
    genders: dict[str, str],
    tag_pos: int,
    narrator: str | None,
    salience: dict[str, float] | None = None,
    nearby: Counter | None = None,
    bound: frozenset[str] = frozenset(),
    talkers: AbstractSet[str] = frozenset(),
) -> str | None:
    """The character a "he"/"she" in a tag most likely refers to.

    The subject of the paragraph's narration before the tag, when it has that
    gender, is the referent. Otherwise candidates are scored: the recent subject
    of the narration, a party of the conversation whose turn it is (not the last
    speaker, across paragraphs), recently named, and the story's most salient
    character of that gender as a tie-breaker; never whom the line addresses.
    """
    para = q.paragraph
    here = [(pos, c, subj) for pos, c, subj in narr.get(para, []) if pos < tag_pos and genders.get(c) == gender and c not in bound]
    # "… melt Catherine's pride, and she instantly said, “Oh, Eleanor, …”": not the one the line calls
    # (nor, while another is at hand, one it speaks of: "“… it is Miss Tilney,” she cried")
    here = [x for x in here if x[1] not in q.vocatives]
    here = [x for x in here if x[1] not in q.spoken_of] or here
    here = [x for x in here if x[1] not in q.possessed] or here
    subj_here = [c for _, c, subj in here if subj]
    if subj_here and q.companion:
        # "Morland remonstrated …; but his friend disregarded them all. / '…,' said he": not Morland
        other = next((c for c in _recent_speakers(history, 6) if genders.get(c) == gender and c != subj_here[-1]), None)
        if other is not None:
            return other
    if subj_here:
        return subj_here[-1]
    if here and not q.pronoun_leads:
        return here[-1][1]
    scores: dict[str, float] = defaultdict(float)
    latest = sorted(
        (pos, c) for c, pos in last_mention.items() if genders.get(c) == gender and c != narrator and tag_pos - pos < NAMED_WITHIN
    )
    for rank, (_pos, c) in enumerate(reversed(latest[-3:])):
        scores[c] += RECENT_NAMED * (1 - 0.4 * rank)  # the last woman (man) the narration named
    for back in range(1, 3):
        for pos, c, subj in narr.get(para - back, []):
            if genders.get(c) == gender and c != narrator:
                scores[c] = max(scores[c], (2.5 if subj else 1.5) - 0.5 * (back - 1))
    # of two people of that gender the paragraph before has doing things, the later one: "Claire
    # turned away. Nadia followed her." / "Do you like it?" she asked — Nadia
    last_subj = [c for _pos, c, subj in narr.get(para - 1, []) if subj and genders.get(c) == gender and c != narrator]
    if len(set(last_subj)) > 1:
        scores[last_subj[-1]] += LAST_SUBJECT
    elif len(set(last_subj)) == 1 and last_subj[0] in talkers and prev is not None and prev.last_paragraph < para - 1:
        # "Dad brought the beef over and set it down." / "Who wants an end bit?" he asked: the one
        # man the narration paragraph just before the line is about, if he speaks in the story
        # (not "his aunt Matilda, who had left him the house")
        scores[last_subj[0]] += LONE_SUBJECT
    recent = _recent_speakers([h for h in history[-6:] if tag_pos - h.parts[-1].end < SPOKE_WITHIN], 6)
    new_para = prev is not None and prev.last_paragraph != para
    for rank, c in enumerate(recent):
        if genders.get(c) == gender:
            scores[c] += 2.0 - 0.3 * rank
    if (
        q.goes_on
        and prev is not None
        and prev.last_paragraph >= para - 1
        and prev.result.speaker in scores
        and prev.parts[0].kind != "thought"
        and (prev.result.method in _FIXED or prev.result.method == "pronoun_tag")
        and not prev.goes_on
    ):
        # 'Archer bowed, and she continued: "…"': the one who spoke goes on, when a tag said who that
        # was (a run of "went on"s would carry one wrong guess through a scene)
        scores[prev.result.speaker] += GOES_ON
    elif (
        q.resumes
        and prev.result.speaker is not None
        and genders.get(prev.result.speaker) == gender
        and prev.result.speaker != narrator
        and prev.parts[0].kind != "thought"
    ):
        # 'He stopped, … as he proceeded. / "…," said he': the one who spoke before the pause
        scores[prev.result.speaker] += GOES_ON
    elif new_para and prev.result.speaker in scores and prev.parts[0].kind != "thought":
        # across paragraphs, the turn passes on (not after a thought); less surely after narration
        # between ("He picked up his pack." before the line, a tag after the last), less still after a
        # narration paragraph
        if prev.last_paragraph == para - 1:
            scores[prev.result.speaker] -= TURN_NARRATED if q.narrated else TURN_PASSES
        else:
            scores[prev.result.speaker] -= TURN_GAP
    for back, h in enumerate(reversed(history[-6:-1])):
        for c in h.vocatives:
            if genders.get(c) == gender and c != h.result.speaker and c != narrator:
                scores[c] += max(0.5, VOCATIVE_PRESENT - 0.5 * back)  # whom the talk addresses is in the room
    if new_para and prev.last_paragraph >= para - 2:
        for c in prev.vocatives:
            if genders.get(c) == gender and c != prev.result.speaker and c != narrator:
                scores[c] += 3.0  # "…, Isabella." — "…," she replied: the one addressed answers
    # the people the recent narration is about (the paragraphs that name them) weigh beside the
    # story's protagonist: a name in passing does not carry a "she" away from the one the scene follows
    top = max((n for c, n in (nearby or {}).items() if genders.get(c) == gender and c != narrator), default=0)
    for c in list(scores):
        scores[c] += SALIENCE * (salience or {}).get(c, 0.0)
        if top:
            scores[c] += SCENE_W * nearby.get(c, 0) / top
        if c in q.vocatives:
            scores[c] -= 5.0
        elif c in q.spoken_of:
            scores[c] -= SPOKEN_OF_SELF  # "Beaufort certainly does": people seldom name themselves
    for c in q.entrants:
        if genders.get(c) == gender and c != narrator:
            scores[c] += ENTERED  # "The door swung open and a nurse came in." / "…?" she asked
    for c in bound:
        scores.pop(c, None)
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], last_mention.get(c, -1)))
    return best


_CLAUSE_END = re.compile(r"[.;:!?\n\"\u201c\u201d]")


def _bound_by(text: str, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], tag_pos: int) -> frozenset[str]:
    """The characters the rest of a he/she tag's clause names: "said he to Catherine", "she echoed Eleanor's words".

    A pronoun is not the person named later in its own clause, so none of them is its referent.
    """
    m = _CLAUSE_END.search(text, tag_pos, tag_pos + 200)
    end = m.start() if m else tag_pos + 200
    end = min([end] + [t.start - 1 for t in q.parts if t.start > tag_pos])
    return frozenset(c for pos, c, _ in narr.get(q.paragraph, []) if tag_pos < pos < end)


_OWNED = (
    r"(?:(?:dear|dearest|own|poor|young|little|beloved|old|sweet|darling|kind|good|fair|faithful|friend|sister|"
    r"brother|cousin|aunt|uncle|mother|father|companion|husband|wife|son|daughter|niece|nephew|maid|servant)\s+){1,2}$"
)
_POSSESSED = {"she": re.compile(rf"\b[Hh]er\s+{_OWNED}"), "he": re.compile(rf"\b[Hh]is\s+{_OWNED}")}


def _possessed(text: str, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], tag_pos: int, pronoun: str) -> frozenset[str]:
    """Those the narration before a he/she tag names as someone's of that gender: "before her dear Catherine".

    The one whose Catherine she is, not Catherine, is the likelier she.
    """
    pat = _POSSESSED[pronoun]
    return frozenset(c for pos, c, _ in narr.get(q.paragraph, []) if pos < tag_pos and pat.search(text, max(0, pos - 40), pos))


def _action_beat(
    q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], talkers: set[str] | None = None, owners: AbstractSet[int] = frozenset()
) -> str | None:
    """The character the narration of the quotation's paragraph is about.

    Among several, the people who speak in the story (``talkers``) come first. The owner of a
    face or voice that is a subject ("Madame Olenska's face grew brilliant") acts as a subject.
    """
    para = q.paragraph
    ms = [(pos, c, subj) for pos, c, subj in narr.get(para, []) if c not in q.vocatives]
    if talkers and any(c in talkers for _, c, _ in ms):
        kept = [m for m in ms if m[1] in talkers]
        if any(subj or pos in owners for pos, _c, subj in kept) or not any(subj or pos in owners for pos, _c, subj in ms):
            ms = kept  # not "Dad shrugged at him, the way he did when he was on Liam's side": Dad acts
    if not ms:
        return None
    chars = {c for _, c, _ in ms}
    start = q.parts[0].start
    subjects = [(abs(pos - start), c) for pos, c, subj in ms if subj or pos in owners]
    if subjects:
        return min(subjects)[1]
    if len(chars) == 1:
        return next(iter(chars))
    return None


# a short narration paragraph that is someone's answer without words
_ANSWERS_WITHOUT_WORDS = re.compile(
    r"[^.!?]*\b(?:nodded|bowed (?:his|her) (?:assent|acquiescence)|shook (?:his|her) head|shrugged(?: (?:his|her) shoulders)?|"
    r"assented|acquiesced)\b[^.!?]*[.!?]?\s*$"
)


# what the narration right after a line shows its listener doing
_LISTENING = re.compile(
    r"^[\s\W]*(?P<who>(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'\u2019-]*|[Hh]e|[Ss]he)\b[^.!?\"\u201c\u201d]{0,60}?\b"
    r"(?:(?:was|fell|remained|stayed|went) silent|said nothing|(?:did not|didn't|did n't) (?:answer|reply|respond)|"
    r"thought for a (?:moment|second|minute)|wiped (?:away )?(?:a|another) tear|(?:before|then) answering (?:him|her)|"
    r"(?:stared|gaped) at (?:him|her)|opened (?:his|her) eyes wide)\b"
)


_ONE_SENTENCE = re.compile(r"[^.!?]*[.!?]")


def _listener(text: str, q: _Quote, bounds: dict[int, tuple[int, int]]) -> str | None:
    """Who the narration right after a line shows listening ("He was silent."), as written."""
    last = q.parts[-1]
    _lo, hi = bounds[last.paragraph]
    after, _pos = _narration_after(text, last, hi)
    m = _LISTENING.match(after)
    if not m:
        # '…" Isabella was silent. "My dear friend, …': the narration between two lines, one sentence
        lo = bounds[q.paragraph][0]
        before, pos = _narration_before(text, q.parts[0], lo)
        between = pos > lo and text[pos - 1] in ALL_MARKS  # after a line: not "Claire stared at her. “Lisbon?”"
        m = _LISTENING.match(before) if between and before.strip() and _ONE_SENTENCE.fullmatch(before.strip()) else None
    if not m:
        return None
    who = m.group("who")
    return who.casefold() if who.casefold() in ("he", "she") else who


def _of_gender(gender: str, people: Sequence[str], genders: dict[str, str]) -> str | None:
    """The one of ``people`` with that gender, when there is exactly one."""
    fit = [c for c in people if genders.get(c) == gender]
    return fit[0] if len(fit) == 1 else None


def _pronoun_after(pp: Any, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], named: str, cache: dict | None = None) -> tuple[str, int] | None:
    """("male"/"female", offset) of a subject "he"/"she" right after the line, before ``named`` is mentioned."""
    end = q.parts[-1].end
    if q.parts[-1].paragraph != pp.paragraph:
        return None
    first_named = min((pos for pos, c, _ in narr.get(pp.paragraph, []) if c == named and pos > end), default=None)
    if first_named is None:
        return None
    pron = _index(pp, cache).pronouns
    k = bisect.bisect_left(pron, (end, ""))
    if k < len(pron) and pron[k][0] < first_named:
        return (_GENDER_OF[pron[k][1]], pron[k][0])
    return None


def _own_beat(pp: Any, q: _Quote, narr: dict[int, list[tuple[int, str, bool]]], cache: dict | None = None) -> bool:
    """The last subject of the narration before the line, in its paragraph, is the first-person "I"."""
    first = q.parts[0].start
    if q.parts[0].paragraph != pp.paragraph:
        return False
    ix = _index(pp, cache)
    k = bisect.bisect_left(ix.selves, first) - 1
    if k < 0:
        return False
    me = ix.selves[k]
    others = [pos for pos, _c, subj in narr.get(pp.paragraph, ()) if subj and pos < first]
    j = bisect.bisect_left(ix.pronouns, (first, "")) - 1
    if j >= 0:
        others.append(ix.pronouns[j][0])
    n = bisect.bisect_left(ix.nouns, (first, -1)) - 1
    if n >= 0:
        others.append(ix.nouns[n][0])
    return all(pos < me for pos in others)


def _pronoun_subject(pp: Any, q: _Quote, cache: dict | None = None) -> tuple[str, int] | None:
    """("he"/"she", offset) of the last subject pronoun of the narration before a quotation.

    Only narration of the same paragraph counts; a sentence after the line as
    often shows the listener.
    """
    spans = [(t.start - 1, t.end + 1) for t in q.parts if t.paragraph == pp.paragraph]
    if not spans:
        return None
    first = spans[0][0]
    pron = _index(pp, cache).pronouns
    k = bisect.bisect_left(pron, (first, "")) - 1
    return (pron[k][1], pron[k][0]) if k >= 0 else None


def _noun_subject(text: str, pp: Any, q: _Quote, cache: dict | None = None) -> tuple[str, int] | None:
    """The description that is the last subject before the line in its paragraph: "Her father put down his knife."

    ``(description, offset)``; ``None`` when a he/she stands nearer the line.
    """
    spans = [t.start - 1 for t in q.parts if t.paragraph == pp.paragraph]
    if not spans:
        return None
    first = spans[0]
    ix = _index(pp, cache)
    k = bisect.bisect_left(ix.nouns, (first, -1)) - 1
    if k < 0:
        return None
    pos, i = ix.nouns[k]
    j = bisect.bisect_left(ix.pronouns, (first, "")) - 1
    if j >= 0 and ix.pronouns[j][0] > pos:
        return None
    toks = pp.tokens
    a = i
    while a > 0 and toks[a - 1][7] == i and toks[a - 1][6] in ("det", "poss", "amod", "compound"):
        a -= 1
    return text[toks[a][0] : toks[i][1]], toks[a][0]


def _replies(quotes: Sequence[_Quote]) -> None:
    """A line that names one person ("I am glad you have come, Stephen.") is answered by them.

    The untagged line in the next paragraph is theirs.
    """
    for a, b in itertools.pairwise(quotes):
        if (
            b.result.speaker is None
            and not b.blocked
            and len(a.closing) == 1
            and a.scene == b.scene
            and b.paragraph - a.last_paragraph == 1
        ):
            who = a.closing[0]
            if who != a.result.speaker and who not in b.vocatives:
                _set(b.result, who, "reply", 0.85)


def _letters(text: str, quotes: Sequence[_Quote], resolve: Any) -> None:
    """A letter over several paragraphs is its writer's, the name it is signed with.

    "My dearest Iris," … "All my love, always," "Gran": a run of written
    quotations in consecutive paragraphs that ends with a name is that
    character's, whatever the turn-taking of the talk around it suggests.
    """
    run: list[_Quote] = []

    def close() -> None:
        if len(run) >= 2:
            last = run[-1].parts[-1]
            words = text[last.start : last.end].strip(" \t\n.,;:!—–-")
            author = resolve(words) if 0 < len(words.split()) <= 3 else None
            if author is not None:
                for q in run:
                    if q.result.method != "explicit_tag":
                        _set(q.result, author, "continued", 0.6)

    for q in quotes:
        if q.parts[0].kind == "written" and run and q.scene == run[-1].scene and q.paragraph - run[-1].last_paragraph == 1:
            run.append(q)
            continue
        close()
        run = [q] if q.parts[0].kind == "written" else []
    close()


_ANSWER = re.compile(r"^\W*(?:yes|no|yeah|yep|nope|nah|sure|of course|not really|certainly|indeed)\b", re.IGNORECASE)


def _answers(text: str, quotes: Sequence[_Quote]) -> None:
    """"…do you want a drink?" / "No thanks." Olivia closed the fridge: the answer is not the asker's.

    A beat after an answer to the line before names the asker as often as the
    one answering; the answer goes to whoever the asker last talked with.
    """
    for i in range(1, len(quotes)):
        a, b = quotes[i - 1], quotes[i]
        res = b.result
        if (
            res.method != "action_beat"
            or b.beat_before
            or a.result.speaker is None
            or res.speaker != a.result.speaker
            or a.scene != b.scene
            or b.paragraph - a.last_paragraph != 1
        ):
            continue
        if not text[a.parts[-1].start : a.parts[-1].end].rstrip().endswith("?"):
            continue
        if not _ANSWER.match(text[b.parts[0].start : b.parts[0].end]):
            continue
        other = next(
            (q.result.speaker for q in reversed(quotes[max(0, i - 9) : i - 1]) if q.scene == b.scene and q.result.speaker not in (None, res.speaker)),
            None,
        )
        if other is not None and other not in b.vocatives:
            _set(res, other, "alternation", 0.55)


def _answered_voices(quotes: Sequence[_Quote]) -> None:
    """'"Who's there?" squeaked a small voice. / "It's only me, Dormouse."': the voice is whom the answer calls.

    A line tagged with a voice no one is named for, answered in the next
    paragraph by a line that calls one person by name (not the answer's own
    speaker), is that person's.
    """
    for q, nxt in itertools.pairwise(quotes):
        if not (q.blocked and q.tag is not None and q.tag.kind == "description" and q.tag.value.casefold().split()[-1] == "voice"):
            continue
        if nxt.scene != q.scene or nxt.paragraph - q.last_paragraph != 1 or len(nxt.vocatives) != 1:
            continue
        c = nxt.vocatives[0]
        if c != nxt.result.speaker:
            q.blocked = False
            _set(q.result, c, "description_tag", 0.55)


def _paragraph_unity(quotes: Sequence[_Quote]) -> None:
    """Quotations sharing a paragraph with one known speaker and no other are theirs.

    ``"Ah." She looked disappointed. "You must, then."``: one speaker, a beat
    between two lines.
    """
    by_para: dict[int, list[_Quote]] = defaultdict(list)
    for q in quotes:
        by_para[q.paragraph].append(q)
    for qs in by_para.values():
        if len(qs) < 2:
            continue
        speakers = {q.result.speaker for q in qs if q.result.speaker}
        if len(speakers) != 1:
            continue
        who = next(iter(speakers))
        for q in qs:
            if q.result.speaker is None and not q.blocked and who not in q.vocatives:
                _set(q.result, who, "same_paragraph", 0.6)


# "Yes, sir." / "Thank you, ma'am!": how a line addresses its listener
_SIR = re.compile(
    r"\b(?:(?P<m>sir|my\s+lord|mister)|(?P<f>ma['\u2019]?am|madam|my\s+lady|miss))(?=\s*(?:[,.!?;:\u2014\u2013]|--|$))",
    re.IGNORECASE,
)


# "Now, girl, take this gentleman and me to your father's": a boy or a girl called so
_CALLED_NOUN = re.compile(
    r"(?:^|[,!?]\s+|\b(?:[Nn]ow|[Ww]ell|[Cc]ome|[Oo]h|[Yy]es|[Nn]o|[Hh]ere|[Tt]here)\s+)(?:my\s+(?:dear\s+|good\s+|poor\s+)?)?"
    r"(?:(?P<m>boy|lad|young\s+man|fellow)|(?P<f>girl|lass|young\s+lady|young\s+woman))(?=\s*(?:[,.!?;:\u2014\u2013]|--|$))"
)


def _addressed_gender(text: str, parts: Sequence[Turn]) -> str | None:
    """The gender of whom the quotation calls "sir" (male) or "ma'am"/"madam"/"miss" (female), if only one.

    So do "girl", "my boy", "young man" used to call someone ("Now, girl, …").
    """
    found = {"male" if m["m"] else "female" for t in parts for m in _SIR.finditer(text, t.start, t.end)}
    found.update("male" if m["m"] else "female" for t in parts for m in _CALLED_NOUN.finditer(text[t.start : t.end]))
    return found.pop() if len(found) == 1 else None


def _beats_between(a: int, b: int, gap: int, bounds: dict[int, tuple[int, int]] | None) -> bool:
    """Paragraph ``b`` follows ``a`` at once, or after at most ``gap`` short narration paragraphs."""
    if b - a == 1:
        return True
    if not (1 < b - a <= 1 + gap) or bounds is None:
        return False
    return all((p in bounds and bounds[p][1] - bounds[p][0] <= GAP_CHARS) for p in range(a + 1, b))


def _unified(qs: Sequence[_Quote]) -> bool:
    return len({q.result.speaker for q in qs if q.result.speaker}) <= 1


def _chains(
    quotes: Sequence[_Quote], gap: int = 0, bounds: dict[int, tuple[int, int]] | None = None
) -> list[list[_Quote]]:
    """Runs of quotations in consecutive paragraphs of one scene, one speaker a paragraph.

    With ``gap`` (and ``bounds``), a run steps over up to that many short
    narration paragraphs (:func:`_beats_between`). A paragraph with several
    quotations and at most one known speaker takes part through its first
    quotation (:func:`_paragraph_unity` passes the result on to the others).
    """
    by_para: dict[int, list[_Quote]] = defaultdict(list)
    for q in quotes:
        by_para[q.paragraph].append(q)
    chains: list[list[_Quote]] = []
    cur: list[_Quote] = []
    for q in quotes:
        group = by_para[q.paragraph]
        if q is not group[0] and len(group) > 1:
            continue
        # a line tagged with someone we cannot name is a third voice: it breaks the run
        ok = (len(group) == 1 or _unified(group)) and not any(g.blocked for g in group)
        if cur and ok and q.scene == cur[-1].scene and _beats_between(cur[-1].last_paragraph, q.paragraph, gap, bounds):
            cur.append(q)
            continue
        if len(cur) >= 2:
            chains.append(cur)
        cur = [q] if ok else []
    if len(cur) >= 2:
        chains.append(cur)
    return chains


BEAT_PARAGRAPH = 150  # characters (two lines of a novel): a narration paragraph short enough to be a beat
RECENT_NAMED = 1.0
ENTERED = 3.0  # a he/she leans to whom the narration just brought in
TURN_PASSES = 3.0  # a he/she line right after another's, across paragraphs: not the last speaker
TURN_NARRATED = 2.0  # ... with narration between them (the last speaker goes on in 82 of 290 on the development novels)
TURN_GAP = 1.5  # ... after a narration paragraph
SPOKEN_OF_SELF = 2.0  # a he/she line names someone without addressing them: seldom its speaker
SPOKE_WITHIN = 3000  # characters (some 500 words): a line further back no longer makes its speaker "in the conversation"
SCENE_WINDOW = 8000  # characters (some 1,400 words, a scene): whom the narration has been about lately
LONE_SUBJECT = 1.5  # the one subject of that gender of a narration paragraph just before the line
LAST_SUBJECT = 2.0  # the later of two subjects of a he/she's gender in the paragraph before
SCENE_W = 0.5  # a he/she leans to the person of that gender whom the most recent paragraphs name
NAMED_WITHIN = 5000  # characters (some 900 words): a name further back is no longer "the last woman named"
TALKER_BONUS = 1.0
GOES_ON = 3.0  # a he/she tag that goes on ("she continued"): the last speaker, if of that gender
SALIENCE = 1.0  # a he/she leans to the story's protagonist of that gender (its share of the mentions)
PRESENT_BACK = 3  # paragraphs before a run whose narration says who else is there
VOCATIVE_PRESENT = 2.0
MONOLOGUE_WORDS = 60
REDECODE = 1  # rounds of turn-taking again after the he/she lines it changed


def _words(q: _Quote) -> int:
    return sum(t.end - t.start for t in q.parts) // 6  # about six characters a word
_ANCHORS = ("explicit_tag", "introduction", "pronoun_tag", "description_tag", "action_beat", "continued", "reply", "same_paragraph")


def _conversations(
    quotes: Sequence[_Quote],
    narrator: str | None,
    genders: dict[str, str],
    narr: dict[int, list[tuple[int, str, bool]]],
    talkers: set[str],
    bounds: dict[int, tuple[int, int]] | None = None,
) -> None:
    """People talking take turns: decide the open lines of each run of quotations.

    A run is a stretch of paragraphs of one scene, each with one speaker's
    lines, with at most one short narration paragraph between two of them
    (:func:`_chains`). A long telling that goes on from paragraph to paragraph
    is a monologue; the rest is decided by :func:`_decode`.
    """
    idx = {id(q): i for i, q in enumerate(quotes)}
    # a thought no tag gives a thinker takes no turn: "_He's right._ 'Fine,' he says." is one person's,
    # and the talk goes on past it ('"So spirited!" thought Harthouse.' is his turn between hers)
    spoken = [q for q in quotes if q.parts[0].kind != "thought" or q.result.method in _FIXED]
    for chain in _chains(spoken, GAP, bounds):
        for prev, q in itertools.pairwise(chain):
            if (
                q.paragraph - prev.last_paragraph == 1
                and q.result.speaker is None
                and not q.blocked
                and prev.result.speaker
                and _words(prev) >= MONOLOGUE_WORDS
                and _words(q) >= MONOLOGUE_WORDS
            ):
                _set(q.result, prev.result.speaker, "continued", 0.6)
        if any(q.result.method in _ANCHORS for q in chain):
            _decode(chain, quotes, idx, narrator, genders, narr, talkers)


# log-weights of the turn-taking decoder (see _decode), measured on the development novels
T_SAME = 3.0  # the same person speaks in two paragraphs running
T_TELLING = 3.0  # ... a long paragraph after a telling: a favour, not a cost (the teller goes on)
TELLING_WORDS = 200  # words (most of a page): a speech that long is a telling
T_NEW = 3.0  # someone other than the last two speakers takes the turn
T_SAME_GAP = 0.5  # ... the same person, after a short narration paragraph ("She struck the table.")
T_NEW_GAP = 2.0  # ... someone new, after a short narration paragraph
E_PRONOUN = 2.0  # a "he"/"she" tag's referent is someone else of that gender
E_BEAT = 1.5  # an action beat's character does not speak the line
E_LEAD = 6.0  # ... a short narration paragraph just before the line is about someone else
E_SOFT = 2.0  # a reply, a line in a paragraph with another of known speaker, a continued speech
E_VOCATIVE = 8.0  # a line names its own speaker
E_ADDRESSED = 4.0  # a line answers whom the line before addresses ("…, Catherine?")
E_NAMED = 4.0  # ... or whom the narration of its paragraph names ("He turned to Ann.")
E_SPOKEN_OF = 4.0  # a line names someone without addressing them: they seldom name themselves
E_SIR = 4.0  # "…, sir." is answered by a man, "…, ma'am." by a woman
LATE = 0.01  # of two readings that cost the same, the one whose turn changes come later
E_FIXED = 50.0  # a tag with a name or description; a gender the tag rules out
GAP = 1  # narration paragraphs a run may step over
GAP_CHARS = 150  # characters: the longest narration paragraph it steps over (two lines of a novel)
_FIXED = ("explicit_tag", "description_tag", "introduction")


def _decode(
    chain: Sequence[_Quote],
    quotes: Sequence[_Quote],
    idx: dict,
    narrator: str | None,
    genders: dict[str, str],
    narr: dict[int, list[tuple[int, str, bool]]],
    talkers: set[str],
) -> None:
    """Decide the untagged lines of a run from the most likely sequence of speakers.

    A Viterbi pass over who speaks each paragraph of the run: people talking
    take turns (A, B, A, B), a third person can take the turn at a cost, and
    the same person rarely speaks two paragraphs running. What each line says
    of its speaker weighs in: a tag with a name fixes it, a "he"/"she" tag
    or an action beat leans to its character, a vocative rules the named
    person out and naming someone makes them unlikely, and a line answers
    the person the line before addressed or named, a man after "sir" and a
    woman after "ma'am". The weights are the module's ``T_*`` and ``E_*``.
    """
    first = idx[id(chain[0])]
    before: list[str] = []
    i = first - 1
    while i >= 0 and quotes[i].scene == chain[0].scene and first - i <= 8:
        s = quotes[i].result.speaker
        if s:
            before.append(s)
        i -= 1
    cands: list[str] = []
    for q in chain:
        if q.result.speaker and q.result.method in _ANCHORS:
            cands.append(q.result.speaker)
    for q in chain:
        cands.extend(q.vocatives)
    cands.extend(before)
    for q in chain:
        cands.extend(c for _pos, c, _subj in narr.get(q.paragraph, ()) if c in talkers)
    if narrator:
        cands.append(narrator)
    cands.extend(_named_recently(narr, chain[0].paragraph - 1, PRESENT_BACK - 1))
    people = list(dict.fromkeys(cands))[:8]
    if len(people) < 2:
        return
    # the speaker just before the run, if the run goes on from them
    prev0 = quotes[first - 1] if first > 0 else None
    lead = (
        prev0.result.speaker
        if prev0 is not None and prev0.scene == chain[0].scene and chain[0].paragraph - prev0.last_paragraph == 1
        else None
    )
    n = len(people)
    emit: list[list[float]] = []
    for k, q in enumerate(chain):
        res = q.result
        row = [0.0] * n
        if res.method == "action_beat" and not q.beat_before:
            # '"It's eleven forty." Mom turned her phone over. "I called you six times."': the line's
            # beat after it is the beat before the next line of the paragraph, which that fixes
            i = idx[id(q)] + 1
            while i < len(quotes) and quotes[i].paragraph == q.paragraph:
                sib = quotes[i].result
                if sib.speaker is not None and (sib.method in _FIXED or quotes[i].beat_before):
                    if sib.speaker == res.speaker:
                        row = [0.0 if c == res.speaker else -E_FIXED for c in people]
                    break
                i += 1
        g = _GENDER_OF.get(q.tag.value.casefold()) if q.tag is not None and q.tag.kind == "pronoun" else None
        for j, c in enumerate(people):
            if res.speaker is not None and c != res.speaker:
                if res.method in _FIXED or (res.method == "pronoun_tag" and (q.local_referent or g is None or q.resumes)):
                    row[j] -= E_FIXED
                elif res.method == "pronoun_tag":
                    row[j] -= E_PRONOUN
                elif res.method == "action_beat":
                    row[j] -= E_FIXED if q.beat_before else E_LEAD if q.lead_beat else E_BEAT
                else:
                    row[j] -= E_SOFT
            if c in q.not_speakers:
                row[j] -= E_FIXED  # "said the human": not the one the lines call "elf"
            if c in q.vocatives:
                row[j] -= E_VOCATIVE
            elif c in q.spoken_of:
                row[j] -= E_SPOKEN_OF  # people seldom name themselves
            if g is not None and genders.get(c) == _OTHER_GENDER[g]:
                row[j] -= E_FIXED
            if q.beat_gender is not None and c != res.speaker and genders.get(c) != q.beat_gender:
                row[j] -= E_FIXED  # "She shrugged." beside the line: only another woman may speak it
        if k:
            # the line answers whom the paragraph before addresses or names ("Her partner drew near
            # Catherine and said, …"): they speak next
            prev_q = chain[k - 1]
            named = {
                c for _pos, c, _subj in narr.get(prev_q.paragraph, ()) if c in talkers and c != prev_q.result.speaker
            }
            for j, c in enumerate(people):
                if c in prev_q.closing or (c == prev_q.told and c != prev_q.result.speaker):
                    row[j] += E_ADDRESSED
                elif c in named:
                    row[j] += E_NAMED
                if prev_q.addresses is not None and genders.get(c) == _OTHER_GENDER[prev_q.addresses]:
                    row[j] -= E_SIR  # "…, sir." is answered by a man
        emit.append(row)
    # states: (speaker of the paragraph before, speaker of this one); -1 = nobody known
    NEG = float("-inf")
    start = people.index(lead) if lead in people else -1
    score: dict[tuple[int, int], float] = {}
    back: list[dict[tuple[int, int], tuple[int, int]]] = []
    for j in range(n):
        score[(start, j)] = emit[0][j] - (T_SAME if j == start else 0.0)
    for k in range(1, len(chain)):
        nxt: dict[tuple[int, int], float] = {}
        ptr: dict[tuple[int, int], tuple[int, int]] = {}
        gapped = chain[k].paragraph - chain[k - 1].last_paragraph > 1
        same, new = (T_SAME_GAP, T_NEW_GAP) if gapped else (T_SAME, T_NEW)
        if not gapped and _words(chain[k - 1]) >= TELLING_WORDS and _words(chain[k]) >= MONOLOGUE_WORDS:
            same = -T_TELLING  # a long telling goes on: the decoder's form of the monologue rule above
        late = LATE * (len(chain) - k)
        for (a, b), v in score.items():
            if v == NEG:
                continue
            for c in range(n):
                t = -same - late if c == b else (0.0 if c == a or a == -1 else -new - late)
                w = v + t + emit[k][c]
                if w > nxt.get((b, c), NEG):
                    nxt[(b, c)] = w
                    ptr[(b, c)] = (a, b)
        back.append(ptr)
        score = nxt
    state = max(score, key=score.__getitem__)
    path = [state[1]]
    for ptr in reversed(back):
        state = ptr[state]
        path.append(state[1])
    path.reverse()
    for q, j, row in zip(chain, path, emit):
        res = q.result
        speaker = people[j]
        if res.method in _FIXED or res.speaker == speaker or q.blocked or row[j] <= -E_FIXED:
            continue  # decided already, or everyone the run knows is ruled out ("he" with no man)
        if res.method is None:
            _set(res, speaker, "alternation", 0.8)
        elif res.method == "pronoun_tag":
            _set(res, speaker, "pronoun_tag", 0.8)
        elif res.method in ("action_beat", "reply", "same_paragraph", "continued", "first_person"):
            _set(res, speaker, "alternation", 0.5)


def _gender_clash(q: _Quote, c: str, genders: dict[str, str]) -> bool:
    """The quotation's he/she tag says the other gender than ``c``'s."""
    g = _GENDER_OF.get(q.tag.value.casefold()) if q.tag is not None and q.tag.kind == "pronoun" else None
    return g is not None and genders.get(c) == _OTHER_GENDER[g]


def _alternate(quotes: Sequence[_Quote], narrator: str | None, first_person: bool, genders: dict[str, str]) -> None:
    """Fill untagged lines of two-person exchanges: A, B, A, B (forwards, then backwards)."""
    def adjacent(a: _Quote, b: _Quote) -> bool:
        return a.scene == b.scene and 0 < b.paragraph - a.last_paragraph <= 2

    for _ in range(2):
        changed = False
        for i, q in enumerate(quotes):
            if q.result.speaker is not None or q.blocked:
                continue
            if i >= 2 and adjacent(quotes[i - 1], q) and adjacent(quotes[i - 2], quotes[i - 1]):
                a, b = quotes[i - 2].result.speaker, quotes[i - 1].result.speaker
                if a and b and a != b and a not in q.vocatives and a not in q.not_speakers and not _gender_clash(q, a, genders):
                    _set(q.result, a, "alternation", 0.5)
                    changed = True
                    continue
            if i + 2 < len(quotes) and adjacent(q, quotes[i + 1]) and adjacent(quotes[i + 1], quotes[i + 2]):
                b, a = quotes[i + 1].result.speaker, quotes[i + 2].result.speaker
                if a and b and a != b and a not in q.vocatives and a not in q.not_speakers and not _gender_clash(q, a, genders):
                    _set(q.result, a, "alternation", 0.4)
                    changed = True
                    continue
            if i >= 1 and adjacent(quotes[i - 1], q):
                b = quotes[i - 1].result.speaker
                voc = [c for c in q.vocatives if c != b]
                if b and b in q.vocatives and len(q.vocatives) == 1 and i >= 2:
                    # "…, Tom." answers Tom: the speaker is Tom's last partner
                    a = quotes[i - 2].result.speaker
                    if a and a != b and adjacent(quotes[i - 2], quotes[i - 1]):
                        _set(q.result, a, "alternation", 0.5)
                        changed = True
                        continue
                if b and narrator and first_person and b != narrator and not voc:
                    _set(q.result, narrator, "first_person", 0.5)
                    changed = True
        if not changed:
            break


def _addressees(quotes: Sequence[_Quote]) -> None:
    for i, q in enumerate(quotes):
        res = q.result
        voc = [c for c in q.vocatives if c != res.speaker]
        if voc:
            res.addressee = sorted(voc)[0] if len(voc) > 1 else voc[0]
            continue
        if q.told is not None and q.told != res.speaker:
            res.addressee = q.told
            continue
        if res.speaker is None:
            continue
        prev = quotes[i - 1] if i > 0 else None
        nxt = quotes[i + 1] if i + 1 < len(quotes) else None
        for other, gap in ((prev, q.paragraph - prev.last_paragraph if prev else 0), (nxt, nxt.paragraph - q.last_paragraph if nxt else 0)):
            if (
                other is not None
                and other.scene == q.scene
                and 0 <= gap <= 2
                and other.result.speaker
                and other.result.speaker != res.speaker
            ):
                res.addressee = other.result.speaker
                break


def narrator_name(quotes_vocatives: Counter, tagged: Counter) -> str | None:
    """The narrator of a first-person story: the name others call them most, never tagged."""
    for name, _n in quotes_vocatives.most_common():
        if tagged.get(name, 0) == 0:
            return name
    return None
