"""The pseudonymisation review sheet: every replacement in context, for the facilitator to check.

Automatic detection misses names and raises false alarms, so a person checks its work. The
sheet (XLSX) lists each replacement with the words around it and a decision column; a second
sheet takes terms that were missed. `read_review` reads the filled-in sheet back for the next
run of `pseudonymize`. The sheet's words follow the project's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from verhalen.atomic import save_workbook
from verhalen.errors import VerhalenError
from verhalen.form import fold
from verhalen.i18n import t
from verhalen.identifiers import Keyer
from verhalen.safe import set_xlsx_cell


@dataclass
class Occurrence:
    """One replacement: a row of the review sheet."""

    story_id: int
    title: str | None
    field: str  # "text" or "title"
    kind: str
    term: str
    placeholder: str
    context: str
    engine: str = "deduce"  # what found it: deduce, frog, pattern, list (the project's terms)


@dataclass
class PseudonymReport:
    """What a run of `pseudonymize` did: its counts, and every replacement for the sheet."""

    stories: int
    changed: int
    occurrences: list[Occurrence] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    review_path: Path | None = None
    engine: str = "deduce"  # the named-entity engine that ran: "frog" or "deduce"
    kept: dict[str, int] = field(default_factory=dict)  # found but left: kind -> count


# The kinds as a facilitator may write them on the sheet of added terms, in either language.
KIND_WORDS = {
    "persoon": "person",
    "naam": "person",
    "person": "person",
    "name": "person",
    "e-mail": "email",
    "email": "email",
    "mail": "email",
    "telefoon": "phone",
    "telefoonnummer": "phone",
    "phone": "phone",
    "adres": "address",
    "address": "address",
    "postcode": "postcode",
    "url": "url",
    "website": "url",
    "nummer": "id",
    "id": "id",
    "term": "term",
    "anders": "term",
    "plaats": "place",
    "place": "place",
    "organisatie": "organisation",
    "organisation": "organisation",
}
REJECT_WORDS = {"nee", "no", "afwijzen", "reject", "fout", "niet", "weg"}
# The replacement stands: the column left empty, or a word that says so. Anything else
# ("misschien") is asked about rather than read as either.
KEEP_WORDS = {"", "ja", "yes", "ok", "oke", "oké", "goed", "keep", "houden", "behouden"}

LANGS = ("nl", "en")
# The sheet's file name and its sheets, per language.
REVIEW_FILE = {lang: t("ws_review_file", lang) for lang in LANGS}
REVIEW_SHEETS = {
    lang: (
        t("ws_review_sheet_replacements", lang),
        t("ws_review_sheet_extra", lang),
        t("ws_review_sheet_howto", lang),
    )
    for lang in LANGS
}


def review_file_name(lang: str) -> str:
    """The review sheet's default name: pseudonimisering.xlsx, or pseudonymisation.xlsx."""
    return REVIEW_FILE.get(lang, REVIEW_FILE["en"])


def review_command(lang: str) -> str:
    """The command that applies a reviewed sheet, with the sheet's name in `lang`."""
    return f"verhalen anonymize --review {review_file_name(lang)}"


def find_review(path: Path) -> Path:
    """The review sheet `path` names; when it does not exist but is named as the sheet is in
    one language, the sheet under its other language's name in the same folder (a project
    whose language changed since the sheet was written)."""
    if path.exists() or path.name not in REVIEW_FILE.values():
        return path
    for name in REVIEW_FILE.values():
        if (path.parent / name).is_file():
            return path.parent / name
    return path


REVIEW_COLUMNS = {
    lang: [
        t("ws_review_col_story", lang),
        t("ws_review_col_title", lang),
        t("ws_review_col_where", lang),
        t("ws_review_col_kind", lang),
        "term",
        t("ws_review_col_replacement", lang),
        "context",
        t("ws_review_col_found_by", lang),
        t("ws_review_col_decision", lang),
    ]
    for lang in LANGS
}
KIND_NAMES = {  # the kinds as the sheet, the command line and the report name them
    lang: {
        "person": t("ws_kind_person", lang),
        "email": t("ws_kind_email", lang),
        "phone": t("ws_kind_phone", lang),
        "address": t("ws_kind_address", lang),
        "postcode": "postcode",
        "url": "url",
        "id": t("ws_kind_id", lang),
        "place": t("ws_kind_place", lang),
        "organisation": t("ws_kind_organisation", lang),
        "term": "term",
    }
    for lang in LANGS
}
ENGINE_NAMES = {
    lang: {
        "deduce": "deduce",
        "deduce+title": t("ws_engine_deduce_title", lang),
        "frog": "Frog",
        "pattern": t("ws_engine_pattern", lang),
        "list": t("ws_engine_list", lang),
    }
    for lang in LANGS
}


def write_review(report: PseudonymReport, path: Path, lang: str = "nl") -> None:
    """The review sheet: every replacement in context, a decision column, a sheet for additions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = lang if lang in LANGS else "en"
    kinds = KIND_NAMES[lang]
    names = REVIEW_SHEETS[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = names[0]
    for c, name in enumerate(REVIEW_COLUMNS[lang], 1):
        set_xlsx_cell(sheet, 1, c, name).font = Font(bold=True)
    for r, o in enumerate(report.occurrences, 2):
        where = t("ws_review_where_text" if o.field == "text" else "ws_review_col_title", lang)
        for c, value in enumerate(
            [
                o.story_id,
                o.title or "",
                where,
                kinds[o.kind],
                o.term,
                o.placeholder,
                o.context,
                ENGINE_NAMES[lang].get(o.engine, o.engine),
                "",
            ],
            1,
        ):
            set_xlsx_cell(sheet, r, c, value)
    for letter, width in zip("ABCDEFGHI", (8, 36, 8, 10, 24, 14, 90, 16, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    extra = book.create_sheet(names[1])
    set_xlsx_cell(extra, 1, 1, "term").font = Font(bold=True)
    set_xlsx_cell(extra, 1, 2, t("ws_review_col_kind", lang)).font = Font(bold=True)
    extra.column_dimensions["A"].width = 30
    extra.column_dimensions["B"].width = 14
    info = book.create_sheet(names[2])
    engine = "ws_review_engine_frog" if report.engine == "frog" else "ws_review_engine"
    lines = [
        t("ws_review_howto", lang),
        t("ws_review_step_read", lang),
        t("ws_review_step_reject", lang),
        t("ws_review_step_add", lang),
        t("ws_review_step_run", lang, command=review_command(lang)),
        "",
        t(engine, lang, engine=report.engine),
    ]
    for r, line in enumerate(lines, 1):
        set_xlsx_cell(info, r, 1, line)
    info.column_dimensions["A"].width = 110
    save_workbook(book, path)


def read_review(path: Path, lang: str = "nl") -> tuple[set[str], dict[str, str]]:
    """(rejected terms, added term -> kind) from a filled-in review sheet, in either language
    (the sheets are read by place, the columns by their Dutch or English header)."""
    from openpyxl import load_workbook

    from verhalen.ingest import ReadError, check_archive

    path = find_review(path)
    try:
        check_archive(path, lang)
        book = load_workbook(path, read_only=True, data_only=True)
    except (ReadError, OSError) as exc:
        raise VerhalenError(f"{path}: {exc}") from None
    rejected: set[str] = set()
    added: dict[str, str] = {}
    problems = []
    sheets = book.worksheets
    rows = list(sheets[0].iter_rows(values_only=True))
    header = [fold(str(h or "")) for h in rows[0]] if rows else []
    try:
        term_col = header.index("term")
        decisions = (t("ws_review_col_decision", "nl"), t("ws_review_col_decision", "en"))
        decision_col = next(i for i, h in enumerate(header) if h in decisions)
    except (ValueError, StopIteration):
        raise VerhalenError(t("ws_review_no_columns", lang, path=path)) from None
    for number, row in enumerate(rows[1:], 2):
        decision = fold(str(row[decision_col] or "")) if decision_col < len(row) else ""
        if decision in REJECT_WORDS and row[term_col]:
            rejected.add(fold(str(row[term_col])))
        elif decision not in KEEP_WORDS:
            problems.append(
                f"{path}:{number}: " + t("ws_review_bad_decision", lang, value=row[decision_col])
            )
    if len(sheets) > 1:
        for number, row in enumerate(sheets[1].iter_rows(values_only=True), 1):
            if number == 1 or not row or not row[0]:
                continue
            kind_word = fold(str(row[1] or "term")) if len(row) > 1 else "term"
            kind = KIND_WORDS.get(kind_word)
            if kind is None:
                known = ", ".join(sorted(set(KIND_WORDS)))
                problems.append(
                    f"{path}:{number}: " + t("ws_review_no_kind", lang, value=row[1], known=known)
                )
                continue
            added[fold(str(row[0]).strip())] = kind
    book.close()
    if problems:
        raise VerhalenError("\n".join(problems))
    return rejected, added


def sheet_terms(path: Path, keyer: Keyer) -> set[str]:
    """The terms listed on a review sheet's first page: the ones the facilitator has seen."""
    from openpyxl import load_workbook

    path = find_review(path)
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return set()
    header = [fold(str(h or "")) for h in rows[0]]
    if "term" not in header:
        return set()
    col = header.index("term")
    return {keyer(str(r[col])) for r in rows[1:] if col < len(r) and r[col]}
