"""verhalen.toml: there, valid TOML, and the settings every command checks when it opens the
project (`verhalen.settings.problems`). It also sets the findings' language and the project's
name for the checks after it."""

from __future__ import annotations

import tomllib
from typing import Any

from verhalen.doctor.context import Context
from verhalen.project import CONFIG_NAME
from verhalen.settings import LANGUAGES, problems


def check_config(ctx: Context) -> None:
    path = ctx.root / CONFIG_NAME
    if not path.is_file():
        ctx.add(
            "error",
            "config",
            ctx.say(
                f"{CONFIG_NAME} ontbreekt in {ctx.root}: verhalen herkent de map niet als project",
                f"{CONFIG_NAME} is missing in {ctx.root}: verhalen does not recognise the "
                "folder as a project",
            ),
            ctx.say(
                f"zet {CONFIG_NAME} terug uit een reservekopie, of maak een nieuwe met "
                f"twee regels: printf '[project]\\nlanguage = \"nl\"\\n' > {CONFIG_NAME}",
                f"restore {CONFIG_NAME} from a backup, or write a new one of two lines: "
                f"printf '[project]\\nlanguage = \"en\"\\n' > {CONFIG_NAME}",
            ),
        )
        return
    try:
        given = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        ctx.add(
            "error",
            "config",
            ctx.say(
                f"{CONFIG_NAME} is geen geldige TOML: {exc}",
                f"{CONFIG_NAME} is not valid TOML: {exc}",
            ),
            ctx.say(
                f"verbeter {CONFIG_NAME} op de genoemde plaats (tekst tussen "
                "aanhalingstekens, één [sectie] per kop); elke verhalen-opdracht weigert tot "
                "dan",
                f"correct {CONFIG_NAME} at the place named (text in quotes, one [section] "
                "per heading); every verhalen command refuses until then",
            ),
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
            ctx.say(
                f"{problem.fix}; elke verhalen-opdracht weigert tot dan",
                f"{problem.fix}; every verhalen command refuses until then",
            ),
        )
