"""`verhalen demo`: the example project, built and run end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state


def demo(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Map voor het voorbeeldproject.")] = Path(
        "voorbeeld-project"
    ),
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Map met het voorbeeld (standaard data/voorbeeld)."),
    ] = None,
) -> None:
    """Maak het voorbeeldproject 'Werken met Netwerken' en doorloop alle stappen."""
    from verhalen.demo import make_demo
    from verhalen.progress import progress_bar
    from verhalen.status import headline, overview

    lang = state(ctx).lang or "nl"
    nl = lang == "nl"
    with progress_bar(lang) as advance:
        result = make_demo(path, source, lang=lang, progress=advance)
    stored = sum(len(r.stored) for r in result.ingests)
    out.print(
        ("Voorbeeldproject gemaakt in " if nl else "Example project created in ")
        + f"[bold]{result.project.root}[/bold]"
    )
    out.print(f"{'ingelezen' if nl else 'ingested'}: {stored} " + ("verhalen" if nl else "stories"))
    out.print(headline(overview(result.project), lang, result.project.form.language) + ".")
    out.print()
    out.print("[bold]Verder:[/bold]" if nl else "[bold]Next:[/bold]")
    steps = [
        f"cd {path}",
        "verhalen status",
        "verhalen stories list --group ambtenaar" if nl else "verhalen stories list",
        "verhalen stories show 1",
        "verhalen stories export --out verhalen.xlsx",
    ]
    for step in steps:
        out.print(f"  {step}", highlight=False)
