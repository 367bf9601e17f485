"""Charts of the report model drawn with matplotlib, as PNG at print resolution.

PNG at 200 dpi is sharp on paper and keeps the PDF small and fast to build; the figure objects are
made without pyplot, so nothing global changes and charts can be drawn in any thread. The same
chart data gives the same bytes (no timestamps or software version in the file).
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter

from verhalen.report.model import (
    Bars,
    Boxes,
    Canvas,
    Chart,
    Heatmap,
    Histograms,
    Panels,
    Scatter,
    Ternary,
)

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
SCATTER_X_WRAP, SCATTER_Y_WRAP = 70, 44  # characters per line of a scatter's axis labels
GREY = "#b5b5b5"  # unknown group, fits nowhere
TRIANGLE_CM = 8.6  # the square a ternary plot is drawn in
TOP_WRAP, CORNER_WRAP = 34, 19  # characters per line of a triad's anchors: top, bottom corners
PANEL_CM = 1.45  # the height of one histogram of a set
PANEL_GAP_CM = 0.55  # above each histogram: its title
STONES_PER_ROW = 3
STONE_ROW_CM = 6.0  # a row of stones: two title lines, the square, the axis label


def wrap_label(label: str, width: int = LABEL_WIDTH) -> str:
    return textwrap.fill(label, width, break_long_words=False) or label


def _lines(labels: tuple[str, ...] | list[str], width: int = LABEL_WIDTH) -> int:
    return max((wrap_label(x, width).count("\n") + 1 for x in labels), default=1)


def size_cm(chart: Chart) -> tuple[float, float]:
    """The chart's size on the page: full width, tall enough for its categories."""
    if hasattr(chart, "draw"):  # a chart that draws itself (report/landscape_chapter.py)
        return chart.size_cm()
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
    if isinstance(chart, Ternary):
        return (WIDTH_CM if _legend(chart) else TRIANGLE_CM), TRIANGLE_CM
    if isinstance(chart, Histograms):
        ends = max(wrap_label(e, 30).count("\n") + 1 for e in chart.ends) if any(chart.ends) else 0
        bottom = 0.75 + 0.34 * ends + (0.35 if chart.xlabel else 0.0)
        return WIDTH_CM * 0.8, 0.2 + (PANEL_CM + PANEL_GAP_CM) * len(chart.panels) + bottom
    if isinstance(chart, Canvas):
        rows = -(-len(chart.panels) // STONES_PER_ROW)
        return WIDTH_CM, rows * STONE_ROW_CM + 0.1
    if isinstance(chart, Heatmap):
        k = len(chart.labels)
        cell = min(1.25, 9.0 / max(k, 1))
        return min(WIDTH_CM, 6.6 + k * cell + 1.6), 1.3 + k * cell
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
        if hasattr(chart, "draw"):  # a chart that draws itself (report/landscape_chapter.py)
            chart.draw(fig, lang)
        elif isinstance(chart, Ternary):
            _ternary(fig, chart, lang)
        elif isinstance(chart, Histograms):
            _histograms(fig, chart, lang)
        elif isinstance(chart, Canvas):
            _canvas(fig, chart)
        elif isinstance(chart, Heatmap):
            _heatmap(fig, chart, lang)
        elif isinstance(chart, Panels):
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
                _place(
                    fig,
                    ax,
                    ["100"],
                    xlabel=True,
                    ylabel=True,
                    more_x=wrap_label(chart.xlabel, SCATTER_X_WRAP).count("\n"),
                    more_y=wrap_label(chart.ylabel, SCATTER_Y_WRAP).count("\n"),
                )
        for axes in fig.axes:
            number_axis(axes.xaxis, lang)
            if isinstance(chart, Scatter | Canvas):
                number_axis(axes.yaxis, lang)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def number_axis(axis, lang: str) -> None:
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
    more_x: int = 0,
    more_y: int = 0,
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
    left = span[0] + (widest / fig.dpi + 0.1 + (0.22 if ylabel else 0.0) + 0.13 * more_y) / w
    right = span[1] - 0.24 / w  # room for the last tick label ("100%")
    bottom = (0.24 + (0.17 if xlabel else 0.0) + 0.13 * more_x) / h
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
    labels = [wrap_label(c, label_width) for c in cats]
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
    labels = [wrap_label(g) for g, _ in groups]
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
    ax.set_xlabel(wrap_label(chart.xlabel, SCATTER_X_WRAP))  # long labels of signifier parts
    ax.set_ylabel(wrap_label(chart.ylabel, SCATTER_Y_WRAP))
    if chart.note:
        ax.text(
            0.02,
            0.98,
            chart.note,
            transform=ax.transAxes,
            va="top",
            fontsize=7,
            color=TEXT,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5},
        )


# -- signifiers ----------------------------------------------------------------------------------


def _legend(chart: Ternary) -> bool:
    return len(chart.series) > 1 or any(name for name, _ in chart.series)


def _series_color(chart: Ternary, i: int) -> str:
    if i in chart.grey:
        return GREY
    rank = sum(1 for k in range(i) if k not in chart.grey)
    return PALETTE[rank % len(PALETTE)]


def _ternary(fig, chart: Ternary, lang: str) -> None:
    """The triangle, the zone borders faint, the anchors at the corners (wrapped to fit), each
    story a dot at its barycentric position; the legend to the right."""
    from verhalen.signifiers import CORNERS, HEIGHT, ternary_xy, zone_lines

    w, h = fig.get_size_inches()
    side = TRIANGLE_CM * CM
    ax = fig.add_axes((0.0, 0.0, side / w, side / h))
    lo_x, hi_x, lo_y = -0.17, 1.17, -0.245  # room for the anchors around the triangle
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(lo_y, lo_y + (hi_x - lo_x))
    ax.set_axis_off()
    top, left, right = CORNERS
    ax.fill(
        [top[0], left[0], right[0]],
        [top[1], left[1], right[1]],
        facecolor="#f7f9fa",
        edgecolor="#8a8a8a",
        linewidth=0.8,
        zorder=1,
    )
    for (x0, y0), (x1, y1) in zone_lines():
        ax.plot([x0, x1], [y0, y1], color="#c9c9c9", linewidth=0.5, linestyle=(0, (3, 2)), zorder=2)
    anchors = chart.anchors
    ax.text(
        0.5,
        HEIGHT + 0.035,
        wrap_label(anchors[0], TOP_WRAP),
        ha="center",
        va="bottom",
        fontsize=7.5,
        fontweight="bold",
        color=TEXT,
        linespacing=1.15,
    )
    ax.text(
        -0.05,
        -0.04,
        wrap_label(anchors[1], CORNER_WRAP),
        ha="left",
        va="top",
        fontsize=7.5,
        fontweight="bold",
        color=TEXT,
        linespacing=1.15,
    )
    ax.text(
        1.05,
        -0.04,
        wrap_label(anchors[2], CORNER_WRAP),
        ha="right",
        va="top",
        fontsize=7.5,
        fontweight="bold",
        color=TEXT,
        linespacing=1.15,
    )
    handles = []
    for i, (name, points) in enumerate(chart.series):
        color = _series_color(chart, i)
        xy = [ternary_xy(p) for p in points]
        handle = ax.scatter(
            [x for x, _ in xy],
            [y for _, y in xy],
            s=11,
            color=color,
            alpha=0.7,
            edgecolors="white",
            linewidths=0.3,
            zorder=3 if i not in chart.grey else 2.5,
            label=wrap_label(name, 40),
        )
        handles.append(handle)
    if _legend(chart):
        fig.legend(
            handles=handles,
            loc="center left",
            bbox_to_anchor=((side + 0.2 * CM) / w, 0.5),
            fontsize=7,
            title=chart.legend_title or None,
            title_fontsize=7.5,
            alignment="left",
            handletextpad=0.3,
            labelspacing=0.6,
            markerscale=1.6,
        )


def _histograms(fig, chart: Histograms, lang: str) -> None:
    """One histogram per panel, stacked, shared axis, percentages, median marked."""
    import numpy as np
    from matplotlib.ticker import FuncFormatter

    w, h = fig.get_size_inches()
    ends = max(wrap_label(e, 30).count("\n") + 1 for e in chart.ends) if any(chart.ends) else 0
    bottom = (0.75 + 0.34 * ends + (0.35 if chart.xlabel else 0.0)) * CM
    panel, gap = PANEL_CM * CM, PANEL_GAP_CM * CM
    left, right = 0.75 / w, 1 - 0.25 / w
    edges = np.linspace(chart.lo, chart.hi, chart.bins + 1)
    shares = []
    for _, values in chart.panels:
        counts, _ = np.histogram(np.asarray(values, dtype=float), bins=edges)
        shares.append(100 * counts / max(1, len(values)))
    top_share = max((float(s.max()) for s in shares if len(s)), default=0.0) or 1.0
    axes = []
    for k, ((title, values), share) in enumerate(zip(chart.panels, shares, strict=True)):
        y0 = bottom + (len(chart.panels) - 1 - k) * (panel + gap)
        ax = fig.add_axes((left, y0 / h, right - left, panel / h))
        ax.bar(
            edges[:-1],
            share,
            width=np.diff(edges),
            align="edge",
            color=PALETTE[0],
            edgecolor="white",
            linewidth=0.5,
        )
        if values:
            median = float(np.median(values))
            ax.axvline(median, color=PALETTE[1], linewidth=1.1)
        ax.set_xlim(chart.lo, chart.hi)
        if _unit_bins(chart):  # a scale of whole numbers: one bar per answer, ticks under them
            ax.set_xticks(np.arange(chart.lo + 0.5, chart.hi, 1.0))
        ax.set_ylim(0, top_share * 1.15)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}%"))
        ax.yaxis.set_major_locator(_few_ticks())
        ax.yaxis.grid(True, color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
        ax.text(
            0.0,
            1.04,
            title,
            transform=ax.transAxes,
            fontsize=7.5,
            fontweight="bold",
            color=TEXT,
            va="bottom",
        )
        if k < len(chart.panels) - 1:
            ax.tick_params(labelbottom=False)
        axes.append(ax)
    last = axes[-1]
    if chart.xlabel:
        last.set_xlabel(chart.xlabel)
    if any(chart.ends):  # under the tick numbers
        offset = -0.5 * CM / panel - (0.35 * CM / panel if chart.xlabel else 0.0)
        for x, end, align in ((0.0, chart.ends[0], "left"), (1.0, chart.ends[1], "right")):
            last.text(
                x,
                offset,
                wrap_label(end, 30),
                transform=last.transAxes,
                ha=align,
                va="top",
                fontsize=7,
                fontstyle="italic",
                color=TEXT,
            )


def _unit_bins(chart: Histograms) -> bool:
    return chart.bins <= 12 and abs((chart.hi - chart.lo) / chart.bins - 1) < 1e-9


def _few_ticks():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=3, integer=True)


def _canvas(fig, chart: Canvas) -> None:
    """Stones: one square panel per stone, 0–100 on both axes, three to a row."""
    w, h = fig.get_size_inches()
    size = 4.0 * CM
    for k, (title, points) in enumerate(chart.panels):
        row, col = divmod(k, STONES_PER_ROW)
        x0 = (1.2 + col * 5.1) * CM
        y0 = h - row * STONE_ROW_CM * CM - 1.0 * CM - size  # two title lines above
        ax = fig.add_axes((x0 / w, y0 / h, size / w, size / h))
        counts = Counter((float(x), float(y)) for x, y in points)
        spots = sorted(counts)
        ax.scatter(
            [x for x, _ in spots],
            [y for _, y in spots],
            s=[9 + 8 * (counts[p] - 1) for p in spots],
            color=PALETTE[k % len(PALETTE)],
            alpha=0.65,
            linewidths=0,
        )
        ax.set_xlim(-3, 103)
        ax.set_ylim(-3, 103)
        ax.set_xticks((0, 50, 100))
        ax.set_yticks((0, 50, 100))
        ax.grid(True, color=GRID, linewidth=0.5)
        ax.set_axisbelow(True)
        ax.set_title(wrap_label(title, 26), fontsize=7.5, fontweight="bold", color=TEXT, loc="left")
        ax.set_xlabel(wrap_label(chart.xlabel, 34))
        ax.set_ylabel(wrap_label(chart.ylabel, 30))


def _heatmap(fig, chart: Heatmap, lang: str) -> None:
    """Spearman's ρ of every pair, blue for together, red for opposite; rows named in full,
    columns by number."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    from verhalen.patterns import signed

    w, h = fig.get_size_inches()
    k = len(chart.labels)
    cell = min(1.25, 9.0 / max(k, 1)) * CM
    left = 6.6 * CM
    ax = fig.add_axes((left / w, 0.25 * CM / h, k * cell / w, k * cell / h))
    grid = np.array([[np.nan if v is None else v for v in row] for row in chart.values])
    cmap = LinearSegmentedColormap.from_list("rho", ("#b5473a", "#f7f7f7", PALETTE[0]))
    cmap = cmap.with_extremes(bad="#eeeeee")
    image = ax.imshow(grid, cmap=cmap, vmin=-1, vmax=1, aspect="equal")
    for i in range(k):
        for j in range(k):
            v = chart.values[i][j]
            if v is None:
                continue
            ax.text(
                j,
                i,
                signed(v, lang, 2),
                ha="center",
                va="center",
                fontsize=6.5 if k < 8 else 5.5,
                color="white" if abs(v) > 0.55 else TEXT,
            )
    ax.set_xticks(range(k), [str(i + 1) for i in range(k)])
    ax.set_yticks(
        range(k), [wrap_label(f"{i + 1}. {label}", 38) for i, label in enumerate(chart.labels)]
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=6.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, fraction=0.05, pad=0.03, ticks=(-1, 0, 1))
    bar.ax.tick_params(labelsize=6.5, length=0)
    bar.ax.set_yticklabels(["\u22121", "0", "1"])
    bar.outline.set_visible(False)
