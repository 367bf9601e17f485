"""Reading stories back: filtering, one story in full, and export to CSV, XLSX or JSON, to a
QDA tool (REFI-QDA .qdpx) or back to NarraFirma.

An export has one row per story with fixed columns first (`id`, `title`, `text`, `storyteller`,
`group`, `session`), then one column per story-form question, so it opens cleanly in a
spreadsheet and round-trips through `verhalen ingest`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen import atomic
from verhalen.errors import VerhalenError
from verhalen.form import SIGNIFIER_TYPES, Question, format_value
from verhalen.i18n import t
from verhalen.project import Project
from verhalen.safe import csv_value, set_xlsx_cell
from verhalen.store import StoryRow

FIXED_COLUMNS = ("id", "title", "text", "storyteller", "group", "session")
FORMATS = ("csv", "xlsx", "json", "qdpx", "narrafirma")


@dataclass(frozen=True)
class StoryFilter:
    group: str | None = None
    session: str | None = None
    storyteller: str | None = None
    search: str | None = None
    flagged: bool = False
    where: tuple[str, ...] = ()  # conditions on answers and tags: "rol=inwoner", "gevoel>=70"
    excluded: bool | None = None  # True: only stories left out of the analysis; False: none


def find_stories(project: Project, where: StoryFilter | None = None) -> list[StoryRow]:
    from verhalen.variables import filter_ids

    where = where or StoryFilter()
    ids = filter_ids(project, list(where.where))
    with project.store() as store:
        return store.stories(
            group=where.group,
            session=where.session,
            storyteller=where.storyteller,
            search=where.search,
            flagged=where.flagged,
            ids=sorted(ids) if ids is not None else None,
            excluded=where.excluded,
        )


def get_story(project: Project, story_id: int) -> tuple[StoryRow, dict[str, Any], list[Any]]:
    """A story, its answers (story and storyteller questions) and its open flags."""
    with project.store() as store:
        story = store.story(story_id)
        if story is None:
            raise VerhalenError(t("story_not_found", project.lang, id=story_id))
        answers = store.answers([story_id]).get(story_id, {})
        if story.storyteller_id:
            answers = {**store.storyteller_answers().get(story.storyteller_id, {}), **answers}
        return story, answers, store.flags(story_id)


# -- stories left out of the analysis ---------------------------------------------------------


@dataclass(frozen=True)
class Exclusion:
    """A story the facilitator left out of the analysis, and why."""

    story_id: int
    title: str | None
    reason: str
    at: str
    who: str


def exclusions(project: Project) -> list[Exclusion]:
    """Every story left out of the analysis (`verhalen stories exclude`), by id."""
    with project.store() as store:
        found = store.exclusions()
        titles = {s.id: s.shown_title for s in store.stories(ids=sorted(found))} if found else {}
    return [
        Exclusion(sid, titles.get(sid), r["reason"], r["at"], r["who"]) for sid, r in found.items()
    ]


def _known_ids(store: Any, story_ids: list[int], lang: str) -> list[int]:
    """The ids in order without repeats; an id that is no story stops everything, in one line."""
    wanted = list(dict.fromkeys(story_ids))
    found = {s.id for s in store.stories(ids=wanted)} if wanted else set()
    unknown = [i for i in wanted if i not in found]
    if unknown:
        listed = ", ".join(map(str, unknown))
        raise VerhalenError(t("data_stories_not_found", lang, n=len(unknown), ids=listed))
    return wanted


def exclude(project: Project, story_ids: list[int], reason: str) -> dict[int, str | None]:
    """Leave stories out of the analysis (clustering, patterns, report, workshop material),
    keeping them in the store. All or nothing: every id is checked first. A story excluded
    already gets the new reason. Every change goes into the history. Returns id -> old reason
    (None: it was not excluded)."""
    lang = project.lang
    reason = " ".join(reason.split())
    if not reason:
        raise VerhalenError(t("data_exclude_reason", lang))
    if not story_ids:
        raise VerhalenError(t("data_give_story_ids", lang))
    with project.store() as store, store.transaction():
        ids = _known_ids(store, story_ids, lang)
        return {sid: store.exclude(sid, reason) for sid in ids}


def include(project: Project, story_ids: list[int]) -> dict[int, str | None]:
    """Take excluded stories back into the analysis, all or nothing; logged. Returns id -> the
    reason it was excluded for (None: it was not excluded, nothing changed for it)."""
    lang = project.lang
    if not story_ids:
        raise VerhalenError(t("data_give_story_ids", lang))
    with project.store() as store, store.transaction():
        ids = _known_ids(store, story_ids, lang)
        return {sid: store.include(sid) for sid in ids}


def exclusion_history(project: Project, story_id: int | None = None) -> list[Any]:
    """Every exclusion and inclusion (of one story), oldest first: `answers.Change` rows."""
    from verhalen.answers import history

    return [c for c in history(project, story_id) if c.action in ("exclude", "include")]


def format_answer(value: Any, lang: str = "nl", question: Question | None = None) -> str:
    """An answer as people read it: by its question when known (a triad as `30/50/20`,
    stones as `steen=x,y; …`), else lists joined with `; ` and booleans as ja/nee."""
    if question is not None:
        return question.format(value, lang)
    return format_value(value, lang)


@dataclass(frozen=True)
class ExportStory:
    """A story as exports show it: its title and text (pseudonymised unless the original is
    asked for) and its answers to the story and storyteller questions, open answers with the
    stories' placeholders."""

    story: StoryRow
    title: str
    text: str
    answers: dict[str, Any]


def export_records(
    project: Project, where: StoryFilter | None = None, original: bool = False
) -> list[ExportStory]:
    """The stories an export writes, in store order, with their answers (see `ExportStory`)."""
    stories = find_stories(project, where)
    with project.store() as store:
        answers = store.answers()
        teller_answers = store.storyteller_answers()
    records = [
        ExportStory(
            s,
            (s.title if original else s.shown_title) or "",
            s.text if original else s.shown_text,
            {**teller_answers.get(s.storyteller_id or "", {}), **answers.get(s.id, {})},
        )
        for s in stories
    ]
    if not original:
        _hide_in_open_answers(project, records)
    return records


def story_table(
    project: Project, where: StoryFilter | None = None, original: bool = False
) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows for an export: fixed columns, then one per question.

    Texts and titles are pseudonymised when that has been done, unless `original` is asked for.
    """
    records = export_records(project, where, original)
    questions = list(project.form.questions)
    from verhalen.perspectives import assignment, perspectives

    assigned = assignment(project)
    titles = {p.number: p.title(project.lang) for p in perspectives(project)} if assigned else {}
    columns = [*FIXED_COLUMNS, *(q.id for q in questions)]
    if assigned:
        columns.append("perspective")
    rows = []
    for r in records:
        s = r.story
        rows.append(
            [
                s.id,
                r.title,
                r.text,
                s.storyteller_id or "",
                s.group or "",
                s.session or "",
                *(_shown(q, r.answers.get(q.id), project.lang) for q in questions),
            ]
        )
        if assigned:
            number = assigned.get(s.id)
            rows[-1].append(f"{number}. {titles[number]}" if number in titles else "")
    return columns, rows


def _shown(question: Question, value: Any, lang: str) -> Any:
    """Signifier answers as text people read (`30/50/20`); other answers as stored, so numbers
    stay numbers in the spreadsheet."""
    if question.type in SIGNIFIER_TYPES and value is not None:
        return question.format(value, lang)
    return value


def _hide_in_open_answers(project: Project, records: list[ExportStory]) -> None:
    """Open answers may name people too: give them the stories' placeholders."""
    from verhalen.pseudonymize import apply_known

    for q in project.form.questions:
        if q.type != "text":
            continue
        filled = [r for r in records if isinstance(r.answers.get(q.id), str) and r.answers[q.id]]
        hidden = apply_known(project, [r.answers[q.id] for r in filled])
        for record, text in zip(filled, hidden, strict=True):
            record.answers[q.id] = text


def export_stories(
    project: Project,
    out: Path,
    fmt: str | None = None,
    where: StoryFilter | None = None,
    original: bool = False,
) -> int:
    """Write the stories to `out`; the format follows the suffix unless given.

    csv, xlsx and json write the story table (one row per story). qdpx writes a REFI-QDA
    project for QDA tools (`verhalen.qdpx`); narrafirma writes a folder with a stories CSV and
    a story-form CSV in NarraFirma's import format (`verhalen.narrafirma_export`).
    """
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise VerhalenError(
            t("data_export_format", project.lang, fmt=fmt, known=", ".join(FORMATS))
        )
    suffix = out.suffix.lstrip(".").lower()
    if fmt != "narrafirma" and suffix in FORMATS and suffix != fmt:  # csv text in an .xlsx file
        raise VerhalenError(t("data_export_suffix", project.lang, path=out, fmt=fmt))
    _check_out(project, out, folder=fmt == "narrafirma")
    if fmt == "qdpx":
        from verhalen.qdpx import write_qdpx

        return write_qdpx(project, out, where, original)
    if fmt == "narrafirma":
        from verhalen.narrafirma_export import write_narrafirma

        return write_narrafirma(project, out, where, original)
    columns, rows = story_table(project, where, original)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        atomic.write_text(out, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        with atomic.atomic_path(out) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow([csv_value(c) for c in columns])
            for row in rows:
                writer.writerow([_csv_cell(v, project.lang) for v in row])
    else:
        _write_xlsx(out, columns, rows, project.lang)
    return len(rows)


def _check_out(project: Project, out: Path, folder: bool) -> None:
    """An `--out` that cannot be used stops the export before anything is read, in one line:
    a folder where a file goes, a file where a folder goes, or a file in its parents' way."""
    lang = project.lang
    shown = str(out)
    if folder and out.exists() and not out.is_dir():
        raise VerhalenError(t("data_export_needs_folder", lang, path=shown))
    if not folder and out.is_dir():
        raise VerhalenError(t("data_export_needs_file", lang, path=shown))
    parent = out if folder else out.parent
    for above in (parent, *parent.parents):
        if above.exists():
            if not above.is_dir():
                raise VerhalenError(t("data_export_parent_is_file", lang, above=above, path=shown))
            break


def _csv_cell(value: Any, lang: str) -> Any:
    """Numbers stay numbers; only text can be mistaken for a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return csv_value(format_answer(value, lang))


def _write_xlsx(out: Path, columns: list[str], rows: list[list[Any]], lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = t("data_stories", lang)
    for c, name in enumerate(columns, 1):
        set_xlsx_cell(sheet, 1, c, name).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            shown = (
                value
                if isinstance(value, int | float) and not isinstance(value, bool)
                else (format_answer(value, lang))
            )
            set_xlsx_cell(sheet, r, c, shown)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for c, name in enumerate(columns, 1):
        width = 60 if name == "text" else min(40, max(8, len(name) + 2))
        sheet.column_dimensions[get_column_letter(c)].width = width
    atomic.save_workbook(book, out)
