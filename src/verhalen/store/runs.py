"""Clustering runs, their perspectives and which story belongs to which.

A run keeps the stories excluded after it ran: including one again puts it back in place.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from verhalen.store.base import Tables
from verhalen.store.rows import EXCLUDED, now


@dataclass(frozen=True)
class Run:
    """A clustering run as stored, its JSON columns decoded here and nowhere else.

    `config` is what `cluster.config_record` wrote (`ClusterConfig.from_record` reads it back);
    `perspectives` counts the run's perspectives (not "past nergens bij")."""

    id: int
    created_at: str
    seed: int
    embedder: str
    config: dict[str, Any]
    versions: dict[str, Any]
    metrics: dict[str, Any]
    model_path: str | None
    active: bool
    perspectives: int


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"],
        created_at=row["created_at"],
        seed=row["seed"],
        embedder=row["embedder"],
        config=json.loads(row["config"] or "{}"),
        versions=json.loads(row["versions"] or "{}"),
        metrics=json.loads(row["metrics"] or "{}"),
        model_path=row["model_path"],
        active=bool(row["active"]),
        perspectives=row["perspectives"],
    )


_RUNS = """SELECT r.*, (SELECT COUNT(*) FROM perspectives p WHERE p.run_id = r.id
                    AND p.number > 0) AS perspectives
           FROM runs r"""


class RunTables(Tables):
    """Runs, perspectives and assignments."""

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

    def runs(self) -> list[Run]:
        return [_run(row) for row in self.db.execute(_RUNS + " ORDER BY r.id")]

    def run(self, run_id: int) -> Run | None:
        row = self.db.execute(_RUNS + " WHERE r.id = ?", (run_id,)).fetchone()
        return _run(row) if row is not None else None

    def active_run(self) -> Run | None:
        row = self.db.execute(_RUNS + " WHERE r.active = 1").fetchone()
        return _run(row) if row is not None else None

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

    def perspectives(self, run_id: int) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT * FROM perspectives WHERE run_id = ? ORDER BY number", (run_id,)
            )
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

    def assignments(self, run_id: int, analysed: bool = False) -> list[sqlite3.Row]:
        """A run's assignments; `analysed`: without the stories excluded since (the run
        keeps them, so including a story again puts it back where it was)."""
        skip = (
            f" AND NOT EXISTS ({EXCLUDED.format(story='assignments.story_id')})" if analysed else ""
        )
        return list(
            self.db.execute(
                f"SELECT * FROM assignments WHERE run_id = ?{skip} ORDER BY story_id", (run_id,)
            )
        )
