"""`verhalen workshop`: story cards, perspective sheets, the results template and its import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import out, state

app = typer.Typer(
    help="Materiaal voor de duidingsbijeenkomst (sensemaking): kaarten, bladen, resultaten.",
    no_args_is_help=True,
)

Perspective = Annotated[
    int | None, typer.Option("--perspective", "-n", help="Alleen dit perspectief (nummer).")
]
Lang = Annotated[str | None, typer.Option("--lang", help="Taal: nl of en.")]
Out = Annotated[Path | None, typer.Option("--out", "-o", help="Uitvoerbestand.")]


def _lang(value: str | None) -> None:
    if value is not None and value not in ("nl", "en"):
        raise typer.BadParameter("nl or en", param_hint="--lang")


def _default(project, name: str) -> Path:
    from verhalen.workshop import WORKSHOP_DIR

    return project.root / WORKSHOP_DIR / name


def _write_pdf(
    ctx: typer.Context,
    writer: Callable[..., Path],
    names: tuple[str, str],  # default file name in Dutch and in English
    perspective: int | None,
    lang: str | None,
    out_file: Path | None,
) -> None:
    _lang(lang)
    project = state(ctx).project()
    lang = lang or project.lang
    name = names[0] if lang == "nl" else names[1]
    path = writer(project, out_file or _default(project, name), perspective, lang)
    out.print(str(path), markup=False, highlight=False)


@app.command("cards")
def cards(
    ctx: typer.Context, perspective: Perspective = None, lang: Lang = None, out_file: Out = None
) -> None:
    """Verhaalkaarten als PDF: A6, vier per A4 met snijtekens."""
    from verhalen.workshop import write_cards

    names = ("verhaalkaarten.pdf", "story-cards.pdf")
    _write_pdf(ctx, write_cards, names, perspective, lang, out_file)


@app.command("sheets")
def sheets(
    ctx: typer.Context, perspective: Perspective = None, lang: Lang = None, out_file: Out = None
) -> None:
    """Perspectiefbladen als PDF: één A4 per perspectief."""
    from verhalen.workshop import write_sheets

    names = ("perspectiefbladen.pdf", "perspective-sheets.pdf")
    _write_pdf(ctx, write_sheets, names, perspective, lang, out_file)


@app.command("template")
def template(ctx: typer.Context, out_file: Out = None) -> None:
    """Het resultatensjabloon (XLSX), met de perspectieven van nu al ingevuld."""
    from verhalen.workshop_results import write_template

    project = state(ctx).project()
    path = write_template(out_file or _default(project, "resultaten.xlsx"), project)
    out.print(str(path), markup=False, highlight=False)


@app.command("import")
def import_(
    ctx: typer.Context,
    results: Annotated[Path, typer.Argument(help="Het ingevulde resultatensjabloon (.xlsx).")],
) -> None:
    """Zet de resultaten van de bijeenkomst terug in het project (alles of niets)."""
    from verhalen.i18n import say
    from verhalen.workshop_results import import_results

    project = state(ctx).project()
    lang = project.lang
    s = import_results(project, results)
    lines = [
        say(lang, f"hernoemd: {len(s.renamed)} perspectieven", f"renamed: {len(s.renamed)}"),
        say(lang, f"beschreven: {len(s.described)}", f"described: {len(s.described)}"),
        say(lang, f"waarnemingen: {s.observations}", f"observations: {s.observations}"),
        say(lang, f"interpretaties: {s.interpretations}", f"interpretations: {s.interpretations}"),
        say(lang, f"verandervoorstellen: {s.proposals}", f"change proposals: {s.proposals}"),
        say(lang, f"al bekend: {s.unchanged}", f"already known: {s.unchanged}"),
    ]
    for line in lines:
        out.print(line, markup=False, highlight=False)
