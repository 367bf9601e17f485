"""A mistake on the command line itself, said in one line in the project's language.

Click reports an unknown option, a missing one or a value of the wrong kind in a framed English
box of five lines ("Usage: … Try '… --help' for help. ╭─ Error ─╮ …"). A facilitator reads the
same mistake here as one line: what is wrong, with which option, and where the help is. The
exception's own attributes say which option; only click's remaining free text (an unexpected
extra argument) stays as click wrote it.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

import typer

from verhalen.i18n import t

NUMBER_TYPES = ("IntParamType", "FloatParamType", "IntRange", "FloatRange")


def errors() -> ModuleType:
    """The click exceptions typer raises: its own copy of click (typer 0.22 and later) or
    click itself (before); found where typer's BadParameter comes from."""
    return importlib.import_module(typer.BadParameter.__module__)


def _name(param: Any, hint: str | None) -> str:
    if hint:
        return hint
    if param is None:
        return "?"
    if getattr(param, "param_type_name", "") == "option" and getattr(param, "opts", None):
        return " / ".join(param.opts)
    shown = getattr(param, "human_readable_name", None) or getattr(param, "name", None) or "?"
    return str(shown).upper()


def _why(exc: Any, lang: str) -> str:
    """Why the value was refused: click's reasons for its own types in `lang`, else as given
    (verhalen's own checks are already in the project's language)."""
    cause = exc.__cause__  # typer 0.22 and later: pydantic checked the value
    if cause is not None and callable(getattr(cause, "errors", None)):
        first = cause.errors()[0]
        if str(first.get("type", "")).startswith(("int_", "float_")):
            return t("usage_not_a_number", lang, value=first.get("input"))
        if first.get("type") in ("enum", "literal_error"):
            expected = first.get("ctx", {}).get("expected", "")
            return t("usage_not_one_of", lang, value=first.get("input"), choices=expected)
    kind = getattr(exc.param, "type", None)
    found = re.match(r"^'(.*)' is not", exc.message)
    if found and type(kind).__name__ in NUMBER_TYPES:
        return t("usage_not_a_number", lang, value=found.group(1))
    if found and hasattr(kind, "choices"):
        choices = ", ".join(str(c) for c in kind.choices)
        return t("usage_not_one_of", lang, value=found.group(1), choices=choices)
    return exc.message.strip()


def usage_line(exc: Any, lang: str) -> str:
    """One line for a usage error: the mistake, then where to read how the command is used.
    Built from click's private-ish attributes, so anything unexpected falls back to click's
    own message rather than a traceback."""
    try:
        return _usage_line(exc, lang)
    except Exception:  # a message must never be the next fault
        return " ".join(str(exc.format_message()).split())


def _usage_line(exc: Any, lang: str) -> str:
    click = errors()
    if isinstance(exc, click.NoSuchOption):
        what = t("usage_no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            what += t("usage_did_you_mean", lang, names=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, click.MissingParameter):
        what = t("usage_missing", lang, name=_name(exc.param, exc.param_hint))
    elif isinstance(exc, click.BadParameter):
        name = _name(exc.param, exc.param_hint)
        what = t("usage_bad_value", lang, name=name, why=_why(exc, lang))
    elif found := re.match(r"^No such command '([^']+)'", exc.message):
        what = t("usage_no_such_command", lang, name=found.group(1))
        if meant := re.search(r"Did you mean '([^']+)'", exc.message):
            what += t("usage_did_you_mean", lang, names=meant.group(1))
    else:
        what = exc.message.strip()
    path = exc.ctx.command_path if exc.ctx is not None else "verhalen"
    return t("usage_line", lang, what=what.rstrip("."), help=f"{path} --help")
