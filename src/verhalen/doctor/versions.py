"""The packages the active run recorded (`cluster.versions()`) against those installed now:
with another numpy, UMAP or embedder the same seed can give other perspectives."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

from verhalen.doctor.common import cluster_command
from verhalen.doctor.context import Context
from verhalen.doctor.runs import active_run, stored_runs
from verhalen.i18n import t


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
        t("doctor_versions_changed", ctx.lang, run_id=run_id, changed=", ".join(changed)),
        t("doctor_install_constraints", ctx.lang, command=command, run_id=run_id),
    )
