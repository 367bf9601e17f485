"""Labelled corpora as verhalen projects, and the metrics the clustering benchmarks share.

Used by bench/cluster_quality.py and bench/embedders.py. Each corpus becomes an ordinary
verhalen project (the example project through `make_demo`, the CSV corpora through `ingest`), so
the pipeline sees exactly what a user's project would hold. The labels never enter the project:
they are joined back to the stored stories here, by title (example project) or by the same
dedup key ingest uses (CSV corpora, where ingest skips exact duplicates).
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"  # CI: ../shared next to the checkout
CORPORA_DIR = SHARED / "corpora"
EXAMPLE_TRUTH = ROOT / "src" / "verhalen" / "voorbeeld" / "truth" / "themes.csv"  # package data

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Where a labelled CSV corpus lives and which columns hold text and label."""

    file: str
    lang: str
    text: str
    label: str


SOURCES: dict[str, Source | None] = {
    "voorbeeld": None,  # built with verhalen.demo.make_demo
    "dekamer-nl": Source("dekamer-nl/questions.csv", "nl", "text", "theme"),
    "bbc-news-en": Source("bbc-news-en/articles.csv", "en", "text", "label"),
    "20newsgroups-subset-en": Source("20newsgroups-subset-en/posts.csv", "en", "text", "label"),
}
NAMES = tuple(SOURCES)


@dataclass
class Corpus:
    name: str
    lang: str
    project: Any  # verhalen.project.Project
    ids: list[int]
    texts: list[str]
    labels: list[str]  # true label per story, in `ids` order
    skipped: int  # rows of the source not stored (exact duplicates)

    @property
    def n_labels(self) -> int:
        return len(set(self.labels))


def build(name: str, folder: Path) -> Corpus:
    """A fresh verhalen project for corpus `name` in `folder` (which must not exist yet)."""
    if name not in SOURCES:
        raise SystemExit(f"unknown corpus '{name}': choose from {', '.join(NAMES)}")
    source = SOURCES[name]
    if source is None:
        return _example(folder)
    return _csv_corpus(name, source, folder)


def built(names: Sequence[str]) -> Iterator[Corpus]:
    """Each corpus in turn as a fresh project in a temporary folder (removed at the end), the
    libraries' logging quietened again after its build, its project let go after use."""
    with tempfile.TemporaryDirectory(prefix="verhalen-bench-") as tmp:
        for name in names:
            print(f"[{name}] building the project", file=sys.stderr, flush=True)
            corpus = build(name, Path(tmp) / name)
            quiet_logging()
            yield corpus
            corpus.project = None


def vectors(corpus: Corpus, seed: int) -> tuple[list[str], np.ndarray]:
    """The stories `verhalen cluster` would cluster and their vectors (float64, as stored)."""
    from verhalen.cluster import ClusterConfig
    from verhalen.perspectives import collection

    config = ClusterConfig(seed=seed, lang=corpus.lang)
    _ids, texts, _docs, x, _embedder = collection(corpus.project, config)
    return texts, np.asarray(x, dtype=np.float64)


def _stories(project: Any) -> tuple[list[int], list[str], list[str | None], dict[int, str]]:
    with project.store() as store:
        stories = store.stories()
        hashes = store.text_hashes()
    return (
        [s.id for s in stories],
        [s.text for s in stories],
        [s.title for s in stories],
        hashes,
    )


def _example(folder: Path) -> Corpus:
    from verhalen.demo import make_demo

    with contextlib.suppress(ImportError):
        import deduce  # noqa: F401 - its import turns DEBUG logging to stdout on: undo that first
    quiet_logging()
    project = make_demo(folder).project  # also clusters once, filling the embedding cache
    quiet_logging()
    forget_embeddings(project)
    with EXAMPLE_TRUTH.open(encoding="utf-8", newline="") as fh:
        truth = {row["title"]: row["theme"] for row in csv.DictReader(fh)}
    ids, texts, titles, _ = _stories(project)
    missing = [t for t in titles if t not in truth]
    if missing:
        raise SystemExit(f"voorbeeld: {len(missing)} stories without a theme, e.g. {missing[0]!r}")
    labels = [truth[t] for t in titles if t is not None]
    return Corpus("voorbeeld", "nl", project, ids, texts, labels, len(truth) - len(ids))


def _csv_corpus(name: str, source: Source, folder: Path) -> Corpus:
    from verhalen.ingest import ingest, read_options
    from verhalen.ingest._normalize import clean, dedup_key
    from verhalen.project import init_project

    path = CORPORA_DIR / source.file
    if not path.is_file():
        raise SystemExit(f"{path} not found: the shared corpora are expected at {CORPORA_DIR}")
    truth: dict[str, str] = {}
    rows = 0
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        text_col, label_col = header.index(source.text), header.index(source.label)
        for row in reader:
            rows += 1
            truth.setdefault(dedup_key(clean(row[text_col])), row[label_col])
    project = init_project(folder, template="algemeen", lang=source.lang)
    ingest(project, [path], options=read_options(project, column_map=(("text", source.text),)))
    ids, texts, _, hashes = _stories(project)
    labels = [truth[hashes[i]] for i in ids]
    return Corpus(name, source.lang, project, ids, texts, labels, rows - len(ids))


def forget_embeddings(project: Any) -> None:
    """Empty the project's embedding cache, so the next run embeds every story again."""
    with project.store() as store, store.transaction():
        store.db.execute("DELETE FROM embeddings")


def quiet_logging() -> None:
    """Undo `deduce`'s logging.basicConfig(level=DEBUG, stream=stdout) at import (pulled in by
    verhalen.pseudonymize): otherwise numba logs every compilation step to stdout, which floods
    the output and slows the compilation down."""
    import logging

    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    for handler in list(root.handlers):
        root.removeHandler(handler)


# -- measuring --------------------------------------------------------------------------------


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = step()
    return value, time.perf_counter() - start


def traced_peak(step: Callable[[], T]) -> tuple[T, float]:
    """`step`'s value and the peak Python/numpy memory allocated during it, in MiB, as
    tracemalloc sees it.

    Native allocations outside Python's and numpy's allocators (numba, BLAS, torch) are not
    seen, so this is a lower bound on the real peak. Tracing slows Python code down, so time a
    step in a separate, untraced run.
    """
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        value = step()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return value, peak / 2**20


def warm_up() -> None:
    """Load (or compile) UMAP's and HDBSCAN's numba kernels once, so no measured run pays it."""
    from verhalen._numba import enable_cache

    enable_cache()
    from hdbscan import HDBSCAN
    from umap import UMAP

    data = np.random.default_rng(0).normal(size=(80, 16)).astype(np.float32)
    reduced = UMAP(n_neighbors=10, n_components=5, min_dist=0.0, metric="cosine").fit_transform(
        data
    )
    HDBSCAN(min_cluster_size=5, prediction_data=True).fit(reduced)


# -- metrics ----------------------------------------------------------------------------------


def agreement(truth: Sequence[str], found: Sequence[int], unassigned: int) -> dict[str, float]:
    """ARI and NMI over all stories (unassigned as one extra cluster) and over assigned ones."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    keep = [i for i, f in enumerate(found) if f != unassigned]
    sub_truth = [truth[i] for i in keep]
    sub_found = [found[i] for i in keep]
    return {
        "ari": adjusted_rand_score(truth, found),
        "nmi": normalized_mutual_info_score(truth, found),
        "ari_assigned": adjusted_rand_score(sub_truth, sub_found) if keep else math.nan,
        "nmi_assigned": normalized_mutual_info_score(sub_truth, sub_found) if keep else math.nan,
        "unassigned": 1 - len(keep) / len(found),
        "k": len(set(sub_found)),
    }


def fingerprint(labels: Sequence[int]) -> str:
    """A short hash of a labelling, to compare runs across processes and machines."""
    import hashlib

    return hashlib.sha256(",".join(map(str, labels)).encode()).hexdigest()[:12]


class Coherence:
    """NPMI coherence (gensim c_npmi) of topics' top words over a corpus's lemma lists."""

    def __init__(self, tokens: list[list[str]]):
        from gensim.corpora import Dictionary

        self.tokens = tokens
        self.dictionary = Dictionary(tokens)

    def __call__(self, topics: list[list[str]]) -> tuple[float, float]:
        """(mean NPMI, share of top words found in the lemma vocabulary).

        Words outside the vocabulary (stop words, inflected forms, bigrams) cannot be scored:
        they are left out, as gensim does; a topic with fewer than two known words is skipped.
        """
        from gensim.models.coherencemodel import CoherenceModel

        known = self.dictionary.token2id
        words = [w for topic in topics for w in topic]
        kept = [[w for w in topic if w in known] for topic in topics]
        kept = [topic for topic in kept if len(topic) >= 2]
        coverage = sum(w in known for w in words) / max(1, len(words))
        if not kept:
            return math.nan, coverage
        model = CoherenceModel(
            topics=kept,
            texts=self.tokens,
            dictionary=self.dictionary,
            coherence="c_npmi",
            topn=10,
            processes=1,
        )
        return float(model.get_coherence()), coverage


def diversity(topics: list[list[str]]) -> float:
    """Unique words among all topics' top-10 / (10 x topics)."""
    if not topics:
        return math.nan
    return len({w for topic in topics for w in topic[:10]}) / (10 * len(topics))


# -- output -----------------------------------------------------------------------------------


def mean_sd(values: Sequence[float], digits: int = 3) -> str:
    values = [v for v in values if v is not None and not math.isnan(v)]
    if not values:
        return "-"
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.{digits}f}±{sd:.{digits}f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table, columns padded so it also reads as plain text."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def machine() -> str:
    import platform

    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}{load}"
    )


PIPELINE_FILES = ("src/verhalen/cluster.py", "src/verhalen/perspectives.py", "src/verhalen/text.py")
PIPELINE_DIRS = ("src/verhalen/embed", "src/verhalen/ingest")


def revision() -> str:
    """The commit measured, and whether the clustering pipeline had uncommitted changes."""
    import subprocess

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return ""
        return done.stdout.rstrip()

    commit = git("rev-parse", "--short", "HEAD").strip()
    if not commit:
        return "commit unknown"
    dirty = git("status", "--porcelain", "--", *PIPELINE_FILES, *PIPELINE_DIRS)
    changed = [line[3:] for line in dirty.splitlines()]
    return f"commit {commit}" + (
        f" with uncommitted changes in {', '.join(changed)}" if changed else ""
    )


def say(text: str = "") -> None:
    print(text, flush=True)
    sys.stdout.flush()
