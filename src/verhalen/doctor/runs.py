"""Clustering runs: which is active, and whether the active one shows every story."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from verhalen.doctor.common import ids, who
from verhalen.doctor.context import Context
from verhalen.i18n import count, t


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
            t("doctor_no_active_run", ctx.lang, runs=ids(numbers, ctx.lang)),
            t("doctor_choose_run", ctx.lang, run_id=numbers[-1]),
        )
    if len(active) > 1:
        ctx.add(
            "error",
            "runs",
            t("doctor_many_active", ctx.lang, runs=ids(active, ctx.lang), first=active[0]),
            t("doctor_choose_run", ctx.lang, run_id=active[-1]),
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
            t("doctor_use_other_run", ctx.lang, run_id=others[-1])
            if others
            else t("doctor_make_new_run", ctx.lang)
        )
        ctx.add(
            "error",
            "runs",
            t("doctor_run_assigns_nothing", ctx.lang, run_id=run_id),
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
            t(
                "doctor_lost_perspective",
                ctx.lang,
                run_id=run_id,
                stories=count(len(story_ids), "story", ctx.lang),
                number=number,
                whose=who("story", story_ids, ctx.lang),
            ),
            t("doctor_move_lost", ctx.lang, first=min(story_ids)),
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
            t(
                "doctor_added_after_run",
                ctx.lang,
                stories=count(len(missing), "story", ctx.lang),
                run_id=run_id,
                whose=who("story", missing, ctx.lang),
            ),
            t("doctor_new_run_all", ctx.lang, run_id=run_id),
        )
