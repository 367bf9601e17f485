"""The doctor's checks, in the order they run, and the runner.

Each check is a function of the shared `Context` (in the manner of datasette's facet classes,
registered in a list): it adds findings and returns False when the checks after it cannot run.
The order is the order of the findings within a severity, so a new check goes where its
findings should be read."""

from __future__ import annotations

import sqlite3

from verhalen.doctor.answers import check_answers
from verhalen.doctor.config import check_config
from verhalen.doctor.context import Check, Context
from verhalen.doctor.embeddings import check_embeddings
from verhalen.doctor.form import check_form
from verhalen.doctor.integrity import check_foreign_keys, check_integrity
from verhalen.doctor.model_folders import check_model_folders
from verhalen.doctor.runs import check_active_run, check_run_flags
from verhalen.doctor.schema import check_schema
from verhalen.doctor.sources import check_sources
from verhalen.doctor.store_advice import busy, unreadable
from verhalen.doctor.store_file import check_read_only, check_store_file, open_store
from verhalen.doctor.versions import check_versions
from verhalen.doctor.workshop_files import check_workshop_files

CHECKS: tuple[Check, ...] = (
    Check("config", check_config),  # sets the findings' language and the project's name
    Check("form", check_form),
    Check("store file", check_store_file),
    Check("read-only", check_read_only),
    Check("open store", open_store),  # the checks below read the store
    Check("schema", check_schema),  # keeps the store's tables for the checks below
    Check("integrity", check_integrity),
    Check("foreign keys", check_foreign_keys),
    Check("answers", check_answers),
    Check("runs", check_run_flags),
    Check("model folders", check_model_folders),
    Check("active run", check_active_run),
    Check("versions", check_versions),
    Check("embeddings", check_embeddings),
    Check("sources", check_sources),
    Check("workshop files", check_workshop_files),
)


def run_checks(ctx: Context, checks: tuple[Check, ...] = CHECKS) -> None:
    """Run `checks` in order until one says the rest cannot run. A store that fails while
    being read (damaged, or locked by another command) is a finding, never a traceback."""
    try:
        for check in checks:
            if check.run(ctx) is False:
                return
    except sqlite3.OperationalError as exc:
        if ctx.db is None:
            raise
        if "locked" in str(exc) or "busy" in str(exc):
            busy(ctx)
        else:
            unreadable(ctx, exc)
    except sqlite3.DatabaseError as exc:
        if ctx.db is None:
            raise
        unreadable(ctx, exc)
    finally:
        if ctx.db is not None:
            ctx.db.close()
