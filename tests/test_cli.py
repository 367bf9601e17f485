"""The command line, run in-process."""

from __future__ import annotations

import re

import pytest
from support import count, stories
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.project import Project


def test_help():
    result = CliRunner().invoke(app, ["--help"])

    assert result.exit_code == 0
    for command in ("init", "demo", "ingest", "status", "stories"):
        assert re.search(rf"\b{command}\b", result.stdout)


def test_ingest_stores_and_reports(project, cli):
    (project.root / "a.txt").write_text("Een verhaal.\n---\nNog een verhaal.\n", encoding="utf-8")

    result = cli("ingest", project.root / "a.txt")

    assert result.exit_code == 0, result.output
    assert "2 verhalen ingelezen uit 1 bestand\n" in result.stdout
    assert result.stderr == ""
    assert len(stories(project)) == 2

    again = cli("ingest", project.root / "a.txt")

    assert again.exit_code == 0, again.output
    assert "1 bestand al ingelezen en niet veranderd" in again.stdout
    assert "niets veranderd" in again.stdout
    assert len(stories(project)) == 2


def test_ingest_bad_batch_exits_1_with_problem_lines_on_stderr(project, register, cli):
    register()
    folder = project.root / "in"
    folder.mkdir()
    (folder / "goed.txt").write_text("Een goed verhaal.\n", encoding="utf-8")
    (folder / "wie.txt").write_text("Verteller: Niemand\n\nTekst.\n", encoding="utf-8")
    (folder / "t.csv").write_text("tekst,gevoel\nA.,50\nB.,150\n", encoding="utf-8")

    result = cli("ingest", folder)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        "in/t.csv:3: gevoel: 150 ligt buiten 0–100",
        "in/wie.txt:1: onbekende verteller 'Niemand'",
    ]
    assert "2 problemen gevonden; niets ingelezen" in result.stderr
    assert count(project, "stories") == 0


def test_ingest_skip_invalid_stores_the_rest_and_exits_1(project, cli, tmp_path):
    (project.root / "goed.txt").write_text("Een goed verhaal.\n", encoding="utf-8")
    (project.root / "wie.txt").write_text("Verteller: Niemand\n\nTekst.\n", encoding="utf-8")
    rejects = tmp_path / "afgewezen.csv"

    result = cli(
        "ingest",
        project.root / "goed.txt",
        project.root / "wie.txt",
        "--skip-invalid",
        "--rejects",
        rejects,
    )

    assert result.exit_code == 1
    assert "1 verhaal ingelezen uit 2 bestanden" in result.stdout
    assert "wie.txt:1: onbekende verteller 'Niemand'" in result.stderr
    assert rejects.is_file()
    assert [s.text for s in stories(project)] == ["Een goed verhaal."]


def test_ingest_column_map_option(project, cli):
    (project.root / "t.csv").write_text("Kop,Inhoud\nDe brug,Het verhaal.\n", encoding="utf-8")

    result = cli("ingest", project.root / "t.csv", "--map", "text=Inhoud,title=Kop")

    assert result.exit_code == 0, result.output
    [story] = stories(project)
    assert (story.title, story.text) == ("De brug", "Het verhaal.")


def test_problem_lines_are_never_wrapped(project, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    columns = [f"Kolom met een lange naam nummer {i}" for i in range(40)]
    (project.root / "breed.csv").write_text(
        ",".join(columns) + "\n" + ",".join("x" for _ in columns) + "\n", encoding="utf-8"
    )

    result = cli("ingest", project.root / "breed.csv")

    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "breed.csv" in line]
    assert line.startswith("breed.csv:1: geen kolom voor 'text' gevonden (kolommen: Kolom")
    assert line.endswith("geef --map text=KOLOM")


def test_ingest_message_singular(project, cli):
    (project.root / "a.txt").write_text("Een verhaal.\n", encoding="utf-8")

    result = cli("ingest", project.root / "a.txt")

    assert "1 verhaal ingelezen uit 1 bestand" in result.stdout


def test_stories_show(project, register, cli):
    register()
    (project.root / "a.vtt").write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Interviewer>Vertel.\n\n"
        "2\n00:00:02.000 --> 00:00:04.000\n<v Anja>De bus reed niet meer.\n",
        encoding="utf-8",
    )
    cli("ingest", project.root / "a.vtt")

    result = cli("stories", "show", "1")

    assert result.exit_code == 0, result.output
    assert "verteller: V01 (Anja) · inwoner" in result.stdout
    assert "bron: a.vtt:1" in result.stdout
    assert "De bus reed niet meer." in result.stdout
    assert "Interviewer: Vertel." in result.stdout  # the context


def test_stories_list_filters(project, register, cli):
    register()
    (project.root / "a.txt").write_text(
        "Titel: Markt\nVerteller: V01\n\nOver de markt.\n"
        "---\nTitel: Loket\nVerteller: V03\n\nOver het loket.\n",
        encoding="utf-8",
    )
    cli("ingest", project.root / "a.txt")

    result = cli("stories", "list", "--group", "ambtenaar")

    assert result.exit_code == 0, result.output
    assert "Loket" in result.stdout
    assert "Markt" not in result.stdout
    assert "1 verhaal\n" in result.stdout
    none = cli("stories", "list", "--search", "zwembad")
    assert "geen verhalen gevonden" in none.stdout


def test_init_command(tmp_path):
    target = tmp_path / "nieuw"

    result = CliRunner().invoke(app, ["init", str(target), "--template", "programma"])

    assert result.exit_code == 0, result.output
    assert "project gemaakt in" in result.stdout
    assert Project.open(target).form.group_question == "rol"
    again = CliRunner().invoke(app, ["init", str(target)])
    assert again.exit_code != 0


@pytest.mark.slow
def test_demo_builds_the_example_project(tmp_path):
    target = tmp_path / "voorbeeld-project"

    result = CliRunner().invoke(app, ["demo", str(target)])

    assert result.exit_code == 0, result.output
    assert "ingelezen: 160 verhalen" in result.stdout
    project = Project.open(target)
    assert count(project, "stories") == 160
    assert count(project, "storytellers") == 22
    with project.store() as store:
        assert store.integrity_check() == "ok"
    flat = " ".join(result.stdout.split())
    assert "22 vertellers (inwoner: 10, ambtenaar: 9, raadslid: 2, wethouder: 1) vertelden" in flat
    assert "160 verhalen in 2 sessies." in flat
    assert not (target / "bronnen" / "truth").exists()  # the answers are never copied
