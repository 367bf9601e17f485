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
            ctx.say(
                f"verbeter {name} op die plaats: 'verhalen patterns list' toont de ids van "
                "de patronen, 'verhalen perspectives list' de perspectieven; tot dan weigert "
                "'verhalen report'",
                f"correct {name} at that place: 'verhalen patterns list' shows the pattern "
                "ids, 'verhalen perspectives list' the perspectives; until then "
                "'verhalen report' refuses",
            ),
        )
    for problem in proposals:
        ctx.add(
            "error",
            "proposals",
            str(problem),
            ctx.say(
                f"verbeter {proposals_name} op die plaats: elk voorstel heeft perspectief "
                "(een nummer uit 'verhalen perspectives list'), voorstel en eventueel titel, "
                "wie en toelichting; tot dan weigeren 'verhalen report' en 'verhalen "
                "workshop import'",
                f"correct {proposals_name} at that place: each proposal has perspectief (a "
                "number from 'verhalen perspectives list'), voorstel and optionally titel, "
                "wie and toelichting; until then 'verhalen report' and 'verhalen workshop "
                "import' refuse",
            ),
        )
