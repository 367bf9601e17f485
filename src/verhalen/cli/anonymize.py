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
    from verhalen.progress import progress_bar
    from verhalen.pseudonymize import pseudonymize

    project = state(ctx).project()
    nl = project.lang == "nl"
    with progress_bar(project.lang, "pseudonimiseren" if nl else "pseudonymising") as advance:
        report = pseudonymize(project, review=review, review_out=out_path, progress=advance)
    from verhalen.pseudonymize import kind_name

    lang = project.lang
    kinds = ", ".join(f"{kind_name(k, lang)}: {v}" for k, v in sorted(report.by_kind.items()))
    kept = ", ".join(f"{kind_name(k, lang)}: {v}" for k, v in sorted(report.kept.items()))
    engine = "Frog + deduce" if report.engine == "frog" else "deduce (zonder Frog)"
    engine_en = "Frog + deduce" if report.engine == "frog" else "deduce (without Frog)"
    out.print(
        f"{report.changed} van {report.stories} verhalen gepseudonimiseerd "
        f"({len(report.occurrences)} vervangingen; {kinds or 'geen'}); namen herkend met {engine}"
        if nl
        else f"{report.changed} of {report.stories} stories pseudonymised "
        f"({len(report.occurrences)} replacements; {kinds or 'none'}); names recognised with "
        f"{engine_en}",
        highlight=False,
    )
    if kept:
        out.print(
            f"Blijven staan ([privacy] replace in verhalen.toml): {kept}"
            if nl
            else f"Left in place ([privacy] replace in verhalen.toml): {kept}",
            highlight=False,
        )
    out.print(
        (
            f"Controleer de vervangingen in {report.review_path} en pas ze toe met "
            f"'verhalen anonymize --review {report.review_path.name}'"
            if nl
            else f"Review the replacements in {report.review_path} and apply them with "
            f"'verhalen anonymize --review {report.review_path.name}'"
        ),
        highlight=False,
    )
