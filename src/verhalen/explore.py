"""Small helpers for the notebooks: open a project, tables of stories, charts and a map of stories.

Everything here is built from the library's own functions (`stories.story_table`,
`variables.distribution`, `perspectives.perspectives`, `catalysis.load_catalysis`, the embedding
cache), so a notebook shows the same stories, answers and perspectives as the command line.
Results are `Table`s: lists of dicts that Jupyter shows as HTML tables (and stay tables when
sliced or filtered); `as_dataframe` gives a pandas DataFrame. The map of stories is interactive
in JupyterLab (`map_explorer`, plotly: offline) and has a static picture (`plot_story_map`).
Titles, labels and column names are in the project's language.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, SupportsIndex, overload

from verhalen.errors import VerhalenError
from verhalen.i18n import say
from verhalen.project import CONFIG_NAME, Project
from verhalen.stories import StoryFilter, format_answer, story_table

EXAMPLE_FOLDER = "voorbeeld-project"
PROJECT_ENV = "VERHALEN_PROJECT"


# -- opening a project -----------------------------------------------------------------------


def open_project(path: str | Path | None = None, example: str | Path | None = None) -> Project:
    """The project at `path`; with None the example project.

    The example project is made once with `demo.make_demo` in `example` (default:
    ./voorbeeld-project) and opened as it is on later calls, so edits made in one notebook are
    there in the next.
    """
    if path:
        from verhalen.project import find_project

        return find_project(Path(path).expanduser())
    folder = Path(example or EXAMPLE_FOLDER)
    if (folder / CONFIG_NAME).is_file():
        return Project.open(folder)
    from verhalen.demo import make_demo

    return make_demo(folder).project


# -- tables ----------------------------------------------------------------------------------


class Table(list):
    """A list of dicts that Jupyter shows as an HTML table, and `print` or `repr` as text.

    Slicing (`table[:10]`), `filter`, `head`, `+` and `copy` give a `Table` again, with the same
    columns, so a part of a table still shows as a table.
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Sequence[str] | None = None):
        super().__init__(rows)
        self.columns = list(columns) if columns else list(self[0]) if self else []

    def _like(self, rows: Iterable[dict[str, Any]]) -> Table:
        """A table of `rows` with this table's columns (and any other attributes)."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        list.extend(new, rows)
        return new

    @overload
    def __getitem__(self, index: SupportsIndex) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Table: ...
    def __getitem__(self, index):
        got = super().__getitem__(index)
        return self._like(got) if isinstance(index, slice) else got

    def __add__(self, other: Iterable[dict[str, Any]]) -> Table:  # type: ignore[override]
        return self._like([*self, *other])

    def copy(self) -> Table:
        return self._like(self)

    def head(self, n: int = 10) -> Table:
        """The first `n` rows."""
        return self[:n]

    def filter(
        self, keep: Callable[[dict[str, Any]], bool] | None = None, /, **equal: Any
    ) -> Table:
        """The rows for which `keep(row)` is true and every column in `equal` has that value:
        `table.filter(lambda r: r["gevoel"] >= 70)`, `table.filter(afloop="goed")`."""
        return self._like(
            row
            for row in self
            if (keep is None or keep(row)) and all(row.get(k) == v for k, v in equal.items())
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td style='text-align:left'>{html.escape(_cell(row.get(c)))}</td>"
                for c in self.columns
            )
            + "</tr>"
            for row in self
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def text(self, max_rows: int | None = None, width: int | None = None) -> str:
        """The table as aligned text: at most `max_rows` rows, cells cut at `width` characters."""
        rows = list.__getitem__(self, slice(max_rows))
        cells = [[_short(_cell(row.get(c)), width) for c in self.columns] for row in rows]
        header = [_short(str(c), width) for c in self.columns]
        widths = [max([len(h)] + [len(r[k]) for r in cells]) for k, h in enumerate(header)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [
            " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        if len(rows) < len(self):
            lines.append(f"… ({len(rows)}/{len(self)})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return self.text(max_rows=TEXT_ROWS, width=TEXT_WIDTH)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's text view
        printer.text(repr(self))


TEXT_ROWS, TEXT_WIDTH = 20, 40  # what `repr` shows of a table


def _short(text: str, width: int | None) -> str:
    text = " ".join(text.split())  # one line per row
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


def as_dataframe(rows: list[dict[str, Any]]):
    """A pandas DataFrame of `rows` when pandas is installed, else the rows as a `Table`."""
    try:
        import pandas as pd
    except ImportError:
        return rows if isinstance(rows, Table) else Table(rows)
    return pd.DataFrame(list(rows))


def _filter(where: str | Sequence[str] | StoryFilter | None) -> StoryFilter | None:
    if where is None or isinstance(where, StoryFilter):
        return where
    conditions = (where,) if isinstance(where, str) else tuple(where)
    return StoryFilter(where=tuple(c for c in conditions if c.strip()))


def story_rows(
    project: Project,
    where: str | Sequence[str] | StoryFilter | None = None,
    *,
    columns: Sequence[str] | None = None,
    limit: int | None = None,
    text_chars: int | None = 300,
    original: bool = False,
) -> Table:
    """One dict per story, as `verhalen export` has them (pseudonymised unless `original`).

    `where`: "rol=inwoner", a list of such conditions, or a `StoryFilter`. `text_chars` cuts
    long texts for an overview (None: the whole text).
    """
    names, rows = story_table(project, _filter(where), original=original)
    out = []
    for row in rows[:limit] if limit else rows:
        item = {
            name: (value if name in ("id", "text") else format_answer(value, project.lang))
            for name, value in zip(names, row, strict=True)
        }
        if text_chars and len(item["text"]) > text_chars:
            item["text"] = item["text"][:text_chars].rstrip() + " …"
        out.append(item)
    return Table(out, columns or names)


def read_story(project: Project, story_id: int, original: bool = False) -> str:
    """One story in full with its answers, as text to print."""
    from verhalen.stories import get_story

    story, answers, _flags = get_story(project, story_id)
    title = (story.title if original else story.shown_title) or ""
    lines = [f"[{story.id}] {title}".rstrip(), ""]
    lines.append(story.text if original else story.shown_text)
    lines.append("")
    for q in project.form.questions:
        if answers.get(q.id) is not None:
            shown = format_answer(answers[q.id], project.lang, q)
            lines.append(f"{q.label(project.lang)}: {shown}")
    return "\n".join(lines)


def questions(project: Project, kind: str | None = None) -> list[str]:
    """Ids of the form's questions; kind "choice" or "number" keeps only those."""
    out = []
    for q in project.form.questions:
        if (
            kind is None
            or (kind == "choice" and q.is_choice)
            or (kind == "number" and q.type in ("scale", "number"))
        ):
            out.append(q.id)
    return out


# -- charts ----------------------------------------------------------------------------------


def plot_distribution(dist, lang: str = "nl", ax=None):
    """A bar chart of a `variables.Distribution`: counts per option, or a histogram in bins."""
    import matplotlib.pyplot as plt

    q = dist.question
    pairs = dist.counts or dist.bins
    if ax is None:
        _fig, ax = plt.subplots(figsize=(7, max(2.0, 0.45 * len(pairs) + 1)))
    if pairs:
        labels = [p[0] for p in pairs][::-1]
        values = [p[1] for p in pairs][::-1]
        ax.barh(labels, values, color="#4C78A8")
        ax.set_xlabel(say(lang, "verhalen", "stories"))
    else:
        ax.text(0.5, 0.5, say(lang, "open vraag", "open question"), ha="center", va="center")
        ax.set_axis_off()
    title = q.question_text(lang)
    counts = say(
        lang,
        f"{dist.answered} antwoorden, {dist.missing} zonder antwoord",
        f"{dist.answered} answers, {dist.missing} unanswered",
    )
    ax.set_title(f"{title}\n({counts})", fontsize=10)
    ax.figure.tight_layout()
    return ax.figure


# -- the map of stories ----------------------------------------------------------------------


def _vectors(project: Project, ids: list[int], texts: list[str], hashes: dict[int, str]):
    from verhalen.embed import embed_cached, select_embedder

    with project.store() as store:
        run = store.active_run()
        name = run["embedder"] if run is not None else None
        config = json.loads(run["config"] or "{}") if run is not None else {}
        embedder = select_embedder(name, config.get("lang", project.form.language or "nl"))
        return embed_cached(store, embedder, texts, [hashes[i] for i in ids])


def story_map(
    project: Project, by: str | None = None, method: str = "pca", seed: int = 42
) -> Table:
    """Every story as a point (x, y): its embedding (from the cache) reduced to two dimensions.

    method "pca" (fast, always the same) or "umap" (as the clustering sees the stories). Each
    point carries the story's perspective in the active run and, with `by`, its answer to that
    question (lists joined with "; ").
    """
    import numpy as np

    from verhalen.perspectives import assignment, perspectives

    with project.store() as store:
        stories = store.stories(excluded=False)  # excluded stories are out of the analysis
        hashes = store.text_hashes()
        answers = store.answers()
        tellers = store.storyteller_answers()
        has_run = store.active_run() is not None
    if len(stories) < 3:
        raise VerhalenError(say(project.lang, "te weinig verhalen", "too few stories"))
    ids = [s.id for s in stories]
    vectors = _vectors(project, ids, [s.text for s in stories], hashes)
    if method == "umap":
        from verhalen._numba import enable_cache

        enable_cache()
        import warnings

        from umap import UMAP

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "n_jobs overridden by random_state"
            xy = UMAP(
                n_neighbors=min(15, len(ids) - 1),
                n_components=2,
                metric="cosine",
                random_state=seed,
            ).fit_transform(vectors)
    elif method == "pca":
        from sklearn.decomposition import PCA

        xy = PCA(n_components=2, random_state=seed).fit_transform(vectors)
    else:
        raise VerhalenError(f"method '{method}': choose pca or umap")
    xy = np.asarray(xy, dtype=float)
    assigned = assignment(project) if has_run else {}
    titles = {p.number: p.title(project.lang) for p in perspectives(project)} if has_run else {}
    if by is not None and by != "perspective" and project.form.get(by) is None:
        raise VerhalenError(
            say(project.lang, f"'{by}' is geen vraag", f"'{by}' is not a question")
            + f" ({', '.join(questions(project))})"
        )
    out = []
    for (x, y), s in zip(xy, stories, strict=True):
        number = assigned.get(s.id)
        point = {
            "id": s.id,
            "title": s.shown_title or "",
            "x": float(x),
            "y": float(y),
            "perspective": number,
            "perspective_title": titles.get(number, "") if number is not None else "",
        }
        if by and by != "perspective":
            value = {**tellers.get(s.storyteller_id or "", {}), **answers.get(s.id, {})}.get(by)
            point["value"] = (
                value
                if isinstance(value, int | float) and not isinstance(value, bool)
                else format_answer(value, project.lang) or None
            )
        out.append(point)
    table = Table(out)
    table.lang = project.lang  # the maps' texts follow the project's language
    table.labels = (
        {by: project.form.get(by).label(project.lang)} if by and by != "perspective" else {}
    )
    return table


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
            label=_short(name, 40),
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


def map_explorer(project: Project, points: list[dict[str, Any]], by: str = "perspective"):
    """The map of the stories to explore in JupyterLab: hover over a point for its number,
    title and perspective; click it, or choose it in the list below, to read the story.

    An ipywidgets box with the plotly map (a FigureWidget when anywidget is installed, so clicks
    reach Python; otherwise the figure, where hovering still works), a story list and the
    story's text. Where widgets cannot be shown (an executed notebook opened elsewhere, an HTML
    export) it carries the static picture of `plot_story_map` as its PNG.
    """
    import ipywidgets as widgets

    lang = project.lang
    figure = map_figure(points, by, lang)
    reader = widgets.Output(
        layout=widgets.Layout(max_height="22em", overflow="auto", border="1px solid #ddd")
    )
    chooser = widgets.Dropdown(
        options=[(say(lang, "(kies een verhaal)", "(choose a story)"), None)]
        + [
            (_short(f"[{p['id']}] {p['title']}".strip(), 70), p["id"])
            for p in sorted(points, key=lambda p: p["id"])
        ],
        value=None,
        description=say(lang, "Verhaal", "Story"),
        layout=widgets.Layout(width="40em"),
    )

    def show(change: dict[str, Any]) -> None:  # the chosen story's text replaces the last one
        story = change["new"]
        text = read_story(project, story) + "\n" if story is not None else ""
        reader.outputs = ({"output_type": "stream", "name": "stdout", "text": text},)

    chooser.observe(show, names="value")
    try:
        import plotly.graph_objects as go

        view = go.FigureWidget(figure)
    except ImportError:  # no anywidget: the figure itself, hover without clicks
        view = widgets.Output()
        with view:
            _display_figure(figure)
        hint = say(
            lang,
            "Wijs een punt aan: je ziet het nummer, de titel en het perspectief. Kies hieronder"
            " een verhaal om het te lezen.",
            "Point at a dot to see its number, title and perspective. Choose a story below to"
            " read it.",
        )
    else:

        def clicked(trace: Any, chosen: Any, _state: Any) -> None:
            if chosen.point_inds:
                chooser.value = trace.customdata[chosen.point_inds[0]][0]

        for trace in view.data:
            trace.on_click(clicked)
        hint = say(
            lang,
            "Wijs een punt aan: je ziet het nummer, de titel en het perspectief. Klik erop, of"
            " kies hieronder een verhaal, om het te lezen.",
            "Point at a dot to see its number, title and perspective. Click it, or choose a story"
            " below, to read it.",
        )
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
    perspective = say(lang, "perspectief", "perspective")
    labels = getattr(points, "labels", {})  # a story_map's question names in its language
    name = perspective if by == "perspective" else labels.get(by) or by
    return {
        "lang": lang,
        "by": name,
        "perspective": perspective,
        "title": say(lang, "Kaart van de verhalen", "Map of the stories")
        + f" ({say(lang, 'kleur', 'colour')}: {name})",
        "axes": say(
            lang,
            "Verhalen die op elkaar lijken liggen dicht bij elkaar; de assen zelf betekenen niets.",
            "Stories that are alike lie close together; the axes themselves mean nothing.",
        ),
        "no perspective": say(lang, "geen perspectief", "no perspective"),
        "no answer": say(lang, "geen antwoord", "no answer"),
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
            f"<b>[{p['id']}] {_plotly_text(_short(p.get('title') or '', 60))}</b>",
            f"{_plotly_text(words['perspective'])}: {_plotly_text(perspective)}",
        ]
        if words["key"] == "value":
            value = p.get("value")
            shown = words["no answer"] if value in (None, "") else _cell(value)
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


# -- perspectives ----------------------------------------------------------------------------


def perspective_table(project: Project, exemplars: int = 3) -> Table:
    """The active run's perspectives: title (the facilitator's name, else the proposed one),
    size, stability, key phrases, who tells them and the titles of the first exemplars."""
    lang = project.lang
    from verhalen.perspectives import perspectives

    with project.store() as store:
        stories = {s.id: s for s in store.stories()}
    out = []
    for p in perspectives(project):
        groups = Counter(stories[i].group or "?" for i in p.story_ids if i in stories)
        out.append(
            {
                say(lang, "nummer", "number"): p.number,
                say(lang, "titel", "title"): p.title(lang),
                say(lang, "verhalen", "stories"): len(p.story_ids),
                say(lang, "stabiliteit", "stability"): p.stability,
                say(lang, "kernzinnen", "key phrases"): ", ".join(p.phrases or p.terms),
                say(lang, "vertellers", "tellers"): dict(groups.most_common()),
                say(lang, "voorbeelden", "examples"): [
                    f"[{i}] {stories[i].shown_title or ''}".strip()
                    for i in p.exemplars[:exemplars]
                    if i in stories
                ],
            }
        )
    return Table(out)


def history_table(project: Project) -> Table:
    """Every clustering and edit of perspectives, oldest first."""
    lang = project.lang
    from verhalen.perspectives import history

    rows = []
    for h in history(project):
        detail = {k: v for k, v in h["detail"].items() if k not in ("config", "metrics")}
        rows.append(
            {
                say(lang, "wanneer", "when"): h.get("at")
                or h.get("created")
                or h.get("time")
                or "",
                say(lang, "wat", "what"): h.get("action"),
                "run": h.get("target"),
                "details": detail,
            }
        )
    return Table(rows)


def exemplar_cards(project: Project, per_perspective: int = 3, text_chars: int | None = 600):
    """Stories to print as workshop cards: the first exemplars of each perspective
    (pseudonymised text), one dict per card."""
    lang = project.lang
    from verhalen.perspectives import perspectives

    with project.store() as store:
        stories = {s.id: s for s in store.stories()}
    cards = []
    for p in perspectives(project):
        for story_id in p.exemplars[:per_perspective]:
            s = stories.get(story_id)
            if s is None:
                continue
            text = s.shown_text
            if text_chars and len(text) > text_chars:
                text = text[:text_chars].rstrip() + " …"
            cards.append(
                {
                    say(lang, "perspectief", "perspective"): f"{p.number}. {p.title(lang)}",
                    "id": s.id,
                    say(lang, "titel", "title"): s.shown_title or "",
                    say(lang, "tekst", "text"): text,
                }
            )
    return Table(cards)


# -- catalysis -------------------------------------------------------------------------------


def pattern_rows(project: Project, significant_only: bool = True, limit: int | None = 20) -> Table:
    """Patterns (strongest first) with their id, for writing observations in catalyse.yaml."""
    lang = project.lang
    from verhalen.patterns import compute_patterns, sentence

    rows = []
    for p in compute_patterns(project):
        if significant_only and not p.significant:
            continue
        if not p.tested:
            continue
        rows.append({"id": p.id, say(lang, "zin", "sentence"): sentence(p, lang)})
    return Table(rows[:limit] if limit else rows)


def check_catalysis(project: Project, path: Path | None = None):
    """Read and check the project's catalyse.yaml (or `path`): a `catalysis.Catalysis`.

    Raises `RejectedBatch` listing every mistake with its line."""
    from verhalen.catalysis import find_file, load_catalysis
    from verhalen.patterns import compute_patterns
    from verhalen.perspectives import perspectives

    with project.store() as store:
        has_run = store.active_run() is not None
    numbers = [v.number for v in perspectives(project)] if has_run else []
    return load_catalysis(
        path or find_file(project.root),
        [p.id for p in compute_patterns(project)],
        numbers,
        project.lang,
    )


def write_catalysis(project: Project, observations: list[dict[str, Any]], replace: bool = False):
    """Write observations into the project's catalyse.yaml after checking them.

    `observations` use the file's own keys (id, patronen, tekst, interpretaties). They are added
    to the observations already there (an observation with the same id is replaced), or replace
    them all with `replace=True`. Nothing is written when a check fails.
    """
    import yaml

    from verhalen import atomic
    from verhalen.catalysis import FILE_NAMES, LIST_KEYS, find_file

    target = find_file(project.root) or project.root / FILE_NAMES[0]
    existing: list[dict[str, Any]] = []
    if target.is_file() and not replace:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            existing = next((data[k] for k in LIST_KEYS if data.get(k)), []) or []
        elif isinstance(data, list):
            existing = data
    new_ids = {str(o.get("id")) for o in observations}
    merged = [o for o in existing if str(o.get("id")) not in new_ids] + list(observations)
    text = yaml.safe_dump({"observaties": merged}, allow_unicode=True, sort_keys=False, width=100)
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / target.name  # problems name the file as the facilitator knows it
        draft.write_text(text, encoding="utf-8")
        check_catalysis(project, draft)
    atomic.write_text(target, text)  # the facilitator's own file: never half of it
    return check_catalysis(project, target)
