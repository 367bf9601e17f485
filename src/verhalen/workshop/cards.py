"""Story cards: the project read into one card per story, grouped by perspective, and drawn as
PDF. Cards only ever show what people may read (`shown_title`/`shown_text`, the pseudonymised
versions when they exist), and say so when replacements are still unreviewed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from verhalen.errors import VerhalenError
from verhalen.i18n import language, t
from verhalen.i18n import number as fmt_number
from verhalen.project import Project
from verhalen.store import StoryRow

WORKSHOP_DIR = "workshop"
CARD_WORDS = 260  # the most words a card shows before the ellipsis (it also must fit)
KEY_ANSWERS = 3  # small labels on a card


@dataclass
class Card:
    """One story as it goes on a card."""

    id: int
    title: str
    text: str
    words: int
    group: str
    labels: list[str]
    perspective: str = ""


def shorten(text: str, words: int) -> str:
    """The first `words` words of `text`, with an ellipsis when something was left out."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:") + " …"


def _labels(project: Project, answers: dict[str, Any], lang: str) -> list[str]:
    """Short `Question answer` labels for the first few story questions with a simple answer."""
    from verhalen.stories import format_answer

    out = []
    for q in project.form.questions:
        if q.about != "story" or q.type in ("text", "multiple"):
            continue
        value = answers.get(q.id)
        if value is None or value == "":
            continue
        out.append(f"{q.label(lang)} {format_answer(value, lang, q)}")
        if len(out) == KEY_ANSWERS:
            break
    return out


def perspective_views(project: Project, only: int | None) -> list:
    from verhalen.perspectives import assignment, perspectives

    if not assignment(project):
        if only is not None:
            raise VerhalenError(t("data_no_perspectives_yet", project.lang))
        return []
    views = perspectives(project)
    if only is not None:
        views = [v for v in views if v.number == only]
        if not views:
            raise VerhalenError(t("data_perspective_not_found", project.lang, number=only))
    return views


def unreviewed_warning(project: Project, lang: str) -> str | None:
    """A warning when printed material would show replacements nobody has reviewed yet: a
    wrong replacement on a card ("Midden-[PERSOON-15]") reaches the room."""
    from verhalen.pseudonymize import privacy_summary
    from verhalen.review_sheet import review_command

    privacy = privacy_summary(project)
    if privacy is None or not privacy.unreviewed:
        return None
    return t(
        "ws_unreviewed",
        lang,
        count=privacy.unreviewed,
        command=review_command(language(lang)),
    )


def cards(project: Project, perspective: int | None = None, lang: str | None = None) -> list[Card]:
    """The cards to print: grouped by perspective in the active run, else every story."""
    lang = lang or project.lang
    with project.store() as store:
        # stories excluded from the analysis get no card
        stories = {s.id: s for s in store.stories(excluded=False)}
        answers = store.answers()
    views = perspective_views(project, perspective)

    def card(s: StoryRow, where: str) -> Card:
        return Card(
            s.id,
            s.shown_title or t("story_untitled", lang, id=s.id),
            s.shown_text,
            len(s.shown_text.split()),
            s.group or "",
            _labels(project, answers.get(s.id, {}), lang),
            where,
        )

    if not views:
        return [card(s, "") for s in stories.values()]
    out = []
    for v in views:
        title = f"{v.number}. {v.title(lang)}" if v.number > 0 else v.title(lang)
        out += [card(stories[i], title) for i in sorted(v.story_ids) if i in stories]
    return out


def words_label(n: int, lang: str) -> str:
    return t("ws_words", lang, n=n, shown=fmt_number(n, lang))


def write_cards(
    project: Project, path: Path, perspective: int | None = None, lang: str | None = None
) -> Path:
    """Story cards as PDF: A6, four to an A4 page, with cut marks.

    Drawn in memory and written whole by write_bytes, so a failure leaves the old file.
    """
    import io

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph as P

    from verhalen.atomic import write_bytes
    from verhalen.report.theme import ACCENT, FONT, LIGHT, MUTED, RULE, register_fonts, styles

    lang = lang or project.lang
    items = cards(project, perspective, lang)
    register_fonts()
    st = styles()
    from reportlab.lib.styles import ParagraphStyle

    title_style = ParagraphStyle("card_title", st["quote_title"], fontSize=11, leading=14)
    text_style = ParagraphStyle("card_text", st["story"], fontSize=8.3, leading=11.4)
    label_style = ParagraphStyle("card_label", st["small"], fontSize=7.2, leading=9.5)
    width, height = A4
    cw, ch = width / 2, height / 2
    pad = 20.0

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(t("ws_cards_title", lang))
    canvas.setAuthor("verhalen")
    canvas.setCreator("verhalen")

    def cut_marks() -> None:
        canvas.saveState()
        canvas.setStrokeColor(HexColor("#888888"))
        canvas.setLineWidth(0.4)
        m = 14.0
        canvas.line(cw, 0, cw, m)
        canvas.line(cw, height - m, cw, height)
        canvas.line(0, ch, m, ch)
        canvas.line(width - m, ch, width, ch)
        canvas.line(cw - m / 2, ch, cw + m / 2, ch)
        canvas.line(cw, ch - m / 2, cw, ch + m / 2)
        canvas.setDash(1, 3)
        canvas.setStrokeColor(HexColor(RULE))
        canvas.line(cw, m, cw, height - m)
        canvas.line(m, ch, width - m, ch)
        canvas.restoreState()

    def draw(card: Card, x0: float, y0: float) -> None:
        inner = cw - 2 * pad
        top = y0 + ch - pad
        # head line: perspective on the left, card number on the right
        canvas.setFont(FONT, 7)
        canvas.setFillColor(HexColor(MUTED))
        head = card.perspective
        while head and canvas.stringWidth(head, FONT, 7) > inner - 50:
            head = head[:-2].rstrip() + "…" if len(head) > 2 else ""
            head = head.replace("……", "…")
        canvas.drawString(x0 + pad, top - 7, head)
        canvas.setFont(f"{FONT}-Bold", 11)
        canvas.setFillColor(HexColor(ACCENT))
        canvas.drawRightString(x0 + cw - pad, top - 9, f"#{card.id}")
        y = top - 20
        canvas.setStrokeColor(HexColor(ACCENT))
        canvas.setLineWidth(1.2)
        canvas.line(x0 + pad, y + 4, x0 + cw - pad, y + 4)
        title = P(escape(card.title), title_style)
        _, h = title.wrap(inner, 60)
        y -= h + 2
        title.drawOn(canvas, x0 + pad, y)
        # footer: words and group, labels
        foot = words_label(card.words, lang)
        if card.group:
            foot += " · " + card.group
        labels = P(escape("  ·  ".join(card.labels)), label_style) if card.labels else None
        lh = labels.wrap(inner, 60)[1] if labels else 0
        bottom = y0 + pad
        box_top = bottom + lh + 16
        canvas.setFillColor(HexColor(LIGHT))
        canvas.rect(x0 + pad - 3, bottom - 3, inner + 6, lh + 19, stroke=0, fill=1)
        canvas.setFillColor(HexColor(MUTED))
        canvas.setFont(FONT, 7.2)
        canvas.drawString(x0 + pad, bottom + lh + 5, foot)
        if labels:
            labels.drawOn(canvas, x0 + pad, bottom)
        # the text: as many words as fit
        room = y - 6 - (box_top + 6)
        n = min(CARD_WORDS, card.words)
        while True:
            body = P(escape(shorten(card.text, n)), text_style)
            h = body.wrap(inner, room)[1]
            if h <= room or n <= 5:
                break
            n = max(5, n - max(1, int(n * (h - room) / (h * 2)) + 3))
        body.drawOn(canvas, x0 + pad, y - 6 - h)

    if not items:
        canvas.setFont(FONT, 11)
        canvas.drawString(60, height - 80, t("ws_no_stories", lang))
    for k, card in enumerate(items):
        slot = k % 4
        if k and slot == 0:
            canvas.showPage()
        if slot == 0:
            cut_marks()
        x0 = cw * (slot % 2)
        y0 = ch * (1 - slot // 2)
        draw(card, x0, y0)
    canvas.showPage()
    canvas.save()
    write_bytes(path, buffer.getvalue())
    return path
