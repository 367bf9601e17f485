"""storyform.yaml: there and valid. The parsed form is kept for the answers check."""

from __future__ import annotations

from verhalen.doctor.context import Context
from verhalen.errors import VerhalenError
from verhalen.form import StoryForm, load_form
from verhalen.i18n import t
from verhalen.project import FORM_NAME


def check_form(ctx: Context) -> None:
    path = ctx.root / FORM_NAME
    if not path.exists():
        ctx.form = StoryForm()
        ctx.add(
            "warning",
            "form",
            t("doctor_form_missing", ctx.lang, form=FORM_NAME),
            t("doctor_form_restore", ctx.lang, form=FORM_NAME),
        )
        return
    try:
        ctx.form = load_form(path, ctx.lang)
    except (VerhalenError, OSError, UnicodeDecodeError) as exc:
        lines = [line.replace(str(ctx.root) + "/", "") for line in str(exc).splitlines()]
        ctx.add(
            "error",
            "form",
            t("doctor_form_invalid", ctx.lang, form=FORM_NAME, lines="; ".join(lines)),
            t("doctor_form_correct", ctx.lang, form=FORM_NAME),
        )
