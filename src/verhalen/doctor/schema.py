"""The store's schema version and tables: whether the data checks can run on it."""

from __future__ import annotations

from verhalen.doctor.common import ids
from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import restore_or_restart
from verhalen.i18n import t
from verhalen.project import STORE_NAME
from verhalen.store.schema import CORE_TABLES, SCHEMA_VERSION, tables_at


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
            t(
                "doctor_schema_newer",
                ctx.lang,
                store=STORE_NAME,
                version=version,
                known=SCHEMA_VERSION,
            ),
            t("doctor_update_verhalen", ctx.lang),
        )
        return False
    if version == 0:
        if not ctx.tables:
            message = t("doctor_empty_database", ctx.lang, store=STORE_NAME)
        else:
            message = t(
                "doctor_foreign_database",
                ctx.lang,
                store=STORE_NAME,
                tables=ids(ctx.tables, ctx.lang),
            )
        ctx.add("error", "schema", message, restore_or_restart(ctx))
        return False
    # a table that only a later version makes: the store was written by a newer verhalen
    added = {
        v: set(tables_at(v)) - set(tables_at(v - 1)) for v in range(version + 1, SCHEMA_VERSION + 1)
    }
    ahead = next((v for v in sorted(added, reverse=True) if added[v] & ctx.tables), None)
    if ahead is not None:
        ctx.add(
            "error",
            "schema",
            t("doctor_schema_ahead", ctx.lang, store=STORE_NAME, version=version, ahead=ahead),
            t("doctor_set_version", ctx.lang, store=STORE_NAME, ahead=ahead),
        )
        return False
    expected = tables_at(version)
    missing = set(expected) - ctx.tables
    if missing:
        message = t(
            "doctor_tables_missing", ctx.lang, store=STORE_NAME, tables=ids(missing, ctx.lang)
        )
        if missing & CORE_TABLES:
            ctx.add("error", "schema", message, restore_or_restart(ctx))
            return False
        statements = " ".join(expected[table] for table in sorted(missing))
        ctx.add(
            "error",
            "schema",
            message,
            t("doctor_make_tables", ctx.lang, store=STORE_NAME, statements=statements),
        )
    if version < SCHEMA_VERSION:
        ctx.add(
            "warning",
            "schema",
            t(
                "doctor_schema_older",
                ctx.lang,
                store=STORE_NAME,
                version=version,
                known=SCHEMA_VERSION,
            ),
            t("doctor_upgrade_store", ctx.lang, store=STORE_NAME, version=version),
        )
    return True
