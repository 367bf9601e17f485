"""`verhalen stories list|show|export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import out, state

app = typer.Typer(help="Verhalen bekijken en exporteren.", no_args_is_help=True)

Group = Annotated[str | None, typer.Option("--group", "-g", help="Alleen deze vertellersgroep.")]
Session = Annotated[str | None, typer.Option("--session", help="Alleen deze sessie.")]
Teller = Annotated[str | None, typer.Option("--storyteller", help="Alleen deze verteller.")]
Search = Annotated[str | None, typer.Option("--search", "-s", help="Tekst in titel of verhaal.")]
Flagged = Annotated[
    bool, typer.Option("--flagged", help="Alleen verhalen die op een ander verhaal lijken.")
]
Where = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        "-w",
        help="Voorwaarde op antwoorden of kenmerken, bijv. rol=inwoner "
        "of gevoel>=70 (herhaalbaar).",
    ),
]


def _filter(group, session, storyteller, search, flagged, where):
    from verhalen.stories import StoryFilter

    return StoryFilter(group, session, storyteller, search, flagged, tuple(where or ()))


@app.command("list")
def list_(
    ctx: typer.Context,
    group: Group = None,
    session: Session = None,
    storyteller: Teller = None,
    search: Search = None,
    flagged: Flagged = False,
    where: Where = None,
) -> None:
    """Lijst van verhalen, met filters."""
    from verhalen.i18n import t
    from verhalen.stories import find_stories

    project = state(ctx).project()
    nl = project.lang == "nl"
    stories = find_stories(project, _filter(group, session, storyteller, search, flagged, where))
    if not stories:
        out.print(t("no_stories", project.lang))
        return
    table = Table(
        "id",
        "titel" if nl else "title",
        "verteller" if nl else "storyteller",
        "groep" if nl else "group",
        "sessie" if nl else "session",
        "woorden" if nl else "words",
    )
    for s in stories:
        table.add_row(
            str(s.id),
            s.title or "",
            s.storyteller_id or "",
            s.group or "",
            s.session or "",
            str(s.words),
        )
    out.print(table)
    out.print(f"{len(stories)} " + ("verhalen" if nl else "stories"))


@app.command("show")
def show(
    ctx: typer.Context, story_id: Annotated[int, typer.Argument(help="Verhaalnummer.")]
) -> None:
    """Eén verhaal helemaal, met verteller, antwoorden en context."""
    from verhalen.stories import format_answer, get_story

    project = state(ctx).project()
    lang = project.lang
    nl = lang == "nl"
    story, answers, flags = get_story(project, story_id)
    untitled = "(zonder titel)" if nl else "(untitled)"
    out.print(f"{story.id}. {story.shown_title or untitled}", style="bold")
    teller = story.storyteller_id or ("onbekend" if nl else "unknown")
    if story.storyteller_name:
        teller += f" ({story.storyteller_name})"
    out.print(
        f"{'verteller' if nl else 'storyteller'}: {teller}"
        + (f" · {story.group}" if story.group else "")
        + (f" · {story.session}" if story.session else "")
    )
    out.print(
        f"{'bron' if nl else 'source'}: {story.source_path}:{story.location or ''}", highlight=False
    )
    out.print()
    out.print(story.shown_text, markup=False, highlight=False)
    if answers:
        out.print()
        table = Table(show_header=False, box=None, padding=(0, 2))
        for q in project.form.questions:
            if q.id in answers:
                table.add_row(q.label(lang), format_answer(answers[q.id], lang))
        out.print(table)
    if story.context:
        out.print()
        out.print("context:", style="dim")
        out.print(story.context, markup=False, highlight=False, style="dim")
    for flag in flags:
        other = flag["other_id"] if flag["story_id"] == story.id else flag["story_id"]
        out.print(
            f"lijkt op verhaal {other} ({flag['score']:.0%} overlap)"
            if nl
            else f"resembles story {other} ({flag['score']:.0%} overlap)",
            style="yellow",
        )


@app.command("export")
def export(
    ctx: typer.Context,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Doelbestand.")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="csv, xlsx of json (standaard: extensie).")
    ] = None,
    group: Group = None,
    session: Session = None,
    storyteller: Teller = None,
    search: Search = None,
    flagged: Flagged = False,
    where: Where = None,
    original: Annotated[
        bool, typer.Option("--original", help="Oorspronkelijke tekst, niet gepseudonimiseerd.")
    ] = False,
) -> None:
    """Schrijf verhalen met antwoorden naar csv, xlsx of json, één rij per verhaal."""
    from verhalen.i18n import count, t
    from verhalen.stories import export_stories

    project = state(ctx).project()
    where_ = _filter(group, session, storyteller, search, flagged, where)
    n = export_stories(project, out_path, fmt, where_, original)
    out.print(t("exported", project.lang, stories=count(n, "story", project.lang), path=out_path))
