"""The command line: ``fictools analyze PATH... --out DIR``."""

from __future__ import annotations

import argparse
import os
import re
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


def _one_line(message: object) -> str:
    """A message on one line (some carry an indented command on a line of its own)."""
    return " ".join(str(message).split())


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str, stream: Any) -> str:
    """``text`` as ``stream`` can print it.

    A file name that is not valid UTF-8 must not crash the print, and control
    characters in a file name or title (an escape sequence) must not reach the
    terminal: they are shown escaped (``\\x1b``).
    """
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    enc = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(enc, "backslashreplace").decode(enc)
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")


def _bug_report(path: str, exc: BaseException) -> str:
    """Save the traceback of an unexpected error; return the one line that tells the user."""
    import tempfile
    import traceback

    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="fictools-bug-", suffix=".txt", delete=False, errors="backslashreplace"
        ) as fh:
            fh.write(f"fictools analyze {path}\n\n{trace}")
        where = f"the traceback is in {fh.name}"
    except OSError:
        sys.stderr.write(trace)  # nowhere to save it: show it rather than lose it
        where = "the traceback is above"
    return (
        f"internal error ({type(exc).__name__}: {_one_line(exc)[:200]}). This is a bug in fictools, "
        f"not a problem with your file: please report it with the file; {where}."
    )


#: Exit statuses: every story written; a story could not be read or written; a bug.
EXIT_OK, EXIT_FAILED, EXIT_BUG = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    0 when every story was written; 1 when a story could not be read or its
    results not written (reported on stderr as one line, the other stories
    are still written); 2 for a usage error, or for an unexpected error (a
    bug in fictools: its traceback is saved to a file named in the message).
    """
    args = _parser().parse_args(argv)
    try:
        return _analyze(args)
    except KeyboardInterrupt:
        print("fictools: interrupted", file=sys.stderr)
        return 130


def _analyze(args: argparse.Namespace) -> int:
    from .pipeline import analyze
    from .story import GRAPH_FORMATS

    passages: str | int = args.passages
    if isinstance(passages, str) and passages.isdigit():
        passages = int(passages)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        message = f"fictools: --out {args.out}: is a file, not a folder; name a folder instead."
        print(_printable(message, sys.stderr), file=sys.stderr)
        return EXIT_FAILED
    many = len(args.paths) > 1
    status = EXIT_OK
    write = print
    items: Any = list(zip(args.paths, _folders(args.paths, out)))
    if many and not args.quiet:
        from tqdm.auto import tqdm

        items = tqdm(items, desc="stories", unit="story")
        write = tqdm.write  # prints above the bar instead of breaking it

    def fail(path: str, message: str, code: int) -> None:
        nonlocal status
        status = max(status, code)
        line = _printable(f"fictools: {path}: {message}", sys.stderr)
        if write is print:
            print(line, file=sys.stderr)
        else:
            write(line, file=sys.stderr)

    for path, folder in items:
        try:
            story = analyze(path, nlp=args.nlp, passages=passages, sentiment=args.sentiment)
        except FictoolsError as e:
            fail(path, _one_line(e), EXIT_FAILED)
            continue
        except Exception as e:  # noqa: BLE001 - a bug: say so, keep the traceback, go on
            fail(path, _bug_report(path, e), EXIT_BUG)
            continue
        try:
            story.export(folder, format=args.format)
            for fmt in GRAPH_FORMATS:
                story.export_graph(folder / f"interactions.{fmt}")
            if args.charts != "none":
                _write_charts(story, folder, args.charts)
        except FictoolsError as e:
            fail(path, _one_line(e), EXIT_FAILED)
            continue
        except OSError as e:  # a full disk, a read-only folder, a file where a folder should be
            why = e.strerror or _one_line(e)
            where = f" ({e.filename})" if e.filename else ""
            fail(
                path,
                f"cannot write the results to {folder}/: {why}{where}. Choose another --out folder, "
                "or make this one writable.",
                EXIT_FAILED,
            )
            continue
        except Exception as e:  # noqa: BLE001
            fail(path, _bug_report(path, e), EXIT_BUG)
            continue
        if not args.quiet:
            what = "tables, graph" + (" and charts" if args.charts != "none" else "")
            try:
                write(_printable(story.summary(), sys.stdout))
                write(_printable(f"  {what} written to {folder}/", sys.stdout))
                write("")
            except BrokenPipeError:
                # `fictools analyze ... | head`: the reader has gone, the files are the main job
                _silence_stdout()
                args.quiet = True
    return status


def _silence_stdout() -> None:
    """Send the rest of stdout (and Python's flush at exit) to the null device."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (a notebook, a test): nothing to silence


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
