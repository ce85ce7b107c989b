"""What characters and attribution add to the parse of a novel.

Parses Hard Times (103,539 words, from ../shared/corpora/pdnc) once with the
trained pipeline, then times the characters and attribution stages on that
parse (best of several) and prints both and their ratio. The target is at most
10% of the parse.

    python benchmarks/attribution_time.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fictools import nlp as nlp_mod
from fictools.pipeline import _characters_and_speakers
from fictools.quotes import find_turns
from fictools.scenes import segment
from fictools.sources import read

NOVEL = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "pdnc" / "HardTimes" / "text.txt"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not NOVEL.is_file():
        print(f"skipped: {NOVEL} not found")
        return 0
    with open(NOVEL, encoding="utf-8", newline="") as fh:
        text = fh.read()
    src = read(text)
    prose = segment(src).text_paragraphs
    turns = find_turns(text, [(p.start, p.end, p.index, p.scene) for p in prose])
    bounds = {p.index: (p.start, p.end) for p in prose}
    pipeline = nlp_mod.load()
    t0 = time.perf_counter()
    parsed = nlp_mod.parse(pipeline, text, [(p.start, p.end, p.index) for p in prose])
    parse_s = time.perf_counter() - t0
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        roster, _ = _characters_and_speakers(text, turns, bounds, parsed, None)
        best = min(best, time.perf_counter() - t0)
    words = len(text.split())
    print(f"Hard Times: {words:,} words, {len(turns):,} turns, {len(roster)} characters")
    print(f"parse (nlp.pipe, once): {parse_s:.2f} s")
    print(f"characters + attribution (best of {args.repeat}): {best:.2f} s")
    print(f"ratio: {best / parse_s:.1%} of the parse (target <= 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
