#!/usr/bin/env python3
"""Check the gold annotation files in this folder against their stories.

Usage:  python data/check_gold.py [GOLD.json ...]

With no arguments every ``*.gold.json`` next to this script is checked.
Standard library only.  Exit status 0 when every file passes, 1 otherwise.

What is checked, per gold file:

* the structure: keys, kinds (speech/thought/written), speakers and
  addressees are canonical names from ``characters`` (or null), quote numbers
  start at 0 and never go back or skip;
* front and back matter: each paragraph occurs in the story as a whole
  paragraph, front matter at the start and back matter at the end; the story
  content is what lies between them;
* scenes: each ``starts_with`` begins a line of the content, in order, and a
  scene with a ``heading`` starts with that heading line;
* turns: each ``text`` occurs in the content, in order (searching forward from
  the end of the previous turn), immediately preceded by an opening mark
  (" “ ‘ * _) and followed by its closing mark, unless it ends a paragraph of
  a multi-paragraph speech left unclosed (then the next turn continues the
  same quote and opens the next paragraph);
* coverage: no quotation mark of the story's kind (" “ ” ‘ * _ , apostrophes
  excluded) lies outside the annotated turns, so no quoted span was missed;
* length: the content has at least 1,600 words (whitespace tokens).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

OPEN_CLOSE = {'"': '"', "“": "”", "‘": "’", "*": "*", "_": "_"}
KINDS = {"speech", "thought", "written"}
MIN_WORDS = 1600
SEPARATOR = re.compile(r"^\s*(\*\s*\*\s*\*|oOo|-x-|~~~)\s*$")


class Report:
    def __init__(self, name: str):
        self.name = name
        self.errors: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(msg)


def _line_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] == "\n"


def _para_end(text: str, i: int) -> bool:
    """True when position i ends a paragraph (blank line or end of text)."""
    rest = text[i:]
    return rest.strip(" \t") in ("", "\n") or rest.startswith("\n\n") or rest.startswith("\n\r\n")


def check(gold_path: Path) -> tuple[Report, dict]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rep = Report(gold_path.name)
    stats: dict = {}
    for key in ("story", "title", "characters", "narrator", "front_matter",
                "back_matter", "scenes", "turns"):
        if key not in gold:
            rep.error(f"missing key {key!r}")
    if rep.errors:
        return rep, stats
    story_path = gold_path.with_name(gold["story"])
    if not story_path.exists():
        rep.error(f"story file {story_path} not found")
        return rep, stats
    text = story_path.read_text(encoding="utf-8")
    names = set(gold["characters"])
    if gold["narrator"] is not None and gold["narrator"] not in names:
        rep.error(f"narrator {gold['narrator']!r} is not a character")

    # --- front and back matter -> content range
    start, end = 0, len(text)
    pos = 0
    for para in gold["front_matter"]:
        i = text.find(para, pos)
        if i < 0:
            rep.error(f"front matter not found: {para[:50]!r}")
            continue
        if not _line_start(text, i) or not _para_end(text, i + len(para)):
            rep.error(f"front matter is not a whole paragraph: {para[:50]!r}")
        pos = start = i + len(para)
    if gold["front_matter"] and text[:text.find(gold["front_matter"][0])].strip():
        rep.error("text before the first front matter paragraph")
    back_pos = []
    pos = start
    for para in gold["back_matter"]:
        i = text.find(para, pos)
        if i < 0:
            rep.error(f"back matter not found: {para[:50]!r}")
            continue
        if not _line_start(text, i) or not _para_end(text, i + len(para)):
            rep.error(f"back matter is not a whole paragraph: {para[:50]!r}")
        back_pos.append(i)
        pos = i + len(para)
    if back_pos:
        end = back_pos[0]
        if text[pos:].strip():
            rep.error("text after the last back matter paragraph")
    content = text[start:end]

    # --- scenes
    pos = start
    for n, sc in enumerate(gold["scenes"]):
        sw, heading = sc.get("starts_with"), sc.get("heading")
        if not sw:
            rep.error(f"scene {n}: empty starts_with")
            continue
        i = text.find(sw, pos, end)
        while i >= 0 and not _line_start(text, i):
            i = text.find(sw, i + 1, end)
        if i < 0:
            rep.error(f"scene {n}: starts_with not found at a line start: {sw!r}")
            continue
        if n == 0 and text[start:i].strip():
            rep.error("scene 0 does not start at the first line of the content")
        if heading is not None:
            line = text[i:text.find("\n", i) if "\n" in text[i:] else len(text)]
            if line.strip() != heading:
                rep.error(f"scene {n}: heading {heading!r} is not the line {line!r}")
        pos = i + len(sw)

    # --- turns
    covered = bytearray(len(text))
    pos = start
    prev_q = -1
    turns = gold["turns"]
    for n, t in enumerate(turns):
        label = f"turn {n} ({t.get('text', '')[:40]!r})"
        if t.get("kind") not in KINDS:
            rep.error(f"{label}: bad kind {t.get('kind')!r}")
        for role in ("speaker", "addressee"):
            if t.get(role) is not None and t[role] not in names:
                rep.error(f"{label}: {role} {t[role]!r} is not a character")
        q = t.get("quote")
        if not isinstance(q, int) or q not in (prev_q, prev_q + 1):
            rep.error(f"{label}: quote {q!r} after {prev_q}")
        else:
            prev_q = q
        body = t.get("text") or ""
        if not body or body != body.strip():
            rep.error(f"{label}: empty text or surrounding whitespace")
            continue
        # first occurrence (searching forward) that sits right after an opening mark
        i = text.find(body, pos, end)
        while i >= 0 and text[i - 1] not in OPEN_CLOSE:
            i = text.find(body, i + 1, end)
        if i < 0:
            rep.error(f"{label}: not found after offset {pos} preceded by an opening mark")
            continue
        j = i + len(body)
        opener = text[i - 1]
        closer = OPEN_CLOSE[opener]
        if text[j:j + 1] == closer:
            covered[i - 1:j + 1] = b"\x01" * (j + 1 - (i - 1))
        else:
            nxt = turns[n + 1] if n + 1 < len(turns) else None
            ok = (_para_end(text, j) and nxt is not None and nxt.get("quote") == q
                  and nxt.get("text") and text.find(nxt["text"], j) >= 0)
            if ok:
                k = text.find(nxt["text"], j)
                ok = _line_start(text, k - 1) and text[k - 1] == opener
            if not ok:
                rep.error(f"{label}: not followed by {closer!r} and not an unclosed "
                          f"paragraph of a multi-paragraph quote (next: {text[j:j + 12]!r})")
            covered[i - 1:j] = b"\x01" * (j - (i - 1))
        pos = j

    # --- coverage: no stray quotation marks in the content
    marks = set('"“”‘') | {"*", "_"}
    for k in range(start, end):
        ch = text[k]
        if ch in marks and not covered[k]:
            ls = text.rfind("\n", 0, k) + 1
            le = text.find("\n", k)
            line = text[ls:le if le >= 0 else len(text)]
            if SEPARATOR.match(line):
                continue
            rep.error(f"unannotated quotation mark {ch!r} at {k}: {text[max(0, k - 30):k + 30]!r}")

    # --- length
    words = len(content.split())
    if words < MIN_WORDS:
        rep.error(f"content has {words} words (< {MIN_WORDS})")

    stats = {
        "words": words,
        "scenes": len(gold["scenes"]),
        "turns": len(turns),
        "kinds": dict(Counter(t.get("kind") for t in turns)),
        "quotes": prev_q + 1,
        "speakers": dict(Counter(t.get("speaker") for t in turns)),
    }
    return rep, stats


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    paths = [Path(a) for a in argv] or sorted(here.glob("*.gold.json"))
    if not paths:
        print("no gold files found")
        return 1
    failed = 0
    for p in paths:
        rep, st = check(p)
        if rep.errors:
            failed += 1
            print(f"FAIL {rep.name}")
            for e in rep.errors:
                print(f"  - {e}")
        else:
            print(f"ok   {rep.name}: {st['words']} words, {st['scenes']} scenes, "
                  f"{st['turns']} turns {st['kinds']}, {st['quotes']} quotes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
