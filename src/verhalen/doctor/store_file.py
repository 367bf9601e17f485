"""verhalen.sqlite as a file, before SQLite opens it: there, an SQLite database and whole;
leftovers of a stopped process, and a project that may not be written. Then the store is
opened, read-only, for the checks after these."""

from __future__ import annotations

import os
import sqlite3

from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import recover, restore_or_restart, unreadable
from verhalen.i18n import t
from verhalen.project import STORE_NAME

SQLITE_HEADER = b"SQLite format 3\x00"


def check_store_file(ctx: Context) -> bool:
    """Whether the store file looks like SQLite; leftovers of a stopped process are noted."""
    path = ctx.store_path
    wal = path.with_name(STORE_NAME + "-wal")
    journal = path.with_name(STORE_NAME + "-journal")
    if not path.exists():
        if wal.exists():
            message = t("doctor_store_missing_wal", ctx.lang, store=STORE_NAME, wal=wal.name)
        else:
            message = t("doctor_store_missing", ctx.lang, store=STORE_NAME)
        ctx.add(
            "error",
            "store",
            message,
            t("doctor_store_restore", ctx.lang, store=STORE_NAME, wal=wal.name),
        )
        return False
    if not path.is_file():
        ctx.add(
            "error",
            "store",
            t("doctor_store_not_file", ctx.lang, store=STORE_NAME),
            restore_or_restart(ctx),
        )
        return False
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        ctx.add(
            "error",
            "store",
            t("doctor_store_cannot_read", ctx.lang, store=STORE_NAME, exc=exc),
            t("doctor_give_read_permission", ctx.lang),
        )
        return False
    if size == 0:
        ctx.add(
            "error",
            "store",
            t("doctor_store_empty", ctx.lang, store=STORE_NAME),
            restore_or_restart(ctx),
        )
        return False
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        ctx.add(
            "error",
            "store",
            t("doctor_store_not_sqlite", ctx.lang, store=STORE_NAME, size=size),
            restore_or_restart(ctx),
        )
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid when its 'valid for' number matches the
    # change counter; a file shorter than that many pages was cut off.
    if header[92:96] == header[24:28] and pages and size < pages * page_size:
        ctx.add(
            "error",
            "store",
            t(
                "doctor_store_cut_off",
                ctx.lang,
                store=STORE_NAME,
                size=size,
                total=pages * page_size,
            ),
            recover(ctx),
        )
        return False
    for leftover in (wal, journal):
        if leftover.is_file() and leftover.stat().st_size > 0:
            ctx.add(
                "warning",
                "store",
                t("doctor_store_leftover", ctx.lang, leftover=leftover.name, store=STORE_NAME),
                t("doctor_fold_leftover", ctx.lang, leftover=leftover.name),
            )
    return True


def check_read_only(ctx: Context) -> None:
    """A project that may not be written is healthy; say what still works. The store is then
    opened immutable (`open_store`)."""
    if os.access(ctx.root, os.W_OK) and os.access(ctx.store_path, os.W_OK):
        return
    ctx.read_only = True
    ctx.add(
        "warning",
        "store",
        t("doctor_read_only", ctx.lang, store=STORE_NAME),
        t("doctor_read_only_work", ctx.lang),
    )


def open_store(ctx: Context) -> bool:
    """Open the store read-only for the checks after this one, with a connection of its own:
    `Store` would migrate an older store and refuse a newer one."""
    # immutable: on a read-only mount WAL's -shm file cannot be made, and `mode=ro` alone
    # fails with "unable to open", which is no damage at all.
    mode = "?mode=ro&immutable=1" if ctx.read_only else "?mode=ro"
    try:
        ctx.db = sqlite3.connect(ctx.store_path.as_uri() + mode, uri=True, timeout=5)
    except sqlite3.Error as exc:
        unreadable(ctx, exc)
        return False
    return True
