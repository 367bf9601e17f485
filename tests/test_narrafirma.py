"""NarraFirma exports: a form CSV describes the stories CSV; answers decode to its options."""

from __future__ import annotations

from support import (
    answers,
    by_title,
    ingest_ok,
    stories,
    teller_answers,
    write_narrafirma_storyform,
)

from verhalen.ingest import _narrafirma
from verhalen.ingest._model import ReadOptions
from verhalen.project import FORM_NAME, Project, init_project

GUIDE_STORIES = "narrafirma_import_guide_example_stories.csv"
GUIDE_FORM = "narrafirma_import_guide_example_story_form.csv"
EXAMPLE_STORIES = "narrafirma_example_stories.csv"
EXAMPLE_FORM = "narrafirma_example_story_form.csv"


def nf_project(tmp_path, form_csv) -> Project:
    """A project whose storyform.yaml is generated from the NarraFirma form."""
    root = tmp_path / "nf"
    root.mkdir()
    spec = _narrafirma.read_form(form_csv, ReadOptions())
    write_narrafirma_storyform(spec.form, root / FORM_NAME)
    project = init_project(root, lang="en")
    assert [q.id for q in project.form.questions] == [q.id for q in spec.form.questions]
    return project


def test_form_csv_becomes_a_story_form(narrafirma):
    spec = _narrafirma.read_form(narrafirma / GUIDE_FORM, ReadOptions())
    form = spec.form

    assert [(q.id, q.type, q.about) for q in form.questions] == [
        ("eliciting_question", "single", "story"),
        ("how_long_ago", "single", "story"),
        ("where_story_came_from", "single", "story"),
        ("how_long_remember", "scale", "story"),
        ("feel_about", "multiple", "story"),
        ("needed", "multiple", "story"),
        ("people_who_helped", "multiple", "story"),
        ("who_would_be_surprised", "multiple", "story"),
        ("comment", "text", "storyteller"),
    ]
    remember = form.get("how_long_remember")
    assert (remember.min, remember.max) == (1, 10)
    assert remember.labels == ("for a few minutes", "for the rest of my life")
    assert form.get("how_long_ago").options == ("Last week", "3 months", "6 months", "1 year")
    assert form.get("where_story_came_from").options[0] == "first-person"


def test_import_guide_example(tmp_path, narrafirma):
    project = nf_project(tmp_path, narrafirma / GUIDE_FORM)

    report = ingest_ok(
        project, [narrafirma / GUIDE_STORIES], narrafirma_form=narrafirma / GUIDE_FORM
    )

    assert len(report.stored) == 3
    found = by_title(project)
    guessed = found["Never would have guessed"]
    assert guessed.text == "I was surprised one day when..."
    assert guessed.storyteller_id == "2554"  # 'Participant ID column name' is Respondent
    assert guessed.location == "2"
    got = answers(project)
    # 'needed' (multi-column yes/no) is checked in test_import_guide_yes_no_columns
    assert {k: v for k, v in got[guessed.id].items() if k != "needed"} == {
        "eliciting_question": "Surprise",
        "how_long_ago": "1 year",
        "where_story_came_from": "first-person",  # indexed: 1 is the first option
        "how_long_remember": 3,
        "feel_about": ["happy"],  # multi-column texts
        "people_who_helped": ["manager", "colleague"],  # delimited with ","
        "who_would_be_surprised": ["the people at the head office", "our competitors"],  # "1 4"
    }
    finally_ = found["Finally"]
    assert got[finally_.id]["where_story_came_from"] == "rumor and I believe it"  # index 3
    assert got[finally_.id]["feel_about"] == ["sad"]
    assert got[finally_.id]["who_would_be_surprised"] == ["our customers"]
    assert teller_answers(project) == {
        "2554": {"comment": "It's okay"},
        "1543": {"comment": "Really upset about this"},
        "532": {"comment": "No comment!"},
    }


def test_import_guide_yes_no_columns(tmp_path, narrafirma):
    project = nf_project(tmp_path, narrafirma / GUIDE_FORM)
    ingest_ok(project, [narrafirma / GUIDE_STORIES], narrafirma_form=narrafirma / GUIDE_FORM)

    got = answers(project)
    found = by_title(project)
    assert got[found["Never would have guessed"].id].get("needed") == ["help"]
    assert got[found["Finally"].id].get("needed") == ["understanding"]


def test_bigger_example_decodes_multi_column_and_indexed_questions(tmp_path, narrafirma):
    project = nf_project(tmp_path, narrafirma / EXAMPLE_FORM)

    ingest_ok(
        project,
        [narrafirma / EXAMPLE_STORIES],
        narrafirma_form=narrafirma / EXAMPLE_FORM,
        skip_invalid=True,  # see test_bigger_example_is_accepted_whole
    )

    found = by_title(project)
    got = answers(project)
    # Crane job: Feel about = ,,,disappointed; Scope index = 4; Needed = help,,respect,,;
    # Needed index delimited = "1,3"; Come from = first hand,,
    crane = got[found["Crane job"].id]
    assert crane["feel_about"] == ["disappointed"]
    assert crane["scope_index"] == "System"
    assert crane["needed"] == ["help", "respect"]
    assert crane["needed_index_delimited"] == ["help", "respect"]
    assert crane["needed_delimited"] == ["help", "respect"]
    assert crane["come_from"] == ["first hand"]
    assert crane["got_what_needed"] == 24
    # Responsibility: Feel about = ,frustrated,,disappointed; Scope index = 3
    responsibility = got[found["Responsibility"].id]
    # the teller also wrote "beyond frustrated" in the Other box (WRITEIN_Feel about)
    assert responsibility["feel_about"] == ["frustrated", "disappointed", "Other"]
    assert responsibility["feel_about_writein"] == "beyond frustrated"

    assert responsibility["scope_index"] == "Team"
    assert responsibility["needed_index_delimited"] == ["respect", "trust"]
    crane_story = found["Crane job"]
    assert crane_story.text.startswith("I watched a guy get crushed by a crane.")
    assert crane_story.location == "7"  # the ';' comment row still counts as a row
    # no Participant ID column: each row gets its own storyteller with the participant answers
    assert teller_answers(project)[crane_story.storyteller_id] == {
        "position": "Manager",
        "age_group": "35-50",
    }


def test_bigger_example_is_accepted_whole(tmp_path, narrafirma):
    project = nf_project(tmp_path, narrafirma / EXAMPLE_FORM)

    report = ingest_ok(
        project, [narrafirma / EXAMPLE_STORIES], narrafirma_form=narrafirma / EXAMPLE_FORM
    )

    assert len(report.stored) == 80
    assert len(stories(project)) == 80


def test_bigger_example_yes_no_columns(tmp_path, narrafirma):
    project = nf_project(tmp_path, narrafirma / EXAMPLE_FORM)
    ingest_ok(
        project,
        [narrafirma / EXAMPLE_STORIES],
        narrafirma_form=narrafirma / EXAMPLE_FORM,
        skip_invalid=True,
    )

    found = by_title(project)
    # Crane job: Needed yes/no: help = Yes, respect = Yes
    assert answers(project)[found["Crane job"].id].get("needed_yes_no") == ["help", "respect"]
