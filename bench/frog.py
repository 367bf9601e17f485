"""What Frog costs and what it labels: start-up, stories per second, labels on sample sentences.

Why this exists: `verhalen anonymize` can ask Frog (a separate GPL-3 program, see
verhalen/ner.py) which capitalised words are persons, places or organisations. Frog loads its
models at every start and tags every word, so its cost decides how much text the caller can
afford to send. This script times `frog_entities` on the Belgian Chamber questions
(../shared/corpora/dekamer-nl, median ~170 words) and prints the labels on a few sentences with
Dutch and Belgian places, organisations and persons.

    .venv/bin/python bench/frog.py                    # start-up, 100 and 1,000 questions
    .venv/bin/python bench/frog.py --sizes 100
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

from verhalen.ner import frog_available, frog_entities

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dekamer-nl" / "questions.csv"
SAMPLES = [
    "Jan de Vries woont in Brugge en werkt bij Record Bank in Vlaanderen.",
    "De NMBS rijdt niet meer naar het Midden-Oosten, zegt minister Bellot.",
    "Defensie, Fedasil, Infrabel, Elia en Proximus antwoordden niet.",
    "Het Europees Hof van Justitie in Luxemburg gaf Nederland en Duitsland gelijk.",
    "Mevrouw Fatima El Amrani uit Rotterdam belde met de gemeente Utrecht en Philips.",
    "Marie zei tegen Anna dat Karel in Kortrijk woonde; de KU Leuven en het OCMW van Antwerpen.",
    "In het Frans en het Engels: Franse les in Luik, Charleroi en Limburg.",
    "Oosterhof is een mooie wijk, zei Appels. Super.",
]


def measure(texts: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, Frog's CPU seconds, its peak resident MiB, and the entities found."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    found = frog_entities(texts, other=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, after.ru_maxrss // 1024, sum(len(f) for f in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    if not frog_available():
        sys.exit("Frog is not installed (apt-get install frog frogdata uctodata)")
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        corpus = [row["text"] for row in csv.DictReader(handle)]

    wall, cpu, peak, _ = measure(["Jan woont in Gent."])
    print(f"start-up (one sentence): {wall:.1f} s wall, {cpu:.1f} s CPU, peak {peak} MiB")
    for size in args.sizes:
        texts = corpus[:size]
        words = sum(len(text.split()) for text in texts)
        wall, cpu, peak, count = measure(texts)
        print(
            f"{size:>6} questions, {words:,} words: {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"({words / cpu:,.0f} words per CPU second), {count:,} entities, peak {peak} MiB"
        )

    print("\nlabels on the sample sentences:")
    for text, entities in zip(SAMPLES, frog_entities(SAMPLES, other=True), strict=True):
        labels = ", ".join(f"{text[e.start : e.end]} ({e.kind})" for e in entities)
        print(f"- {text}\n    {labels or '(none)'}")


if __name__ == "__main__":
    main()
