"""Rich markup in user text is shown as typed, never obeyed.

Titles, story texts, storytellers, sessions, answers, the story form, the project's name,
perspectives and file names all hold `[/bold]` (a closing tag with nothing open: rich raised a
MarkupError, a traceback), `[link=…]` (a clickable terminal link), `[red]`, a backslash before a
bracket (which `rich.markup.escape` loses) and an emoji code. Every command that prints them
must end normally and show each of them verbatim. The perspectives are a run stored through the
Store API, not real clustering, so the module stays fast.
"""

from __future__ import annotations

import csv
import re
import sys

import pytest
import yaml
from support import fake_run, ingest_ok

from verhalen.cli import _common
from verhalen.cli.app import main
from verhalen.project import CONFIG_NAME
from verhalen.settings import toml_string

LINK = "[link=http://evil.example]klik[/link]"
MARKUP = f"[/bold] {LINK} [red] \\[x] a\\[b :thumbs_up:"
PIECES = ["[/bold]", LINK, "[red]", "\\[x]", "a\\[b", ":thumbs_up:"]
TITLE = f"Brug {MARKUP}"
TEXT = f"Het loket {MARKUP} ging dicht voordat wij er waren."
TELLER = "[red]V1"
TELLER_NAME = f"Anja {MARKUP}"
ROLE = f"inwoner {MARKUP}"
SESSION = f"sessie {MARKUP}"
NOTE = f"toelichting {MARKUP}"
OUTCOME = f"slecht {MARKUP}"
QUESTION = f"Wil je nog iets kwijt? {MARKUP}"
SHORT = f"Afloop {MARKUP}"
SCALE = f"Gevoel {MARKUP}"
FORM_TITLE = f"Formulier {MARKUP}"
NAME = f"Project {MARKUP}"
PERSPECTIVE = f"Regels {MARKUP}"
LABEL = "loket · [red] · [/bold]"
DESCRIPTION = f"Beschrijving {MARKUP}"
STORIES = 24


def assert_shown(result, *texts: str, code: int = 0) -> None:
    """Ended as intended, no traceback, no ANSI codes, and every text verbatim in the output."""
    output = result.stdout + result.stderr
    assert result.exit_code == code, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output and "MarkupError" not in output
    assert "\x1b" not in output  # CliRunner is no terminal: plain text only
    for text in texts:
        assert text in output, f"{text!r} not in:\n{output}"


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    """A console wider than any row, so a table never wraps a cell in the middle of a text."""
    monkeypatch.setattr(_common.out, "_width", 400)


@pytest.fixture
def hostile(project, register):
    """The project, its form, storytellers, stories, answers and one perspective run, all with
    markup in them."""
    form = yaml.safe_load(project.form_path.read_text(encoding="utf-8"))
    form["title"] = FORM_TITLE
    for q in form["questions"]:
        if q["id"] == "toelichting":
            q["text"] = QUESTION
        elif q["id"] == "gevoel":
            q["short"] = SCALE
        elif q["id"] == "afloop":
            q["short"] = SHORT
            q["options"] = [o if o != "slecht" else OUTCOME for o in q["options"]]
        elif q["id"] == "rol":
            q["options"] = [o if o != "inwoner" else ROLE for o in q["options"]]
    project.form_path.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    project.__dict__.pop("form", None)  # cached_property: read the new form
    config = project.root / CONFIG_NAME
    text = re.sub(
        r"(?m)^name = .*$", lambda _: f"name = {toml_string(NAME)}", config.read_text("utf-8")
    )
    config.write_text(text, encoding="utf-8")

    register([(TELLER, TELLER_NAME, ROLE, "45-60", "6"), ("V02", "Ruud", "ambtenaar", "", "")])
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "verteller", "sessie", "afloop", "gevoel", "toelichting"])
        w.writerow([TITLE, TEXT, TELLER, SESSION, OUTCOME, 21, NOTE])
        for i in range(2, STORIES + 1):  # odd: the hostile storyteller, outcome and perspective
            odd = i % 2
            w.writerow(
                [
                    f"Verhaal {i}",
                    f"Verhaal {i} over de markt.",
                    TELLER if odd else "V02",
                    SESSION,
                    OUTCOME if odd else "goed",
                    20 + i if odd else 70 + i,
                    "",
                ]
            )
    ingest_ok(project, [path])

    fields = {
        1: {
            "label": LABEL,
            "terms": ["[/bold]", "loket"],
            "stability": 0.8,
            "name": PERSPECTIVE,
            "description": DESCRIPTION,
        },
        2: {"label": "markt · plein", "terms": ["markt"]},
    }
    with project.store() as store, store.transaction():
        n_stories = len(store.stories())
        fake_run(store, [1 + k % 2 for k in range(n_stories)], fields, exemplars=2)
    return project


def test_stories_list_and_show(hostile, cli):
    assert_shown(cli("stories", "list"), TITLE, TELLER, SESSION)
    shown = cli("stories", "show", 1)
    assert_shown(shown, TITLE, TEXT, TELLER, TELLER_NAME, SESSION, SHORT, OUTCOME, NOTE)
    assert f"{TITLE}\n" in shown.stdout  # the title line is not cut short by a closing tag


def test_status_shows_the_project_name_and_sessions(hostile, cli):
    assert_shown(cli("status"), NAME, SESSION, *PIECES)


def test_perspectives_list_and_show(hostile, cli):
    assert_shown(cli("perspectives", "list"), PERSPECTIVE, "[/bold], loket")
    assert_shown(cli("perspectives", "show", 1), PERSPECTIVE, f"model: {LABEL}", DESCRIPTION, TITLE)


def test_form_show_keeps_question_texts(hostile, cli):
    assert_shown(cli("form", "show"), FORM_TITLE, QUESTION, OUTCOME, ROLE)


def test_patterns_and_tag_summary(hostile, cli):
    assert_shown(cli("patterns"), SHORT, SCALE, PERSPECTIVE, OUTCOME, ROLE)
    assert_shown(cli("patterns", "list"), "afloop~perspective", "gevoel~perspective")
    crosstab = cli("patterns", "show", "afloop~perspective")
    assert_shown(crosstab, f"Perspectief \\ {SHORT}", f"1. {PERSPECTIVE}", OUTCOME)
    assert_shown(cli("patterns", "show", "gevoel~perspective"), SCALE, f"1. {PERSPECTIVE}")
    assert_shown(cli("tag", "summary"), SHORT, SCALE, OUTCOME, ROLE)


def test_refused_ingest_names_file_and_cell_as_typed(hostile, cli):
    name = "[bold]verhaal [link=evil]x[red].txt"
    teller = f"Niemand {MARKUP}"
    (hostile.root / name).write_text(f"Verteller: {teller}\n\nEen verhaal.\n", encoding="utf-8")

    refused = cli("ingest", hostile.root / name)

    assert_shown(refused, name, teller, code=1)
    rejects = hostile.root / "[red]afgewezen.csv"
    skipped = cli("ingest", "--skip-invalid", "--rejects", rejects, hostile.root / name)
    assert_shown(skipped, name, teller, str(rejects), code=1)


def test_error_line_from_main_keeps_markup(hostile, monkeypatch, capsys):
    question = f"vraag{MARKUP}"
    argv = ["verhalen", "--project", str(hostile.root), "tag", "set", "1", question, "x"]
    monkeypatch.setattr(sys, "argv", argv)

    with pytest.raises(SystemExit) as exited:
        main()

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert question in err and "Traceback" not in err
