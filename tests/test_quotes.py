"""Dialogue turns: the gold annotations of the data stories, and each convention on small passages."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fictools
from conftest import STORIES
from fictools.quotes import find_turns
from fictools.scenes import split_paragraphs


def turns(text: str, **kwargs) -> list[tuple[str, int, str]]:
    """``(text, quote, kind)`` of each turn ``find_turns`` finds in ``text`` (one scene)."""
    paras = split_paragraphs(text)
    found = find_turns(text, [(s, e, i, 0) for i, (s, e) in enumerate(paras)], **kwargs)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
    return [(text[t.start : t.end], t.quote, t.kind) for t in found]


def texts(text: str) -> list[str]:
    return [t for t, _, _ in turns(text)]


def quotes(text: str) -> list[int]:
    return [q for _, q, _ in turns(text)]


# --------------------------------------------------------------------------
# the data stories against their gold annotations


def _pred(analyzed, name):
    return analyzed[name].turns


@pytest.mark.parametrize("name", STORIES)
def test_turn_offsets_index_the_text(analyzed, name):
    story = analyzed[name]
    assert len(story.turns)
    for r in story.turns.itertuples(index=False):
        assert story.text[r.start : r.end] == r.text


@pytest.mark.parametrize("name", STORIES)
def test_every_gold_turn_found_exactly(analyzed, gold_stories, name):
    g = gold_stories[name]
    pred = {(r.start, r.end) for r in _pred(analyzed, name).itertuples(index=False)}
    missing = [t.text for t in g.turns if (t.start, t.end) not in pred]
    assert not missing, f"{name}: {len(missing)} gold turns not found exactly: {missing[:10]}"


@pytest.mark.parametrize("name", STORIES)
def test_no_extra_turns(analyzed, gold_stories, name):
    g = gold_stories[name]
    gold = {(t.start, t.end) for t in g.turns}
    extra = [
        r.text
        for r in _pred(analyzed, name).itertuples(index=False)
        if (r.start, r.end) not in gold
    ]
    assert not extra, f"{name}: {len(extra)} turns not in the gold: {extra[:10]}"
    assert len(_pred(analyzed, name)) == len(g.turns)


@pytest.mark.parametrize("name", STORIES)
def test_gold_kinds(analyzed, gold_stories, name):
    g = gold_stories[name]
    kind = {(r.start, r.end): r.kind for r in _pred(analyzed, name).itertuples(index=False)}
    wrong = [
        (t.text, t.kind, kind[(t.start, t.end)])
        for t in g.turns
        if (t.start, t.end) in kind and kind[(t.start, t.end)] != t.kind
    ]
    assert not wrong, f"{name}: (turn, gold kind, predicted kind): {wrong}"
    assert len(kind) >= len(g.turns) * 0.9  # the test above reports the misses


@pytest.mark.parametrize("name", STORIES)
def test_gold_quote_grouping(analyzed, gold_stories, name):
    """Turns share a predicted ``quote`` exactly when they share a gold ``quote``."""
    g = gold_stories[name]
    pq = {(r.start, r.end): r.quote for r in _pred(analyzed, name).itertuples(index=False)}
    matched = [(t, pq[(t.start, t.end)]) for t in g.turns if (t.start, t.end) in pq]
    assert len(matched) >= len(g.turns) * 0.9
    gold_to_pred: dict[int, set[int]] = defaultdict(set)
    pred_to_gold: dict[int, set[int]] = defaultdict(set)
    for t, p in matched:
        gold_to_pred[t.quote].add(p)
        pred_to_gold[p].add(t.quote)
    split = [
        [t.text for t, _ in matched if t.quote == q]
        for q, ps in gold_to_pred.items()
        if len(ps) > 1
    ]
    merged = [
        [t.text for t, p2 in matched if p2 == p] for p, qs in pred_to_gold.items() if len(qs) > 1
    ]
    assert not split and not merged, (
        f"{name}: one gold quotation split into several: {split}; "
        f"different gold quotations merged: {merged}"
    )


# --------------------------------------------------------------------------
# marks: straight, curly, British single


def test_straight_double():
    assert turns('"Hello there," said Tom. "Come in."') == [
        ("Hello there,", 0, "speech"),
        ("Come in.", 0, "speech"),
    ]


def test_curly_double():
    assert texts(
        "\u201cHello there,\u201d said Tom. \u201cCome in.\u201d\n\n\u201cThanks.\u201d"
    ) == [
        "Hello there,",
        "Come in.",
        "Thanks.",
    ]


BRITISH = "\u2018Hello there,\u2019 said Tom. \u2018Come in.\u2019\n\n\u2018Thanks,\u2019 said Ann.\n\n\u2018Don\u2019t mention it.\u2019"


def test_british_curly_single():
    assert turns(BRITISH) == [
        ("Hello there,", 0, "speech"),
        ("Come in.", 0, "speech"),
        ("Thanks,", 1, "speech"),
        ("Don\u2019t mention it.", 2, "speech"),
    ]


def test_straight_single():
    text = "'Hello there,' said Tom. 'Come in.'\n\n'Thanks,' said Ann.\n\n'Don't mention it.'"
    assert texts(text) == ["Hello there,", "Come in.", "Thanks,", "Don't mention it."]


def test_short_british_passage():
    """A story set in single curly marks only, too short to count many of them."""
    text = "\u2018Hello there,\u2019 said Tom. \u2018Come in.\u2019"
    assert texts(text) == ["Hello there,", "Come in."]


def test_short_straight_single_passage():
    text = "'I'm here,' said Tom."
    assert texts(text) == ["I'm here,"]


# --------------------------------------------------------------------------
# apostrophes never split a turn

APOSTROPHES = (
    "don't",
    "Hawkins's",
    "rock 'n' roll",
    "the farmers' market",
    "o'clock",
    "the '90s",
    "bring 'em here",
)


@pytest.mark.parametrize("word", APOSTROPHES)
@pytest.mark.parametrize("style", ["double", "straight_single", "curly_single"])
def test_apostrophes_do_not_split_a_turn(word, style):
    inner = f"We went to {word} and then home again"
    follow = "\n\n{o}Right,{c} said Ann.\n\n{o}Fine.{c}\n\n{o}Good.{c}"
    if style == "double":
        o, c = '"', '"'
    elif style == "straight_single":
        o, c = "'", "'"
    else:
        o, c = "\u2018", "\u2019"
        inner = inner.replace("'", "\u2019")
    text = f"{o}{inner},{c} said Tom." + follow.format(o=o, c=c)
    assert texts(text) == [f"{inner},", "Right,", "Fine.", "Good."]


def test_many_apostrophes_in_one_turn():
    text = (
        "\u2018I don\u2019t want \u2019em here,\u2019 said Tom. \u2018Hawkins\u2019s dog, rock \u2019n\u2019 roll, "
        "the farmers\u2019 market at ten o\u2019clock, back in the \u201990s.\u2019\n\n\u2018Fine,\u2019 said Ann."
        "\n\n\u2018Right.\u2019"
    )
    assert turns(text) == [
        ("I don\u2019t want \u2019em here,", 0, "speech"),
        (
            (
                "Hawkins\u2019s dog, rock \u2019n\u2019 roll, the farmers\u2019 market at ten o\u2019clock, "
                "back in the \u201990s."
            ),
            0,
            "speech",
        ),
        ("Fine,", 1, "speech"),
        ("Right.", 2, "speech"),
    ]


@pytest.mark.parametrize("o,c", [("'", "'"), ("\u2018", "\u2019")])
def test_dialect_elisions_at_the_edges_of_a_line(o, c):
    # a line that opens with D'you; a dropped g right before the comma and the closing mark
    a = "\u2019" if o != "'" else "'"
    text = (
        f"{o}I{a}m goin{a} to the shops,{c} said Mrs Hale. {o}D{a}you want anythin{a}?{c}\n\n"
        f"{o}Nothin{a},{c} said Mr Tibbs. {o}Ta, though.{c}"
    )
    assert texts(text) == [f"I{a}m goin{a} to the shops,", f"D{a}you want anythin{a}?", f"Nothin{a},", "Ta, though."]


def test_apostrophes_in_narration_are_not_turns():
    text = "Tom didn't go to the farmers' market at ten o'clock. It's the '90s all over again, rock 'n' roll."
    assert turns(text) == []


# --------------------------------------------------------------------------
# nesting, broken quotations, speeches over several paragraphs


def test_nested_single_inside_double():
    text = "\"She said 'no' to me,\" said Tom. \"And then 'never' too.\""
    assert turns(text) == [
        ("She said 'no' to me,", 0, "speech"),
        ("And then 'never' too.", 0, "speech"),
    ]


def test_nested_double_inside_single():
    text = (
        "\u2018She said \u201cno\u201d to me,\u2019 said Tom. \u2018And then \u201cnever\u201d.\u2019"
        "\n\n\u2018Fine,\u2019 said Ann.\n\n\u2018Right.\u2019"
    )
    assert texts(text) == [
        "She said \u201cno\u201d to me,",
        "And then \u201cnever\u201d.",
        "Fine,",
        "Right.",
    ]


def test_nested_quote_ending_with_the_outer_one():
    text = "\u201cForty years of string. \u2018You never know,\u2019 she used to say.\u201d\n\n\u201cDon\u2019t.\u201d"
    assert texts(text) == [
        "Forty years of string. \u2018You never know,\u2019 she used to say.",
        "Don\u2019t.",
    ]


def test_broken_quotation_is_two_rows_sharing_quote():
    assert turns('"I don\'t," he said, "want to go."') == [
        ("I don't,", 0, "speech"),
        ("want to go.", 0, "speech"),
    ]


def test_broken_quotation_through_analyze():
    story = fictools.analyze(
        '"I don\'t," he said, "want to go."\n\n"Why not?" she asked.', nlp="blank"
    )
    t = story.turns
    assert list(t["text"]) == ["I don't,", "want to go.", "Why not?"]
    assert t["quote"].iloc[0] == t["quote"].iloc[1] != t["quote"].iloc[2]


def test_two_quotations_in_a_paragraph_after_a_full_sentence():
    text = '"Danny!" Nora screamed. "Danny, hold on!"'
    assert quotes(text) == [0, 0]


def test_quotation_broken_by_a_long_tag():
    text = (
        '"Forty years I\'ve been doing this market," he said to me afterwards, when Bea had gone off '
        "happily with a fresh bun and Josh was pretending he wasn't watching her go, \"and I've never "
        'once seen anything better than that."'
    )
    assert quotes(text) == [0, 0]



@pytest.mark.parametrize(
    "text",
    [
        '"Imprudent people are often kind," said Mrs. Archer; and Mrs. Lane murmured: "If only she had asked."',
        '"Are you coming?" he argued; and she had answered, with her clearest look: "Yes; I am."',
        '"It is late," Tom said, and May replied: "Then go."',
    ],
)
def test_a_second_speech_clause_before_a_colon_opens_a_new_quotation(text):
    assert quotes(text) == [0, 1]


@pytest.mark.parametrize(
    "text",
    [
        '"Like her rivals," said Mr. Jackson; adding: "and worse."',
        '"Come here," she said; and a moment afterward: "Now."',
        '"Well," said Louisa, after another pause, and speaking thoughtfully: "perhaps."',
    ],
)
def test_a_tag_that_runs_on_to_a_colon_keeps_one_quotation(text):
    assert quotes(text) == [0, 0]


def test_two_speakers_each_tagged_after_their_line_are_two_quotations():
    text = (
        '"What have you to do with the dew, ma\'am?" said Mr. Bounderby.  "It\'s not myself, sir," returned '
        'Mrs. Sparsit, "I am fearful of Miss Gradgrind\'s taking cold."  "She never takes cold," said he.'
    )
    assert quotes(text) == [0, 1, 1, 2]


def test_one_speaker_tagged_twice_keeps_the_quotation_whole():
    assert quotes('"Come," said Tom. "It is late," said Tom, "and cold."') == [0, 0, 0]

SPEECH3 = (
    '"This is the first paragraph of a long speech.\n\n'
    '"This is the second, and it goes on.\n\n'
    '"And this is the last," said Tom.\n\n'
    '"Next," said Ann.'
)


def test_speech_over_three_paragraphs():
    assert turns(SPEECH3) == [
        ("This is the first paragraph of a long speech.", 0, "speech"),
        ("This is the second, and it goes on.", 0, "speech"),
        ("And this is the last,", 0, "speech"),
        ("Next,", 1, "speech"),
    ]


def test_speech_over_three_paragraphs_through_analyze():
    story = fictools.analyze(SPEECH3, nlp="blank")
    t = story.turns
    assert len(t) == 4
    assert t["quote"].iloc[0] == t["quote"].iloc[1] == t["quote"].iloc[2] != t["quote"].iloc[3]
    assert t["paragraph"].nunique() == 4


# --------------------------------------------------------------------------
# thoughts and written text


@pytest.mark.parametrize(
    "text, inner",
    [
        ("*He is lying.* She looked away.", "He is lying."),
        ("_He is lying._ She looked away.", "He is lying."),
        ('"He is lying," she thought.', "He is lying,"),
        ("\u201cHe is lying,\u201d she thought.", "He is lying,"),
        ("She looked away. *He is lying to me.*", "He is lying to me."),
        ('"Is he lying?" Iris wondered.', "Is he lying?"),
    ],
)
def test_thoughts(text, inner):
    assert turns(text) == [(inner, 0, "thought")]


def test_italic_thought_broken_by_a_tag():
    text = "_I\u2019m not ready for this,_ she thought. _I\u2019m not ready for any of it._"
    assert turns(text) == [
        ("I\u2019m not ready for this,", 0, "thought"),
        ("I\u2019m not ready for any of it.", 0, "thought"),
    ]


@pytest.mark.parametrize(
    "text, inner",
    [
        (
            '*She said "never" to me, and she meant it.* He looked away.',
            'She said "never" to me, and she meant it.',
        ),
        (
            '_Why did she say "goodbye" like that?_ he wondered.',
            'Why did she say "goodbye" like that?',
        ),
    ],
)
def test_quotation_inside_an_italic_thought_stays_inside(text, inner):
    assert turns(text) == [(inner, 0, "thought")]


def test_italic_word_is_not_a_thought():
    assert turns("It was *very* cold that night, and she wore a _huge_ coat.") == []


@pytest.mark.parametrize(
    "text, inner",
    [
        ('"Meet me at noon," the note read.', "Meet me at noon,"),
        ('"Running late," she texted.', "Running late,"),
        ("\u201cRunning late,\u201d she texted.", "Running late,"),
        ('"Back in five minutes," Tom wrote.', "Back in five minutes,"),
        ('Nell read it by the fire: "My dear Nell, come at once."', "My dear Nell, come at once."),
        ('He read it aloud: "Dinner in ten."', "Dinner in ten."),
    ],
)
def test_written(text, inner):
    assert turns(text) == [(inner, 0, "written")]


def test_letter_introduced_by_a_line():
    text = (
        "The letter read:\n\n"
        "\u201cMy dearest Iris, I am sorry I never told you.\n\n"
        "\u201cThe ring was his. Keep it safe.\u201d\n\n"
        "\u201cOh, Gran,\u201d Iris said."
    )
    assert turns(text) == [
        ("My dearest Iris, I am sorry I never told you.", 0, "written"),
        ("The ring was his. Keep it safe.", 0, "written"),
        ("Oh, Gran,", 1, "speech"),
    ]


# --------------------------------------------------------------------------
# stray marks and scare quotes


def test_unclosed_quote_does_not_swallow_the_next_paragraph():
    text = '"This never closes, he said, and walked off.\n\nThe rain kept on. "Here," said Ann.'
    found = turns(text)
    assert found[0][0] == "This never closes, he said, and walked off."
    assert found[1:] == [("Here,", found[0][1] + 1, "speech")]
    assert not any("The rain" in t for t, _, _ in found)


def test_unclosed_quote_mid_paragraph():
    text = 'Tom said "wait and then left.\n\nAnn stayed behind for a while.'
    assert all("Ann stayed" not in t for t in texts(text))


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "experts" said nothing useful.',
        'He called it a "holiday" and laughed at the idea.',
        'They stayed at the "hotel" for a week.',
        # at the end of a paragraph, in lower case
        'He would not be made to go to one of the newfangled "palaces."',
        'She suspected him of being tainted with "foreignness."\n\n"A job?" she asked.',
        # a word in lower case before a capital that goes on with the sentence
        'He would arrange his library with "sincere" Eastlake furniture and plain bookcases.',
        # a title after a possessive, whatever its punctuation
        'As Madame Nilsson\'s "M\'ama!" thrilled out above the silent house, he looked away.',
        'Above the mantel hung Gainsborough\'s "Lady Angelica du Lac."',
    ],
)
def test_scare_quotes_are_not_turns(text):
    assert all(t != "palaces." and t != "foreignness." for t, _, _ in turns(text))
    assert [t for t, _, _ in turns(text)] in ([], ["A job?"])


@pytest.mark.parametrize(
    "text",
    [
        'Tom looked up from the fire. "Never."',
        'He only answered "tomorrow."',
        'Ann shook her head. "not today, not ever."',
    ],
)
def test_a_line_that_closes_a_paragraph_is_still_a_turn(text):
    assert len(turns(text)) == 1


def test_scare_quote_next_to_dialogue():
    text = 'The so-called "experts" had gone home. "They never knew anything," said Tom.'
    assert texts(text) == ["They never knew anything,"]


@pytest.mark.parametrize(
    "text",
    [
        # each line has its tag before it
        'Sissy submitted, after a little hesitation, "I should not be the worse, Miss Louisa."  '
        'To which Miss Louisa answered, "I don\'t know that."',
        # a description's tag after the first line, a name's after the second
        '"Fact, fact, fact!" said the gentleman.  And "Fact, fact, fact!" repeated Thomas Gradgrind.',
    ],
)
def test_two_speakers_tagged_in_one_paragraph_are_two_quotations(text):
    assert [q for _, q, _ in turns(text)] == [0, 1]


def test_one_speaker_whose_line_a_tag_breaks_is_one_quotation():
    text = '"I don\'t," Tom said, "want to go."  "Nor I," he said, "but we must."'
    assert [q for _, q, _ in turns(text)] == [0, 0, 1, 1]


def test_dropped_apostrophes():
    text = '"I don t know," said Tom. "It s fine, I guess."\n\n"Olivia, whats up?" Cragen asked.'
    assert turns(text) == [
        ("I don t know,", 0, "speech"),
        ("It s fine, I guess.", 0, "speech"),
        ("Olivia, whats up?", 1, "speech"),
    ]


# --------------------------------------------------------------------------
# offsets through the whole pipeline


PASSAGES = [
    BRITISH,
    SPEECH3,
    '"I don\'t," he said, "want to go."',
    "*He is lying.* She looked away.",
    'Header line\r\n\r\n"Windows line ends," said Tom.\r\n\r\n"Still fine."\r\n',
    "\ufeff\u201cA byte order mark,\u201d said Tom.",
    "Caf\u00e9 na\u00efve \u2014 \u201cAccents first,\u201d said Zo\u00eb. \U0001f600 \u201cEmoji too.\u201d",
]


@pytest.mark.parametrize("text", PASSAGES)
def test_turn_text_is_the_span(text):
    story = fictools.analyze(text, nlp="blank")
    assert len(story.turns)
    for r in story.turns.itertuples(index=False):
        assert story.text[r.start : r.end] == r.text
        assert r.text == r.text.strip()


# --------------------------------------------------------------------------
# any text at all

_ALPHABET = st.sampled_from(list("ab Tom said.,!?\n\n\"'\u201c\u201d\u2018\u2019*_-\u2014:"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_find_turns_on_any_text(text):
    paras = split_paragraphs(text)
    found = find_turns(text, [(s, e, i, 0) for i, (s, e) in enumerate(paras)])
    prev_end, prev_quote = -1, -1
    for t in found:
        ps, pe = paras[t.paragraph]
        assert ps <= t.start < t.end <= pe
        assert text[t.start : t.end] == text[t.start : t.end].strip()
        assert t.start >= prev_end  # in order, never overlapping
        assert t.quote in (prev_quote, prev_quote + 1)
        assert t.kind in ("speech", "thought", "written")
        prev_end, prev_quote = t.end, t.quote


def test_a_one_word_thought_after_a_thinking_tag_is_still_a_thought():
    text = "*She's going to make me wait all night,* Aiden thought. *Great.*\n\n\"Sit,\" Mori said."
    assert turns(text) == [
        ("She's going to make me wait all night,", 0, "thought"),
        ("Great.", 0, "thought"),
        ("Sit,", 1, "speech"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "\u00bbWhere is it?\u00ab Ivan asked. \u00bbI left it here.\u00ab\n\n\u00bbGone,\u00ab said Olga.",
        "\u00abWhere is it?\u00bb Ivan asked. \u00abI left it here.\u00bb\n\n\u00ab Gone, \u00bb said Olga.",
    ],
)
def test_guillemets_either_way_round(text):
    assert texts(text) == ["Where is it?", "I left it here.", "Gone,"]


@pytest.mark.parametrize(
    "text,inner",
    [
        ("*Where are you?* Jess had texted.\n\nShe did not answer.", "Where are you?"),
        ("The note said: *Meet me at noon.*", "Meet me at noon."),
        ("He typed *on my way* and hit send.", "on my way"),
    ],
)
def test_italics_set_off_by_writing_are_written(text, inner):
    assert turns(text) == [(inner, 0, "written")]


def test_a_chat_of_name_colon_lines_is_written_by_those_names():
    text = (
        "Jess and Sam had not spoken since Friday.\n\n**Jess:** where are you\n\n**Sam:** on my way\n\n"
        "Jess: hurry up\n\nNote: this line stands alone and is narration.\n"
    )
    story = fictools.analyze(text)
    rows = story.turns[["text", "kind", "speaker"]].values.tolist()
    assert rows == [
        ["where are you", "written", "Jess"],
        ["on my way", "written", "Sam"],
        ["hurry up", "written", "Jess"],
    ]


def test_italics_with_a_speech_tag_are_speech():
    assert turns("_Vive la France!_ cried the sailors.") == [("Vive la France!", 0, "speech")]
    assert turns("*Not again,* she said to herself.") == [("Not again,", 0, "thought")]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a hard-wrapped line breaks inside "as if to say" / "as much as to say"
        ('Nell glanced at her brother as if\nto say: "You see how well he manages."', []),
        ('He stared at the guests, as much as\nto say, "This house is mine, and so is she."', []),
        # ... and inside "the words" that set off a written text
        ('The cards were headed with the\nwords "To meet our cousin from Paris," as was the fashion.', ["written"]),
    ],
)
def test_phrases_of_the_narration_are_read_across_a_line_break(text, kinds):
    # a second paragraph after a blank line: the text is hard-wrapped prose
    assert [k for _, _, k in turns(text + "\n\nThe evening went on without\nanother word.")] == kinds


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a tag after the words says they were never said aloud
        ('"Ask them what they expected," he felt like answering. "You brought it on yourselves."', []),
        ('"Please don\'t leave me here," her frightened eyes begged him.', []),
        ('He turned to Mara, and her crooked smile met him. "We will survive this," it seemed to say.', []),
        ('"You fool," she almost said.', []),
        # ... or the narration before does
        ('Dad gave me a weary look that plainly said, "Not again."', []),
        ('"How could you be so--" She had almost said "cruel."', ["How could you be so--"]),
        # a line said aloud after the unsaid one keeps its turn
        ('"Coward," he longed to retort. "Fine," he said aloud.', ["Fine,"]),
        ('"I almost said no," Ruth laughed.', ["I almost said no,"]),
    ],
)
def test_words_a_tag_leaves_unsaid_are_not_turns(text, said):
    assert texts(text + "\n\nNobody spoke again.") == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('On the train she had finished the new novel of Marguerite Aubry, "The Silent Orchard," and wept.', []),
        ('Over tea Jonah described the play, "A Winter at Kessock," that he had seen in town.', []),
        ('I unfolded the paper and read the column, which was headed\n"Strange Lights Over Harwell."', []),
        # a line spoken about a book is still a line
        ('Tom put down the book. "I never finished it," he said.', ["I never finished it,"]),
    ],
)
def test_a_title_after_what_it_names_is_not_a_turn(text, said):
    assert texts(text + "\n\nNobody spoke again.") == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a double quotation closed by a single mark by mistake
        ('"I never wanted this,\' Mara said, and turned to the window.', ["I never wanted this,"]),
        # ... even when a line follows in the next paragraph, if a tag follows the mark
        (
            '"I never wanted this,\' Mara said.\n\n"Nor I," said Ben.',
            ["I never wanted this,", "Nor I,"],
        ),
        (
            'The sign over the door read "Quigley\'s Fine Tea\' and inside, Ben said, "We\'re too late."',
            ["Quigley's Fine Tea", "We're too late."],
        ),
        # not when the quotation goes on into the next paragraph
        (
            '"I went to the Hendersons\' farm and the lamb was gone.\n\n"So I came home."',
            ["I went to the Hendersons' farm and the lamb was gone.", "So I came home."],
        ),
        # nor when a single mark in it is a nested quote's
        (
            'Tom said, "Listen." Then: "He told me \'wait\' and I waited all night.',
            ["Listen.", "He told me 'wait' and I waited all night."],
        ),
    ],
)
def test_a_double_quotation_closed_by_a_single_mark(text, said):
    assert texts(text + "\n\nNobody spoke again.") == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # speech someone only pictures
        ('"The cake is a little dry," he could fancy his aunt saying. "But the tea is good."', []),
        ('And she could imagine her father adding, with a sniff: "We never did that in my day."', []),
        # a line said aloud by someone who pictures something
        ('"I can see it now," Ruth said, picturing the old house.', ["I can see it now,"]),
        ('"Just imagine," said Tom.', ["Just imagine,"]),
    ],
)
def test_speech_someone_only_pictures_is_not_a_turn(text, said):
    assert texts(text + "\n\nNobody spoke again.") == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a word set in quotes that the sentence goes on to use
        ('"Respectable" families, whatever they suffered, never went to law.', []),
        ('Once again the "Sunday" crowd filled the square.', []),
        # a one-word line whose tag follows without a comma
        ('"Morning" mumbled Jack, still half asleep.', ["Morning"]),
        ('"Hey" she said, and sat down.', ["Hey"]),
        ('"Thanks" everyone said at once.', ["Thanks"]),
        ('The Duke said "Rather" from the depths of his chair.', ["Rather"]),
    ],
)
def test_a_word_in_quotes_that_the_sentence_uses_is_not_a_turn(text, said):
    assert texts(text + "\n\nNobody spoke again.") == said


def test_a_line_said_on_another_occasion_is_another_quotation():
    # "And when Mr. Bounderby said, …": not the rest of the first line; and the tag between the
    # second and third lines introduces the third, whose speaker it names
    text = (
        'Mrs. Sparsit handed the glass to Mr. Bounderby.  "It will do you good, sir."  And when Mr. '
        'Bounderby said, "Your health, ma\'am!" she answered with great feeling, "Thank you, sir."'
    )
    assert [q for _, q, _ in turns(text)] == [0, 1, 2]
