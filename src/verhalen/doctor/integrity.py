"""SQLite's own checks of the store: page integrity, and rows whose parent is gone."""

from __future__ import annotations

import re
from collections import defaultdict

from verhalen.doctor.common import ids
from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import recover
from verhalen.project import STORE_NAME

# Rows a foreign key check may find without a parent: the table and what it holds, in words.
CHILD_WORDS = {
    "answers": ("antwoorden", "answers"),
    "storyteller_answers": ("verteller-antwoorden", "storyteller answers"),
    "flags": ("markeringen als mogelijk dubbel", "possible-duplicate flags"),
    "tags": ("automatische kenmerken", "automatic tags"),
    "assignments": ("indelingen in perspectieven", "perspective assignments"),
    "perspectives": ("perspectieven", "perspectives"),
    "stories": ("verhalen", "stories"),
}
PARENT_WORDS = {
    "stories": ("verhalen", "stories"),
    "runs": ("runs", "runs"),
    "storytellers": ("vertellers", "storytellers"),
    "sources": ("bronbestanden", "source files"),
    "sessions": ("sessies", "sessions"),
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
        ctx.say(
            f"{STORE_NAME} is beschadigd{where} (PRAGMA integrity_check: {shown})",
            f"{STORE_NAME} is damaged{where} (PRAGMA integrity_check: {shown})",
        ),
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
        child_nl, child_en = CHILD_WORDS.get(table, (table, table))
        parent_nl, parent_en = PARENT_WORDS.get(parent, (parent, parent))
        gone = ids(values, ctx.lang)
        n = len(rowids)
        message = ctx.say(
            f"{n} {'rij' if n == 1 else 'rijen'} in {table} ({child_nl}) "
            f"{'hoort' if n == 1 else 'horen'} bij {parent_nl} die niet meer bestaan "
            f"({column} {gone})",
            f"{n} row{'s' * (n != 1)} in {table} ({child_en}) belong{'s' * (n == 1)} to "
            f"{parent_en} that no longer exist ({column} {gone})",
        )
        delete = (
            f'sqlite3 {STORE_NAME} "DELETE FROM {table} WHERE {column} NOT IN '
            f'(SELECT {target} FROM {parent})"'
        )
        if table in DELETABLE:
            repair = ctx.say(
                f"ze hebben geen betekenis meer: maak een kopie (cp {STORE_NAME} "
                f"{STORE_NAME}.bak) en ruim ze op met {delete}",
                f"they mean nothing any more: make a copy (cp {STORE_NAME} "
                f"{STORE_NAME}.bak) and remove them with {delete}",
            )
            if table == "assignments":
                repair += ctx.say(
                    "; of maak een nieuwe run zonder ze met 'verhalen cluster'",
                    "; or make a new run without them with 'verhalen cluster'",
                )
        elif (table, parent) == ("stories", "storytellers"):
            repair = ctx.say(
                f"zet een reservekopie terug, of registreer vertellers {gone} opnieuw in "
                "een vertellerstabel bij de volgende 'verhalen ingest … --storytellers "
                "vertellers.csv'",
                f"restore a backup, or register storytellers {gone} again in a "
                "storytellers table with the next 'verhalen ingest … --storytellers "
                "storytellers.csv'",
            )
        else:
            repair = ctx.say(
                f"zet een reservekopie van {STORE_NAME} terug: zonder die {parent_nl} zijn "
                f"deze {child_nl} niet volledig",
                f"restore a backup of {STORE_NAME}: without those {parent_en} these "
                f"{child_en} are incomplete",
            )
        ctx.add("error", "store", message, repair)
