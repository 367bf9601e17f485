"""The landscape canvas: stories placed on two questions, or in a triad's triangle, by the
storytellers' own answers.

Three files: the canvas with small numbered markers (the story numbers, as on the cards), the
same canvas empty for placing by hand, and a legend (`landscape_legend`) that maps each number
to its title and group and lists the stories that could not be placed (no answer on one of the
axes, or "not applicable"). Which questions a landscape takes is `landscape_axes`, where the
markers lie `landscape_place`; this module draws. A marker moved further than one place from
its point gets a thin line to it; the legend and the canvas say so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from verhalen.form import Question
from verhalen.i18n import t
from verhalen.kit import file_name, fit, kit_stories, page_size, pdf, wrap
from verhalen.landscape_axes import check_landscape, ends, value_range
from verhalen.landscape_legend import results_note, spreading_note, write_legend
from verhalen.landscape_place import (
    Layout,
    Marker,
    TriLayout,
    layout,
    place,
    place_triad,
    tri_layout,
    tri_point,
)
from verhalen.project import Project


def write_landscape(
    project: Project,
    folder: Path,
    x: str | None,
    y: str | None,
    *,
    triad: str | None = None,
    paper: str = "a4",
    lang: str | None = None,
) -> list[Path]:
    """The canvas, the empty canvas and the legend into `folder`; checked before writing.

    Two questions (`x`, `y`: scales or dyads) give a rectangle, a triad (`triad`, or `x` alone
    naming one) a triangle."""
    lang = lang or project.lang
    page_size(paper, lang=lang)
    qs = check_landscape(project, x, y, triad, lang)
    stories = kit_stories(project, lang)
    draw: Callable[[Any, str], None]
    if len(qs) == 1:
        tri = tri_layout(paper)
        markers, unplaced = place_triad(stories, qs[0], tri, lang=lang)
        size, scale, margin = tri.size, tri.scale, 58 * tri.scale

        def draw(c: Any, head: str) -> None:
            _draw_triangle(c, tri, qs[0], lang, head)

    else:
        lay = layout(paper)
        markers, unplaced = place(stories, qs[0], qs[1], lay, lang=lang)
        size, scale, margin = lay.size, lay.scale, lay.frame[0]

        def draw(c: Any, head: str) -> None:
            _draw_axes(c, lay, qs[0], qs[1], lang, head)

    head = t("kit_placed", lang, placed=len(markers), unplaced=len(unplaced))
    legend_name = file_name("legend", lang)
    paths = [folder / file_name(p, lang) for p in ("landscape", "blank", "legend")]
    font = 7.0 if paper == "a4" else 8.6
    with pdf(paths[0], size, _title(qs, lang)) as c:
        draw(c, head)
        _draw_markers(c, font, markers)
        note = spreading_note(lang) + " " + t("kit_legend_file", lang, file=legend_name)
        _note(c, size, scale, margin, note)
        c.showPage()
    with pdf(paths[1], size, _title(qs, lang)) as c:
        draw(c, t("kit_table_group", lang))
        place_note = t("kit_place_note", lang)
        _note(c, size, scale, margin, place_note + " " + results_note(qs, lang))
        c.showPage()
    write_legend(paths[2], qs, markers, unplaced, lang, project.name)
    return paths


def _title(qs: tuple[Question, ...], lang: str) -> str:
    return t("kit_landscape_title", lang, questions=" × ".join(q.label(lang) for q in qs))


def _draw_axes(c: Any, lay: Layout, qx: Question, qy: Question, lang: str, head: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import ACCENT, FONT, INK, MUTED, RULE

    s = lay.scale
    fx0, fy0, fx1, fy1 = lay.frame
    bx0, by0, bx1, by1 = lay.box
    W, H = lay.size
    bold = f"{FONT}-Bold"
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 15 * s)
    c.drawString(fx0, H - 30 * s, fit(_title((qx, qy), lang), bold, 15 * s, W - fx0 - 180 * s))
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
        lo, hi = value_range(q)
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
    low, high = ends(qx)
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
    low, high = ends(qy)
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


def _note(c: Any, size: tuple[float, float], s: float, left: float, text: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import FONT, MUTED

    c.setFont(FONT, 6.8 * s)
    c.setFillColor(HexColor(MUTED))
    for k, line in enumerate(wrap(text, FONT, 6.8 * s, size[0] - 2 * left, 2)):
        c.drawString(left, 20 * s - k * 8.5 * s, line)


def _draw_triangle(c: Any, lay: TriLayout, q: Question, lang: str, head: str) -> None:
    """The triangle: its frame, the lines where an anchor holds half, the centre, the anchors
    at the corners and the question top left."""
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import ACCENT, FONT, INK, MUTED, RULE

    s = lay.scale
    W, H = lay.size
    left = 58 * s
    bold = f"{FONT}-Bold"
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 15 * s)
    c.drawString(left, H - 30 * s, fit(_title((q,), lang), bold, 15 * s, W - left - 180 * s))
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 8 * s)
    c.drawRightString(W - 24 * s, H - 30 * s, head)
    # the question, top left, and how to read the triangle
    (tx, ty), (lx, ly), (rx, ry) = lay.frame
    room = tx - 190 * s - left  # left of the top anchor's text
    c.setFillColor(HexColor(INK))
    y = H - 52 * s
    for line in wrap(q.question_text(lang), bold, 9.5 * s, room, 4):
        c.setFont(bold, 9.5 * s)
        c.drawString(left, y, line)
        y -= 12 * s
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 7.5 * s)
    how = t("kit_triad_how", lang)
    for line in wrap(how, FONT, 7.5 * s, room, 4):
        y -= 2 * s
        c.drawString(left, y, line)
        y -= 7.5 * s
    # half of each anchor: the lines that cut off each corner's half
    c.setStrokeColor(HexColor(RULE))
    c.setDash(4, 3)
    c.setLineWidth(0.6)
    for i in range(3):
        a, b = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
        a[i] = b[i] = a[(i + 1) % 3] = b[(i + 2) % 3] = 50.0
        p, r = tri_point(lay, *a), tri_point(lay, *b)
        c.line(p[0], p[1], r[0], r[1])
    c.setDash()
    cx, cy = tri_point(lay, 1, 1, 1)
    c.setLineWidth(0.7)
    c.line(cx - 4, cy, cx + 4, cy)
    c.line(cx, cy - 4, cx, cy + 4)
    c.setStrokeColor(HexColor(INK))
    c.setLineWidth(1)
    path = c.beginPath()
    path.moveTo(tx, ty)
    path.lineTo(lx, ly)
    path.lineTo(rx, ry)
    path.close()
    c.drawPath(path, stroke=1, fill=0)
    # the anchors: above the top corner, under the bottom ones
    size = 10 * s
    c.setFillColor(HexColor(INK))
    c.setFont(bold, size)
    top = wrap(q.anchors[0], bold, size, 360 * s, 2)
    for k, line in enumerate(reversed(top)):
        c.drawCentredString(tx, ty + 9 * s + k * (size + 2), line)
    margin = 24 * s
    for (x, y0), anchor, align in (
        (lay.frame[1], q.anchors[1], -1),
        (lay.frame[2], q.anchors[2], 1),
    ):
        width = min(300 * s, 2 * (x - margin) if align < 0 else 2 * (W - margin - x))
        for k, line in enumerate(wrap(anchor, bold, size, width, 3)):
            w = c.stringWidth(line, bold, size)
            start = min(max(x - w / 2, margin), W - margin - w)
            c.drawString(start, y0 - 15 * s - k * (size + 2), line)


def _draw_markers(c: Any, font: float, markers: list[Marker]) -> None:
    from reportlab.lib.colors import HexColor, white

    from verhalen.report.theme import ACCENT, FONT, MUTED

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
        c.setFont(bold, font)
        c.drawCentredString(m.x, m.y - font * 0.36, str(m.story.id))
