"""Schema migrations, applied in order; `PRAGMA user_version` records how far a store has come.

Append a migration to change the schema; never edit one that has shipped. What each version
holds (`tables_at`) is read from SQLite itself after replaying the migrations on an empty
in-memory database, so it cannot disagree with them.
"""

import sqlite3
from functools import cache

MIGRATIONS: list[str] = [
    # 1: sources, storytellers, sessions, stories, answers, flags, change history
    """
    CREATE TABLE sources (
        id          INTEGER PRIMARY KEY,
        path        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        format      TEXT NOT NULL,
        size        INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (path, sha256)
    );
    CREATE TABLE sessions (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE storytellers (
        id    TEXT PRIMARY KEY,
        name  TEXT,
        grp   TEXT
    );
    CREATE TABLE stories (
        id             INTEGER PRIMARY KEY,
        uid            TEXT NOT NULL UNIQUE,
        title          TEXT,
        text           TEXT NOT NULL,
        original       TEXT,
        text_hash      TEXT NOT NULL,
        language       TEXT,
        storyteller_id TEXT REFERENCES storytellers (id),
        session_id     INTEGER REFERENCES sessions (id),
        source_id      INTEGER NOT NULL REFERENCES sources (id),
        location       TEXT,
        context        TEXT,
        words          INTEGER NOT NULL,
        created_at     TEXT NOT NULL
    );
    CREATE INDEX stories_text_hash ON stories (text_hash);
    CREATE INDEX stories_storyteller ON stories (storyteller_id);
    CREATE TABLE answers (
        story_id    INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        value       TEXT NOT NULL,
        source      TEXT NOT NULL DEFAULT 'form',
        PRIMARY KEY (story_id, question_id)
    );
    CREATE TABLE storyteller_answers (
        storyteller_id TEXT NOT NULL REFERENCES storytellers (id) ON DELETE CASCADE,
        question_id    TEXT NOT NULL,
        value          TEXT NOT NULL,
        PRIMARY KEY (storyteller_id, question_id)
    );
    CREATE TABLE flags (
        story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        kind     TEXT NOT NULL,
        other_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        score    REAL,
        resolved INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, kind, other_id)
    );
    CREATE TABLE changes (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        who    TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
    );
    """,
    # 2: automatic tags, pseudonymisation
    """
    CREATE TABLE tags (
        story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        value    TEXT NOT NULL,
        source   TEXT NOT NULL DEFAULT 'auto',
        PRIMARY KEY (story_id, name)
    );
    ALTER TABLE stories ADD COLUMN pseudonymised TEXT;
    ALTER TABLE stories ADD COLUMN pseudonymised_title TEXT;
    CREATE TABLE pseudonyms (
        term        TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        placeholder TEXT NOT NULL,
        decision    TEXT NOT NULL DEFAULT 'auto'
    );
    """,
    # 3: embeddings cache, clustering runs, perspectives and assignments
    """
    ALTER TABLE sources ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE embeddings (

        text_hash TEXT NOT NULL,
        embedder  TEXT NOT NULL,
        vector    BLOB NOT NULL,
        PRIMARY KEY (text_hash, embedder)
    );
    CREATE TABLE runs (
        id         INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        seed       INTEGER NOT NULL,
        embedder   TEXT NOT NULL,
        config     TEXT NOT NULL,
        versions   TEXT NOT NULL,
        metrics    TEXT,
        model_path TEXT,
        active     INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE perspectives (
        run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        number      INTEGER NOT NULL,
        label       TEXT NOT NULL,
        name        TEXT,
        description TEXT,
        terms       TEXT NOT NULL,
        exemplars   TEXT NOT NULL,
        stability   REAL,
        origin      TEXT NOT NULL DEFAULT 'model',
        PRIMARY KEY (run_id, number)
    );
    CREATE TABLE assignments (
        run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        story_id     INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        number       INTEGER NOT NULL,
        model_number INTEGER NOT NULL,
        similarity   REAL,
        PRIMARY KEY (run_id, story_id)
    );
    """,
    # 4: perspectives named in words (phrases, summary, a story that almost belongs); stories
    # kept out of the analysis by the facilitator
    """
    ALTER TABLE perspectives ADD COLUMN phrases TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE perspectives ADD COLUMN summary TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE perspectives ADD COLUMN near_miss INTEGER;
    CREATE TABLE exclusions (
        story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
        reason   TEXT NOT NULL,
        at       TEXT NOT NULL,
        who      TEXT NOT NULL
    );
    """,
    # 5: per pseudonymised term, the engine that found it and how often it was replaced; each
    # pseudonymisation run with its true counts (for the report's privacy section)
    """
    ALTER TABLE pseudonyms ADD COLUMN engine TEXT NOT NULL DEFAULT 'deduce';
    ALTER TABLE pseudonyms ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE pseudonymise_runs (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        stories INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        engine  TEXT NOT NULL
    );
    """,
    # 6: landscape placements made in the workshop: where a group laid a story on a landscape
    # (`x/y` question ids, or a triad's id), imported from the results template
    """
    CREATE TABLE placements (
        landscape TEXT NOT NULL,
        grp       TEXT NOT NULL DEFAULT '',
        story_id  INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        value     TEXT NOT NULL,
        at        TEXT NOT NULL,
        PRIMARY KEY (landscape, grp, story_id)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

# Without these the store has lost its stories; any other table can be made again, empty.
CORE_TABLES = frozenset(
    {"sources", "sessions", "storytellers", "stories", "answers", "storyteller_answers"}
)


@cache
def _versions() -> tuple[dict[str, str], ...]:
    versions: list[dict[str, str]] = [{}]
    with sqlite3.connect(":memory:") as conn:
        for migration in MIGRATIONS:
            conn.executescript(migration)
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            versions.append({name: " ".join(sql.split()) + ";" for name, sql in rows})
    conn.close()
    return tuple(versions)


def tables_at(version: int) -> dict[str, str]:
    """The tables a store at schema `version` has, each with the one-line CREATE TABLE statement
    that makes it as it is at that version (later ALTER TABLE columns included)."""
    return dict(_versions()[version])
