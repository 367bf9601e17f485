"""Answers to the story form and storytellers with their own answers.

Manual changes are logged with old and new value, so `verhalen stories history` can show them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from verhalen.store.base import Tables


class AnswerTables(Tables):
    """Story answers and storytellers."""

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

    def storytellers(self) -> list[sqlite3.Row]:
        return list(self.db.execute("SELECT id, name, grp FROM storytellers ORDER BY id"))

    def storyteller_answers(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for r in self.db.execute(
            "SELECT storyteller_id, question_id, value FROM storyteller_answers"
        ):
            out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
        return out

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
