"""Speaker accuracy on the probe scenes of data/probes/: fiction unlike the PDNC novels.

Thirty-eight short scenes written by this team to find where attribution fails
outside 19th-century novels: fan fiction (present tense, first person,
nicknames, curly quotes and thoughts, an author's note and a scene break),
British single quotes, detectives and ranks, families (Mom, Dad, "said her
mother"), talking animals, three- to five-person scenes, imitations of
Dostoevsky, Twain, Dickens, Doyle, Austen and Brontë; and, written later
without looking at fictools first (``e_*``, ``f_*``), a thriller briefing, a
first-person diary, a children's story with a talking cat, a long story told
over paragraphs in single quotes, a family quarrel, a Victorian ball, a
Western, AO3 fan fiction, an interview and a town meeting; and (``i_*``, written the same way) six family scenes whose people are called Mum, Nan, Dad, "his mother", "the old man". Each ``NAME.txt`` has ``NAME.json`` beside it: the lines in order,
each ``[a fragment of the line, its speaker]``; a narrator is written
``NARRATOR(Name)`` or ``NARRATOR:Name``.

A line is right when fictools' speaker is the gold one: the same name, or a
character whose name or aliases share a word with it (titles aside); the
narrator also as fictools' "Narrator". A gold speaker may be written
``Sandra|Mum``: the story's proper name for someone its narration only ever
calls by a kinship word ("Mum passed it down"; Dad says "Sandra" once), and
either is right, as ``d_s2_family`` is scored on "Mom" and "Dad".

    python benchmarks/probes.py            # per scene and in all
    python benchmarks/probes.py --heldout  # the held-out scenes of data/probes/heldout/

The twelve scenes of ``data/probes/heldout/`` (``g_*``: a starship bridge, a
noir detective, a fantasy council, a Regency drawing room, a school, a horror
night with a voice on the phone; ``h_*``, added later: a hospital night shift,
pirates, first-person present fan fiction, a British kitchen with Mum and
Gran, a courtroom, two sisters on the phone) were written by sessions that
neither read fictools nor looked at its output. Keep them held out: measure on them, but do
not change fictools to fit them, or they stop telling how it does on fiction
it has not seen.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import fictools

PROBES = Path(__file__).resolve().parents[1] / "data" / "probes"
_TITLES = {"mr", "mrs", "miss", "ms", "dr", "coach", "inspector", "constable", "captain", "lieutenant", "chief", "sensei"}


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", s.lower().replace("\u2019", "'").replace("'", "")).strip()


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _TITLES}


def score(path: Path) -> tuple[int, int, int]:
    """(right, wrong, unattributed) over the gold lines of one scene."""
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    story = fictools.analyze(path.read_text(encoding="utf-8"))
    aliases = {r.character: [r.character, *r.aliases] for r in story.characters.itertuples()}
    turns = list(story.turns.itertuples())
    right = wrong = none = 0
    k = 0
    for fragment, speaker in gold:
        want = _norm(fragment)
        hit = next(
            (j for j in range(k, len(turns)) if want and (want in _norm(turns[j].text) or _norm(turns[j].text) in want) and _norm(turns[j].text)),
            None,
        )
        if hit is None:
            none += 1
            continue
        k = hit + 1
        got = turns[hit].speaker
        if got is None:
            none += 1
            continue
        narrator = re.match(r"NARRATOR[(:]\s*([^)]*)\)?", speaker)
        name = narrator.group(1) if narrator else speaker
        names = set().union(*(_words(a) for a in aliases.get(got, [got])))
        if any(_words(n) & names for n in name.split("|")) or (narrator and got == "Narrator"):
            right += 1
        else:
            wrong += 1
    return right, wrong, none


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = PROBES / "heldout" if "--heldout" in args else PROBES
    scenes = sorted(folder.glob("*.txt"))
    if not scenes:
        print(f"skipped: no probe scenes in {folder}")
        return 0
    tot = [0, 0, 0]
    for path in scenes:
        r, w, n = score(path)
        tot = [tot[0] + r, tot[1] + w, tot[2] + n]
        print(f"{path.stem:22s} right {r:3d}  wrong {w:3d}  unattributed {n:3d}  ({r / max(1, r + w + n):.2f})")
    r, w, n = tot
    print(f"all {r + w + n} lines: right {r} ({r / (r + w + n):.3f}), wrong {w}, unattributed {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
