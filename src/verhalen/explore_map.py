"""The map of stories: an interactive plotly map to explore in JupyterLab, and a static picture.

`explore.story_map` places every story as a point; this module draws those points. The plotly
map works offline (plotly.js comes with the plotly package) and, in `explorer_widget`, opens a
story when its point is clicked. The static matplotlib picture is for printed reports and for
wherever widgets cannot be shown; both maps use the same colours per perspective or answer.
"""

from __future__ import annotations

import base64
import functools
import html
from collections.abc import Callable
from typing import Any

from verhalen.explore_table import cell_text, short_text
from verhalen.i18n import t


def plot_story_map(points: list[dict[str, Any]], by: str = "perspective", lang: str | None = None):
    """A static picture of `story_map` points (matplotlib), coloured by perspective or by the
    answer in them: for a printed report, or wherever the interactive `map_explorer` cannot run.
    Titles, legend and colour bar are in the project's language."""
    import matplotlib.pyplot as plt

    words = _map_words(points, by, lang)
    fig, ax = plt.subplots(figsize=(8, 6))
    numeric, groups = _map_groups(points, by, words)
    if numeric:
        shown = [p for p in points if p.get("value") is not None]
        dots = ax.scatter(
            [p["x"] for p in shown],
            [p["y"] for p in shown],
            c=[p["value"] for p in shown],
            cmap="viridis",
            s=28,
        )
        fig.colorbar(dots, ax=ax, label=words["by"])
    for name, colour, members in groups:
        ax.scatter(
            [p["x"] for p in members],
            [p["y"] for p in members],
            s=28,
            color=colour,
            label=short_text(name, 40),
        )
    if groups:
        ax.legend(
            fontsize=8,
            loc="center left",
            bbox_to_anchor=(1, 0.5),
            title=None if numeric else words["by"],
            title_fontsize=8,
        )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(words["axes"], fontsize=8, color="#555555")
    ax.set_title(words["title"])
    fig.tight_layout()
    return fig


def map_figure(points: list[dict[str, Any]], by: str = "perspective", lang: str | None = None):
    """The map of `story_map` points as an interactive plotly figure.

    Hovering over a point shows the story's number, title and perspective (and its answer to
    `by`); each point's `customdata` is its story number. Titles, legend and colour bar are in
    the project's language. plotly.js comes with the plotly package, so it works offline.
    """
    import plotly.graph_objects as go

    words = _map_words(points, by, lang)
    numeric, groups = _map_groups(points, by, words)
    fig = go.Figure()
    marker = {"size": 9, "line": {"width": 0.5, "color": "white"}}
    if numeric:
        shown = [p for p in points if p.get("value") is not None]
        fig.add_trace(
            go.Scatter(
                **_trace_points(shown, words),
                name=words["by"],
                showlegend=False,
                marker={
                    **marker,
                    "color": [p["value"] for p in shown],
                    "colorscale": "Viridis",
                    "colorbar": {"title": {"text": words["by"]}},
                },
            )
        )
    for name, colour, members in groups:
        fig.add_trace(
            go.Scatter(
                **_trace_points(members, words),
                name=_plotly_text(name),
                marker={**marker, "color": colour},
            )
        )
    hidden = {"showticklabels": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        title={"text": _plotly_text(words["title"])},
        template="plotly_white",
        legend={"title": {"text": "" if numeric else _plotly_text(words["by"])}},
        xaxis={**hidden, "title": {"text": _plotly_text(words["axes"]), "font": {"size": 11}}},
        yaxis=hidden,
        hoverlabel={"align": "left"},
        margin={"l": 20, "r": 20, "t": 50, "b": 40},
        height=520,
    )
    return fig


def explorer_widget(
    points: list[dict[str, Any]], by: str, lang: str, read_story: Callable[[int], str]
):
    """The widget behind `explore.map_explorer`; `read_story` gives a story's text by its number.

    An ipywidgets box with the plotly map (a FigureWidget when anywidget is installed, so clicks
    reach Python; otherwise the figure, where hovering still works), a story list and the
    story's text. Where widgets cannot be shown (an executed notebook opened elsewhere, an HTML
    export) it carries the static picture of `plot_story_map` as its PNG.
    """
    import ipywidgets as widgets

    figure = map_figure(points, by, lang)
    reader = widgets.Output(
        layout=widgets.Layout(max_height="22em", overflow="auto", border="1px solid #ddd")
    )
    chooser = widgets.Dropdown(
        options=[(t("data_map_choose_story", lang), None)]
        + [
            (short_text(f"[{p['id']}] {p['title']}".strip(), 70), p["id"])
            for p in sorted(points, key=lambda p: p["id"])
        ],
        value=None,
        description=t("data_map_story", lang),
        layout=widgets.Layout(width="40em"),
    )

    def show(change: dict[str, Any]) -> None:  # the chosen story's text replaces the last one
        story = change["new"]
        text = read_story(story) + "\n" if story is not None else ""
        reader.outputs = ({"output_type": "stream", "name": "stdout", "text": text},)

    chooser.observe(show, names="value")
    try:
        import plotly.graph_objects as go

        view = go.FigureWidget(figure)
    except ImportError:  # no anywidget: the figure itself, hover without clicks
        view = widgets.Output()
        with view:
            _display_figure(figure)
        hint = t("data_map_hint_hover", lang)
    else:

        def clicked(trace: Any, chosen: Any, _state: Any) -> None:
            if chosen.point_inds:
                chooser.value = trace.customdata[chosen.point_inds[0]][0]

        for trace in view.data:
            trace.on_click(clicked)
        hint = t("data_map_hint_click", lang)
    children = [view, widgets.HTML(f"<i>{html.escape(hint)}</i>"), chooser, reader]
    return _map_box()(children, (points, by, lang))


def _display_figure(figure: Any) -> None:
    """Show a plotly figure as plotly's own MIME type: JupyterLab draws it with the plotly.js
    that the plotly package installs into it, nothing is fetched."""
    import plotly.io as pio
    from IPython.display import display

    display(pio.renderers["plotly_mimetype"].to_mimebundle(figure.to_dict()), raw=True)


@functools.cache
def _map_box() -> type:
    """The explorer's box class, made on first use (ipywidgets belongs to the notebooks extra)."""
    import ipywidgets as widgets

    class MapBox(widgets.VBox):
        """A VBox whose MIME bundle also holds the static map as a PNG, for where widgets
        cannot be shown; JupyterLab shows the widgets."""

        def __init__(self, children: list[Any], static: tuple[Any, str, str]):
            super().__init__(children)
            self._static = static

        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            bundle = super()._repr_mimebundle_(**kwargs)
            bundle["image/png"] = base64.b64encode(static_png(*self._static)).decode("ascii")
            bundle["text/plain"] = _map_words(*self._static)["title"]
            return bundle

    return MapBox


def static_png(
    points: list[dict[str, Any]], by: str = "perspective", lang: str | None = None
) -> bytes:
    """`plot_story_map` as PNG bytes (the figure is closed, so nothing else shows it)."""
    import io

    import matplotlib.pyplot as plt

    fig = plot_story_map(points, by, lang)
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
    finally:
        plt.close(fig)
    return buffer.getvalue()


PALETTE = (  # matplotlib's tab10, so the static and the interactive map use the same colours
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#7f7f7f",
)  # fmt: skip
NO_GROUP = "#b0b0b0"  # no perspective, no answer, "past nergens bij"


def _map_words(points: Any, by: str, lang: str | None) -> dict[str, str]:
    """The texts of a map in the project's language; `by` as the question's short name."""
    lang = lang or getattr(points, "lang", None) or "nl"
    perspective = t("data_col_perspective", lang)
    labels = getattr(points, "labels", {})  # a story_map's question names in its language
    name = perspective if by == "perspective" else labels.get(by) or by
    return {
        "lang": lang,
        "by": name,
        "perspective": perspective,
        "title": t("data_map_title", lang, name=name),
        "axes": t("data_map_axes", lang),
        "no perspective": t("data_map_no_perspective", lang),
        "no answer": t("data_map_no_answer", lang),
        "key": "perspective" if by == "perspective" else "value",
    }


def _map_groups(
    points: list[dict[str, Any]], by: str, words: dict[str, str]
) -> tuple[bool, list[tuple[str, str, list[dict[str, Any]]]]]:
    """(numeric, groups): numeric when the answers are numbers (a colour scale; the groups then
    hold only the stories without an answer), else one (legend name, colour, points) a group."""
    key = words["key"]
    values = [p.get(key) for p in points]
    numeric = key == "value" and any(_is_number(v) for v in values)
    numeric = numeric and all(_is_number(v) for v in values if v is not None)
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for p in points:
        value = p.get(key)
        if numeric and value is not None:
            continue
        grouped.setdefault(None if value in (None, "") else value, []).append(p)

    def order(item: tuple[Any, Any]) -> tuple[int, Any]:  # 1, 2, …, then 0 (fits nowhere), none
        group = item[0]
        if group is None or group == 0:
            return (2 if group is None else 1, "")
        return (0, group) if key == "perspective" else (0, str(group))

    out = []
    for k, (group, members) in enumerate(sorted(grouped.items(), key=order)):
        if group is None:
            name = words["no perspective"] if key == "perspective" else words["no answer"]
            colour = NO_GROUP
        elif key == "perspective":
            name = f"{group}. {members[0].get('perspective_title') or ''}".strip()
            colour = NO_GROUP if group == 0 else PALETTE[(group - 1) % len(PALETTE)]
        else:
            name, colour = str(group), PALETTE[k % len(PALETTE)]
        out.append((name, colour, members))
    return numeric, out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _trace_points(members: list[dict[str, Any]], words: dict[str, str]) -> dict[str, Any]:
    """x, y, hover text and customdata (the story number) of a group of map points."""

    def hover(p: dict[str, Any]) -> str:
        number = p.get("perspective")
        perspective = (
            f"{number}. {p.get('perspective_title') or ''}".strip()
            if number is not None
            else words["no perspective"]
        )
        lines = [
            f"<b>[{p['id']}] {_plotly_text(short_text(p.get('title') or '', 60))}</b>",
            f"{_plotly_text(words['perspective'])}: {_plotly_text(perspective)}",
        ]
        if words["key"] == "value":
            value = p.get("value")
            shown = words["no answer"] if value in (None, "") else cell_text(value)
            lines.append(f"{_plotly_text(words['by'])}: {_plotly_text(shown)}")
        return "<br>".join(lines)

    return {
        "x": [p["x"] for p in members],
        "y": [p["y"] for p in members],
        "mode": "markers",
        "text": [hover(p) for p in members],
        "hovertemplate": "%{text}<extra></extra>",
        "customdata": [[p["id"]] for p in members],
    }


def _plotly_text(text: str) -> str:
    """`text` for plotly's labels, which read a little HTML: <, > and & escaped (quotes kept,
    so a title like "'t Anker" shows as written)."""
    return html.escape(text, quote=False)
