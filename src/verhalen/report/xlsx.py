"""The report's sheets written with openpyxl: header frozen, filters on, widths set.

Every cell goes through `set_xlsx_cell`, so a story that starts with `=`, `+`, `-` or `@` stays
text and never runs as a formula when the file is opened.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from verhalen.atomic import save_workbook
from verhalen.report.model import Report, Sheet
from verhalen.safe import set_xlsx_cell

HEADER_FILL = "DCE8EF"
WRAP_FROM = 40  # columns at least this wide wrap their text


def write_xlsx(report: Report, path: Path, created: datetime | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in report.sheets:
        _sheet(book, sheet)
    if created is not None:
        book.properties.created = created
    book.properties.title = report.meta.get("title", report.title)
    book.properties.creator = "verhalen"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(book, path)
    return path


def _sheet(book, spec: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(spec.name[:31])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    top = Alignment(vertical="top", wrap_text=False)
    wrap = Alignment(vertical="top", wrap_text=True)
    wide = {c for c, w in enumerate(spec.widths) if w >= WRAP_FROM}
    first = 1
    if spec.header:
        for c, name in enumerate(spec.header, 1):
            cell = set_xlsx_cell(sheet, 1, c, name)
            cell.font = bold
            cell.fill = fill
            cell.alignment = wrap
        first = 2
    for r, row in enumerate(spec.rows, first):
        is_bold = (r - first) in spec.bold_rows
        for c, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            cell = set_xlsx_cell(sheet, r, c, value)
            if spec.table:
                cell.alignment = wrap if (c - 1) in wide else top
            if (c - 1) in spec.formats and isinstance(value, int | float):
                cell.number_format = spec.formats[c - 1]
            if is_bold:
                cell.font = bold
    for c, width in enumerate(spec.widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    if spec.table and spec.header:
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(spec.header))
        sheet.auto_filter.ref = f"A1:{last}{max(1, len(spec.rows) + 1)}"
