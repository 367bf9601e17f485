"""The catalysis report as data: sections of paragraphs, figures, tables and quotes.

`build.py` decides *what* the report says once; `pdf.py` and `xlsx.py` only decide how it looks.
Keeping the content renderer-free means the PDF and the spreadsheet cannot disagree, and tests can
check the content without parsing a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# -- charts: what to draw, not how (charts.py draws them) ---------------------------------------


@dataclass(frozen=True)
class Bars:
    """Horizontal bars per category; several series side by side (or stacked to 100%)."""

    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    xlabel: str = ""
    stacked: bool = False
    percent: bool = False


@dataclass(frozen=True)
class Boxes:
    """The spread of a number per category (box plots), categories as rows."""

    groups: tuple[tuple[str, tuple[float, ...]], ...]
    xlabel: str = ""


@dataclass(frozen=True)
class Scatter:
    """Two numbers per story."""

    points: tuple[tuple[float, float], ...]
    xlabel: str = ""
    ylabel: str = ""
    note: str = ""  # written in the top left corner, e.g. "ρ = 0,42 · n = 80"


@dataclass(frozen=True)
class Panels:
    """Charts side by side, each with its own title (the glance page)."""

    charts: tuple[tuple[str, Bars], ...]


@dataclass(frozen=True)
class Ternary:
    """A triad: each story a point in a triangle by its three shares, anchors at the corners
    (first at the top, then bottom left, bottom right), one colour per series (group or
    perspective); the series in `grey` (unknown group, fits nowhere) are drawn grey."""

    anchors: tuple[str, str, str]
    series: tuple[tuple[str, tuple[tuple[float, float, float], ...]], ...]
    grey: tuple[int, ...] = ()
    legend_title: str = ""


@dataclass(frozen=True)
class Histograms:
    """One histogram per panel (group), stacked with a shared axis from `lo` to `hi`; bars are
    percentages of the panel's values, a line marks the median; `ends` are written under the
    two ends of the axis (a dyad's anchors, a scale's labels)."""

    panels: tuple[tuple[str, tuple[float, ...]], ...]
    lo: float = 0.0
    hi: float = 100.0
    ends: tuple[str, str] = ("", "")
    xlabel: str = ""
    bins: int = 10


@dataclass(frozen=True)
class Canvas:
    """Stones: one square panel per stone with where the stories placed it, 0–100 on both axes."""

    panels: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    xlabel: str = ""
    ylabel: str = ""


@dataclass(frozen=True)
class Heatmap:
    """A correlation map: ρ of every pair of `labels` (None: not computed), written in the cell."""

    labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]


Chart = Bars | Boxes | Scatter | Panels | Ternary | Histograms | Canvas | Heatmap

# -- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body, lead, note, small, sentence


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    style: str = "body"


@dataclass(frozen=True)
class KeyFigures:
    """Big numbers with a word under each: what a commissioner quotes."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    chart: Chart
    caption: str = ""
    height_cm: float = 6.0


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    numeric: tuple[int, ...] = ()  # columns aligned right
    caption: str = ""


@dataclass(frozen=True)
class Quote:
    """A story, or part of one, as people told it (pseudonymised)."""

    title: str
    text: str
    source: str  # "verhaal 12 · inwoner · sessie 1"
    details: str = ""  # the storyteller's own answers, one line
    style: str = "quote"  # quote (exemplar) or story (appendix)


@dataclass(frozen=True)
class Heading:
    """A heading inside a section that is not itself a section (no table-of-contents entry)."""

    text: str
    note: str = ""  # small grey text after it, e.g. a pattern id


@dataclass(frozen=True)
class KeepTogether:
    blocks: tuple[Block, ...]


Block = Paragraph | Bullets | KeyFigures | Figure | Table | Quote | Heading | KeepTogether


@dataclass
class Section:
    title: str
    key: str  # unique anchor, e.g. "perspective-3"
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    new_page: bool = True
    toc: bool = True


# -- the spreadsheet part ---------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet: a header row and rows of plain values (numbers stay numbers)."""

    name: str
    header: list[str]
    rows: list[list[Any]]
    widths: list[float]  # characters per column
    formats: dict[int, str] = field(default_factory=dict)  # column index -> number format
    table: bool = True  # frozen header and filters; False for stacked blocks ("tabellen")
    bold_rows: set[int] = field(default_factory=set)  # 0-based row indexes shown bold


@dataclass
class Report:
    lang: str
    title: str  # the project's name
    subtitle: str  # "Catalyserapport"
    date: str  # date of the data, as people write it
    cover_lines: list[str]
    contents_title: str
    sections: list[Section]
    sheets: list[Sheet]
    footer: str
    page_word: str  # "pagina" / "page"
    meta: dict[str, str] = field(default_factory=dict)  # PDF document properties
