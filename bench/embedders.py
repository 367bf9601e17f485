"""Which embedder should `verhalen cluster` use by default? Measure them under one clustering.

Why this exists: the embedder decides most of what the perspectives look like, and the choice
of default (`hybrid`: USE + TF-IDF on lemmas) must rest on numbers, not taste. This script puts
every built-in embedder through the same verhalen clustering (`cluster_embeddings` with
`ClusterConfig(embedder=name)`, no stability runs) on labelled collections the pipeline never
sees the labels of, at several seeds, and reports how well the themes come back (ARI/NMI
mean±sd) and what the embedding costs (seconds on an empty cache, stories per second).

- `hybrid` — USE multilingual + TF-IDF/SVD on lemmas, concatenated (the default)
- `use` — Universal Sentence Encoder multilingual v3, mean of sentence vectors
- `tfidf` — TF-IDF on lemmas reduced with truncated SVD
- `minilm` — all-MiniLM-L6-v2 (BERTopic's default model; English-trained)

Each embedder gets its own copy of the corpus project, so no embedder reads another's cache.
Results are in docs/quality.md.

    .venv/bin/python bench/embedders.py                       # example project and dekamer-nl
    .venv/bin/python bench/embedders.py --corpora voorbeeld dekamer-nl bbc-news-en
    .venv/bin/python bench/embedders.py --quick               # example project, one seed
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before anything imports huggingface_hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import datetime
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _corpora import (
    NAMES,
    Corpus,
    agreement,
    build,
    fingerprint,
    machine,
    mean_sd,
    quiet_logging,
    revision,
    say,
    table,
    timed,
    warm_up,
)

EMBEDDERS = ("hybrid", "use", "tfidf", "minilm")
DEFAULT_CORPORA = ("voorbeeld", "dekamer-nl")
COLUMNS = [
    "embedder",
    "ARI",
    "NMI",
    "ARI (assigned)",
    "NMI (assigned)",
    "unassigned",
    "k",
    "embed s",
    "stories/s",
    "later run s",
]


@dataclass
class EmbedderResult:
    embedder: str
    embed_seconds: float
    runs: list[dict[str, Any]] = field(default_factory=list)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure(corpus: Corpus, name: str, folder: Path, seeds: list[int]) -> EmbedderResult:
    """Embed the corpus with `name` on an empty cache, then cluster it at every seed."""
    from verhalen.cluster import UNASSIGNED, ClusterConfig, cluster_embeddings
    from verhalen.embed import embed_cached, select_embedder
    from verhalen.perspectives import collection
    from verhalen.project import Project

    shutil.copytree(corpus.project.root, folder)
    project = Project.open(folder)
    with project.store() as store:
        hashes = store.text_hashes()
        embedder = select_embedder(name, corpus.lang, seeds[0])
        _, seconds = timed(
            lambda: embed_cached(store, embedder, corpus.texts, [hashes[i] for i in corpus.ids])
        )
    out = EmbedderResult(name, seconds)
    log(f"  {name}: embedded {len(corpus.ids)} stories in {seconds:.1f} s")
    for seed in seeds:
        config = ClusterConfig(embedder=name, seed=seed, lang=corpus.lang)
        (ids, _texts, docs, vectors, embedder), collect_seconds = timed(
            lambda c=config: collection(project, c)
        )
        if ids != corpus.ids:
            raise SystemExit(f"{corpus.name}: the project's stories changed during the run")
        result, cluster_seconds = timed(
            lambda c=config, d=docs, v=vectors, e=embedder: cluster_embeddings(
                corpus.ids, d, v, c, e
            )
        )
        metrics = agreement(corpus.labels, result.labels, UNASSIGNED)
        metrics["seconds"] = collect_seconds + cluster_seconds
        metrics["seed"] = seed
        metrics["fingerprint"] = fingerprint(result.labels)
        out.runs.append(metrics)
        log(
            f"  {name} seed {seed}: ARI {metrics['ari']:.3f}, NMI {metrics['nmi']:.3f}, "
            f"{metrics['unassigned']:.1%} unassigned, k={metrics['k']}, "
            f"{metrics['seconds']:.1f} s"
        )
    return out


def rows(corpus: Corpus, results: list[EmbedderResult]) -> list[list[str]]:
    out = []
    for r in results:

        def col(key: str, digits: int = 3, r: EmbedderResult = r) -> str:
            return mean_sd([m[key] for m in r.runs], digits)

        out.append(
            [
                r.embedder,
                col("ari"),
                col("nmi"),
                col("ari_assigned"),
                col("nmi_assigned"),
                mean_sd([100 * m["unassigned"] for m in r.runs], 1) + "%",
                col("k", 1),
                f"{r.embed_seconds:.1f}",
                f"{len(corpus.ids) / r.embed_seconds:.0f}" if r.embed_seconds else "-",
                col("seconds", 1),
            ]
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", choices=NAMES, default=list(DEFAULT_CORPORA))
    parser.add_argument("--embedders", nargs="+", choices=EMBEDDERS, default=list(EMBEDDERS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--quick", action="store_true", help="example project only, one seed")
    parser.add_argument("--json", type=Path, help="also write every run's numbers here")
    args = parser.parse_args(argv)
    if args.quick:
        args.corpora, args.seeds = ["voorbeeld"], args.seeds[:1]

    quiet_logging()
    say(f"## Embedders ({datetime.date.today().isoformat()}, {machine()}, {revision()})")
    say()
    say(
        "Same verhalen clustering (ClusterConfig(embedder=…), default consensus runs) for every "
        "embedder. ARI/NMI: against the labels over all stories, unassigned stories as one "
        "extra cluster; (assigned): assigned stories only; mean±sd over the seeds. embed s: "
        "embedding every story on an empty cache (first run); stories/s from that. later run s: "
        "a later run with the cache filled (collection + clustering; TF-IDF is refitted every "
        "run)."
    )
    say()
    warm_up()
    everything: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="verhalen-bench-") as tmp:
        for name in args.corpora:
            log(f"[{name}] building the project")
            corpus = build(name, Path(tmp) / name)
            quiet_logging()
            results = [
                measure(corpus, e, Path(tmp) / f"{name}-{e}", args.seeds) for e in args.embedders
            ]
            say(
                f"### {name} ({corpus.lang}): {len(corpus.ids)} stories, {corpus.n_labels} "
                f"themes, seeds {' '.join(map(str, args.seeds))}"
            )
            say()
            say(table(COLUMNS, rows(corpus, results)))
            say()
            best = max(results, key=lambda r: sum(m["ari"] for m in r.runs))
            say(f"Highest mean ARI on {name}: {best.embedder}.")
            say()
            everything[name] = [asdict(r) for r in results]
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
