"""TF-IDF on lemmas reduced with truncated SVD (latent semantic analysis): always available.

Its vectors depend on the whole collection, so they are computed fresh for every run.
"""

from __future__ import annotations

import numpy as np

from verhalen.embed._base import Embedder, Progress, normalise

DIMENSIONS = 100


class TfidfEmbedder(Embedder):
    name = "tfidf"
    corpus_dependent = True
    min_df: int | float = 1
    max_df: int | float = 1.0

    def __init__(self, lang: str = "nl", seed: int = 42):
        self.lang = lang
        self.seed = seed

    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        from verhalen.text import lemmas

        tokens = lemmas(texts, self.lang)
        min_df = self.min_df if len(texts) >= 20 else 1
        self._vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=min_df, max_df=self.max_df
        )
        matrix = self._vectorizer.fit_transform(tokens)
        k = max(1, min(DIMENSIONS, matrix.shape[0] - 1, matrix.shape[1] - 1))
        self._svd = TruncatedSVD(n_components=k, random_state=self.seed)
        reduced = self._svd.fit_transform(matrix)
        if progress:
            progress(len(texts), len(texts), "")
        return normalise(reduced)

    def transform(self, texts: list[str]) -> np.ndarray:
        """Vectors for new texts (seed words of guided themes) in the fitted space."""
        from verhalen.text import lemmas

        matrix = self._vectorizer.transform(lemmas(texts, self.lang))
        return normalise(self._svd.transform(matrix))


def _identity(words: list[str]) -> list[str]:
    return words
