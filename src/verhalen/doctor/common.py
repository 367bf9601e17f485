"""Wording and file helpers more than one check uses."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from verhalen.i18n import NOUNS, language, number, t

SHOWN_IDS = 5


def ids(values: Iterable[Any], lang: str) -> str:
    """'3, 7, 9' or '3, 7, 9, 12, 15 en 4 meer'."""
    items = sorted(set(values), key=lambda v: (str(type(v)), v))
    shown = ", ".join(str(v) for v in items[:SHOWN_IDS])
    rest = len(items) - SHOWN_IDS
    if rest > 0:
        shown += t("doctor_and_more", lang, rest=rest)
    return shown


def who(kind: str, owners: Iterable[Any], lang: str) -> str:
    """'verhaal 3', 'verhalen 3, 5', 'storytellers V01, V02' (`kind`: story or storyteller)."""
    owners = list(owners)
    one, many = NOUNS[kind][2:] if language(lang) == "en" else NOUNS[kind][:2]
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
        return t("doctor_about_seconds", lang, s=s)
    minutes = round(seconds / 60)
    if minutes < 90:
        return t("doctor_about_minutes", lang, n=minutes)
    hours = round(seconds / 3600, 1)
    shown = number(hours, lang, 0 if hours.is_integer() else 1)
    return t("doctor_about_hours", lang, hours=shown)
