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

Progress = Callable[[int, int, str], None]

INK = "#222222"
MUTED = "#6b6b6b"
ACCENT = "#2f6f8f"
LIGHT = "#eef4f7"
RULE = "#c8d3da"
FONT = "DejaVuSans"


def _register_fonts() -> None:
    """DejaVu Sans from matplotlib's data folder, registered once per process."""
    from matplotlib import get_data_path
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(get_data_path()) / "fonts" / "ttf"
    faces = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Oblique")
    addMapping(FONT, 1, 1, f"{FONT}-BoldOblique")


def _styles() -> dict:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    ink, muted, accent = HexColor(INK), HexColor(MUTED), HexColor(ACCENT)
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=9.5, leading=14, textColor=ink, spaceAfter=5
    )
    bold = f"{FONT}-Bold"
    return {
        "body": base,
        "lead": ParagraphStyle("lead", base, fontSize=10.5, leading=15.5, spaceAfter=7),
        "note": ParagraphStyle("note", base, fontName=f"{FONT}-Oblique", textColor=muted),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10.5, textColor=muted),
        "source": ParagraphStyle(
            "source", base, fontSize=7.5, leading=10.5, textColor=muted, keepWithNext=1
        ),
        "sentence": ParagraphStyle("sentence", base, fontSize=10, leading=14.5, spaceAfter=4),
        "subheading": ParagraphStyle(
            "subheading",
            base,
            fontName=bold,
            fontSize=10,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            textColor=accent,
            keepWithNext=1,
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=bold,
            fontSize=20,
            leading=25,
            spaceAfter=12,
            textColor=accent,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=bold,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            textColor=ink,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=bold,
            fontSize=11,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle("bullet", base, leftIndent=13, bulletIndent=2, spaceAfter=3),
        "bullet_small": ParagraphStyle(
            "bullet_small",
            base,
            fontSize=8.5,
            leading=12,
            leftIndent=13,
            bulletIndent=2,
            spaceAfter=2,
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10.5, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "cell_right", base, fontSize=8, leading=10.5, spaceAfter=0, alignment=TA_RIGHT
        ),
        "cell_head": ParagraphStyle(
            "cell_head", base, fontName=bold, fontSize=8, leading=10.5, spaceAfter=0
        ),
        "figure": ParagraphStyle(
            "figure", base, fontName=bold, fontSize=20, leading=24, textColor=accent, spaceAfter=0
        ),
        "figure_label": ParagraphStyle(
            "figure_label", base, fontSize=8.5, leading=11, textColor=muted, spaceAfter=0
        ),
        "quote_title": ParagraphStyle(
            "quote_title", base, fontName=bold, fontSize=9.5, leading=13, spaceAfter=3
        ),
        "quote": ParagraphStyle("quote", base, fontSize=9, leading=13, spaceAfter=4),
        "story_title": ParagraphStyle(
            "story_title",
            base,
            fontName=bold,
            fontSize=10,
            leading=13.5,
            spaceBefore=9,
            spaceAfter=1,
            keepWithNext=1,
        ),
        "story": ParagraphStyle("story", base, fontSize=8.5, leading=12, spaceAfter=3),
        "cover_title": ParagraphStyle(
            "cover_title",
            base,
            fontName=bold,
            fontSize=30,
            leading=36,
            textColor=accent,
            spaceAfter=10,
        ),
        "cover_subtitle": ParagraphStyle(
            "cover_subtitle", base, fontSize=16, leading=21, spaceAfter=26
        ),
        "cover_date": ParagraphStyle(
            "cover_date", base, fontName=bold, fontSize=11, leading=15, spaceAfter=18
        ),
        "cover_line": ParagraphStyle(
            "cover_line", base, fontSize=10, leading=15, spaceAfter=8, textColor=ink
        ),
        "toc0": ParagraphStyle(
            "toc0",
            base,
            fontName=bold,
            fontSize=10,
            leading=15,
            spaceBefore=5,
            leftIndent=0,
            firstLineIndent=0,
        ),
        "toc1": ParagraphStyle(
            "toc1", base, fontSize=9, leading=12.5, leftIndent=14, firstLineIndent=0
        ),
    }


def _text(text: str) -> str:
    """User text as reportlab markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def _paragraphs(text: str, style) -> list:
    """A story's paragraphs (blank lines) as separate flowables, so long stories can break."""
    from reportlab.platypus import Paragraph as P

    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [P(_text(p), style) for p in parts if p]


class _Renderer:
    def __init__(self, report: Report, progress: Progress | None):
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm

        self.report = report
        self.styles = _styles()
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
            return [P(_text(b.text), s.get(b.style, s["body"]))]
        if isinstance(b, Bullets):
            style = s["bullet_small"] if b.style == "small" else s["bullet"]
            return [P(_text(item), style, bulletText="•") for item in b.items]
        if isinstance(b, Heading):
            note = (
                f' <font size="7.5" color="{MUTED}" face="{FONT}">{escape(b.note)}</font>'
                if b.note
                else ""
            )
            return [P(_text(b.text) + note, s["h3"])]
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
            out.append(P(_text(b.caption), self.styles["small"]))
        return out

    def table(self, b: Table) -> list:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Table as T
        from reportlab.platypus import TableStyle

        s = self.styles
        total = sum(b.widths)
        widths = [self.frame_width * w / total for w in b.widths]
        head = [P(_text(h), s["cell_head"]) for h in b.header]
        rows = [
            [
                P(_text(v), s["cell_right"] if i in b.numeric else s["cell"])
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
            out.append(P(_text(b.caption), s["small"]))
        return out

    def quote(self, b: Quote) -> list:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Paragraph as P
        from reportlab.platypus import Spacer, TableStyle
        from reportlab.platypus import Table as T

        s = self.styles
        if b.style == "story":
            out: list = [P(_text(b.title), s["story_title"]), P(_text(b.source), s["source"])]
            out += _paragraphs(b.text, s["story"])
            if b.details:
                out.append(P(_text(b.details), s["small"]))
            out.append(Spacer(1, 4))
            return out
        inner = [P(_text(b.title), s["quote_title"])]
        inner += _paragraphs(b.text, s["quote"])
        inner.append(P(_text(b.source), s["small"]))
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
            _text(section.title),
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
            P(_text(r.title), s["cover_title"]),
            P(_text(r.subtitle), s["cover_subtitle"]),
            P(_text(r.date), s["cover_date"]),
        ]
        out += [P(_text(line), s["cover_line"]) for line in r.cover_lines]
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
            P(_text(self.report.contents_title), self.styles["h1"]),
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

    _register_fonts()
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
