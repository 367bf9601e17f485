"""The headline a commissioner quotes: who told how many stories, in how many sessions."""

from __future__ import annotations

import dataclasses

from support import ingest_ok

from verhalen.status import headline, overview

FOUR_STORIES = (
    "Verteller: V01\nSessie: 1\n\nVerhaal een over de markt.\n"
    "---\n"
    "Verteller: V02\nSessie: 1\n\nVerhaal twee over het park.\n"
    "---\n"
    "Verteller: V03\nSessie: 2\n\nVerhaal drie over het loket.\n"
    "---\n"
    "Verteller: V03\nSessie: 2\n\nVerhaal vier over de raad.\n"
)


def _four_stories(project, register):
    register()  # V01 and V02 are inwoners, V03 is ambtenaar
    path = project.root / "vier.txt"
    path.write_text(FOUR_STORIES, encoding="utf-8")
    ingest_ok(project, [path])


def test_headline_in_dutch(project, register):
    _four_stories(project, register)

    o = overview(project)

    assert (
        headline(o) == "3 vertellers (inwoner: 2, ambtenaar: 1) vertelden 4 verhalen in 2 sessies"
    )
    assert (o.stories, o.storytellers, o.sessions, o.words) == (4, 3, 2, 20)
    assert o.per_session == [("1", 2), ("2", 2)]
    assert o.formats == [("txt", 4)]


def test_headline_in_english(project, register):
    _four_stories(project, register)

    o = overview(project)

    # group names are the project's own words: never inflected, in either language
    assert (
        headline(o, "en")
        == "3 storytellers (inwoner: 2, ambtenaar: 1) told 4 stories in 2 sessions"
    )


def test_headline_singular_and_stories_without_storyteller(project, register):
    register()
    path = project.root / "een.txt"
    path.write_text(
        "Verteller: V03\nSessie: 1\n\nHet loket.\n---\nZonder verteller.\n", encoding="utf-8"
    )
    ingest_ok(project, [path])

    o = overview(project)

    assert headline(o) == (
        "1 verteller (ambtenaar: 1) vertelde 2 verhalen in 1 sessie; 1 zonder bekende verteller"
    )
    assert headline(o, "en") == (
        "1 storyteller (ambtenaar: 1) told 2 stories in 1 session; 1 without a known storyteller"
    )


def test_headline_empty_project(project):
    assert headline(overview(project)) == "0 vertellers vertelden 0 verhalen"


def test_status_command(project, register, cli):
    _four_stories(project, register)

    result = cli("status")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "p"
    assert " ".join(result.stdout.split()).startswith(
        "p 3 vertellers (inwoner: 2, ambtenaar: 1) vertelden 4 verhalen in 2 sessies."
    )
    assert "20 (mediaan 5 per verhaal)" in result.stdout


def test_status_command_in_english(project, register, cli):
    _four_stories(project, register)

    result = cli("--lang", "en", "status")

    assert result.exit_code == 0, result.output
    assert "3 storytellers (inwoner: 2, ambtenaar: 1) told 4 stories in 2 sessions." in " ".join(
        result.stdout.split()
    )


def test_headline_for_stories_without_storytellers(project):
    path = project.root / "los.txt"
    path.write_text(
        "Een verhaal zonder verteller over de speeltuin en de buren.\n---\n"
        "Nog een verhaal, over de bibliotheek en de vrijwilligers daar.\n",
        encoding="utf-8",
    )
    from support import ingest_ok

    ingest_ok(project, [path])
    assert headline(overview(project)) == "2 verhalen, zonder bekende vertellers"


def test_group_names_are_never_inflected(project, register):
    """A party or an age band as a group: "N-VA: 2", never "2 N-VAen" or "2 less than 1 years"."""
    _four_stories(project, register)
    o = dataclasses.replace(overview(project), groups=[("N-VA", 2), ("less than 1 year", 1)])

    assert "(N-VA: 2, less than 1 year: 1)" in headline(o)
    assert "(N-VA: 2, less than 1 year: 1)" in headline(o, "en")
