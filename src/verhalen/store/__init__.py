"""The project's embedded store: one SQLite file, and the only code that writes SQL.

Every stage reads and writes through `Store`. Writes happen inside `transaction()`, so a batch is
stored whole or not at all; WAL mode keeps readers working while a writer commits, and a killed
process leaves a database that opens and passes `PRAGMA integrity_check`.

Two commands on one project: readers never wait; a writer waits up to `BUSY_TIMEOUT_MS` for the
other's write to end (`BEGIN IMMEDIATE` queues writers), then stops with `StoreBusy`, a one-line
message, instead of sqlite3's "database is locked". tests/test_crash.py and
tests/test_concurrency.py kill and race real `verhalen` processes to hold this.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.i18n import number, t
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 15_000
_SQLITE_BUSY = 5  # "database is locked"; extended codes (BUSY_RECOVERY…) keep it in the low byte


class StoreBusy(VerhalenError):
    """Another process held the store's write lock for longer than the busy timeout."""


class StoreReadOnly(VerhalenError):
    """The store (or its folder) cannot be written: a read-only mount, a shared drive."""


_SQLITE_READONLY, _SQLITE_CANTOPEN = 8, 14


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


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "onbekend"


# A story left out of the analysis by the facilitator (`verhalen stories exclude`).
_EXCLUDED = "SELECT 1 FROM exclusions x WHERE x.story_id = {story}"


@dataclass(frozen=True)
class StoryRow:
    id: int
    uid: str
    title: str | None
    text: str
    original: str | None
    language: str | None
    storyteller_id: str | None
    storyteller_name: str | None
    group: str | None
    session: str | None
    source_path: str
    source_format: str
    location: str | None
    context: str | None
    words: int
    pseudonymised: str | None = None
    pseudonymised_title: str | None = None

    @property
    def shown_text(self) -> str:
        """The text people see in reports, exports and workshop material: pseudonymised if done."""
        return self.pseudonymised or self.text

    @property
    def shown_title(self) -> str | None:
        return self.pseudonymised_title or self.title


@dataclass(frozen=True)
class NewStory:
    """A validated story ready to be stored."""

    uid: str
    title: str | None
    text: str
    original: str | None
    text_hash: str
    storyteller_id: str | None
    session: str | None
    location: str | None
    context: str | None
    words: int
    answers: dict[str, Any]


class Store:
    """A connection to a project's SQLite store."""

    def __init__(self, path: Path, lang: str = "nl"):
        self.path = path
        self.lang = lang
        self.read_only = False
        try:
            self.db = self._connect(str(path), uri=False)
        except sqlite3.OperationalError as exc:
            if not (path.is_file() and _cannot_write(exc)):
                raise
            # A project on a read-only mount or shared drive: WAL needs its -shm file beside the
            # store, which cannot be made there. `immutable` reads the file as it is, without
            # locks or WAL, and every write is refused by `transaction()` in one line.
            self.read_only = True
            self.db = self._connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)

    def _connect(self, target: str, uri: bool) -> _Connection:
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
        return db

    # -- lifecycle ------------------------------------------------------------------------------

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

    # -- writing --------------------------------------------------------------------------------

    def log(self, action: str, target: str | None = None, detail: Any = None) -> None:
        self.db.execute(
            "INSERT INTO changes (at, who, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            (
                now(),
                _user(),
                action,
                target,
                json.dumps(detail, ensure_ascii=False, sort_keys=True),
            ),
        )

    def add_source(self, path: str, sha256: str, fmt: str, size: int, complete: bool = True) -> int:
        """Record a read file. An incomplete one (some stories rejected) is read again next
        time; its stories already stored are then recognised as exact duplicates."""
        return self.db.execute(
            """INSERT INTO sources (path, sha256, format, size, ingested_at, complete)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (path, sha256) DO UPDATE SET complete = excluded.complete,
                                                       ingested_at = excluded.ingested_at
               RETURNING id""",
            (path, sha256, fmt, size, now(), int(complete)),
        ).fetchone()[0]

    def upsert_storyteller(
        self, storyteller_id: str, name: str | None, group: str | None, answers: dict[str, Any]
    ) -> None:
        self.db.execute(
            """INSERT INTO storytellers (id, name, grp) VALUES (?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET name = COALESCE(excluded.name, name),
                                              grp = COALESCE(excluded.grp, grp)""",
            (storyteller_id, name, group),
        )
        for question_id, value in answers.items():
            self.db.execute(
                """INSERT INTO storyteller_answers (storyteller_id, question_id, value)
                   VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value""",
                (storyteller_id, question_id, json.dumps(value, ensure_ascii=False)),
            )

    def _session_id(self, name: str | None) -> int | None:
        if not name:
            return None
        self.db.execute("INSERT OR IGNORE INTO sessions (name) VALUES (?)", (name,))
        return self.db.execute("SELECT id FROM sessions WHERE name = ?", (name,)).fetchone()[0]

    def add_story(self, story: NewStory, source_id: int) -> int:
        cur = self.db.execute(
            """INSERT INTO stories (uid, title, text, original, text_hash, storyteller_id,
                   session_id, source_id, location, context, words, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                story.uid,
                story.title,
                story.text,
                story.original,
                story.text_hash,
                story.storyteller_id,
                self._session_id(story.session),
                source_id,
                story.location,
                story.context,
                story.words,
                now(),
            ),
        )
        story_id = int(cur.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO answers (story_id, question_id, value, source) VALUES (?, ?, ?, 'form')",
            [
                (story_id, q, json.dumps(v, ensure_ascii=False))
                for q, v in story.answers.items()
                if v is not None
            ],
        )
        return story_id

    def add_flag(self, story_id: int, kind: str, other_id: int, score: float) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO flags (story_id, kind, other_id, score) VALUES (?, ?, ?, ?)",
            (story_id, kind, other_id, score),
        )

    def set_answer(
        self, story_id: int, question_id: str, value: Any, source: str = "manual"
    ) -> Any:
        """Set (or with value None, clear) one answer; logs old and new. Returns the old value."""
        old = self.answer(story_id, question_id)
        if value is None:
            self.db.execute(
                "DELETE FROM answers WHERE story_id = ? AND question_id = ?",
                (story_id, question_id),
            )
        else:
            self.db.execute(
                """INSERT INTO answers (story_id, question_id, value, source) VALUES (?, ?, ?, ?)
                   ON CONFLICT DO UPDATE SET value = excluded.value, source = excluded.source""",
                (story_id, question_id, json.dumps(value, ensure_ascii=False), source),
            )
        if old != value:
            self.log(
                "answer" if value is not None else "answer_cleared",
                f"story:{story_id}",
                {"question": question_id, "old": old, "new": value, "source": source},
            )
        return old

    def set_storyteller_answer(
        self,
        storyteller_id: str,
        question_id: str,
        value: Any,
        group_question: str | None,
        source: str = "manual",
    ) -> Any:
        old = self.storyteller_answers().get(storyteller_id, {}).get(question_id)
        if value is None:
            self.db.execute(
                "DELETE FROM storyteller_answers WHERE storyteller_id = ? AND question_id = ?",
                (storyteller_id, question_id),
            )
        else:
            self.upsert_storyteller(storyteller_id, None, None, {question_id: value})
        if question_id == group_question:
            self.db.execute(
                "UPDATE storytellers SET grp = ? WHERE id = ?",
                (None if value is None else str(value), storyteller_id),
            )
        if old != value:
            self.log(
                "storyteller_answer",
                f"storyteller:{storyteller_id}",
                {"question": question_id, "old": old, "new": value, "source": source},
            )
        return old

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def set_tags(self, story_id: int, tags: dict[str, Any], source: str = "auto") -> None:
        self.db.execute("DELETE FROM tags WHERE story_id = ? AND source = ?", (story_id, source))
        self.db.executemany(
            "INSERT OR REPLACE INTO tags (story_id, name, value, source) VALUES (?, ?, ?, ?)",
            [(story_id, k, json.dumps(v, ensure_ascii=False), source) for k, v in tags.items()],
        )

    def set_language(self, story_id: int, language: str | None) -> None:
        self.db.execute("UPDATE stories SET language = ? WHERE id = ?", (language, story_id))

    def set_pseudonymised(
        self, story_id: int, text: str, title: str | None, replace_text: bool
    ) -> None:
        """Store the pseudonymised text; with `replace_text` the identifying text is dropped."""
        self.db.execute(
            "UPDATE stories SET pseudonymised = ?, pseudonymised_title = ? WHERE id = ?",
            (text, title, story_id),
        )
        if replace_text:
            self.db.execute(
                "UPDATE stories SET text = ?, title = COALESCE(?, title), original = NULL,"
                " context = NULL WHERE id = ?",
                (text, title, story_id),
            )

    def replace_pseudonyms(self, rows: list[tuple[Any, ...]]) -> None:
        """The project's whole term list: (term, kind, placeholder, decision), optionally
        followed by (engine, occurrences)."""
        self.db.execute("DELETE FROM pseudonyms")
        full = [(*r, "deduce", 0) if len(r) == 4 else tuple(r) for r in rows]
        self.db.executemany(
            "INSERT INTO pseudonyms (term, kind, placeholder, decision, engine, occurrences)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            full,
        )

    def save_embeddings(self, embedder: str, rows: list[tuple[str, Any]]) -> None:
        import numpy as np

        self.db.executemany(
            "INSERT OR REPLACE INTO embeddings (text_hash, embedder, vector) VALUES (?, ?, ?)",
            [(key, embedder, np.asarray(v, dtype="<f4").tobytes()) for key, v in rows],
        )

    def add_run(
        self,
        seed: int,
        embedder: str,
        config: Any,
        versions: Any,
        metrics: Any,
        model_path: str | None,
    ) -> int:
        cur = self.db.execute(
            """INSERT INTO runs (created_at, seed, embedder, config, versions, metrics, model_path)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                now(),
                seed,
                embedder,
                json.dumps(config, sort_keys=True),
                json.dumps(versions, sort_keys=True),
                json.dumps(metrics, sort_keys=True),
                model_path,
            ),
        )
        return int(cur.lastrowid or 0)

    def set_active_run(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET active = (id = ?)", (run_id,))

    def save_perspective(
        self,
        run_id: int,
        number: int,
        label: str,
        terms: list[str],
        exemplars: list[int],
        stability: float | None,
        name: str | None = None,
        description: str | None = None,
        origin: str = "model",
        phrases: list[str] | None = None,
        summary: list[dict[str, Any]] | None = None,
        near_miss: int | None = None,
    ) -> None:
        """`phrases`: proposed key phrases; `summary`: [{"story": id, "sentence": text}];
        `near_miss`: the nearest story of another perspective."""
        self.db.execute(
            """INSERT OR REPLACE INTO perspectives
               (run_id, number, label, name, description, terms, exemplars, stability, origin,
                phrases, summary, near_miss)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                run_id,
                number,
                label,
                name,
                description,
                json.dumps(terms, ensure_ascii=False),
                json.dumps(exemplars),
                stability,
                origin,
                json.dumps(phrases or [], ensure_ascii=False),
                json.dumps(summary or [], ensure_ascii=False),
                near_miss,
            ),
        )

    _JSON_FIELDS = ("terms", "exemplars", "phrases", "summary")

    def update_perspective(self, run_id: int, number: int, **fields: Any) -> None:
        allowed = {
            "label",
            "name",
            "description",
            "terms",
            "exemplars",
            "stability",
            "origin",
            "phrases",
            "summary",
            "near_miss",
        }
        assert set(fields) <= allowed
        for key, value in fields.items():
            if key in self._JSON_FIELDS:
                value = json.dumps(value, ensure_ascii=False)
            self.db.execute(
                f"UPDATE perspectives SET {key} = ? WHERE run_id = ? AND number = ?",
                (value, run_id, number),
            )

    def delete_perspective(self, run_id: int, number: int) -> None:
        self.db.execute(
            "DELETE FROM perspectives WHERE run_id = ? AND number = ?", (run_id, number)
        )

    def assign(self, run_id: int, rows: list[tuple[int, int, int, float | None]]) -> None:
        """(story id, perspective number, model's number, similarity) for a run."""
        self.db.executemany(
            """INSERT INTO assignments (run_id, story_id, number, model_number, similarity)
               VALUES (?, ?, ?, ?, ?)""",
            [(run_id, *row) for row in rows],
        )

    def move(self, run_id: int, story_ids: list[int], number: int) -> None:
        self.db.executemany(
            "UPDATE assignments SET number = ? WHERE run_id = ? AND story_id = ?",
            [(number, run_id, sid) for sid in story_ids],
        )

    def exclude(self, story_id: int, reason: str) -> str | None:
        """Leave a story out of the analysis (or give an excluded story a new reason); logged.
        Returns the old reason, None when the story was not excluded."""
        row = self.db.execute(
            "SELECT reason FROM exclusions WHERE story_id = ?", (story_id,)
        ).fetchone()
        old = row[0] if row else None
        if old == reason:
            return old
        self.db.execute(
            """INSERT INTO exclusions (story_id, reason, at, who) VALUES (?, ?, ?, ?)
               ON CONFLICT (story_id) DO UPDATE SET reason = excluded.reason, at = excluded.at,
                                                   who = excluded.who""",
            (story_id, reason, now(), _user()),
        )
        self.log("exclude", f"story:{story_id}", {"reason": reason, "old": old})
        return old

    def include(self, story_id: int) -> str | None:
        """Take an excluded story back into the analysis; logged. Returns the reason it was
        excluded for, None (and nothing logged) when it was not excluded."""
        row = self.db.execute(
            "SELECT reason FROM exclusions WHERE story_id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        self.db.execute("DELETE FROM exclusions WHERE story_id = ?", (story_id,))
        self.log("include", f"story:{story_id}", {"reason": row[0]})
        return str(row[0])

    # -- reading --------------------------------------------------------------------------------

    def source_known(self, path: str, sha256: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM sources WHERE path = ? AND sha256 = ? AND complete = 1", (path, sha256)
        ).fetchone()
        return row is not None

    def story_hashes(self) -> dict[str, tuple[int, str | None]]:
        """Dedup key -> (story id, title), for spotting exact duplicates."""
        return {
            r["text_hash"]: (r["id"], r["title"])
            for r in self.db.execute("SELECT id, title, text_hash FROM stories ORDER BY id DESC")
        }

    def story_texts(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT id, text FROM stories ORDER BY id")]

    def storytellers(self) -> list[sqlite3.Row]:
        return list(self.db.execute("SELECT id, name, grp FROM storytellers ORDER BY id"))

    def storyteller_answers(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for r in self.db.execute(
            "SELECT storyteller_id, question_id, value FROM storyteller_answers"
        ):
            out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
        return out

    _STORY_SELECT = """
        SELECT s.id, s.uid, s.title, s.text, s.original, s.language, s.storyteller_id,
               p.name AS storyteller_name, p.grp AS grp, se.name AS session,
               src.path AS source_path, src.format AS source_format,
               s.location, s.context, s.words, s.pseudonymised, s.pseudonymised_title
        FROM stories s
        LEFT JOIN storytellers p ON p.id = s.storyteller_id
        LEFT JOIN sessions se ON se.id = s.session_id
        JOIN sources src ON src.id = s.source_id
    """

    def stories(
        self,
        *,
        group: str | None = None,
        session: str | None = None,
        storyteller: str | None = None,
        search: str | None = None,
        flagged: bool = False,
        ids: Sequence[int] | None = None,
        excluded: bool | None = None,
    ) -> list[StoryRow]:
        """Stories matching every filter given; `excluded`: True only the stories left out of
        the analysis, False only the others, None all."""
        where, params = [], []
        if group:
            where.append("p.grp = ? COLLATE NOCASE")
            params.append(group)
        if session:
            where.append("se.name = ? COLLATE NOCASE")
            params.append(session)
        if storyteller:
            where.append("(s.storyteller_id = ? COLLATE NOCASE OR p.name = ? COLLATE NOCASE)")
            params += [storyteller, storyteller]
        if search:
            where.append("(s.text LIKE ? OR s.title LIKE ?)")
            params += [f"%{search}%"] * 2
        if flagged:
            where.append("s.id IN (SELECT story_id FROM flags WHERE resolved = 0)")
        if ids is not None:
            where.append(f"s.id IN ({','.join('?' * len(ids))})")
            params += list(ids)
        if excluded is not None:
            where.append(
                ("" if excluded else "NOT ") + f"EXISTS ({_EXCLUDED.format(story='s.id')})"
            )
        sql = self._STORY_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql + " ORDER BY s.id", params)
        return [StoryRow(*r) for r in rows]

    def story(self, story_id: int) -> StoryRow | None:
        found = self.stories(ids=[story_id])
        return found[0] if found else None

    def answers(self, story_ids: Sequence[int] | None = None) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for r in self.db.execute("SELECT story_id, question_id, value FROM answers"):
            if story_ids is None or r[0] in story_ids:
                out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
        return out

    def answer(self, story_id: int, question_id: str) -> Any:
        row = self.db.execute(
            "SELECT value FROM answers WHERE story_id = ? AND question_id = ?",
            (story_id, question_id),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def tags(self) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for r in self.db.execute("SELECT story_id, name, value FROM tags ORDER BY story_id, name"):
            out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
        return out

    def pseudonyms(self) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT term, kind, placeholder, decision FROM pseudonyms"
                " ORDER BY kind, placeholder"
            )
        )

    def pseudonym_counts(self) -> list[sqlite3.Row]:
        """Per replaced term: kind, decision, engine and how often it was replaced."""
        return list(
            self.db.execute(
                "SELECT kind, decision, engine, occurrences FROM pseudonyms"
                " WHERE decision != 'rejected'"
            )
        )

    def add_pseudonymise_run(self, stories: int, changed: int, engine: str) -> None:
        self.db.execute(
            "INSERT INTO pseudonymise_runs (at, stories, changed, engine) VALUES (?, ?, ?, ?)",
            (now(), stories, changed, engine),
        )

    def last_pseudonymise_run(self) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT stories, changed, engine FROM pseudonymise_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()

    def pseudonymised_texts(self) -> dict[int, str]:
        return {
            r[0]: r[1]
            for r in self.db.execute(
                "SELECT id, pseudonymised FROM stories WHERE pseudonymised IS NOT NULL"
            )
        }

    def history(self, target: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT id, at, who, action, target, detail FROM changes"
        if target:
            return list(self.db.execute(sql + " WHERE target = ? ORDER BY id", (target,)))
        return list(self.db.execute(sql + " ORDER BY id"))

    def story_ids_by_title(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for r in self.db.execute("SELECT id, title FROM stories WHERE title IS NOT NULL"):
            out.setdefault(r[1], []).append(r[0])
        return out

    def embeddings(self, embedder: str, keys: list[str]) -> dict[str, Any]:
        import numpy as np

        wanted = set(keys)
        out = {}
        for key, blob in self.db.execute(
            "SELECT text_hash, vector FROM embeddings WHERE embedder = ?", (embedder,)
        ):
            if key in wanted:
                out[key] = np.frombuffer(blob, dtype="<f4").copy()
        return out

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def text_hashes(self) -> dict[int, str]:

        return {r[0]: r[1] for r in self.db.execute("SELECT id, text_hash FROM stories")}

    def runs(self) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                """SELECT r.*, (SELECT COUNT(*) FROM perspectives p WHERE p.run_id = r.id
                            AND p.number > 0) AS perspectives
               FROM runs r ORDER BY r.id"""
            )
        )

    def active_run(self) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM runs WHERE active = 1").fetchone()

    def perspectives(self, run_id: int) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT * FROM perspectives WHERE run_id = ? ORDER BY number", (run_id,)
            )
        )

    def assignments(self, run_id: int, analysed: bool = False) -> list[sqlite3.Row]:
        """A run's assignments; `analysed`: without the stories excluded since (the run
        keeps them, so including a story again puts it back where it was)."""
        skip = (
            f" AND NOT EXISTS ({_EXCLUDED.format(story='assignments.story_id')})"
            if analysed
            else ""
        )
        return list(
            self.db.execute(
                f"SELECT * FROM assignments WHERE run_id = ?{skip} ORDER BY story_id", (run_id,)
            )
        )

    def exclusions(self) -> dict[int, sqlite3.Row]:
        """Story id -> (story_id, reason, at, who) for every story left out of the analysis."""
        return {
            r["story_id"]: r
            for r in self.db.execute(
                "SELECT story_id, reason, at, who FROM exclusions ORDER BY story_id"
            )
        }

    def flags(self, story_id: int | None = None) -> list[sqlite3.Row]:
        sql = "SELECT story_id, kind, other_id, score FROM flags WHERE resolved = 0"
        if story_id is not None:
            return list(
                self.db.execute(sql + " AND (story_id = ? OR other_id = ?)", (story_id, story_id))
            )
        return list(self.db.execute(sql + " ORDER BY story_id"))

    def count(self, table: str) -> int:
        assert table in {"stories", "storytellers", "sessions", "sources", "flags", "changes"}
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def summary(self, analysed: bool = False) -> dict[str, Any]:
        """Counts for the project's first page: who told how many stories, where, in what form.
        `analysed`: only the stories in the analysis (not excluded); "excluded" counts the rest.
        """
        # Within these statements "stories" means the analysed stories (a CTE shadows the table).
        kept = (
            "WITH stories AS (SELECT * FROM main.stories"
            f" WHERE NOT EXISTS ({_EXCLUDED.format(story='main.stories.id')})) "
            if analysed
            else ""
        )
        one = self.db.execute(
            kept
            + """SELECT COUNT(*), COALESCE(SUM(words), 0), COUNT(DISTINCT storyteller_id),
                      COUNT(DISTINCT session_id), SUM(storyteller_id IS NULL)
               FROM stories"""
        ).fetchone()

        def pairs(sql: str) -> list[tuple[Any, int]]:
            return [(r[0], r[1]) for r in self.db.execute(kept + sql)]

        return {
            "stories": one[0],
            "words": one[1],
            "storytellers": one[2],
            "sessions": one[3],
            "without_storyteller": one[4] or 0,
            "groups": pairs(
                """SELECT p.grp, COUNT(DISTINCT p.id) FROM storytellers p
                   JOIN stories s ON s.storyteller_id = p.id
                   GROUP BY p.grp ORDER BY COUNT(DISTINCT p.id) DESC, p.grp"""
            ),
            "per_session": pairs(
                """SELECT se.name, COUNT(*) FROM stories s LEFT JOIN sessions se
                   ON se.id = s.session_id GROUP BY se.name ORDER BY se.name"""
            ),
            "formats": pairs(
                """SELECT src.format, COUNT(*) FROM stories s JOIN sources src
                   ON src.id = s.source_id GROUP BY src.format ORDER BY COUNT(*) DESC, src.format"""
            ),
            "languages": pairs(
                """SELECT language, COUNT(*) FROM stories GROUP BY language
                   ORDER BY COUNT(*) DESC, language"""
            ),
            "word_counts": [r[0] for r in self.db.execute(kept + "SELECT words FROM stories")],
            "flagged": self.db.execute(
                "SELECT COUNT(DISTINCT story_id) FROM flags WHERE resolved = 0"
            ).fetchone()[0],
            "excluded": self.db.execute("SELECT COUNT(*) FROM exclusions").fetchone()[0],
        }
