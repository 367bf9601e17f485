"""The workshop kit: landscape canvas and legend, timeline strips, label sheets, composite
template and agenda, read back from the PDFs.

One small project per language: 16 stories from a CSV whose answers are chosen to crowd the
canvas (five stories on one point, stories on the scales' ends, stories without an answer).
"""

from __future__ import annotations

import csv
import errno
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from processes import verhalen
from pypdf import PdfReader
from support import ingest_ok
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.demo import example_folder
from verhalen.errors import VerhalenError
from verhalen.kit import FILE_NAMES, kit_stories, write_kit
from verhalen.kit_agenda import agenda, check_exercises, write_agenda
from verhalen.kit_landscape import write_landscape
from verhalen.kit_sheets import write_elements
from verhalen.kit_timeline import check_order, ordered, write_timeline
from verhalen.landscape_axes import check_axes
from verhalen.landscape_place import layout, place
from verhalen.project import FORM_NAME, Project, init_project

EXAMPLE = example_folder()
CROWD = 5  # stories on the same point
# (feeling, surprise, when, session) per story; None: no answer
ANSWERS = [
    *[(50, 50, "afgelopen jaar", "sessie 2")] * CROWD,
    (0, 0, "langer geleden", "sessie 10"),
    (100, 100, "afgelopen maand", "sessie 1"),
    (0, 100, "1 tot 3 jaar geleden", "sessie 1"),
    (100, 0, None, "sessie 2"),
    (51, 49, "afgelopen jaar", "sessie 10"),
    (49, 51, "langer geleden", "sessie 1"),
    (50, None, "afgelopen maand", "sessie 2"),
    (None, 20, "afgelopen jaar", "sessie 1"),
    (70, 30, "1 tot 3 jaar geleden", "sessie 2"),
    (100, 100, "afgelopen maand", "sessie 10"),
    (100, 100, "langer geleden", "sessie 2"),
]
WHEN_EN = {
    "afgelopen maand": "past month",
    "afgelopen jaar": "past year",
    "1 tot 3 jaar geleden": "1 to 3 years ago",
    "langer geleden": "longer ago",
}


def build(root: Path, lang: str) -> Project:
    root.mkdir(parents=True)
    if lang == "nl":
        shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", lang=lang, name="Kit")
    head = (
        ["titel", "verhaal", "sessie", "gevoel", "verrassing", "wanneer"]
        if lang == "nl"
        else ["title", "story", "session", "feeling", "surprise", "when"]
    )
    path = root / "stories.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for i, (x, y, when, session) in enumerate(ANSWERS, 1):
            if lang == "en" and when:
                when = WHEN_EN[when]
            title = f"Titel {i}" if lang == "nl" else f"Title {i}"
            text = f"Story {i} about the neighbours and the square, told at length."
            w.writerow([title, text, session, x, y, when])
    ingest_ok(project, [path])
    return Project.open(root)


@pytest.fixture(scope="module")
def nl(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build(tmp_path_factory.mktemp("kit") / "nl", "nl")


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build(tmp_path_factory.mktemp("kit") / "en", "en")


def text(path: Path) -> str:
    """The PDF's text with every run of white space as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def sizes(path: Path) -> set[tuple[int, int]]:
    return {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(path).pages
    }


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# -- the landscape ---------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_markers_stay_inside_the_axes_apart_from_each_other(nl, paper):
    qx, qy = check_axes(nl, "gevoel", "verrassing", "nl")
    lay = layout(paper)
    markers, unplaced = place(kit_stories(nl, "nl"), qx, qy, lay)

    assert sorted(s.id for s in unplaced) == [12, 13]  # no answer on one axis
    assert len(markers) == len(ANSWERS) - 2
    fx0, fy0, fx1, fy1 = lay.frame
    for m in markers:
        assert fx0 < m.x - m.w / 2 and m.x + m.w / 2 < fx1
        assert fy0 < m.y - m.h / 2 and m.y + m.h / 2 < fy1
    for a, b in itertools.combinations(markers, 2):
        apart_x = abs(a.x - b.x) >= (a.w + b.w) / 2
        apart_y = abs(a.y - b.y) >= (a.h + b.h) / 2
        assert apart_x or apart_y, (a.story.id, b.story.id)
    # the crowd is spread around its point, the lowest number on the point itself
    crowd = [m for m in markers if m.story.id <= CROWD]
    assert len({(m.x, m.y) for m in crowd}) == CROWD
    assert (crowd[0].x, crowd[0].y) == (crowd[0].px, crowd[0].py)
    assert all(m.moved < 4 * m.h for m in crowd)
    # the scale's ends are the box's edges: 0 and 100 on both axes
    corner = next(m for m in markers if m.story.id == 6)
    assert (corner.px, corner.py) == (lay.box[0], lay.box[1])


def test_the_legend_holds_every_placed_story_and_the_ones_not_placed(nl, tmp_path):
    paths = write_landscape(nl, tmp_path, "gevoel", "verrassing")

    assert [p.name for p in paths] == [
        "landschap.pdf",
        "landschap-leeg.pdf",
        "landschap-legenda.pdf",
    ]
    legend = text(paths[2])
    for i in range(1, len(ANSWERS) + 1):
        assert re.search(rf"\bTitel {i}\b", legend), i
    placed, rest = legend.split("Niet geplaatst")
    assert re.findall(r"\bTitel \d+\b", rest) == ["Titel 12", "Titel 13"]
    assert "Titel 12" not in placed
    assert "zo dicht mogelijk rond hun punt" in legend  # how markers are spread
    canvas = text(paths[0])
    assert "Hoe voelde je je toen dit gebeurde?" in canvas and "heel verrast" in canvas
    assert all(str(i) in canvas.split() for i in range(1, 12))
    assert "Titel" not in text(paths[1])  # the empty canvas holds no stories


@pytest.mark.parametrize(
    ("x", "y", "named"),
    [
        ("wanneer", "verrassing", "--x wanneer"),  # a choice, not a scale
        ("gevoel", "bestaatniet", "--y bestaatniet"),  # unknown
        ("gevoel", "gevoel", "gevoel"),  # twice the same
    ],
)
def test_a_bad_axis_question_is_one_line_and_writes_nothing(nl, tmp_path, x, y, named):
    with pytest.raises(VerhalenError) as caught:
        write_kit(nl, tmp_path / "kit", x=x, y=y)

    message = str(caught.value)
    assert "\n" not in message and named in message
    assert "gevoel" in message and "verrassing" in message  # the allowed ones
    assert listing(tmp_path / "kit") == []


def test_a_bad_axis_on_the_command_line_exits_1_with_one_line(nl, tmp_path):
    out = tmp_path / "kit"
    for command in (
        ["workshop", "landscape", "--x", "afloop", "--y", "gevoel", "--out", out],
        ["workshop", "kit", "--x", "nope", "--out", out],
    ):
        done = subprocess.run(verhalen(nl.root, *command), capture_output=True, text=True)
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "kies uit: gevoel, verrassing" in done.stderr
        assert listing(out) == []


# -- paper, timeline, exercises --------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("a4", (842, 595)), ("a3", (1191, 842))])
def test_the_big_pieces_follow_the_paper_and_the_rest_stay_a4(nl, tmp_path, paper, size):
    paths, notes = write_kit(nl, tmp_path, paper=paper)

    assert notes == []
    by_name = {p.name: p for p in paths}
    for name in ("landschap.pdf", "landschap-leeg.pdf", "tijdlijn.pdf", "samengesteld-verhaal.pdf"):
        assert sizes(by_name[name]) == {size}, name
    for name in ("landschap-legenda.pdf", "verhaalelementen.pdf", "programma.pdf"):
        assert sizes(by_name[name]) == {(595, 842)}, name


def test_timeline_runs_from_long_ago_to_last_month_and_unanswered_last(nl, tmp_path):
    assert check_order(nl, None, "nl") == "wanneer"  # the when question, found by its name
    slots, what = ordered(nl, "wanneer", "nl")

    order = ["langer geleden", "1 tot 3 jaar geleden", "afgelopen jaar", "afgelopen maand"]
    seen = [s.when for s in slots]
    assert seen == sorted(seen, key=lambda w: order.index(w) if w in order else 9)
    assert seen[-1] == "geen antwoord" and "oud → nieuw" in what
    assert [s.story.id for s in slots][:3] == [6, 11, 16]  # within a period: by number
    assert len({s.bucket for s in slots}) == 5

    path = write_timeline(nl, tmp_path / "t.pdf")
    strips = text(path)
    assert strips.index("#6") < strips.index("#8") < strips.index("#1 ") < strips.index("#7")
    assert "strook 1" in strips and "plak strook 2 hier" in strips


def test_timeline_by_session_in_natural_order_and_a_bad_by_is_one_line(nl, tmp_path):
    slots, _ = ordered(nl, check_order(nl, "sessie", "nl"), "nl")
    assert [s.when for s in slots] == sorted(
        (s.when for s in slots), key=lambda w: int(w.split()[1])
    )
    assert slots[0].when == "sessie 1" and slots[-1].when == "sessie 10"
    with pytest.raises(VerhalenError, match=r"^--by betrokkenen: .*kies uit: gevoel, "):
        write_timeline(nl, tmp_path / "t.pdf", by="betrokkenen")
    assert listing(tmp_path) == []


def test_exercises_choose_the_agenda_and_an_unknown_one_is_refused(nl, tmp_path):
    rows = agenda(["timeline", "landscape"], "nl")
    names = [r[1] for r in rows]
    assert names == ["welkom", "verhalen lezen", "tijdlijn", "pauze", "landschap", "terugblik"]
    assert rows[0][0] == "0:00 – 0:15" and rows[-1][0].endswith("2:25")
    with pytest.raises(VerhalenError, match="--exercises dansen"):
        check_exercises(["landscape", "dansen"], "nl")
    path = write_agenda(nl, tmp_path / "a.pdf", ["elements"])
    page = text(path)
    assert "Opdracht: Verhaalelementen" in page and "Opdracht: Tijdlijn" not in page


def test_label_sheets_state_their_size_and_fill_a4_with_24_labels(nl, tmp_path):
    labels, template = write_elements(nl, tmp_path)
    pages = PdfReader(labels).pages
    assert len(pages) == 5
    assert "3 × 8 etiketten van 70 × 37 mm" in pages[0].extract_text()
    for page, kind in zip(pages[1:], ["Personage", "Situatie", "Waarde", "Thema"], strict=True):
        assert page.extract_text().count(kind) == 24
    assert "Het keerpunt" in text(template)


# -- languages, the command line, atomic writing ---------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_file_names_follow_the_language(nl, en, tmp_path, lang):
    project = nl if lang == "nl" else en
    paths, _ = write_kit(project, tmp_path)

    names = {n[0] if lang == "nl" else n[1] for n in FILE_NAMES.values()}
    assert {p.name for p in paths} == names == set(listing(tmp_path))


def test_an_english_project_gets_an_english_kit_from_the_command_line(en):
    result = CliRunner().invoke(app, ["--project", str(en.root), "workshop", "kit"])

    assert result.exit_code == 0, result.output
    folder = en.root / "workshop"
    assert sorted(result.output.split()) == sorted(str(folder / n[1]) for n in FILE_NAMES.values())
    legend = text(folder / "landscape-legend.pdf")
    assert "Landscape legend" in legend and "Not placed" in legend and "Title 12" in legend
    assert "(old → new)" in text(folder / "timeline.pdf")  # "when" found in English too
    agenda_text = text(folder / "agenda.pdf")
    assert "Exercise: Timeline" in agenda_text and "Opdracht" not in agenda_text


WRITERS = {
    "landscape": lambda p, folder: write_landscape(p, folder, "gevoel", "verrassing"),
    "timeline": lambda p, folder: [write_timeline(p, folder / "tijdlijn.pdf")],
    "elements": lambda p, folder: write_elements(p, folder),
    "agenda": lambda p, folder: [write_agenda(p, folder / "programma.pdf")],
}
NAMES = {
    "landscape": ["landschap.pdf", "landschap-leeg.pdf", "landschap-legenda.pdf"],
    "timeline": ["tijdlijn.pdf"],
    "elements": ["verhaalelementen.pdf", "samengesteld-verhaal.pdf"],
    "agenda": ["programma.pdf"],
}
OLD = b"an older file that must survive\n"


@pytest.mark.parametrize("piece", list(WRITERS))
def test_a_full_disk_keeps_every_older_pdf_and_leaves_no_partial_file(
    nl, tmp_path, monkeypatch, piece
):
    folder = tmp_path / "workshop"
    folder.mkdir()
    for name in NAMES[piece]:
        (folder / name).write_bytes(OLD)
    before = listing(folder)
    real = Path.write_bytes

    def half_then_full(self: Path, data: bytes) -> int:  # as a disk that fills up half-way
        real(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    with pytest.raises(OSError):
        WRITERS[piece](nl, folder)
    monkeypatch.undo()

    assert listing(folder) == before  # no hidden temporary file left
    assert all((folder / name).read_bytes() == OLD for name in NAMES[piece])


def test_a_failure_while_drawing_writes_no_file(nl, tmp_path, monkeypatch):
    import verhalen.kit_landscape as kl

    def broken(*args: object) -> None:
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(kl, "_draw_markers", broken)
    with pytest.raises(RuntimeError):
        write_landscape(nl, tmp_path / "w", "gevoel", "verrassing")
    assert listing(tmp_path / "w") == []


# -- a form with only dyads and triads (as from SenseMaker) ---------------------------------------

SIGNIFIER_FORM = """\
title: Signifiers
language: en
questions:
- id: tasks
  about: story
  type: triad
  short: Tasks were done
  text: Work tasks in this situation were done...
  anchors:
  - according to rules, policies, or procedures
  - with a high level of confidence
  - with considerable care or caution
- id: guided
  about: story
  type: dyad
  short: This situation was
  text: This situation was...
  anchors:
  - heavily micro-managed
  - not given any guidance or direction
- id: rules
  about: story
  type: dyad
  short: People had to
  text: In this situation people had to...
  anchors:
  - twist work to fit the rules
  - twist rules to fit the work
"""
# (triad, dyad, dyad) per story
SIGNIFIER_ANSWERS = [
    ("100/0/0", 0, 100),
    ("0/100/0", 100, 0),
    ("0/0/100", 50, 50),
    *[("33.3/33.3/33.4", 50, 50)] * CROWD,
    ("na", "na", 20),
    ("", 10, ""),
]


def build_signifiers(root: Path, dyads: bool = True) -> Project:
    root.mkdir(parents=True)
    init_project(root, lang="en", name="Signifiers")
    form = SIGNIFIER_FORM if dyads else SIGNIFIER_FORM.split("- id: guided")[0]
    (root / "storyform.yaml").write_text(form, encoding="utf-8")
    path = root / "stories.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "story", "tasks", *(["guided", "rules"] if dyads else [])])
        for i, (tasks, guided, rules) in enumerate(SIGNIFIER_ANSWERS, 1):
            row = [f"Title {i}", f"Story {i} about the work and the rules, told at length.", tasks]
            w.writerow([*row, *([guided, rules] if dyads else [])])
    ingest_ok(Project.open(root), [path])
    return Project.open(root)


@pytest.fixture(scope="module")
def signifiers(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build_signifiers(tmp_path_factory.mktemp("kit") / "sig")


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_triad_markers_lie_inside_the_triangle_with_the_corners_right(signifiers, paper):
    from verhalen.landscape_axes import check_triad
    from verhalen.landscape_place import in_triangle, place_triad, tri_layout

    q = check_triad(signifiers, "tasks", "en")
    lay = tri_layout(paper)
    markers, unplaced = place_triad(kit_stories(signifiers, "en"), q, lay)

    assert sorted(s.id for s in unplaced) == [9, 10]  # not applicable, no answer
    by_id = {m.story.id: m for m in markers}
    top, left, right = lay.box
    # 100/0/0 is the top corner, 0/100/0 bottom left, 0/0/100 bottom right
    assert (by_id[1].px, by_id[1].py) == pytest.approx(top)
    assert (by_id[2].px, by_id[2].py) == pytest.approx(left)
    assert (by_id[3].px, by_id[3].py) == pytest.approx(right)
    assert left[1] == pytest.approx(right[1]) and left[1] < top[1] and left[0] < right[0]
    for m in markers:  # wholly inside the drawn triangle, the corners' markers on their point
        assert in_triangle(lay.frame, m.x, m.y, m.w, m.h), m.story.id
    assert all((by_id[i].x, by_id[i].y) == (by_id[i].px, by_id[i].py) for i in (1, 2, 3))
    for a, b in itertools.combinations(markers, 2):
        apart_x = abs(a.x - b.x) >= (a.w + b.w) / 2
        apart_y = abs(a.y - b.y) >= (a.h + b.h) / 2
        assert apart_x or apart_y, (a.story.id, b.story.id)
    crowd = [by_id[i] for i in range(4, 4 + CROWD)]
    assert len({(m.x, m.y) for m in crowd}) == CROWD
    assert (crowd[0].x, crowd[0].y) == (crowd[0].px, crowd[0].py)


def test_triad_landscape_from_the_command_line_and_its_legend(signifiers, tmp_path):
    for args in (["--triad", "tasks"], ["--x", "tasks"]):
        out = tmp_path / args[0].strip("-")
        command = ["workshop", "landscape", *args, "--out", out]
        done = subprocess.run(verhalen(signifiers.root, *command), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert listing(out) == ["landscape-blank.pdf", "landscape-legend.pdf", "landscape.pdf"]
    canvas = text(tmp_path / "triad" / "landscape.pdf")
    for anchor in ("according to rules, policies, or procedures", "with considerable care"):
        assert anchor in canvas
    legend = text(tmp_path / "triad" / "landscape-legend.pdf")
    assert all(re.search(rf"\bTitle {i}\b", legend) for i in range(1, len(SIGNIFIER_ANSWERS) + 1))
    assert "Not placed" in legend and "landscape tasks" in legend  # the results template's name
    assert "landscape tasks" in text(tmp_path / "triad" / "landscape-blank.pdf")
    # a triad on an axis, or --triad naming no triad: one line, nothing written
    for command in (
        ["workshop", "landscape", "--x", "tasks", "--y", "rules", "--out", tmp_path / "bad"],
        ["workshop", "landscape", "--triad", "rules", "--out", tmp_path / "bad"],
    ):
        done = subprocess.run(verhalen(signifiers.root, *command), capture_output=True, text=True)
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert listing(tmp_path / "bad") == []


@pytest.mark.parametrize("dyads", [True, False])
def test_the_kit_on_a_form_with_only_dyads_and_triads(tmp_path, dyads):
    project = build_signifiers(tmp_path / "p", dyads=dyads)
    paths, notes = write_kit(project, tmp_path / "kit")

    assert notes == []
    assert sorted(p.name for p in paths) == sorted(en for _, en in FILE_NAMES.values())
    canvas = text(tmp_path / "kit" / "landscape.pdf")
    if dyads:  # two dyads, their anchors at the axes' ends
        assert "This situation was × People had to" in canvas
        assert "heavily micro-managed" in canvas and "twist rules to fit the work" in canvas
    else:  # the first triad
        assert "Tasks were done" in canvas and "with a high level of confidence" in canvas
