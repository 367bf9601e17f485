"""Entry point: joins the command groups and turns user errors into one-line messages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from verhalen.cli import (
    _common,
    anonymize,
    cluster,
    demo,
    doctor,
    form,
    ingest,
    init,
    patterns,
    report,
    status,
    stories,
    tag,
    workshop,
)

app = typer.Typer(
    name="verhalen",
    help="Verhalen ophalen, ordenen en duiden: participatory narrative inquiry (PNI).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option("--project", "-p", help="Projectmap (standaard: de huidige map of erboven)."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Taal van uitvoer: nl of en.")] = None,
) -> None:
    if lang is not None and lang not in ("nl", "en"):
        from verhalen.i18n import t

        known = _common.State(project_path=project).language()
        raise typer.BadParameter(t("cli_nl_or_en", known), param_hint="--lang")
    ctx.obj = _common.State(project_path=project, lang=lang)


app.command("init")(init.init)
app.command("demo")(demo.demo)
app.command("ingest")(ingest.ingest)
app.command("status")(status.status)
app.command("doctor")(doctor.doctor)
app.command("anonymize")(anonymize.anonymize)
app.command("cluster")(cluster.cluster)
app.command("report")(report.report)
app.add_typer(cluster.app, name="perspectives")
app.add_typer(stories.app, name="stories")
app.add_typer(form.app, name="form")
app.add_typer(tag.app, name="tag")
app.add_typer(patterns.app, name="patterns")
app.add_typer(workshop.app, name="workshop")


def main() -> None:
    """Run the CLI; a user's mistake or a machine fault (full disk, read-only folder) ends in
    readable lines and exit status 1, never a traceback (an error `faults` does not know is a
    bug, and keeps its traceback).

    `--help` speaks English when `help_en.help_language` says so: `--lang`, else
    `VERHALEN_LANG`, else the project's language, else the locale. The Dutch help is in the
    commands; the English is put on the click command tree built here, which then runs as
    `app()` would run it."""
    from verhalen import faults
    from verhalen.cli import help_en, usage
    from verhalen.errors import RejectedBatch, VerhalenError

    click = usage.errors()
    try:
        command = typer.main.get_command(app)
        if help_en.help_language(sys.argv[1:]) == "en":
            help_en.apply(command)
        code = command(standalone_mode=False)  # click's own errors come back here, not boxed
    except click.UsageError as exc:
        if type(exc).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
            line = usage.usage_line(exc, faults.language(sys.argv[1:]))
            _common.err.print(line, markup=False, highlight=False)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        _common.err.print(exc.format_message(), markup=False, highlight=False)
        sys.exit(exc.exit_code)
    except typer.Abort:  # a prompt closed with Ctrl-D
        sys.exit(1)
    except RejectedBatch as exc:
        for problem in exc.problems:
            _common.err.print(str(problem), markup=False, highlight=False)
        sys.exit(1)
    except VerhalenError as exc:
        _common.err.print(str(exc), markup=False, highlight=False)
        sys.exit(1)
    except Exception as exc:
        from verhalen.project import STORE_NAME

        argv = sys.argv[1:]
        root = faults.project_root(argv)
        store = root / STORE_NAME if root is not None else None
        line = faults.describe(exc, faults.language(argv), store)
        if line is None:
            raise
        _common.err.print(line, markup=False, highlight=False)
        # A writer that failed half-way (openpyxl's sheet generators) complains again when it
        # is collected at exit; the fault is said, so that echo is not shown.
        sys.unraisablehook = lambda _: None
        sys.exit(1)
    # as click's standalone mode: always an exit, with typer.Exit's code or Ctrl-C's 130
    sys.exit(code if isinstance(code, int) else 0)
