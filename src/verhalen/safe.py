"""Output safety: user text must never become a spreadsheet formula.

A story that starts with `=`, `+`, `-` or `@` would run as a formula when a CSV is opened in a
spreadsheet (CSV injection: `=HYPERLINK(…)`, `=cmd|' /C calc'!A0` for DDE); in CSV such text
gets a leading quote, in XLSX it is stored as a plain string. Every CSV and XLSX the tool writes
goes through `csv_value` or `set_xlsx_cell`.

No output path is made from user text: reports, workshop material, the pseudonymisation review
sheet and the rejects file have fixed names, or the names a facilitator gives with `--out`.
"""

from __future__ import annotations

import re
from typing import Any

# What a spreadsheet may read as the start of a formula; the full-width forms too, which some
# spreadsheets in East Asian locales treat the same.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Characters XML 1.0 cannot hold: openpyxl refuses them (IllegalCharacterError).
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet could run: a formula sign first, spaces before it or not."""
    return text.startswith(FORMULA_START) or text.lstrip(" ").startswith(FORMULA_START)


def csv_value(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def set_xlsx_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell with openpyxl; strings always stay strings, never formulas."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = XLSX_ILLEGAL.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
