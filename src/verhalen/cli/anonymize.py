"""`verhalen anonymize`: pseudonymise names and contact details."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state


def anonymize(
    ctx: typer.Context,
    review: Annotated[
        Path | None, typer.Option(help="Beoordeeld controlebestand (xlsx) om toe te passen.")
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Waar het nieuwe controlebestand komt.")
    ] = None,
) -> None:
    """Vervang namen, e-mail, telefoon en adressen door [PERSOON-1] enz., met controlebestand."""
    from verhalen.i18n import t
    from verhalen.progress import progress_bar
    from verhalen.pseudonymize import pseudonymize

    project = state(ctx).project()
    lang = project.lang
    with progress_bar(lang, t("cli_anonymize_progress", lang)) as advance:
        report = pseudonymize(project, review=review, review_out=out_path, progress=advance)
    from verhalen.pseudonymize import kind_name

    kinds = ", ".join(f"{kind_name(k, lang)}: {v}" for k, v in sorted(report.by_kind.items()))
    kept = ", ".join(f"{kind_name(k, lang)}: {v}" for k, v in sorted(report.kept.items()))
    engine = "Frog + deduce" if report.engine == "frog" else t("cli_anonymize_deduce", lang)
    out.print(
        t(
            "cli_anonymize_done",
            lang,
            changed=report.changed,
            stories=report.stories,
            replacements=len(report.occurrences),
            kinds=kinds or t("cli_anonymize_none", lang),
            engine=engine,
        ),
        highlight=False,
    )
    if kept:
        out.print(t("cli_anonymize_kept", lang, kept=kept), highlight=False)
    out.print(
        t(
            "cli_anonymize_review",
            lang,
            path=report.review_path,
            name=report.review_path.name,
        ),
        highlight=False,
    )
