"""Each run's saved model folder (`verhalen.models`): there and whole; and folders in
modellen/ that belong to no run."""

from __future__ import annotations

import re
from pathlib import Path

from verhalen.doctor.common import cluster_command
from verhalen.doctor.context import Context
from verhalen.doctor.findings import Severity
from verhalen.doctor.runs import stored_runs
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
    new_run = ctx.say(
        f"zet de map terug uit een reservekopie, of maak een nieuwe run met model: "
        f"{command} (dezelfde instellingen geven dezelfde perspectieven; je bewerkingen "
        f"blijven in run {run_id})",
        f"restore the folder from a backup, or make a new run with a model: "
        f"{command} (the same settings give the same perspectives; your edits stay in "
        f"run {run_id})",
    )
    if not model_path:
        if (ctx.root / MODELS_DIR / f"run-{run_id}").is_dir():
            ctx.add(
                level,
                "runs",
                ctx.say(
                    f"run {run_id}: het model in {MODELS_DIR}/run-{run_id} is niet af "
                    "(verhalen cluster stopte tijdens het opslaan)",
                    f"run {run_id}: the model in {MODELS_DIR}/run-{run_id} is unfinished "
                    "(verhalen cluster stopped while saving it)",
                ),
                new_run,
            )
        return  # a run saved without a model (notebooks do that): nothing wrong
    folder = Path(model_path) if Path(model_path).is_absolute() else ctx.root / model_path
    if not folder.is_dir():
        ctx.add(
            level,
            "runs",
            ctx.say(
                f"run {run_id}: de modelmap {model_path} bestaat niet meer; de "
                "perspectieven zelf staan in de opslag, maar het model kan geen nieuwe "
                "verhalen meer plaatsen",
                f"run {run_id}: the model folder {model_path} no longer exists; the "
                "perspectives themselves are in the store, but the model can no longer "
                "place new stories",
            ),
            new_run,
        )
        return
    bad = model_damage(folder)
    if bad:
        ctx.add(
            level,
            "runs",
            ctx.say(
                f"run {run_id}: de modelmap {model_path} is onvolledig (ontbreekt of "
                f"beschadigd: {', '.join(bad)})",
                f"run {run_id}: the model folder {model_path} is incomplete (missing or "
                f"damaged: {', '.join(bad)})",
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
                ctx.say(
                    f"{shown} is een half opgeslagen model van een 'verhalen cluster' die "
                    "stopte (of nu nog loopt)",
                    f"{shown} is a half-saved model of a 'verhalen cluster' that stopped "
                    "(or is running now)",
                ),
                ctx.say(
                    f"niets nodig: de volgende 'verhalen cluster' ruimt het na een uur op; "
                    f"weggooien mag ook: rm -r {shown}",
                    f"nothing needed: the next 'verhalen cluster' removes it after an hour; "
                    f"it may also go now: rm -r {shown}",
                ),
            )
            continue
        m = re.fullmatch(r"run-(\d+)", path.name)
        if m and path.is_dir() and int(m.group(1)) not in run_ids:
            ctx.add(
                "info",
                "runs",
                ctx.say(
                    f"{shown} hoort bij geen enkele run in de opslag (een teruggezette "
                    "reservekopie?)",
                    f"{shown} belongs to no run in the store (a restored backup?)",
                ),
                ctx.say(
                    f"niets nodig; weggooien mag: rm -r {shown}",
                    f"nothing needed; it may go: rm -r {shown}",
                ),
            )
