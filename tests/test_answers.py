"""Answers after ingest: importing a sheet, setting one by hand, the history, filters, summary."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from support import answers, count, ingest_ok, teller_answers, write_xlsx

from verhalen.answers import history, import_answers, set_answer
from verhalen.errors import RejectedBatch, VerhalenError
from verhalen.project import Project
from verhalen.stories import StoryFilter, find_stories
from verhalen.variables import distribution, filter_ids, records

# (title, text, storyteller, gevoel, afloop, nodig); storytellers from conftest: V01 Anja and
# V02 Ruud are inwoner, V03 Fatima is ambtenaar.
STORIES = [
    (
        "Het bankje",
        "Er kwam een bankje bij de vijver, omdat we het samen vroegen.",
        "V01",
        "80",
        "goed",
        "tijd; vertrouwen",
    ),
    (
        "De brief",
        "Een brief over de bomen, zonder dat iemand had aangebeld.",
        "V02",
        "30",
        "slecht",
        "betere informatie",
    ),
    (
        "Het loket",
        "Aan het loket kon ik eindelijk iemand helpen zonder formulier.",
        "V03",
        "75",
        "goed",
        "tijd",
    ),
    ("De buurtapp", "In de buurtapp werd alles drie keer gevraagd.", "V01", "60", "gemengd", ""),
    (
        "De moestuin",
        "De moestuin achter de flat begon met twee tegels eruit.",
        "V02",
        "70",
        "goed",
        "ruimte in de regels",
    ),
    ("Zonder verteller", "Een verhaal dat niemand wilde ondertekenen.", "", "90", "", "tijd"),
]


@pytest.fixture
def stories_project(project: Project, register) -> Project:
    """The conftest project with storytellers V01-V03 and six stories with some answers."""
    register()
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "tekst", "verteller", "gevoel", "afloop", "nodig"])
        writer.writerows(STORIES)
    ingest_ok(project, [path])
    return project


def ids(project: Project) -> dict[str, int]:
    return {s.title: s.id for s in find_stories(project)}


def rejection(project: Project, path: Path) -> list[str]:
    with pytest.raises(RejectedBatch) as info:
        import_answers(project, path)
    return [str(p) for p in info.value.problems]


# -- importing a sheet --------------------------------------------------------------------------


def test_import_xlsx_matched_by_title(stories_project):
    project = stories_project
    story = ids(project)
    path = write_xlsx(
        project.root / "antwoorden.xlsx",
        [
            ["Titel", "Afloop", "Wanneer", "Nodig", "Training"],
            ["het bankje", "gemengd", "afgelopen jaar", "elkaar kennen; tijd", "ja"],
            ["De brief", "slecht", "langer geleden", None, "nee"],
        ],
    )

    report = import_answers(project, path)

    got = answers(project)
    assert got[story["Het bankje"]]["afloop"] == "gemengd"
    assert got[story["Het bankje"]]["wanneer"] == "afgelopen jaar"
    assert got[story["Het bankje"]]["nodig"] == ["tijd", "elkaar kennen"]
    assert got[story["Het bankje"]]["training"] is True
    assert got[story["De brief"]]["wanneer"] == "langer geleden"
    assert got[story["De brief"]]["training"] is False
    assert got[story["De brief"]]["nodig"] == ["betere informatie"]  # empty cell: kept
    assert (report.rows, report.changed, report.unchanged) == (2, 6, 1)  # afloop slecht was so


def test_import_csv_matched_by_id_with_numbers_as_people_type_them(stories_project):
    project = stories_project
    story = ids(project)
    path = project.root / "correcties.csv"
    path.write_text(
        f"id;gevoel;verrassing\n{story['Het loket']};72,5;10\n{story['De brief']};35;\n",
        encoding="utf-8",
    )

    import_answers(project, path)

    got = answers(project)
    assert got[story["Het loket"]]["gevoel"] == 72.5
    assert got[story["Het loket"]]["verrassing"] == 10
    assert got[story["De brief"]]["gevoel"] == 35
    assert "verrassing" not in got[story["De brief"]]


def test_import_storyteller_answers_by_storyteller_id(stories_project):
    project = stories_project
    path = project.root / "vertellers-extra.csv"
    path.write_text(
        "verteller,rol,jaren_betrokken\nV03,inwoner,4\nv02,,13\n",
        encoding="utf-8",
    )

    import_answers(project, path)

    tellers = teller_answers(project)
    assert tellers["V03"]["rol"] == "inwoner"
    assert tellers["V03"]["jaren_betrokken"] == 4
    assert tellers["V02"]["jaren_betrokken"] == 13  # matched regardless of case
    assert tellers["V02"]["rol"] == "inwoner"  # empty cell: kept
    # rol is the group question: Fatima's story now belongs to the group inwoner
    assert [s.title for s in find_stories(project, StoryFilter(group="ambtenaar"))] == []
    assert "Het loket" in [s.title for s in find_stories(project, StoryFilter(group="inwoner"))]


def test_a_bad_value_rejects_the_whole_sheet(stories_project):
    project = stories_project
    before_answers, before_tellers = answers(project), teller_answers(project)
    before_changes = count(project, "changes")
    path = write_xlsx(
        project.root / "antwoorden.xlsx",
        [
            ["Titel", "Gevoel", "Afloop", "Rol"],
            ["Het bankje", "10", "slecht", "ambtenaar"],  # valid
            ["De brief", "150", "goed", None],  # gevoel out of range
            ["Het loket", "50", "prima", None],  # not an option
            ["De moestuin", "40", "slecht", "wethouder"],  # valid
        ],
    )

    lines = rejection(project, path)

    assert lines == [
        "antwoorden.xlsx:3: gevoel: 150 ligt buiten 0–100",
        "antwoorden.xlsx:4: afloop: 'prima' is geen keuze "
        "(kies uit: goed, gemengd, slecht, nog niet bekend)",
    ]
    assert answers(project) == before_answers
    assert teller_answers(project) == before_tellers
    assert count(project, "changes") == before_changes


def test_unknown_title_and_id_are_reported_with_their_row(stories_project):
    project = stories_project
    path = project.root / "antwoorden.csv"
    path.write_text(
        "id,titel,afloop\n999,,goed\n,Bestaat niet,goed\n,het loket,slecht\nabc,,goed\n",
        encoding="utf-8",
    )
    before = answers(project)

    lines = rejection(project, path)

    assert lines == [
        "antwoorden.csv:2: verhaal 999 bestaat niet",
        "antwoorden.csv:3: titel 'Bestaat niet' bestaat niet",
        "antwoorden.csv:5: verhaal abc bestaat niet",
    ]
    assert answers(project) == before


def test_unknown_storyteller_is_reported(stories_project):
    path = stories_project.root / "vertellers.csv"
    path.write_text("verteller,rol\nV99,inwoner\n", encoding="utf-8")

    lines = rejection(stories_project, path)

    assert "vertellers.csv:2: onbekende verteller 'V99'" in lines
    assert all(line.startswith("vertellers.csv:2: ") for line in lines)


def test_a_sheet_that_cannot_be_matched_says_so(stories_project):
    path = stories_project.root / "los.csv"
    path.write_text("kleur,maat\nrood,XL\n", encoding="utf-8")

    lines = rejection(stories_project, path)

    assert lines == [
        "los.csv:1: geen kolom hoort bij een vraag uit het verhalenformulier",
        "los.csv:1: geen kolom id, titel of verteller om de rijen aan verhalen te koppelen",
    ]


def test_empty_cells_never_clear_answers(stories_project):
    project = stories_project
    story = ids(project)
    before = answers(project)
    path = write_xlsx(
        project.root / "leeg.xlsx",
        [
            ["Titel", "Gevoel", "Afloop", "Nodig"],
            ["Het bankje", None, "", "   "],
            ["De brief", None, None, None],
        ],
    )

    report = import_answers(project, path)

    assert report.changed == 0
    assert answers(project) == before
    assert answers(project)[story["Het bankje"]]["gevoel"] == 80


def test_cli_tag_import_prints_problems_and_imports_nothing(stories_project, cli):
    project = stories_project
    before = answers(project)
    path = project.root / "fout.csv"
    path.write_text("titel,gevoel\nHet bankje,20\nDe brief,101\n", encoding="utf-8")

    result = cli("tag", "import", path)

    assert result.exit_code == 1
    assert "fout.csv:3: gevoel: 101 ligt buiten 0–100" in result.stderr
    assert "1 probleem; niets ingelezen" in result.stderr
    assert answers(project) == before

    path.write_text("titel,gevoel\nHet bankje,20\nDe brief,30\n", encoding="utf-8")
    result = cli("tag", "import", path)

    assert result.exit_code == 0, result.output
    assert "2 rijen: 1 antwoorden gezet, 1 waren al zo" in result.stdout
    assert answers(project)[ids(project)["Het bankje"]]["gevoel"] == 20


# -- answers by hand, with history ------------------------------------------------------------


def test_set_answer_returns_the_old_value_and_logs_old_and_new(stories_project):
    project = stories_project
    story = ids(project)["De brief"]

    old, new = set_answer(project, str(story), "afloop", "Gemengd")

    assert (old, new) == ("slecht", "gemengd")
    assert answers(project)[story]["afloop"] == "gemengd"
    change = history(project, story)[-1]
    assert change.action == "answer"
    assert change.target == f"story:{story}"
    assert change.detail == {
        "question": "afloop",
        "old": "slecht",
        "new": "gemengd",
        "source": "manual",
    }
    assert change.who
    assert datetime.fromisoformat(change.at).tzinfo is not None


def test_clear_answer_keeps_the_old_value_in_history(stories_project):
    project = stories_project
    story = ids(project)["Het bankje"]

    old, new = set_answer(project, str(story), "nodig", None)

    assert (old, new) == (["vertrouwen", "tijd"], None)
    assert "nodig" not in answers(project)[story]
    change = history(project, story)[-1]
    assert change.action == "answer_cleared"
    assert change.detail["old"] == ["vertrouwen", "tijd"]
    assert change.detail["new"] is None


def test_history_of_one_story_holds_only_that_story(stories_project):
    project = stories_project
    story = ids(project)
    set_answer(project, str(story["Het bankje"]), "gevoel", "85")
    set_answer(project, str(story["De brief"]), "gevoel", "31")
    set_answer(project, str(story["Het bankje"]), "gevoel", "86")

    mine = history(project, story["Het bankje"])

    assert [(c.detail["old"], c.detail["new"]) for c in mine] == [(80, 85), (85, 86)]
    assert len(history(project)) > len(mine)


def test_setting_the_same_value_logs_nothing(stories_project):
    project = stories_project
    story = ids(project)["Het bankje"]
    before = len(history(project))

    assert set_answer(project, str(story), "afloop", "GOED") == ("goed", "goed")
    assert len(history(project)) == before


def test_set_answer_refuses_bad_values_unknown_questions_and_stories(stories_project):
    project = stories_project
    story = str(ids(project)["De brief"])
    before = answers(project)

    with pytest.raises(VerhalenError) as info:
        set_answer(project, story, "gevoel", "150")
    assert str(info.value) == "gevoel: 150 ligt buiten 0–100"
    with pytest.raises(VerhalenError, match=r"vraag 'kleur' staat niet in het formulier \(gevoel"):
        set_answer(project, story, "kleur", "rood")
    with pytest.raises(VerhalenError, match="verhaal 999 bestaat niet"):
        set_answer(project, "999", "afloop", "goed")
    with pytest.raises(VerhalenError, match="verteller V99 bestaat niet"):
        set_answer(project, "V99", "rol", "inwoner")
    assert answers(project) == before


def test_changing_the_group_question_moves_the_storyteller(stories_project):
    project = stories_project

    old, new = set_answer(project, "v03", "rol", "inwoner")

    assert (old, new) == ("ambtenaar", "inwoner")
    assert find_stories(project, StoryFilter(group="ambtenaar")) == []
    inwoner = [s.title for s in find_stories(project, StoryFilter(group="inwoner"))]
    assert "Het loket" in inwoner
    change = history(project)[-1]
    assert change.target == "storyteller:V03"
    assert (change.detail["old"], change.detail["new"]) == ("ambtenaar", "inwoner")


def test_cli_stories_list_group_follows_the_storyteller(stories_project, cli):
    set_answer(stories_project, "V03", "rol", "inwoner")

    result = cli("stories", "list", "--group", "inwoner")

    assert result.exit_code == 0, result.output
    assert "Het loket" in result.stdout
    assert "5 verhalen" in result.stdout


# -- missing answers, filters, summary -----------------------------------------------------------


def test_missing_answers_are_counted_not_guessed(stories_project):
    project = stories_project
    recs = records(project)

    afloop = distribution(project.form.get("afloop"), recs)
    gevoel = distribution(project.form.get("gevoel"), recs)
    wanneer = distribution(project.form.get("wanneer"), recs)
    rol = distribution(project.form.get("rol"), recs)

    assert (afloop.answered, afloop.missing) == (5, 1)
    assert dict(afloop.counts) == {"goed": 3, "gemengd": 1, "slecht": 1, "nog niet bekend": 0}
    assert (gevoel.answered, gevoel.missing) == (6, 0)
    assert gevoel.numbers["median"] == 72.5
    assert (wanneer.answered, wanneer.missing) == (0, 6)
    assert (rol.answered, rol.missing) == (5, 1)  # the story without storyteller has no rol
    without = next(r for r in recs if r.title == "Zonder verteller")
    assert "afloop" not in without.values and "rol" not in without.values


def titles(project: Project, where: list[str]) -> set[str]:
    found = filter_ids(project, where) or set()
    return {s.title for s in find_stories(project) if s.id in found}


def test_where_combines_storyteller_and_story_answers(stories_project):
    assert titles(stories_project, ["rol=inwoner", "gevoel>=70"]) == {"Het bankje", "De moestuin"}
    assert titles(stories_project, ["rol=ambtenaar"]) == {"Het loket"}
    assert titles(stories_project, ["Rol = Inwoner", "gevoel<70"]) == {"De brief", "De buurtapp"}


def test_where_on_a_multiple_choice_question(stories_project):
    assert titles(stories_project, ["nodig=tijd"]) == {
        "Het bankje",
        "Het loket",
        "Zonder verteller",
    }
    assert titles(stories_project, ["nodig=tijd; vertrouwen"]) == {"Het bankje"}
    assert "De buurtapp" in titles(stories_project, ["nodig!=tijd"])  # unanswered


def test_where_with_an_unknown_name_fails_clearly(stories_project):
    with pytest.raises(VerhalenError) as info:
        filter_ids(stories_project, ["kleur=rood"])

    message = str(info.value)
    assert message.startswith("--where 'kleur=rood': 'kleur' is geen vraag of kenmerk (gevoel, ")
    assert "rol" in message and "taal" in message
    with pytest.raises(VerhalenError, match="gebruik vraag=waarde"):
        filter_ids(stories_project, ["gevoel"])


@pytest.mark.parametrize("expression", ["rol=directeur", "nodig=geld", "rol!=directeur"])
def test_where_with_a_value_the_question_cannot_have_names_the_options(stories_project, expression):
    """Before, 'no stories found' without a word that the value cannot occur."""
    name, value = expression.replace("!=", "=").split("=")
    with pytest.raises(VerhalenError) as info:
        filter_ids(stories_project, [expression])

    message = str(info.value)
    assert message.startswith(f"--where '{expression}': '{value}' is geen keuze (kies uit: ")
    assert all(option in message for option in stories_project.form.get(name).options)


def test_cli_stories_list_where(stories_project, cli):
    result = cli("stories", "list", "--where", "rol=inwoner", "--where", "gevoel>=70")

    assert result.exit_code == 0, result.output
    assert "Het bankje" in result.stdout and "De moestuin" in result.stdout
    assert "De brief" not in result.stdout and "Het loket" not in result.stdout
    assert "2 verhalen" in result.stdout
    found = find_stories(stories_project, StoryFilter(where=("nodig=tijd",)))  # type: ignore[call-arg]
    assert {s.title for s in found} == {"Het bankje", "Het loket", "Zonder verteller"}


def test_cli_tag_summary_shows_every_question(stories_project, cli):
    result = cli("tag", "summary")

    assert result.exit_code == 0, result.output
    for question in stories_project.form.questions:
        assert question.label("nl") in result.stdout
    assert "(afloop; 5 antwoorden, 1 zonder antwoord)" in result.stdout


def test_two_rows_with_different_answers_for_one_story_reject_the_sheet(stories_project):
    """Before, the last row silently won; the same answer twice is no conflict."""
    project = stories_project
    before = answers(project)
    path = write_xlsx(
        project.root / "antwoorden.xlsx",
        [
            ["Titel", "Afloop", "Gevoel"],
            ["Het bankje", "goed", "40"],
            ["Het bankje", "slecht", "40"],
        ],
    )

    assert rejection(project, path) == [
        "antwoorden.xlsx:3: afloop: 'slecht' wijkt af van het antwoord in rij 2; kies er één"
    ]
    assert answers(project) == before


@pytest.mark.parametrize("expression", ["gevoel>=abc", "gevoel>>3"])
def test_where_comparing_with_no_number_fails_clearly(stories_project, expression):
    """Before, 'no stories found' with exit status 0."""
    with pytest.raises(VerhalenError, match=r"is geen getal"):
        filter_ids(stories_project, [expression])


def test_history_of_a_story_that_does_not_exist_is_an_error(stories_project):
    """Before, an empty history with exit status 0, as if the story had never changed."""
    with pytest.raises(VerhalenError, match="verhaal 999 bestaat niet"):
        history(stories_project, 999)


def test_where_with_an_unknown_name_lists_the_tags_in_the_projects_language(tmp_path):
    from verhalen.project import init_project

    english = init_project(tmp_path / "en", lang="en")
    with pytest.raises(VerhalenError) as info:
        filter_ids(english, ["nonsense=3"])
    message = str(info.value)
    assert "reading_minutes" in message and "session" in message
    assert "leestijd" not in message and "sessie" not in message
