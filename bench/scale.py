"""How verhalen grows with the project: every stage on 1,000, 10,000 and 50,000 stories.

Why this exists: researchers put years of fieldwork into one project, and a tool that is quick on
the 160-story example can still fall over at 50,000. For each size this script generates a story
collection (the mixed formats, storytellers and story-form answers of bench/ingest.py), then runs
the stages a facilitator runs, each as its own `verhalen` process, and prints the wall time and
peak memory of every stage:

    ingest     `verhalen ingest` of every file, with the storytellers table
    tag        `verhalen tag auto` (language, length, key terms)
    anonymize  `verhalen anonymize` (deduce, contact patterns; writes the review sheet)
    embed      the embeddings of every story into the store's cache (first clustering's share)
    cluster    `verhalen cluster` with the cache filled (the default 20 consensus runs)
    patterns   `verhalen patterns list`
    report     `verhalen report` (PDF and XLSX)

Targets on 2 cores: 1,000 stories end to end under 60 s; 10,000 under 5 minutes and under
4 GiB. "End to end" is the issue's five stages (ingest, embed, cluster, patterns, report); tag
and anonymize are measured too and shown in "all stages". The last table shows time per story
against the smallest size, so a stage that grows worse than linearly stands out. Results go in
docs/performance.md.

    .venv/bin/python bench/scale.py                         # 1,000, 10,000 and 50,000 (~25 min)
    .venv/bin/python bench/scale.py --sizes 1000            # one size (~1 min)
    .venv/bin/python bench/scale.py --sizes 1000 10000 --json scale.json --keep /tmp/scale
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from ingest import STORYFORM, STORYTELLERS, generate  # noqa: E402

VERHALEN = [sys.executable, "-m", "verhalen"]
EMBED = """
import sys
from pathlib import Path

from verhalen.cluster import ClusterConfig
from verhalen.perspectives import collection
from verhalen.project import Project

project = Project.open(Path(sys.argv[1]))
collection(project, ClusterConfig(lang=project.form.language or "nl"))
"""
STAGES = ("ingest", "tag", "anonymize", "embed", "cluster", "patterns", "report")
TARGET_STAGES = ("ingest", "embed", "cluster", "patterns", "report")  # the end to end
TARGETS = {1_000: (60.0, None), 10_000: (300.0, 4 * 1024)}  # seconds, MiB


@dataclass
class Stage:
    size: int
    name: str
    seconds: float
    peak_mib: float


def command(name: str, root: Path, folder: Path) -> list[str]:
    project = ["--project", str(root)]
    return {
        "ingest": [*VERHALEN, *project, "ingest", str(folder), "--storytellers", str(STORYTELLERS)],
        "tag": [*VERHALEN, *project, "tag", "auto"],
        "anonymize": [*VERHALEN, *project, "anonymize", "--out", str(root / "controle.xlsx")],
        "embed": [sys.executable, "-c", EMBED, str(root)],
        "cluster": [*VERHALEN, *project, "cluster"],
        "patterns": [*VERHALEN, *project, "patterns", "list"],
        "report": [*VERHALEN, *project, "report", "--out", str(root / "rapport")],
    }[name]


def run_stage(size: int, name: str, argv: list[str], log: Path) -> Stage:
    """Run one stage as its own process; its wall time and its own peak resident memory."""
    started = time.perf_counter()
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(argv)}\n".encode())
        out.flush()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"{name} on {size:,} stories failed ({proc.returncode}):\n{tail}")
    return Stage(size, name, seconds, usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux


def check(root: Path, size: int) -> str:
    """What the stages produced, so a fast but empty result cannot pass for a good one."""
    sys.path.insert(0, str(ROOT / "src"))
    from verhalen.project import Project

    project = Project.open(root)
    with project.store() as store:
        stories = store.count("stories")
        run = store.active_run()
        assigned = store.db.execute(
            "SELECT COUNT(*) FROM assignments WHERE run_id = ?", (run.id,)
        ).fetchone()[0]
        perspectives = store.db.execute(
            "SELECT COUNT(*) FROM perspectives WHERE run_id = ?", (run.id,)
        ).fetchone()[0]
    if stories != size or assigned != size:
        raise SystemExit(f"{size:,}: the store holds {stories:,} stories, {assigned:,} assigned")
    pdf = next((root / "rapport").glob("*.pdf"))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages")), "?")
    return f"{stories:,} stories, {perspectives} perspectives (incl. unassigned), report {pages} p."


def run_size(size: int, seed: int, work: Path, stages: tuple[str, ...]) -> list[Stage]:
    root = work / f"project-{size}"
    folder = root / "verhalen"
    folder.mkdir(parents=True)
    started = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        files = pool.submit(generate, folder, size, seed).result()
    print(
        f"{size:,} stories in {sum(files.values()):,} files generated in "
        f"{time.perf_counter() - started:.0f} s (not counted)",
        file=sys.stderr,
        flush=True,
    )
    shutil.copy(STORYFORM, root / "storyform.yaml")
    init = [*VERHALEN, "init", str(root), "--name", f"schaal-{size}"]
    subprocess.run(init, check=True, capture_output=True)
    log = root / "bench.log"
    done = []
    for name in stages:
        stage = run_stage(size, name, command(name, root, folder), log)
        done.append(stage)
        print(
            f"  {size:>6,} {name:<10} {stage.seconds:8.1f} s {stage.peak_mib:8.0f} MiB",
            file=sys.stderr,
            flush=True,
        )
    if stages == STAGES:
        print(f"  {check(root, size)}", file=sys.stderr, flush=True)
    return done


def table(results: list[Stage], stages: tuple[str, ...]) -> str:
    sizes = sorted({r.size for r in results})
    by = {(r.size, r.name): r for r in results}
    head = ["stories", *stages, "end to end s", "all stages s", "peak MiB", "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size in sizes:
        row = [by[(size, s)] for s in stages if (size, s) in by]
        core = [by[(size, s)] for s in TARGET_STAGES if (size, s) in by]
        total = sum(r.seconds for r in row)
        end_to_end = sum(r.seconds for r in core)
        peak = max(r.peak_mib for r in row)
        limit_s, limit_mib = TARGETS.get(size, (None, None))
        verdict = "-"
        if limit_s is not None and len(core) == len(TARGET_STAGES):
            met = end_to_end <= limit_s and (limit_mib is None or peak <= limit_mib)
            mem = f", < {limit_mib // 1024} GiB" if limit_mib else ""
            verdict = f"< {limit_s:.0f} s{mem}: {'met' if met else 'MISSED'}"
        cells = [f"{by[(size, s)].seconds:.1f}" if (size, s) in by else "-" for s in stages]
        lines.append(
            f"| {size:,} | "
            + " | ".join(cells)
            + f" | {end_to_end:.1f} | {total:.1f} | {peak:.0f} | {verdict} |"
        )
    lines += ["", "Peak resident memory per stage (MiB):", ""]
    lines += ["| stories | " + " | ".join(stages) + " |", "|" + "---|" * (len(stages) + 1)]
    for size in sizes:
        cells = [f"{by[(size, s)].peak_mib:.0f}" if (size, s) in by else "-" for s in stages]
        lines.append(f"| {size:,} | " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        base = sizes[0]
        lines += [
            "",
            f"Seconds per 1,000 stories, relative to {base:,} stories (1.0 = linear):",
            "",
        ]
        lines += ["| stories | " + " | ".join(stages) + " |", "|" + "---|" * (len(stages) + 1)]
        for size in sizes[1:]:
            cells = []
            for s in stages:
                if (size, s) in by and (base, s) in by:
                    ratio = (by[(size, s)].seconds / size) / (by[(base, s)].seconds / base)
                    cells.append(f"{ratio:.2f}")
                else:
                    cells.append("-")
            lines.append(f"| {size:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; load average at the end {load:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    parser.add_argument("--json", type=Path, help="also write every stage's numbers here")
    parser.add_argument("--keep", type=Path, help="build the projects in this new folder")
    args = parser.parse_args()
    stages = tuple(s for s in STAGES if s in args.stages)
    if args.keep and args.keep.exists():
        parser.error(f"--keep {args.keep}: already exists")
    work = args.keep or Path(tempfile.mkdtemp(prefix="verhalen-scale-"))
    results: list[Stage] = []
    try:
        for size in args.sizes:
            results += run_size(size, args.seed, work, stages)
            if args.json:
                args.json.write_text(json.dumps([asdict(r) for r in results], indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results, stages))
    print(f"\nMachine: {machine()}.")


if __name__ == "__main__":
    main()
