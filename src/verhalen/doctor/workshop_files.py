"""catalyse.yaml and verandervoorstellen.yaml, checked as `report` and `workshop import` read
them (`catalysis.problems`, `proposals.proposal_problems`): one finding per mistake.

Pattern ids come from the stories, read through `Store`; that writes to a store of an older
schema (it migrates it) or one not in WAL mode, so then this check waits until the findings
before it are repaired."""

from __future__ import annotations

import sqlite3

from verhalen.catalysis import find_file
from verhalen.catalysis import problems as catalysis_problems
from verhalen.doctor.context import Context
from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.project import Project
from verhalen.proposals import find_proposals, proposal_problems
from verhalen.store.schema import SCHEMA_VERSION


def check_workshop_files(ctx: Context) -> None:
    catalysis = find_file(ctx.root, ctx.lang)
    proposals_file = find_proposals(ctx.root, ctx.lang)
    if catalysis is None and proposals_file is None:
        return
    version = ctx.conn.execute("PRAGMA user_version").fetchone()[0]
    journal = ctx.conn.execute("PRAGMA journal_mode").fetchone()[0]
    if version != SCHEMA_VERSION or str(journal).lower() != "wal":
        return
    try:
        project = Project.open(ctx.root, ctx.given_lang)
        found = catalysis_problems(project, lang=ctx.lang)
        proposals = proposal_problems(project, ctx.lang)
    except (VerhalenError, sqlite3.Error):
        return  # verhalen.toml, the form or the store: the findings before say what to do
    name = catalysis.name if catalysis is not None else ""
    proposals_name = proposals_file.name if proposals_file is not None else ""
    for problem in found:
        ctx.add(
            "error",
            "catalysis",
            str(problem),
            t("doctor_correct_catalysis", ctx.lang, name=name),
        )
    for problem in proposals:
        ctx.add(
            "error",
            "proposals",
            str(problem),
            t("doctor_correct_proposals", ctx.lang, name=proposals_name),
        )
