"""`verhalen demo`: the example project, built and run end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state, styled
from verhalen.i18n import count, t


def demo(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Map voor het voorbeeldproject.")] = Path(
        "voorbeeld-project"
    ),
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Map met het voorbeeld (standaard het voorbeeld in het pakket)."
        ),
    ] = None,
) -> None:
    """Maak het voorbeeldproject 'Werken met Netwerken' en doorloop alle stappen."""
    from verhalen.demo import make_demo
    from verhalen.progress import progress_bar
    from verhalen.status import headline, overview

    lang = state(ctx).lang or "nl"
    with progress_bar(lang) as advance:
        result = make_demo(path, source, lang=lang, progress=advance)
    stored = sum(len(r.stored) for r in result.ingests)
    out.print(
        styled(
            t("cli_demo_created", lang),
            (str(result.project.root), "bold"),
        )
    )
    out.print(t("cli_demo_ingested", lang, stored=stored))
    if result.answers:
        out.print(t("cli_demo_answers", lang, changed=result.answers.changed))
    if result.pseudonyms:
        p = result.pseudonyms
        out.print(
            t(
                "cli_demo_pseudonymised",
                lang,
                stories=count(p.changed, "story", lang),
                replacements=len(p.occurrences),
                name=p.review_path.name,
            )
        )
    if result.clustering:
        c = result.clustering
        out.print(
            t(
                "cli_demo_perspectives",
                lang,
                found=c.metrics["perspectives"],
                share=c.unassigned_share,
            )
        )
    out.print(headline(overview(result.project), lang) + ".")
    if result.report:
        for report_path in result.report.paths:
            out.print(t("cli_demo_report", lang, path=report_path), highlight=False)
    out.print()
    out.print(t("cli_demo_next", lang), style="bold")
    steps = [
        f"cd {path}",
        "verhalen status",
        t("cli_demo_step_list", lang),
        "verhalen perspectives list",
        "verhalen perspectives show 1",
        "verhalen stories show 1",
        "verhalen tag summary",
        'verhalen stories list --where "rol=inwoner" --where "gevoel>=70"',
        "verhalen stories export --out verhalen.xlsx",
        "verhalen patterns",
        "verhalen report --lang en",
    ]

    for step in steps:
        out.print(f"  {step}", highlight=False)
