"""What every command shares: the chosen project, the language and the consoles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from verhalen.project import Project

# soft_wrap: a `path:row: reason` line stays one line in logs and pipes, whatever the width.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass
class State:
    project_path: Path | None = None
    lang: str | None = None

    def project(self) -> Project:
        from verhalen.project import Project, find_project

        if self.project_path is not None:
            from verhalen.project import CONFIG_NAME

            if (self.project_path / CONFIG_NAME).is_file():
                project = Project.open(self.project_path)
            else:
                project = find_project(self.project_path, self.lang or "nl")
        else:
            project = find_project(lang=self.lang or "nl")
        if self.lang:
            project.config["project"]["language"] = self.lang
        return project

    def language(self) -> str:
        if self.lang:
            return self.lang
        try:
            return self.project().lang
        except Exception:
            return "nl"


def state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)
