"""Sensemaking-workshop material: story cards, perspective sheets, the results template, import.

Cards and sheets only ever show what people may read (`shown_title`/`shown_text`, the
pseudonymised versions when they exist). The results template is one XLSX that a workshop fills
in; `import_results` checks all of it before anything changes (problems as `file:row: reason`),
then renames and describes perspectives through `verhalen.perspectives` (so history is kept), adds
observations and interpretations to `catalyse.yaml` and change proposals to
`verandervoorstellen.yaml`, all or nothing. `proposal_problems` checks that file for `verhalen
doctor`; `report` and the import refuse it with the same lines.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import number as fmt_number
from verhalen.i18n import say
from verhalen.project import Project
from verhalen.store import StoryRow

PROPOSALS_FILE = "verandervoorstellen.yaml"
WORKSHOP_DIR = "workshop"
CARD_WORDS = 260  # the most words a card shows before the ellipsis (it also must fit)
QUOTE_WORDS = 70
KEY_ANSWERS = 3  # small labels on a card
TEMPLATE_SHEETS: dict[str, tuple[str, ...]] = {
    "waarnemingen": ("id", "patronen", "tekst"),
    "interpretaties": ("waarneming", "tekst", "perspectief"),
    "perspectieven": ("nummer", "naam", "beschrijving"),
    "verandervoorstellen": ("perspectief", "voorstel", "wie", "toelichting"),
}
QUESTIONS = {
    "nl": (
        "Herken ik mij hierin?",
        "Wat zegt dit over mij en het onderwerp?",
        "Welke mogelijkheden tot verandering komen hieruit naar voren?",
    ),
    "en": (
        "Do I recognise myself in this?",
        "What does this say about me and the topic?",
        "What possibilities for change come out of this?",
    ),
}


# -- reading the project -------------------------------------------------------------------------


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


def _lang(project: Project, lang: str | None) -> str:
    return lang or project.lang


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
        out.append(f"{q.label(lang)} {format_answer(value, lang)}")
        if len(out) == KEY_ANSWERS:
            break
    return out


def _perspective_views(project: Project, only: int | None) -> list:
    from verhalen.perspectives import assignment, perspectives

    if not assignment(project):
        if only is not None:
            raise VerhalenError(
                say(
                    project.lang,
                    "nog geen perspectieven: voer eerst 'verhalen cluster' uit",
                    "no perspectives yet: run 'verhalen cluster' first",
                )
            )
        return []
    views = perspectives(project)
    if only is not None:
        views = [v for v in views if v.number == only]
        if not views:
            raise VerhalenError(
                say(
                    project.lang,
                    f"perspectief {only} bestaat niet",
                    f"perspective {only} does not exist",
                )
            )
    return views


def cards(project: Project, perspective: int | None = None, lang: str | None = None) -> list[Card]:
    """The cards to print: grouped by perspective in the active run, else every story."""
    lang = _lang(project, lang)
    with project.store() as store:
        # stories excluded from the analysis get no card
        stories = {s.id: s for s in store.stories(excluded=False)}
        answers = store.answers()
    views = _perspective_views(project, perspective)

    def card(s: StoryRow, where: str) -> Card:
        return Card(
            s.id,
            s.shown_title or say(lang, f"Verhaal {s.id}", f"Story {s.id}"),
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

    lang = _lang(project, lang)
    views = _perspective_views(project, perspective)
    if not views:
        raise VerhalenError(
            say(
                lang,
                "nog geen perspectieven: voer eerst 'verhalen cluster' uit",
                "no perspectives yet: run 'verhalen cluster' first",
            )
        )
    by_id = {c.id: c for c in cards(project, None, lang)}
    out = []
    for v in views:
        if v.number == TOO_SHORT and perspective is None:
            continue  # no perspective to make sense of: their cards are enough
        members = [by_id[i] for i in v.story_ids if i in by_id]
        picked = [by_id[i] for i in v.exemplars if i in by_id and i in v.story_ids][:2]
        if len(picked) < 2:
            picked += [c for c in members if c not in picked][: 2 - len(picked)]
        groups = Counter(c.group or say(lang, "onbekend", "unknown") for c in members)
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


# -- PDF -----------------------------------------------------------------------------------------


def _words_label(n: int, lang: str) -> str:
    return f"± {fmt_number(n, lang)} " + say(lang, "woorden" if n != 1 else "woord", "words")


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
    from verhalen.report.pdf import ACCENT, FONT, LIGHT, MUTED, RULE, _register_fonts, _styles

    lang = _lang(project, lang)
    items = cards(project, perspective, lang)
    _register_fonts()
    st = _styles()
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
    canvas.setTitle(say(lang, "Verhaalkaarten", "Story cards"))
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
        foot = _words_label(card.words, lang)
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
        canvas.drawString(60, height - 80, say(lang, "Geen verhalen.", "No stories."))
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
    from verhalen.report.pdf import ACCENT, LIGHT, _register_fonts, _styles, _text

    lang = _lang(project, lang)
    items = sheets(project, perspective, lang)
    _register_fonts()
    s = _styles()
    margin = 1.8 * cm
    frame = A4[0] - 2 * margin
    out: list = []
    for k, sh in enumerate(items):
        if k:
            out.append(PageBreak())
        head = f"{sh.number}. {sh.title}" if sh.number > 0 else sh.title
        out.append(P(_text(head), s["h1"]))
        sub = [say(lang, f"{sh.stories} verhalen", f"{sh.stories} stories")]
        if sh.proposed:
            sub.append(say(lang, "naam: voorstel uit de verhalen", "name: proposed by the stories"))
        elif sh.label and sh.label != sh.title:
            sub.append(say(lang, "voorstel: ", "proposed: ") + sh.label)
        out.append(P(_text(" · ".join(sub)), s["small"]))
        out.append(Spacer(1, 4))
        out.append(
            P(
                _text(sh.description)
                if sh.description
                else _text(say(lang, "(nog geen beschrijving)", "(no description yet)")),
                s["lead"] if sh.description else s["note"],
            )
        )
        if sh.phrases:
            out.append(P(_text(say(lang, "Kernzinnen", "Key phrases")), s["subheading"]))
            out.append(P(_text(", ".join(sh.phrases)), s["body"]))
        elif sh.terms:  # a run named before key phrases existed
            out.append(P(_text(say(lang, "Kernwoorden", "Key terms")), s["subheading"]))
            out.append(P(_text(", ".join(sh.terms)), s["body"]))
        if sh.summary:
            out.append(
                P(_text(say(lang, "In een paar zinnen", "In a few sentences")), s["subheading"])
            )
            for item in sh.summary:
                out.append(
                    P(
                        _text(f"“{item['sentence']}” (#{item['story']})"),
                        s["sentence"],
                        bulletText="•",
                    )
                )
        if sh.quotes:
            out.append(P(_text(say(lang, "Twee verhalen", "Two stories")), s["subheading"]))
        for q in sh.quotes:
            inner = [
                P(_text(q.title), s["quote_title"]),
                P(_text(shorten(q.text, QUOTE_WORDS)), s["quote"]),
                P(
                    _text(
                        f"#{q.id} · {_words_label(q.words, lang)}"
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
        out.append(P(_text(say(lang, "Wie vertelt dit?", "Who tells it?")), s["subheading"]))
        out.append(_tellers_table(sh.tellers, frame, s))
        questions = [P(_text(say(lang, "Vragen bij dit perspectief", "Questions")), s["h3"])]
        for i, q in enumerate(QUESTIONS[lang], 1):
            questions.append(P(_text(q), s["sentence"], bulletText=f"{i}."))
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
        title=say(lang, "Perspectiefbladen", "Perspective sheets"),
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

    from verhalen.report.pdf import RULE

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

    from verhalen.report.pdf import ACCENT, RULE, _text

    most = max((n for _, n in rows), default=1) or 1
    bar_w = width * 0.55
    data = []
    for group, n in rows:
        d = Drawing(bar_w, 9)
        d.add(Rect(0, 1, bar_w * n / most, 7, fillColor=HexColor(ACCENT), strokeColor=None))
        data.append([P(_text(group), s["cell"]), P(str(n), s["cell_right"]), d])
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


# -- the results template ------------------------------------------------------------------------

EXPLANATION = [
    "Resultaten van de duidingsbijeenkomst (sensemaking)",
    "",
    "Vul per blad één regel per ding in; de eerste regel (kopjes) blijft staan.",
    "waarnemingen: id (kort eigen woord, uniek), patronen (ids uit het rapport, gescheiden door"
    " komma's; mag leeg), tekst (wat je ziet, zonder uitleg).",
    "interpretaties: waarneming (het id van een waarneming hier of in catalyse.yaml), tekst (dit"
    " kan betekenen dat …), perspectief (nummer, of de naam van een nieuw perspectief; mag leeg).",
    "perspectieven: nummer (niet veranderen), naam en beschrijving zoals de groep ze noemt. Een"
    " lege cel laat de oude naam of beschrijving staan.",
    "verandervoorstellen: perspectief (nummer), voorstel (verplicht), wie (wie pakt het op),"
    " toelichting.",
    "",
    "Terugzetten in het project: verhalen workshop import resultaten.xlsx",
    "Bij een fout verandert er niets; elke fout staat op één regel als bestand:regel: reden.",
]


def write_template(path: Path, project: Project | None = None) -> Path:
    """The results template (XLSX); with a project, its current perspectives are prefilled."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from verhalen.atomic import save_workbook
    from verhalen.safe import set_xlsx_cell

    rows: list[tuple[int, str, str]] = []
    if project is not None:
        from verhalen.perspectives import assignment, perspectives

        if assignment(project):
            rows = [
                (v.number, v.title(project.lang), v.description or "")
                for v in perspectives(project)
                if v.number > 0
            ]
    book = Workbook()
    info = book.active
    info.title = "uitleg"
    for r, line in enumerate(EXPLANATION, 1):
        cell = set_xlsx_cell(info, r, 1, line)
        if r == 1:
            cell.font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 120
    widths = {"id": 14, "patronen": 28, "nummer": 10, "perspectief": 14, "waarneming": 16}
    for name, header in TEMPLATE_SHEETS.items():
        sheet = book.create_sheet(name)
        for c, h in enumerate(header, 1):
            cell = set_xlsx_cell(sheet, 1, c, h)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="2F6F8F")
            sheet.column_dimensions[cell.column_letter].width = widths.get(h, 50)
        sheet.freeze_panes = "A2"
        if name == "perspectieven":
            for r, row in enumerate(rows, 2):
                for c, value in enumerate(row, 1):
                    set_xlsx_cell(sheet, r, c, value).alignment = Alignment(wrap_text=c > 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(book, path)
    return path


# -- importing the results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A change proposal from a workshop, about one perspective."""

    perspective: int
    text: str
    who: str = ""
    note: str = ""
    title: str = ""  # the perspective's title when it was imported


@dataclass
class ImportSummary:
    renamed: list[int] = field(default_factory=list)
    described: list[int] = field(default_factory=list)
    observations: int = 0
    interpretations: int = 0
    proposals: int = 0
    unchanged: int = 0


# Required columns per sheet; the other template columns may be missing (then empty).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "waarnemingen": ("id", "tekst"),
    "interpretaties": ("waarneming", "tekst"),
    "perspectieven": ("nummer",),
    "verandervoorstellen": ("perspectief", "voorstel"),
}
PROPOSAL_KEYS = ("perspectief", "titel", "voorstel", "wie", "toelichting", "bron", "datum")


def _sheet_rows(path: Path, display: str, lang: str) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Every template sheet as (row number, {header: text}) for its non-empty rows.

    A workbook without any of the template's sheets is not a results sheet, and a sheet whose
    header row lacks a needed column or has one the template does not know would lose what is
    under it: both are refused here, before a row is read."""
    import openpyxl

    from verhalen.ingest._archive import check_archive
    from verhalen.ingest._model import ReadError
    from verhalen.ingest._table import _cell

    try:
        check_archive(path, lang)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except ReadError as exc:
        raise RejectedBatch([Problem(display, None, str(exc))]) from None
    except Exception as exc:  # openpyxl raises many kinds for broken packages
        reason = say(lang, "geen geldig .xlsx-bestand", "not a valid .xlsx file")
        raise RejectedBatch([Problem(display, None, f"{reason} ({exc})")]) from None
    out: dict[str, list[tuple[int, dict[str, str]]]] = {}
    problems: list[Problem] = []
    try:
        names = {n.strip().casefold(): n for n in book.sheetnames}
        if not any(name in names for name in TEMPLATE_SHEETS):
            expected = ", ".join(TEMPLATE_SHEETS)
            found = ", ".join(book.sheetnames) or "-"
            raise RejectedBatch(
                [
                    Problem(
                        display,
                        None,
                        say(
                            lang,
                            "dit is geen resultatensjabloon van verhalen: verwacht de bladen "
                            f"{expected} (gevonden: {found}); 'verhalen workshop template' "
                            "maakt het sjabloon",
                            "this is not a verhalen results template: expected the sheets "
                            f"{expected} (found: {found}); 'verhalen workshop template' makes "
                            "the template",
                        ),
                    )
                ]
            )
        for name, columns in TEMPLATE_SHEETS.items():
            if name not in names:
                continue
            rows = book[names[name]].iter_rows(values_only=True)
            header = [_cell(v).strip().casefold() for v in next(rows, ())]
            expected = ", ".join(columns)
            for h in REQUIRED_COLUMNS[name]:
                if h not in header:
                    problems.append(
                        Problem(
                            display,
                            1,
                            f"{name}: "
                            + say(
                                lang,
                                f"kolom '{h}' ontbreekt (de kopjes zijn: {expected})",
                                f"column '{h}' is missing (the headers are: {expected})",
                            ),
                        )
                    )
            for h in header:
                if h and h not in columns:
                    problems.append(
                        Problem(
                            display,
                            1,
                            f"{name}: "
                            + say(
                                lang,
                                f"onbekende kolom '{h}' (de kopjes zijn: {expected})",
                                f"unknown column '{h}' (the headers are: {expected})",
                            ),
                        )
                    )
            body = []
            for n, row in enumerate(rows, 2):
                cells = {
                    h: " ".join(_cell(v).split()) for h, v in zip(header, row, strict=False) if h
                }
                if any(cells.values()):
                    body.append((n, cells))
            out[name] = body
    finally:
        book.close()
    if problems:
        raise RejectedBatch(problems)
    return out


def _load_yaml(path: Path) -> Any:
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class _Plan:
    """An import worked out and checked, not yet applied: the store's changes and each file's
    new text."""

    renames: list[tuple[int, str]] = field(default_factory=list)
    descriptions: list[tuple[int, str]] = field(default_factory=list)
    files: list[tuple[Path, str]] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)


def import_results(project: Project, path: Path) -> ImportSummary:
    """Bring a filled results template back into the project: all of it, or on any problem
    nothing (a `RejectedBatch` with one `file:row: reason` per problem).

    First the whole import is planned (`_plan`): every row is checked against the project
    (perspectives of the active run, pattern ids as `verhalen report` knows them, observations
    on the sheet and in catalyse.yaml), and catalyse.yaml as it would become is read back with
    `catalysis.load_catalysis`, the check `report` makes. Nothing has been written yet.

    Then it is applied in one go (`_apply`): the store's write transaction opens (its lock held,
    so no other command changes the perspectives meanwhile), the renames and descriptions go in
    with their history, then catalyse.yaml and the change proposals are written, each file
    atomically (`verhalen.atomic`: whole or not at all), and only then the transaction commits.
    A failure while writing a file rolls the store back and puts back the file written before
    it; a failed commit puts back both files. So a refused or failed import leaves every file
    and every row as it was. The one gap no program closes is being killed between the last
    file and the commit: then the files hold the import and the store not yet, and importing
    the same sheet again completes it, as observations, interpretations and proposals already
    there count as known.
    """
    plan = _plan(project, path)
    _apply(project, plan)
    return plan.summary


def _plan(project: Project, path: Path) -> _Plan:
    from verhalen.catalysis import (
        FILE_NAMES,
        INTERPRETATION_KEYS,
        LIST_KEYS,
        find_file,
        load_catalysis,
        pattern_index,
        references,
        resolve_pattern,
        unknown_pattern,
    )
    from verhalen.perspectives import assignment, perspectives

    lang = project.lang
    display = path.name
    data = _sheet_rows(path, display, lang)
    problems: list[Problem] = []

    def problem(sheet: str, row: int, nl: str, en: str) -> None:
        problems.append(Problem(display, row, f"{sheet}: {say(lang, nl, en)}"))

    views = {v.number: v for v in perspectives(project)} if assignment(project) else {}

    def perspective_ref(sheet: str, row: int, raw: str, names_ok: bool) -> int | str | None:
        if not raw:
            return None
        text = raw.split(".")[0].strip() if raw[0].isdigit() else raw
        if text.isdigit():
            if int(text) not in views:
                problem(sheet, row, f"onbekend perspectief {text}", f"unknown perspective {text}")
            return int(text)
        if names_ok:
            return raw
        problem(sheet, row, f"onbekend perspectief '{raw}'", f"unknown perspective '{raw}'")
        return None

    # perspectives
    plan = _Plan()
    for row, cells in data.get("perspectieven", []):
        raw = cells.get("nummer", "")
        if not raw.isdigit() or int(raw) not in views:
            problem(
                "perspectieven",
                row,
                f"onbekend perspectief '{raw}'" if raw else "nummer ontbreekt",
                f"unknown perspective '{raw}'" if raw else "number missing",
            )
            continue
        view = views[int(raw)]
        name, text = cells.get("naam", ""), cells.get("beschrijving", "")
        if name and name != view.title(lang) and view.number > 0:
            plan.renames.append((view.number, name))
        if text and text != (view.description or ""):
            plan.descriptions.append((view.number, text))

    # observations and interpretations, against catalyse.yaml as `report` reads it
    catalysis_path = find_file(project.root) or project.root / FILE_NAMES[0]
    catalysis_rows = bool(data.get("waarnemingen") or data.get("interpretaties"))
    pattern_ids: list[str] = []
    numbers: list[int] = []
    existing_doc: Any = None
    known: dict[str, Any] = {}  # id -> the observation as the file holds it
    raw_known: dict[str, dict[str, Any]] = {}  # id -> its mapping, to add interpretations to
    if catalysis_rows:
        pattern_ids, numbers = references(project)
        try:
            current = load_catalysis(
                catalysis_path if catalysis_path.is_file() else None, pattern_ids, numbers, lang
            )
        except RejectedBatch as exc:  # a broken file is not made worse: fix it first
            problems.extend(exc.problems)
        else:
            known = {o.id: o for o in current.observations}
            existing_doc = _load_yaml(catalysis_path)
    index = pattern_index(pattern_ids)
    if isinstance(existing_doc, dict):
        list_key = next((k for k in LIST_KEYS if k in existing_doc), LIST_KEYS[0])
        existing = existing_doc.get(list_key) or []
    else:  # no file, an empty one, or a bare list of observations
        list_key, existing = LIST_KEYS[0], existing_doc or []
        existing_doc = {}
    for item in existing:  # load_catalysis accepted it: every item is a mapping with an id
        raw_known[" ".join(str(item.get("id")).split())] = item
    new_obs: dict[str, dict[str, Any]] = {}
    unchanged = 0
    for row, cells in data.get("waarnemingen", []):
        oid, text = cells.get("id", ""), cells.get("tekst", "")
        patterns: list[str] = []
        for raw in cells.get("patronen", "").replace(";", ",").split(","):
            if not raw.strip():
                continue
            pid, found = resolve_pattern(raw, index)
            if found is None:
                problem("waarnemingen", row, unknown_pattern(pid, "nl"), unknown_pattern(pid, "en"))
            elif found not in patterns:
                patterns.append(found)
        if not oid:
            problem("waarnemingen", row, "id ontbreekt", "id missing")
        if not text:
            problem("waarnemingen", row, "tekst ontbreekt", "text missing")
        if not oid or not text:
            continue
        if oid in new_obs:
            problem("waarnemingen", row, f"id '{oid}' staat er twee keer", f"id '{oid}' twice")
            continue
        record: dict[str, Any] = {"id": oid, "patronen": patterns, "tekst": text}
        if oid in known:
            if known[oid].text == text:
                unchanged += 1
                continue
            problem(
                "waarnemingen",
                row,
                f"waarneming '{oid}' staat al in {catalysis_path.name} met een andere tekst;"
                " kies een ander id",
                f"observation '{oid}' is already in {catalysis_path.name} with another text;"
                " choose another id",
            )
            continue
        record["interpretaties"] = []
        new_obs[oid] = record
    added_interpretations: list[tuple[str, dict[str, Any]]] = []
    for row, cells in data.get("interpretaties", []):
        oid, text = cells.get("waarneming", ""), cells.get("tekst", "")
        if not oid or (oid not in new_obs and oid not in known):
            problem(
                "interpretaties",
                row,
                f"onbekende waarneming '{oid}'" if oid else "waarneming ontbreekt",
                f"unknown observation '{oid}'" if oid else "observation missing",
            )
            continue
        if not text:
            problem("interpretaties", row, "tekst ontbreekt", "text missing")
            continue
        ref = perspective_ref("interpretaties", row, cells.get("perspectief", ""), True)
        item: dict[str, Any] = {"tekst": text}
        if ref is not None:
            item["perspectief"] = ref
        if oid in known and text in {i.text for i in known[oid].interpretations}:
            unchanged += 1
            continue
        added_interpretations.append((oid, item))

    # change proposals (the file is read only when there is something to add to it)
    stored: list[Proposal] = []
    stored_records: list[dict[str, Any]] = []
    if data.get("verandervoorstellen"):
        stored, stored_records, found = _read_proposals(project, lang, set(views))
        problems.extend(found)
    seen = {(p.perspective, p.text) for p in stored}
    new_proposals: list[Proposal] = []
    for row, cells in data.get("verandervoorstellen", []):
        raw, text = cells.get("perspectief", ""), cells.get("voorstel", "")
        if not raw:
            problem("verandervoorstellen", row, "perspectief ontbreekt", "perspective missing")
        ref = perspective_ref("verandervoorstellen", row, raw, False) if raw else None
        if not text:
            problem("verandervoorstellen", row, "voorstel is leeg", "proposal is empty")
        if not isinstance(ref, int) or ref not in views or not text:
            continue
        if (ref, text) in seen:
            unchanged += 1
            continue
        seen.add((ref, text))
        new_proposals.append(
            Proposal(ref, text, cells.get("wie", ""), cells.get("toelichting", ""), "")
        )

    if problems:
        raise RejectedBatch(problems)

    # the files as they will be
    plan.summary = ImportSummary(
        renamed=[n for n, _ in plan.renames],
        described=[n for n, _ in plan.descriptions],
        unchanged=unchanged,
    )
    if new_obs or added_interpretations:
        for oid, item in added_interpretations:
            target = new_obs.get(oid) or raw_known[oid]
            key = next((k for k in INTERPRETATION_KEYS if k in target), INTERPRETATION_KEYS[0])
            before = target.get(key) or []
            target[key] = [*(before if isinstance(before, list) else [before]), item]
        for record in new_obs.values():
            if not record["interpretaties"]:
                del record["interpretaties"]
        doc = dict(existing_doc)
        doc[list_key] = [*existing, *new_obs.values()]
        head = _leading_comments(catalysis_path)
        text = head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        with tempfile.TemporaryDirectory() as folder:
            draft = Path(folder) / catalysis_path.name  # problems name the file people know
            draft.write_text(text, encoding="utf-8")
            load_catalysis(draft, pattern_ids, numbers, lang)  # what `report` will read
        plan.files.append((catalysis_path, text))
        plan.summary.observations = len(new_obs)
        plan.summary.interpretations = len(added_interpretations)
    if new_proposals:
        titles = {n: v.title(lang) for n, v in views.items()}
        titles.update(dict(plan.renames))
        records = list(stored_records)
        stamp = date.today().isoformat()
        for p in new_proposals:
            records.append(
                _proposal_record(
                    Proposal(p.perspective, p.text, p.who, p.note, titles[p.perspective])
                )
                | {"bron": path.name, "datum": stamp}
            )
        text = "# Verandervoorstellen uit duidingsbijeenkomsten (verhalen workshop import)\n"
        text += yaml.safe_dump(
            {"voorstellen": records}, allow_unicode=True, sort_keys=False, width=100
        )
        plan.files.append((project.root / PROPOSALS_FILE, text))
        plan.summary.proposals = len(new_proposals)
    return plan


def _apply(project: Project, plan: _Plan) -> None:
    """The planned changes, all or none (see `import_results`)."""
    from verhalen.atomic import write_bytes, write_text
    from verhalen.perspectives import set_texts

    written: list[tuple[Path, bytes | None]] = []  # each file written, with what it held before

    def write_files() -> None:
        for target, text in plan.files:
            before = target.read_bytes() if target.is_file() else None
            write_text(target, text)
            written.append((target, before))

    try:
        if plan.renames or plan.descriptions:
            set_texts(project, plan.renames, plan.descriptions, before_commit=write_files)
        else:
            write_files()
    except BaseException:
        for target, before in reversed(written):
            with contextlib.suppress(OSError):  # the first error is the one to report
                if before is None:
                    target.unlink(missing_ok=True)
                else:
                    write_bytes(target, before)
        raise


def _leading_comments(path: Path) -> str:
    """The comment block at the top of a hand-written file, kept when we rewrite it."""
    if not path.is_file():
        return ""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def _proposal_record(p: Proposal) -> dict[str, Any]:
    return {
        "perspectief": p.perspective,
        "titel": p.title,
        "voorstel": p.text,
        "wie": p.who,
        "toelichting": p.note,
    }


def _plain(value: Any) -> Any:
    """A value read with line numbers as plain dicts and lists, to write back as YAML."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _read_proposals(
    project: Project, lang: str, numbers: set[int]
) -> tuple[list[Proposal], list[dict[str, Any]], list[Problem]]:
    """The change proposals file read and checked: the proposals, their records as the file
    holds them (to write back unchanged), and one `Problem` per mistake.

    `numbers` are the active run's perspectives: a proposal about another perspective needs the
    title it had at import (`titel`), or nobody can tell what it was about."""
    from verhalen.catalysis import read_yaml

    path = project.root / PROPOSALS_FILE
    if not path.is_file():
        return [], [], []
    try:
        data = read_yaml(path, lang)
    except RejectedBatch as exc:
        return [], [], list(exc.problems)
    except VerhalenError as exc:  # could not be read
        return [], [], [Problem(path.name, None, str(exc))]
    problems: list[Problem] = []

    def problem(line: int | None, nl: str, en: str) -> None:
        problems.append(Problem(path.name, line, say(lang, nl, en)))

    items: Any = []
    if isinstance(data, dict):
        for key in data:
            if key != "voorstellen":
                problem(
                    getattr(data, "line", None),
                    f"onbekende sleutel '{key}' (verwacht alleen 'voorstellen')",
                    f"unknown key '{key}' (expected only 'voorstellen')",
                )
        items = data.get("voorstellen") or []
    elif data is not None:
        items = None
    if not isinstance(items, list):
        problem(
            getattr(data, "line", None),
            "verwacht 'voorstellen:' met een lijst van voorstellen (perspectief, voorstel, wie, "
            "toelichting)",
            "expected 'voorstellen:' with a list of proposals (perspectief, voorstel, wie, "
            "toelichting)",
        )
        items = []
    lines = getattr(items, "lines", ())
    proposals: list[Proposal] = []
    records: list[dict[str, Any]] = []
    for k, item in enumerate(items or [], 1):
        line = lines[k - 1] if k <= len(lines) else None
        label = say(lang, f"voorstel {k}", f"proposal {k}")
        if not isinstance(item, dict):
            problem(
                line,
                f"{label}: verwacht perspectief, voorstel, wie en toelichting",
                f"{label}: expected perspectief, voorstel, wie and toelichting",
            )
            continue
        line = getattr(item, "line", None) or line
        ok = True
        for key in item:
            if key not in PROPOSAL_KEYS:
                ok = False
                problem(
                    line,
                    f"{label}: onbekende sleutel '{key}' (bekend: {', '.join(PROPOSAL_KEYS)})",
                    f"{label}: unknown key '{key}' (known: {', '.join(PROPOSAL_KEYS)})",
                )
        raw = item.get("perspectief")
        number = int(raw) if isinstance(raw, str) and raw.strip().isdigit() else raw
        title = " ".join(str(item.get("titel") or "").split())
        if raw is None or raw == "":
            ok = False
            problem(line, f"{label}: perspectief ontbreekt", f"{label}: perspectief is missing")
        elif isinstance(number, bool) or not isinstance(number, int):
            ok = False
            problem(
                line,
                f"{label}: perspectief '{raw}' is geen nummer",
                f"{label}: perspectief '{raw}' is not a number",
            )
        elif number not in numbers and not title:
            ok = False
            known = ", ".join(str(n) for n in sorted(numbers)) or "-"
            problem(
                line,
                f"{label}: perspectief {number} bestaat niet (wel: {known}) en er staat geen "
                "titel bij",
                f"{label}: perspective {number} does not exist (known: {known}) and there is "
                "no titel",
            )
        text = " ".join(str(item.get("voorstel") or "").split())
        if not text:
            ok = False
            problem(line, f"{label}: voorstel is leeg", f"{label}: voorstel is empty")
        if not ok:
            continue
        proposals.append(
            Proposal(
                int(number),
                text,
                str(item.get("wie") or ""),
                str(item.get("toelichting") or ""),
                title,
            )
        )
        records.append(_plain(item))
    return proposals, records, problems


def _active_numbers(project: Project) -> set[int]:
    from verhalen.perspectives import perspectives

    with project.store() as store:
        has_run = store.active_run() is not None
    return {v.number for v in perspectives(project)} if has_run else set()


def proposal_problems(project: Project, lang: str | None = None) -> list[Problem]:
    """Every mistake in the change proposals file (verandervoorstellen.yaml), one `Problem`
    (file, line, reason) each; empty when it is fine or there is none. `verhalen doctor` shows
    them; `report` and `workshop import` refuse with the same lines."""
    if not (project.root / PROPOSALS_FILE).is_file():
        return []
    return _read_proposals(project, lang or project.lang, _active_numbers(project))[2]


def _stored_proposals(project: Project) -> list[Proposal]:
    """The stored change proposals; a `RejectedBatch` when the file has mistakes."""
    if not (project.root / PROPOSALS_FILE).is_file():
        return []
    stored, _, problems = _read_proposals(project, project.lang, _active_numbers(project))
    if problems:
        raise RejectedBatch(problems)
    return stored


def change_proposals(project: Project, lang: str | None = None) -> dict[str, list[Proposal]]:
    """The workshop's change proposals per perspective title (the current title when the
    perspective still exists, else the title it had at import), in perspective order."""
    from verhalen.perspectives import assignment, perspectives

    lang = _lang(project, lang)
    stored = _stored_proposals(project)
    if not stored:
        return {}
    views = perspectives(project) if assignment(project) else []
    titles = {v.number: f"{v.number}. {v.title(lang)}" for v in views}
    order = {v.number: k for k, v in enumerate(views)}
    out: dict[str, list[Proposal]] = {}
    for p in sorted(stored, key=lambda p: (order.get(p.perspective, len(order)), p.perspective)):
        key = titles.get(p.perspective) or f"{p.perspective}. {p.title}".rstrip(". ")
        out.setdefault(key, []).append(p)
    return out
