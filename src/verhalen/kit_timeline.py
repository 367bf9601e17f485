"""Timeline strips: the stories in time order, as strips to cut out and tape end to end.

The order comes from a question (`--by`): by default the first story question that asks when
(its id or name holds a word such as `wanneer`, `when`, `periode`, `jaar`), else the session.
Options that count back from today ("afgelopen maand … langer geleden", "last month …
longer ago") are laid out oldest first; other options in the form's order, numbers from low
to high, sessions by name. Stories without an answer come last. Each strip ends in a tab that
the next strip is taped onto; every cell holds the story number, title, group and its place
in time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import t
from verhalen.kit import KitStory, fit, footer, kit_stories, page_size, pdf, wrap
from verhalen.project import Project

SESSION = ("sessie", "session")  # --by sessie / --by session: the session the story came from
TIME_WORDS = re.compile(
    r"\b(wanneer|when|tijd|time|periode|period|jaar|year|datum|date|moment|sinds|since)\b", re.I
)
BACK_WORDS = re.compile(r"(geleden|afgelopen|vorige|ago|last|past|recent)", re.I)
ORDER_TYPES = ("single", "number", "scale")


def time_question(project: Project) -> Question | None:
    """The story question that asks when something happened: first a single-choice (or
    number) question whose id or short name says so (`wanneer`, `when`, `periode`), then a
    single-choice question whose options count back from today, then one whose question
    text says so; None when there is none."""
    story = [q for q in project.form.questions if q.about == "story" and q.type in ORDER_TYPES]
    named = [q for q in story if q.type != "scale"]
    for q in named:
        if TIME_WORDS.search(" ".join([q.id.replace("_", " "), *q.short.values()])):
            return q
    for q in named:
        if q.type == "single" and _counts_back(q.options):
            return q
    for q in named:
        if TIME_WORDS.search(" ".join(q.text.values())):
            return q
    return None


def _counts_back(options: tuple[str, ...] | list[str]) -> bool:
    return sum(bool(BACK_WORDS.search(o)) for o in options) >= 2


def check_order(project: Project, by: str | None, lang: str) -> str | None:
    """The question id to order by, or None for the session; a bad `--by` is one line."""
    if by is None:
        q = time_question(project)
        return q.id if q else None
    if by.casefold() in SESSION:
        return None
    q = project.form.get(by)
    allowed = [q.id for q in project.form.questions if q.type in ORDER_TYPES]
    choices = ", ".join([*allowed, SESSION[lang != "nl"]])
    choose = t("kit_choose_from", lang, choices=choices)
    if q is None:
        raise VerhalenError(t("kit_by_unknown", lang, by=by, choose=choose))
    if q.type not in ORDER_TYPES:
        raise VerhalenError(t("kit_by_no_order", lang, by=by, type=q.type, choose=choose))
    return q.id


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text)]


@dataclass
class Slot:
    story: KitStory
    when: str  # the answer or session, as shown
    bucket: int  # stories with the same `when` share a bucket


def ordered(project: Project, by: str | None, lang: str) -> tuple[list[Slot], str]:
    """The stories in timeline order, and a line saying what the order is."""
    stories = kit_stories(project, lang)
    none = t("kit_no_answer", lang)
    q = project.form.get(by) if by else None
    keys: dict[int, tuple[Any, str]] = {}
    if q is None:
        sessions = sorted({s.session for s in stories if s.session}, key=_natural)
        for s in stories:
            k = sessions.index(s.session) if s.session else len(sessions)
            keys[s.id] = (k, s.session or t("kit_no_session", lang))
        what = t("kit_by_session", lang)
    elif q.type == "single":
        options = list(q.options)
        back = _counts_back(options)
        if back:
            options.reverse()
        for s in stories:
            v = s.answers.get(q.id)
            keys[s.id] = (options.index(v), v) if v in options else (len(options), none)
        what = q.question_text(lang) + (" " + t("kit_old_to_new", lang) if back else "")
    else:
        for s in stories:
            v = s.answers.get(q.id)
            ok = isinstance(v, int | float) and not isinstance(v, bool)
            keys[s.id] = (v, f"{v:g}") if ok else (float("inf"), none)
        what = q.question_text(lang)
    slots, last, bucket = [], None, -1
    for s in sorted(stories, key=lambda s: (keys[s.id][0], s.id)):
        key, shown = keys[s.id]
        if key != last:
            bucket, last = bucket + 1, key
        slots.append(Slot(s, shown, bucket))
    return slots, what


def write_timeline(
    project: Project,
    path: Path,
    *,
    by: str | None = None,
    paper: str = "a4",
    lang: str | None = None,
) -> Path:
    """The strips as one PDF. `by` as given to `--by`: a question id, `sessie`/`session`, or
    None for the default (see check_order); a bad one is one line and nothing is written."""
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import ACCENT, FONT, MUTED

    lang = lang or project.lang
    slots, what = ordered(project, check_order(project, by, lang), lang)
    paper_size = page_size(paper, lang=lang)
    s = paper_size[0] / page_size("a4")[0]  # A3 is A4 drawn larger: bigger strips for the wall
    W, H = page_size("a4")
    m = 22.0
    band_h, gap, tab, label_w = 92.0, 12.0, 30.0, 16.0
    per_page = int((H - 2 * m - 34 + gap) // (band_h + gap))
    region = W - 2 * m - tab - label_w
    cells = max(1, int(region // 112))
    cw = region / cells
    bands = [slots[k : k + cells] for k in range(0, len(slots), cells)]
    pages = max(1, (len(bands) + per_page - 1) // per_page)
    bold = f"{FONT}-Bold"
    title = t("kit_timeline_title", lang)
    with pdf(path, paper_size, title) as c:
        for page in range(pages):
            c.scale(s, s)
            c.setFillColor(HexColor(ACCENT))
            c.setFont(bold, 14)
            c.drawString(m, H - m - 12, fit(f"{title}: {what}", bold, 14, W - 2 * m - 90))
            c.setFillColor(HexColor(MUTED))
            c.setFont(FONT, 8)
            c.drawRightString(W - m, H - m - 12, t("kit_page", lang, page=page + 1, pages=pages))
            top = H - m - 30
            if not bands:
                c.setFont(FONT, 11)
                c.drawString(m, top - 20, t("ws_no_stories", lang))
            for k, band in enumerate(bands[page * per_page : (page + 1) * per_page]):
                n = page * per_page + k + 1
                y = top - k * (band_h + gap) - band_h
                prev = bands[n - 2][-1].bucket if n > 1 else -1
                _band(c, band, n, prev, n == len(bands), m, y, cw, band_h, tab, label_w, lang)
            footer(
                c,
                (W, H),
                t("kit_timeline_footer", lang),
                m,
            )
            c.showPage()
    return path


def _band(
    c: Any,
    band: list[Slot],
    n: int,
    prev: int,
    last: bool,
    x0: float,
    y: float,
    cw: float,
    h: float,
    tab: float,
    label_w: float,
    lang: str,
) -> None:
    from reportlab.lib.colors import HexColor, white

    from verhalen.report.theme import ACCENT, FONT, INK, LIGHT, MUTED, RULE

    bold = f"{FONT}-Bold"
    width = label_w + cw * len(band)
    # the cut line around the strip and its tab
    c.setStrokeColor(HexColor(MUTED))
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.rect(x0, y, width + (0 if last else tab), h)
    c.setDash()
    # the strip's number, turned a quarter
    c.setFillColor(HexColor(LIGHT))
    c.rect(x0, y, label_w, h, stroke=0, fill=1)
    c.saveState()
    c.translate(x0 + label_w / 2 + 3, y + h / 2)
    c.rotate(90)
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 7.5)
    c.drawCentredString(0, 0, t("kit_strip", lang, number=n))
    c.restoreState()
    if not last:  # the tab the next strip is taped onto
        tx = x0 + width
        c.setFillColor(HexColor("#e4e4e4"))
        c.rect(tx, y, tab, h, stroke=0, fill=1)
        c.saveState()
        c.translate(tx + tab / 2 + 3, y + h / 2)
        c.rotate(90)
        c.setFillColor(HexColor(MUTED))
        c.setFont(FONT, 6.2)
        c.drawCentredString(
            0,
            0,
            fit(t("kit_tape_here", lang, number=n + 1), FONT, 6.2, h - 6),
        )
        c.restoreState()
    for k, slot in enumerate(band):
        cx = x0 + label_w + k * cw
        new = slot.bucket != (band[k - 1].bucket if k else prev)
        c.setStrokeColor(HexColor(RULE))
        c.setLineWidth(0.5)
        if k:
            c.line(cx, y + 4, cx, y + h - 4)
        pad = 6.0
        inner = cw - 2 * pad
        # the place in time: a tag where a new period starts, else a quiet line
        if new:
            c.setFillColor(HexColor(ACCENT))
            c.rect(cx, y, 2.2, h, stroke=0, fill=1)
            c.setFont(bold, 6.8)
            tag = fit(slot.when, bold, 6.8, inner)
            tw = c.stringWidth(tag, bold, 6.8)
            c.roundRect(cx + pad - 2, y + h - 14, tw + 4, 10, 2, stroke=0, fill=1)
            c.setFillColor(white)
            c.drawString(cx + pad, y + h - 11.5, tag)
        else:
            c.setFillColor(HexColor(MUTED))
            c.setFont(FONT, 6.5)
            c.drawString(cx + pad, y + h - 11.5, fit(slot.when, FONT, 6.5, inner))
        c.setFillColor(HexColor(ACCENT))
        c.setFont(bold, 13)
        c.drawString(cx + pad, y + h - 28, f"#{slot.story.id}")
        c.setFillColor(HexColor(INK))
        c.setFont(bold, 7.6)
        for j, line in enumerate(wrap(slot.story.title, bold, 7.6, inner, 4)):
            c.drawString(cx + pad, y + h - 40 - j * 9.4, line)
        if slot.story.group:
            c.setFillColor(HexColor(MUTED))
            c.setFont(FONT, 6.8)
            c.drawString(cx + pad, y + 6, fit(slot.story.group, FONT, 6.8, inner))
