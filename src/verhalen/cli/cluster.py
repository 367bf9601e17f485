"""`verhalen cluster` and `verhalen perspectives …`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import out, state, styled
from verhalen.i18n import t

app = typer.Typer(help="Perspectieven bekijken en bewerken.", no_args_is_help=True)


def cluster(
    ctx: typer.Context,
    embedder: Annotated[
        str | None,
        typer.Option(help="hybrid (nl), minilm (en), use, tfidf of sentence-transformers:PAD."),
    ] = None,
    perspectives: Annotated[
        int | None, typer.Option("--perspectives", "-n", help="Precies zoveel perspectieven.")
    ] = None,
    min_size: Annotated[
        int | None, typer.Option("--min-size", help="Kleinste perspectief (aantal verhalen).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Startgetal: zelfde getal, zelfde uitkomst.")] = 42,
    guided: Annotated[
        Path | None, typer.Option(help="Thema's (YAML: naam + woorden) om op te sturen.")
    ] = None,
    runs: Annotated[
        int,
        typer.Option(
            "--runs",
            "--stability-runs",
            help="Herhalingen op steekproeven; de perspectieven zijn hun consensus (minstens 2).",
        ),
    ] = 20,
) -> None:
    """Groepeer de verhalen in kandidaat-perspectieven: groepen die steeds samen vallen."""
    from verhalen.cluster import TOO_SHORT, ClusterConfig, load_guided
    from verhalen.i18n import count
    from verhalen.perspectives import assignment, run_cluster
    from verhalen.progress import progress_bar

    project = state(ctx).project()
    lang = project.lang
    config = ClusterConfig(
        embedder=embedder,
        perspectives=perspectives,
        min_size=min_size,
        seed=seed,
        stability_runs=runs,
        guided=load_guided(guided, lang) if guided else (),
        lang=project.form.language if project.form.language in ("nl", "en") else project.lang,
    )
    with progress_bar(lang, t("cli_cluster_progress", lang)) as advance:
        run_id, result = run_cluster(project, config, progress=advance)
    share = result.unassigned_share
    found = count(result.metrics["perspectives"], "perspective", lang)
    line = t("cli_cluster_done", lang, run_id=run_id, found=found, share=share)
    runner_up = result.metrics.get("runner_up_k")
    if not perspectives and runner_up:
        line += t("cli_cluster_runner_up", lang, runner_up=runner_up)
    short = sum(1 for n in assignment(project).values() if n == TOO_SHORT)
    if short:
        line += t("cli_cluster_too_short", lang, short=short)
    out.print(line)
    _print_list(project)


def _stability_word(value: float | None, lang: str) -> str:
    from verhalen.perspectives import stability_word

    return "" if value is None else f"{value:.2f} ({stability_word(value, lang)})"


def _print_list(project) -> None:
    from verhalen.perspectives import perspectives

    lang = project.lang
    table = Table(
        "nr",
        t("cli_col_perspective", lang),
        t("cli_col_stories", lang),
        t("cli_col_key_phrases", lang),
        t("cli_col_stability", lang),
    )
    for p in perspectives(project):
        table.add_row(
            str(p.number),
            p.title(lang),
            str(len(p.story_ids)),
            ", ".join(p.phrases[:5] or p.terms[:5]),
            _stability_word(p.stability, lang),
        )
    out.print(table)


def _as_record(p, lang: str) -> dict:
    """One perspective for `perspectives list --json`."""
    return {
        "number": p.number,
        "name": p.title(lang),
        "proposed_name": p.label if p.number > 0 else "",
        "named_by_facilitator": bool(p.name),
        "description": p.description or "",
        "phrases": list(p.phrases),
        "terms": list(p.terms),
        "summary": [{"story": s["story"], "sentence": s["sentence"]} for s in p.summary],
        "stories": len(p.story_ids),
        "stability": p.stability,
        "exemplars": list(p.exemplars),
        "near_miss": p.near_miss,
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Als JSON (voor scripts en notebooks).")
    ] = False,
) -> None:
    """De perspectieven van de actieve run: naam, kernzinnen, verhalen, stabiliteit."""
    project = state(ctx).project()
    if as_json:
        from verhalen.perspectives import perspectives

        records = [_as_record(p, project.lang) for p in perspectives(project)]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    _print_list(project)


@app.command("show")
def show(ctx: typer.Context, number: Annotated[int, typer.Argument(help="Perspectief.")]) -> None:
    """Eén perspectief: naam, kernzinnen, samenvatting, voorbeeldverhalen, wie het vertelt."""
    from collections import Counter

    from verhalen.perspectives import assignment, get
    from verhalen.stories import find_stories

    project = state(ctx).project()
    lang = project.lang
    p = get(project, number)
    stories = {s.id: s for s in find_stories(project)}
    out.print(f"{p.number}. {p.title(lang)}", style="bold", highlight=False)
    if p.proposed and p.label:
        out.print(
            t("cli_perspective_proposal", lang, number=p.number),
            style="dim",
            highlight=False,
        )
    elif p.name and p.label and p.number > 0:
        out.print(
            t("cli_perspective_model_proposal", lang, label=p.label),
            style="dim",
            highlight=False,
        )
    if p.description:
        out.print(p.description, highlight=False)
    if p.phrases:
        out.print(t("cli_perspective_phrases", lang, phrases=", ".join(p.phrases)), highlight=False)
    if p.terms:
        out.print(t("cli_perspective_terms", lang, terms=", ".join(p.terms)), highlight=False)
    out.print(
        t("cli_perspective_stories", lang, stories=len(p.story_ids))
        + (
            t("cli_perspective_stability", lang, stability=_stability_word(p.stability, lang))
            if p.stability is not None
            else ""
        ),
        highlight=False,
    )
    groups = Counter(stories[s].group or "?" for s in p.story_ids if s in stories)
    out.print(
        t(
            "cli_perspective_told_by",
            lang,
            groups=", ".join(f"{g} {n}" for g, n in groups.most_common()),
        ),
        highlight=False,
    )
    if p.summary:
        out.print()
        out.print(t("summary", lang), style="bold")
        for item in p.summary:
            out.print(
                styled((f"  {item['story']}. ", "dim"), f"“{item['sentence']}”"), highlight=False
            )
    if p.near_miss is not None and p.near_miss in stories:
        s = stories[p.near_miss]
        where = assignment(project).get(s.id, "?")
        out.print()
        out.print(t("near_miss", lang), style="bold")
        out.print(
            styled(
                (f"  {s.id}. {s.shown_title or ''}", "bold"),
                " ",
                (t("cli_perspective_now_in", lang, where=where), "dim"),
            ),
            highlight=False,
        )
        text = s.shown_text.replace("\n", " ")
        out.print(f"  {text[:200]}{'…' if len(text) > 200 else ''}", highlight=False)
    if p.exemplars:
        out.print()
        out.print(t("cli_perspective_exemplars", lang), style="bold")
        for sid in p.exemplars:
            if sid not in stories:
                continue
            s = stories[sid]
            text = s.shown_text.replace("\n", " ")
            out.print(
                styled(
                    (f"{sid}. {s.shown_title or ''}", "bold"), " ", (f"({s.group or '?'})", "dim")
                ),
                highlight=False,
            )
            out.print(
                f"  {text[:300]}{'…' if len(text) > 300 else ''}", markup=False, highlight=False
            )


@app.command("runs")
def runs(ctx: typer.Context) -> None:
    """Alle clusterruns; de actieve is gemarkeerd."""
    from verhalen.perspectives import runs as get_runs

    project = state(ctx).project()
    lang = project.lang
    table = Table(
        "run",
        "",
        t("cli_col_when", lang),
        "embedder",
        "seed",
        t("cli_col_perspectives", lang),
        t("cli_col_nowhere", lang),
    )
    for r in get_runs(project):
        table.add_row(
            str(r["id"]),
            "●" if r["active"] else "",
            r["created_at"],
            r["embedder"],
            str(r["seed"]),
            str(r["perspectives"]),
            f"{r['metrics'].get('unassigned', 0):.0%}",
        )
    out.print(table)


@app.command("use")
def use(ctx: typer.Context, run_id: Annotated[int, typer.Argument(help="Run.")]) -> None:
    """Maak een eerdere run de actieve."""
    from verhalen.perspectives import activate

    project = state(ctx).project()
    activate(project, run_id)
    _print_list(project)


@app.command("rename")
def rename(ctx: typer.Context, number: int, name: Annotated[str, typer.Argument()]) -> None:
    """Geef een perspectief een eigen naam."""
    from verhalen.perspective_edits import rename as do

    project = state(ctx).project()
    do(project, number, name)
    _print_list(project)


@app.command("describe")
def describe(ctx: typer.Context, number: int, text: Annotated[str, typer.Argument()]) -> None:
    """Schrijf een beschrijving bij een perspectief."""
    from verhalen.perspective_edits import describe as do

    do(state(ctx).project(), number, text)


@app.command("merge")
def merge(ctx: typer.Context, keep: int, other: int) -> None:
    """Voeg perspectief OTHER samen met KEEP."""
    from verhalen.perspective_edits import merge as do

    project = state(ctx).project()
    do(project, keep, other)
    _print_list(project)


@app.command("split")
def split(
    ctx: typer.Context,
    number: int,
    parts: Annotated[int, typer.Option(help="In hoeveel delen.")] = 2,
) -> None:
    """Splits een perspectief in delen (opnieuw groeperen van alleen zijn verhalen)."""
    from verhalen.perspective_edits import split as do

    project = state(ctx).project()
    do(project, number, parts)
    _print_list(project)


@app.command("move")
def move(ctx: typer.Context, story: int, number: int) -> None:
    """Verplaats een verhaal naar een ander perspectief (0: past nergens bij)."""
    from verhalen.perspective_edits import move as do

    project = state(ctx).project()
    was = do(project, story, number)
    out.print(f"{story}: {was} → {number}")


@app.command("delete")
def delete(ctx: typer.Context, number: int) -> None:
    """Hef een perspectief op; zijn verhalen gaan naar 'past nergens bij'."""
    from verhalen.perspective_edits import delete as do

    project = state(ctx).project()
    do(project, number)
    _print_list(project)


@app.command("history")
def history(ctx: typer.Context) -> None:
    """Alle clusterruns en bewerkingen."""
    from verhalen.perspectives import history as get_history

    project = state(ctx).project()
    lang = project.lang
    table = Table(
        t("cli_col_when", lang),
        t("cli_col_who", lang),
        t("cli_col_what", lang),
        "run",
        "details",
    )
    for h in get_history(project):
        detail = {k: v for k, v in h["detail"].items() if k not in ("config", "metrics")}
        table.add_row(
            h["at"], h["who"], h["action"], h["target"], json.dumps(detail, ensure_ascii=False)
        )
    out.print(table)
