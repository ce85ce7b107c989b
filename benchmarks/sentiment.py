"""Passage sentiment against human readers: every scorer on EmoBank's fiction.

Runs ``fictools.analyze(text, passages="sentence", sentiment=NAME)`` on each
story of ../shared/corpora/emobank-fiction, writes the passages as per-span
predictions (``doc_id,start,end,<scorer>``) and scores them with the project's
scorer, ../shared/eval/score_sentiment.py, which maps each rated sentence to
the passages that cover it.

    python benchmarks/sentiment.py                 # the trained pipeline's sentences (as users get them)
    python benchmarks/sentiment.py --nlp blank     # spaCy's rule-based sentencizer: fast
    python benchmarks/sentiment.py --full          # also print the scorer's full tables

Prints, per scorer, the pooled Spearman correlation with the human valence of
the sentences and the mean arc correlation (``arc_roll_r``: both series
smoothed over 10% of each story, Pearson, averaged over stories).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import fictools
from fictools.sentiment import SCORERS

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "corpora" / "emobank-fiction"
SCORER = SHARED / "eval" / "score_sentiment.py"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_sentiment", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--nlp", default=None, help="spaCy pipeline name, or 'blank' (default: the trained one)"
    )
    ap.add_argument("--scorers", default=",".join(SCORERS), help="comma-separated scorer names")
    ap.add_argument("--full", action="store_true", help="print the scorer's full tables too")
    args = ap.parse_args(argv)
    if not (GOLD / "all_sentences.csv").is_file() or not SCORER.is_file():
        print(f"skipped: EmoBank fiction data or scorer not found under {SHARED}")
        return 0
    ss = load_scorer()
    names = [n for n in args.scorers.split(",") if n]
    docs = sorted(d.name for d in GOLD.iterdir() if (d / "text.txt").is_file())

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "passages.csv"
        with open(pred, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["doc_id", "start", "end", *names])
            for doc in docs:
                with open(GOLD / doc / "text.txt", encoding="utf-8", newline="") as f:
                    text = f.read()
                tables = [
                    fictools.analyze(
                        text, nlp=args.nlp, sentiment=n, passages="sentence", title=doc
                    ).passages
                    for n in names
                ]
                for i, r in enumerate(tables[0].itertuples(index=False)):
                    w.writerow(
                        [doc, r.start, r.end, *(f"{t['polarity'].iat[i]:.6f}" for t in tables)]
                    )
        secs = time.perf_counter() - t0
        sargs = ss.argparse.Namespace(
            gold_band=0.1, pred_band=0.05, pred_band_for={}, window_frac=0.1, min_window=5,
            bins=20, dct_k=5, min_arc_units=20,
        )  # fmt: skip
        gold = ss.load_gold(str(GOLD), None)
        preds, kinds = ss.load_predictions([str(pred)], names, gold, str(GOLD))
        results, _ = ss.evaluate(gold, preds, kinds, sargs)
    if args.full:
        ss.print_tables(results, sargs)
        print()
    block = results["ALL"]
    print(f"EmoBank fiction: {block['n_units']} rated sentences in {block['n_texts']} stories "
          f"(passages='sentence', nlp={args.nlp or 'default'}; {secs:.1f} s)")  # fmt: skip
    print(
        f"{'scorer':10s} {'spearman':>8s} {'pearson':>8s} {'arc_r':>6s} {'arc_dct':>7s} {'coverage':>8s}"
    )
    for n in names:
        r = block["methods"][n]
        print(f"{n:10s} {r['spearman']:8.3f} {r['pearson']:8.3f} {r['arc_roll_r']:6.3f} "
              f"{r['arc_dct_r']:7.3f} {r['coverage']:8.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
