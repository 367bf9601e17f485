"""Small helpers for the notebooks: open a project, tables of stories, charts and a map of stories.

Everything here is built from the library's own functions (`stories.story_table`,
`variables.distribution`, `perspectives.perspectives`, `catalysis.load_catalysis`, the embedding
cache), so a notebook shows the same stories, answers and perspectives as the command line.
Results are `Table`s: lists of dicts that Jupyter shows as HTML tables (and stay tables when
sliced or filtered); `as_dataframe` gives a pandas DataFrame. The map of stories is interactive
in JupyterLab (`map_explorer`, plotly: offline) and has a static picture (`plot_story_map`).
Titles, labels and column names are in the project's language. The map is drawn in
`explore_map` and `Table` lives in `explore_table`; notebooks use both through this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.explore_map import explorer_widget, map_figure, plot_story_map, static_png
from verhalen.explore_table import TEXT_ROWS, TEXT_WIDTH, Table
from verhalen.i18n import t
from verhalen.project import CONFIG_NAME, Project
from verhalen.stories import StoryFilter, format_answer, story_table

# What notebooks use: the map is drawn in explore_map, the table is explore_table's.
__all__ = [
    "TEXT_ROWS",
    "TEXT_WIDTH",
    "Table",
    "as_dataframe",
    "check_catalysis",
    "exemplar_cards",
    "history_table",
    "map_explorer",
    "map_figure",
    "open_project",
    "pattern_rows",
    "perspective_table",
    "plot_distribution",
    "plot_story_map",
    "questions",
    "read_story",
    "static_png",
    "story_map",
    "story_rows",
    "write_catalysis",
]

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
        ax.set_xlabel(t("data_stories", lang))
    else:
        ax.text(0.5, 0.5, t("data_open_question", lang), ha="center", va="center")
        ax.set_axis_off()
    title = q.question_text(lang)
    counts = t("data_answered_missing", lang, answered=dist.answered, missing=dist.missing)
    ax.set_title(f"{title}\n({counts})", fontsize=10)
    ax.figure.tight_layout()
    return ax.figure


# -- the map of stories ----------------------------------------------------------------------


def _vectors(project: Project, ids: list[int], texts: list[str], hashes: dict[int, str]):
    from verhalen.embed import embed_cached, select_embedder

    with project.store() as store:
        run = store.active_run()
        name = run.embedder if run is not None else None
        config = run.config if run is not None else {}
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
        raise VerhalenError(t("data_too_few_stories", project.lang))
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
        raise VerhalenError(t("data_map_method", project.lang, method=method))
    xy = np.asarray(xy, dtype=float)
    assigned = assignment(project) if has_run else {}
    titles = {p.number: p.title(project.lang) for p in perspectives(project)} if has_run else {}
    if by is not None and by != "perspective" and project.form.get(by) is None:
        raise VerhalenError(
            t("data_not_a_question", project.lang, by=by, known=", ".join(questions(project)))
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


def map_explorer(project: Project, points: list[dict[str, Any]], by: str = "perspective"):
    """The map of the stories to explore in JupyterLab: hover over a point for its number,
    title and perspective; click it, or choose it in the list below, to read the story.

    An ipywidgets box with the plotly map, a story list and the story's text
    (`explore_map.explorer_widget`); where widgets cannot be shown it carries the static
    picture of `plot_story_map` as its PNG.
    """
    return explorer_widget(points, by, project.lang, lambda story: read_story(project, story))


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
                t("data_col_number", lang): p.number,
                t("data_col_title", lang): p.title(lang),
                t("data_stories", lang): len(p.story_ids),
                t("data_col_stability", lang): p.stability,
                t("data_col_key_phrases", lang): ", ".join(p.phrases or p.terms),
                t("data_col_tellers", lang): dict(groups.most_common()),
                t("data_col_examples", lang): [
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
                t("data_col_when", lang): h.get("at") or h.get("created") or h.get("time") or "",
                t("data_col_what", lang): h.get("action"),
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
                    t("data_col_perspective", lang): f"{p.number}. {p.title(lang)}",
                    "id": s.id,
                    t("data_col_title", lang): s.shown_title or "",
                    t("data_col_text", lang): text,
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
        rows.append({"id": p.id, t("data_col_sentence", lang): sentence(p, lang)})
    return Table(rows[:limit] if limit else rows)


def check_catalysis(project: Project, path: Path | None = None):
    """Read and check the project's catalyse.yaml (or `path`): a `catalysis.Catalysis`.

    Raises `RejectedBatch` listing every mistake with its line."""
    from verhalen.catalysis import find_file, load_catalysis, references

    target = path or find_file(project.root, project.lang)
    return load_catalysis(target, *references(project), project.lang)


def write_catalysis(project: Project, observations: list[dict[str, Any]], replace: bool = False):
    """Write observations into the project's catalyse.yaml after checking them.

    `observations` use the file's own keys (id, patronen, tekst, interpretaties, or their English
    names). They are added to the observations already there (an observation with the same id is
    replaced), or replace them all with `replace=True`. Nothing is written when a check fails.
    The list keeps the key the file has; a new file gets the project language's key.
    """
    from verhalen import atomic
    from verhalen.catalysis import (
        file_name,
        find_file,
        load_catalysis,
        references,
        with_observations,
    )

    lang = project.lang
    target = find_file(project.root, lang) or project.root / file_name(lang)
    known = references(project)  # the patterns are computed once, for both checks
    text = with_observations(target, observations, replace, known, lang)
    atomic.write_text(target, text)  # the facilitator's own file: never half of it
    return load_catalysis(target, *known, lang)
