"""Faults of the machine, said in one line: a full disk, a read-only folder, a damaged store,
and a path of the wrong kind (missing, a folder where a file goes, a file where a folder goes).

The command line's entry point catches what the operating system and SQLite raise and asks
`describe` for the line a user reads: what happened, to which file, and what to do, in the
project's language. Readers of input files say `reason` inside their own line ("onleesbaar
bestand: bestaat niet") rather than the system's English. Anything it does not recognise stays
a bug and keeps its traceback.
Nothing is half-written by then: the store changes in one transaction and every output file is
renamed into place only when complete (`verhalen.atomic`).
"""

from __future__ import annotations

import errno
import sqlite3
import tomllib
from pathlib import Path

from verhalen.i18n import t

# SQLite's primary result codes (the low byte of the extended code).
_SQLITE = {
    8: "read_only",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR: a failed write, often a full disk or a size limit
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "read_only",  # SQLITE_CANTOPEN: no folder to write the journal in
    18: "too_large",  # SQLITE_TOOBIG
    26: "damaged",  # SQLITE_NOTADB
}
_ERRNO = {
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EFBIG: "too_large",
    errno.EIO: "io",
    # a path the user gave that is not what the command needs
    errno.ENOENT: "missing",
    errno.EISDIR: "is_folder",
    errno.ENOTDIR: "not_folder",
    errno.EEXIST: "not_folder",  # mkdir where a file of that name is
}


def _text(kind: str, lang: str) -> str:
    return t(f"data_fault_{kind}", lang)


def kind_of(exc: BaseException) -> str | None:
    """What kind of machine fault `exc` is, or None when it is not one."""
    if isinstance(exc, sqlite3.DatabaseError):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            return _SQLITE.get(code & 0xFF)
        message = str(exc)
        for needle, kind in (
            ("readonly", "read_only"),
            ("unable to open", "read_only"),
            ("disk is full", "full"),
            ("disk I/O", "io"),
            ("malformed", "damaged"),
            ("not a database", "damaged"),
        ):
            if needle in message:
                return kind
        return None
    if isinstance(exc, OSError):  # lxml's SerialisationError is one by then: atomic.save_workbook
        return _ERRNO.get(exc.errno)
    return None


def reason(exc: BaseException, lang: str) -> str:
    """Why reading or writing failed, in `lang`: the fault's own line where it is one of
    `kind_of`'s (a missing file, a folder, no permission), else the system's short reason."""
    kind = kind_of(exc)
    if kind is not None:
        return _text(kind, lang)
    return str(getattr(exc, "strerror", None) or exc)


def describe(exc: BaseException, lang: str, store: Path | None = None) -> str | None:
    """One line for a machine fault: the file, what happened and what to do; None otherwise."""
    kind = kind_of(exc)
    if kind is None:
        return None
    # A failed write() names no file (atomic.py adds the target's name); SQLite names none.
    if isinstance(exc, OSError):
        where = str(exc.filename or "")
        if kind == "missing" and not where:  # getcwd(): the working folder was deleted
            return _text("no_folder_here", lang)
    else:
        where = str(store or "") if isinstance(exc, sqlite3.Error) else ""
    line = _text(kind, lang)
    return f"{where}: {line}" if where else line[0].upper() + line[1:]


def language(argv: list[str], start: Path | None = None) -> str:
    """The language for a fault line: `--lang` if given, else the project's, else Dutch.

    Read without opening the project, which may be what failed."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("nl", "en") else "nl"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in ("nl", "en") else "nl"
    from verhalen.project import CONFIG_NAME

    root = project_root(argv, start)
    if root is None:
        return "nl"
    try:
        given = tomllib.loads((root / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "nl"
    project = given.get("project")
    language = project.get("language") if isinstance(project, dict) else None
    return language if language in ("nl", "en") else "nl"


def project_root(argv: list[str], start: Path | None = None) -> Path | None:
    """The project folder the command line points at (`--project`, or found upwards)."""
    try:
        here = start or Path.cwd()
    except OSError:  # the working folder was deleted
        return None
    for i, arg in enumerate(argv):
        if arg in ("--project", "-p") and i + 1 < len(argv):
            here = Path(argv[i + 1])
        elif arg.startswith("--project="):
            here = Path(arg.split("=", 1)[1])
    from verhalen.project import project_folder

    try:
        return project_folder(here)
    except OSError:  # the current folder was deleted, a name too long
        return None
