"""The embedder interface: texts in, one L2-normalised float32 row per text out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

import numpy as np

Progress = Callable[[int, int, str], None]


class Embedder(ABC):
    """A way to turn story texts into vectors.

    `key` names the embedder and its version for the embedding cache; an embedder whose vectors
    depend on the whole corpus (TF-IDF) sets `corpus_dependent` and is never cached per text.
    """

    name: str = ""
    corpus_dependent: bool = False

    @property
    def key(self) -> str:
        return self.name

    @abstractmethod
    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...

    def transform(self, texts: list[str]) -> np.ndarray:
        """Vectors for texts outside the collection (e.g. a guided theme's seed words)."""
        return self.embed(texts)

    def parts(self) -> list[Embedder]:
        """The embedders whose vectors are combined; each is cached on its own if it can be."""
        return [self]

    def combine(self, vectors: list[np.ndarray]) -> np.ndarray:
        return vectors[0]


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
