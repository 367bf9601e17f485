"""`verhalen init`: a new project folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state


def init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Map voor het nieuwe project.")],
    lang: Annotated[
        str, typer.Option("--lang", help="Taal van project en formulier: nl of en.")
    ] = "nl",
    template: Annotated[
        str, typer.Option(help="Verhalenformulier om mee te beginnen: algemeen of programma.")
    ] = "algemeen",
    name: Annotated[str | None, typer.Option(help="Naam van het project.")] = None,
) -> None:
    """Maak een projectmap met verhalen.toml, een verhalenformulier en de opslag."""
    from verhalen.i18n import t
    from verhalen.project import init_project

    lang = state(ctx).lang or lang
    if lang not in ("nl", "en"):
        raise typer.BadParameter(t("cli_nl_or_en", state(ctx).language()), param_hint="--lang")
    project = init_project(path, lang=lang, template=template, name=name)
    out.print(t("project_created", lang, path=project.root), highlight=False)
    out.print(t("cli_init_hint", lang))
