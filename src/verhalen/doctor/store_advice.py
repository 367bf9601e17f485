"""The repairs several store checks give, and the findings when the store cannot be read."""

from __future__ import annotations

from verhalen.doctor.context import Context
from verhalen.project import STORE_NAME


def restore_or_restart(ctx: Context) -> str:
    return ctx.say(
        f"zet een reservekopie van {STORE_NAME} terug; zonder kopie: zet het bestand opzij "
        f"(mv {STORE_NAME} {STORE_NAME}.kapot) en lees de bronbestanden opnieuw in met "
        "'verhalen ingest' (later gegeven antwoorden en perspectieven moeten dan opnieuw)",
        f"restore a backup of {STORE_NAME}; without one, move the file aside "
        f"(mv {STORE_NAME} {STORE_NAME}.broken) and ingest the source files again with "
        "'verhalen ingest' (answers given later and perspectives must then be redone)",
    )


def recover(ctx: Context) -> str:
    return ctx.say(
        f"zet een reservekopie van {STORE_NAME} terug; zonder kopie redt SQLite wat er te "
        f"redden valt: sqlite3 {STORE_NAME} .recover > herstel.sql, zet {STORE_NAME} opzij "
        f"(mv {STORE_NAME} {STORE_NAME}.kapot), dan sqlite3 {STORE_NAME} < herstel.sql en "
        "'verhalen doctor' opnieuw",
        f"restore a backup of {STORE_NAME}; without one SQLite saves what it can: "
        f"sqlite3 {STORE_NAME} .recover > recovered.sql, move {STORE_NAME} aside "
        f"(mv {STORE_NAME} {STORE_NAME}.broken), then sqlite3 {STORE_NAME} < recovered.sql "
        "and 'verhalen doctor' again",
    )


def unreadable(ctx: Context, exc: Exception) -> None:
    ctx.add(
        "error",
        "store",
        ctx.say(
            f"{STORE_NAME} is beschadigd en niet te lezen ({exc})",
            f"{STORE_NAME} is damaged and cannot be read ({exc})",
        ),
        recover(ctx),
    )


def busy(ctx: Context) -> None:
    ctx.add(
        "warning",
        "store",
        ctx.say(
            f"{STORE_NAME} is bezet: een andere verhalen-opdracht schrijft erin, "
            "dus niet alles is gecontroleerd",
            f"{STORE_NAME} is busy: another verhalen command is writing to it, so "
            "not everything was checked",
        ),
        ctx.say(
            "voer 'verhalen doctor' opnieuw uit als die opdracht klaar is",
            "run 'verhalen doctor' again when that command has finished",
        ),
    )
