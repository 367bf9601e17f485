"""The repairs several store checks give, and the findings when the store cannot be read."""

from __future__ import annotations

from verhalen.doctor.context import Context
from verhalen.i18n import t
from verhalen.project import STORE_NAME


def restore_or_restart(ctx: Context) -> str:
    return t("doctor_restore_or_restart", ctx.lang, store=STORE_NAME)


def recover(ctx: Context) -> str:
    return t("doctor_recover", ctx.lang, store=STORE_NAME)


def unreadable(ctx: Context, exc: Exception) -> None:
    ctx.add(
        "error",
        "store",
        t("doctor_store_unreadable", ctx.lang, store=STORE_NAME, exc=exc),
        recover(ctx),
    )


def busy(ctx: Context) -> None:
    ctx.add(
        "warning",
        "store",
        t("doctor_store_busy", ctx.lang, store=STORE_NAME),
        t("doctor_run_again_later", ctx.lang),
    )
