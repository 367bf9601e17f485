"""Perspective sheets: one per perspective (its name, phrases, summary, who told its stories,
quotes and the questions for the room), drawn as PDF with room to write."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.i18n import count, language, t
from verhalen.project import Project
from verhalen.workshop.cards import Card, cards, perspective_views, shorten, words_label

QUOTE_WORDS = 70
QUESTIONS = {
    lang: (
        t("ws_question_recognise", lang),
        t("ws_question_says", lang),
        t("ws_question_change", lang),
    )
    for lang in ("nl", "en")
}


@dataclass
class Sheet:
    """One perspective as it goes on a sheet."""

    number: int
    title: str
    label: str
    description: str
    terms: list[str]
    quotes: list[Card]
    tellers: list[tuple[str, int]]
    stories: int
    phrases: list[str] = field(default_factory=list)  # proposed key phrases
    summary: list[dict[str, Any]] = field(default_factory=list)  # [{"story", "sentence"}]
    proposed: bool = False  # the title is the model's proposal, not the facilitator's name


def sheets(
    project: Project, perspective: int | None = None, lang: str | None = None
) -> list[Sheet]:
    """One sheet per perspective of the active run."""
    from verhalen.cluster import TOO_SHORT

    lang = lang or project.lang
    views = perspective_views(project, perspective)
    if not views:
        raise VerhalenError(t("data_no_perspectives_yet", lang))
    by_id = {c.id: c for c in cards(project, None, lang)}
    out = []
    for v in views:
        if v.number == TOO_SHORT and perspective is None:
            continue  # no perspective to make sense of: their cards are enough
        members = [by_id[i] for i in v.story_ids if i in by_id]
        picked = [by_id[i] for i in v.exemplars if i in by_id and i in v.story_ids][:2]
        if len(picked) < 2:
            picked += [c for c in members if c not in picked][: 2 - len(picked)]
        groups = Counter(c.group or t("unknown_group", lang) for c in members)
        out.append(
            Sheet(
                v.number,
                v.title(lang),
                v.label,
                v.description or "",
                list(v.terms),
                picked,
                sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])),
                len(members),
                list(v.phrases),
                [dict(item) for item in v.summary],
                v.number > 0 and not v.name and bool(v.label),
            )
        )
    return out


def write_sheets(
    project: Project, path: Path, perspective: int | None = None, lang: str | None = None
) -> Path:
    """One A4 sheet per perspective: what it is about, two quotes, who tells it, three questions."""
    import io

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T

    from verhalen.atomic import write_bytes
    from verhalen.report.theme import ACCENT, LIGHT, markup, register_fonts, styles

    lang = lang or project.lang
    items = sheets(project, perspective, lang)
    register_fonts()
    s = styles()
    margin = 1.8 * cm
    frame = A4[0] - 2 * margin
    out: list = []
    for k, sh in enumerate(items):
        if k:
            out.append(PageBreak())
        head = f"{sh.number}. {sh.title}" if sh.number > 0 else sh.title
        out.append(P(markup(head), s["h1"]))
        sub = [count(sh.stories, "story", lang)]
        if sh.proposed:
            sub.append(t("ws_name_proposed", lang))
        elif sh.label and sh.label != sh.title:
            sub.append(t("ws_proposed", lang, label=sh.label))
        out.append(P(markup(" · ".join(sub)), s["small"]))
        out.append(Spacer(1, 4))
        out.append(
            P(
                markup(sh.description) if sh.description else markup(t("ws_no_description", lang)),
                s["lead"] if sh.description else s["note"],
            )
        )
        if sh.phrases:
            out.append(P(markup(t("ws_key_phrases", lang)), s["subheading"]))
            out.append(P(markup(", ".join(sh.phrases)), s["body"]))
        elif sh.terms:  # a run named before key phrases existed
            out.append(P(markup(t("ws_key_terms", lang)), s["subheading"]))
            out.append(P(markup(", ".join(sh.terms)), s["body"]))
        if sh.summary:
            out.append(P(markup(t("summary", lang)), s["subheading"]))
            for item in sh.summary:
                out.append(
                    P(
                        markup(f"“{item['sentence']}” (#{item['story']})"),
                        s["sentence"],
                        bulletText="•",
                    )
                )
        if sh.quotes:
            out.append(P(markup(t("ws_two_stories", lang)), s["subheading"]))
        for q in sh.quotes:
            inner = [
                P(markup(q.title), s["quote_title"]),
                P(markup(shorten(q.text, QUOTE_WORDS)), s["quote"]),
                P(
                    markup(
                        f"#{q.id} · {words_label(q.words, lang)}"
                        + (f" · {q.group}" if q.group else "")
                    ),
                    s["small"],
                ),
            ]
            box = T([[inner]], colWidths=[frame])
            box.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), HexColor(LIGHT)),
                        ("LINEBEFORE", (0, 0), (0, -1), 2.5, HexColor(ACCENT)),
                        ("LEFTPADDING", (0, 0), (-1, -1), 10),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                        ("TOPPADDING", (0, 0), (-1, -1), 6),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ]
                )
            )
            box.spaceAfter = 6
            out.append(box)
        out.append(P(markup(t("ws_who_tells", lang)), s["subheading"]))
        out.append(_tellers_table(sh.tellers, frame, s))
        questions = [P(markup(t("ws_questions", lang)), s["h3"])]
        for i, q in enumerate(QUESTIONS[language(lang)], 1):
            questions.append(P(markup(q), s["sentence"], bulletText=f"{i}."))
            questions.append(_write_space(frame, 1.3 * cm))
        out.append(Spacer(1, 6))
        out.append(KeepTogether(questions))
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,  # in memory, written whole by write_bytes (verhalen.atomic)
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=t("ws_sheets_title", lang),
        author="verhalen",
        creator="verhalen",
        producer="verhalen",
        invariant=1,
    )
    doc.build(out)
    write_bytes(path, buffer.getvalue())
    return path


def _write_space(width: float, height: float):
    """Room to write an answer: a dotted line at the bottom."""
    from reportlab.graphics.shapes import Drawing, Line
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import RULE

    d = Drawing(width, height)
    d.add(Line(14, 2, width, 2, strokeColor=HexColor(RULE), strokeDashArray=[1, 2]))
    return d


def _tellers_table(rows: list[tuple[str, int]], width: float, s: dict):
    """Counts per storyteller group, each with a bar in the accent colour."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T
    from reportlab.platypus import TableStyle

    from verhalen.report.theme import ACCENT, RULE, markup

    most = max((n for _, n in rows), default=1) or 1
    bar_w = width * 0.55
    data = []
    for group, n in rows:
        d = Drawing(bar_w, 9)
        d.add(Rect(0, 1, bar_w * n / most, 7, fillColor=HexColor(ACCENT), strokeColor=None))
        data.append([P(markup(group), s["cell"]), P(str(n), s["cell_right"]), d])
    table = T(data or [["", "", ""]], colWidths=[width * 0.33, width * 0.08, bar_w + 6])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
