"""The landscape canvas: stories placed on two scale questions by the storytellers' own answers.

Three files: the canvas with small numbered markers (the story numbers, as on the cards), the
same canvas empty for placing by hand, and a legend that maps each number to its title and
group and lists the stories that could not be placed (no answer on one of the axes).

Markers never overlap and never leave the axes. A story goes on its own point when that is
free; stories with the same or nearly the same answers take the nearest free place around their
point (searched on a fine grid, nearest first, then clockwise from the top; lower numbers
first), and a marker moved further than one place gets a thin line to its point. The legend
and the canvas say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import say
from verhalen.kit import KitStory, file_name, fit, kit_stories, page_size, pdf, wrap
from verhalen.project import Project

REACH = 14  # how far (in marker heights) a marker may move from its point
GAP = 0.8  # points between two markers
EDGE = 1.5  # points between a marker and the axes' frame


def scale_questions(project: Project) -> list[Question]:
    return [q for q in project.form.questions if q.type == "scale"]


def _axis(project: Project, option: str, qid: str, lang: str) -> Question:
    allowed = ", ".join(q.id for q in scale_questions(project))
    choose = (
        say(lang, f"kies uit: {allowed}", f"choose from: {allowed}")
        if allowed
        else say(lang, "het formulier heeft geen schaalvragen", "the form has no scale questions")
    )
    q = project.form.get(qid)
    if q is None:
        raise VerhalenError(
            say(lang, f"{option} {qid}: onbekende vraag", f"{option} {qid}: unknown question")
            + f" ({choose})"
        )
    if q.type != "scale":
        raise VerhalenError(
            say(
                lang,
                f"{option} {qid}: geen schaalvraag maar {q.type}",
                f"{option} {qid}: not a scale question but {q.type}",
            )
            + f" ({choose})"
        )
    return q


def check_axes(
    project: Project, x: str | None, y: str | None, lang: str
) -> tuple[Question, Question]:
    """The two axis questions; a missing one is the first other scale question. A question
    that is unknown or no scale, or the same on both axes, is one line naming it."""
    scales = scale_questions(project)
    qx = _axis(project, "--x", x, lang) if x else None
    qy = _axis(project, "--y", y, lang) if y else None
    if qx is None or qy is None:
        taken = {q.id for q in (qx, qy) if q is not None}
        free = [q for q in scales if q.id not in taken]
        if len(free) < 2 - len(taken):
            missing = "--x" if qx is None else "--y"
            raise VerhalenError(
                say(
                    lang,
                    f"{missing}: geen schaalvraag over (het formulier heeft er {len(scales)})",
                    f"{missing}: no scale question left (the form has {len(scales)})",
                )
            )
        qx = qx or free.pop(0)
        qy = qy or free.pop(0)
    if qx.id == qy.id:
        raise VerhalenError(
            say(
                lang,
                f"--x en --y zijn dezelfde vraag ({qx.id}): kies er twee uit "
                + ", ".join(q.id for q in scales),
                f"--x and --y are the same question ({qx.id}): choose two from "
                + ", ".join(q.id for q in scales),
            )
        )
    return qx, qy


# -- placing --------------------------------------------------------------------------------------
@dataclass
class Marker:
    story: KitStory
    vx: float  # the answers
    vy: float
    px: float  # the true point on the page
    py: float
    w: float  # the marker's size
    h: float
    x: float = 0.0  # where the marker is drawn
    y: float = 0.0

    @property
    def moved(self) -> float:
        return math.hypot(self.x - self.px, self.y - self.py)


def _value(q: Question, answers: dict[str, Any]) -> float | None:
    v = answers.get(q.id)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return None
    lo, hi = q.min if q.min is not None else 0, q.max if q.max is not None else 100
    return float(min(max(v, lo), hi))


def _offsets(step: float, reach: float) -> list[tuple[float, float]]:
    """Offsets on a fine square grid around (0, 0) within `reach`: nearest first, then
    clockwise from the top, so the search for a free place is the same on every run."""
    n = int(reach // step)
    points = [
        (i * step, j * step)
        for i in range(-n, n + 1)
        for j in range(-n, n + 1)
        if math.hypot(i, j) * step <= reach
    ]
    points.sort(key=lambda p: (round(math.hypot(*p), 3), math.atan2(p[0], p[1]) % (2 * math.pi)))
    return points


def marker_width(story_id: int, height: float, size: float) -> float:
    """A marker is a pill as high as `height`, as wide as its number needs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from verhalen.report.pdf import FONT, _register_fonts

    _register_fonts()
    return max(height, stringWidth(str(story_id), f"{FONT}-Bold", size) + 6)


def place(
    stories: list[KitStory],
    qx: Question,
    qy: Question,
    lay: Layout,
) -> tuple[list[Marker], list[KitStory]]:
    """Markers for the stories with both answers, and the stories left out.

    An answer maps onto `lay.box` (the scale's ends are its edges); a marker lies wholly
    inside `lay.frame` (the axes) and never overlaps another one."""
    x0, y0, x1, y1 = lay.box
    fx0, fy0, fx1, fy1 = lay.frame
    h = lay.height
    markers, unplaced = [], []
    xlo, xhi = qx.min or 0.0, qx.max if qx.max is not None else 100.0
    ylo, yhi = qy.min or 0.0, qy.max if qy.max is not None else 100.0
    for s in sorted(stories, key=lambda s: s.id):
        vx, vy = _value(qx, s.answers), _value(qy, s.answers)
        if vx is None or vy is None:
            unplaced.append(s)
            continue
        px = x0 + (vx - xlo) / (xhi - xlo) * (x1 - x0)
        py = y0 + (vy - ylo) / (yhi - ylo) * (y1 - y0)
        w = marker_width(s.id, h, lay.font)
        markers.append(Marker(s, vx, vy, px, py, w, h))
    widest = max((m.w for m in markers), default=h)
    cell = widest + GAP  # a coarse grid of placed markers, for fast overlap checks
    grid: dict[tuple[int, int], list[Marker]] = {}

    def free(m: Marker, x: float, y: float) -> bool:
        if not (fx0 + EDGE <= x - m.w / 2 and x + m.w / 2 <= fx1 - EDGE):
            return False
        if not (fy0 + EDGE <= y - h / 2 and y + h / 2 <= fy1 - EDGE):
            return False
        gx, gy = int(x // cell), int(y // cell)
        for i in (gx - 1, gx, gx + 1):
            for j in (gy - 1, gy, gy + 1):
                for o in grid.get((i, j), ()):
                    if abs(x - o.x) < (m.w + o.w) / 2 + GAP and abs(y - o.y) < h + GAP:
                        return False
        return True

    def put(m: Marker, x: float, y: float) -> None:
        m.x, m.y = x, y
        grid.setdefault((int(x // cell), int(y // cell)), []).append(m)

    # first every point's lowest number on its own point, then the rest around them
    first: dict[tuple[float, float], Marker] = {}
    for m in markers:
        first.setdefault((m.px, m.py), m)
    rest = []
    for m in markers:
        if first[(m.px, m.py)] is m and free(m, m.px, m.py):
            put(m, m.px, m.py)
        else:
            rest.append(m)
    offsets = _offsets(h / 4, REACH * h)
    for m in rest:
        for dx, dy in offsets:
            if free(m, m.px + dx, m.py + dy):
                put(m, m.px + dx, m.py + dy)
                break
        else:  # no room nearby: the crowd is too large for the page
            raise VerhalenError(f"story {m.story.id}: no room on the canvas")
    return markers, unplaced


# -- drawing --------------------------------------------------------------------------------------
@dataclass
class Layout:
    size: tuple[float, float]
    frame: tuple[float, float, float, float]  # the axes' rectangle
    box: tuple[float, float, float, float]  # the scales' ends: where answers map onto
    height: float  # of a marker
    font: float  # size of a marker's number
    scale: float


def layout(paper: str) -> Layout:
    size = page_size(paper)
    s = size[0] / 842
    height, font = (12.4, 7.0) if paper == "a4" else (15.0, 8.6)
    left, right, bottom, top = 58 * s, 24 * s, 78 * s, 64 * s
    frame = (left, bottom, size[0] - right, size[1] - top)
    across = marker_width(999, height, font) / 2 + EDGE + 2  # a three-digit number fits
    up = height / 2 + EDGE + 2
    box = (frame[0] + across, frame[1] + up, frame[2] - across, frame[3] - up)
    return Layout(size, frame, box, height, font, s)


def _title(qx: Question, qy: Question, lang: str) -> str:
    return say(lang, "Landschap", "Landscape") + f": {qx.label(lang)} × {qy.label(lang)}"


def _draw_axes(c: Any, lay: Layout, qx: Question, qy: Question, lang: str, head: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.pdf import ACCENT, FONT, INK, MUTED, RULE

    s = lay.scale
    fx0, fy0, fx1, fy1 = lay.frame
    bx0, by0, bx1, by1 = lay.box
    W, H = lay.size
    bold = f"{FONT}-Bold"
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 15 * s)
    c.drawString(fx0, H - 30 * s, fit(_title(qx, qy, lang), bold, 15 * s, W - fx0 - 180 * s))
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 8 * s)
    c.drawRightString(fx1, H - 30 * s, head)
    # the frame, quarter lines and the middle cross
    c.setStrokeColor(HexColor(RULE))
    c.setLineWidth(0.4)
    for k in (1, 3):
        x = bx0 + (bx1 - bx0) * k / 4
        y = by0 + (by1 - by0) * k / 4
        c.setDash(1, 3)
        c.line(x, fy0, x, fy1)
        c.line(fx0, y, fx1, y)
    c.setDash(4, 3)
    c.setLineWidth(0.7)
    c.line((bx0 + bx1) / 2, fy0, (bx0 + bx1) / 2, fy1)
    c.line(fx0, (by0 + by1) / 2, fx1, (by0 + by1) / 2)
    c.setDash()
    c.setStrokeColor(HexColor(INK))
    c.setLineWidth(1)
    c.rect(fx0, fy0, fx1 - fx0, fy1 - fy0)
    # ticks at both ends and the middle, with their values
    c.setFont(FONT, 7 * s)
    c.setFillColor(HexColor(MUTED))
    for q, horizontal in ((qx, True), (qy, False)):
        lo, hi = q.min or 0, q.max if q.max is not None else 100
        for k, v in enumerate((lo, (lo + hi) / 2, hi)):
            text = f"{v:g}"
            if horizontal:
                x = bx0 + (bx1 - bx0) * k / 2
                c.line(x, fy0, x, fy0 - 4)
                c.drawCentredString(x, fy0 - 12 * s, text)
            else:
                y = by0 + (by1 - by0) * k / 2
                c.line(fx0, y, fx0 - 4, y)
                c.drawRightString(fx0 - 6, y - 2.5 * s, text)
    # the x axis: low anchor, question, high anchor
    low, high = qx.labels or ("", "")
    size = 9 * s
    yq = fy0 - 30 * s
    c.setFillColor(HexColor(INK))
    c.setFont(FONT, size)
    lw = c.stringWidth(f"← {low}", FONT, size) if low else 0
    hw = c.stringWidth(f"{high} →", FONT, size) if high else 0
    if low:
        c.drawString(fx0, yq, f"← {low}")
    if high:
        c.drawRightString(fx1, yq, f"{high} →")
    room = (fx1 - fx0) - 2 * max(lw, hw) - 24 * s
    lines = wrap(qx.question_text(lang), bold, size, room, 2)
    c.setFont(bold, size)
    for k, line in enumerate(lines):
        c.drawCentredString((fx0 + fx1) / 2, yq - k * (size + 2), line)
    # the y axis, turned a quarter: low anchor at the bottom, question, high anchor at the top
    low, high = qy.labels or ("", "")
    c.saveState()
    c.translate(fx0 - 30 * s, 0)
    c.rotate(90)
    c.setFont(FONT, size)
    lw = c.stringWidth(f"← {low}", FONT, size) if low else 0
    hw = c.stringWidth(f"{high} →", FONT, size) if high else 0
    if low:
        c.drawString(fy0, 0, f"← {low}")
    if high:
        c.drawRightString(fy1, 0, f"{high} →")
    room = (fy1 - fy0) - 2 * max(lw, hw) - 24 * s
    lines = wrap(qy.question_text(lang), bold, size, room, 2)
    c.setFont(bold, size)
    for k, line in enumerate(lines):
        c.drawCentredString((fy0 + fy1) / 2, k * (size + 2) - (len(lines) - 1) * (size + 2), line)
    c.restoreState()


def _draw_markers(c: Any, lay: Layout, markers: list[Marker]) -> None:
    from reportlab.lib.colors import HexColor, white

    from verhalen.report.pdf import ACCENT, FONT, MUTED

    bold = f"{FONT}-Bold"
    c.setStrokeColor(HexColor(MUTED))
    c.setLineWidth(0.35)
    for m in markers:  # a thin line from a marker moved further than one place to its point
        if abs(m.x - m.px) > m.w * 1.2 or abs(m.y - m.py) > m.h * 1.2:
            c.line(m.px, m.py, m.x, m.y)
    c.setFillColor(HexColor(MUTED))
    for m in markers:
        if m.x != m.px or m.y != m.py:
            c.circle(m.px, m.py, 0.9, stroke=0, fill=1)
    for m in markers:
        c.setFillColor(white)
        c.setStrokeColor(HexColor(ACCENT))
        c.setLineWidth(0.8)
        c.roundRect(m.x - m.w / 2, m.y - m.h / 2, m.w, m.h, m.h / 2, stroke=1, fill=1)
        c.setFillColor(HexColor(ACCENT))
        c.setFont(bold, lay.font)
        c.drawCentredString(m.x, m.y - lay.font * 0.36, str(m.story.id))


def spreading_note(lang: str) -> str:
    return say(
        lang,
        "Nummer = verhaalnummer (zoals op de kaarten). Verhalen met (bijna) dezelfde antwoorden "
        "liggen zo dicht mogelijk rond hun punt (•), het laagste nummer waar het kan op het punt; "
        "een nummer dat verder dan één plaats opschoof, heeft een dun lijntje naar zijn punt.",
        "Number = story number (as on the cards). Stories with (nearly) the same answers lie as "
        "close as they can around their point (•), the lowest number on the point where it fits; a "
        "number moved further than one place has a thin line to its point.",
    )


def write_landscape(
    project: Project,
    folder: Path,
    x: str | None,
    y: str | None,
    *,
    paper: str = "a4",
    lang: str | None = None,
) -> list[Path]:
    """The canvas, the empty canvas and the legend into `folder`; checked before writing."""
    lang = lang or project.lang
    qx, qy = check_axes(project, x, y, lang)
    lay = layout(paper)
    stories = kit_stories(project, lang)
    markers, unplaced = place(stories, qx, qy, lay)
    head = say(
        lang,
        f"{len(markers)} verhalen geplaatst, {len(unplaced)} niet",
        f"{len(markers)} stories placed, {len(unplaced)} not",
    )
    legend_name = file_name("legend", lang)
    paths = [folder / file_name(p, lang) for p in ("landscape", "blank", "legend")]
    with pdf(paths[0], lay.size, _title(qx, qy, lang)) as c:
        _draw_axes(c, lay, qx, qy, lang, head)
        _draw_markers(c, lay, markers)
        _note(c, lay, spreading_note(lang) + " " + say(lang, "Legenda: ", "Legend: ") + legend_name)
        c.showPage()
    with pdf(paths[1], lay.size, _title(qx, qy, lang)) as c:
        _draw_axes(
            c,
            lay,
            qx,
            qy,
            lang,
            say(lang, "tafel / groep: ________________", "table / group: ________________"),
        )
        _note(
            c,
            lay,
            say(
                lang,
                "Leg de kaarten waar de groep ze plaatst, of schrijf hun nummers op die plek. "
                "Maak een foto of noteer per verhaal de plek voordat de kaarten van tafel gaan.",
                "Lay the cards where the group places them, or write their numbers there. "
                "Take a photo or note each story's place before the cards leave the table.",
            ),
        )
        c.showPage()
    _write_legend(paths[2], qx, qy, markers, unplaced, lang, project.name)
    return paths


def _note(c: Any, lay: Layout, text: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.pdf import FONT, MUTED

    s = lay.scale
    c.setFont(FONT, 6.8 * s)
    c.setFillColor(HexColor(MUTED))
    for k, line in enumerate(wrap(text, FONT, 6.8 * s, lay.size[0] - 2 * lay.frame[0], 2)):
        c.drawString(lay.frame[0], 20 * s - k * 8.5 * s, line)


def _write_legend(
    path: Path,
    qx: Question,
    qy: Question,
    markers: list[Marker],
    unplaced: list[KitStory],
    lang: str,
    project_name: str,
) -> None:
    import io

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as P

    from verhalen.atomic import write_bytes
    from verhalen.report.pdf import LIGHT, RULE, _register_fonts, _styles, _text

    _register_fonts()
    st = _styles()
    margin = 1.6 * cm
    frame = A4[0] - 2 * margin

    def axis(q: Question, name: str) -> str:
        low, high = q.labels or ("", "")
        ends = f"{q.min or 0:g} ({low}) – {q.max if q.max is not None else 100:g} ({high})"
        return f"<b>{name}</b>: {_text(q.question_text(lang))} · {_text(ends)}"

    def table(head: list[str], rows: list[list[str]], widths: list[float]) -> Any:
        data = [[P(_text(h), st["cell_head"]) for h in head]]
        data += [[P(_text(v), st["cell"]) for v in row] for row in rows]
        t = LongTable(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor(LIGHT)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return t

    group = say(lang, "groep", "group")
    out: list = [
        P(_text(say(lang, "Legenda bij het landschap", "Landscape legend")), st["h1"]),
        P(axis(qx, say(lang, "Horizontaal", "Across")), st["body"]),
        P(axis(qy, say(lang, "Verticaal", "Up")), st["body"]),
        P(_text(spreading_note(lang)), st["small"]),
        P(_text(project_name), st["small"]),
        Spacer(1, 6),
    ]
    widths = [1.2 * cm, frame - 9.4 * cm, 3.4 * cm, 2.4 * cm, 2.4 * cm]
    rows = [
        [str(m.story.id), m.story.title, m.story.group, f"{m.vx:g}", f"{m.vy:g}"]
        for m in sorted(markers, key=lambda m: m.story.id)
    ]
    out.append(
        table(
            ["#", say(lang, "titel", "title"), group, qx.label(lang), qy.label(lang)], rows, widths
        )
    )
    if unplaced:
        out.append(P(_text(say(lang, "Niet geplaatst", "Not placed")), st["subheading"]))
        out.append(
            P(
                _text(
                    say(
                        lang,
                        "Deze verhalen hebben geen antwoord op een van de twee vragen.",
                        "These stories have no answer to one of the two questions.",
                    )
                ),
                st["small"],
            )
        )
        rows = []
        for s in unplaced:
            missing = [q.label(lang) for q in (qx, qy) if _value(q, s.answers) is None]
            rows.append([str(s.id), s.title, s.group, ", ".join(missing)])
        miss = say(lang, "geen antwoord op", "no answer to")
        out.append(
            table(["#", say(lang, "titel", "title"), group, miss], rows, [*widths[:3], 4.8 * cm])
        )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=say(lang, "Legenda bij het landschap", "Landscape legend"),
        author="verhalen",
        creator="verhalen",
        producer="verhalen",
        invariant=1,
    )
    doc.build(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, buffer.getvalue())
