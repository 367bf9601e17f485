"""Machine faults met by real processes: a read-only mount, a full disk, a file-size limit.

Each is one line naming the file and what to do, exit status 1, no traceback, and nothing
half-written: the store is unchanged and an older report is still whole. The mounts need root
and `unshare` (a private mount namespace, so nothing outside the test sees them); the size
limit needs neither.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from processes import example_project, verhalen
from support import fake_run, store_snapshot

from verhalen.project import STORE_NAME, Project

pytestmark = pytest.mark.slow


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and unshare -m")


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single error line of a refused command; fails on a traceback or a second line."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def in_namespace(mount: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run `commands` one by one, each in a private mount namespace after `mount`."""
    results = []
    for command in commands:
        script = f"{mount} && exec {shlex.join(command)}"
        results.append(
            subprocess.run(
                ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300
            )
        )
    return results


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The example's 160 stories with a stored run of four perspectives (no real clustering)."""
    project = example_project(tmp_path_factory.mktemp("faults") / "p")
    with project.store() as store, store.transaction():
        count = len(store.stories())
        fake_run(
            store,
            [1 + i % 4 for i in range(count)],
            {n: {"label": f"thema {n}", "terms": [f"woord{n}"]} for n in range(1, 5)},
        )
    return project


def fresh(clustered: Project, target: Path) -> Project:
    shutil.copytree(clustered.root, target)
    return Project.open(target)


@needs_mount
def test_a_read_only_project_can_be_read_and_refuses_every_change(
    clustered: Project, tmp_path: Path
) -> None:
    project = fresh(clustered, tmp_path / "p")
    root = project.root
    (root / "nieuw.txt").write_text("Een nieuw verhaal over de markt en de buren.\n", "utf-8")
    before = store_snapshot(project)
    out = tmp_path / "uit"
    mount = f"mount --bind -o ro {shlex.quote(str(root))} {shlex.quote(str(root))}"

    status, listed, perspectives, doctor, report = in_namespace(
        mount,
        verhalen(root, "status"),
        verhalen(root, "stories", "list"),
        verhalen(root, "perspectives", "list"),
        verhalen(root, "doctor"),
        verhalen(root, "report", "--out", out),
    )
    tag, cluster, ingest, report_inside = in_namespace(
        mount,
        verhalen(root, "tag", "set", "1", "gevoel", "50"),
        verhalen(root, "cluster"),
        verhalen(root, "ingest", root / "nieuw.txt"),
        verhalen(root, "report"),
    )

    for result in (status, listed, perspectives, report):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert "160 verhalen" in listed.stdout
    assert "thema 1" in perspectives.stdout
    assert (out / "catalysisrapport.pdf").stat().st_size > 10_000
    # doctor: a warning that it is read-only, and no repair advice for a healthy file
    assert doctor.returncode == 0, doctor.stdout
    assert "alleen-lezen" in doctor.stdout and "niets beschadigd" in doctor.stdout
    assert "beschadigd en" not in doctor.stdout and ".recover" not in doctor.stdout
    for refused in (tag, cluster):
        assert f"{root / STORE_NAME}: de projectmap is alleen-lezen" in one_line(refused)
    assert "alleen-lezen" in one_line(ingest)
    assert "alleen-lezen" in one_line(report_inside)
    assert store_snapshot(project) == before


@needs_mount
def test_read_only_message_follows_the_language(clustered: Project, tmp_path: Path) -> None:
    project = fresh(clustered, tmp_path / "p")
    root = project.root
    mount = f"mount --bind -o ro {shlex.quote(str(root))} {shlex.quote(str(root))}"

    [result] = in_namespace(mount, verhalen(root, "--lang", "en", "tag", "set", "1", "gevoel", "5"))

    assert "the project folder is read-only" in one_line(result)


@needs_mount
def test_a_full_disk_leaves_the_old_report_and_an_unchanged_store(
    clustered: Project, tmp_path: Path
) -> None:
    """A small file system with room for the project but not for a new report or story."""
    disk = tmp_path / "disk"
    disk.mkdir()
    project_bytes = sum(f.stat().st_size for f in clustered.root.rglob("*") if f.is_file())
    size_kib = (project_bytes + 2 * 1024 * 1024) // 1024  # room for the copy and an old report
    big = tmp_path / "groot.txt"
    big.write_text("Een lang verhaal over de buurt en het plein. " * 40_000, encoding="utf-8")
    root = disk / "p"
    old_pdf = b"%PDF-1.4 an older report, kept whole\n" * 10
    steps = " && ".join(
        [
            f"mount -t tmpfs -o size={size_kib}k tmpfs {shlex.quote(str(disk))}",
            f"cp -r {shlex.quote(str(clustered.root))} {shlex.quote(str(root))}",
            f"mkdir {shlex.quote(str(root / 'rapport'))}",
            f"printf %s {shlex.quote(old_pdf.decode())} > "
            f"{shlex.quote(str(root / 'rapport' / 'catalysisrapport.pdf'))}",
            # fill the disk but for 64 KiB: enough to open the store, not to write much
            f"(dd if=/dev/zero of={shlex.quote(str(disk / 'vol'))} bs=64k 2>/dev/null || true)",
            f"rm {shlex.quote(str(disk / 'vol'))}",
            f"dd if=/dev/zero of={shlex.quote(str(disk / 'vol'))} bs=1k "
            f"count=$(( $(df -k --output=avail {shlex.quote(str(disk))} | tail -1) - 64 ))"
            " 2>/dev/null",
        ]
    )
    probe = " ; ".join(
        [
            shlex.join(verhalen(root, "report")),
            "echo ==",
            shlex.join(verhalen(root, "ingest", big)),
            "echo ==",
            f"ls -a {shlex.quote(str(root / 'rapport'))}",
            "echo ==",
            f"cat {shlex.quote(str(root / 'rapport' / 'catalysisrapport.pdf'))}",
            "echo ==",
            shlex.join(verhalen(root, "stories", "list", "--json")) + " | wc -c",
        ]
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"{steps} && ( {probe} ) 2>&1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report_out, ingest_out, listing, pdf, _ = result.stdout.split("==\n")

    assert "Traceback" not in result.stdout
    assert "schijf is vol" in report_out or "schijf mislukte" in report_out
    assert "schijf is vol" in ingest_out or "schijf mislukte" in ingest_out
    assert len(report_out.strip().splitlines()) == 1
    assert len(ingest_out.strip().splitlines()) == 1
    names = set(listing.split())
    assert names <= {".", "..", "catalysisrapport.pdf", "catalysisrapport.xlsx"}, names
    assert pdf.encode() == old_pdf  # the older report is whole: no truncated PDF over it
    assert "groot" not in _  # the story was not stored


def test_a_file_size_limit_leaves_the_old_report_whole(clustered: Project, tmp_path: Path) -> None:
    project = fresh(clustered, tmp_path / "p")
    folder = project.root / "rapport"
    folder.mkdir()
    old = folder / "catalysisrapport.pdf"
    old.write_bytes(b"%PDF-1.4 older\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    result = subprocess.run(
        verhalen(project.root, "report"),
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
    )

    assert "groter dan dit systeem toestaat" in one_line(result)
    assert old.read_bytes() == b"%PDF-1.4 older\n"
    assert sorted(p.name for p in folder.iterdir()) in (
        ["catalysisrapport.pdf"],
        ["catalysisrapport.pdf", "catalysisrapport.xlsx"],
    )
