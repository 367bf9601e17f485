"""How should the consensus choose the number of perspectives? The criteria, measured.

Why this exists: `verhalen.consensus` builds, for every k in the range, the consensus of
resampled spectral clusterings, and must then pick one k without seeing any labels. The
perspectives issue asks for "the number where the consensus is most stable"; this bench shows
what each way of saying that picks on labelled corpora, and what ARI the pick gets:

- `stability`: the consensus' own crispness (mean co-assignment inside the groups, weighted by
  size); the classic consensus-clustering criterion,
- `stability − reference`: the same minus its value on reference data without groups (Gaussian
  scores on the stories' own principal axes), as M3C (John et al. 2020) corrects consensus
  clustering's preference for few groups,
- `silhouette`: cosine silhouette of the consensus groups on the embeddings,
- `modularity`: Newman–Girvan modularity of the consensus groups in the stories' similarity
  graph (verhalen's choice until session 6),
- `runs' modularity`: the mean modularity of each run's own k groups in that run's similarity
  graph (verhalen's choice),
- `oracle`: the k with the best ARI, which no method can know: the ceiling of the consensus.

It also prints `one run`: k-means on a single spectral map of all stories at the oracle's k,
i.e. what the consensus adds over one clustering.

    .venv/bin/python bench/consensus_choice.py                      # four corpora, seeds 1 2 3
    .venv/bin/python bench/consensus_choice.py --corpora voorbeeld --seeds 1
    .venv/bin/python bench/consensus_choice.py --runs 10 --graph 1.0   # other constants
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
from _corpora import NAMES, built, machine, quiet_logging, revision, say, table, vectors

CRITERIA = (
    "stability",
    "stability − reference",
    "silhouette",
    "modularity",
    "runs' modularity",
    "oracle",
)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def crispness(matrix: np.ndarray, groups: np.ndarray) -> float:
    from verhalen.consensus import cluster_consensus

    scores = cluster_consensus(matrix, groups)
    sizes = np.bincount(groups)
    return float(sum(scores[g] * sizes[g] for g in scores) / sizes.sum())


def reference(x: np.ndarray, seed: int) -> np.ndarray:
    """Stories without groups: Gaussian scores on x's own principal axes and variances."""
    mean = x.mean(0)
    _, values, axes = np.linalg.svd(x - mean, full_matrices=False)
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((len(x), len(values))) * (values / np.sqrt(max(1, len(x) - 1)))
    ref = mean + scores @ axes
    return ref / np.linalg.norm(ref, axis=1, keepdims=True)


def measure(x: np.ndarray, truth: list[str], seed: int) -> dict[str, tuple[int, float]]:
    """(chosen k, ARI) per criterion, plus the single-run ARI at the oracle's k; x is centred
    first, as `consensus` does."""
    from sklearn.metrics import adjusted_rand_score, silhouette_score

    from verhalen import consensus as c

    x = c.centred(x)
    n = len(x)
    low, high = c.k_range(n)
    runs = c._runs(x, c.RUNS, seed, high)
    ref_x = reference(x, seed + 10_000)
    ref_runs = c._runs(ref_x, c.RUNS, seed + 10_000, high)
    graph = c.similarity_graph(x)
    rows = []
    for k in range(low, high + 1):
        per_run = c.run_groups(runs, k, seed)
        matrix = c.coassignment(n, runs, per_run)
        groups = c.partition(matrix, k)
        if np.bincount(groups).min() < c.MIN_SIZE:
            continue
        ref_matrix = c.coassignment(n, ref_runs, c.run_groups(ref_runs, k, seed))
        stable = crispness(matrix, groups)
        rows.append(
            {
                "k": k,
                "ari": adjusted_rand_score(truth, groups),
                "stability": stable,
                "stability − reference": stable - crispness(ref_matrix, c.partition(ref_matrix, k)),
                "silhouette": float(silhouette_score(x, groups, metric="cosine")),
                "modularity": c.modularity(graph, groups),
                "runs' modularity": c.runs_modularity(runs, per_run),
                "oracle": adjusted_rand_score(truth, groups),
            }
        )
    out = {}
    for criterion in CRITERIA:
        best = max(rows, key=lambda r, key=criterion: (r[key], -r["k"]))
        out[criterion] = (best["k"], best["ari"])
    single = c.spectral_map(x, out["oracle"][0])
    groups = c.kmeans(single, out["oracle"][0], seed, starts=10)
    out["one run"] = (out["oracle"][0], adjusted_rand_score(truth, groups))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--runs", type=int, help="resampled runs (default: consensus.RUNS)")
    parser.add_argument("--graph", type=float, help="neighbours ÷ √n (default: consensus.GRAPH)")
    parser.add_argument("--starts", type=int, help="k-means starts per run (consensus.NINIT)")
    args = parser.parse_args(argv)

    from verhalen import consensus

    if args.runs:
        consensus.RUNS = args.runs
    if args.graph:
        consensus.GRAPH = args.graph
    if args.starts:
        consensus.NINIT = args.starts

    from verhalen.consensus import GRAPH, NINIT, RUNS, SHARE  # after the options changed them

    quiet_logging()
    say(f"## Choosing k ({datetime.date.today().isoformat()}, {machine()}, {revision()})")
    say()
    say(
        f"Consensus of {RUNS} runs on {SHARE:.0%} samples ({NINIT} k-means starts each), "
        "similarity graph of "
        f"{GRAPH}·√n neighbours; k from 2 to √(n/2) (at most 20), groups of at least 3 "
        "stories. Each cell: the k chosen per seed, and the mean ARI over the seeds."
    )
    say()
    header = ["corpus", *CRITERIA, "one run (oracle k)"]
    rows = []
    for corpus in built(args.corpora):
        _texts, x = vectors(corpus, args.seeds[0])
        found = []
        for seed in args.seeds:
            found.append(measure(x, corpus.labels, seed))
            log(f"  seed {seed}: " + ", ".join(f"{k} {v[0]}" for k, v in found[-1].items()))
        cells = [f"{corpus.name} ({corpus.n_labels} themes)"]
        for criterion in (*CRITERIA, "one run"):
            ks = "/".join(str(f[criterion][0]) for f in found)
            ari = statistics.fmean(f[criterion][1] for f in found)
            cells.append(f"k {ks}: {ari:.3f}")
        rows.append(cells)
    say(table(header, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
