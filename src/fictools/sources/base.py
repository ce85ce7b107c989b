"""The Source: what reading a story gives the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Chapter", "Matter", "Source"]


@dataclass(frozen=True)
class Chapter:
    """A chapter found by the reader (HTML/EPUB structure, or a Gutenberg/plain-text heading).

    ``start``/``end`` index ``Source.text``; the chapter runs from its heading
    line (if any) to the start of the next chapter. ``title`` is the heading
    text as written (``"Chapter 3: The Storm"``), or ``None``.
    """

    start: int
    end: int
    title: str | None = None


@dataclass(frozen=True)
class Matter:
    """A range of ``Source.text`` that is not story content.

    ``kind`` is one of ``"front"`` (author's notes, disclaimers, spoiler
    warnings before the story), ``"back"`` (closers after it: "please
    review", end notes), ``"note"`` (an author's note inside the story, e.g.
    at a chapter start) or ``"boilerplate"`` (Project Gutenberg header and
    licence).
    """

    start: int
    end: int
    kind: str
    text: str


@dataclass
class Source:
    """A decoded story, ready for the pipeline.

    Attributes
    ----------
    text
        The text every offset in fictools indexes. For a plain-text file this
        is the decoded file exactly as given (BOM removed, line endings kept);
        for HTML and EPUB it is the text fictools extracted, chapter by chapter.
    meta
        Title, author and whatever else the source says about itself (AO3:
        ``fandoms``, ``relationships``, ``characters``, ``tags``, ``summary``,
        ``notes``, ``end_notes``...). ``meta["front_matter"]`` and
        ``meta["back_matter"]`` list the text of the matter ranges.
    format
        ``"text"``, ``"gutenberg"``, ``"html"`` or ``"epub"``.
    path
        The file read, or ``None`` for a string.
    encoding
        The encoding the bytes were decoded with (``None`` for a string).
    content
        ``(start, end)`` of the story content: everything before ``start`` and
        after ``end`` is front or back matter.
    matter
        The non-story ranges (front, back, notes inside, boilerplate).
    chapters
        Chapters the reader knows from the structure of the file; empty when
        the scene stage has to find chapter headings itself.
    emphasis
        ``(start, end)`` ranges the source marked as italic (``<em>``, ``<i>``)
        that are no longer visible in ``text``.
    pages
        ``(start, end)`` of the printed book's page numbers left in the text
        (Project Gutenberg's ``{12}`` and ``[Pg 12]``, alone on a line or
        inline). They stay in ``text`` (offsets index it as given), but the
        scene stage reads no chapter, scene or paragraph break from them.
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    format: str = "text"
    path: str | None = None
    encoding: str | None = None
    content: tuple[int, int] | None = None
    matter: list[Matter] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.content is None:
            self.content = (0, len(self.text))

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    def is_content(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies in story content and overlaps no matter range."""
        cs, ce = self.content
        if start < cs or end > ce:
            return False
        return not any(m.start < end and start < m.end for m in self.matter)
