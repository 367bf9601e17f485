"""The group's landscapes: where the workshop laid the stories, beside the storytellers' own
answers.

Only when `workshop import` has stored placements (`verhalen.placements`). Per landscape and
table, two small panels side by side in the report's chart style: left the stories as their
tellers answered the questions (two scale or dyad questions, or a triad's triangle), right
where the group placed the same stories; each dot carries its story number. A table lists per
story both places and how far the group moved it.

The chart (`LandscapePair`) draws itself: `charts.render` and `charts.size_cm` hand a chart
with `draw` and `size_cm` to it, so the chart model stays closed for the other charts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from verhalen.form import Question
from verhalen.i18n import count, number, t
from verhalen.report.data import ReportData
from verhalen.report.model import Figure, Heading, Paragraph, Section, Table
from verhalen.signifiers import HEIGHT, ternary_xy

LABELLED = 60  # at most this many dots carry their story number
PANEL_CM = 7.6  # the height of the pair: two axes
TRIANGLE_CM = 8.4  # two triangles


@dataclass(frozen=True)
class LandscapePair:
    """Two panels: the tellers' own answers and the group's placements of the same stories.
    `points`: (story number, values) per panel; values are (x, y) or a triad's shares."""

    titles: tuple[str, str]
    own: tuple[tuple[int, tuple[float, ...]], ...]
    group: tuple[tuple[int, tuple[float, ...]], ...]
    anchors: tuple[str, ...] = ()  # a triad's three corners; empty for two axes
    xlabel: str = ""
    ylabel: str = ""
    xrange: tuple[float, float] = (0.0, 100.0)
    yrange: tuple[float, float] = (0.0, 100.0)

    def size_cm(self) -> tuple[float, float]:
        from verhalen.report.charts import WIDTH_CM

        return WIDTH_CM, TRIANGLE_CM if self.anchors else PANEL_CM

    def draw(self, fig: Any, lang: str) -> None:
        for k, (title, points) in enumerate(zip(self.titles, (self.own, self.group), strict=True)):
            if self.anchors:
                _triangle(fig, k, title, points, self.anchors)
            else:
                _axes(fig, k, title, points, self, lang)


def _labels(ax: Any, points: list[tuple[int, float, float]], dx: float, dy: float) -> None:
    from verhalen.report.charts import TEXT

    if len(points) > LABELLED:
        return
    for sid, x, y in points:
        ax.annotate(
            str(sid),
            (x, y),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=5.5,
            color=TEXT,
            zorder=4,
        )


def _axes(fig: Any, k: int, title: str, points: tuple, chart: LandscapePair, lang: str) -> None:
    from verhalen.report.charts import GRID, TEXT, number_axis, wrap_label

    ax = fig.add_axes((0.08 + 0.5 * k, 0.2, 0.4, 0.68))
    lo_x, hi_x = chart.xrange
    lo_y, hi_y = chart.yrange
    pad_x, pad_y = (hi_x - lo_x) * 0.04, (hi_y - lo_y) * 0.04
    ax.set_xlim(lo_x - pad_x, hi_x + pad_x)
    ax.set_ylim(lo_y - pad_y, hi_y + pad_y)
    ax.grid(True, color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    xy = [(sid, v[0], v[1]) for sid, v in points]
    _dots(ax, xy, k)
    ax.set_title(wrap_label(title, 44), fontsize=8, color=TEXT, loc="left", fontweight="bold")
    ax.set_xlabel(wrap_label(chart.xlabel, 50), fontsize=7)
    ax.set_ylabel(wrap_label(chart.ylabel, 34), fontsize=7)
    number_axis(ax.yaxis, lang)


def _dots(ax: Any, xy: list[tuple[int, float, float]], k: int) -> None:
    """The numbered stories of one panel, in the panel's colour (both kinds of landscape)."""
    from verhalen.report.charts import PALETTE

    ax.scatter(
        [x for _, x, _ in xy],
        [y for _, _, y in xy],
        s=12,
        color=PALETTE[k],
        alpha=0.75,
        edgecolors="white",
        linewidths=0.3,
        zorder=3,
    )
    _labels(ax, xy, 2.5, 1.5)


def _triangle(fig: Any, k: int, title: str, points: tuple, anchors: tuple[str, ...]) -> None:
    from verhalen.report.charts import TEXT, wrap_label

    w, h = fig.get_size_inches()
    ax = fig.add_axes((0.5 * k + 0.01, 0.0, 0.48, 0.88))
    ax.set_axis_off()
    ax.set_xlim(-0.15, 1.15)
    span = 1.3 * (0.88 * h) / (0.48 * w)  # equal scales on both axes
    ax.set_ylim(-0.2, -0.2 + span)
    ax.fill(
        [0.5, 0.0, 1.0],
        [HEIGHT, 0.0, 0.0],
        facecolor="#f7f9fa",
        edgecolor="#8a8a8a",
        linewidth=0.8,
        zorder=1,
    )
    for i in range(3):  # where an anchor holds half
        a, b = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
        a[i] = b[i] = a[(i + 1) % 3] = b[(i + 2) % 3] = 50.0
        (x0, y0), (x1, y1) = ternary_xy(tuple(a)), ternary_xy(tuple(b))
        ax.plot([x0, x1], [y0, y1], color="#c9c9c9", linewidth=0.5, linestyle=(0, (3, 2)))
    text = {"fontsize": 6.5, "fontweight": "bold", "color": TEXT, "linespacing": 1.1}
    ax.text(0.5, HEIGHT + 0.03, wrap_label(anchors[0], 40), ha="center", va="bottom", **text)
    ax.text(-0.08, -0.03, wrap_label(anchors[1], 22), ha="left", va="top", **text)
    ax.text(1.08, -0.03, wrap_label(anchors[2], 22), ha="right", va="top", **text)
    xy = [(sid, *ternary_xy(v)) for sid, v in points]
    _dots(ax, xy, k)
    fig.text(0.5 * k + 0.02, 0.99, wrap_label(title, 44), ha="left", va="top", fontsize=8,
             color=TEXT, fontweight="bold")  # fmt: skip


def _questions(data: ReportData, key: str) -> tuple[Question, ...] | None:
    """The questions a stored landscape names, if the form still has them."""
    qs = tuple(data.project.form.get(qid) for qid in key.split("/"))
    if any(q is None for q in qs):
        return None
    found: tuple[Question, ...] = tuple(q for q in qs if q is not None)
    if len(found) == 1 and found[0].type == "triad" and len(found[0].anchors) == 3:
        return found
    if len(found) == 2 and all(q.type in ("scale", "dyad") for q in found):
        return found
    return None


def _shown(values: tuple[float, ...] | None, lang: str) -> str:
    if values is None:
        return "–"
    sep = "/" if len(values) == 3 else " · "
    return sep.join(number(v, lang, 0 if float(v).is_integer() else 1) for v in values)


def _distance(own: tuple[float, ...], group: tuple[float, ...], qs: tuple[Question, ...]) -> float:
    """How far the group moved a story, in percent of the landscape's size: for two axes the
    distance over both ranges, for a triad half the sum of the share differences."""
    from verhalen.landscape_axes import value_range

    if len(qs) == 1:
        return sum(abs(a - b) for a, b in zip(own, group, strict=True)) / 2
    parts = []
    for q, a, b in zip(qs, own, group, strict=True):
        lo, hi = value_range(q)
        parts.append((a - b) / (hi - lo) * 100)
    return math.hypot(*parts) / math.sqrt(2)


def landscapes_chapter(data: ReportData) -> Section | None:
    """The group's landscapes beside the tellers' answers; None without placements."""
    from verhalen.landscape_axes import value_range
    from verhalen.landscape_place import axis_value, shares
    from verhalen.placements import read

    with data.project.store() as store:
        placements = read(store)
    if not placements:
        return None
    lang = data.lang
    titles = {s.id: s.shown_title or t("story_untitled", lang, id=s.id) for s in data.stories}
    by_key: dict[tuple[str, str], list[Any]] = {}
    for p in placements:
        if p.story_id in titles:  # an excluded story is out of the report
            by_key.setdefault((p.landscape, p.table), []).append(p)
    sections: list[Section] = []
    skipped: list[str] = []
    for rank, ((key, table), found) in enumerate(sorted(by_key.items()), 1):
        qs = _questions(data, key)
        if qs is None:
            skipped.append(key)
            continue

        def own(sid: int, qs: tuple[Question, ...] = qs) -> tuple[float, ...] | None:
            answers = data.answers.get(sid, {})
            if len(qs) == 1:
                return shares(qs[0], answers)
            x, y = axis_value(qs[0], answers), axis_value(qs[1], answers)
            return None if x is None or y is None else (x, y)

        name = " × ".join(q.label(lang) for q in qs)
        who = t("land_table_name", lang, table=table) if table else t("land_group", lang)
        placed_by = t("land_placed", lang, group=who) if table else t("land_placed_group", lang)
        own_points = tuple((p.story_id, v) for p in found if (v := own(p.story_id)) is not None)
        group_points = tuple((p.story_id, p.value) for p in found)
        chart = LandscapePair(
            titles=(t("land_own", lang), placed_by),
            own=own_points,
            group=group_points,
            anchors=tuple(qs[0].anchors) if len(qs) == 1 else (),
            xlabel=qs[0].question_text(lang) if len(qs) == 2 else "",
            ylabel=qs[1].question_text(lang) if len(qs) == 2 else "",
            xrange=value_range(qs[0]) if len(qs) == 2 else (0.0, 100.0),
            yrange=value_range(qs[1]) if len(qs) == 2 else (0.0, 100.0),
        )
        rows = []
        moved = []
        for p in found:
            mine = own(p.story_id)
            shift = _distance(mine, p.value, qs) if mine is not None else None
            if shift is not None:
                moved.append(shift)
            rows.append(
                (
                    str(p.story_id),
                    titles[p.story_id],
                    _shown(mine, lang),
                    _shown(p.value, lang),
                    "–" if shift is None else number(shift, lang, 0),
                )
            )
        line = t(
            "land_line",
            lang,
            stories=count(len(found), "story", lang),
            group=who,
            landscape=name,
            own=number(len(own_points), lang),
        )
        figure = Figure(chart, caption=t("land_caption", lang))
        blocks: list = [Paragraph(line), figure]
        if moved:
            mean = sum(moved) / len(moved)
            blocks.append(Paragraph(t("land_moved", lang, mean=number(mean, lang, 0)), "small"))
        blocks.append(Heading(t("land_table", lang)))
        blocks.append(
            Table(
                (
                    "#",
                    t("land_title", lang),
                    t("land_own_col", lang),
                    t("land_group_col", lang),
                    t("land_shift", lang),
                ),
                tuple(rows),
                (0.6, 4.0, 1.8, 1.8, 1.1),
                numeric=(0, 4),
            )
        )
        title = f"{name} · {who}" if table else name
        sections.append(Section(title, f"landscape-{rank}", blocks, new_page=False))
    if not sections:
        return None
    intro: list = [Paragraph(t("land_intro", lang), "lead")]
    if skipped:
        intro.append(Paragraph(t("land_skipped", lang, landscapes=", ".join(skipped)), "note"))
    return Section(t("landscapes", lang), "landscapes", intro, sections)
