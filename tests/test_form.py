"""The story form: answers are parsed the way people type them, mistakes are named clearly."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from verhalen.demo import example_folder
from verhalen.errors import VerhalenError
from verhalen.form import AnswerError, Question, StoryForm, load_form, parse_form
from verhalen.project import FORM_NAME, init_project

EXAMPLE_FORM = example_folder() / FORM_NAME
SHARED = Path(__file__).resolve().parents[2] / "shared"
NARRAFIRMA_FORM = (
    SHARED / "corpora" / "narrafirma-samples" / "narrafirma_import_guide_example_story_form.csv"
)
TEMPLATE_FILES = sorted(
    p.name for p in resources.files("verhalen.templates").iterdir() if p.name.endswith(".yaml")
)


@pytest.fixture(scope="module")
def form() -> StoryForm:
    return load_form(EXAMPLE_FORM)


def q(form: StoryForm, question_id: str) -> Question:
    question = form.get(question_id)
    assert question is not None, question_id
    return question


def error(question: Question, raw: object, lang: str = "nl") -> str:
    with pytest.raises(AnswerError) as info:
        question.parse(raw, lang)
    return str(info.value)


# -- answers, one question type at a time ------------------------------------------------------


def test_single_choice_matches_case_and_spacing_and_returns_the_forms_option(form):
    afloop = q(form, "afloop")

    assert afloop.parse("goed") == "goed"
    assert afloop.parse("GOED") == "goed"
    assert afloop.parse("  Nog  niet Bekend ") == "nog niet bekend"
    assert q(form, "leeftijdsgroep").parse("60 OF OUDER") == "60 of ouder"


def test_single_choice_unknown_option_lists_the_options(form):
    afloop = q(form, "afloop")

    assert error(afloop, "super") == (
        "'super' is geen keuze (kies uit: goed, gemengd, slecht, nog niet bekend)"
    )
    assert error(afloop, "super", "en") == (
        "'super' is not an option (choose from: goed, gemengd, slecht, nog niet bekend)"
    )


def test_multiple_choice_semicolons_lists_and_form_order(form):
    nodig = q(form, "nodig")

    assert nodig.parse("tijd") == ["tijd"]
    # the answer follows the form's order, whatever order it was typed in, without repeats
    assert nodig.parse("niets; Tijd ;vertrouwen") == ["vertrouwen", "tijd", "niets"]
    assert nodig.parse("tijd;tijd") == ["tijd"]
    assert nodig.parse("elkaar kennen|betere informatie") == ["betere informatie", "elkaar kennen"]
    assert nodig.parse("tijd\nvertrouwen") == ["vertrouwen", "tijd"]
    assert nodig.parse(["Elkaar kennen", "tijd"]) == ["tijd", "elkaar kennen"]
    assert nodig.parse("tijd; ;") == ["tijd"]


def test_multiple_choice_commas_split_only_when_every_piece_is_an_option(form):
    nodig = q(form, "nodig")
    assert nodig.parse("tijd, vertrouwen") == ["vertrouwen", "tijd"]

    # an option may itself hold a comma
    kleuren = parse_form(
        {
            "questions": [
                {
                    "id": "kleur",
                    "type": "multiple",
                    "options": ["rood, wit en blauw", "oranje", "groen"],
                }
            ]
        }
    ).questions[0]
    assert kleuren.parse("rood, wit en blauw") == ["rood, wit en blauw"]
    assert kleuren.parse("groen, oranje") == ["oranje", "groen"]
    assert error(kleuren, "oranje, paars") == (
        "'oranje, paars' is geen keuze (kies uit: rood, wit en blauw, oranje, groen)"
    )


def test_multiple_choice_unknown_option_names_it(form):
    message = error(q(form, "nodig"), "tijd; geld")

    assert message.startswith("'geld' is geen keuze (kies uit: vertrouwen, tijd, ")


def test_scale_bounds_and_decimal_comma(form):
    gevoel = q(form, "gevoel")

    assert gevoel.parse("0") == 0
    assert gevoel.parse("100") == 100
    assert gevoel.parse("72") == 72 and isinstance(gevoel.parse("72"), int)
    assert gevoel.parse("72,5") == 72.5
    assert gevoel.parse("72.5") == 72.5
    assert gevoel.parse(72.0) == 72
    assert error(gevoel, "101") == "101 ligt buiten 0–100"
    assert error(gevoel, "-1") == "-1 ligt buiten 0–100"
    assert error(gevoel, "100,5") == "100.5 ligt buiten 0–100"
    assert error(gevoel, "150", "en") == "150 is outside 0–100"
    assert error(gevoel, "veel") == "'veel' is geen getal"


def test_scale_without_bounds_in_the_form_is_0_to_100():
    scale = parse_form({"questions": [{"id": "s", "type": "scale"}]}).questions[0]

    assert (scale.min, scale.max) == (0, 100)
    assert error(scale, 120) == "120 ligt buiten 0–100"


def test_number(form):
    jaren = q(form, "jaren_betrokken")

    assert jaren.parse("12") == 12
    assert jaren.parse("2,5") == 2.5
    assert jaren.parse(7) == 7
    assert error(jaren, "71") == "71 ligt buiten 0–70"
    assert error(jaren, "twaalf") == "'twaalf' is geen getal"
    assert error(jaren, "twaalf", "en") == "'twaalf' is not a number"
    assert error(jaren, "nan") == "'nan' is geen getal"
    assert error(jaren, True) == "'True' is geen getal"
    free = parse_form({"questions": [{"id": "n", "type": "number"}]}).questions[0]
    assert free.parse("-3000") == -3000  # no bounds: any number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ja", True),
        ("Ja", True),
        ("JA ", True),
        ("yes", True),
        ("1", True),
        ("x", True),
        (1, True),
        (True, True),
        ("nee", False),
        ("Nee", False),
        ("no", False),
        ("0", False),
        (0, False),
        (False, False),
    ],
)
def test_boolean_words(form, raw, expected):
    assert q(form, "training").parse(raw) is expected


def test_boolean_other_words_are_refused(form):
    training = q(form, "training")

    assert error(training, "misschien") == "'misschien' is geen ja/nee"
    assert error(training, "maybe", "en") == "'maybe' is not yes/no"
    assert error(training, 2) == "'2' is geen ja/nee"


def test_text_is_kept_trimmed(form):
    assert q(form, "toelichting").parse("  Het was een goede avond.  ") == (
        "Het was een goede avond."
    )


@pytest.mark.parametrize("empty", [None, "", "   ", "\n", [], math.nan])
@pytest.mark.parametrize(
    "question_id", ["gevoel", "afloop", "nodig", "training", "toelichting", "jaren_betrokken"]
)
def test_empty_answers_are_missing_not_guessed(form, question_id, empty):
    assert q(form, question_id).parse(empty) is None


# -- checking the form --------------------------------------------------------------------------

BROKEN_FORM = """\
title: Kapot formulier
group_question: gevoel
questions:
  - type: single
    options: [a, b]
  - id: gevoel
    type: scale
  - id: gevoel
    type: scale
  - id: soort
    type: keuze
  - id: afloop
    type: single
    options: [goed]
  - id: cijfer
    type: number
    min: 10
    max: 5
  - id: stand
    type: scale
    min: 50
    max: 50
  - id: rol
    about: storyteller
    type: single
    options: [inwoner, ambtenaar]
"""


def test_load_form_reports_every_mistake_at_once_one_line_each(tmp_path):
    path = tmp_path / FORM_NAME
    path.write_text(BROKEN_FORM, encoding="utf-8")

    with pytest.raises(VerhalenError) as info:
        load_form(path)

    lines = str(info.value).splitlines()
    assert sorted(lines) == sorted(
        [
            f"{path}: question 1: missing id",
            f"{path}: gevoel: id used twice",
            f"{path}: soort: type must be one of single, multiple, scale, boolean, number, text",
            f"{path}: afloop: a choice question needs at least two options",
            f"{path}: cijfer: min must be below max",
            f"{path}: stand: min must be below max",
            f"{path}: group_question 'gevoel' must name a single-choice storyteller question",
        ]
    )


def test_group_question_must_exist(tmp_path):
    path = tmp_path / FORM_NAME
    path.write_text(
        "group_question: rol\nquestions:\n  - id: afloop\n    type: text\n", encoding="utf-8"
    )

    with pytest.raises(VerhalenError, match=r"group_question 'rol' must name a single-choice"):
        load_form(path)


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = tmp_path / FORM_NAME
    path.write_text(
        "title: x\nquestions:\n  - id: a\n   type: text\n",  # line 4 is indented wrongly
        encoding="utf-8",
    )

    with pytest.raises(VerhalenError) as info:
        load_form(path)

    assert str(info.value).startswith(f"{path}:4: not valid YAML")
    assert "\n" not in str(info.value)


def test_missing_form_is_an_empty_form(tmp_path):
    assert load_form(tmp_path / FORM_NAME).questions == ()


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_shipped_templates_load_and_ask_about_the_storyteller(name, tmp_path):
    path = tmp_path / FORM_NAME
    path.write_text(
        resources.files("verhalen.templates").joinpath(name).read_text(encoding="utf-8"),
        encoding="utf-8",
    )

    form = load_form(path)

    assert form.questions
    assert form.about("story") and form.about("storyteller")
    group = form.get(form.group_question or "")
    assert group is not None and group.about == "storyteller" and group.type == "single"
    assert form.language == ("en" if name.endswith(".en.yaml") else "nl")
    for question in form.questions:
        assert question.question_text(form.language) != question.id  # every question is asked


def test_templates_exist_in_both_languages():
    assert {"storyform-algemeen.yaml", "storyform-algemeen.en.yaml"} <= set(TEMPLATE_FILES)
    assert {"storyform-programma.yaml", "storyform-programma.en.yaml"} <= set(TEMPLATE_FILES)


@pytest.mark.parametrize(
    ("template", "lang", "group"),
    [
        ("algemeen", "nl", "rol"),
        ("programma", "nl", "rol"),
        ("algemeen", "en", "role"),
        ("programma", "en", "role"),
    ],
)
def test_init_project_writes_a_loadable_form(tmp_path, template, lang, group):
    project = init_project(tmp_path / "p", template=template, lang=lang)

    form = load_form(project.form_path)
    assert form.group_question == group
    assert form.language == lang
    assert form.about("storyteller")


# -- the commands -------------------------------------------------------------------------------


def test_form_show_prints_every_question(project, cli):
    result = cli("form", "show")

    assert result.exit_code == 0, result.output
    for question in project.form.questions:
        assert question.id in result.stdout
    assert "Over het verhaal" in result.stdout
    assert "Over de verteller" in result.stdout
    assert "één keuze (groep)" in result.stdout  # rol is the group question


def test_form_check_passes_on_a_good_form(project, cli):
    result = cli("form", "check")

    assert result.exit_code == 0, result.output
    assert "storyform.yaml is in orde: 12 vragen" in result.stdout


def run_cli(*args: object, columns: int | None = 300) -> subprocess.CompletedProcess[str]:
    """The installed command, so stderr and the exit status are what a user sees.

    `columns` is the terminal width; None: output piped to a file, no terminal width known.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "verhalen", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_form_check_fails_with_every_mistake_on_a_broken_form(tmp_path):
    project = init_project(tmp_path / "p")
    project.form_path.write_text(BROKEN_FORM, encoding="utf-8")

    result = run_cli("--project", project.root, "form", "check")

    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 7, result.stderr
    assert all(line.startswith(f"{project.form_path}: ") for line in lines)
    assert f"{project.form_path}: gevoel: id used twice" in lines
    assert "Traceback" not in result.stderr


def test_form_check_problem_lines_are_not_broken_when_piped(tmp_path):
    project = init_project(tmp_path / "p")
    project.form_path.write_text(BROKEN_FORM, encoding="utf-8")

    result = run_cli("--project", project.root, "form", "check", columns=None)

    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 7, result.stderr


@pytest.fixture
def narrafirma_form() -> Path:
    if not NARRAFIRMA_FORM.is_file():
        pytest.skip(f"NarraFirma sample not found at {NARRAFIRMA_FORM}")
    return NARRAFIRMA_FORM


def test_form_from_narrafirma_refuses_to_overwrite_questions(project, cli, narrafirma_form):
    before = project.form_path.read_text(encoding="utf-8")

    result = cli("form", "from-narrafirma", narrafirma_form)

    assert result.exit_code == 1
    assert "--force" in str(result.exception)
    assert project.form_path.read_text(encoding="utf-8") == before


def test_form_from_narrafirma_writes_a_loadable_form(project, cli, narrafirma_form):
    result = cli("form", "from-narrafirma", "--force", narrafirma_form)

    assert result.exit_code == 0, result.output
    form = load_form(project.form_path)
    assert f"{len(form.questions)} vragen" in result.stdout
    assert len(form.questions) >= 5
    by_text = {question.question_text("en"): question for question in form.questions}
    remember = by_text["How long do you think you will remember this story?"]
    assert (remember.type, remember.min, remember.max) == ("scale", 1, 10)
    long_ago = by_text["How long ago did this story take place?"]
    assert long_ago.type == "single" and len(long_ago.options) == 4
    # the converted form is used by the project from now on
    assert run_cli("--project", project.root, "form", "check").returncode == 0
