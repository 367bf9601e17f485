"""The workshop's results template: its names in both languages, writing it and reading it back.

One XLSX that a sensemaking workshop fills in: observations, interpretations, perspectives (the
current ones prefilled), change proposals and landscape placements. Sheet names and column
headers follow the project's language (`SHEETS`, `COLUMNS`: the one table of them); reading
accepts either language, so a Dutch sheet imports into an English project and the reverse.
`read_sheets` hands the rows to `verhalen.workshop.results`, which checks and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from verhalen.errors import Problem, RejectedBatch
from verhalen.i18n import t

if TYPE_CHECKING:
    from verhalen.project import Project

LANGS = ("nl", "en")


def _both(key: str) -> dict[str, str]:
    """A text of the table in each language, by language."""
    return {lang: t(key, lang) for lang in LANGS}


def _column(key: str, width: int) -> tuple[str, str, int]:
    """A column's Dutch and English header from the table, and its width."""
    return (t(key, "nl"), t(key, "en"), width)


TEMPLATE_FILE = _both("ws_results_file")
EXPLANATION_SHEET = _both("ws_sheet_explanation")
# Each sheet by its id, with its name per language.
SHEETS: dict[str, dict[str, str]] = {
    "observations": _both("ws_sheet_observations"),
    "interpretations": _both("ws_sheet_interpretations"),
    "perspectives": _both("ws_sheet_perspectives"),
    "proposals": _both("ws_sheet_proposals"),
    "landscape": _both("ws_sheet_landscape"),
}
# Each sheet's columns by their id, with the header per language and the column's width.
COLUMNS: dict[str, dict[str, tuple[str, str, int]]] = {
    "observations": {
        "id": _column("ws_col_id", 14),
        "patterns": _column("ws_col_patterns", 28),
        "text": _column("ws_col_text", 50),
    },
    "interpretations": {
        "observation": _column("ws_col_observation", 16),
        "text": _column("ws_col_text", 50),
        "perspective": _column("ws_col_perspective", 14),
    },
    "perspectives": {
        "number": _column("ws_col_number", 10),
        "name": _column("ws_col_name", 50),
        "description": _column("ws_col_description", 50),
    },
    "proposals": {
        "perspective": _column("ws_col_perspective", 14),
        "proposal": _column("ws_col_proposal", 50),
        "who": _column("ws_col_who", 50),
        "note": _column("ws_col_note", 50),
    },
    "landscape": {
        "landscape": _column("ws_col_landscape", 30),
        "table": _column("ws_col_table", 14),
        "story": _column("ws_col_story", 10),
        "x": ("x", "x", 8),
        "y": ("y", "y", 8),
        "shares": _column("ws_col_shares", 14),
    },
}
# Required columns per sheet; the other columns may be missing (then empty).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "observations": ("id", "text"),
    "interpretations": ("observation", "text"),
    "perspectives": ("number",),
    "proposals": ("perspective", "proposal"),
    "landscape": ("landscape", "story"),
}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "en"


def template_file_name(lang: str) -> str:
    """The template's default name: resultaten.xlsx, or results.xlsx in English."""
    return TEMPLATE_FILE[_lang(lang)]


def sheet_name(sheet: str, lang: str) -> str:
    return SHEETS[sheet][_lang(lang)]


def header(sheet: str, column: str, lang: str) -> str:
    return COLUMNS[sheet][column][LANGS.index(_lang(lang))]


def headers(sheet: str, lang: str) -> list[str]:
    return [header(sheet, c, lang) for c in COLUMNS[sheet]]


def _explanation(lang: str) -> list[str]:
    from verhalen.catalysis import file_name

    def h(sheet: str, column: str) -> str:
        return header(sheet, column, lang)

    obs, interp, persp, prop, land = (sheet_name(s, lang) for s in SHEETS)
    catalysis = file_name(lang)
    return [
        t("ws_expl_title", lang),
        "",
        t("ws_expl_fill", lang),
        t(
            "ws_expl_observations",
            lang,
            sheet=obs,
            id=h("observations", "id"),
            patterns=h("observations", "patterns"),
            text=h("observations", "text"),
        ),
        t(
            "ws_expl_interpretations",
            lang,
            sheet=interp,
            observation=h("interpretations", "observation"),
            catalysis=catalysis,
            text=h("interpretations", "text"),
            perspective=h("interpretations", "perspective"),
        ),
        t(
            "ws_expl_perspectives",
            lang,
            sheet=persp,
            number=h("perspectives", "number"),
            name=h("perspectives", "name"),
            description=h("perspectives", "description"),
        ),
        t(
            "ws_expl_proposals",
            lang,
            sheet=prop,
            perspective=h("proposals", "perspective"),
            proposal=h("proposals", "proposal"),
            who=h("proposals", "who"),
            note=h("proposals", "note"),
        ),
        t(
            "ws_expl_landscape",
            lang,
            sheet=land,
            landscape=h("landscape", "landscape"),
            table=h("landscape", "table"),
            story=h("landscape", "story"),
            shares=h("landscape", "shares"),
        ),
        "",
        t("ws_expl_import", lang, file=template_file_name(lang)),
        t("ws_expl_errors", lang),
    ]


def write_template(path: Path, project: Project | None = None, lang: str | None = None) -> Path:
    """The results template (XLSX) in `lang` (else the project's language, else Dutch); with a
    project, its current perspectives are prefilled."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from verhalen.atomic import save_workbook
    from verhalen.safe import set_xlsx_cell

    lang = _lang(lang or (project.lang if project is not None else "nl"))
    rows: list[tuple[int, str, str]] = []
    if project is not None:
        from verhalen.perspectives import assignment, perspectives

        if assignment(project):
            rows = [
                (v.number, v.title(lang), v.description or "")
                for v in perspectives(project)
                if v.number > 0
            ]
    book = Workbook()
    info = book.active
    info.title = EXPLANATION_SHEET[lang]
    explanation = _explanation(lang)
    for r, line in enumerate(explanation, 1):
        cell = set_xlsx_cell(info, r, 1, line)
        if r == 1:
            cell.font = Font(bold=True, size=13)
    if project is not None:
        landscapes = _landscape_names(project)
        if landscapes:
            more = ", …" if len(landscapes) > 12 else ""
            listed = ", ".join(landscapes[:12]) + more
            line = t("ws_landscapes_listed", lang, names=listed)
            set_xlsx_cell(info, len(explanation) + 2, 1, line)
    info.column_dimensions["A"].width = 120
    for name, columns in COLUMNS.items():
        sheet = book.create_sheet(sheet_name(name, lang))
        for c, (column, (_, _, width)) in enumerate(columns.items(), 1):
            cell = set_xlsx_cell(sheet, 1, c, header(name, column, lang))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="2F6F8F")
            sheet.column_dimensions[cell.column_letter].width = width
        sheet.freeze_panes = "A2"
        if name == "perspectives":
            for r, row in enumerate(rows, 2):
                for c, value in enumerate(row, 1):
                    set_xlsx_cell(sheet, r, c, value).alignment = Alignment(wrap_text=c > 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(book, path)
    return path


def _landscape_names(project: Project) -> list[str]:
    """The landscapes a results sheet can name: every pair of scale or dyad questions in form
    order, and every triad (the kit's default first)."""
    from verhalen.landscape_axes import (
        axis_questions,
        default_landscape,
        landscape_key,
        triad_questions,
    )

    axes = axis_questions(project)
    names = [landscape_key((a, b)) for i, a in enumerate(axes) for b in axes[i + 1 :]]
    names += [q.id for q in triad_questions(project) if len(q.anchors) == 3]
    first = default_landscape(project)
    if first is not None and landscape_key(first) in names:
        names.remove(landscape_key(first))
        names.insert(0, landscape_key(first))
    return names


# -- reading it back -------------------------------------------------------------------------


Rows = list[tuple[int, dict[str, str]]]  # (row number, {column id: text}) per non-empty row


@dataclass
class Sheets:
    """A filled-in template as read: the rows of each sheet found, by sheet id, and each sheet's
    name as the workbook spells it (so a problem names the sheet people see)."""

    rows: dict[str, Rows] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    def get(self, sheet: str) -> Rows:
        return self.rows.get(sheet, [])

    def name(self, sheet: str, lang: str) -> str:
        return self.shown.get(sheet) or sheet_name(sheet, lang)


def read_sheets(path: Path, display: str, lang: str) -> Sheets:
    """Every template sheet's non-empty rows, with their cells by column id; sheet names and
    headers in either language.

    A workbook without any of the template's sheets is not a results sheet, and a sheet whose
    header row lacks a needed column or has one the template does not know would lose what is
    under it: both are refused here, before a row is read."""
    import openpyxl

    from verhalen.ingest import ReadError, check_archive
    from verhalen.ingest import cell as cell_text

    try:
        check_archive(path, lang)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except ReadError as exc:
        raise RejectedBatch([Problem(display, None, str(exc))]) from None
    except Exception as exc:  # openpyxl raises many kinds for broken packages
        reason = t("ws_not_xlsx", lang)
        raise RejectedBatch([Problem(display, None, f"{reason} ({exc})")]) from None
    out = Sheets()
    problems: list[Problem] = []

    def header_problem(sheet: str, text: str) -> None:
        problems.append(Problem(display, 1, f"{sheet}: {text}"))

    try:
        in_book = {n.strip().casefold(): n for n in book.sheetnames}
        found: dict[str, tuple[str, str]] = {}  # sheet id -> (name in the book, its language)
        for sheet, names in SHEETS.items():
            for name_lang in (_lang(lang), *LANGS):
                if names[name_lang].casefold() in in_book:
                    found[sheet] = (in_book[names[name_lang].casefold()], name_lang)
                    break
        if not found:
            expected = ", ".join(sheet_name(s, lang) for s in SHEETS)
            shown = ", ".join(book.sheetnames) or "-"
            raise RejectedBatch(
                [
                    Problem(
                        display,
                        None,
                        t("ws_not_results", lang, expected=expected, shown=shown),
                    )
                ]
            )
        for sheet, (name, name_lang) in found.items():
            out.shown[sheet] = name
            known = {
                h.casefold(): column
                for column, (nl, en, _) in COLUMNS[sheet].items()
                for h in (nl, en)
            }
            rows = book[name].iter_rows(values_only=True)
            cells_read = [cell_text(v).strip() for v in next(rows, ())]
            columns = [known.get(h.casefold()) for h in cells_read]
            expected = ", ".join(headers(sheet, name_lang))
            for column in REQUIRED_COLUMNS[sheet]:
                if column not in columns:
                    h = header(sheet, column, name_lang)
                    header_problem(name, t("ws_column_missing", lang, header=h, expected=expected))
            for h, column in zip(cells_read, columns, strict=True):
                if h and column is None:
                    header_problem(
                        name,
                        t("ws_column_unknown", lang, header=h.casefold(), expected=expected),
                    )
            body = []
            for n, row in enumerate(rows, 2):
                cells = {
                    c: " ".join(cell_text(v).split())
                    for c, v in zip(columns, row, strict=False)
                    if c is not None
                }
                if any(cells.values()):
                    body.append((n, cells))
            out.rows[sheet] = body
    finally:
        book.close()
    if problems:
        raise RejectedBatch(problems)
    return out
