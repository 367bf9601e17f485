"""The project's embedded store: one SQLite file, and the only code that writes SQL.

Every stage reads and writes through `Store`. Writes happen inside `transaction()`, so a batch is
stored whole or not at all; WAL mode keeps readers working while a writer commits, and a killed
process leaves a database that opens and passes `PRAGMA integrity_check`.

Two commands on one project: readers never wait; a writer waits up to `BUSY_TIMEOUT_MS` for the
other's write to end (`BEGIN IMMEDIATE` queues writers), then stops with `StoreBusy`, a one-line
message, instead of sqlite3's "database is locked". tests/test_crash.py and
tests/test_concurrency.py kill and race real `verhalen` processes to hold this.

The methods live by concern in mixins (`stories`, `answers`, `runs`, `pseudonyms`, on `base`);
this module owns the connection, its lifecycle and the transaction, `schema.py` the migrations.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.i18n import number, t
from verhalen.store.answers import AnswerTables
from verhalen.store.pseudonyms import PseudonymTables
from verhalen.store.rows import NewStory, StoryRow, now, user
from verhalen.store.runs import RunTables
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION
from verhalen.store.stories import StoryTables

__all__ = [
    "BUSY_TIMEOUT_MS",
    "NewStory",
    "Store",
    "StoreBusy",
    "StoreReadOnly",
    "StoryRow",
    "now",
    "store_present",
    "user",
]

BUSY_TIMEOUT_MS = 15_000
_SQLITE_BUSY = 5  # "database is locked"; extended codes (BUSY_RECOVERY…) keep it in the low byte


class StoreBusy(VerhalenError):
    """Another process held the store's write lock for longer than the busy timeout."""


class StoreReadOnly(VerhalenError):
    """The store (or its folder) cannot be written: a read-only mount, a shared drive."""


_SQLITE_READONLY, _SQLITE_CANTOPEN = 8, 14


def store_present(path: Path) -> bool:
    """A store file with content, one whose content still waits in its write-ahead log, or an
    empty one that another process holds while it creates the store (opening it waits)."""
    try:
        if path.stat().st_size > 0:
            return True
    except FileNotFoundError:
        return False
    except OSError:
        return True  # unreadable or not a file: opening it says what is wrong
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return True
    try:  # nobody holds an empty file: it was emptied, not being made
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        finally:
            probe.close()
    except sqlite3.Error:
        return True  # locked (being created) or read-only: the store itself decides
    return False


def _cannot_write(exc: sqlite3.OperationalError) -> bool:
    """SQLite's way of saying the store or its folder may not be written."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (_SQLITE_READONLY, _SQLITE_CANTOPEN) or "readonly" in str(exc)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == _SQLITE_BUSY
    return "database is locked" in str(exc)


class _Connection(sqlite3.Connection):
    """sqlite3's connection, except that waiting out the busy timeout raises `StoreBusy`.

    Every statement goes through `execute`/`executemany` (a lock is only ever taken when a
    statement starts), so this is the one place where "database is locked" can surface.
    """

    lang = "nl"

    def _busy(self) -> StoreBusy:
        seconds = BUSY_TIMEOUT_MS / 1000
        waited = number(seconds, self.lang, decimals=0 if seconds == int(seconds) else 1)
        return StoreBusy(t("store_busy", self.lang, seconds=waited))

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy() from None
            raise

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise self._busy() from None
            raise


class Store(StoryTables, AnswerTables, RunTables, PseudonymTables):
    """A connection to a project's SQLite store."""

    def __init__(self, path: Path, lang: str = "nl"):
        self.path = path
        self.lang = lang
        self.read_only = False
        try:
            self._connect(str(path), uri=False)
        except sqlite3.OperationalError as exc:
            if not (path.is_file() and _cannot_write(exc)):
                raise
            # A project on a read-only mount or shared drive: WAL needs its -shm file beside the
            # store, which cannot be made there. `immutable` reads the file as it is, without
            # locks or WAL, and every write is refused by `transaction()` in one line.
            self.read_only = True
            self._connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)

    def _connect(self, target: str, uri: bool) -> None:
        """Open `target` as `self.db`, set up and migrated; closed again if that fails."""
        db = sqlite3.connect(
            target,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            factory=_Connection,
            uri=uri,
        )
        db.lang = self.lang
        self.db = db
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:
                self._wal()
                db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except BaseException:
            db.close()
            raise

    def _wal(self) -> None:
        """Switch a new store to WAL. Two processes creating the store at the same moment: the
        switch needs the file to itself, and SQLite answers "locked" at once instead of waiting
        (it could deadlock), so try again until the busy timeout has passed."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                return
            except StoreBusy:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.005)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise VerhalenError(
                f"{self.path}: " + t("store_newer", self.lang, found=version, known=SCHEMA_VERSION)
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise self._refused()
        with self.transaction():
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write; takes the write lock at the start so writers queue.

        Raises `StoreBusy` (nothing written) when another process keeps the lock for longer than
        the busy timeout, and `StoreReadOnly` when the store cannot be written at all."""
        if self.read_only:
            raise self._refused()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite has rolled back itself after a full disk
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def check_writable(self) -> None:
        """Refuse at once, before long work whose result could not be stored."""
        if self.read_only:
            raise self._refused()

    def _refused(self) -> StoreReadOnly:
        return StoreReadOnly(f"{self.path}: " + t("store_read_only", self.lang))

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]
