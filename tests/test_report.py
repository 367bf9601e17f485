"""The catalysis report: PDF text and XLSX cells read back, both languages, the same report twice,
catalyse.yaml checked line by line, and user text that never becomes a spreadsheet formula.

One small project is built per module (40 stories ingested from a CSV, a clustering run stored
through the Store API instead of real clustering) and its reports are made once; one test reads
the report of the real example project.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from support import fake_run, ingest_ok
from typer.testing import CliRunner

from verhalen.catalysis import load_catalysis
from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.errors import RejectedBatch, VerhalenError
from verhalen.project import FORM_NAME, Project, init_project
from verhalen.report import make_report
from verhalen.report.data import gather
from verhalen.status import headline, overview

EXAMPLE = example_folder()  # src/verhalen/voorbeeld, the example shipped with the package
TRICKY = {
    1: '=HYPERLINK("http://example.org","klik") stond zomaar in de mail van de gemeente.',
    2: "+31 6 1234 5678 belde ons terug over de brug.",
    3: "- eerst de buren, toen de gemeente, en daarna niemand meer.",
    4: "@gemeente reageerde snel op ons bericht over het plein.",
    5: "Wij & zij <samen> in de wijk: dat was het plan.",
}
PERSPECTIVES = {1: "Regels in de weg", 2: None, 3: None}  # 1 renamed by the facilitator
LABELS = {1: "regels · formulier · loket", 2: "buren · koffie · straat", 3: "training · kring"}
WORDS = {
    1: "het formulier en het loket en de regels",
    2: "de buren en de koffie in de straat",
    3: "de training in de kring met de trainer",
}
OUTCOME = {1: "slecht", 2: "goed", 3: "gemengd"}
CATALYSIS = """\
# waarnemingen voor de proef
observaties:
  - id: regels
    patronen: [afloop~perspective]
    tekst: Verhalen over regels lopen vaker slecht af.
    interpretaties:
      - tekst: Dit kan betekenen dat de regels mensen echt tegenhouden.
        perspectief: 1
      - tekst: Maar ook dat wie vastloopt eerder een verhaal vertelt.
        perspectief: Vastlopen vertellen
      - Of dat het formulier vooral bij de aanvraag knelt.
  - id: gevoel
    patterns: ["perspective ~ afloop"]
    text: Het gevoel volgt de afloop.
    interpretations:
      - text: Dit kan betekenen dat de afloop het gevoel kleurt.
        perspective: "2"
      - text: Maar ook dat een slecht gevoel de afloop somberder doet lijken.
"""


def perspective_of(i: int) -> int:
    return 0 if i > 36 else 1 + (i - 1) % 3


def build_project(root: Path, clustered: bool = True) -> Project:
    root.mkdir(parents=True)
    shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", name="Proefproject")
    tellers = root / "vertellers.csv"
    with tellers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol", "leeftijdsgroep", "jaren_betrokken"])
        for k in range(1, 9):
            w.writerow([f"V{k}", f"Naam{k}", ("inwoner", "ambtenaar")[k % 2], "30-45", k])
    stories = root / "verhalen.csv"
    with stories.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "verteller", "sessie", "gevoel", "afloop", "training"])
        for i in range(1, 41):
            n = perspective_of(i) or 1 + i % 3
            text = TRICKY.get(i, "") + f" Verhaal {i} gaat over {WORDS[n]}. Zo ging het."
            outcome = OUTCOME[n] if i % 7 else "nog niet bekend"
            feeling = {"slecht": 20, "goed": 80, "gemengd": 50}.get(outcome, 50) + i % 5
            title = "=1+1" if i == 6 else f"Verhaal {i}"
            w.writerow(
                [
                    title,
                    text.strip(),
                    f"V{1 + i % 8}",
                    f"sessie {1 + i % 2}",
                    feeling,
                    outcome,
                    "ja" if n == 3 else "nee",
                ]
            )
    ingest_ok(project, [stories], storytellers_file=tellers)
    if not clustered:
        return project
    fields = {
        n: {
            "label": LABELS[n],
            "terms": LABELS[n].split(" · "),
            "stability": 0.3 * n,
            "name": name,
            "description": "Verhalen waarin regels in de weg zitten." if n == 1 else None,
        }
        for n, name in PERSPECTIVES.items()
    }
    with project.store() as store, store.transaction():
        fake_run(store, [perspective_of(i) for i in range(1, 41)], fields)
    (root / "catalyse.yaml").write_text(CATALYSIS, encoding="utf-8")
    return Project.open(root)


def pdf_text(path: Path) -> str:
    """The PDF's text with all whitespace (line breaks too) as single spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.split())


def flat(text: str) -> str:
    return " ".join(text.split())


def cells(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path)
    return {s.title: [tuple(c.value for c in row) for row in s.iter_rows()] for s in book}


@dataclass
class Made:
    project: Project
    nl: list[Path]
    en: list[Path]
    again: list[Path]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    base = tmp_path_factory.mktemp("rapport")
    project = build_project(base / "p")
    nl = make_report(project).paths
    en = make_report(project, lang="en", out=base / "en").paths
    again = make_report(project, out=base / "again").paths
    return Made(project, nl, en, again)


def test_files_and_names(made: Made) -> None:
    assert [p.name for p in made.nl] == ["catalysisrapport.pdf", "catalysisrapport.xlsx"]
    assert made.nl[0].parent == made.project.root / "rapport"
    assert [p.name for p in made.en] == ["catalysis-report.pdf", "catalysis-report.xlsx"]


def test_pdf_holds_cover_glance_perspectives_patterns_and_catalysis(made: Made) -> None:
    from verhalen.patterns import sentence

    text = pdf_text(made.nl[0])
    data = gather(made.project, "nl")
    assert "Proefproject" in text and "Catalyserapport" in text
    day = data.date
    assert re.search(rf"Stand van de verhalen: {day.day} \w+ {day.year}", text)
    assert flat(headline(overview(made.project), "nl")) in text  # the glance numbers
    for label in ("vertellers", "verhalen", "sessies", "perspectieven"):
        assert label in text
    for title in ("Regels in de weg", LABELS[2], LABELS[3], "Past nergens bij"):
        assert title in text
    assert "Verhalen waarin regels in de weg zitten." in text
    notable = [p for p in data.patterns if p.significant]
    assert notable, "the small project should have notable patterns"
    for p in notable[:30]:
        assert flat(sentence(p, "nl")) in text
    for obs in data.catalysis.observations:
        assert flat(obs.text) in text
        for interpretation in obs.interpretations:
            assert flat(interpretation.text) in text
    assert "Nieuw perspectief: Vastlopen vertellen" in text
    assert "Wij & zij <samen> in de wijk" in text  # escaped for the PDF, shown as typed
    assert "Inhoud" in text and "pagina 3" in text


def test_english_report(made: Made) -> None:
    text = pdf_text(made.en[0])
    for heading in ("Catalysis report", "Contents", "At a glance", "Patterns", "Appendix"):
        assert heading in text
    for dutch in ("Inhoud", "In één oogopslag", "Bijlage", "pagina "):
        assert dutch not in text
    assert "page 3" in text
    assert set(load_workbook(made.en[1]).sheetnames) >= {"stories", "patterns", "configuration"}


def test_dutch_report_has_no_english_headings(made: Made) -> None:
    text = pdf_text(made.nl[0])
    for english in ("At a glance", "Contents", "Appendix", "Stories as of", " page "):
        assert english not in text


def test_xlsx_sheets_header_filters_and_no_formulas(made: Made) -> None:
    book = load_workbook(made.nl[1])
    assert book.sheetnames == [
        "verhalen",
        "vertellers",
        "perspectieven",
        "patronen",
        "tabellen",
        "waarnemingen",
        "datakwaliteit",
        "vertellers op de schalen",
        "configuratie",
    ]
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
        if sheet.title != "tabellen":
            assert sheet.freeze_panes == "A2"
            assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
            assert sheet.column_dimensions["A"].width > 0
    stories = book["verhalen"]
    texts = {row[0].value: row[2] for row in stories.iter_rows(min_row=2)}
    for i, tricky in TRICKY.items():
        assert texts[i].value.startswith(tricky)
        assert texts[i].data_type == "s"
    titles = {row[0].value: row[1] for row in stories.iter_rows(min_row=2)}
    assert titles[6].value == "=1+1" and titles[6].data_type == "s"
    header = [c.value for c in book["patronen"][1]]
    for column in ("toets", "p", "gecorrigeerde p (BH)", "effectgrootte", "zin"):
        assert column in header


def test_tricky_text_stays_text_in_libreoffice(made: Made, tmp_path: Path) -> None:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "r.xlsx"
    shutil.copy(made.nl[1], source)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "r.csv").read_text(encoding="utf-8", errors="replace")
    assert "=HYPERLINK" in text and "+31 6 1234 5678" in text


def test_the_same_project_gives_the_same_report(made: Made) -> None:
    assert cells(made.nl[1]) == cells(made.again[1])
    assert pdf_text(made.nl[0]) == pdf_text(made.again[0])
    assert made.nl[0].read_bytes() == made.again[0].read_bytes()


def test_catalysis_sheet_and_references(made: Made) -> None:
    rows = cells(made.nl[1])["waarnemingen"]
    assert rows[0] == ("id", "patronen", "waarneming", "interpretatie", "perspectief")
    assert len(rows) == 1 + 5
    data = gather(made.project, "nl")
    second = data.catalysis.observations[1]
    assert second.patterns == ("afloop~perspective",)  # written the other way round
    assert [i.perspective for i in second.interpretations] == [2, None]


def test_catalysis_mistakes_one_line_each(made: Made, tmp_path: Path) -> None:
    bad = tmp_path / "catalyse.yaml"
    bad.write_text(
        "observaties:\n"
        "  - id: een\n"
        "    patronen: [afloop~bestaatniet]\n"
        "    tekst: Iets.\n"
        "    interpretaties:\n"
        "      - tekst: Dit kan.\n"
        "        perspectief: 9\n"
        "      - perspectief: 1\n"
        "  - id: twee\n"
        "    interpretaties: [Maar ook dit.]\n",
        encoding="utf-8",
    )
    with pytest.raises(RejectedBatch) as caught:
        load_catalysis(bad, ["afloop~perspective"], [0, 1, 2, 3])
    lines = str(caught.value).splitlines()
    assert lines == [
        "catalyse.yaml:2: observatie 'een': onbekend patroon 'afloop~bestaatniet' "
        "('verhalen patterns list' toont alle ids)",
        "catalyse.yaml:6: observatie 'een': interpretatie 1: perspectief 9 bestaat niet "
        "(wel: 0, 1, 2, 3)",
        "catalyse.yaml:8: observatie 'een': interpretatie 2: tekst ontbreekt",
        "catalyse.yaml:9: observatie 'twee': tekst ontbreekt",
    ]


def test_report_refuses_an_invalid_catalysis(made: Made, tmp_path: Path) -> None:
    root = tmp_path / "kopie"
    shutil.copytree(made.project.root, root)
    (root / "catalyse.yaml").write_text(
        CATALYSIS.replace("afloop~perspective]", "afloop~onzin]"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["--project", str(root), "report"])
    assert result.exit_code == 1
    assert "catalyse.yaml:3: observatie 'regels': onbekend patroon 'afloop~onzin'" in str(
        result.exception
    )
    assert not (root / "rapport" / "catalysisrapport.pdf").exists() or (
        made.nl[0].read_bytes() == (root / "rapport" / "catalysisrapport.pdf").read_bytes()
    )


def test_cli_report_and_init_catalysis(made: Made, tmp_path: Path) -> None:
    root = tmp_path / "kopie"
    shutil.copytree(made.project.root, root)
    (root / "catalyse.yaml").unlink()
    shutil.rmtree(root / "rapport")
    runner = CliRunner()
    done = runner.invoke(app, ["--project", str(root), "report", "--init-catalysis"])
    assert done.exit_code == 0, done.output
    written = root / "catalyse.yaml"
    assert done.output.strip() == str(written)
    template = written.read_text(encoding="utf-8")
    assert "afloop~perspective" in template and "Regels in de weg" in template
    ids = [p.id for p in gather(made.project, "nl").patterns]
    assert load_catalysis(written, ids, [0, 1, 2, 3]).observations == ()
    lines = template.splitlines()  # the facilitator removes the # of the example
    start = lines.index("observaties:")
    example = [line[1:] for line in lines[start + 1 :] if line.startswith("#  ")][:9]
    written.write_text("\n".join([*lines[: start + 1], *example]) + "\n", encoding="utf-8")
    [obs] = load_catalysis(written, ids, [0, 1, 2, 3]).observations
    assert len(obs.patterns) == 2 and [i.perspective for i in obs.interpretations] == [
        1,
        "Een nieuw perspectief",
        None,
    ]
    written.unlink()
    written.write_text("observaties:\n", encoding="utf-8")
    again = runner.invoke(app, ["--project", str(root), "report", "--init-catalysis"])
    assert again.exit_code == 1  # never overwritten
    assert written.read_text(encoding="utf-8") == "observaties:\n"
    out = tmp_path / "uit"
    done = runner.invoke(
        app, ["--project", str(root), "report", "--format", "xlsx", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert done.output.split() == [str(out / "catalysisrapport.xlsx")]


def test_report_without_perspectives(tmp_path: Path) -> None:
    project = build_project(tmp_path / "p", clustered=False)
    result = make_report(project, "pdf", out=tmp_path / "uit")
    text = pdf_text(result.paths[0])
    assert "nog niet in perspectieven gegroepeerd" in text
    assert "Perspectief 1" not in text and "Alle verhalen" in text
    assert "Verhaal 40" in text


def test_large_project_prints_the_most_typical_stories_and_points_to_the_sheet(
    tmp_path: Path,
) -> None:
    project = build_project(tmp_path / "p")
    config = project.root / "verhalen.toml"
    text = config.read_text(encoding="utf-8").replace(
        "appendix_limit = 2000", "appendix_limit = 12"
    )
    config.write_text(text, encoding="utf-8")
    with project.store() as store, store.transaction():
        for i, story in enumerate(store.stories(), 1):  # story i: typicality i / 100
            store.db.execute(
                "UPDATE assignments SET similarity = ? WHERE story_id = ?", (i / 100, story.id)
            )

    result = make_report(Project.open(project.root), "both", out=tmp_path / "uit")

    text = pdf_text(result.paths[0])
    appendix = text[text.rindex("Bijlage: de meest kenmerkende verhalen") :]
    assert "Het project heeft 40 verhalen" in appendix
    assert "Hier staan er 10" in appendix and "blad 'verhalen'" in appendix
    # 12 of 40: three of each perspective of 12 (the most typical) and one of the 4 unassigned
    shown = {int(n) for n in re.findall(r"Verhaal (\d+) gaat over", appendix)}
    assert shown == {34, 31, 28, 35, 32, 29, 36, 33, 30, 40}
    stories = cells(result.paths[1])["verhalen"]
    assert len(stories) == 1 + 40  # the spreadsheet keeps every story


def test_no_stories_is_one_clear_line(tmp_path: Path) -> None:
    project = init_project(tmp_path / "leeg")
    with pytest.raises(VerhalenError, match="nog geen verhalen"):
        make_report(project)


def _example_project(tmp_path_factory: pytest.TempPathFactory, target: Path) -> Project:
    """A copy of the example project: the clustered one test_cluster.py builds per session if
    it is there (never changed, copied), else a new one."""
    from verhalen.demo import make_demo

    ready = tmp_path_factory.getbasetemp() / "voorbeeld-geclusterd"
    if ready.is_dir():
        shutil.copytree(ready, target)
        return Project.open(target)
    return make_demo(target).project


@pytest.mark.slow
def test_example_project_report(tmp_path_factory: pytest.TempPathFactory) -> None:
    from verhalen.perspectives import perspectives

    project = _example_project(tmp_path_factory, tmp_path_factory.mktemp("vb") / "vp")
    result = make_report(project)
    assert result.pages and result.pages > 30
    text = pdf_text(result.paths[0])
    for view in perspectives(project):
        assert flat(view.title("nl")) in text
    with project.store() as store:
        stories = store.stories()
    changed = [s for s in stories if s.pseudonymised_title and s.pseudonymised_title != s.title]
    for s in changed:  # the report shows the pseudonymised titles, never the original ones
        assert flat(s.pseudonymised_title) in text
        assert flat(s.title or "") not in text
    sheet = load_workbook(result.paths[1])["verhalen"]
    shown = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert all(shown[s.id] == s.shown_text for s in stories)
