"""The part of the store every table module needs: the connection, the change log, meta.

Each table module is a mixin on `Tables`; `verhalen.store.Store` combines them and owns the
connection's lifecycle. The change log lives here because every kind of edit writes to it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from verhalen.store.rows import now, user


class Tables:
    """The connection the mixins share; `Store.__init__` opens it."""

    db: sqlite3.Connection

    def log(self, action: str, target: str | None = None, detail: Any = None) -> None:
        """One line of the history (`changes`): when, who, what, and the details as JSON."""
        self.db.execute(
            "INSERT INTO changes (at, who, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            (
                now(),
                user(),
                action,
                target,
                json.dumps(detail, ensure_ascii=False, sort_keys=True),
            ),
        )

    def history(self, target: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT id, at, who, action, target, detail FROM changes"
        if target:
            return list(self.db.execute(sql + " WHERE target = ? ORDER BY id", (target,)))
        return list(self.db.execute(sql + " ORDER BY id"))

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def count(self, table: str) -> int:
        assert table in {"stories", "storytellers", "sessions", "sources", "flags", "changes"}
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
