"""`verhalen report`: the catalysis report as PDF and XLSX."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import check_lang, out, state


def report(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="pdf, xlsx of both (standaard: both).")
    ] = "both",
    lang: Annotated[
        str | None, typer.Option("--lang", help="Taal van het rapport: nl of en.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Map voor het rapport (standaard: rapport/, in een Engels project report/).",
        ),
    ] = None,
    alpha: Annotated[
        float, typer.Option(help="Drempel voor de gecorrigeerde p (Benjamini-Hochberg).")
    ] = 0.05,
    min_effect: Annotated[
        float, typer.Option("--min-effect", help="Kleinste effectgrootte die opvalt.")
    ] = 0.0,
    init_catalysis: Annotated[
        bool,
        typer.Option(
            "--init-catalysis",
            help="Schrijf een catalyse.yaml met uitleg en de ids van dit project, en stop.",
        ),
    ] = False,
) -> None:
    """Maak het catalyserapport: PDF om te lezen, XLSX om te sorteren en filteren."""
    from verhalen.i18n import t
    from verhalen.progress import progress_bar
    from verhalen.report import FORMATS, make_report
    from verhalen.report import init_catalysis as write_template

    check_lang(ctx, lang)
    if fmt not in FORMATS:
        raise typer.BadParameter(", ".join(FORMATS), param_hint="--format")
    project = state(ctx).project()
    lang = lang or project.lang
    if init_catalysis:
        path = write_template(project, lang, alpha, min_effect)
        out.print(str(path), markup=False, highlight=False)
        return
    # Only on a terminal: the bar leaves an empty line in a pipe, and scripts read the paths.
    bar = progress_bar(lang, t("progress", lang)) if out.is_terminal else nullcontext(None)
    with bar as advance:
        result = make_report(project, fmt, lang, out_dir, alpha, min_effect, progress=advance)
    for path in result.paths:
        out.print(str(path), markup=False, highlight=False)
