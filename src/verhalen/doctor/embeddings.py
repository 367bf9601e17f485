"""The active run's embedder: loadable here, and the cached vectors the next
`verhalen cluster` would have to compute first."""

from __future__ import annotations

import json
from pathlib import Path

from verhalen.doctor.common import duration, who
from verhalen.doctor.context import Context
from verhalen.i18n import count, t

# Stories embedded per second on an empty cache, 2 cores (docs/quality.md, embedder table).
EMBED_SPEED = {"use": 40.0, "sentence-transformers": 20.0}


def check_embeddings(ctx: Context) -> None:
    if "embeddings" not in ctx.tables:
        return
    db = ctx.conn
    found = db.execute(
        "SELECT id, embedder, seed, config FROM runs WHERE active = 1 ORDER BY id"
    ).fetchone()
    if found is None:
        return
    run_id, name, seed, stored_config = found
    try:
        config = json.loads(stored_config or "{}")
    except ValueError:
        config = {}
    from verhalen.embed import NAMES, select_embedder  # numpy: only with an active run

    try:
        embedder = select_embedder(name, config.get("lang", "nl"), seed)
        parts = [(p.key, p.name) for p in embedder.parts() if not p.corpus_dependent]
    except Exception as exc:  # an unknown name, or its package is gone
        ctx.add(
            "warning",
            "embeddings",
            t("doctor_embedder_unloadable", ctx.lang, run_id=run_id, name=name, exc=exc),
            t("doctor_new_run_embedder", ctx.lang, names=", ".join(NAMES)),
        )
        return
    if name.startswith("sentence-transformers:"):
        model = name.split(":", 1)[1]
        if model != "minilm" and not Path(model).expanduser().exists():
            ctx.add(
                "warning",
                "embeddings",
                t("doctor_model_gone", ctx.lang, run_id=run_id, model=model),
                t("doctor_model_put_back", ctx.lang, model=model),
            )
    stored = dict(db.execute("SELECT embedder, COUNT(*) FROM embeddings GROUP BY embedder"))
    # Stories excluded from the analysis and those too short to group are never embedded.
    skipped = " AND s.id NOT IN (SELECT story_id FROM assignments WHERE run_id = ? AND "
    skipped += "model_number = -1)"
    if "exclusions" in ctx.tables:
        skipped += " AND s.id NOT IN (SELECT story_id FROM exclusions)"
    for key, part_name in parts:
        missing = [
            r[0]
            for r in db.execute(
                "SELECT s.id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM embeddings e "
                f"WHERE e.text_hash = s.text_hash AND e.embedder = ?){skipped} ORDER BY s.id",
                (key, run_id),
            )
        ]
        if not missing:
            continue
        speed = next((v for k, v in EMBED_SPEED.items() if part_name.startswith(k)), 20.0)
        older = [k for k in stored if k != key and k.split(":")[0] == key.split(":")[0]]
        why = t("doctor_older_vectors", ctx.lang, older=", ".join(older)) if older else ""
        which = who("story", missing, ctx.lang)
        takes = duration(len(missing) / speed, ctx.lang)
        ctx.add(
            "info",
            "embeddings",
            t(
                "doctor_no_vector",
                ctx.lang,
                stories=count(len(missing), "story", ctx.lang),
                key=key,
                run_id=run_id,
                why=why,
                which=which,
            ),
            t("doctor_cluster_computes", ctx.lang, takes=takes),
        )
