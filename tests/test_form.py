"""The story form: answers are parsed the way people type them, mistakes are named clearly."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from support import count, store_snapshot, write_docx
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.errors import VerhalenError
from verhalen.form import AnswerError, Question, StoryForm, load_form, parse_form
from verhalen.ingest import ingest
from verhalen.project import FORM_NAME, Project, init_project

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

    with pytest.raises(VerhalenError) as dutch:
        load_form(path)
    with pytest.raises(VerhalenError) as info:
        load_form(path, "en")

    assert f"{path}: gevoel: id komt twee keer voor" in str(dutch.value).splitlines()
    lines = str(info.value).splitlines()
    assert sorted(lines) == sorted(
        [
            f"{path}: question 1: missing id",
            f"{path}: gevoel: id used twice",
            f"{path}: soort: type must be one of single, multiple, scale, boolean, number, text, "
            "triad, dyad, stones",
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
        load_form(path, "en")


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = tmp_path / FORM_NAME
    path.write_text(
        "title: x\nquestions:\n  - id: a\n   type: text\n",  # line 4 is indented wrongly
        encoding="utf-8",
    )

    with pytest.raises(VerhalenError) as info:
        load_form(path, "en")

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
    assert f"{project.form_path}: gevoel: id komt twee keer voor" in lines
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


# -- a form without questions (#12) -----------------------------------------------------------
# A missing or empty storyform.yaml has no question to put a table's answers under. Ingest used to
# drop every answer column without a word; now it stops, names the columns and stores nothing.

# six answer columns beside the known ones (titel, verhaal, and id, which is no answer)
ANSWER_TABLE = (
    "id,titel,verhaal,afloop,gevoel,rol,datum,plaats,opmerking\n"
    "1,Brug,De brug was kapot.,goed,70,inwoner,2024,Utrecht,eerste\n"
    "2,Plein,Het plein was vol.,slecht,20,ondernemer,2025,Zeist,\n"
)
EMPTY_FORMS = {"zero bytes": "", "only comments": "# nog geen vragen\n# title: later\n"}
NOT_STORED_NL = (
    "dus de antwoorden in verhalen.csv kunnen niet worden gelezen (kolommen: afloop, gevoel, "
    "rol, datum, plaats en 1 meer); zet die vragen in storyform.yaml (een begin: verhalen form "
    "new) of haal de kolommen uit de tabel, en lees opnieuw in; er is niets opgeslagen"
)
NOT_STORED_EN = (
    "so the answers in verhalen.csv cannot be read (columns: afloop, gevoel, rol, datum, plaats "
    "and 1 more); add those questions to storyform.yaml (to start: verhalen form new) or remove "
    "the columns from the table, then ingest again; nothing was stored"
)


def store_rows(project: Project) -> dict[str, int]:
    return {table: count(project, table) for table in ("sources", "stories", "changes")}


def answer_table(project: Project, text: str = ANSWER_TABLE) -> Path:
    path = project.root / "verhalen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_without_storyform_stops_at_a_table_with_answers(tmp_path):
    project = init_project(tmp_path / "p")
    project.form_path.unlink()
    path = answer_table(project)
    rows, before = store_rows(project), store_snapshot(project)

    result = run_cli("--project", project.root, "ingest", path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{project.form_path} ontbreekt, {NOT_STORED_NL}"]
    assert "Traceback" not in result.stdout + result.stderr
    assert store_rows(project) == rows
    assert store_snapshot(project)[2] == before[2]


@pytest.mark.parametrize("text", EMPTY_FORMS.values(), ids=EMPTY_FORMS.keys())
@pytest.mark.parametrize("flag", [None, "--skip-invalid", "--dry-run"])
def test_ingest_with_an_empty_storyform_stops_at_a_table_with_answers(project, cli, text, flag):
    project.form_path.write_text(text, encoding="utf-8")
    path = answer_table(project)
    rows, before = store_rows(project), store_snapshot(project)

    result = cli("--lang", "en", "ingest", path, *([flag] if flag else []))

    assert result.exit_code == 1
    assert isinstance(result.exception, VerhalenError)  # one line, no traceback, from main()
    assert str(result.exception) == f"{project.form_path} has no questions, {NOT_STORED_EN}"
    assert "Traceback" not in result.output
    assert store_rows(project) == rows
    assert store_snapshot(project)[2] == before[2]
    assert not (project.root / "afgewezen.csv").exists()


def test_an_empty_storyform_stops_a_storytellers_table_with_answers(project, tellers_csv):
    project.form_path.write_text("", encoding="utf-8")  # read by a fresh Project below
    rows = store_rows(project)

    with pytest.raises(VerhalenError) as info:
        ingest(Project.open(project.root), [], storytellers_file=tellers_csv())

    message = str(info.value)
    assert "vertellers.csv" in message and "storyform.yaml heeft geen vragen" in message
    assert "(kolommen: rol, leeftijdsgroep, jaren_betrokken)" in message
    assert "\n" not in message
    assert store_rows(project) == rows


def test_an_empty_storyform_names_a_handful_of_columns_and_counts_the_rest(project):
    project.form_path.write_text("", encoding="utf-8")
    header = ["verhaal", *(f"vraag{i}" for i in range(1, 13))]
    path = answer_table(project, ",".join(header) + "\nEen verhaal," + ",".join("x" * 12) + "\n")

    with pytest.raises(VerhalenError) as info:
        ingest(Project.open(project.root), [path])  # the fixture's form is cached

    assert "(kolommen: vraag1, vraag2, vraag3, vraag4, vraag5 en 7 meer)" in str(info.value)


def test_an_empty_storyform_still_reads_a_table_without_answers(project, cli):
    project.form_path.write_text("", encoding="utf-8")
    # id is a known column, not an answer; an answer column left empty loses nothing
    path = answer_table(project, "id,titel,verhaal,afloop\n1,Brug,De brug was kapot.,\n")

    result = cli("ingest", path)

    assert result.exit_code == 0, result.output
    assert "1 verhaal ingelezen uit 1 bestand" in result.stdout
    assert result.stderr == ""
    assert store_rows(project)["stories"] == 1


def test_without_storyform_text_files_are_read(tmp_path):
    project = init_project(tmp_path / "p")
    project.form_path.unlink()
    (project.root / "a.txt").write_text(
        "De brug was kapot.\n---\nHet plein was vol.\n", encoding="utf-8"
    )
    write_docx(project.root / "b.docx", [("h1", "Het park"), ("p", "Het park werd groen.")])

    report = ingest(project, [project.root / "a.txt", project.root / "b.docx"])

    assert len(report.stored) == 3
    assert report.unread_columns == []


def test_columns_that_match_no_question_are_named_when_the_form_has_questions(project, cli):
    """With questions in the form a column beside them (a date, a note) is left out, but said."""
    path = answer_table(project, "titel,verhaal,afloop,datum\nBrug,De brug was kapot.,goed,2024\n")

    result = cli("ingest", path)

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "verhalen.csv: kolom datum hoort bij geen vraag in storyform.yaml en is niet ingelezen "
        "(--map VRAAG=KOLOM koppelt een kolom aan een vraag)"
    ]
    assert store_rows(project)["stories"] == 1

    english = answer_table(project, "title,story,afloop,datum,plaats\nP,Het plein.,goed,2024,Z\n")
    result = cli("--lang", "en", "ingest", english)
    assert result.exit_code == 0, result.output
    assert "verhalen.csv: columns datum, plaats match no question in storyform.yaml" in (
        result.stderr
    )


def test_form_check_without_storyform_says_how_to_get_one(tmp_path):
    project = init_project(tmp_path / "p")
    project.form_path.unlink()

    result = run_cli("--project", project.root, "form", "check")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{project.form_path} ontbreekt; maak een nieuw formulier met: verhalen form new (of uit "
        "een NarraFirma-formulier: verhalen form from-narrafirma FORMULIER.csv)"
    ]
    assert "Traceback" not in result.stderr


def test_form_check_without_storyform_in_english(project, cli):
    project.form_path.unlink()

    result = cli("--lang", "en", "form", "check")

    assert result.exit_code == 1
    assert str(result.exception) == (
        f"{project.form_path} is missing; make a new one with: verhalen form new (or from a "
        "NarraFirma form: verhalen form from-narrafirma FORM.csv)"
    )


@pytest.mark.parametrize("text", EMPTY_FORMS.values(), ids=EMPTY_FORMS.keys())
def test_form_check_on_an_empty_storyform_warns_that_answers_cannot_be_read(project, cli, text):
    project.form_path.write_text(text, encoding="utf-8")

    result = cli("form", "check")

    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # not 'in orde: 0 vragen'
    assert result.stderr.splitlines() == [
        "storyform.yaml heeft geen vragen: verhalen kan geen antwoorden lezen (uit tabelkolommen "
        "of met verhalen tag import) tot er vragen in staan; een begin: verhalen form new"
    ]
    result = cli("--lang", "en", "form", "show")
    assert result.exit_code == 0, result.output
    assert "storyform.yaml has no questions: verhalen cannot read answers" in result.stderr


def test_form_new_writes_the_template_in_the_projects_language(tmp_path):
    project = init_project(tmp_path / "p", lang="en", template="programma")
    project.form_path.unlink()
    runner = CliRunner()

    result = runner.invoke(app, ["--project", str(project.root), "form", "new"])

    assert result.exit_code == 0, result.output
    form = load_form(project.form_path)
    assert form.language == "en" and form.questions
    assert result.stdout == (
        f"{project.form_path}: {len(form.questions)} questions from the template 'algemeen'; "
        "adapt them to this project (verhalen form show lists them)\n"
    )
    assert run_cli("--project", project.root, "form", "check").returncode == 0
    # the Dutch columns match none of the English questions: read with a warning, not refused
    report = ingest(Project.open(project.root), [answer_table(project)])
    assert len(report.stored) == 2
    assert report.unread_columns == [
        ("verhalen.csv", ["afloop", "gevoel", "rol", "datum", "plaats", "opmerking"])
    ]


def test_form_new_keeps_a_form_with_questions_unless_forced(project, cli):
    before = project.form_path.read_text(encoding="utf-8")

    result = cli("form", "new", "--template", "programma")

    assert result.exit_code == 1
    assert str(result.exception) == f"{project.form_path} heeft al vragen; --force vervangt het"
    assert project.form_path.read_text(encoding="utf-8") == before
    assert cli("form", "new", "--force").exit_code == 0
    assert project.form_path.read_text(encoding="utf-8") != before
    project.form_path.write_text("", encoding="utf-8")  # an empty form is replaced without asking
    assert cli("form", "new").exit_code == 0


def test_an_empty_storyform_points_a_narrafirma_export_at_from_narrafirma(project, narrafirma_form):
    project.form_path.write_text("", encoding="utf-8")
    stories_csv = narrafirma_form.with_name("narrafirma_import_guide_example_stories.csv")

    with pytest.raises(VerhalenError) as info:
        ingest(Project.open(project.root), [stories_csv], narrafirma_form=narrafirma_form)

    message = str(info.value)
    assert message.startswith(f"{project.form_path} heeft geen vragen, dus de antwoorden in ")
    assert f"verhalen form from-narrafirma {narrafirma_form})" in message
    assert "\n" not in message


def test_options_written_as_one_word_are_refused_not_split_into_letters():
    with pytest.raises(VerhalenError, match="'options' is een lijst"):
        parse_form({"questions": [{"id": "afloop", "type": "single", "options": "goed"}]})
