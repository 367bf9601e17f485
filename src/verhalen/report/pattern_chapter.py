"""The patterns chapter: the notable patterns, strongest first, each with a sentence, a chart that
fits its kinds and the numbers of its test; then the rest in brief and every answer in one line.
"""

from __future__ import annotations

from typing import Any

from verhalen.i18n import number, t
from verhalen.patterns.variables import yes_no
from verhalen.report.data import ReportData
from verhalen.report.model import (
    Bars,
    Boxes,
    Bullets,
    Chart,
    Figure,
    Heading,
    KeepTogether,
    Paragraph,
    Scatter,
    Section,
    Table,
)

CHARTED = 30  # notable patterns shown with a chart; the rest in a table (all in the XLSX)
SOURCE_ORDER = {"storyteller": 0, "auto": 1, "perspective": 2, "story": 3}


def is_yes_no(var: Any) -> bool:
    return tuple(var.categories) in (yes_no("nl"), yes_no("en"))


def topic(var: Any) -> str:
    """'Nodig' for the option variable 'Nodig: tijd'."""
    return var.label.removesuffix(f": {var.option}") if var.option else var.label


def cell_words(var: Any, category: str, lang: str) -> str:
    """A category of a variable as words: "'tijd' gekozen bij Nodig", 'Afloop = goed'."""
    if var.option:
        return t("chosen", lang, option=var.option, topic=topic(var))
    return f"{var.label} = {category}"


def oriented(p: Any) -> tuple[Any, Any, list[list[int]], bool]:
    """(rows variable, columns variable, counts, transposed): rows are what explains, as in the
    sentence: who told it, then when and how, then the perspective, then the story's answers."""
    table = p.table
    a, b = p.a, p.b
    flip = SOURCE_ORDER.get(b.source, 3) < SOURCE_ORDER.get(a.source, 3) or (
        is_yes_no(a) and not is_yes_no(b)
    )
    obs = [list(r) for r in table.observed]
    if flip:
        obs = [list(col) for col in zip(*obs, strict=True)]
        return b, a, obs, True
    return a, b, obs, False


def n_label(n: int, lang: str) -> str:
    """'(n = 1.000)' that never wraps inside a chart label."""
    return f"(n\u00a0=\u00a0{number(n, lang)})"


def chart(p: Any, lang: str) -> Chart | None:
    """The chart that fits the pattern's kinds: shares per group, spreads, or a cloud of dots."""
    if p.table is not None:
        return _table_chart(p, lang)
    if p.groups:
        scale = p.b if p.a.kind == "choice" else p.a
        groups = tuple(
            (f"{g.category} {n_label(g.n, lang)}", tuple(g.values)) for g in p.groups if g.n
        )
        return Boxes(groups, scale.label) if groups else None
    if p.pairs:
        note = ""
        if p.test == "spearman" and p.statistic is not None:
            from verhalen.patterns import signed

            note = f"ρ = {signed(p.statistic, lang, 2)} · n = {number(p.n, lang)}"
        return Scatter(tuple(p.pairs), p.a.label, p.b.label, note)
    return None


def _table_chart(p: Any, lang: str) -> Bars | None:
    _, cols_var, obs, flipped = oriented(p)
    table = p.table
    row_names = list(table.cols if flipped else table.rows)
    col_names = list(table.rows if flipped else table.cols)
    keep = [i for i, r in enumerate(obs) if sum(r)]
    if not keep:
        return None
    labels = [f"{row_names[i]} {n_label(sum(obs[i]), lang)}" for i in keep]
    totals = [sum(obs[i][j] for i in range(len(obs))) for j in range(len(col_names))]
    n = sum(totals)
    per_teller = p.a.source == p.b.source == "storyteller"  # tested per storyteller
    everyone = t("all_storytellers" if per_teller else "all_stories", lang)
    labels.append(f"{everyone} {n_label(n, lang)}")
    if is_yes_no(cols_var):
        j = 0  # the 'ja' column
        values = [100 * obs[i][j] / sum(obs[i]) for i in keep] + [100 * totals[j] / n]
        xlabel = (
            t("percent_chosen", lang, option=cols_var.option, topic=topic(cols_var))
            if cols_var.option
            else t("percent_yes", lang, label=cols_var.label, yes=col_names[0])
        )
        if per_teller:
            xlabel = xlabel.replace(t("stories_word", lang), t("storytellers_word", lang), 1)
        return Bars(tuple(labels), (("", tuple(values)),), xlabel=xlabel, percent=True)
    series = []
    for j, name in enumerate(col_names):
        if not totals[j]:
            continue
        values = [100 * obs[i][j] / sum(obs[i]) for i in keep] + [100 * totals[j] / n]
        series.append((f"{cols_var.label}: {name}", tuple(values)))
    return Bars(tuple(labels), tuple(series), stacked=True, percent=True)


def p_text(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    if value < 0.001:
        return f"< {number(0.001, lang, 3)}"
    return f"= {number(value, lang, 3)}"


STATISTIC = {"chi2": "χ²", "mannwhitney": "U", "kruskal": "H", "spearman": "ρ"}


def stats_line(p: Any, lang: str) -> str:
    """'χ²-toets; χ² = 12,3; p = 0,002; gecorrigeerde p = 0,010; V = 0,31; n = 150'."""
    from verhalen.patterns import EFFECT_SYMBOL, signed

    parts = [t(f"test_{p.test}", lang)]
    if p.test in STATISTIC and p.statistic is not None:
        decimals = 2 if p.test == "spearman" else 1
        parts.append(f"{STATISTIC[p.test]} = {signed(p.statistic, lang, decimals)}")
    parts.append(f"p {p_text(p.p, lang)}")
    parts.append(f"{t('col_q', lang)} {p_text(p.q, lang)}")
    if p.effect is not None and p.test != "spearman":  # for Spearman the effect is |ρ|
        symbol = EFFECT_SYMBOL.get(p.effect_name, p.effect_name)
        parts.append(f"{symbol} = {number(p.effect, lang, 2)}")
    parts.append(f"n = {number(p.n, lang)}")
    return "; ".join(parts)


def left_out(p: Any, lang: str) -> str:
    from verhalen.patterns import MIN_GROUP

    if not p.small:
        return ""
    names = {v.id: v.label for v in p.variables}
    listed = ", ".join(f"{names.get(vid, vid)} = {cat}" for vid, cat in p.small)
    return t("left_out", lang, min=MIN_GROUP, list=listed)


def pattern_blocks(p: Any, lang: str, rank: int | None = None) -> KeepTogether:
    from verhalen.patterns import sentence

    blocks: list = [
        Heading(
            (f"{rank}. " if rank else "") + t("pattern_heading", lang, a=p.a.label, b=p.b.label),
            note=p.id,
        ),
        Paragraph(sentence(p, lang) + ".", "sentence"),
    ]
    drawn = chart(p, lang)
    if drawn is not None:
        blocks.append(Figure(drawn))
    blocks.append(Paragraph(stats_line(p, lang), "small"))
    extra = left_out(p, lang)
    if extra:
        blocks.append(Paragraph(extra, "small"))
    return KeepTogether(tuple(blocks))


def patterns_chapter(data: ReportData) -> Section:
    from verhalen.patterns import sentence

    lang = data.lang
    notable = data.significant
    blocks: list = []
    if notable:
        blocks.append(Paragraph(t("patterns_intro", lang)))
        blocks += [pattern_blocks(p, lang, k) for k, p in enumerate(notable[:CHARTED], 1)]
    else:
        blocks.append(Paragraph(t("patterns_none", lang)))
    sections = []
    if len(notable) > CHARTED:
        rows = tuple(
            (
                str(rank),
                p.id.replace("~", " ~ "),
                sentence(p, lang) + ".",
                p_text(p.q, lang).removeprefix("= "),
                number(p.effect or 0, lang, 2),
            )
            for rank, p in enumerate(notable[CHARTED:], CHARTED + 1)
        )
        sections.append(
            Section(
                t("pattern_more", lang),
                "patterns-more",
                [
                    Paragraph(t("pattern_more_intro", lang)),
                    Table(
                        (
                            t("col_rank", lang),
                            t("col_pattern", lang),
                            t("col_sentence", lang),
                            t("col_q", lang),
                            t("col_effect", lang),
                        ),
                        rows,
                        (0.8, 3.5, 7.0, 1.3, 1.1),
                        numeric=(0, 3, 4),
                    ),
                ],
                new_page=False,
            )
        )
    pairs = [p for p in data.patterns if p.b is not None]
    rest = [p for p in pairs if p.tested and not p.significant]
    untested = [p for p in pairs if not p.tested]
    blocks_rest = [
        Paragraph(
            t(
                "pattern_rest",
                lang,
                tested=number(len(rest), lang),
                untested=number(len(untested), lang),
                sheet=t("sheet_patterns", lang),
            )
        )
    ]
    singles = [p for p in data.patterns if p.b is None]
    if singles:
        blocks_rest.append(Bullets(tuple(sentence(p, lang) + "." for p in singles)))
    sections.append(
        Section(t("answers_overview", lang), "patterns-answers", blocks_rest, new_page=False)
    )
    return Section(t("patterns", lang), "patterns", blocks, sections)
