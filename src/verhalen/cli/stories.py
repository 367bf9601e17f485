"""`verhalen stories list|show|export|exclude|include|history`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import out, state
from verhalen.i18n import count, t

app = typer.Typer(
    help="Verhalen bekijken, exporteren en uitsluiten van de analyse.", no_args_is_help=True
)

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


Excluded = Annotated[
    bool,
    typer.Option("--excluded", help="Alleen verhalen die uitgesloten zijn van de analyse."),
]
Ids = Annotated[list[int], typer.Argument(help="Verhaalnummers.", show_default=False)]


def _filter(group, session, storyteller, search, flagged, where, excluded=False):
    from verhalen.stories import StoryFilter

    return StoryFilter(
        group, session, storyteller, search, flagged, tuple(where or ()), excluded or None
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    group: Group = None,
    session: Session = None,
    storyteller: Teller = None,
    search: Search = None,
    flagged: Flagged = False,
    where: Where = None,
    excluded: Excluded = False,
) -> None:
    """Lijst van verhalen, met filters; uitgesloten verhalen staan gemarkeerd."""
    from verhalen.stories import exclusions, find_stories

    project = state(ctx).project()
    lang = project.lang
    where_ = _filter(group, session, storyteller, search, flagged, where, excluded)
    stories = find_stories(project, where_)
    if not stories:
        out.print(t("no_stories", project.lang))
        return
    reasons = {e.story_id: e.reason for e in exclusions(project)}
    marked = any(s.id in reasons for s in stories)
    columns = [
        "id",
        t("cli_col_title", lang),
        t("cli_col_storyteller", lang),
        t("cli_col_group", lang),
        t("cli_col_session", lang),
        t("cli_col_words", lang),
    ]
    if marked:
        columns.append(t("cli_stories_excluded_reason", lang))
    table = Table(*columns)
    for s in stories:
        row = [
            str(s.id),
            s.title or "",
            s.storyteller_id or "",
            s.group or "",
            s.session or "",
            str(s.words),
        ]
        if marked:
            row.append(reasons.get(s.id, ""))
        table.add_row(*row)
    out.print(table)
    shown = sum(1 for s in stories if s.id in reasons)
    line = count(len(stories), "story", lang)
    if shown and not excluded:
        line += t("cli_stories_of_them_excluded", lang, shown=shown)
    out.print(line)


@app.command("show")
def show(
    ctx: typer.Context, story_id: Annotated[int, typer.Argument(help="Verhaalnummer.")]
) -> None:
    """Eén verhaal helemaal, met verteller, antwoorden en context."""
    from verhalen.stories import exclusions, format_answer, get_story

    project = state(ctx).project()
    lang = project.lang
    story, answers, flags = get_story(project, story_id)
    untitled = t("cli_stories_untitled", lang)
    out.print(f"{story.id}. {story.shown_title or untitled}", style="bold")
    teller = story.storyteller_id or t("cli_stories_unknown", lang)
    if story.storyteller_name:
        teller += f" ({story.storyteller_name})"
    out.print(
        t("cli_stories_teller", lang, teller=teller)
        + (f" · {story.group}" if story.group else "")
        + (f" · {story.session}" if story.session else "")
    )
    out.print(
        t("cli_stories_source", lang, path=story.source_path, location=story.location or ""),
        highlight=False,
    )
    excluded = next((e for e in exclusions(project) if e.story_id == story.id), None)
    if excluded is not None:
        out.print(
            t("cli_stories_excluded_note", lang, reason=excluded.reason, id=story.id),
            style="yellow",
            markup=False,
            highlight=False,
        )
    out.print()
    out.print(story.shown_text, markup=False, highlight=False)
    if answers:
        out.print()
        table = Table(show_header=False, box=None, padding=(0, 2))
        for q in project.form.questions:
            if q.id in answers:
                table.add_row(q.label(lang), format_answer(answers[q.id], lang, q))
        out.print(table)
    if story.context:
        out.print()
        out.print("context:", style="dim")
        out.print(story.context, markup=False, highlight=False, style="dim")
    for flag in flags:
        other = flag["other_id"] if flag["story_id"] == story.id else flag["story_id"]
        out.print(
            t("cli_stories_resembles", lang, other=other, score=flag["score"]),
            style="yellow",
        )


@app.command("export")
def export(
    ctx: typer.Context,
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="Doelbestand (bij --format narrafirma: een map).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, xlsx, json, qdpx (REFI-QDA, voor QDA-programma's) of narrafirma "
            "(standaard: extensie).",
        ),
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
    """Schrijf verhalen met antwoorden naar csv, xlsx of json, één rij per verhaal.

    qdpx: een REFI-QDA-project voor ATLAS.ti, NVivo, MAXQDA of QualCoder (verhalen als teksten,
    perspectieven als codes, catalyse als notities, antwoorden als variabelen). narrafirma: een
    map met een verhalen-CSV en een formulier-CSV in het importformaat van NarraFirma.
    """
    from verhalen.stories import export_stories

    project = state(ctx).project()
    where_ = _filter(group, session, storyteller, search, flagged, where)
    n = export_stories(project, out_path, fmt, where_, original)
    out.print(t("exported", project.lang, stories=count(n, "story", project.lang), path=out_path))


@app.command("exclude")
def exclude(
    ctx: typer.Context,
    story_ids: Ids,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            "-r",
            help='Waarom (verplicht; komt in het rapport), bijv. "testrecord".',
            show_default=False,
        ),
    ],
) -> None:
    """Sluit verhalen uit van de analyse (groeperen, patronen, rapport, workshop).

    Ze blijven bewaard; 'stories include' neemt ze weer op. Opnieuw uitsluiten geeft een nieuwe
    reden. Elke wijziging staat in 'stories history'.
    """
    from verhalen.i18n import count
    from verhalen.stories import exclude as do

    project = state(ctx).project()
    lang = project.lang
    done = do(project, story_ids, reason)
    new = [sid for sid, old in done.items() if old is None]
    reason = " ".join(reason.split())
    changed = [sid for sid, old in done.items() if old is not None and old != reason]
    many = count(len(new), "story", lang)
    if new:
        _ids_line(t("cli_stories_excluded_now", lang, stories=many), new)
    if changed:
        _ids_line(t("cli_stories_new_reason", lang), changed)
    same = [sid for sid in done if sid not in new and sid not in changed]
    if same:
        _ids_line(t("cli_stories_same_reason", lang), same)
    if new:
        out.print(t("cli_stories_cluster_again", lang), style="dim")


def _ids_line(text: str, ids: list[int]) -> None:
    out.print(f"{text}: {', '.join(map(str, ids))}", highlight=False)


@app.command("include")
def include(ctx: typer.Context, story_ids: Ids) -> None:
    """Neem uitgesloten verhalen weer op in de analyse."""
    from verhalen.i18n import count
    from verhalen.stories import include as do

    project = state(ctx).project()
    lang = project.lang
    done = do(project, story_ids)
    back = [sid for sid, reason in done.items() if reason is not None]
    not_excluded = [sid for sid, reason in done.items() if reason is None]
    if back:
        many = count(len(back), "story", lang)
        _ids_line(t("cli_stories_included", lang, stories=many), back)
    for sid in not_excluded:
        out.print(t("cli_stories_not_excluded", lang, sid=sid), highlight=False)


@app.command("history")
def history(
    ctx: typer.Context,
    story_id: Annotated[int | None, typer.Argument(help="Alleen dit verhaal.")] = None,
) -> None:
    """Wie sloot welke verhalen uit of nam ze weer op, wanneer en waarom."""
    from verhalen.stories import exclusion_history

    project = state(ctx).project()
    lang = project.lang
    changes = exclusion_history(project, story_id)
    if not changes:
        out.print(t("cli_stories_no_history", lang))
        return
    table = Table(
        t("cli_col_when", lang),
        t("cli_col_who", lang),
        t("cli_col_what", lang),
        t("cli_col_story", lang),
        t("cli_col_reason", lang),
    )
    for c in changes:
        table.add_row(
            c.at,
            c.who,
            t(f"cli_action_{c.action}", lang),
            (c.target or "").removeprefix("story:"),
            str(c.detail.get("reason") or ""),
        )
    out.print(table)
