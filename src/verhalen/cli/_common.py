"""What every command shares: the chosen project, the language and the consoles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from verhalen.project import Project

# soft_wrap: a `path:row: reason` line stays one line in logs and pipes, whatever the width.
# markup and emoji off: almost everything printed holds user text (titles, stories, names,
# answers, file names), and rich would read `[/bold]` as a tag (a MarkupError: traceback),
# `[link=…]` as a terminal link and `:smile:` as an emoji. `rich.markup.escape` is no cure: it
# leaves `\[` to lose its backslash and doubles a trailing one. So strings and table cells are
# shown exactly as they are, and a command styles a line with `style=` or `styled()`.
out = Console(soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False)


def styled(*parts: str | tuple[str, str]) -> Text:
    """One line from plain parts and (text, style) pairs; nothing in it is read as markup."""
    return Text.assemble(*parts)


@dataclass
class State:
    project_path: Path | None = None
    lang: str | None = None

    def project(self) -> Project:
        from verhalen.project import Project, find_project

        if self.project_path is not None:
            from verhalen.project import CONFIG_NAME

            if (self.project_path / CONFIG_NAME).is_file():
                return Project.open(self.project_path, self.lang)
            return find_project(self.project_path, self.lang)
        return find_project(lang=self.lang)

    def language(self) -> str:
        if self.lang:
            return self.lang
        try:
            return self.project().lang
        except Exception:
            return "nl"


def state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


def check_lang(ctx: typer.Context, value: str | None) -> None:
    """A command's --lang must be nl or en; said in the project's language."""
    from verhalen.i18n import t

    if value is not None and value not in ("nl", "en"):
        raise typer.BadParameter(t("cli_nl_or_en", state(ctx).language()), param_hint="--lang")
