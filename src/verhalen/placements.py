"""Landscape placements made in the workshop room: where a group laid each story.

A landscape is named as the results template names it (`landscape_axes.landscape_key`): the two
question ids as `x/y`, or a triad's id. A placement is the story's number, the table (group) that
placed it (empty when the sheet names none) and its value: `[x, y]` in the questions' own ranges,
or a triad's three shares summing to 100. `workshop import` stores them (`save`, inside the
import's transaction); the report reads them back (`read`) and draws the group's landscape
beside the storytellers' own answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from verhalen.store import Store, now


@dataclass(frozen=True)
class Placement:
    landscape: str  # "x/y" or a triad's id
    table: str  # the group (table) that placed it; "" when not named
    story_id: int
    value: tuple[float, ...]  # (x, y) or (a, b, c)


def read(store: Store) -> list[Placement]:
    """Every stored placement, by landscape, table and story."""
    rows = store.db.execute(
        "SELECT landscape, grp, story_id, value FROM placements ORDER BY landscape, grp, story_id"
    ).fetchall()
    return [
        Placement(r["landscape"], r["grp"], r["story_id"], tuple(json.loads(r["value"])))
        for r in rows
    ]


def save(store: Store, placements: list[Placement]) -> None:
    """Store placements (a newer one replaces the same story's on the same landscape and table),
    each logged; call inside a transaction."""
    for p in placements:
        store.db.execute(
            "INSERT INTO placements (landscape, grp, story_id, value, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (landscape, grp, story_id) DO UPDATE SET value = excluded.value, "
            "at = excluded.at",
            (p.landscape, p.table, p.story_id, json.dumps(list(p.value)), now()),
        )
    if placements:
        landscapes = sorted({p.landscape for p in placements})
        store.log(
            "placements", "workshop", {"landscapes": landscapes, "placements": len(placements)}
        )
