"""Output safety: user text must never become a spreadsheet formula or a path outside its folder.

A story that starts with `=`, `+`, `-` or `@` would run as a formula when a CSV is opened in a
spreadsheet (CSV injection: `=HYPERLINK(…)`, `=cmd|' /C calc'!A0` for DDE); in CSV such text
gets a leading quote, in XLSX it is stored as a plain string. Every CSV and XLSX the tool writes
goes through `csv_value` or `set_xlsx_cell`.

A file name made from a perspective's name, a session or a title goes through `filename`, and
`inside` joins it to its folder: no `..`, no separators, no device names, never too long.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

# What a spreadsheet may read as the start of a formula; the full-width forms too, which some
# spreadsheets in East Asian locales treat the same.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Characters XML 1.0 cannot hold: openpyxl refuses them (IllegalCharacterError).
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Path separators, what Windows forbids in names, and control characters.
NAME_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]')
WINDOWS_DEVICES = {
    "con",
    "prn",
    "aux",
    "nul",
    "clock$",
    "conin$",
    "conout$",
    *(f"com{i}" for i in "0123456789¹²³"),
    *(f"lpt{i}" for i in "0123456789¹²³"),
}
MAX_NAME_BYTES = 150  # file systems allow 255 bytes per name; leave room for a suffix


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


def filename(text: str, suffix: str = "", fallback: str = "bestand") -> str:
    """One safe file name from user text: never a path, never hidden, never a device name.

    Separators and characters Windows forbids become `_`, leading dots and trailing dots and
    spaces go, `CON`, `NUL`, `COM1`… get a leading `_`, and the name is cut to fit any file
    system (on a character boundary). `suffix` (`.pdf`) is added after the cut.
    """
    name = unicodedata.normalize("NFC", str(text))
    # format characters (right-to-left override, zero-width …) can disguise a name
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")
    name = " ".join(NAME_UNSAFE.sub("_", name).split())
    name = name.lstrip(". ").rstrip(". ")
    if not name:
        name = fallback
    if name.split(".")[0].rstrip(" ").casefold() in WINDOWS_DEVICES:
        name = "_" + name
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    name = name[:budget]  # a character is at least one byte
    while len(name.encode("utf-8")) > budget:
        name = name[:-1]
    name = name.rstrip(". ") or fallback
    return name + suffix


def inside(folder: Path, text: str, suffix: str = "", fallback: str = "bestand") -> Path:
    """`folder / filename(text)`, checked to be directly inside `folder`."""
    path = folder / filename(text, suffix, fallback)
    if path.parent != folder or path.name in ("", ".", ".."):
        raise ValueError(f"unsafe file name: {text!r}")
    return path
