"""Two `verhalen` processes on one project at once.

Readers never wait (WAL); writers queue on the store's write lock (`BEGIN IMMEDIATE`, 15 s busy
timeout). So two commands either both succeed, one after the other where they write, or the one
that waited too long stops with one clear line and exit status 1: never a traceback, never a
damaged store, and every batch that was reported stored is there whole.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from processes import (
    Batch,
    dump,
    example_project,
    finish,
    make_batch,
    new_project,
    output,
    run,
    schema,
    start,
    verhalen,
    wal_size,
)
from typer.testing import CliRunner, Result

from verhalen.cli.app import app
from verhalen.project import STORE_NAME, Project
from verhalen.store import Store
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION

SEED = 20261125
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups"),
]


def _healthy(root: Path) -> dict:
    with Store(root / STORE_NAME) as store:
        assert store.integrity_check() == "ok"
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        return dump(store.db)


def _no_traceback(*streams: str) -> None:
    for text in streams:
        assert "Traceback" not in text and "sqlite3." not in text, text


def _writing(root: Path) -> None:
    """Wait until an ingest started on `root` is inside its write transaction."""
    deadline = time.monotonic() + 60
    while wal_size(root) <= 256 * 1024:
        assert time.monotonic() < deadline, "the ingest never started writing"
        time.sleep(0.002)


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Batch, Batch]:
    where = tmp_path_factory.mktemp("invoer")
    return (
        make_batch(where, files=20, per_file=75, seed=SEED, tag="a"),
        make_batch(where, files=20, per_file=75, seed=SEED + 1, tag="b"),
    )


def test_two_ingests_of_different_folders_both_store_their_batch(
    tmp_path: Path, batches: tuple[Batch, Batch]
):
    root = new_project(tmp_path / "p").root
    procs = [start(b.argv(root), tmp_path / "log") for b in batches]
    for proc, batch in zip(procs, batches, strict=True):
        code, out, err = finish(proc)
        assert code == 0, err
        assert f"{batch.stories} verhalen ingelezen" in out
        _no_traceback(out, err)
    stored = _healthy(root)
    assert len(stored["stories"]) == sum(b.stories for b in batches)
    assert len(stored["sources"]) == sum(b.files for b in batches)
    assert len(stored["storytellers"]) == sum(b.storytellers for b in batches)
    assert len(stored["answers"]) == sum(b.answers for b in batches)
    assert [row[2] for row in stored["changes"]] == ["ingest", "ingest"]


def test_the_same_batch_twice_at_once_is_stored_once(tmp_path: Path, batches: tuple[Batch, Batch]):
    # Both read the store before either writes; the one that writes second finds every story
    # already there once it holds the lock (this used to end in "UNIQUE constraint failed").
    batch = batches[0]
    root = new_project(tmp_path / "p").root
    procs = [start(batch.argv(root), tmp_path / "log") for _ in range(2)]
    outputs = [finish(proc) for proc in procs]
    for code, out, err in outputs:
        assert code == 0, err
        _no_traceback(out, err)
    said = "\n".join(out for _, out, _ in outputs)
    assert f"{batch.stories} verhalen ingelezen" in said
    assert "al aanwezig als verhaal" in said or "al ingelezen en niet veranderd" in said
    stored = _healthy(root)
    assert len(stored["stories"]) == batch.stories
    assert len(stored["sources"]) == batch.files
    assert len(stored["answers"]) == batch.answers


def _in_process(root: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--project", str(root), *args])


def test_report_while_an_ingest_writes(tmp_path: Path, batches: tuple[Batch, Batch]):
    project = example_project(tmp_path / "p")
    before = _healthy(project.root)
    ingest = start(batches[0].argv(project.root), tmp_path / "log")
    _writing(project.root)
    made = _in_process(project.root, "report", "--format", "xlsx")  # this process reads
    assert made.exit_code == 0, made.output
    code, out, err = finish(ingest)
    assert code == 0, err
    _no_traceback(out, err)
    after = _healthy(project.root)
    assert len(after["stories"]) == len(before["stories"]) + batches[0].stories
    assert (project.root / "rapport" / "catalysisrapport.xlsx").is_file()


def test_ingest_while_a_cluster_runs(tmp_path: Path, batches: tuple[Batch, Batch]):
    project = example_project(tmp_path / "p")
    old = {row[0] for row in _healthy(project.root)["stories"]}
    clustered: list[Result] = []
    cluster = threading.Thread(
        target=lambda: clustered.append(_in_process(project.root, "cluster", "--runs", "2"))
    )
    cluster.start()  # clustering here, in this process, while another process ingests
    code, out, err = run(batches[1].argv(project.root), tmp_path / "log")
    cluster.join()
    assert code == 0, err
    _no_traceback(out, err)
    assert clustered[0].exit_code == 0, clustered[0].output
    with Store(project.store_path) as store:
        assert store.integrity_check() == "ok"
        stories = {s.id for s in store.stories()}
        run_ = store.active_run()
        assigned = {a["story_id"] for a in store.assignments(run_.id)}
    assert len(stories) == len(old) + batches[1].stories
    # the run holds the stories it read: those from before, or all if the ingest was first
    assert assigned in (old, stories)


def _busy_cli(root: Path, seconds: float, *args: object) -> list[str]:
    """`verhalen ARGS` with a shorter busy timeout (set in the child; verhalen has no option)."""
    code = (
        "import sys, verhalen.store\n"
        f"verhalen.store.BUSY_TIMEOUT_MS = {int(seconds * 1000)}\n"
        "from verhalen.cli.app import main\n"
        "sys.argv = ['verhalen'] + sys.argv[1:]\n"
        "main()\n"
    )
    return [sys.executable, "-c", code, "--project", str(root), *(str(a) for a in args)]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nl", "het project is bezig met een andere opdracht (de opslag bleef 0,3 seconden bezet); "
         "probeer het opnieuw als die klaar is"),
        ("en", "the project is busy with another command (the store stayed locked for 0.3 "
         "seconds); try again when it has finished"),
    ],
)  # fmt: skip
def test_a_writer_that_waits_too_long_stops_with_one_clear_line(
    tmp_path: Path, lang: str, message: str
):
    project = new_project(tmp_path / "p", lang=lang)
    story = tmp_path / "verhaal.txt"
    story.write_text("Een verhaal over de brug die maar niet gemaakt werd.\n", encoding="utf-8")
    before = _healthy(project.root)
    holder = sqlite3.connect(project.store_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another command is writing, and keeps at it
        code, out, err = run(_busy_cli(project.root, 0.3, "ingest", story), tmp_path / "log")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert err == message + "\n"
    _no_traceback(out, err)
    assert _healthy(project.root) == before

    code, out, err = run(verhalen(project.root, "ingest", story), tmp_path / "log")
    assert code == 0, err  # once the other is done


def test_a_writer_waits_for_the_other_to_finish(tmp_path: Path):
    project = new_project(tmp_path / "p")
    story = tmp_path / "verhaal.txt"
    story.write_text("Een verhaal over de brug die maar niet gemaakt werd.\n", encoding="utf-8")
    holder = sqlite3.connect(project.store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    ingest = start(verhalen(project.root, "ingest", story), tmp_path / "log")
    time.sleep(1.5)  # well past the start of its write; well within the 15 s it waits
    assert ingest.poll() is None, "it should be waiting for the lock"
    holder.execute("COMMIT")
    holder.close()
    code, out, err = finish(ingest)
    assert code == 0, err
    assert "1 verhaal ingelezen" in out


def _old_store(path: Path, version: int | None) -> None:
    """A store as an older verhalen left it (None: no store file yet)."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if version is None:
        return
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    for number in range(version):
        db.executescript(MIGRATIONS[number])
        db.execute(f"PRAGMA user_version = {number + 1}")
    db.close()


@pytest.mark.parametrize("version", [0, 1])
def test_processes_opening_an_old_store_at_once_migrate_it_once(
    tmp_path: Path, project: Project, version: int
):
    with Store(tmp_path / "vers.sqlite") as fresh:
        expected = schema(fresh.db)
    _old_store(project.store_path, version)
    # every process loads verhalen, says so, waits for the same signal, then opens the store
    go = tmp_path / "go"
    code = (
        "import os, sys, time\n"
        "from verhalen.cli.app import main\n"
        "import verhalen.status, verhalen.store\n"
        "print('ready', flush=True)\n"
        f"while not os.path.exists({str(go)!r}): time.sleep(0.001)\n"
        "sys.argv = ['verhalen'] + sys.argv[1:]\n"
        "main()\n"
    )
    argv = [sys.executable, "-c", code, "--project", str(project.root), "status"]
    procs = [start(argv, tmp_path / "log") for _ in range(4)]
    deadline = time.monotonic() + 60
    while not all(output(p)[0].startswith("ready") for p in procs):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.01)
    go.touch()
    for proc in procs:
        code_, out, err = finish(proc)
        assert code_ == 0, err
        _no_traceback(out, err)
    with Store(project.store_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.integrity_check() == "ok"
        assert schema(store.db) == expected


def test_a_store_being_created_by_another_process_is_waited_for(tmp_path: Path, project: Project):
    # The other process has just created the file and holds it (still in SQLite's default
    # journal mode): switching to WAL is refused at once, without SQLite's own waiting.
    _old_store(project.store_path, None)
    holder = sqlite3.connect(project.store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    status = start(verhalen(project.root, "status"), tmp_path / "log")
    time.sleep(1.0)
    waiting = status.poll() is None
    holder.execute("ROLLBACK")
    holder.close()
    code, _out, err = finish(status)
    assert code == 0, err
    assert waiting
    with Store(project.store_path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version == SCHEMA_VERSION
