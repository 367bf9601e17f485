"""verhalen.toml is checked when a project opens: a wrong value stops every command with one
line naming the file, the key and what is allowed, and nothing is done."""

from __future__ import annotations

import dataclasses
import re
import sys
import tomllib
from pathlib import Path

import pytest
from support import count, store_snapshot

from verhalen.cli.app import main
from verhalen.project import CONFIG_NAME, Project, init_project
from verhalen.settings import SETTINGS, Settings, default_toml, problems

STORY = "Op de markt hoorde ik van de buurvrouw dat het buurthuis weer open is.\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    sys.argv = ["verhalen", *argv]
    try:
        main()
        code = 0
    except SystemExit as exited:
        code = int(exited.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def set_line(project: Project, section: str, line: str) -> None:
    """Put `line` at the top of `[section]` in the project's verhalen.toml, in place of the
    key's line that `init` wrote."""
    path = project.root / CONFIG_NAME
    key = line.split("=")[0].strip()
    text = re.sub(rf"(?m)^{key} = .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1), "utf-8")


def test_the_table_and_the_dataclass_have_the_same_defaults() -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(Settings)}

    assert {s.name for s in SETTINGS} == set(defaults)
    assert all(defaults[s.name] == s.default for s in SETTINGS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_writes_every_setting_with_its_help_and_reads_back_the_defaults(
    tmp_path: Path, lang: str
) -> None:
    project = init_project(tmp_path / "p", lang=lang, name='Buurt "Oost"')
    text = (project.root / CONFIG_NAME).read_text(encoding="utf-8")

    for setting in SETTINGS:
        assert f"{setting.key} = " in text
        assert (setting.help_nl if lang == "nl" else setting.help_en) in text
    assert problems(tomllib.loads(text)) == []
    assert project.settings == Settings(name='Buurt "Oost"', language=lang)


@pytest.mark.parametrize(
    ("section", "line", "key", "allowed"),
    [
        ("privacy", 'keep_original = "false"', "[privacy] keep_original", "true of false"),
        ("ingest", 'near_duplicate = "hoog"', "[ingest] near_duplicate", "hoogstens 1"),
        ("ingest", "near_duplicate = 0", "[ingest] near_duplicate", "groter dan 0"),
        ("ingest", 'story_marker = "(["', "[ingest] story_marker", "reguliere expressie"),
        ("ingest", 'interviewer = "I"', "[ingest] interviewer", "lijst van teksten"),
        ("cluster", "min_words = -1", "[cluster] min_words", "heel getal van 0 of meer"),
        ("report", 'date = "30-06-2025"', "[report] date", "JJJJ-MM-DD"),
        ("project", 'language = "de"', "[project] language", '"nl" of "en"'),
        ("privacy", "keep_orginal = false", "[privacy] keep_orginal", "keep_original, terms"),
    ],
)
def test_a_wrong_setting_stops_ingest_with_one_line_and_changes_nothing(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    section: str,
    line: str,
    key: str,
    allowed: str,
) -> None:
    set_line(project, section, line)
    story = tmp_path / "verhaal.txt"
    story.write_text(STORY, encoding="utf-8")
    before = store_snapshot(project)

    code, out, err = run(["--project", str(project.root), "ingest", str(story)], capsys)

    assert code == 1
    assert out == ""
    [message] = err.splitlines()
    assert message.startswith(f"{project.root / CONFIG_NAME}: {key}")
    assert allowed in message
    assert "Traceback" not in err
    assert store_snapshot(project) == before
    assert count(project, "stories") == 0


def test_the_message_is_english_in_an_english_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = init_project(tmp_path / "p", lang="en")
    set_line(project, "privacy", 'keep_original = "no"')

    code, _, err = run(["--project", str(project.root), "status"], capsys)

    assert code == 1
    assert err.strip() == (
        f"{project.root / CONFIG_NAME}: [privacy] keep_original = 'no': "
        "allowed: true or false, without quotes"
    )


def test_lang_option_chooses_the_language_of_the_message(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    set_line(project, "ingest", 'near_duplicate = "hoog"')

    code, _, err = run(["--project", str(project.root), "--lang", "en", "status"], capsys)

    assert code == 1
    assert "allowed: a number above 0 and at most 1" in err


def test_keep_original_false_keeps_no_original(project: Project, tmp_path: Path) -> None:
    """The privacy setting read as written: false means no original text in the store."""
    from verhalen.ingest import ingest

    set_line(project, "privacy", "keep_original = false")
    story = tmp_path / "verhaal.txt"
    story.write_text(STORY.replace("buurvrouw", "buurvrouw  \t"), encoding="utf-8")
    opened = Project.open(project.root)

    ingest(opened, [story])

    with opened.store() as store:
        [row] = store.stories()
    assert opened.settings.keep_original is False
    assert row.original is None


def test_doctor_names_the_same_faults_as_the_commands(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    set_line(project, "privacy", 'keep_original = "false"')

    code, out, _ = run(["--project", str(project.root), "doctor"], capsys)

    assert code == 1
    assert "verhalen.toml: [privacy] keep_original = 'false'" in out
    assert "true of false, zonder aanhalingstekens" in out


def test_default_toml_reads_back_as_written() -> None:
    for lang in ("nl", "en"):
        given = tomllib.loads(default_toml("x", lang))
        assert Settings.from_dict(given, Path(CONFIG_NAME)) == Settings(name="x", language=lang)
