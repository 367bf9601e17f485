"""Candidate perspectives on the example project: what a facilitator sees after `verhalen cluster`.

The example project (160 stories) is built and clustered once per test session and copied into
each module (building it takes half a minute); tests that change a project work on their own copy.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
from support import clustered_example, copy_of
from typer.testing import CliRunner

from verhalen.cli.app import app, main
from verhalen.cluster import ClusterConfig, load_guided
from verhalen.errors import VerhalenError
from verhalen.ingest import ingest
from verhalen.models import MODELS_DIR
from verhalen.perspectives import (
    activate,
    collection,
    load_model,
    perspectives,
    run_cluster,
    runs,
)
from verhalen.project import Project
from verhalen.text import lemmas, stop_words

FILLERS = {"nou", "eh", "ehm", "de", "het", "een", "en", "ja", "gewoon", "zeg", "maar"}
THEMES_YAML = """\
- naam: Regels en vergunningen
  woorden: [vergunning, regel, formulier, verzekering]
- naam: Samen trainen
  woorden: [training, trainer, oefenen]
- naam: Wij en zij
  woorden: gemeente, ambtenaar, bewoner
"""


# -- the example project, clustered once per session ---------------------------------------------


@dataclass
class Example:
    project: Project
    first: int  # run with ClusterConfig()
    second: int  # the same configuration again: the active run


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Example:
    source, first = clustered_example(tmp_path_factory)
    project = copy_of(source, tmp_path_factory.mktemp("cluster") / "vp")
    second, _ = run_cluster(project, ClusterConfig())
    return Example(project, first, second)


@pytest.fixture
def own_copy(example: Example, tmp_path: Path) -> Project:
    """A copy of the example for a test that changes it."""
    return copy_of(example.project.root, tmp_path / "vp")


def real(views):
    return [v for v in views if v.number != 0]


def cli(project: Project, *args: object):
    return CliRunner().invoke(app, ["--project", str(project.root), *(str(a) for a in args)])


def table_rows(output: str) -> list[list[str]]:
    """The cells of a rich table's rows, wrapped cell text joined again."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


# -- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_the_same_perspectives(example):
    first = perspectives(example.project, run_id=example.first)
    second = perspectives(example.project, run_id=example.second)

    def seen(views):
        return [
            (v.number, v.title(), v.label, v.terms, v.exemplars, v.stability, sorted(v.story_ids))
            for v in views
        ]

    assert seen(first) == seen(second)
    with example.project.store() as store:
        assigned = [
            [tuple(a)[1:] for a in store.assignments(run)]
            for run in (example.first, example.second)
        ]
    assert assigned[0] == assigned[1]  # story, number, model's number, similarity


# -- what the example gives -----------------------------------------------------------------------


def test_example_gives_four_to_eight_perspectives(example):
    views = real(perspectives(example.project, run_id=example.first))

    assert 4 <= len(views) <= 8
    assert [v.number for v in views] == list(range(1, len(views) + 1))
    sizes = [len(v.story_ids) for v in views]
    assert sizes == sorted(sizes, reverse=True)  # numbered from the largest


def test_every_story_is_assigned_exactly_once(example):
    views = perspectives(example.project, run_id=example.first)
    with example.project.store() as store:
        story_ids = [s.id for s in store.stories()]
        assigned = [a["story_id"] for a in store.assignments(example.first)]

    assert len(story_ids) == 160
    assert sorted(assigned) == story_ids
    shown = [sid for v in views for sid in v.story_ids]
    assert sorted(shown) == story_ids  # no story dropped, none in two perspectives


def test_at_most_a_tenth_fits_nowhere(example):
    views = perspectives(example.project, run_id=example.first)
    nowhere = [v for v in views if v.number == 0]

    assert len(nowhere) <= 1
    if nowhere:
        assert views[-1] is nowhere[0]  # listed last
        assert nowhere[0].title("nl") == "Past nergens bij"
        assert nowhere[0].title("en") == "Fits nowhere"
        assert len(nowhere[0].story_ids) <= 0.10 * 160
    run = next(r for r in runs(example.project) if r["id"] == example.first)
    assert run["metrics"]["unassigned"] <= 0.10


def test_labels_are_dutch_key_terms_of_the_perspectives_own_stories(example):
    views = real(perspectives(example.project, run_id=example.first))
    with example.project.store() as store:
        texts = {s.id: s.text for s in store.stories()}

    for v in views:
        assert v.label, v
        assert v.title() == v.label  # no name given yet
        assert v.label == v.phrases[0][:1].upper() + v.phrases[0][1:]  # the proposed name
        assert 3 <= len(v.terms) <= 8
        assert len(set(v.terms)) == len(v.terms)
        words = {w for story in lemmas([texts[s] for s in v.story_ids]) for w in story}
        for term in v.terms:
            assert set(term.split()) <= words, (v.number, term)  # comes from its own stories
    assert len({v.label for v in views}) == len(views)  # no two perspectives look the same


def test_key_terms_have_no_stop_words_or_fillers(example):
    stops = stop_words("nl")
    for v in perspectives(example.project, run_id=example.first):
        for term in v.terms:
            for word in term.split():
                assert word not in stops, (v.number, term)
                assert word not in FILLERS, (v.number, term)
                assert word == word.lower(), (v.number, term)


def test_exemplars_belong_to_their_perspective(example):
    for v in real(perspectives(example.project, run_id=example.first)):
        assert 3 <= len(v.exemplars) <= 5, v
        assert len(set(v.exemplars)) == len(v.exemplars)
        assert set(v.exemplars) <= set(v.story_ids), v.number


def test_stability_is_between_0_and_1(example):
    for v in real(perspectives(example.project, run_id=example.first)):
        assert v.stability is not None
        assert 0.0 <= v.stability <= 1.0


def test_key_terms_never_show_what_pseudonymisation_hid(example):
    with example.project.store() as store:
        hidden = {r["term"].lower() for r in store.pseudonyms()}
    assert hidden  # the example's stories name people, addresses, phone numbers

    shown = {
        word
        for v in perspectives(example.project, run_id=example.first)
        for term in v.terms
        for word in [term, *term.split()]
    }
    # A hidden term may also be an ordinary word elsewhere ("stoel": a chair, and a nickname
    # in one story); only words that never appear as themselves in the readable text count.
    with example.project.store() as store:
        readable = " ".join(s.shown_text for s in store.stories()).lower()
    names = {h for h in hidden if " " not in h and not re.search(rf"\b{re.escape(h)}\b", readable)}
    assert names, "the example hides names that appear nowhere else"
    assert shown & names == set()
    # the texts the key terms are drawn from (whatever this run happened to pick)
    _ids, _texts, docs, _vectors, _embedder = collection(example.project, ClusterConfig())
    words = {w for doc in docs for w in doc.split()}
    assert words & names == set()


def test_key_terms_are_words_as_people_write_them(example):
    terms = [t for v in perspectives(example.project, run_id=example.first) for t in v.terms]

    assert lemmas(["De herinrichting, mijn buurman, donderdagavond"]) == [
        ["herinrichting", "buurman", "donderdagavond"]
    ]
    assert [t for t in terms if "_" in t] == []


# -- runs ----------------------------------------------------------------------------------------


def test_runs_are_listed_with_the_active_one_marked(example):
    result = cli(example.project, "perspectives", "runs")

    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    listed = [int(r[0]) for r in rows]
    assert listed == [r["id"] for r in runs(example.project)]
    assert example.first in listed and example.second in listed
    assert [int(r[0]) for r in rows if r[1] == "●"] == [example.second]
    for row in rows:
        assert row[3] == "hybrid" and row[4] == "42"


def test_activate_switches_the_active_run(own_copy, example):
    project = own_copy
    activate(project, example.first)

    assert [r["id"] for r in runs(project) if r["active"]] == [example.first]
    assert perspectives(project) == perspectives(project, run_id=example.first)

    result = cli(project, "perspectives", "use", example.second)
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in runs(project) if r["active"]] == [example.second]

    with pytest.raises(VerhalenError, match="run 99 bestaat niet"):
        activate(project, 99)
    assert [r["id"] for r in runs(project) if r["active"]] == [example.second]


def test_run_stores_its_configuration_and_versions(example):
    run = next(r for r in runs(example.project) if r["id"] == example.first)

    assert run["seed"] == 42
    assert run["embedder"] == "hybrid"
    config = run["config"]
    assert config["seed"] == 42 and config["embedder"] == "hybrid"
    assert config["stability_runs"] == 20
    assert config["guided"] == []
    versions = run["versions"]
    for package in ("bertopic", "umap-learn", "hdbscan", "scikit-learn", "numpy"):
        assert versions[package] == version(package)
    assert run["metrics"]["stories"] == 160


def test_model_is_saved_as_plain_data_and_loads(example):
    run = next(r for r in runs(example.project) if r["id"] == example.first)
    folder = example.project.root / MODELS_DIR / f"run-{example.first}"

    assert run["model_path"] == f"{MODELS_DIR}/run-{example.first}"
    assert folder.is_dir()
    names = sorted(p.name for p in folder.rglob("*") if p.is_file())
    assert names == ["perspectives.json", "verhalen-model.json"]  # nothing executable
    saved = json.loads((folder / "perspectives.json").read_text(encoding="utf-8"))
    stored = {
        v.number: sorted(v.story_ids)
        for v in perspectives(example.project, run_id=example.first)
        if v.number >= 0
    }
    for number, members in stored.items():
        assert (
            sorted(
                s
                for s, n in zip(saved["stories"], saved["perspectives"], strict=True)
                if n == number
            )
            == members
        )

    model = load_model(example.project, example.first)

    numbers = {t for t in model.topics_ if t != -1}
    assert len(numbers) == len(real(perspectives(example.project, run_id=example.first)))
    assert len(model.topics_) == 160


def test_a_model_saved_by_an_older_verhalen_still_loads(own_copy):
    """Older runs saved BERTopic's own files; their stories' places come from the store."""
    project = own_copy
    run = next(r for r in runs(project) if r["active"])
    folder = project.root / run["model_path"]
    for item in folder.iterdir():
        item.unlink()
    for name in ("config.json", "topics.json"):
        (folder / name).write_text("{}", encoding="utf-8")

    model = load_model(project)

    numbers = {t + 1 for t in model.topics_ if t != -1}
    assert numbers == {v.number for v in real(perspectives(project))}


def test_loaded_model_places_a_new_story(example):
    model = load_model(example.project, example.first)

    topics, _ = model.transform(["De trainer zette een lege stoel midden in de kring."])

    assert topics[0] in set(model.topics_)


def test_cluster_command_with_few_runs(own_copy):
    project = own_copy
    before = [r["id"] for r in runs(project)]

    result = cli(project, "cluster", "--runs", "2")

    assert result.exit_code == 0, result.output
    run = runs(project)[-1]
    assert run["id"] not in before and run["active"]
    views = perspectives(project)
    found = re.search(r"run (\d+): (\d+) perspectieven, (\d+)% past nergens bij", result.stdout)
    assert found, result.stdout
    assert int(found[1]) == run["id"]
    assert int(found[2]) == len(real(views))
    assert run["config"]["stability_runs"] == 2
    assert all(0 <= v.stability <= 1 for v in real(views))
    rows = table_rows(result.stdout)
    assert [int(r[0]) for r in rows] == [v.number for v in views]
    assert [int(r[2]) for r in rows] == [len(v.story_ids) for v in views]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", "1"], "--runs 1: de consensus heeft minstens 2 herhalingen nodig"),
        (["-n", "0"], "--perspectives 0: kies een getal van 2 tot en met 80"),
        (["-n", "1000"], "--perspectives 1000: kies een getal van 2 tot en met 80"),
        (["--min-size", "1"], "--min-size 1: kies een getal van 2 tot en met 80"),
        (["--min-size", "-3"], "--min-size -3: kies een getal van 2 tot en met 80"),
        (["--min-size", "500"], "--min-size 500: kies een getal van 2 tot en met 80"),
    ],
)
def test_cluster_refuses_impossible_sizes_and_keeps_the_active_run(own_copy, args, message):
    project = own_copy
    before = runs(project)

    result = cli(project, "cluster", *args)

    assert result.exit_code == 1
    assert isinstance(result.exception, VerhalenError)
    assert message in str(result.exception)
    assert runs(project) == before


# -- guided ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guided(example, tmp_path_factory):
    project = copy_of(example.project.root, tmp_path_factory.mktemp("geleid") / "vp")
    path = project.root / "themas.yaml"
    path.write_text(THEMES_YAML, encoding="utf-8")
    themes = load_guided(path)
    run_id, _ = run_cluster(project, ClusterConfig(guided=themes))
    return project, run_id, themes


def test_load_guided_reads_names_and_words(tmp_path):
    path = tmp_path / "themas.yaml"
    path.write_text(THEMES_YAML, encoding="utf-8")

    assert load_guided(path) == (
        ("Regels en vergunningen", ("vergunning", "regel", "formulier", "verzekering")),
        ("Samen trainen", ("training", "trainer", "oefenen")),
        ("Wij en zij", ("gemeente", "ambtenaar", "bewoner")),
    )


def test_load_guided_accepts_a_themes_key_and_english_keys(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text(
        "thema's:\n  - name: Vertrouwen\n    words: [Loslaten, ruimte]\n  - naam: Regels\n",
        encoding="utf-8",
    )

    assert load_guided(path) == (("Vertrouwen", ("loslaten", "ruimte")), ("Regels", ()))


def test_guided_themes_name_perspectives(guided):
    project, run_id, themes = guided
    views = real(perspectives(project, run_id=run_id))
    names = [v.name for v in views if v.name]

    assert sorted(names) == sorted(name for name, _ in themes)  # each theme exactly once
    words = dict(themes)
    with project.store() as store:
        lemmatised = dict(
            zip(
                [s.id for s in store.stories()],
                lemmas([s.shown_text for s in store.stories()], "nl"),
                strict=True,
            )
        )
    everyone = [sid for v in views for sid in v.story_ids]
    for v in views:
        if v.name:
            assert v.title() == v.name
            assert v.label  # the model's own label stays beside the name
            # the theme fits: its words are more common in this perspective than elsewhere
            theme = set(words[v.name])
            inside = [bool(theme & set(lemmatised[s])) for s in v.story_ids]
            outside = [bool(theme & set(lemmatised[s])) for s in everyone if s not in v.story_ids]
            assert sum(inside) / len(inside) > sum(outside) / len(outside), v.name
    run = next(r for r in runs(project) if r["id"] == run_id)
    assert run["config"]["guided"] == [{"naam": name, "woorden": list(w)} for name, w in themes]


def test_guided_run_keeps_every_story(guided):
    project, run_id, _ = guided
    views = perspectives(project, run_id=run_id)
    with project.store() as store:
        story_ids = [s.id for s in store.stories()]

    assert sorted(s for v in views for s in v.story_ids) == story_ids
    assert sum(len(v.story_ids) for v in views if v.number == 0) <= 0.10 * len(story_ids)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("- naam: [Regels\n", id="yaml-syntax"),
        pytest.param("", id="empty"),
        pytest.param("Regels en vertrouwen\n", id="not-a-list"),
        pytest.param("[]\n", id="empty-list"),
        pytest.param("- Regels\n- Vertrouwen\n", id="strings"),
        pytest.param("- woorden: [regel]\n", id="no-name"),
        pytest.param("themes: {naam: Regels}\n", id="themes-not-a-list"),
        pytest.param(
            "- naam: Regels\n  woorden: 12\n",
            id="words-a-number",
        ),
    ],
)
def test_load_guided_rejects_a_malformed_file_naming_it(tmp_path, content):
    path = tmp_path / "mijn-themas.yaml"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(VerhalenError) as caught:
        load_guided(path)

    assert str(path) in str(caught.value)


def test_load_guided_missing_file(tmp_path):
    path = tmp_path / "weg.yaml"

    with pytest.raises(VerhalenError, match=r"weg\.yaml"):
        load_guided(path)


def test_cluster_command_with_malformed_themes_stores_nothing(project, tmp_path):
    path = tmp_path / "themas.yaml"
    path.write_text("- woorden: [regel]\n", encoding="utf-8")

    result = cli(project, "cluster", "--guided", path)

    assert result.exit_code == 1
    assert isinstance(result.exception, VerhalenError)
    assert "themas.yaml" in str(result.exception) and "naam" in str(result.exception)
    assert runs(project) == []


# -- too few stories ---------------------------------------------------------------------------


def write_stories(project: Project, texts: list[str]) -> None:
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "tekst"])
        writer.writerows((f"Verhaal {i}", text) for i, text in enumerate(texts, 1))
    ingest(project, [path])


FEW = [
    "De fiets van mijn buurvrouw werd gestolen bij het station.",
    "In de moestuin oogsten we samen tomaten en bonen.",
    "De juf organiseerde een voorleesochtend op school.",
    "Het loket van het gemeentehuis was dicht.",
    "Na de storm ruimden we samen de straat op.",
]


def test_too_few_stories_is_a_clear_error(project):
    write_stories(project, FEW)

    with pytest.raises(VerhalenError) as caught:
        run_cluster(project, ClusterConfig(stability_runs=2))

    assert "5" in str(caught.value) and "10" in str(caught.value)
    assert runs(project) == []


def test_cluster_command_with_too_few_stories_prints_one_line(project, monkeypatch, capsys):
    write_stories(project, FEW)
    monkeypatch.setattr(sys, "argv", ["verhalen", "--project", str(project.root), "cluster"])

    with pytest.raises(SystemExit) as stopped:
        main()

    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "10" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_no_stories_is_a_clear_error(project):
    with pytest.raises(VerhalenError):
        run_cluster(project, ClusterConfig(stability_runs=2))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_at_most_a_tenth_is_left_unassigned_whatever_the_seed(example, seed):
    from verhalen.cluster import cluster_embeddings

    config = ClusterConfig(seed=seed, stability_runs=2)
    ids, _texts, docs, vectors, embedder = collection(example.project, config)
    result = cluster_embeddings(ids, docs, vectors, config, embedder)

    assert result.labels.count(0) <= len(ids) // 10
    assert sorted(s for p in result.perspectives for s in p.story_ids) == sorted(ids)


def test_a_stored_config_reads_back_as_it_was_run():
    """Splits, merges and loading a model rebuild the run's config from the store: every field
    `config_record` wrote comes back, and a record from an older run keeps the defaults."""
    from verhalen.cluster import config_record

    config = ClusterConfig(
        embedder="tfidf",
        perspectives=4,
        min_size=5,
        seed=7,
        stability_runs=6,
        guided=(("Regels", ("vergunning", "regel")),),
        lang="en",
    )

    assert ClusterConfig.from_record(config_record(config)) == config
    older = ClusterConfig.from_record({"embedder": "use", "seed": 3, "gone": 1})
    assert (older.embedder, older.seed, older.lang, older.guided) == ("use", 3, "nl", ())


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_a_seed_numpy_cannot_take_is_refused_before_any_work(seed):
    """Before, a traceback from scikit-learn or numpy after the stories were embedded."""
    from verhalen.cluster import ClusterConfig

    with pytest.raises(VerhalenError, match=rf"--seed {seed}: kies een geheel getal van 0"):
        ClusterConfig(seed=seed)
