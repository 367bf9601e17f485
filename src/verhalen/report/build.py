"""The report model built from the project: what the catalysis report says, in which order.

Cover, the glance page, how the stories were collected and analysed, one chapter per perspective,
the patterns, the facilitator's observations and interpretations, and every story as appendix.
The sheets of the spreadsheet come from the same data (`sheets.py`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from verhalen.cluster import TOO_SHORT, UNASSIGNED
from verhalen.i18n import count, long_date, number, percent, t
from verhalen.report.appendix import appendix
from verhalen.report.data import ReportData
from verhalen.report.landscape_chapter import landscapes_chapter
from verhalen.report.model import (
    Bars,
    Bullets,
    Figure,
    KeyFigures,
    Panels,
    Paragraph,
    Report,
    Section,
)
from verhalen.report.observation_chapter import observations_chapter
from verhalen.report.pattern_chapter import patterns_chapter
from verhalen.report.perspective_chapters import perspectives_chapter
from verhalen.report.sheets import sheets
from verhalen.report.signifier_chapter import integrity_chapter, signifiers_chapter
from verhalen.status import headline
from verhalen.texts import TEXTS

STRONGEST = 3  # patterns named on the glance page


def _version() -> str:
    try:
        return version("verhalen")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "-"


def build_report(data: ReportData) -> Report:
    lang = data.lang
    name = data.project.name
    sections = [glance(data), method(data)]
    if data.views:
        sections.append(perspectives_chapter(data))
    signifiers = signifiers_chapter(data)
    if signifiers is not None:
        sections.append(signifiers)
    sections.append(patterns_chapter(data))
    sections.append(observations_chapter(data))
    landscapes = landscapes_chapter(data)
    if landscapes is not None:
        sections.append(landscapes)
    proposals = proposals_chapter(data)
    if proposals is not None:
        sections.append(proposals)
    integrity = integrity_chapter(data)
    if integrity is not None:
        sections.append(integrity)
    sections.append(appendix(data))
    return Report(
        lang=lang,
        title=name,
        subtitle=t("subtitle", lang),
        date=t("data_date", lang, date=long_date(data.date, lang)),
        cover_lines=[
            headline(data.overview, lang) + ".",
            t("cover_note", lang),
            t("cover_made", lang, version=_version()),
        ],
        contents_title=t("contents", lang),
        sections=sections,
        sheets=sheets(data),
        footer=t("footer", lang, name=name),
        page_word=t("page", lang),
        meta={"title": f"{name}: {t('subtitle', lang)}", "subject": t("subtitle", lang)},
    )


# -- in één oogopslag ------------------------------------------------------------------------


def proposals_chapter(data: ReportData) -> Section | None:
    """The workshop's change proposals per perspective (imported with `workshop import`)."""
    from verhalen.proposals import change_proposals

    lang = data.lang
    found = change_proposals(data.project, lang)
    if not found:
        return None
    sections = []
    for rank, (title, items) in enumerate(found.items(), 1):
        bullets = tuple(
            p.text + (f" — {p.who}" if p.who else "") + (f": {p.note}" if p.note else "")
            for p in items
        )
        sections.append(Section(title, f"proposals-{rank}", [Bullets(bullets)], new_page=False))
    return Section(
        t("proposals", lang),
        "proposals",
        [Paragraph(t("proposals_intro", lang), "lead")],
        sections,
    )


def glance(data: ReportData) -> Section:
    """The numbers a commissioner quotes, and the strongest patterns in one sentence each."""
    lang = data.lang
    o = data.overview
    perspectives = len(data.numbered_views)
    figures = [
        (number(o.storytellers, lang), t("fig_storytellers", lang)),
        (number(o.stories, lang), t("fig_stories", lang)),
        (number(o.sessions, lang), t("fig_sessions", lang)),
    ]
    if data.views:
        figures.append((number(perspectives, lang), t("fig_perspectives", lang)))
    figures.append((number(len(data.significant), lang), t("fig_patterns", lang)))
    median = number(o.median_words, lang, 0 if float(o.median_words).is_integer() else 1)
    blocks: list = [
        KeyFigures(tuple(figures)),
        Paragraph(headline(o, lang) + ".", "lead"),
        Paragraph(t("words_line", lang, words=number(o.words, lang), median=median)),
    ]
    if data.clustered:
        nowhere = sum(1 for n in data.clustered.values() if n == UNASSIGNED)
        blocks.append(
            Paragraph(t("unassigned_line", lang, share=percent(nowhere, len(data.clustered))))
        )
    groups = _group_bars(data)
    panels = [(t("panel_groups", lang), groups)] if groups.categories else []
    if data.views:
        sizes = [(f"{v.number}. {v.title(lang)}", len(v.story_ids)) for v in data.numbered_views]
        nowhere_view = data.view(UNASSIGNED)
        if nowhere_view is not None:
            sizes.append((nowhere_view.title(lang), len(nowhere_view.story_ids)))
        panels.append(
            (
                t("panel_perspectives", lang),
                Bars(
                    tuple(s for s, _ in sizes),
                    (("", tuple(float(n) for _, n in sizes)),),
                ),
            )
        )
    if panels:
        blocks.append(Figure(Panels(tuple(panels))))
    strongest = data.significant[:STRONGEST]
    if strongest:
        from verhalen.patterns import sentence

        blocks.append(Paragraph(t("strongest", lang), "subheading"))
        blocks.append(Bullets(tuple(sentence(p, lang) + "." for p in strongest)))
    return Section(t("glance", lang), "glance", blocks)


def _group_bars(data: ReportData) -> Bars:
    o = data.overview
    counts = {g: n for g, n in o.groups}
    cats = tuple(data.group_name(g) for g in data.groups if counts.get(g))
    values = tuple(float(counts[g]) for g in data.groups if counts.get(g))
    return Bars(cats, (("", values),))


# -- hoe verzameld en geanalyseerd -----------------------------------------------------------


def method(data: ReportData) -> Section:
    lang = data.lang
    o = data.overview
    collected = [Paragraph(headline(o, lang) + ".")]
    if o.per_session:
        listed = ", ".join(
            f"{name or t('no_session', lang)}: {number(n, lang)}" for name, n in o.per_session
        )
        collected.append(Paragraph(t("sessions_line", lang, list=listed)))
    if o.formats:
        kinds = ", ".join(f"{fmt}: {number(n, lang)}" for fmt, n in o.formats)
        files = _formats_word(len(o.formats), lang)
        collected.append(Paragraph(t("formats_line", lang, files=files, list=kinds)))
    collected += _excluded_blocks(data)
    sections = [
        Section(t("collected", lang), "method-collected", collected, new_page=False),
        Section(t("form", lang), "method-form", _form_blocks(data), new_page=False),
        Section(t("privacy", lang), "method-privacy", [_privacy(data)], new_page=False),
        Section(
            t("perspectives_method", lang),
            "method-perspectives",
            _run_blocks(data),
            new_page=False,
        ),
        Section(
            t("patterns_method", lang),
            "method-patterns",
            _pattern_method(data),
            new_page=False,
        ),
    ]
    return Section(t("method", lang), "method", [], sections)


def _excluded_blocks(data: ReportData) -> list:
    """The stories the facilitator left out of the analysis, each with its reason."""
    lang = data.lang
    if not data.excluded:
        return []
    return [
        Paragraph(
            t("excluded_line", lang, stories=count(len(data.excluded), "story", lang)),
        ),
        Bullets(
            tuple(
                f"{e.story_id}. {e.title or t('story_untitled', lang, id=e.story_id)}: {e.reason}"
                for e in data.excluded
            )
        ),
    ]


def _formats_word(n: int, lang: str) -> str:
    return t("formats_one", lang) if n == 1 else t("formats_many", lang, n=n)


def _form_blocks(data: ReportData) -> list:
    lang = data.lang
    form = data.project.form
    if not form.questions:
        return [Paragraph(t("no_form", lang))]
    blocks: list = [Paragraph(t("form_intro", lang))]
    for about, key in (("story", "about_story"), ("storyteller", "about_storyteller")):
        questions = [q for q in form.questions if q.about == about]
        if not questions:
            continue
        blocks.append(Paragraph(t(key, lang), "subheading"))
        blocks.append(
            Bullets(
                tuple(f"{q.question_text(lang)} ({_question_kind(q, lang)})" for q in questions)
            )
        )
    return blocks


def _question_kind(q, lang: str) -> str:
    def plain(x: float | None) -> str:
        if x is None:
            return "?"
        return number(x, lang, 0 if float(x).is_integer() else 1)

    if q.type in ("single", "multiple"):
        return t(f"type_{q.type}", lang, options=", ".join(q.options))
    if q.type == "scale":
        if q.labels:
            return t(
                "type_scale_labels",
                lang,
                lo=plain(q.min),
                hi=plain(q.max),
                low=q.labels[0],
                high=q.labels[1],
            )
        return t("type_scale", lang, lo=plain(q.min), hi=plain(q.max))
    return t(f"type_{q.type}", lang)


def _privacy(data: ReportData) -> Paragraph:
    """What `anonymize` replaced, counted from the store: stories changed, replacements by kind,
    how many the facilitator reviewed, and the engine that found the names."""
    from verhalen.pseudonymize import kind_name, privacy_summary

    lang = data.lang
    summary = privacy_summary(data.project)
    if summary is None:
        return Paragraph(t("privacy_todo", lang), "note")
    kinds = ", ".join(
        f"{number(n, lang)} {kind_name(kind, lang)}" for kind, n in summary.by_kind.items()
    )
    values = {
        "changed": number(summary.changed, lang),
        "stories": number(summary.stories, lang),
        "replacements": number(summary.replacements, lang),
        "kinds": kinds or "-",
        "reviewed": number(summary.reviewed, lang),
        "unreviewed": number(summary.unreviewed, lang),
        "engine": "Frog + deduce" if summary.engine == "frog" else "deduce",
    }
    key = "privacy_done" if data.open_questions else "privacy_done_short"
    if data.open_questions:
        values["questions"] = ", ".join(q.label(lang) for q in data.open_questions)
    return Paragraph(t(key, lang, **values), "note" if summary.unreviewed else "body")


def _run_blocks(data: ReportData) -> list:
    lang = data.lang
    run = data.run
    if run is None:
        return [Paragraph(t("run_none", lang))]
    config = run.config
    made = date.fromisoformat(str(run.created_at)[:10])
    blocks: list = [
        Paragraph(
            t(
                "run_line",
                lang,
                date=long_date(made, lang),
                run=run.id,
                embedder=run.embedder,
                seed=run.seed,
                stability=config.get("stability_runs", 0),
                perspectives=count(len(data.numbered_views), "perspective", lang),
            )
        )
    ]
    if config.get("perspectives"):
        blocks.append(Paragraph(t("run_fixed_k", lang, k=config["perspectives"])))
    if config.get("guided"):
        themes = ", ".join(str(t.get("naam", "")) for t in config["guided"])
        blocks.append(Paragraph(t("run_guided", lang, themes=themes)))
    if data.clustered:
        nowhere = sum(1 for n in data.clustered.values() if n == UNASSIGNED)
        share = percent(nowhere, len(data.clustered))
        model = run.metrics.get("unassigned")
        model_share = f"{round(100 * model)}%" if isinstance(model, int | float) else share
        key = "run_unassigned" if model_share != share else "run_unassigned_same"
        nowhere_title = data.view(UNASSIGNED).title(lang) if data.view(UNASSIGNED) else ""
        blocks.append(
            Paragraph(
                t(
                    key,
                    lang,
                    share=share,
                    model_share=model_share,
                    nowhere=nowhere_title or t("nowhere", lang),
                )
            )
        )
    if data.too_short:
        minimum = run.metrics.get("min_words", data.project.min_words)
        blocks.append(
            Paragraph(
                t(
                    "run_too_short",
                    lang,
                    stories=count(len(data.too_short), "story", lang),
                    min_words=minimum,
                    title=data.title(TOO_SHORT),
                )
            )
        )
    if data.run_edits:
        done = Counter(data.run_edits)
        edits = ", ".join(
            f"{t('edit_' + action, lang)} ({n}×)"
            for action, n in sorted(done.items(), key=lambda kv: (-kv[1], kv[0]))
            if f"edit_{action}" in TEXTS
        )
        if edits:
            blocks.append(Paragraph(t("run_edits", lang, edits=edits)))
    versions = ", ".join(f"{k} {v}" for k, v in sorted(run.versions.items()))
    blocks.append(Paragraph(t("run_versions", lang, versions=versions), "small"))
    return blocks


def _pattern_method(data: ReportData) -> list:
    from verhalen.patterns import MIN_GROUP

    lang = data.lang
    pairs = [p for p in data.patterns if p.b is not None]
    tested = [p for p in pairs if p.tested]
    effect = (
        t("patterns_min_effect", lang, effect=number(data.min_effect, lang, 2))
        if data.min_effect
        else ""
    )
    return [
        Paragraph(
            t(
                "patterns_method_text",
                lang,
                alpha=number(data.alpha, lang, 2),
                effect=effect,
                min_group=MIN_GROUP,
                pairs=number(len(pairs), lang),
                tested=number(len(tested), lang),
                significant=number(len(data.significant), lang),
            )
        ),
        Paragraph(t("patterns_caution", lang), "note"),
    ]
