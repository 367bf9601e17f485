"""Stories that cannot be grouped (issue #11): stories the facilitator excludes from the analysis,
and stories too short to group.

One small project per test (24 real stories on three subjects, four junk records from a
SenseMaker export); a clustering run is stored through the Store API (`fake_run`) except in the
one test that clusters for real (TF-IDF, no stability runs: a few seconds).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from support import fake_run, ingest_ok, store_snapshot
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.cluster import TOO_SHORT, UNASSIGNED, ClusterConfig
from verhalen.demo import example_folder
from verhalen.errors import VerhalenError
from verhalen.patterns import values, variables
from verhalen.perspective_edits import delete, merge, move, rename, split
from verhalen.perspectives import assignment, collection, perspectives, run_cluster, too_short
from verhalen.project import CONFIG_NAME, FORM_NAME, Project, init_project
from verhalen.report import make_report
from verhalen.status import overview
from verhalen.stories import exclude, exclusion_history, exclusions, include
from verhalen.workshop import cards, sheets

SUBJECTS = {
    1: "Het formulier bij het loket was te lang en de regels van de gemeente hielden ons "
    "tegen; de ambtenaar achter het loket wist ook niet welk formulier de aanvraag nodig had",
    2: "De buren kwamen koffie drinken in de straat en samen maakten we plannen voor het plein; "
    "iedere zaterdag staat er nu koffie klaar en de buren nemen taart mee voor elkaar",
    3: "In de training leerden we in een kring naar elkaar te luisteren; de trainer liet ons "
    "oefenen met lastige gesprekken en na de training voerden we die gesprekken beter",
}
OUTCOME = {1: "slecht", 2: "goed", 3: "gemengd"}
REAL = 24
JUNK = ["none", "jhjh", "Fa7", "RamyaTest"]  # records from a real SenseMaker export


def subject(i: int) -> int:
    return 1 + (i - 1) % 3


def build(root: Path, lang: str = "nl", junk: bool = True) -> Project:
    """24 stories of about forty words on three subjects (ids 1-24), then the junk (25-28)."""
    root.mkdir(parents=True)
    shutil.copy(example_folder() / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", lang=lang, name="Uitsluiten")
    path = root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "sessie", "gevoel", "afloop"])
        for i in range(1, REAL + 1):
            n = subject(i)
            text = f"Verhaal nummer {i}. {SUBJECTS[n]}. Zo ging het bij ons in de wijk."
            w.writerow([f"Verhaal {i}", text, f"sessie {1 + i % 2}", 20 + 30 * (n - 1), OUTCOME[n]])
        for k, text in enumerate(JUNK if junk else []):
            w.writerow([f"Rommel {k}", text, "sessie 1", 50, "gemengd"])
    ingest_ok(project, [path])
    return Project.open(root)


def with_fake_run(project: Project) -> Project:
    """A stored run: the real stories in their subject's perspective, the junk in 'fits nowhere'."""
    fields = {n: {"label": f"onderwerp {n}", "terms": [f"woord{n}"]} for n in SUBJECTS}
    with project.store() as store, store.transaction():
        numbers = [subject(s.id) if s.id <= REAL else 0 for s in store.stories()]
        fake_run(store, numbers, fields)
    return project


@pytest.fixture
def small(tmp_path: Path) -> Project:
    return build(tmp_path / "p")


def run_cli(project: Project, *args: object, lang: str | None = None):
    argv = ["--project", str(project.root), *(["--lang", lang] if lang else []), *map(str, args)]
    return CliRunner().invoke(app, argv)


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


# -- exclusions ---------------------------------------------------------------------------------


def test_exclude_and_include_round_trip_with_history(small: Project) -> None:
    assert exclude(small, [3, 5, 3], "testrecord") == {3: None, 5: None}
    assert [(e.story_id, e.title, e.reason) for e in exclusions(small)] == [
        (3, "Verhaal 3", "testrecord"),
        (5, "Verhaal 5", "testrecord"),
    ]
    # re-excluding gives the new reason; the same reason changes nothing
    assert exclude(small, [3], "  dubbel\n record ") == {3: "testrecord"}
    assert exclude(small, [3], "dubbel record") == {3: "dubbel record"}
    assert {e.story_id: e.reason for e in exclusions(small)} == {
        3: "dubbel record",
        5: "testrecord",
    }

    assert include(small, [3, 7]) == {3: "dubbel record", 7: None}  # 7 was not excluded
    assert [e.story_id for e in exclusions(small)] == [5]

    changes = [(c.action, c.target, c.detail["reason"]) for c in exclusion_history(small)]
    assert changes == [
        ("exclude", "story:3", "testrecord"),
        ("exclude", "story:5", "testrecord"),
        ("exclude", "story:3", "dubbel record"),
        ("include", "story:3", "dubbel record"),
    ]
    assert [c.action for c in exclusion_history(small, 5)] == ["exclude"]


def test_cli_exclude_list_include_history_in_dutch_and_english(small: Project) -> None:
    done = run_cli(small, "stories", "exclude", "3", "5", "--reason", "testrecord")
    assert done.exit_code == 0, done.output
    assert "2 verhalen uitgesloten van de analyse: 3, 5" in done.output

    listed = run_cli(small, "stories", "list", "--excluded")
    assert listed.exit_code == 0
    assert "testrecord" in listed.output and "Verhaal 5" in listed.output
    assert "Verhaal 4" not in listed.output
    assert "uitgesloten" in run_cli(small, "stories", "list").output  # marked in the full list
    assert "uitgesloten van de analyse: testrecord" in run_cli(small, "stories", "show", 5).output

    status = run_cli(small, "status")
    assert "2 uitgesloten van de analyse" in " ".join(status.output.split())

    again = run_cli(small, "stories", "include", "3", "4")
    assert "1 verhaal weer opgenomen in de analyse: 3" in again.output
    assert "verhaal 4 was niet uitgesloten" in again.output

    history = run_cli(small, "stories", "history", "3")
    assert history.exit_code == 0
    assert "uitgesloten" in history.output and "opgenomen" in history.output
    assert "exclude" in run_cli(small, "tag", "history", "3").output  # the general change log

    en = run_cli(small, "stories", "exclude", "4", "-r", "test", lang="en")
    assert "1 story excluded from the analysis: 4" in en.output
    assert "excluded (reason)" in run_cli(small, "stories", "list", lang="en").output
    assert "story 9 was not excluded" in run_cli(small, "stories", "include", "9", lang="en").output
    status_en = " ".join(run_cli(small, "status", lang="en").output.split())
    assert "2 excluded from the analysis" in status_en


def test_an_unknown_id_changes_nothing(small: Project) -> None:
    exclude(small, [2], "eerder")
    before = store_snapshot(small)[2]

    for ids, word in (([3, 999], "999"), ([998, 3, 999], "998, 999")):
        with pytest.raises(VerhalenError, match=word) as caught:
            exclude(small, ids, "testrecord")
        assert "niets veranderd" in str(caught.value)
        with pytest.raises(VerhalenError, match=word):
            include(small, [2, *ids])
    assert store_snapshot(small)[2] == before

    result = run_cli(small, "stories", "exclude", "3", "999", "--reason", "x", lang="en")
    assert result.exit_code == 1
    assert str(result.exception) == "story 999 does not exist; nothing changed"
    assert store_snapshot(small)[2] == before


def test_a_reason_is_required(small: Project) -> None:
    with pytest.raises(VerhalenError, match="--reason"):
        exclude(small, [3], "   ")
    assert run_cli(small, "stories", "exclude", "3").exit_code == 2  # the option is missing
    assert exclusions(small) == []


def test_excluded_stories_are_left_out_of_the_analysis(small: Project, tmp_path: Path) -> None:
    with_fake_run(small)
    exclude(small, [1, 2], "testrecord")

    # patterns: no values at all, not even a perspective
    assert not {1, 2} & set(values(small))
    assert 3 in values(small) and values(small)[3]["perspective"].startswith("3.")
    # perspectives of the existing run: left out at read time, kept in the run
    assert not {1, 2} & set(assignment(small))
    assert all(not {1, 2} & set(v.story_ids) for v in perspectives(small))
    # workshop cards and sheets
    assert not {1, 2} & {c.id for c in cards(small)}
    assert 3 in {c.id for c in cards(small)}
    assert all(not {1, 2} & {q.id for q in sh.quotes} for sh in sheets(small))
    # the overview and status
    o = overview(small)
    assert (o.stories, o.excluded) == (REAL + len(JUNK) - 2, 2)

    pdf, xlsx = make_report(small, out=tmp_path / "rapport").paths
    book = load_workbook(xlsx)
    ids = [row[0] for row in book["verhalen"].iter_rows(min_row=2, values_only=True)]
    assert 1 not in ids and 2 not in ids and 3 in ids
    assert [r[:3] for r in book["uitgesloten"].iter_rows(min_row=2, values_only=True)] == [
        (1, "Verhaal 1", "testrecord"),
        (2, "Verhaal 2", "testrecord"),
    ]
    text = pdf_text(pdf)
    assert "2 verhalen uitgesloten van de analyse" in text
    assert "1. Verhaal 1: testrecord" in text
    assert "Verhaal nummer 1." not in text and "Verhaal nummer 2." not in text  # appendix
    assert "Verhaal nummer 3." in text

    # an excluded story cannot be moved in the run until it is included again
    with pytest.raises(VerhalenError, match="stories include 1"):
        move(small, 1, 2)
    include(small, [1])
    assert assignment(small)[1] == 1  # back where the run put it


# -- too short to group ---------------------------------------------------------------------------


def test_real_words_decide_what_is_too_short(small: Project) -> None:
    assert too_short(small) == [25, 26, 27, 28]
    exclude(small, [27], "testrecord")
    assert too_short(small) == [25, 26, 28]  # excluded stories are out of everything
    (small.root / CONFIG_NAME).write_text(
        (small.root / CONFIG_NAME).read_text("utf-8").replace("min_words = 15", "min_words = 0"),
        "utf-8",
    )
    assert too_short(Project.open(small.root)) == []


@pytest.mark.parametrize("value", ['"veel"', "-1", "2.5", "true"])
def test_min_words_must_be_a_whole_number(small: Project, value: str) -> None:
    config = small.root / CONFIG_NAME
    config.write_text(
        config.read_text("utf-8").replace("min_words = 15", f"min_words = {value}"), "utf-8"
    )
    with pytest.raises(VerhalenError) as caught:
        too_short(Project.open(small.root))
    message = str(caught.value)
    assert CONFIG_NAME in message and "[cluster] min_words" in message
    assert len(message.splitlines()) == 1


def test_too_short_stories_are_their_own_group(small: Project) -> None:
    found = collection(small, ClusterConfig(embedder="tfidf", stability_runs=2))
    assert found.too_short == [25, 26, 27, 28]
    assert not set(found.too_short) & set(found[0])

    run_id, result = run_cluster(small, ClusterConfig(embedder="tfidf", stability_runs=2))
    assigned = assignment(small)
    assert {sid for sid, n in assigned.items() if n == TOO_SHORT} == {25, 26, 27, 28}
    assert all(assigned[i] != TOO_SHORT for i in range(1, REAL + 1))
    assert len(result.labels) == REAL  # only the real stories were clustered

    views = perspectives(small)
    assert views[-1].number == TOO_SHORT and sorted(views[-1].story_ids) == [25, 26, 27, 28]
    assert views[-1].title("nl") == "Te kort om te groeperen"
    assert views[-1].title("en") == "Too short to group"
    assert all(not {25, 26, 27, 28} & set(v.story_ids) for v in views[:-1])  # not in 0 either

    # patterns: the perspective of a too-short story is missing, not a category
    perspective = next(v for v in variables(small) if v.id == "perspective")
    assert not any("Te kort" in c for c in perspective.categories)
    assert all("perspective" not in values(small)[i] for i in (25, 26, 27, 28))

    o = overview(small)
    assert o.too_short == 4
    status = " ".join(run_cli(small, "status").output.split())
    assert "te kort om te groeperen: 4" in status
    assert "too short to group: 4" in " ".join(run_cli(small, "status", lang="en").output.split())

    # the group is no perspective: edits refuse it
    some = next(v.number for v in views if v.number > 0)
    for attempt in (
        lambda: move(small, 1, TOO_SHORT),
        lambda: merge(small, some, TOO_SHORT),
        lambda: merge(small, TOO_SHORT, some),
        lambda: delete(small, TOO_SHORT),
        lambda: split(small, TOO_SHORT),
        lambda: rename(small, TOO_SHORT, "Kort"),
    ):
        with pytest.raises(VerhalenError, match="te kort om te groeperen"):
            attempt()
    assert {sid for sid, n in assignment(small).items() if n == TOO_SHORT} == {25, 26, 27, 28}
    # a story can be taken out of it by hand: the facilitator knows where it belongs
    assert move(small, 28, UNASSIGNED) == TOO_SHORT
    assert assignment(small)[28] == UNASSIGNED
    assert run_id


def test_report_and_cards_with_too_short_stories(small: Project, tmp_path: Path) -> None:
    with_fake_run(small)
    with small.store() as store, store.transaction():  # as a clustering run stores them
        run = store.active_run().id
        store.save_perspective(run, TOO_SHORT, "", [], [], None)
        store.move(run, [25, 26, 27, 28], TOO_SHORT)
    pdf, xlsx = make_report(small, out=tmp_path / "nl").paths
    text = pdf_text(pdf)
    assert "4 verhalen met minder dan 15 echte woorden zijn niet gegroepeerd" in text
    assert "-1." not in text
    rows = list(load_workbook(xlsx)["verhalen"].iter_rows(min_row=2, values_only=True))
    assert {r[0]: r[7] for r in rows}[25] == "Te kort om te groeperen"

    pdf_en, _ = make_report(small, lang="en", out=tmp_path / "en").paths
    assert "4 stories with fewer than 15 real words were not clustered" in pdf_text(pdf_en)

    grouped = {c.id: c.perspective for c in cards(small)}
    assert grouped[25] == "Te kort om te groeperen"
    assert all(sh.number != TOO_SHORT for sh in sheets(small))


def test_clustering_needs_ten_stories_that_can_be_grouped(tmp_path: Path) -> None:
    project = build(tmp_path / "p")
    exclude(project, list(range(1, 16)), "te veel")  # 9 real stories and 4 junk remain
    with pytest.raises(VerhalenError) as caught:
        collection(project, ClusterConfig(embedder="tfidf", stability_runs=2))
    message = str(caught.value)
    assert message.startswith("9 verhalen om te groeperen")
    assert "4 te kort om te groeperen" in message and "15 uitgesloten" in message
