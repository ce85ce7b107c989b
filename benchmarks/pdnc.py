"""Quote detection and speaker attribution on the PDNC development novels.

Runs ``fictools.analyze`` on each novel of ../shared/corpora/pdnc and scores the
turns with the project's scorer, ../shared/eval/score_attribution.py.

    python benchmarks/pdnc.py                 # the trained pipeline (as users get it)
    python benchmarks/pdnc.py --nlp blank     # no parse: quote detection only, fast
    python benchmarks/pdnc.py --roster        # give each novel's character list (characters=: names, aliases, genders)
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
import time
from pathlib import Path

import pandas as pd

import fictools

SHARED = Path(__file__).resolve().parents[2] / "shared"
PDNC = SHARED / "corpora" / "pdnc"
SCORER = SHARED / "eval" / "score_attribution.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_attribution", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_roster(folder: Path) -> pd.DataFrame:
    """The novel's PDNC character list as a ``characters=`` table: names, aliases, genders."""
    rows = []
    with open(folder / "characters.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r.get("pseudo") == "1" or r["name"].startswith("_"):
                continue
            gender = {"M": "male", "F": "female"}.get(r.get("gender", ""), "unknown")
            rows.append({"character": r["name"], "aliases": [a for a in r["aliases"].split("|") if a], "gender": gender})
    return pd.DataFrame(rows, columns=["character", "aliases", "gender"]).drop_duplicates("character")


def addressee_accuracy(sa, folder: Path, story) -> tuple[int, int]:
    """(correct, scored): quotations whose PDNC addressees include the predicted one.

    Scored over the quotations for which PDNC names at least one addressee who
    is a real character; the predicted addressee of a quotation is that of its
    first overlapping turn, resolved to a gold character as the scorer resolves
    speakers.
    """
    gold = sa.Gold(str(folder))
    resolver = sa.NameResolver(gold, story.characters)
    turns = story.turns.sort_values("start")
    starts = turns["start"].to_numpy()
    ends = turns["end"].to_numpy()
    addr = turns["addressee"].to_numpy()
    ok = n = 0
    with open(folder / "quotes.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["part"] == "0"]
    for r in rows:
        ids = [i for i in r["addressee_ids"].split("|") if i and i in gold.chars and not gold.chars[i]["pseudo"]]
        if not ids:
            continue
        n += 1
        s, e = int(r["start"]), int(r["end"])
        hit = ((starts < e) & (ends > s)).nonzero()[0][:1]
        if not len(hit):
            continue
        cid, _ = resolver.resolve(addr[hit[0]])
        if cid is not None and cid in {gold.cls[i] for i in ids}:
            ok += 1
    return ok, n


def by_method(sa, folder: Path, story) -> dict[str, list[float]]:
    """method -> [quotations, right, sum of confidence], over the attributed quotations.

    A quotation counts under the method of its first overlapping turn; it is
    right when that turn's speaker resolves to the PDNC speaker.
    """
    gold = sa.Gold(str(folder))
    resolver = sa.NameResolver(gold, story.characters)
    turns = story.turns.sort_values("start")
    starts, ends = turns["start"].to_numpy(), turns["end"].to_numpy()
    out: dict[str, list[float]] = {}
    for q in gold.quotes():
        g = gold.chars.get(q["speaker_id"])
        if g is None or g["pseudo"]:
            continue
        s, e = q["parts"][0]
        hit = ((starts < e) & (ends > s)).nonzero()[0][:1]
        if not len(hit) or turns["speaker"].iloc[hit[0]] is None:
            continue
        row = turns.iloc[hit[0]]
        cid, _ = resolver.resolve(row["speaker"])
        acc = out.setdefault(row["method"], [0, 0, 0.0])
        acc[0] += 1
        acc[1] += cid is not None and cid == gold.cls.get(q["speaker_id"])
        acc[2] += float(row["confidence"])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nlp", default=None, help="spaCy pipeline name, or 'blank' (default: the trained one)")
    ap.add_argument("--roster", action="store_true", help="give the gold character list via characters=")
    ap.add_argument("--novels", default="", help="comma-separated subset")
    args = ap.parse_args(argv)
    if not PDNC.is_dir() or not SCORER.is_file():
        print(f"skipped: PDNC data or scorer not found under {SHARED}")
        return 0
    sa = load_scorer()
    novels = [n for n in args.novels.split(",") if n] or sorted(
        d.name for d in PDNC.iterdir() if (d / "quotes.csv").is_file()
    )
    tot = dict(found=0, sub=0, ok=0, turns=0, n=0, correct=0)
    by_type: dict[str, list[int]] = {}
    methods: dict[str, list[float]] = {}
    print(f"{'novel':22s} {'det_R':>6s} {'det_P':>6s} {'exact':>6s} {'spk_acc':>7s} {'expl':>6s} {'anaph':>6s} {'impl':>6s} {'secs':>6s}")
    for n in novels:
        folder = PDNC / n
        with open(folder / "text.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        t0 = time.perf_counter()
        story = fictools.analyze(
            text, nlp=args.nlp, characters=gold_roster(folder) if args.roster else None, title=n
        )
        secs = time.perf_counter() - t0
        r = sa.score(str(folder), story.turns, story.characters, include_diagnostics=False)
        a_ok, a_n = addressee_accuracy(sa, folder, story)
        for m, (k, right, conf) in by_method(sa, folder, story).items():
            acc = methods.setdefault(m, [0, 0, 0.0])
            acc[0] += k
            acc[1] += right
            acc[2] += conf
        tot["a_ok"] = tot.get("a_ok", 0) + a_ok
        tot["a_n"] = tot.get("a_n", 0) + a_n
        d = r["detection"]
        bt = r["speaker_accuracy_by_type"]
        tot["found"] += d["n_gold_subspans_found"]
        tot["sub"] += r["n_gold_subspans"]
        tot["ok"] += d["n_pred_turns_correct"]
        tot["turns"] += r["n_pred_turns"]
        tot["n"] += r["counts"]["n"]
        tot["correct"] += r["counts"]["correct"]
        for t, v in bt.items():
            acc = by_type.setdefault(t, [0, 0])
            acc[0] += v["correct"]
            acc[1] += v["n"]

        def f(x):
            return "   -  " if x is None else f"{x:6.3f}"

        print(
            f"{n:22s} {f(d['recall'])} {f(d['precision'])} {f(d['boundary_exact'])} {f(r['speaker_accuracy']):>7s} "
            f"{f(bt.get('explicit', {}).get('accuracy'))} {f(bt.get('anaphoric', {}).get('accuracy'))} "
            f"{f(bt.get('implicit', {}).get('accuracy'))} {secs:6.1f}"
        )
    rec = tot["found"] / tot["sub"]
    prec = tot["ok"] / tot["turns"]
    acc = tot["correct"] / tot["n"]
    types = "  ".join(f"{t}={c / m:.3f}" for t, (c, m) in by_type.items() if m)
    print(f"{'MICRO':22s} {rec:6.3f} {prec:6.3f} {'':6s} {acc:7.3f}")
    print(f"quote detection: recall {rec:.4f}, precision {prec:.4f}; speaker accuracy {acc:.4f} ({types})")
    if tot.get("a_n"):
        print(f"addressee accuracy: {tot['a_ok'] / tot['a_n']:.4f} over {tot['a_n']} quotations with a PDNC addressee")
    if methods and args.nlp != "blank":
        # does `confidence` say how often a method is right?
        print("by method: quotations, share right, mean confidence")
        for m, (k, right, conf) in sorted(methods.items(), key=lambda kv: -kv[1][0]):
            print(f"  {m:16s} {k:5d}  {right / k:.3f}  {conf / k:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
