"""Crash safety: `verhalen ingest` and `verhalen cluster` killed (SIGKILL) at several moments.

Each kill point is a seeded random delay, some counted from the start of the command, some from
a moment the test watches for on disk (the store's write-ahead log growing, the model folder
appearing), so the points spread over the whole command and at least one lands inside the write.
After every kill the store must open, pass `PRAGMA integrity_check` and hold the whole batch or
none of it; a plain rerun afterwards must give the complete result.
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from processes import (
    Batch,
    Kill,
    differences,
    dump,
    example_project,
    kill_at,
    make_batch,
    new_project,
    run,
    verhalen,
    wal_frames,
    wal_size,
)
from typer.testing import CliRunner, Result

from verhalen.cli.app import app
from verhalen.errors import VerhalenError
from verhalen.models import MODEL_MANIFEST, MODELS_DIR, model_complete, save_model
from verhalen.perspectives import load_model
from verhalen.project import STORE_NAME, Project
from verhalen.store import Store

SEED = 20261124
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX signals"),
]


def _open_and_check(root: Path) -> Store:
    """Open the store as verhalen does and check what must hold whatever the outcome."""
    store = Store(root / STORE_NAME)
    assert store.integrity_check() == "ok"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    return store


# -- ingest ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """3,000 stories in 40 files (CSV with answers, plain text) and 40 new storytellers: large
    enough that the write takes a second or more and spills pages into the log before commit."""
    return make_batch(tmp_path_factory.mktemp("invoer"), files=40, per_file=75, seed=SEED)


def _ingest_outcome(root: Path, none: dict, whole: dict) -> str:
    with _open_and_check(root) as store:
        sources_without_stories = store.db.execute(
            "SELECT COUNT(*) FROM sources WHERE id NOT IN (SELECT source_id FROM stories)"
        ).fetchone()[0]
        now = dump(store.db)
    assert sources_without_stories == 0
    if now == none:
        return "none"
    if now == whole:
        return "whole"
    raise AssertionError(f"part of the batch is stored: {differences(now, whole)}")


def test_killed_ingest_stores_the_whole_batch_or_none_of_it(tmp_path: Path, big_batch: Batch):
    # The whole batch, run to the end on a project of its own: the complete result, and how
    # long the command takes here.
    reference = new_project(tmp_path / "heel")
    began = time.monotonic()
    code, _out, err = run(big_batch.argv(reference.root), tmp_path / "log")
    duration = time.monotonic() - began
    assert code == 0, err
    with Store(reference.store_path) as store:
        whole = dump(store.db)
    assert len(whole["stories"]) == big_batch.stories
    assert len(whole["sources"]) == big_batch.files
    assert len(whole["storytellers"]) == big_batch.storytellers
    assert len(whole["storyteller_answers"]) == 3 * big_batch.storytellers
    assert len(whole["answers"]) == big_batch.answers
    assert len(whole["sessions"]) == len(big_batch.sessions)
    assert whole["flags"]  # near duplicates are flagged in the same transaction
    assert [row[2] for row in whole["changes"]] == ["ingest"]  # (id, who, action, …)

    project = new_project(tmp_path / "p")
    root = project.root
    empty = tmp_path / "leeg.sqlite"
    shutil.copy(project.store_path, empty)
    with Store(project.store_path) as store:
        none = dump(store.db)

    rng = random.Random(SEED)
    shares = sorted(rng.uniform(0.1, 1.0) for _ in range(3))
    points: list[tuple[str, float, Any]] = [
        (f"{share:.0%} of {duration:.1f} s", share * duration, None) for share in shares
    ]
    # and once the log has grown past 256 kB: the transaction is writing, by construction
    points.append(("writing", rng.uniform(0.0, 0.3), lambda: wal_size(root) > 256 * 1024))

    kills: list[Kill] = []
    for name, delay, when in points:
        kill = kill_at(big_batch.argv(root), tmp_path / "log", name, delay=delay, when=when)
        kill.pending_frames = wal_frames(root)[1]  # before opening: that recovers the log
        kill.outcome = _ingest_outcome(root, none, whole)
        kills.append(kill)
        if kill.outcome == "whole":  # start the next point from the empty store again
            for suffix in ("", "-wal", "-shm"):
                (root / (STORE_NAME + suffix)).unlink(missing_ok=True)
            shutil.copy(empty, project.store_path)
    report = "\n".join(str(k) for k in kills)
    print(report)
    inside = [k for k in kills if k.killed and k.pending_frames]
    assert inside, f"no kill landed inside the write transaction:\n{report}"
    assert kills[-1].pending_frames and kills[-1].outcome == "none", report

    code, out, err = run(big_batch.argv(root), tmp_path / "log")
    assert code == 0, err
    assert f"{big_batch.stories} verhalen ingelezen" in out
    with _open_and_check(root) as store:
        assert dump(store.db) == whole


# -- cluster -----------------------------------------------------------------------------------

CLUSTER = ("cluster", "--runs", "2")


@pytest.fixture(scope="module")
def example_stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the example's stories and storytellers, not yet clustered (copy it)."""
    return example_project(tmp_path_factory.mktemp("voorbeeld") / "p").root


_CLI = threading.Lock()  # CliRunner swaps sys.stdout: one in-process command at a time


def _cluster_outcome(root: Path) -> str:
    """Every run complete (all stories assigned, perspectives, a complete model) and one active;
    the CLI lists the perspectives (or says there are none yet)."""
    with _open_and_check(root) as store:
        stories = {s.id for s in store.stories()}
        runs = store.runs()
        for run_ in runs:
            assert {a["story_id"] for a in store.assignments(run_.id)} == stories
            assert run_.perspectives >= 1
            assert run_.model_path == f"{MODELS_DIR}/run-{run_.id}"
            assert model_complete(root / run_.model_path)
        assert sum(r.active for r in runs) == (1 if runs else 0)
    with _CLI:
        listed = CliRunner().invoke(app, ["--project", str(root), "perspectives", "list"])
    if runs:
        assert listed.exit_code == 0, listed.output
    else:
        assert isinstance(listed.exception, VerhalenError), listed.exception
        assert "nog geen perspectieven" in str(listed.exception)
    return f"{len(runs)} run(s)"


@dataclass
class KilledClusters:
    roots: list[Path]
    kills: list[Kill] = field(default_factory=list)
    model_folders: list[str] = field(default_factory=list)  # what the kills left in modellen/
    reruns: list[Result] = field(default_factory=list)


def _kill_clusters(root: Path, points: list[tuple[str, float, Any]], found: KilledClusters):
    """Kill `verhalen cluster` on `root` at each point in turn, checking the store each time."""
    models = root / MODELS_DIR
    for name, delay, when in points:
        kill = kill_at(verhalen(root, *CLUSTER), root.parent / "log", name, delay=delay, when=when)
        kill.pending_frames = wal_frames(root)[1]
        left = sorted(models.iterdir()) if models.is_dir() else []
        found.model_folders += [
            f"{p.name} ({'complete' if (p / MODEL_MANIFEST).exists() else 'half written'})"
            for p in left
        ]
        try:
            kill.outcome = _cluster_outcome(root)
        except AssertionError as exc:
            kill.outcome = f"BROKEN: {exc}"
        found.kills.append(kill)


@pytest.fixture(scope="module")
def killed_clusters(tmp_path_factory: pytest.TempPathFactory, example_stories: Path):
    """`verhalen cluster` killed at three points on two copies of a project (side by side, to
    save time), then run to the end on each."""
    roots = [tmp_path_factory.mktemp("cluster") / "p" for _ in range(2)]
    for root in roots:
        shutil.copytree(example_stories, root)
    found = KilledClusters(roots)
    rng = random.Random(SEED + 1)
    first, second = roots
    models = first / MODELS_DIR
    starting = rng.uniform(0.3, 2.5)
    chains = [
        # writing: the model folder has appeared; the run is stored once the model is complete
        (first, [("saving the model", 0.0, lambda: models.is_dir() and any(models.iterdir()))]),
        (
            second,
            [
                # computing: the first write (the embeddings cache) is done, clustering is not
                ("clustering", rng.uniform(0.2, 2.0), lambda: wal_size(second) > 0),
                # starting up: imports, reading the stories
                ("starting", starting, None),
            ],
        ),
    ]
    with ThreadPoolExecutor(len(chains)) as pool:
        for done in [pool.submit(_kill_clusters, root, points, found) for root, points in chains]:
            done.result()
    for root in roots:  # the same command again, here in this process
        found.reruns.append(CliRunner().invoke(app, ["--project", str(root), *CLUSTER]))
    return found


def test_killed_cluster_leaves_no_run_or_a_complete_one(killed_clusters: KilledClusters):
    report = "\n".join(str(k) for k in killed_clusters.kills)
    report += "\nin modellen/: " + ", ".join(killed_clusters.model_folders)
    print(report)
    assert all(k.killed for k in killed_clusters.kills), report
    assert not any(k.outcome.startswith("BROKEN") for k in killed_clusters.kills), report


def test_cluster_rerun_after_kills_gives_a_complete_run(killed_clusters: KilledClusters):
    for root, rerun in zip(killed_clusters.roots, killed_clusters.reruns, strict=True):
        assert rerun.exit_code == 0, rerun.output
        assert "run 1:" in rerun.output  # none of the killed ones stored a run
        assert _cluster_outcome(root) == "1 run(s)"
        shown = [p.name for p in (root / MODELS_DIR).iterdir() if not p.name.startswith(".")]
        assert shown == ["run-1"]


def test_half_written_model_breaks_neither_list_report_nor_loading(
    tmp_path: Path, killed_clusters: KilledClusters
):
    root = tmp_path / "p"
    shutil.copytree(killed_clusters.roots[0], root)
    project = Project.open(root)
    model = root / MODELS_DIR / "run-1"
    topics = model / "perspectives.json"
    topics.write_bytes(topics.read_bytes()[: topics.stat().st_size // 2])
    assert not model_complete(model)

    cli = CliRunner()
    listed = cli.invoke(app, ["--project", str(root), "perspectives", "list"])
    assert listed.exit_code == 0, listed.output
    # the report reads runs and perspectives, never the model files; the spreadsheet alone
    # reads all of it (gather) in a third of the time of the PDF as well
    made = cli.invoke(app, ["--project", str(root), "report", "--format", "xlsx"])
    assert made.exit_code == 0, made.output
    with pytest.raises(VerhalenError, match=r"run 1 .*onvolledig of beschadigd"):
        load_model(project)

    # what a kill between saving the model and recording it left before models were renamed
    # into place: a run without a model, next to a half-written folder
    with Store(project.store_path) as store, store.transaction():
        store.db.execute("UPDATE runs SET model_path = NULL")
    listed = cli.invoke(app, ["--project", str(root), "perspectives", "list"])
    assert listed.exit_code == 0, listed.output
    with pytest.raises(VerhalenError, match="run 1 heeft geen opgeslagen model"):
        load_model(project)


class _FakeModel:
    def save(self, path: str, **_options: object) -> None:
        (Path(path) / "topics.json").write_text("{}", encoding="utf-8")
        (Path(path) / "config.json").write_text("{}", encoding="utf-8")


def test_model_is_saved_whole_and_leftovers_are_cleared_later(tmp_path: Path):
    models = tmp_path / MODELS_DIR
    old, young = models / ".run-old.partial", models / ".run-young.partial"
    for folder in (old, young):
        folder.mkdir(parents=True)
        (folder / "topics.json").write_text("{", encoding="utf-8")  # as a kill left it
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    staged = save_model(_FakeModel(), models, "tfidf")

    assert not old.exists()  # a killed process's leftover, cleared
    assert young.exists()  # may be another process saving right now
    assert staged.parent == models and staged.name.startswith(".run-")
    assert (staged / MODEL_MANIFEST).is_file()
    assert model_complete(staged)
    (staged / "config.json").write_text('{"changed": 1}', encoding="utf-8")
    assert not model_complete(staged)
