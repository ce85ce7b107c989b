"""nlp.py: resolving the pipeline, and the streamed parse into plain values."""

from __future__ import annotations

import pickle

import pytest

import fictools
from conftest import DATA
from fictools import nlp as nlp_mod
from fictools.nlp import ParsedParagraph, iter_parse, parse
from fictools.scenes import segment
from fictools.sources import read

TEXT = (
    'Mr. Gradgrind looked at the children. "Now, what I want is Facts," he said.\n\n'
    "Sissy Jupe went to Coketown with her father.\n\n"
    "\n\n"
    "It rained. Nobody spoke in Stone Lodge that night."
)


def spans_of(text: str) -> list[tuple[int, int, int]]:
    out, pos = [], 0
    for k, block in enumerate(text.split("\n\n")):
        start = text.index(block, pos) if block else pos
        out.append((start, start + len(block), k))
        pos = start + len(block)
    return out


def reference(nlp, text: str, spans) -> list[ParsedParagraph]:
    """The parse read token by token through spaCy's own attributes."""
    out = []
    for s, e, pi in spans:
        doc = nlp(text[s:e])
        toks = [
            (
                s + t.idx,
                s + t.idx + len(t.text),
                t.text,
                t.lemma_,
                t.pos_,
                t.tag_,
                t.dep_,
                t.head.i,
                t.ent_iob_,
                t.ent_type_,
            )
            for t in doc
        ]
        if len(doc) and doc.has_annotation("SENT_START"):
            sents = [(sent.start, sent.end) for sent in doc.sents]
        else:
            sents = [(0, len(doc))] if len(doc) else []
        out.append(ParsedParagraph(pi, s, toks, sents))
    return out


def test_load_blank_is_cached_and_has_sentences():
    a = nlp_mod.load("blank")
    assert a is nlp_mod.load("blank")
    assert "sentencizer" in a.pipe_names


def test_load_errors():
    with pytest.raises(fictools.ModelNotFoundError, match="pip install"):
        nlp_mod.load("no_such_pipeline_xx")
    with pytest.raises(fictools.InputError, match="nlp="):
        nlp_mod.load(42)


def test_blank_parse_matches_spacy_attributes():
    nlp = nlp_mod.load("blank")
    spans = spans_of(TEXT)
    got = parse(nlp, TEXT, spans)
    assert got == reference(nlp, TEXT, spans)


@pytest.mark.model
def test_trained_parse_matches_spacy_attributes():
    nlp = nlp_mod.load(None)
    text = (DATA / "the_letter.txt").read_text(encoding="utf-8")[:6000] + "\n\n" + TEXT
    src = read(text)
    spans = [(p.start, p.end, p.index) for p in segment(src).text_paragraphs]
    got = parse(nlp, src.text, spans)
    ref = reference(nlp, src.text, spans)
    assert got == ref
    # entities() gives spaCy's entities
    for pp, (s, e, _) in zip(got, spans):
        doc = nlp(src.text[s:e])
        assert list(pp.entities()) == [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def test_tokens_point_into_the_text():
    nlp = nlp_mod.load("blank")
    for pp in parse(nlp, TEXT, spans_of(TEXT)):
        for tok in pp.tokens:
            assert len(tok) == 10
            assert TEXT[tok[0] : tok[1]] == tok[2]
            assert 0 <= tok[7] < len(pp.tokens)
        covered = [i for a, b in pp.sents for i in range(a, b)]
        assert covered == list(range(len(pp.tokens)))


def test_empty_paragraph_has_no_tokens():
    nlp = nlp_mod.load("blank")
    got = parse(nlp, "x", [(0, 0, 7)])
    assert got == [ParsedParagraph(7, 0, [], [])]


def test_parse_is_streamed():
    """A paragraph comes out before the later paragraphs are even read."""
    nlp = nlp_mod.load("blank")
    pulled = []

    class Counting:
        vocab = nlp.vocab

        def pipe(self, texts, batch_size=None):
            def counted():
                for t in texts:
                    pulled.append(t)
                    yield t

            return nlp.pipe(counted(), batch_size=2)

    text = "\n\n".join(f"Paragraph number {i} is here." for i in range(50))
    it = iter_parse(Counting(), text, spans_of(text))
    first = next(it)
    assert first.paragraph == 0 and first.tokens[0][2] == "Paragraph"
    assert len(pulled) < 50
    assert len(list(it)) == 49


def test_labels_and_words_are_shared_and_plain():
    """Equal strings are one object (a long book holds labels once), and everything pickles."""
    nlp = nlp_mod.load("blank")
    text = "The dog barked. The dog slept.\n\nThe dog woke."
    got = parse(nlp, text, spans_of(text))
    the = [t[2] for pp in got for t in pp.tokens if t[2] == "The"]
    assert len(the) == 3 and all(w is the[0] for w in the)
    assert pickle.loads(pickle.dumps(got)) == got
    assert all(type(v) in (int, str) for pp in got for t in pp.tokens for v in t)


def test_a_paragraph_over_the_piece_size_is_parsed_in_pieces_and_comes_out_whole(monkeypatch):
    nlp = nlp_mod.load("blank")
    unit = '"Hello there," said Tom. Ann looked at him and said nothing at all! '
    text = "Before.\n\n" + unit * 40 + "\n\nAfter."
    spans = spans_of(text)
    whole = parse(nlp, text, spans)
    monkeypatch.setattr(nlp_mod, "_PIECE", 300)
    pieces = list(nlp_mod._pieces(text, spans[1][0], spans[1][1], 300))
    assert len(pieces) > 5 and all(b - a <= 300 for a, b in pieces)
    assert [a for a, _ in pieces[1:]] == [b for _, b in pieces[:-1]]  # no gap, no overlap
    split = parse(nlp, text, spans)
    assert [pp.paragraph for pp in split] == [0, 1, 2]
    # cut at sentence ends, the pieces give the same tokens and sentences as one Doc
    assert split == whole


def test_a_paragraph_over_spacy_max_length_is_parsed():
    nlp = nlp_mod.load("blank")
    text = "Word and word. " * 80_000  # 1,200,000 characters: spaCy refuses one Doc of that
    assert len(text) > nlp.max_length
    (pp,) = parse(nlp, text, [(0, len(text), 0)])
    assert len(pp.tokens) == 4 * 80_000
    assert pp.tokens[-1][1] == len(text.rstrip())
    assert len(pp.sents) == 80_000
