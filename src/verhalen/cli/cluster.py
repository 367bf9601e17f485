"""`verhalen cluster` and `verhalen perspectives …`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from verhalen.cli._common import out, state, styled

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
    stability_runs: Annotated[
        int, typer.Option("--stability-runs", help="Herhalingen voor de stabiliteit (0: geen).")
    ] = 10,
) -> None:
    """Groepeer de verhalen in kandidaat-perspectieven (BERTopic) met labels en voorbeelden."""
    from verhalen.cluster import ClusterConfig, load_guided
    from verhalen.i18n import count
    from verhalen.perspectives import run_cluster
    from verhalen.progress import progress_bar

    project = state(ctx).project()
    nl = project.lang == "nl"
    config = ClusterConfig(
        embedder=embedder,
        perspectives=perspectives,
        min_size=min_size,
        seed=seed,
        stability_runs=stability_runs,
        guided=load_guided(guided) if guided else (),
        lang=project.form.language if project.form.language in ("nl", "en") else project.lang,
    )
    with progress_bar(project.lang, "perspectieven zoeken" if nl else "clustering") as advance:
        run_id, result = run_cluster(project, config, progress=advance)
    share = result.unassigned_share
    found = count(result.metrics["perspectives"], "perspective", project.lang)
    nowhere = "past nergens bij" if nl else "fit nowhere"
    out.print(f"run {run_id}: {found}, {share:.0%} {nowhere}")
    _print_list(project)


def _stability_word(value: float | None, nl: bool) -> str:
    if value is None:
        return ""
    if value >= 0.7:
        word = "stevig" if nl else "robust"
    elif value >= 0.4:
        word = "redelijk" if nl else "fair"
    else:
        word = "wankel" if nl else "shaky"
    return f"{value:.2f} ({word})"


def _print_list(project) -> None:
    from verhalen.perspectives import perspectives

    nl = project.lang == "nl"
    table = Table(
        "nr",
        "perspectief" if nl else "perspective",
        "verhalen" if nl else "stories",
        "kernwoorden" if nl else "key terms",
        "stabiliteit" if nl else "stability",
    )
    for p in perspectives(project):
        table.add_row(
            str(p.number),
            p.title(project.lang),
            str(len(p.story_ids)),
            ", ".join(p.terms[:5]),
            _stability_word(p.stability, nl),
        )
    out.print(table)


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """De perspectieven van de actieve run."""
    _print_list(state(ctx).project())


@app.command("show")
def show(ctx: typer.Context, number: Annotated[int, typer.Argument(help="Perspectief.")]) -> None:
    """Eén perspectief: label, beschrijving, kernwoorden, voorbeeldverhalen, wie het vertelt."""
    from collections import Counter

    from verhalen.perspectives import get
    from verhalen.stories import find_stories

    project = state(ctx).project()
    lang = project.lang
    nl = lang == "nl"
    p = get(project, number)
    stories = {s.id: s for s in find_stories(project)}
    out.print(f"{p.number}. {p.title(lang)}", style="bold", highlight=False)
    if p.name and p.label:
        out.print(f"model: {p.label}", style="dim", highlight=False)
    if p.description:
        out.print(p.description, markup=False)
    out.print(f"{'kernwoorden' if nl else 'key terms'}: {', '.join(p.terms)}", highlight=False)
    out.print(
        f"{'verhalen' if nl else 'stories'}: {len(p.story_ids)}"
        + (
            f" · {'stabiliteit' if nl else 'stability'} {_stability_word(p.stability, nl)}"
            if p.stability is not None
            else ""
        )
    )
    groups = Counter(stories[s].group or "?" for s in p.story_ids)
    out.print(
        f"{'verteld door' if nl else 'told by'}: "
        + ", ".join(f"{g} {n}" for g, n in groups.most_common()),
        highlight=False,
    )
    if p.exemplars:
        out.print()
        out.print("Voorbeeldverhalen" if nl else "Exemplar stories", style="bold")
        for sid in p.exemplars:
            s = stories[sid]
            text = s.shown_text.replace("\n", " ")
            out.print(
                styled(
                    (f"{sid}. {s.shown_title or ''}", "bold"), " ", (f"({s.group or '?'})", "dim")
                )
            )
            out.print(
                f"  {text[:300]}{'…' if len(text) > 300 else ''}", markup=False, highlight=False
            )


@app.command("runs")
def runs(ctx: typer.Context) -> None:
    """Alle clusterruns; de actieve is gemarkeerd."""
    from verhalen.perspectives import runs as get_runs

    project = state(ctx).project()
    nl = project.lang == "nl"
    table = Table(
        "run",
        "",
        "wanneer" if nl else "when",
        "embedder",
        "seed",
        "perspectieven" if nl else "perspectives",
        "nergens" if nl else "nowhere",
    )
    for r in get_runs(project):
        metrics = json.loads(r["metrics"] or "{}")
        table.add_row(
            str(r["id"]),
            "●" if r["active"] else "",
            r["created_at"],
            r["embedder"],
            str(r["seed"]),
            str(r["perspectives"]),
            f"{metrics.get('unassigned', 0):.0%}",
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
    from verhalen.perspectives import rename as do

    project = state(ctx).project()
    do(project, number, name)
    _print_list(project)


@app.command("describe")
def describe(ctx: typer.Context, number: int, text: Annotated[str, typer.Argument()]) -> None:
    """Schrijf een beschrijving bij een perspectief."""
    from verhalen.perspectives import describe as do

    do(state(ctx).project(), number, text)


@app.command("merge")
def merge(ctx: typer.Context, keep: int, other: int) -> None:
    """Voeg perspectief OTHER samen met KEEP."""
    from verhalen.perspectives import merge as do

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
    from verhalen.perspectives import split as do

    project = state(ctx).project()
    do(project, number, parts)
    _print_list(project)


@app.command("move")
def move(ctx: typer.Context, story: int, number: int) -> None:
    """Verplaats een verhaal naar een ander perspectief (0: past nergens bij)."""
    from verhalen.perspectives import move as do

    project = state(ctx).project()
    was = do(project, story, number)
    out.print(f"{story}: {was} → {number}")


@app.command("delete")
def delete(ctx: typer.Context, number: int) -> None:
    """Hef een perspectief op; zijn verhalen gaan naar 'past nergens bij'."""
    from verhalen.perspectives import delete as do

    project = state(ctx).project()
    do(project, number)
    _print_list(project)


@app.command("history")
def history(ctx: typer.Context) -> None:
    """Alle clusterruns en bewerkingen."""
    from verhalen.perspectives import history as get_history

    project = state(ctx).project()
    nl = project.lang == "nl"
    table = Table(
        "wanneer" if nl else "when",
        "wie" if nl else "who",
        "wat" if nl else "what",
        "run",
        "details",
    )
    for h in get_history(project):
        detail = {k: v for k, v in h["detail"].items() if k not in ("config", "metrics")}
        table.add_row(
            h["at"], h["who"], h["action"], h["target"], json.dumps(detail, ensure_ascii=False)
        )
    out.print(table)
