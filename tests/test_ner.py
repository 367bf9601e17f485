"""Frog as a separate program: entities at the right offsets, and a clear error without it."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from verhalen import ner
from verhalen.ner import Entity, FrogError, frog_available, frog_entities, frog_entities_near

TEXTS = [
    "Jan de Vries woont in Brugge en werkt bij Record Bank in Vlaanderen.",
    "De NMBS rijdt niet meer naar het Midden-Oosten, zegt minister Bellot.",
    "",
    # Windows line ends and a line of spaces between paragraphs: the name stops at the break.
    "Ik sprak met Piet Jansen\r\n  \r\nAntwerpen is mooi.",
    # Decomposed accents (as some PDFs and Macs give them): Frog composes, offsets stay ours.
    unicodedata.normalize("NFD", "Zoë Peeters ging naar Zürich."),
    # Frog drops the rest of a sentence after a token of thousands of characters.
    "x" * 5000 + " Jan Peeters woont in Mechelen.",
]
EXPECTED = [
    {("Jan de Vries", "person"), ("Brugge", "place"), ("Record Bank", "organisation")}
    | {("Vlaanderen", "place")},
    {("NMBS", "organisation"), ("Midden-Oosten", "place"), ("Bellot", "person")},
    set(),
    {("Piet Jansen", "person"), ("Antwerpen", "place")},
    {(unicodedata.normalize("NFD", "Zoë Peeters"), "person")}
    | {(unicodedata.normalize("NFD", "Zürich"), "place")},
    {("Jan Peeters", "person"), ("Mechelen", "place")},
]


@pytest.fixture(scope="module")
def found() -> list[list[Entity]]:
    """One Frog run for all assertions: its start-up alone takes about five seconds."""
    if not frog_available():
        pytest.skip("Frog is not installed (apt-get install frog frogdata uctodata)")
    return frog_entities(TEXTS)


@pytest.fixture
def no_cache() -> Iterator[None]:
    """frog_available() is cached per process; these tests change what it would find."""
    frog_available.cache_clear()
    yield
    frog_available.cache_clear()


def test_frog_finds_persons_places_and_organisations(found: list[list[Entity]]) -> None:
    assert len(found) == len(TEXTS)
    for text, entities, expected in zip(TEXTS, found, EXPECTED, strict=True):
        assert {(text[e.start : e.end], e.kind) for e in entities} == expected


def test_offsets_cover_whole_words_of_the_original(found: list[list[Entity]]) -> None:
    for text, entities in zip(TEXTS, found, strict=True):
        for e in entities:
            words = text[e.start : e.end]
            assert words and words == words.strip()
            assert e.start == 0 or not text[e.start - 1].isalnum()
            assert e.end == len(text) or not text[e.end].isalnum()
            assert e.kind in {"person", "place", "organisation"}


def test_without_frog_on_path_it_is_unavailable_and_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: None
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert frog_available() is False
    with pytest.raises(FrogError, match="not installed"):
        frog_entities(["Jan woont in Gent."])


def test_an_unknown_program_name_is_unavailable(
    monkeypatch: pytest.MonkeyPatch, no_cache: None
) -> None:
    monkeypatch.setattr(ner, "PROGRAM", "frog-that-is-not-there")
    assert frog_available() is False
    with pytest.raises(FrogError):
        frog_entities(["Jan woont in Gent."])


def fake_frog(folder: Path, script: str) -> None:
    """A stand-in `frog` on PATH, so failures and parsing are tested without Frog."""
    program = folder / "frog"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)


def test_frog_without_its_data_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: None
) -> None:
    """A program called frog with no share/frog/nld/frog.cfg beside it: models missing."""
    (tmp_path / "bin").mkdir()
    fake_frog(tmp_path / "bin", "exit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert frog_available() is False


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("echo 'kapot' >&2; exit 3\n", "exit code 3"),
        ("echo 'geen tabellen hier'\n", "unexpected output"),
        ("sleep 5\n", "longer than"),
    ],
)
def test_a_failing_frog_raises_frog_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, message: str
) -> None:
    fake_frog(tmp_path, script)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(FrogError, match=message):
        frog_entities(["Jan woont in Gent."], timeout=1)


def test_output_is_aligned_per_text_and_edges_trimmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frog's columns as it writes them; a token it changed (the ligature) is skipped."""
    rows = [
        ("Wij", "VNW(pers,pron)", "O"),
        ("zagen", "WW(pv,verl,mv)", "O"),
        ("financiële", "ADJ(prenom,basis,met-e,stan)", "O"),
        ("Marge", "SPEC(deeleigen)", "B-PER"),
        ("op", "VZ(init)", "O"),
        ("de", "LID(bep,stan,rest)", "O"),
        ("N", "SPEC(deeleigen)", "B-MISC"),  # Frog splits the road "N9": never half a word
        ("9", "TW(hoofd,vrij)", "O"),
        ("", "", ""),
        ("bij", "VZ(init)", "B-ORG"),
        ("Record", "SPEC(deeleigen)", "I-ORG"),
        ("Bank", "SPEC(deeleigen)", "I-ORG"),
        ("en", "VG(neven)", "B-PER"),
        ("Elia", "SPEC(deeleigen)", "I-PER"),
        (",", "LET()", "I-PER"),  # one entity over a comma is two names
        ("Piet", "SPEC(deeleigen)", "I-PER"),
        ("Proximus", "SPEC(deeleigen)", "B-EVE"),
    ]
    lines = [
        f"{i}\t{w}\t\t\t\t{p}\t1.0\t{n}\t\t\t\t\t\t" if w else ""
        for i, (w, p, n) in enumerate(rows)
    ]
    output = tmp_path / "output.tsv"
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fake_frog(tmp_path, f"cat '{output}'\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    texts = ["Wij zagen ﬁnanciële Marge op de N9", "bij Record Bank en Elia, Piet Proximus"]
    found = frog_entities(texts)
    assert [[(texts[i][e.start : e.end], e.kind) for e in f] for i, f in enumerate(found)] == [
        [("Marge", "person")],
        [("Record Bank", "organisation"), ("Elia", "person"), ("Piet", "person")],
    ]
    other = frog_entities(texts, other=True)
    start = texts[1].index("Proximus")
    assert other == [found[0], [*found[1], Entity(start, start + len("Proximus"), "other")]]


def test_alignment_picks_up_again_after_words_frog_left_out() -> None:
    """Not lost for the rest of the input, and never inside a word ("en" in "wegvallen")."""
    text = "Eerst " + "veel woorden die wegvallen " * 10 + "en dan Karel in Gent."
    words = ["Eerst", "en", "dan", "Karel", "in", "Gent", "."]
    starts, ends = ner._align(words, text)
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == words
    assert starts[1] == text.index("en dan")


def test_nothing_to_read_starts_no_frog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_frog(tmp_path, "exit 1\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert frog_entities(["", "  \n "]) == [[], []]
    assert frog_entities([]) == []


def test_near_sends_merged_windows_and_maps_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of a few words around each span; entities cut by a window's edge are dropped."""
    sent: list[str] = []

    def capitals(texts: list[str], **_: object) -> list[list[Entity]]:
        sent.extend(texts)  # every capitalised word a person: enough to check the offsets
        return [
            [Entity(m.start(), m.end(), "person") for m in re.finditer(r"[A-Z]\w+", t)]
            for t in texts
        ]

    monkeypatch.setattr(ner, "frog_entities", capitals)
    text = "een twee Anna drie vier vijf Piet zes zeven acht negen tien elf Karel twaalf"
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Piet", "Karel")]
    found = frog_entities_near([text, "Niets hier"], [spans, []], words=2)
    assert sent == ["vier vijf Piet zes zeven", "tien elf Karel twaalf"]
    assert [text[e.start : e.end] for e in found[0]] == ["Piet", "Karel"]
    assert found[1] == []
    # Overlapping windows become one; "Anna" starts the window at its edge: cut, left out.
    sent.clear()
    six = (text.index("zes"), text.index("zes") + 3)
    found = frog_entities_near([text], [[spans[0], six]], words=4)
    assert sent == ["Anna drie vier vijf Piet zes zeven acht negen tien"]
    assert [text[e.start : e.end] for e in found[0]] == ["Piet"]
