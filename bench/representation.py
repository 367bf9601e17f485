"""What the consensus is given: variants of the story vectors, measured on labelled corpora.

Why this exists: dekamer-nl stays below its ARI bar of 0.33 while the vectors hold its themes
(each story's nearest true-theme centre is its own theme for 76% of the stories, ARI 0.61), so
the question is which representation lets the consensus find them, without losing the other
corpora. Each variant changes the vectors only and gives them straight to the consensus' runs
(20 runs, k by the modularity of the consensus groups, the choice before session 6). Printed
per corpus and variant: the k chosen at each seed and the mean ARI over all stories, and the
best k any criterion could have picked (oracle) with its ARI.

    .venv/bin/python bench/representation.py                          # four corpora, seeds 1 2 3
    .venv/bin/python bench/representation.py --corpora voorbeeld --variants as-is centred

Variants (the lexical ones rebuild the TF-IDF half of `hybrid` and apply to Dutch corpora):
- `as-is`: the vectors as stored (the consensus used them so until session 6),
- `centred`: the collection's mean taken away, rows made unit again (all-but-the-top's first
  step, Mu & Viswanath 2018): what `verhalen.consensus` now does,
- `centred-parts`: the USE and TF-IDF halves centred each,
- `top-removed`: centred and the first principal direction removed from each half,
- `min-df-2`: TF-IDF without words in a single story,
- `lsa-50`, `lsa-200`: TF-IDF reduced to 50 or 200 dimensions instead of 100,
- `lexical-0.7`, `lexical-1.5`: the TF-IDF half weighted against USE,
- `centred-graph-1.0`, `centred-graph-2.0`: centred, with the similarity graph's neighbours at
  1.0·√n or 2.0·√n instead of 1.5·√n,
- `centred-resolution-1.3`: centred, k chosen by modularity with resolution 1.3 (favours more
  groups).
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import datetime
import statistics
import sys

import numpy as np
from _corpora import NAMES, built, machine, quiet_logging, revision, say, table
from _corpora import vectors as stored_vectors

LEXICAL = {"min-df-2", "lsa-50", "lsa-200", "lexical-0.7", "lexical-1.5", "centred-parts"}
VARIANTS = (
    "as-is",
    "centred",
    "centred-parts",
    "top-removed",
    "min-df-2",
    "lsa-50",
    "lsa-200",
    "lexical-0.7",
    "lexical-1.5",
    "centred-graph-1.0",
    "centred-graph-2.0",
    "centred-resolution-1.3",
)
USE_DIMENSIONS = 512  # `hybrid` is USE (512) beside TF-IDF reduced by LSA


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def centred(x: np.ndarray, top: int = 0) -> np.ndarray:
    x = unit(x)
    x = x - x.mean(0)
    if top:
        _, _, axes = np.linalg.svd(x, full_matrices=False)
        x = x - (x @ axes[:top].T) @ axes[:top]
    return unit(x)


def lexical(lemmas: list[list[str]], seed: int, min_df: int = 1, dims: int = 100) -> np.ndarray:
    """The TF-IDF half of `hybrid` (embed/_tfidf.py) with other settings."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda w: w, sublinear_tf=True, min_df=min_df)
    matrix = vectorizer.fit_transform(lemmas)
    k = max(1, min(dims, matrix.shape[0] - 1, matrix.shape[1] - 1))
    return unit(TruncatedSVD(n_components=k, random_state=seed).fit_transform(matrix))


def vectors(variant: str, x: np.ndarray, lemmas: list[list[str]] | None) -> np.ndarray | None:
    """The variant's vectors, or None where it does not apply (lexical variants need hybrid)."""
    hybrid = x.shape[1] > USE_DIMENSIONS and lemmas is not None
    if variant in LEXICAL and not hybrid:
        return None
    if variant == "as-is":
        return unit(x)
    if variant.startswith("centred") and variant != "centred-parts":
        return centred(x)
    if variant == "top-removed":
        if not hybrid:
            return centred(x, top=1)
        use, lex = x[:, :USE_DIMENSIONS], x[:, USE_DIMENSIONS:]
        return unit(np.hstack([centred(use, 1), centred(lex, 1)]))
    use = unit(x[:, :USE_DIMENSIONS])
    assert lemmas is not None
    if variant == "centred-parts":
        return unit(np.hstack([centred(use), centred(lexical(lemmas, 1))]))
    if variant == "min-df-2":
        return unit(np.hstack([use, lexical(lemmas, 1, min_df=2)]))
    if variant.startswith("lsa-"):
        return unit(np.hstack([use, lexical(lemmas, 1, dims=int(variant[4:]))]))
    weight = float(variant.split("-")[1])
    return unit(np.hstack([use, weight * lexical(lemmas, 1)]))


def measure(
    x: np.ndarray, truth: list[str], seed: int, variant: str
) -> tuple[int, float, int, float]:
    """(k chosen by modularity, its ARI, the oracle's k, its ARI) of the consensus of x."""
    from sklearn.metrics import adjusted_rand_score

    from verhalen import consensus as c

    graph_factor = c.GRAPH
    if "graph-" in variant:
        c.GRAPH = float(variant.rsplit("-", 1)[1])
    resolution = float(variant.rsplit("-", 1)[1]) if "resolution-" in variant else 1.0
    try:
        n = len(x)
        low, high = c.k_range(n)
        runs = c._runs(x, c.RUNS, seed, high)
        graph = c.similarity_graph(x)
        rows = []
        for k in range(low, high + 1):
            groups = c.partition(c.coassignment(n, runs, c.run_groups(runs, k, seed)), k)
            if np.bincount(groups).min() < c.MIN_SIZE:
                continue
            score = c.modularity(graph, groups, resolution)
            rows.append((score, k, adjusted_rand_score(truth, groups)))
    finally:
        c.GRAPH = graph_factor
    chosen = max(rows, key=lambda r: (r[0], -r[1]))
    oracle = max(rows, key=lambda r: r[2])
    return chosen[1], chosen[2], oracle[1], oracle[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    args = parser.parse_args(argv)

    from verhalen.text import lemmas as lemmatise

    quiet_logging()
    say(f"## Story vectors ({datetime.date.today().isoformat()}, {machine()}, {revision()})")
    say()
    say("Consensus as `verhalen cluster` runs it; each cell: k chosen by modularity per seed and")
    say("the mean ARI over the seeds; then the oracle's k and ARI. `-`: does not apply.")
    say()
    rows = []
    for corpus in built(args.corpora):
        texts, x = stored_vectors(corpus, args.seeds[0])
        lemmas = lemmatise(texts, corpus.lang) if x.shape[1] > USE_DIMENSIONS else None
        for variant in args.variants:
            vx = vectors(variant, x, lemmas)
            if vx is None:
                rows.append([corpus.name, variant, "-", "-"])
                continue
            found = [measure(vx, corpus.labels, seed, variant) for seed in args.seeds]
            log(f"  {variant}: {found}")
            chosen = "/".join(str(f[0]) for f in found)
            oracle = "/".join(str(f[2]) for f in found)
            rows.append(
                [
                    corpus.name,
                    variant,
                    f"k {chosen}: {statistics.fmean(f[1] for f in found):.3f}",
                    f"k {oracle}: {statistics.fmean(f[3] for f in found):.3f}",
                ]
            )
    say(table(["corpus", "vectors", "modularity's k: ARI", "oracle k: ARI"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
