"""The spreadsheet part of the report: the same data as the PDF, as rows to sort and filter.

Stories (pseudonymised, with answers, tags and perspective), storytellers, perspectives, every
pattern with its test, all contingency tables on one sheet, the observations, and the settings
the report and the clustering run were made with.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from verhalen.cluster import UNASSIGNED
from verhalen.i18n import t
from verhalen.report.data import ReportData
from verhalen.report.model import Sheet
from verhalen.report.pattern_chapter import oriented

TEXT_WIDTH = 80
P_FORMAT = "0.0000"
SHARE_FORMAT = "0%"
EFFECT_FORMAT = "0.00"


def _value(value: Any, lang: str) -> Any:
    """Numbers stay numbers; lists are joined; yes/no in the report's language."""
    if value is None:
        return None
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):  # stones: stone=x,y
        return "; ".join(f"{k}={','.join(str(v) for v in xy)}" for k, xy in value.items())
    return value


def sheets(data: ReportData) -> list[Sheet]:
    out = [stories_sheet(data), storytellers_sheet(data)]
    signifiers = signifiers_sheet(data)
    if signifiers is not None:
        out.append(signifiers)
    if data.views:
        out.append(perspectives_sheet(data))
    out += [patterns_sheet(data), tables_sheet(data)]
    if data.catalysis.observations:
        out.append(observations_sheet(data))
    if data.excluded:
        out.append(excluded_sheet(data))
    if data.project.form.questions:
        out += integrity_sheets(data)
    out.append(config_sheet(data))
    return out


def signifiers_sheet(data: ReportData) -> Sheet | None:
    """Per story the numbers its signifiers give, one column each: a triad's share of each
    anchor and its zone, a dyad's position, each stone's x and y; None without signifiers."""
    from verhalen.variables import derived_variables

    lang = data.lang
    parts = [
        (q, d)
        for q in data.project.form.questions
        if q.type in ("triad", "dyad", "stones")
        for d in derived_variables(q, lang)
    ]
    if not parts:
        return None
    header = [t("h_id", lang), t("h_title", lang), *[d.label for _, d in parts]]
    widths = [6, 30, *[max(10, min(28, len(d.label) + 2)) for _, d in parts]]
    rows = []
    for s in data.stories:
        mine = data.answers.get(s.id, {})
        row: list[Any] = [s.id, s.shown_title or ""]
        for q, d in parts:
            v = mine.get(q.id)
            row.append(d.value(v) if v is not None else None)
        rows.append(row)
    formats = {2 + k: "0.0" for k, (_, d) in enumerate(parts) if d.kind == "scale"}
    return Sheet(t("sheet_signifiers", lang), header, rows, widths, formats=formats)


def integrity_sheets(data: ReportData) -> list[Sheet]:
    """Answered and not applicable per question; each storyteller's mean and spread on the
    scales (0–100) and whether they always answered the same (a story without a known
    storyteller counts as its own)."""
    from verhalen.report.signifier_chapter import teller_rows
    from verhalen.signifiers import answered

    lang = data.lang
    story_answers = {s.id: data.answers.get(s.id, {}) for s in data.stories}
    header = [
        t("col_question", lang),
        t("col_answered", lang),
        t("col_answered_share", lang),
        t("col_na", lang),
        t("col_missing", lang),
    ]
    rows: list[list[Any]] = [
        [a.question.label(lang), a.answered, a.share, a.not_applicable, a.total - a.answered]
        for a in answered(data.project.form, story_answers)
    ]
    out = [
        Sheet(
            t("sheet_integrity", lang),
            header,
            rows,
            [40, 12, 10, 16, 14],
            formats={2: SHARE_FORMAT},
        )
    ]
    items, people = teller_rows(data)
    if items and people:
        header = [
            t("h_storyteller", lang),
            t("h_id", lang),
            t("col_answers", lang),
            t("col_mean", lang),
            t("col_sd", lang),
            t("h_always_same", lang),
        ]
        rows = [
            [
                p.storyteller or "",
                p.story_id,
                p.n,
                p.mean,
                p.sd,
                t("yes" if p.always_same else "no", lang),
            ]
            for p in people
        ]
        out.append(
            Sheet(
                t("sheet_spread", lang),
                header,
                rows,
                [14, 8, 12, 12, 12, 16],
                formats={3: "0.0", 4: "0.0"},
            )
        )
    return out


def excluded_sheet(data: ReportData) -> Sheet:
    """The stories left out of the analysis: which, why and when (no text, no login names)."""
    lang = data.lang
    header = [t("h_id", lang), t("h_title", lang), t("h_reason", lang), t("h_when", lang)]
    rows = [[e.story_id, e.title or "", e.reason, e.at] for e in data.excluded]
    return Sheet(t("sheet_excluded", lang), header, rows, [6, 30, 50, 22])


def stories_sheet(data: ReportData) -> Sheet:
    lang = data.lang
    questions = data.questions
    header = [
        t("h_id", lang),
        t("h_title", lang),
        t("h_text", lang),
        t("h_storyteller", lang),
        t("h_group", lang),
        t("h_session", lang),
    ]
    widths = [6, 30, TEXT_WIDTH, 11, 14, 12]
    if data.views:
        header += [t("h_perspective", lang), t("h_perspective_title", lang)]
        widths += [11, 32]
    header += [q.label(lang) for q in questions]
    widths += [max(10, min(24, len(q.label(lang)) + 4)) for q in questions]
    header += [t("h_language", lang), t("h_words", lang), t("h_reading", lang)]
    header.append(t("h_key_terms", lang))
    widths += [8, 9, 10, 36]
    rows = []
    for s in data.stories:
        row: list[Any] = [
            s.id,
            s.shown_title or "",
            s.shown_text,
            s.storyteller_id or "",
            s.group or "",
            s.session or "",
        ]
        if data.views:
            n = data.assigned.get(s.id)
            row += [n, data.title(n) if n is not None else ""]
        mine = data.answers.get(s.id, {})
        row += [_value(mine.get(q.id), lang) for q in questions]
        tags = data.tags.get(s.id, {})
        row += [
            tags.get("language"),
            tags.get("words", s.words),
            tags.get("reading_minutes"),
            _value(tags.get("key_terms"), lang),
        ]
        rows.append(row)
    return Sheet(t("sheet_stories", lang), header, rows, widths, formats={})


def storytellers_sheet(data: ReportData) -> Sheet:
    """Storytellers by id and group, never by name: the report is shared beyond the team."""
    lang = data.lang
    questions = [q for q in data.questions if q.about == "storyteller"]
    stories = Counter(s.storyteller_id for s in data.stories if s.storyteller_id)
    perspectives: dict[str, set[int]] = {}
    for s in data.stories:
        if s.storyteller_id and s.id in data.assigned:
            perspectives.setdefault(s.storyteller_id, set()).add(data.assigned[s.id])
    header = [t("h_id", lang), t("h_group", lang), *[q.label(lang) for q in questions]]
    header.append(t("h_stories", lang))
    widths = [10, 14, *[max(10, len(q.label(lang)) + 4) for q in questions], 9]
    if data.views:
        header.append(t("h_perspectives", lang))
        widths.append(16)
    rows = []
    for teller_id, group in data.storytellers:
        answers = data.teller_answers.get(teller_id, {})
        row: list[Any] = [teller_id, group or ""]
        row += [_value(answers.get(q.id), lang) for q in questions]
        row.append(stories.get(teller_id, 0))
        if data.views:
            row.append(", ".join(str(n) for n in sorted(perspectives.get(teller_id, ()))))
        rows.append(row)
    return Sheet(t("sheet_storytellers", lang), header, rows, widths)


def perspectives_sheet(data: ReportData) -> Sheet:
    from verhalen.perspectives import stability_word

    lang = data.lang
    by_id = {s.id: s for s in data.stories}
    header = [
        t("h_number", lang),
        t("h_title", lang),
        t("h_label", lang),
        t("h_phrases", lang),
        t("h_summary", lang),
        t("h_description", lang),
        t("h_key_terms", lang),
        t("h_stories", lang),
        t("h_share", lang),
        t("h_storytellers", lang),
        t("h_stability", lang),
        t("h_stability_word", lang),
        t("h_exemplars", lang),
        t("h_near_miss", lang),
        t("h_origin", lang),
    ]
    widths = [9, 32, 32, 50, 80, 50, 50, 9, 9, 11, 11, 14, 18, 12, 10]
    rows = []
    for v in data.views:
        tellers = {by_id[i].storyteller_id for i in v.story_ids if i in by_id}
        rows.append(
            [
                v.number,
                v.title(lang),
                v.label if v.number > 0 else "",
                ", ".join(v.phrases),
                "\n".join(f"{item['story']}: {item['sentence']}" for item in v.summary),
                v.description or "",
                ", ".join(v.terms),
                len(v.story_ids),
                len(v.story_ids) / len(data.stories),
                len(tellers - {None}),
                v.stability,
                stability_word(v.stability, lang),
                ", ".join(str(i) for i in v.exemplars),
                v.near_miss,
                v.origin,
            ]
        )
    return Sheet(
        t("sheet_perspectives", lang),
        header,
        rows,
        widths,
        formats={8: SHARE_FORMAT, 10: EFFECT_FORMAT},
    )


def patterns_sheet(data: ReportData) -> Sheet:
    from verhalen.patterns import sentence

    lang = data.lang
    header = [
        t("h_rank", lang),
        t("h_id", lang),
        t("h_variable_a", lang),
        t("h_variable_b", lang),
        t("h_test", lang),
        t("h_statistic", lang),
        t("h_p", lang),
        t("h_q", lang),
        t("h_effect_name", lang),
        t("h_effect", lang),
        t("h_n", lang),
        t("h_significant", lang),
        t("h_sentence", lang),
    ]
    widths = [6, 34, 24, 24, 22, 12, 10, 12, 16, 12, 7, 10, 90]
    rows = []
    for rank, p in enumerate(data.patterns, 1):
        rows.append(
            [
                rank,
                p.id,
                p.a.label if p.a else "",
                p.b.label if p.b else "",
                t(f"test_{p.test}", lang),
                p.statistic,
                p.p,
                p.q,
                p.effect_name if p.effect is not None else "",
                p.effect,
                p.n,
                t("yes" if p.significant else "no", lang),
                sentence(p, lang),
            ]
        )
    return Sheet(
        t("sheet_patterns", lang),
        header,
        rows,
        widths,
        formats={5: "0.000", 6: P_FORMAT, 7: P_FORMAT, 9: EFFECT_FORMAT},
    )


def tables_sheet(data: ReportData) -> Sheet:
    """Every contingency table, notable ones first, stacked with a heading: counts on the left,
    adjusted residuals on the right (beyond ±2 a cell differs clearly from chance)."""
    from verhalen.patterns import sentence

    lang = data.lang
    rows: list[list[Any]] = [[t("h_residuals", lang)], []]
    bold: set[int] = set()
    widest = 2
    for p in data.patterns:
        if p.table is None:
            continue
        rows_var, cols_var, obs, flipped = oriented(p)
        table = p.table
        res = [list(c) for c in zip(*table.residuals, strict=True)] if flipped else table.residuals
        row_names = table.cols if flipped else table.rows
        col_names = table.rows if flipped else table.cols
        bold.add(len(rows))
        rows.append([f"{p.id}: {sentence(p, lang)}"])
        bold.add(len(rows))
        rows.append(
            [
                f"{rows_var.label} \\ {cols_var.label}",
                *col_names,
                t("h_total", lang),
                "",
                *[f"{c} ({t('h_residual', lang)})" for c in col_names],
            ]
        )
        for name, counts, resid in zip(row_names, obs, res, strict=True):
            rows.append([name, *counts, sum(counts), "", *[round(float(r), 2) for r in resid]])
        totals = [sum(c) for c in zip(*obs, strict=True)]
        rows.append([t("h_total", lang), *totals, sum(totals)])
        rows.append([])
        widest = max(widest, 2 * len(col_names) + 3)
    widths = [34] + [14] * (widest - 1)
    return Sheet(t("sheet_tables", lang), [], rows, widths, table=False, bold_rows=bold)


def observations_sheet(data: ReportData) -> Sheet:
    from verhalen.report.observation_chapter import perspective_name

    lang = data.lang
    header = [
        t("h_id", lang),
        t("h_patterns", lang),
        t("h_observation", lang),
        t("h_interpretation", lang),
        t("h_perspective", lang),
    ]
    rows = []
    for obs in data.catalysis.observations:
        for i in obs.interpretations or ():
            rows.append(
                [
                    obs.id,
                    ", ".join(obs.patterns),
                    obs.text,
                    i.text,
                    perspective_name(data, i.perspective) if i.perspective is not None else "",
                ]
            )
        if not obs.interpretations:
            rows.append([obs.id, ", ".join(obs.patterns), obs.text, "", ""])
    return Sheet(t("sheet_observations", lang), header, rows, [14, 30, 60, 60, 32])


def config_sheet(data: ReportData) -> Sheet:
    lang = data.lang
    none = t("cfg_none", lang)
    rows: list[list[Any]] = [
        [t("cfg_project", lang), data.project.name],
        [t("cfg_date", lang), data.date.isoformat()],
        [t("cfg_language", lang), lang],
        [t("cfg_alpha", lang), data.alpha],
        [t("cfg_min_effect", lang), data.min_effect],
        [
            t("cfg_catalysis", lang),
            data.catalysis.path.name if data.catalysis.path is not None else none,
        ],
    ]
    run = data.run
    if run is not None:
        rows += [
            [t("cfg_run", lang), run.id],
            [t("cfg_run_date", lang), str(run.created_at)],
            [t("cfg_embedder", lang), run.embedder],
            [t("cfg_seed", lang), run.seed],
        ]
        if data.clustered:
            nowhere = sum(1 for n in data.clustered.values() if n == UNASSIGNED)
            rows.append([t("cfg_unassigned", lang), nowhere / len(data.clustered)])
        if data.too_short:
            rows.append([t("cfg_too_short", lang), len(data.too_short)])
        for key, value in sorted(run.config.items()):
            shown = value if isinstance(value, int | float | str) else json.dumps(value)
            rows.append([f"config.{key}", shown if value is not None else ""])
        for key, value in sorted(run.metrics.items()):
            rows.append([f"metrics.{key}", value])
        for key, value in sorted(run.versions.items()):
            rows.append([f"version.{key}", value])
    return Sheet(
        t("sheet_config", lang), [t("h_setting", lang), t("h_value", lang)], rows, [34, 50]
    )
