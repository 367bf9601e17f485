"""Atomic outputs (#12): a write that fails half-way leaves the old file, never a partial one.

`verhalen.atomic` itself is tested directly. Then each kind of output (report PDF and XLSX,
workshop material, story exports, the rejects CSV, catalyse.yaml, a new project's files) is
written while the disk "fills up" after a few hundred bytes (every Python-level `open` for
writing in the output folder gets a file that raises ENOSPC), or while the renderer raises
late in its work. Afterwards the older file is byte for byte what it was and the folder holds
no other file, hidden temporary ones included.

One small project is built per module: stories ingested from a CSV and a clustering run stored
through the Store API instead of real clustering.
"""

from __future__ import annotations

import builtins
import csv
import errno
import io
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import count, fake_run, ingest_ok

from verhalen import atomic
from verhalen.demo import example_folder
from verhalen.explore import write_catalysis
from verhalen.ingest import ingest
from verhalen.project import CONFIG_NAME, FORM_NAME, Project, init_project
from verhalen.report import make_report
from verhalen.review_sheet import PseudonymReport, write_review
from verhalen.stories import export_stories
from verhalen.workshop import write_cards, write_sheets
from verhalen.workshop.template import write_template

EXAMPLE = example_folder()
OLD = b"an older file that must survive\n"
WORDS = {
    1: "het formulier en het loket en de regels",
    2: "de buren en de koffie in de straat",
    3: "de training in de kring met de trainer",
}
OUTCOME = {1: "slecht", 2: "goed", 3: "gemengd"}
STORIES = 24


# -- helpers ---------------------------------------------------------------------------------------


def listing(folder: Path) -> list[str]:
    """Every name in the folder, hidden ones too."""
    return sorted(p.name for p in folder.iterdir())


def full_disk(message: str = "No space left on device") -> OSError:
    return OSError(errno.ENOSPC, message)


class _FillingFile:
    """A file opened for writing on a disk with `room` bytes left: writes beyond it raise
    ENOSPC after writing what fits, as a real full disk does."""

    def __init__(self, real: Any, state: dict[str, int]):
        self._real = real
        self._state = state

    def write(self, data: Any) -> int:
        room = self._state["room"]
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        if size > room:
            part = data[:room] if isinstance(data, bytes | bytearray) else data[: room // 4]
            self._real.write(part)
            self._real.flush()
            self._state["room"] = 0
            raise full_disk()
        self._state["room"] = room - size
        return self._real.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._real)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


@pytest.fixture
def disk_fills(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path, int], None]:
    """`disk_fills(folder, room)`: from now on the disk holding `folder` has `room` bytes left
    for files opened for writing there (through `open`, `io.open` or `Path.open`)."""
    real_open = builtins.open

    def arm(folder: Path, room: int) -> None:
        state = {"room": room}
        folder = folder.resolve()

        def filling_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_open(file, mode, *args, **kwargs)
            writing = any(c in mode for c in "wax+")
            inside = isinstance(file, str | os.PathLike) and Path(file).resolve().parent == folder
            return _FillingFile(handle, state) if writing and inside else handle

        monkeypatch.setattr(builtins, "open", filling_open)
        monkeypatch.setattr(io, "open", filling_open)

    return arm


def build_project(root: Path) -> Project:
    root.mkdir(parents=True)
    shutil.copy(EXAMPLE / FORM_NAME, root / FORM_NAME)
    project = init_project(root, template="programma", name="Atomisch")
    tellers = root / "vertellers.csv"
    with tellers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol"])
        w.writerows([(f"V{k}", f"Naam{k}", ("inwoner", "ambtenaar")[k % 2]) for k in range(1, 5)])
    stories = root / "verhalen.csv"
    with stories.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["titel", "verhaal", "verteller", "afloop", "gevoel"])
        for i in range(1, STORIES + 1):
            n = 1 + i % 3
            text = f"Verhaal {i} gaat over {WORDS[n]}. Zo ging het toen."
            w.writerow([f"Verhaal {i}", text, f"V{1 + i % 4}", OUTCOME[n], 20 * n + i % 5])
    ingest_ok(project, [stories], storytellers_file=tellers)
    fields = {n: {"label": WORDS[n], "terms": WORDS[n].split()[:3]} for n in WORDS}
    with project.store() as store, store.transaction():
        fake_run(store, [1 + i % 3 for i in range(1, STORIES + 1)], fields)
    return Project.open(root)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The module's project; tests write their outputs into their own folders."""
    return build_project(tmp_path_factory.mktemp("atomisch") / "p")


def older(folder: Path, name: str) -> Path:
    """An existing older output in its own folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(OLD)
    return path


def assert_untouched(path: Path, before: list[str]) -> None:
    assert path.read_bytes() == OLD
    assert listing(path.parent) == before


# -- verhalen.atomic -------------------------------------------------------------------------------


def test_failure_inside_the_block_keeps_the_old_file_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(OLD)

    with pytest.raises(OSError) as caught, atomic.atomic_path(path) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx" and tmp.name.startswith(".")
        tmp.write_bytes(b"half a rep")
        raise full_disk()

    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == OLD
    assert listing(tmp_path) == ["rapport.xlsx"]


def test_failure_without_an_old_file_leaves_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt), atomic.atomic_path(tmp_path / "nieuw.csv") as tmp:
        tmp.write_text("a,b\n", encoding="utf-8")
        raise KeyboardInterrupt

    assert listing(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_success_writes_the_content_with_the_usual_permissions(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        atomic.write_text(tmp_path / "a.csv", "x;y\r\n1;2\r\n", newline="")
        atomic.write_bytes(tmp_path / "b.pdf", b"%PDF-1.4")
    finally:
        os.umask(old)

    assert (tmp_path / "a.csv").read_bytes() == b"x;y\r\n1;2\r\n"
    assert (tmp_path / "b.pdf").read_bytes() == b"%PDF-1.4"
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == mode
    assert (tmp_path / "b.pdf").stat().st_mode & 0o777 == mode
    assert listing(tmp_path) == ["a.csv", "b.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="file modes and links are POSIX")
def test_a_replaced_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path):
    private = tmp_path / "catalyse.yaml"
    private.write_text("oud\n", encoding="utf-8")
    private.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(private.name)

    atomic.write_text(private, "nieuw\n")
    atomic.write_text(link, "via de link\n")

    assert private.stat().st_mode & 0o777 == 0o600
    assert link.is_symlink() and private.read_text(encoding="utf-8") == "via de link\n"
    assert listing(tmp_path) == ["catalyse.yaml", "link.yaml"]


def test_the_filling_disk_helper_really_leaves_partial_files_when_writing_in_place(
    tmp_path, disk_fills
):
    # the test double is only worth something if a plain write would be caught by it
    path = tmp_path / "verhalen.csv"
    path.write_bytes(OLD)
    disk_fills(tmp_path, 10)

    with pytest.raises(OSError):
        path.write_text("x" * 100, encoding="utf-8")

    assert path.read_bytes() not in (OLD, b"")  # partial: what atomic writes prevent


# -- every output ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_report_on_a_full_disk_keeps_the_older_report(example, tmp_path, disk_fills, fmt):
    from verhalen.report import file_name

    path = older(tmp_path / "rapport", file_name(fmt, "nl"))
    before = listing(path.parent)
    disk_fills(path.parent, 2000)

    with pytest.raises(OSError) as caught:
        make_report(example, fmt, out=path.parent)

    assert caught.value.errno == errno.ENOSPC
    assert_untouched(path, before)


def test_pdf_renderer_failing_after_its_layout_passes_keeps_the_older_report(
    example, tmp_path, monkeypatch
):
    from reportlab.pdfbase.pdfdoc import PDFDocument

    path = older(tmp_path / "rapport", "catalysisrapport.pdf")
    before = listing(path.parent)
    calls = []

    def late(self, canvas):  # serialising the PDF: the last step, after every layout pass
        calls.append(1)
        raise full_disk()

    monkeypatch.setattr(PDFDocument, "GetPDFData", late)

    with pytest.raises(OSError):
        make_report(example, "pdf", out=path.parent)

    assert calls == [1]
    assert_untouched(path, before)


def test_xlsx_writer_failing_after_the_first_sheet_keeps_the_older_report(
    example, tmp_path, monkeypatch
):
    from openpyxl.writer.excel import ExcelWriter

    path = older(tmp_path / "rapport", "catalysisrapport.xlsx")
    before = listing(path.parent)
    real = ExcelWriter.write_worksheet
    calls = []

    def late(self, ws):
        calls.append(1)
        if len(calls) >= 2:
            raise full_disk()
        return real(self, ws)

    monkeypatch.setattr(ExcelWriter, "write_worksheet", late)

    with pytest.raises(OSError):
        make_report(example, "xlsx", out=path.parent)

    assert len(calls) == 2
    assert_untouched(path, before)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_story_export_on_a_full_disk_keeps_the_older_export(example, tmp_path, disk_fills, fmt):
    path = older(tmp_path / "export", f"verhalen.{fmt}")
    before = listing(path.parent)
    disk_fills(path.parent, 600)

    with pytest.raises(OSError):
        export_stories(example, path)

    assert_untouched(path, before)


def test_csv_export_failing_half_way_through_the_rows_keeps_the_older_export(
    example, tmp_path, monkeypatch
):
    import verhalen.stories

    path = older(tmp_path / "export", "verhalen.csv")
    before = listing(path.parent)
    real = verhalen.stories._csv_cell
    calls = []

    def late(value, lang):
        calls.append(1)
        if len(calls) > 100:
            raise full_disk()
        return real(value, lang)

    monkeypatch.setattr(verhalen.stories, "_csv_cell", late)

    with pytest.raises(OSError):
        export_stories(example, path)

    assert_untouched(path, before)


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("verhaalkaarten.pdf", lambda p, path: write_cards(p, path)),
        ("perspectiefbladen.pdf", lambda p, path: write_sheets(p, path)),
        ("resultaten.xlsx", lambda p, path: write_template(path, p)),
    ],
)
def test_workshop_material_on_a_full_disk_keeps_the_older_file(
    example, tmp_path, disk_fills, name, write
):
    path = older(tmp_path / "workshop", name)
    before = listing(path.parent)
    disk_fills(path.parent, 1500)

    with pytest.raises(OSError):
        write(example, path)

    assert_untouched(path, before)


def test_review_sheet_on_a_full_disk_keeps_the_older_sheet(tmp_path, disk_fills):
    path = older(tmp_path, "pseudonimisering.xlsx")
    before = listing(tmp_path)
    disk_fills(tmp_path, 1500)

    with pytest.raises(OSError):
        write_review(PseudonymReport(stories=0, changed=0), path)

    assert_untouched(path, before)


def test_rejects_csv_on_a_full_disk_keeps_the_older_list_and_stores_nothing(
    project, tmp_path, disk_fills
):
    for k in range(20):
        (project.root / f"fout{k}.txt").write_text(
            f"Verteller: Niemand{k}\n\nTekst {k}.\n", encoding="utf-8"
        )
    path = older(tmp_path / "uit", "afgewezen.csv")
    before = listing(path.parent)
    disk_fills(path.parent, 300)

    with pytest.raises(OSError):
        ingest(project, [project.root], skip_invalid=True, rejects_path=path)

    assert_untouched(path, before)
    assert count(project, "stories") == 0


def test_catalysis_on_a_full_disk_keeps_the_facilitators_file(example, tmp_path, disk_fills):
    root = tmp_path / "p"
    shutil.copytree(example.root, root)
    project = Project.open(root)
    path = root / "catalyse.yaml"
    mine = "# mijn waarnemingen\nobservaties:\n  - id: eerste\n    tekst: Iets wat opviel.\n"
    path.write_text(mine, encoding="utf-8")
    before = listing(root)
    many = [
        {"id": f"w{k}", "tekst": f"Waarneming {k}.", "interpretaties": ["Dit kan.", "Of niet."]}
        for k in range(20)
    ]
    disk_fills(root, 300)

    with pytest.raises(OSError) as caught:
        write_catalysis(project, many)

    assert caught.value.errno == errno.ENOSPC
    assert path.read_text(encoding="utf-8") == mine
    assert listing(root) == before
    assert yaml.safe_load(mine)["observaties"][0]["id"] == "eerste"


def test_catalysis_template_on_a_full_disk_leaves_no_file(example, tmp_path, disk_fills):
    from verhalen.report import init_catalysis

    root = tmp_path / "p"
    shutil.copytree(example.root, root)
    before = listing(root)
    disk_fills(root, 300)

    with pytest.raises(OSError):
        init_catalysis(Project.open(root))

    assert listing(root) == before  # no half template that would block the next try


def test_new_project_on_a_full_disk_leaves_no_half_config(tmp_path, disk_fills):
    root = tmp_path / "nieuw"
    root.mkdir()
    disk_fills(root, 20)

    with pytest.raises(OSError):
        init_project(root)

    assert CONFIG_NAME not in listing(root)
    assert not [n for n in listing(root) if n.startswith(".")]
