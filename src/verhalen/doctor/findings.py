"""What the doctor reports: a `Finding` per thing wrong, and the `Diagnosis` of a project."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing wrong: how bad (`severity`), which `check` found it, what and where
    (`message`), and how to repair it (`repair`)."""

    severity: Severity
    check: str
    message: str
    repair: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Diagnosis:
    root: Path
    name: str
    lang: str
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def healthy(self) -> bool:
        """No errors (warnings and notes may remain)."""
        return self.count("error") == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": str(self.root),
            "name": self.name,
            "healthy": self.healthy,
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "notes": self.count("info"),
            "findings": [f.as_dict() for f in self.findings],
        }
