"""`verhalen patterns [list|show ID]`: the patterns across stories, strongest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from verhalen.cli._common import err, out, state, styled
from verhalen.i18n import number, percent, t

if TYPE_CHECKING:
    from verhalen.patterns import Pattern

app = typer.Typer(help="Patronen: welke antwoorden, kenmerken en perspectieven samengaan.")

Alpha = Annotated[
    float, typer.Option("--alpha", help="Grens voor q (na correctie voor het aantal toetsen).")
]
MinEffect = Annotated[
    float, typer.Option("--min-effect", help="Kleinste effect dat als patroon telt.")
]


def _test_name(test: str, lang: str) -> str:
    """The test under its name in `lang`: the texts cli_test_<test>."""
    return t(f"cli_test_{test}", lang)


def _pvalue(p: float | None, lang: str) -> str:
    if p is None:
        return "—"
    return f"< {number(0.001, lang, 3)}" if p < 0.001 else number(p, lang, 3)


def _effect(p: Pattern, lang: str) -> str:
    from verhalen.i18n import number
    from verhalen.patterns import EFFECT_SYMBOL

    if p.effect is None:
        return "—"
    return f"{EFFECT_SYMBOL[p.effect_name]} = {number(p.effect, lang, 2)}"


def _names(p: Pattern) -> str:
    return " × ".join(v.label for v in p.variables)


def _compute(ctx: typer.Context, alpha: float, min_effect: float):
    from verhalen.patterns import compute_patterns

    project = state(ctx).project()
    return project, compute_patterns(project, alpha=alpha, min_effect=min_effect)


@app.callback(invoke_without_command=True)
def patterns(
    ctx: typer.Context,
    alpha: Alpha = 0.05,
    min_effect: MinEffect = 0.0,
    all_: Annotated[
        bool, typer.Option("--all", help="Ook wat de toets niet doorstaat, en elke variabele.")
    ] = False,
) -> None:
    """Toets elk paar variabelen en toon de patronen die overeind blijven, sterkste eerst."""
    if ctx.invoked_subcommand is not None:
        return
    from verhalen.i18n import number
    from verhalen.patterns import sentence

    project, found = _compute(ctx, alpha, min_effect)
    lang = project.lang
    shown = found if all_ else [p for p in found if p.significant]
    if not shown:
        out.print(t("cli_patterns_none", lang, alpha=number(alpha, lang, 2)), highlight=False)
        return
    header = [
        "#",
        "id",
        t("cli_col_variables", lang),
        t("cli_col_test", lang),
        "effect",
        "p",
        "q",
    ]
    rows = [
        [
            str(rank),
            p.id,
            _names(p),
            _test_name(p.test, lang),
            _effect(p, lang),
            _pvalue(p.p, lang),
            _pvalue(p.q, lang),
        ]
        for rank, p in enumerate(shown, 1)
    ]
    lines = _aligned([header, *rows])
    out.print(lines[0], style="bold", highlight=False)
    indent = " " * (len(rows[-1][0]) + 2)
    for line, p in zip(lines[1:], shown, strict=True):
        out.print(line, style="bold" if p.significant else None, highlight=False)
        out.print(f"{indent}{sentence(p, lang)}", highlight=False, markup=False)
    significant = sum(p.significant for p in found)
    tested = sum(p.tested for p in found)
    out.print(
        t(
            "cli_patterns_hold",
            lang,
            significant=significant,
            tested=tested,
            alpha=number(alpha, lang, 2),
        ),
        highlight=False,
    )


@app.command("list")
def list_(ctx: typer.Context, alpha: Alpha = 0.05, min_effect: MinEffect = 0.0) -> None:
    """Alle patronen met hun id, in volgorde: gebruik een id met 'verhalen patterns show'."""
    project, found = _compute(ctx, alpha, min_effect)
    lang = project.lang
    rows = [
        [p.id, _test_name(p.test, lang), _effect(p, lang), _pvalue(p.q, lang), "*" * p.significant]
        for p in found
    ]
    lines = _aligned([["id", t("cli_col_test", lang), "effect", "q", ""], *rows])
    for line in lines:
        out.print(line, highlight=False, markup=False)


def _aligned(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell: a long id or sentence is never cut or wrapped."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]


@app.command("show")
def show(
    ctx: typer.Context,
    pattern_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id uit 'verhalen patterns list'.")
    ],
    alpha: Alpha = 0.05,
    min_effect: MinEffect = 0.0,
) -> None:
    """Eén patroon in detail: de kruistabel of de groepen, de toets en de zin."""
    from verhalen.errors import VerhalenError
    from verhalen.i18n import number
    from verhalen.patterns import find, sentence

    project, found = _compute(ctx, alpha, min_effect)
    lang = project.lang
    try:
        p = find(found, pattern_id, lang)
    except VerhalenError as exc:
        err.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(1) from None
    out.print(styled((_names(p), "bold"), " ", (f"({p.id})", "dim")))
    if p.tested:
        out.print(
            f"{_test_name(p.test, lang)}: {_statistic(p, lang)}p {_pvalue(p.p, lang)}; "
            f"q {_pvalue(p.q, lang)}; "
            + (
                ""
                if p.test == "spearman"
                else f"{p.effect_name} = {number(p.effect or 0, lang, 2)}; "
            )
            + f"n = {p.n}",
            highlight=False,
        )
    elif p.test == "none":
        out.print(f"{_test_name(p.test, lang)}; n = {p.n}", highlight=False)
    if p.table is not None:
        _print_crosstab(p, lang)
    elif p.groups:
        _print_groups(p, lang)
    elif p.counts:
        _print_counts(p, lang)
    elif p.summary is not None:
        _print_summary(p, lang)
    if p.small:
        labels = {v.id: v.label for v in p.variables}
        totals = _category_totals(p)
        left = ", ".join(f"{labels[v]} = {c} ({totals.get((v, c), 0)})" for v, c in p.small)
        out.print(t("cli_patterns_left_out", lang, left=left), highlight=False)
    out.print(sentence(p, lang), highlight=False)


def _statistic(p: Pattern, lang: str) -> str:
    """The test statistic under its usual name; Fisher's on a large table has none to read."""
    from verhalen.i18n import number
    from verhalen.patterns import signed

    if p.statistic is None:
        return ""
    if p.test == "fisher" and p.resamples:  # r×c: the statistic is a probability, not a size
        return t("cli_patterns_monte_carlo", lang, samples=number(p.resamples, lang)) + "; "
    if p.test == "fisher":
        return f"odds ratio = {number(p.statistic, lang, 2)}; "
    name = {"chi2": "χ²", "mannwhitney": "U", "kruskal": "H", "spearman": "ρ"}[p.test]
    decimals = 2 if p.test == "spearman" else 1
    return f"{name} = {signed(p.statistic, lang, decimals)}; "


def _category_totals(p: Pattern) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    if p.table is not None and p.a is not None and p.b is not None:
        totals.update(
            {(p.a.id, r): n for r, n in zip(p.table.rows, p.table.row_totals, strict=True)}
        )
        totals.update(
            {(p.b.id, c): n for c, n in zip(p.table.cols, p.table.col_totals, strict=True)}
        )
    for v in p.variables:
        if v.kind == "choice":
            totals.update({(v.id, g.category): g.n for g in p.groups})
    return totals


def _print_crosstab(p: Pattern, lang: str) -> None:
    """Observed, expected and residuals; the variable with the shorter names goes across, so
    long perspective titles stay readable as row labels."""
    from verhalen.i18n import number
    from verhalen.patterns import signed

    assert p.table is not None and p.a is not None and p.b is not None
    crosstab = p.table
    down, across = p.a, p.b
    rows, cols = list(crosstab.rows), list(crosstab.cols)
    observed, expected, residuals = crosstab.observed, crosstab.expected, crosstab.residuals
    row_totals, col_totals = crosstab.row_totals, crosstab.col_totals
    if max(map(len, cols), default=0) > max(map(len, rows), default=0):
        down, across, rows, cols = across, down, cols, rows
        observed, expected, residuals = (
            tuple(zip(*m, strict=True)) for m in (observed, expected, residuals)
        )
        row_totals, col_totals = col_totals, row_totals

    def residual(x: float) -> Text:
        return Text(signed(x, lang, 1, plus=True), style="bold" if abs(x) >= 2 else "")

    total = t("cli_col_total", lang)
    corner = f"{down.label} \\ {across.label}"
    table = Table(corner, *cols, total, title=t("cli_patterns_observed", lang))
    for name, cells, n in zip(rows, observed, row_totals, strict=True):
        table.add_row(name, *(str(x) for x in cells), str(n))
    table.add_row(total, *(str(x) for x in col_totals), str(sum(row_totals)), style="dim")
    out.print(table, highlight=False)
    for title, cells_of, fmt in (
        (t("cli_patterns_expected", lang), expected, lambda x: number(x, lang, 1)),
        (t("cli_patterns_residual", lang), residuals, residual),
    ):
        table = Table(corner, *cols, title=title)
        for name, cells in zip(rows, cells_of, strict=True):
            table.add_row(name, *(fmt(x) for x in cells))
        out.print(table, highlight=False)


def _print_groups(p: Pattern, lang: str) -> None:
    from verhalen.i18n import number

    assert p.a is not None and p.b is not None
    choice, scale = (p.a, p.b) if p.a.kind == "choice" else (p.b, p.a)
    table = Table(
        choice.label,
        "n",
        t("cli_col_mean", lang),
        t("cli_col_median", lang),
        "sd",
        "min",
        "max",
        title=scale.label,
        title_justify="left",
    )

    def fmt(x: float | None) -> str:
        return "—" if x is None else number(x, lang, 1)

    for g in p.groups:
        table.add_row(
            g.category, str(g.n), fmt(g.mean), fmt(g.median), fmt(g.sd), fmt(g.min), fmt(g.max)
        )
    out.print(table, highlight=False)


def _print_counts(p: Pattern, lang: str) -> None:
    assert p.a is not None
    table = Table(p.a.label, "n", "%")
    for category, n in p.counts:
        table.add_row(category, str(n), percent(n, p.n))
    out.print(table, highlight=False)


def _print_summary(p: Pattern, lang: str) -> None:
    from verhalen.i18n import number

    assert p.summary is not None
    s = p.summary

    def fmt(x: float | None) -> str:
        return "—" if x is None else number(x, lang, 1)

    table = Table(
        "n",
        t("cli_col_mean", lang),
        t("cli_col_median", lang),
        "sd",
        "min",
        "max",
        t("cli_col_missing", lang),
    )
    table.add_row(
        str(s.n),
        fmt(s.mean),
        fmt(s.median),
        fmt(s.sd),
        fmt(s.min),
        fmt(s.max),
        f"{round(100 * s.missing)}%",
    )
    out.print(table, highlight=False)
