"""The report's signifier pictures and data-integrity page: ternary plots per triad (by group and
by perspective), dyad histograms, stones, the scales' correlation map and strongest pair, and
who always answered the same; in Dutch and English, on a small synthetic project and on the
real SenseMaker sample (skipped when ../shared is missing)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import fake_run, ingest_ok

from verhalen.project import FORM_NAME, Project, init_project
from verhalen.report import make_report
from verhalen.report.build import build_report
from verhalen.report.charts import render
from verhalen.report.data import gather
from verhalen.report.model import (
    Canvas,
    Figure,
    Heatmap,
    Histograms,
    KeepTogether,
    Scatter,
    Section,
    Table,
    Ternary,
)
from verhalen.report.signifier_chapter import integrity_chapter, signifiers_chapter
from verhalen.signifiers import (
    HEIGHT,
    ScaleItem,
    compare_shares,
    respondents,
    scale_items,
    ternary_xy,
    zone_lines,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
ADEMO = SHARED / "corpora" / "sensemaker-ademo-en"

FORM = """\
title: Proef met betekenisgevers
language: nl
group_question: rol
questions:
  - id: rol
    about: storyteller
    type: single
    short: Rol
    text: Wat is je rol?
    options: [inwoner, ambtenaar]
  - id: gevoel
    type: scale
    short: Gevoel
    text: Hoe voelde je je?
    min: 0
    max: 100
    labels: [slecht, goed]
  - id: vertrouwen
    type: scale
    short: Vertrouwen
    text: Hoeveel vertrouwen had je?
    min: 1
    max: 5
    labels: [weinig, veel]
  - id: invloed
    type: triad
    short: Invloed
    text: Wat speelde mee in deze situatie?
    anchors: [kwaliteit van het werk, planning en tijdsdruk, geld en middelen]
  - id: sturing
    type: dyad
    short: Sturing
    text: Hoe werd er gestuurd?
    anchors: [strak geleid, helemaal losgelaten]
  - id: risico
    type: stones
    short: Risico
    text: Waar liggen de risico's?
    axes: [kans, gevolg]
    stones: [Mensen, Geld]
"""
SAME = "V8"  # answers 50 everywhere: zero spread


def teller(i: int) -> str:
    return f"V{1 + i % 8}"


def build_project(root: Path, run: bool = True) -> Project:
    root.mkdir(parents=True)
    (root / FORM_NAME).write_text(FORM, encoding="utf-8")
    project = init_project(root, template="programma", name="Betekenisproef")
    tellers = root / "vertellers.csv"
    with tellers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol"])
        for k in range(1, 9):
            w.writerow([f"V{k}", f"Naam{k}", ("inwoner", "ambtenaar")[k % 2]])
    stories = root / "verhalen.csv"
    with stories.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "titel",
                "verhaal",
                "verteller",
                "gevoel",
                "vertrouwen",
                "invloed",
                "sturing",
                "risico",
            ]
        )
        for i in range(1, 41):
            who = teller(i)
            resident = int(who[1:]) % 2 == 0
            top = 55 + i % 30 if resident else 10 + i % 25
            left = (100 - top) * (i % 4 + 1) // 5
            triad = f"{top}/{left}/{100 - top - left}" if i % 10 else "nvt"
            if who == SAME:
                feeling, trust, dyad = 50, 3, 50
            else:
                feeling, trust, dyad = (i * 37) % 101, 1 + i % 5, (i * 23) % 101
            stones = f"Mensen={i * 2},{100 - i * 2}; Geld={(i * 13) % 101},{(i * 7) % 101}"
            title, text = f"Verhaal {i}", f"Verhaal {i} over het werk."
            w.writerow([title, text, who, feeling, trust, triad, dyad, stones])
    ingest_ok(project, [stories], storytellers_file=tellers)
    if run:
        fields = {
            n: {"label": f"thema {n}", "terms": [f"thema{n}"], "name": name}
            for n, name in {1: "Tijdsdruk", 2: "Samen oplossen"}.items()
        }
        with project.store() as store, store.transaction():
            fake_run(store, [0 if i % 9 == 0 else 1 + i % 2 for i in range(1, 41)], fields)
    return Project.open(root)


def pdf_text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


def blocks(section: Section) -> list:
    """Every block of a section and its subsections, KeepTogether opened."""
    out: list = []

    def walk(bs) -> None:
        for b in bs:
            if isinstance(b, KeepTogether):
                walk(b.blocks)
            else:
                out.append(b)

    def visit(s: Section) -> None:
        walk(s.blocks)
        for sub in s.sections:
            visit(sub)

    visit(section)
    return out


def charts(section: Section, kind: type) -> list:
    return [b.chart for b in blocks(section) if isinstance(b, Figure) and isinstance(b.chart, kind)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build_project(tmp_path_factory.mktemp("betekenis") / "p")


# -- the coordinates ---------------------------------------------------------------------------


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return math.isclose(a[0], b[0], abs_tol=1e-9) and math.isclose(a[1], b[1], abs_tol=1e-9)


def test_ternary_positions_of_known_shares() -> None:
    assert close(ternary_xy([100, 0, 0]), (0.5, HEIGHT))  # first anchor at the top
    assert close(ternary_xy([0, 100, 0]), (0.0, 0.0))  # second bottom left
    assert close(ternary_xy([0, 0, 100]), (1.0, 0.0))  # third bottom right
    assert close(ternary_xy([100 / 3, 100 / 3, 100 / 3]), (0.5, HEIGHT / 3))
    assert close(ternary_xy([50, 50, 0]), (0.25, HEIGHT / 2))  # middle of the left side
    assert close(ternary_xy([0, 50, 50]), (0.5, 0.0))
    assert close(ternary_xy([60, 30, 10]), (0.3 + 0.1, 0.6 * HEIGHT))
    assert close(ternary_xy([2, 1, 1]), ternary_xy([50, 25, 25]))  # relative to their sum
    with pytest.raises(ValueError):
        ternary_xy([0, 0, 0])


def test_zone_lines_run_where_the_thresholds_are() -> None:
    lines = zone_lines()
    assert len(lines) == 6
    corner_top, edge_top = lines[0], lines[1]  # the first anchor's two lines
    assert all(math.isclose(y, 0.6 * HEIGHT) for _, y in corner_top)  # share 60: horizontal
    assert all(math.isclose(y, 0.2 * HEIGHT) for _, y in edge_top)  # share 20
    assert close(edge_top[0], ternary_xy([20, 60, 20])) and close(
        edge_top[1], ternary_xy([20, 20, 60])
    )


def test_shares_compared_with_kruskal_per_anchor() -> None:
    low = [[10 + k, 45, 45 - k] for k in range(6)]
    high = [[70 + k, 15, 15 - k] for k in range(6)]
    tests = compare_shares(("a", "b", "c"), {"x": low, "y": high, "few": low[:3]})
    assert [t.anchor for t in tests] == ["a", "b", "c"]
    assert tests[0].p is not None and tests[0].p < 0.01
    assert tests[0].groups == 2 and tests[0].n == 12  # the group of 3 stays out
    assert compare_shares(("a", "b", "c"), {"x": low})[0].p is None  # one group: no test


def test_respondents_count_a_storyteller_answer_once() -> None:
    from verhalen.form import parse_form

    form = parse_form(
        {
            "questions": [
                {"id": "leeftijd", "about": "storyteller", "type": "scale", "min": 0, "max": 10},
                {"id": "s", "type": "dyad", "anchors": ["a", "b"]},
            ]
        }
    )
    items = scale_items(form)
    assert [i.id for i in items] == ["leeftijd", "s"]
    assert isinstance(items[0], ScaleItem) and items[0].value(5) == 50.0
    answers = {1: {"leeftijd": 5, "s": 50}, 2: {"leeftijd": 5, "s": 50}, 3: {"s": "na"}}
    people = respondents(items, [(1, "A"), (2, "A"), (3, None)], answers)
    assert [(p.storyteller, p.values) for p in people] == [("A", (50.0, 50.0, 50.0))]
    assert people[0].always_same and people[0].n == 3


# -- the report --------------------------------------------------------------------------------


def test_chapter_shows_each_signifier_under_its_question(project: Project) -> None:
    data = gather(project, "nl")
    chapter = signifiers_chapter(data)
    assert chapter is not None
    ternaries = charts(chapter, Ternary)
    assert len(ternaries) == 2  # by group and by perspective
    by_group, by_view = ternaries
    assert by_group.anchors == (
        "kwaliteit van het werk",
        "planning en tijdsdruk",
        "geld en middelen",
    )
    assert [name.split(" (")[0] for name, _ in by_group.series] == ["inwoner", "ambtenaar"]
    assert sum(len(points) for _, points in by_group.series) == 36  # 4 of 40 not applicable
    assert [name.split(" (")[0] for name, _ in by_view.series][:2] == [
        "1. Tijdsdruk",
        "2. Samen oplossen",
    ]
    assert by_view.grey == (2,)  # fits nowhere, grey
    dyads = [
        h for h in charts(chapter, Histograms) if h.ends == ("strak geleid", "helemaal losgelaten")
    ]
    assert len(dyads) == 1 and len(dyads[0].panels) == 2  # one histogram per group
    (stones,) = charts(chapter, Canvas)
    assert [t.split(" (")[0] for t, _ in stones.panels] == ["Mensen", "Geld"]
    assert (stones.xlabel, stones.ylabel) == ("kans", "gevolg")
    (heat,) = charts(chapter, Heatmap)
    assert heat.labels == ("Gevoel", "Vertrouwen", "Sturing")
    (pair,) = charts(chapter, Scatter)
    assert pair.note.startswith("ρ = ")
    tables = [b for b in blocks(chapter) if isinstance(b, Table)]
    kruskal = [r for t in tables for r in t.rows if r[0] == "Kruskal–Wallis tussen groepen"]
    assert kruskal and kruskal[0][2].startswith("H = ")  # the groups differ on 'kwaliteit'


def test_pdf_in_both_languages(project: Project, tmp_path: Path) -> None:
    nl = pdf_text(make_report(project, "pdf").paths[0])
    for text in (
        "Betekenisgevers en schalen",
        "Wat speelde mee in deze situatie?",
        "Hoe werd er gestuurd?",
        "Waar liggen de risico's?",
        "Samenhang van alle schalen",
        "Datakwaliteit",
        "Altijd hetzelfde antwoord (1):",
    ):
        assert text in nl
    en = pdf_text(make_report(project, "pdf", lang="en", out=tmp_path).paths[0])
    for text in ("Signifiers and scales", "Triads", "Dyads", "Stones", "Data integrity"):
        assert text in en
    for dutch in ("Betekenisgevers", "Datakwaliteit", "Driehoeken", "Altijd hetzelfde"):
        assert dutch not in en


def test_integrity_page_lists_the_storyteller_with_zero_spread(project: Project) -> None:
    data = gather(project, "nl")
    chapter = integrity_chapter(data)
    assert chapter is not None
    tables = [b for b in blocks(chapter) if isinstance(b, Table)]
    answered = tables[0]
    invloed = next(r for r in answered.rows if r[0] == "Invloed")
    assert invloed[1:4] == ("40", "100%", "4")  # 40 answered, 4 of them not applicable
    same = tables[1]
    assert [r[0] for r in same.rows] == [SAME]
    assert same.rows[0][1:] == ("5", "15", "50")  # 5 stories, 3 scales each, always 50
    sheets = {s.name: s for s in build_report(data).sheets}
    assert [r[0] for r in sheets["vertellers op de schalen"].rows if r[-1] == "ja"] == [SAME]
    assert ["Invloed", 40, 1.0, 4, 0] in sheets["datakwaliteit"].rows
    assert "betekenisgevers" in sheets  # shares, zone, position, x/y per story


def test_pictures_are_the_same_every_time(project: Project) -> None:
    chapter = signifiers_chapter(gather(project, "en"))
    assert chapter is not None
    again = signifiers_chapter(gather(project, "en"))
    assert chapter == again
    for kind in (Ternary, Histograms, Canvas, Heatmap):
        chart = charts(chapter, kind)[0]
        assert render(chart, "en") == render(chart, "en")


def test_no_signifiers_and_no_scales_no_chapter(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / FORM_NAME).write_text(
        "language: nl\nquestions:\n  - id: afloop\n    type: single\n    short: Afloop\n"
        "    text: Hoe liep het af?\n    options: [goed, slecht]\n",
        encoding="utf-8",
    )
    project = init_project(root, template="programma", name="Zonder")
    stories = root / "verhalen.csv"
    stories.write_text(
        "titel,verhaal,afloop\n" + "".join(f"V{i},Verhaal {i} gaat zo.,goed\n" for i in range(6)),
        encoding="utf-8",
    )
    ingest_ok(project, [stories])
    data = gather(Project.open(root), "nl")
    assert signifiers_chapter(data) is None
    integrity = integrity_chapter(data)
    assert integrity is not None and not charts(integrity, Histograms)  # no scales to spread


# -- the real SenseMaker sample ----------------------------------------------------------------


@pytest.mark.skipif(not ADEMO.exists(), reason="../shared/corpora/sensemaker-ademo-en is missing")
def test_real_sensemaker_sample(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from verhalen.cli.app import app
    from verhalen.ingest import ingest

    root = tmp_path / "ademo"
    init_project(root, lang="en")
    definition = str(ADEMO / "definition.json")
    result = CliRunner().invoke(
        app, ["--project", str(root), "form", "from-sensemaker", definition, "--force"]
    )
    assert result.exit_code == 0, result.output
    project = Project.open(root)
    ingest(project, [ADEMO / "raw_export.csv"], sensemaker_definition=ADEMO / "definition.json")
    data = gather(project, "en")
    chapter = signifiers_chapter(data)
    assert chapter is not None
    headings = {b.text for b in blocks(chapter) if type(b).__name__ == "Heading"}
    for text in (
        "Influences on this situation were...",
        "Pressure in this situation was...",
        "Peoples' attitudes were...",
    ):
        assert text in headings
    ternaries = charts(chapter, Ternary)
    assert len(ternaries) == 5 and ternaries[0].anchors == (
        "quality demands",
        "schedule pressures",
        "resource tensions",
    )
    assert len([h for h in charts(chapter, Histograms) if any(h.ends)]) == 3  # the dyads
    (stones,) = charts(chapter, Canvas)
    assert len(stones.panels) == 3
    assert render(ternaries[0], "en").startswith(b"\x89PNG")
    integrity = integrity_chapter(data)
    assert integrity is not None
    answered = next(b for b in blocks(integrity) if isinstance(b, Table))
    assert ("In this situation people had to", "126", "98%", "65", "2") in answered.rows
