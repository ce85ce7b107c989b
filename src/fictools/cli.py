"""The command line: ``fictools analyze PATH... --out DIR``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import FictoolsError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fictools",
        description="Computational analysis of fiction: scenes, dialogue, speakers, sentiment.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "analyze",
        help="analyse stories and write their tables, interaction graph and charts",
        description=(
            "Analyse each story and write into DIR (into DIR/<file name> when there are several): "
            "the tables (scenes, turns, characters, passages, interactions), meta.json, the "
            "interaction graph (interactions.gexf, interactions.graphml) and the charts (arc, "
            "dialogue_share, interactions, interaction_heatmap, timeline)."
        ),
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="story files (.txt, .html, .epub)")
    a.add_argument("--out", required=True, metavar="DIR", help="folder to write the results into")
    a.add_argument(
        "--format", choices=("csv", "parquet"), default="csv", help="table format (default csv)"
    )
    a.add_argument(
        "--charts", choices=("png", "svg", "none"), default="png", help="chart format (default png)"
    )
    a.add_argument(
        "--passages",
        default="paragraph",
        help="unit of sentiment: sentence, paragraph or a number of words (default paragraph)",
    )
    a.add_argument(
        "--sentiment", default=None, help="sentiment scorer (default: the best measured)"
    )
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    # the spaCy pipeline by name ("blank" for tests); hidden: the default is what users want
    a.add_argument("--nlp", default=None, help=argparse.SUPPRESS)
    return p


#: The charts written per story: file name -> Story method.
CHARTS: dict[str, str] = {
    "arc": "plot_arc",
    "dialogue_share": "plot_dialogue_share",
    "interactions": "plot_interactions",
    "interaction_heatmap": "plot_interaction_heatmap",
    "timeline": "plot_timeline",
}


def _figsize(story: Any, name: str) -> tuple[float, float]:
    n_chars = max(len(story.characters), 1)
    if name == "timeline":
        return (
            min(max(8.0, 0.35 * len(story.scenes) + 3), 30.0),
            min(max(3.5, 0.45 * n_chars + 1.5), 20.0),
        )
    if name == "interaction_heatmap":
        side = min(max(6.0, 0.5 * n_chars + 3), 20.0)
        return (side + 1.5, side)
    if name == "interactions":
        return (8.0, 7.0)
    return (8.0, 5.0)


def _write_charts(story: Any, folder: Path, fmt: str) -> list[Path]:
    """Draw every chart of ``story`` into ``folder`` as ``<name>.<fmt>``."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    written = []
    for name, method in CHARTS.items():
        fig, ax = plt.subplots(figsize=_figsize(story, name))
        try:
            getattr(story, method)(ax=ax)
            fig.tight_layout()
            path = folder / f"{name}.{fmt}"
            fig.savefig(path)
        finally:
            plt.close(fig)
        written.append(path)
    return written


def _folders(paths: Sequence[str], out: Path) -> list[Path]:
    """One output folder per story (its file name's stem; ``stem-2``... when two share one)."""
    if len(paths) == 1:
        return [out]
    used: set[str] = set()
    folders = []
    for path in paths:
        stem = name = Path(path).stem or "story"
        n = 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        folders.append(out / name)
    return folders


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .pipeline import analyze
    from .story import GRAPH_FORMATS

    passages: str | int = args.passages
    if isinstance(passages, str) and passages.isdigit():
        passages = int(passages)
    out = Path(args.out)
    many = len(args.paths) > 1
    failures = 0
    write = print
    items: Any = list(zip(args.paths, _folders(args.paths, out)))
    if many and not args.quiet:
        from tqdm.auto import tqdm

        items = tqdm(items, desc="stories", unit="story")
        write = tqdm.write  # prints above the bar instead of breaking it
    for path, folder in items:
        try:
            story = analyze(path, nlp=args.nlp, passages=passages, sentiment=args.sentiment)
            story.export(folder, format=args.format)
            for fmt in GRAPH_FORMATS:
                story.export_graph(folder / f"interactions.{fmt}")
            if args.charts != "none":
                _write_charts(story, folder, args.charts)
        except FictoolsError as e:
            failures += 1
            print(f"fictools: {path}: {e}", file=sys.stderr)
            continue
        if not args.quiet:
            what = "tables, graph" + (" and charts" if args.charts != "none" else "")
            write(story.summary())
            write(f"  {what} written to {folder}/")
            write("")
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
