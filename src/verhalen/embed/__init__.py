"""Embedding backends behind `select_embedder(name)`, in BERTopic's plug-in style.

- `hybrid` — USE and TF-IDF together (the default for Dutch and other languages)
- `use` — Universal Sentence Encoder multilingual (offline, from PyPI)
- `minilm` — all-MiniLM-L6-v2, BERTopic's default (offline, from PyPI; the default for English)
- `sentence-transformers:PATH` — a sentence-transformers model saved on disk
- `tfidf` — TF-IDF + SVD on lemmas (scikit-learn), always available

Which one is the default was decided by measurement on two Dutch and two English labelled
collections: see docs/quality.md and bench/embedders.py.
"""

from __future__ import annotations

import numpy as np

from verhalen.embed._base import Embedder, normalise
from verhalen.errors import VerhalenError
from verhalen.store import Store

DEFAULT = "hybrid"
DEFAULT_BY_LANG = {"en": "minilm"}
NAMES = ("hybrid", "use", "minilm", "tfidf", "sentence-transformers:PATH")

__all__ = [
    "DEFAULT",
    "NAMES",
    "Embedder",
    "default_embedder",
    "embed_cached",
    "normalise",
    "select_embedder",
]


def default_embedder(lang: str = "nl") -> str:
    """The embedder that clustered best in this language (docs/quality.md, embedder table).

    Hybrid was best on both Dutch collections (ARI 0.36 and 0.30, MiniLM 0.14 and 0.09);
    MiniLM on both English ones (0.58 and 0.49, hybrid 0.33 and 0.45).
    """
    return DEFAULT_BY_LANG.get(lang, DEFAULT)


def select_embedder(name: str | None = None, lang: str = "nl", seed: int = 42) -> Embedder:
    name = name or default_embedder(lang)

    if name == "hybrid":
        from verhalen.embed._hybrid import HybridEmbedder

        return HybridEmbedder(lang, seed)
    if name == "use":
        from verhalen.embed._use import UseEmbedder

        return UseEmbedder()
    if name == "tfidf":
        from verhalen.embed._tfidf import TfidfEmbedder

        return TfidfEmbedder(lang, seed)
    if name == "minilm":
        from verhalen.embed._sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder("minilm")
    if name.startswith("sentence-transformers:"):
        from verhalen.embed._sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name.split(":", 1)[1])
    raise VerhalenError(f"embedder '{name}': choose from {', '.join(NAMES)}")


def embed_cached(
    store: Store, embedder: Embedder, texts: list[str], keys: list[str], progress=None
) -> np.ndarray:
    """Vectors for `texts`, taking each cacheable part from the store when it has them.

    `keys` identify the texts (their dedup hash): a second run on the same stories embeds
    nothing with a cacheable embedder, only what depends on the whole collection.
    """
    vectors = []
    for part in embedder.parts():
        if part.corpus_dependent:
            vectors.append(part.embed(texts))
            continue
        cached = store.embeddings(part.key, keys)
        missing = [i for i, k in enumerate(keys) if k not in cached]
        if missing:
            new = part.embed([texts[i] for i in missing], progress)
            with store.transaction():
                store.save_embeddings(part.key, [(keys[i], new[j]) for j, i in enumerate(missing)])
            cached.update({keys[i]: new[j] for j, i in enumerate(missing)})
        vectors.append(np.vstack([cached[k] for k in keys]) if keys else np.zeros((0, 1)))
    return embedder.combine(vectors)
