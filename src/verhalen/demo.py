"""The example project: `verhalen/voorbeeld` made into a working project, every stage run on it.

This is the README's quick start, so it must work with nothing but the package installed: the
example's files ship inside the package (`src/verhalen/voorbeeld`, package data) and are found
with `importlib.resources`, from a checkout and from an installed wheel alike. It copies the
inputs (never the `truth/` folder) into the new project, so the project stands on its own and
every source path in the store is relative.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from verhalen.answers import ImportReport, import_answers
from verhalen.autotag import AutoTagReport, auto_tag
from verhalen.cluster import ClusterConfig, ClusterResult
from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.ingest import IngestReport, ingest, read_options
from verhalen.perspectives import run_cluster
from verhalen.project import FORM_NAME, Project, init_project
from verhalen.pseudonymize import pseudonymize
from verhalen.report import ReportResult, make_report
from verhalen.review_sheet import PseudonymReport

EXAMPLE_ENV = "VERHALEN_VOORBEELD"
EXAMPLE_PACKAGE_DIR = "voorbeeld"  # src/verhalen/voorbeeld, shipped as package data
INPUTS = ("verhalen", "vertellers.csv", "antwoorden.xlsx")
CATALYSIS = "catalyse.yaml"
SESSIONS = {"sessie-1": "sessie 1", "sessie-2": "sessie 2"}


def example_folder() -> Path:
    """The example's folder: $VERHALEN_VOORBEELD, or the copy inside the installed package."""
    if os.environ.get(EXAMPLE_ENV):
        return Path(os.environ[EXAMPLE_ENV])
    packaged = resources.files("verhalen") / EXAMPLE_PACKAGE_DIR
    # A real folder for an ordinary or editable install; a zipped package has none to copy from.
    if isinstance(packaged, Path) and (packaged / FORM_NAME).is_file():
        return packaged
    raise VerhalenError(
        f"the example project is missing from this installation of verhalen ({packaged}); "
        f"reinstall verhalen, or set {EXAMPLE_ENV} to an example folder "
        "(src/verhalen/voorbeeld in a verhalen checkout)"
    )


@dataclass
class DemoResult:
    project: Project
    ingests: list[IngestReport] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    answers: ImportReport | None = None
    tags: AutoTagReport | None = None
    pseudonyms: PseudonymReport | None = None
    run_id: int | None = None
    clustering: ClusterResult | None = None
    report: ReportResult | None = None


def copy_inputs(source: Path, folder: Path) -> Path:
    """The example's inputs copied into `folder`/bronnen, the folder returned; never `truth/`,
    which holds the answers the tests and the bench check against."""
    inputs = folder / "bronnen"
    inputs.mkdir()
    for name in INPUTS:
        item = source / name
        if item.is_dir():
            shutil.copytree(item, inputs / name)
        elif item.is_file():
            shutil.copy(item, inputs / name)
    return inputs


def ingest_sessions(
    project: Project,
    inputs: Path,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[IngestReport]:
    """The example's stories read session by session, so each story knows its session."""
    reports = []
    tellers: Path | None = inputs / "vertellers.csv"
    for folder, session in SESSIONS.items():
        report = ingest(
            project,
            [inputs / "verhalen" / folder],
            storytellers_file=tellers,
            options=read_options(project, session=session),
            progress=progress,
        )
        reports.append(report)
        tellers = None  # registered with the first batch
    return reports


def make_demo(
    path: Path,
    source: Path | None = None,
    lang: str = "nl",
    progress: Callable[[int, int, str], None] | None = None,
) -> DemoResult:
    """Create the example project at `path` and run every stage that exists on it."""
    source = source or example_folder()
    if not (source / FORM_NAME).is_file():
        raise VerhalenError(t("data_demo_no_example", lang, path=source / FORM_NAME))
    if path.is_dir() and any(path.iterdir()):
        raise VerhalenError(t("data_demo_not_empty", lang, path=path))
    path.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / FORM_NAME, path / FORM_NAME)
    if (source / CATALYSIS).is_file():
        shutil.copy(source / CATALYSIS, path / CATALYSIS)
    inputs = copy_inputs(source, path)
    project = init_project(path, lang=lang, template="programma", name="Werken met Netwerken")
    result = DemoResult(project)
    result.ingests = ingest_sessions(project, inputs, progress)
    result.steps.append("ingest")
    answers = inputs / "antwoorden.xlsx"
    if answers.exists():
        result.answers = import_answers(project, answers)
        result.steps.append("tag import")
    result.pseudonyms = pseudonymize(project, progress=progress)
    result.steps.append("anonymize")
    result.tags = auto_tag(project, progress=progress)  # key terms from pseudonymised text
    result.steps.append("tag auto")
    result.run_id, result.clustering = run_cluster(
        project, ClusterConfig(lang=project.form.language), progress=progress
    )
    result.steps.append("cluster")
    result.report = make_report(project, progress=progress)
    result.steps.append("report")
    return result
