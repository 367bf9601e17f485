"""`verhalen doctor`: check a project and say how to repair what is wrong."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from verhalen.cli._common import out, state

if TYPE_CHECKING:
    from verhalen.doctor import Diagnosis

# severity: (Dutch one, many), (English one, many), colour
LABELS = {
    "error": (("fout", "fouten"), ("error", "errors"), "red"),
    "warning": (("waarschuwing", "waarschuwingen"), ("warning", "warnings"), "yellow"),
    "info": (("opmerking", "opmerkingen"), ("note", "notes"), "cyan"),
}


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
    nl = diagnosis.lang == "nl"
    out.print(Text(diagnosis.name, style="bold"))
    if not diagnosis.findings:
        out.print(
            "Alles in orde: geen problemen gevonden." if nl else "All is well: no problems found."
        )
        return

    def word(severity: str, n: int = 1) -> str:
        one, many = LABELS[severity][0 if nl else 1]
        return one if n == 1 else many

    width = max(len(word(f.severity)) for f in diagnosis.findings)
    for f in diagnosis.findings:
        line = Text(f"{word(f.severity):<{width}}  ", style=LABELS[f.severity][2])
        line.append(f.message)
        out.print(line)
        repair = Text(" " * width + "  → ", style="dim")
        repair.append(f.repair)
        out.print(repair)
    counts = [(s, diagnosis.count(s)) for s in LABELS]
    out.print(", ".join(f"{n} {word(s, n)}" for s, n in counts if n), highlight=False)
