"""Peak memory of ``fictools.analyze`` on a 1,000,000-word input.

Builds one long text from the PDNC novels in ../shared/corpora/pdnc (each
novel's text, in turn, until ``--words`` words), analyses it with the default
pipeline in this process and prints the peak resident set size
(``resource.getrusage``: the most this process ever held, the pipeline
included), beside what the process held once the pipeline was loaded, the
time and the words per second. Target: under 1.5 GB.

    python benchmarks/memory.py                     # 1,000,000 words
    python benchmarks/memory.py --words 300000
    python benchmarks/memory.py --stages            # time each stage too (is any of them quadratic?)
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import fictools
from fictools import nlp as nlp_mod

SHARED = Path(__file__).resolve().parents[2] / "shared"
PDNC = SHARED / "corpora" / "pdnc"


def long_text(words: int) -> str:
    """The PDNC novels one after the other (again from the first if need be) up to ``words``."""
    novels = [p.read_text(encoding="utf-8") for p in sorted(PDNC.glob("*/text.txt"))]
    if not novels:
        sys.exit(f"no novels found in {PDNC}")
    parts: list[str] = []
    n = 0
    while n < words:
        for text in novels:
            parts.append(text.strip())
            n += len(text.split())
            if n >= words:
                break
    return "\n\n\n".join(parts)


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports kB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--nlp", default=None, help="a pipeline name (default: fictools' default)")
    ap.add_argument(
        "--stages", action="store_true", help="time each stage (adds nothing to memory)"
    )
    args = ap.parse_args()

    text = long_text(args.words)
    nlp = nlp_mod.load(args.nlp)
    fictools.analyze('A short warm-up. "Yes," said Anna.', nlp=nlp)
    loaded = rss_mb()
    print(f"input: {len(text.split()):,} words, {len(text):,} characters")
    print(f"after loading the pipeline: {loaded:,.0f} MB")
    t = time.perf_counter()
    if args.stages:
        sys.path.insert(0, str(Path(__file__).parent))
        from speed import by_stage

        spent = by_stage(nlp, text)
        for k, v in spent.items():
            print(f"  {k:26} {v:8.1f} s")
        elapsed = spent["total"]
    else:
        story = fictools.analyze(text, nlp=nlp)
        elapsed = time.perf_counter() - t
        print(
            f"story: {story.n_words:,} words, {len(story.scenes):,} scenes, {len(story.turns):,} turns, "
            f"{len(story.characters):,} characters, {len(story.passages):,} passages"
        )
    peak = rss_mb()
    print(f"analyze: {elapsed:,.1f} s, {len(text.split()) / elapsed:,.0f} words/s")
    print(f"peak RSS: {peak:,.0f} MB ({peak - loaded:,.0f} MB above the loaded pipeline)")


if __name__ == "__main__":
    main()
