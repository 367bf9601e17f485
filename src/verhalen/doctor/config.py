"""verhalen.toml: there, valid TOML, and the settings every command checks when it opens the
project (`verhalen.settings.problems`). It also sets the findings' language and the project's
name for the checks after it."""

from __future__ import annotations

import tomllib
from typing import Any

from verhalen.doctor.context import Context
from verhalen.i18n import t
from verhalen.project import CONFIG_NAME
from verhalen.settings import LANGUAGES, problems


def check_config(ctx: Context) -> None:
    path = ctx.root / CONFIG_NAME
    if not path.is_file():
        ctx.add(
            "error",
            "config",
            t("doctor_config_missing", ctx.lang, config=CONFIG_NAME, root=ctx.root),
            t("doctor_config_restore", ctx.lang, config=CONFIG_NAME),
        )
        return
    try:
        given = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        ctx.add(
            "error",
            "config",
            t("doctor_config_not_toml", ctx.lang, config=CONFIG_NAME, exc=exc),
            t("doctor_config_correct", ctx.lang, config=CONFIG_NAME),
        )
        return
    # As `Project.open` would take them, but from a file it may refuse: the findings are in
    # the project's language, and a faulty key elsewhere does not hide the project's name.
    project = given.get("project") if isinstance(given.get("project"), dict) else {}
    language = project.get("language", "nl")
    if ctx.given_lang is None and language in LANGUAGES:
        ctx.lang = language
    ctx.name = str(project.get("name") or "") or ctx.root.name
    check_settings(ctx, given)


def check_settings(ctx: Context, given: dict[str, Any]) -> None:
    """The checks every command makes when it opens the project (`verhalen.settings`)."""
    for problem in problems(given, ctx.lang):
        ctx.add(
            problem.severity,
            "config",
            f"{CONFIG_NAME}: {problem.message}",
            t("doctor_refuses_until_then", ctx.lang, fix=problem.fix),
        )
