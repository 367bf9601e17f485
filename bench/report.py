"""Benchmark `verhalen report` (PDF and XLSX) on a generated project of 1,000 stories.

Why this exists: the report typesets every story in its appendix and draws a chart per notable
pattern, so its cost grows with the project; a programme-wide project reaches a thousand stories
and the facilitator makes the report again after every edit. Target: under 30 s on 2 cores.

The project is generated, not clustered: storytellers and stories with answers to the example
form (src/verhalen/voorbeeld/storyform.yaml) go in through ordinary ingest, and a clustering run
with six perspectives is stored through the Store API, so the benchmark measures the report alone.
Answers lean on the perspective, so there are notable patterns to draw.

    .venv/bin/python bench/report.py                  # 1,000 stories, both formats
    .venv/bin/python bench/report.py --stories 300 --keep /tmp/p
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from verhalen.project import FORM_NAME, Project, init_project  # noqa: E402

EXAMPLE = ROOT / "src" / "verhalen" / "voorbeeld"  # the example shipped with the package
GROUPS = ("inwoner", "ambtenaar", "raadslid", "wethouder")
AGES = ("jonger dan 30", "30-45", "45-60", "60 of ouder")
THEMES = {
    1: ("regels", "formulier", "vergunning", "loket", "aanvraag", "wachten"),
    2: ("buren", "elkaar", "kennen", "koffie", "straat", "feest"),
    3: ("training", "trainer", "oefening", "kring", "stoel", "luisteren"),
    4: ("raad", "wethouder", "besluit", "vergadering", "motie", "begroting"),
    5: ("geld", "subsidie", "bedrag", "rekening", "factuur", "begroting"),
    6: ("jongeren", "school", "sport", "veld", "bibliotheek", "bus"),
}
COMMON = (
    "toen",
    "we",
    "hadden",
    "een",
    "idee",
    "voor",
    "de",
    "wijk",
    "en",
    "het",
    "ging",
    "uiteindelijk",
    "anders",
    "dan",
    "gedacht",
    "met",
    "gemeente",
)
OUTCOME = {1: "slecht", 2: "goed", 3: "goed", 4: "gemengd", 5: "slecht", 6: "goed"}
NEEDED = {1: "ruimte in de regels", 2: "elkaar kennen", 3: "tijd", 4: "betere informatie"}


def _text(rng: random.Random, theme: int, n: int) -> str:
    sentences = []
    for _ in range(rng.randint(4, 9)):
        words = [rng.choice(THEMES[theme]) if rng.random() < 0.35 else rng.choice(COMMON)]
        words += [
            rng.choice(THEMES[theme]) if rng.random() < 0.3 else rng.choice(COMMON)
            for _ in range(rng.randint(6, 16))
        ]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences) + f" Dat was verhaal {n}."


def make_project(folder: Path, stories: int = 1000, seed: int = 7) -> Project:
    """A project with `stories` stories, their answers, storytellers and one clustering run."""
    from verhalen.ingest import ingest, read_options

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE / FORM_NAME, folder / FORM_NAME)
    project = init_project(folder, template="programma", name="Duizend verhalen")
    tellers = folder / "vertellers.csv"
    n_tellers = max(4, stories // 8)
    with tellers.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "naam", "rol", "leeftijdsgroep", "jaren_betrokken"])
        for i in range(1, n_tellers + 1):
            group = GROUPS[0] if i % 3 else rng.choice(GROUPS)
            w.writerow([f"V{i:04d}", f"Verteller {i}", group, rng.choice(AGES), rng.randint(0, 30)])
    path = folder / "verhalen.csv"
    themes = {}
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["titel", "verhaal", "verteller", "sessie", "gevoel", "afloop", "nodig", "training"]
        )
        for n in range(1, stories + 1):
            theme = rng.randint(1, 6)
            themes[n] = theme
            outcome = OUTCOME[theme] if rng.random() < 0.6 else rng.choice(list(OUTCOME.values()))
            feeling = {"goed": 75, "gemengd": 50, "slecht": 25}[outcome] + rng.randint(-20, 20)
            needed = NEEDED.get(theme, "vertrouwen") if rng.random() < 0.7 else "tijd"
            w.writerow(
                [
                    f"Verhaal {n} over {THEMES[theme][0]}",
                    _text(rng, theme, n),
                    f"V{rng.randint(1, n_tellers):04d}",
                    f"sessie {1 + n % 4}",
                    max(0, min(100, feeling)),
                    outcome,
                    needed,
                    "ja" if theme == 3 or rng.random() < 0.1 else "nee",
                ]
            )
    ingest(project, [path], storytellers_file=tellers, options=read_options(project))
    _fake_run(project, themes, rng)
    return project


def _fake_run(project: Project, themes: dict[int, int], rng: random.Random) -> int:
    """A clustering run as `verhalen cluster` stores it, without the cost of clustering."""
    with project.store() as store:
        ids = [s.id for s in store.stories()]
        with store.transaction():
            run_id = store.add_run(
                42,
                "fake",
                {"embedder": "fake", "seed": 42, "stability_runs": 10, "lang": "nl"},
                {"verhalen": "bench"},
                {"unassigned": 0.08, "perspectives": 6, "stories": len(ids)},
                None,
            )
            rows = []
            for position, sid in enumerate(ids, 1):
                number = 0 if rng.random() < 0.08 else themes[position]
                rows.append((sid, number, number, 0.5))
            for number, words in THEMES.items():
                members = [sid for sid, n, _, _ in rows if n == number]
                store.save_perspective(
                    run_id,
                    number,
                    " · ".join(words[:3]),
                    list(words),
                    members[:5],
                    round(0.3 + 0.1 * number, 2),
                )
            store.save_perspective(run_id, 0, "", [], [], None)
            store.assign(run_id, rows)
            store.set_active_run(run_id)
    return run_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    from verhalen.report import count_pages

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "project"
        start = time.perf_counter()
        make_project(folder, args.stories, args.seed)
        print(f"project: {args.stories} stories in {time.perf_counter() - start:.1f} s")
        command = [sys.executable, "-m", "verhalen", "--project", str(folder), "report"]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode:
            sys.exit(done.stderr)
        paths = [Path(line) for line in done.stdout.split()]
        pdf = next(p for p in paths if p.suffix == ".pdf")
        print(f"verhalen report (pdf + xlsx): {seconds:.1f} s, {count_pages(pdf)} pages")
        for path in paths:
            print(f"  {path.name}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
