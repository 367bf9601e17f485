"""SQLite's own checks of the store: page integrity, and rows whose parent is gone."""

from __future__ import annotations

import re
from collections import defaultdict

from verhalen.doctor.common import ids
from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import recover
from verhalen.i18n import t
from verhalen.project import STORE_NAME

# Rows a foreign key check may find without a parent: the table and the key of what it holds,
# in words (`verhalen.texts.doctor`).
CHILD_WORDS = {
    "answers": "doctor_rows_answers",
    "storyteller_answers": "doctor_rows_storyteller_answers",
    "flags": "doctor_rows_flags",
    "tags": "doctor_rows_tags",
    "assignments": "doctor_rows_assignments",
    "perspectives": "doctor_rows_perspectives",
    "stories": "doctor_rows_stories",
}
PARENT_WORDS = {
    "stories": "doctor_rows_stories",
    "runs": "doctor_parents_runs",
    "storytellers": "doctor_parents_storytellers",
    "sources": "doctor_parents_sources",
    "sessions": "doctor_parents_sessions",
}
# Rows that mean nothing without their parent, so removing them loses nothing.
DELETABLE = {"answers", "storyteller_answers", "flags", "tags", "assignments", "perspectives"}


def check_integrity(ctx: Context) -> bool:
    rows = [r[0] for r in ctx.conn.execute("PRAGMA integrity_check(20)")]
    if rows == ["ok"]:
        return True
    lines = [
        line.strip()
        for row in rows
        for line in str(row).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    shown = "; ".join(lines[:3]) + (" …" if len(lines) > 3 else "")
    roots = dict(ctx.conn.execute("SELECT rootpage, name FROM sqlite_master WHERE rootpage > 0"))
    pages = {int(n) for n in re.findall(r"page (\d+)", " ".join(lines))}
    damaged = sorted({roots[n] for n in pages if n in roots})
    where = f" in {', '.join(damaged)}" if damaged else ""
    ctx.add(
        "error",
        "store",
        t("doctor_store_damaged_at", ctx.lang, store=STORE_NAME, where=where, shown=shown),
        recover(ctx),
    )
    return False


def check_foreign_keys(ctx: Context) -> None:
    groups: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for table, rowid, parent, fkid in ctx.conn.execute("PRAGMA foreign_key_check"):
        groups[(table, parent, fkid)].append(rowid)
    for (table, parent, fkid), rowids in sorted(groups.items()):
        link = next(
            r for r in ctx.conn.execute(f"PRAGMA foreign_key_list({table})") if r[0] == fkid
        )
        column, target = link[3], link[4] or "rowid"
        marks = ",".join("?" * len(rowids[:999]))
        values = [
            r[0]
            for r in ctx.conn.execute(
                f"SELECT DISTINCT {column} FROM {table} WHERE rowid IN ({marks})", rowids[:999]
            )
        ]
        child = t(CHILD_WORDS[table], ctx.lang) if table in CHILD_WORDS else table
        parent_words = t(PARENT_WORDS[parent], ctx.lang) if parent in PARENT_WORDS else parent
        gone = ids(values, ctx.lang)
        message = t(
            "doctor_orphan_rows",
            ctx.lang,
            n=len(rowids),
            table=table,
            child=child,
            parent=parent_words,
            column=column,
            gone=gone,
        )
        delete = (
            f'sqlite3 {STORE_NAME} "DELETE FROM {table} WHERE {column} NOT IN '
            f'(SELECT {target} FROM {parent})"'
        )
        if table in DELETABLE:
            repair = t("doctor_orphans_delete", ctx.lang, store=STORE_NAME, delete=delete)
            if table == "assignments":
                repair += t("doctor_orphans_new_run", ctx.lang)
        elif (table, parent) == ("stories", "storytellers"):
            repair = t("doctor_register_storytellers", ctx.lang, gone=gone)
        else:
            repair = t(
                "doctor_orphans_restore",
                ctx.lang,
                store=STORE_NAME,
                parent=parent_words,
                child=child,
            )
        ctx.add("error", "store", message, repair)
