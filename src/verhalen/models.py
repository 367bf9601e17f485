"""Saved clustering models: written whole or not at all, checked before they are loaded.

`verhalen cluster` saves each run's model to `modellen/run-N`: which story went to which
perspective, as JSON (never pickle); `perspectives.load_model` builds a BERTopic model from it.
The model goes into a hidden folder first, with a manifest of every file's size and hash
written last, and is renamed into place inside the run's transaction (perspectives.py), so a
killed process leaves no run or a complete one. `doctor` and the loader share these checks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from verhalen.atomic import sync

MODELS_DIR = "modellen"
MODEL_MANIFEST = "verhalen-model.json"  # written last: every file's size and hash
_STALE_SECONDS = 3600  # a hidden model folder this old was left by a killed process


def save_model(model: Any, folder: Path, embedder: str) -> Path:
    """Save `model` into a new hidden folder in `folder` and return it; the caller renames it.

    `model.save(folder, ...)` writes its files (verhalen's own: `cluster.SavedPerspectives`, plain
    JSON; never pickle), then a manifest is written last and everything synced to disk, so a
    folder that has its manifest holds the whole model.
    Hidden folders that killed processes left behind are removed once they are an hour old.
    """
    import hashlib
    import secrets
    import time
    import warnings

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(".run-*.partial"):
        try:
            if time.time() - old.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    while True:  # mkdir, not mkdtemp: the folder gets the usual permissions, not 0700
        staged = folder / f".run-{secrets.token_hex(6)}.partial"
        try:
            staged.mkdir()
            break
        except FileExistsError:
            continue
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.save(
                str(staged),
                serialization="safetensors",
                save_ctfidf=True,
                save_embedding_model=f"verhalen:{embedder}",
            )
        files = {}
        for item in sorted(staged.rglob("*")):
            if item.is_file():
                data = item.read_bytes()
                files[item.relative_to(staged).as_posix()] = {
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                sync(item)
        manifest = staged / MODEL_MANIFEST
        manifest.write_text(json.dumps({"files": files}, indent=1, sort_keys=True), "utf-8")
        sync(manifest)
        sync(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


# What a model saved before manifests existed must hold for the loader: BERTopic's config and
# topics (the stories' places come from the store; the other files BERTopic wrote are not read).
LEGACY_FILES = ("config.json", "topics.json")


def _json_ok(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def model_damage(folder: Path) -> list[str]:
    """The files of a saved model that are missing or damaged. A model with a manifest (every
    file's size and hash, written last) is held to it; an older one to the two files the
    loader reads from it (`LEGACY_FILES`)."""
    manifest = folder / MODEL_MANIFEST
    if manifest.is_file():
        try:
            files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            expected = {str(k): (int(v["size"]), str(v["sha256"])) for k, v in files.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return [MODEL_MANIFEST]
        bad = []
        for name, (size, digest) in sorted(expected.items()):
            path = folder / name
            try:
                ok = path.stat().st_size == size and sha256(path) == digest
            except OSError:
                ok = False
            if not ok:
                bad.append(name)
        return bad
    return [name for name in LEGACY_FILES if not _json_ok(folder / name)]


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (the manifest's check, and `doctor`'s of sources)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_complete(path: Path) -> bool:
    """Whether a saved model folder is there and whole: the loader's check and `doctor`'s are
    this one (`model_damage`)."""
    return path.is_dir() and not model_damage(path)
