"""Consensus perspectives: the number of groups, stability, determinism, and the quality guard.

The synthetic collections are unit vectors around known centres (no model needed); the quality
guard reads the example project that the test session clusters once (support.demo_result).
"""

from __future__ import annotations

import csv
import statistics

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score
from support import demo_result

from verhalen import consensus as consensus_module
from verhalen.cluster import UNASSIGNED, ClusterConfig, cluster_embeddings
from verhalen.consensus import consensus, k_range, modularity, similarity_graph
from verhalen.errors import VerhalenError


def blobs(sizes: list[int], dims: int = 40, spread: float = 0.6, seed: int = 0):
    """Unit vectors around len(sizes) random centres: (vectors, true group per row)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), dims))
    rows, truth = [], []
    for g, size in enumerate(sizes):
        rows.append(centres[g] + spread * rng.normal(size=(size, dims)) * np.sqrt(1 / dims) * 4)
        truth += [g] * size
    x = np.vstack(rows)
    return x / np.linalg.norm(x, axis=1, keepdims=True), np.asarray(truth)


@pytest.mark.parametrize("sizes", [[40, 40, 40, 40, 40], [60, 30, 30, 20], [25] * 7])
def test_the_number_of_groups_is_found(sizes):
    x, truth = blobs(sizes)
    found = consensus(x, seed=1, runs=10)
    assert found.k == len(sizes)
    assert found.runner_up is not None and found.runner_up != found.k
    assigned = found.labels != UNASSIGNED
    assert adjusted_rand_score(truth[assigned], found.labels[assigned]) > 0.95


def test_clear_groups_are_stable_and_nothing_is_left_out():
    x, _ = blobs([40, 40, 40])
    found = consensus(x, seed=3, runs=10)
    assert all(value > 0.95 for value in found.stability.values())
    assert (found.labels == UNASSIGNED).sum() == 0


def test_groups_in_noise_are_shaky_and_some_stories_fit_nowhere():
    x = np.random.default_rng(5).normal(size=(150, 30))
    found = consensus(x, seed=1, runs=10)
    clear = consensus(blobs([50, 50, 50])[0], seed=1, runs=10)
    assert statistics.median(found.stability.values()) < statistics.median(clear.stability.values())
    left_out = (found.labels == UNASSIGNED).mean()
    assert 0 < left_out <= 0.10


def test_same_seed_same_perspectives_other_seed_may_differ():
    x = np.random.default_rng(2).normal(size=(120, 20))
    first, again = consensus(x, seed=7, runs=6), consensus(x, seed=7, runs=6)
    assert np.array_equal(first.labels, again.labels)
    assert first.stability == again.stability
    assert first.scores == again.scores


def test_a_fixed_number_is_honoured():
    x, _ = blobs([40, 40, 40, 40])
    assert consensus(x, seed=1, runs=5, k=6).k == 6
    assert len(set(consensus(x, seed=1, runs=5, k=6).grouped.tolist())) == 6


def test_the_smallest_perspective_is_respected():
    x, _ = blobs([50, 50, 8], spread=0.3)
    assert consensus(x, seed=1, runs=8).k == 3
    assert consensus(x, seed=1, runs=8, min_size=10).k == 2


def test_large_collections_are_grouped_on_a_sample_and_every_story_placed(monkeypatch):
    monkeypatch.setattr(consensus_module, "SAMPLE", 120)
    x, truth = blobs([100, 100, 100])
    found = consensus(x, seed=1, runs=5)
    assert found.k == 3
    assert (found.grouped > 0).all()
    assert adjusted_rand_score(truth, found.grouped) > 0.95


def test_the_range_of_numbers_grows_with_the_collection():
    assert k_range(160) == (2, 8)
    assert k_range(10_000)[1] == consensus_module.MAX_K


def test_modularity_prefers_the_true_split_to_a_coarser_or_finer_one():
    x, truth = blobs([40, 40, 40, 40])
    graph = similarity_graph(x)
    coarse = truth // 2
    fine = truth * 2 + (np.arange(len(truth)) % 2)
    assert modularity(graph, truth) > modularity(graph, coarse)
    assert modularity(graph, truth) > modularity(graph, fine)


def test_cluster_embeddings_checks_the_sizes_before_any_work():
    x, _ = blobs([20, 20])
    ids = list(range(1, 41))
    docs = ["woord"] * 40
    for config in (
        ClusterConfig(embedder="tfidf", perspectives=1),
        ClusterConfig(embedder="tfidf", perspectives=21),
        ClusterConfig(embedder="tfidf", min_size=1),
        ClusterConfig(embedder="tfidf", min_size=-3),
        ClusterConfig(embedder="tfidf", min_size=500),
    ):
        with pytest.raises(VerhalenError, match="kies een getal van 2 tot en met 20"):
            cluster_embeddings(ids, docs, x, config)


# -- the quality guard: the example project at the default seed --------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return demo_result(tmp_path_factory).project


def test_quality_guard_example_project(example):
    """The example project's perspectives against its seven intended themes (truth/themes.csv),
    at the default seed and runs: the bar of the perspectives issue (bench/cluster_quality.py
    measures seeds 1–3). A change to the clustering, embedding or text preparation that loses
    quality fails here, not in a user's workshop."""
    from importlib import resources

    from verhalen.perspectives import assignment, perspectives

    truth_file = resources.files("verhalen").joinpath("voorbeeld/truth/themes.csv")
    with truth_file.open(encoding="utf-8", newline="") as fh:
        truth = {row["title"]: row["theme"] for row in csv.DictReader(fh)}
    with example.store() as store:
        titles = {s.id: s.title for s in store.stories()}
    assigned = assignment(example)
    ids = sorted(assigned)
    ari = adjusted_rand_score([truth[titles[i]] for i in ids], [assigned[i] for i in ids])
    views = [v for v in perspectives(example) if v.number > 0]
    stability = statistics.median(v.stability for v in views)
    unassigned = sum(1 for n in assigned.values() if n == UNASSIGNED) / len(assigned)
    assert ari >= 0.45, f"ARI {ari:.3f} on the example project (seed 42)"
    assert 4 <= len(views) <= 10
    assert stability >= 0.6
    assert unassigned <= 0.10
