"""`verhalen status`: the project at a glance."""

from __future__ import annotations

import typer
from rich.table import Table

from verhalen.cli._common import out, state


def status(ctx: typer.Context) -> None:
    """Toon het project in één oogopslag: vertellers, verhalen, sessies, woorden, formaten."""
    from verhalen.i18n import number, t
    from verhalen.status import headline, overview

    project = state(ctx).project()
    lang = project.lang
    o = overview(project)
    out.print(o.name, style="bold", highlight=False)
    out.print(headline(o, lang) + ".")
    table = Table(show_header=False, box=None, padding=(0, 2))
    median = number(o.median_words, lang, 0 if float(o.median_words).is_integer() else 1)
    words = number(o.words, lang)
    table.add_row(t("cli_col_words", lang), t("cli_status_words", lang, words=words, median=median))
    if o.per_session:
        label = t("cli_status_per_session", lang)
        none = t("cli_status_no_session", lang)
        table.add_row(label, ", ".join(f"{name or none}: {n}" for name, n in o.per_session))
    if o.formats:
        table.add_row(
            t("cli_status_formats", lang), ", ".join(f"{fmt}: {n}" for fmt, n in o.formats)
        )
    if o.languages:
        unknown = t("cli_status_not_detected", lang)
        table.add_row(
            t("cli_status_languages", lang),
            ", ".join(f"{lang_ or unknown}: {n}" for lang_, n in o.languages),
        )
    if o.flagged:
        table.add_row(
            t("cli_status_to_review", lang),
            t("cli_status_duplicates", lang, flagged=o.flagged),
        )
    if o.too_short:
        table.add_row(
            t("cli_status_clustering", lang),
            t(
                "cli_status_too_short",
                lang,
                too_short=o.too_short,
                min_words=project.min_words,
            ),
        )
    from verhalen.pseudonymize import privacy_summary
    from verhalen.review_sheet import review_command

    privacy = privacy_summary(project)
    if privacy is not None and privacy.replacements:
        table.add_row(
            "privacy",
            t(
                "cli_status_privacy",
                lang,
                replacements=privacy.replacements,
                changed=privacy.changed,
                unreviewed=privacy.unreviewed,
                command=review_command(lang),
            ),
        )
    if o.excluded:
        table.add_row(
            t("cli_status_excluded_label", lang),
            t("cli_status_excluded", lang, excluded=o.excluded),
        )
    out.print(table)
