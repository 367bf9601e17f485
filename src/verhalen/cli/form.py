"""`verhalen form show|check|from-narrafirma`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import out, state

app = typer.Typer(help="Het verhalenformulier bekijken en controleren.", no_args_is_help=True)
TYPE_NAMES = {
    "nl": {
        "single": "één keuze",
        "multiple": "meer keuzes",
        "scale": "schaal",
        "boolean": "ja/nee",
        "number": "getal",
        "text": "vrije tekst",
    },
    "en": {
        "single": "single choice",
        "multiple": "multiple choice",
        "scale": "scale",
        "boolean": "yes/no",
        "number": "number",
        "text": "free text",
    },
}


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Toon de vragen van het formulier, leesbaar."""
    project = state(ctx).project()
    lang = project.lang
    nl = lang == "nl"
    form = project.form
    if form.title:
        out.print(form.title, style="bold", highlight=False)
    for about, heading in (
        ("story", "Over het verhaal" if nl else "About the story"),
        ("storyteller", "Over de verteller" if nl else "About the storyteller"),
    ):
        questions = form.about(about)
        if not questions:
            continue
        table = Table(title=heading, title_justify="left", show_lines=False)
        for col in (
            ("id", "vraag", "soort", "antwoorden") if nl else ("id", "question", "type", "answers")
        ):
            table.add_column(col)
        for q in questions:
            if q.type in ("single", "multiple"):
                answers = " · ".join(q.options)
            elif q.type == "scale":
                ends = f" ({q.labels[0]} … {q.labels[1]})" if q.labels else ""
                answers = f"{q.min:g}–{q.max:g}{ends}"
            elif q.type == "number" and (q.min is not None or q.max is not None):
                answers = (
                    f"{q.min if q.min is not None else ''}–{q.max if q.max is not None else ''}"
                )
            else:
                answers = ""
            kind = TYPE_NAMES[lang if lang in TYPE_NAMES else "nl"][q.type]
            if q.id == form.group_question:
                kind += " (groep)" if nl else " (group)"
            table.add_row(q.id, q.question_text(lang), kind, answers)
        out.print(table)


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Controleer storyform.yaml; elke fout op één regel."""
    project = state(ctx).project()
    form = project.form  # raises with every mistake listed
    nl = project.lang == "nl"
    out.print(
        f"{project.form_path.name} is in orde: {len(form.questions)} vragen"
        if nl
        else f"{project.form_path.name} is valid: {len(form.questions)} questions"
    )


@app.command("from-narrafirma")
def from_narrafirma(
    ctx: typer.Context,
    form_csv: Annotated[Path, typer.Argument(help="NarraFirma-formulier (csv).")],
    force: Annotated[bool, typer.Option(help="Overschrijf een bestaand storyform.yaml.")] = False,
) -> None:
    """Maak storyform.yaml uit een NarraFirma-formulier, voor het inlezen van een export."""
    from verhalen.errors import VerhalenError
    from verhalen.form import dump_form
    from verhalen.ingest import read_options
    from verhalen.ingest._model import ReadError
    from verhalen.ingest._narrafirma import read_form

    project = state(ctx).project()
    try:
        spec = read_form(form_csv, read_options(project))
    except ReadError as exc:
        raise VerhalenError(str(exc)) from None
    target = project.form_path
    if target.exists() and not force and project.form.questions:
        raise VerhalenError(f"{target} has questions already; use --force to replace it")
    target.write_text(dump_form(spec.form), encoding="utf-8")
    out.print(
        f"{target}: {len(spec.form.questions)} "
        + ("vragen" if project.lang == "nl" else "questions")
    )
