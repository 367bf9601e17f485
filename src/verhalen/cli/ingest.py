"""`verhalen ingest`: read story files into the project."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import err, out, state


def parse_map(values: list[str], lang: str = "nl") -> tuple[tuple[str, str], ...]:
    """`--map text=Verhaal,title=Titel` (repeatable) into (field, column) pairs."""
    from verhalen.i18n import t

    pairs = []
    for value in values:
        for item in value.split(","):
            if not item.strip():
                continue
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise typer.BadParameter(
                    t("cli_ingest_map_item", lang, item=item), param_hint="--map"
                )
            pairs.append((field.strip(), column.strip()))
    return tuple(pairs)


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Bestanden of mappen met verhalen.")],
    storytellers: Annotated[
        Path | None, typer.Option("--storytellers", help="Tabel met vertellers (csv/xlsx).")
    ] = None,
    column_map: Annotated[
        list[str] | None,
        typer.Option("--map", help="Kolommen koppelen, bijv. text=Verhaal,title=Titel."),
    ] = None,
    session: Annotated[
        str | None, typer.Option(help="Sessie voor verhalen die er zelf geen noemen.")
    ] = None,
    storyteller: Annotated[
        str | None, typer.Option(help="Verteller voor verhalen die er zelf geen noemen.")
    ] = None,
    narrafirma_form: Annotated[
        Path | None,
        typer.Option("--narrafirma-form", help="NarraFirma-formulier (csv) bij een export."),
    ] = None,
    sensemaker: Annotated[
        Path | None,
        typer.Option("--sensemaker", help="SenseMaker-frameworkdefinitie (json) bij een export."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Alleen controleren.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Lees het geldige deel in, wijs de rest af.")
    ] = False,
    rejects: Annotated[
        Path | None, typer.Option(help="Waar afgewezen invoer komt (bij --skip-invalid).")
    ] = None,
) -> None:
    """Lees verhalen in uit .txt .md .docx .odt .vtt .srt .csv .xlsx, alles of niets."""
    from verhalen.errors import RejectedBatch
    from verhalen.i18n import count, t
    from verhalen.ingest import ingest as run_ingest
    from verhalen.ingest import read_options, unread_warning
    from verhalen.progress import progress_bar

    project = state(ctx).project()
    lang = project.lang
    options = read_options(
        project,
        column_map=parse_map(column_map or [], lang),
        session=session,
        storyteller=storyteller,
    )
    try:
        with progress_bar(lang) as advance:
            report = run_ingest(
                project,
                paths,
                storytellers_file=storytellers,
                narrafirma_form=narrafirma_form,
                sensemaker_definition=sensemaker,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                rejects_path=rejects,
                options=options,
                progress=advance,
            )
    except RejectedBatch as exc:
        for problem in exc.problems:
            err.print(str(problem), markup=False, highlight=False)
        err.print(
            t("ingest_rejected", lang, problems=count(len(exc.problems), "problem", lang)),
            style="red",
        )
        raise typer.Exit(1) from None

    for display, columns in report.unread_columns:
        err.print(unread_warning(display, columns, lang), style="yellow", highlight=False)
    for warning in report.warnings:
        err.print(str(warning), style="yellow", markup=False, highlight=False)
    for line in report.exact_duplicates:
        out.print(line, markup=False, highlight=False)
    new = report.would_store if report.dry_run else len(report.stored)
    files = report.files - report.unchanged
    if new or files:
        out.print(
            t(
                "ingest_dry" if dry_run else "ingest_done",
                lang,
                stories=count(new, "story", lang),
                files=count(files, "file", lang),
            )
        )
    if report.storytellers:
        out.print(
            t(
                "ingest_storytellers",
                lang,
                storytellers=count(report.storytellers, "storyteller", lang),
            )
        )
    if report.unchanged:
        out.print(t("ingest_unchanged", lang, files=count(report.unchanged, "file", lang)))
    if report.exact_duplicates:
        out.print(
            t(
                "ingest_exact_dup",
                lang,
                n=len(report.exact_duplicates),
                stories=count(len(report.exact_duplicates), "story", lang),
            )
        )
    if report.near_duplicates:
        out.print(
            t(
                "ingest_near_dup",
                lang,
                n=len(report.near_duplicates),
                stories=count(len(report.near_duplicates), "story", lang),
            ),
            style="yellow",
        )
    if not new and not report.storytellers and not report.problems:
        out.print(t("ingest_nothing", lang))
    if report.problems:
        for problem in report.problems:
            err.print(str(problem), markup=False, highlight=False)
        where = report.rejects_path if not dry_run else "-"
        err.print(
            t(
                "ingest_skipped_invalid",
                lang,
                problems=count(len(report.problems), "problem", lang),
                path=where,
            ),
            style="yellow",
        )
        sys.exit(1)
