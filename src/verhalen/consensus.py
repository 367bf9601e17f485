"""Consensus perspectives: groups of stories that keep landing together.

One clustering of story embeddings depends on its seed: on the example project HDBSCAN found 5,
10 or 6 perspectives for seeds 1–3, and most were "wankel". Here the resampled reruns that used
to grade a single clustering afterwards *are* the method (Monti et al. 2003, consensus
clustering):

1. `runs` times, a random 80% of the stories is embedded spectrally: a k-nearest-neighbour graph
   on cosine similarity and the first eigenvectors of its normalised Laplacian. k-means then
   splits the spectral map into k groups, for every k in the range.
2. Per k, the co-assignment matrix counts how often two stories landed in the same group,
   among the runs that drew both.
3. The final perspectives are the k groups of hierarchical clustering (average linkage) on
   1 − co-assignment.
4. k is chosen where the consensus stands out most from what the same procedure finds in data
   without groups (a reference with the stories' own principal variances: John et al. 2020,
   M3C), so that a collection's crisp but coarse split (sport against politics) does not win
   by default. `choose_k` documents the rule; docs/quality.md holds the measurements.
5. A perspective's stability is its mean co-assignment (Monti's cluster consensus); a story
   whose co-assignment with its own perspective is under one half lands with it in fewer than
   half the runs, and goes to "past nergens bij" (at most MAX_UNASSIGNED of the stories).

Everything is seeded: the same embeddings, settings and seed give the same perspectives.
Collections above SAMPLE stories get their consensus on a seeded sample; the other stories join
the perspective whose centre is nearest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Progress = Callable[[int, int, str], None]

SHARE = 0.8  # stories drawn per run (Monti et al.: 80% subsampling)
SAMPLE = 2_000  # above this many stories the consensus is built on a seeded sample
MAX_K = 20  # the most perspectives a workshop can work with
REFERENCES = 2  # reference collections without groups, for choosing k
MEMBER = 0.5  # a story that lands with its perspective in fewer runs fits nowhere
NINIT = 3  # k-means starts per run: the runs themselves already vary
GRAPH = 1.5  # neighbours in the similarity graph, times √(stories)


@dataclass
class Consensus:
    labels: np.ndarray  # per story: 1..k, 0 = fits nowhere
    k: int
    runner_up: int | None
    stability: dict[int, float]  # per perspective number: mean co-assignment, 0-1
    membership: np.ndarray  # per story: mean co-assignment with its own perspective
    scores: dict[int, float]  # the choice criterion per k tried


def k_range(n: int) -> tuple[int, int]:
    """The numbers of perspectives tried for n stories: 2 up to √(n/2), at most MAX_K.

    √(n/2) is the classic rule of thumb for the number of clusters (Mardia et al. 1979); it
    allows 8 perspectives for 160 stories and the cap of 20 from 800 stories on.
    """
    return 2, int(max(2, min(MAX_K, math.floor(math.sqrt(n / 2)))))


def neighbours(m: int) -> int:
    """Neighbours in the similarity graph of m stories: 1.5·√m, at least 5."""
    return int(max(5, min(m - 1, round(GRAPH * math.sqrt(m)))))


def spectral_map(x: np.ndarray, dims: int) -> np.ndarray:
    """The first `dims` eigenvectors of the normalised Laplacian of x's cosine kNN graph.

    Computed densely (deterministic, no random start vector as ARPACK needs), as scikit-learn's
    `spectral_embedding` does otherwise: rows scaled by the degree, signs fixed.
    """
    from scipy.linalg import eigh
    from scipy.sparse.csgraph import laplacian
    from sklearn.neighbors import kneighbors_graph

    m = len(x)
    graph = kneighbors_graph(x, neighbours(m), metric="cosine", include_self=True)
    graph = 0.5 * (graph + graph.T)
    lap, degree = laplacian(graph, normed=True, return_diag=True)
    dims = min(dims, m - 1)
    _, vectors = eigh(lap.toarray(), subset_by_index=[0, dims - 1])
    maps = vectors / np.maximum(degree, 1e-12)[:, None]
    signs = np.sign(maps[np.abs(maps).argmax(0), range(dims)])
    return maps * np.where(signs == 0, 1, signs)


def _runs(x: np.ndarray, runs: int, seed: int, kmax: int) -> list[tuple[np.ndarray, np.ndarray]]:
    n = len(x)
    size = max(2, int(SHARE * n))
    out = []
    for run in range(runs):
        rng = np.random.default_rng(seed + run)
        idx = np.sort(rng.choice(n, size=size, replace=False))
        out.append((idx, spectral_map(x[idx], kmax)))
    return out


def coassignment(
    n: int, runs: list[tuple[np.ndarray, np.ndarray]], k: int, seed: int
) -> np.ndarray:
    """How often each pair of stories shared a group, among the runs that drew both."""
    from sklearn.cluster import KMeans

    same = np.zeros((n, n), np.float32)
    drawn = np.zeros((n, n), np.float32)
    for run, (idx, maps) in enumerate(runs):
        groups = KMeans(k, n_init=NINIT, random_state=seed + run).fit_predict(maps[:, :k])
        member = np.zeros((len(idx), k), np.float32)
        member[np.arange(len(idx)), groups] = 1.0
        block = np.ix_(idx, idx)
        same[block] += member @ member.T
        drawn[block] += 1.0
    out = same / np.maximum(drawn, 1.0)
    np.fill_diagonal(out, 1.0)
    return out


def partition(matrix: np.ndarray, k: int) -> np.ndarray:
    """k groups (0..k-1) of average-linkage clustering on 1 − co-assignment."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - matrix.astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    return fcluster(tree, k, "maxclust") - 1


def cluster_consensus(matrix: np.ndarray, groups: np.ndarray) -> dict[int, float]:
    """Per group: mean co-assignment over its pairs of stories (Monti's cluster consensus)."""
    out = {}
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        m = len(members)
        if m < 2:
            out[int(g)] = 0.0
            continue
        total = float(matrix[np.ix_(members, members)].sum()) - m
        out[int(g)] = total / (m * (m - 1))
    return out


def _crispness(matrix: np.ndarray, groups: np.ndarray) -> float:
    """Mean cluster consensus weighted by group size."""
    scores = cluster_consensus(matrix, groups)
    sizes = np.bincount(groups)
    return float(sum(scores[g] * sizes[g] for g in scores) / sizes.sum())


def _reference(x: np.ndarray, seed: int) -> np.ndarray:
    """Stories without groups: Gaussian scores on x's own principal axes and variances."""
    mean = x.mean(0)
    _, values, axes = np.linalg.svd(x - mean, full_matrices=False)
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((len(x), len(values))) * (values / math.sqrt(max(1, len(x) - 1)))
    ref = mean + scores @ axes
    return ref / np.maximum(np.linalg.norm(ref, axis=1, keepdims=True), 1e-12)


def consensus(
    embeddings: np.ndarray,
    seed: int,
    runs: int,
    k: int | None = None,
    max_unassigned: float = 0.10,
    progress: Progress | None = None,
) -> Consensus:
    """Consensus perspectives of `embeddings` (one row per story): see the module docstring.

    `k` fixes the number of perspectives; otherwise it is chosen in `k_range`.
    """
    x = np.asarray(embeddings, dtype=np.float64)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    n = len(x)
    sample = np.arange(n)
    if n > SAMPLE:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=SAMPLE, replace=False))
    xs = x[sample]
    m = len(xs)
    low, high = k_range(m)
    candidates = [min(k, m - 1)] if k else list(range(low, high + 1))
    kmax = max(candidates)
    runs = max(2, runs)
    real = _runs(xs, runs, seed, kmax)
    steps = len(candidates) if k else len(candidates) * (1 + REFERENCES)
    done = 0
    references = []
    if not k:
        for r in range(REFERENCES):
            ref_seed = seed + 10_000 * (r + 1)
            references.append(_runs(_reference(xs, ref_seed), runs, ref_seed, kmax))
    scores: dict[int, float] = {}
    matrices: dict[int, np.ndarray] = {}
    for kk in candidates:
        matrix = coassignment(m, real, kk, seed)
        groups = partition(matrix, kk)
        matrices[kk] = matrix
        score = _crispness(matrix, groups)
        done += 1
        for ref in references:
            ref_matrix = coassignment(m, ref, kk, seed)
            score -= _crispness(ref_matrix, partition(ref_matrix, kk)) / len(references)
            done += 1
        scores[kk] = score
        if progress:
            progress(done, steps, "")
    ranked = sorted(scores, key=lambda kk: (-scores[kk], kk))
    chosen = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    matrix = matrices[chosen]
    groups = partition(matrix, chosen)
    labels_s, membership_s, stability = _finish(matrix, groups, max_unassigned)
    labels = np.zeros(n, dtype=np.int64)
    membership = np.zeros(n)
    labels[sample] = labels_s
    membership[sample] = membership_s
    if m < n:
        _join_nearest(x, sample, labels)
    return Consensus(labels, chosen, runner_up, stability, membership, scores)


def _finish(
    matrix: np.ndarray, groups: np.ndarray, max_unassigned: float
) -> tuple[np.ndarray, np.ndarray, dict[int, float]]:
    """Number the groups 1.. by size (largest first, ties by first story), measure each story's
    membership and each group's stability, and leave out the stories that rarely join their
    group (weakest first, at most `max_unassigned` of all)."""
    m = len(groups)
    sizes = np.bincount(groups)
    first = {g: int(np.flatnonzero(groups == g)[0]) for g in range(len(sizes)) if sizes[g]}
    order = sorted(first, key=lambda g: (-sizes[g], first[g]))
    number = {g: i + 1 for i, g in enumerate(order)}
    labels = np.array([number[g] for g in groups], dtype=np.int64)
    membership = np.zeros(m)
    for g in order:
        members = np.flatnonzero(groups == g)
        if len(members) > 1:
            sub = matrix[np.ix_(members, members)]
            membership[members] = (sub.sum(1) - 1.0) / (len(members) - 1)
    weak = [i for i in np.argsort(membership, kind="stable") if membership[i] < MEMBER]
    for i in weak[: math.floor(max_unassigned * m)]:
        labels[i] = 0
    # Stability is measured on the stories that stay in each perspective.
    stability = {}
    for g in order:
        members = np.flatnonzero(labels == number[g])
        stability[number[g]] = (
            round(cluster_consensus(matrix[np.ix_(members, members)], np.zeros(len(members),
                                                                                 dtype=int))[0], 3)
            if len(members) > 1
            else 0.0
        )
    return labels, membership, stability


def _join_nearest(x: np.ndarray, sample: np.ndarray, labels: np.ndarray) -> None:
    """Stories outside the sample join the perspective whose centre is nearest."""
    numbers = sorted(set(labels[sample].tolist()) - {0})
    if not numbers:
        return
    centres = np.vstack([x[sample[labels[sample] == p]].mean(0) for p in numbers])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    rest = np.setdiff1d(np.arange(len(x)), sample)
    best = (x[rest] @ centres.T).argmax(1)
    labels[rest] = np.asarray(numbers)[best]
