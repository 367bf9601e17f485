"""`verhalen demo`: the example project, built and run end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state, styled
from verhalen.i18n import count


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
    nl = lang == "nl"
    with progress_bar(lang) as advance:
        result = make_demo(path, source, lang=lang, progress=advance)
    stored = sum(len(r.stored) for r in result.ingests)
    out.print(
        styled(
            "Voorbeeldproject gemaakt in " if nl else "Example project created in ",
            (str(result.project.root), "bold"),
        )
    )
    out.print(f"{'ingelezen' if nl else 'ingested'}: {stored} " + ("verhalen" if nl else "stories"))
    if result.answers:
        out.print(
            f"antwoorden: {result.answers.changed} uit antwoorden.xlsx"
            if nl
            else f"answers: {result.answers.changed} from antwoorden.xlsx"
        )
    if result.pseudonyms:
        p = result.pseudonyms
        out.print(
            f"gepseudonimiseerd: {count(p.changed, 'story', 'nl')}, "
            f"{len(p.occurrences)} vervangingen "
            f"(controleer {p.review_path.name})"
            if nl
            else f"pseudonymised: {count(p.changed, 'story', 'en')}, "
            f"{len(p.occurrences)} replacements "
            f"(review {p.review_path.name})"
        )
    if result.clustering:
        c = result.clustering
        out.print(
            f"perspectieven: {c.metrics['perspectives']} kandidaten, "
            f"{c.unassigned_share:.0%} past nergens bij"
            if nl
            else f"perspectives: {c.metrics['perspectives']} candidates, "
            f"{c.unassigned_share:.0%} fit nowhere"
        )
    out.print(headline(overview(result.project), lang) + ".")
    if result.report:
        for report_path in result.report.paths:
            out.print(("rapport: " if nl else "report: ") + str(report_path), highlight=False)
    out.print()
    out.print("Verder:" if nl else "Next:", style="bold")
    steps = [
        f"cd {path}",
        "verhalen status",
        "verhalen stories list --group ambtenaar" if nl else "verhalen stories list",
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
