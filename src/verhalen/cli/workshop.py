"""`verhalen workshop`: story cards, perspective sheets, the results template and its import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli._common import check_lang, err, out, state
from verhalen.i18n import t

app = typer.Typer(
    help="Materiaal voor de duidingsbijeenkomst (sensemaking): kaarten, bladen, resultaten.",
    no_args_is_help=True,
)

Perspective = Annotated[
    int | None, typer.Option("--perspective", "-n", help="Alleen dit perspectief (nummer).")
]
Lang = Annotated[str | None, typer.Option("--lang", help="Taal: nl of en.")]
Out = Annotated[Path | None, typer.Option("--out", "-o", help="Uitvoerbestand.")]


def _default(project, name: str) -> Path:
    from verhalen.workshop import WORKSHOP_DIR

    return project.root / WORKSHOP_DIR / name


def _write_pdf(
    ctx: typer.Context,
    writer: Callable[..., Path],
    name_key: str,  # the text with the default file name
    perspective: int | None,
    lang: str | None,
    out_file: Path | None,
) -> None:
    check_lang(ctx, lang)
    project = state(ctx).project()
    lang = lang or project.lang
    name = t(name_key, lang)
    path = writer(project, out_file or _default(project, name), perspective, lang)
    out.print(str(path), markup=False, highlight=False)
    from verhalen.workshop import unreviewed_warning

    warning = unreviewed_warning(project, lang)
    if warning:
        err.print(warning, style="yellow", markup=False, highlight=False)


@app.command("cards")
def cards(
    ctx: typer.Context, perspective: Perspective = None, lang: Lang = None, out_file: Out = None
) -> None:
    """Verhaalkaarten als PDF: A6, vier per A4 met snijtekens."""
    from verhalen.workshop import write_cards

    _write_pdf(ctx, write_cards, "cli_workshop_cards_file", perspective, lang, out_file)


@app.command("sheets")
def sheets(
    ctx: typer.Context, perspective: Perspective = None, lang: Lang = None, out_file: Out = None
) -> None:
    """Perspectiefbladen als PDF: één A4 per perspectief."""
    from verhalen.workshop import write_sheets

    _write_pdf(ctx, write_sheets, "cli_workshop_sheets_file", perspective, lang, out_file)


@app.command("template")
def template(ctx: typer.Context, out_file: Out = None) -> None:
    """Het resultatensjabloon (XLSX), met de perspectieven van nu al ingevuld."""
    from verhalen.workshop.template import template_file_name, write_template

    project = state(ctx).project()
    default = _default(project, template_file_name(project.lang))
    path = write_template(out_file or default, project)
    out.print(str(path), markup=False, highlight=False)


@app.command("import")
def import_(
    ctx: typer.Context,
    results: Annotated[Path, typer.Argument(help="Het ingevulde resultatensjabloon (.xlsx).")],
) -> None:
    """Zet de resultaten van de bijeenkomst terug in het project (alles of niets)."""
    from verhalen.workshop.results import import_results

    project = state(ctx).project()
    lang = project.lang
    s = import_results(project, results)
    lines = [
        t("cli_workshop_renamed", lang, renamed=len(s.renamed)),
        t("cli_workshop_described", lang, described=len(s.described)),
        t("cli_workshop_observations", lang, observations=s.observations),
        t("cli_workshop_interpretations", lang, interpretations=s.interpretations),
        t("cli_workshop_proposals", lang, proposals=s.proposals),
        t("cli_workshop_placements", lang, placements=s.placements),
        t("cli_workshop_unchanged", lang, unchanged=s.unchanged),
    ]
    for line in lines:
        out.print(line, markup=False, highlight=False)


# -- the kit ---------------------------------------------------------------------------------------

Paper = Annotated[
    str, typer.Option("--paper", help="Papierformaat van canvas, tijdlijn en sjabloon: a4 of a3.")
]
Folder = Annotated[
    Path | None, typer.Option("--out", "-o", help="Uitvoermap (standaard: de map workshop/).")
]
AxisX = Annotated[
    str | None,
    typer.Option("--x", help="Schaal- of dyadevraag (id) voor de horizontale as, of een driehoek."),
]
AxisY = Annotated[
    str | None, typer.Option("--y", help="Schaal- of dyadevraag (id) voor de verticale as.")
]
Triad = Annotated[
    str | None,
    typer.Option(
        "--triad", help="Driehoeksvraag (id): een driehoekig landschap in plaats van assen."
    ),
]
By = Annotated[
    str | None,
    typer.Option(
        "--by", help="Vraag (id) voor de volgorde, of 'sessie' (standaard: de wanneer-vraag)."
    ),
]
Exercises = Annotated[
    str | None,
    typer.Option(
        "--exercises",
        help="Opdrachten, gescheiden door komma's: landscape, timeline, elements, composite, "
        "perspectives (standaard: de eerste vier).",
    ),
]


def _kit_start(ctx: typer.Context, lang: str | None, paper: str | None):
    """The project, the language, and the paper checked (one line on a bad value)."""
    check_lang(ctx, lang)
    if paper is not None and paper not in ("a4", "a3"):
        raise typer.BadParameter(
            t("cli_a4_or_a3", lang or state(ctx).language()), param_hint="--paper"
        )
    project = state(ctx).project()
    return project, lang or project.lang


def _print(paths) -> None:
    for path in paths:
        out.print(str(path), markup=False, highlight=False)


def _exercises(value: str | None) -> list[str] | None:
    return [p for p in value.split(",") if p.strip()] if value else None


@app.command("kit")
def kit(
    ctx: typer.Context,
    paper: Paper = "a4",
    x: AxisX = None,
    y: AxisY = None,
    triad: Triad = None,
    by: By = None,
    exercises: Exercises = None,
    lang: Lang = None,
    out_dir: Folder = None,
) -> None:
    """Alle materiaal voor de bijeenkomst in één map: landschap, tijdlijn, elementen, programma."""
    from verhalen.cli._common import err
    from verhalen.kit import kit_folder, write_kit

    project, lang = _kit_start(ctx, lang, paper)
    paths, notes = write_kit(
        project,
        out_dir or kit_folder(project),
        paper=paper,
        x=x,
        y=y,
        triad=triad,
        by=by,
        exercises=_exercises(exercises),
        lang=lang,
    )
    for note in notes:
        err.print(note, markup=False, highlight=False)
    _print(paths)


@app.command("landscape")
def landscape(
    ctx: typer.Context,
    x: AxisX = None,
    y: AxisY = None,
    triad: Triad = None,
    paper: Paper = "a4",
    lang: Lang = None,
    out_dir: Folder = None,
) -> None:
    """Landschap: verhalen op twee vragen of in een driehoek, met legenda en een leeg canvas."""
    from verhalen.kit import kit_folder
    from verhalen.kit_landscape import write_landscape

    project, lang = _kit_start(ctx, lang, paper)
    folder = out_dir or kit_folder(project)
    _print(write_landscape(project, folder, x, y, triad=triad, paper=paper, lang=lang))


@app.command("timeline")
def timeline(
    ctx: typer.Context, by: By = None, paper: Paper = "a4", lang: Lang = None, out_file: Out = None
) -> None:
    """Tijdlijnstroken: de verhalen op volgorde, om te knippen en aan elkaar te plakken."""
    from verhalen.kit import file_name, kit_folder
    from verhalen.kit_timeline import write_timeline

    project, lang = _kit_start(ctx, lang, paper)
    path = out_file or kit_folder(project) / file_name("timeline", lang)
    _print([write_timeline(project, path, by=by, paper=paper, lang=lang)])


@app.command("elements")
def elements(
    ctx: typer.Context, paper: Paper = "a4", lang: Lang = None, out_dir: Folder = None
) -> None:
    """Etiketvellen voor verhaalelementen (70 × 37 mm) en het sjabloon samengesteld verhaal."""
    from verhalen.kit import kit_folder
    from verhalen.kit_sheets import write_elements

    project, lang = _kit_start(ctx, lang, paper)
    _print(write_elements(project, out_dir or kit_folder(project), paper=paper, lang=lang))


@app.command("agenda")
def agenda(
    ctx: typer.Context, exercises: Exercises = None, lang: Lang = None, out_file: Out = None
) -> None:
    """Het programma en de uitleg van de gekozen opdrachten, op A4."""
    from verhalen.kit import file_name, kit_folder
    from verhalen.kit_agenda import write_agenda

    project, lang = _kit_start(ctx, lang, None)
    path = out_file or kit_folder(project) / file_name("agenda", lang)
    _print([write_agenda(project, path, _exercises(exercises), lang)])
