"""The default: meaning and wording together.

USE places stories by what they mean across paraphrase; TF-IDF on lemmas keeps the concrete
words a facilitator recognises a theme by. On the example project USE alone reached an ARI of
0.20 and TF-IDF 0.23 against the intended themes, together 0.36; on the Dutch parliamentary
questions 0.23, 0.29 and 0.30 (bench/embedders.py, docs/quality.md).

"""

from __future__ import annotations

import numpy as np

from verhalen.embed._base import Embedder, Progress, normalise
from verhalen.embed._tfidf import TfidfEmbedder
from verhalen.embed._use import UseEmbedder


class HybridEmbedder(Embedder):
    name = "hybrid"
    corpus_dependent = True

    def __init__(self, lang: str = "nl", seed: int = 42):
        self.semantic = UseEmbedder()
        self.lexical = TfidfEmbedder(lang, seed)

    def parts(self) -> list[Embedder]:
        return [self.semantic, self.lexical]

    def combine(self, vectors: list[np.ndarray]) -> np.ndarray:
        return normalise(np.hstack([normalise(v) for v in vectors]))

    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        return self.combine([self.semantic.embed(texts, progress), self.lexical.embed(texts)])

    def transform(self, texts: list[str]) -> np.ndarray:
        return self.combine([self.semantic.embed(texts), self.lexical.transform(texts)])
