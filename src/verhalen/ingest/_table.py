"""Tables (.csv, .xlsx): one story per row, columns mapped to fields and story-form questions.

Columns are recognised by their header (Dutch or English names, or the form's question ids and
short names); `--map field=Column` overrides. A row that carries storyteller attributes (role, age
group …) registers its storyteller; a row that only names one needs a known storyteller.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from verhalen.form import StoryForm, fold
from verhalen.i18n import number as format_number
from verhalen.i18n import t
from verhalen.ingest._archive import check_archive, parser_error
from verhalen.ingest._model import RawStory, RawStoryteller, ReadError, ReadOptions, ReadResult
from verhalen.ingest._normalize import one_line, strip_controls
from verhalen.ingest._text import read_text_file

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("tekst", "verhaal", "verhaaltekst", "text", "story", "story text", "stext"),
    "title": ("titel", "title", "story title", "naam verhaal", "stitle"),
    "storyteller": (
        "verteller",
        "storyteller",
        "verteller id",
        "verteller_id",
        "participant",
        "participant id",
        "respondent",
        "deelnemer",
    ),
    "session": ("sessie", "session", "bijeenkomst"),
    "id": ("id", "code", "nummer"),
    "name": ("naam", "name", "voornaam"),
}
KNOWN_NAMES = frozenset(name for names in FIELD_NAMES.values() for name in names)
MAX_ROWS = 1_048_576  # Excel's own limit: no genuine sheet has a row beyond it
# A sheet can declare a cell in column XFD on every row: openpyxl pads each row to that width,
# so a tiny file would be billions of cells. Past this many we stop reading.
MAX_CELLS = 10_000_000
csv.field_size_limit(10 * 1024 * 1024)


def read_rows(path: Path, options: ReadOptions) -> list[tuple[int, list[str]]]:
    """All rows as (spreadsheet row number, cells as text), comment rows (`;`) dropped."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path, options.lang)
    else:
        text = read_text_file(path, options.lang)
        rows = _csv_rows(text, options.lang)
    return [
        (n, cells)
        for n, cells in rows
        if any(c.strip() for c in cells) and not (cells and cells[0].lstrip().startswith(";"))
    ]


def _csv_rows(text: str, lang: str = "nl") -> list[tuple[int, list[str]]]:
    """Rows of a CSV as Excel writes it (doubled quotes); the delimiter is read off the header.

    csv.Sniffer also guesses quoting and gets it wrong when a quoted story holds a comma, so we
    only choose the delimiter: whichever of , ; and tab the header line uses most.
    """
    header = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=header.count)
    # strict: a quote left open to the end of the file (a cut-off export) is an error, not a story
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = []
    try:
        start = 1
        for cells in reader:
            # the line a record starts on, as an editor shows it
            out.append((start, [strip_controls(c) for c in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = str(exc)
        if "unexpected end of data" in detail:
            detail = t("why_csv_open_quote", lang)
        elif "expected after" in detail:
            detail = t("why_csv_inner_quote", lang)
        why = t("why_bad_csv", lang, detail=one_line(detail, 160))
        raise ReadError(t("unreadable", lang, why=why), row=reader.line_num) from None
    return out


def cell(value: Any) -> str:
    """A spreadsheet cell as text: whole floats without ".0", NFC, no control characters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return strip_controls(unicodedata.normalize("NFC", str(value)))


def _one_line(text: str) -> str:
    """An id or a name is one line: a line break inside a cell becomes a space."""
    return " ".join(text.split())


def _xlsx_rows(path: Path, lang: str) -> list[tuple[int, list[str]]]:
    import openpyxl

    check_archive(path, lang)
    book = None
    try:
        # read_only parses the sheet while we iterate: its errors come from the loop too.
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # rows as long as their own cells, not the declared size
        out = []
        cells = 0
        for n, row in enumerate(sheet.iter_rows(values_only=True), 1):
            cells += len(row)
            if n > MAX_ROWS or cells > MAX_CELLS:
                limit = format_number(MAX_ROWS if n > MAX_ROWS else MAX_CELLS, lang)
                key = "why_too_many_rows" if n > MAX_ROWS else "why_too_many_cells"
                raise ReadError(t("unreadable", lang, why=t(key, lang, n=limit)))
            last = len(row)
            while last and row[last - 1] is None:  # trailing empty cells of a padded row
                last -= 1
            if last:  # empty rows are dropped by read_rows anyway
                out.append((n, [cell(v) for v in row[:last]]))
        return out
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken packages
        raise parser_error(exc, path, lang) from None
    finally:
        if book is not None:
            book.close()


def map_columns(
    header: list[str], form: StoryForm, options: ReadOptions, fields: tuple[str, ...]
) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """(field -> column, question id -> column, problems) for one header row."""
    problems: list[str] = []
    folded = [fold(h) for h in header]
    mapping: dict[str, int] = {}
    questions: dict[str, int] = {}
    for name, column in options.column_map:
        if fold(column) not in folded:
            problems.append(t("map_unknown_column", options.lang, field=name, column=column))
            continue
        index = folded.index(fold(column))
        if name in fields:
            mapping[name] = index
        elif form.get(name):
            questions[name] = index
        else:
            problems.append(t("data_map_no_field", options.lang, name=name))
    taken = set(mapping.values()) | set(questions.values())
    for name in fields:
        if name in mapping:
            continue
        for i, h in enumerate(folded):
            if i not in taken and h in FIELD_NAMES[name]:
                mapping[name] = i
                taken.add(i)
                break
    for i, h in enumerate(header):
        if i in taken or not h.strip():
            continue
        question = form.match_column(h)
        if question and question.id not in questions:
            questions[question.id] = i
    return mapping, questions, problems


def unread_columns(
    header: list[str], body: list[tuple[int, list[str]]], used: set[int], lang: str = "nl"
) -> list[str]:
    """Columns that hold a value in some row but that no field or question reads.

    These are the answers a table brings that the story form has no question for. A column with
    a known field name (`id`, `naam` …) is no answer, and an empty column loses nothing.
    """
    unread = []
    for i, name in enumerate(header):
        if i in used or fold(name) in KNOWN_NAMES:
            continue
        if any(i < len(cells) and cells[i].strip() for _, cells in body):
            unread.append(_one_line(name) or t("data_column_number", lang, number=i + 1))
    return unread


def read_table(path: Path, display: str, form: StoryForm, options: ReadOptions) -> ReadResult:
    result = ReadResult()
    rows = read_rows(path, options)
    if not rows:
        result.problems.append((None, t("empty_story", options.lang)))
        return result
    (header_row, header), body = rows[0], rows[1:]
    fields = ("text", "title", "storyteller", "session")
    mapping, questions, problems = map_columns(header, form, options, fields)
    result.problems += [(header_row, p) for p in problems]
    if "text" not in mapping:
        columns = ", ".join(h for h in header if h.strip())
        result.problems.append(
            (header_row, t("unmapped_column", options.lang, field="text", columns=columns))
        )
    if result.problems:
        return result
    used = set(mapping.values()) | set(questions.values())
    result.unread_columns = unread_columns(header, body, used, options.lang)
    teller_questions = {q.id for q in form.about("storyteller")}

    def get(cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for number, cells in body:
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            reason = t("data_cells_columns", options.lang, cells=len(cells), columns=len(header))
            result.problems.append((number, reason))
            continue
        answers = {q: get(cells, i) for q, i in questions.items() if q not in teller_questions}

        attributes = {q: get(cells, i) for q, i in questions.items() if q in teller_questions}
        teller = _one_line(get(cells, mapping.get("storyteller"))) or options.storyteller
        if any(attributes.values()):
            teller = teller or f"{Path(display).stem}-r{number}"
            result.storytellers.append(RawStoryteller(display, number, teller, None, attributes))
        result.stories.append(
            RawStory(
                path=display,
                row=number,
                text=get(cells, mapping["text"]),
                title=get(cells, mapping.get("title")) or None,
                storyteller=teller or None,
                session=get(cells, mapping.get("session")) or options.session,
                answers={k: v for k, v in answers.items() if v},
            )
        )
    return result


def read_storytellers(
    path: Path, display: str, form: StoryForm, options: ReadOptions
) -> ReadResult:
    """A storytellers table: id, optional name, and answers to storyteller questions."""
    result = ReadResult()
    try:
        rows = read_rows(path, options)
    except ReadError as exc:
        result.problems.append((exc.row, str(exc)))
        return result
    if not rows:
        return result
    (header_row, header), body = rows[0], rows[1:]
    only_tellers = StoryForm(questions=tuple(form.about("storyteller")))
    mapping, questions, problems = map_columns(header, only_tellers, options, ("id", "name"))
    if "id" not in mapping:
        mapping["id"] = 0
    result.problems += [(header_row, p) for p in problems]
    used = set(mapping.values()) | set(questions.values())
    result.unread_columns = unread_columns(header, body, used, options.lang)
    for number, cells in body:

        def get(index: int | None, cells: list[str] = cells) -> str:
            return cells[index].strip() if index is not None and index < len(cells) else ""

        teller_id = _one_line(get(mapping["id"]))
        if not teller_id:
            result.problems.append((number, t("storyteller_no_id", options.lang)))
            continue
        result.storytellers.append(
            RawStoryteller(
                display,
                number,
                teller_id,
                _one_line(get(mapping.get("name"))) or None,
                {q: get(i) for q, i in questions.items() if get(i)},
            )
        )
    return result
