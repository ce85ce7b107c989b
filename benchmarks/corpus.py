"""``fictools.analyze_many`` with 1 process against 2: the speed-up on a corpus.

The corpus is the chapters of Hard Times (../shared/corpora/pdnc; 37 stories,
103,000 words), or with ``--data N`` the stories of data/ repeated up to N
stories. Runs ``analyze_many(stories, n_process=1)`` and
``analyze_many(stories, n_process=2)`` alternating, ``--rounds`` times each,
and prints the best time of each and the speed-up (target: 1.6 or more with
2 processes on 20 stories or more). Each round also measures what two
processes can give on the machine at that moment (two pure-CPU loops at once
against one alone: 2.0 on two idle cores), since other programs sharing the
cores cap any speed-up. The pipeline is loaded in this process
before timing, as it would be in a session that has analysed anything; the
2-process time includes starting the worker process (a fresh interpreter
that loads the pipeline), as every call pays it.

    python benchmarks/corpus.py                 # the chapters of Hard Times, 2 rounds
    python benchmarks/corpus.py --data 24       # data/'s 3 stories, 8 times each
    python benchmarks/corpus.py --rounds 3 --nlp blank
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import fictools
from fictools import nlp as nlp_mod
from fictools.scenes import segment
from fictools.sources import read

REPO = Path(__file__).resolve().parents[1]
HARD_TIMES = REPO.parent / "shared" / "corpora" / "pdnc" / "HardTimes" / "text.txt"


def chapters(path: Path) -> dict[str, str]:
    """The novel's chapters as separate stories (name -> text)."""
    src = read(path)
    scenes = segment(src).scenes_frame()
    out = {}
    for ch, rows in scenes.groupby("chapter", sort=True):
        text = src.text[int(rows["start"].min()) : int(rows["end"].max())]
        if len(text.split()) >= 200:  # leave out the title page and the like
            out[f"{path.parent.name} {ch:02d}"] = text
    return out


def data_stories(n: int) -> dict[str, Path]:
    paths = sorted((REPO / "data").glob("*.txt"))
    return {f"{paths[i % len(paths)].stem} {i:02d}": paths[i % len(paths)] for i in range(n)}


def _spin(n: int) -> float:
    """Pure CPU work; returns its wall time."""
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i
    return time.perf_counter() - t


def ceiling(n: int = 30_000_000) -> float:
    """What 2 processes can give on this machine now: 2 x (one spin alone) / (two spins at once).

    2.0 on two idle cores; less when other programs share them (or the cores share a host).
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        pool.map(_spin, [1000, 1000])  # started
        alone = pool.apply(_spin, (n,))
        both = max(pool.map(_spin, [n, n], chunksize=1))
    return 2 * alone / both


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=int, default=0, metavar="N", help="data/'s stories, N in all")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--nlp", default=None, help="a pipeline name (default: fictools' default)")
    args = ap.parse_args()

    stories = data_stories(args.data) if args.data else chapters(HARD_TIMES)
    n_words = sum(
        len((s if isinstance(s, str) else s.read_text(encoding="utf-8")).split())
        for s in stories.values()
    )
    print(f"{len(stories)} stories, {n_words:,} words")
    kwargs = {"nlp": args.nlp, "progress": False}
    nlp_mod.load(args.nlp)
    fictools.analyze('Warm up. "Yes," said Anna.', nlp=args.nlp)

    times: dict[int, list[float]] = {1: [], 2: []}
    ceilings: list[float] = []
    results = {}
    for r in range(args.rounds):
        for n in (1, 2) if r % 2 == 0 else (2, 1):
            t = time.perf_counter()
            results[n] = fictools.analyze_many(stories, n_process=n, **kwargs)
            times[n].append(time.perf_counter() - t)
        c = ceiling()
        ceilings.append(c)
        print(
            f"round {r + 1}: 1 process {times[1][-1]:.1f} s, 2 processes {times[2][-1]:.1f} s "
            f"(speed-up {times[1][-1] / times[2][-1]:.2f}x; the machine's ceiling now {c:.2f}x)",
            flush=True,
        )
    for table in ("turns", "characters", "passages"):
        assert getattr(results[1], table).equals(getattr(results[2], table)), f"{table} differ"
    best = {n: min(v) for n, v in times.items()}
    print()
    for n, v in best.items():
        print(f"{n} process{'es' if n > 1 else '  '}: {v:7.1f} s  {n_words / v:8,.0f} words/s")
    print(f"speed-up with 2 processes: {best[1] / best[2]:.2f}x")
    print(
        f"the machine's ceiling (2 pure-CPU processes against 1, during the rounds): "
        f"{min(ceilings):.2f}x to {max(ceilings):.2f}x"
    )


if __name__ == "__main__":
    main()
