"""The packages the active run recorded (`cluster.versions()`) against those installed now:
with another numpy, UMAP or embedder the same seed can give other perspectives."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

from verhalen.doctor.common import cluster_command
from verhalen.doctor.context import Context
from verhalen.doctor.runs import active_run, stored_runs


def check_versions(ctx: Context) -> None:
    run_id = active_run(stored_runs(ctx) or [])
    if run_id is None:
        return
    row = ctx.conn.execute("SELECT versions, config FROM runs WHERE id = ?", (run_id,)).fetchone()
    try:
        recorded = json.loads(row[0] or "{}") if row else {}
    except (TypeError, ValueError):
        return
    if not isinstance(recorded, dict):
        return
    changed = []
    for package, then in sorted(recorded.items()):
        try:
            now = version(str(package))
        except (PackageNotFoundError, ValueError):
            now = "-"  # as cluster.versions() records a package that is not installed
        if str(then) != now:
            changed.append(f"{package} {then} → {now}")
    if not changed:
        return
    command = cluster_command(row[1])
    ctx.add(
        "warning",
        "versions",
        ctx.say(
            f"de actieve run {run_id} is gemaakt met andere versies dan er nu geïnstalleerd "
            f"zijn ({', '.join(changed)}): dezelfde seed kan nu andere perspectieven geven",
            f"the active run {run_id} was made with other versions than are installed now "
            f"({', '.join(changed)}): the same seed may now give other perspectives",
        ),
        ctx.say(
            "installeer met constraints.txt (in de map van verhalen: bash scripts/setup.sh, "
            "of pip install -c constraints.txt -e .) of voer 'verhalen cluster' opnieuw uit: "
            f"{command} (je bewerkingen blijven in run {run_id})",
            "install with constraints.txt (in verhalen's folder: bash scripts/setup.sh, or "
            "pip install -c constraints.txt -e .) or run 'verhalen cluster' again: "
            f"{command} (your edits stay in run {run_id})",
        ),
    )
