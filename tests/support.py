"""Helpers shared by the tests: build input files with the real libraries, read the store back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from verhalen.errors import RejectedBatch
from verhalen.ingest import IngestReport, ingest
from verhalen.project import STORE_NAME, Project
from verhalen.store import StoryRow

# -- building input files ---------------------------------------------------------------------


def write_docx(path: Path, items: list[tuple[str, str]]) -> Path:
    """A Word file from (kind, text) items; kind is 'h1', 'h2', 'title' or 'p'."""
    import docx

    document = docx.Document()
    for kind, text in items:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind.startswith("h"):
            document.add_heading(text, level=int(kind[1:]))
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def write_odt(path: Path, items: list[tuple[str, str]]) -> Path:
    """An OpenDocument text from (kind, text) items; kind is 'h1', 'h2' or 'p'."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    for kind, text in items:
        if kind.startswith("h"):
            document.text.addElement(H(outlinelevel=int(kind[1:]), text=text))
        else:
            document.text.addElement(P(text=text))
    document.save(str(path))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_narrafirma_storyform(spec_form: Any, path: Path) -> Path:
    """A storyform.yaml holding the questions of a form read from a NarraFirma form CSV."""
    questions = []
    for q in spec_form.questions:
        item: dict[str, Any] = {
            "id": q.id,
            "type": q.type,
            "about": q.about,
            "short": dict(q.short),
            "text": dict(q.text),
        }
        if q.options:
            item["options"] = list(q.options)
        if q.min is not None:
            item["min"] = q.min
        if q.max is not None:
            item["max"] = q.max
        if q.labels:
            item["labels"] = list(q.labels)
        questions.append(item)
    data = {"title": spec_form.title, "language": spec_form.language, "questions": questions}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- running ingest -----------------------------------------------------------------------------


def ingest_ok(project: Project, paths: list[Path], **kwargs: Any) -> IngestReport:
    """Ingest that must succeed: a rejected batch fails the test with its problem lines."""
    try:
        return ingest(project, paths, **kwargs)
    except RejectedBatch as exc:  # pragma: no cover - only when a test is about to fail
        raise AssertionError("batch rejected:\n" + str(exc)) from None


def rejected(project: Project, paths: list[Path], **kwargs: Any) -> list[str]:
    """Ingest that must be rejected: the `path:row: reason` lines, sorted as reported."""
    try:
        ingest(project, paths, **kwargs)
    except RejectedBatch as exc:
        return [str(p) for p in exc.problems]
    raise AssertionError("the batch was accepted, but it should have been rejected")


# -- reading the store back ---------------------------------------------------------------------


def stories(project: Project) -> list[StoryRow]:
    with project.store() as store:
        return store.stories()


def by_title(project: Project) -> dict[str | None, StoryRow]:
    return {s.title: s for s in stories(project)}


def answers(project: Project) -> dict[int, dict[str, Any]]:
    with project.store() as store:
        return store.answers()


def teller_answers(project: Project) -> dict[str, dict[str, Any]]:
    with project.store() as store:
        return store.storyteller_answers()


def count(project: Project, table: str) -> int:
    with project.store() as store:
        return store.count(table)


def store_snapshot(project: Project) -> tuple[bytes, bytes | None, list[str]]:
    """The store's bytes on disk (main file and WAL, if any) and a full SQL dump.

    Call only when no connection is open, so the WAL has been checkpointed.
    """
    path = project.root / STORE_NAME
    wal = path.with_name(path.name + "-wal")
    main = path.read_bytes()
    wal_bytes = wal.read_bytes() if wal.exists() else None
    db = sqlite3.connect(path)
    try:
        dump = list(db.iterdump())
    finally:
        db.close()
    return main, wal_bytes, dump


# -- the example project, built once per session -------------------------------------------------

_DEMO: dict[str, Any] = {}


def demo_result(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`make_demo` (ingest, answers, pseudonymisation, tags, clustering, report) once per test
    session: test_cluster, test_perspectives, test_notebooks and test_pseudonymize share it
    (about 35 s each). Never change it: copy it with `demo_copy`."""
    from verhalen.demo import make_demo

    if "result" not in _DEMO:
        _DEMO["result"] = make_demo(tmp_path_factory.getbasetemp() / "voorbeeld-demo")
    return _DEMO["result"]


def demo_copy(tmp_path_factory: pytest.TempPathFactory, target: Path) -> Project:
    """A copy of the session's example project that a test may change."""
    return copy_of(demo_result(tmp_path_factory).project.root, target)


def clustered_example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The example project with one run `ClusterConfig()`, built once per test
    session (test_cluster.py and test_perspectives.py share it; never change it, copy it)."""
    from verhalen.cluster import ClusterConfig
    from verhalen.perspectives import run_cluster

    base = tmp_path_factory.getbasetemp()
    ready, marker = base / "voorbeeld-geclusterd", base / "voorbeeld-geclusterd.run"
    if not marker.is_file():
        building = tmp_path_factory.mktemp("bouw") / "vp"
        project = demo_copy(tmp_path_factory, building)
        run_id, _ = run_cluster(project, ClusterConfig())
        shutil.copytree(building, ready)
        marker.write_text(str(run_id), encoding="utf-8")
    return ready, int(marker.read_text(encoding="utf-8"))


def fake_run(
    store: Any, numbers: list[int], perspectives: dict[int, dict[str, Any]], exemplars: int = 3
) -> int:
    """Store an active clustering run without clustering; call it inside a transaction.

    `numbers[k]` is the perspective of the k-th story in store order (0: past nergens bij);
    `perspectives` gives each number's `save_perspective` fields (label, terms, and optionally
    stability, name, description); its first `exemplars` stories are its exemplars.
    """
    ids = [s.id for s in store.stories()]
    run = store.add_run(42, "fake", {"embedder": "fake", "seed": 42}, {}, {}, None)
    for n, fields in perspectives.items():
        members = [sid for sid, m in zip(ids, numbers, strict=True) if m == n]
        fields = {"stability": 0.5, **fields}
        store.save_perspective(run, n, exemplars=members[:exemplars], **fields)
    store.save_perspective(run, 0, "", [], [], None)
    store.assign(run, [(sid, n, n, 0.5) for sid, n in zip(ids, numbers, strict=True)])
    store.set_active_run(run)
    return run


def copy_of(source: Path, target: Path) -> Project:
    shutil.copytree(source, target)
    return Project.open(target)
