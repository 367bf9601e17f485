"""The workshop's results template: its names in both languages, writing it and reading it back.

One XLSX that a sensemaking workshop fills in: observations, interpretations, perspectives (the
current ones prefilled), change proposals and landscape placements. Sheet names and column
headers follow the project's language (`SHEETS`, `COLUMNS`: the one table of them); reading
accepts either language, so a Dutch sheet imports into an English project and the reverse.
`read_sheets` hands the rows to `verhalen.workshop_results`, which checks and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from verhalen.errors import Problem, RejectedBatch
from verhalen.i18n import say

if TYPE_CHECKING:
    from verhalen.project import Project

LANGS = ("nl", "en")
TEMPLATE_FILE = {"nl": "resultaten.xlsx", "en": "results.xlsx"}
EXPLANATION_SHEET = {"nl": "uitleg", "en": "explanation"}
# Each sheet by its id, with its name per language.
SHEETS: dict[str, dict[str, str]] = {
    "observations": {"nl": "waarnemingen", "en": "observations"},
    "interpretations": {"nl": "interpretaties", "en": "interpretations"},
    "perspectives": {"nl": "perspectieven", "en": "perspectives"},
    "proposals": {"nl": "verandervoorstellen", "en": "change proposals"},
    "landscape": {"nl": "landschap", "en": "landscape"},
}
# Each sheet's columns by their id, with the header per language and the column's width.
COLUMNS: dict[str, dict[str, tuple[str, str, int]]] = {
    "observations": {
        "id": ("id", "id", 14),
        "patterns": ("patronen", "patterns", 28),
        "text": ("tekst", "text", 50),
    },
    "interpretations": {
        "observation": ("waarneming", "observation", 16),
        "text": ("tekst", "text", 50),
        "perspective": ("perspectief", "perspective", 14),
    },
    "perspectives": {
        "number": ("nummer", "number", 10),
        "name": ("naam", "name", 50),
        "description": ("beschrijving", "description", 50),
    },
    "proposals": {
        "perspective": ("perspectief", "perspective", 14),
        "proposal": ("voorstel", "proposal", 50),
        "who": ("wie", "who", 50),
        "note": ("toelichting", "note", 50),
    },
    "landscape": {
        "landscape": ("landschap", "landscape", 30),
        "table": ("tafel", "table", 14),
        "story": ("verhaal", "story", 10),
        "x": ("x", "x", 8),
        "y": ("y", "y", 8),
        "shares": ("aandelen", "shares", 14),
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
    if lang == "nl":
        return [
            "Resultaten van de duidingsbijeenkomst (sensemaking)",
            "",
            "Vul per blad één regel per ding in; de eerste regel (kopjes) blijft staan.",
            f"{obs}: id (kort eigen woord, uniek), patronen (ids uit het rapport, gescheiden door"
            " komma's; mag leeg), tekst (wat je ziet, zonder uitleg).",
            f"{interp}: waarneming (het id van een waarneming hier of in {catalysis}), tekst (dit"
            " kan betekenen dat …), perspectief (nummer, of de naam van een nieuw perspectief;"
            " mag leeg).",
            f"{persp}: nummer (niet veranderen), naam en beschrijving zoals de groep ze noemt. Een"
            " lege cel laat de oude naam of beschrijving staan.",
            f"{prop}: perspectief (nummer), voorstel (verplicht), wie (wie pakt het op),"
            " toelichting.",
            f"{land}: waar de groep elk verhaal op een landschap legde. landschap (de twee"
            " vraag-ids als x/y, zoals gevoel/verrassing, of het id van een driehoek; staat op het"
            " lege canvas), tafel (welke groep; mag leeg), verhaal (het nummer op de kaart), x en"
            " y (in het bereik van de vragen, meestal 0–100) of bij een driehoek aandelen (drie"
            " delen die samen 100 zijn, zoals 60/30/10).",
            "",
            f"Terugzetten in het project: verhalen workshop import {template_file_name(lang)}",
            "Bij een fout verandert er niets; elke fout staat op één regel als"
            " bestand:regel: reden.",
        ]
    return [
        "Results of the sensemaking workshop",
        "",
        "Fill in one row per item on each sheet; the first row (headers) stays.",
        f"{obs}: {h('observations', 'id')} (a short word of your own, unique),"
        f" {h('observations', 'patterns')} (ids from the report, separated by commas; may be"
        f" empty), {h('observations', 'text')} (what you see, without explaining it).",
        f"{interp}: {h('interpretations', 'observation')} (the id of an observation here or in"
        f" {catalysis}), {h('interpretations', 'text')} (this may mean that …),"
        f" {h('interpretations', 'perspective')} (a number, or the name of a new perspective;"
        " may be empty).",
        f"{persp}: {h('perspectives', 'number')} (do not change), {h('perspectives', 'name')}"
        f" and {h('perspectives', 'description')} as the group puts them. An empty cell keeps"
        " the old name or description.",
        f"{prop}: {h('proposals', 'perspective')} (number), {h('proposals', 'proposal')}"
        f" (required), {h('proposals', 'who')} (who takes it up), {h('proposals', 'note')}.",
        f"{land}: where the group put each story on a landscape. {h('landscape', 'landscape')}"
        " (the two question ids as x/y, like feeling/surprise, or the id of a triad; it is on"
        f" the blank canvas), {h('landscape', 'table')} (which group; may be empty),"
        f" {h('landscape', 'story')} (the number on the card), x and y (within the questions'"
        f" range, mostly 0–100) or for a triad {h('landscape', 'shares')} (three parts adding"
        " up to 100, like 60/30/10).",
        "",
        f"Bring it back into the project: verhalen workshop import {template_file_name(lang)}",
        "On any error nothing changes; each error is one line as file:row: reason.",
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
            line = say(lang, "Landschappen in dit project: ", "Landscapes in this project: ")
            set_xlsx_cell(info, len(explanation) + 2, 1, f"{line}{listed}.")
    info.column_dimensions["A"].width = 120
    for name, columns in COLUMNS.items():
        sheet = book.create_sheet(sheet_name(name, lang))
        for c, (nl, en, width) in enumerate(columns.values(), 1):
            cell = set_xlsx_cell(sheet, 1, c, nl if lang == "nl" else en)
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
        reason = say(lang, "geen geldig .xlsx-bestand", "not a valid .xlsx file")
        raise RejectedBatch([Problem(display, None, f"{reason} ({exc})")]) from None
    out = Sheets()
    problems: list[Problem] = []

    def header_problem(sheet: str, nl: str, en: str) -> None:
        problems.append(Problem(display, 1, f"{sheet}: {say(lang, nl, en)}"))

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
                        say(
                            lang,
                            "dit is geen resultatensjabloon van verhalen: verwacht de bladen "
                            f"{expected} (gevonden: {shown}); 'verhalen workshop template' "
                            "maakt het sjabloon",
                            "this is not a verhalen results template: expected the sheets "
                            f"{expected} (found: {shown}); 'verhalen workshop template' makes "
                            "the template",
                        ),
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
                    header_problem(
                        name,
                        f"kolom '{h}' ontbreekt (de kopjes zijn: {expected})",
                        f"column '{h}' is missing (the headers are: {expected})",
                    )
            for h, column in zip(cells_read, columns, strict=True):
                if h and column is None:
                    header_problem(
                        name,
                        f"onbekende kolom '{h.casefold()}' (de kopjes zijn: {expected})",
                        f"unknown column '{h.casefold()}' (the headers are: {expected})",
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
