"""The notebooks' table: rows of a project that Jupyter shows as an HTML table.

Notebook results are lists of dicts, one per story or perspective. Plain lists show as one long
line of Python; a `Table` shows as a table in Jupyter and as aligned text in `print` and `repr`,
and stays a table when sliced or filtered. It needs no pandas (`explore.as_dataframe` gives a
DataFrame when pandas is there).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any, SupportsIndex, overload


class Table(list):
    """A list of dicts that Jupyter shows as an HTML table, and `print` or `repr` as text.

    Slicing (`table[:10]`), `filter`, `head`, `+` and `copy` give a `Table` again, with the same
    columns, so a part of a table still shows as a table.
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Sequence[str] | None = None):
        super().__init__(rows)
        self.columns = list(columns) if columns else list(self[0]) if self else []

    def _like(self, rows: Iterable[dict[str, Any]]) -> Table:
        """A table of `rows` with this table's columns (and any other attributes)."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        list.extend(new, rows)
        return new

    @overload
    def __getitem__(self, index: SupportsIndex) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Table: ...
    def __getitem__(self, index):
        got = super().__getitem__(index)
        return self._like(got) if isinstance(index, slice) else got

    def __add__(self, other: Iterable[dict[str, Any]]) -> Table:  # type: ignore[override]
        return self._like([*self, *other])

    def copy(self) -> Table:
        return self._like(self)

    def head(self, n: int = 10) -> Table:
        """The first `n` rows."""
        return self[:n]

    def filter(
        self, keep: Callable[[dict[str, Any]], bool] | None = None, /, **equal: Any
    ) -> Table:
        """The rows for which `keep(row)` is true and every column in `equal` has that value:
        `table.filter(lambda r: r["gevoel"] >= 70)`, `table.filter(afloop="goed")`."""
        return self._like(
            row
            for row in self
            if (keep is None or keep(row)) and all(row.get(k) == v for k, v in equal.items())
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td style='text-align:left'>{html.escape(cell_text(row.get(c)))}</td>"
                for c in self.columns
            )
            + "</tr>"
            for row in self
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def text(self, max_rows: int | None = None, width: int | None = None) -> str:
        """The table as aligned text: at most `max_rows` rows, cells cut at `width` characters."""
        rows = list.__getitem__(self, slice(max_rows))
        cells = [[short_text(cell_text(row.get(c)), width) for c in self.columns] for row in rows]
        header = [short_text(str(c), width) for c in self.columns]
        widths = [max([len(h)] + [len(r[k]) for r in cells]) for k, h in enumerate(header)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [
            " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        if len(rows) < len(self):
            lines.append(f"… ({len(rows)}/{len(self)})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return self.text(max_rows=TEXT_ROWS, width=TEXT_WIDTH)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's text view
        printer.text(repr(self))


TEXT_ROWS, TEXT_WIDTH = 20, 40  # what `repr` shows of a table


def short_text(text: str, width: int | None) -> str:
    """`text` on one line, cut at `width` characters with an ellipsis."""
    text = " ".join(text.split())  # one line per row
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def cell_text(value: Any) -> str:
    """A value as a table cell shows it: numbers rounded, lists and dicts on one line."""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)
