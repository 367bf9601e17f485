"""Perspectives named in words: key phrases, a proposed name, a summary and a near miss.

Most tests use a tiny synthetic collection and a bag-of-words embedder, so they need no model;
the last ones read the example project that the test session clusters once (support.demo_result).
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import numpy as np
import pytest
from support import demo_copy
from typer.testing import CliRunner

from verhalen.cli.app import app
from verhalen.naming import name_perspectives, sentences
from verhalen.text import lemmas, stop_words, token_runs

GENRE = "vraag"  # in every story of the synthetic collection: its genre, never a name


class WordsEmbedder:
    """Bag of lemmas hashed into 256 dimensions: close texts share words. Deterministic."""

    def transform(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 256))
        for row, words in enumerate(lemmas(texts, "nl")):
            for w in words:
                out[row, zlib.crc32(w.encode()) % 256] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


THEMES = {
    1: [
        "Er zat een lege stoel in de kring, voor de bewoner die er niet was.",
        "Bij elk overleg zet ik nu een lege stoel neer voor de buurt.",
        "De lege stoel herinnert ons eraan voor wie we het overleg doen.",
    ],
    2: [
        "Ik zocht ruimte in de regels, want de vergunning duurde maanden.",
        "De regels van inkoop zaten in de weg, tot we ruimte in de regels vonden.",
        "Met wat ruimte in de regels kon het speeltuintje toch worden gebouwd.",
    ],
    3: [
        "Op het buurtfeest raakten we aan de praat met de nieuwe buren.",
        "Sinds het buurtfeest kennen de buren elkaar eindelijk bij naam.",
        "Het buurtfeest bracht buren samen die dertig jaar naast elkaar woonden.",
    ],
}
SINGLE = "Mijn kapper in Kanaalzijde vertelde over zijn zieke kanarie en de dierenarts."


def collection(per_theme: int = 8) -> tuple[list[int], list[str], list[int]]:
    """Eight stories per theme (each a question and two theme sentences), two that fit
    nowhere and one perspective of a single story; every story holds the genre word."""
    ids, texts, labels = [], [], []
    sid = 100
    for number, lines in THEMES.items():
        for k in range(per_theme):
            first, second = lines[k % 3], lines[(k + 1) % 3]
            texts.append(
                f"Mijn {GENRE} is deze. [PERSOON-{k + 1}] vertelde het. {first[:-1]}, op dag "
                f"{k + 1}. {second} Dat was de {GENRE} van dag {k + 1}."
            )
            ids.append(sid)
            labels.append(number)
            sid += 1
    for k in range(2):
        texts.append(f"Een {GENRE} over het weer, het regende en het waaide die dag {k}.")
        ids.append(sid)
        labels.append(0)
        sid += 1
    texts.append(f"Een {GENRE}. {SINGLE}")
    ids.append(sid)
    labels.append(4)
    return ids, texts, labels


def named():
    ids, texts, labels = collection()
    embedder = WordsEmbedder()
    return (
        ids,
        texts,
        labels,
        name_perspectives(ids, texts, labels, embedder.transform(texts), embedder, "nl"),
    )


def test_every_real_perspective_gets_a_name_from_its_own_words():
    _ids, texts, labels, naming = named()

    assert sorted(naming) == [1, 2, 3, 4]  # never 0 (past nergens bij)
    for number, n in naming.items():
        assert n.name, number
        assert n.phrases and n.name.lower() == n.phrases[0].lower()
        own = " ".join(t for t, label in zip(texts, labels, strict=True) if label == number)
        for phrase in n.phrases:
            assert phrase.lower() in own.lower(), (number, phrase)
    said = {number: " ".join(n.phrases) for number, n in naming.items()}
    assert "lege stoel" in said[1]
    assert "ruimte" in said[2] and "regels" in said[2]
    assert "buurtfeest" in said[3].lower()


def test_phrases_neither_start_nor_end_with_a_stop_word_and_never_repeat_a_word():
    _ids, _texts, _labels, naming = named()
    stops = stop_words("nl")

    for n in naming.values():
        seen: set[str] = set()
        for phrase in n.phrases:
            (run,) = token_runs([phrase], "nl")[0]
            assert 1 <= len(run) <= 4
            for form, _lemma, stop in (run[0], run[-1]):
                assert not stop and form.lower() not in stops and len(form) >= 3, phrase
            content = {lemma_ for _, lemma_, stop in run if not stop}
            assert not content & seen, (phrase, n.phrases)  # no phrase repeats another's words
            seen |= content


def test_a_word_in_nearly_every_story_never_names_a_perspective():
    _ids, _texts, _labels, naming = named()

    for n in naming.values():
        for phrase in [*n.phrases, n.name]:
            words = phrase.lower().split()
            assert words[0] != GENRE and words[-1] != GENRE, phrase
        assert GENRE not in n.terms


def test_a_genre_word_in_every_perspective_never_names_one_that_uses_it_more():
    """Parliamentary questions: "hoeveel" is in every perspective's questions, and in all of
    those that ask for figures. It is the collection's genre all the same."""
    ids, texts, labels = collection(per_theme=12)
    for i, label in enumerate(labels):
        if label == 1 or (label in (2, 3) and i % 4 == 0):
            texts[i] = f"Hoeveel dagen duurde het? {texts[i]} Hoeveel mensen kwamen er?"
    embedder = WordsEmbedder()
    naming = name_perspectives(ids, texts, labels, embedder.transform(texts), embedder, "nl")

    for n in naming.values():
        assert "hoeveel" not in n.name.lower()
        for phrase in n.phrases:
            words = phrase.lower().split()
            assert words[0] != "hoeveel" and words[-1] != "hoeveel", phrase
    assert naming[1].name  # its own words remain


def test_a_single_story_perspective_gets_its_own_words_never_filler():
    _ids, _texts, _labels, naming = named()
    single = naming[4]
    own = set(lemmas([SINGLE], "nl")[0])

    assert single.name and single.terms
    assert set(single.terms) <= own
    for phrase in single.phrases:
        assert phrase.lower() in SINGLE.lower()
    assert single.summary == [{"story": 100 + 3 * 8 + 2, "sentence": SINGLE}]


def test_summary_sentences_come_from_the_perspectives_own_stories():
    ids, texts, labels, naming = named()
    by_id = dict(zip(ids, zip(texts, labels, strict=True), strict=True))

    for number, n in naming.items():
        assert 1 <= len(n.summary) <= 3
        assert len({s["story"] for s in n.summary}) == len(n.summary) or number == 4
        for item in n.summary:
            text, label = by_id[item["story"]]
            assert label == number
            assert item["sentence"] in sentences(text)
            assert len(item["sentence"].split()) >= 6


def test_near_miss_is_a_story_of_another_perspective():
    ids, _texts, labels, naming = named()
    label_of = dict(zip(ids, labels, strict=True))

    for number, n in naming.items():
        assert n.near_miss is not None
        assert label_of[n.near_miss] not in (number, 0, -1)


def test_same_input_same_naming():
    assert named()[3] == named()[3]


def test_ties_and_zero_weights_give_no_terms():
    """Two perspectives with the very same words: nothing distinguishes them, but whatever is
    proposed comes from their own text, never from the alphabet."""
    text = "Het loket ging dicht voordat wij er waren, zei de buurman."
    texts = [text] * 4
    ids = [1, 2, 3, 4]
    labels = [1, 1, 2, 2]
    embedder = WordsEmbedder()
    naming = name_perspectives(ids, texts, labels, embedder.transform(texts), embedder, "nl")

    own = set(lemmas([text], "nl")[0])
    for n in naming.values():
        assert set(n.terms) <= own
        assert all(p.lower() in text.lower() for p in n.phrases)


def test_sentences_split_before_a_capital_only():
    text = 'Hij zei: "Kom maar." Toen ging ik, bijv. de trap op! [PERSOON-2] lachte.\nKlaar'
    assert sentences(text) == [
        'Hij zei: "Kom maar."',
        "Toen ging ik, bijv. de trap op!",
        "[PERSOON-2] lachte.",
        "Klaar",
    ]


# -- the example project, clustered by the real pipeline ----------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory):
    return demo_copy(tmp_path_factory, tmp_path_factory.mktemp("naming") / "vp")


def test_example_perspectives_are_named_from_their_pseudonymised_stories(example):
    from verhalen.perspectives import perspectives

    with example.store() as store:
        shown = {s.id: s.shown_text for s in store.stories()}
        original = {s.id: s.text for s in store.stories()}
    views = [v for v in perspectives(example) if v.number > 0]
    assert views
    for v in views:
        assert v.label and v.title() == (v.name or v.label)
        assert v.phrases and v.phrases[0].lower() == v.label.lower()
        assert not re.search(r"\b(\w+)(, \1)+$", ", ".join(v.terms))  # no repeated filler
        for item in v.summary:
            assert item["story"] in v.story_ids
            assert item["sentence"] in shown[item["story"]]
        assert v.near_miss is not None and v.near_miss not in v.story_ids
    pseudonymised = [
        i for v in views for item in v.summary if shown[(i := item["story"])] != original[i]
    ]
    for i in pseudonymised:  # a placeholder may stand in a sentence, a real name never
        assert all(
            item["sentence"] in shown[i] for v in views for item in v.summary if item["story"] == i
        )


def test_list_json(example):
    from verhalen.perspectives import perspectives

    result = CliRunner().invoke(
        app, ["--project", str(example.root), "perspectives", "list", "--json"]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    views = perspectives(example)
    assert [r["number"] for r in records] == [v.number for v in views]
    assert 0 in [r["number"] for r in records]  # 'past nergens bij' is listed too
    for record, view in zip(records, views, strict=True):
        assert set(record) >= {
            "number",
            "name",
            "phrases",
            "summary",
            "stories",
            "stability",
            "exemplars",
        }
        assert record["name"] == view.title("nl")
        assert record["stories"] == len(view.story_ids)
        assert all(isinstance(p, str) for p in record["phrases"])
        assert all(set(s) == {"story", "sentence"} for s in record["summary"])
        assert record["stability"] is None or 0 <= record["stability"] <= 1
        assert record["exemplars"] == view.exemplars


def test_show_marks_a_proposed_name(example: Path):
    result = CliRunner().invoke(app, ["--project", str(example.root), "perspectives", "show", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("(voorstel;")
    assert any(line.startswith("kernzinnen: ") for line in lines)
    assert "In een paar zinnen" in lines
    assert "Een verhaal dat er bijna bij hoort" in lines
