"""A path that is not what the command needs: one line in the project's language, never a
traceback and never the system's English ("[Errno 2] No such file or directory").

Found by a fault sweep: a folder where a file goes, a file where a folder goes, a missing input
file, a story form that is not UTF-8, a working folder that was deleted. Real processes, because
the line is written by the entry point's fault handler.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from processes import new_project, verhalen

from verhalen import atomic
from verhalen.cluster import load_guided
from verhalen.demo import make_demo
from verhalen.errors import VerhalenError
from verhalen.project import FORM_NAME


def refused_line(argv: list[str], cwd: Path | None = None, batch: bool = False, rc: int = 1) -> str:
    """The one error line of a refused command; fails on a traceback, rc 0 or a second line
    (a `batch` command adds its count of problems, "1 probleem; niets ingelezen")."""
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=cwd)
    assert result.returncode == rc, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 + batch, result.stderr
    assert "Errno" not in lines[0]
    return lines[0]


@pytest.mark.slow
def test_wrong_kinds_of_path_are_one_line_in_the_projects_language(tmp_path: Path) -> None:
    nl = new_project(tmp_path / "nl")
    en = new_project(tmp_path / "en", lang="en")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    a_file = tmp_path / "a-file.csv"
    a_file.write_text("x\n", encoding="utf-8")

    line = refused_line(verhalen(nl.root, "workshop", "template", "--out", folder))
    assert str(folder) in line and "is een map" in line
    line = refused_line(verhalen(en.root, "workshop", "template", "--out", folder))
    assert str(folder) in line and "is a folder" in line

    line = refused_line([sys.executable, "-m", "verhalen", "init", str(a_file)])
    assert str(a_file) in line and "geen map" in line

    line = refused_line(verhalen(nl.root, "tag", "import", tmp_path / "nope.xlsx"), batch=True)
    assert "nope.xlsx" in line and "bestaat niet" in line
    line = refused_line(verhalen(en.root, "tag", "import", tmp_path / "nope.xlsx"), batch=True)
    assert "nope.xlsx" in line and "does not exist" in line

    (nl.root / FORM_NAME).write_bytes(b"\xff\xfe vragen: []\n")
    line = refused_line(verhalen(nl.root, "form", "check"))
    assert FORM_NAME in line and "geen UTF-8" in line


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a deleted working folder is POSIX")
def test_a_deleted_working_folder_is_one_line(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, runpy, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['verhalen', 'status']; runpy.run_module('verhalen', run_name='__main__')"
    )
    line = refused_line([sys.executable, "-c", script, str(gone)], cwd=tmp_path)
    assert "bestaat niet meer" in line


def test_an_output_file_in_a_new_folder_is_written(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "out.txt"
    atomic.write_text(target, "klaar")
    assert target.read_text(encoding="utf-8") == "klaar"


def test_a_refused_temporary_file_is_named_by_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object, *args: object) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    target = tmp_path / "kaarten.pdf"
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as caught:
        atomic.write_text(target, "x")
    assert caught.value.filename == str(target)  # not the hidden .kaarten.xxxxxxxx.pdf


def test_invalid_guided_themes_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "themes.yaml"
    bad.write_text("- naam: Vertrouwen\n  woorden: [a, b\n- naam: x\n", encoding="utf-8")
    with pytest.raises(VerhalenError) as caught:
        load_guided(bad, "en")
    message = str(caught.value)
    assert message.startswith(f"{bad}:3: not valid YAML") and "\n" not in message


def test_the_example_in_a_full_folder_is_refused_in_english(tmp_path: Path) -> None:
    (tmp_path / "something.txt").write_text("x", encoding="utf-8")
    with pytest.raises(VerhalenError, match="exists and is not empty"):
        make_demo(tmp_path, lang="en")
    with pytest.raises(VerhalenError, match="--from"):
        make_demo(tmp_path / "new", source=tmp_path / "nope", lang="en")
    assert not (tmp_path / "new").exists()  # nothing left behind


@pytest.mark.slow
def test_a_mistake_on_the_command_line_is_one_line_in_the_projects_language(
    tmp_path: Path,
) -> None:
    """Before, click's framed English box of five lines ("Missing option '--reason'")."""

    def refused(argv: list[str], rc: int) -> str:  # run as `python -m verhalen`
        return refused_line(argv, rc=rc).replace("python -m verhalen", "verhalen")

    nl = new_project(tmp_path / "nl")
    en = new_project(tmp_path / "en", lang="en")

    line = refused(verhalen(nl.root, "stories", "exclude", "1"), rc=2)
    assert line == "--reason / -r ontbreekt; zie 'verhalen stories exclude --help'"
    line = refused(verhalen(en.root, "status", "--bogus"), rc=2)
    assert line == "no such option --bogus; see 'verhalen status --help'"
    line = refused(verhalen(nl.root, "cluster", "--seed", "abc"), rc=2)
    assert line == (
        "ongeldige waarde voor --seed: 'abc' is geen getal; zie 'verhalen cluster --help'"
    )
    line = refused(verhalen(en.root, "statsu"), rc=2)
    assert line.startswith("no such command 'statsu' (did you mean status?)")
