"""Guards for zip-based documents (.docx, .odt, .xlsx) before and while a parser opens them.

A decompression bomb is a small file that expands to gigabytes; the parsers would happily try.
`check_archive` refuses one from the zip's directory, before any parser runs (Python's zipfile
never expands a member past the size the directory declares, so the sum is a true bound).

The XML inside is parsed by python-docx (lxml, entities not resolved), odfpy and openpyxl
(defusedxml, entities refused); `parser_error` turns whatever they raise into one clear line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from verhalen.i18n import t
from verhalen.ingest._model import ReadError, unreadable
from verhalen.ingest._normalize import one_line

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200


def check_archive(path: Path, lang: str = "nl") -> None:
    """Raise ReadError unless `path` is a zip whose members expand within sane limits."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except OSError as exc:
        raise ReadError(unreadable(exc, lang)) from None
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        why = t("why_bad_document", lang, detail=one_line(str(exc), 160))
        raise ReadError(t("unreadable", lang, why=why)) from None
    if len(infos) > MAX_MEMBERS:
        raise ReadError(t("unreadable", lang, why=t("why_members", lang, n=len(infos))))
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_EXPANDED_BYTES or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ReadError(
            t("archive_too_large", lang, size=total // 2**20, limit=MAX_EXPANDED_BYTES // 2**20)
        )


def parser_error(exc: BaseException, path: Path, lang: str) -> ReadError:
    """The one-line reason a document parser failed: entities, nesting, or a broken file."""
    from defusedxml import DefusedXmlException

    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain).casefold()
    if any(isinstance(e, DefusedXmlException) for e in chain) or "entit" in text:
        why = t("why_xml_entities", lang)
    elif any(isinstance(e, RecursionError) for e in chain) or "excessive depth" in text:
        why = t("why_xml_too_deep", lang)
    else:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        detail = one_line(first.replace(str(path), path.name), 160)
        why = t("why_not_a_document", lang, kind=path.suffix.lower(), detail=detail)
    return ReadError(t("unreadable", lang, why=why))
