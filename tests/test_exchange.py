"""Exchange: `stories export --format qdpx` (REFI-QDA for QDA tools) and `--format narrafirma`."""

from __future__ import annotations

import csv
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED
from processes import example_project
from support import answers, fake_run, stories, teller_answers
from typer.testing import CliRunner

from verhalen.answers import import_answers
from verhalen.cli.app import app, main
from verhalen.demo import example_folder
from verhalen.narrafirma_export import FORM_FILE, STORIES_FILE
from verhalen.project import Project, init_project
from verhalen.stories import export_stories

XSD = SHARED / "specs" / "refi-qda" / "Project.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}
FORMULA = '=HYPERLINK("http://x","klik")'
CATALYSIS = """\
observaties:
  - id: vertrouwen
    tekst: Verhalen over vertrouwen lopen vaker goed af.
    interpretaties:
      - tekst: Dit kan betekenen dat loslaten werkt.
        perspectief: 1
      - tekst: Maar ook dat mensen vooral successen vertellen.
        perspectief: Wat we onthouden
"""
PERSPECTIVES = {
    1: {"label": "loslaten", "terms": ["loslaten", "vertrouwen"], "name": "Loslaten"},
    2: {"label": "regels", "terms": ["regels"]},
    3: {"label": "energie", "terms": ["energie", "contact"]},
}


def run(root: Path, *args: object):
    """`verhalen --project ROOT ARGS…` in-process."""
    return CliRunner().invoke(app, ["--project", str(root), *(str(a) for a in args)])


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Project:
    """The example project with the answers of antwoorden.xlsx; never change it, copy it."""
    project = example_project(tmp_path_factory.mktemp("exchange") / "voorbeeld")
    import_answers(project, example_folder() / "antwoorden.xlsx")
    return project


@pytest.fixture
def clustered(example, tmp_path) -> Project:
    """A copy of the example with a stored run (perspectives 1-3, some stories nowhere) and a
    catalysis file."""
    shutil.copytree(example.root, tmp_path / "c")
    project = Project.open(tmp_path / "c")
    with project.store() as store, store.transaction():
        n = len(store.stories())
        fake_run(store, [k % 4 for k in range(n)], PERSPECTIVES)
    (project.root / "catalyse.yaml").write_text(CATALYSIS, encoding="utf-8")
    return project


def read_qdpx(path: Path):
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        root = etree.fromstring(archive.read("project.qde"))
        files = {n: archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    return names, root, files


# -- qdpx ----------------------------------------------------------------------------------------


def test_qdpx_validates_against_the_schema(clustered, tmp_path):
    etree = pytest.importorskip("lxml.etree")
    if not XSD.is_file():
        pytest.skip(f"REFI-QDA schema not found at {XSD}")
    out = tmp_path / "project.qdpx"

    export_stories(clustered, out)

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    with zipfile.ZipFile(out) as archive:
        document = etree.fromstring(archive.read("project.qde"))
    schema.assertValid(document)


def test_qdpx_sources_codes_cases_and_notes(clustered, tmp_path):
    pytest.importorskip("lxml")
    out = tmp_path / "project.qdpx"

    n = export_stories(clustered, out, "qdpx")

    names, root, files = read_qdpx(out)
    every = stories(clustered)
    assert n == len(every) == 160
    assert names[0] == "project.qde"
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert len(sources) == len(every)  # one text source per story
    texts = {
        s.get("name"): files["sources/" + s.get("plainTextPath").split("//")[1]] for s in sources
    }
    first = every[0]
    assert texts[f"{first.id:03d} {first.title}"] == first.shown_text

    codes = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [c.get("name") for c in codes] == ["1. Loslaten", "2. regels", "3. energie"]
    code_of = {c.get("guid"): c.get("name") for c in codes}
    coded: dict[str, int] = {}
    for source in sources:
        text = texts[source.get("name")]
        for selection in source.findall("q:PlainTextSelection", NS):
            assert (selection.get("startPosition"), selection.get("endPosition")) == (
                "0",
                str(len(text)),
            )
            ref = selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")
            coded[code_of[ref]] = coded.get(code_of[ref], 0) + 1
    assert coded == {"1. Loslaten": 40, "2. regels": 40, "3. energie": 40}  # 40 fit nowhere

    notes = {note.get("name"): note for note in root.findall("q:Notes/q:Note", NS)}
    assert list(notes) == [
        "Waarneming: vertrouwen",
        "Interpretatie: vertrouwen 1",
        "Interpretatie: vertrouwen 2",
    ]
    note_text = files["sources/" + notes["Interpretatie: vertrouwen 1"].get("guid") + ".txt"]
    assert "Dit kan betekenen dat loslaten werkt." in note_text
    assert "Perspectief: 1. Loslaten" in note_text
    [linked] = codes[0].findall("q:NoteRef", NS)  # the interpretation that names perspective 1
    assert linked.get("targetGUID") == notes["Interpretatie: vertrouwen 1"].get("guid")
    assert len(root.findall("q:NoteRef", NS)) == 3  # the project refers to every note

    variables = {v.get("guid"): v for v in root.findall("q:Variables/q:Variable", NS)}
    kinds = {v.get("name"): v.get("typeOfVariable") for v in variables.values()}
    assert kinds["Gevoel"] == "Float" and kinds["Training"] == "Boolean"
    assert kinds["Rol"] == "Text" and kinds["verteller"] == "Text"
    cases = root.findall("q:Cases/q:Case", NS)
    assert len(cases) == len(every)  # one case per story
    stored, tellers = answers(clustered), teller_answers(clustered)
    story = next(s for s in every if stored.get(s.id, {}).get("gevoel") is not None)
    case = next(c for c in cases if c.get("name").startswith(f"{story.id:03d} "))
    values = {
        variables[v.find("q:VariableRef", NS).get("targetGUID")].get("name"): v[1].text
        for v in case.findall("q:VariableValue", NS)
    }
    assert float(values["Gevoel"]) == stored[story.id]["gevoel"]
    assert values["verteller"] == story.storyteller_id
    assert values["Rol"] == tellers[story.storyteller_id]["rol"]
    source_guid = case.find("q:SourceRef", NS).get("targetGUID")
    assert any(s.get("guid") == source_guid for s in sources)


def test_qdpx_is_the_same_bytes_every_time(clustered, tmp_path):
    first, second = tmp_path / "a.qdpx", tmp_path / "b" / "b.qdpx"

    export_stories(clustered, first)
    export_stories(clustered, second)

    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_qdpx_without_a_run_or_catalysis(example, tmp_path):
    pytest.importorskip("lxml")
    out = tmp_path / "p.qdpx"

    export_stories(example, out)

    _, root, _ = read_qdpx(out)
    assert root.find("q:CodeBook", NS) is None and root.find("q:Notes", NS) is None
    assert len(root.findall("q:Sources/q:TextSource", NS)) == 160


def test_qdpx_shows_pseudonymised_text(project, register, tmp_path):
    pytest.importorskip("lxml")
    register()
    path = project.root / "v.csv"
    path.write_text("titel,verhaal,verteller\nDe brug,Jan belde 06-12345678.,V01\n")
    run(project.root, "ingest", path)
    with project.store() as store, store.transaction():
        [story] = store.stories()
        store.db.execute(  # as `verhalen anonymize` leaves it, without its models
            "UPDATE stories SET pseudonymised = ? WHERE id = ?",
            ("[PERSOON 1] belde [TELEFOON 1].", story.id),
        )
    out = tmp_path / "p.qdpx"

    export_stories(project, out)

    _, _, files = read_qdpx(out)
    assert list(files.values()) == ["[PERSOON 1] belde [TELEFOON 1]."]


# -- NarraFirma ------------------------------------------------------------------------------------


def _by_story(project: Project) -> dict[tuple[str | None, str], dict]:
    stored = answers(project)
    return {(s.title, s.text): _plain(stored.get(s.id, {})) for s in stories(project)}


def _plain(values: dict) -> dict:
    """Answers compared as values: a whole number stored as int or float is the same answer."""
    return {
        k: float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in values.items()
    }


def test_narrafirma_round_trip_gives_the_same_stories_and_answers(example, tmp_path):
    folder = tmp_path / "nf"
    result = run(example.root, "stories", "export", "--format", "narrafirma", "--out", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted([FORM_FILE, STORIES_FILE])

    fresh = init_project(tmp_path / "terug")
    result = run(fresh.root, "form", "from-narrafirma", folder / FORM_FILE, "--force")
    assert result.exit_code == 0, result.output
    result = run(
        fresh.root, "ingest", folder / STORIES_FILE, "--narrafirma-form", folder / FORM_FILE
    )
    assert result.exit_code == 0, result.output + result.stderr

    fresh = Project.open(fresh.root)
    before, after = _by_story(example), _by_story(fresh)
    assert sorted(after, key=str) == sorted(before, key=str)  # the same titles and texts
    assert after == before  # and the same answers to the story questions
    assert [q.id for q in fresh.form.questions] == [q.id for q in example.form.questions]
    old, new = teller_answers(example), teller_answers(fresh)
    told = {s.storyteller_id for s in stories(example) if s.storyteller_id}
    assert {t: _plain(new[t]) for t in told if t in new} == {
        t: _plain(old[t]) for t in told if old.get(t)
    }


def test_narrafirma_form_types_and_scale_ends(example, tmp_path):
    export_stories(example, tmp_path / "nf", "narrafirma")

    with (tmp_path / "nf" / FORM_FILE).open(encoding="utf-8", newline="") as fh:
        rows = {r[0]: r for r in csv.reader(fh) if r and r[0]}
    assert rows["gevoel"][1:7] == ["Scale", "story", "Gevoel", rows["gevoel"][4], "", "heel slecht"]
    assert rows["gevoel"][7:10] == ["heel goed", "0", "100"]
    assert rows["betrokkenen"][1] == "Multi-choice multi-column texts"
    assert rows["rol"][2] == "participant"
    assert rows["jaren_betrokken"][1] == "Scale"  # a number question: a scale from min to max
    assert rows["leeftijdsgroep"][3] == "leeftijdsgroep"  # 'Leeftijd' would read back as another id


def _formula_project(project, register) -> Project:
    register()
    path = project.root / "v.csv"
    path.write_text(
        "titel,verhaal,verteller,toelichting\n"
        f'"+SUM(1,2)","{FORMULA.replace(chr(34), chr(34) * 2)} stond er.",V01,=1+1\n',
        encoding="utf-8",
    )
    result = run(project.root, "ingest", path)
    assert result.exit_code == 0, result.output + result.stderr
    return project


def test_narrafirma_formula_looking_text_stays_text(project, register, tmp_path):
    _formula_project(project, register)

    export_stories(project, tmp_path / "nf", "narrafirma")

    with (tmp_path / "nf" / STORIES_FILE).open(encoding="utf-8", newline="") as fh:
        header, row = list(csv.reader(fh))
    cells = dict(zip(header, row, strict=False))
    assert cells["Story title"] == "'+SUM(1,2)"
    assert cells["Story text"] == f"'{FORMULA} stond er."
    assert cells["toelichting"] == "'=1+1"


def test_qdpx_keeps_formula_looking_text_as_it_is(project, register, tmp_path):
    pytest.importorskip("lxml")
    _formula_project(project, register)

    export_stories(project, tmp_path / "p.qdpx")

    _, root, files = read_qdpx(tmp_path / "p.qdpx")
    assert list(files.values()) == [f"{FORMULA} stond er."]  # XML: no spreadsheet to fool
    [source] = root.findall("q:Sources/q:TextSource", NS)
    assert source.get("name") == "001 +SUM(1,2)"


# -- the command line ------------------------------------------------------------------------------


def _main(monkeypatch, capsys, *args: object) -> str:
    monkeypatch.setattr(sys, "argv", ["verhalen", *(str(a) for a in args)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_bad_format_is_one_line(project, tmp_path, monkeypatch, capsys):
    err = _main(
        monkeypatch, capsys, "--project", project.root, "stories", "export", "-f", "nvivo",
        "--out", tmp_path / "x",
    )  # fmt: skip

    assert "onbekend formaat 'nvivo'" in err and "qdpx" in err and "narrafirma" in err
    assert not (tmp_path / "x").exists()


def test_folder_without_format_is_one_line(project, tmp_path, monkeypatch, capsys):
    err = _main(
        monkeypatch, capsys, "--project", project.root, "stories", "export",
        "--out", tmp_path / "map",
    )  # fmt: skip

    assert "onbekend formaat ''" in err


@pytest.mark.parametrize("fmt", ["qdpx", "narrafirma"])
def test_unusable_out_is_one_line(project, tmp_path, monkeypatch, capsys, fmt):
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    folder = tmp_path / "map"
    folder.mkdir()
    # qdpx into a folder; narrafirma into a file; either below a file
    target = folder if fmt == "qdpx" else blocker
    for out in (target, blocker / "onder"):
        err = _main(
            monkeypatch, capsys, "--project", project.root, "stories", "export",
            "--format", fmt, "--out", out,
        )  # fmt: skip
        assert str(out if out == target else blocker) in err
    assert blocker.read_text(encoding="utf-8") == "x" and not list(folder.iterdir())


def test_cli_qdpx_from_the_suffix(project, register, tmp_path):
    _formula_project(project, register)

    result = run(project.root, "stories", "export", "--out", tmp_path / "p.qdpx")

    assert result.exit_code == 0, result.output
    assert "1 verhaal geschreven naar" in result.output
    assert zipfile.is_zipfile(tmp_path / "p.qdpx")
