"""The store's schema version and tables: whether the data checks can run on it."""

from __future__ import annotations

import re

from verhalen.doctor.common import ids
from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import restore_or_restart
from verhalen.project import STORE_NAME
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION


def _tables_by_version() -> list[set[str]]:
    """The tables each schema version has (index: version)."""
    out: list[set[str]] = [set()]
    for migration in MIGRATIONS:
        out.append(out[-1] | set(re.findall(r"CREATE TABLE (\w+)", migration)))
    return out


TABLES = _tables_by_version()
# Without these the store has lost its stories; any other table can be made again, empty.
CORE_TABLES = {"sources", "sessions", "storytellers", "stories", "answers", "storyteller_answers"}


def _create_statement(table: str) -> str:
    """The migration's CREATE TABLE for `table`, on one line."""
    for migration in MIGRATIONS:
        m = re.search(rf"CREATE TABLE {table} \((.*?)\n\s*\);", migration, re.DOTALL)
        if m:
            return f"CREATE TABLE {table} (" + " ".join(m.group(1).split()) + ");"
    raise KeyError(table)


def check_schema(ctx: Context) -> bool:
    """Whether the data checks can run on this schema; keeps the store's tables in `ctx`."""
    version = ctx.conn.execute("PRAGMA user_version").fetchone()[0]
    ctx.tables = {
        r[0] for r in ctx.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if version > SCHEMA_VERSION:
        ctx.add(
            "error",
            "schema",
            ctx.say(
                f"{STORE_NAME} heeft schemaversie {version}, deze verhalen kent tot "
                f"{SCHEMA_VERSION}: een nieuwere verhalen heeft hem bijgewerkt",
                f"{STORE_NAME} has schema version {version}; this verhalen knows up to "
                f"{SCHEMA_VERSION}: a newer verhalen has upgraded it",
            ),
            ctx.say(
                "werk verhalen bij tot de versie die het project maakte (in de map van "
                "verhalen: git pull en dan bash scripts/setup.sh); deze verhalen kan er "
                "niet mee werken",
                "update verhalen to the version that made the project (in verhalen's "
                "folder: git pull, then bash scripts/setup.sh); this verhalen cannot work "
                "with it",
            ),
        )
        return False
    if version == 0:
        if not ctx.tables:
            message = ctx.say(
                f"{STORE_NAME} is een lege SQLite-database zonder tabellen",
                f"{STORE_NAME} is an empty SQLite database without tables",
            )
        else:
            message = ctx.say(
                f"{STORE_NAME} is een SQLite-database, maar geen opslag van verhalen "
                f"(tabellen: {ids(ctx.tables, ctx.lang)})",
                f"{STORE_NAME} is an SQLite database, but not a verhalen store "
                f"(tables: {ids(ctx.tables, ctx.lang)})",
            )
        ctx.add("error", "schema", message, restore_or_restart(ctx))
        return False
    ahead = next(
        (v for v in range(SCHEMA_VERSION, version, -1) if TABLES[v] - TABLES[v - 1] & ctx.tables),
        None,
    )
    if ahead is not None:
        ctx.add(
            "error",
            "schema",
            ctx.say(
                f"{STORE_NAME} zegt schemaversie {version}, maar heeft al de tabellen van "
                f"versie {ahead}: bijwerken zou mislukken",
                f"{STORE_NAME} says schema version {version}, but already has the tables of "
                f"version {ahead}: upgrading would fail",
            ),
            ctx.say(
                f"maak eerst een kopie (cp {STORE_NAME} {STORE_NAME}.bak), dan: "
                f'sqlite3 {STORE_NAME} "PRAGMA user_version = {ahead}"',
                f"copy it first (cp {STORE_NAME} {STORE_NAME}.bak), then: "
                f'sqlite3 {STORE_NAME} "PRAGMA user_version = {ahead}"',
            ),
        )
        return False
    missing = TABLES[version] - ctx.tables
    if missing:
        message = ctx.say(
            f"in {STORE_NAME} ontbreken tabellen: {ids(missing, ctx.lang)}",
            f"tables are missing from {STORE_NAME}: {ids(missing, ctx.lang)}",
        )
        if missing & CORE_TABLES:
            ctx.add("error", "schema", message, restore_or_restart(ctx))
            return False
        statements = " ".join(_create_statement(table) for table in sorted(missing))
        ctx.add(
            "error",
            "schema",
            message,
            ctx.say(
                f"zet een reservekopie terug, of maak ze opnieuw (leeg): cp {STORE_NAME} "
                f'{STORE_NAME}.bak, dan sqlite3 {STORE_NAME} "{statements}"',
                f"restore a backup, or make them again (empty): cp {STORE_NAME} "
                f'{STORE_NAME}.bak, then sqlite3 {STORE_NAME} "{statements}"',
            ),
        )
    if version < SCHEMA_VERSION:
        ctx.add(
            "warning",
            "schema",
            ctx.say(
                f"{STORE_NAME} heeft schemaversie {version}, deze verhalen gebruikt "
                f"{SCHEMA_VERSION}; de volgende verhalen-opdracht werkt hem bij, en daarna "
                "kan een oudere verhalen hem niet meer openen",
                f"{STORE_NAME} has schema version {version}, this verhalen uses "
                f"{SCHEMA_VERSION}; the next verhalen command upgrades it, after which an "
                "older verhalen can no longer open it",
            ),
            ctx.say(
                f"maak een kopie (cp {STORE_NAME} {STORE_NAME}.v{version}) en draai "
                "'verhalen status': die werkt de opslag bij, alles blijft bewaard",
                f"make a copy (cp {STORE_NAME} {STORE_NAME}.v{version}) and run "
                "'verhalen status': it upgrades the store, keeping everything",
            ),
        )
    return True
