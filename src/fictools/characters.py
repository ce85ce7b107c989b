"""The roster: who the characters are, by which names, and their gender.

Characters are found without help from the parse and the tags:

* **name mentions** are runs of proper nouns (with an honorific before them:
  Mr., Mrs., Miss, Dr., Lady, Captain...), whatever entity label spaCy's small
  model gives them (it tags some names as places or organisations), unless the
  word is mostly used in lower case elsewhere (Hope, Will), is a known
  non-name (God, Chapter, days, months) or is mostly a place;
* a name becomes a **character** when a speaker tag names it, it carries an
  honorific, spaCy calls it a person twice, or it is the subject of a
  sentence in the narration;
* **aliases** are clustered: a full name takes its first name alone, its
  surname alone when no other character shares it, the honorific + surname of
  its gender ("Mr. Bennet" and "Mrs. Bennet" stay apart), and nicknames
  ("Lizzy" for Elizabeth, from the ``nicknames`` package's curated table);
  "Mrs. Vance" joins "Edith Vance" named just before when no other woman
  can bear the name (no Miss Vance, no second Vance woman, never "Edith");
* **gender** comes from honorifics, then from the pronouns that follow the
  character's name as a subject, then from a first-name list
  (``gender-guesser``); "unknown" when unsure;
* in a first-person story the narrator is a character, named by what the
  others call them when the story says.

A user who knows the story can give the roster with ``characters=``: then it
is used as is.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import schema
from .errors import InputError

__all__ = [
    "Mention",
    "Roster",
    "build_roster",
    "characters_frame",
    "find_mentions",
    "gender_of",
    "parse_characters",
]

MALE_TITLES = {
    "mr", "mister", "sir", "lord", "master", "uncle", "brother", "father", "king", "prince", "duke",
    "count", "baron", "monsieur", "herr", "signor", "senor", "don", "mssr",
}
FEMALE_TITLES = {
    "mrs", "miss", "ms", "lady", "madam", "madame", "mme", "mlle", "mademoiselle", "mistress",
    "aunt", "auntie", "sister", "mother", "queen", "princess", "duchess", "countess", "baroness", "marchioness", "viscountess",
    "dame", "frau", "fraulein", "signora", "signorina", "senora", "senorita", "dona", "missus", "widow",
}
NEUTRAL_TITLES = {
    "dr", "doctor", "prof", "professor", "captain", "capt", "colonel", "col", "major", "general",
    "admiral", "lieutenant", "lt", "sergeant", "sgt", "inspector", "detective", "officer", "agent",
    "chief", "nurse", "judge", "rev", "reverend", "cousin", "granny", "grandma",
    "grandpa", "grandad", "grandfather", "grandmother", "constable", "sheriff", "deputy", "coach",
    "superintendent", "commissioner", "marshal", "corporal", "commander", "commodore", "ensign", "sensei",
}
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES

# Capitalised words that are not people
NOT_NAMES = {
    # forms of address: "Your Majesty, forgive me", "Yes, your Grace"
    "majesty", "highness", "excellency", "lordship", "ladyship", "grace", "honour", "honor", "eminence",
    "holiness", "worship", "sire", "milord", "milady", "m'lord", "m'lady", "sahib", "memsahib", "effendi", "bwana",
    "god", "lord", "heaven", "heavens", "christ", "jesus", "providence", "fate", "chapter", "part",
    "book", "volume", "prologue", "epilogue", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "christmas", "easter", "english", "french",
    "american", "i", "yes", "no", "oh", "ah", "well", "mr", "mrs", "miss", "sir", "madam", "ma'am",
    "okay", "ok", "hey", "hi", "hello", "thanks", "please", "sorry", "dear", "darling", "mamma",
    "papa", "mama", "mum", "mom", "dad", "daddy", "mummy", "the", "a", "an", "and", "but", "or",
    "then", "now", "there", "here", "this", "that", "what", "who", "why", "how", "when", "where",
    "street", "road", "square", "house", "hall", "park", "court", "town", "city", "church", "a/n",
    "tv", "dvd", "lol", "omg", "pov", "ps", "p.s.", "ch", "bay", "station", "st",
    "saint", "nay", "aye", "hush", "alas", "lo", "pray", "adieu", "bravo", "amen", "ay", "eh",
    "ha", "hm", "hmm", "huh", "um", "uh", "er", "ugh", "wow", "gosh", "damn", "hell", "bye",
    "goodbye", "morning", "evening", "night", "afternoon", "today", "tomorrow", "yesterday",
    "hallo", "hullo", "halloa", "hulloa", "pshaw", "bah", "tut", "fie", "humph",
}
# "Good God!", "Great Heavens", "Dear Lord": an oath, not someone's name
_OATH_WORDS = {"god", "lord", "heaven", "heavens", "christ", "jesus", "gracious", "goodness", "scott"}
_OATH_OPENERS = {"good", "great", "dear", "oh", "my", "merciful", "sweet", "gracious", "o", "almighty", "thank"}
# what children call their parents: a name in the stories whose tags use it ("Dad asked"),
# a common word elsewhere ("my dad")
PARENT_NAMES = {"mamma", "papa", "mama", "mum", "mom", "dad", "daddy", "mummy", "mommy"}
_PARENT_GENDER = {w: "female" for w in ("mamma", "mama", "mum", "mom", "mummy", "mommy")} | {
    w: "male" for w in ("papa", "dad", "daddy")
}
# words that are names too: "May" (Welland) when spaCy says so
NAME_LIKE = {"may", "april", "june", "august", "hope", "grace", "faith", "joy", "will", "mark"}
# A last word that makes a name a place: Northanger Abbey, Stone Lodge, Baker Street
PLACE_NOUNS = {
    "abbey", "street", "st", "road", "rd", "lane", "avenue", "ave", "square", "place", "row",
    "terrace", "hall", "house", "lodge", "manor", "park", "castle", "church", "chapel",
    "cathedral", "court", "hotel", "inn", "college", "school", "university", "academy", "bridge",
    "river", "hill", "wood", "woods", "forest", "town", "city", "county", "island", "bay",
    "harbour", "harbor", "station", "hospital", "gardens", "garden", "palace", "tower", "market",
    "cottage", "farm", "mill", "office", "theatre", "theater", "club", "bank", "company", "co",
    "society", "railway", "line", "mountains", "lake", "sea", "ocean", "valley", "precinct",
}
# labels that say "a place"; spaCy's small model calls many unknown names ORG, so ORG does not count
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_CONNECTORS = {"de", "van", "von", "der", "la", "le", "du", "di", "da", "del", "St.", "st."}


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name).strip().casefold()


def _tokens(name: str) -> list[str]:
    return [t for t in _key(name).split() if t]


def _strip_title(name: str) -> tuple[str | None, list[str]]:
    """(honorific or None, the remaining name tokens)."""
    toks = _tokens(name)
    title = None
    while len(toks) > 1 and toks[0] in TITLES:
        title = title or toks[0]
        toks = toks[1:]
    return title, toks


def _bare(name: str) -> str:
    return " ".join(_strip_title(name)[1]) or _key(name)


# --------------------------------------------------------------------------
# the roster


class Roster:
    """Canonical names and their aliases, with a lookup from any alias.

    ``gender`` maps a canonical name to ``"male"``, ``"female"`` or
    ``"unknown"``; ``narrator`` is the canonical name of a first-person
    narrator, if any.
    """

    def __init__(self, names: Mapping[str, Sequence[str]], given: bool = False) -> None:
        self.aliases: dict[str, list[str]] = {}
        self.gender: dict[str, str] = {}
        self.narrator: str | None = None
        self.mention_counts: Counter = Counter()
        # the gender the pronouns give a name form ("Archer" is a he): used to pick
        # between characters who share the name
        self.hints: dict[str, str] = {}
        # name forms the story uses for a given roster's characters that the roster does not list
        self.learned: dict[str, str] = {}
        self.given = given
        # characters known by a description only ("the gentleman in the white waistcoat"), not a name
        self.described: set[str] = set()
        self._lookup: dict[str, str] = {}
        self._bare: dict[str, set[str]] = defaultdict(set)
        self._tok: dict[str, set[str]] = defaultdict(set)
        self._titles: dict[str, set[str | None]] = defaultdict(set)
        for name, aliases in names.items():
            self.add(name, aliases)

    def add(self, name: str, aliases: Iterable[str] = (), whole: bool = False) -> None:
        """Add a character; ``whole``: a description ("the gentleman in the white waistcoat") that
        only the whole of it names, not any one of its words."""
        al = [name] + [a for a in aliases if a and a != name]
        self.aliases.setdefault(name, [])
        if whole:
            self.described.add(name)
        for a in al:
            if a not in self.aliases[name]:
                self.aliases[name].append(a)
            self._lookup.setdefault(_key(a), name)
            if whole:
                continue
            self._bare[_bare(a)].add(name)
            title, toks = _strip_title(a)
            self._titles[name].add(title)
            for t in toks:
                self._tok[t].add(name)

    def learn(self, alias: str, name: str) -> None:
        """Resolve ``alias`` to ``name`` from now on when nothing listed matches it."""
        self.learned[_key(alias)] = name

    def resolve(self, label: str | None, gender: str | None = None) -> str | None:
        """The canonical name ``label`` stands for, or ``None`` when unknown or ambiguous."""
        if not label:
            return None
        # "said the Marchioness" names the character a given roster calls "The Marchioness"
        hit = self._lookup.get(_key(label)) or self._lookup.get("the " + _key(label))
        if hit:
            if self.given and len(_tokens(label)) == 1:
                # a given list may hold "Bounderby" beside "Josiah Bounderby" (alias "Mr.
                # Bounderby"): a bare surname is the character it is the surname of
                richer = {c for c in self._bare.get(_key(label), set()) if c != hit and len(self.aliases[c]) > 1}
                if not richer and len(self.aliases[hit]) == 1:
                    # "Small" listed beside "Wooden-Legged Man" (alias "Jonathan Small"): the one
                    # whose full name ends with it
                    key = _key(label)
                    richer = {
                        c
                        for c in self._tok.get(key, set())
                        if c != hit and any(len(t) > 1 and t[-1] == key for t in (_strip_title(a)[1] for a in self.aliases[c]))
                    }
                hint = gender or self.hints.get(label)
                if len(richer) > 1:
                    # the pronouns' gender, else the convention that a bare surname is a man's
                    richer = {c for c in richer if self.gender.get(c) == (hint or "male")}
                if len(self.aliases[hit]) == 1 and len(richer) == 1:
                    return next(iter(richer))
            return hit
        learned = self.learned.get(_key(label))
        if learned is not None:
            return learned
        title, toks = _strip_title(label)
        if not toks:
            return None
        if gender is None:
            gender = self.hints.get(label)
        def fits(c: str) -> bool:
            # "Miss Bennet" is never the character called "Mrs. Bennet"
            return title is None or not _titles_clash(title, self._titles[c] - {None})

        cands = {c for c in self._bare.get(" ".join(toks), set()) if fits(c)}
        if not cands and len(toks) == 1:
            cands = {c for c in self._tok.get(toks[0], set()) if fits(c)}
            if not cands:
                # a nickname: Lizzy -> Elizabeth, Annie -> Anna
                for canon in _canonical_first(toks[0]) - {toks[0]}:
                    cands |= {c for c in self._tok.get(canon, set()) if fits(c)}
        if title:
            g = "male" if title in MALE_TITLES else "female" if title in FEMALE_TITLES else None
            if g:
                gender = g
        if len(cands) > 1 and gender:
            same = {c for c in cands if self.gender.get(c) == gender}
            cands = same or cands
        return next(iter(cands)) if len(cands) == 1 else None

    def __contains__(self, name: object) -> bool:
        return name in self.aliases

    def __iter__(self):
        return iter(self.aliases)

    def __len__(self) -> int:
        return len(self.aliases)


_ROSTER_HELP = (
    "characters= takes a list of names (['Elizabeth Bennet', 'Mr. Darcy']) or a mapping "
    "name -> aliases ({'Elizabeth Bennet': ['Lizzy', 'Eliza']})"
)


def _name(value: Any, where: str) -> str:
    """A roster name: a non-empty string."""
    if not isinstance(value, str):
        raise InputError(f"{_ROSTER_HELP}; {where} is {value!r}, a {type(value).__name__}, not a name.")
    name = " ".join(value.split())
    if not name:
        raise InputError(f"{_ROSTER_HELP}; {where} is empty.")
    return name


def _aliases(value: Any, owner: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [a for a in (x.strip() for x in value.split("|")) if a]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_name(a, f"an alias of {owner!r}") for a in value if not (isinstance(a, str) and not a.strip())]
    raise InputError(f"{_ROSTER_HELP}; the aliases of {owner!r} are {value!r}, not a list of names.")


def parse_characters(characters: Any) -> Roster | None:
    """Read the ``characters=`` argument of :func:`fictools.analyze`.

    Raises
    ------
    InputError
        For anything but a list of names, a mapping name -> aliases (a list,
        or one ``|``-joined string) or a DataFrame with a ``character`` column
        (and optionally ``aliases`` and ``gender``: ``story.characters``,
        corrected by hand, can be given back); for an empty name.
    """
    if characters is None:
        return None
    names: dict[str, list[str]] = {}
    genders: dict[str, str] = {}
    if isinstance(characters, pd.DataFrame):
        if "character" not in characters.columns:
            raise InputError(
                f"{_ROSTER_HELP}; as a DataFrame it needs a 'character' column (and optionally 'aliases' and 'gender')."
            )
        for _, r in characters.iterrows():
            name = _name(r["character"], "a 'character'")
            al = r.get("aliases")
            names[name] = _aliases(al if isinstance(al, (str, list, tuple)) else None, name)
            g = _GENDER_WORDS.get(str(r.get("gender", "")).strip().casefold())
            if g:
                genders[name] = g  # a table from story.characters, corrected by hand, keeps its genders
    elif isinstance(characters, Mapping):
        for k, v in characters.items():
            name = _name(k, "a name")
            names[name] = _aliases(v, name)
    elif isinstance(characters, str):
        raise InputError(f"{_ROSTER_HELP}, not a single string ({characters!r}); write characters=[{characters!r}].")
    else:
        try:
            items = list(characters)
        except TypeError:
            raise InputError(f"{_ROSTER_HELP}, not {type(characters).__name__}.") from None
        for n in items:
            names[_name(n, "a name")] = []
    roster = Roster(names, given=True)
    for name, al in roster.aliases.items():
        roster.gender[name] = genders.get(name) or gender_of(name, al)
    return roster


_GENDER_WORDS = {"male": "male", "m": "male", "man": "male", "female": "female", "f": "female", "woman": "female"}


# --------------------------------------------------------------------------
# mentions


@dataclass
class Mention:
    """A name in the text: ``start``/``end`` offsets, the surface form, where it stands."""

    start: int
    end: int
    name: str
    paragraph: int
    sentence: int  # index of the sentence within the paragraph
    in_quote: bool
    subject: bool  # the subject of its clause
    label: str  # spaCy's entity label ("" when none)
    first_token: int  # index of its first token in the paragraph's parse
    vocative: bool = False
    last_token: int = -1  # index of its last token
    owner: bool = False  # owns the subject of its clause: "Madame Olenska's face grew brilliant"


_TITLE_TOKEN = re.compile(r"^(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?$", re.IGNORECASE)


def find_mentions(
    text: str, parsed: Sequence[Any], quote_spans: Sequence[tuple[int, int]], known: Iterable[str] = ()
) -> list[Mention]:
    """Every run of proper nouns (with an honorific before it) in the parsed paragraphs.

    ``known``: words the story's speaker tags use as names ("Reyes said"); such
    a word, capitalised, is a name wherever spaCy tags it a common noun
    ("Reyes stood and looked at the two men").
    """
    known_words = {w for w in known if w and " " not in w and w[:1].isupper()}
    # "Lieutenant Park said": Park, the surname of a rank, is a name wherever it stands alone
    known_words |= {
        parts[-1] for w in known if w and len(parts := w.split()) == 2 and _TITLE_TOKEN.match(parts[0]) and parts[-1][:1].isupper()
    }

    def namey(t: tuple) -> bool:
        return _namey(t) or (t[2] in known_words and t[4] in ("NOUN", "VERB", "ADJ", "PROPN"))

    def parent(toks: Sequence[tuple], i: int) -> bool:
        # "Mom turned her phone over": a capitalised Mom or Dad is what the family calls them,
        # whatever spaCy tags it (not "my Mom", "the Mom")
        t = toks[i]
        return (
            t[2][:1].isupper()
            and not t[2].isupper()
            and t[2].casefold() in PARENT_NAMES
            and t[4] in ("NOUN", "PROPN")
            and not (i > 0 and toks[i - 1][2].casefold() in _DETERMINERS)
        )

    quotes = sorted(quote_spans)
    qstarts = [s for s, _ in quotes]
    import bisect

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(qstarts, pos) - 1
        return i >= 0 and quotes[i][0] <= pos < quotes[i][1]

    out: list[Mention] = []
    for pp in parsed:
        toks = pp.tokens
        sent_of = _sentence_index(pp)
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            is_title = bool(_TITLE_TOKEN.match(t[2])) and t[2][:1].isupper()
            nxt = i + 1
            while is_title and nxt < n and toks[nxt][2] in _CONNECTORS:
                nxt += 1  # Mr. van der Luyden
            if (
                is_title
                and i + 3 < n
                and toks[i + 1][2] == "and"
                and _TITLE_TOKEN.match(toks[i + 2][2])
                and namey(toks[i + 3])
            ):
                # "Mr. and Mrs. Carter": Mr. Carter too (here, and Mrs. Carter from the next title on)
                k = i + 4
                while k < n and namey(toks[k]):
                    k += 1
                surname = text[toks[i + 3][0] : toks[k - 1][1]]
                out.append(
                    Mention(t[0], t[1], f"{t[2]} {surname}", pp.paragraph, sent_of[i], in_quote(t[0]),
                            any(s[6] in ("nsubj", "nsubjpass") for s in toks[i : k]), toks[i + 3][9], i, False, i)
                )
                i += 2
                continue
            if not (namey(t) or (is_title and nxt < n and namey(toks[nxt])) or _name_like(toks, i, sent_of) or parent(toks, i)):
                i += 1
                continue
            j = i + 1
            while j < n:
                if namey(toks[j]) or (toks[j][2] == "." and len(toks[j - 1][2]) == 1):
                    j += 1
                    continue
                k = j
                while k < n and toks[k][2] in _CONNECTORS:
                    k += 1  # van der Luyden, de Winter
                if k > j and k < n and namey(toks[k]):
                    j = k
                    continue
                break
            span = toks[i:j]
            words = [s[2] for s in span]
            if not is_title and len(words) == 1 and words[0].casefold() in NOT_NAMES and words[0] not in known_words:
                if not parent(toks, i) and not (words[0].casefold() in NAME_LIKE and (span[0][9] == "PERSON" or _name_like(toks, i, sent_of))):
                    i = j
                    continue
            # "Mr. Gradgrind" / "Elizabeth Bennet" / "Olivia"
            start, end = span[0][0], span[-1][1]
            label = next((s[9] for s in span if s[9]), "")
            if not label and i > 0 and toks[i - 1][2].casefold() in _LOCATIVE and not is_title:
                label = "LOC"  # "in Coketown", "to Stone Lodge"
            subject = any(s[6] in ("nsubj", "nsubjpass") for s in span)
            vocative = _looks_vocative(toks, i, j)
            out.append(
                Mention(
                    start,
                    end,
                    text[start:end],
                    pp.paragraph,
                    sent_of[i],
                    in_quote(start),
                    subject,
                    label,
                    i,
                    vocative,
                    j - 1,
                    _owns_subject(toks, span),
                )
            )
            i = j
    return out


_NAME_WORD = re.compile(r"^[A-Z][^\W\d_]*(?:[-'\u2019][A-Z][^\W\d_]*)*$")
_DETERMINERS = {"my", "your", "his", "her", "their", "our", "the", "a", "an", "every", "any", "some", "this", "that"}
# "Madame Olenska's face grew brilliant", "Tom's voice shook": the owner of the face is the one who acts
_OWN_PARTS = frozenset([
    "face", "eyes", "eye", "voice", "lips", "lip", "mouth", "cheeks", "cheek", "hand", "hands", "brow", "colour", "color",
    "look", "glance", "gaze", "expression", "countenance", "features", "smile", "tone", "manner", "heart", "head",
])


def _owns_subject(toks: Sequence[tuple], span: Sequence[tuple]) -> bool:
    """The name is the owner of a face or voice that is the subject of its clause."""
    last = span[-1]
    if last[6] != "poss":
        return False
    head = toks[last[7]]
    return head[6] in ("nsubj", "nsubjpass") and head[3].casefold() in _OWN_PARTS


_LOCATIVE = {"in", "at", "to", "from", "into", "near", "through", "towards", "toward", "across", "around", "outside", "inside"}


def _namey(t: tuple) -> bool:
    word = t[2]
    # O'Brien and Mary-Jane, not There'th
    return t[4] == "PROPN" and bool(_NAME_WORD.match(word)) and not _TITLE_TOKEN.match(word)


# "in May", "the 3rd of May", "May 1st", "last May": the month, not May Welland
_DATE_BEFORE = {
    "in", "of", "early", "late", "last", "next", "since", "until", "till", "during", "through", "mid",
    "this", "that", "every", "each", "first", "end", "beginning", "middle",
}


def _name_like(toks: Sequence[tuple], i: int, sent_of: Sequence[int]) -> bool:
    """"May", "Will", "Grace" within a sentence, capitalised, not a date: a name, whatever spaCy tags it.

    spaCy's small model reads most of Age of Innocence's "May" (Welland) as a
    month and some as the verb; where a sentence cannot start, the capital
    says a name. Whether anyone is called so is for the roster to decide.
    """
    t = toks[i]
    w = t[2]
    if w.casefold() not in NAME_LIKE or not w[:1].isupper() or w.isupper():
        return False
    if i == 0 or sent_of[i - 1] != sent_of[i]:
        return False  # "May I come in?"
    before = toks[i - 1][2]
    if not before[:1].isalnum() and before not in (",", ";"):
        return False  # after a quotation mark or a dash a sentence may start
    if before.casefold() in _DATE_BEFORE or before[:1].isdigit():
        return False
    after = toks[i + 1][2] if i + 1 < len(toks) else ""
    return not after[:1].isdigit()


def _looks_vocative(toks: Sequence[tuple], i: int, j: int) -> bool:
    """A name set off by commas or ending an exclamation ("Sam, listen." / "Listen, Sam!")."""
    before = toks[i - 1][2] if i > 0 else ""
    after = toks[j][2] if j < len(toks) else ""
    if (
        before in ("\u201c", '"', "'", "\u2018", ".", "!", "?")
        and after == ","
        and j == i + 1
        and (toks[i][9] == "PERSON" or first_name_gender(toks[i][2], strict=True) != "unknown")
    ):
        return True  # "Jonah, that recovery was good" / "…in the mornin'. Hank, give the man a room": spaCy may make the name the subject
    closes = toks[j + 1][2] if j + 1 < len(toks) else ""
    if before == "," and after in ("?", "!", ".") and closes in ("\u201d", '"', "'", "\u2019"):
        return True  # "Is that true, Carl?" asked Ann: spaCy may make Carl the subject of "asked"
    if before.casefold() in ("dear", "dearest") and after in (",", "!", "?", ".", ";") and i > 1 and toks[i - 2][2].casefold() in ("my", "o", "oh"):
        return True  # "My dear Louisa, then consent…": spaCy may parse the name as the subject
    if toks[i][6] in ("nsubj", "nsubjpass", "dobj", "pobj", "poss"):
        return False
    if (
        before == ","
        and i > 1
        and toks[i - 2][4] == "NOUN"
        and after == ","
        and j + 1 < len(toks)
        and toks[j + 1][2].casefold() in ("who", "whom", "whose", "which")
    ):
        return False  # "There is this butler, Lal Rao, whom we have not seen": who he is, not whom it calls
    return (before in ("", ",", "\u201c", '"', "'", "\u2018", "O", "Oh", "oh", "dear", "Dear", "dearest", "Dearest") and after in (",", "!", "?", ".", "\u2014", "--", ";")) or (
        before == "," and after in (".", "!", "?", ",", "\u201d", '"', "'", "\u2019")
    )


def _sentence_index(pp: Any) -> list[int]:
    idx = [0] * len(pp.tokens)
    for k, (a, b) in enumerate(pp.sents):
        for i in range(a, b):
            idx[i] = k
    return idx


# --------------------------------------------------------------------------
# clustering


@functools.lru_cache(maxsize=1)
def _nicknamer() -> Any:
    try:
        from nicknames import NickNamer
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return NickNamer()


@functools.lru_cache(maxsize=1)
def _gender_detector() -> Any:
    try:
        import gender_guesser.detector as gg
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return gg.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=4096)
def first_name_gender(name: str, strict: bool = False) -> str:
    """``male``/``female``/``unknown`` from a first-name list (``strict``: only unambiguous names)."""
    det = _gender_detector()
    if det is None or not name:
        return "unknown"
    g = det.get_gender(name.capitalize())
    if g == "male" or (g == "mostly_male" and not strict):
        return "male"
    if g == "female" or (g == "mostly_female" and not strict):
        return "female"
    return "unknown"


# Russian diminutives, which the English nickname table lacks (Petya and Petrusha are Pyotr; Dasha
# is Darya): the given names of the translated novels on Gutenberg, in their usual spellings
_DIMINUTIVES = {
    "pyotr": "petya petrusha petenka petka", "petr": "petya petrusha", "darya": "dasha dashenka",
    "nikolai": "kolya nikolenka kolenka", "nikolay": "kolya nikolenka", "alexander": "sasha sashenka shura",
    "aleksandr": "sasha sashenka shura", "alexei": "alyosha lyosha alyoshka", "aleksei": "alyosha lyosha",
    "alexey": "alyosha lyosha", "dmitri": "mitya mitka mitenka", "dmitry": "mitya mitka", "ivan": "vanya vanka vanechka",
    "mikhail": "misha mishka", "natalya": "natasha natashenka", "natalia": "natasha", "ekaterina": "katya katenka katiusha",
    "katerina": "katya katenka katiusha", "sofya": "sonya sonia sonechka", "sofia": "sonya sonia", "avdotya": "dunya dunechka dounia",
    "rodion": "rodya rodka", "lev": "lyova", "anna": "anya anyuta annushka", "marya": "masha manya mashenka",
    "maria": "masha manya", "elena": "lena lenochka", "yelena": "lena", "vladimir": "volodya", "konstantin": "kostya",
    "sergei": "seryozha", "sergey": "seryozha", "stepan": "styopa stepasha", "varvara": "varya", "andrei": "andryusha",
    "andrey": "andryusha", "grigory": "grisha", "fyodor": "fedya fedka", "pavel": "pasha pavlusha", "yevgeny": "zhenya",
    "evgeny": "zhenya", "tatyana": "tanya", "olga": "olya", "lizaveta": "liza", "elizaveta": "liza",
    "agrafena": "grushenka grusha", "praskovya": "pasha", "yekaterina": "katya",
}
_DIMINUTIVE_OF: dict[str, set[str]] = {}
for _full, _short in _DIMINUTIVES.items():
    for _d in _short.split():
        _DIMINUTIVE_OF.setdefault(_d, set()).add(_full)


def _pet_form(tok: str, first: str) -> bool:
    """``tok`` is a pet form of the first name ``first`` the nickname tables lack.

    A short form with a pet ending ("Benji", "Rosie" of Rosalind) or a doubled
    first syllable ("Jojo" of Josephine).
    """
    if len(tok) >= len(first) or len(tok) < 4:
        return False
    for end in ("ie", "i", "y", "o"):
        stem = tok[: -len(end)]
        if tok.endswith(end) and len(stem) >= 3 and first.startswith(stem) and first != stem:
            return True
    return len(tok) == 4 and tok[:2] == tok[2:] and first.startswith(tok[:2])


def _canonical_first(token: str) -> set[str]:
    out = {token} | _DIMINUTIVE_OF.get(token.casefold(), set())
    nn = _nicknamer()
    if nn is None:
        return out
    return out | set(nn.canonicals_of(token))


@dataclass
class _Name:
    surface: str
    count: int = 0
    person: int = 0
    place: int = 0
    subject: int = 0
    tagged: int = 0
    vocative: int = 0
    paragraphs: set[int] = field(default_factory=set)  # where it is named


def build_roster(
    mentions: Sequence[Mention] = (),
    tag_names: Iterable[str | None] = (),
    given: Roster | None = None,
    *,
    lowercase_words: Counter | None = None,
    pronoun_votes: Mapping[str, Counter] | None = None,
) -> Roster:
    """The roster of a story: the given one, or one clustered from names.

    Parameters
    ----------
    mentions
        The name mentions of the story (:func:`find_mentions`).
    tag_names
        Names that speaker tags give ("said Tom"): always characters.
    given
        A roster from the user (``characters=``): returned as is.
    lowercase_words
        How often each word occurs in lower case in the story, to reject
        capitalised common words ("Hope", "Will").
    pronoun_votes
        Per surface name, how often "he"/"she" follows it as a subject.
    """
    if given is not None:
        return given
    names: dict[str, _Name] = {}
    for m in mentions:
        surf = _clean_surface(m.name)
        if not surf:
            continue
        rec = names.setdefault(surf, _Name(surf))
        rec.count += 1
        rec.person += m.label == "PERSON"
        rec.place += m.label in _PLACE_LABELS
        rec.subject += m.subject and not m.in_quote
        rec.vocative += m.vocative and m.in_quote
        rec.paragraphs.add(m.paragraph)
    for n in tag_names:
        surf = _clean_surface(n) if n else None
        if surf:
            rec = names.setdefault(surf, _Name(surf))
            rec.tagged += 1
    lower = lowercase_words or Counter()
    titled_surnames = {
        _strip_title(n)[1][-1] for n in names if _strip_title(n)[0] is not None and _strip_title(n)[1]
    }
    pooled = _pooled(names)
    keep = []
    for rec in names.values():
        title, toks = _strip_title(rec.surface)
        ev = pooled.get(rec.surface, rec)  # what the story says of the person, under all their plain names
        ranked = _rank(title) is not None  # "Lieutenant Park", "Captain Hall": a rank makes a person
        if title is None and len(toks) == 2 and toks[0] in _OATH_OPENERS and toks[1] in _OATH_WORDS:
            continue  # "Good God", "Great Scott"
        if not toks or (all(t in NOT_NAMES for t in toks) and not ranked):
            if not (
                len(toks) == 1
                and toks[0] in NAME_LIKE | PARENT_NAMES
                and (rec.person >= 2 or rec.tagged or (toks[0] in PARENT_NAMES and rec.subject >= 2))
            ):
                continue  # "Dad", tagged ("Dad asked") or doing things ("Mom stood up."), is a character
        if toks[-1] in PLACE_NOUNS and rec.tagged == 0 and not ranked:
            continue  # Northanger Abbey, Baker Street; but Lieutenant Park is a man
        if toks[-1].endswith("s") and rec.tagged == 0 and any(
            _strip_title(o)[1][-len(toks) :] == [*toks[:-1], toks[-1][:-1]] for o in names
        ):
            continue  # "the Thorpes", "the Newland Archers": a family
        if len(toks) == 1 and not title and lower.get(toks[0], 0) > max(2, rec.count):
            continue  # "Hope", "Will", "Grace" used as words
        # "Marcus is in the kitchen. … Marcus laughs.": a given name that does things, whatever spaCy
        # calls it (GPE, ORG) when named twice, and once if never a place ("Ethan fetched the drinks")
        given_name = (
            len(toks) == 1 and not title and rec.subject >= 1
            and first_name_gender(toks[0], strict=True) != "unknown"
            and (rec.count >= 2 or rec.place == 0)
            # but not "Paris", a place to spaCy 35 times in 35 and a subject once
            and not (rec.place * 2 > rec.count and rec.subject * 4 < rec.count)
        )
        evidence = (
            rec.tagged > 0
            # "May Welland": a first name and the surname of a Mr. or Mrs. Welland
            or (len(toks) >= 2 and rec.count >= 2 and toks[-1] in titled_surnames and first_name_gender(toks[0]) != "unknown")
            # "Elizabeth Bennet", once, that spaCy calls a person
            or (len(toks) >= 2 and rec.person >= 1 and first_name_gender(toks[0], strict=True) != "unknown")
            or (title is not None and rec.count >= 1)
            # "Mary Price" once and "Mary" twice, "Ned Winsett" and "Ned": one person
            or ev.person >= 2
            or (ev.person >= 1 and ev.count >= 3)
            or (ev.subject >= 2 and ev.place * 2 < ev.count)
            or (ev.vocative >= 2 and ev.place * 2 < ev.count)
            # "You're young, Kessler.": someone the dialogue addresses by a name spaCy calls a
            # person, once, is in the scene (one word, never a place, never a common word)
            or (len(toks) == 1 and not title and rec.vocative >= 1 and rec.person >= 1 and rec.place == 0 and not lower.get(toks[0]))
            or given_name
        )
        if not evidence:
            continue
        first_name = (len(toks) >= 2 and first_name_gender(toks[0]) != "unknown") or given_name
        if rec.tagged == 0 and title is None and not first_name and (
            (rec.person == 0 and rec.place > rec.count / 2) or rec.place >= max(2, rec.count / 4)
        ):
            continue  # a place or an organisation
        keep.append(rec)
    return _cluster(keep, pronoun_votes or {})


def _pooled(names: Mapping[str, _Name]) -> dict[str, _Name]:
    """Mentions summed over the plain forms of one name: "Ned Winsett" with "Ned" and "Winsett".

    A one-word form joins the one full name (two or more words, no title,
    a known first name first: not "Archer Madeira", a wine) whose first or
    last word it is, when no other full name has that word
    there; the full name and its one-word forms then share their counts, so
    a person named once in full and once or twice by one name is known by the
    evidence of all of them. Forms with a title keep their own counts.
    """
    full: dict[str, list[str]] = defaultdict(list)
    for surf in names:
        title, toks = _strip_title(surf)
        if title is None and len(toks) >= 2 and first_name_gender(toks[0]) != "unknown":
            for t in {toks[0], toks[-1]}:
                full[t].append(surf)
    groups: dict[str, list[str]] = {}
    for surf in names:
        title, toks = _strip_title(surf)
        if title is None and len(toks) == 1 and len(full.get(toks[0], ())) == 1:
            groups.setdefault(full[toks[0]][0], [full[toks[0]][0]]).append(surf)
    out: dict[str, _Name] = {}
    for forms in groups.values():
        total = _Name(forms[0])
        for f in forms:
            r = names[f]
            total.count += r.count
            total.person += r.person
            total.place += r.place
            total.subject += r.subject
            total.vocative += r.vocative
        for f in forms:
            out[f] = total
    return out


# "Alexandra Novak had been Lex since the second grade", "Katherine, known as Kat,": one person
_NAME2 = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
_KNOWN_AS = re.compile(
    rf"\b({_NAME2}),?\s+(?:(?:better\s+)?known\s+as|nicknamed|(?:had\s+been|went\s+by|answered\s+to)(?=\s+{_NAME2}\s+(?:since|ever|to|for|at)\b))"
    rf"\s+({_NAME2})\b"
)


def join_known_as(roster: Roster, text: str) -> Roster:
    """Join the characters the narration says are one ("Alexandra Novak had been Lex since…").

    Returns a new roster when two characters were joined (the first keeps its
    name and gender, unless only the second had one), else ``roster``.
    """
    into: dict[str, str] = {}
    for m in _KNOWN_AS.finditer(text):
        a, b = roster.resolve(m.group(1)), roster.resolve(m.group(2))
        if a is not None and b is not None and a != b and b not in into and a not in into:
            into[b] = a
    if not into:
        return roster
    out = Roster({})
    for c in roster:
        if c in into:
            continue
        joined = [c2 for c2, target in into.items() if target == c]
        out.add(c, roster.aliases[c] + [a for c2 in joined for a in roster.aliases[c2]])
        g = roster.gender.get(c, "unknown")
        out.gender[c] = g if g != "unknown" else next((roster.gender[c2] for c2 in joined if roster.gender.get(c2, "unknown") != "unknown"), "unknown")
    out.narrator = into.get(roster.narrator, roster.narrator) if roster.narrator else None
    out.mention_counts = roster.mention_counts
    return out


def learn_from(given: Roster, own: Roster) -> None:
    """Teach a given roster the name forms of the story's own clusters.

    A cluster whose listed forms (nearly) all name one character of ``given``
    is that character: its other forms resolve to it from now on, and its
    gender fills an unknown one.
    """
    for c in own:
        hits = Counter(h for a in own.aliases[c] if (h := given.resolve(a)) is not None)
        top = hits.most_common(2)
        if not top or (len(top) == 2 and top[0][1] <= 2 * top[1][1]):
            continue
        who = top[0][0]
        for a in own.aliases[c]:
            if given.resolve(a) is None:
                given.learn(a, who)
        if given.gender.get(who, "unknown") == "unknown" and own.gender.get(c, "unknown") != "unknown":
            given.gender[who] = own.gender[c]


def _clean_surface(name: str) -> str | None:
    s = re.sub(r"\s+", " ", name).strip(" ,.;:!?'\"\u2019\u201d")
    s = re.sub(r"['\u2019]s$", "", s)
    return s or None


def _title_gender(title: str | None) -> str | None:
    if title in MALE_TITLES:
        return "male"
    if title in FEMALE_TITLES:
        return "female"
    return None


# titles of unmarried and of married women: "Madame Olenska" is "Countess Olenska", not "Miss Olenska"
_KIN_TITLES = {"aunt", "auntie", "uncle", "cousin", "granny", "grandma", "grandpa", "grandad", "sister", "brother"}  # "Aunt Carol"
_FIRST_NAME_TITLES = {"mr", "miss", "master", "sir", "lady", "mademoiselle", "mlle"}  # titles that go before a first name
DOMINANT = 3  # how many times more often a name form must name one character than another to go to it

_EXCLUSIVE_TITLES = (
    {"miss", "ms", "mlle", "mademoiselle", "signorina", "senorita", "fraulein"},
    {"mrs", "missus", "madame", "mme", "lady", "countess", "duchess", "marchioness", "viscountess", "baroness", "signora", "senora", "frau"},
)


def _titles_clash(a: str | None, titles: set[str]) -> bool:
    """Miss X and Mrs. X are two women (a daughter and her mother); Mr. X is not Mrs. X."""
    if a is None:
        return False
    ga = _title_gender(a)
    for t in titles:
        gt = _title_gender(t)
        if ga and gt and ga != gt:
            return True
        for group in _EXCLUSIVE_TITLES:
            if (a in group) != (t in group) and ga == gt == "female":
                return True
        if t is not None and t != a and (_rank(a) or _rank(t)) and _rank(a) != _rank(t):
            return True  # "Captain Morstan" is not "Miss Morstan"; "Major Sholto" is not "Mr. Sholto"
    return False


RANKS = {
    "captain": "captain", "capt": "captain", "colonel": "colonel", "col": "colonel", "major": "major",
    "general": "general", "gen": "general", "admiral": "admiral", "lieutenant": "lieutenant", "lt": "lieutenant",
    "sergeant": "sergeant", "sgt": "sergeant", "inspector": "inspector", "detective": "detective",
    "officer": "officer", "corporal": "corporal", "commander": "commander", "constable": "constable",
    "sheriff": "sheriff", "deputy": "deputy", "superintendent": "superintendent", "marshal": "marshal",
}


# the ranks of armies and navies
_MILITARY = frozenset(RANKS) - {"inspector", "detective", "officer", "constable", "sheriff", "deputy", "superintendent", "marshal"}


def _rank(title: str | None) -> str | None:
    return RANKS.get(title) if title else None


# words before a name that are not part of it: "Old Stephen", "Poor Regina"
_EPITHETS = {"old", "young", "poor", "dear", "little", "good"}


def _cluster(recs: list[_Name], pronoun_votes: Mapping[str, Counter]) -> Roster:
    """Group name forms into characters; the canonical name is the fullest common form."""

    def weight(r: _Name) -> int:
        return r.count + 3 * r.tagged

    def votes_gender(surface: str) -> str | None:
        return decisive(pronoun_votes.get(surface, Counter()))

    def group_gender(g: dict) -> str | None:
        if g["gender"]:
            return g["gender"]
        if len(g["full"]) >= 2:
            first = g["full"][1] if g["full"][0] in _EPITHETS else g["full"][0]  # "Young Thomas"
            fg = first_name_gender(first)
            if fg != "unknown":
                return fg
        return None

    def _group_votes(g: dict) -> str | None:
        v: Counter = Counter()
        for f in g["forms"]:
            v.update(pronoun_votes.get(f.surface, Counter()))
        return decisive(v)

    # full names first, then titled forms ("Mr. Sleary" before "Sleary"), the commonest first
    def order(r: _Name) -> tuple:
        title, toks = _strip_title(r.surface)
        return (-len(toks), len(toks) == 1 and title is None, -weight(r), r.surface)

    recs = sorted(recs, key=order)
    groups: list[dict] = []
    for r in recs:
        title, toks = _strip_title(r.surface)
        tgender = _title_gender(title)
        home = None
        if len(toks) >= 2:
            fg = first_name_gender(toks[0])
            if tgender and fg != "unknown" and fg != tgender:
                pass  # "Mrs. Newland Archer" is Newland Archer's wife
            elif title in _EXCLUSIVE_TITLES[1] and fg != "female":
                pass  # "Mrs. John Dashwood" is not John Dashwood
            else:
                for g in groups:
                    if g["full"] == toks and not _titles_clash(title, g["titles"]):
                        if tgender and tgender != (group_gender(g) or _group_votes(g) or tgender):
                            continue  # "Mrs. Newland Archer" when Newland Archer is a "he": his wife
                        if tgender is None and fg != "unknown" and any(_title_gender(t) not in (None, fg) for t in g["titles"]):
                            continue  # "Henry Marsh" is not "Mrs. Henry Marsh", found first: his wife
                        home = g
                        break
                if home is None and len(toks) == 2 and toks[0].casefold() in _EPITHETS and title is None:
                    # "Old Stephen" is Stephen Blackpool when no one else is a Stephen (and no
                    # "Young Stephen" says there are two)
                    same = [g for g in groups if toks[1] in (g["full"][0], g["full"][-1]) and g["full"] != toks]
                    rivals = [o for o in recs if o is not r and _strip_title(o.surface)[1][1:] == toks[1:]
                              and _strip_title(o.surface)[1][0].casefold() in _EPITHETS]
                    if len(same) == 1 and not rivals:
                        home = same[0]
        else:
            tok = toks[0]
            exact = [g for g in groups if g["full"] == toks and (title in g["titles"] or (title is None and None in g["titles"]))]
            if not exact and title is None and tok in TITLES:
                # "said the General": the one character the story calls General Tilney
                bearers = [g for g in groups if len(g["full"]) >= 1 and tok in g["titles"]]
                if len(bearers) == 1:
                    exact = bearers
            if not exact and title is not None:
                # "Mr. Bounderby" and "Bounderby" (he) are one man
                exact = [
                    g
                    for g in groups
                    if g["full"] == toks
                    and not _titles_clash(title, g["titles"])
                    and (tgender is None or group_gender(g) in (None, tgender))
                    # a bare surname is a man's more often than not ("said Morland"):
                    # a Mrs. or a Miss joins it only when the pronouns say so
                    and (
                        tgender is None
                        or any(_title_gender(t) == tgender for t in g["titles"])  # "Madame Olenska", "Countess Olenska"
                        or _group_votes(g) in ((None, "male") if tgender == "male" else ("female",))
                    )
                ]
                if len(exact) > 1:
                    exact = []
            if exact:
                home = exact[0]
            else:
                cands = []
                for g in groups:
                    if len(g["full"]) < 2:
                        if title is None and g["full"][0] != tok and g["full"][0] in _canonical_first(tok):
                            cands.append(g)  # "Lizzy" is the "Elizabeth" of the story
                        continue
                    first, last = g["full"][0], g["full"][-1]
                    gg = group_gender(g)
                    if title is not None:
                        if tok == first and tok != last and title in _FIRST_NAME_TITLES and gg in (None, tgender):
                            cands.append(g)  # "Mr. Thaddeus" is Thaddeus Sholto, "Miss Louisa" Louisa Gradgrind
                            continue
                        if tok != last or _titles_clash(title, g["titles"]):
                            continue
                        # "General Tilney" (his hothouses) is not Eleanor Tilney: a rank's gender
                        # is the pronouns', else a man's
                        fgender = tgender or votes_gender(r.surface) or ("male" if title in _MILITARY else None)
                        if fgender and gg and gg != fgender:
                            continue
                        if title in _EXCLUSIVE_TITLES[1] and not (g["titles"] & _EXCLUSIVE_TITLES[1]):
                            continue  # "Mrs. Bennet" is not "Elizabeth Bennet"
                        if title in _EXCLUSIVE_TITLES[1] and (
                            first_name_gender(first) == "male"
                            or any(o is not g and o["full"] == g["full"] and "male" in (group_gender(o), _group_votes(o)) for o in groups)
                        ):
                            continue  # "Mrs. Archer" may be the mother of "Mrs. Newland Archer"
                        cands.append(g)
                    elif tok == first and g["titles"] and g["titles"] <= _EXCLUSIVE_TITLES[1]:
                        continue  # "Newland" is not "Mrs. Newland Archer", his wife
                    elif tok == first or tok == last or (first in _canonical_first(tok) and tok != last):
                        cands.append(g)
                    elif title is None and len(tok) >= 3 and first.startswith(tok) and first_name_gender(first) != "unknown":
                        cands.append(g)  # "Kat" is Katherine Reyes: a short form of the first name
                    elif title is None and _pet_form(tok, first) and first_name_gender(first) != "unknown":
                        cands.append(g)  # "Benji" is Benjamin Cho, "Jojo" Josephine Adeyemi
                # a known first name says more than a few pronouns ("Ellen squeezed his fingers")
                # but not of a surname the story gives someone in full ("Hale" of John Hale)
                surname = title is None and any(len(g["full"]) >= 2 and g["full"][-1] == tok for g in groups)
                known_first = first_name_gender(tok, strict=True) if title is None and not surname else "unknown"
                vg = tgender or (known_first if known_first != "unknown" else None) or votes_gender(r.surface)
                if title is None:
                    # "Bounderby" alone is "Mr. Bounderby" when no other Bounderby is titled: the
                    # pronouns' gender, else the convention that a bare surname is a man's
                    titled = [g for g in groups if g["full"] == toks and g["titles"] - {None}]
                    same = [g for g in titled if g["gender"] == (vg or "male")]
                    unsure = [g for g in titled if g["gender"] is None]
                    # "Vance" is "Inspector Vance", a rank that says no gender, when no one else is a Vance
                    cands += same or (unsure if not cands and len(unsure) == 1 else [])
                    # "Carol" is "Aunt Carol": a kinship title goes before a first name, whatever its gender
                    kin = [g for g in titled if g["titles"] & _KIN_TITLES and g not in cands and (vg is None or group_gender(g) in (None, vg))]
                    if not cands and len(kin) == 1:
                        cands = kin
                if vg:
                    # "Sleary" (he) is not Miss Josephine Sleary
                    cands = [g for g in cands if group_gender(g) in (vg, None)]
                if len(cands) > 1 and title is None:
                    firsts = [g for g in cands if g["full"][0] == tok or g["full"][0] in _canonical_first(tok)]
                    if len(firsts) == 1:
                        cands = firsts
                    elif not vg and all(g["full"][-1] == tok for g in cands):
                        # a surname alone, the pronouns unsure: the man of the family
                        men = [g for g in cands if group_gender(g) == "male"]
                        if len(men) > 1:
                            # Henry Tilney is "Mr. Tilney"; General Tilney and Captain Tilney are not
                            men = [g for g in men if "mr" in g["titles"]]
                        if len(men) == 1:
                            cands = men
                if len(cands) > 1:
                    # "May" of "May Welland" (21 mentions) and "May Archer" (6): the one the story
                    # names far more often
                    ranked = sorted(cands, key=lambda g: -sum(weight(f) for f in g["forms"]))
                    top, second = (sum(weight(f) for f in g["forms"]) for g in ranked[:2])
                    if top >= DOMINANT * second:
                        cands = ranked[:1]
                if len(cands) == 1:
                    home = cands[0]
        if home is None:
            home = {"forms": [], "full": toks, "gender": tgender, "titles": set()}
            groups.append(home)
        home["forms"].append(r)
        home["titles"].add(title)
        if home["gender"] is None and tgender:
            home["gender"] = tgender
    _join_married_name(groups, recs, group_gender, _group_votes)
    roster = Roster({})
    for g in groups:
        forms = sorted(g["forms"], key=lambda r: (-len(_strip_title(r.surface)[1]), -weight(r)))
        if len(g["full"]) == 2 and g["full"][0].casefold() in _EPITHETS:
            # "Mr. Allen" names him, not "Old Allen"
            plain = [f for f in forms if _strip_title(f.surface)[1][0].casefold() not in _EPITHETS]
            if plain:
                forms = plain + [f for f in forms if f not in plain]
                g["full"] = _strip_title(plain[0].surface)[1]
        full = [f for f in forms if len(_strip_title(f.surface)[1]) == len(g["full"])]
        canon = max(full or forms, key=lambda r: (weight(r), -len(r.surface))).surface
        titled = [f for f in full if _strip_title(f.surface)[0] is not None]
        bare = [f for f in full if _strip_title(f.surface)[0] is None]
        if len(g["full"]) >= 2:
            # "Elizabeth Bennet" rather than "Miss Elizabeth Bennet" when both are common
            if bare and weight(bare[0]) * 2 >= weight(max(full, key=weight)):
                canon = max(bare, key=weight).surface
        elif titled and sum(weight(f) for f in titled) * 3 >= sum(weight(f) for f in full):
            # a surname alone says less than "Mr. Bounderby"
            canon = max(titled, key=weight).surface
        aliases = [f.surface for f in sorted(forms, key=lambda r: -weight(r))]
        if canon in roster.aliases:
            continue
        roster.add(canon, aliases)
        votes: Counter = Counter()
        for f in forms:
            votes.update(pronoun_votes.get(f.surface, Counter()))
        roster.gender[canon] = _decide_gender(g["gender"], g["full"], votes, g["titles"])
    return roster


# how many paragraphs after a woman's full name the story may first call her "Mrs. X"
MARRIED_NAME_WINDOW = 10


def _join_married_name(groups: list[dict], recs: Sequence[_Name], group_gender: Any, group_votes: Any) -> None:
    """Join "Mrs. Vance" to "Edith Vance" when the story can mean no one else by it.

    "Mrs. Bennet" is not "Elizabeth Bennet", but "Edith Vance sat very upright
    … Mrs. Vance folded her hands" names one woman. A character known only as
    Mrs. (Madame, Lady …) X joins the one woman with a full name "F X" when:

    * no one else of surname X is a woman, or might be one (a "Jane Bennet", a
      "Mrs. John Bennet", a bare "Bennet" whose gender is unknown);
    * no "Miss X" says a daughter bears the name (Mrs. Morland and Catherine
      Morland, "Miss Morland");
    * the story never calls her "F" alone ("Lucy Carter … Lucy looked at the
      ceiling": a girl, and Mrs. Carter her mother);
    * F is a woman's name, not a husband's ("Mrs. Lemuel Struthers");
    * the full name comes first, and "Mrs. X" follows within
      ``MARRIED_NAME_WINDOW`` paragraphs (a mother who comes later is her own);
    * no paragraph names both (the mother and the daughter in one scene).
    """
    married = _EXCLUSIVE_TITLES[1]
    for g in list(groups):
        titles = g["titles"] - {None}
        if len(g["full"]) != 1 or not titles or not titles <= married:
            continue
        x = g["full"][0]
        kin = [o for o in groups if o is not g and o["full"][-1] == x]
        women = [o for o in kin if len(o["full"]) >= 2 and (group_gender(o) or group_votes(o)) == "female"]
        if len(women) != 1:
            continue
        her = women[0]
        if any(o is not her and "male" not in (group_gender(o), group_votes(o)) for o in kin):
            continue  # another woman, or someone who may be one
        if any(_titles_clash(t, her["titles"]) for t in titles):
            continue
        if any((t := _strip_title(r.surface))[0] in _EXCLUSIVE_TITLES[0] and t[1] and t[1][-1] == x for r in recs):
            continue  # "Miss Bennet": a daughter may be the one with the full name
        names = [_strip_title(f.surface) for f in her["forms"]]
        first = her["full"][1] if her["full"][0] in _EPITHETS else her["full"][0]
        if any(len(toks) == 1 and toks[0] != x for _, toks in names) or any(_strip_title(r.surface)[1] == [first] for r in recs):
            continue  # "Lucy", "Lizzy": on first-name terms with her, the story says "Mrs." of another
        if first_name_gender(first) != "female" and not any(t is None and len(toks) >= 2 for t, toks in names):
            continue  # "Mrs. Lemuel Struthers": her husband's name
        full_at = [p for f in her["forms"] if len(_strip_title(f.surface)[1]) >= 2 for p in f.paragraphs]
        mrs_at = {p for f in g["forms"] for p in f.paragraphs}
        her_at = {p for f in her["forms"] for p in f.paragraphs}
        if not full_at or not mrs_at or mrs_at & her_at:
            continue
        if not 0 < min(mrs_at) - min(full_at) <= MARRIED_NAME_WINDOW:
            continue
        her["forms"].extend(g["forms"])
        her["titles"] |= g["titles"]
        her["gender"] = her["gender"] or "female"
        groups.remove(g)


def _decide_gender(title_gender: str | None, full: list[str], votes: Counter, titles: Iterable[str | None] = ()) -> str:
    if title_gender:
        return title_gender
    if len(full) >= 2 and full[0] in _EPITHETS:
        full = full[1:]  # "Young Thomas" is a Thomas; "young" is no first name
    strong = decisive(votes, 3)
    if full and first_name_gender(full[0], strict=True) != "unknown":
        if len(full) == 1 and strong and decisive(votes, 3, 0.9) == strong:
            return strong  # "Sensei Mori … she", three times and never "he": the list's Mori is a man
        return first_name_gender(full[0], strict=True)  # James, Catherine
    if strong:
        return strong
    if len(full) == 1 and full[0] in _PARENT_GENDER:
        return _PARENT_GENDER[full[0]]  # "Dad", "Mom": what the family calls them says which
    g = first_name_gender(full[0]) if full else "unknown"
    if g != "unknown":
        return g
    g = decisive(votes)
    if g is None and any(t in _MILITARY for t in titles) and 0 < votes.get("male", 0) >= votes.get("female", 0):
        return "male"  # "General Tilney", "Captain Morstan", unless the pronouns lean to "she"
    # "Coach Alvarez … with her arms folded": one pronoun, and none against it
    return g or decisive(votes, 1, 1.0) or "unknown"


def gender_of(name: str, aliases: Sequence[str]) -> str:
    """``"female"``, ``"male"`` or ``"unknown"`` from honorifics, then the first name."""
    for a in [name, *aliases]:
        title, _ = _strip_title(a)
        if title in FEMALE_TITLES:
            return "female"
        if title in MALE_TITLES:
            return "male"
    for a in [name, *aliases]:
        _, toks = _strip_title(a)
        if toks:
            g = first_name_gender(toks[0])
            if g != "unknown":
                return g
    return "unknown"


def decisive(votes: Counter, minimum: int = 2, share: float = 0.75) -> str | None:
    """``male``/``female`` when the pronoun votes clearly say so."""
    he, she = votes.get("male", 0), votes.get("female", 0)
    if he + she >= minimum and max(he, she) >= share * (he + she):
        return "male" if he > she else "female"
    return None


_PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male", "she": "female", "her": "female", "hers": "female", "herself": "female"}


def pronoun_votes(mentions: Sequence[Mention], parsed: Sequence[Any]) -> dict[str, Counter]:
    """Per surface name: how often the next subject pronoun after it (as a subject) is he / she."""
    by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.subject and not m.in_quote:
            by_para[m.paragraph].append(m)
    votes: dict[str, Counter] = defaultdict(Counter)
    for pp in parsed:
        ms = by_para.get(pp.paragraph)
        if not ms:
            continue
        toks = pp.tokens
        for m in ms:
            # the first subject after the name, within the same or the next sentence
            limit = len(toks)
            for a, b in pp.sents:
                if a > m.first_token:
                    limit = b
                    break
            for t in toks[max(m.first_token, m.last_token) + 1 : limit]:
                if t[4] == "PROPN" and t[2][:1].isupper():
                    break  # another name stands between: the pronoun may be theirs
                w = t[2].casefold()
                g = _PRONOUN_GENDER.get(w)
                if t[6] in ("nsubj", "nsubjpass"):
                    if g and w in ("he", "she"):
                        votes[_clean_surface(m.name) or m.name][g] += 1
                    if t[4] == "PRON" or t[4] == "PROPN":
                        break
                elif g and (t[5] == "PRP$" or w in ("himself", "herself")):
                    # "James led his partner", "Olivia wrapped herself": the subject's own
                    votes[_clean_surface(m.name) or m.name][g] += 1
                    break
                elif g:
                    break  # "Newland smiled at her": an object is someone else
    return votes


# --------------------------------------------------------------------------
# the table


def characters_frame(roster: Roster, mentions: Mapping[str, int], turns: pd.DataFrame) -> pd.DataFrame:
    """The ``characters`` table: one row per character, most dialogue first."""
    spoken = turns[turns["speaker"].notna()] if len(turns) else turns
    n_turns = spoken.groupby("speaker").size() if len(spoken) else pd.Series(dtype="int64")
    n_words = spoken.groupby("speaker")["n_words"].sum() if len(spoken) else pd.Series(dtype="int64")
    total = float(n_words.sum()) if len(n_words) else 0.0
    rows = []
    for name, al in roster.aliases.items():
        w = int(n_words.get(name, 0))
        rows.append(
            {
                "character": name,
                "aliases": list(al),
                "gender": roster.gender.get(name) or gender_of(name, al),
                "mentions": int(mentions.get(name, 0)),
                "n_turns": int(n_turns.get(name, 0)),
                "n_words": w,
                "dialogue_share": (w / total) if total else 0.0,
            }
        )
    df = schema.frame("characters", rows)
    if len(df):
        df = df.sort_values(["n_words", "mentions", "character"], ascending=[False, False, True])
        df = df.reset_index(drop=True)
    return df
