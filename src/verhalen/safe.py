"""Output safety: user text must never become a spreadsheet formula.

A story that starts with `=`, `+`, `-` or `@` would run as a formula when a CSV is opened in a
spreadsheet (CSV injection); in XLSX we store such text as a plain string.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def set_xlsx_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell with openpyxl; strings always stay strings, never formulas."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
