"""What the checks share while the doctor runs, and what a registered check is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from verhalen.doctor.findings import Finding, Severity
from verhalen.form import StoryForm
from verhalen.project import STORE_NAME


@dataclass
class Context:
    """One doctor run: the project folder, the language of the findings (the command line's,
    else the project's once the config check has read it), the findings so far, and what
    earlier checks learnt for later ones: the parsed form, the read-only connection to the
    store and the tables it has."""

    root: Path
    given_lang: str | None = None
    lang: str = "nl"
    name: str = ""
    findings: list[Finding] = field(default_factory=list)
    form: StoryForm | None = None
    read_only: bool = False
    db: sqlite3.Connection | None = None
    tables: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.lang = self.given_lang or self.lang
        self.name = self.name or self.root.name

    @property
    def store_path(self) -> Path:
        return self.root / STORE_NAME

    @property
    def conn(self) -> sqlite3.Connection:
        """The read-only connection, for the checks registered after `open_store`."""
        assert self.db is not None
        return self.db

    def add(self, severity: Severity, check: str, message: str, repair: str) -> None:
        self.findings.append(Finding(severity, check, message, repair))


@dataclass(frozen=True)
class Check:
    """A registered check: `run` adds its findings to the context and returns False when the
    checks after it cannot run (the store is missing, foreign or damaged); None or True
    otherwise."""

    name: str
    run: Callable[[Context], bool | None]
