"""The notebooks' helpers: tables stay tables when sliced or filtered, and the map of stories is
an interactive plotly figure whose hover text names each story, with texts in the project's
language.

One small project per language: 12 stories from a CSV and a clustering run stored through the
Store API; the embeddings are replaced by fixed vectors, so no embedder is loaded.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from support import fake_run, ingest_ok

from verhalen import explore
from verhalen.demo import example_folder
from verhalen.project import CONFIG_NAME, FORM_NAME, Project, init_project

EXAMPLE = example_folder()
STORIES = 12


def build(root: Path, lang: str) -> Project:
    root.mkdir(parents=True)
    form = yaml.safe_load((EXAMPLE / FORM_NAME).read_text(encoding="utf-8"))
    for q in form["questions"]:
        if q["id"] == "gevoel":
            q["short"] = {"nl": "Gevoel", "en": "Feeling"}
    (root / FORM_NAME).write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    init_project(root, template="programma", name="Kaart")
    config = root / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'language = "nl"', f'language = "{lang}"', text), encoding="utf-8")
    stories = root / "verhalen.csv"
    with stories.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "sessie", "gevoel", "afloop"])
        for i in range(1, STORIES + 1):
            feeling = "" if i == STORIES else 5 * i  # the last story has no answer
            w.writerow([f"Titel <{i}>", f"Verhaal {i} over de buren.", "s1", feeling, "goed"])
    ingest_ok(Project.open(root), [stories])
    project = Project.open(root)
    with project.store() as store, store.transaction():
        fields = {n: {"label": f"label{n}", "terms": ["buren"]} for n in (1, 2)}
        fake_run(store, [1, 2, 0] * (STORIES // 3), fields)
    return Project.open(root)


@pytest.fixture(scope="module", params=["nl", "en"])
def made(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build(tmp_path_factory.mktemp(request.param) / "p", request.param)


@pytest.fixture
def fixed_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Embeddings without an embedder: a fixed vector per story."""

    def vectors(_project: Project, ids: list[int], _texts: list[str], _hashes: dict) -> np.ndarray:
        rng = np.random.default_rng(7)
        return rng.normal(size=(len(ids), 8))

    monkeypatch.setattr(explore, "_vectors", vectors)


# -- tables ------------------------------------------------------------------------------------


def test_slicing_and_filtering_keep_a_table(made: Project) -> None:
    table = explore.story_rows(made, columns=["id", "title", "gevoel"])
    assert len(table) == STORIES
    parts = {
        "slice": table[:5],
        "step": table[::2],
        "head": table.head(3),
        "filter": table.filter(lambda r: r["id"] > 4),
        "equal": table.filter(afloop="goed"),
        "add": table[:2] + table[-2:],
        "copy": table.copy(),
    }
    for name, part in parts.items():
        assert isinstance(part, explore.Table), name
        assert part.columns == ["id", "title", "gevoel"], name
        assert part._repr_html_().startswith("<table>"), name
    assert [r["id"] for r in parts["slice"]] == [r["id"] for r in table][:5]
    assert len(parts["filter"]) == STORIES - 4
    assert len(parts["equal"]) == STORIES
    assert isinstance(table[0], dict)  # one row stays a row
    assert "&lt;1&gt;" in parts["slice"]._repr_html_()  # titles are escaped


def test_a_table_reads_as_text_not_as_a_list_of_dicts() -> None:
    rows = [{"id": i, "title": f"Titel {i}", "text": "regel\nregel " * 20} for i in range(30)]
    text = repr(explore.Table(rows))
    assert not text.startswith("[{")
    lines = text.splitlines()
    assert [c.strip() for c in lines[0].split(" | ")] == ["id", "title", "text"]
    assert lines[-1] == f"… ({explore.TEXT_ROWS}/30)"
    assert all(len(line) < 120 for line in lines)  # long texts are cut
    assert len(str(explore.Table(rows)).splitlines()) == 32  # print shows every row


def test_the_notebook_helpers_name_their_columns_in_the_projects_language(made: Project) -> None:
    table = explore.perspective_table(made)
    if made.lang == "en":
        assert table.columns[:3] == ["number", "title", "stories"]
    else:
        assert table.columns[:3] == ["nummer", "titel", "verhalen"]


# -- the map of stories ------------------------------------------------------------------------


def test_the_map_is_interactive_and_names_every_story(made: Project, fixed_vectors: None) -> None:
    points = explore.story_map(made, method="pca")
    figure = explore.map_figure(points)
    assert type(figure).__module__.startswith("plotly")
    seen = {}
    for trace in figure.data:
        assert trace.hovertemplate == "%{text}<extra></extra>"
        for text, (story,) in zip(trace.text, trace.customdata, strict=True):
            seen[story] = text
    by_id = {p["id"]: p for p in points}
    assert set(seen) == set(by_id)  # every story is a point, and its number is its customdata
    word = "perspective" if made.lang == "en" else "perspectief"
    for story, text in seen.items():
        p = by_id[story]
        assert f"[{story}] Titel &lt;{story}&gt;" in text  # number and (escaped) title
        assert f"{word}: {p['perspective']}. {p['perspective_title']}".strip() in text
    legend = [trace.name for trace in figure.data]
    assert legend == ["1. label1", "2. label2", legend[2]]
    assert legend[2] == ("0. Fits nowhere" if made.lang == "en" else "0. Past nergens bij")


def test_the_maps_texts_are_in_the_projects_language(made: Project, fixed_vectors: None) -> None:
    points = explore.story_map(made, by="gevoel", method="pca")
    by_perspective = explore.map_figure(points)
    by_feeling = explore.map_figure(points, "gevoel")
    texts = [
        by_perspective.layout.title.text,
        by_perspective.layout.legend.title.text,
        by_feeling.layout.title.text,
        by_feeling.layout.xaxis.title.text,
        by_feeling.data[0].marker.colorbar.title.text,
        *(t.name for t in by_feeling.data[1:]),
    ]
    if made.lang == "en":
        assert texts[:2] == ["Map of the stories (colour: perspective)", "perspective"]
        assert texts[2] == "Map of the stories (colour: Feeling)"
        assert texts[4:] == ["Feeling", "no answer"]
        assert "Feeling: no answer" in by_feeling.data[1].text[0]
    else:
        assert texts[:2] == ["Kaart van de verhalen (kleur: perspectief)", "perspectief"]
        assert texts[2] == "Kaart van de verhalen (kleur: Gevoel)"
        assert texts[4:] == ["Gevoel", "geen antwoord"]
        assert "Gevoel: geen antwoord" in by_feeling.data[1].text[0]
    assert all(word not in " ".join(texts) for word in ("kleur: perspective", "colour: gevoel"))
    # the static picture says the same
    figure = explore.plot_story_map(points, "gevoel")
    assert figure.axes[0].get_title() == texts[2]
    assert figure.axes[1].get_ylabel() == texts[4]  # the colour bar
    import matplotlib.pyplot as plt

    plt.close(figure)


def test_the_explorer_opens_a_story_and_carries_a_static_picture(
    made: Project, fixed_vectors: None
) -> None:
    pytest.importorskip("ipywidgets")
    points = explore.story_map(made, method="pca")
    box = explore.map_explorer(made, points)
    view, _hint, chooser, reader = box.children
    story = points[3]["id"]
    if hasattr(view, "data"):  # a FigureWidget (anywidget installed): a click chooses the story
        where = [(t, k) for t, tr in enumerate(view.data) for k, c in enumerate(tr.customdata)]
        trace, index = next((t, k) for t, k in where if view.data[t].customdata[k][0] == story)
        view._handler_js2py_pointsCallback(  # the message JupyterLab sends for a click
            {
                "new": {
                    "event_type": "plotly_click",
                    "points": {
                        "trace_indexes": [trace],
                        "point_indexes": [index],
                        "xs": [0.0],
                        "ys": [0.0],
                    },
                }
            }
        )
    else:
        chooser.value = story
    assert chooser.value == story
    shown = "".join(o.get("text", "") for o in reader.outputs)
    assert shown.startswith(f"[{story}] Titel <{story}>")
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"]  # the static map, for where widgets cannot be shown
    assert bundle["text/plain"].startswith(("Kaart van de verhalen", "Map of the stories"))
