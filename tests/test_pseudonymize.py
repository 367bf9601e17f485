"""Pseudonymisation on the example project: planted names and contact details are found, each term
gets one placeholder everywhere, the review sheet is applied, and nothing identifying is kept
when the project asks for that.

The example project is built once for this module (about 30 s: ingest, answers, auto tags and
pseudonymisation, with deduce's start-up); tests that change it work on a copy.
"""

from __future__ import annotations

import csv
import gc
import gzip
import json
import re
import shutil
import sqlite3
import sys
import types
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import demo_result, ingest_ok

from verhalen.demo import DemoResult, example_folder
from verhalen.form import fold
from verhalen.identifiers import Lexicon, classify, deduce_model, deduce_spans
from verhalen.project import CONFIG_NAME, Project
from verhalen.pseudonymize import privacy_summary, pseudonymize
from verhalen.review_sheet import REVIEW_COLUMNS
from verhalen.store import StoryRow
from verhalen.stories import export_stories
from verhalen.text import pipeline

TRUTH = example_folder() / "truth" / "identifiers.csv"
KINDS = ("naam", "telefoon", "email", "adres")
RECALL_FLOOR = {"email": 0.9, "telefoon": 0.9, "naam": 0.8, "adres": 0.8}
PRECISION_FLOOR = 0.8
PLACEHOLDER = {
    "person": r"\[PERSOON-\d+\]",
    "email": r"\[E-MAIL-\d+\]",
    "phone": r"\[TELEFOON-\d+\]",
    "address": r"\[ADRES-\d+\]",
    "postcode": r"\[POSTCODE-\d+\]",
    "url": r"\[URL-\d+\]",
    "id": r"\[NUMMER-\d+\]",
    "term": r"\[TERM-\d+\]",
}
NAME_PARTICLES = {"van", "de", "den", "der", "het", "ter", "te", "el", "al"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoResult]:
    # deduce's lookup tables are millions of objects; while the garbage collector tracks them,
    # every full collection takes seconds, and so does leaving the interpreter (10-20 s).
    # Frozen, the collector skips them; afterwards they are let go.
    deduce_model()
    gc.freeze()
    try:
        yield demo_result(tmp_path_factory)
    finally:
        deduce_model.cache_clear()
        gc.unfreeze()


@pytest.fixture
def demo_copy(demo: DemoResult, tmp_path: Path) -> Project:
    """A copy of the example project that a test may change."""
    target = tmp_path / "vp"
    shutil.copytree(demo.project.root, target)
    return Project.open(target)


@pytest.fixture(scope="module")
def truth() -> list[dict[str, str]]:
    with TRUTH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def stories(project: Project) -> list[StoryRow]:
    with project.store() as store:
        return store.stories()


def pseudonym_rows(project: Project) -> list[tuple[str, str, str, str]]:
    with project.store() as store:
        return [tuple(r) for r in store.pseudonyms()]


def story_of(project: Project, title: str) -> StoryRow:
    found = [s for s in stories(project) if s.title == title]
    assert len(found) == 1, f"{title!r}: {len(found)} stories"
    return found[0]


# -- how much is found ---------------------------------------------------------------------------


def recall_by_kind(project: Project, truth: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    """kind -> (found, planted); found: the value no longer appears in the text people see."""
    by_title = {s.title: s for s in stories(project)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in truth:
        story = by_title[row["title"]]
        assert row["value"] in story.text, row  # planted where the truth says
        counts[row["kind"]][0] += row["value"] not in story.shown_text
        counts[row["kind"]][1] += 1
    return {kind: (found, planted) for kind, (found, planted) in counts.items()}


def test_every_planted_identifier_belongs_to_one_story(demo, truth):
    titles = [s.title for s in stories(demo.project)]
    assert {row["kind"] for row in truth} == set(KINDS)
    for row in truth:
        assert titles.count(row["title"]) == 1, row["title"]


def test_recall_of_planted_identifiers(demo, truth):
    recall = recall_by_kind(demo.project, truth)

    for kind in KINDS:
        found, planted = recall[kind]
        print(f"recall {kind}: {found}/{planted} = {found / planted:.2f}")
    for kind, floor in RECALL_FLOOR.items():
        found, planted = recall[kind]
        assert found / planted >= floor, f"{kind}: {found}/{planted} found"


@pytest.fixture(scope="module")
def dutch_vocabulary() -> frozenset[str]:
    """Ordinary Dutch words: every form and lemma in spaCy's Dutch lookup table."""
    path = resources.files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return frozenset(w.lower() for w in table) | frozenset(w.lower() for w in table.values())


def precision_of_person_terms(
    project: Project, truth: list[dict[str, str]], vocabulary: frozenset[str]
) -> tuple[list[str], list[str]]:
    """(right, wrong) among the detected person terms.

    Right: a planted name or a word of one, a storyteller's name, or a term holding a
    capitalised word that is no ordinary Dutch word: not in the lookup vocabulary (also as a
    plural), and never written in lower case in the project's stories (e-mail addresses aside).
    """
    known = set()
    for row in truth:
        if row["kind"] == "naam":
            known |= {fold(row["value"]), *fold(row["value"]).split()}
    with project.store() as store:
        known |= {fold(r["name"]) for r in store.storytellers() if r["name"]}
        terms = [r["term"] for r in store.pseudonyms() if r["kind"] == "person"]
        texts = [s.text for s in store.stories()]
    lower_case: set[str] = set()
    for text in texts:
        plain = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)
        lower_case |= set(re.findall(r"\b[a-zà-ÿ][\w'-]*", plain))
    nlp = pipeline("nl")

    def ordinary(word: str) -> bool:
        lemma = nlp(word)[0].lemma_.lower()
        plural_of = set()
        if len(word) > 4 and word.endswith("s"):
            plural_of.add(word[:-1])
        if len(word) > 5 and word.endswith("en"):
            plural_of.add(word[:-2])
        return bool(
            word in lower_case
            or word in vocabulary
            or lemma in vocabulary
            or plural_of & vocabulary
        )

    joined = "\n".join(texts)

    def capitalised(word: str) -> bool:
        found = re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", joined, re.IGNORECASE)
        return any(m.group(0)[0].isupper() for m in found)

    right, wrong = [], []
    for term in terms:
        words = [w for w in term.split() if w not in NAME_PARTICLES]
        planted_or_teller = term in known or all(w in known for w in words)
        if planted_or_teller or any(capitalised(w) and not ordinary(w) for w in words):
            right.append(term)
        else:
            wrong.append(term)
    return right, wrong


def test_precision_of_detected_names(demo, truth, dutch_vocabulary):
    right, wrong = precision_of_person_terms(demo.project, truth, dutch_vocabulary)

    precision = len(right) / (len(right) + len(wrong))
    print(f"precision person terms: {len(right)}/{len(right) + len(wrong)} = {precision:.2f}")
    print(f"not names: {sorted(wrong)}")
    assert len(right) >= 25  # at least as many as the planted names
    assert precision >= PRECISION_FLOOR, sorted(wrong)


# -- one placeholder per term -----------------------------------------------------------------


def test_the_same_term_gets_the_same_placeholder_in_every_story(demo):
    occurrences = demo.pseudonyms.occurrences
    placeholders: dict[str, set[str]] = defaultdict(set)
    story_ids: dict[str, set[int]] = defaultdict(set)
    for o in occurrences:
        placeholders[fold(o.term)].add(o.placeholder)
        story_ids[fold(o.term)].add(o.story_id)
        assert re.fullmatch(PLACEHOLDER[o.kind], o.placeholder), o

    assert all(len(p) == 1 for p in placeholders.values()), {
        t: p for t, p in placeholders.items() if len(p) > 1
    }
    shown = {s.id: (s.shown_text, s.shown_title or "") for s in stories(demo.project)}
    for o in occurrences:
        text = shown[o.story_id][0 if o.field == "text" else 1]
        assert o.placeholder in text, o
    spread = [t for t, ids in story_ids.items() if len(ids) >= 3]
    assert spread  # names that recur across stories, each with one placeholder
    # different people with the same first name stay apart
    table = {term: placeholder for term, _, placeholder, _ in pseudonym_rows(demo.project)}
    assert table["gerda smulders"] != table["gerda hoekstra"]
    assert table["ilse bakker"] != table["ilse verhoef"]
    assert table["m.dekker@lindenhoven.nl"] != table["m.dekker@buurtmail.nl"]


def test_placeholders_are_stable_when_run_again(demo, demo_copy):
    before_rows = pseudonym_rows(demo_copy)
    before_texts = {s.id: s.shown_text for s in stories(demo_copy)}

    pseudonymize(demo_copy)

    assert pseudonym_rows(demo_copy) == before_rows
    assert {s.id: s.shown_text for s in stories(demo_copy)} == before_texts


def test_shown_text_keeps_the_story_around_the_placeholders(demo):
    story = story_of(demo.project, "Soep op dinsdag in 't Anker")

    assert "Gerda Smulders" in story.text and "06-28374619" in story.text
    assert "Gerda Smulders" not in story.shown_text and "06-28374619" not in story.shown_text
    assert re.search(r"\[PERSOON-\d+\], die woont aan de andere kant", story.shown_text)
    assert re.search(r"\[TELEFOON-\d+\]", story.shown_text)


# -- what leaves the project -----------------------------------------------------------------------


def contact_values(truth: list[dict[str, str]]) -> list[str]:
    return [row["value"] for row in truth if row["kind"] in ("email", "telefoon")]


def test_export_leaves_contacts_out_by_default(demo, truth, tmp_path):
    out = tmp_path / "verhalen.csv"

    export_stories(demo.project, out)

    exported = out.read_text(encoding="utf-8")
    assert [v for v in contact_values(truth) if v in exported] == []


def test_export_with_original_holds_the_original_text(demo, truth, tmp_path):
    out = tmp_path / "origineel.csv"

    n = export_stories(demo.project, out, original=True)

    exported = out.read_text(encoding="utf-8")
    assert n == len(stories(demo.project))
    assert all(v in exported for v in contact_values(truth))


def test_key_terms_hold_no_names_that_were_pseudonymised(demo, truth):
    texts = " ".join(s.text for s in stories(demo.project))
    surnames = {
        w
        for row in truth
        if row["kind"] == "naam"
        for w in fold(row["value"]).split()
        if w not in NAME_PARTICLES and not re.search(rf"\b{w}\b", texts)  # never lower case
    }
    with demo.project.store() as store:
        tags = store.tags()

    leaked = {t for mine in tags.values() for t in mine.get("key_terms", []) if t in surnames}
    assert leaked == set()


# -- the review sheet ----------------------------------------------------------------------------


def test_review_sheet_lists_every_replacement_in_context(demo):
    path = demo.pseudonyms.review_path
    assert path == demo.project.root / "pseudonimisering.xlsx"
    book = load_workbook(path, read_only=True)
    try:
        assert book.sheetnames == ["vervangingen", "extra termen", "uitleg"]
        rows = list(book["vervangingen"].iter_rows(values_only=True))
        extra = list(book["extra termen"].iter_rows(values_only=True))
    finally:
        book.close()

    assert list(rows[0]) == REVIEW_COLUMNS["nl"]
    body = rows[1:]
    assert len(body) == len(demo.pseudonyms.occurrences)
    story_ids = {s.id for s in stories(demo.project)}
    for story_id, _title, where, kind, term, replacement, context, engine, decision in body:
        assert story_id in story_ids
        assert where in ("tekst", "titel")
        assert kind in ("persoon", "e-mail", "telefoon", "adres", "postcode", "url", "nummer")
        assert engine in ("deduce", "deduce (titel)", "Frog", "patroon", "projectlijst")
        assert f"«{term}»" in context and len(context) > len(term) + 4
        assert re.fullmatch(r"\[[A-Z-]+-\d+\]", replacement)
        assert decision is None
    terms = {row[4] for row in body}
    assert {"Gerda Smulders", "06-28374619", "j.vermeulen@lindenhoven.nl"} <= terms
    assert list(extra[0][:2]) == ["term", "soort"]


def fill_in_review(path: Path, reject: str, add: tuple[str, str]) -> int:
    """Say 'nee' to every row of `reject`, add a term on the second sheet; rows rejected."""
    book = load_workbook(path)
    sheet = book["vervangingen"]
    header = [c.value for c in sheet[1]]
    term_col, decision_col = header.index("term") + 1, header.index("besluit") + 1
    rejected = 0
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, term_col).value == reject:
            sheet.cell(r, decision_col).value = "nee"
            rejected += 1
    book["extra termen"].append(list(add))
    book.save(path)
    return rejected


def test_reviewed_sheet_keeps_rejected_terms_and_replaces_added_ones(demo_copy):
    project = demo_copy
    review = project.root / "pseudonimisering.xlsx"
    before = {term: ph for term, _, ph, _ in pseudonym_rows(project)}
    originals = stories(project)
    spread: dict[str, set[int]] = defaultdict(set)  # capitalised one-word name -> stories
    for s in originals:
        for term in before:
            if " " not in term and term.isalpha():
                word = term.capitalize()
                if re.search(rf"\b{word}\b", s.text):
                    spread[word].add(s.id)
    word = max(sorted(spread), key=lambda w: len(spread[w]))  # to say 'nee' to
    reject = fold(word)
    with_place = spread[word]
    with_added = {s.id for s in originals if "Kanaalzijde" in s.text}
    assert len(with_place) >= 2 and len(with_added) >= 3

    assert fill_in_review(review, reject=word, add=("Kanaalzijde", "term")) >= 2
    report = pseudonymize(project, review=review)

    after = stories(project)
    for s in after:
        if s.id in with_place:
            assert word in s.shown_text, s.title  # left in the text
        assert "kanaalzijde" not in s.shown_text.casefold(), s.title
        if s.id in with_added:
            assert "[TERM-1]" in s.shown_text
    rows = {term: (kind, ph, decision) for term, kind, ph, decision in pseudonym_rows(project)}
    assert rows[reject][2] == "rejected"
    assert rows["kanaalzijde"] == ("term", "[TERM-1]", "added")
    for term, placeholder in before.items():  # everything else keeps its placeholder
        if term != reject:
            assert rows[term][1] == placeholder, term
    assert not any(o.term == word for o in report.occurrences)
    # the other terms on the applied sheet count as reviewed
    summary = privacy_summary(project)
    assert summary is not None and summary.reviewed > 0

    # the decisions are remembered: a run without the sheet gives the same texts
    shown = {s.id: s.shown_text for s in after}
    pseudonymize(project)
    assert {s.id: s.shown_text for s in stories(project)} == shown


def test_review_sheet_with_an_unknown_kind_is_refused(demo_copy):
    from verhalen.errors import VerhalenError

    review = demo_copy.root / "pseudonimisering.xlsx"
    fill_in_review(review, reject="-", add=("Kanaalzijde", "plaatsnaam"))
    before = pseudonym_rows(demo_copy)

    with pytest.raises(
        VerhalenError, match=r"pseudonimisering\.xlsx:2: 'plaatsnaam' is geen soort"
    ):
        pseudonymize(demo_copy, review=review)

    assert pseudonym_rows(demo_copy) == before


# -- keep_original = false ------------------------------------------------------------------------

PLANTED = [
    "Gerda Smulders",
    "06-28374619",
    "g.smulders@buurtmail.nl",
    "Ria Hoogendoorn",
    "0251 372918",
]


@pytest.fixture
def private_project(project: Project, register) -> Project:
    """A small project with names and contact details, set to keep no original text."""
    register()
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "tekst", "verteller"])
        writer.writerow(
            [
                "Soep met Gerda Smulders",
                "In 't Anker zat een vrouw die ik nooit had gezien, Gerda Smulders. Ze kookt nu "
                "elke dinsdag. Bel haar op 06-28374619 of mail g.smulders@buurtmail.nl als je "
                "wilt helpen.",
                "V01",
            ]
        )
        writer.writerow(
            [
                "De sleutel",
                "Ria Hoogendoorn heeft de sleutel van het buurthuis. Als je erin wilt, bel je "
                "haar: 0251 372918. Sindsdien gaat de deur op zaterdag gewoon open.",
                "V02",
            ]
        )
        writer.writerow(["Het plein", "Op het plein staan nu bankjes en bloembakken.", "V03"])
    ingest_ok(project, [path])
    config = project.root / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    assert "keep_original = true" in text
    config.write_text(text.replace("keep_original = true", "keep_original = false"), "utf-8")
    path.unlink()  # the source file is the user's; only the store is under test here
    return Project.open(project.root)


def story_columns(project: Project) -> str:
    db = sqlite3.connect(project.store_path)
    try:
        rows = db.execute(
            "SELECT title, text, original, context, pseudonymised, pseudonymised_title FROM stories"
        ).fetchall()
    finally:
        db.close()
    return "\n".join(str(v) for row in rows for v in row if v is not None)


def test_without_keep_original_the_identifying_text_leaves_the_stories(private_project):
    project = private_project
    assert all(v in story_columns(project) for v in PLANTED)

    pseudonymize(project)

    stored = story_columns(project)
    assert [v for v in PLANTED if v in stored] == []
    assert re.search(r"\[PERSOON-\d+\]", stored) and re.search(r"\[TELEFOON-\d+\]", stored)
    titles = {s.title: s for s in stories(project)}
    assert set(titles) == {"Soep met [PERSOON-1]", "De sleutel", "Het plein"}
    sleutel = titles["De sleutel"]
    assert sleutel.original is None and sleutel.text == sleutel.shown_text
    assert "heeft de sleutel van het buurthuis" in sleutel.text


def test_without_keep_original_no_identifying_text_is_left_in_the_store(private_project):
    pseudonymize(private_project)

    db = sqlite3.connect(private_project.store_path)
    try:
        dump = "\n".join(db.iterdump()).casefold()
    finally:
        db.close()
    assert [v for v in PLANTED if v.casefold() in dump] == []


# -- kinds, vetoes and engines (issue 14) ---------------------------------------------------------


def detect(text: str, lang: str = "nl") -> list[tuple[str, str]]:
    """(kind, term) of every candidate deduce, the lists and the rules find in `text`."""
    spans = classify(deduce_spans(text), text, Lexicon([text], lang))
    return [(s.kind, s.term) for s in sorted(spans)]


def test_places_languages_and_organisations_are_no_persons():
    found = detect(
        "Zij woont in Brugge. Het Europees Hof van Justitie oordeelde. De Franse les was leuk. "
        "De Record Bank gaat dicht, zegt de bank. Gerda Smulders kookt, meneer Pronk ook."
    )

    persons = {term for kind, term in found if kind == "person"}
    assert persons == {"Gerda Smulders", "Pronk"}
    assert ("place", "Brugge") in found
    assert not any("Franse" in term for term in persons)
    assert any(kind == "organisation" and "Bank" in term for kind, term in found)


def test_a_hit_inside_a_word_or_on_a_contraction_is_no_hit():
    assert not any(t == "Oosten" for _, t in detect("Het conflict in het Midden-Oosten duurt."))
    english = detect("Don't worry, said Marge. I'm fine. Harry's bike is here.", "en")
    assert not any(t in ("Don", "I") for _, t in english)


def test_sentence_initial_ordinary_words_are_no_names():
    found = detect("Appels, peren, een walnoot. Super. Dat zei Jayden gisteren.")

    assert [t for k, t in found if k == "person"] == ["Jayden"]


def small_project(project: Project, register, text: str) -> Project:
    register()
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "tekst", "verteller"])
        writer.writerow(["Markt", text, "V01"])
        writer.writerow(["Plein", "Op het plein staan nu bankjes en bloembakken.", "V02"])
    ingest_ok(project, [path])
    return Project.open(project.root)


MARKET = (
    "Op de markt in Brugge zag ik Gerda Smulders weer. Ze werkt nu bij de Record Bank, "
    "bel haar op 06-28374619. Zij kwam ooit uit Oosterhof."
)


def test_places_stay_unless_the_project_asks(project, register, monkeypatch):
    monkeypatch.setattr("verhalen.identifiers.frog_spans", lambda texts: None)
    p = small_project(project, register, MARKET)

    report = pseudonymize(p)

    shown = story_of(p, "Markt").shown_text
    assert "Brugge" in shown and "Oosterhof" in shown and "Record Bank" in shown
    assert "Gerda Smulders" not in shown and "06-28374619" not in shown
    assert report.engine == "deduce" and report.kept.get("place", 0) >= 2

    config = p.root / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^replace = .*$", 'replace = ["person", "contact", "place"]', text)
    config.write_text(text, encoding="utf-8")
    p = Project.open(p.root)
    assert p.settings.replace == ("person", "contact", "place")
    pseudonymize(p)
    shown = story_of(p, "Markt").shown_text
    assert "Brugge" not in shown and re.search(r"\[PLAATS-\d+\]", shown)
    assert "Record Bank" in shown


def fake_ner(available: bool, words: tuple[tuple[str, str], ...] = ()) -> types.ModuleType:
    """A stand-in for verhalen.ner (the Frog wrapper) that finds `words` as (word, kind)."""

    def frog_entities(texts: list[str]) -> list[list[types.SimpleNamespace]]:
        return [
            [
                types.SimpleNamespace(start=m.start(), end=m.end(), kind=kind)
                for word, kind in words
                for m in re.finditer(word, text)
            ]
            for text in texts
        ]

    module = types.ModuleType("verhalen.ner")
    module.frog_available = lambda: available  # type: ignore[attr-defined]
    module.frog_entities = frog_entities  # type: ignore[attr-defined]
    return module


def test_frog_adds_persons_and_vetoes_places(project, register, monkeypatch):
    import verhalen

    fake = fake_ner(True, (("Marleen", "person"), ("Brugge", "place")))
    monkeypatch.setitem(sys.modules, "verhalen.ner", fake)
    monkeypatch.setattr(verhalen, "ner", fake, raising=False)
    p = small_project(project, register, MARKET + " Marleen zwaaide.")

    report = pseudonymize(p)

    assert report.engine == "frog"
    shown = story_of(p, "Markt").shown_text
    assert "Marleen" not in shown and "Brugge" in shown
    assert any(o.engine == "frog" and o.term == "Marleen" for o in report.occurrences), [
        (o.term, o.engine) for o in report.occurrences
    ]
    with p.store() as store:
        engines = {r["engine"] for r in store.pseudonym_counts()}
    assert "frog" in engines


def test_without_frog_deduce_runs_and_says_so(project, register, monkeypatch):
    import verhalen

    fake = fake_ner(False)
    monkeypatch.setitem(sys.modules, "verhalen.ner", fake)
    monkeypatch.setattr(verhalen, "ner", fake, raising=False)
    p = small_project(project, register, MARKET)

    report = pseudonymize(p)

    assert report.engine == "deduce"
    assert "Gerda Smulders" not in story_of(p, "Markt").shown_text
    book = load_workbook(report.review_path, read_only=True)
    try:
        how = " ".join(str(r[0]) for r in book["uitleg"].iter_rows(values_only=True) if r[0])
    finally:
        book.close()
    assert "zonder Frog" in how


def test_the_privacy_summary_gives_true_counts(project, register, monkeypatch):
    monkeypatch.setattr("verhalen.identifiers.frog_spans", lambda texts: None)
    p = small_project(project, register, MARKET)

    report = pseudonymize(p)
    summary = privacy_summary(p)

    assert summary is not None
    assert (summary.stories, summary.changed) == (2, 1)  # the plein story is unchanged
    assert summary.replacements == len(report.occurrences)
    assert summary.by_kind == {"person": 1, "phone": 1}
    assert (summary.reviewed, summary.unreviewed) == (0, 2)
    assert summary.engine == "deduce"


def test_the_report_privacy_section_gives_true_counts(project, register, monkeypatch):
    from verhalen.report.build import _privacy

    monkeypatch.setattr("verhalen.identifiers.frog_spans", lambda texts: None)
    p = small_project(project, register, MARKET)
    pseudonymize(p)

    data = types.SimpleNamespace(project=p, lang="nl", open_questions=[])
    text = _privacy(data).text  # type: ignore[arg-type]

    assert "in 1 van de 2 verhalen" in text
    assert "2 vervangingen (1 persoon, 1 telefoon)" in text
    assert "nog niet gecontroleerd: 2" in text and "deduce" in text


def test_printing_cards_warns_while_replacements_are_unreviewed(project, register, monkeypatch):
    from typer.testing import CliRunner

    from verhalen.cli.app import app

    monkeypatch.setattr("verhalen.identifiers.frog_spans", lambda texts: None)
    p = small_project(project, register, MARKET)
    runner = CliRunner()
    before = runner.invoke(app, ["--project", str(p.root), "workshop", "cards"])
    pseudonymize(p)

    after = runner.invoke(app, ["--project", str(p.root), "workshop", "cards"])

    assert before.exit_code == 0 and "gecontroleerd" not in before.stderr
    assert after.exit_code == 0, after.output
    assert "2 vervangingen van namen zijn nog niet gecontroleerd" in after.stderr


def test_detect_classifies_as_anonymize_does_without_frog():
    from verhalen.pseudonymize import detect

    texts = [
        "Mevrouw Jansen woont in Brugge en werkt bij de NMBS.",
        "Ik belde met Els Jansen op 06 12345678.",
    ]
    found = detect(texts, "nl", only=[1], frog=False)
    assert len(found) == 1
    kinds = {s.term: s.kind for s in found[0]}
    assert kinds == {"Els Jansen": "person", "06 12345678": "phone"}


def test_an_english_review_sheet_is_english_and_read_in_either_language(tmp_path: Path) -> None:
    from verhalen.review_sheet import (
        Occurrence,
        PseudonymReport,
        find_review,
        read_review,
        review_file_name,
        write_review,
    )

    found = Occurrence(1, "Titel", "text", "person", "Gerda", "[PERSON-1]", "… met Gerda …")
    report = PseudonymReport(1, 1, [found])
    english = tmp_path / review_file_name("en")
    write_review(report, english, "en")
    book = load_workbook(english)
    assert english.name == "pseudonymisation.xlsx"
    assert book.sheetnames == ["replacements", "extra terms", "how to"]
    assert [c.value for c in book["replacements"][1]] == REVIEW_COLUMNS["en"]
    assert [c.value for c in book["extra terms"][1]] == ["term", "kind"]
    how_to = " ".join(str(r[0]) for r in book["how to"].values if r[0])
    assert "verhalen anonymize --review pseudonymisation.xlsx" in how_to
    assert "pseudonimisering" not in how_to
    book["replacements"]["I2"] = "no"
    book["extra terms"].append(["Kanaalzijde", "place"])
    book.save(english)
    # an English sheet read in a Dutch project, also when named as the Dutch sheet is
    assert read_review(english, "nl") == ({"gerda"}, {"kanaalzijde": "place"})
    assert find_review(tmp_path / "pseudonimisering.xlsx") == english
    assert read_review(tmp_path / "pseudonimisering.xlsx", "nl") == read_review(english, "en")

    dutch = tmp_path / "nl" / review_file_name("nl")
    dutch.parent.mkdir()
    write_review(report, dutch, "nl")
    book = load_workbook(dutch)
    assert book.sheetnames == ["vervangingen", "extra termen", "uitleg"]
    book["vervangingen"]["I2"] = "nee"
    book["extra termen"].append(["Kanaalzijde", "plaats"])
    book.save(dutch)
    assert read_review(dutch, "en") == ({"gerda"}, {"kanaalzijde": "place"})


def test_a_review_decision_that_is_neither_yes_nor_no_is_asked_about(tmp_path: Path) -> None:
    from verhalen.errors import VerhalenError
    from verhalen.review_sheet import Occurrence, PseudonymReport, read_review, write_review

    found = Occurrence(1, "Titel", "text", "person", "Gerda", "[PERSOON-1]", "… met Gerda …")
    sheet = tmp_path / "pseudonimisering.xlsx"
    write_review(PseudonymReport(1, 1, [found]), sheet, "nl")
    book = load_workbook(sheet)
    book.worksheets[0]["I2"] = "misschien"
    book.save(sheet)
    # read as "keep" before: an unclear answer silently let the name through
    unclear = r"pseudonimisering\.xlsx:2: 'misschien' is geen besluit"
    with pytest.raises(VerhalenError, match=unclear):
        read_review(sheet, "nl")
    book.worksheets[0]["I2"] = "Ja"
    book.save(sheet)
    assert read_review(sheet, "nl") == (set(), {})
