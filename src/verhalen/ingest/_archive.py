"""Guards for zip-based documents (.docx, .odt, .xlsx) before a parser opens them.

A decompression bomb is a small file that expands to gigabytes; the parsers would happily try.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from verhalen.i18n import t
from verhalen.ingest._model import ReadError

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200


def check_archive(path: Path, lang: str = "nl") -> None:
    """Raise ReadError unless `path` is a zip whose members expand within sane limits."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(t("unreadable", lang, why=f"not a valid document ({exc})")) from None
    if len(infos) > MAX_MEMBERS:
        raise ReadError(t("unreadable", lang, why=f"{len(infos)} parts in the archive"))
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_EXPANDED_BYTES or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ReadError(
            t("archive_too_large", lang, size=total // 2**20, limit=MAX_EXPANDED_BYTES // 2**20)
        )
