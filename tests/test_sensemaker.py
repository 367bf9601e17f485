"""SenseMaker: triad, dyad and stones questions, and a real SenseMaker export read in with its
framework definition (../shared/corpora/sensemaker-ademo-en), checked against its decoded CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.errors import RejectedBatch, VerhalenError
from verhalen.form import (
    NOT_APPLICABLE,
    AnswerError,
    Question,
    parse_form,
    triad_zone,
    triad_zones,
)
from verhalen.ingest import ingest
from verhalen.ingest._normalize import clean
from verhalen.project import Project, init_project
from verhalen.variables import derived_variables, distribution, records

SHARED = Path(__file__).resolve().parents[2] / "shared"
ADEMO = SHARED / "corpora" / "sensemaker-ademo-en"
DEFINITION = ADEMO / "definition.json"
EXPORT = ADEMO / "raw_export.csv"
DECODED = ADEMO / "stories.csv"
# the decoded CSV's columns and the list signifiers they come from
DECODED_LISTS = {
    "situation": "34036c12-d36a-4808-bfab-c42538cc9bdf",
    "remember": "70b147f8-1e73-4a8d-86ff-4d9e47f2b4f9",
    "overall": "96c70934-24a2-40e3-98d8-692878fbc26c",
    "tenure": "28b77770-d9ed-4ee8-81ba-0cb6cbab4416",
    "gender": "7e8de9fa-1eac-4aef-95a8-7565e907eaeb",
    "feelings": "e533b24f-1ac4-4506-8b10-0b1169cc7282",
}
TRIAD = "dee85953-7226-45c5-9add-c146e5f4096f"  # Influences on this situation were...
DYAD = "42c7f92c-1cff-4f60-991e-0753c1b2b417"  # Peoples' attitudes were...

SIGNIFIERS = [
    {
        "id": "invloed",
        "type": "triad",
        "short": "Invloed",
        "text": "Wat speelde mee?",
        "anchors": ["kwaliteit", "planning", "middelen"],
    },
    {
        "id": "sturing",
        "type": "dyad",
        "short": "Sturing",
        "text": "Hoe werd er gestuurd?",
        "anchors": ["strak", "los"],
    },
    {
        "id": "risico",
        "type": "stones",
        "short": "Risico",
        "text": "Waar liggen de risico's?",
        "axes": ["kans", "gevolg"],
        "stones": ["Mensen", "Geld"],
    },
]


def signifier_form(lang: str = "nl"):
    return parse_form({"language": lang, "questions": SIGNIFIERS})


def question(qid: str) -> Question:
    q = signifier_form().get(qid)
    assert q is not None
    return q


def problem(q: Question, raw: object, lang: str = "nl") -> str:
    with pytest.raises(AnswerError) as info:
        q.parse(raw, lang)
    message = str(info.value)
    assert "\n" not in message
    return message


def needs_shared() -> None:
    if not DEFINITION.is_file() or not EXPORT.is_file():
        pytest.skip(f"SenseMaker corpus not found at {ADEMO}")


# -- the form: definitions ---------------------------------------------------------------------


def test_signifier_questions_load_with_their_anchors_axes_and_stones():
    form = signifier_form()
    assert form.get("invloed").anchors == ("kwaliteit", "planning", "middelen")
    assert form.get("sturing").anchors == ("strak", "los")
    risico = form.get("risico")
    assert risico.axes == ("kans", "gevolg")
    assert risico.stones == ("Mensen", "Geld")


@pytest.mark.parametrize(
    ("definition", "says"),
    [
        ({"type": "triad", "anchors": ["a", "b"]}, "a triad needs anchors: 3 texts"),
        ({"type": "triad"}, "a triad needs anchors: 3 texts"),
        ({"type": "triad", "anchors": ["a", "b", "A"]}, "anchors repeat"),
        ({"type": "dyad", "anchors": ["a", "b", "c"]}, "a dyad needs anchors: 2 texts"),
        ({"type": "dyad", "anchors": ["a", "b"], "min": 1}, "min and max do not go with dyad"),
        ({"type": "stones", "stones": ["p"]}, "stones need axes: two texts"),
        ({"type": "stones", "axes": ["x", "y"]}, "stones need stones: a list of their names"),
        ({"type": "stones", "axes": ["x", "y"], "stones": ["p", "P"]}, "stones repeat"),
        ({"type": "stones", "axes": ["x", "y"], "stones": ["a=b"]}, "may not hold = or ;"),
        ({"type": "scale", "anchors": ["a", "b"]}, "anchors only go with triad or dyad"),
        ({"type": "single", "options": ["a", "b"], "stones": ["p"]}, "stones only go with"),
    ],
)
def test_a_bad_signifier_definition_is_one_line_naming_the_question(definition, says):
    with pytest.raises(VerhalenError) as info:
        parse_form({"questions": [{"id": "vraag_x", **definition}]}, lang="en")
    lines = str(info.value).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("storyform.yaml: vraag_x: ")
    assert says in lines[0]


# -- the form: answers -------------------------------------------------------------------------


def test_triad_answers_in_every_readable_form():
    q = question("invloed")
    assert q.parse("30/50/20") == [30, 50, 20]
    assert q.parse("30; 50; 20") == [30, 50, 20]
    assert q.parse("30 50 20") == [30, 50, 20]
    assert q.parse("30,5/49,5/20") == [30.5, 49.5, 20]
    assert q.parse("Planning=60; kwaliteit=40") == [40, 60, 0]
    assert q.parse([54.42, 22.59, 22.99]) == [54.4, 22.6, 23]
    # typed shares may miss 100 by one point (rounding); they are rescaled to 100
    assert q.parse("33/33/33") == [33.3, 33.3, 33.3]
    assert q.parse("34/33/34") == [33.7, 32.7, 33.7]
    # what is stored reads back the same (doctor checks stored answers this way)
    for stored in ([33.3, 33.3, 33.3], [50, 49.9, 0.1], [0, 0, 100]):
        assert q.parse(stored) == stored
    assert q.format([30.5, 49.5, 20]) == "30.5/49.5/20"


@pytest.mark.parametrize("word", ["nvt", "n.v.t.", "NA", "n/a", "Not applicable"])
def test_signifiers_take_not_applicable(word):
    for qid in ("invloed", "sturing", "risico"):
        assert question(qid).parse(word) == NOT_APPLICABLE
    assert question("invloed").format(NOT_APPLICABLE, "nl") == "nvt"
    assert question("invloed").format(NOT_APPLICABLE, "en") == "n/a"


def test_triad_bad_answers_say_why_in_one_line():
    q = question("invloed")
    assert problem(q, "30/50/30") == "'30/50/30': de drie delen tellen op tot 110, niet tot 100"
    assert problem(q, "30/50/30", "en") == ("'30/50/30': the three shares add up to 110, not 100")
    assert problem(q, "30/69").startswith("'30/69': een driehoek krijgt drie delen")
    assert problem(q, "120/-10/-10") == "120 ligt buiten 0–100"
    assert problem(q, "veel/weinig/niets") == "'veel' is geen getal"
    assert problem(q, "tijd=100", "en") == (
        "'tijd' is not an anchor of the triad (anchors: kwaliteit, planning, middelen)"
    )
    assert problem(q, "50/40/8").endswith("tellen op tot 98, niet tot 100")  # beyond ±1


def test_dyad_answers_and_bad_ones():
    q = question("sturing")
    assert q.parse("40") == 40
    assert q.parse("40,25") == 40.2
    assert q.parse(0.0) == 0
    assert problem(q, "140", "en") == "140 is outside 0–100"
    assert problem(q, "-1") == "-1 ligt buiten 0–100"
    assert problem(q, "links") == "'links' is geen getal"
    assert "een dyade is één getal 0–100 tussen 'strak' en 'los'" in problem(q, [1, 2])


def test_stones_answers_and_bad_ones():
    q = question("risico")
    assert q.parse("mensen=30,40; Geld=50/60.5") == {"Mensen": [30, 40], "Geld": [50, 60.5]}
    assert q.parse("Geld=1,2") == {"Geld": [1, 2]}
    assert q.parse({"Geld": [1, 2], "mensen": [3, 4]}) == {"Mensen": [3, 4], "Geld": [1, 2]}
    assert q.format({"Mensen": [30, 40], "Geld": [50, 60.5]}) == "Mensen=30,40; Geld=50,60.5"
    assert problem(q, "Hond=1,2", "en") == (
        "'Hond' is not a stone on this canvas (stones: Mensen, Geld)"
    )
    assert problem(q, "Mensen=1,200") == "200 ligt buiten 0–100"
    assert problem(q, "Mensen=1").startswith("'Mensen=1': zet een steen als steen=x,y")
    assert problem(q, "Mensen 1,2").startswith("'Mensen 1,2': zet een steen")
    assert problem(q, "Mensen=1,2; mensen=3,4") == "steen 'Mensen' staat er twee keer"


def test_triad_zones_follow_the_documented_thresholds():
    anchors = ("a", "b", "c")
    assert triad_zone([60, 20, 20], anchors) == "a"  # one anchor at 60 or more: its corner
    assert triad_zone([10, 30, 60], anchors, "en") == "c"
    assert triad_zone([45, 45, 10], anchors) == "a – b"  # weakest below 20: an edge
    assert triad_zone([19.9, 50, 30.1], anchors) == "b – c"
    assert triad_zone([50, 25, 25], anchors) == "midden"  # each 20 or more, none 60: centre
    assert triad_zone([34, 33, 33], anchors, "en") == "centre"
    assert triad_zone(NOT_APPLICABLE, anchors) is None
    assert len(triad_zones(anchors)) == 7


def test_signifiers_become_variables_for_the_pattern_tests():
    form = signifier_form()
    triad = derived_variables(form.get("invloed"))
    assert [(d.id, d.kind) for d in triad] == [
        ("invloed:kwaliteit", "scale"),
        ("invloed:planning", "scale"),
        ("invloed:middelen", "scale"),
        ("invloed:zone", "choice"),
    ]
    assert [d.value([70, 20, 10]) for d in triad] == [70.0, 20.0, 10.0, "kwaliteit"]
    assert [d.value(NOT_APPLICABLE) for d in triad] == [None] * 4
    dyad = derived_variables(form.get("sturing"))
    assert [(d.id, d.kind, d.value(40)) for d in dyad] == [("sturing", "scale", 40.0)]
    stones = derived_variables(form.get("risico"))
    assert [d.id for d in stones] == [
        "risico:Mensen:x",
        "risico:Mensen:y",
        "risico:Geld:x",
        "risico:Geld:y",
    ]
    assert [d.value({"Geld": [1, 2]}) for d in stones] == [None, None, 1.0, 2.0]


# -- tag set and tag import --------------------------------------------------------------------


@pytest.fixture
def signified(project: Project) -> Project:
    """The conftest project with the three signifier questions added and two stories."""
    data = yaml.safe_load(project.form_path.read_text(encoding="utf-8"))
    data["questions"] += SIGNIFIERS
    project.form_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    project = Project.open(project.root)
    table = project.root / "verhalen.csv"
    table.write_text(
        "titel,tekst,invloed,sturing\n"
        "Het bankje,Er kwam een bankje bij de vijver.,60/30/10,nvt\n"
        "De brief,Een brief over de bomen.,,25\n",
        encoding="utf-8",
    )
    ingest(project, [table])
    return project


def answer(project: Project, story: int, qid: str) -> object:
    with project.store() as store:
        return store.answer(story, qid)


def test_ingest_reads_triad_and_dyad_columns(signified):
    assert answer(signified, 1, "invloed") == [60, 30, 10]
    assert answer(signified, 1, "sturing") == NOT_APPLICABLE
    assert answer(signified, 2, "sturing") == 25


def test_tag_set_triad_dyad_stones(signified, cli):
    result = cli("tag", "set", "2", "invloed", "20/30/50")
    assert result.exit_code == 0, result.output
    assert "2 · invloed: — → 20/30/50" in result.stdout
    assert answer(signified, 2, "invloed") == [20, 30, 50]
    assert cli("tag", "set", "2", "sturing", "nvt").exit_code == 0
    assert answer(signified, 2, "sturing") == NOT_APPLICABLE
    result = cli("tag", "set", "2", "risico", "Geld=10,90")
    assert result.exit_code == 0, result.output
    assert answer(signified, 2, "risico") == {"Geld": [10, 90]}


@pytest.mark.parametrize(
    ("qid", "value", "says"),
    [
        ("invloed", "20/30/40", "de drie delen tellen op tot 90, niet tot 100"),
        ("invloed", "tijd=100", "'tijd' is geen hoek van de driehoek"),
        ("sturing", "101", "101 ligt buiten 0–100"),
        ("risico", "Hond=1,1", "'Hond' is geen steen op dit veld"),
    ],
)
def test_tag_set_refuses_a_bad_signifier_answer_in_one_line(signified, cli, qid, value, says):
    before = answer(signified, 1, qid)
    result = cli("tag", "set", "1", qid, value)
    assert result.exit_code != 0
    message = str(result.exception)  # `verhalen` prints it as one line, exit status 1
    assert "\n" not in message
    assert message.startswith(f"{qid}: ") and says in message
    assert answer(signified, 1, qid) == before  # nothing stored


def test_tag_import_signifiers_all_or_nothing(signified, cli):
    sheet = signified.root / "antwoorden.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "invloed", "sturing", "risico"])
        writer.writerow(["1", "10/10/80", "70", "Mensen=20,30; Geld=40,50"])
        writer.writerow(["2", "40/40/40", "n/a", ""])  # shares add up to 120
    result = cli("tag", "import", sheet)
    assert result.exit_code == 1
    assert "invloed: '40/40/40': de drie delen tellen op tot 120" in result.stderr
    assert answer(signified, 1, "invloed") == [60, 30, 10]  # nothing imported
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "invloed", "sturing", "risico"])
        writer.writerow(["1", "10/10/80", "70", "Mensen=20,30; Geld=40,50"])
        writer.writerow(["2", "nvt", "n/a", ""])
    result = cli("tag", "import", sheet)
    assert result.exit_code == 0, result.output
    assert answer(signified, 1, "invloed") == [10, 10, 80]
    assert answer(signified, 1, "sturing") == 70
    assert answer(signified, 1, "risico") == {"Mensen": [20, 30], "Geld": [40, 50]}
    assert answer(signified, 2, "invloed") == NOT_APPLICABLE


def test_form_show_and_tag_summary_show_signifiers(signified, cli):
    shown = " ".join(cli("form", "show").stdout.replace("│", " ").split())
    for words in ("driehoek", "kwaliteit", "middelen", "dyade", "0 (strak)", "stenen", "Geld"):
        assert words in shown
    summary = cli("tag", "summary").stdout
    assert "kwaliteit – planning" in summary  # a zone
    assert "nvt: 1" in summary
    recs = records(signified)
    d = distribution(signified.form.get("invloed"), recs)
    assert dict(d.counts)["kwaliteit"] == 1
    assert d.means[0] == ("kwaliteit", 60)


# -- the real SenseMaker export ----------------------------------------------------------------


def sm_project(root: Path) -> Project:
    needs_shared()
    root.mkdir()
    project = init_project(root, lang="en")
    result = CliRunner().invoke(
        app, ["--project", str(root), "form", "from-sensemaker", str(DEFINITION), "--force"]
    )
    assert result.exit_code == 0, result.output
    return Project.open(project.root)


@pytest.fixture(scope="module")
def ademo(tmp_path_factory) -> Project:
    """A project with the form from the definition and the raw export read in."""
    project = sm_project(tmp_path_factory.mktemp("sm") / "p")
    report = ingest(project, [EXPORT], sensemaker_definition=DEFINITION)
    assert len(report.stored) == 128  # 129 records, one the same story word for word
    assert [w.reason for w in report.warnings] == [
        "'1_2years' is not among the choices of 'How long have you worked for this company?' "
        "in the definition; left out"
    ]
    return project


def by_signifier(project: Project) -> dict[str, Question]:
    return {q.sensemaker: q for q in project.form.questions}


def test_form_from_sensemaker_makes_every_signifier_a_question(ademo):
    form = ademo.form
    kinds = [q.type for q in form.questions]
    assert kinds.count("triad") == 5
    assert kinds.count("dyad") == 3
    assert kinds.count("stones") == 1
    assert kinds.count("single") + kinds.count("multiple") + kinds.count("boolean") == 7
    assert len(form.questions) == 16  # the story and its headline are no questions
    triad = by_signifier(ademo)[TRIAD]
    assert triad.question_text("en") == "Influences on this situation were..."
    assert triad.anchors == ("quality demands", "schedule pressures", "resource tensions")
    assert by_signifier(ademo)[DYAD].anchors == ("fixed and unchangeable", "changing and shifting")
    situation = by_signifier(ademo)[DECODED_LISTS["situation"]]
    assert situation.options[0] == "worried or concerned you"  # "…, OR<br><br>" cleaned
    assert by_signifier(ademo)[DECODED_LISTS["feelings"]].type == "multiple"


def test_form_from_sensemaker_keeps_a_form_with_questions(ademo):
    result = CliRunner().invoke(
        app, ["--project", str(ademo.root), "form", "from-sensemaker", str(DEFINITION)]
    )
    assert result.exit_code == 1
    assert "--force" in str(result.exception)


def test_form_from_sensemaker_refuses_what_is_no_definition(tmp_path):
    needs_shared()
    project = init_project(tmp_path / "p", lang="en")
    bad = tmp_path / "def.json"
    bad.write_text(json.dumps({"name": "x"}), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--project", str(project.root), "form", "from-sensemaker", str(bad)]
    )
    assert result.exit_code == 1
    assert "not a SenseMaker framework definition" in str(result.exception)
    assert "\n" not in str(result.exception)


def test_the_export_gives_every_triad_dyad_and_the_stones(ademo):
    questions = by_signifier(ademo)
    with ademo.store() as store:
        answers = store.answers()
    assert len(answers) == 128
    for q in questions.values():
        if q.type == "triad":
            given = [a[q.id] for a in answers.values() if q.id in a]
            shares = [v for v in given if v != NOT_APPLICABLE]
            assert len(shares) > 100, q.id
            assert all(abs(sum(v) - 100) <= 0.2 for v in shares), q.id
        if q.type == "dyad":
            given = [a[q.id] for a in answers.values() if q.id in a]
            assert any(v == NOT_APPLICABLE for v in given)
            assert sum(isinstance(v, int | float) for v in given) > 30, q.id
        if q.type == "stones":
            placed = [a[q.id] for a in answers.values() if q.id in a]
            assert len(placed) > 100
            assert set(placed[0]) <= set(q.stones)
    first = next(a for a in answers.values() if a.get(questions[TRIAD].id) == [54.4, 22.6, 23])
    assert first[questions[DYAD].id] == NOT_APPLICABLE  # story 1: dyads marked n/a


def test_the_export_matches_the_decoded_csv(ademo):
    """The same title and the same choices per story as the decoded stories.csv."""
    if not DECODED.is_file():
        pytest.skip(f"{DECODED} not found")
    questions = by_signifier(ademo)
    with DECODED.open(encoding="utf-8-sig", newline="") as fh:
        decoded = list(csv.DictReader(fh))
    with ademo.store() as store:
        stories = {clean(s.text): s for s in store.stories()}
        answers = store.answers()
    compared = 0
    seen: set[str] = set()
    for row in decoded:
        if clean(row["story"]) in seen:
            continue  # the same story word for word: stored once, with the first one's answers
        seen.add(clean(row["story"]))
        story = stories[clean(row["story"])]
        assert story.title == (row["title"] or None)
        mine = answers.get(story.id, {})
        for column, sid in DECODED_LISTS.items():
            q = questions[sid]
            expected = row[column]
            if column == "tenure" and expected == "1_2years":
                expected = ""  # not in the definition: left out, with a warning
            got = mine.get(q.id)
            if q.type == "multiple":
                assert sorted(got or []) == sorted(p for p in expected.split(";") if p), column
            else:
                assert (got or "") == expected, (row["id"], column)
            compared += 1
    assert compared == 128 * 6


def _rewrite(source: Path, target: Path, change) -> None:
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = change(rows[0], rows[1:])
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(body)


def _other_layout(header: list[str], body: list[list[str]]):
    """The second layout: triads only as percentX/percentY, dyads only per anchor, lists by
    their items' titles, several choices in one column separated by ;."""
    definition = json.loads(DEFINITION.read_text(encoding="utf-8"))
    signifiers = {s["id"]: s for section in definition["sections"] for s in section["signifiers"]}
    from verhalen.ingest._sensemaker import clean_label

    drop: set[int] = set()
    titles: dict[int, dict[str, str]] = {}
    multi: dict[str, list[tuple[int, str]]] = {}
    for i, name in enumerate(header):
        sid, _, part = name.partition("_")
        s = signifiers.get(sid)
        if s is None:
            continue
        if s["type"] == "triad" and part not in ("percentX", "percentY", "NA"):
            drop.add(i)
        if s["type"] == "dyad" and part == "percentX":
            drop.add(i)
        if s["type"] == "list":
            items = {it["id"]: clean_label(it["title"]) for it in s["content"]["items"]}
            if part:
                multi.setdefault(sid, []).append((i, items[part]))
                drop.add(i)
            else:
                titles[i] = items
    new_header = [h for i, h in enumerate(header) if i not in drop] + list(multi)
    new_body = []
    for row in body:
        cells = [titles[i].get(c, c) if i in titles else c for i, c in enumerate(row)]
        cells = [c for i, c in enumerate(cells) if i not in drop]
        for columns in multi.values():
            cells.append(";".join(t for i, t in columns if row[i] == "1"))
        new_body.append(cells)
    return new_header, new_body


def _close(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 0.11
    return a == b


def test_both_export_layouts_give_the_same_answers(ademo, tmp_path):
    other = tmp_path / "export_titles.csv"
    _rewrite(EXPORT, other, _other_layout)
    with other.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert not any(h.startswith(TRIAD) and h.count("-") > 8 for h in header)  # no anchors
    assert f"{DYAD}_percentX" not in header
    project = sm_project(tmp_path / "q")
    report = ingest(project, [other], sensemaker_definition=DEFINITION)
    assert len(report.stored) == 128
    with ademo.store() as store:
        want = {clean(s.text): s.id for s in store.stories()}
        expected = store.answers()
    with project.store() as store:
        got = {clean(s.text): s.id for s in store.stories()}
        answers = store.answers()
    assert want.keys() == got.keys()
    for text, sid in got.items():
        a, b = expected.get(want[text], {}), answers.get(sid, {})
        assert a.keys() == b.keys(), text[:40]
        for qid in a:
            assert _close(a[qid], b[qid]), (qid, a[qid], b[qid])


def test_an_export_that_does_not_go_with_the_definition_is_refused(tmp_path):
    project = sm_project(tmp_path / "p")
    table = tmp_path / "other.csv"
    table.write_text("text,title\nEen verhaal.,Titel\n", encoding="utf-8")
    with pytest.raises(RejectedBatch) as info:
        ingest(project, [table], sensemaker_definition=DEFINITION)
    (only,) = info.value.problems
    assert "no column for the story" in only.reason
    with project.store() as store:
        assert store.stories() == []


def test_patterns_test_the_triad_zones(ademo):
    from verhalen.patterns import compute_patterns, variables

    found = {v.id: v for v in variables(ademo)}
    triad = by_signifier(ademo)[TRIAD]
    zone = found[f"{triad.id}:zone"]
    assert zone.kind == "choice" and len(zone.categories) == 7
    assert found[f"{triad.id}:quality demands"].kind == "scale"
    patterns = compute_patterns(ademo)
    ids = {p.id for p in patterns}
    assert any(f"{triad.id}:zone" in pid for pid in ids)
    # the parts of one triad are never tested against each other
    assert not any(pid.count(f"{triad.id}:") == 2 for pid in ids), "shares of one triad compared"


def test_tag_summary_on_the_export(ademo):
    result = CliRunner().invoke(app, ["--project", str(ademo.root), "tag", "summary"])
    assert result.exit_code == 0, result.output
    assert "quality demands – schedule pressures" in result.stdout
    assert "centre" in result.stdout and "n/a: " in result.stdout
