"""Problems are reported as `path:row: reason`, with the row where the user must look."""

from __future__ import annotations

import os

from support import rejected, stories, write_docx, write_xlsx

from verhalen.errors import Problem, RejectedBatch
from verhalen.ingest import ingest, read_options
from verhalen.project import FORM_NAME, init_project
from verhalen.store import Store


def test_problem_line_format():
    assert str(Problem("a/b.txt", 12, "leeg verhaal")) == "a/b.txt:12: leeg verhaal"
    assert str(Problem("a/b.txt", None, "leeg verhaal")) == "a/b.txt: leeg verhaal"


def test_empty_stories(project):
    (project.root / "leeg.txt").write_text("\n\n", encoding="utf-8")
    (project.root / "kop.txt").write_text(
        "Eerste verhaal.\n---\nTitel: Alleen een kop\n---\nDerde verhaal.\n", encoding="utf-8"
    )
    (project.root / "tabel.csv").write_text(
        "tekst,afloop\nEen verhaal.,goed\n,slecht\n", encoding="utf-8"
    )
    write_docx(
        project.root / "kopjes.docx",
        [
            ("h2", "Een verhaal"),  # 1
            ("p", "Met tekst."),  # 2
            ("h2", "Vergeten in te vullen"),  # 3
            ("h2", "Nog een verhaal"),  # 4
            ("p", "Ook met tekst."),  # 5
        ],
    )

    lines = rejected(project, [project.root])

    assert lines == [
        "kop.txt:3: leeg verhaal",  # the block starts at its header line
        "kopjes.docx:3: leeg verhaal",  # the heading without text
        "leeg.txt: leeg verhaal",
        "tabel.csv:3: leeg verhaal",
    ]


def test_unknown_storyteller(project, register):
    register()
    (project.root / "wie.txt").write_text(
        "Een verhaal.\n---\n\nVerteller: Onbekend\n\nTekst van iemand.\n", encoding="utf-8"
    )
    (project.root / "wie.csv").write_text(
        "verhaal,verteller\nVan Anja.,Anja\nVan V99.,V99\n", encoding="utf-8"
    )

    lines = rejected(project, [project.root / "wie.txt", project.root / "wie.csv"])

    assert lines == [
        "wie.csv:3: onbekende verteller 'V99'",
        "wie.txt:4: onbekende verteller 'Onbekend'",
    ]


def test_unreadable_files(project):
    (project.root / "kapot.docx").write_bytes(os.urandom(3000))
    (project.root / "kapot.xlsx").write_bytes(b"PK\x03\x04 this is no spreadsheet")
    (project.root / "binair.txt").write_bytes(b"tekst\x00\x01\x02\xff\xfe" * 200)
    (project.root / "goed.txt").write_text("Een goed verhaal.\n", encoding="utf-8")

    lines = rejected(project, [project.root])

    assert [line.split(": ", 1)[0] for line in lines] == [
        "binair.txt",
        "kapot.docx",
        "kapot.xlsx",
    ]
    assert lines[0] == "binair.txt: onleesbaar bestand: binaire gegevens, geen tekst"
    assert all(": onleesbaar bestand: " in line for line in lines)
    assert stories(project) == []


def test_answers_the_form_does_not_allow(project):
    (project.root / "antwoorden.csv").write_text(
        "tekst,afloop,gevoel,training,betrokkenen\n"
        "Goed verhaal.,goed,50,ja,inwoners\n"  # 2: fine
        "Verhaal twee.,misschien,10,nee,inwoners\n"  # 3
        "Verhaal drie.,goed,150,ja,inwoners\n"  # 4
        "Verhaal vier.,goed,veel,soms,buren\n",  # 5
        encoding="utf-8",
    )

    lines = rejected(project, [project.root / "antwoorden.csv"])

    assert lines == [
        "antwoorden.csv:3: afloop: 'misschien' is geen keuze "
        "(kies uit: goed, gemengd, slecht, nog niet bekend)",
        "antwoorden.csv:4: gevoel: 150 ligt buiten 0–100",
        "antwoorden.csv:5: betrokkenen: 'buren' is geen keuze (kies uit: inwoners, ambtenaren, "
        "gemeenteraad of college, maatschappelijke organisaties, ondernemers)",
        "antwoorden.csv:5: gevoel: 'veel' is geen getal",
        "antwoorden.csv:5: training: 'soms' is geen ja/nee",
    ]


def test_storyteller_answer_not_allowed(project, tellers_csv):
    path = tellers_csv(
        [("V01", "Anja", "inwoner", "45-60", "6"), ("V02", "Ruud", "koning", "", "")]
    )

    lines = rejected(project, [], storytellers_file=path)

    assert lines == [
        "vertellers.csv:3: rol: 'koning' is geen keuze "
        "(kies uit: inwoner, ambtenaar, raadslid, wethouder)"
    ]


def test_table_without_a_text_column(project):
    (project.root / "geen-tekst.csv").write_text("titel,afloop\nA,goed\n", encoding="utf-8")
    # the header is the first row with content: row 3 of the sheet
    write_xlsx(project.root / "laat.xlsx", [[None], [None], ["Kop", "Samenvatting"], ["A", "B"]])

    lines = rejected(project, [project.root / "geen-tekst.csv", project.root / "laat.xlsx"])

    assert lines == [
        "geen-tekst.csv:1: geen kolom voor 'text' gevonden (kolommen: titel, afloop); "
        "geef --map text=KOLOM",
        "laat.xlsx:3: geen kolom voor 'text' gevonden (kolommen: Kop, Samenvatting); "
        "geef --map text=KOLOM",
    ]


def test_column_map_to_a_missing_column(project):
    (project.root / "t.csv").write_text("verhaal\nEen verhaal.\n", encoding="utf-8")
    options = read_options(project, column_map=(("title", "Kop"),))

    lines = rejected(project, [project.root / "t.csv"], options=options)

    assert lines == ["t.csv:1: --map title=Kop: kolom bestaat niet"]


def test_missing_and_unsupported_paths(project):
    (project.root / "notities.pdf").write_bytes(b"%PDF-1.4")

    lines = rejected(project, [project.root / "weg.txt", project.root / "notities.pdf"])

    assert lines == [
        f"{project.root / 'notities.pdf'}: bestandstype .pdf wordt niet ondersteund",
        f"{project.root / 'weg.txt'}: bestaat niet",
    ]


def test_messages_in_english_for_an_english_project(tmp_path):
    root = tmp_path / "en"
    root.mkdir()
    (root / FORM_NAME).write_text(
        "questions:\n  - id: ending\n    type: single\n    options: [good, bad]\n",
        encoding="utf-8",
    )
    project = init_project(root, lang="en")
    (root / "s.csv").write_text("story,ending\nA story.,maybe\n,good\n", encoding="utf-8")

    lines = rejected(project, [root / "s.csv"])

    assert lines == [
        "s.csv:2: ending: 'maybe' is not an option (choose from: good, bad)",
        "s.csv:3: empty story",
    ]


# -- the storytellers table ----------------------------------------------------------------------


def test_storyteller_row_without_id_is_reported(project, tellers_csv):
    path = tellers_csv([("V01", "Anja", "inwoner", "", ""), ("", "Zonder id", "inwoner", "", "")])

    lines = rejected(project, [], storytellers_file=path)

    assert lines == ["vertellers.csv:3: verteller zonder id"]


def test_unreadable_storytellers_file_is_reported(project):
    (project.root / "story.txt").write_text("Een verhaal.\n", encoding="utf-8")
    (project.root / "vertellers.csv").write_bytes(b"\x00\x01\x02" * 100)

    lines = rejected(
        project, [project.root / "story.txt"], storytellers_file=project.root / "vertellers.csv"
    )

    assert [line.split(": ", 1)[0] for line in lines] == ["vertellers.csv"]
    with Store(project.store_path) as store:
        assert store.count("stories") == 0


def test_row_with_more_cells_than_the_header_is_not_cut_short(project):
    path = project.root / "lijst.csv"
    path.write_text("tekst\nDe brug was kapot, echt waar.\nHet plein.\n", encoding="utf-8")

    try:
        ingest(project, [path])
    except RejectedBatch as exc:  # reporting the row is fine too
        assert str(exc.problems[0]).startswith("lijst.csv:2: ")
        return
    assert stories(project)[0].text == "De brug was kapot, echt waar."
