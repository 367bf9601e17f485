"""One chapter per perspective: what it is about, who tells it, how steady it is, stories that
show it, and what stands out in it, so workshop participants can recognise it and argue with it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from verhalen.cluster import TOO_SHORT, UNASSIGNED
from verhalen.i18n import count, number, percent, t
from verhalen.report.data import ReportData
from verhalen.report.model import Bars, Bullets, Figure, Paragraph, Quote, Section
from verhalen.report.pattern_chapter import cell_words, is_yes_no, n_label

EXEMPLARS = 3
EXCERPT_WORDS = 120
NEAR_MISS_WORDS = 60
NOTABLE_LINES = 8
RESIDUAL = 2.0  # adjusted residual beyond which a cell is notable
RANK_EFFECT = 0.3  # rank-biserial difference from the other stories that is worth a line


def stability_text(value: float | None, lang: str) -> str:
    if value is None:
        return t("stability_none", lang)
    shown = number(value, lang, 2)
    if value >= 0.7:
        return t("stability_robust", lang, value=shown)
    if value >= 0.4:
        return t("stability_fair", lang, value=shown)
    return t("stability_shaky", lang, value=shown)


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The start of a story, cut at a sentence end when one is near (the whole story is in the
    appendix)."""
    parts = text.split()
    if len(parts) <= words:
        return text.strip()
    cut = " ".join(parts[:words])
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end > len(cut) * 0.6:
        return cut[: end + 1] + " …"
    return cut.rstrip(",;:") + " …"


def story_source(data: ReportData, story: Any) -> str:
    lang = data.lang
    parts = [t("story_source", lang, id=story.id)]
    if story.group:
        parts.append(data.group_name(story.group))
    if story.session:
        parts.append(story.session)
    return " · ".join(parts)


def perspectives_chapter(data: ReportData) -> Section:
    lang = data.lang
    by_perspective = interpretations_by_perspective(data)
    sections = [
        perspective_section(data, view, by_perspective.get(view.number, []))
        for view in data.views
        if view.number != TOO_SHORT  # no perspective: the method section tells about them
    ]
    if sections:  # the first chapter follows the short introduction on its page
        sections[0].new_page = False
    return Section(
        t("perspectives", lang),
        "perspectives",
        [Paragraph(t("perspectives_intro", lang))],
        sections,
        new_page=True,
    )


def interpretations_by_perspective(data: ReportData) -> dict[int | str | None, list[str]]:
    """Perspective (number, new name or None) -> '<interpretation> (waarneming n)' lines."""
    out: dict[int | str | None, list[str]] = {}
    for n, obs in enumerate(data.catalysis.observations, 1):
        for i in obs.interpretations:
            out.setdefault(i.perspective, []).append(
                f"{i.text} {t('from_observation', data.lang, n=n)}"
            )
    return out


def perspective_section(data: ReportData, view: Any, interpretations: list[str]) -> Section:
    lang = data.lang
    stories = {s.id: s for s in data.stories}
    members = [stories[i] for i in view.story_ids if i in stories]
    if view.number == UNASSIGNED:
        title = view.title(lang)
    else:
        title = t("perspective_title", lang, number=view.number, title=view.title(lang))
    tellers = {s.storyteller_id for s in members if s.storyteller_id}
    blocks: list = []
    if view.number == UNASSIGNED:
        blocks.append(Paragraph(t("unassigned_intro", lang), "lead"))
    elif view.description:
        blocks.append(Paragraph(view.description, "lead"))
    else:
        blocks.append(Paragraph(t("no_description", lang, number=view.number), "note"))
    blocks.append(
        Paragraph(
            t(
                "perspective_size",
                lang,
                stories=count(len(members), "story", lang),
                share=percent(len(members), len(data.stories)),
                storytellers=count(len(tellers), "storyteller", lang),
            )
        )
    )
    if view.number != UNASSIGNED:
        if view.phrases:
            blocks.append(Paragraph(t("key_phrases", lang, phrases=", ".join(view.phrases))))
        elif view.terms:  # a run named before key phrases existed
            blocks.append(Paragraph(t("key_terms", lang, terms=", ".join(view.terms))))
        if view.name and view.label and view.label != view.name:
            blocks.append(Paragraph(t("model_label", lang, label=view.label), "small"))
        elif not view.name and view.label:
            blocks.append(Paragraph(t("name_proposed", lang, number=view.number), "small"))
        blocks.append(Paragraph(stability_text(view.stability, lang)))
        blocks += summary_blocks(data, view)
    who = who_tells(data, members)
    if who is not None:
        blocks.append(Paragraph(t("who_tells", lang), "subheading"))
        blocks.append(who)
    chosen = [i for i in view.exemplars if i in stories and i in set(view.story_ids)]
    if view.number == UNASSIGNED:
        chosen = []
    if chosen:
        blocks.append(Paragraph(t("exemplars", lang), "subheading"))
        for sid in chosen[:EXEMPLARS]:
            s = stories[sid]
            blocks.append(
                Quote(
                    s.shown_title or t("story_untitled", lang, id=s.id),
                    excerpt(s.shown_text),
                    story_source(data, s),
                )
            )
    if view.number != UNASSIGNED:
        blocks += near_miss_blocks(data, view)
        lines = notable_lines(data, view.number)
        blocks.append(Paragraph(t("notable", lang), "subheading"))
        if lines:
            blocks.append(Bullets(tuple(lines)))
        else:
            blocks.append(Paragraph(t("notable_none", lang), "note"))
    if interpretations:
        blocks.append(Paragraph(t("interpretations_here", lang), "subheading"))
        blocks.append(Bullets(tuple(interpretations)))
    return Section(title, f"perspective-{view.number}", blocks, new_page=True)


def summary_blocks(data: ReportData, view: Any) -> list:
    """The perspective in a few of its own sentences, each with its story."""
    lang = data.lang
    stories = {s.id: s for s in data.stories}
    blocks: list = []
    lines = [
        t("summary_line", lang, sentence=item["sentence"], story=item["story"])
        for item in view.summary
        if item.get("story") in stories
    ]
    if lines:
        blocks.append(Paragraph(t("summary", lang), "subheading"))
        blocks.append(Bullets(tuple(lines)))
    return blocks


def near_miss_blocks(data: ReportData, view: Any) -> list:
    """The story outside the perspective that lies closest to it: a borderline case."""
    lang = data.lang
    stories = {s.id: s for s in data.stories}
    blocks: list = []
    near = stories.get(view.near_miss) if view.near_miss is not None else None
    where = data.assigned.get(view.near_miss) if near is not None else None
    if near is not None and where is not None and where > 0 and where != view.number:
        blocks.append(Paragraph(t("near_miss", lang), "subheading"))
        blocks.append(Paragraph(t("near_miss_intro", lang, number=where), "note"))
        blocks.append(
            Quote(
                near.shown_title or t("story_untitled", lang, id=near.id),
                excerpt(near.shown_text, NEAR_MISS_WORDS),
                story_source(data, near),
            )
        )
    return blocks


def who_tells(data: ReportData, members: list[Any]) -> Figure | None:
    """Share of the stories per storyteller group, here against all stories."""
    lang = data.lang
    if not data.groups or (len(data.groups) == 1 and data.groups[0] is None):
        return None
    here = Counter(s.group for s in members)
    everywhere = Counter(s.group for s in data.stories)
    cats = tuple(f"{data.group_name(g)} {n_label(here.get(g, 0), lang)}" for g in data.groups)
    mine = tuple(100 * here.get(g, 0) / (len(members) or 1) for g in data.groups)
    all_ = tuple(100 * everywhere.get(g, 0) / len(data.stories) for g in data.groups)
    group_q = data.project.form.get(data.project.form.group_question or "")
    group_word = group_q.label(lang).lower() if group_q is not None else t("group", lang)
    return Figure(
        Bars(
            cats,
            ((t("this_perspective", lang), mine), (t("all_stories", lang), all_)),
            xlabel=t("share_of_stories", lang),
            percent=True,
        ),
        caption=t("who_tells_caption", lang, group=group_word),
    )


def notable_lines(data: ReportData, number_: int) -> list[str]:
    """What stands out in this perspective in the notable patterns that involve perspectives:
    cells far from chance (adjusted residual beyond ±2) and numbers that differ clearly."""
    lang = data.lang
    found: list[tuple[float, str]] = []
    prefix = f"{number_}. "
    for p in data.significant:
        if p.b is None or "perspective" not in (p.a.id, p.b.id):
            continue
        if p.table is not None:
            found += _cells(p, prefix, lang)
        elif p.groups:
            found += _groups(p, prefix, lang)
    found.sort(key=lambda x: -x[0])
    return [line for _, line in found[:NOTABLE_LINES]]


def _cells(p: Any, prefix: str, lang: str) -> list[tuple[float, str]]:
    table = p.table
    on_rows = p.a.id == "perspective"
    cats = table.rows if on_rows else table.cols
    idx = next((i for i, c in enumerate(cats) if c.startswith(prefix)), None)
    if idx is None or ("perspective", cats[idx]) in set(p.small):
        return []
    other = p.b if on_rows else p.a
    other_cats = table.cols if on_rows else table.rows

    def cell(j: int) -> tuple[int, float]:
        if on_rows:
            return table.observed[idx][j], table.residuals[idx][j]
        return table.observed[j][idx], table.residuals[j][idx]

    here_total = table.row_totals[idx] if on_rows else table.col_totals[idx]
    other_totals = table.col_totals if on_rows else table.row_totals
    n = sum(other_totals)
    out = []
    for j, cat in enumerate(other_cats):
        if (other.id, cat) in set(p.small) or not other_totals[j]:
            continue
        if is_yes_no(other) and j != 0:
            continue
        observed, residual = cell(j)
        if abs(residual) < RESIDUAL:
            continue
        inside = percent(observed, here_total)
        outside = percent(other_totals[j] - observed, n - here_total)
        key = "cell_more" if residual > 0 else "cell_less"
        what = cell_words(other, cat, lang)
        out.append((abs(residual), t(key, lang, what=what, inside=inside, outside=outside)))
    return out


def _groups(p: Any, prefix: str, lang: str) -> list[tuple[float, str]]:
    import numpy as np
    from scipy import stats

    from verhalen.patterns import MIN_GROUP

    scale = p.b if p.a.id == "perspective" else p.a
    small = set(p.small)
    tested = [g for g in p.groups if g.n >= MIN_GROUP and ("perspective", g.category) not in small]
    mine = next((g for g in tested if g.category.startswith(prefix)), None)
    rest = [v for g in tested if g is not mine for v in g.values]
    if mine is None or len(rest) < MIN_GROUP:
        return []
    u = stats.mannwhitneyu(mine.values, rest, alternative="two-sided").statistic
    effect = abs(1 - 2 * float(u) / (len(mine.values) * len(rest)))
    if effect < RANK_EFFECT:
        return []

    def plain(x: float) -> str:
        return number(x, lang, 0 if float(x).is_integer() else 1)

    line = t(
        "median_line",
        lang,
        what=scale.label,
        inside=plain(float(np.median(mine.values))),
        outside=plain(float(np.median(rest))),
    )
    return [(2 + 2 * effect, line)]
