"""Wording and file helpers more than one check uses."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from verhalen.i18n import NOUNS, say

SHOWN_IDS = 5


def ids(values: Iterable[Any], lang: str) -> str:
    """'3, 7, 9' or '3, 7, 9, 12, 15 en 4 meer'."""
    items = sorted(set(values), key=lambda v: (str(type(v)), v))
    shown = ", ".join(str(v) for v in items[:SHOWN_IDS])
    rest = len(items) - SHOWN_IDS
    if rest > 0:
        shown += say(lang, f" en {rest} meer", f" and {rest} more")
    return shown


def who(kind: str, owners: Iterable[Any], lang: str) -> str:
    """'verhaal 3', 'verhalen 3, 5', 'storytellers V01, V02' (`kind`: story or storyteller)."""
    owners = list(owners)
    one_nl, many_nl, one_en, many_en = NOUNS[kind]
    one, many = (one_en, many_en) if lang == "en" else (one_nl, many_nl)
    return f"{one if len(set(owners)) == 1 else many} {ids(owners, lang)}"


def cluster_command(config: str | None) -> str:
    """The `verhalen cluster` that repeats a run, from its stored configuration."""
    try:
        cfg = json.loads(config or "{}")
    except ValueError:
        cfg = {}
    command = "verhalen cluster"
    for option, key in (
        ("--embedder", "embedder"),
        ("--perspectives", "perspectives"),
        ("--min-size", "min_size"),
        ("--seed", "seed"),
    ):
        if cfg.get(key) is not None:
            command += f" {option} {cfg[key]}"
    if cfg.get("guided"):
        command += " --guided THEMAS.yaml"
    return command


def duration(seconds: float, lang: str) -> str:
    if seconds < 60:
        s = max(5, int(math.ceil(seconds / 5) * 5))
        return say(lang, f"ongeveer {s} seconden", f"about {s} seconds")
    minutes = round(seconds / 60)
    if minutes < 90:
        return say(
            lang,
            f"ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}",
            f"about {minutes} minute{'s' if minutes != 1 else ''}",
        )
    hours = round(seconds / 3600, 1)
    shown = f"{hours:g}".replace(".", ",") if lang != "en" else f"{hours:g}"
    return say(lang, f"ongeveer {shown} uur", f"about {shown} hours")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
