"""Clustering runs: which is active, and whether the active one shows every story."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from verhalen.doctor.common import ids, who
from verhalen.doctor.context import Context
from verhalen.i18n import count


class Run(NamedTuple):
    id: int
    config: str | None
    model_path: str | None
    active: bool


def stored_runs(ctx: Context) -> list[Run] | None:
    """The store's runs in order, or None when it has no runs to check (an older schema)."""
    if not {"runs", "perspectives", "assignments"} <= ctx.tables:
        return None
    rows = ctx.conn.execute("SELECT id, config, model_path, active FROM runs ORDER BY id")
    return [Run(r[0], r[1], r[2], bool(r[3])) for r in rows]


def active_run(runs: list[Run]) -> int | None:
    """The run verhalen uses: the first one marked active."""
    return next((r.id for r in runs if r.active), None)


def check_run_flags(ctx: Context) -> None:
    runs = stored_runs(ctx)
    if runs is None:
        return
    numbers = [r.id for r in runs]
    active = [r.id for r in runs if r.active]
    if runs and not active:
        ctx.add(
            "warning",
            "runs",
            ctx.say(
                f"geen run is actief (er zijn runs {ids(numbers, ctx.lang)}): perspectieven, "
                "patronen en rapporten zien geen perspectieven",
                f"no run is active (there are runs {ids(numbers, ctx.lang)}): perspectives, "
                "patterns and reports see no perspectives",
            ),
            ctx.say(
                f"kies er een: verhalen perspectives use {numbers[-1]}",
                f"choose one: verhalen perspectives use {numbers[-1]}",
            ),
        )
    if len(active) > 1:
        ctx.add(
            "error",
            "runs",
            ctx.say(
                f"runs {ids(active, ctx.lang)} staan alle als actief; verhalen gebruikt "
                f"er maar één ({active[0]})",
                f"runs {ids(active, ctx.lang)} are all marked active; verhalen uses "
                f"only one ({active[0]})",
            ),
            ctx.say(
                f"kies er een: verhalen perspectives use {active[-1]}",
                f"choose one: verhalen perspectives use {active[-1]}",
            ),
        )


def check_active_run(ctx: Context) -> None:
    runs = stored_runs(ctx)
    run_id = active_run(runs or [])
    if runs is None or run_id is None:
        return
    others = [r.id for r in runs if r.id != run_id]
    db = ctx.conn
    numbers = {
        r[0] for r in db.execute("SELECT number FROM perspectives WHERE run_id = ?", (run_id,))
    }
    assigned = list(
        db.execute(
            "SELECT a.story_id, a.number FROM assignments a JOIN stories s "
            "ON s.id = a.story_id WHERE a.run_id = ?",
            (run_id,),
        )
    )
    stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    if not assigned and stories:
        use = (
            ctx.say(
                f"verhalen perspectives use {others[-1]}, of maak een nieuwe met "
                "'verhalen cluster'",
                f"verhalen perspectives use {others[-1]}, or make a new one with "
                "'verhalen cluster'",
            )
            if others
            else ctx.say(
                "maak een nieuwe run met 'verhalen cluster'",
                "make a new run with 'verhalen cluster'",
            )
        )
        ctx.add(
            "error",
            "runs",
            ctx.say(
                f"de actieve run {run_id} deelt geen enkel verhaal in: er zijn geen "
                "perspectieven te zien",
                f"the active run {run_id} assigns no story at all: there are no "
                "perspectives to see",
            ),
            use,
        )
        return
    lost: dict[int, list[int]] = defaultdict(list)
    for story_id, number in assigned:
        if number not in numbers:
            lost[number].append(story_id)
    for number, story_ids in sorted(lost.items()):
        ctx.add(
            "error",
            "runs",
            ctx.say(
                f"run {run_id}: {count(len(story_ids), 'story', 'nl')} in perspectief "
                f"{number}, dat niet bestaat, en dus in geen enkel perspectief te zien "
                f"({who('story', story_ids, ctx.lang)})",
                f"run {run_id}: {count(len(story_ids), 'story', 'en')} in perspective "
                f"{number}, which does not exist, and so shown in no perspective "
                f"({who('story', story_ids, ctx.lang)})",
            ),
            ctx.say(
                f"verplaats ze naar een bestaand perspectief of naar 'past nergens bij': "
                f"verhalen perspectives move {min(story_ids)} 0",
                f"move them to an existing perspective or to 'fits nowhere': "
                f"verhalen perspectives move {min(story_ids)} 0",
            ),
        )
    # Stories excluded from the analysis are left out of a run on purpose.
    excluded = (
        " AND id NOT IN (SELECT story_id FROM exclusions)" if "exclusions" in ctx.tables else ""
    )
    missing = [
        r[0]
        for r in db.execute(
            "SELECT id FROM stories WHERE id NOT IN "
            f"(SELECT story_id FROM assignments WHERE run_id = ?){excluded} ORDER BY id",
            (run_id,),
        )
    ]
    if missing:
        ctx.add(
            "warning",
            "runs",
            ctx.say(
                f"{count(len(missing), 'story', 'nl')} na run {run_id} toegevoegd en in "
                f"geen enkel perspectief ingedeeld ({who('story', missing, ctx.lang)}); "
                "rapporten en patronen laten ze bij de perspectieven weg",
                f"{count(len(missing), 'story', 'en')} added after run {run_id} and in no "
                f"perspective ({who('story', missing, ctx.lang)}); reports and patterns "
                "leave them out of the perspectives",
            ),
            ctx.say(
                "maak een nieuwe run met alle verhalen: verhalen cluster (je namen en "
                f"bewerkingen blijven in run {run_id}; verhalen perspectives use {run_id} "
                "gaat terug)",
                "make a new run with every story: verhalen cluster (your names and edits "
                f"stay in run {run_id}; verhalen perspectives use {run_id} goes back)",
            ),
        )
