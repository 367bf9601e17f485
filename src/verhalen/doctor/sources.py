"""The source files the stories came from: changed since, partly ingested, or gone."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from verhalen.doctor.common import SHOWN_IDS
from verhalen.doctor.context import Context
from verhalen.i18n import count, t
from verhalen.ingest import rejects_file_name
from verhalen.models import sha256


def check_sources(ctx: Context) -> None:
    if "sources" not in ctx.tables:
        return
    columns = {r[1] for r in ctx.conn.execute("PRAGMA table_info(sources)")}
    complete = "src.complete" if "complete" in columns else "1"  # since schema version 3
    rows = list(
        ctx.conn.execute(
            f"""SELECT src.path, src.sha256, src.size, {complete}, src.ingested_at,
                      (SELECT COUNT(*) FROM stories s WHERE s.source_id = src.id)
               FROM sources src ORDER BY src.path, src.id"""
        )
    )
    by_path: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        by_path[row[0]].append(row)
    gone: list[tuple[str, int]] = []
    for shown, versions in by_path.items():
        stories = sum(v[5] for v in versions)
        latest = versions[-1]
        path = Path(shown) if Path(shown).is_absolute() else ctx.root / shown
        if not path.is_file():
            if stories:
                gone.append((shown, stories))
            continue
        try:
            size = path.stat().st_size
            known = {v[1] for v in versions if v[2] == size}
            digest = sha256(path) if known else None
        except OSError:
            continue
        if digest not in known:
            ctx.add(
                "info",
                "sources",
                t("doctor_source_changed", ctx.lang, shown=shown, day=latest[4][:10]),
                t("doctor_ingest_changes", ctx.lang, shown=shown),
            )
        elif not latest[3]:
            ctx.add(
                "info",
                "sources",
                t("doctor_source_partly", ctx.lang, shown=shown),
                t(
                    "doctor_ingest_rest",
                    ctx.lang,
                    rejects=rejects_file_name(ctx.lang),
                    shown=shown,
                ),
            )
    if gone:
        _gone(ctx, gone)


def _gone(ctx: Context, gone: list[tuple[str, int]]) -> None:
    """Source files no longer on disk, with how many stories came from each."""
    shown = ", ".join(f"{p} ({count(n, 'story', ctx.lang)})" for p, n in gone[:SHOWN_IDS])
    if len(gone) > SHOWN_IDS:
        shown += t("doctor_and_more", ctx.lang, rest=len(gone) - SHOWN_IDS)
    ctx.add(
        "info",
        "sources",
        t(
            "doctor_sources_gone",
            ctx.lang,
            n=len(gone),
            files=count(len(gone), "file", ctx.lang),
            shown=shown,
        ),
        t("doctor_sources_put_back", ctx.lang),
    )
