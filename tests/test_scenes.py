"""Scenes, chapters and paragraphs: the data stories' gold scenes, each separator and heading style."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fictools
from conftest import STORIES
from fictools import schema
from fictools.scenes import (
    is_chapter_heading,
    is_scene_header,
    is_separator,
    segment,
    split_paragraphs,
)
from fictools.sources.base import Source
from fictools.text import count_words

# --------------------------------------------------------------------------
# the data stories


@pytest.mark.parametrize("name", STORIES)
def test_gold_scene_count_and_starts(analyzed, gold_stories, name):
    g = gold_stories[name]
    sc = analyzed[name].scenes
    assert len(sc) == len(g.gold["scenes"]), list(sc["heading"])
    for n, (gs, off) in enumerate(zip(g.gold["scenes"], g.scene_starts)):
        row = sc.iloc[n]
        assert row["start"] <= off < row["end"], (
            f"scene {n} ({gs['starts_with']!r}) is not in predicted scene {n}"
        )
        # and in no other scene
        inside = [int(r.scene) for r in sc.itertuples(index=False) if r.start <= off < r.end]
        assert inside == [int(row["scene"])]


@pytest.mark.parametrize("name", STORIES)
def test_gold_scene_headings(analyzed, gold_stories, name):
    g = gold_stories[name]
    sc = analyzed[name].scenes
    assert list(sc["heading"]) == [s["heading"] for s in g.gold["scenes"]]


def test_the_letter_chapters(analyzed):
    sc = analyzed["the_letter"].scenes
    assert list(sc["chapter"]) == [0, 1, 1, 2]
    assert list(sc["chapter_title"]) == [
        "Chapter 1",
        "Chapter 2: The Letter",
        "Chapter 2: The Letter",
        "Chapter 3: The Elms",
    ]


@pytest.mark.parametrize("name", STORIES)
def test_scenes_partition_the_content(analyzed, name):
    story = analyzed[name]
    sc = story.scenes
    cs, ce = story.source.content
    assert len(sc)
    assert list(sc["scene"]) == list(range(len(sc)))
    assert sc["start"].iloc[0] == cs
    assert sc["end"].iloc[-1] == ce
    assert list(sc["end"].iloc[:-1]) == list(sc["start"].iloc[1:])
    assert (sc["end"] > sc["start"]).all()
    assert sc["chapter"].is_monotonic_increasing


@pytest.mark.parametrize("name", STORIES)
def test_matter_outside_scenes_and_turns(analyzed, gold_stories, name):
    g = gold_stories[name]
    story = analyzed[name]
    for s, e in g.front + g.back:
        for r in story.scenes.itertuples(index=False):
            assert not (r.start < e and s < r.end), (
                f"matter {story.text[s:e][:50]!r} lies in scene {r.scene}"
            )
        for r in story.turns.itertuples(index=False):
            assert not (r.start < e and s < r.end), f"turn {r.text!r} overlaps matter"
        for r in story.passages.itertuples(index=False):
            assert not (r.start < e and s < r.end), f"passage {r.passage} overlaps matter"


@pytest.mark.parametrize("name", STORIES)
def test_matter_in_meta(analyzed, gold_stories, name):
    g = gold_stories[name]
    meta = analyzed[name].meta
    front = "\n".join(meta.get("front_matter") or [])
    back = "\n".join(meta.get("back_matter") or [])
    for para in g.gold["front_matter"]:
        assert para in front
    for para in g.gold["back_matter"]:
        assert para in back


@pytest.mark.parametrize("name", STORIES)
def test_gold_content_is_covered(analyzed, gold_stories, name):
    """Every gold turn lies in a scene, and in the scene of its own paragraph."""
    g = gold_stories[name]
    sc = analyzed[name].scenes
    for t in g.turns:
        inside = [
            r.scene for r in sc.itertuples(index=False) if r.start <= t.start and t.end <= r.end
        ]
        assert len(inside) == 1, t.text
    turns = analyzed[name].turns
    for r in turns.itertuples(index=False):
        row = sc[sc["scene"] == r.scene].iloc[0]
        assert row["start"] <= r.start and r.end <= row["end"]


# --------------------------------------------------------------------------
# separators, chapter headings, header lines

A = "Anna walked to the shop and bought some bread for the evening meal."
B = "Ben stayed at home and read the paper by the fire until it was dark."


def layout(line: str):
    text = f"{A}\n\n{line}\n\n{B}\n"
    return text, segment(Source(text))


def split_at(line: str):
    """``layout(line)``'s layout, checked: two scenes, the second starting at ``line``, and
    the line itself no text paragraph (the paragraphs are ``A`` and ``B``)."""
    text, lay = layout(line)
    assert len(lay.scenes) == 2
    assert lay.scenes[1]["start"] == text.index(line)
    assert [text[p.start : p.end] for p in lay.text_paragraphs] == [A, B]
    return lay


SEPARATORS = [
    "* * *",
    "***",
    "~~~",
    "oOo",
    "-x-",
    "#",
    "----",
    "____",
    "\u2766",
    "* * * * *",
    "=====",
    "xXx",
]


@pytest.mark.parametrize("line", SEPARATORS)
def test_separators_split_scenes(line):
    lay = split_at(line)
    sc = schema.frame("scenes", lay.scenes)
    assert len(sc) == 2
    assert sc["heading"].tolist() == [None, None]
    assert sc["chapter"].iloc[0] == sc["chapter"].iloc[1]
    assert [p.scene for p in lay.text_paragraphs] == [0, 1]
    assert is_separator(line)


CHAPTERS = [
    "Chapter 3",
    "CHAPTER IX",
    "Part Two",
    "IV",
    "XII",
    "12",
    "Prologue",
    "Epilogue",
    "Chapter 3: The Storm",
]


@pytest.mark.parametrize("line", CHAPTERS)
def test_chapter_headings_split_scenes(line):
    sc = split_at(line).scenes
    assert sc[1]["heading"] == line
    assert sc[1]["chapter_title"] == line
    assert is_chapter_heading(line)


@pytest.mark.parametrize("line", ["Chapter 3", "Prologue", "IV"])
def test_chapter_heading_starts_a_new_chapter(line):
    """Prose before the first heading and the chapter after it are different chapters."""
    _, lay = layout(line)
    assert lay.scenes[1]["chapter"] == lay.scenes[0]["chapter"] + 1


def test_chapters_are_numbered():
    text = f"Chapter 1\n\n{A}\n\n* * *\n\n{B}\n\nChapter 2\n\n{A}\n\nChapter 3\n\n{B}\n"
    lay = segment(Source(text))
    assert [s["chapter"] for s in lay.scenes] == [0, 0, 1, 2]
    assert [s["heading"] for s in lay.scenes] == ["Chapter 1", None, "Chapter 2", "Chapter 3"]


def test_roman_numeral_with_title():
    _text, lay = layout("IV. The Storm")
    assert len(lay.scenes) == 2
    assert lay.scenes[1]["heading"] is not None and "The Storm" in lay.scenes[1]["heading"]


HEADERS = [
    "Olivia's apartment, later that night",
    "Three weeks later",
    "The Marsh house, later that night",
    "Monday, 9:00",
]


@pytest.mark.parametrize("line", HEADERS)
def test_header_lines_split_scenes(line):
    sc = split_at(line).scenes
    assert sc[1]["heading"] == line
    assert is_scene_header(line)


PROSE = [
    "Part of me wanted to go.",
    "He left.",
    "Chapter and verse, she knew it all by heart.",
    "I hated it.",
    "X marks the spot, he had said, and she had laughed at him.",
    '"Three weeks later," she said.',
    "*Home,* she thought.",
    "Later, she wondered why.",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_lines_do_not_split_scenes(line):
    text, lay = layout(line)
    assert len(lay.scenes) == 1
    assert [text[p.start : p.end] for p in lay.text_paragraphs] == [A, line, B]


def test_scenes_through_analyze():
    text = f'{A}\n\n* * *\n\n{B}\n\nChapter 2\n\n"Hello," said Anna.\n'
    story = fictools.analyze(text, nlp="blank")
    sc = story.scenes
    schema.check("scenes", sc)
    assert len(sc) == 3
    assert list(sc["heading"]) == [None, None, "Chapter 2"]
    assert list(story.turns["scene"]) == [2]
    assert list(sc["n_words"]) == [13, 15, 3]


# --------------------------------------------------------------------------
# paragraphs


def _paras(text):
    return [text[s:e] for s, e in split_paragraphs(text)]


def test_split_paragraphs_blank_lines():
    text = "One line here.\n\nSecond para\nwrapped line.\n\n\n  Third.  \n"
    assert _paras(text) == ["One line here.", "Second para\nwrapped line.", "Third."]


def test_split_paragraphs_without_blank_lines():
    assert _paras("Line one.\nLine two.\nLine three.\n") == [
        "Line one.",
        "Line two.",
        "Line three.",
    ]


def test_split_paragraphs_crlf():
    text = "One.\r\n\r\nTwo a\r\nTwo b.\r\n\r\nThree.\r\n"
    assert _paras(text) == ["One.", "Two a\r\nTwo b.", "Three."]
    assert _paras("A.\r\nB.\r\nC.") == ["A.", "B.", "C."]


def test_split_paragraphs_unwrapped_long_lines():
    long1, long2 = "a " * 80 + "end.", "b " * 80 + "end."
    assert _paras(f"{long1}\n{long2}\n\nShort one.") == [long1, long2, "Short one."]


def test_split_paragraphs_range_and_empty():
    text = "skip me\n\nFirst.\n\nSecond.\n\nskip too"
    s, e = text.index("First."), text.index("skip too")
    assert _paras("") == []
    assert _paras(" \n\n \t\n") == []
    assert [text[a:b] for a, b in split_paragraphs(text, s, e)] == ["First.", "Second."]


# --------------------------------------------------------------------------
# the seed story


@pytest.fixture(scope="module")
def seed(shared_dir):
    files = sorted((shared_dir / "seed").glob("*.txt"))
    if not files:
        pytest.skip("no seed story in ../shared/seed")
    return fictools.analyze(files[0], nlp="blank")


def test_seed_front_matter(seed):
    first_line = seed.text.lstrip("\ufeff").splitlines()[0].strip()
    assert first_line in seed.meta["front_matter"]
    assert seed.scenes["start"].iloc[0] >= seed.text.index(first_line) + len(first_line)


def test_seed_scenes(seed):
    assert len(seed.scenes) == 2
    assert seed.scenes["heading"].iloc[0] is None
    assert seed.scenes["heading"].iloc[1] == "Olivia's apartment, later that night"


def test_seed_first_turn(seed):
    assert seed.turns["text"].iloc[0] == "Olivia, whats up?"
    assert seed.turns["scene"].iloc[0] == 0


# --------------------------------------------------------------------------
# any text at all

_LINES = st.sampled_from(
    [
        "",
        "",
        "* * *",
        "Chapter 2",
        "IV",
        "Three weeks later",
        "He left.",
        "A line of prose here.",
        "  ",
        '"Hi," he said.',
        "oOo",
    ]
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_LINES, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_scenes_partition_any_text(lines, eol):
    text = eol.join(lines)
    lay = segment(Source(text))
    sc = lay.scenes
    if not text.strip():
        assert sc == [] or all(s["n_words"] == 0 for s in sc)
        return
    assert sc[0]["start"] == 0 and sc[-1]["end"] == len(text)
    for a, b in itertools.pairwise(sc):
        assert a["end"] == b["start"]
    assert [s["scene"] for s in sc] == list(range(len(sc)))
    for p in lay.text_paragraphs:
        row = sc[p.scene]
        assert row["start"] <= p.start and p.end <= row["end"]
    assert [p.index for p in lay.text_paragraphs] == list(range(len(lay.text_paragraphs)))


@pytest.mark.parametrize("tail", ["\n\n* * *\n\nA/N: Thanks for reading!\n", "\n\n* * *\n", "\n\n=====\n"])
def test_a_break_after_the_last_paragraph_opens_no_empty_scene(tail):
    story = fictools.analyze("Anna ran.\n\n* * *\n\nBen sat." + tail, nlp="blank")
    assert list(story.scenes["n_words"]) == [2, 2]


def test_paragraphs_marked_by_an_indent_keep_their_wrapped_lines():
    # no blank lines: a paragraph starts at a tab and goes on over the lines that are not indented
    text = '\t"I always do," Olivia said, "and you always\nnotice."\n\tHe laughed.\n\t"Not always," he said.\n'
    story = fictools.analyze(text, nlp="blank")
    assert list(story.turns["text"]) == ["I always do,", "and you always\nnotice.", "Not always,"]
    assert list(story.turns["paragraph"]) == [0, 0, 2]


def test_chapter_heading_variants_and_a_time_line():
    text = (
        'Chapter 1: "Hello, Stranger"\n\n"Hi," said Ann.\n\n2:14 a.m.\n\nShe woke.\n\n'
        "Ch. 2 (of 3)\n\nHe left.\n\nCh.3\n\nThey met.\n"
    )
    story = fictools.analyze(text, nlp="blank")
    assert list(story.scenes["heading"]) == ['Chapter 1: "Hello, Stranger"', "2:14 a.m.", "Ch. 2 (of 3)", "Ch.3"]
    assert list(story.scenes["chapter"]) == [0, 0, 1, 2]
    assert list(story.turns["text"]) == ["Hi,"]  # the quoted chapter title is no line of dialogue


# --------------------------------------------------------------------------
# the printed book's page numbers in a Project Gutenberg file

_PG_HEAD = (
    "The Project Gutenberg EBook of The Lantern, by Ada Quill\n\nTitle: The Lantern\n\nAuthor: Ada Quill\n\n"
    "*** START OF THIS PROJECT GUTENBERG EBOOK THE LANTERN ***\n\n\n\n\n"
)
_PG_TAIL = (
    "\n\n\n\nEnd of the Project Gutenberg EBook of The Lantern, by Ada Quill\n\n"
    "*** END OF THIS PROJECT GUTENBERG EBOOK THE LANTERN ***\n"
)
_PG_BODY = """CHAPTER I

THE LAMP

The lantern swung from its hook above the door, and the wind came
in under it. Old Tom sat by the fire and did not look up.

{12}

"You are late," said he, at last. "The boat has gone
{13}
and the tide with it."

"I know it," answered Mary. "I saw it go from the hill, and I

[Pg 14]

ran all the way down to the quay, but it was no use."

[Pg 15]

He said nothing to that, but got up and trimmed the wick.

{16}
"Will you sit?" he asked. [Pg 17]

CHAPTER II

THE LETTER

The letter came on a Tuesday.
"""


def test_gutenberg_page_numbers_start_nothing():
    text = _PG_HEAD + _PG_BODY + _PG_TAIL
    src = fictools.read(text)
    assert src.text == text  # nothing deleted: the page numbers are listed, not cut
    assert [text[a:b] for a, b in src.pages] == ["{12}", "{13}", "[Pg 14]", "[Pg 15]", "{16}", "[Pg 17]"]
    story = fictools.analyze(text, nlp="blank")
    assert list(story.scenes["heading"]) == ["CHAPTER I: THE LAMP", "CHAPTER II: THE LETTER"]
    paras = [text[p.start : p.end] for p in segment(src).text_paragraphs]
    assert paras[1].startswith('"You are late,"') and paras[1].endswith('the tide with it."')
    # the paragraph "[Pg 14]" interrupted goes on across it, and so does Mary's quotation
    assert paras[2].startswith('"I know it,"') and paras[2].endswith('it was no use."')
    assert paras[4] == '"Will you sit?" he asked.'  # no page number at either end
    assert len(paras) == 6
    turns = story.turns
    mary = turns[turns["text"].str.startswith("I saw it go")]
    assert len(mary) == 1 and mary.iloc[0]["text"].endswith("it was no use.")
    assert turns["quote"].nunique() == 3
    assert list(turns["paragraph"].drop_duplicates()) == [1, 2, 4]
    words = sum(count_words(re.sub(r"\{\d+\}|\[Pg \d+\]", "", p)) for p in paras)
    assert story.scenes["n_words"].sum() == words  # "12", "Pg" are no words of the story


def test_hidden_page_number_lines_in_split_paragraphs():
    text = "One line goes on and\n{3}\non here.\n\nA new one.\n\n{4}\n\nThe last."
    hidden = [(m, m + 3) for m in (text.index("{3}"), text.index("{4}"))]
    assert [text[a:b] for a, b in split_paragraphs(text, hidden=hidden)] == [
        "One line goes on and\n{3}\non here.", "A new one.", "The last.",
    ]
    # without hidden ranges nothing changes
    assert [text[a:b] for a, b in split_paragraphs(text)] == [
        "One line goes on and\n{3}\non here.", "A new one.", "{4}", "The last.",
    ]
