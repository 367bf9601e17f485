"""Sensemaking-workshop material: story cards, perspective sheets, the results template, import.

Cards and sheets only ever show what people may read (`shown_title`/`shown_text`, the
pseudonymised versions when they exist). The results template is one XLSX that a workshop fills
in; `import_results` checks all of it before anything changes (problems as `file:row: reason`),
then renames and describes perspectives through `verhalen.perspectives` (so history is kept), adds
observations and interpretations to `catalyse.yaml` and change proposals to
`verandervoorstellen.yaml`.
"""

from __future__ import annotations

import os
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
    """Story cards as PDF: A6, four to an A4 page, with cut marks."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph as P

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
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
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
    return path


def write_sheets(
    project: Project, path: Path, perspective: int | None = None, lang: str | None = None
) -> Path:
    """One A4 sheet per perspective: what it is about, two quotes, who tells it, three questions."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T

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
    doc = SimpleDocTemplate(
        str(path),
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
    book.save(path)
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


def _sheet_rows(path: Path, display: str, lang: str) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Every template sheet as (row number, {header: text}) for its non-empty rows."""
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
        raise RejectedBatch([Problem(display, None, f"not a valid .xlsx ({exc})")]) from None
    out: dict[str, list[tuple[int, dict[str, str]]]] = {}
    try:
        names = {n.strip().casefold(): n for n in book.sheetnames}
        for name in TEMPLATE_SHEETS:
            if name not in names:
                continue
            rows = book[names[name]].iter_rows(values_only=True)
            header = [_cell(v).strip().casefold() for v in next(rows, ())]
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
    return out


def _load_yaml(path: Path) -> Any:
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def import_results(project: Project, path: Path) -> ImportSummary:
    """Bring a filled results template back into the project: all of it, or on any problem
    nothing (a `RejectedBatch` with one `file:row: reason` per problem)."""
    from verhalen.catalysis import FILE_NAMES, LIST_KEYS, find_file
    from verhalen.perspectives import assignment, describe, perspectives, rename

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
    renames: list[tuple[int, str]] = []
    descriptions: list[tuple[int, str]] = []
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
        if name and name != view.title(lang) and view.number:
            renames.append((view.number, name))
        if text and text != (view.description or ""):
            descriptions.append((view.number, text))

    # observations and interpretations
    catalysis_path = find_file(project.root) or project.root / FILE_NAMES[0]
    existing_doc = _load_yaml(catalysis_path) or {}
    if not isinstance(existing_doc, dict):
        existing_doc = {}
    list_key = next((k for k in LIST_KEYS if k in existing_doc), LIST_KEYS[0])
    existing = [o for o in (existing_doc.get(list_key) or []) if isinstance(o, dict)]
    known = {str(o.get("id")): o for o in existing}
    new_obs: dict[str, dict[str, Any]] = {}
    unchanged = 0
    for row, cells in data.get("waarnemingen", []):
        oid, text = cells.get("id", ""), cells.get("tekst", "")
        patterns = [p.strip() for p in cells.get("patronen", "").replace(";", ",").split(",")]
        if not oid:
            problem("waarnemingen", row, "id ontbreekt", "id missing")
        if not text:
            problem("waarnemingen", row, "tekst ontbreekt", "text missing")
        if not oid or not text:
            continue
        if oid in new_obs:
            problem("waarnemingen", row, f"id '{oid}' staat er twee keer", f"id '{oid}' twice")
            continue
        record = {"id": oid, "patronen": [p for p in patterns if p], "tekst": text}
        if oid in known:
            old = known[oid]
            old_text = " ".join(str(old.get("tekst") or old.get("text") or "").split())
            if old_text == text:
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
        if oid in known:
            olds = known[oid].get("interpretaties") or known[oid].get("interpretations") or []
            texts = {
                " ".join(str(i.get("tekst") or i.get("text") or "").split())
                for i in olds
                if isinstance(i, dict)
            }
            texts |= {" ".join(str(i).split()) for i in olds if isinstance(i, str)}
            if text in texts:
                unchanged += 1
                continue
        added_interpretations.append((oid, item))

    # change proposals
    proposals_path = project.root / PROPOSALS_FILE
    stored = _stored_proposals(project)
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

    # write: perspectives through the library (history), then the two files, atomically
    summary = ImportSummary(unchanged=unchanged)
    for n, name in renames:
        rename(project, n, name)
        summary.renamed.append(n)
    for n, text in descriptions:
        describe(project, n, text)
        summary.described.append(n)
    if new_obs or added_interpretations:
        for oid, item in added_interpretations:
            target = new_obs.get(oid) or known[oid]
            key = "interpretations" if "interpretations" in target else "interpretaties"
            target.setdefault(key, None)
            target[key] = [*(target[key] or []), item]
        for record in new_obs.values():
            if not record["interpretaties"]:
                del record["interpretaties"]
        doc = dict(existing_doc)
        doc[list_key] = [*existing, *new_obs.values()]
        head = _leading_comments(catalysis_path)
        body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        _write_atomic(catalysis_path, head + body)
        summary.observations = len(new_obs)
        summary.interpretations = len(added_interpretations)
    if new_proposals:
        titles = {n: v.title(lang) for n, v in views.items()}
        titles.update(dict(renames))
        records = [_proposal_record(p) for p in stored]
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
        _write_atomic(proposals_path, text)
        summary.proposals = len(new_proposals)
    return summary


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


def _stored_proposals(project: Project) -> list[Proposal]:
    doc = _load_yaml(project.root / PROPOSALS_FILE) or {}
    items = doc.get("voorstellen") if isinstance(doc, dict) else None
    out = []
    for item in items or []:
        if not isinstance(item, dict) or not str(item.get("perspectief", "")).isdigit():
            continue
        out.append(
            Proposal(
                int(item["perspectief"]),
                str(item.get("voorstel") or ""),
                str(item.get("wie") or ""),
                str(item.get("toelichting") or ""),
                str(item.get("titel") or ""),
            )
        )
    return out


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
