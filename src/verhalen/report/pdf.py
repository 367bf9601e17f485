"""The report model typeset as PDF with reportlab's platypus.

DejaVu Sans (shipped with matplotlib, so charts and text share one typeface and every machine
has it) covers Dutch and the statistics' symbols (χ², ρ, ε², −). The document is built twice
(`multiBuild`) so the table of contents knows its page numbers, and with `invariant` so the same
report gives the same file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from verhalen.atomic import write_bytes
from verhalen.report import charts
from verhalen.report.model import (
    Block,
    Bullets,
    Figure,
    Heading,
    KeepTogether,
    KeyFigures,
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
)
from verhalen.report.theme import (
    ACCENT,
    FONT,
    LIGHT,
    MUTED,
    RULE,
    markup,
    register_fonts,
    styles,
)

Progress = Callable[[int, int, str], None]


def _paragraphs(text: str, style) -> list:
    """A story's paragraphs (blank lines) as separate flowables, so long stories can break."""
    from reportlab.platypus import Paragraph as P

    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [P(markup(p), style) for p in parts if p]


class _Renderer:
    def __init__(self, report: Report, progress: Progress | None):
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm

        self.report = report
        self.styles = styles()
        self.progress = progress
        self.page_width, self.page_height = A4
        self.margin = 2.2 * cm
        self.frame_width = self.page_width - 2 * self.margin
        self.charts_total = count_figures(report)
        self.charts_done = 0
        self.passes = 0  # layout passes started; charts are drawn from the second one

    # -- blocks -------------------------------------------------------------------------------

    def block(self, b: Block) -> list:
        from reportlab.platypus import KeepTogether as KT
        from reportlab.platypus import Paragraph as P

        s = self.styles
        if isinstance(b, Paragraph):
            return [P(markup(b.text), s.get(b.style, s["body"]))]
        if isinstance(b, Bullets):
            style = s["bullet_small"] if b.style == "small" else s["bullet"]
            return [P(markup(item), style, bulletText="•") for item in b.items]
        if isinstance(b, Heading):
            note = (
                f' <font size="7.5" color="{MUTED}" face="{FONT}">{escape(b.note)}</font>'
                if b.note
                else ""
            )
            return [P(markup(b.text) + note, s["h3"])]
        if isinstance(b, KeyFigures):
            return [self.key_figures(b)]
        if isinstance(b, Figure):
            return self.figure(b)
        if isinstance(b, Table):
            return self.table(b)
        if isinstance(b, Quote):
            return self.quote(b)
        if isinstance(b, KeepTogether):
            inner = [f for x in b.blocks for f in self.block(x)]
            return [KT(inner)]
        raise TypeError(type(b))

    def key_figures(self, b: KeyFigures):
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Table as T
        from reportlab.platypus import TableStyle

        s = self.styles
        cells = [[P(escape(n), s["figure"]), P(escape(w), s["figure_label"])] for n, w in b.items]
        width = self.frame_width / max(1, len(cells))
        table = T([cells], colWidths=[width] * len(cells))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), HexColor(LIGHT)),
                    ("LINEAFTER", (0, 0), (-2, -1), 2, HexColor("#ffffff")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        table.spaceAfter = 10
        return table

    def figure(self, b: Figure) -> list:
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph as P

        png = charts.render(b.chart, self.report.lang)
        self.charts_done += 1
        if self.progress:
            self.progress(self.charts_done, self.charts_total, "chart")
        width, height = charts.size_cm(b.chart)
        out: list = [_chart(png, width * cm, height * cm, self)]
        if b.caption:
            out.append(P(markup(b.caption), self.styles["small"]))
        return out

    def table(self, b: Table) -> list:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Table as T
        from reportlab.platypus import TableStyle

        s = self.styles
        total = sum(b.widths)
        widths = [self.frame_width * w / total for w in b.widths]
        head = [P(markup(h), s["cell_head"]) for h in b.header]
        rows = [
            [
                P(markup(v), s["cell_right"] if i in b.numeric else s["cell"])
                for i, v in enumerate(row)
            ]
            for row in b.rows
        ]
        table = T([head, *rows], colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, HexColor(ACCENT)),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, HexColor(RULE)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out: list = [table]
        if b.caption:
            out.append(P(markup(b.caption), s["small"]))
        return out

    def quote(self, b: Quote) -> list:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Spacer, TableStyle
        from reportlab.platypus import Table as T

        s = self.styles
        if b.style == "story":
            out: list = [P(markup(b.title), s["story_title"]), P(markup(b.source), s["source"])]
            out += _paragraphs(b.text, s["story"])
            if b.details:
                out.append(P(markup(b.details), s["small"]))
            out.append(Spacer(1, 4))
            return out
        inner = [P(markup(b.title), s["quote_title"])]
        inner += _paragraphs(b.text, s["quote"])
        inner.append(P(markup(b.source), s["small"]))
        table = T([[inner]], colWidths=[self.frame_width])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), HexColor(LIGHT)),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, HexColor(ACCENT)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        table.spaceAfter = 8
        return [table]

    # -- structure ----------------------------------------------------------------------------

    def section(self, section: Section, level: int) -> list:
        from reportlab.platypus import PageBreak

        style = self.styles[("h1", "h2", "h3")[min(level, 2)]]
        out: list = []
        if section.new_page:
            out.append(PageBreak())
        heading = _heading(
            markup(section.title),
            style,
            level if section.toc and level < 2 else None,
            min(level, 2),
            section.title,
            section.key,
        )
        out.append(heading)
        for b in section.blocks:
            out += self.block(b)
        for sub in section.sections:
            out += self.section(sub, level + 1)
        return out

    def cover(self) -> list:
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Spacer

        s = self.styles
        r = self.report
        out: list = [
            Spacer(1, 5.5 * cm),
            P(markup(r.title), s["cover_title"]),
            P(markup(r.subtitle), s["cover_subtitle"]),
            P(markup(r.date), s["cover_date"]),
        ]
        out += [P(markup(line), s["cover_line"]) for line in r.cover_lines]
        return out

    def contents(self) -> list:
        from reportlab.platypus import NextPageTemplate, PageBreak
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [self.styles["toc0"], self.styles["toc1"]]
        return [
            NextPageTemplate("page"),
            PageBreak(),
            P(markup(self.report.contents_title), self.styles["h1"]),
            toc,
        ]

    def story(self) -> list:
        out = self.cover() + self.contents()
        for section in self.report.sections:
            out += self.section(section, 0)
        return out


def _chart(png: bytes, width: float, height: float, renderer: _Renderer):
    """A chart image that is placed in every layout pass but drawn only from the second one:
    the first pass only counts pages for the contents, and decoding and compressing every
    image twice cost more than all the text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Flowable

    class Chart(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return width, height

        def draw(self) -> None:
            if renderer.passes >= 2:
                self.canv.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width, height)

    chart = Chart()
    chart.hAlign = "LEFT"
    return chart


def count_figures(report: Report) -> int:
    """Charts in the report: the progress bar counts them."""

    def blocks(bs) -> int:
        n = 0
        for b in bs:
            if isinstance(b, Figure):
                n += 1
            elif isinstance(b, KeepTogether):
                n += blocks(b.blocks)
        return n

    def section(s: Section) -> int:
        return blocks(s.blocks) + sum(section(x) for x in s.sections)

    return sum(section(s) for s in report.sections)


def _heading(text: str, style, toc_level: int | None, outline_level: int, plain: str, key: str):
    """A section heading that the document hook puts in the contents and the PDF outline."""
    from reportlab.platypus import Paragraph as P

    paragraph = P(text, style)
    paragraph.toc_level = toc_level
    paragraph.outline_level = outline_level
    paragraph.toc_text = plain
    paragraph.toc_key = key
    return paragraph


def write_pdf(report: Report, path: Path, progress: Progress | None = None) -> Path:
    """Typeset the report to `path`."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    renderer = _Renderer(report, progress)
    margin = renderer.margin
    width, height = renderer.page_width, renderer.page_height

    def cover_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(HexColor(ACCENT))
        canvas.rect(0, height - 3.2 * margin, width, 3.2 * margin, stroke=0, fill=1)
        canvas.restoreState()

    def normal_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(margin, margin * 0.75, width - margin, margin * 0.75)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(HexColor(MUTED))
        canvas.drawString(margin, margin * 0.5, report.footer)
        canvas.drawRightString(
            width - margin, margin * 0.5, f"{report.page_word} {canvas.getPageNumber()}"
        )
        canvas.restoreState()

    class Doc(BaseDocTemplate):
        def beforeDocument(self) -> None:  # reportlab's hook: one call per layout pass
            renderer.passes += 1

        def afterFlowable(self, flowable) -> None:
            key = getattr(flowable, "toc_key", None)
            if key is None:
                return
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.toc_text, key, level=flowable.outline_level, closed=True
            )
            level = flowable.toc_level
            if level is not None:
                self.notify("TOCEntry", (level, escape(flowable.toc_text), self.page, key))

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc = Doc(
        buffer,  # in memory, written whole by write_bytes (verhalen.atomic)
        pagesize=(width, height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=report.meta.get("title", report.title),
        subject=report.meta.get("subject", ""),
        author="verhalen",
        creator="verhalen",
        producer="verhalen",
        invariant=1,
        lang=report.lang,
    )
    frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="body")
    doc.addPageTemplates(
        [
            PageTemplate("cover", [frame], onPage=cover_page),
            PageTemplate("page", [frame], onPage=normal_page),
        ]
    )
    doc.multiBuild(renderer.story())
    write_bytes(path, buffer.getvalue())
    return path
