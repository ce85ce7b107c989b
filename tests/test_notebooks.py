"""The notebooks in notebooks/: outputs cleared in git, and each runs from top to bottom.

Each notebook is executed with nbclient on a Python 3 kernel (ipykernel), from the
notebooks/ folder as nbmake would, on the stories in data/. The kernel uses its
default inline matplotlib backend, which renders every figure with Agg into a PNG
output, so a chart that fails to render fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
NAMES = ("01_quick_start", "02_emotional_arcs", "03_dialogue_share")
# the charts each notebook must show (figures rendered as PNG outputs)
MIN_FIGURES = {"01_quick_start": 6, "02_emotional_arcs": 6, "03_dialogue_share": 5}


def _read(path: Path):
    nbformat = pytest.importorskip("nbformat", reason="the test extra installs nbformat")
    return nbformat.read(path, as_version=4)


def test_the_notebooks_are_there():
    found = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert set(NAMES) <= set(found), f"missing notebooks: {set(NAMES) - set(found)}"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_outputs_are_cleared(path):
    nb = _read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: clear the outputs before committing"
            assert cell.execution_count is None, f"{path.name}: clear the execution counts"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name):
    pytest.importorskip("ipykernel", reason="the test extra installs ipykernel")
    nbclient = pytest.importorskip("nbclient", reason="the test extra installs nbclient")
    nb = _read(NOTEBOOKS / f"{name}.ipynb")
    env = dict(os.environ)
    # the kernel must import the fictools under test (a source checkout on PYTHONPATH included)
    src = str(REPO / "src")
    import fictools

    if Path(fictools.__file__).resolve().is_relative_to(Path(src).resolve()):
        env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("MPLBACKEND", None)  # the kernel's inline backend: figures render to PNG outputs
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    # jupyter_client starts ipykernel's "python3" kernel with sys.executable: this interpreter
    client.execute(env=env)
    figures = sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert figures >= MIN_FIGURES[name], f"{name}: {figures} charts rendered"
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.get("output_type") == "error"
    ]
    assert not errors
