"""`stories export`: fixed columns then the form's questions; text never becomes a formula."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from support import ingest_ok

from verhalen.errors import VerhalenError
from verhalen.project import FORM_NAME, init_project
from verhalen.stories import StoryFilter, export_stories

FIXED = ["id", "title", "text", "storyteller", "group", "session"]
QUESTIONS = [
    "gevoel",
    "afloop",
    "wanneer",
    "betrokkenen",
    "verrassing",
    "hoe_vaak",
    "nodig",
    "training",
    "toelichting",
    "rol",
    "leeftijdsgroep",
    "jaren_betrokken",
]
FORMULA = "=SUM(1,2)"


@pytest.fixture
def filled(project, register):
    """Two stories with answers, one of them a text that looks like a spreadsheet formula."""
    register()
    path = project.root / "antwoorden.csv"
    path.write_text(
        "titel,verhaal,verteller,sessie,afloop,betrokkenen,training,gevoel\n"
        "De brug,De brug was kapot.,V01,sessie 1,goed,inwoners;ambtenaren,ja,70\n"
        f'Som,"{FORMULA} stond er in de cel.",V03,sessie 2,slecht,,nee,5\n',
        encoding="utf-8",
    )
    ingest_ok(project, [path])
    return project


def _csv_rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_cli_export_writes_each_format(filled, cli, tmp_path):
    for suffix in ("csv", "xlsx", "json"):
        out = tmp_path / f"x.{suffix}"

        result = cli("stories", "export", "--out", out)

        assert result.exit_code == 0, result.output
        assert "2 verhalen geschreven naar" in result.stdout
        if suffix == "csv":
            assert _csv_rows(out)[0] == FIXED + QUESTIONS
        elif suffix == "xlsx":
            assert [c.value for c in next(load_workbook(out).active.iter_rows())] == (
                FIXED + QUESTIONS
            )
        else:
            assert list(json.loads(out.read_text(encoding="utf-8"))[0]) == FIXED + QUESTIONS


def test_csv_columns_and_values(filled, tmp_path):
    out = tmp_path / "x.csv"

    assert export_stories(filled, out) == 2

    header, brug, som = _csv_rows(out)
    assert header == FIXED + QUESTIONS
    row = dict(zip(header, brug, strict=True))
    assert row["id"] == "1"
    assert row["title"] == "De brug"
    assert row["text"] == "De brug was kapot."
    assert (row["storyteller"], row["group"], row["session"]) == ("V01", "inwoner", "sessie 1")
    assert row["afloop"] == "goed"
    assert row["betrokkenen"] == "inwoners; ambtenaren"
    assert row["training"] == "ja"
    assert row["gevoel"] == "70"
    assert (row["rol"], row["leeftijdsgroep"], row["jaren_betrokken"]) == ("inwoner", "45-60", "6")
    assert row["wanneer"] == ""
    assert dict(zip(header, som, strict=True))["training"] == "nee"


def test_csv_formula_gets_a_leading_quote(filled, tmp_path):
    out = tmp_path / "x.csv"
    export_stories(filled, out)

    header, _, som = _csv_rows(out)

    text = dict(zip(header, som, strict=True))["text"]
    assert text == f"'{FORMULA} stond er in de cel."


def test_xlsx_columns_and_formula_stays_a_string(filled, tmp_path):
    out = tmp_path / "x.xlsx"

    assert export_stories(filled, out) == 2

    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == FIXED + QUESTIONS
    assert len(rows) == 3
    text_cell = rows[2][FIXED.index("text")]
    assert text_cell.value == f"{FORMULA} stond er in de cel."
    assert text_cell.data_type == "s"  # a string, never a formula ("f")
    assert rows[1][0].value == 1
    assert rows[1][QUESTIONS.index("betrokkenen") + len(FIXED)].value == "inwoners; ambtenaren"
    # nothing in the workbook is a formula
    assert all(c.data_type != "f" for row in rows for c in row)


def test_xlsx_title_that_looks_like_a_formula(project, tmp_path):
    path = project.root / "a.txt"
    path.write_text('Titel: =HYPERLINK("http://x")\n\n@Iedereen: lees dit.\n', encoding="utf-8")
    ingest_ok(project, [path])
    out = tmp_path / "x.xlsx"

    export_stories(project, out)

    row = list(load_workbook(out).active.iter_rows())[1]
    assert [(c.value, c.data_type) for c in row[1:3]] == [
        ('=HYPERLINK("http://x")', "s"),
        ("@Iedereen: lees dit.", "s"),
    ]


def test_json_columns_and_values(filled, tmp_path):
    out = tmp_path / "x.json"

    assert export_stories(filled, out) == 2

    records = json.loads(out.read_text(encoding="utf-8"))
    assert [list(r) for r in records] == [FIXED + QUESTIONS] * 2
    assert records[0]["betrokkenen"] == ["inwoners", "ambtenaren"]
    assert records[0]["training"] is True
    assert records[0]["gevoel"] == 70
    assert records[1]["text"] == f"{FORMULA} stond er in de cel."  # JSON needs no quoting


def test_export_filters(filled, tmp_path):
    out = tmp_path / "x.csv"

    assert export_stories(filled, out, where=StoryFilter(group="ambtenaar")) == 1
    assert [r[1] for r in _csv_rows(out)[1:]] == ["Som"]


def test_export_unknown_format(filled, tmp_path):
    with pytest.raises(VerhalenError, match="onbekend formaat 'pdf'"):
        export_stories(filled, tmp_path / "x.pdf")


def test_a_format_that_contradicts_the_file_name_is_refused(filled, tmp_path):
    """Before, --format csv --out x.xlsx wrote CSV text into a file Excel cannot open."""
    with pytest.raises(VerhalenError, match=r"x\.xlsx heeft een andere extensie dan --format csv"):
        export_stories(filled, tmp_path / "x.xlsx", "csv")
    assert not (tmp_path / "x.xlsx").exists()
    assert export_stories(filled, tmp_path / "x.txt", "csv") > 0  # another name is the user's


def test_csv_negative_number_stays_a_number(tmp_path):
    root = tmp_path / "neg"
    root.mkdir()
    (root / FORM_NAME).write_text(
        "questions:\n  - id: stemming\n    type: scale\n    min: -50\n    max: 50\n",
        encoding="utf-8",
    )
    project = init_project(root)
    (root / "in.csv").write_text("tekst,stemming\nEen verhaal.,-20\n", encoding="utf-8")
    ingest_ok(project, [root / "in.csv"])

    export_stories(project, tmp_path / "x.csv")

    header, row = _csv_rows(tmp_path / "x.csv")
    assert dict(zip(header, row, strict=True))["stemming"] == "-20"


def test_open_answers_hide_contact_details_unless_the_original_is_asked(project, register):
    register()
    path = project.root / "open.csv"
    path.write_text(
        "titel,verhaal,verteller,toelichting\n"
        "Het hek,Het hek stond er ineens en niemand wist waarom het er stond.,V01,"
        "Bel me gerust of mail naar k.jansen@voorbeeld.nl als je meer wilt weten\n",
        encoding="utf-8",
    )
    ingest_ok(project, [path])

    shown = project.root / "shown.csv"
    export_stories(project, shown)
    original = project.root / "original.csv"
    export_stories(project, original, original=True)

    [row] = list(csv.DictReader(shown.open(encoding="utf-8")))
    assert "k.jansen@voorbeeld.nl" not in row["toelichting"]
    assert "[E-MAIL]" in row["toelichting"]
    [raw] = list(csv.DictReader(original.open(encoding="utf-8")))
    assert "k.jansen@voorbeeld.nl" in raw["toelichting"]
