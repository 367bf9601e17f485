"""Benchmark `verhalen.ingest.ingest` on a large, mixed batch of story files.

Why this exists: a PNI project collects stories from many sessions in whatever form they arrive
(typed notes, Word files, interview transcripts, spreadsheets), and a programme-wide project can
reach tens of thousands of stories. Ingest reads a whole batch, checks every story against the
story form and the known storytellers and writes it in one transaction, so its cost and memory
grow with the batch. This script makes a reproducible batch of N distinct stories in every
supported format, ingests it into a fresh project, and reports throughput, the cost of the
no-op re-ingest (every file unchanged), peak memory and store size, so that regressions and
worse-than-linear growth show up before a user hits them.

Stories are built from sentences of the hand-written example stories (data/voorbeeld-bron),
shuffled with the seed, plus one numbered sentence so that no two stories are exact duplicates.
File generation runs in a separate process, so its time and memory are not counted.

    .venv/bin/python bench/ingest.py                   # 10,000 stories
    .venv/bin/python bench/ingest.py --stories 1000 --seed 2
    .venv/bin/python bench/ingest.py --profile         # cProfile top 15 of the first ingest
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import multiprocessing
import pstats
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "voorbeeld-bron"
EXAMPLE = ROOT / "src" / "verhalen" / "voorbeeld"  # the example shipped with the package
STORYFORM = EXAMPLE / "storyform.yaml"
STORYTELLERS = EXAMPLE / "vertellers.csv"

MIN_WORDS, MAX_WORDS = 60, 250
SESSIONS = [f"sessie {n}" for n in range(1, 7)]
PROMPTS = [
    "Kun je daar een voorbeeld van geven?",
    "Wat gebeurde er toen precies?",
    "Heb je nog een moment dat je is bijgebleven?",
    "En hoe was dat voor jou?",
    "Vertel eens, wat ging daar mis of juist goed?",
    "Is er nog iets wat je wilt vertellen?",
]
BLANK_ANSWER = 0.1  # share of answers left empty in the tables, as in real answer sheets


@dataclass
class Story:
    number: int
    title: str
    teller_id: str
    teller_name: str
    session: str
    paragraphs: list[list[str]]  # sentences per paragraph
    answers: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    @property
    def words(self) -> int:
        return len(self.text.split())


# -- stories --------------------------------------------------------------------------------


def load_examples() -> tuple[list[str], list[str]]:
    """(sentences, titles) of the hand-written example stories."""
    sentences: list[str] = []
    titles: list[str] = []
    for part in sorted(SOURCE.glob("deel-*.yaml")):
        for story in yaml.safe_load(part.read_text(encoding="utf-8")):
            titles.append(str(story["title"]))
            for paragraph in re.split(r"\n\s*\n", story["text"].strip()):
                flat = " ".join(paragraph.split())
                sentences += [s for s in re.split(r"(?<=[.!?…])\s+", flat) if s]
    return sentences, titles


def load_storytellers() -> list[tuple[str, str]]:
    with STORYTELLERS.open(encoding="utf-8", newline="") as fh:
        return [(row["id"], row["naam"]) for row in csv.DictReader(fh)]


def story_questions() -> list[dict[str, Any]]:
    form = yaml.safe_load(STORYFORM.read_text(encoding="utf-8"))
    return [q for q in form["questions"] if q["about"] == "story"]


def answer(question: dict[str, Any], rng: random.Random, toelichting: list[str]) -> Any:
    """A valid answer to one story question, as a table cell would hold it ("" = no answer)."""
    kind = question["type"]
    if kind == "text":
        return rng.choice(toelichting) if rng.random() < 0.2 else ""
    if rng.random() < BLANK_ANSWER:
        return ""
    if kind in ("scale", "number"):
        return rng.randint(int(question.get("min", 0)), int(question.get("max", 100)))
    if kind == "single":
        return rng.choice(question["options"])
    if kind == "multiple":
        options = question["options"]
        return "; ".join(rng.sample(options, rng.randint(1, min(3, len(options)))))
    if kind == "boolean":
        return rng.choice(["ja", "nee"])
    raise ValueError(kind)


def make_stories(count: int, seed: int) -> list[Story]:
    """`count` distinct stories of MIN_WORDS-MAX_WORDS words from shuffled example sentences."""
    rng = random.Random(seed)
    sentences, titles = load_examples()
    tellers = load_storytellers()
    questions = story_questions()
    pool: list[str] = []

    def next_sentence() -> str:
        if not pool:  # walk the shuffled sentences, reshuffled on every pass
            pool.extend(sentences)
            rng.shuffle(pool)
        return pool.pop()

    stories: list[Story] = []
    for number in range(1, count + 1):
        marker = f"Dit was verhaal nummer {number}."
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        picked: list[str] = []
        words = len(marker.split())
        while words < target:
            sentence = next_sentence()
            size = len(sentence.split())
            if words + size > MAX_WORDS:
                if words >= MIN_WORDS:
                    break
                continue
            picked.append(sentence)
            words += size
        picked.insert(rng.randint(0, len(picked)), marker)
        cuts = sorted(rng.sample(range(1, len(picked)), min(len(picked) - 1, rng.randint(0, 3))))
        paragraphs = [picked[a:b] for a, b in zip([0, *cuts], [*cuts, len(picked)], strict=True)]
        teller_id, teller_name = rng.choice(tellers)
        stories.append(
            Story(
                number=number,
                title=f"{rng.choice(titles)} ({number})",
                teller_id=teller_id,
                teller_name=teller_name,
                session=rng.choice(SESSIONS),
                paragraphs=paragraphs,
                answers={q["id"]: answer(q, rng, sentences) for q in questions},
            )
        )
    return stories


# -- writers, one per format ----------------------------------------------------------------


def write_txt(path: Path, stories: list[Story]) -> None:
    """Several stories per file, `---` between them, `Titel:`/`Verteller:` header lines."""
    blocks = [
        f"Titel: {s.title}\nVerteller: {s.teller_id}\nSessie: {s.session}\n\n{s.text}\n"
        for s in stories
    ]
    path.write_text("\n---\n\n".join(blocks), encoding="utf-8")


def write_md(path: Path, stories: list[Story]) -> None:
    """One story per file: header lines, then a `#` heading as title."""
    (s,) = stories
    path.write_text(
        f"Verteller: {s.teller_id}\nSessie: {s.session}\n\n# {s.title}\n\n{s.text}\n",
        encoding="utf-8",
    )


def write_docx(path: Path, stories: list[Story]) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading(f"Verhalentafel {stories[0].number}", level=1)
    for s in stories:
        doc.add_heading(s.title, level=2)
        doc.add_paragraph(f"Verteller: {s.teller_id}")
        doc.add_paragraph(f"Sessie: {s.session}")
        for paragraph in s.paragraphs:
            doc.add_paragraph(" ".join(paragraph))
    doc.save(str(path))


def write_odt(path: Path, stories: list[Story]) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P

    doc = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph")
    h1.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    h2 = Style(name="Heading 2", family="paragraph")
    h2.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    doc.styles.addElement(h1)
    doc.styles.addElement(h2)
    doc.text.addElement(H(outlinelevel=1, stylename=h1, text=f"Verhalen {stories[0].number}"))
    for s in stories:
        doc.text.addElement(H(outlinelevel=2, stylename=h2, text=s.title))
        doc.text.addElement(P(text=f"Verteller: {s.teller_id}"))
        doc.text.addElement(P(text=f"Sessie: {s.session}"))
        for paragraph in s.paragraphs:
            doc.text.addElement(P(text=" ".join(paragraph)))
    doc.save(str(path))


def interview_cues(stories: list[Story]) -> Iterator[tuple[str | None, str]]:
    """(speaker, text) cues: a welcome, then per story a marker, a prompt and the story."""
    yield "Interviewer", "Fijn dat je er bent. Ik neem het gesprek op, is dat goed?"
    yield stories[0].teller_name, "Ja hoor, prima."
    for i, s in enumerate(stories):
        yield None, f"[verhaal: {s.title}]"
        yield "Interviewer", PROMPTS[i % len(PROMPTS)]
        for j, paragraph in enumerate(s.paragraphs):
            if j == 1:
                yield "Interviewer", "Mm-hm."
            for k in range(0, len(paragraph), 2):  # two sentences per cue
                yield s.teller_name, " ".join(paragraph[k : k + 2])
    yield "Interviewer", "Dank je wel voor al je verhalen."


def timed_cues(stories: list[Story], sep: str) -> Iterator[tuple[int, str, str | None, str]]:
    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        h, ms = divmod(ms, 3_600_000)
        m, ms = divmod(ms, 60_000)
        s, ms = divmod(ms, 1000)
        return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"

    clock = 2.0
    for n, (speaker, text) in enumerate(interview_cues(stories), 1):
        length = max(1.5, len(text.split()) / 2.6)
        yield n, f"{stamp(clock)} --> {stamp(clock + length)}", speaker, text
        clock += length + 0.4


def write_vtt(path: Path, stories: list[Story]) -> None:
    """One interview, `<v Name>` voices; the session in a NOTE."""
    out = ["WEBVTT", "", f"NOTE sessie: {stories[0].session}", ""]
    for n, times, speaker, text in timed_cues(stories, "."):
        out += [str(n), times, f"<v {speaker}>{text}" if speaker else text, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path: Path, stories: list[Story]) -> None:
    """One interview, `Name:` prefixes."""
    out: list[str] = []
    for n, times, speaker, text in timed_cues(stories, ","):
        out += [str(n), times, f"{speaker}: {text}" if speaker else text, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_turns(path: Path, stories: list[Story]) -> None:
    """A plain-text group conversation with speaker turns and `[verhaal: …]` markers."""
    lines = [
        f"Sessie: {stories[0].session}",
        "",
        "Interviewer: Welkom allemaal. Wie wil er beginnen met een verhaal?",
        "",
    ]
    for i, s in enumerate(stories):
        lines += [f"[verhaal: {s.title}]", f"Interviewer: {PROMPTS[i % len(PROMPTS)]}", ""]
        lines += [f"{s.teller_name}: {' '.join(p)}" for p in s.paragraphs]
        lines.append("")
    lines.append("Interviewer: Dank jullie wel, we ronden af.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table_rows(stories: list[Story]) -> Iterator[list[Any]]:
    questions = story_questions()
    yield ["Titel", "Verhaal", "Verteller", "Sessie", *(q["short"] for q in questions)]
    for s in stories:
        yield [s.title, s.text, s.teller_id, s.session, *(s.answers[q["id"]] for q in questions)]


def write_csv(path: Path, stories: list[Story]) -> None:
    """All cells as text, as a spreadsheet's CSV export holds them (quotes doubled)."""
    buffer = io.StringIO(newline="")
    rows = ([str(c) for c in row] for row in table_rows(stories))

    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def write_xlsx(path: Path, stories: list[Story]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Verhalen")
    for row in table_rows(stories):
        sheet.append([None if c == "" else c for c in row])
    book.save(str(path))


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    share: float  # of all stories
    per_file: tuple[int, int]  # stories per file, min and max
    write: Callable[[Path, list[Story]], None]


FORMATS = (
    Format("csv", ".csv", 0.15, (50, 300), write_csv),
    Format("xlsx", ".xlsx", 0.15, (50, 300), write_xlsx),
    Format("txt", ".txt", 0.15, (3, 12), write_txt),
    Format("md", ".md", 0.10, (1, 1), write_md),
    Format("docx", ".docx", 0.15, (5, 20), write_docx),
    Format("odt", ".odt", 0.10, (5, 20), write_odt),
    Format("vtt", ".vtt", 0.07, (3, 10), write_vtt),
    Format("srt", ".srt", 0.07, (3, 10), write_srt),
    Format("transcript", ".txt", 0.06, (4, 12), write_turns),
)


def generate(folder: Path, count: int, seed: int) -> dict[str, int]:
    """Write `count` stories into `folder`; returns the number of files per format."""
    rng = random.Random(seed + 1)
    stories = make_stories(count, seed)
    assert len({s.text for s in stories}) == count, "stories are not distinct"
    assert all(MIN_WORDS <= s.words <= MAX_WORDS for s in stories), "story length out of range"
    rng.shuffle(stories)
    sizes = [round(count * f.share) for f in FORMATS]
    sizes[0] += count - sum(sizes)
    files: dict[str, int] = {}
    start = 0
    for fmt, size in zip(FORMATS, sizes, strict=True):
        mine = stories[start : start + size]
        start += size
        out = folder / fmt.name
        out.mkdir(parents=True, exist_ok=True)
        files[fmt.name] = 0
        while mine:
            take = rng.randint(*fmt.per_file)
            chunk, mine = mine[:take], mine[take:]
            files[fmt.name] += 1
            fmt.write(out / f"{fmt.name}-{files[fmt.name]:05d}{fmt.suffix}", chunk)
    return files


# -- measuring ------------------------------------------------------------------------------


def peak_mib() -> float:
    """Peak resident memory of this process (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def store_mib(path: Path) -> float:
    parts = [path, path.with_name(path.name + "-wal")]
    return sum(p.stat().st_size for p in parts if p.exists()) / 2**20


def run(args: argparse.Namespace, work: Path) -> None:
    from verhalen.errors import RejectedBatch
    from verhalen.ingest import ingest
    from verhalen.project import init_project

    root = work / "project"
    folder = root / "verhalen"
    folder.mkdir(parents=True)

    started = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")  # keep generation out of this process's memory
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        files = pool.submit(generate, folder, args.stories, args.seed).result()
    generated = time.perf_counter() - started
    per_format = ", ".join(f"{name} {n}" for name, n in files.items())
    print(
        f"generated {args.stories} stories in {sum(files.values())} files "
        f"({per_format}) in {generated:.1f} s (not counted)"
    )

    shutil.copy(STORYFORM, root / "storyform.yaml")
    project = init_project(root, name="ingest-benchmark")

    profiler = cProfile.Profile() if args.profile else None
    try:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = ingest(project, [folder], storytellers_file=STORYTELLERS)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    except RejectedBatch as exc:
        for problem in exc.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        raise SystemExit(f"ingest rejected the batch ({len(exc.problems)} problems)") from None
    with project.store() as store:
        in_store = store.count("stories")
        flags = store.count("flags")
    if len(report.stored) != args.stories or in_store != args.stories:
        raise SystemExit(
            f"expected {args.stories} stories, ingest stored {len(report.stored)}, "
            f"the store holds {in_store} ({len(report.exact_duplicates)} exact duplicates)"
        )

    started = time.perf_counter()
    again = ingest(project, [folder], storytellers_file=STORYTELLERS)
    noop = time.perf_counter() - started
    if again.stored or again.unchanged != report.files:
        raise SystemExit(
            f"re-ingest was no no-op: stored {len(again.stored)}, "
            f"unchanged {again.unchanged} of {report.files} files"
        )

    rows = [
        ("stories", f"{args.stories:,}"),
        ("files", f"{report.files:,}"),
        ("ingest seconds", f"{seconds:.2f}"),
        ("stories/second", f"{args.stories / seconds:,.0f}"),
        ("no-op re-ingest seconds", f"{noop:.2f}"),
        ("peak memory MiB", f"{peak_mib():.1f}"),
        ("store size MiB", f"{store_mib(project.store_path):.1f}"),
        ("near-duplicate flags", f"{flags:,}"),
    ]
    width = max(len(name) for name, _ in rows)
    print()
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")
    if profiler:
        print("\n(ingest seconds include cProfile overhead)")
        for order in ("tottime", "cumulative"):
            print(f"\ncProfile of the first ingest, top 15 by {order}:")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(order).print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000, help="stories to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed for sentences and layout")
    parser.add_argument("--profile", action="store_true", help="cProfile the first ingest")
    parser.add_argument(
        "--keep", type=Path, help="generate into this new folder and keep it, not a temp folder"
    )
    args = parser.parse_args()
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    if args.keep:
        if args.keep.exists():
            parser.error(f"--keep {args.keep}: already exists")
        run(args, args.keep)
        print(f"\nkept {args.keep}")
    else:
        with tempfile.TemporaryDirectory(prefix="verhalen-bench-") as work:
            run(args, Path(work))


if __name__ == "__main__":
    main()
