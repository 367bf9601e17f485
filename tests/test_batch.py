"""All or nothing, --skip-invalid, re-ingest and duplicates."""

from __future__ import annotations

import csv

import pytest
from support import ingest_ok, store_snapshot, stories

from verhalen.errors import RejectedBatch
from verhalen.ingest import ingest
from verhalen.store import Store

BRUG = (
    "De brug over de rivier was al maanden kapot en niemand van de gemeente kwam kijken wat er "
    "aan de hand was."
)
PLEIN = (
    "Op het plein werd elk jaar een groot feest gehouden met muziek en eten uit alle landen van "
    "de wereld."
)
BIEB = (
    "De bibliotheek ging dicht op zaterdag en de kinderen uit de buurt hadden nergens meer om te "
    "lezen."
)


def _write(path, *texts):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n---\n".join(texts) + "\n", encoding="utf-8")
    return path


# -- all or nothing -------------------------------------------------------------------------------


def test_rejected_batch_leaves_the_store_byte_identical(project, register):
    register()
    first = project.root / "batch-1"
    _write(first / "a.txt", BRUG)
    ingest_ok(project, [first])
    before = store_snapshot(project)

    second = project.root / "batch-2"
    _write(second / "b.txt", PLEIN)
    _write(second / "c.txt", "Verteller: V01\n\n" + BIEB)
    (second / "d.txt").write_text(
        "Verteller: Niemand\n\nDit verhaal heeft geen bekende verteller.\n"
    )
    with pytest.raises(RejectedBatch) as caught:
        ingest(project, [second])

    assert [str(p) for p in caught.value.problems] == [
        "batch-2/d.txt:1: onbekende verteller 'Niemand'"
    ]
    after = store_snapshot(project)
    assert after[0] == before[0]  # the SQLite file, byte for byte
    assert after[1] == before[1]  # and its write-ahead log
    assert after[2] == before[2]  # and everything in it
    assert [s.text for s in stories(project)] == [BRUG]

    # the comparison can tell: a good batch does change the file
    (second / "d.txt").unlink()
    ingest_ok(project, [second])
    assert store_snapshot(project)[0] != before[0]
    assert len(stories(project)) == 3


def test_failure_while_writing_rolls_back_everything(project, monkeypatch):
    ingest_ok(project, [_write(project.root / "a.txt", BRUG)])
    before = store_snapshot(project)
    calls = []
    real = Store.add_story

    def failing(self, story, source_id):
        calls.append(story.title)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, story, source_id)

    monkeypatch.setattr(Store, "add_story", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(project, [_write(project.root / "b.txt", PLEIN, BIEB)])

    assert len(calls) == 2  # the first story was written before the failure
    assert store_snapshot(project)[2] == before[2]
    with Store(project.store_path) as store:
        assert store.integrity_check() == "ok"
        assert store.count("sources") == 1


def test_dry_run_writes_nothing(project):
    before = store_snapshot(project)

    report = ingest(project, [_write(project.root / "a.txt", BRUG, PLEIN)], dry_run=True)

    assert report.would_store == 2
    assert report.stored == []
    assert store_snapshot(project)[2] == before[2]


def test_skip_invalid_stores_the_good_part_and_writes_rejects(project):
    _write(project.root / "in" / "goed.txt", BRUG, PLEIN)
    _write(
        project.root / "in" / "fout.txt", "Verteller: Niemand\n\n" + BIEB, "Nog een goed verhaal."
    )
    (project.root / "in" / "kapot.docx").write_bytes(b"not a zip at all")

    report = ingest(project, [project.root / "in"], skip_invalid=True)

    assert sorted(s.text for s in stories(project)) == sorted(
        [BRUG, PLEIN, "Nog een goed verhaal."]
    )
    assert [str(p) for p in report.problems] == [
        "in/fout.txt:1: onbekende verteller 'Niemand'",
        "in/kapot.docx: onleesbaar bestand: geen geldig document (File is not a zip file)",
    ]
    assert report.rejects_path == project.root / "afgewezen.csv"
    with report.rejects_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        ["bestand", "rij", "reden"],
        ["in/fout.txt", "1", "onbekende verteller 'Niemand'"],
        ["in/kapot.docx", "", "onleesbaar bestand: geen geldig document (File is not a zip file)"],
    ]


def test_skip_invalid_rejects_path_can_be_chosen(project, tmp_path):
    _write(project.root / "fout.txt", "Verteller: Niemand\n\nTekst.")

    report = ingest(
        project, [project.root / "fout.txt"], skip_invalid=True, rejects_path=tmp_path / "r.csv"
    )

    assert report.rejects_path == tmp_path / "r.csv"
    assert "onbekende verteller 'Niemand'" in (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert not (project.root / "afgewezen.csv").exists()


def test_an_english_project_writes_rejected_csv_in_english(project):
    _write(project.root / "fout.txt", "Verteller: Niemand\n\nTekst.")

    report = ingest(project.in_language("en"), [project.root / "fout.txt"], skip_invalid=True)

    assert report.rejects_path == project.root / "rejected.csv"
    with report.rejects_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["file", "row", "reason"], ["fout.txt", "1", "unknown storyteller 'Niemand'"]]
    assert not (project.root / "afgewezen.csv").exists()


def test_story_rejected_by_skip_invalid_can_be_ingested_after_the_fix(project, tellers_csv):
    path = _write(project.root / "c.txt", "Verteller: Wim\n\n" + BIEB, BRUG)
    ingest(project, [path], skip_invalid=True)
    assert [s.text for s in stories(project)] == [BRUG]

    # the user registers the missing storyteller and ingests the same file again
    wim = tellers_csv([("V20", "Wim", "inwoner", "", "")], name="wim.csv")
    ingest_ok(project, [path], storytellers_file=wim)

    assert sorted(s.text for s in stories(project)) == sorted([BIEB, BRUG])


# -- re-ingest ----------------------------------------------------------------------------------


def test_same_files_again_store_nothing(project):
    folder = project.root / "in"
    _write(folder / "a.txt", BRUG, PLEIN)
    _write(folder / "b.txt", BIEB)
    ingest_ok(project, [folder])
    before = store_snapshot(project)

    report = ingest_ok(project, [folder])

    assert report.stored == []
    assert report.files == 2
    assert report.unchanged == 2
    assert report.exact_duplicates == []
    assert store_snapshot(project)[2] == before[2]


def test_a_table_with_only_its_header_changes_nothing(project):
    """Before, it said 'nothing changed' but wrote a source row and a change row."""
    path = project.root / "leeg.csv"
    path.write_text("titel,verhaal\n", encoding="utf-8")
    before = store_snapshot(project)

    report = ingest_ok(project, [path])

    assert report.stored == []
    assert store_snapshot(project)[2] == before[2]


def test_changed_file_adds_only_the_new_story(project):
    path = _write(project.root / "a.txt", BRUG, PLEIN)
    first = ingest_ok(project, [path])
    brug_id, plein_id = first.stored

    _write(path, BRUG, PLEIN, BIEB)
    report = ingest_ok(project, [path])

    assert report.unchanged == 0
    assert len(report.stored) == 1
    assert [s.text for s in stories(project)] == [BRUG, PLEIN, BIEB]
    assert report.exact_duplicates == [
        f"a.txt:1: al aanwezig als verhaal {brug_id} (''), overgeslagen",
        f"a.txt:3: al aanwezig als verhaal {plein_id} (''), overgeslagen",
    ]


def test_duplicate_ignores_spacing_case_and_punctuation(project):
    ingest_ok(project, [_write(project.root / "a.txt", "Titel: Brug\n\n" + BRUG)])

    report = ingest_ok(project, [_write(project.root / "b.txt", BRUG.upper().replace(" ", "  "))])

    assert report.stored == []
    assert report.exact_duplicates == ["b.txt:1: al aanwezig als verhaal 1 ('Brug'), overgeslagen"]


def test_exact_duplicate_inside_one_batch_is_stored_once(project):
    _write(project.root / "in" / "a.txt", BRUG)
    _write(project.root / "in" / "b.txt", PLEIN, BRUG)

    report = ingest_ok(project, [project.root / "in"])

    assert [s.text for s in stories(project)] == [BRUG, PLEIN]
    assert len(report.stored) == 2
    assert len(report.exact_duplicates) == 1
    assert (
        report.exact_duplicates[0] == "in/b.txt:3: hetzelfde verhaal als in/a.txt:1, overgeslagen"
    )


def test_duplicate_inside_one_batch_names_where_it_was_first(project):
    _write(project.root / "in" / "a.txt", BRUG)
    _write(project.root / "in" / "b.txt", BRUG)

    report = ingest_ok(project, [project.root / "in"])

    assert len(report.stored) == 1
    assert report.exact_duplicates == ["in/b.txt:1: hetzelfde verhaal als in/a.txt:1, overgeslagen"]


# -- near duplicates ------------------------------------------------------------------------------

HEK = (
    "Op een maandag kwam ik bij het sportpark en aan de kant van de Molenweg stond ineens een "
    "groot groen hek met een slot erop. Niemand had iets gezegd, geen brief en geen telefoontje. "
    "Die ingang gebruiken de kinderen uit de wijk altijd omdat het korter is. Dus ik belde de "
    "gemeente en werd drie keer doorverbonden voordat iemand zei dat het besloten was vanwege "
    "de veiligheid."
)
# The same story transcribed by someone else: a few words changed, hesitations kept.
HEK_AGAIN = (
    "Op een maandag kwam ik eh bij het sportpark en aan de kant van de Molenweg stond opeens een "
    "groot groen hek met een slot erop. Niemand had iets gezegd, geen brief en geen telefoontje. "
    "Die ingang gebruiken de kinderen uit de buurt altijd omdat het korter is. Dus ik belde eh "
    "de gemeente en werd drie keer doorverbonden voordat iemand zei dat het besloten was "
    "vanwege de veiligheid."
)
LEESCLUB = (
    "De bibliotheek ging dicht op zaterdag en de kinderen uit de buurt hadden nergens meer om te "
    "lezen, dus begonnen de ouders zelf een leesclub in het buurthuis aan de Molenweg."
)


def test_near_duplicate_is_stored_and_flagged(project):
    _write(project.root / "tafel-1.txt", "Titel: Het hek\n\n" + HEK)
    ingest_ok(project, [project.root / "tafel-1.txt"])
    _write(
        project.root / "tafel-2.txt",
        "Titel: Hek bij het sportpark\n\n" + HEK_AGAIN,
        "Titel: De leesclub\n\n" + LEESCLUB,
    )

    report = ingest_ok(project, [project.root / "tafel-2.txt"])

    hek, hek_again, leesclub = stories(project)
    assert len(report.stored) == 2  # both versions are kept: a person decides
    assert report.exact_duplicates == []
    assert [(a, b) for a, b, _ in report.near_duplicates] == [(hek_again.id, hek.id)]
    with Store(project.store_path) as store:
        flags = [dict(f) for f in store.flags()]
        assert store.flags(leesclub.id) == []
    assert len(flags) == 1
    assert flags[0]["story_id"] == hek_again.id
    assert flags[0]["other_id"] == hek.id
    assert flags[0]["kind"] == "near_duplicate"
    assert 0.8 <= flags[0]["score"] < 1


def test_stories_list_flagged_shows_the_near_duplicate(project, cli):
    _write(project.root / "tafel-1.txt", "Titel: Het hek\n\n" + HEK)
    ingest_ok(project, [project.root / "tafel-1.txt"])
    _write(
        project.root / "tafel-2.txt",
        "Titel: Hek bij het sportpark\n\n" + HEK_AGAIN,
        "Titel: De leesclub\n\n" + LEESCLUB,
    )
    ingest_ok(project, [project.root / "tafel-2.txt"])

    result = cli("stories", "list", "--flagged")

    assert result.exit_code == 0, result.output
    assert "Hek bij het sportpark" in result.stdout
    assert "De leesclub" not in result.stdout
    assert "Het hek" not in result.stdout
    assert "1 verhaal\n" in result.stdout


def test_near_duplicates_within_one_batch(project):
    report = ingest_ok(project, [_write(project.root / "a.txt", HEK, LEESCLUB, HEK_AGAIN)])

    hek, _, hek_again = report.stored
    assert [(a, b) for a, b, _ in report.near_duplicates] == [(hek_again, hek)]


def test_unrelated_stories_are_not_flagged(project):
    report = ingest_ok(project, [_write(project.root / "a.txt", HEK, LEESCLUB, BRUG, PLEIN)])

    assert report.near_duplicates == []
    with Store(project.store_path) as store:
        assert store.flags() == []
