"""verhalen.sqlite as a file, before SQLite opens it: there, an SQLite database and whole;
leftovers of a stopped process, and a project that may not be written. Then the store is
opened, read-only, for the checks after these."""

from __future__ import annotations

import os
import sqlite3

from verhalen.doctor.context import Context
from verhalen.doctor.store_advice import recover, restore_or_restart, unreadable
from verhalen.project import STORE_NAME

SQLITE_HEADER = b"SQLite format 3\x00"


def check_store_file(ctx: Context) -> bool:
    """Whether the store file looks like SQLite; leftovers of a stopped process are noted."""
    path = ctx.store_path
    wal = path.with_name(STORE_NAME + "-wal")
    journal = path.with_name(STORE_NAME + "-journal")
    if not path.exists():
        if wal.exists():
            message = ctx.say(
                f"{STORE_NAME} ontbreekt, maar {wal.name} staat er nog: alleen de laatste "
                "wijzigingen zijn over",
                f"{STORE_NAME} is missing, but {wal.name} is still there: only the latest "
                "changes are left",
            )
        else:
            message = ctx.say(
                f"{STORE_NAME} ontbreekt: de verhalen, antwoorden en perspectieven van dit "
                "project zijn er niet",
                f"{STORE_NAME} is missing: this project's stories, answers and perspectives "
                "are not there",
            )
        ctx.add(
            "error",
            "store",
            message,
            ctx.say(
                f"zet {STORE_NAME} terug uit een reservekopie (met {wal.name} als die er "
                "bij hoort); zonder kopie maakt 'verhalen ingest' een nieuwe, lege opslag "
                "en lees je de bronbestanden opnieuw in",
                f"restore {STORE_NAME} from a backup (with {wal.name} if it has one); "
                "without one, 'verhalen ingest' starts a new, empty store and you ingest "
                "the source files again",
            ),
        )
        return False
    if not path.is_file():
        ctx.add(
            "error",
            "store",
            ctx.say(f"{STORE_NAME} is geen bestand", f"{STORE_NAME} is not a file"),
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
            ctx.say(f"{STORE_NAME} is niet te lezen: {exc}", f"{STORE_NAME} cannot be read: {exc}"),
            ctx.say(
                "geef jezelf leesrechten op het bestand (ls -l toont wie het mag lezen)",
                "give yourself read permission on the file (ls -l shows who may read it)",
            ),
        )
        return False
    if size == 0:
        ctx.add(
            "error",
            "store",
            ctx.say(
                f"{STORE_NAME} is leeg (0 bytes): geen verhalen, geen tabellen",
                f"{STORE_NAME} is empty (0 bytes): no stories, no tables",
            ),
            restore_or_restart(ctx),
        )
        return False
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        ctx.add(
            "error",
            "store",
            ctx.say(
                f"{STORE_NAME} is geen SQLite-database (het begin van het bestand is "
                f"overschreven, afgekapt of het is een ander bestand; {size} bytes)",
                f"{STORE_NAME} is not an SQLite database (the start of the file was "
                f"overwritten or cut off, or it is another file; {size} bytes)",
            ),
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
            ctx.say(
                f"{STORE_NAME} is afgekapt: {size} van de {pages * page_size} bytes zijn er",
                f"{STORE_NAME} is cut off: {size} of its {pages * page_size} bytes are there",
            ),
            recover(ctx),
        )
        return False
    for leftover in (wal, journal):
        if leftover.is_file() and leftover.stat().st_size > 0:
            ctx.add(
                "warning",
                "store",
                ctx.say(
                    f"{leftover.name} staat nog naast {STORE_NAME}: een verhalen-opdracht "
                    "loopt nu, of is halverwege gestopt (afgebroken, vastgelopen, stroom "
                    "weg); de wijzigingen die al klaar waren staan in dat bestand",
                    f"{leftover.name} is still next to {STORE_NAME}: a verhalen command is "
                    "running now, or stopped halfway (killed, crashed, power lost); the "
                    "changes it had finished are in that file",
                ),
                ctx.say(
                    "draai, als er geen andere verhalen-opdracht loopt, 'verhalen status': "
                    f"die verwerkt {leftover.name} in de opslag; gooi het bestand nooit "
                    "los weg en kopieer het mee bij een reservekopie",
                    "when no other verhalen command is running, run 'verhalen status': it "
                    f"folds {leftover.name} into the store; never delete that file on its "
                    "own, and copy it along with a backup",
                ),
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
        ctx.say(
            f"de projectmap of {STORE_NAME} is alleen-lezen: verhalen kan het project "
            "lezen (status, stories list, perspectives list, report --out) maar niets "
            "veranderen; er is niets beschadigd",
            f"the project folder or {STORE_NAME} is read-only: verhalen can read the "
            "project (status, stories list, perspectives list, report --out) but change "
            "nothing; nothing is damaged",
        ),
        ctx.say(
            "om te werken: kopieer de projectmap naar een plek waar je mag schrijven, of "
            "vraag schrijfrechten",
            "to work on it: copy the project folder to a place where you may write, or ask "
            "for write access",
        ),
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
