"""Bad input never crashes fictools and never loses text (issue 7).

* Property tests: generated texts (quotation marks of every family,
  separators, tags, names, line endings, apostrophes, asterisks, control
  characters) give a Story whose invariants hold (:func:`check_story`).
* ``tests/nasty/``: every file there either gives a Story whose invariants
  hold or raises the FictoolsError that :data:`NASTY` names for it.
* Every error class: a ``FictoolsError`` and the matching built-in, with a
  message that names the path and the fix.
* The command line: one line on stderr, no traceback, a non-zero exit.
"""

from __future__ import annotations

import math
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fictools
from conftest import REPO
from fictools import schema
from fictools.cli import main
from fictools.errors import (
    BinarySourceError,
    DecodingError,
    EmptySourceError,
    FictoolsError,
    FormatError,
    InputError,
    ModelNotFoundError,
    SourceIsDirectoryError,
    SourceNotFoundError,
    SourceReadError,
    SourceUnreadableError,
)

NASTY_DIR = Path(__file__).parent / "nasty"
TABLES = ("scenes", "turns", "characters", "passages", "interactions")


def analyze(source, **kwargs):
    return fictools.analyze(source, nlp="blank", **kwargs)


# --------------------------------------------------------------------------
# the invariants


def check_story(story, text: str | None = None) -> None:
    """Assert every invariant of issue 7 on ``story`` (and that its text is ``text``)."""
    t = story.text
    if text is not None:
        assert t == text, "the story's text is not the text given"
    n = len(t)
    cs, ce = story.source.content
    assert 0 <= cs <= ce <= n

    for name in TABLES:
        schema.check(name, getattr(story, name))
    if story.paragraphs is not None:
        schema.check("paragraphs", story.paragraphs)

    # every span within the text
    for name in ("scenes", "turns", "passages"):
        df = getattr(story, name)
        for s, e in zip(df["start"], df["end"]):
            assert 0 <= s <= e <= n, f"{name}: span ({s}, {e}) outside the text (length {n})"

    # scenes partition the content; an empty story has none
    sc = story.scenes
    if not t[cs:ce].strip():
        assert len(sc) == 0, "a story without content has scenes"
    else:
        assert len(sc) > 0, "a story with content has no scenes"
    if len(sc):
        assert list(sc["scene"]) == list(range(len(sc)))
        assert sc["start"].iloc[0] == cs, "the first scene does not start where the content does"
        assert sc["end"].iloc[-1] == ce, "the last scene does not end where the content does"
        assert list(sc["end"].iloc[:-1]) == list(sc["start"].iloc[1:]), (
            "scenes leave a gap or overlap"
        )
        assert (sc["start"] < sc["end"]).all(), "an empty scene"
        assert sc["chapter"].is_monotonic_increasing and (sc["chapter"] >= 0).all()
        assert (sc["n_words"] >= 0).all()

    # turns: the words inside the marks, in their scene
    tr = story.turns
    bounds = dict(zip(sc["scene"], zip(sc["start"], sc["end"])))
    for r in tr.itertuples(index=False):
        assert t[r.start : r.end] == r.text, f"turn {r.turn}: text[start:end] != text"
        assert r.start < r.end and r.text.strip() == r.text, f"turn {r.turn}: {r.text!r}"
        assert r.kind in ("speech", "thought", "written")
        s0, s1 = bounds[r.scene]
        assert s0 <= r.start and r.end <= s1, f"turn {r.turn} is outside its scene {r.scene}"
        assert r.n_words >= 0
    assert list(tr["turn"]) == list(range(len(tr)))
    assert tr["quote"].is_monotonic_increasing and (tr["quote"] >= 0).all()
    assert tr["start"].is_monotonic_increasing

    # passages: in a scene, a position in narrative time, scores in range
    ps = story.passages
    assert set(ps["scene"]) <= set(sc["scene"])
    for col, lo, hi in (("position", 0, 1), ("polarity", -1, 1), ("subjectivity", 0, 1)):
        values = ps[col].to_numpy(dtype=float)
        assert all(math.isfinite(v) and lo - 1e-9 <= v <= hi + 1e-9 for v in values), col

    # characters and interactions
    ch = story.characters
    assert ch["character"].is_unique and all(
        isinstance(c, str) and c.strip() for c in ch["character"]
    )
    assert all(isinstance(a, list) for a in ch["aliases"])
    speakers = set(tr["speaker"].dropna())
    assert speakers <= set(ch["character"]), (
        f"speakers not in the roster: {speakers - set(ch['character'])}"
    )
    if ch["n_turns"].sum():
        assert math.isclose(ch["dialogue_share"].sum(), 1.0, rel_tol=1e-6)
    it = story.interactions
    assert set(it["source"]) | set(it["target"]) <= set(ch["character"])
    if len(it):
        assert math.isclose(it["weight"].sum(), 1.0, rel_tol=1e-6)


def assert_same(a, b) -> None:
    """Two analyses of the same input give the same tables."""
    assert a.text == b.text
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def _names_a_path(text: str) -> bool:
    """A short one-line str naming a file or folder that exists is read as that path (README)."""
    if "\n" in text or "\r" in text or len(text) > 1024:
        return False
    try:
        return os.path.exists(os.path.expanduser(text))
    except (ValueError, OSError):
        return False


def check_text(text: str) -> None:
    """Analyse ``text`` twice: the invariants hold and the results are the same."""
    if _names_a_path(text):  # ".", "~", "src": not a story at all
        try:
            check_story(analyze(text))
        except FictoolsError:
            pass
        return
    try:
        story = analyze(text)
    except (SourceNotFoundError, InputError):
        # a short one-line str that looks like a file name is read as a path (README)
        assert "\n" not in text and "\r" not in text and len(text) <= 1024
        return
    check_story(story, text)
    assert_same(story, analyze(text))


# --------------------------------------------------------------------------
# odd but valid texts


ODD_TEXTS = {
    "empty": "",
    "whitespace only": "  \n\n\t \r\n \u00a0 \n",
    "one word": "Hello",
    "one word and a newline": "Hello\n",
    "only separators": "* * *\n\n***\n\n~~~\n\noOo\n\n-x-\n",
    "only dialogue": '"Hi."\n\n"Hello."\n\n\u201cBye.\u201d\n\n\u2018Yes.\u2019\n',
    "unclosed quotes": 'She said, "I am going\n\nand then he left. "Wait\n\n"And "this" too.\n',
    "unopened quotes": 'I am going," she said.\n\nThen what" he said."\n\n\u201d\u201d\u2019\n',
    "nested quotes": (
        "\"He said 'no' to \u00abme\u00bb and \u201cyes\u201d to \u2018you\u2019,\" she said.\n\n"
        "'I \"think\" \u201cso\u201d \u2039maybe\u203a,' said Tom.\n\n"
        "\u201cShe wrote \u2018\u201cHi,\u201d he said\u2019 on the card,\u201d Ann said.\n"
    ),
    "control characters": (
        'He\x00llo \x01\x02 said \x7f Tom.\u200b\ufeff"Hi\x1f," said Tom.\n'
        '\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 more \x1b[31mred\x1b[0m\n\n\ufeff"Yes," Ann said.\x00\n'
    ),
    "emoji and right to left": (
        '"\u05e9\u05dc\u05d5\u05dd \U0001f44b\U0001f3fd," said Tom. "\u0645\u0631\u062d\u0628\u0627" '
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\n\n\u202eevil\u202c text \u200f\u05d0\u200e\n"
    ),
    "guillemets": "\u00abBonjour\u00bb, dit-il. \u00ab Salut ! \u00bb r\u00e9pondit Marie.\n\n\u00bbHallo\u00ab, sagte er.\n",
    "dash dialogue": "\u2014 Hello, she said.\n\n\u2014 Hi, he replied. \u2014 How are you?\n\n\u2013 Fine.\n",
    "CRLF": '"Hi," said Tom.\r\n\r\nChapter 2\r\n\r\n"Bye," said Ann.\r\n* * *\r\n\r\nEnd.\r\n',
    "lone CR": '"Hi," said Tom.\r\r* * *\r\r"Bye," said Ann.\r',
    "HTML fragment with a script": (
        '<p>"Hi," said Tom.</p><script>alert("x"); var s = "</p>";</script>\n\n'
        "<b>bold</b> &amp; <i>it</i>\n"
    ),
    "only quotation marks": '"""""\n\n\'\'\'\'\n\n\u201c\u201d\u201c\u201d\n\n\u00ab\u00bb\n',
    "a lone mark": '"',
    "a lone asterisk": "*",
    "asterisks and underscores": "**\n\n*a*\n\n_ _\n\n*_*_\n\n__init__ and *\n",
    "a chapter heading only": "Chapter 1\n",
    "a scene header only": "Later that night\n",
    "an author's note only": "A/N: hi\n",
    "headings and matter only": "A/N: hi\n\nChapter 1\n\n* * *\n\nThe End\n",
}


@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_odd_texts(text: str) -> None:
    check_text(text)


def test_empty_story_has_empty_tables_with_the_right_columns() -> None:
    story = analyze("")
    for name in TABLES:
        assert len(getattr(story, name)) == 0
        schema.check(name, getattr(story, name))


def test_long_paragraph_without_dialogue() -> None:
    """One paragraph of 150,000 words (900,000 characters)."""
    text = " ".join(["word"] * 150_000)
    check_story(analyze(text), text)


def test_200000_word_paragraph() -> None:
    """One paragraph of 200,000 words with dialogue: over spaCy's max_length in one piece."""
    unit = '"Hello there," said Tom. Ann looked at him for a while and said nothing at all. '
    text = unit * (200_000 // len(unit.split()) + 1)
    check_story(analyze(text), text)


# --------------------------------------------------------------------------
# generated texts

_MARKS = list(
    "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b\u300c\u300d`"
)
_PIECES = [
    *_MARKS,
    *(m + "Hi" for m in _MARKS[:12]),
    *("go" + m for m in _MARKS[:12]),
    " said Tom",
    " Ann asked",
    ", she thought",
    " he wrote",
    " said the old man",
    " replied Dr. Hale",
    "Tom",
    "Ann",
    "Mrs. Price",
    "Elliot",
    "Olivia",
    "she",
    "he",
    "I",
    "don't",
    "'em",
    "farmers'",
    "o'clock",
    "rock 'n' roll",
    "Hawkins's",
    "goin'",
    "*",
    "**",
    "_",
    "*Home.*",
    "_I can't._",
    "\u2014",
    "\u2013",
    "-",
    "...",
    "\u2026",
    ".",
    ",",
    "!",
    "?",
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    " ",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\r\r",
    "\n\n* * *\n\n",
    "\n\noOo\n\n",
    "\n\n~~~\n\n",
    "\n\n#\n\n",
    "\n\nChapter 3\n\n",
    "\n\nCHAPTER IX\n\n",
    "\n\nLater that night\n\n",
    "\n\nA/N: thanks!\n\n",
    "\n\nThe End\n\n",
    "\n\nPlease review!\n\n",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x7f",
    "\x85",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u202e",
    "\U0001f600",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    "&amp;",
    "hello",
    "the sea",
    "was",
    "and",
    "Yes",
    "No",
    "Later",
]
_GENERATED = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=80).map(
    "".join
)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_GENERATED)
def test_generated_texts(text: str) -> None:
    check_text(text)


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.text(max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    check_text(text)


@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(_GENERATED, st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_files(tmp_path_factory: pytest.TempPathFactory, text: str, eol: str) -> None:
    """Through the path API: the file's text, decoded, is the story's text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", eol)
    path = tmp_path_factory.mktemp("gen") / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        story = analyze(path)
    except (EmptySourceError, BinarySourceError) as e:
        assert str(path) in str(e)
        return
    check_story(story, text.removeprefix("\ufeff"))


# --------------------------------------------------------------------------
# tests/nasty: each file gives a Story whose invariants hold, or this error

STORY = None  # the file gives a Story

#: file name -> (what it is, STORY or the FictoolsError it raises)
NASTY: dict[str, tuple[str, type[FictoolsError] | None]] = {
    "all_matter.txt": ("author's notes, a disclaimer and 'please review' only", STORY),
    "bad_utf8_after_bom.txt": ("a UTF-8 BOM, then bytes that are not UTF-8", DecodingError),
    "bad_meta_charset.html": ("HTML declaring a charset Python does not know", STORY),
    "control_chars.txt": ("a story with scattered control characters", STORY),
    "control_dense.txt": ("more control characters than text", BinarySourceError),
    "cp1252_curly.txt": ("Windows-1252 with curly quotes (0x93, 0x94)", STORY),
    "cr_only.txt": ("old Mac line endings (\\r)", STORY),
    "crlf.txt": ("Windows line endings (\\r\\n)", STORY),
    "dash_dialogue.txt": ("dialogue introduced by dashes", STORY),
    "deeply_nested.html": ("5,000 nested <div>s", STORY),
    "emoji_rtl.txt": ("emoji, ZWJ sequences, Hebrew and Arabic, bidi controls", STORY),
    "empty.txt": ("0 bytes", EmptySourceError),
    "empty_chapter.epub": ("an EPUB whose only chapter is empty", FormatError),
    "gutenberg_empty_body.txt": ("Gutenberg START and END lines and nothing between", STORY),
    "gutenberg_no_end.txt": ("a Gutenberg START line without an END line", STORY),
    "guillemets.txt": ("French and German guillemets", STORY),
    "html_entities.html": ("broken and odd character references", STORY),
    "html_fragment.txt": ("a .txt holding HTML with a <script>", STORY),
    "image.png": ("a PNG image", BinarySourceError),
    "jpeg_named.txt": ("a JPEG image named .txt", BinarySourceError),
    "latin1.txt": ("ISO-8859-1", STORY),
    "mixed_line_endings.txt": ("\\r\\n, \\r and \\n in one file", STORY),
    "mojibake.txt": ("UTF-8 read as cp1252 and saved again", STORY),
    "nested_quotes.txt": ("quotations inside quotations, every family", STORY),
    "no_container.epub": ("a ZIP that says it is an EPUB but has no package", FormatError),
    "not_an_epub.epub": ("a text file named .epub", FormatError),
    "only_breaks.html": ("HTML with <br> and <hr> only", FormatError),
    "only_dialogue.txt": ("nothing but quotations", STORY),
    "only_separators.txt": ("scene breaks only", STORY),
    "one_word.txt": ("one word", STORY),
    "pdf.pdf": ("a PDF", BinarySourceError),
    "script_only.html": ("HTML whose only text is in <script> and <style>", FormatError),
    "script_and_story.html": ("a story page with scripts around it", STORY),
    "stray_nul.txt": ("a UTF-8 story with one NUL byte in it", STORY),
    "surrogate_bytes.txt": ("CESU-8 surrogates and bytes past U+10FFFF", STORY),
    "truncated.epub": ("the first bytes of an EPUB only", FormatError),
    "truncated_utf16.txt": ("UTF-16 with a BOM and an odd number of bytes", DecodingError),
    "unclosed_quotes.txt": ("quotations that never close", STORY),
    "unclosed_tags.html": ("20,000 <b> tags never closed", STORY),
    "unopened_quotes.txt": ("closing marks with nothing open", STORY),
    "utf16_bom.txt": ("UTF-16-LE with a BOM", STORY),
    "utf16_no_bom.txt": ("UTF-16-LE without a BOM", STORY),
    "utf8_bom.txt": ("UTF-8 with a BOM", STORY),
    "whitespace_only.txt": ("spaces, tabs and newlines", EmptySourceError),
    "xml_entity_bomb.html": ("the billion laughs (entities are not expanded)", STORY),
    "zip_named.txt": ("a ZIP archive named .txt", BinarySourceError),
}


def test_nasty_table_lists_every_file() -> None:
    files = {p.name for p in NASTY_DIR.iterdir() if p.is_file()}
    assert files == set(NASTY), (
        f"files without an expectation: {sorted(files - set(NASTY))}; "
        f"expectations without a file: {sorted(set(NASTY) - files)}"
    )


@pytest.mark.parametrize("name", sorted(NASTY))
def test_nasty_file(name: str) -> None:
    path = NASTY_DIR / name
    what, expected = NASTY[name]
    if expected is STORY:
        story = analyze(path)
        check_story(story)
        assert story.source.path == str(path)
        assert_same(story, analyze(path))
    else:
        with pytest.raises(expected) as info:
            analyze(path)
        message = str(info.value)
        assert str(path) in message, f"{what}: the message does not name the file: {message}"
        assert len(message) > 60 and "\n" not in message.strip(), message
        assert "Traceback" not in message


def test_nasty_text_is_kept() -> None:
    """A file's decoded text is the story's text, control characters, NULs and all."""
    story = analyze(NASTY_DIR / "stray_nul.txt")
    assert story.text == (NASTY_DIR / "stray_nul.txt").read_bytes().decode("utf-8")
    story = analyze(NASTY_DIR / "crlf.txt")
    assert "\r\n" in story.text and story.text == (NASTY_DIR / "crlf.txt").read_bytes().decode()
    story = analyze(NASTY_DIR / "utf8_bom.txt")
    assert story.text == (NASTY_DIR / "utf8_bom.txt").read_bytes().decode("utf-8-sig")


# --------------------------------------------------------------------------
# every error: a FictoolsError and the built-in, naming the path and the fix


def _raises(exc: type[BaseException], builtin: type[BaseException], call, *words: str) -> str:
    with pytest.raises(exc) as info:
        call()
    e = info.value
    assert isinstance(e, FictoolsError) and isinstance(e, builtin), type(e).__mro__
    message = str(e)
    for w in words:
        assert w in message, f"{w!r} not in {message!r}"
    return message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "stroy.txt"
    (tmp_path / "story.txt").write_text("Hello.\n")
    msg = _raises(SourceNotFoundError, FileNotFoundError, lambda: fictools.read(path), str(path))
    assert "Did you mean" in msg and "story.txt" in msg


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "story.txt"
    link.symlink_to(tmp_path / "gone.txt")
    _raises(
        SourceNotFoundError,
        FileNotFoundError,
        lambda: fictools.read(link),
        str(link),
        "Check the path",
    )


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n")
    msg = _raises(
        SourceIsDirectoryError, IsADirectoryError, lambda: fictools.read(tmp_path), str(tmp_path)
    )
    assert "analyze_many" in msg and "a.txt" in msg


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Hello.\n")
    if os.geteuid() != 0:  # root reads anything: there, simulate the refusal
        path.chmod(0)
    else:
        real_open = open

        def refuse(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", refuse)
    msg = _raises(
        SourceUnreadableError, PermissionError, lambda: fictools.read(path), str(path), "chmod"
    )
    assert "permission" in msg.lower()


def test_folder_on_the_path_not_searchable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked" / "story.txt"
    real_stat = os.stat

    def refuse(p, *args, **kwargs):
        if os.fspath(p) == str(path):
            raise PermissionError(13, "Permission denied", str(p))
        return real_stat(p, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refuse)
    _raises(SourceUnreadableError, PermissionError, lambda: fictools.read(path), str(path))


def test_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Hello.\n")
    real_open = open

    def fail(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise OSError(5, "Input/output error", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fail)
    _raises(SourceReadError, OSError, lambda: fictools.read(path), str(path), "Input/output error")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused() -> None:
    _raises(BinarySourceError, ValueError, lambda: fictools.read("/dev/zero"), "/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_is_read(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "story.pipe"
    os.mkfifo(fifo)
    text = '"Hi," said Tom.\n'
    writer = threading.Thread(target=lambda: fifo.write_text(text))
    writer.start()
    try:
        story = analyze(fifo)
    finally:
        writer.join(5)
    assert story.text == text
    check_story(story, text)


def test_empty_and_binary(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _raises(EmptySourceError, ValueError, lambda: fictools.read(empty), str(empty), "empty")
    png = tmp_path / "cover.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    _raises(BinarySourceError, ValueError, lambda: fictools.read(png), str(png), "PNG")


def test_decoding_error_is_a_unicode_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("caf\u00e9 ".encode() * 1000)
    msg = _raises(
        DecodingError,
        UnicodeDecodeError,
        lambda: fictools.read(path, encoding="ascii"),
        str(path),
        "encoding=None",
    )
    try:
        fictools.read(path, encoding="ascii")
    except UnicodeError as e:  # the built-in's attributes are there, and small
        assert e.encoding == "ascii" and e.object[e.start : e.end] == b"\xc3"
        assert len(e.object) < 100 and str(e) == msg
    # pickles (worker processes send errors back) with its message
    e2 = pickle.loads(pickle.dumps(DecodingError("m", "utf-8", b"\xff", 0, 1)))
    assert type(e2) is DecodingError and str(e2) == "m" and e2.encoding == "utf-8"


def test_format_errors(tmp_path: Path) -> None:
    fake = tmp_path / "story.epub"
    fake.write_text("Just text.\n")
    _raises(FormatError, ValueError, lambda: fictools.read(fake), str(fake), "EPUB")
    _raises(
        FormatError,
        ValueError,
        lambda: fictools.read("Hello\n", format="gutenberg"),
        "format='text'",
    )


def test_model_not_found() -> None:
    _raises(
        ModelNotFoundError,
        OSError,
        lambda: fictools.analyze("Hi.", nlp="no_such_model_xyz"),
        "pip install",
    )


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: fictools.read(None), ("NoneType", "Pass a path")),
        (lambda: fictools.read(42), ("int",)),
        (lambda: fictools.read(b"Hello", encoding=5), ("encoding=",)),
        (lambda: fictools.read(b"Hello", encoding="no-such-codec"), ("encoding=", "utf-8")),
        (lambda: fictools.read("Hello", format="docx"), ("format",)),
        (lambda: fictools.read("Hello", title=3), ("title=",)),
        (lambda: fictools.read("http://example.org/works/1"), ("never downloads",)),
        (lambda: analyze("Hello", passages="chapter"), ("passages=",)),
        (lambda: analyze("Hello", passages=0), ("passages=",)),
        (lambda: analyze("Hello", characters=5), ("characters=",)),
        (lambda: analyze("Hello", sentiment="nope"), ("sentiment=",)),
        (lambda: fictools.analyze("Hello", nlp=5), ("nlp=",)),
    ],
)
def test_bad_arguments_are_input_errors(call, words) -> None:
    _raises(InputError, ValueError, call, *words)


def test_story_methods_reject_bad_arguments() -> None:
    story = analyze('"Hi," said Tom. "Bye," said Ann.\n\nTom left.\n')
    for call in (
        lambda: story.arc(points=0),
        lambda: story.arc(smooth="wobbly"),
        lambda: story.arc(window=2),
        lambda: story.arc(by="page"),
        lambda: story.arc(column="nope"),
        lambda: story.dialogue_share(by="letters"),
        lambda: story.dialogue_share(per="page"),
        lambda: story.scene_text(99),
        lambda: story.export_graph("graph.png"),
        lambda: story.plot_dialogue_share(by="letters"),
        lambda: story.plot_timeline(by="letters"),
    ):
        with pytest.raises(InputError):
            call()


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda s: analyze("Hi.", characters={"Tom": 1}), id="characters-mapping-of-int"
        ),
        pytest.param(lambda s: analyze("Hi.", characters=[""]), id="characters-empty-name"),
        pytest.param(
            lambda s: analyze("Hi.", sentiment=lambda t: 1 / 0), id="sentiment-scorer-raises"
        ),
        pytest.param(lambda s: fictools.analyze_many(5), id="analyze-many-int"),
    ],
)
def test_more_bad_arguments_are_input_errors(call) -> None:
    story = analyze('"Hi," said Tom. "Bye," said Ann.\n\nTom left.\n')
    with pytest.raises(InputError):
        call(story)


# --------------------------------------------------------------------------
# Story methods and charts: every bad argument is an InputError naming it


@pytest.fixture(scope="module")
def small_story():
    return analyze('"Hi," said Tom. "Bye," said Ann.\n\nTom left.\n')


@pytest.fixture
def charts():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import fictools.plot

    yield fictools.plot
    plt.close("all")


def _plot(name):
    """A chart of fictools.plot, looked up when called."""
    import fictools.plot

    return getattr(fictools.plot, name)


def _arc_shape(arc):
    from fictools.arcs import arc_shape

    return arc_shape(arc)


# (call on the small story, words the message holds: the argument and the value given)
BAD_STORY_ARGUMENTS = {
    # fixed from the known-failure list
    "arc-characters-int": (lambda s: s.arc(by="character", characters=5), ("characters=", "5", "Tom")),
    "arc-components-str": (lambda s: s.arc(smooth="dct", components="x"), ("components=", "'x'")),
    "summary-top-str": (lambda s: s.summary(top="x"), ("top=", "'x'")),
    "plot-top-0": (lambda s: s.plot_dialogue_share(top=0), ("top=", "0")),
    "plot-ax-int": (lambda s: s.plot_arc(ax=5), ("ax=", "5", "Axes")),
    "plot-timeline-int": (lambda s: _plot("plot_timeline")(5), ("plot_timeline", "Story", "5")),
    # arcs
    "arc-points-huge": (lambda s: s.arc(points=10**12), ("points=", "100,000")),
    "arc-points-float": (lambda s: s.arc(points=10.0), ("points=", "10.0")),
    "arc-points-bool": (lambda s: s.arc(points=True), ("points=", "True")),
    "arc-window-nan": (lambda s: s.arc(window=float("nan")), ("window=", "nan")),
    "arc-window-str": (lambda s: s.arc(window="0.1"), ("window=", "'0.1'")),
    "arc-smooth-list": (lambda s: s.arc(smooth=["dct"]), ("smooth=", "['dct']")),
    "arc-components-nan": (lambda s: s.arc(smooth="dct", components=float("nan")), ("components=",)),
    "arc-components-negative": (lambda s: s.arc(smooth="dct", components=-2), ("components=", "-2")),
    "arc-components-any-smoother": (lambda s: s.arc(components=0), ("components=", "0")),
    "arc-components-by-character": (
        lambda s: s.arc(by="character", smooth="dct", components=2.5), ("components=", "2.5"),
    ),
    "arc-characters-not-names": (lambda s: s.arc(by="character", characters=[1, 2]), ("characters=",)),
    "arc-characters-unknown": (lambda s: s.arc(by="character", characters=["Zed"]), ("characters=", "Zed", "Tom")),
    "arc-source-list": (lambda s: s.arc(by="character", source=["lines"]), ("source=",)),
    "arc-by-list": (lambda s: s.arc(by=["scene"]), ("by=", "['scene']")),
    "arc-shape-window": (lambda s: s.arc_shape(window=0), ("window=", "0")),
    "arc-shape-of-text": (lambda s: _arc_shape("rise"), ("arc_shape", "'rise'")),
    "arc-shape-of-a-number": (lambda s: _arc_shape(5), ("arc_shape", "5")),
    "arc-shape-of-a-character-arc": (
        lambda s: _arc_shape(s.arc(by="character")), ("arc_shape", "character"),
    ),
    # views and display
    "summary-top-negative": (lambda s: s.summary(top=-1), ("top=", "-1")),
    "summary-top-float": (lambda s: s.summary(top=2.5), ("top=", "2.5")),
    "repr-html-top-str": (lambda s: s._repr_html_(top="x"), ("top=", "'x'")),
    "scene-text-str": (lambda s: s.scene_text("0"), ("scene=", "'0'", "0 to")),
    "scene-text-list": (lambda s: s.scene_text([0, 1]), ("scene=", "[0, 1]")),
    "scene-text-bool": (lambda s: s.scene_text(True), ("scene=", "True")),
    "scene-text-negative": (lambda s: s.scene_text(-1), ("scene=", "-1")),
    # export
    "export-folder-int": (lambda s: s.export(5), ("export()", "5")),
    "export-folder-nul": (lambda s: s.export("out\x00"), ("export()",)),
    "export-format-int": (lambda s: s.export("unused", format=5), ("format=", "5", "csv")),
    "export-graph-path-none": (lambda s: s.export_graph(None), ("export_graph()", "None")),
    "export-graph-format-int": (lambda s: s.export_graph("g.gexf", format=5), ("format=", "5", "graphml")),
    # charts: the arguments
    "plot-arc-characters-int": (lambda s: s.plot_arc(by="character", characters=5), ("characters=", "5")),
    "plot-arc-components": (lambda s: s.plot_arc(smooth="dct", components="x"), ("components=", "'x'")),
    "plot-arc-colors-list": (lambda s: s.plot_arc(by="character", colors=["red"]), ("colors=", "['red']")),
    "plot-share-top-str": (lambda s: s.plot_dialogue_share(top="5"), ("top=", "'5'")),
    "plot-share-by-table": (lambda s: _plot("plot_dialogue_share")(s.dialogue_share(), by="x"), ("by=", "'x'")),
    "plot-share-ax-str": (lambda s: s.plot_dialogue_share(ax="left"), ("ax=", "'left'")),
    "plot-interactions-min-weight": (lambda s: s.plot_interactions(min_weight="0.1"), ("min_weight=", "'0.1'")),
    "plot-interactions-seed": (lambda s: s.plot_interactions(seed=-1), ("seed=", "-1")),
    "plot-interactions-seed-str": (lambda s: s.plot_interactions(seed="x"), ("seed=", "'x'")),
    "plot-heatmap-value-text": (lambda s: s.plot_interaction_heatmap(value="evidence"), ("value=", "'evidence'", "weight")),
    "plot-heatmap-value-int": (lambda s: s.plot_interaction_heatmap(value=3), ("value=", "3")),
    "plot-timeline-by": (lambda s: _plot("plot_timeline")(s.dialogue_share(per="scene"), by="x"), ("by=", "'x'")),
    "plot-timeline-colors": (lambda s: s.plot_timeline(colors="red"), ("colors=", "'red'")),
    "character-colors-int": (lambda s: _plot("character_colors")(5), ("character_colors", "5")),
    "character-colors-table": (
        lambda s: _plot("character_colors")(s.turns.drop(columns="speaker")), ("character_colors", "'character'"),
    ),
    # charts: matplotlib refusing the keyword arguments passed on to it
    "plot-arc-kwarg": (lambda s: s.plot_arc(colour="red"), ("plot_arc", "colour='red'", "ax.plot")),
    "plot-share-kwarg": (lambda s: s.plot_dialogue_share(color="no-such-colour"), ("color='no-such-colour'",)),
    "plot-share-colors": (lambda s: s.plot_dialogue_share(colors={"Tom": "nope"}), ("colors=",)),
    "plot-interactions-kwarg": (lambda s: s.plot_interactions(bogus=1), ("bogus=1",)),
    "plot-heatmap-kwarg": (lambda s: s.plot_interaction_heatmap(cmap="no-such-map"), ("cmap='no-such-map'",)),
    "plot-timeline-kwarg": (lambda s: s.plot_timeline(marker=5.5), ("marker=5.5", "ax.scatter")),
}  # fmt: skip


#: the cases that need a story with interactions to draw (conftest's harbour_lights)
NEEDS_INTERACTIONS = {"plot-interactions-kwarg", "plot-heatmap-kwarg"}


@pytest.mark.parametrize("case", BAD_STORY_ARGUMENTS)
def test_story_and_chart_arguments_are_input_errors(request, small_story, charts, case) -> None:
    call, words = BAD_STORY_ARGUMENTS[case]
    s = request.getfixturevalue("story") if case in NEEDS_INTERACTIONS else small_story
    message = _raises(InputError, ValueError, lambda: call(s), *words)
    assert "\n" not in message and "Traceback" not in message


#: what each chart draws besides a Story, with something that is neither
CHART_DATA = {
    "plot_arc": ("Story.arc()", ["position", "smoothed"]),
    "plot_dialogue_share": ("dialogue_share()", ["character", "share"]),
    "plot_interactions": ("interactions", ["source", "target", "weight"]),
    "plot_interaction_heatmap": ("interactions", ["source", "target", "weight"]),
    "plot_timeline": ("dialogue_share(per='scene')", ["scene", "character", "words"]),
}
NOT_CHART_DATA = {
    "int": 5,
    "None": None,
    "str": "story.txt",
    "list of numbers": [1, 2, 3],
    "no columns": pd.DataFrame(),
    "other columns": pd.DataFrame({"x": [1, 2]}),
    "records with other keys": [{"a": 1}],
}


@pytest.mark.parametrize("data", NOT_CHART_DATA.values(), ids=NOT_CHART_DATA.keys())
@pytest.mark.parametrize("name", CHART_DATA)
def test_charts_refuse_what_they_do_not_draw(charts, name, data) -> None:
    what, columns = CHART_DATA[name]
    message = _raises(
        InputError, ValueError, lambda: getattr(charts, name)(data), name, "Story", what
    )
    if isinstance(data, pd.DataFrame):
        assert all(c in message for c in columns), message


@pytest.mark.parametrize(
    "name, table",
    [
        ("plot_arc", pd.DataFrame({"position": [0.0, 1.0], "smoothed": ["low", "high"]})),
        ("plot_dialogue_share", pd.DataFrame({"character": ["Tom"], "share": ["all"]})),
        ("plot_interactions", pd.DataFrame({"source": ["A"], "target": ["B"], "weight": ["x"]})),
        ("plot_timeline", pd.DataFrame({"scene": ["one"], "character": ["Tom"], "words": [3]})),
    ],
)
def test_charts_refuse_tables_whose_numbers_are_not_numbers(charts, name, table) -> None:
    _raises(InputError, ValueError, lambda: getattr(charts, name)(table), name, "numbers")


def test_charts_still_take_their_tables_and_styles(small_story, charts) -> None:
    import matplotlib.pyplot as plt

    s = small_story
    for draw in (
        lambda ax: charts.plot_arc(s.arc(by="scene", column="joy"), ax=ax),
        lambda ax: charts.plot_arc(s.arc(by="character"), ax=ax, colors={"Tom": "red"}),
        lambda ax: charts.plot_dialogue_share(s.dialogue_share().to_dict("records"), ax=ax, top=1),
        lambda ax: charts.plot_interactions(s, ax=ax, seed=None, min_weight=0, alpha=0.5),
        lambda ax: charts.plot_interaction_heatmap(s, ax=ax, value="turns", cmap="Reds"),
        lambda ax: charts.plot_timeline(
            s.dialogue_share(by="turns", per="scene"), ax=ax, by="turns"
        ),
    ):
        fig, ax = plt.subplots()
        assert draw(ax) is ax
        fig.canvas.draw()
    # a scene arc of another score charts that score, not a layout column
    _fig, ax = plt.subplots()
    charts.plot_arc(s.arc(by="scene", column="joy"), ax=ax)
    assert ax.get_ylabel() == "joy"
    assert charts.character_colors("Tom") == charts.character_colors(["Tom"])


def test_story_arguments_still_work(small_story) -> None:
    import numpy as np

    s = small_story
    assert s.summary(top=0).count("Tom") <= 1  # listed nowhere but maybe the title
    assert "... and 2 more" in s.summary(top=0) or len(s.dialogue_share()) < 2
    assert s.scene_text(np.int64(0)) == s.scene_text(0)
    assert len(s.arc(points=np.int64(7), window=np.float32(0.5))) == 7
    assert len(s.arc(smooth="dct", components=np.int64(3))) == 100
    arc = s.arc(by="character", characters=("Tom", "Tom"))
    assert set(arc["character"]) == {"Tom"} and len(arc) == 100  # a name given twice, one arc
    assert list(_arc_shape(range(10))["fit"].notna()) == [True] * 6


# --------------------------------------------------------------------------
# export: odd titles and names, odd file names, odd folders


def _xml_tool(fmt):
    import networkx as nx

    return nx.read_gexf if fmt == "gexf" else nx.read_graphml


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_graph_with_control_characters_in_title(tmp_path: Path, fmt: str) -> None:
    story = analyze('"Hi," said Tom.\n', title="Bad\x01title")
    path = story.export_graph(tmp_path / f"g.{fmt}")
    g = _xml_tool(fmt)(path)  # well-formed XML
    assert list(g.nodes) == ["Tom"]
    if fmt == "graphml":
        assert g.graph["title"] == "Bad\ufffdtitle"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_graph_with_characters_xml_cannot_hold(tmp_path: Path, fmt: str) -> None:
    """Control characters and lone surrogates in names, aliases and the title: U+FFFD."""
    story = analyze('"Hi," said Tom. "Bye," he said.\n\nTom left.\n', title="T\ud800\x1b")
    story.characters = story.characters.copy()
    story.characters["character"] = ["T\x02m", "T\x03m"][: len(story.characters)]
    story.characters["aliases"] = [["T\x02m", "x\x00"]] * len(story.characters)
    g = _xml_tool(fmt)(story.export_graph(tmp_path / f"g.{fmt}"))
    names = sorted(g.nodes)
    assert names[0] == "T\ufffdm"
    if len(names) == 2:  # two names that differ only there stay two nodes
        assert names[1] == "T\ufffdm (2)"
    assert g.nodes["T\ufffdm"]["aliases"] == "T\ufffdm|x\ufffd"
    if fmt == "graphml":
        assert g.graph["title"] == "T\ufffd\ufffd"


def test_export_of_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    path = tmp_path / name
    try:
        path.write_text('"Hi," said Tom.\n')
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system does not take non-UTF-8 names")
    story = analyze(path)
    written = story.export(tmp_path / "out")
    meta_path = tmp_path / "out" / "meta.json"
    assert meta_path in written
    import json

    meta = json.loads(meta_path.read_bytes().decode("utf-8"))  # valid UTF-8, valid JSON
    assert meta["title"] == "caf\\xe9"  # the byte that is not UTF-8, escaped
    for fmt in ("gexf", "graphml"):
        story.export_graph(tmp_path / "out" / f"g.{fmt}")
    # a corpus: the story's name (from the file name) is in every table and in stories.json
    corpus = fictools.analyze_many([path], nlp="blank", progress=False)
    corpus.export(tmp_path / "corpus")
    assert "caf\\xe9" in (tmp_path / "corpus" / "scenes.csv").read_bytes().decode("utf-8")
    json.loads((tmp_path / "corpus" / "stories.json").read_bytes().decode("utf-8"))


def test_export_into_a_file(tmp_path: Path) -> None:
    story = analyze('"Hi," said Tom.\n')
    target = tmp_path / "results"
    target.write_text("not a folder")
    msg = _raises(InputError, ValueError, lambda: story.export(target), "folder=", str(target))
    assert "is a file, not a folder" in msg
    msg = _raises(InputError, ValueError, lambda: story.export(target / "sub"), str(target))
    assert "is a file, not a folder" in msg
    assert target.read_text() == "not a folder"  # untouched
    _raises(
        InputError, ValueError, lambda: story.export_graph(target / "g.gexf"), str(target), "file"
    )


def test_export_graph_into_a_folder(tmp_path: Path) -> None:
    story = analyze('"Hi," said Tom.\n')
    folder = tmp_path / "graph.gexf"
    folder.mkdir()
    msg = _raises(InputError, ValueError, lambda: story.export_graph(folder), "path=", str(folder))
    assert "is a folder" in msg


# --------------------------------------------------------------------------
# the command line


def run_cli(*args) -> int:
    return main(["analyze", *map(str, args), "--nlp", "blank", "--charts", "none", "--quiet"])


@pytest.mark.parametrize(
    "name, code",
    [
        ("empty.txt", 1),
        ("image.png", 1),
        ("not_an_epub.epub", 1),
        ("bad_utf8_after_bom.txt", 1),
        ("crlf.txt", 0),
        ("deeply_nested.html", 0),
    ],
)
def test_cli_nasty_files(tmp_path: Path, capsys, name: str, code: int) -> None:
    assert run_cli(NASTY_DIR / name, "--out", tmp_path) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"fictools: {NASTY_DIR / name}: "), err


def test_cli_missing_and_folder(tmp_path: Path, capsys) -> None:
    assert (
        run_cli(tmp_path / "nope.txt", tmp_path, NASTY_DIR / "crlf.txt", "--out", tmp_path / "o")
        == 1
    )
    err = capsys.readouterr().err
    assert "nope.txt" in err and "is a folder" in err and "Traceback" not in err
    assert (tmp_path / "o" / "crlf" / "turns.csv").is_file()  # the good one is still written


def test_cli_model_error_is_one_line(tmp_path: Path, capsys) -> None:
    code = main(
        [
            "analyze",
            str(NASTY_DIR / "crlf.txt"),
            "--out",
            str(tmp_path),
            "--nlp",
            "no_such_model_xyz",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "pip install" in err and "Traceback" not in err


def test_cli_out_is_a_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "results"
    out.write_text("not a folder")
    assert run_cli(NASTY_DIR / "crlf.txt", "--out", out) == 1
    err = capsys.readouterr().err
    assert "--out" in err and "not a folder" in err and "Traceback" not in err


def test_cli_cannot_write(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from fictools.story import Story

    def full_disk(self, folder, format="csv"):
        raise OSError(28, "No space left on device", str(folder))

    monkeypatch.setattr(Story, "export", full_disk)
    assert run_cli(NASTY_DIR / "crlf.txt", "--out", tmp_path) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "--out" in err and "Traceback" not in err


def test_cli_bug_is_reported_not_swallowed(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fictools.pipeline

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(fictools.pipeline, "analyze", broken)
    assert run_cli(NASTY_DIR / "crlf.txt", "--out", tmp_path) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(NASTY_DIR / "crlf.txt") in err and "bug" in err and "KeyError" in err
    log = Path(err.rsplit("traceback is in ", 1)[1].rstrip("."))
    try:
        assert "Traceback" in log.read_text() and "a bug" in log.read_text()
    finally:
        log.unlink()


def test_cli_subprocess(tmp_path: Path) -> None:
    """The real command: a bad file among good ones is one line on stderr, exit status 1."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    bad, good = NASTY_DIR / "image.png", NASTY_DIR / "utf16_bom.txt"
    r = subprocess.run(
        [sys.executable, "-m", "fictools", "analyze", str(bad), str(good), "--out", str(tmp_path),
         "--nlp", "blank", "--charts", "none", "--quiet"],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("fictools:")] == [
        ln for ln in r.stderr.splitlines() if str(bad) in ln
    ]
    assert (tmp_path / "utf16_bom" / "turns.csv").is_file()


def test_cli_escapes_control_characters() -> None:
    from fictools.cli import _printable

    class Out:
        encoding = "ascii"

    assert _printable("a\x1b[31mb\x00\tc\nd\u00e9", Out()) == "a\\x1b[31mb\\x00\tc\nd\\xe9"


def test_lone_surrogates_from_undecodable_bytes() -> None:
    """Text decoded with surrogateescape holds lone surrogates; spaCy and Arrow refuse them."""
    text = '"Hi \ud800 there," said Tom. \udcff\n\n"Bye," said Ann.\n'
    story = analyze(text)
    check_story(story, text)
    assert list(story.turns["text"]) == ["Hi \ud800 there,", "Bye,"]
