"""`verhalen doctor`: each check against a project damaged the way a user might damage it.

Every test names what the finding must say (the problem and where) and how to repair it, and the
exit code: 1 with errors, 0 with warnings or notes only. The doctor never changes the project.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support import ingest_ok

from verhalen.doctor import Finding, check, diagnose
from verhalen.project import CONFIG_NAME, FORM_NAME, STORE_NAME, Project
from verhalen.store import Store
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION

# (title, text, storyteller, gevoel, afloop, training); conftest's storytellers: V01 Anja and
# V02 Ruud are inwoner, V03 Fatima is ambtenaar.
STORIES = [
    ("Het bankje", "Er kwam een bankje bij de vijver.", "V01", "80", "goed", "ja"),
    ("De brief", "Een brief over de bomen, zonder overleg.", "V02", "30", "slecht", "nee"),
    ("Het loket", "Aan het loket hielp ik iemand zonder formulier.", "V03", "95", "goed", "ja"),
    ("De raad", "De raad luisterde eindelijk naar de buurt.", "V01", "60", "slecht", ""),
]


@pytest.fixture
def made(project: Project, register: Callable) -> Project:
    """The conftest project with three storytellers and four stories with answers."""
    register()
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "verhaal", "verteller", "gevoel", "afloop", "training"])
        writer.writerows(STORIES)
    ingest_ok(project, [path])
    return project


def ids(project: Project) -> list[int]:
    with project.store() as store:
        return [s.id for s in store.stories()]


def model_folder(path: Path) -> None:
    """The five files BERTopic's safetensors save writes, tiny but well formed."""
    path.mkdir(parents=True)
    for name in ("config.json", "topics.json", "ctfidf_config.json"):
        (path / name).write_text("{}", encoding="utf-8")
    header = json.dumps({"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    for name in ("topic_embeddings.safetensors", "ctfidf.safetensors"):
        (path / name).write_bytes(len(header).to_bytes(8, "little") + header + bytes(8))


def fake_run(project: Project, members: list[int] | None = None) -> int:
    """An active run with embedder 'use' as `verhalen cluster` stores it, with a model folder
    and cached vectors, without computing anything (tests/test_report.py does the same)."""
    from verhalen.embed._use import UseEmbedder

    with project.store() as store:
        stories = store.stories()
        members = [s.id for s in stories] if members is None else members
        hashes = store.text_hashes()
        with store.transaction():
            run = store.add_run(
                42, "use", {"embedder": "use", "seed": 42, "lang": "nl"}, {}, {}, None
            )
            store.save_perspective(run, 1, "bankje · vijver", ["bankje"], members[:1], 0.8)
            store.save_perspective(run, 2, "brief · raad", ["brief"], members[1:2], 0.6)
            store.assign(run, [(sid, 1 + i % 2, 1 + i % 2, 0.5) for i, sid in enumerate(members)])
            store.set_active_run(run)
            store.save_embeddings(UseEmbedder().key, [(hashes[s.id], [0.1] * 4) for s in stories])
            store.db.execute(
                "UPDATE runs SET model_path = ? WHERE id = ?", (f"modellen/run-{run}", run)
            )
    model_folder(project.root / "modellen" / f"run-{run}")
    return run


def edit_form(project: Project, change: Callable[[dict], None]) -> None:
    path = project.root / FORM_NAME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def only(findings: list[Finding], check_name: str) -> Finding:
    found = [f for f in findings if f.check == check_name]
    assert len(found) == 1, findings
    return found[0]


def sql(project: Project, statement: str) -> None:
    """A change made by hand in the sqlite3 shell (foreign keys off, as the shell has them)."""
    db = sqlite3.connect(project.root / STORE_NAME)
    db.execute(statement)
    db.commit()
    db.close()


def store_bytes(project: Project) -> bytes:
    return (project.root / STORE_NAME).read_bytes()


# -- healthy ------------------------------------------------------------------------------------


def test_healthy_project_has_no_findings(made: Project, cli) -> None:
    before = store_bytes(made)

    assert check(made) == []
    result = cli("doctor")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["p", "Alles in orde: geen problemen gevonden."]
    assert store_bytes(made) == before  # the doctor only reads


def test_healthy_clustered_project_has_no_findings(made: Project, cli) -> None:
    fake_run(made)

    result = cli("doctor", "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["healthy"] is True
    assert report["findings"] == []


def test_new_project_is_healthy_in_english(project: Project, cli) -> None:
    result = cli("--lang", "en", "doctor")

    assert result.exit_code == 0, result.output
    assert "All is well: no problems found." in result.stdout


# -- the story form against the answers ---------------------------------------------------------


def test_question_dropped_from_form_is_a_warning(made: Project, cli) -> None:
    edit_form(made, lambda d: d["questions"].remove(question(d, "training")))

    f = only(check(made), "answers")
    result = cli("doctor")

    assert f.severity == "warning"
    assert "3 antwoorden op vraag 'training', die niet meer in storyform.yaml staat" in f.message
    assert "verhalen 1, 2, 3" in f.message
    assert "zet vraag 'training' terug in storyform.yaml" in f.repair
    assert result.exit_code == 0, result.output
    assert "waarschuwing" in result.stdout and "1 waarschuwing" in result.stdout


def test_choice_dropped_from_form_is_an_error(made: Project, cli) -> None:
    edit_form(made, lambda d: question(d, "afloop")["options"].remove("slecht"))
    _, b, _, d = ids(made)

    f = only(check(made), "answers")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("storyform.yaml staat 2 antwoorden op 'afloop' niet meer toe")
    assert "'slecht' is geen keuze" in f.message
    assert f"verhalen {b}, {d}" in f.message
    assert "zet 'slecht' terug bij de options van 'afloop'" in f.repair
    assert f"verhalen tag set {b} afloop ANTWOORD" in f.repair
    assert result.exit_code == 1
    assert "1 fout" in result.stdout


def test_scale_range_narrowed_names_the_values_and_the_range(made: Project) -> None:
    edit_form(made, lambda d: question(d, "gevoel").update(max=90))

    f = only(check(made), "answers")

    assert f.severity == "error"
    assert "95 ligt buiten 0–90" in f.message and "verhaal 3" in f.message
    assert "rekenen er nog mee" in f.message  # a number outside the range still counts
    assert "verruim min/max van 'gevoel' in storyform.yaml zodat 95 er weer in past" in f.repair


def test_storyteller_answer_the_form_no_longer_allows(made: Project) -> None:
    edit_form(made, lambda d: question(d, "rol")["options"].remove("ambtenaar"))

    f = only(check(made), "answers")

    assert f.severity == "error"
    assert "'rol'" in f.message and "verteller V03" in f.message
    assert "verhalen tag set V03 rol ANTWOORD" in f.repair


def test_answer_stored_in_another_shape_gives_the_exact_command(made: Project) -> None:
    # single becomes multiple: "goed" is now stored where the form makes ["goed"]
    edit_form(made, lambda d: question(d, "afloop").update(type="multiple"))

    f = only(check(made), "answers")

    assert f.severity == "warning"
    assert '"goed" waar het formulier ["goed"] van maakt' in f.message
    assert 'verhalen tag set 1 afloop "goed"' in f.repair


def test_question_moved_to_the_storyteller(made: Project) -> None:
    edit_form(made, lambda d: question(d, "training").update(about="storyteller"))

    f = only(check(made), "answers")

    assert f.severity == "warning"
    assert "vraag 'training' gaat volgens storyform.yaml nu over de verteller" in f.message
    assert "zet 'about: story' terug bij 'training'" in f.repair


# -- configuration and form files -----------------------------------------------------------------


def test_form_that_does_not_parse(made: Project, cli) -> None:
    (made.root / FORM_NAME).write_text("questions:\n  - id: a\n    type: [\n", encoding="utf-8")

    f = only(check(made), "form")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("storyform.yaml klopt niet: storyform.yaml:")
    assert "geen geldige YAML" in f.message
    assert "verhalen form check" in f.repair
    assert result.exit_code == 1


def test_config_that_does_not_parse_gives_a_finding_not_a_refusal(made: Project, cli) -> None:
    (made.root / CONFIG_NAME).write_text('[project]\nname = "zonder eind\n', encoding="utf-8")

    f = only(check(made.root), "config")
    result = cli("doctor")

    assert f.severity == "error"
    assert "verhalen.toml is geen geldige TOML" in f.message and "line 2" in f.message
    assert "verbeter verhalen.toml op de genoemde plaats" in f.repair
    assert result.exit_code == 1
    assert "verhalen.toml is geen geldige TOML" in result.stdout


def test_config_values_verhalen_would_misread(made: Project) -> None:
    config = made.root / CONFIG_NAME
    config.write_text(
        '[project]\nlanguage = "nl"\n[privacy]\nkeep_original = "false"\n'
        '[ingest]\nnear_duplicate = "veel"\n[projekt]\nname = "x"\n',
        encoding="utf-8",
    )

    found = {f.message.split(":")[1].split("=")[0].strip(): f for f in check(made.root)}

    assert found["[privacy] keep_original"].severity == "error"
    assert "keep_original = 'false'" in found["[privacy] keep_original"].message
    assert "true of false, zonder aanhalingstekens" in found["[privacy] keep_original"].repair
    assert found["[ingest] near_duplicate"].severity == "error"
    assert "0.8" in found["[ingest] near_duplicate"].repair
    assert found["[projekt] is een onbekende sectie"].severity == "error"
    assert "elke verhalen-opdracht weigert" in found["[projekt] is een onbekende sectie"].repair


def test_missing_config_is_found_from_the_store(made: Project, cli) -> None:
    (made.root / CONFIG_NAME).unlink()

    f = only(check(made.root), "config")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("verhalen.toml ontbreekt in ")
    assert "printf '[project]\\nlanguage = \"nl\"\\n' > verhalen.toml" in f.repair
    assert result.exit_code == 1


def test_no_project_is_one_clear_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from verhalen.cli.app import app

    result = CliRunner().invoke(app, ["--project", str(tmp_path), "doctor"])

    assert result.exit_code == 1
    assert "geen verhalen-project gevonden" in str(result.exception)


# -- the store file -------------------------------------------------------------------------------


def test_missing_store(made: Project, cli) -> None:
    (made.root / STORE_NAME).unlink()

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("verhalen.sqlite ontbreekt")
    assert "reservekopie" in f.repair and "verhalen ingest" in f.repair
    assert result.exit_code == 1


def test_garbage_written_over_the_store(made: Project, cli) -> None:
    path = made.root / STORE_NAME
    path.write_bytes(b"dit is geen database\n" * 500)

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "error"
    assert "verhalen.sqlite is geen SQLite-database" in f.message
    assert f"mv {STORE_NAME} {STORE_NAME}.kapot" in f.repair
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_truncated_store(made: Project, cli) -> None:
    path = made.root / STORE_NAME
    size = path.stat().st_size
    os.truncate(path, size // 2)

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "error"
    assert f"verhalen.sqlite is afgekapt: {size // 2} van de {size} bytes zijn er" == f.message
    assert ".recover" in f.repair and "reservekopie" in f.repair
    assert result.exit_code == 1


def test_store_cut_off_inside_its_header(made: Project) -> None:
    os.truncate(made.root / STORE_NAME, 60)

    f = only(check(made), "store")

    assert "geen SQLite-database" in f.message and "60 bytes" in f.message


def test_garbled_pages_inside_the_store(made: Project, cli) -> None:
    path = made.root / STORE_NAME
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(1, len(data) // page):  # every page but the first: keep the header
        start = number * page
        data[start + 8 : start + 40] = b"\xa5" * 32  # the b-tree cell pointers
    path.write_bytes(bytes(data))

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("verhalen.sqlite is beschadigd")
    assert "sqlite3 verhalen.sqlite .recover > herstel.sql" in f.repair
    assert result.exit_code == 1


def test_one_damaged_table_is_found_by_the_integrity_check(made: Project, cli) -> None:
    path = made.root / STORE_NAME
    db = sqlite3.connect(path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = (root - 1) * page
    data[start + 8 : start + page] = b"\xa5" * (page - 8)  # the table's cells, overwritten
    path.write_bytes(bytes(data))

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith(
        "verhalen.sqlite is beschadigd in answers (PRAGMA integrity_check: "
    )
    assert "\n" not in f.message
    assert ".recover" in f.repair
    assert result.exit_code == 1


def test_empty_store_file(made: Project) -> None:
    (made.root / STORE_NAME).write_bytes(b"")

    f = only(check(made), "store")

    assert f.message == "verhalen.sqlite is leeg (0 bytes): geen verhalen, geen tabellen"


def test_store_from_a_newer_verhalen(made: Project, cli) -> None:
    sql(made, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    f = only(check(made), "schema")
    result = cli("doctor")

    assert f.severity == "error"
    assert f"schemaversie {SCHEMA_VERSION + 1}, deze verhalen kent tot {SCHEMA_VERSION}" in (
        f.message
    )
    assert "werk verhalen bij" in f.repair and "git pull" in f.repair
    assert result.exit_code == 1


def test_store_from_an_older_verhalen_is_upgraded_by_the_next_command(made: Project, cli) -> None:
    path = made.root / STORE_NAME
    path.unlink()
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[: SCHEMA_VERSION - 1]:
        db.executescript(migration)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.close()

    f = only(check(made), "schema")
    result = cli("doctor")

    assert f.severity == "warning"
    assert f"schemaversie {SCHEMA_VERSION - 1}, deze verhalen gebruikt {SCHEMA_VERSION}" in (
        f.message
    )
    assert "draai 'verhalen status': die werkt de opslag bij" in f.repair
    assert result.exit_code == 0
    with Store(path) as store:  # the doctor did not migrate it
        assert store.schema_version == SCHEMA_VERSION
    assert check(made) == []


def test_schema_number_set_back_by_hand(made: Project) -> None:
    sql(made, f"PRAGMA user_version = {SCHEMA_VERSION - 1}")

    f = only(check(made), "schema")

    assert f.severity == "error"
    assert f"heeft al de tabellen van versie {SCHEMA_VERSION}" in f.message
    assert f'sqlite3 verhalen.sqlite "PRAGMA user_version = {SCHEMA_VERSION}"' in f.repair


def test_leftover_write_ahead_log_of_a_killed_process(made: Project, cli) -> None:
    code = (
        "import os, sys\n"
        "from verhalen.store import Store\n"
        "store = Store(__import__('pathlib').Path(sys.argv[1]))\n"
        "store.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "with store.transaction():\n"
        "    store.log('test', 'story:1', {})\n"
        "os._exit(0)  # killed: no close, no checkpoint\n"
    )
    subprocess.run([sys.executable, "-c", code, str(made.root / STORE_NAME)], check=True)
    assert (made.root / f"{STORE_NAME}-wal").stat().st_size > 0

    f = only(check(made), "store")
    result = cli("doctor")

    assert f.severity == "warning"
    assert f.message.startswith("verhalen.sqlite-wal staat nog naast verhalen.sqlite")
    assert "'verhalen status'" in f.repair and "gooi het bestand nooit los weg" in f.repair
    assert result.exit_code == 0
    assert (made.root / f"{STORE_NAME}-wal").exists()  # the doctor left it alone

    assert cli("status").exit_code == 0  # the repair
    assert check(made) == []
    with made.store() as store:
        assert store.history()[-1]["action"] == "test"  # the committed change was kept


def test_story_deleted_by_hand_leaves_rows_behind(made: Project, cli) -> None:
    fake_run(made)
    gone = ids(made)[1]
    sql(made, f"DELETE FROM stories WHERE id = {gone}")

    findings = check(made)
    by_table = {f.message.split(" in ")[1].split()[0]: f for f in findings if f.check == "store"}
    result = cli("doctor")

    assignments = by_table["assignments"]
    assert assignments.severity == "error"
    assert assignments.message == (
        f"1 rij in assignments (indelingen in perspectieven) hoort bij verhalen die niet meer "
        f"bestaan (story_id {gone})"
    )
    assert (
        "DELETE FROM assignments WHERE story_id NOT IN (SELECT id FROM stories)"
        in assignments.repair
    )
    assert "verhalen cluster" in assignments.repair
    assert {"answers", "assignments", "tags"} >= set(by_table) >= {"answers", "assignments"}
    assert result.exit_code == 1

    for f in by_table.values():  # follow the repairs
        sql(made, f.repair.split('"')[1])
    assert check(made) == []


# -- runs, models, embeddings ---------------------------------------------------------------------


def test_model_folder_deleted(made: Project, cli) -> None:
    import shutil

    run = fake_run(made)
    shutil.rmtree(made.root / "modellen" / f"run-{run}")

    f = only(check(made), "runs")
    result = cli("doctor")

    assert f.severity == "warning"
    assert f"run {run}: de modelmap modellen/run-{run} bestaat niet meer" in f.message
    assert "verhalen cluster --embedder use --seed 42" in f.repair
    assert result.exit_code == 0


def test_model_folder_incomplete(made: Project) -> None:
    run = fake_run(made)
    folder = made.root / "modellen" / f"run-{run}"
    (folder / "config.json").write_text('{"truncated', encoding="utf-8")
    (folder / "topics.json").unlink()

    f = only(check(made), "runs")

    assert f"de modelmap modellen/run-{run} is onvolledig" in f.message
    assert "config.json, topics.json" in f.message


def test_model_with_a_manifest_is_held_to_it(made: Project) -> None:
    import hashlib

    run = fake_run(made)
    folder = made.root / "modellen" / f"run-{run}"
    files = {
        p.name: {"size": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
        for p in sorted(folder.iterdir())
    }
    (folder / "verhalen-model.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    assert check(made) == []
    (folder / "topics.json").write_text('{"x": 1}', encoding="utf-8")  # same kind, other bytes

    f = only(check(made), "runs")

    assert f.message.endswith("is onvolledig (ontbreekt of beschadigd: topics.json)")


def test_model_folders_left_behind_are_notes(made: Project, cli) -> None:
    fake_run(made)
    model_folder(made.root / "modellen" / "run-7")
    model_folder(made.root / "modellen" / ".run-x1y2.partial")

    findings = check(made)
    result = cli("doctor")

    assert [f.severity for f in findings] == ["info", "info"]
    partial, orphan = findings
    assert "modellen/.run-x1y2.partial is een half opgeslagen model" in partial.message
    assert "rm -r modellen/.run-x1y2.partial" in partial.repair
    assert orphan.message.startswith("modellen/run-7 hoort bij geen enkele run in de opslag")
    assert result.exit_code == 0


def test_stories_added_after_clustering(made: Project, cli) -> None:
    run = fake_run(made)
    path = made.root / "later.txt"
    path.write_text("Verteller: V02\n\nEen verhaal van na de analyse.\n", encoding="utf-8")
    new = ingest_ok(made, [path]).stored

    findings = check(made)
    runs, vectors = only(findings, "runs"), only(findings, "embeddings")
    result = cli("doctor")

    assert runs.severity == "warning"
    assert runs.message.startswith(f"1 verhaal na run {run} toegevoegd en in geen enkel")
    assert f"(verhaal {new[0]})" in runs.message
    assert "verhalen cluster" in runs.repair and f"verhalen perspectives use {run}" in runs.repair
    assert vectors.severity == "info"
    assert vectors.message.startswith("1 verhaal nog zonder vector van use:")
    assert "'verhalen cluster' berekent ze" in vectors.repair and "seconden" in vectors.repair
    assert result.exit_code == 0


def test_no_active_run_and_stories_in_a_perspective_that_is_gone(made: Project, cli) -> None:
    run = fake_run(made)
    sql(made, "DELETE FROM perspectives WHERE number = 2")

    f = only(check(made), "runs")

    assert f.severity == "error"
    assert f"run {run}: 2 verhalen in perspectief 2, dat niet bestaat" in f.message
    assert "verhalen perspectives move 2 0" in f.repair

    sql(made, "UPDATE runs SET active = 0")
    f = only(check(made), "runs")
    result = cli("doctor")

    assert f.severity == "warning"
    assert f.message.startswith("geen run is actief (er zijn runs 1)")
    assert f.repair == "kies er een: verhalen perspectives use 1"
    assert result.exit_code == 0


def test_two_runs_marked_active(made: Project, cli) -> None:
    fake_run(made)
    fake_run(made)
    sql(made, "UPDATE runs SET active = 1")

    f = only(check(made), "runs")
    result = cli("doctor")

    assert f.severity == "error"
    assert f.message.startswith("runs 1, 2 staan alle als actief; verhalen gebruikt er maar één")
    assert f.repair == "kies er een: verhalen perspectives use 2"
    assert result.exit_code == 1
    assert cli("perspectives", "use", "2").exit_code == 0  # the repair
    assert check(made) == []


def test_run_made_with_an_embedder_this_verhalen_does_not_know(made: Project) -> None:
    fake_run(made)
    sql(made, "UPDATE runs SET embedder = 'word2vec'")

    f = only(check(made), "embeddings")

    assert f.severity == "warning"
    assert "embedder 'word2vec'" in f.message
    assert "verhalen cluster --embedder NAAM (hybrid, use, minilm" in f.repair


def test_run_made_with_other_package_versions(made: Project, cli) -> None:
    from importlib.metadata import version

    from verhalen.cluster import versions

    run = fake_run(made)
    now = versions()  # what a run made today records: no finding
    sql(made, f"UPDATE runs SET versions = '{json.dumps(now)}' WHERE id = {run}")
    assert check(made) == []
    then = {**now, "numpy": "1.0.0", "verdwenen-pakket": "2.0"}
    sql(made, f"UPDATE runs SET versions = '{json.dumps(then)}' WHERE id = {run}")

    f = only(check(made), "versions")
    en = only(diagnose(made, "en").findings, "versions")
    result = cli("doctor")

    assert f.severity == "warning"
    assert f.message.startswith(f"de actieve run {run} is gemaakt met andere versies dan er nu")
    assert f"numpy 1.0.0 → {version('numpy')}" in f.message
    assert "verdwenen-pakket 2.0 → -" in f.message  # recorded, no longer installed
    assert "bertopic" not in f.message  # the same version as recorded: not named
    assert "dezelfde seed kan nu andere perspectieven geven" in f.message
    assert f.repair.startswith("installeer met constraints.txt")
    assert "of voer 'verhalen cluster' opnieuw uit: verhalen cluster --embedder use --seed 42" in (
        f.repair
    )
    assert en.message.startswith(f"the active run {run} was made with other versions")
    assert en.repair.startswith("install with constraints.txt")
    assert result.exit_code == 0  # a warning: the project is usable
    assert "installeer met constraints.txt" in " ".join(result.stdout.split())


# -- source files ---------------------------------------------------------------------------------


def test_source_files_changed_or_gone_are_notes(made: Project, cli) -> None:
    other = made.root / "later.txt"
    other.write_text("Een ander verhaal.\n", encoding="utf-8")
    ingest_ok(made, [other])
    with (made.root / "verhalen.csv").open("a", encoding="utf-8") as fh:
        fh.write("Nieuw,Nog een verhaal.,V01,50,goed,ja\n")
    other.unlink()

    findings = check(made)
    result = cli("doctor")

    assert [f.severity for f in findings] == ["info", "info"]
    changed, gone = sorted(findings, key=lambda f: "staat" in f.message)
    assert changed.message.startswith("verhalen.csv is veranderd sinds het is ingelezen")
    assert changed.repair.startswith("wil je de wijzigingen erin: verhalen ingest verhalen.csv")
    assert gone.message.startswith("1 bestand staat niet meer op de schijf: later.txt")
    assert result.exit_code == 0
    assert "2 opmerkingen" in result.stdout


# -- language and output ---------------------------------------------------------------------


def test_english_findings_and_json(made: Project, cli) -> None:
    edit_form(made, lambda d: question(d, "afloop")["options"].remove("slecht"))
    (made.root / STORE_NAME).with_name(f"{STORE_NAME}-wal").write_bytes(b"x" * 10)

    d = diagnose(made, "en")
    result = cli("--lang", "en", "doctor", "--json")

    assert [f.severity for f in d.findings] == ["error", "warning"]  # errors first
    assert d.findings[0].message.startswith("storyform.yaml no longer allows 2 answers to 'afloop'")
    assert "or give each an allowed answer" in d.findings[0].repair
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["notes"]) == (1, 1, 0)
    assert report["findings"][0] == d.findings[0].as_dict()


# -- catalyse.yaml and the workshop's change proposals -----------------------------------------


def test_catalysis_with_a_pattern_that_does_not_exist(made: Project, cli) -> None:
    fake_run(made)
    (made.root / "catalyse.yaml").write_text(
        "observaties:\n"
        "  - id: bankjes\n"
        "    patronen: [gevoel~afloop, bestaat~niet]\n"
        "    tekst: Wie een bankje noemt, voelt zich goed.\n"
        "    interpretaties:\n"
        "      - tekst: Dit kan betekenen dat kleine dingen tellen.\n"
        "        perspectief: 7\n",
        encoding="utf-8",
    )
    before = store_bytes(made)

    findings = [f for f in check(made) if f.check == "catalysis"]
    english = [f for f in check(made, "en") if f.check == "catalysis"]
    result = cli("doctor")

    assert [f.severity for f in findings] == ["error", "error"]
    assert [f.message for f in findings] == [
        "catalyse.yaml:2: observatie 'bankjes': onbekend patroon 'bestaat~niet' "
        "('verhalen patterns list' toont alle ids)",
        "catalyse.yaml:6: observatie 'bankjes': interpretatie 1: perspectief 7 bestaat niet "
        "(wel: 1, 2)",
    ]
    assert findings[0].repair.startswith("verbeter catalyse.yaml op die plaats")
    assert "'verhalen patterns list'" in findings[0].repair
    assert english[0].message == (
        "catalyse.yaml:2: observation 'bankjes': unknown pattern 'bestaat~niet' "
        "('verhalen patterns list' shows every id)"
    )
    assert english[0].repair.startswith("correct catalyse.yaml at that place")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "onbekend patroon 'bestaat~niet'" in result.stdout
    assert store_bytes(made) == before  # the doctor only reads

    # `report` refuses with the same line
    report = cli("report", "--format", "xlsx", "--out", made.root / "rapport")
    assert report.exit_code == 1
    assert findings[0].message in str(report.exception).splitlines()


def test_catalysis_that_is_no_list_of_observations(made: Project) -> None:
    (made.root / "catalyse.yaml").write_text("observaties: [een: 1\n", encoding="utf-8")
    broken = only(check(made), "catalysis")
    (made.root / "catalyse.yaml").write_text("observaties: alles goed\n", encoding="utf-8")
    shape = only(check(made), "catalysis")

    assert broken.severity == "error"
    assert broken.message.startswith("catalyse.yaml:2: geen geldige YAML")
    assert shape.message == (
        "catalyse.yaml: verwacht een lijst 'observaties' met id, patronen, tekst en interpretaties"
    )


def test_broken_change_proposals(made: Project, cli) -> None:
    fake_run(made)
    (made.root / "verandervoorstellen.yaml").write_text(
        "voorstellen:\n"
        "  - perspectief: 2\n"
        "    titel: brief · raad\n"
        "    voorstel: Minder formulieren\n"
        "  - perspectief: twee\n"
        "    voorstel: Vaker langskomen\n"
        "  - perspectief: 1\n"
        "    voorstel: ''\n"
        "  - perspectief: 9\n"
        "    voorstel: Iets voor een perspectief dat er niet is\n"
        "  - Een losse regel\n",
        encoding="utf-8",
    )

    findings = [f for f in check(made) if f.check == "proposals"]
    english = [f for f in check(made, "en") if f.check == "proposals"]
    result = cli("doctor")

    assert {f.severity for f in findings} == {"error"}
    assert [f.message for f in findings] == [
        "verandervoorstellen.yaml:5: voorstel 2: perspectief 'twee' is geen nummer",
        "verandervoorstellen.yaml:7: voorstel 3: voorstel is leeg",
        "verandervoorstellen.yaml:9: voorstel 4: perspectief 9 bestaat niet (wel: 1, 2) en er "
        "staat geen titel bij",
        "verandervoorstellen.yaml:11: voorstel 5: verwacht perspectief, voorstel, wie en "
        "toelichting",
    ]
    assert findings[0].repair.startswith("verbeter verandervoorstellen.yaml op die plaats")
    assert english[1].message == "verandervoorstellen.yaml:7: proposal 3: voorstel is empty"
    assert english[1].repair.startswith("correct verandervoorstellen.yaml at that place")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "4 fouten" in result.stdout

    report = cli("report", "--format", "xlsx", "--out", made.root / "rapport")
    assert report.exit_code == 1
    assert findings[0].message in str(report.exception).splitlines()


def test_valid_catalysis_and_proposals_are_healthy(made: Project, cli) -> None:
    fake_run(made)
    (made.root / "catalyse.yaml").write_text(
        "observaties:\n"
        "  - id: bankjes\n"
        "    patronen: [afloop~gevoel]\n"
        "    tekst: Wie een bankje noemt, voelt zich goed.\n"
        "    interpretaties:\n"
        "      - tekst: Dit kan betekenen dat kleine dingen tellen.\n"
        "        perspectief: 1\n",
        encoding="utf-8",
    )
    (made.root / "verandervoorstellen.yaml").write_text(
        "voorstellen:\n"
        "  - perspectief: 2\n"
        "    voorstel: Minder formulieren\n"
        "  - perspectief: 7\n"
        "    titel: Een perspectief uit een eerdere run\n"
        "    voorstel: Blijft staan\n",
        encoding="utf-8",
    )

    assert [f for f in check(made) if f.check in ("catalysis", "proposals")] == []
