"""`verhalen form show|check|new|from-narrafirma|from-sensemaker`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from verhalen.cli._common import err, out, state
from verhalen.errors import VerhalenError
from verhalen.i18n import t

if TYPE_CHECKING:
    from verhalen.form import StoryForm
    from verhalen.project import Project

app = typer.Typer(
    help="Het verhalenformulier maken, bekijken en controleren.", no_args_is_help=True
)


def _form(project: Project) -> StoryForm:
    """The project's form; a missing file is an error, a form without questions a warning."""
    lang = project.lang
    path = project.form_path
    if not path.exists():
        raise VerhalenError(t("cli_form_missing", lang, path=path))
    form = project.form  # raises with every mistake listed
    if not form.questions:
        err.print(
            t("cli_form_no_questions", lang, name=path.name),
            style="yellow",
            highlight=False,
        )
    return form


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Toon de vragen van het formulier, leesbaar."""
    project = state(ctx).project()
    lang = project.lang
    form = _form(project)
    if form.title:
        out.print(form.title, style="bold", highlight=False)
    for about, heading in (
        ("story", t("about_story", lang)),
        ("storyteller", t("about_storyteller", lang)),
    ):
        questions = form.about(about)
        if not questions:
            continue
        table = Table(title=heading, title_justify="left", show_lines=False)
        table.add_column("id")
        table.add_column(t("cli_col_question", lang))
        table.add_column(t("cli_col_type", lang))
        table.add_column(t("cli_col_answers", lang))
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
            elif q.type == "triad":
                answers = " · ".join(q.anchors) + t("cli_form_triad_answers", lang)
            elif q.type == "dyad":
                answers = f"0 ({q.anchors[0]}) – 100 ({q.anchors[1]})" if q.anchors else "0–100"
                answers += t("cli_form_or_na", lang)
            elif q.type == "stones":
                axes = " × ".join(q.axes) if q.axes else "x × y"
                answers = f"{' · '.join(q.stones)} ({axes}, 0–100)"
            else:
                answers = ""
            kind = t(f"cli_type_{q.type}", lang)
            if q.id == form.group_question:
                kind += t("cli_form_group", lang)
            table.add_row(q.id, q.question_text(lang), kind, answers)
        out.print(table)


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Controleer storyform.yaml; elke fout op één regel."""
    project = state(ctx).project()
    form = _form(project)
    if not form.questions:
        return  # valid, and _form said what an empty form means
    out.print(
        t(
            "cli_form_valid",
            project.lang,
            name=project.form_path.name,
            questions=len(form.questions),
        )
    )


def _has_questions(path: Path) -> bool:
    """Whether replacing the form at `path` would lose work: questions, or a form to repair."""
    from verhalen.form import load_form

    try:
        return bool(load_form(path).questions)
    except (VerhalenError, UnicodeDecodeError):
        return True


def _refuse_to_replace(target: Path, force: bool, lang: str) -> None:
    """Stop before a new form overwrites one with work in it, unless --force says so."""
    if target.exists() and not force and _has_questions(target):
        raise VerhalenError(t("cli_form_has_questions", lang, target=target))


@app.command("new")
def new(
    ctx: typer.Context,
    template: Annotated[
        str, typer.Option(help="Sjabloon om mee te beginnen: algemeen of programma.")
    ] = "algemeen",
    force: Annotated[bool, typer.Option(help="Overschrijf een storyform.yaml met vragen.")] = False,
) -> None:
    """Maak storyform.yaml uit een sjabloon, in de taal van het project."""
    from verhalen import atomic
    from verhalen.form import load_form
    from verhalen.project import form_template

    project = state(ctx).project()
    lang = project.lang
    text = form_template(template, lang)
    target = project.form_path
    _refuse_to_replace(target, force, lang)
    atomic.write_text(target, text)
    questions = len(load_form(target).questions)
    out.print(
        t("cli_form_new_done", lang, target=target, questions=questions, template=template),
        highlight=False,
    )


@app.command("from-narrafirma")
def from_narrafirma(
    ctx: typer.Context,
    form_csv: Annotated[Path, typer.Argument(help="NarraFirma-formulier (csv).")],
    force: Annotated[bool, typer.Option(help="Overschrijf een bestaand storyform.yaml.")] = False,
) -> None:
    """Maak storyform.yaml uit een NarraFirma-formulier, voor het inlezen van een export."""
    from verhalen import atomic
    from verhalen.form import dump_form
    from verhalen.ingest import ReadError, read_options
    from verhalen.ingest import read_narrafirma_form as read_form

    project = state(ctx).project()
    try:
        spec = read_form(form_csv, read_options(project))
    except ReadError as exc:
        raise VerhalenError(str(exc)) from None
    target = project.form_path
    _refuse_to_replace(target, force, project.lang)
    atomic.write_text(target, dump_form(spec.form))
    out.print(
        t("cli_form_questions", project.lang, target=target, questions=len(spec.form.questions))
    )


@app.command("from-sensemaker")
def from_sensemaker(
    ctx: typer.Context,
    definition: Annotated[Path, typer.Argument(help="SenseMaker-frameworkdefinitie (json).")],
    force: Annotated[bool, typer.Option(help="Overschrijf een storyform.yaml met vragen.")] = False,
) -> None:
    """Maak storyform.yaml uit een SenseMaker-definitie: lijsten, driehoeken, dyades, stenen."""
    from collections import Counter

    from verhalen import atomic
    from verhalen.form import dump_form
    from verhalen.ingest import ReadError
    from verhalen.ingest import read_sensemaker_definition as read_definition

    project = state(ctx).project()
    lang = project.lang
    try:
        spec = read_definition(definition, lang)
    except ReadError as exc:
        raise VerhalenError(str(exc)) from None
    target = project.form_path
    _refuse_to_replace(target, force, lang)
    form = spec.form
    atomic.write_text(target, dump_form(form))
    kinds = Counter(q.type for q in form.questions)
    made = ", ".join(f"{n} × {t(f'cli_type_{k}', lang)}" for k, n in kinds.items())
    story, title = spec.role("story"), spec.role("title")
    out.print(
        t(
            "cli_form_sensemaker_done",
            lang,
            target=target,
            questions=len(form.questions),
            made=made,
            story=story.title if story else "?",
        )
        + (t("cli_form_sensemaker_title", lang, title=title.title) if title else ""),
        highlight=False,
    )
