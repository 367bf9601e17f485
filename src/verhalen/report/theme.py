"""The look shared by everything verhalen prints: colours, typeface, paragraph styles.

The report (`report/pdf.py`) and the workshop material (`workshop/`, the kit) draw with the
same theme, so a card and a report page look like one project; it lives apart from both so that
neither imports the other's internals.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

INK = "#222222"
MUTED = "#6b6b6b"
ACCENT = "#2f6f8f"
LIGHT = "#eef4f7"
RULE = "#c8d3da"
FONT = "DejaVuSans"


def register_fonts() -> None:
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


def styles() -> dict:
    """The named paragraph styles of report and workshop material, in the theme's font."""
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


def markup(text: str) -> str:
    """User text as reportlab markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")
