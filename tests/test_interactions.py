"""interactions.py: the interactions table and dialogue share, on hand-made turns and the data stories."""

from __future__ import annotations

import pandas as pd
import pytest

import fictools
from conftest import STORIES
from fictools import schema
from fictools.interactions import dialogue_share, interactions_frame

EXTRA = ["answers", "addresses", "shared_scenes", "evidence"]


def turns(*rows: tuple) -> pd.DataFrame:
    """A turns table from ``(scene, kind, speaker, addressee, n_words[, quote])`` rows, in text order.

    Without a quote number each row is its own quotation.
    """
    out = []
    for i, r in enumerate(rows):
        scene, kind, speaker, addressee, n_words, *rest = r
        quote = rest[0] if rest else i
        out.append(
            {
                "turn": i,
                "quote": quote,
                "scene": scene,
                "paragraph": i,
                "start": 10 * i,
                "end": 10 * i + 5,
                "text": "words",
                "kind": kind,
                "speaker": speaker,
                "addressee": addressee,
                "method": "explicit" if speaker else None,
                "confidence": 1.0 if speaker else float("nan"),
                "n_words": n_words,
            }
        )
    return schema.frame("turns", out)


def pairs(df: pd.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["source"], r["target"]): r for r in df.to_dict("records")}


# --------------------------------------------------------------------------
# interactions on hand-made turns


def test_answers_in_a_scene():
    df = interactions_frame(
        turns((0, "speech", "A", None, 3), (0, "speech", "B", None, 4), (0, "speech", "A", None, 2))
    )
    p = pairs(df)
    assert set(p) == {("A", "B"), ("B", "A")}
    assert p[("B", "A")]["answers"] == 1 and p[("A", "B")]["answers"] == 1
    for r in p.values():
        assert r["turns"] == 1 and r["addresses"] == 0
        assert r["shared_scenes"] == 1 and r["scenes"] == 1
        assert r["evidence"] == "conversation"


def test_repeated_exchanges_are_counted():
    rows = [(0, "speech", s, None, 1) for s in "ABABAB"]
    p = pairs(interactions_frame(turns(*rows)))
    assert p[("B", "A")]["answers"] == 3
    assert p[("A", "B")]["answers"] == 2
    assert p[("B", "A")]["weight"] > p[("A", "B")]["weight"]


def test_same_speaker_twice_is_no_exchange():
    df = interactions_frame(turns((0, "speech", "A", None, 3), (0, "speech", "A", None, 3)))
    assert len(df) == 0


def test_unattributed_speech_breaks_the_chain():
    df = interactions_frame(
        turns(
            (0, "speech", "A", None, 3), (0, "speech", None, None, 3), (0, "speech", "B", None, 3)
        )
    )
    p = pairs(df)
    # A and B share the scene, but nobody is known to answer anybody
    assert set(p) == {("A", "B"), ("B", "A")}
    assert all(r["turns"] == 0 and r["evidence"] == "co-presence" for r in p.values())


def test_thoughts_are_skipped_but_show_presence():
    df = interactions_frame(
        turns(
            (0, "speech", "A", None, 3), (0, "thought", "C", None, 3), (0, "speech", "B", None, 3)
        )
    )
    p = pairs(df)
    assert p[("B", "A")]["answers"] == 1
    assert ("C", "A") in p and ("A", "C") in p
    assert p[("C", "A")]["turns"] == 0 and p[("A", "C")]["turns"] == 0


def test_written_text_shows_no_presence():
    # a letter read in a scene: its writer need not be there
    df = interactions_frame(
        turns(
            (0, "speech", "A", None, 3), (0, "written", "D", None, 30), (0, "speech", "B", None, 3)
        )
    )
    p = pairs(df)
    assert "D" not in set(df["source"]) | set(df["target"])
    assert p[("B", "A")]["answers"] == 1


def test_scenes_separate_conversations():
    df = interactions_frame(turns((0, "speech", "A", None, 3), (1, "speech", "B", None, 3)))
    assert len(df) == 0


def test_addressee():
    df = interactions_frame(turns((0, "speech", "A", "B", 3)), characters=["A", "B"])
    p = pairs(df)
    assert set(p) == {("A", "B")}
    r = p[("A", "B")]
    assert r["addresses"] == 1 and r["answers"] == 0 and r["turns"] == 1
    assert r["shared_scenes"] == 0 and r["scenes"] == 1
    assert r["evidence"] == "conversation"


def test_addressee_wins_over_adjacency():
    df = interactions_frame(
        turns((0, "speech", "A", None, 3), (0, "speech", "B", "C", 3)), characters=["A", "B", "C"]
    )
    p = pairs(df)
    assert p[("B", "C")]["addresses"] == 1
    assert p[("B", "A")]["turns"] == 0  # B spoke to C, not to A: they only share the scene


def test_written_with_addressee_counts():
    df = interactions_frame(turns((0, "written", "A", "B", 30)), characters=["A", "B"])
    assert pairs(df)[("A", "B")]["addresses"] == 1


def test_addressee_who_never_speaks_needs_the_roster():
    t = turns((0, "speech", "A", "B", 3))
    # by default the known characters are the speakers
    assert len(interactions_frame(t)) == 0
    assert len(interactions_frame(t, characters=["A", "B"])) == 1


def test_only_known_characters():
    t = turns(
        (0, "speech", "A", None, 3),
        (0, "speech", "X", None, 3),
        (0, "speech", "B", "the boy", 3),
        (0, "speech", "A", None, 3),
    )
    df = interactions_frame(t, characters=["A", "B"])
    names = set(df["source"]) | set(df["target"])
    assert names == {"A", "B"}
    p = pairs(df)
    # X is unknown: B does not answer anyone; the unknown addressee is ignored, so A answers B
    assert p[("B", "A")]["turns"] == 0
    assert p[("A", "B")]["answers"] == 1


def test_self_address_ignored():
    df = interactions_frame(turns((0, "speech", "A", "A", 3)))
    assert len(df) == 0


def test_a_quote_broken_by_a_tag_is_one_exchange():
    t = turns(
        (0, "speech", "A", None, 3, 0),
        (0, "speech", "B", None, 2, 1),
        (0, "speech", "B", None, 5, 1),
        (0, "speech", "A", None, 2, 2),
    )
    p = pairs(interactions_frame(t))
    assert p[("B", "A")]["answers"] == 1
    assert p[("A", "B")]["answers"] == 1


def test_weight_and_order():
    rows = [(0, "speech", s, None, 1) for s in "ABABA"] + [(1, "speech", s, None, 1) for s in "AC"]
    df = interactions_frame(turns(*rows))
    schema.check("interactions", df)
    assert list(df.columns) == list(schema.TABLES["interactions"]) + EXTRA
    assert df["weight"].sum() == pytest.approx(1.0)
    evidence = df["turns"] + df["scenes"]
    assert list(df["weight"]) == pytest.approx(list(evidence / evidence.sum()))
    assert df["weight"].is_monotonic_decreasing
    assert (df["turns"] == df["answers"] + df["addresses"]).all()


def test_no_turns_gives_an_empty_typed_table():
    for t in (schema.empty("turns"), turns((0, "speech", None, None, 3))):
        df = interactions_frame(t)
        assert len(df) == 0
        schema.check("interactions", df)
        assert list(df.columns) == list(schema.TABLES["interactions"]) + EXTRA
        assert str(df["answers"].dtype) == "int64" and df["evidence"].dtype == object


# --------------------------------------------------------------------------
# interactions on the data stories


@pytest.mark.parametrize("name", STORIES)
def test_story_interactions_invariants(analyzed, name):
    story = analyzed[name]
    it = story.interactions
    schema.check("interactions", it)
    known = set(story.characters["character"])
    assert set(it["source"]) <= known and set(it["target"]) <= known
    assert (it["source"] != it["target"]).all()
    assert not it.duplicated(["source", "target"]).any()
    assert (it["turns"] == it["answers"] + it["addresses"]).all()
    assert (it["scenes"] >= it["shared_scenes"]).all() and (it["scenes"] >= 1).all()
    assert set(it["evidence"]) <= {"conversation", "co-presence"}
    assert ((it["evidence"] == "conversation") == (it["turns"] > 0)).all()
    if len(it):
        assert it["weight"].sum() == pytest.approx(1.0)
    # co-presence is symmetric
    shared = {(r.source, r.target): r.shared_scenes for r in it.itertuples(index=False)}
    for (a, b), n in shared.items():
        assert shared.get((b, a), 0) == n
    # the same as recomputing from the tables
    again = interactions_frame(story.turns, story.characters["character"])
    pd.testing.assert_frame_equal(it.reset_index(drop=True), again)


def test_story_with_conversation(analyzed):
    it = analyzed["harbour_lights"].interactions
    assert len(it) and (it["evidence"] == "conversation").any()


# --------------------------------------------------------------------------
# dialogue share


SHARE_TURNS = turns(
    (0, "speech", "A", None, 10),
    (0, "speech", "B", None, 30),
    (0, "speech", None, None, 99),
    (1, "speech", "A", None, 5),
    (1, "thought", "A", None, 5),
    (2, "speech", "C", None, 40),
)
SHARE_SCENES = schema.frame(
    "scenes",
    [
        {
            "scene": 0,
            "chapter": 0,
            "start": 0,
            "end": 25,
            "heading": None,
            "chapter_title": None,
            "n_words": 9,
        },
        {
            "scene": 1,
            "chapter": 0,
            "start": 25,
            "end": 45,
            "heading": None,
            "chapter_title": None,
            "n_words": 9,
        },
        {
            "scene": 2,
            "chapter": 1,
            "start": 45,
            "end": 99,
            "heading": None,
            "chapter_title": None,
            "n_words": 9,
        },
    ],
)


def test_share_over_the_story():
    df = dialogue_share(SHARE_TURNS)
    assert list(df.columns) == ["character", "words", "turns", "share"]
    assert list(df["character"]) == ["C", "B", "A"]
    assert dict(zip(df["character"], df["words"])) == {"A": 20, "B": 30, "C": 40}
    assert dict(zip(df["character"], df["turns"])) == {"A": 3, "B": 1, "C": 1}
    assert df["share"].sum() == pytest.approx(1.0)
    assert list(df["share"]) == pytest.approx([40 / 90, 30 / 90, 20 / 90])
    by_turns = dialogue_share(SHARE_TURNS, by="turns")
    assert by_turns["character"].iloc[0] == "A"
    assert by_turns["share"].iloc[0] == pytest.approx(3 / 5)


def test_share_per_scene():
    df = dialogue_share(SHARE_TURNS, per="scene")
    assert list(df.columns) == ["scene", "character", "words", "turns", "share"]
    assert str(df["scene"].dtype) == "int64"
    assert df.groupby("scene")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0])
    s0 = df[df["scene"] == 0].set_index("character")["share"]
    assert s0["B"] == pytest.approx(0.75) and s0["A"] == pytest.approx(0.25)
    assert df["scene"].is_monotonic_increasing


def test_share_per_chapter():
    df = dialogue_share(SHARE_TURNS, per="chapter", scenes=SHARE_SCENES)
    assert list(df.columns) == ["chapter", "character", "words", "turns", "share"]
    ch0 = df[df["chapter"] == 0].set_index("character")
    assert ch0.loc["A", "words"] == 20 and ch0.loc["B", "words"] == 30
    assert ch0["share"].sum() == pytest.approx(1.0)
    assert df[df["chapter"] == 1]["share"].tolist() == [1.0]
    with pytest.raises(fictools.InputError):
        dialogue_share(SHARE_TURNS, per="chapter")


def test_share_without_words_is_split_evenly():
    df = dialogue_share(turns((0, "speech", "A", None, 0), (0, "speech", "B", None, 0)))
    assert list(df["share"]) == [0.5, 0.5]


def test_share_bad_arguments():
    with pytest.raises(fictools.InputError, match="by="):
        dialogue_share(SHARE_TURNS, by="letters")
    with pytest.raises(fictools.InputError, match="per="):
        dialogue_share(SHARE_TURNS, per="paragraph")


@pytest.mark.parametrize("per", ["story", "scene", "chapter"])
def test_share_empty(per):
    df = dialogue_share(schema.empty("turns"), per=per, scenes=schema.empty("scenes"))
    assert len(df) == 0
    expected = ([] if per == "story" else [per]) + ["character", "words", "turns", "share"]
    assert list(df.columns) == expected


def test_a_quote_takes_the_speaker_any_of_its_rows_has():
    t = turns(
        (0, "speech", None, None, 3, 0),
        (0, "speech", "A", None, 2, 0),
        (0, "speech", "B", None, 5, 1),
    )
    p = pairs(interactions_frame(t))
    assert p[("B", "A")]["answers"] == 1
