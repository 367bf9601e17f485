"""Automatic tags: language, length, reading time, key terms and group, apart from the answers."""

from __future__ import annotations

import csv
import math
import sqlite3
from pathlib import Path

import pytest
import yaml
from support import answers, ingest_ok

from verhalen.autotag import auto_tag, detect_language
from verhalen.project import Project
from verhalen.text import SPOKEN_FILLERS, stop_words
from verhalen.variables import filter_ids, records

REPO = Path(__file__).resolve().parents[1]
DUTCH_SOURCE = REPO / "data" / "voorbeeld-bron" / "deel-A.yaml"
SHARED = Path(__file__).resolve().parents[2] / "shared"
ENGLISH_SOURCE = SHARED / "corpora" / "personabank-en" / "stories.csv"

# A transcribed story full of fillers, with plurals that must come back as their lemma.
SPOKEN = (
    "Nou, eh, ik zat dus gewoon bij die vergaderingen, weet je. Echt, drie vergaderingen "
    "achter elkaar, hè, en elke keer weer die vergaderingen over de subsidie. Ja, nou ja. "
    "Eh, de subsidie voor de partytenten, want die partytenten waren kapot. Gewoon kapot, hoor. "
    "Zeg maar, de partytenten lagen in de schuur en niemand wist van wie ze waren."
)


def dutch_stories() -> list[dict]:
    return yaml.safe_load(DUTCH_SOURCE.read_text(encoding="utf-8"))


def english_texts() -> list[str]:
    if not ENGLISH_SOURCE.is_file():
        pytest.skip(f"English stories not found at {ENGLISH_SOURCE}")
    with ENGLISH_SOURCE.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "text" not in rows[0]:
        pytest.skip(f"{ENGLISH_SOURCE} has no column 'text'")
    return [r["text"] for r in rows if r["text"].strip()]


# -- language -----------------------------------------------------------------------------------


def test_detect_language_on_real_dutch_stories():
    texts = [s["text"] for s in dutch_stories()[:10]]

    assert [detect_language(t) for t in texts] == ["nl"] * 10


def test_detect_language_on_real_english_stories():
    texts = english_texts()[:10]

    assert len(texts) == 10
    assert [detect_language(t) for t in texts] == ["en"] * 10


def test_detect_language_on_short_sentences():
    assert detect_language("Nou, ik zal je vertellen wat er gebeurde.") == "nl"
    assert detect_language("I will tell you what happened that night.") == "en"


@pytest.mark.parametrize("text", ["", "   ", "Ja.", "Ja hoor", "Goed zo!"])
def test_too_little_text_has_no_language(text):
    assert detect_language(text) is None


# -- auto_tag on a project ------------------------------------------------------------------------


@pytest.fixture
def tagged_project(project: Project, register) -> Project:
    """Six real Dutch stories (storytellers V01 and V02), one English, one spoken, one short."""
    register()
    source = dutch_stories()
    chosen = [s for s in source if s["storyteller"] == "V01"][:3]
    chosen += [s for s in source if s["storyteller"] == "V02"][:3]
    rows = [(s["title"], s["text"], s["storyteller"]) for s in chosen]
    rows.append(("An English story", english_texts()[0], ""))
    rows.append(("Vergaderen", SPOKEN, "V03"))
    rows.append(("Kort", "Ja hoor.", ""))
    path = project.root / "verhalen.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["titel", "tekst", "verteller"])
        writer.writerows(rows)
    ingest_ok(project, [path])
    return project


def tags_by_title(project: Project) -> dict[str, dict]:
    with project.store() as store:
        tags = store.tags()
        return {s.title: tags.get(s.id, {}) for s in store.stories()}


def test_auto_tag_stores_language_length_reading_time_key_terms_and_group(tagged_project):
    project = tagged_project

    report = auto_tag(project)

    assert report.stories == 9
    assert report.languages == {"?": 1, "en": 1, "nl": 7}
    tags = tags_by_title(project)
    with project.store() as store:
        stories = {s.title: s for s in store.stories()}
    for title, story in stories.items():
        mine = tags[title]
        assert mine["words"] == story.words
        assert mine["reading_minutes"] == max(0.5, math.ceil(story.words / 100) / 2)
        assert story.language == mine.get("language")
    assert tags["An English story"]["language"] == "en"
    assert tags["Vergaderen"]["language"] == "nl"
    assert "language" not in tags["Kort"]  # too short to tell: no language, not a guess
    assert tags["Kort"]["reading_minutes"] == 0.5
    assert tags["Zij op het podium, wij op de klapstoeltjes"]["reading_minutes"] == 1.0
    assert tags["Zij op het podium, wij op de klapstoeltjes"]["group"] == "inwoner"
    assert tags["Vergaderen"]["group"] == "ambtenaar"
    assert "group" not in tags["An English story"]  # no storyteller


def test_key_terms_are_lemmas_without_stop_words_or_fillers(tagged_project):
    project = tagged_project
    auto_tag(project)
    tags = tags_by_title(project)

    spoken = tags["Vergaderen"]["key_terms"]
    assert "vergadering" in spoken and "partytent" in spoken  # lemmas, not the plurals
    assert "vergaderingen" not in spoken and "partytenten" not in spoken
    dutch_noise = stop_words("nl") | {"nou", "eh", "gewoon", "echt", "hè", "zeg", "hoor", "ja"}
    for title, mine in tags.items():
        if mine.get("language") != "nl":
            continue
        terms = mine["key_terms"]
        assert 1 <= len(terms) <= 5, title
        assert len(set(terms)) == len(terms)
        assert not set(terms) & dutch_noise, (title, terms)
        assert all(t == t.lower() and t.isalpha() and len(t) >= 3 for t in terms), terms
    podium = tags["Zij op het podium, wij op de klapstoeltjes"]["key_terms"]
    assert {"informatieavond", "brief"} & set(podium), podium
    english = tags["An English story"]["key_terms"]
    assert english and not set(english) & (stop_words("en") | SPOKEN_FILLERS["en"])
    assert tags["Kort"].get("key_terms", []) == []


def test_the_filler_mens_is_dropped_in_the_plural_too(project):
    texts = [
        "Die mensen daar, de mensen hier, alle mensen wilden een speeltuin bij het kanaal.",
        "De mensen van de bibliotheek maakten een leesclub voor mensen met weinig tijd.",
    ]
    path = project.root / "mensen.txt"
    path.write_text("\n---\n".join(texts), encoding="utf-8")
    ingest_ok(project, [path])

    auto_tag(project)

    for mine in tags_by_title(project).values():
        assert "mensen" not in mine["key_terms"]


def test_auto_tags_are_kept_apart_from_answers(tagged_project):
    project = tagged_project
    with project.store() as store:
        first = store.stories()[0].id
        store.set_answer(first, "afloop", "goed")
    before = answers(project)

    auto_tag(project)

    assert answers(project) == before  # no tag became an answer, no answer was touched
    db = sqlite3.connect(project.store_path)
    try:
        sources = {r[0] for r in db.execute("SELECT DISTINCT source FROM tags")}
        names = {r[0] for r in db.execute("SELECT DISTINCT name FROM tags")}
    finally:
        db.close()
    assert sources == {"auto"}
    assert names == {"language", "words", "reading_minutes", "key_terms", "group"}
    record = next(r for r in records(project) if r.story_id == first)
    assert record.values["afloop"] == "goed"
    assert record.values["tag:language"] == "nl"
    assert "language" not in record.values


def test_auto_tags_can_be_filtered_on(tagged_project):
    project = tagged_project
    auto_tag(project)
    with project.store() as store:
        ids = {s.title: s.id for s in store.stories()}

    assert filter_ids(project, ["taal=en"]) == {ids["An English story"]}
    assert filter_ids(project, ["kernwoorden~vergadering"]) == {ids["Vergaderen"]}
    assert ids["Kort"] not in (filter_ids(project, ["woorden>=10"]) or set())
    assert filter_ids(project, ["groep=ambtenaar"]) == {ids["Vergaderen"]}


def test_auto_tag_twice_gives_identical_tags(tagged_project):
    project = tagged_project
    auto_tag(project)
    first = tags_by_title(project)

    auto_tag(project)

    assert tags_by_title(project) == first
