"""How much does fictools cost beyond spaCy's parse? ``analyze`` against a bare ``nlp.pipe``.

Times, in one process and alternating (so that the other work on the machine
weighs on both alike), ``fictools.analyze(PATH, nlp=nlp)`` against a bare
``for doc in nlp.pipe(paragraphs): pass`` over the same paragraphs (the story's
prose, as ``analyze`` finds it) with the same loaded pipeline and spaCy's
default batch size; keeps the best of ``--rounds`` of each, and prints both,
the words per second and the ratio, from both wall-clock and CPU time (this process's; on a machine
other programs share, the CPU time is the steadier figure). The floor of the
design is one parse, so the ratio is what every other stage costs (target:
1.10 or less).

    python benchmarks/speed.py                      # Hard Times (103,539 words), 3 rounds
    python benchmarks/speed.py PATH --rounds 5
    python benchmarks/speed.py --stages             # plus one run timed stage by stage
    python benchmarks/speed.py --profile            # plus the top functions of one run (cProfile)
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import pstats
import time
from collections import defaultdict
from pathlib import Path

import fictools
from fictools import nlp as nlp_mod
from fictools import pipeline
from fictools.scenes import segment
from fictools.sources import read

SHARED = Path(__file__).resolve().parents[2] / "shared"
HARD_TIMES = SHARED / "corpora" / "pdnc" / "HardTimes" / "text.txt"

# the names analyze() calls, by stage (wrapped by --stages)
STAGES = {
    "read": ["read"],
    "scenes": ["segment"],
    "quotes": ["find_turns", "turns_frame"],
    "parse": [],  # nlp_mod.parse, wrapped separately
    "characters + attribution": ["_characters_and_speakers", "characters_frame"],
    "sentiment": ["make_passages", "score_passages"],
    "interactions": ["interactions_frame"],
}


def paragraphs(path: Path) -> list[str]:
    src = read(path)
    return [src.text[p.start : p.end] for p in segment(src).text_paragraphs]


def bare(nlp, texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a bare parse."""
    t, c = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - t, time.process_time() - c


def full(nlp, path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fictools.analyze``."""
    t, c = time.perf_counter(), time.process_time()
    fictools.analyze(path, nlp=nlp)
    return time.perf_counter() - t, time.process_time() - c


def by_stage(nlp, path: Path) -> dict[str, float]:
    """One ``analyze`` with each stage's functions wrapped in a timer."""
    spent: dict[str, float] = defaultdict(float)
    saved = {}

    def timed(stage, fn):
        @functools.wraps(fn)
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[stage] += time.perf_counter() - t

        return run

    for stage, names in STAGES.items():
        for name in names:
            saved[name] = getattr(pipeline, name)
            setattr(pipeline, name, timed(stage, saved[name]))
    parse = nlp_mod.parse
    nlp_mod.parse = timed("parse", parse)
    try:
        t = time.perf_counter()
        fictools.analyze(path, nlp=nlp)
        total = time.perf_counter() - t
    finally:
        for name, fn in saved.items():
            setattr(pipeline, name, fn)
        nlp_mod.parse = parse
    spent["rest (tables, Story)"] = total - sum(spent.values())
    spent["total"] = total
    return dict(spent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=HARD_TIMES)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--nlp", default=None, help="a pipeline name (default: fictools' default)")
    ap.add_argument("--stages", action="store_true", help="also time one run stage by stage")
    ap.add_argument("--profile", action="store_true", help="also profile one run (cProfile)")
    args = ap.parse_args()

    nlp = nlp_mod.load(args.nlp)
    texts = paragraphs(args.path)
    n_words = sum(len(t.split()) for t in texts)
    print(
        f"{args.path.parent.name or args.path.name}: {len(texts):,} paragraphs, {n_words:,} words"
    )
    print(f"pipeline: {nlp.meta.get('name', '?')} {nlp.pipe_names}, batch size {nlp.batch_size}")
    # warm up both (first calls allocate and fill caches)
    bare(nlp, texts[:50])
    fictools.analyze("\n\n".join(texts[:50]), nlp=nlp)

    times: dict[str, list[tuple[float, float]]] = {"bare nlp.pipe": [], "fictools.analyze": []}
    for r in range(args.rounds):
        # alternate which goes first, so neither always runs on a cold or a busy machine
        order = ["bare", "analyze"] if r % 2 == 0 else ["analyze", "bare"]
        for which in order:
            if which == "bare":
                times["bare nlp.pipe"].append(bare(nlp, texts))
            else:
                times["fictools.analyze"].append(full(nlp, args.path))
        (bw, bc), (aw, ac) = times["bare nlp.pipe"][-1], times["fictools.analyze"][-1]
        print(
            f"round {r + 1}: bare {bw:.2f} s (CPU {bc:.2f} s), analyze {aw:.2f} s (CPU {ac:.2f} s)",
            flush=True,
        )
    wall = {k: min(w for w, _ in v) for k, v in times.items()}
    cpu = {k: min(c for _, c in v) for k, v in times.items()}
    print()
    print(
        f"best of {args.rounds}        {'wall (s)':>9} {'words/s':>9} {'CPU (s)':>9} {'words/s':>9}"
    )
    for k in times:
        print(
            f"{k:18} {wall[k]:9.2f} {n_words / wall[k]:9,.0f} {cpu[k]:9.2f} {n_words / cpu[k]:9,.0f}"
        )
    ratio_wall = wall["fictools.analyze"] / wall["bare nlp.pipe"]
    ratio_cpu = cpu["fictools.analyze"] / cpu["bare nlp.pipe"]
    # CPU time is what the ratio should be read from on a shared machine: wall time
    # also counts the time other programs had the core
    print(f"ratio analyze / bare parse: {ratio_cpu:.3f} (CPU time), {ratio_wall:.3f} (wall time)")

    if args.stages:
        print("\none analyze, stage by stage (s):")
        for k, v in by_stage(nlp, args.path).items():
            print(f"  {k:26} {v:7.2f}")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        fictools.analyze(args.path, nlp=nlp)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())


if __name__ == "__main__":
    main()
