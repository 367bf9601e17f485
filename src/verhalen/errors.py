"""Errors a user can act on.

Anything raised as `VerhalenError` is shown as one line without a traceback; everything else is
a bug. `Problem` is one rejected piece of input, printed as `path:row: reason` so a user can
open the file at the right place.
"""

from __future__ import annotations

from dataclasses import dataclass


class VerhalenError(Exception):
    """A mistake in the user's input or project that they can fix."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.row}" if self.row is not None else self.path
        return f"{where}: {self.reason}"


class RejectedBatch(VerhalenError):
    """Input had problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
