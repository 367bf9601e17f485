"""Workshop material: story cards and perspective sheets read back from the PDF, the results
template filled with openpyxl and imported, and a bad row that rejects the whole import.

One small project per module: 20 stories ingested from a CSV (some pseudonymised), a clustering
run stored through the Store API instead of real clustering.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from processes import verhalen
from pypdf import PdfReader
from support import fake_run, ingest_ok, store_snapshot
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.doctor import check
from verhalen.errors import RejectedBatch
from verhalen.explore import check_catalysis
from verhalen.perspectives import history, perspectives
from verhalen.project import FORM_NAME, Project, init_project
from verhalen.proposals import change_proposals
from verhalen.safe import set_xlsx_cell
from verhalen.workshop import QUESTIONS, write_cards, write_sheets
from verhalen.workshop.results import import_results
from verhalen.workshop.template import template_file_name, write_template

EXAMPLE = example_folder()  # src/verhalen/voorbeeld, the example shipped with the package
SECRET = "Jansen"  # an identifying name that only the original texts hold
LONG = " ".join(["woord"] * 400)


def perspective_of(i: int) -> int:
    return 0 if i > 18 else 1 + (i - 1) % 3


def build(root: Path) -> Project:
    root.mkdir(parents=True)
    shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", name="Werkplaats")
    tellers = root / "vertellers.csv"
    with tellers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol", "leeftijdsgroep", "jaren_betrokken"])
        for k in range(1, 5):
            w.writerow([f"V{k}", f"Naam{k}", ("inwoner", "ambtenaar")[k % 2], "30-45", k])
    stories = root / "verhalen.csv"
    with stories.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "verteller", "sessie", "gevoel", "afloop"])
        for i in range(1, 21):
            text = f"Verhaal {i}: meneer {SECRET} hielp ons met de buren in de straat."
            if i == 2:
                text += " " + LONG
            w.writerow([f"Titel {SECRET} {i}", text, f"V{1 + i % 4}", "sessie 1", 60 + i, "goed"])
    ingest_ok(project, [stories], storytellers_file=tellers)
    with project.store() as store:
        ids = [s.id for s in store.stories()]
        with store.transaction():
            for s in store.stories():
                store.set_pseudonymised(
                    s.id,
                    s.text.replace(SECRET, "[PERSOON-1]"),
                    (s.title or "").replace(SECRET, "[PERSOON-1]"),
                    False,
                )
            fields = {
                n: {
                    "label": f"label{n} · buren",
                    "terms": ["buren", f"term{n}"],
                    "name": "Hulp van buren" if n == 1 else None,
                }
                for n in (1, 2, 3)
            }
            numbers = [perspective_of(i) for i in range(1, len(ids) + 1)]
            fake_run(store, numbers, fields, exemplars=2)
    return Project.open(root)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build(tmp_path_factory.mktemp("ws") / "p")


def pdf_text(path: Path) -> tuple[int, str]:
    pages = PdfReader(path).pages
    return len(pages), " ".join(" ".join(p.extract_text() for p in pages).split())


def test_cards_four_per_page_pseudonymised(made: Project, tmp_path: Path) -> None:
    pages, text = pdf_text(write_cards(made, tmp_path / "kaarten.pdf"))
    assert pages == 5  # 20 stories, four to a page
    assert SECRET not in text
    assert "[PERSOON-1]" in text and "#1 " in text and "#20" in text
    assert "Hulp van buren" in text and "Gevoel 61" in text and "woorden" in text
    assert "± 412 woorden" in text and "…" in text  # the long story is shortened
    only = tmp_path / "een.pdf"
    pages, text = pdf_text(write_cards(made, only, perspective=2, lang="en"))
    assert pages == 2 and "words" in text and "#2 " in text and "#1 " not in text


def test_sheets_one_per_perspective(made: Project, tmp_path: Path) -> None:
    pages, text = pdf_text(write_sheets(made, tmp_path / "bladen.pdf"))
    assert pages == 4  # three perspectives and 'past nergens bij'
    assert SECRET not in text
    for q in QUESTIONS["nl"]:
        assert q in text
    assert "Hulp van buren" in text and "inwoner" in text and "term1" in text
    _, text = pdf_text(write_sheets(made, tmp_path / "en.pdf", perspective=1, lang="en"))
    assert QUESTIONS["en"][0] in text and "Fits nowhere" not in text


def fill(path: Path, rows: dict[str, list[list[object]]]) -> Path:
    book = load_workbook(path)
    for name, values in rows.items():
        sheet = book[name]
        start = sheet.max_row + 1
        for r, row in enumerate(values, start):
            for c, value in enumerate(row, 1):
                set_xlsx_cell(sheet, r, c, value)
    book.save(path)
    return path


def test_template_round_trip(tmp_path: Path) -> None:
    project = build(tmp_path / "rt")
    (project.root / "catalyse.yaml").write_text(
        "# mijn eigen notities\nobservaties:\n  - id: oud\n    tekst: Al bekend.\n",
        encoding="utf-8",
    )
    path = write_template(tmp_path / "r.xlsx", project)
    book = load_workbook(path)
    assert book.sheetnames == [
        "uitleg",
        "waarnemingen",
        "interpretaties",
        "perspectieven",
        "verandervoorstellen",
        "landschap",
    ]
    prefilled = [r for r in book["perspectieven"].iter_rows(min_row=2, values_only=True)]
    assert prefilled[0][:2] == (1, "Hulp van buren") and len(prefilled) == 3
    book["perspectieven"]["B3"] = "Regels"  # perspective 2 renamed
    book["perspectieven"]["C2"] = "Buren helpen elkaar."
    book.save(path)
    fill(
        path,
        {
            # a pattern id as people type it: either order (stored as `patterns` has it)
            "waarnemingen": [["nieuw", "rol ~ gevoel", "Inwoners vertellen over buren."]],
            "interpretaties": [
                ["nieuw", "Dit kan betekenen dat buren tellen.", 1],
                ["oud", "Of dat het anders is.", "Een nieuw perspectief"],
            ],
            "verandervoorstellen": [["2", "=Minder formulieren", "team", "uitleg"]],
        },
    )
    summary = import_results(project, path)
    assert summary.renamed == [2] and summary.described == [1]
    assert (summary.observations, summary.interpretations, summary.proposals) == (1, 2, 1)
    views = {v.number: v for v in perspectives(project)}
    assert views[2].name == "Regels" and views[1].description == "Buren helpen elkaar."
    assert {h["action"] for h in history(project)} >= {"rename", "describe"}
    text = (project.root / "catalyse.yaml").read_text(encoding="utf-8")
    assert text.startswith("# mijn eigen notities")
    doc = yaml.safe_load(text)["observaties"]
    assert [o["id"] for o in doc] == ["oud", "nieuw"]
    assert doc[1]["patronen"] == ["gevoel~rol"]
    assert doc[0]["interpretaties"][0]["perspectief"] == "Een nieuw perspectief"
    proposals = change_proposals(project)
    assert list(proposals) == ["2. Regels"]
    assert proposals["2. Regels"][0].text == "=Minder formulieren"
    # the same file again changes nothing more
    again = import_results(project, path)
    assert (again.observations, again.interpretations, again.proposals) == (0, 0, 0)
    assert again.unchanged == 4


def test_next_report_has_the_change_proposals(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from verhalen.report import make_report

    project = build(tmp_path / "rp")
    path = tmp_path / "resultaten.xlsx"
    write_template(path, project)
    fill(path, {"verandervoorstellen": [["2", "Minder formulieren bij subsidies", "team", ""]]})
    import_results(project, path)

    result = make_report(project, formats="pdf", out=tmp_path / "rapport")
    text = " ".join(page.extract_text() for page in PdfReader(result.paths[0]).pages)
    assert "Verandervoorstellen" in text
    assert "Minder formulieren bij subsidies" in text


def test_bad_rows_reject_everything(tmp_path: Path) -> None:
    project = build(tmp_path / "bad")
    path = write_template(tmp_path / "fout.xlsx", project)
    fill(
        path,
        {
            "waarnemingen": [["w1", "", "Een waarneming."]],
            "verandervoorstellen": [["9", "Iets doen", "", ""], ["1", "", "wij", ""]],
        },
    )
    book = load_workbook(path)
    book["perspectieven"]["B2"] = "Nieuwe naam"
    book.save(path)
    with pytest.raises(RejectedBatch) as caught:
        import_results(project, path)
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "fout.xlsx:2: verandervoorstellen: onbekend perspectief 9",
        "fout.xlsx:3: verandervoorstellen: voorstel is leeg",
    ]
    assert perspectives(project)[0].name == "Hulp van buren"
    assert not (project.root / "catalyse.yaml").exists()
    assert not (project.root / "verandervoorstellen.yaml").exists()
    assert change_proposals(project) == {}


def test_cli(made: Project, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--project", str(made.root), "workshop"]
    result = runner.invoke(app, [*base, "cards", "--out", str(tmp_path / "k.pdf")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*base, "sheets", "-n", "1", "--out", str(tmp_path / "s.pdf")])
    assert result.exit_code == 0 and pdf_text(tmp_path / "s.pdf")[0] == 1
    result = runner.invoke(app, [*base, "template", "--out", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0 and (tmp_path / "t.xlsx").is_file()
    result = runner.invoke(app, [*base, "sheets", "-n", "7"])
    assert result.exit_code != 0


def test_committed_template_is_current(tmp_path: Path) -> None:
    committed = Path(__file__).resolve().parents[1] / "workshops" / "resultaten-sjabloon.xlsx"
    fresh = write_template(tmp_path / "t.xlsx")
    read = lambda p: {s.title: list(s.values) for s in load_workbook(p)}  # noqa: E731
    assert read(committed) == read(fresh)


# -- checked before anything is written (issue #12) ----------------------------------------------


def run_cli(root: Path, *args: object) -> subprocess.CompletedProcess[str]:
    """`verhalen --project ROOT ARGS…` as a user runs it: its own process, errors as lines."""
    return subprocess.run(verhalen(root, *args), capture_output=True, text=True, timeout=300)


def rows_of(project: Project) -> list[str]:
    """Every row of the store, as SQL (no connection may be open)."""
    return store_snapshot(project)[2]


def test_unknown_pattern_id_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    project = build(tmp_path / "pid")
    catalysis = project.root / "catalyse.yaml"
    catalysis.write_text(
        "# notities\nobservaties:\n  - id: oud\n    tekst: Al bekend.\n", encoding="utf-8"
    )
    path = write_template(tmp_path / "r.xlsx", project)
    book = load_workbook(path)
    book["perspectieven"]["B3"] = "Regels"  # a rename that would go into the store first
    book.save(path)
    fill(
        path,
        {
            "waarnemingen": [
                ["goed", "gevoel~rol", "Een waarneming bij een patroon dat bestaat."],
                ["fout", "gevoel~rol, afloop~bestaatniet", "Een waarneming bij onzin."],
            ],
            "interpretaties": [["oud", "Dit kan betekenen dat …", 1]],
            "verandervoorstellen": [["2", "Minder formulieren", "team", ""]],
        },
    )
    before, rows = catalysis.read_bytes(), rows_of(project)

    done = run_cli(project.root, "workshop", "import", path)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        "r.xlsx:3: waarnemingen: onbekend patroon 'afloop~bestaatniet' "
        "('verhalen patterns list' toont alle ids)"
    ]
    assert catalysis.read_bytes() == before
    assert not (project.root / "verandervoorstellen.yaml").exists()
    assert rows_of(project) == rows  # the rename did not go in either
    assert perspectives(project)[1].name is None

    # the report still reads the project, and the doctor finds nothing wrong with the files
    report = run_cli(project.root, "report", "--format", "xlsx", "--out", tmp_path / "rapport")
    assert report.returncode == 0, report.stderr
    assert not [f for f in check(project) if f.check in ("catalysis", "proposals")]


def test_a_workbook_that_is_not_a_results_sheet_is_refused(tmp_path: Path) -> None:
    project = build(tmp_path / "other")
    other = tmp_path / "begroting.xlsx"
    book = Workbook()
    book.active.title = "Blad1"
    book.active["A1"] = "post"
    book.active["B1"] = "bedrag"
    book.save(other)
    rows = rows_of(project)

    done = run_cli(project.root, "workshop", "import", other)
    english = run_cli(project.root, "--lang", "en", "workshop", "import", other)

    assert done.returncode == 1 and english.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr + english.stdout + english.stderr
    assert done.stdout == ""  # no "0 imported"
    expected = "waarnemingen, interpretaties, perspectieven, verandervoorstellen, landschap"
    assert done.stderr.splitlines() == [
        "begroting.xlsx: dit is geen resultatensjabloon van verhalen: verwacht de bladen "
        f"{expected} (gevonden: Blad1); 'verhalen workshop template' maakt het sjabloon"
    ]
    english_names = "observations, interpretations, perspectives, change proposals, landscape"
    assert english.stderr.splitlines() == [
        "begroting.xlsx: this is not a verhalen results template: expected the sheets "
        f"{english_names} (found: Blad1); 'verhalen workshop template' makes the template"
    ]
    assert rows_of(project) == rows
    assert not (project.root / "catalyse.yaml").exists()


def test_a_sheet_with_a_renamed_column_is_refused(tmp_path: Path) -> None:
    project = build(tmp_path / "col")
    path = write_template(tmp_path / "r.xlsx", project)
    book = load_workbook(path)
    book["waarnemingen"]["B1"] = "patroon"  # what is under it would be lost
    book.save(path)
    fill(path, {"waarnemingen": [["w1", "gevoel~rol", "Iets."]]})

    with pytest.raises(RejectedBatch) as caught:
        import_results(project, path)

    assert [str(p) for p in caught.value.problems] == [
        "r.xlsx:1: waarnemingen: onbekende kolom 'patroon' (de kopjes zijn: id, patronen, tekst)"
    ]
    assert not (project.root / "catalyse.yaml").exists()


def test_a_failure_while_writing_leaves_files_and_store_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verhalen.atomic

    project = build(tmp_path / "disk")
    catalysis = project.root / "catalyse.yaml"
    catalysis.write_text("observaties:\n  - id: oud\n    tekst: Al bekend.\n", encoding="utf-8")
    path = write_template(tmp_path / "r.xlsx", project)
    book = load_workbook(path)
    book["perspectieven"]["B3"] = "Regels"
    book["perspectieven"]["C2"] = "Buren helpen elkaar."
    book.save(path)
    fill(
        path,
        {
            "waarnemingen": [["nieuw", "gevoel~rol", "Inwoners vertellen over buren."]],
            "verandervoorstellen": [["2", "Minder formulieren", "team", ""]],
        },
    )
    before, rows = catalysis.read_bytes(), rows_of(project)
    real = verhalen.atomic.write_text

    def full_disk(target: Path, text: str, **kwargs: object) -> None:
        if Path(target).name == "verandervoorstellen.yaml":  # the second file
            raise OSError(28, "No space left on device")
        real(target, text, **kwargs)

    monkeypatch.setattr(verhalen.atomic, "write_text", full_disk)
    with pytest.raises(OSError):
        import_results(project, path)

    assert catalysis.read_bytes() == before  # the first file was put back
    assert not (project.root / "verandervoorstellen.yaml").exists()
    assert rows_of(project) == rows  # the renames and descriptions were rolled back
    assert not [p for p in project.root.iterdir() if p.name.startswith(".")]  # no leftovers

    monkeypatch.setattr(verhalen.atomic, "write_text", real)
    summary = import_results(project, path)  # with room on the disk it all goes in
    assert (summary.renamed, summary.described, summary.observations) == ([2], [1], 1)
    assert summary.proposals == 1
    assert {h["action"] for h in history(project)} >= {"rename", "describe"}


def test_a_broken_proposals_file_stops_the_report_with_one_line(tmp_path: Path) -> None:
    project = build(tmp_path / "vv")
    (project.root / "verandervoorstellen.yaml").write_text(
        "voorstellen:\n  - perspectief: 2\n    voorstel: [niet gesloten\n", encoding="utf-8"
    )

    done = run_cli(project.root, "report", "--format", "xlsx", "--out", tmp_path / "rapport")

    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("verandervoorstellen.yaml:4: geen geldige YAML")


# -- landscape placements made in the room (issue #16) -------------------------------------------


def placements_of(project: Project) -> list[tuple[str, str, int, tuple[float, ...]]]:
    from verhalen.placements import read

    with project.store() as store:
        return [(p.landscape, p.table, p.story_id, p.value) for p in read(store)]


def test_placements_are_imported_and_shown_in_the_next_report(tmp_path: Path) -> None:
    from verhalen.report import make_report

    project = build(tmp_path / "pl")
    with project.store() as store, store.transaction():
        store.set_answer(1, "verrassing", 30)  # story 2 has none: only on the group's panel
    path = write_template(tmp_path / "r.xlsx", project)
    explanation = [r[0] for r in load_workbook(path)["uitleg"].iter_rows(values_only=True)]
    assert "Landschappen in dit project: gevoel/verrassing" in " ".join(filter(None, explanation))
    fill(
        path,
        {
            "landschap": [
                ["gevoel/verrassing", "A", 1, 20, 80, None],
                ["gevoel × verrassing", "A", 2, "55,5", 10, None],  # as people type it
                ["gevoel/verrassing", "", 3, 0, 100, None],
            ]
        },
    )
    summary = import_results(project, path)

    assert summary.placements == 3
    assert placements_of(project) == [
        ("gevoel/verrassing", "", 3, (0.0, 100.0)),
        ("gevoel/verrassing", "A", 1, (20.0, 80.0)),
        ("gevoel/verrassing", "A", 2, (55.5, 10.0)),
    ]
    assert import_results(project, path).unchanged == 3  # the same sheet again: known
    result = make_report(project, formats="pdf", out=tmp_path / "rapport")
    text = " ".join(page.extract_text() for page in PdfReader(result.paths[0]).pages)
    assert "Landschappen van de bijeenkomst" in text
    assert "Tafel A legde 2 verhalen op het landschap" in text
    assert "De groep legde 1 verhaal op het landschap" in text
    # the two panels side by side: the tellers' own answers and the group's placements
    from verhalen.report.build import build_report
    from verhalen.report.data import gather
    from verhalen.report.landscape_chapter import LandscapePair
    from verhalen.report.model import Figure

    chapter = next(s for s in build_report(gather(project, "nl")).sections if s.key == "landscapes")
    charts = [b.chart for sub in chapter.sections for b in sub.blocks if isinstance(b, Figure)]
    assert all(isinstance(c, LandscapePair) for c in charts) and len(charts) == 2
    table_a = next(c for c in charts if c.titles[1] == "Zoals Tafel A ze legde")
    assert table_a.titles[0] == "Volgens de vertellers"
    assert table_a.group == ((1, (20.0, 80.0)), (2, (55.5, 10.0)))
    assert table_a.own == ((1, (61.0, 30.0)),)  # the same stories, as their tellers answered


def test_a_report_without_placements_has_no_landscape_chapter(made: Project) -> None:
    from verhalen.report.build import build_report
    from verhalen.report.data import gather

    report = build_report(gather(made, "nl"))
    assert "landscapes" not in [s.key for s in report.sections]


def test_bad_placements_are_one_line_each_and_nothing_is_stored(tmp_path: Path) -> None:
    project = build(tmp_path / "bp")
    path = write_template(tmp_path / "fout.xlsx", project)
    fill(
        path,
        {
            "verandervoorstellen": [["1", "Een goed voorstel", "", ""]],
            "landschap": [
                ["gevoel/verrassing", "", 1, 40, 60, None],  # fine on its own
                ["gevoel/verrassing", "", 999, 40, 60, None],  # unknown story
                ["gevoel/verrassing", "", 2, 140, 60, None],  # outside the scale
                ["gevoel/verrassing", "", 3, "veel", 60, None],  # no number
                ["gevoel/afloop", "", 4, 1, 1, None],  # afloop is a choice
                ["gevoel/verrassing", "", 5, 10, None, None],  # y missing
                ["gevoel/verrassing", "", 1, 41, 61, None],  # the same story twice
            ],
        },
    )
    book = load_workbook(path)
    book["perspectieven"]["B2"] = "Nieuwe naam"
    book.save(path)
    with pytest.raises(RejectedBatch) as caught:
        import_results(project, path)

    assert [str(p) for p in caught.value.problems] == [
        "fout.xlsx:3: landschap: onbekend verhaal '999'",
        "fout.xlsx:4: landschap: x 140 ligt buiten 0–100 (gevoel)",
        "fout.xlsx:5: landschap: x 'veel' is geen getal",
        "fout.xlsx:6: landschap: 'gevoel/afloop' is geen landschap: twee schaal- of dyadevragen "
        "als x/y, of één driehoek",
        "fout.xlsx:7: landschap: y ontbreekt",
        "fout.xlsx:8: landschap: verhaal 1 staat twee keer op gevoel/verrassing",
    ]
    assert placements_of(project) == []  # nothing, not even the good row
    assert perspectives(project)[0].name == "Hulp van buren"
    assert change_proposals(project) == {}


def test_placements_and_renames_are_one_transaction(tmp_path: Path, monkeypatch) -> None:
    """A failure while writing the files after the placements are in the store rolls all back."""
    from verhalen import atomic

    project = build(tmp_path / "tx")
    path = write_template(tmp_path / "r.xlsx", project)
    fill(
        path,
        {
            "verandervoorstellen": [["1", "Een voorstel", "", ""]],
            "landschap": [["gevoel/verrassing", "", 1, 40, 60, None]],
        },
    )
    book = load_workbook(path)
    book["perspectieven"]["B2"] = "Nieuwe naam"
    book.save(path)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_text", broken)
    with pytest.raises(OSError):
        import_results(project, path)
    assert placements_of(project) == []
    assert perspectives(project)[0].name == "Hulp van buren"
    monkeypatch.undo()
    assert import_results(project, path).placements == 1
    assert placements_of(project) == [("gevoel/verrassing", "", 1, (40.0, 60.0))]


# -- an English project writes English files; either language is read (issue #13) --------------

ENGLISH_HEADERS = {
    "observations": ["id", "patterns", "text"],
    "interpretations": ["observation", "text", "perspective"],
    "perspectives": ["number", "name", "description"],
    "change proposals": ["perspective", "proposal", "who", "note"],
    "landscape": ["landscape", "table", "story", "x", "y", "shares"],
}


def test_an_english_project_gets_an_english_template_catalysis_and_proposals(
    tmp_path: Path,
) -> None:
    project = build(tmp_path / "en").in_language("en")
    path = write_template(tmp_path / template_file_name("en"), project)
    book = load_workbook(path)
    assert path.name == "results.xlsx"
    assert book.sheetnames == ["explanation", *ENGLISH_HEADERS]
    assert {n: [c.value for c in book[n][1]] for n in ENGLISH_HEADERS} == ENGLISH_HEADERS
    explanation = " ".join(str(r[0]) for r in book["explanation"].values if r[0])
    assert "verhalen workshop import results.xlsx" in explanation
    assert "catalysis.yaml" in explanation and "Landscapes in this project" in explanation
    for dutch in ("waarneming", "perspectief", "catalyse.yaml", "resultaten", "landschap"):
        assert dutch not in explanation
    fill(
        path,
        {
            "observations": [["new", "rol ~ gevoel", "Residents tell about neighbours."]],
            "interpretations": [["new", "This may mean that neighbours count.", 1]],
            "change proposals": [["2", "Fewer forms", "team", "why"]],
        },
    )

    summary = import_results(project, path)

    assert (summary.observations, summary.interpretations, summary.proposals) == (1, 1, 1)
    assert not (project.root / "catalyse.yaml").exists()
    doc = yaml.safe_load((project.root / "catalysis.yaml").read_text(encoding="utf-8"))
    assert doc == {
        "observations": [
            {
                "id": "new",
                "patterns": ["gevoel~rol"],
                "text": "Residents tell about neighbours.",
                "interpretations": [
                    {"text": "This may mean that neighbours count.", "perspective": 1}
                ],
            }
        ]
    }
    read = check_catalysis(project)  # read back as `report` reads it
    assert [(o.id, o.interpretations[0].perspective) for o in read.observations] == [("new", 1)]
    assert not (project.root / "verandervoorstellen.yaml").exists()
    proposals = yaml.safe_load((project.root / "change-proposals.yaml").read_text("utf-8"))
    assert list(proposals) == ["proposals"]
    assert list(proposals["proposals"][0]) == [
        "perspective",
        "title",
        "proposal",
        "who",
        "note",
        "source",
        "date",
    ]
    assert [p.text for ps in change_proposals(project).values() for p in ps] == ["Fewer forms"]
    assert not [f for f in check(project, "en") if f.check in ("catalysis", "proposals")]
    # the same rows again are known, under their English keys
    assert import_results(project, path).unchanged == 3


def test_a_dutch_sheet_imports_into_an_english_project_and_the_reverse(tmp_path: Path) -> None:
    dutch = build(tmp_path / "nl")
    english = dutch.in_language("en")
    dutch_sheet = write_template(tmp_path / "nl.xlsx", dutch)
    assert load_workbook(dutch_sheet).sheetnames[1] == "waarnemingen"
    fill(
        dutch_sheet,
        {
            "waarnemingen": [["een", "rol ~ gevoel", "Buren helpen."]],
            "verandervoorstellen": [["2", "Minder formulieren", "", ""]],
        },
    )
    summary = import_results(english, dutch_sheet)
    assert (summary.observations, summary.proposals) == (1, 1)
    assert list(yaml.safe_load((dutch.root / "catalysis.yaml").read_text("utf-8"))) == [
        "observations"
    ]

    # an English sheet into the Dutch project: the English-named files are found, their keys kept
    english_sheet = write_template(tmp_path / "en.xlsx", english)
    fill(
        english_sheet,
        {
            "observations": [["two", "", "Rules."]],
            "interpretations": [["een", "Or that it differs.", ""]],
            "change proposals": [["1", "Visit more", "", ""]],
        },
    )
    summary = import_results(dutch, english_sheet)
    assert (summary.observations, summary.interpretations, summary.proposals) == (1, 1, 1)
    assert not (dutch.root / "catalyse.yaml").exists()
    doc = yaml.safe_load((dutch.root / "catalysis.yaml").read_text("utf-8"))["observations"]
    assert [o["id"] for o in doc] == ["een", "two"]
    assert doc[0]["interpretations"] == [{"text": "Or that it differs."}]
    assert not (dutch.root / "verandervoorstellen.yaml").exists()
    stored = yaml.safe_load((dutch.root / "change-proposals.yaml").read_text("utf-8"))
    assert [p["proposal"] for p in stored["proposals"]] == ["Minder formulieren", "Visit more"]

    # and into a Dutch project with no files yet: Dutch names and keys
    fresh = build(tmp_path / "vers")
    sheet = write_template(tmp_path / "en2.xlsx", english)
    fill(
        sheet,
        {
            "observations": [["two", "", "Rules."]],
            "change proposals": [["1", "Visit more", "", ""]],
        },
    )
    summary = import_results(fresh, sheet)
    assert (summary.observations, summary.proposals) == (1, 1)
    doc = yaml.safe_load((fresh.root / "catalyse.yaml").read_text("utf-8"))
    assert doc == {"observaties": [{"id": "two", "patronen": [], "tekst": "Rules."}]}
    stored = yaml.safe_load((fresh.root / "verandervoorstellen.yaml").read_text("utf-8"))
    assert list(stored["voorstellen"][0])[:3] == ["perspectief", "titel", "voorstel"]


def test_cli_template_is_named_in_the_project_language(made: Project) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["--project", str(made.root), "--lang", "en", "workshop", "template"]
    )
    assert result.exit_code == 0, result.output
    written = made.root / "workshop" / "results.xlsx"
    assert result.output.strip().endswith("results.xlsx") and written.is_file()
    assert load_workbook(written).sheetnames[0] == "explanation"
    written.unlink()
