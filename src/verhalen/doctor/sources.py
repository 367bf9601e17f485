"""The source files the stories came from: changed since, partly ingested, or gone."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from verhalen.doctor.common import SHOWN_IDS, sha256
from verhalen.doctor.context import Context
from verhalen.i18n import count
from verhalen.ingest import rejects_file_name


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
                ctx.say(
                    f"{shown} is veranderd sinds het is ingelezen ({latest[4][:10]})",
                    f"{shown} has changed since it was ingested ({latest[4][:10]})",
                ),
                ctx.say(
                    f"wil je de wijzigingen erin: verhalen ingest {shown} (verhalen die er "
                    "al zijn worden herkend en overgeslagen; een veranderd verhaal komt er "
                    "als nieuw verhaal bij)",
                    f"to take the changes in: verhalen ingest {shown} (stories already in "
                    "the store are recognised and skipped; a changed story comes in as a "
                    "new one)",
                ),
            )
        elif not latest[3]:
            ctx.add(
                "info",
                "sources",
                ctx.say(
                    f"{shown} is maar deels ingelezen: een deel werd afgewezen (--skip-invalid)",
                    f"{shown} was only partly ingested: some of it was rejected (--skip-invalid)",
                ),
                ctx.say(
                    f"verbeter wat {rejects_file_name('nl')} noemt en draai verhalen ingest "
                    f"{shown}: de rest komt erbij",
                    f"correct what {rejects_file_name('en')} lists and run verhalen ingest "
                    f"{shown}: the rest comes in",
                ),
            )
    if gone:
        _gone(ctx, gone)


def _gone(ctx: Context, gone: list[tuple[str, int]]) -> None:
    """Source files no longer on disk, with how many stories came from each."""
    shown = ", ".join(f"{p} ({count(n, 'story', ctx.lang)})" for p, n in gone[:SHOWN_IDS])
    if len(gone) > SHOWN_IDS:
        shown += ctx.say(f" en {len(gone) - SHOWN_IDS} meer", f" and {len(gone) - SHOWN_IDS} more")
    ctx.add(
        "info",
        "sources",
        ctx.say(
            f"{count(len(gone), 'file', 'nl')} {'staat' if len(gone) == 1 else 'staan'}"
            f" niet meer op de schijf: {shown}; de verhalen zelf staan in de opslag",
            f"{count(len(gone), 'file', 'en')} {'is' if len(gone) == 1 else 'are'} no "
            f"longer on disk: {shown}; the stories themselves are in the store",
        ),
        ctx.say(
            "niets nodig; zet de bestanden terug als je ze later opnieuw wilt inlezen "
            "of wilt bewaren als bron",
            "nothing needed; put the files back if you want to ingest them again later "
            "or keep them as the source",
        ),
    )
