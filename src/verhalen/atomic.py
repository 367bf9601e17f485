"""Every file verhalen writes appears whole or not at all.

A file is written under a hidden temporary name in its own folder (same file system, so the
rename is atomic), flushed to disk, and renamed over the target only when complete. A full disk,
a read-only folder or an exception half-way leaves the old file (or none) and no temporary file.
Writers that want a path (reportlab, openpyxl's `save`) use `atomic_path`; text and bytes use
`write_text` and `write_bytes`.

Only single files are atomic. Output made of several files is written one atomic file at a
time: each file is old or new and never partial, but after a failure some may be new and some
old. A process killed outright (SIGKILL, power loss) can leave a hidden `.name.xxxxxxxx.ext`
beside the target; the target itself is still the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_NAME_ROOM = 100  # the temporary name keeps at most this much of the stem: NAME_MAX is 255


def _create_temp(path: Path) -> Path:
    """A new empty file beside `path`, created with mode 0666 so the umask (and a folder's
    default ACL) applies as for any new file; `mkstemp` would make every output 0600."""
    stem = path.stem[:_NAME_ROOM]
    while True:
        tmp = path.with_name(f".{stem}.{secrets.token_hex(4)}{path.suffix[:_NAME_ROOM]}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def _fsync_file(path: Path) -> None:
    """Flush the written data to disk: a full disk may only show here (NFS, some quotas).
    A file system that cannot fsync at all (EINVAL) is not a failure."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
    finally:
        os.close(fd)


def sync(path: Path) -> None:
    """Flush a file or folder to disk, best effort: folders cannot be opened on Windows, some
    file systems refuse fsync."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _named(exc: OSError, path: Path, tmp: Path) -> OSError:
    """The error with the target's name: a failed write() names no file, and the user knows
    the report, not its hidden temporary name."""
    if exc.filename is None or str(exc.filename) == str(tmp):
        return OSError(exc.errno, exc.strerror, str(path))
    return exc


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`; renamed to `path` when the block ends without error,
    removed when it raises.

    The temporary name keeps the suffix, because some writers (openpyxl, reportlab) look at
    it, and starts with a dot, so a half-written file does not show in a file browser. A file
    that is replaced keeps its permissions (as an editor keeps them); a symbolic link is
    followed, so the link stays and the file it points to is replaced.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode: int | None = path.stat().st_mode & 0o777
    except OSError:
        mode = None  # a new file: the umask decides
    path.parent.mkdir(parents=True, exist_ok=True)  # as every command makes its --out folder
    try:
        tmp = _create_temp(path)
    except OSError as exc:  # a read-only or full folder: not even an empty file fits
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        yield tmp
        _fsync_file(tmp)
        if mode is not None:  # after writing: the old file may be read-only
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _named(exc, path, tmp) from exc
        raise
    sync(path.parent)  # the rename itself survives a power cut


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def save_workbook(book: Any, path: Path) -> None:
    """An openpyxl workbook, rendered in memory and written whole.

    openpyxl leaves its file open when it fails, and lxml under it says a failed write of its
    sheet buffers (in the system's temporary folder) as `SerialisationError("IO_ENOSPC")`, not
    as an OSError: both are turned into an OSError naming the workbook."""
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception as exc:
        code = str(exc)
        if type(exc).__name__ == "SerialisationError" and hasattr(errno, code[3:]):
            number = getattr(errno, code[3:])
            raise OSError(number, os.strerror(number), str(path)) from exc
        raise
    write_bytes(path, buffer.getvalue())


def write_text(path: Path, text: str, encoding: str = "utf-8", newline: str | None = None) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as fh:
        fh.write(text)
