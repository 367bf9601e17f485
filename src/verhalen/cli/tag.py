"""`verhalen tag import|set|clear|auto|summary|history`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import err, out, state, styled
from verhalen.i18n import count, t

app = typer.Typer(help="Antwoorden en kenmerken van verhalen.", no_args_is_help=True)


@app.command("import")
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Antwoorden (xlsx of csv), per verhaal een rij.")],
) -> None:
    """Lees antwoorden in, gekoppeld op verhaal-id of titel (vertellers op id). Alles of niets."""
    from verhalen.answers import import_answers
    from verhalen.errors import RejectedBatch

    project = state(ctx).project()
    lang = project.lang
    try:
        report = import_answers(project, path)
    except RejectedBatch as exc:
        for problem in exc.problems:
            err.print(str(problem), markup=False, highlight=False)
        err.print(
            t("cli_tag_rejected", lang, problems=count(len(exc.problems), "problem", lang)),
            style="red",
        )
        raise typer.Exit(1) from None
    out.print(
        t(
            "cli_tag_imported",
            lang,
            rows=report.rows,
            changed=report.changed,
            unchanged=report.unchanged,
        )
    )


@app.command("set")
def set_(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(help="Verhaalnummer (of verteller-id bij vertellervragen).")
    ],
    question: Annotated[str, typer.Argument(help="Vraag-id.")],
    value: Annotated[
        str,
        typer.Argument(
            help="Antwoord; meer keuzes met ; ertussen; driehoek 30/50/20, dyade 40, "
            "stenen steen=x,y;…, nvt = niet van toepassing."
        ),
    ],
) -> None:
    """Zet één antwoord met de hand; de oude waarde blijft in de geschiedenis."""
    from verhalen.answers import set_answer
    from verhalen.stories import format_answer

    project = state(ctx).project()
    old, new = set_answer(project, target, question, value)
    lang = project.lang
    q = project.form.get(question)
    shown = q.format if q is not None and q.type in ("triad", "dyad", "stones") else format_answer
    out.print(
        f"{target} · {question}: {shown(old, lang) or '—'} → {shown(new, lang)}",
        highlight=False,
    )


@app.command("clear")
def clear(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Verhaalnummer of verteller-id.")],
    question: Annotated[str, typer.Argument(help="Vraag-id.")],
) -> None:
    """Wis één antwoord; de oude waarde blijft in de geschiedenis."""
    from verhalen.answers import set_answer
    from verhalen.stories import format_answer

    project = state(ctx).project()
    old, _ = set_answer(project, target, question, None)
    out.print(
        f"{target} · {question}: {format_answer(old, project.lang) or '—'} → —", highlight=False
    )


@app.command("history")
def history(
    ctx: typer.Context,
    story: Annotated[int | None, typer.Argument(help="Alleen dit verhaal.")] = None,
) -> None:
    """Wie veranderde wat en wanneer."""
    import json

    from verhalen.answers import history as get_history

    project = state(ctx).project()
    lang = project.lang
    table = Table(
        t("cli_col_when", lang),
        t("cli_col_who", lang),
        t("cli_col_what", lang),
        t("cli_col_target", lang),
        "details",
    )
    for c in get_history(project, story):
        table.add_row(
            c.at, c.who, c.action, c.target or "", json.dumps(c.detail, ensure_ascii=False)
        )
    out.print(table)


@app.command("auto")
def auto(ctx: typer.Context) -> None:
    """Bepaal automatische kenmerken: taal, lengte, leestijd, kernwoorden, groep."""
    from verhalen.autotag import auto_tag
    from verhalen.progress import progress_bar

    project = state(ctx).project()
    lang = project.lang
    with progress_bar(lang, t("cli_tag_progress", lang)) as advance:
        report = auto_tag(project, progress=advance)
    langs = ", ".join(f"{k}: {v}" for k, v in report.languages.items())
    out.print(
        t("cli_tag_auto_done", lang, stories=count(report.stories, "story", lang), langs=langs)
    )


@app.command("summary")
def summary(ctx: typer.Context) -> None:
    """Per vraag hoe de antwoorden verdeeld zijn, met balkjes."""
    from verhalen.i18n import number
    from verhalen.variables import distribution, records

    project = state(ctx).project()
    lang = project.lang
    recs = records(project)
    for q in project.form.questions:
        d = distribution(q, recs, lang)
        missing = t("cli_tag_unanswered", lang, missing=d.missing)
        out.print()
        out.print(
            styled(
                (q.label(lang), "bold"),
                " ",
                (
                    t("cli_tag_answered", lang, id=q.id, answered=d.answered, missing=missing),
                    "dim",
                ),
            )
        )
        rows = d.counts or d.bins
        if q.type == "text":
            continue
        top = max((n for _, n in rows), default=0) or 1
        table = Table(show_header=False, box=None, padding=(0, 1))
        for label, n in rows:
            table.add_row(label, "█" * round(30 * n / top) or ("·" if n == 0 else "▏"), str(n))
        out.print(table)
        for name, mean in d.means:
            mean_line = t("cli_tag_mean", lang, name=name, mean=number(mean, lang, 1))
            out.print(f"  {mean_line}", highlight=False)
        if d.not_applicable:
            na_line = t("cli_tag_not_applicable", lang, count=d.not_applicable)
            out.print(f"  {na_line}", highlight=False)
        if d.numbers:
            m = d.numbers
            numbers_line = t(
                "cli_tag_numbers",
                lang,
                mean=number(m["mean"], lang, 1),
                median=number(m["median"], lang, 1),
                sd=number(m["sd"], lang, 1),
            )
            out.print(f"  {numbers_line}", highlight=False)
