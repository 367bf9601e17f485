"""Sources, stories, sessions, flags, tags, cached vectors and exclusions: the stories themselves.

Exclusions live here because every query of stories can leave the excluded ones out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from verhalen.store.base import Tables
from verhalen.store.rows import EXCLUDED, NewStory, StoryRow, now, user


class StoryTables(Tables):
    """Reading and writing stories and what is known about each one."""

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

    def source_known(self, path: str, sha256: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM sources WHERE path = ? AND sha256 = ? AND complete = 1", (path, sha256)
        ).fetchone()
        return row is not None

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

    def flags(self, story_id: int | None = None) -> list[sqlite3.Row]:
        sql = "SELECT story_id, kind, other_id, score FROM flags WHERE resolved = 0"
        if story_id is not None:
            return list(
                self.db.execute(sql + " AND (story_id = ? OR other_id = ?)", (story_id, story_id))
            )
        return list(self.db.execute(sql + " ORDER BY story_id"))

    def set_language(self, story_id: int, language: str | None) -> None:
        self.db.execute("UPDATE stories SET language = ? WHERE id = ?", (language, story_id))

    def set_tags(self, story_id: int, tags: dict[str, Any], source: str = "auto") -> None:
        self.db.execute("DELETE FROM tags WHERE story_id = ? AND source = ?", (story_id, source))
        self.db.executemany(
            "INSERT OR REPLACE INTO tags (story_id, name, value, source) VALUES (?, ?, ?, ?)",
            [(story_id, k, json.dumps(v, ensure_ascii=False), source) for k, v in tags.items()],
        )

    def tags(self) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        for r in self.db.execute("SELECT story_id, name, value FROM tags ORDER BY story_id, name"):
            out.setdefault(r[0], {})[r[1]] = json.loads(r[2])
        return out

    def story_hashes(self) -> dict[str, tuple[int, str | None]]:
        """Dedup key -> (story id, title), for spotting exact duplicates."""
        return {
            r["text_hash"]: (r["id"], r["title"])
            for r in self.db.execute("SELECT id, title, text_hash FROM stories ORDER BY id DESC")
        }

    def story_texts(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT id, text FROM stories ORDER BY id")]

    def text_hashes(self) -> dict[int, str]:

        return {r[0]: r[1] for r in self.db.execute("SELECT id, text_hash FROM stories")}

    def story_ids_by_title(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for r in self.db.execute("SELECT id, title FROM stories WHERE title IS NOT NULL"):
            out.setdefault(r[1], []).append(r[0])
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
            where.append(("" if excluded else "NOT ") + f"EXISTS ({EXCLUDED.format(story='s.id')})")
        sql = self._STORY_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql + " ORDER BY s.id", params)
        return [StoryRow(*r) for r in rows]

    def story(self, story_id: int) -> StoryRow | None:
        found = self.stories(ids=[story_id])
        return found[0] if found else None

    def save_embeddings(self, embedder: str, rows: list[tuple[str, Any]]) -> None:
        import numpy as np

        self.db.executemany(
            "INSERT OR REPLACE INTO embeddings (text_hash, embedder, vector) VALUES (?, ?, ?)",
            [(key, embedder, np.asarray(v, dtype="<f4").tobytes()) for key, v in rows],
        )

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
            (story_id, reason, now(), user()),
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

    def exclusions(self) -> dict[int, sqlite3.Row]:
        """Story id -> (story_id, reason, at, who) for every story left out of the analysis."""
        return {
            r["story_id"]: r
            for r in self.db.execute(
                "SELECT story_id, reason, at, who FROM exclusions ORDER BY story_id"
            )
        }

    def summary(self, analysed: bool = False) -> dict[str, Any]:
        """Counts for the project's first page: who told how many stories, where, in what form.
        `analysed`: only the stories in the analysis (not excluded); "excluded" counts the rest.
        """
        # Within these statements "stories" means the analysed stories (a CTE shadows the table).
        kept = (
            "WITH stories AS (SELECT * FROM main.stories"
            f" WHERE NOT EXISTS ({EXCLUDED.format(story='main.stories.id')})) "
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
