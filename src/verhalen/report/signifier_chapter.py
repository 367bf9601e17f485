"""The signifiers chapter and the data-integrity chapter.

Signifiers: a ternary plot per triad (by storyteller group and by perspective) with the mean
shares compared between groups, a histogram set per dyad, a canvas per stones question; then
NarraFirma's graphs of the scales: the correlation map, the strongest pair as a scatter with
Spearman's ρ and a histogram set per scale. Data integrity: answered and not-applicable per
question, each storyteller's mean and spread on the scales, and who always answered the same.
The numbers come from `verhalen.signifiers`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from verhalen.cluster import TOO_SHORT, UNASSIGNED
from verhalen.form import NOT_APPLICABLE, Question, triad_zone, triad_zones
from verhalen.i18n import count, number, percent, t
from verhalen.patterns import signed
from verhalen.report.data import ReportData
from verhalen.report.model import (
    Canvas,
    Figure,
    Heading,
    Heatmap,
    Histograms,
    KeepTogether,
    Paragraph,
    Scatter,
    Section,
    Table,
    Ternary,
)
from verhalen.report.pattern_chapter import n_label, p_text
from verhalen.signifiers import (
    MIN_GROUP,
    SAME_MIN,
    Respondent,
    ScaleItem,
    answered,
    compare_shares,
    correlations,
    is_triad_answer,
    mean_shares,
    respondents,
    scale_items,
    strongest,
)

TELLERS_LISTED = 40  # storytellers listed with mean and spread in the PDF (all in the XLSX)


def _groups(data: ReportData) -> list[tuple[str, list[int], bool]]:
    """(name with n, story ids, grey) per storyteller group, in form order; empty when the form
    has no group question or fewer than two groups told stories."""
    if not data.project.form.group_question:
        return []
    members: dict[str | None, list[int]] = {}
    for s in data.stories:
        members.setdefault(s.group if s.storyteller_id else None, []).append(s.id)
    out = [(data.group_name(g), members[g], g is None) for g in data.groups if members.get(g)]
    return out if sum(1 for *_, grey in out if not grey) >= 2 else []


def _perspectives(data: ReportData) -> list[tuple[str, list[int], bool]]:
    """(number and title, story ids, grey) per perspective of the active run, 'fits nowhere'
    last and grey; stories too short to group are left out."""
    if not data.views:
        return []
    members: dict[int, list[int]] = {}
    for sid, n in sorted(data.assigned.items()):
        if n != TOO_SHORT:
            members.setdefault(n, []).append(sid)
    out = [
        (f"{v.number}. {v.title(data.lang)}", members.get(v.number, []), False)
        for v in data.numbered_views
    ]
    nowhere = data.view(UNASSIGNED)
    if nowhere is not None and members.get(UNASSIGNED):
        out.append((nowhere.title(data.lang), members[UNASSIGNED], True))
    return [x for x in out if x[1]]


def _counts_line(q: Question, data: ReportData) -> str:
    values = [data.answers.get(s.id, {}).get(q.id) for s in data.stories]
    na = sum(1 for v in values if v == NOT_APPLICABLE)
    missing = sum(1 for v in values if v is None)
    placed = len(values) - na - missing
    lang = data.lang
    return t(
        "sig_placed",
        lang,
        placed=count(placed, "story", lang),
        na=number(na, lang),
        missing=number(missing, lang),
    )


# -- triads ------------------------------------------------------------------------------------


def _triad_points(q: Question, data: ReportData, ids: list[int]) -> tuple:
    out = []
    for sid in ids:
        v = data.answers.get(sid, {}).get(q.id)
        if is_triad_answer(v):
            out.append(tuple(float(x) for x in v))
    return tuple(out)


def _ternary(q: Question, data: ReportData, split: list, legend: str) -> Ternary | None:
    anchors = tuple(q.anchors)
    series = []
    grey = []
    for name, ids, is_grey in split:
        points = _triad_points(q, data, ids)
        if points:
            if is_grey:
                grey.append(len(series))
            series.append((f"{name} {n_label(len(points), data.lang)}", points))
    if not series:
        return None
    return Ternary(anchors, tuple(series), tuple(grey), legend)  # type: ignore[arg-type]


def _share(x: float | None, lang: str) -> str:
    return "—" if x is None else number(x, lang, 1)


def triad_blocks(q: Question, data: ReportData) -> list[KeepTogether]:
    """The question, its counts and the first picture together; the picture by perspective and
    the table of mean shares may go to the next page."""
    lang = data.lang
    everyone = [s.id for s in data.stories]
    placed = _triad_points(q, data, everyone)
    blocks: list = [Paragraph(_counts_line(q, data))]
    zones = Counter(triad_zone(list(v), q.anchors, lang) for v in placed)
    if placed:
        listed = ", ".join(
            f"{z} {number(zones[z], lang)}" for z in triad_zones(q.anchors, lang) if zones[z]
        )
        blocks.append(Paragraph(t("sig_zones", lang, list=listed), "small"))
    groups = _groups(data)
    views = _perspectives(data)
    if groups:
        chart = _ternary(q, data, groups, t("sig_group_legend", lang))
    else:
        chart = _ternary(q, data, [("", everyone, False)], "") if placed else None
        if chart is not None:  # one colour, no legend
            chart = Ternary(chart.anchors, (("", chart.series[0][1]),))
    if chart is not None:
        caption = t("sig_by_group", lang) if groups else ""
        blocks.append(Figure(chart, caption))
    out = [KeepTogether((Heading(q.question_text(lang)), *blocks))]  # picture under its text
    by_view = _ternary(q, data, views, t("sig_perspective_legend", lang)) if views else None
    if by_view is not None:
        out.append(KeepTogether((Figure(by_view, t("sig_by_perspective", lang)),)))
    if placed:
        out.append(KeepTogether(tuple(_shares_table(q, data, groups))))
    return out


def _shares_table(q: Question, data: ReportData, groups: list) -> list:
    lang = data.lang
    rows = []
    by_group: dict[str, list] = {}
    for name, ids, grey in groups:
        points = _triad_points(q, data, ids)
        if not grey:
            by_group[name] = list(points)
        means = mean_shares(points)
        rows.append(
            (name, number(len(points), lang), *(_share(m, lang) for m in means or (None,) * 3))
        )
    everyone = _triad_points(q, data, [s.id for s in data.stories])
    means = mean_shares(everyone)
    rows.append(
        (
            t("all_stories", lang),
            number(len(everyone), lang),
            *(_share(m, lang) for m in means or (None,) * 3),
        )
    )
    note = ""
    if by_group:
        tests = compare_shares(q.anchors, by_group)
        cells = tuple(
            f"H = {number(t.statistic, lang, 1)}; p {p_text(t.p, lang)}"
            if t.statistic is not None
            else "—"
            for t in tests
        )
        n = tests[0].n if tests else 0
        rows.append((t("sig_kruskal_row", lang), number(n, lang), *cells))
        note = t("sig_kruskal_note", lang, min=MIN_GROUP)
    table = Table(
        (t("sig_col_who", lang), "n", *q.anchors),
        tuple(rows),
        (3.2, 0.8, 2.2, 2.2, 2.2),
        numeric=(1, 2, 3, 4),
        caption=t("sig_mean_shares", lang),
    )
    out: list = [table]
    if note:
        out.append(Paragraph(note, "small"))
    return out


# -- dyads and stones --------------------------------------------------------------------------


class _Raw(ScaleItem):
    """A scale on its own numbers (not 0–100): its histogram shows the answers people gave."""

    def value(self, answer: Any) -> float | None:
        if not isinstance(answer, int | float) or isinstance(answer, bool):
            return None
        return float(answer)


def _own_range(item: ScaleItem) -> ScaleItem:
    return _Raw(item.question, item.lo, item.hi)


def _histogram_set(
    item: ScaleItem, data: ReportData, groups: list, ends: tuple[str, str]
) -> Histograms | None:
    """One histogram per group (or of all stories) on the scale's range: ten bins, or one bar
    per answer for a scale of at most twelve whole numbers (1 to 5)."""
    split = groups or [(t("all_stories", data.lang), [s.id for s in data.stories], False)]
    panels = []
    for name, ids, _ in split:
        values = [item.value(data.answers.get(sid, {}).get(item.id)) for sid in ids]
        values = [v for v in values if v is not None]
        if values:
            panels.append((f"{name} {n_label(len(values), data.lang)}", tuple(values)))
    if not panels:
        return None
    lo, hi = item.lo, item.hi
    if isinstance(item, _Raw) and lo.is_integer() and hi.is_integer() and 0 < hi - lo < 12:
        return Histograms(tuple(panels), lo - 0.5, hi + 0.5, ends, bins=int(hi - lo) + 1)
    return Histograms(tuple(panels), lo, hi, ends)


def dyad_block(q: Question, data: ReportData) -> KeepTogether:
    item = ScaleItem(q, 0.0, 100.0)
    blocks: list = [Paragraph(_counts_line(q, data))]
    chart = _histogram_set(item, data, _groups(data), (q.anchors[0], q.anchors[1]))
    if chart is not None:
        blocks.append(Figure(chart))
    return KeepTogether((Heading(q.question_text(data.lang)), *blocks))


def stones_block(q: Question, data: ReportData) -> KeepTogether:
    lang = data.lang
    panels = []
    for stone in q.stones:
        points = []
        for s in data.stories:
            v = data.answers.get(s.id, {}).get(q.id)
            if isinstance(v, dict) and isinstance(v.get(stone), list | tuple):
                x, y = v[stone]
                points.append((float(x), float(y)))
        panels.append((f"{stone} {n_label(len(points), lang)}", tuple(points)))
    placed = ", ".join(
        f"{stone} {number(len(p), lang)}" for stone, (_, p) in zip(q.stones, panels, strict=True)
    )
    blocks: list = [
        Paragraph(_counts_line(q, data)),
        Paragraph(t("sig_stones_placed", lang, list=placed), "small"),
    ]
    if any(p for _, p in panels):
        axes = q.axes or ("x", "y")
        blocks.append(Figure(Canvas(tuple(panels), axes[0], axes[1])))
    return KeepTogether((Heading(q.question_text(lang)), *blocks))


# -- scales together ---------------------------------------------------------------------------


def scales_section(data: ReportData) -> Section | None:
    lang = data.lang
    items = scale_items(data.project.form)
    if not items:
        return None
    blocks: list = [
        Paragraph(t("sig_scales_intro", lang, list=", ".join(i.label(lang) for i in items)))
    ]
    story_answers = {s.id: data.answers.get(s.id, {}) for s in data.stories}
    if len(items) >= 2:
        matrix = correlations(items, story_answers)
        if any(c is not None for row in matrix for c in row):
            values = tuple(
                tuple(None if c is None else round(c.rho, 2) for c in row) for row in matrix
            )
            blocks.append(
                KeepTogether(
                    (
                        Heading(t("sig_corr_map", lang)),
                        Figure(
                            Heatmap(tuple(i.label(lang) for i in items), values),
                            t("sig_corr_caption", lang, min=MIN_GROUP),
                        ),
                    )
                )
            )
        best = strongest(items, matrix)
        if best is not None:
            a, b, c = best
            note = f"ρ = {signed(c.rho, lang, 2)} · n = {number(c.n, lang)}"
            line = t(
                "sig_strongest_line",
                lang,
                a=a.label(lang),
                b=b.label(lang),
                rho=signed(c.rho, lang, 2),
                p=p_text(c.p, lang),
                n=number(c.n, lang),
            )
            blocks.append(
                KeepTogether(
                    (
                        Heading(t("sig_strongest", lang)),
                        Paragraph(line),
                        Figure(
                            Scatter(
                                tuple((round(x, 1), round(y, 1)) for x, y in c.pairs),
                                f"{a.label(lang)} (0–100)",
                                f"{b.label(lang)} (0–100)",
                                note,
                            )
                        ),
                    )
                )
            )
    groups = _groups(data)
    scales = [i for i in items if i.question.type == "scale"]
    sets = []
    for item in scales:
        q = item.question
        ends = (q.labels[0], q.labels[1]) if q.labels else ("", "")
        chart = _histogram_set(_own_range(item), data, groups, ends)
        if chart is not None:
            sets.append(KeepTogether((Heading(q.question_text(lang)), Figure(chart))))
    if sets:
        key = "sig_histograms" if groups else "sig_histograms_one"
        blocks.append(Paragraph(t(key, lang), "subheading"))
        blocks += sets
    return Section(t("sig_scales", lang), "signifiers-scales", blocks)


def signifiers_chapter(data: ReportData) -> Section | None:
    """None when the form has no triads, dyads, stones or scales."""
    lang = data.lang
    form = data.project.form
    kinds = {
        kind: [q for q in form.questions if q.type == kind] for kind in ("triad", "dyad", "stones")
    }
    sections = []
    if kinds["triad"]:
        sections.append(
            Section(
                t("sig_triads", lang),
                "signifiers-triads",
                [
                    Paragraph(t("sig_triads_intro", lang)),
                    *(b for q in kinds["triad"] for b in triad_blocks(q, data)),
                ],
                new_page=False,
            )
        )
    if kinds["dyad"]:
        sections.append(
            Section(
                t("sig_dyads", lang),
                "signifiers-dyads",
                [
                    Paragraph(t("sig_dyads_intro", lang)),
                    *(dyad_block(q, data) for q in kinds["dyad"]),
                ],
            )
        )
    if kinds["stones"]:
        sections.append(
            Section(
                t("sig_stones", lang),
                "signifiers-stones",
                [
                    Paragraph(t("sig_stones_intro", lang)),
                    *(stones_block(q, data) for q in kinds["stones"]),
                ],
            )
        )
    scales = scales_section(data)
    if scales is not None:
        sections.append(scales)
    if not sections:
        return None
    return Section(
        t("signifiers", lang), "signifiers", [Paragraph(t("sig_intro", lang), "lead")], sections
    )


# -- data integrity ----------------------------------------------------------------------------


def respondent_name(r: Respondent, lang: str) -> str:
    return r.storyteller or t("respondent_story", lang, id=r.story_id)


def teller_rows(data: ReportData) -> tuple[list[ScaleItem], list[Respondent]]:
    items = scale_items(data.project.form)
    stories = [(s.id, s.storyteller_id) for s in data.stories]
    order = {teller: k for k, (teller, _) in enumerate(data.storytellers)}
    people = respondents(items, stories, data.answers)
    people.sort(
        key=lambda p: (
            (0, order.get(p.storyteller, len(order)), p.storyteller)
            if p.storyteller
            else (1, p.story_id or 0, "")
        )
    )
    return items, people


def integrity_chapter(data: ReportData) -> Section | None:
    """None when the form has no questions."""
    lang = data.lang
    form = data.project.form
    if not form.questions:
        return None
    story_answers = {s.id: data.answers.get(s.id, {}) for s in data.stories}
    rows = tuple(
        (
            a.question.label(lang),
            number(a.answered, lang),
            percent(a.answered, a.total),
            number(a.not_applicable, lang)
            if a.question.type in ("triad", "dyad", "stones")
            else "",
            number(a.total - a.answered, lang),
        )
        for a in answered(form, story_answers)
    )
    blocks: list = [
        Paragraph(t("integrity_intro", lang), "lead"),
        Paragraph(t("integrity_answered", lang), "subheading"),
        Table(
            (
                t("col_question", lang),
                t("col_answered", lang),
                t("col_answered_share", lang),
                t("col_na", lang),
                t("col_missing", lang),
            ),
            rows,
            (6.0, 1.6, 1.3, 1.9, 1.6),
            numeric=(1, 2, 3, 4),
            caption=t(
                "integrity_answered_note", lang, stories=count(len(data.stories), "story", lang)
            ),
        ),
    ]
    items, people = teller_rows(data)
    if items and people:
        blocks += _teller_blocks(data, items, people)
    return Section(t("integrity", lang), "integrity", blocks)


def _teller_blocks(data: ReportData, items: list[ScaleItem], people: list[Respondent]) -> list:
    lang = data.lang
    own = any(p.story_id is not None for p in people)
    scales = f"{number(len(items), lang)} {t('scales_word', lang)}"
    blocks: list = [
        Paragraph(t("integrity_tellers", lang), "subheading"),
        Paragraph(
            t(
                "integrity_tellers_intro",
                lang,
                scales=scales,
                stories=t("integrity_own", lang) if own else "",
                min=SAME_MIN,
            )
        ),
    ]
    means = Histograms(((t("integrity_means", lang), tuple(p.mean for p in people)),), 0, 100)
    top = max(50.0, max(p.sd for p in people))
    sds = Histograms(((t("integrity_sds", lang), tuple(p.sd for p in people)),), 0, top)
    blocks += [Figure(means), Figure(sds)]
    same = [p for p in people if p.always_same]
    stories_of = Counter(s.storyteller_id for s in data.stories if s.storyteller_id)
    if same:
        blocks.append(Paragraph(t("integrity_same", lang, n=number(len(same), lang)), "sentence"))
        blocks.append(
            Table(
                (
                    t("col_storyteller", lang),
                    t("col_stories", lang),
                    t("col_answers", lang),
                    t("col_value", lang),
                ),
                tuple(
                    (
                        respondent_name(p, lang),
                        number(stories_of.get(p.storyteller, 1) if p.storyteller else 1, lang),
                        number(p.n, lang),
                        number(p.values[0], lang, 0 if float(p.values[0]).is_integer() else 1),
                    )
                    for p in same
                ),
                (4.0, 1.6, 1.6, 1.6),
                numeric=(1, 2, 3),
            )
        )
    else:
        blocks.append(Paragraph(t("integrity_same_none", lang, min=SAME_MIN)))
    if len(people) <= TELLERS_LISTED:
        blocks.append(Paragraph(t("integrity_all_tellers", lang), "subheading"))
        blocks.append(
            Table(
                (
                    t("col_storyteller", lang),
                    t("col_answers", lang),
                    t("col_mean", lang),
                    t("col_sd", lang),
                ),
                tuple(
                    (
                        respondent_name(p, lang),
                        number(p.n, lang),
                        number(p.mean, lang, 1),
                        number(p.sd, lang, 1),
                    )
                    for p in people
                ),
                (4.0, 1.6, 1.6, 1.6),
                numeric=(1, 2, 3),
            )
        )
    else:
        blocks.append(
            Paragraph(t("integrity_sheet_note", lang, sheet=t("sheet_spread", lang)), "small")
        )
    return blocks
