"""Consensus perspectives: groups of stories that keep landing together.

One clustering of story embeddings depends on its seed: on the example project HDBSCAN found 5,
10 or 6 perspectives for seeds 1–3, and most were "wankel". Here the resampled reruns that used
to grade one clustering afterwards *are* the method (Monti et al. 2003, consensus clustering):

0. The collection's mean vector is taken away first (Mu & Viswanath 2018): what all stories of
   one kind share (the genre, the interview, the question) no longer makes them neighbours.
   Measured on four labelled corpora it raised the agreement with the true themes on every one
   (docs/quality.md).
1. `runs` times, a random 80% of the stories is mapped spectrally: a k-nearest-neighbour graph
   on cosine similarity and the first eigenvectors of its normalised Laplacian. k-means splits
   the map into k groups, for every k in the range.
2. Per k, the co-assignment matrix counts how often two stories landed in the same group, among
   the runs that drew both; the k groups of average-linkage clustering on 1 − co-assignment are
   that k's consensus.
3. The number of perspectives is the k whose runs split their stories' similarity graph with
   the highest modularity on average: groups densely linked inside and little between. Stability
   of the consensus alone always prefers the coarsest split (sport against politics); the
   modularity of the one consensus partition per k was as good on the corpora but moved between
   close k with the seed, and the mean over 20 runs does not (docs/quality.md).
4. A perspective's stability is its mean co-assignment (Monti's cluster consensus), from the
   same runs; a story that lands with its perspective in fewer than half the runs goes to
   "past nergens bij" (weakest first, at most `max_unassigned` of the stories).

Everything is seeded: the same embeddings, settings and seed give the same perspectives.
Collections above SAMPLE stories get their consensus on a seeded sample; the other stories join
the perspective whose centre is nearest.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

Progress = Callable[[int, int, str], None]

RUNS = 20  # resampled runs behind each consensus
SHARE = 0.8  # stories drawn per run (Monti et al.: 80% subsampling)
SAMPLE = 2_000  # above this many stories the consensus is built on a seeded sample
MAX_K = 20  # the most perspectives a workshop can work with
MEMBER = 0.5  # a story that lands with its perspective in fewer runs fits nowhere
MIN_SIZE = 3  # a smaller group is not a perspective
NINIT = 3  # k-means starts per run: the runs themselves already vary
GRAPH = 1.5  # neighbours in the similarity graph, times √(stories)


@dataclass
class Consensus:
    labels: np.ndarray  # per story: 1..k, 0 = fits nowhere
    grouped: np.ndarray  # per story: 1..k before the weakest members were left out
    k: int
    runner_up: int | None
    stability: dict[int, float]  # per perspective number: mean co-assignment, 0-1
    scores: dict[int, float]  # the choice criterion per k tried
    runs: int


@dataclass(frozen=True)
class Resample:
    """One of the runs: the stories it drew, their spectral map and their similarity graph."""

    stories: np.ndarray  # indices into the collection, sorted
    maps: np.ndarray  # one row per drawn story
    graph: sparse.csr_matrix


def k_range(n: int) -> tuple[int, int]:
    """The numbers of perspectives tried for n stories: 2 up to √(n/2), at most MAX_K.

    √(n/2) is the classic rule of thumb for the number of clusters (Mardia et al. 1979); it
    allows 8 perspectives for 160 stories and the cap of 20 from 800 stories on.
    """
    return 2, int(max(2, min(MAX_K, math.floor(math.sqrt(n / 2)))))


def neighbours(m: int) -> int:
    """Neighbours in the similarity graph of m stories: 1.5·√m, at least 5."""
    return int(max(5, min(m - 1, round(GRAPH * math.sqrt(m)))))


def similarity_graph(x: np.ndarray) -> np.ndarray:
    """The symmetric k-nearest-neighbour graph of x's unit rows by cosine similarity (dense)."""
    m = len(x)
    k = neighbours(m)
    sims = x @ x.T
    np.fill_diagonal(sims, np.inf)  # each story is its own first neighbour
    nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    graph = np.zeros((m, m))
    np.put_along_axis(graph, nearest, 1.0, axis=1)
    return 0.5 * (graph + graph.T)


def spectral_map(x: np.ndarray, dims: int) -> np.ndarray:
    """The first `dims` eigenvectors of the normalised Laplacian of x's similarity graph, rows
    scaled by the degree and signs fixed, as scikit-learn's `spectral_embedding` does; computed
    densely, so no random start vector is involved."""
    return _spectral(similarity_graph(x), dims)


def _spectral(graph: np.ndarray, dims: int) -> np.ndarray:
    from scipy.linalg import eigh

    m = len(graph)
    degree = np.sqrt(graph.sum(1))
    lap = np.eye(m) - graph / np.outer(degree, degree)
    dims = min(dims, m - 1)
    _, vectors = eigh(lap, subset_by_index=[0, dims - 1])
    maps = vectors / degree[:, None]
    signs = np.sign(maps[np.abs(maps).argmax(0), range(dims)])
    return maps * np.where(signs == 0, 1, signs)


def modularity(
    graph: np.ndarray | sparse.spmatrix, groups: np.ndarray, resolution: float = 1.0
) -> float:
    """Newman–Girvan modularity of `groups` in `graph` (dense or sparse): the share of the
    graph's edges inside the groups, minus the share expected if edges fell at random between
    equally connected stories. High when the groups are dense and apart; splitting a real group
    lowers it. A `resolution` above 1 favours more, smaller groups (bench/representation.py)."""
    edges = sparse.coo_matrix(graph)
    degree = np.asarray(edges.sum(1)).ravel()
    total = degree.sum()
    inside = edges.data[groups[edges.row] == groups[edges.col]].sum() / total
    expected = float(((np.bincount(groups, weights=degree) / total) ** 2).sum())
    return float(inside - resolution * expected)


def kmeans(points: np.ndarray, k: int, seed: int, starts: int | None = None) -> np.ndarray:
    """Lloyd's k-means with k-means++ starts, the best of `starts` by inertia.

    Written out because scikit-learn's KMeans spends 15–25 ms per fit starting OpenMP threads,
    against well under a millisecond of work for a few hundred stories in a few dimensions,
    and the consensus makes hundreds of fits.
    """
    rng = np.random.default_rng(seed)
    m = len(points)
    norms = (points**2).sum(1)
    starts = starts or NINIT
    best, best_inertia = np.zeros(m, dtype=np.int64), np.inf
    for _ in range(starts):
        centres = np.empty((k, points.shape[1]))
        centres[0] = points[rng.integers(m)]
        closest = ((points - centres[0]) ** 2).sum(1)
        for c in range(1, k):
            total = closest.sum()
            pick = rng.choice(m, p=closest / total) if total > 0 else rng.integers(m)
            centres[c] = points[pick]
            closest = np.minimum(closest, ((points - centres[c]) ** 2).sum(1))
        groups = np.full(m, -1)
        for _ in range(100):
            dist = norms[:, None] - 2 * points @ centres.T + (centres**2).sum(1)[None, :]
            new = dist.argmin(1)
            if np.array_equal(new, groups):
                break
            groups = new
            member = np.zeros((m, k))
            member[np.arange(m), groups] = 1.0
            sizes = member.sum(0)
            filled = sizes > 0
            centres[filled] = (member.T @ points)[filled] / sizes[filled, None]
        inertia = float(dist[np.arange(m), groups].sum())
        if inertia < best_inertia:
            best, best_inertia = groups, inertia
    return best


def centred(x: np.ndarray) -> np.ndarray:
    """x's rows as unit vectors after the collection's mean (of the unit rows) is taken away."""
    x = np.asarray(x, dtype=np.float64)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    x = x - x.mean(0)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _runs(x: np.ndarray, runs: int, seed: int, kmax: int) -> list[Resample]:
    n = len(x)
    size = max(2, int(SHARE * n))
    out = []
    for run in range(runs):
        rng = np.random.default_rng(seed + run)
        idx = np.sort(rng.choice(n, size=size, replace=False))
        graph = similarity_graph(x[idx])
        out.append(Resample(idx, _spectral(graph, kmax), sparse.csr_matrix(graph)))
    return out


def run_groups(runs: list[Resample], k: int, seed: int) -> list[np.ndarray]:
    """Each run's k groups (0..k-1) of its drawn stories: k-means on its first k map columns."""
    return [kmeans(r.maps[:, :k], k, seed + i) for i, r in enumerate(runs)]


def runs_modularity(runs: list[Resample], groups: list[np.ndarray]) -> float:
    """The mean modularity of each run's groups in that run's own similarity graph: the
    criterion that chooses k."""
    return float(np.mean([modularity(r.graph, g) for r, g in zip(runs, groups, strict=True)]))


def coassignment(n: int, runs: list[Resample], groups: list[np.ndarray]) -> np.ndarray:
    """How often each pair of stories shared a group, among the runs that drew both.

    One matrix product over all runs: each run contributes a one-hot column per group (zero for
    the stories it did not draw), so pairs sharing a group are a product of memberships.
    """
    k = max(int(g.max()) + 1 for g in groups)
    member = np.zeros((n, len(runs) * k), np.float32)
    drawn = np.zeros((n, len(runs)), np.float32)
    for run, (r, found) in enumerate(zip(runs, groups, strict=True)):
        member[r.stories, run * k + found] = 1.0
        drawn[r.stories, run] = 1.0
    out = (member @ member.T) / np.maximum(drawn @ drawn.T, 1.0)
    np.fill_diagonal(out, 1.0)
    return out


def partition(matrix: np.ndarray, k: int) -> np.ndarray:
    """Exactly k groups (0..k-1) of average-linkage clustering on 1 − co-assignment.

    The tree is cut by merge count, not by height: with few runs many pairs tie, and a height
    threshold (fcluster's maxclust) can then give fewer groups than asked. Replaying the first
    n − k merges is also much faster than scipy's cut_tree, which computes every level.
    """
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - matrix.astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    n = len(matrix)
    parent = list(range(2 * n - 1))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for step, (a, b) in enumerate(tree[: n - k, :2].astype(int)):
        parent[root(a)] = parent[root(b)] = n + step
    roots = [root(i) for i in range(n)]
    first: dict[int, int] = {}
    return np.array([first.setdefault(r, len(first)) for r in roots], dtype=np.int64)


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


def consensus(
    embeddings: np.ndarray,
    seed: int,
    runs: int = RUNS,
    k: int | None = None,
    min_size: int | None = None,
    max_unassigned: float = 0.10,
    progress: Progress | None = None,
) -> Consensus:
    """Consensus perspectives of `embeddings` (one row per story): see the module docstring.

    `k` fixes the number of perspectives; otherwise it is chosen in `k_range` among the
    partitions whose every group has at least `min_size` stories (default MIN_SIZE).
    """
    x = centred(embeddings)
    n = len(x)
    sample = np.arange(n)
    if n > SAMPLE:
        sample = np.sort(np.random.default_rng(seed).choice(n, size=SAMPLE, replace=False))
    xs = x[sample]
    m = len(xs)
    smallest = min_size or MIN_SIZE
    low, high = k_range(m)
    candidates = [max(2, min(k, m - 1))] if k else list(range(low, high + 1))
    kmax = max(candidates)
    runs = max(2, runs)
    total = len(candidates) + 1
    real = _runs(xs, runs, seed, kmax)
    if progress:
        progress(1, total, "")
    scores: dict[int, float] = {}
    found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for step, kk in enumerate(candidates, 2):
        per_run = run_groups(real, kk, seed)
        matrix = coassignment(m, real, per_run)
        groups = partition(matrix, kk)
        found[kk] = (matrix, groups)
        scores[kk] = runs_modularity(real, per_run)
        if progress:
            progress(step, total, "")
    allowed = [kk for kk in candidates if np.bincount(found[kk][1]).min() >= smallest]
    ranked = sorted(allowed or candidates[:1], key=lambda kk: (-scores[kk], kk))
    chosen = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    matrix, groups = found[chosen]
    labels_s, grouped_s, stability = _finish(matrix, groups, max_unassigned)
    labels = np.zeros(n, dtype=np.int64)
    grouped = np.zeros(n, dtype=np.int64)
    labels[sample], grouped[sample] = labels_s, grouped_s
    if m < n:
        _join_nearest(x, sample, labels)
        _join_nearest(x, sample, grouped)
    labels, grouped, stability = _by_size(labels, grouped, stability)
    return Consensus(labels, grouped, chosen, runner_up, stability, scores, runs)


def _finish(
    matrix: np.ndarray, groups: np.ndarray, max_unassigned: float
) -> tuple[np.ndarray, np.ndarray, dict[int, float]]:
    """Number the groups 1.., measure each story's membership and each group's stability, and
    leave out the stories that rarely join their group (weakest first, at most `max_unassigned`
    of all; never a whole group)."""
    m = len(groups)
    grouped = np.asarray(groups, dtype=np.int64) + 1
    numbers = [int(p) for p in np.unique(grouped)]
    membership = np.ones(m)
    for p in numbers:
        members = np.flatnonzero(grouped == p)
        if len(members) > 1:
            sub = matrix[np.ix_(members, members)]
            membership[members] = (sub.sum(1) - 1.0) / (len(members) - 1)
    labels = grouped.copy()
    left = {p: int((grouped == p).sum()) for p in numbers}
    budget = math.floor(max_unassigned * m)
    for i in np.argsort(membership, kind="stable"):
        if budget == 0 or membership[i] >= MEMBER:
            break
        if left[int(grouped[i])] > 1:
            labels[i] = 0
            left[int(grouped[i])] -= 1
            budget -= 1
    # measured on the stories that stay in each perspective
    scores = cluster_consensus(matrix, labels)
    stability = {p: round(scores[p], 3) for p in numbers}
    return labels, grouped, stability


def _by_size(
    labels: np.ndarray, grouped: np.ndarray, stability: dict[int, float]
) -> tuple[np.ndarray, np.ndarray, dict[int, float]]:
    """Number the perspectives 1.. from the largest as the facilitator sees them: by the stories
    they keep after the weakest left (ties by first story); 0 stays "fits nowhere"."""
    size = {p: int((labels == p).sum()) for p in stability}
    first = {p: int(np.flatnonzero(grouped == p)[0]) for p in stability}
    order = sorted(stability, key=lambda p: (-size[p], first[p]))
    new = np.zeros(max(stability) + 1, dtype=np.int64)
    new[order] = np.arange(1, len(order) + 1)
    return new[labels], new[grouped], {int(new[p]): stability[p] for p in order}


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
