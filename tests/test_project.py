"""The project folder: init, finding it from a subfolder, --project, and a sound store."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from support import ingest_ok
from typer.testing import CliRunner

from verhalen.cli.app import app, main
from verhalen.errors import VerhalenError
from verhalen.project import (
    CONFIG_NAME,
    FORM_NAME,
    STORE_NAME,
    Project,
    find_project,
    init_project,
)
from verhalen.store import Store
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_init_creates_config_form_and_store(tmp_path):
    project = init_project(tmp_path / "nieuw", template="programma", name="Mijn project")

    assert (project.root / CONFIG_NAME).is_file()
    assert (project.root / FORM_NAME).is_file()
    assert (project.root / STORE_NAME).is_file()
    assert project.name == "Mijn project"
    assert project.lang == "nl"
    assert project.form.group_question == "rol"


def test_project_fixture_uses_the_example_story_form(project):
    assert project.form.title == "Werken met Netwerken"
    assert [q.id for q in project.form.about("storyteller")] == [
        "rol",
        "leeftijdsgroep",
        "jaren_betrokken",
    ]


def test_init_refuses_to_overwrite_a_project(project):
    ingest_ok(project, [_story(project.root / "a.txt")])
    files = {name: (project.root / name).read_bytes() for name in (CONFIG_NAME, FORM_NAME)}
    store = (project.root / STORE_NAME).read_bytes()

    with pytest.raises(VerhalenError, match="bevat al een project; er is niets overschreven"):
        init_project(project.root, template="algemeen", name="Ander project")

    assert {name: (project.root / name).read_bytes() for name in files} == files
    assert (project.root / STORE_NAME).read_bytes() == store


def test_init_refuses_a_folder_holding_only_a_store(tmp_path):
    folder = tmp_path / "los"
    folder.mkdir()
    (folder / STORE_NAME).write_bytes(b"")

    with pytest.raises(VerhalenError):
        init_project(folder)
    assert not (folder / CONFIG_NAME).exists()


NAMES = ["a\\b", 'zeg "hoi"', "[x]", "=1+1", "C:\\map\\", "'''", "a # b", "x\\u0041", "ë ß 名"]


@pytest.mark.parametrize("name", NAMES)
def test_init_keeps_a_project_name_as_typed(tmp_path, name):
    root = tmp_path / "p"

    result = CliRunner().invoke(app, ["init", str(root), "--name", name])

    assert result.exit_code == 0, result.output
    assert Project.open(root).name == name


def test_init_without_a_name_takes_the_folder_name_as_it_is(tmp_path):
    root = tmp_path / 'map "x" \\ [y]'

    assert init_project(root).name == Project.open(root).name == root.name


@pytest.mark.parametrize("name", ["twee\nregels", "tab\tin", "bel\x07", "eind\r"])
def test_init_refuses_a_name_with_control_characters(tmp_path, monkeypatch, capsys, name):
    root = tmp_path / "p"
    monkeypatch.setattr(sys, "argv", ["verhalen", "init", str(root), "--name", name])

    with pytest.raises(SystemExit) as exited:
        main()

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"projectnaam {name!r}: een naam is één regel" in err
    assert not root.exists()
    with pytest.raises(VerhalenError, match="a name is one line"):
        init_project(root, lang="en", name=name)


def test_find_project_from_a_subfolder(project, monkeypatch):
    deep = project.root / "bronnen" / "sessie-1"
    deep.mkdir(parents=True)

    assert find_project(deep).root == project.root
    monkeypatch.chdir(deep)
    assert find_project().root == project.root


def test_find_project_outside_any_project(tmp_path):
    with pytest.raises(VerhalenError, match="geen verhalen-project gevonden"):
        find_project(tmp_path)


def test_project_option_and_current_folder(project, tmp_path, monkeypatch):
    ingest_ok(project, [_story(project.root / "a.txt")])
    sub = project.root / "bronnen"
    sub.mkdir()
    elsewhere = tmp_path / "ergens-anders"
    elsewhere.mkdir()
    runner = CliRunner()

    monkeypatch.chdir(elsewhere)
    for target in (project.root, sub):
        result = runner.invoke(app, ["--project", str(target), "status"])
        assert result.exit_code == 0, result.output
        assert "1 verhaal, zonder bekende vertellers" in result.stdout

    monkeypatch.chdir(sub)  # no --project: the folder we are in, or one above it
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "1 verhaal, zonder bekende vertellers" in result.stdout


def test_no_project_is_one_line_and_exit_status_1(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["verhalen", "status"])

    with pytest.raises(SystemExit) as exited:
        main()

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "geen verhalen-project gevonden" in err
    assert "Traceback" not in err


def test_store_schema_and_integrity(project):
    ingest_ok(project, [_story(project.root / "a.txt")])

    with Store(project.store_path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 1
        assert store.integrity_check() == "ok"
    db = sqlite3.connect(project.store_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        db.close()
    assert {"stories", "storytellers", "sessions", "sources", "answers", "flags"} <= tables


def test_store_of_schema_version_1_is_upgraded_and_keeps_its_stories(tmp_path):
    path = tmp_path / STORE_NAME
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO sources VALUES (1, 'a.txt', 'abc', 'txt', 5, 'nu')")
    db.execute(
        "INSERT INTO stories (id, uid, text, text_hash, source_id, words, created_at) "
        "VALUES (1, 'u1', 'Een verhaal.', 'h1', 1, 2, 'nu')"
    )
    db.commit()
    db.close()

    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [s.text for s in store.stories()] == ["Een verhaal."]
        assert store.integrity_check() == "ok"


def test_store_from_a_newer_version_is_refused(project):
    db = sqlite3.connect(project.store_path)
    db.execute("PRAGMA user_version = 99")
    db.close()

    with pytest.raises(VerhalenError, match="schemaversie 99"):
        project.store()


def _story(path):
    path.write_text("Een verhaal over de brug.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_a_lost_store_is_refused_not_replaced_by_an_empty_one(tmp_path, loss: str) -> None:
    project = init_project(tmp_path / "p")
    store = project.root / STORE_NAME
    if loss == "deleted":
        store.unlink()
    else:
        store.write_bytes(b"")
    reopened = Project.open(project.root)
    with pytest.raises(VerhalenError, match="ontbreekt of is leeg"):
        reopened.store()
    if loss == "deleted":
        assert not store.exists()  # not quietly made again
    else:
        assert store.stat().st_size == 0
    reopened.store(create=True).close()  # as ingest does: a new store, on purpose
    assert store.stat().st_size > 0


def test_init_over_an_english_project_refuses_in_english(tmp_path) -> None:
    init_project(tmp_path / "en", lang="en")
    with pytest.raises(VerhalenError, match="already"):
        init_project(tmp_path / "en")  # the default language is Dutch
