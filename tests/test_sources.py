"""Tests of the reading stage: fictools.sources."""

from __future__ import annotations

import codecs
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fictools
from fictools.errors import (
    BinarySourceError,
    DecodingError,
    EmptySourceError,
    FictoolsError,
    FormatError,
    InputError,
    SourceIsDirectoryError,
    SourceNotFoundError,
)
from fictools.sources import Matter, Source, read
from fictools.sources.html import parse_html
from fictools.sources.matter import find_matter
from fictools.sources.text import decode, sniff_binary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AO3_HTML = FIXTURES / "ao3_story.html"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_01180b661ca3b7b1.txt"


def content(src: Source) -> str:
    cs, ce = src.content
    return src.text[cs:ce]


def check_offsets(src: Source) -> None:
    cs, ce = src.content
    assert 0 <= cs <= ce <= len(src.text)
    for m in src.matter:
        assert 0 <= m.start <= m.end <= len(src.text)
        assert src.text[m.start : m.end] == m.text
    for c in src.chapters:
        assert 0 <= c.start <= c.end <= len(src.text)
    for a, b in src.emphasis:
        assert 0 <= a < b <= len(src.text)


# --------------------------------------------------------------------------- encodings

STORY = "\u201cCaf\u00e9?\u201d she asked. \u2018Not now,\u2019 he said \u2014 it was late.\n\nShe left.\n"
LATIN = "Caf\u00e9 cr\u00e8me, na\u00efve gar\u00e7on.\n\nIl partit.\n"


@pytest.mark.parametrize(
    ("data", "expected", "encodings"),
    [
        (STORY.encode("utf-8"), STORY, {"utf-8"}),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), STORY, {"utf-8-sig"}),
        (STORY.encode("utf-16"), STORY, {"utf-16-le", "utf-16-be"}),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), STORY, {"utf-16-be"}),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), STORY, {"utf-16-le"}),
        (STORY.encode("utf-32"), STORY, {"utf-32-le", "utf-32-be"}),
        (STORY.encode("cp1252"), STORY, {"cp1252"}),
        (LATIN.encode("latin-1"), LATIN, {"cp1252", "iso8859-1"}),
        ("Plain ASCII.\n\nMore.\n".encode("utf-16-le"), "Plain ASCII.\n\nMore.\n", {"utf-16-le"}),
    ],
    ids=[
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-be-bom",
        "utf-16-le-bom",
        "utf-32",
        "cp1252",
        "latin-1",
        "utf-16-no-bom",
    ],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str, encodings: set[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    src = read(path)
    assert src.text == expected  # BOM removed, nothing else changed
    assert not src.text.startswith("\ufeff")
    assert src.encoding in encodings
    assert src.path == str(path)
    assert src.format == "text"
    check_offsets(src)


def test_crlf_is_kept_and_offsets_index_it(tmp_path: Path) -> None:
    text = (
        "A/N: first fic!\r\n\r\n\u201cHi,\u201d she said.\r\n\r\nHe left.\r\n\r\nPlease review!\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("cp1252"))
    src = read(path)
    assert src.text == text
    assert "\r\n" in src.text
    assert content(src) == "\u201cHi,\u201d she said.\r\n\r\nHe left."
    assert src.meta["front_matter"] == ["A/N: first fic!"]
    assert src.meta["back_matter"] == ["Please review!"]
    check_offsets(src)


def test_utf8_preferred_over_detection() -> None:
    text, enc = decode("na\u00efve r\u00e9sum\u00e9".encode())
    assert (text, enc) == ("na\u00efve r\u00e9sum\u00e9", "utf-8")


def test_bytes_are_decoded_like_a_file() -> None:
    src = read(STORY.encode("cp1252"))
    assert src.text == STORY
    assert src.path is None


def test_forced_encoding_and_decoding_errors() -> None:
    assert read("caf\u00e9\n".encode("latin-1"), encoding="latin-1").text == "caf\u00e9\n"
    with pytest.raises(DecodingError) as info:
        read("caf\u00e9\n".encode(), encoding="ascii")
    assert isinstance(info.value, FictoolsError) and isinstance(info.value, UnicodeError)
    assert "encoding" in str(info.value)
    # A UTF-16 BOM followed by a lone surrogate is not text in any encoding it claims.
    with pytest.raises(DecodingError):
        read(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")


# --------------------------------------------------------------------------- path or text


def test_str_with_newline_is_text_even_if_it_names_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("from the file\n", encoding="utf-8")
    assert read("story.txt").text == "from the file\n"
    assert read("story.txt\n").text == "story.txt\n"


def test_one_line_str_is_text() -> None:
    for s in ["She ran.", "  He said no.  ", "and/or maybe not", "", "   ", "Hello \u00e9"]:
        src = read(s)
        assert src.text == s
        assert src.path is None and src.encoding is None
        check_offsets(src)


def test_long_str_without_newline_is_text() -> None:
    s = "word " * 300 + "/ending.txt"
    assert len(s) > 1024
    assert read(s).text == s


@pytest.mark.parametrize(
    "s", ["missing_story.txt", "My Story.epub", "chapters/one", "C:\\stories\\one", "./story"]
)
def test_pathlike_str_that_does_not_exist(s: str) -> None:
    with pytest.raises(SourceNotFoundError) as info:
        read(s)
    assert isinstance(info.value, FictoolsError)
    assert isinstance(info.value, FileNotFoundError)
    msg = str(info.value)
    assert f"'{s}'" in msg
    assert "Check the path" in msg and "text" in msg


def test_url_is_not_downloaded() -> None:
    with pytest.raises(InputError, match="Download"):
        read("https://archiveofourown.org/works/12345678")


def test_missing_pathlib_path(tmp_path: Path) -> None:
    missing = tmp_path / "no_extension"
    with pytest.raises(SourceNotFoundError, match="no_extension"):
        read(missing)


def test_not_found_suggests_close_names(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(SourceNotFoundError, match="Did you mean"):
        read(tmp_path / "storry.txt")


def test_source_is_returned_as_is_and_title_overrides() -> None:
    src = read("She ran.\n")
    assert read(src) is src
    titled = read(src, title="Run")
    assert titled.title == "Run" and src.title is None
    assert read("She ran.\n", title="Run").meta["title"] == "Run"


def test_bad_arguments() -> None:
    with pytest.raises(InputError):
        read(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="'text', 'gutenberg', 'html', 'epub'"):
        read("x\n", format="pdf")
    with pytest.raises(InputError):
        read("x\n", format="epub")


# --------------------------------------------------------------------------- errors


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(SourceIsDirectoryError) as info:
        read(tmp_path)
    assert isinstance(info.value, FictoolsError) and isinstance(info.value, IsADirectoryError)
    msg = str(info.value)
    assert str(tmp_path) in msg and "analyze_many" in msg and "one.txt" in msg
    with pytest.raises(SourceIsDirectoryError):
        read(str(tmp_path))


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("cover.png", PNG, "PNG"),
        ("story.pdf", PDF, "PDF"),
        ("story.txt", PDF, "PDF"),  # the extension does not matter
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("story.txt.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        ("stories.zip", _zip_bytes({"a.txt": b"hello"}), "ZIP"),
        ("story.docx", _zip_bytes({"word/document.xml": b"<w/>"}), "Word"),
        ("data.bin", b"abc\x00\x01\x02\x03\xff\xfe\x00\x10" * 20, "NUL"),
    ],
)
def test_binary_files(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BinarySourceError) as info:
        read(path)
    assert isinstance(info.value, FictoolsError) and isinstance(info.value, ValueError)
    msg = str(info.value)
    assert str(path) in msg and says in msg
    assert "looks like" in msg


def test_pdf_message_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "story.pdf"
    path.write_bytes(PDF)
    with pytest.raises(BinarySourceError, match="export the story's text first"):
        read(path)
    assert sniff_binary(b"plain text") is None


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  ", "\ufeff \n".encode("utf-8"), "  \n".encode("utf-16")]
)
def test_empty_and_whitespace_files(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptySourceError) as info:
        read(path)
    assert isinstance(info.value, FictoolsError) and isinstance(info.value, ValueError)
    assert str(path) in str(info.value)


def test_broken_epub(tmp_path: Path) -> None:
    good = _zip_bytes(
        {"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<container/>"}
    )
    path = tmp_path / "broken.epub"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(FormatError) as info:
        read(path)
    assert isinstance(info.value, FictoolsError) and str(path) in str(info.value)
    fake = tmp_path / "fake.epub"
    fake.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not an EPUB"):
        read(fake)


# --------------------------------------------------------------------------- Gutenberg

GUTENBERG = """\ufeffThe Project Gutenberg EBook of The Lantern, by Ada Quill\r
\r
This eBook is for the use of anyone anywhere at no cost.\r
\r
Title: The Lantern\r
\r
Author: Ada Quill\r
\r
Release Date: May 1, 2004 [EBook #12345]\r
\r
Language: English\r
\r
*** START OF THIS PROJECT GUTENBERG EBOOK THE LANTERN ***\r
\r
\r
\r
\r
Produced by Jane Doe and the Online Distributed\r
Proofreading Team at http://www.pgdp.net\r
\r
\r
\r
\r
CHAPTER I\r
\r
"Is it lit?" asked Tom.\r
\r
The lantern swung in the dark, and nobody answered him.\r
\r
THE END\r
\r
\r
\r
End of the Project Gutenberg EBook of The Lantern, by Ada Quill\r
\r
*** END OF THIS PROJECT GUTENBERG EBOOK THE LANTERN ***\r
\r
***** This file should be named 12345.txt *****\r
Section 1. General Terms of Use and Redistributing Project Gutenberg-tm\r
"""


def test_gutenberg(tmp_path: Path) -> None:
    path = tmp_path / "pg12345.txt"
    path.write_bytes(GUTENBERG.encode("utf-8"))
    src = read(path)
    assert src.format == "gutenberg"
    assert src.text == GUTENBERG[1:]  # only the BOM went
    assert src.meta["title"] == "The Lantern"
    assert src.meta["author"] == "Ada Quill"
    assert src.meta["gutenberg_id"] == "12345"
    body = content(src)
    assert body.startswith("CHAPTER I")
    assert body.endswith("nobody answered him.")
    assert "Gutenberg" not in body and "Produced by" not in body
    kinds = [m.kind for m in src.matter]
    assert kinds.count("boilerplate") == 2
    head, tail = [m for m in src.matter if m.kind == "boilerplate"]
    assert head.start == 0 and head.text.endswith("THE LANTERN ***")
    assert tail.text.startswith("End of the Project Gutenberg EBook") and tail.end == len(src.text)
    assert src.meta["front_matter"][0].startswith("Produced by Jane Doe")
    assert src.meta["back_matter"] == ["THE END"]
    check_offsets(src)


def test_gutenberg_title_page_and_contents_are_front_matter() -> None:
    text = GUTENBERG.replace(
        "CHAPTER I\r\n",
        "                THE LANTERN\r\n\r\n                    BY\r\n\r\n                 ADA QUILL\r\n\r\n"
        "            LONDON\r\n      SMITH, ELDER & CO.\r\n              1887\r\n\r\n\r\nCONTENTS\r\n\r\n"
        "     CHAPTER I.    THE LAMP\r\n     CHAPTER II.   THE LETTER\r\n\r\n\r\nCHAPTER I\r\n",
        1,
    )
    src = read(text)
    assert content(src).startswith("CHAPTER I\r\n\r\n")
    assert src.meta["front_matter"][1:] == [
        "THE LANTERN", "BY", "ADA QUILL", "LONDON\r\n      SMITH, ELDER & CO.\r\n              1887", "CONTENTS",
        "CHAPTER I.    THE LAMP\r\n     CHAPTER II.   THE LETTER",
    ]
    story = fictools.analyze(text, nlp="blank")
    assert list(story.scenes["heading"]) == ["CHAPTER I"]


def test_gutenberg_prose_before_the_first_chapter_stays_story() -> None:
    text = GUTENBERG.replace("CHAPTER I\r\n", "It was a dark night, and the wind blew hard off the sea all evening.\r\n\r\nCHAPTER I\r\n", 1)
    assert content(read(text)).startswith("It was a dark night")


def test_gutenberg_old_small_print_and_str_input() -> None:
    text = (
        "Project Gutenberg's Etext of Old Tales\n\n"
        "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n"
        "Once upon a time there was a mill.\n\nIt burned.\n\n"
        "End of Project Gutenberg's Etext of Old Tales\n"
    )
    src = read(text)
    assert src.text == text
    assert src.format == "gutenberg"
    assert content(src) == "Once upon a time there was a mill.\n\nIt burned."
    check_offsets(src)


def test_gutenberg_format_switches() -> None:
    plain = read(GUTENBERG, format="text")
    assert plain.format == "text" and not any(m.kind == "boilerplate" for m in plain.matter)
    with pytest.raises(FormatError, match="format='text'"):
        read("Just a story.\nNo markers.\n", format="gutenberg")


# --------------------------------------------------------------------------- AO3 HTML

SUMMARY = "After the sniper, Olivia asks for a new partner. Elliot wants to know why."
NOTES = "Written for the 2021 SVU Ficathon. Spoilers for Fault.\n\nThanks to my beta, Rook."
END_NOTES = "Thank you for reading! Kudos and comments keep me writing."
ITALICS = ["This is the hardest thing I have ever done.", "Tell her", "Just tell her."]


def check_ao3(src: Source) -> None:
    meta = src.meta
    assert meta["title"] == "The Long Watch"
    assert meta["author"] == "nightjar_writes"
    assert meta["rating"] == "Teen And Up Audiences"
    assert meta["warnings"] == ["No Archive Warnings Apply"]
    assert meta["fandoms"] == ["Law & Order: SVU"]
    assert meta["relationships"] == ["Olivia Benson/Elliot Stabler"]
    assert meta["characters"] == ["Olivia Benson", "Elliot Stabler", "Don Cragen"]
    assert meta["tags"] == ["Angst", "Hurt/Comfort", "Episode Tag"]
    assert meta["language"] == "English"
    assert meta["words"] == 1234
    assert meta["url"] == "https://archiveofourown.org/works/12345678"
    assert meta["series"] == "Part 2 of Precinct Nights"
    assert meta["summary"] == SUMMARY
    assert meta["notes"] == NOTES
    assert meta["end_notes"] == END_NOTES
    assert meta["chapter_notes"] == ["This chapter is short, sorry!", None]
    assert meta["chapter_summaries"] == ["Cragen hears something he does not want to hear.", None]
    assert meta["chapter_end_notes"] == ["Next chapter goes up Thursday.", None]

    text = src.text
    # notes, summaries and the AO3 chrome are not story text
    for gone in [SUMMARY, "Ficathon", "beta", END_NOTES, "short, sorry", "Cragen hears", "Thursday",
                 "Archive of Our Own", "Teen And Up", "Preface", "Afterword", "nightjar"]:  # fmt: skip
        assert gone not in text, gone
    assert text.startswith('Chapter 1: The Request\n\n"Olivia, what\'s up?" Cragen asked.\n\n')
    assert "\n\n* * *\n\n" in text
    assert '"Yeah, thanks."\nHe did not sit down.' in text  # a single <br> is a line break
    assert text.endswith("Tell her, he thought. Just tell her.")

    assert [c.title for c in src.chapters] == ["Chapter 1: The Request", "Chapter 2: The Answer"]
    c1, c2 = src.chapters
    assert c1.start == 0 and c1.end == c2.start and c2.end == len(text)
    assert text[c2.start :].startswith('Chapter 2: The Answer\n\n"So you want')
    assert text[c1.start : c1.end].rstrip().endswith("Elliot knocked twice on her door.")

    assert [text[a:b] for a, b in src.emphasis] == ITALICS
    assert src.content == (0, len(text))
    check_offsets(src)


def test_ao3_html() -> None:
    src = read(AO3_HTML)
    assert src.format == "html"
    assert src.encoding == "utf-8"
    check_ao3(src)


def test_ao3_html_from_bytes_and_str() -> None:
    data = AO3_HTML.read_bytes()
    assert read(data).text == read(AO3_HTML).text
    markup = data.decode("utf-8")
    assert read(markup, format="html").text == read(AO3_HTML).text
    # Without format=, a str is the story's text, markup and all.
    assert read(markup).text == markup


AO3_PAGE = FIXTURES / "ao3_work_page.html"  # the same work's page, saved from the browser


def test_ao3_work_page_saved_from_the_browser() -> None:
    src = read(AO3_PAGE)
    download = read(AO3_HTML)
    # the work, not the site: the real title (not the tab's), its tags, its chapters
    assert src.meta["title"] == "The Long Watch"
    check_ao3(src)
    assert src.text == download.text
    assert src.chapters == download.chapters
    assert src.emphasis == download.emphasis  # "#workskin .thought {font-style: italic}" too
    for key in ("title", "author", "authors", "fandoms", "relationships", "characters", "tags", "url"):
        assert src.meta[key] == download.meta[key], key
    assert (src.meta["kudos"], src.meta["hits"], src.meta["source"]) == (87, 1502, "ao3")
    for gone in ["Log In", "Fandoms", "read-only", "Kudos", "reader_one", "I screamed", "Please write more",
                 "Chapter Text", "Site Map", "Download", "Comments"]:  # fmt: skip
        assert gone not in src.text, gone
    story = fictools.analyze(AO3_PAGE, nlp="blank")
    assert list(story.scenes["chapter"]) == [0, 0, 1]
    assert "I screamed" not in " ".join(story.turns["text"])


def test_ao3_work_page_one_chapter_and_the_tab_title() -> None:
    page = AO3_PAGE.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    chapters = soup.find(id="chapters")
    text = chapters.find("div", class_="userstuff")  # a one-chapter work: no div.chapter
    chapters.clear()
    chapters.append(text)
    soup.find("h2", class_="title").decompose()
    src = read(str(soup), format="html")
    assert src.meta["title"] == "The Long Watch"  # from "The Long Watch - Chapter 1 - nightjar_writes - ..."
    assert src.chapters == []
    assert src.text.startswith('"Olivia, what\'s up?" Cragen asked.')
    assert src.text.endswith("Elliot knocked twice on her door.")


def _write_epub(
    path: Path, items: list, *, identifier: str, title: str, author: str, subject=None, extra=()
) -> None:
    """Write an English EPUB of ``items`` (``epub.EpubHtml``, in reading order) to ``path``."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(identifier)
    book.set_title(title)
    book.set_language("en")
    book.add_author(author)
    if subject is not None:
        book.add_metadata("DC", "subject", subject)
    for item in [*items, *extra]:
        book.add_item(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        epub.write_epub(str(path), book)


def _ao3_epub(path: Path, *, calibre_classes: bool = True) -> None:
    """An EPUB laid out like AO3's (Calibre splits the download HTML into files)."""
    from ebooklib import epub

    soup = BeautifulSoup(AO3_HTML.read_text(encoding="utf-8"), "html.parser")
    chapters_div = soup.find(id="chapters")
    parts: list[list[str]] = []
    for child in chapters_div.find_all(recursive=False):
        if "group" in (child.get("class") or []):
            parts.append([])
        parts[-1].append(str(child))
    docs = [("preface.xhtml", str(soup.find(id="preface")))]
    for n, part in enumerate(parts, 1):
        body = '<div id="chapters" class="userstuff">' + "".join(part) + "</div>"
        if calibre_classes and n == 2:  # Calibre's CSS flattening renames classes
            body = body.replace('class="meta group"', 'class="meta1"').replace(
                'class="userstuff"', 'class="userstuff2"'
            )
        docs.append((f"chapter_{n}.xhtml", body))
    docs.append(("afterword.xhtml", str(soup.find(id="afterword"))))

    items = []
    for name, body in docs:
        item = epub.EpubHtml(title=name, file_name=name, lang="en")
        item.content = f"<html><head><title>{name}</title></head><body>{body}</body></html>"
        items.append(item)
    _write_epub(
        path,
        items,
        identifier="ao3-12345678",
        title="The Long Watch",
        author="nightjar_writes",
        subject="Fanworks",
    )


def test_ao3_epub_matches_html(tmp_path: Path) -> None:
    path = tmp_path / "The_Long_Watch.epub"
    _ao3_epub(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ebooklib's own warnings are silenced
        src = read(path)
    assert src.format == "epub"
    check_ao3(src)
    html = read(AO3_HTML)
    assert src.text == html.text
    assert src.chapters == html.chapters
    assert src.emphasis == html.emphasis
    assert read(path.read_bytes()).text == html.text


def test_generic_html() -> None:
    markup = """<html><head><title>A Page</title><style>p {color: red}</style>
    <script>var x = "not story";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/next">Next</a></nav>
    <h1>The Crossing</h1>
    <div>She waited   at the <b>ford</b>.<br><br>The water rose.</div>
    <p>He came <i>late</i>, as always.</p><hr><p>Morning.</p></body></html>"""
    src = read(markup.encode("utf-8"))
    assert src.format == "html"
    assert src.meta["title"] == "A Page"
    assert src.text == (
        "The Crossing\n\nShe waited at the ford.\n\nThe water rose.\n\nHe came late, as always.\n\n* * *\n\nMorning."
    )
    assert [src.text[a:b] for a, b in src.emphasis] == ["late"]
    assert src.chapters == []
    for word in ["Home", "color", "not story"]:
        assert word not in src.text


def test_gutenberg_html() -> None:
    markup = (
        "<html><head><title>The Project Gutenberg eBook of The Lantern</title></head><body>"
        '<section class="pg-boilerplate pgheader" id="pg-header"><p>Title: The Lantern</p>'
        "<p>Author: Ada Quill</p><div>*** START OF THE PROJECT GUTENBERG EBOOK THE LANTERN ***</div></section>"
        "<h2>CHAPTER I</h2><p>The lantern swung.</p>"
        '<section class="pg-boilerplate pgfooter" id="pg-footer">'
        "<div>*** END OF THE PROJECT GUTENBERG EBOOK THE LANTERN ***</div><p>Section 1. General Terms</p></section>"
        "</body></html>"
    )
    src = read(markup.encode("utf-8"))
    assert src.format == "html"
    assert content(src) == "CHAPTER I\n\nThe lantern swung."
    assert src.meta["title"] == "The Lantern" and src.meta["author"] == "Ada Quill"
    assert [m.kind for m in src.matter] == ["boilerplate", "boilerplate"]
    check_offsets(src)


def test_html_without_text_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(FormatError, match="empty.html"):
        read(path)


def test_generic_epub(tmp_path: Path) -> None:
    from ebooklib import epub

    items = []
    for n, (title, body) in enumerate(
        [("One", "<p>The first <em>room</em>.</p>"), ("Two", "<p>The second room.</p>")], 1
    ):
        item = epub.EpubHtml(title=title, file_name=f"ch{n}.xhtml")
        item.content = f"<html><body><h1>{title}</h1>{body}</body></html>"
        items.append(item)
    path = tmp_path / "rooms.epub"
    _write_epub(path, items, identifier="x1", title="Two Rooms", author="A. Writer")
    src = read(path)
    assert src.meta["title"] == "Two Rooms" and src.meta["author"] == "A. Writer"
    assert src.text == "One\n\nThe first room.\n\nTwo\n\nThe second room."
    assert [(src.text[c.start : c.end].strip(), c.title) for c in src.chapters] == [
        ("One\n\nThe first room.", "One"),
        ("Two\n\nThe second room.", "Two"),
    ]
    assert [src.text[a:b] for a, b in src.emphasis] == ["room"]


_FFF_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title>{title}</title>\n<link href="stylesheet.css" type="text/css" rel="stylesheet"/>\n'
_FFF_ENTRIES = [
    ("Category", "Law &amp; Order: SVU"), ("Genre", "Angst, Hurt/Comfort"), ("Language", "English"),
    ("Characters", "Olivia Benson, Elliot Stabler"), ("Relationships", "Olivia Benson/Elliot Stabler"),
    ("Status", "Completed"), ("Published", "2021-03-04"), ("Updated", "2021-03-11"),
    ("Packaged", "2024-01-02 10:11:12"), ("Rating", "Teen And Up Audiences"), ("Chapters", "2"),
    ("Words", "1,234"), ("Publisher", "archiveofourown.org"),
    ("Summary", "<p>After the sniper, Olivia asks for a new partner. Elliot wants to know <i>why</i>.</p>"),
]  # fmt: skip


def _fanficfare_epub(path: Path, *, table: bool = False) -> None:
    """An EPUB laid out as FanFicFare writes one: a title page, then one file per chapter."""
    from ebooklib import epub

    if table:
        rows = "".join(f"<tr><td><b>{k}:</b></td><td>{v}</td></tr>\n" for k, v in _FFF_ENTRIES)
        block = f'<table class="full">\n{rows}</table>'
    else:
        block = "<div>\n" + "".join(f"\n<b>{k}:</b> {v}<br />\n" for k, v in _FFF_ENTRIES) + "\n</div>"
    title_page = (
        _FFF_HEAD.format(title="The Long Watch by nightjar_writes")
        + '</head>\n<body class="fff_titlepage">\n'
        '<h3><a href="https://archiveofourown.org/works/12345678">The Long Watch</a> by '
        '<a class="authorlink" href="https://archiveofourown.org/users/nightjar_writes/pseuds/nightjar_writes">'
        f"nightjar_writes</a></h3>\n{block}\n</body>\n</html>\n"
    )
    items = []
    page = epub.EpubHtml(title="Title Page", file_name="title_page.xhtml")
    page.content = title_page.encode("utf-8")
    items.append(page)
    for n, (name, body) in enumerate(
        [
            ("Chapter 1: The Request", "<p>\"Olivia, what's up?\" Cragen asked.</p><p>\"I want a new partner.\"</p>"),
            ("Chapter 2: The Answer", "<p>\"So you want to come in?\" she said, stepping aside.</p>"),
        ],
        1,
    ):
        item = epub.EpubHtml(title=name, file_name=f"file{n:04d}.xhtml")
        item.content = (
            _FFF_HEAD.format(title=name)
            + f'<meta name="chaptertitle" content="{name}" />\n</head>\n<body class="fff_chapter">\n'
            f'<h3 class="fff_chapter_title">{name}</h3>\n<div class="userstuff module">{body}</div>\n</body>\n</html>\n'
        ).encode("utf-8")
        items.append(item)
    _write_epub(path, items, identifier="fanficfare-uid:ao3-12345678", title="The Long Watch",
                author="nightjar_writes", subject="Angst")  # fmt: skip


@pytest.mark.parametrize("table", [False, True], ids=["lines", "table"])
def test_fanficfare_title_page_is_front_matter_and_meta(tmp_path: Path, table: bool) -> None:
    path = tmp_path / "The_Long_Watch-ao3_12345678.epub"
    _fanficfare_epub(path, table=table)
    src = read(path)
    meta = src.meta
    assert (meta["title"], meta["author"], meta["authors"]) == ("The Long Watch", "nightjar_writes", ["nightjar_writes"])
    assert meta["fandoms"] == ["Law & Order: SVU"]
    assert meta["relationships"] == ["Olivia Benson/Elliot Stabler"]
    assert meta["characters"] == ["Olivia Benson", "Elliot Stabler"]
    assert meta["tags"] == ["Angst", "Hurt/Comfort"]
    assert (meta["status"], meta["published"], meta["updated"], meta["words"]) == ("Completed", "2021-03-04", "2021-03-11", 1234)
    assert meta["summary"] == "After the sniper, Olivia asks for a new partner. Elliot wants to know why."
    assert meta["url"] == "https://archiveofourown.org/works/12345678"
    # the title page stays in the text, as front matter; the story starts at chapter 1
    body = content(src)
    assert body.startswith("Chapter 1: The Request\n\n")
    for gone in ["nightjar_writes", "Status", "Completed", "Published", "Words", "After the sniper"]:
        assert gone not in body, gone
    assert src.meta["front_matter"][0] == "The Long Watch by nightjar_writes"
    assert "Status:" in " ".join(src.meta["front_matter"]) and "Completed" in " ".join(src.meta["front_matter"])
    assert [c.title for c in src.chapters] == ["Chapter 1: The Request", "Chapter 2: The Answer"]
    assert src.text[src.chapters[0].start :].startswith("Chapter 1: The Request")
    check_offsets(src)
    story = fictools.analyze(path, nlp="blank")
    assert list(story.scenes["heading"]) == ["Chapter 1: The Request", "Chapter 2: The Answer"]
    assert list(story.scenes["chapter"]) == [0, 1]


# Word's "Save as Web Page" (Filtered or not): the title is a paragraph in the Title style.
WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="The%20Lighthouse%20Keeper_files/filelist.xml">
<title>The Lighthouse Keeper</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Jane Smith</o:Author>
  <o:LastAuthor>Jane Smith</o:LastAuthor>
  <o:Revision>2</o:Revision>
  <o:Words>61</o:Words>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin-top:0in;
	margin-bottom:8.0pt;
	line-height:107%;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
p.MsoTitle, li.MsoTitle, div.MsoTitle
	{mso-style-priority:10;
	mso-style-link:"Title Char";
	margin:0in;
	font-size:28.0pt;
	font-family:"Calibri Light",sans-serif;
	letter-spacing:-.5pt;}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:.5in;word-wrap:break-word'>

<div class=WordSection1>

<p class=MsoTitle><span lang=EN-GB>The Lighthouse Keeper<o:p></o:p></span></p>

<p class=MsoNormal><span lang=EN-GB>The lamp had gone out twice that week, and
each time Ewan climbed the hundred and twelve steps to light it again.<o:p></o:p></span></p>

<p class=MsoNormal><span lang=EN-GB>&#8220;You&#8217;ll wear yourself out,&#8221;
said Morag from the door.<o:p></o:p></span></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoNormal><span lang=EN-GB><i style='mso-bidi-font-style:normal'>Not
before the light does</i>, he thought.<o:p></o:p></span></p>

</div>

</body>

</html>
"""


def test_word_title_is_meta_and_front_matter_not_story() -> None:
    data = WORD_HTML.encode("cp1252")
    src = read(data)
    assert src.meta["title"] == "The Lighthouse Keeper"
    assert src.meta["front_matter"] == ["The Lighthouse Keeper"]
    assert content(src).startswith("The lamp had gone out twice that week")
    check_offsets(src)
    story = fictools.analyze(data, nlp="blank")
    assert story.scenes.iloc[0]["start"] == src.text.index("The lamp")
    assert "Lighthouse" not in " ".join(src.text[r.start : r.end] for r in story.passages.itertuples())
    # <i style='mso-bidi-font-style:normal'> is italic: the thought is a turn
    assert list(zip(story.turns["text"], story.turns["kind"])) == [
        ("You\u2019ll wear yourself out,", "speech"),
        ("Not before the light does", "thought"),
    ]


def test_document_title_variants() -> None:
    # the Title style wins over a stale <title> (Word's document property)
    src = read(WORD_HTML.replace("<title>The Lighthouse Keeper</title>", "<title>Draft 3</title>"), format="html")
    assert src.meta["title"] == "The Lighthouse Keeper" and content(src).startswith("The lamp")
    # Google Docs: "title" and "subtitle" paragraphs; "by ..." names the author
    gdoc = (
        f'<html><head><style type="text/css">{GDOC_STYLE}</style><title>lighthouse draft</title></head><body class="c5 doc-content">'
        '<p class="c4 title" id="h.gjdgxs"><span class="c6">The Lighthouse Keeper</span></p>'
        '<p class="c4 subtitle" id="h.30j0zll"><span class="c6">by Jane Smith</span></p>'
        '<p class="c2"><span class="c0">The lamp had gone out twice that week.</span></p></body></html>'
    )
    src = read(gdoc, format="html")
    assert (src.meta["title"], src.meta["author"]) == ("The Lighthouse Keeper", "Jane Smith")
    assert src.meta["front_matter"] == ["The Lighthouse Keeper", "by Jane Smith"]
    assert content(src) == "The lamp had gone out twice that week."
    # a heading (or a line) that the <title> repeats is the title too
    src = read("<html><head><title>The Crossing</title></head><body><h1>The Crossing</h1><p>She waited.</p></body></html>", format="html")
    assert src.meta["front_matter"] == ["The Crossing"] and content(src) == "She waited."
    # but not a story's first line that only happens to be the page's <title>, nor a lone title
    prose = "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness."
    src = read(f"<html><head><title>{prose}</title></head><body><p>{prose}</p><p>More.</p></body></html>", format="html")
    assert src.meta["front_matter"] == [] and content(src).startswith("It was the best")
    src = read('<html><body><p class="MsoTitle">Alone</p></body></html>', format="html")
    assert src.text == "Alone" and content(src) == "Alone"


def test_html_emphasis_edges() -> None:
    src = parse_html("<p><em> I can't </em> <em>do this.</em> She left.</p><p>A <i>b<br>c</i></p>")
    assert [src.text[a:b] for a, b in src.emphasis] == ["I can't do this.", "b\nc"]


# A Google Docs "Download > Web page" export: italics are classes of a <style> block, not <em>.
GDOC_STYLE = (
    "ol{margin:0;padding:0}table td,table th{padding:0}"
    '.c0{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;font-family:"Arial";font-style:normal}'
    '.c3{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;font-family:"Arial";font-style:italic}'
    ".c2{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left}"
    ".c5{background-color:#ffffff;max-width:468pt;padding:72pt 72pt 72pt 72pt}"
    '.title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt;font-family:"Arial"}'
    'p{margin:0;color:#000000;font-size:11pt;font-family:"Arial"}'
)


def _gdoc(thought: str) -> bytes:
    return (
        '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
        f'<style type="text/css">{GDOC_STYLE}</style></head><body class="c5 doc-content">'
        '<p class="c2"><span class="c0">Mara stared at the door for a long time.</span></p>'
        f'<p class="c2">{thought}<span class="c0">&nbsp;She pulled her coat tighter.</span></p>'
        '<p class="c2"><span class="c0">&ldquo;Are you all right?&rdquo; Jonah asked.</span></p>'
        "</body></html>"
    ).encode()


def test_google_docs_italic_classes_are_emphasis() -> None:
    src = read(_gdoc('<span class="c3">He is not coming back.</span>'))
    assert [src.text[a:b] for a, b in src.emphasis] == ["He is not coming back."]
    em = read(_gdoc("<em>He is not coming back.</em>"))
    assert (src.text, src.emphasis) == (em.text, em.emphasis)  # a class counts as <em> does
    story = fictools.analyze(_gdoc('<span class="c3">He is not coming back.</span>'), nlp="blank")
    assert list(zip(story.turns["text"], story.turns["kind"])) == [
        ("He is not coming back.", "thought"),
        ("Are you all right?", "speech"),
    ]


def test_css_italics_selectors_and_word_bidi_style() -> None:
    from fictools.sources.html import italic_classes

    css = (
        "/* .x{font-style:italic} */ p.MsoNormal{margin:0} span.thought, #workskin .whisper{font-style: italic}"
        "@media print{.c9{font:italic 12pt Arial}} .c1{font-style:normal} .a .b > .c4{font-style:oblique}"
    )
    assert italic_classes([css]) == {"thought", "whisper", "c9", "c4"}
    # Word marks <b> runs "mso-bidi-font-style:italic" (for right-to-left scripts); that is not italic
    src = parse_html("<p>She <b style='mso-bidi-font-style:italic'>ran</b> <span style='font-style:italic'>fast</span>.</p>")
    assert [src.text[a:b] for a, b in src.emphasis] == ["fast"]


def test_epub_style_sheet_italic_classes(tmp_path: Path) -> None:
    from ebooklib import epub

    item = epub.EpubHtml(title="One", file_name="ch1.xhtml")
    item.content = (
        '<html><head><link href="style.css" rel="stylesheet" type="text/css"/></head>'
        '<body><p>The door closed. <span class="italic">Not again.</span></p></body></html>'
    )
    item.add_link(href="style.css", rel="stylesheet", type="text/css")
    path = tmp_path / "styled.epub"
    css = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=b".italic{font-style:italic}")
    _write_epub(path, [item], identifier="x2", title="Styled", author="A. Writer", extra=[css])
    src = read(path)
    assert [src.text[a:b] for a, b in src.emphasis] == ["Not again."]


# --------------------------------------------------------------------------- front and back matter


def matter_of(text: str) -> tuple[str, list[tuple[str, str]], Source]:
    src = read(text)
    check_offsets(src)
    assert src.text == text
    return content(src), [(m.kind, m.text) for m in src.matter], src


def test_author_note_and_please_review() -> None:
    body, matter, src = matter_of(
        'A/N: My first fic, be nice!\n\n"Hi," she said.\n\nHe left.\n\nPlease review!\n'
    )
    assert body == '"Hi," she said.\n\nHe left.'
    assert matter == [("front", "A/N: My first fic, be nice!"), ("back", "Please review!")]
    assert src.meta["front_matter"] == ["A/N: My first fic, be nice!"]
    assert src.meta["back_matter"] == ["Please review!"]


def test_disclaimer_spoilers_and_header() -> None:
    text = (
        "Title: After Fault\nAuthor: EO_fan\nRating: T\nPairing: Elliot/Olivia\nSummary: She asks for a new partner.\n\n"
        "Disclaimer: I don't own SVU, Dick Wolf does.\n\n"
        "Spoilers for season 6.\n\n"
        "The squad room was quiet.\n\nShe stood up.\n"
    )
    body, matter, src = matter_of(text)
    assert body == "The squad room was quiet.\n\nShe stood up."
    assert [k for k, _ in matter] == ["front", "front", "front"]
    assert src.meta["title"] == "After Fault" and src.meta["author"] == "EO_fan"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_title_and_a_byline_open_the_file(gap) -> None:
    body, matter, src = matter_of(
        f'The Last Ferry{gap}by Marguerite Olsen\n\n"You cut it close," said Marcus.\n\nOlivia shrugged.\n'
    )
    assert body == '"You cut it close," said Marcus.\n\nOlivia shrugged.'
    assert all(k == "front" for k, _ in matter)
    assert src.meta["title"] == "The Last Ferry" and src.meta["author"] == "Marguerite Olsen"


@pytest.mark.parametrize(
    "front",
    [
        ["Written for the Secret Santa exchange 2020.", "Disclaimer: I don't own Star Wars."],
        ["A/N: Sorry for the wait.", "Huge thanks to kate_lyn for betaing."],
        ["Dedicated to my sister.", "Enjoy!"],
        ["Prompt: a storm, a ferry.", "Come find me on tumblr!"],
    ],
)
def test_notes_before_the_story_in_several_paragraphs(front) -> None:
    body, matter, src = matter_of("\n\n".join(front) + '\n\nRey ran. "Wait!" she said.\n')
    assert body == 'Rey ran. "Wait!" she said.'
    assert src.meta["front_matter"] == front


def test_the_end_is_back_matter() -> None:
    body, matter, _ = matter_of(
        "She ran.\n\nHe followed.\n\n~ The End ~\n\nThanks for reading! R&R\n"
    )
    assert body == "She ran.\n\nHe followed."
    assert matter == [("back", "~ The End ~"), ("back", "Thanks for reading! R&R")]
    body, matter, _ = matter_of("She ran.\n\nTo be continued...\n")
    assert body == "She ran." and matter == [("back", "To be continued...")]


def test_dialogue_and_plain_prose_are_never_matter() -> None:
    for text in [
        '"Spoilers!" she yelled. "Don\'t tell me!"\n\nHe laughed.\n',
        '"Please review the file," he said.\n\nShe did.\n\n"Please review it again."\n',
        "I don't own a car, never have.\n\nIt was cold.\n",
        "The house belongs to her grandmother.\n\nIt was cold.\n",
        "He was due for some R&R.\n\nIt was time for the next chapter of their lives.\n",
        "Rain.\n",
    ]:
        body, matter, _ = matter_of(text)
        assert matter == [] and body == text.strip(), text


def test_note_at_a_chapter_start_is_a_note() -> None:
    text = (
        "Chapter 1\n\nShe ran.\n\nChapter 2\n\nA/N: Sorry for the wait!\n\nHe followed.\n\n"
        "Author's note: one more thing.\n\nThey met.\n"
    )
    body, matter, src = matter_of(text)
    assert body == text.strip()
    assert matter == [
        ("note", "A/N: Sorry for the wait!"),
        ("note", "Author's note: one more thing."),
    ]
    note = src.matter[0]
    assert not src.is_content(note.start, note.end)
    assert src.is_content(text.index("He followed"), text.index("He followed") + 3)


def test_everything_matter_means_nothing_is() -> None:
    body, matter, _ = matter_of("Please review!\n")
    assert matter == [] and body == "Please review!"


def test_lines_without_blank_lines() -> None:
    text = 'Disclaimer: not mine.\n"Hi," she said, and the night was long and cold and quiet around them.\nHe left.\nThe End'
    body, matter, _ = matter_of(text)
    assert matter == [("front", "Disclaimer: not mine."), ("back", "The End")]
    assert body.startswith('"Hi,"') and body.endswith("He left.")


def test_find_matter_on_a_region() -> None:
    text = "HEADER\n\nA/N: hi\n\nStory.\n\nReview please!\n\nFOOTER"
    start, end = text.index("A/N"), text.index("\n\nFOOTER")
    result = find_matter(text, start, end)
    assert text[result.content[0] : result.content[1]] == "Story."
    assert all(start <= m.start and m.end <= end for m in result.matter)


# --------------------------------------------------------------------------- the seed story


def test_seed_story() -> None:
    if not SEED.exists():
        pytest.skip(
            f"the shared seed corpus is not here ({SEED}); it lives next to the repository in shared/"
        )
    src = read(SEED)
    raw = SEED.read_bytes().decode("utf-8")
    assert src.text == raw.removeprefix("\ufeff")
    assert src.meta["front_matter"] == ["Spoilers for Fault, one of the best episodes ever! EO"]
    assert content(src).startswith('"Olivia, whats up?"')
    assert content(src).endswith("he thought to himself before leaving her building.")
    assert src.matter == [
        Matter(0, 53, "front", "Spoilers for Fault, one of the best episodes ever! EO")
    ]
    check_offsets(src)


# --------------------------------------------------------------------------- properties

_FRAGMENTS = st.sampled_from(
    [
        "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "  ", "A/N: ", "Disclaimer: I don't own it. ", "Spoilers for x",
        "Title: T", "Author: A", "Rating: M", "The End", "TBC", "Please review!", "Chapter 2", "\"", "\u201c",
        "She ran.", "* * *", "*** START OF THE PROJECT GUTENBERG EBOOK X ***", "*** END OF THE PROJECT GUTENBERG EBOOK X ***",
        "Produced by Y", "\u2029", "\x0b", "\x85",
    ]
)  # fmt: skip
_TEXTS = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_TEXTS, st.text()).map(lambda t: t + "\n"), st.text(max_size=40))
def test_any_text_round_trips(text: str, tail: str) -> None:
    text = text + tail
    src = read(text)
    assert src.text == text
    assert src.format in ("text", "gutenberg")
    check_offsets(src)
    for m in src.matter:
        assert m.kind in ("front", "back", "note", "boilerplate")
    cs, ce = src.content
    if text[cs:ce]:
        assert not text[cs].isspace() and not text[ce - 1].isspace()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(
                st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"),
                min_size=1,
                max_size=15,
            ),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_html_emphasis_points_at_the_italic_words(runs: list[tuple[str, bool]]) -> None:
    markup = "<p>" + "".join(f"<em>{t}</em>" if it else t for t, it in runs) + "</p>"
    try:
        src = parse_html(markup)
    except FormatError:
        assert not "".join(t for t, _ in runs).strip()
        return
    check_offsets(src)
    # Adjacent runs merge into one range, so compare the italic characters.
    expected = "".join("".join(t.split()) for t, it in runs if it)
    got = "".join("".join(src.text[a:b].split()) for a, b in src.emphasis)
    assert got == expected
    for a, b in src.emphasis:
        assert not src.text[a].isspace() and not src.text[b - 1].isspace()
