"""Each run's saved model folder (`verhalen.models`): there and whole; and folders in
modellen/ that belong to no run."""

from __future__ import annotations

import re
from pathlib import Path

from verhalen.doctor.common import cluster_command
from verhalen.doctor.context import Context
from verhalen.doctor.findings import Severity
from verhalen.doctor.runs import stored_runs
from verhalen.i18n import t
from verhalen.models import MODELS_DIR, model_damage


def check_model_folders(ctx: Context) -> None:
    runs = stored_runs(ctx)
    if runs is None:
        return
    for run in runs:
        _check_model(ctx, run.id, cluster_command(run.config), run.model_path, run.active)
    _check_leftovers(ctx, {run.id for run in runs})


def _check_model(
    ctx: Context, run_id: int, command: str, model_path: str | None, active: bool
) -> None:
    level: Severity = "warning" if active else "info"
    new_run = t("doctor_model_new_run", ctx.lang, command=command, run_id=run_id)
    if not model_path:
        if (ctx.root / MODELS_DIR / f"run-{run_id}").is_dir():
            ctx.add(
                level,
                "runs",
                t("doctor_model_unfinished", ctx.lang, run_id=run_id, models=MODELS_DIR),
                new_run,
            )
        return  # a run saved without a model (notebooks do that): nothing wrong
    folder = Path(model_path) if Path(model_path).is_absolute() else ctx.root / model_path
    if not folder.is_dir():
        ctx.add(
            level,
            "runs",
            t("doctor_model_folder_gone", ctx.lang, run_id=run_id, path=model_path),
            new_run,
        )
        return
    bad = model_damage(folder)
    if bad:
        ctx.add(
            level,
            "runs",
            t(
                "doctor_model_incomplete",
                ctx.lang,
                run_id=run_id,
                path=model_path,
                bad=", ".join(bad),
            ),
            new_run,
        )


def _check_leftovers(ctx: Context, run_ids: set[int]) -> None:
    folder = ctx.root / MODELS_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        shown = f"{MODELS_DIR}/{path.name}"
        if path.name.startswith(".run-") and path.name.endswith(".partial"):
            ctx.add(
                "info",
                "runs",
                t("doctor_model_partial", ctx.lang, shown=shown),
                t("doctor_model_partial_repair", ctx.lang, shown=shown),
            )
            continue
        m = re.fullmatch(r"run-(\d+)", path.name)
        if m and path.is_dir() and int(m.group(1)) not in run_ids:
            ctx.add(
                "info",
                "runs",
                t("doctor_model_no_run", ctx.lang, shown=shown),
                t("doctor_model_may_go", ctx.lang, shown=shown),
            )
