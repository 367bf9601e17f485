"""`verhalen doctor`: what is wrong with a project, and how to repair it.

The doctor reads and never writes. The store is opened read-only with a connection of its own,
not through `Store`, which would migrate an older store and refuse a newer one: a damaged, foreign,
older or newer store gives findings, never a traceback. Each finding names what is wrong and where,
and the command or step that repairs it. Errors make the command exit 1; warnings and notes are
printed, but a project with only those is usable.

The checks are small functions in this package, run in the order `checks.CHECKS` lists them
with a shared `context.Context`.
"""

from __future__ import annotations

from pathlib import Path

from verhalen.doctor.checks import CHECKS, run_checks
from verhalen.doctor.context import Check, Context
from verhalen.doctor.findings import SEVERITIES, Diagnosis, Finding, Severity
from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.project import FORM_NAME, STORE_NAME, Project, project_folder

__all__ = [
    "CHECKS",
    "SEVERITIES",
    "Check",
    "Context",
    "Diagnosis",
    "Finding",
    "Severity",
    "check",
    "diagnose",
    "find_root",
]


def find_root(start: Path | None = None, lang: str = "nl") -> Path:
    """The project folder holding `start` (default: the current folder), found like
    `find_project` but without reading `verhalen.toml`, which may be what is broken. A folder
    with a store or story form but no `verhalen.toml` counts: that is a finding too."""
    here = (start or Path.cwd()).resolve()
    folder = project_folder(here)
    if folder is not None:
        return folder
    if (here / STORE_NAME).exists() or (here / FORM_NAME).exists():
        return here
    raise VerhalenError(t("no_project", lang, path=here))


def check(project: Project | Path, lang: str | None = None) -> list[Finding]:
    """Every finding for a project (or a project folder), errors first."""
    return diagnose(project, lang).findings


def diagnose(project: Project | Path, lang: str | None = None) -> Diagnosis:
    if isinstance(project, Project):
        root, lang = project.root, lang or project.lang
    else:
        root = Path(project).resolve()
    ctx = Context(root, lang)
    run_checks(ctx)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = sorted(ctx.findings, key=lambda f: order[f.severity])
    return Diagnosis(root, ctx.name, ctx.lang, findings)
