"""The command line: ``fictools analyze PATH... --out DIR``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import FictoolsError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fictools",
        description="Computational analysis of fiction: scenes, dialogue, speakers, sentiment.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse stories and write their tables and charts")
    a.add_argument("paths", nargs="+", metavar="PATH", help="story files (.txt, .html, .epub)")
    a.add_argument("--out", required=True, metavar="DIR", help="folder to write the results into")
    a.add_argument("--format", choices=("csv", "parquet"), default="csv", help="table format (default csv)")
    a.add_argument("--charts", choices=("png", "svg", "none"), default="png", help="chart format (default png)")
    a.add_argument(
        "--passages",
        default="paragraph",
        help="unit of sentiment: sentence, paragraph or a number of words (default paragraph)",
    )
    a.add_argument("--sentiment", default=None, help="sentiment scorer (default: the best measured)")
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    # the spaCy pipeline by name ("blank" for tests); hidden: the default is what users want
    a.add_argument("--nlp", default=None, help=argparse.SUPPRESS)
    return p


def _write_charts(story, folder: Path, fmt: str) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    written = []
    for name in ("arc", "dialogue_share", "interactions"):
        fig, ax = plt.subplots(figsize=(8, 5))
        getattr(story, f"plot_{name}")(ax=ax)
        fig.tight_layout()
        path = folder / f"{name}.{fmt}"
        fig.savefig(path)
        plt.close(fig)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .pipeline import analyze

    passages: str | int = args.passages
    if isinstance(passages, str) and passages.isdigit():
        passages = int(passages)
    out = Path(args.out)
    many = len(args.paths) > 1
    failures = 0
    paths = args.paths
    if many and not args.quiet:
        try:
            from tqdm.auto import tqdm

            paths = tqdm(args.paths, desc="stories", unit="story")
        except ImportError:
            pass
    for path in paths:
        try:
            story = analyze(path, nlp=args.nlp, passages=passages, sentiment=args.sentiment)
            folder = out / Path(path).stem if many else out
            story.export(folder, format=args.format)
            if args.charts != "none":
                _write_charts(story, folder, args.charts)
        except FictoolsError as e:
            failures += 1
            print(f"fictools: {path}: {e}", file=sys.stderr)
            continue
        if not args.quiet:
            print(story.summary())
            print(f"  tables and charts written to {folder}/")
            print()
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
