"""Charts of the report model drawn with matplotlib, as PNG at print resolution.

PNG at 200 dpi is sharp on paper and keeps the PDF small and fast to build; the figure objects are
made without pyplot, so nothing global changes and charts can be drawn in any thread. The same
chart data gives the same bytes (no timestamps or software version in the file).
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter

from verhalen.report.model import Bars, Boxes, Chart, Panels, Scatter

DPI = 200
WIDTH_CM = 16.0
CM = 1 / 2.54
PALETTE = (
    "#2f6f8f",  # blue
    "#e07a5f",  # terracotta
    "#81b29a",  # sage
    "#f2cc8f",  # sand
    "#6d597a",  # plum
    "#5c946e",  # green
    "#b56576",  # rose
    "#8d99ae",  # grey blue
    "#c9a227",  # mustard
    "#4a4e69",  # slate
)
TEXT = "#2b2b2b"
GRID = "#d9d9d9"
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.edgecolor": "#9a9a9a",
    "axes.labelcolor": TEXT,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.0,
    "legend.frameon": False,
    "svg.hashsalt": "verhalen",
}
LABEL_WIDTH = 32  # characters before a category label wraps


def _wrap(label: str, width: int = LABEL_WIDTH) -> str:
    return textwrap.fill(label, width, break_long_words=False) or label


def _lines(labels: tuple[str, ...] | list[str], width: int = LABEL_WIDTH) -> int:
    return max((_wrap(x, width).count("\n") + 1 for x in labels), default=1)


def size_cm(chart: Chart) -> tuple[float, float]:
    """The chart's size on the page: full width, tall enough for its categories."""
    if isinstance(chart, Bars):
        per = 0.42 * _lines(chart.categories) if chart.stacked else 0.3 * len(chart.series) + 0.25
        per = max(per, 0.42 * _lines(chart.categories))
        legend = 0.8 if len(chart.series) > 1 else 0.0
        return WIDTH_CM, min(20.0, 1.3 + legend + per * len(chart.categories))
    if isinstance(chart, Boxes):
        return WIDTH_CM, min(
            20.0, 1.5 + 0.6 * _lines([g for g, _ in chart.groups]) * len(chart.groups)
        )
    if isinstance(chart, Scatter):
        return WIDTH_CM * 0.62, 7.5
    heights = [size_cm(c)[1] for _, c in chart.charts]
    return WIDTH_CM, max(heights) + 0.6


def render(chart: Chart, lang: str = "nl", dpi: int = DPI) -> bytes:
    """PNG bytes (RGB, no alpha) of one chart; axis numbers written as in `lang`."""
    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    width, height = size_cm(chart)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width * CM, height * CM), dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        if isinstance(chart, Panels):
            share = 1 / len(chart.charts)
            for k, (title, bars) in enumerate(chart.charts):
                ax = fig.add_subplot(1, len(chart.charts), k + 1)
                labels = _bars(ax, bars, label_width=22)
                ax.set_title(title, fontsize=8, color=TEXT, loc="left", fontweight="bold")
                _place(fig, ax, labels, (k * share, (k + 1) * share), title=True)
        else:
            ax = fig.add_subplot()
            if isinstance(chart, Bars):
                labels = _bars(ax, chart)
                _place(fig, ax, labels, xlabel=bool(chart.xlabel), legend=len(chart.series) > 1)
            elif isinstance(chart, Boxes):
                labels = _boxes(ax, chart)
                _place(fig, ax, labels, xlabel=bool(chart.xlabel))
            else:
                _scatter(ax, chart)
                _place(fig, ax, ["100"], xlabel=True, ylabel=True)
        for axes in fig.axes:
            _numbers(axes.xaxis, lang)
            if isinstance(chart, Scatter):
                _numbers(axes.yaxis, lang)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _numbers(axis, lang: str) -> None:
    """Tick numbers as people in `lang` write them (2,5 and 1.000 in Dutch); percentages keep
    their own formatter."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    from verhalen.i18n import number

    if not isinstance(axis.get_major_formatter(), ScalarFormatter):
        return

    def tick(x: float, _pos: int) -> str:
        decimals = next((d for d in (0, 1, 2) if abs(x * 10**d - round(x * 10**d)) < 1e-9), 2)
        return number(x, lang, decimals)

    axis.set_major_formatter(FuncFormatter(tick))


def _place(
    fig,
    ax,
    labels: list[str],
    span: tuple[float, float] = (0.0, 1.0),
    *,
    xlabel: bool = False,
    ylabel: bool = False,
    legend: bool = False,
    title: bool = False,
) -> None:
    """Put the axes where its category labels, axis label, legend and title just fit.

    Measuring the labels once is much cheaper than matplotlib's constrained layout, which
    draws the figure several times; charts are the slowest part of the report.
    """
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()
    prop = FontProperties(family=STYLE["font.family"], size=STYLE["font.size"])
    widest = max(
        (
            renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
            for label in labels
            for line in label.split("\n")
        ),
        default=0.0,
    )
    w, h = fig.get_size_inches()
    left = span[0] + (widest / fig.dpi + 0.1 + (0.22 if ylabel else 0.0)) / w
    right = span[1] - 0.24 / w  # room for the last tick label ("100%")
    bottom = (0.24 + (0.17 if xlabel else 0.0)) / h
    top = 1 - (0.07 + (0.26 if legend else 0.0) + (0.22 if title else 0.0)) / h
    ax.set_position((left, bottom, max(0.05, right - left), max(0.05, top - bottom)))


def _percent(value: float) -> str:
    return f"{round(value)}%"


def _count(value: float) -> str:
    return f"{value:g}"


def _bars(ax, chart: Bars, label_width: int = LABEL_WIDTH) -> list[str]:
    cats = list(chart.categories)
    k = len(chart.series)
    show = _percent if chart.percent else _count
    positions = list(range(len(cats)))
    top = max((v for _, vs in chart.series for v in vs), default=0.0)
    if chart.stacked:
        left = [0.0] * len(cats)
        for i, (name, values) in enumerate(chart.series):
            color = PALETTE[i % len(PALETTE)]
            ax.barh(positions, values, left=left, height=0.62, color=color, label=name)
            for y, (x0, v) in enumerate(zip(left, values, strict=True)):
                total = 100.0 if chart.percent else sum(s[1][y] for s in chart.series) or 1.0
                if v / total >= 0.07:
                    ax.text(
                        x0 + v / 2,
                        y,
                        show(v),
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color="white" if i % len(PALETTE) in (0, 4, 5, 6, 9) else TEXT,
                    )
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_xlim(0, 100 if chart.percent else max(left, default=1) or 1)
    else:
        height = 0.8 / k
        for i, (name, values) in enumerate(chart.series):
            ys = [p - 0.4 + height * (i + 0.5) for p in positions]
            color = PALETTE[i % len(PALETTE)]
            ax.barh(ys, values, height=height * 0.92, color=color, label=name)
            for y, v in zip(ys, values, strict=True):
                ax.text(v + (top or 1) * 0.01, y, show(v), va="center", fontsize=6.5, color=TEXT)
        ax.set_xlim(0, (top or 1) * 1.12)
    labels = [_wrap(c, label_width) for c in cats]
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.xaxis.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    if chart.percent:
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0f}%")
    if chart.xlabel:
        ax.set_xlabel(chart.xlabel)
    if k > 1:
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=min(k, 4),
            fontsize=6.5,
            handlelength=1.2,
            borderaxespad=0.2,
        )
    return labels


def _boxes(ax, chart: Boxes) -> list[str]:
    import numpy as np

    groups = [(g, v) for g, v in chart.groups if v]
    labels = [_wrap(g) for g, _ in groups]
    data = [list(v) for _, v in groups]
    ax.boxplot(
        data,
        orientation="horizontal",
        widths=0.55,
        patch_artist=True,
        showfliers=False,
        medianprops={"color": TEXT, "linewidth": 1.2},
        boxprops={"facecolor": "#dbe8ef", "edgecolor": PALETTE[0], "linewidth": 0.8},
        whiskerprops={"color": PALETTE[0], "linewidth": 0.8},
        capprops={"color": PALETTE[0], "linewidth": 0.8},
    )
    rng = np.random.default_rng(0)  # the same jitter every time
    for i, values in enumerate(data, 1):
        ys = i + rng.uniform(-0.14, 0.14, len(values))
        ax.scatter(values, ys, s=5, color=PALETTE[1], alpha=0.55, linewidths=0, zorder=3)
    ax.set_yticks(range(1, len(labels) + 1), labels)
    ax.invert_yaxis()
    ax.xaxis.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    if chart.xlabel:
        ax.set_xlabel(chart.xlabel)
    return labels


def _scatter(ax, chart: Scatter) -> None:
    counts = Counter(chart.points)
    points = sorted(counts)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    sizes = [8 + 10 * (counts[p] - 1) for p in points]
    ax.scatter(xs, ys, s=sizes, color=PALETTE[0], alpha=0.6, linewidths=0)
    ax.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel(chart.xlabel)
    ax.set_ylabel(chart.ylabel)
