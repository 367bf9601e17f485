"""`verhalen status`: the project at a glance."""

from __future__ import annotations

import typer
from rich.table import Table

from verhalen.cli._common import out, state


def status(ctx: typer.Context) -> None:
    """Toon het project in één oogopslag: vertellers, verhalen, sessies, woorden, formaten."""
    from verhalen.i18n import number
    from verhalen.status import headline, overview

    project = state(ctx).project()
    lang = project.lang
    nl = lang == "nl"
    o = overview(project)
    out.print(o.name, style="bold", highlight=False)
    out.print(headline(o, lang) + ".")
    table = Table(show_header=False, box=None, padding=(0, 2))
    median = number(o.median_words, lang, 0 if float(o.median_words).is_integer() else 1)
    words = number(o.words, lang)
    table.add_row(
        "woorden" if nl else "words",
        f"{words} (mediaan {median} per verhaal)" if nl else f"{words} (median {median} per story)",
    )
    if o.per_session:
        label = "per sessie" if nl else "per session"
        none = "geen sessie" if nl else "no session"
        table.add_row(label, ", ".join(f"{name or none}: {n}" for name, n in o.per_session))
    if o.formats:
        table.add_row(
            "formaten" if nl else "formats", ", ".join(f"{fmt}: {n}" for fmt, n in o.formats)
        )
    if o.languages:
        unknown = "nog niet bepaald" if nl else "not detected yet"
        table.add_row(
            "talen" if nl else "languages",
            ", ".join(f"{lang_ or unknown}: {n}" for lang_, n in o.languages),
        )
    if o.flagged:
        table.add_row(
            "te bekijken" if nl else "to review",
            (
                f"{o.flagged} mogelijk dubbele verhalen (verhalen stories list --flagged)"
                if nl
                else f"{o.flagged} possible duplicates (verhalen stories list --flagged)"
            ),
        )
    if o.too_short:
        table.add_row(
            "groeperen" if nl else "clustering",
            (
                f"te kort om te groeperen: {o.too_short} (minder dan {project.min_words} "
                "echte woorden; [cluster] min_words)"
                if nl
                else f"too short to group: {o.too_short} (fewer than {project.min_words} real "
                "words; [cluster] min_words)"
            ),
        )
    from verhalen.pseudonymize import privacy_summary
    from verhalen.review_sheet import review_command

    privacy = privacy_summary(project)
    if privacy is not None and privacy.replacements:
        table.add_row(
            "privacy",
            (
                f"{privacy.replacements} vervangingen in {privacy.changed} verhalen, "
                f"{privacy.unreviewed} nog niet gecontroleerd ({review_command('nl')})"
                if nl
                else f"{privacy.replacements} replacements in {privacy.changed} stories, "
                f"{privacy.unreviewed} not yet reviewed ({review_command('en')})"
            ),
        )
    if o.excluded:
        table.add_row(
            "uitgesloten" if nl else "excluded",
            (
                f"{o.excluded} uitgesloten van de analyse, niet meegeteld "
                "(verhalen stories list --excluded)"
                if nl
                else f"{o.excluded} excluded from the analysis, not counted "
                "(verhalen stories list --excluded)"
            ),
        )
    out.print(table)
