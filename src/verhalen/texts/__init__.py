"""Every fixed text verhalen shows people, in Dutch and English side by side, in one table.

Each area of the package keeps its texts in a module here, so a newcomer finds a message next to
its neighbours and a translator works through one folder. `TEXTS` merges them and refuses a key
defined twice, so `verhalen.i18n.t` looks every text up in one place, and a test checks that each
has both languages with the same placeholders.
"""

from __future__ import annotations

from types import ModuleType

from verhalen.texts import (
    cli,
    core,
    data,
    doctor,
    kit,
    patterns,
    report,
    report_more,
    workshop,
)

AREAS: tuple[ModuleType, ...] = (
    core,
    data,
    cli,
    doctor,
    patterns,
    report,
    report_more,
    workshop,
    kit,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        for key, pair in area.TEXTS.items():
            if key in merged:
                raise KeyError(f"text key {key!r} defined twice (again in {area.__name__})")
            merged[key] = pair
    return merged


TEXTS: dict[str, tuple[str, str]] = _merge()
