"""The notebooks in notebooks/ run top to bottom on the example project and are stored clean.

They run in order on one copy of the example project (made once for this module), as a
facilitator would use them: notebook 2 edits the perspectives that notebook 3 prepares the
workshop with. The kernel is the "python3" kernel of the interpreter running the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import demo_copy

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
TIMEOUT = 300


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("voorbeeld") / "project"
    demo_copy(tmp_path_factory, path)
    return path


def test_there_are_three_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-verkennen.ipynb",
        "02-perspectieven.ipynb",
        "03-sensemaking-workshop.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear the outputs"
            assert cell.execution_count is None, f"{path.name}: clear the execution counts"
    first = next(c for c in book.cells if c.cell_type == "code")
    assert 'PROJECT = os.environ.get("VERHALEN_PROJECT")' in first.source


@pytest.mark.slow
def test_notebooks_run(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(example, project)
    work = tmp_path / "werkmap"  # the notebooks' folder: nothing may land in the repository
    work.mkdir()
    monkeypatch.setenv("VERHALEN_PROJECT", str(project))
    monkeypatch.setenv("MPLBACKEND", "agg")
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(
            book,
            timeout=TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(work)}},
        )
        client.execute()  # raises CellExecutionError, naming the cell, on any error
        errors = [
            o
            for c in book.cells
            if c.cell_type == "code"
            for o in c.outputs
            if o.get("output_type") == "error"
        ]
        assert not errors, f"{path.name}: {errors}"
        if path.name == "01-verkennen.ipynb":
            shows_the_filter_and_the_map(book)
    assert not (work / "voorbeeld-project").exists()
    assert (project / "rapport").is_dir()
    history = (project / "catalyse.yaml").read_text(encoding="utf-8")
    assert "eerste-waarneming" in history


def shows_the_filter_and_the_map(book: nbformat.NotebookNode) -> None:
    """The filter's first ten stories are an HTML table, not a list of dicts; the maps are
    widgets (interactive in JupyterLab) that carry a static PNG for everywhere else."""
    results = {
        cell.source: [o.get("data", {}) for o in cell.outputs if o.get("data")]
        for cell in book.cells
        if cell.cell_type == "code"
    }
    table = next(
        data for source, out in results.items() if "gevonden[:10]" in source for data in out
    )
    assert table["text/html"].startswith("<table>")
    assert not table["text/plain"].startswith("[{")
    maps = [data for source, out in results.items() if "map_explorer(" in source for data in out]
    assert len(maps) == 2
    for data in maps:
        assert "application/vnd.jupyter.widget-view+json" in data
        assert data["image/png"]
        assert data["text/plain"].startswith("Kaart van de verhalen (kleur: ")
