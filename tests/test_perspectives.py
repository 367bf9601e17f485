"""A facilitator's edits to the perspectives: rename, describe, move, merge, split, delete.

The example project is clustered once per test session (built in test_cluster.py's way) and
copied. The edits are expensive (each refreshes key terms from the whole collection), so one copy
goes through a sequence of edits once, with a snapshot after every step; the tests read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from support import clustered_example, copy_of
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.errors import VerhalenError
from verhalen.perspective_edits import delete, describe, merge, move, rename, split
from verhalen.perspectives import PerspectiveView, get, history, perspectives
from verhalen.project import Project
from verhalen.store import user
from verhalen.text import stop_words

NAME = "Elkaar leren kennen"
DESCRIPTION = "Buren die elkaar pas zien als er iets te doen is."


@dataclass
class Snapshot:
    views: dict[int, PerspectiveView]
    model: dict[int, int]  # story -> the model's own number
    history: int  # number of history entries


def snapshot(project: Project, run_id: int) -> Snapshot:
    with project.store() as store:
        model = {a["story_id"]: a["model_number"] for a in store.assignments(run_id)}
    return Snapshot({v.number: v for v in perspectives(project)}, model, len(history(project)))


@dataclass
class Edits:
    project: Project
    run_id: int
    started: datetime
    finished: datetime
    steps: dict[str, Snapshot] = field(default_factory=dict)
    done: dict[str, Any] = field(default_factory=dict)  # what each step did / returned


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, int]:
    return clustered_example(tmp_path_factory)


@pytest.fixture(scope="module")
def edits(example, tmp_path_factory) -> Edits:
    """One copy through rename, describe, move, move to 0, merge, split and delete."""
    source, run_id = example
    project = copy_of(source, tmp_path_factory.mktemp("bewerkt") / "vp")
    started = datetime.now(UTC).replace(microsecond=0)
    e = Edits(project, run_id, started, started)
    e.steps["start"] = start = snapshot(project, run_id)
    numbers = sorted(n for n in start.views if n != 0)
    assert len(numbers) >= 4  # the example gives 4-8 (test_cluster.py)

    rename(project, 2, NAME)
    e.steps["rename"] = snapshot(project, run_id)
    describe(project, 2, DESCRIPTION)
    e.steps["describe"] = snapshot(project, run_id)

    moved = start.views[3].exemplars[0]  # the best example of 3 goes to 2
    e.done["move"] = (moved, move(project, moved, 2))
    e.steps["move"] = snapshot(project, run_id)

    dropped = next(s for s in e.steps["move"].views[3].story_ids if s != moved)
    e.done["move0"] = (dropped, move(project, dropped, 0))
    e.steps["move0"] = snapshot(project, run_id)

    keep, other = 3, 4
    merge(project, keep, other)
    e.done["merge"] = (keep, other)
    e.steps["merge"] = snapshot(project, run_id)

    e.done["split"] = split(project, 1, 2)
    e.steps["split"] = snapshot(project, run_id)

    delete(project, keep)
    e.done["delete"] = keep
    e.steps["delete"] = snapshot(project, run_id)
    e.finished = datetime.now(UTC)
    return e


def stories_of(step: Snapshot, number: int) -> set[int]:
    return set(step.views[number].story_ids)


def assert_fresh_terms(view: PerspectiveView) -> None:
    stops = stop_words("nl")
    assert view.terms, view
    assert view.phrases and view.label == view.phrases[0][:1].upper() + view.phrases[0][1:]
    assert view.summary and all(item["story"] in view.story_ids for item in view.summary)
    assert not {w for t in view.terms for w in t.split()} & (stops | {"nou", "eh", "de", "het"})
    assert 1 <= len(view.exemplars) <= 5
    assert set(view.exemplars) <= set(view.story_ids)


def unchanged(before: Snapshot, after: Snapshot, numbers: set[int]) -> None:
    for n in numbers:
        assert after.views[n] == before.views[n], n


# -- each edit -----------------------------------------------------------------------------------


def test_rename_gives_a_perspective_the_facilitators_name(edits):
    before, after = edits.steps["start"], edits.steps["rename"]

    assert after.views[2].name == NAME
    assert after.views[2].title() == NAME
    assert after.views[2].label == before.views[2].label  # the model's label stays beside it
    assert after.views[2].terms == before.views[2].terms
    unchanged(before, after, set(before.views) - {2})


def test_describe_adds_a_description(edits):
    before, after = edits.steps["rename"], edits.steps["describe"]

    assert after.views[2].description == DESCRIPTION
    assert after.views[2].name == NAME
    unchanged(before, after, set(before.views) - {2})


def test_move_a_story_to_another_perspective(edits):
    before, after = edits.steps["describe"], edits.steps["move"]
    story, was = edits.done["move"]

    assert was == 3
    assert stories_of(after, 2) == stories_of(before, 2) | {story}
    assert stories_of(after, 3) == stories_of(before, 3) - {story}
    assert story not in after.views[3].exemplars  # exemplars follow the stories
    assert_fresh_terms(after.views[2])
    assert_fresh_terms(after.views[3])
    assert after.views[2].title() == NAME  # the facilitator's name and text survive the refresh
    assert after.views[2].description == DESCRIPTION
    for n in set(before.views) - {2, 3}:
        assert stories_of(after, n) == stories_of(before, n)


def test_move_a_story_to_fits_nowhere(edits):
    before, after = edits.steps["move"], edits.steps["move0"]
    story, was = edits.done["move0"]

    assert was == 3
    assert story in stories_of(after, 0)
    assert stories_of(after, 0) == stories_of(before, 0) | {story}
    assert story not in stories_of(after, 3)
    assert after.views[0].title() == "Past nergens bij"
    assert_fresh_terms(after.views[3])


def test_merge_two_perspectives(edits):
    before, after = edits.steps["move0"], edits.steps["merge"]
    keep, other = edits.done["merge"]

    assert other not in after.views  # the merged one is gone
    assert stories_of(after, keep) == stories_of(before, keep) | stories_of(before, other)
    assert after.views[keep].origin == "edited"
    assert_fresh_terms(after.views[keep])
    assert after.views[keep].terms != before.views[keep].terms  # key terms were refreshed
    merged_words = {w for t in after.views[keep].terms for w in t.split()}
    other_words = {w for t in before.views[other].terms for w in t.split()}
    assert merged_words & other_words  # and speak for the stories that came in too
    for n in set(before.views) - {keep, other}:
        assert stories_of(after, n) == stories_of(before, n)


def test_split_a_perspective_in_two(edits):
    before, after = edits.steps["merge"], edits.steps["split"]
    parts = edits.done["split"]

    assert len(parts) == 2 and parts[0] == 1
    assert parts[1] not in before.views  # a new number
    first, second = (stories_of(after, n) for n in parts)
    assert first and second
    assert first.isdisjoint(second)
    assert first | second == stories_of(before, 1)
    for n in parts:
        assert after.views[n].origin == "split"
        assert_fresh_terms(after.views[n])
    assert after.views[parts[0]].label != after.views[parts[1]].label
    for n in set(before.views) - {1}:
        assert stories_of(after, n) == stories_of(before, n)


def test_delete_sends_the_stories_to_fits_nowhere(edits):
    before, after = edits.steps["split"], edits.steps["delete"]
    deleted = edits.done["delete"]

    assert deleted not in after.views
    assert stories_of(after, 0) == stories_of(before, 0) | stories_of(before, deleted)
    unchanged(before, after, set(before.views) - {0, deleted})


def test_every_story_stays_assigned_exactly_once(edits):
    with edits.project.store() as store:
        story_ids = sorted(s.id for s in store.stories())
    for name, step in edits.steps.items():
        shown = [s for v in step.views.values() for s in v.story_ids]
        assert sorted(shown) == story_ids, name


def test_the_models_own_assignment_is_kept(edits):
    start = edits.steps["start"].model
    for name, step in edits.steps.items():
        assert step.model == start, name
    with edits.project.store() as store:
        rows = {a["story_id"]: a for a in store.assignments(edits.run_id)}
    story, was = edits.done["move"]
    assert rows[story]["number"] == 2  # where the facilitator put it
    assert rows[story]["model_number"] == start[story]  # beside what the model proposed
    assert start[story] in (was, 0)


def test_every_edit_is_in_the_history(edits):
    entries = history(edits.project)[edits.steps["start"].history :]
    story, _ = edits.done["move"]
    dropped, _ = edits.done["move0"]
    keep, other = edits.done["merge"]
    merged_stories = sorted(edits.steps["move0"].views[other].story_ids)
    deleted_stories = sorted(edits.steps["split"].views[keep].story_ids)

    assert [(h["action"], h["detail"]) for h in entries] == [
        ("rename", {"perspective": 2, "old": None, "new": NAME}),
        ("describe", {"perspective": 2, "old": None, "new": DESCRIPTION}),
        ("move", {"story": story, "from": 3, "to": 2}),
        ("move", {"story": dropped, "from": 3, "to": 0}),
        ("merge", {"keep": keep, "merged": other, "stories": merged_stories}),
        ("split", {"perspective": 1, "into": edits.done["split"]}),
        ("delete", {"perspective": keep, "stories": deleted_stories}),
    ]
    for h in entries:
        assert h["who"] == user() and h["who"]
        assert h["target"] == f"run:{edits.run_id}"
        at = datetime.fromisoformat(h["at"])
        assert edits.started <= at <= edits.finished


def test_history_steps_are_one_entry_each(edits):
    steps = list(edits.steps.values())
    for before, after in pairwise(steps):
        assert after.history == before.history + 1


def test_edited_perspectives_do_not_show_a_stale_stability(edits):
    keep, _ = edits.done["merge"]
    before_merge, merged = edits.steps["move0"], edits.steps["merge"]
    after_split = edits.steps["split"]
    first, second = edits.done["split"]

    # stability was measured on the model's groups; after an edit it is unknown, not stale
    assert merged.views[keep].stability is None
    assert after_split.views[first].stability is None
    assert after_split.views[second].stability is None
    untouched = [
        v
        for n, v in merged.views.items()
        if n not in (keep, 0) and v.story_ids == before_merge.views[n].story_ids
    ]
    assert any(v.stability is not None for v in untouched)  # unedited ones keep theirs


# -- mistakes ------------------------------------------------------------------------------------


@pytest.fixture
def fresh(example, tmp_path) -> Project:
    source, _ = example
    return copy_of(source, tmp_path / "vp")


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda p: rename(p, 99, "Nieuw"), id="rename"),
        pytest.param(lambda p: describe(p, 99, "Tekst"), id="describe"),
        pytest.param(lambda p: move(p, 1, 99), id="move"),
        pytest.param(lambda p: merge(p, 1, 99), id="merge-other"),
        pytest.param(lambda p: merge(p, 99, 1), id="merge-keep"),
        pytest.param(lambda p: split(p, 99), id="split"),
        pytest.param(lambda p: delete(p, 99), id="delete"),
        pytest.param(lambda p: get(p, 99), id="show"),
    ],
)
def test_a_perspective_that_does_not_exist(fresh, edit):
    before = perspectives(fresh), len(history(fresh))

    with pytest.raises(VerhalenError, match=r"^perspectief 99 bestaat niet$"):
        edit(fresh)

    assert (perspectives(fresh), len(history(fresh))) == before


def test_other_impossible_edits(fresh):
    before = perspectives(fresh), len(history(fresh))

    with pytest.raises(VerhalenError, match="verhaal 9999 zit niet in deze run"):
        move(fresh, 9999, 1)
    with pytest.raises(VerhalenError, match="kies twee verschillende perspectieven"):
        merge(fresh, 1, 1)
    with pytest.raises(VerhalenError, match="kies twee verschillende perspectieven"):
        merge(fresh, 1, 0)
    with pytest.raises(VerhalenError, match="'past nergens bij' kan niet weg"):
        delete(fresh, 0)
    with pytest.raises(VerhalenError, match="te weinig verhalen om te splitsen"):
        split(fresh, 1, parts=1000)

    assert (perspectives(fresh), len(history(fresh))) == before


def test_edits_before_any_clustering(project):
    with pytest.raises(VerhalenError, match="voer eerst 'verhalen cluster' uit"):
        rename(project, 1, "Naam")
    with pytest.raises(VerhalenError, match="voer eerst 'verhalen cluster' uit"):
        perspectives(project)


# -- the commands --------------------------------------------------------------------------------


def cli(project: Project, *args: object):
    return CliRunner().invoke(app, ["--project", str(project.root), *(str(a) for a in args)])


def table_rows(output: str) -> list[list[str]]:
    """The cells of a rich table's rows, wrapped cell text joined again."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_list_command(fresh):
    result = cli(fresh, "perspectives", "list")

    assert result.exit_code == 0, result.output
    views = perspectives(fresh)
    rows = table_rows(result.stdout)
    assert [int(r[0]) for r in rows] == [v.number for v in views]
    assert [r[1] for r in rows] == [v.title() for v in views]
    assert [int(r[2]) for r in rows] == [len(v.story_ids) for v in views]
    for row, view in zip(rows, views, strict=True):
        assert row[3] == ", ".join(view.phrases[:5] or view.terms[:5])
        if view.stability is not None:
            assert row[4].startswith(f"{view.stability:.2f} (")


def test_show_command(fresh):
    view = get(fresh, 2)
    with fresh.store() as store:
        titles = {s.id: s.shown_title for s in store.stories(ids=view.exemplars)}

    result = cli(fresh, "perspectives", "show", 2)

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"2. {view.label}"
    assert f"kernwoorden: {', '.join(view.terms)}" in lines
    assert any(line.startswith(f"verhalen: {len(view.story_ids)}") for line in lines)
    assert "Voorbeeldverhalen" in lines
    shown = [int(line.split(".")[0]) for line in lines if line[:1].isdigit()][1:]
    assert shown == view.exemplars
    for sid in view.exemplars:
        assert f"{sid}. {titles[sid]}" in result.stdout


def test_rename_command(fresh):
    result = cli(fresh, "perspectives", "rename", 2, "Ontmoeten")

    assert result.exit_code == 0, result.output
    assert get(fresh, 2).name == "Ontmoeten"
    rows = table_rows(result.stdout)
    assert [r[1] for r in rows if r[0] == "2"] == ["Ontmoeten"]
    shown = cli(fresh, "perspectives", "show", 2)
    assert shown.stdout.splitlines()[:2] == [
        "2. Ontmoeten",
        f"voorstel van het model: {get(fresh, 2).label}",
    ]
    assert history(fresh)[-1]["action"] == "rename"


def test_show_command_for_a_perspective_that_does_not_exist(fresh):
    result = cli(fresh, "perspectives", "show", 99)

    assert result.exit_code == 1
    assert isinstance(result.exception, VerhalenError)
    assert str(result.exception) == "perspectief 99 bestaat niet"
