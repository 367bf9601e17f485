"""Helpers for tests that run real `verhalen` processes: start, kill, race and inspect the store.

Used by test_crash.py and test_concurrency.py. Every process runs in its own session so a kill
takes any helper process with it; nothing here changes how verhalen itself runs.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verhalen.demo import example_folder
from verhalen.project import FORM_NAME, STORE_NAME, Project, init_project

EXAMPLE = example_folder()  # src/verhalen/voorbeeld, the example shipped with the package
# Columns that say when, not what: they differ between two otherwise identical runs.
TIME_COLUMNS = {"created_at", "ingested_at", "at"}


def new_project(root: Path, lang: str = "nl") -> Project:
    """Like the `project` fixture: template 'programma' with the example story form."""
    root.mkdir(parents=True)
    if lang == "nl":
        shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    return init_project(root, template="programma", lang=lang)


def example_project(root: Path) -> Project:
    """A project holding the example's stories and storytellers, unclustered."""
    from verhalen.ingest import ingest, read_options

    project = new_project(root)
    stories = EXAMPLE / "verhalen"
    ingest(
        project,
        [stories / "sessie-1"],
        storytellers_file=EXAMPLE / "vertellers.csv",
        options=read_options(project, session="sessie 1"),
    )
    ingest(project, [stories / "sessie-2"], options=read_options(project, session="sessie 2"))
    return project


def verhalen(root: Path, *args: object) -> list[str]:
    """The command line of `verhalen --project ROOT ARGS…` run by this test's Python."""
    return [sys.executable, "-m", "verhalen", "--project", str(root), *(str(a) for a in args)]


def start(argv: list[str], logs: Path) -> subprocess.Popen[bytes]:
    """Start a process with stdout and stderr in files under `logs` (pipes could fill up)."""
    logs.mkdir(parents=True, exist_ok=True)
    n = len(list(logs.glob("*.out")))
    paths = (logs / f"{n}.out", logs / f"{n}.err")
    env = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    with paths[0].open("wb") as out, paths[1].open("wb") as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, start_new_session=True)
    proc.log_paths = paths  # type: ignore[attr-defined]
    return proc


def output(proc: subprocess.Popen[bytes]) -> tuple[str, str]:
    """stdout and stderr of a finished process started with `start`."""
    out, err = proc.log_paths  # type: ignore[attr-defined]
    return (
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 180) -> tuple[int, str, str]:
    """Wait for a process; (exit status, stdout, stderr)."""
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise AssertionError(f"{proc.args} did not finish in {timeout} s") from None
    return (proc.returncode, *output(proc))


def run(argv: list[str], logs: Path, timeout: float = 180) -> tuple[int, str, str]:
    return finish(start(argv, logs), timeout)


@dataclass
class Kill:
    """What happened to one process killed at one point."""

    point: str
    at: float  # seconds after start
    killed: bool  # False: it had already finished
    returncode: int
    pending_frames: int = 0  # WAL frames written by a transaction that never committed
    outcome: str = ""

    def __str__(self) -> str:
        how = "killed" if self.killed else f"finished ({self.returncode})"
        return (
            f"{self.point}: {how} at {self.at:.2f} s, {self.pending_frames} uncommitted WAL "
            f"frames, {self.outcome}"
        )


def kill_at(
    argv: list[str],
    logs: Path,
    point: str,
    *,
    delay: float = 0.0,
    when: Callable[[], bool] | None = None,
    timeout: float = 180,
) -> Kill:
    """Start `argv`, wait until `when()` holds (if given) and then `delay` seconds, SIGKILL it.

    Fails when the process ends before `when` held: the point was never reached."""
    proc = start(argv, logs)
    began = time.monotonic()
    if when is not None:
        while not when():
            if proc.poll() is not None:
                out, err = output(proc)
                raise AssertionError(f"{point}: ended before the kill point\n{out}\n{err}")
            if time.monotonic() - began > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise AssertionError(f"{point}: not reached in {timeout} s")
            time.sleep(0.002)
    end = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < end:
        time.sleep(min(0.01, max(0.0, end - time.monotonic())))
    at = time.monotonic() - began
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    if not killed:
        code, out, err = proc.returncode, *output(proc)
        assert code == 0, f"{point}: failed on its own\n{out}\n{err}"
    return Kill(point, at, killed, proc.returncode)


# -- the store on disk ---------------------------------------------------------------------------


def wal_size(root: Path) -> int:
    wal = root / (STORE_NAME + "-wal")
    try:
        return wal.stat().st_size
    except FileNotFoundError:
        return 0


def wal_frames(root: Path) -> tuple[int, int]:
    """(committed, uncommitted) valid frames in the store's write-ahead log, read from the file.

    Read it before anything opens the store again (opening recovers and then removes the log).
    Uncommitted frames are pages a writer had spilled when it stopped: proof that it was killed
    inside its write transaction. Frames count when their salts match the log's header and their
    running checksum holds, as SQLite's own recovery decides (https://sqlite.org/fileformat.html).
    """
    wal = root / (STORE_NAME + "-wal")
    data = wal.read_bytes() if wal.exists() else b""
    if len(data) < 32:
        return 0, 0
    magic, _version, page_size, _checkpoint, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in (0x377F0682, 0x377F0683):
        return 0, 0
    order = "<" if magic == 0x377F0682 else ">"

    def checksum(buf: bytes, s0: int, s1: int) -> tuple[int, int]:
        words = struct.unpack(f"{order}{len(buf) // 4}I", buf)
        for i in range(0, len(words), 2):
            s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
            s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
        return s0, s1

    sums = checksum(data[:24], 0, 0)
    if sums != (c1, c2):
        return 0, 0
    committed = pending = 0
    pos, size = 32, 24 + page_size
    while pos + size <= len(data):
        _page, commit, f1, f2, k1, k2 = struct.unpack(">6I", data[pos : pos + 24])
        if (f1, f2) != (salt1, salt2):
            break
        sums = checksum(data[pos : pos + 8] + data[pos + 24 : pos + size], *sums)
        if sums != (k1, k2):
            break
        pending += 1
        if commit:
            committed, pending = committed + pending, 0
        pos += size
    return committed, pending


def dump(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the time columns: equal dumps, equal stores."""
    tables = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    out = {}
    for table in sorted(tables):
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        keep = [c for c in columns if c not in TIME_COLUMNS]
        rows = db.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
        out[table] = sorted(tuple(r) for r in rows)
    return out


def schema(db: sqlite3.Connection) -> list[tuple[str, str]]:
    return sorted(
        tuple(r) for r in db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    )


def differences(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> str:
    return ", ".join(
        f"{t}: {len(a.get(t, []))} vs {len(b.get(t, []))} rows"
        for t in sorted(set(a) | set(b))
        if a.get(t) != b.get(t)
    )


# -- generated input -------------------------------------------------------------------------------

VOCABULARY = (
    "de het een brug plein buurt gemeente wethouder ambtenaar inwoner vergadering fiets school "
    "bibliotheek markt park straat huis water regen zomer winter feest muziek kinderen ouders "
    "buren subsidie regels vertrouwen tijd ruimte informatie gesprek netwerk training afspraak "
    "samen moeilijk goed slecht snel langzaam nieuw oud groot klein mooi eerst later toen "
    "daarna gisteren morgen altijd nooit soms vaak heel erg best wel niet wijk raad brief mail "
    "telefoon loket wachten bellen vragen antwoord plan idee geld begroting"
)
WORDS = VOCABULARY.split()
AFLOOP = ["goed", "gemengd", "slecht", "nog niet bekend"]
HOE_VAAK = ["bijna nooit", "soms", "vaak", "heel vaak"]
ROLLEN = ["inwoner", "ambtenaar", "raadslid", "wethouder"]
HEADER = ["titel", "verteller", "sessie", "tekst", "gevoel", "afloop", "hoe_vaak"]
LEEFTIJD = ["jonger dan 30", "30-45", "45-60", "60 of ouder"]


@dataclass
class Batch:
    """A generated ingest batch: a folder of story files and a storytellers table."""

    folder: Path
    tellers: Path
    stories: int = 0
    files: int = 0
    storytellers: int = 0
    answers: int = 0
    sessions: set[str] = field(default_factory=set)

    def argv(self, root: Path) -> list[str]:
        return verhalen(root, "ingest", "--storytellers", self.tellers, self.folder)


def make_batch(
    where: Path, files: int, per_file: int, seed: int, tag: str = "a", tellers: int = 40
) -> Batch:
    """`files` files (CSV with answers and plain text, alternating) of `per_file` stories each,
    every 50th a near duplicate of the one before, told by `tellers` new storytellers."""
    rng = random.Random(seed)
    folder = where / f"verhalen-{tag}"
    folder.mkdir(parents=True)
    batch = Batch(folder, where / f"vertellers-{tag}.csv", storytellers=tellers)
    ids = [f"{tag.upper()}{i:03d}" for i in range(1, tellers + 1)]
    with batch.tellers.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "naam", "rol", "leeftijdsgroep", "jaren_betrokken"])
        for i, teller in enumerate(ids):
            out.writerow(
                [teller, f"Naam {tag}{i}", rng.choice(ROLLEN), rng.choice(LEEFTIJD), i % 30]
            )

    previous = ""

    def text(n: int) -> str:
        nonlocal previous
        if n % 50 == 0 and previous:  # a near duplicate: flagged in the same transaction
            words = previous.split()
            words[-1] = "anders"
            return " ".join(words)
        previous = f"{tag}{n} " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 260)))
        return previous

    n = 0
    for f in range(files):
        session = f"sessie {tag} {f % 4}"
        if f % 2 == 0:
            with (folder / f"{tag}-{f:03d}.csv").open("w", newline="", encoding="utf-8") as fh:
                out = csv.writer(fh)
                out.writerow(
                    ["titel", "verteller", "sessie", "tekst", "gevoel", "afloop", "hoe_vaak"]
                )
                for _ in range(per_file):
                    n += 1
                    out.writerow(
                        [
                            f"Verhaal {tag} {n}",
                            rng.choice(ids),
                            session,
                            text(n),
                            rng.randint(0, 100),
                            rng.choice(AFLOOP),
                            rng.choice(HOE_VAAK),
                        ]
                    )
                    batch.answers += 3
                    batch.sessions.add(session)
        else:
            parts = []
            for _ in range(per_file):
                n += 1
                parts.append(f"Titel: Verhaal {tag} {n}\nVerteller: {rng.choice(ids)}\n\n{text(n)}")
            (folder / f"{tag}-{f:03d}.txt").write_text("\n---\n".join(parts) + "\n", "utf-8")
    batch.stories, batch.files = n, files
    return batch
