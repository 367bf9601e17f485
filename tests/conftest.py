"""Fixtures: a fresh project with the example story form, storytellers, and the CLI in-process."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.ingest import IngestReport, ingest
from verhalen.project import FORM_NAME, Project, init_project

EXAMPLE = example_folder()  # src/verhalen/voorbeeld, the example shipped with the package
# CI checks out /work/shared as ../shared beside the repository.
SHARED = Path(__file__).resolve().parents[2] / "shared"
NARRAFIRMA = SHARED / "corpora" / "narrafirma-samples"

# Like verhalen/voorbeeld/vertellers.csv: id, naam and answers to the storyteller questions.
TELLERS: list[tuple[str, ...]] = [
    ("V01", "Anja", "inwoner", "45-60", "6"),
    ("V02", "Ruud", "inwoner", "60 of ouder", "12"),
    ("V03", "Fatima", "ambtenaar", "30-45", "3"),
]
TELLER_HEADER = ("id", "naam", "rol", "leeftijdsgroep", "jaren_betrokken")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A new project (template 'programma') whose story form is the example's storyform.yaml."""
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)  # init_project keeps an existing form
    return init_project(root, template="programma")


@pytest.fixture
def tellers_csv(project: Project) -> Callable[..., Path]:
    """Write a storytellers table into the project folder and return its path."""

    def write(
        rows: list[tuple[str, ...]] = TELLERS,
        name: str = "vertellers.csv",
        header: tuple[str, ...] = TELLER_HEADER,
    ) -> Path:
        path = project.root / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def register(project: Project, tellers_csv: Callable[..., Path]) -> Callable[..., IngestReport]:
    """Register storytellers (default: V01 Anja, V02 Ruud, V03 Fatima) with storytellers_file=."""

    def run(rows: list[tuple[str, ...]] = TELLERS) -> IngestReport:
        return ingest(project, [], storytellers_file=tellers_csv(rows))

    return run


@pytest.fixture
def cli(project: Project) -> Callable[..., Result]:
    """Run `verhalen --project PATH ARGS…` in-process; stdout and stderr stay apart."""
    runner = CliRunner()

    def run(*args: object, root: Path | None = None) -> Result:
        argv = ["--project", str(root or project.root), *(str(a) for a in args)]
        return runner.invoke(app, argv)

    return run


@pytest.fixture
def narrafirma() -> Path:
    if not NARRAFIRMA.is_dir():
        pytest.skip(f"NarraFirma samples not found at {NARRAFIRMA}")
    return NARRAFIRMA
