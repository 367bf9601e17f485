"""`--help` in Dutch or English: the English table covers the command tree, and the language
follows `--lang`, else `VERHALEN_LANG`, else the project's language, else the locale.

The table tests walk the click tree that `main()` runs, so an option added without English help
fails here, and so does an English entry for a command or option that is gone. The language
tests run real `python -m verhalen` processes in a folder with no project above it, with the
locale variables set by hand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from verhalen.cli import help_en
from verhalen.cli.app import app, main
from verhalen.cli.help_en import HELP, help_language, locale_language

# Words of the Dutch help that no English help holds ("met" and "rapport" do: the example
# project 'Werken met Netwerken' and the report's folder rapport/ are names).
DUTCH = re.compile(
    r"\b(van|het|een|naar|voor|bijv|niet|alleen|standaard|uit|zijn|wie|wat|waar|deze|dit|bij"
    r"|verhaal|verhalen van|Projectmap|Taal|uitvoer|Groepeer|Herhalingen)\b"
)
LOCALE_VARIABLES = ("VERHALEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def tree() -> typer.core.TyperGroup:
    return typer.main.get_command(app)  # type: ignore[return-value]


def dutch_help() -> dict[tuple[str, ...], tuple[str, dict[str, str]]]:
    """Every command's Dutch help and its parameters' (those that have help), by path."""
    found = {}
    for path, command in help_en.walk(tree()):
        params = {p.name: p.help for p in command.params if getattr(p, "help", None)}
        found[path] = (command.help or "", params)
    return found


def flat(text: str) -> str:
    """Help output as one line: no box drawing, runs of white space as one space."""
    return " ".join(text.replace("│", " ").split())


# The table ---------------------------------------------------------------------------------


def test_every_command_and_parameter_has_english_help():
    dutch = dutch_help()
    missing = [" ".join(path) or "verhalen" for path in dutch if path not in HELP]
    assert not missing, f"commands without English help in help_en.HELP: {missing}"
    params = [
        f"{' '.join(path) or 'verhalen'}: {name}"
        for path, (_, given) in dutch.items()
        for name in given
        if name not in HELP[path].get("params", {})
    ]
    assert not params, f"parameters without English help in help_en.HELP: {params}"


def test_no_english_entry_is_stale():
    dutch = dutch_help()
    gone = [" ".join(path) or "verhalen" for path in HELP if path not in dutch]
    assert not gone, f"help_en.HELP names commands that no longer exist: {gone}"
    stale = [
        f"{' '.join(path) or 'verhalen'}: {name}"
        for path, entry in HELP.items()
        for name in entry.get("params", {})
        if name not in dutch[path][1]
    ]
    assert not stale, f"help_en.HELP names parameters that are gone or have no Dutch help: {stale}"


def test_the_english_is_english():
    for path, entry in HELP.items():
        texts = [entry["help"], *entry.get("params", {}).values()]
        for text in texts:
            assert text.strip() and not DUTCH.search(text), (path, text)


def test_apply_puts_english_on_every_command_and_parameter():
    command = tree()
    help_en.apply(command)
    for path, cmd in help_en.walk(command):
        assert cmd.help == HELP[path]["help"]
        assert cmd.short_help is None
        for param in cmd.params:
            if getattr(param, "help", None) and param.name != "help":
                assert param.help == HELP[path]["params"][param.name]
    # the Typer app is untouched: the next tree, and CliRunner on `app`, are Dutch again
    assert tree().help == dutch_help()[()][0] != HELP[()]["help"]


@pytest.mark.parametrize("path", sorted(HELP), ids=lambda p: " ".join(p) or "verhalen")
def test_every_help_page_shows_its_english(path, monkeypatch, capsys):
    monkeypatch.setenv("VERHALEN_LANG", "en")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(sys, "argv", ["verhalen", *path, "--help"])

    with pytest.raises(SystemExit) as exited:
        main()

    assert exited.value.code == 0
    shown = flat(capsys.readouterr().out)
    entry = HELP[path]
    assert flat(entry["help"]) in shown
    for text in entry.get("params", {}).values():
        assert flat(text) in shown
    assert not DUTCH.search(shown), shown


# The language ------------------------------------------------------------------------------


def verhalen(*args: str, cwd: Path, **env: str) -> str:
    """stdout of `python -m verhalen ARGS` with no locale variables but those in `env`."""
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "verhalen", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**environ, "COLUMNS": "200", **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return flat(result.stdout)


def english(shown: str, *path: str) -> bool:
    """`shown` is the English help of `path`, with none of the Dutch."""
    english = flat(HELP[path]["help"]) in shown and not DUTCH.search(shown)
    dutch = flat(dutch_help()[path][0].split("\n\n")[0]) in shown
    return english and not dutch


def dutch(shown: str, *path: str) -> bool:
    return flat(dutch_help()[path][0].split("\n\n")[0]) in shown and not english(shown, *path)


def test_verhalen_lang_en_gives_english_help(tmp_path):
    shown = verhalen("--help", cwd=tmp_path, VERHALEN_LANG="en", LANG="nl_NL.UTF-8")
    assert english(shown)
    assert "Project folder (default: the current folder or one above it)." in shown
    assert "Language of the output: nl or en." in shown
    for marker in ("verhalen van", "Projectmap", "Taal van uitvoer", "ophalen"):
        assert marker not in shown
    # the list of commands shows each command's English first paragraph
    assert flat(HELP[("doctor",)]["help"].split("\n\n")[0]) in shown

    shown = verhalen("cluster", "--help", cwd=tmp_path, VERHALEN_LANG="en")
    assert english(shown, "cluster")
    assert "Exactly this many perspectives." in shown
    for marker in ("Groepeer", "Precies zoveel", "Herhalingen", "steekproeven"):
        assert marker not in shown


def test_verhalen_lang_nl_gives_dutch_help(tmp_path):
    shown = verhalen("--help", cwd=tmp_path, VERHALEN_LANG="nl", LANG="en_US.UTF-8")
    assert dutch(shown)
    assert "Projectmap" in shown and "Taal van uitvoer" in shown
    shown = verhalen("cluster", "--help", cwd=tmp_path, VERHALEN_LANG="nl", LANG="en_US.UTF-8")
    assert dutch(shown, "cluster")
    assert "Precies zoveel perspectieven." in shown


def test_without_verhalen_lang_the_locale_decides(tmp_path):
    assert english(verhalen("--help", cwd=tmp_path, LANG="en_US.UTF-8"))
    assert dutch(verhalen("--help", cwd=tmp_path, LANG="nl_NL.UTF-8"))
    assert dutch(verhalen("stories", "--help", cwd=tmp_path, LANG="nl_BE.UTF-8"), "stories")
    # LC_ALL wins over LANG, as it does for every program
    assert english(verhalen("--help", cwd=tmp_path, LANG="nl_NL.UTF-8", LC_ALL="C.UTF-8"))


def test_lang_option_gives_english_help(tmp_path):
    shown = verhalen("--lang", "en", "--help", cwd=tmp_path, VERHALEN_LANG="nl")
    assert english(shown)
    shown = verhalen("--lang", "en", "cluster", "--help", cwd=tmp_path, LANG="nl_NL.UTF-8")
    assert english(shown, "cluster")
    shown = verhalen("--lang=nl", "report", "--help", cwd=tmp_path, LANG="en_US.UTF-8")
    assert dutch(shown, "report")


def test_no_arguments_shows_the_help_in_the_chosen_language(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "verhalen"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**environ, "COLUMNS": "200", "VERHALEN_LANG": "en"},
        timeout=60,
    )
    assert english(flat(result.stdout + result.stderr))


def project_in(folder: Path, language: str | None) -> Path:
    folder.mkdir()
    setting = f'language = "{language}"\n' if language else ""
    (folder / "verhalen.toml").write_text(f"[project]\nname = 'p'\n{setting}", encoding="utf-8")
    return folder


def test_a_project_speaks_its_language_after_verhalen_lang(tmp_path):
    english_project = project_in(tmp_path / "en", "en")
    shown = verhalen("cluster", "--help", cwd=english_project, LANG="nl_NL.UTF-8")
    assert english(shown, "cluster")
    shown = verhalen("cluster", "--help", cwd=english_project, VERHALEN_LANG="nl")
    assert dutch(shown, "cluster")
    # --project points at it from elsewhere; a project that names no language is Dutch
    dutch_project = project_in(tmp_path / "nl", None)
    shown = verhalen("--project", str(dutch_project), "--help", cwd=tmp_path, LANG="en_US.UTF-8")
    assert dutch(shown)


# help_language and locale_language, without a process ------------------------------------


def test_help_language_order(tmp_path):
    english_project = project_in(tmp_path / "en", "en")
    nowhere = tmp_path / "none"
    nowhere.mkdir()
    nl = {"LANG": "nl_NL.UTF-8"}

    assert help_language(["--lang", "en", "status"], nl, nowhere) == "en"
    assert help_language(["status", "--lang=en"], {"VERHALEN_LANG": "nl"}, nowhere) == "en"
    assert help_language(["--lang", "fr"], nl, nowhere) == "nl"  # not a language: ignored
    assert help_language([], {**nl, "VERHALEN_LANG": "EN"}, nowhere) == "en"
    assert help_language([], {**nl, "VERHALEN_LANG": "fr"}, nowhere) == "nl"
    assert help_language([], {"LANG": "en_GB.UTF-8", "VERHALEN_LANG": "nl"}, nowhere) == "nl"
    assert help_language([], nl, english_project) == "en"
    assert help_language(["--project", str(english_project)], nl, nowhere) == "en"
    assert help_language(["--lang", "nl"], nl, english_project) == "nl"
    assert help_language([], nl, nowhere) == "nl"
    assert help_language([], {"LANG": "de_DE.UTF-8"}, nowhere) == "en"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LANG": "nl"}, "nl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "nl_NL.UTF-8"}, "nl"),  # an empty variable counts as unset
    ],
)
def test_locale_language(environ, expected):
    assert locale_language(environ) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (("nl_NL", "UTF-8"), "nl"),
        (("Dutch_Netherlands", "1252"), "nl"),  # as Windows names it
        (("English_United States", "1252"), "en"),
        ((None, None), "en"),
    ],
)
def test_without_variables_python_locale_decides(name, expected, monkeypatch):
    monkeypatch.setattr(help_en.locale, "getlocale", lambda *_: name)
    assert locale_language({}) == expected
