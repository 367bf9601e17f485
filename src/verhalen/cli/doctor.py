"""`verhalen doctor`: check a project and say how to repair what is wrong."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from verhalen.cli._common import out, state
from verhalen.i18n import t

if TYPE_CHECKING:
    from verhalen.doctor import Diagnosis

# severity: colour; its words are the texts cli_doctor_<severity> (and _one for a single one)
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def doctor(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Bevindingen als JSON (voor scripts).")
    ] = False,
) -> None:
    """Controleer het project en leg uit hoe je herstelt wat niet klopt.

    Opslag, schema, instellingen, formulier tegen antwoorden, runs, vectoren en bronbestanden.
    Verandert niets. Afsluitcode 1 bij fouten; alleen waarschuwingen geven 0.
    """
    from verhalen.doctor import diagnose, find_root

    chosen = state(ctx)
    root = find_root(chosen.project_path, chosen.lang or "nl")
    diagnosis = diagnose(root, chosen.lang)
    if as_json:
        typer.echo(json.dumps(diagnosis.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print(diagnosis)
    if not diagnosis.healthy:
        raise typer.Exit(1)


def _print(diagnosis: Diagnosis) -> None:
    lang = diagnosis.lang
    out.print(Text(diagnosis.name, style="bold"))
    if not diagnosis.findings:
        out.print(t("cli_doctor_all_well", lang))
        return

    def word(severity: str, n: int = 1) -> str:
        return t(f"cli_doctor_{severity}", lang, n=n)

    width = max(len(word(f.severity)) for f in diagnosis.findings)
    for f in diagnosis.findings:
        line = Text(f"{word(f.severity):<{width}}  ", style=COLOURS[f.severity])
        line.append(f.message)
        out.print(line)
        repair = Text(" " * width + "  → ", style="dim")
        repair.append(f.repair)
        out.print(repair)
    counts = [(s, diagnosis.count(s)) for s in COLOURS]
    out.print(", ".join(f"{n} {word(s, n)}" for s, n in counts if n), highlight=False)
