"""Pseudonymised texts, the project's term list and the runs that made them.

Kept together so that what was replaced, and how often, is read from one place.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from verhalen.store.base import Tables
from verhalen.store.rows import now


class PseudonymTables(Tables):
    """Pseudonyms, pseudonymised texts and pseudonymise runs."""

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
