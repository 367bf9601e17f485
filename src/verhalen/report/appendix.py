"""The appendix: every story, grouped by perspective, with the storyteller's own answers, so any
number in the report can be traced back to the stories behind it.

Above `[report] appendix_limit` stories (default 2,000, about 550 pages) a printed appendix stops
being read and only slows the report down (10,000 stories gave 2,700 pages and 90 s in
bench/scale.py): it then shows each perspective's most typical stories, in proportion to its
size, and says that the spreadsheet holds them all.
"""

from __future__ import annotations

import math
from typing import Any

from verhalen.answer_text import format_value
from verhalen.form import SIGNIFIER_TYPES
from verhalen.i18n import number, t
from verhalen.report.data import ReportData
from verhalen.report.model import Paragraph, Quote, Section
from verhalen.report.perspective_chapters import story_source


def answer_text(value: Any, lang: str) -> str:
    """An answer as the report prints it: `answer_text.format_value`, with a decimal written as
    the report's language writes it."""
    if isinstance(value, float):
        return number(value, lang, 0 if value.is_integer() else 1)
    return format_value(value, lang)


def answers_line(data: ReportData, story_id: int, about: str = "story") -> str:
    """'Gevoel: 70 · Afloop: goed · …': the answers about the story (open answers left out)."""
    mine = data.answers.get(story_id, {})
    return " · ".join(
        f"{q.label(data.lang)}: "
        + (
            q.format(mine[q.id], data.lang)  # 30/50/20, n/a, stone=x,y
            if q.type in SIGNIFIER_TYPES
            else answer_text(mine[q.id], data.lang)
        )
        for q in data.questions
        if q.about == about and mine.get(q.id) is not None
    )


def story_quote(data: ReportData, story: Any) -> Quote:
    lang = data.lang
    source = story_source(data, story) + " · " + t("words", lang, n=number(story.words, lang))
    return Quote(
        story.shown_title or t("story_untitled", lang, id=story.id),
        story.shown_text,
        source,
        answers_line(data, story.id),
        style="story",
    )


def appendix_limit(data: ReportData) -> int:
    return data.project.settings.appendix_limit


def _typical(data: ReportData, members: list[Any], total: int, limit: int) -> list[Any]:
    """All members, or the most typical of them when the project has more stories than fit."""
    if total <= limit:
        return members
    quota = max(1, math.floor(limit * len(members) / total))
    ranked = sorted(members, key=lambda s: (-data.typicality.get(s.id, 0.0), s.id))
    return sorted(ranked[:quota], key=lambda s: s.id)


def appendix(data: ReportData) -> Section:
    lang = data.lang
    sections = []
    total, limit = len(data.stories), appendix_limit(data)
    shown = 0
    if data.views:
        placed: set[int] = set()
        by_id = {s.id: s for s in data.stories}
        for view in data.views:
            members = [by_id[i] for i in sorted(view.story_ids) if i in by_id]
            placed.update(s.id for s in members)
            members = _typical(data, members, total, limit)
            shown += len(members)
            if not members:
                continue
            title = (
                view.title(lang)
                if view.number <= 0  # 'past nergens bij', 'te kort om te groeperen'
                else t("perspective_title", lang, number=view.number, title=view.title(lang))
            )
            sections.append(
                Section(
                    title,
                    f"appendix-{view.number}",
                    [story_quote(data, s) for s in members],
                    new_page=False,
                )
            )
        rest = _typical(data, [s for s in data.stories if s.id not in placed], total, limit)
        shown += len(rest)
        if rest:
            sections.append(
                Section(
                    t("not_in_run", lang),
                    "appendix-rest",
                    [story_quote(data, s) for s in rest],
                    new_page=False,
                )
            )
    else:
        sections.append(
            Section(
                t("appendix_all", lang),
                "appendix-all",
                [story_quote(data, s) for s in data.stories[:limit]],
                new_page=False,
            )
        )
        shown = min(total, limit)
    if shown < total:
        intro = t(
            "appendix_some_intro",
            lang,
            shown=number(shown, lang),
            total=number(total, lang),
            sheet=t("sheet_stories", lang),
        )
        return Section(t("appendix_some", lang), "appendix", [Paragraph(intro)], sections)
    return Section(
        t("appendix", lang), "appendix", [Paragraph(t("appendix_intro", lang))], sections
    )
