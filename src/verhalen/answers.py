"""Answers to the story form after ingest: importing a sheet, manual corrections, history.

Every value is checked against the form; an import is all or nothing like ingest; every change
is logged with its old and new value, so nothing is silently overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.form import AnswerError, Question
from verhalen.i18n import t
from verhalen.ingest import ReadError, map_columns, read_options, read_rows
from verhalen.project import Project


@dataclass
class ImportReport:
    rows: int
    changed: int
    unchanged: int


def import_answers(project: Project, path: Path) -> ImportReport:
    """Answers from a CSV/XLSX sheet matched by story id or title (storyteller answers by
    storyteller id), written in one transaction or, on any problem, not at all."""
    lang = project.lang
    form = project.form
    display = project.relative(path)
    options = read_options(project)
    try:
        rows = read_rows(path, options)
    except ReadError as exc:
        raise RejectedBatch([Problem(display, exc.row, str(exc))]) from None
    if not rows:
        return ImportReport(0, 0, 0)
    (header_row, header), body = rows[0], rows[1:]
    mapping, questions, problems_ = map_columns(
        header, form, options, ("id", "title", "storyteller")
    )
    problems = [Problem(display, header_row, p) for p in problems_]
    if not {"id", "title", "storyteller"} & mapping.keys():
        problems.append(
            Problem(
                display,
                header_row,
                t("data_answers_no_match_column", lang),
            )
        )
    if not questions:
        problems.append(
            Problem(
                display,
                header_row,
                t("data_answers_no_question_column", lang),
            )
        )
    if problems:
        raise RejectedBatch(problems)

    planned: list[tuple[str, Any, Question, Any]] = []  # (kind, target, question, value)
    given: dict[tuple[str, Any, str], tuple[int, Any]] = {}  # the row that first gave each answer
    with project.store() as store:
        stories = {s.id: s for s in store.stories()}
        by_title = store.story_ids_by_title()
        tellers = {r["id"].casefold(): r["id"] for r in store.storytellers()}
        for number, cells in body:

            def get(index: int | None, cells: list[str] = cells) -> str:
                return cells[index].strip() if index is not None and index < len(cells) else ""

            story_id = _find_story(
                get(mapping.get("id")),
                get(mapping.get("title")),
                stories,
                by_title,
                display,
                number,
                lang,
                problems,
            )
            teller = get(mapping.get("storyteller"))
            teller_id = tellers.get(teller.casefold()) if teller else None
            if teller and teller_id is None:
                problems.append(
                    Problem(
                        display,
                        number,
                        t("unknown_storyteller", lang, name=teller),
                    )
                )
            if story_id is not None and teller_id is None:
                teller_id = stories[story_id].storyteller_id
            for qid, index in questions.items():
                question = form.get(qid)
                assert question is not None
                raw = get(index)
                if not raw:
                    continue  # empty cells never clear an answer
                try:
                    value = question.parse(raw, lang)
                except AnswerError as exc:
                    problems.append(Problem(display, number, f"{qid}: {exc}"))
                    continue
                kind = question.about  # "story" or "storyteller"
                target = story_id if kind == "story" else teller_id
                if target is None:
                    if kind != "story":  # an unknown story is already a problem
                        problems.append(
                            Problem(
                                display, number, t("data_answers_no_storyteller", lang, qid=qid)
                            )
                        )
                    continue
                first, earlier = given.setdefault((kind, target, qid), (number, value))
                if earlier != value:  # two rows, two answers: neither may silently win
                    problems.append(
                        Problem(
                            display,
                            number,
                            t("data_answers_conflict", lang, qid=qid, row=first, value=raw),
                        )
                    )
                else:
                    planned.append((kind, target, question, value))
        if problems:
            raise RejectedBatch(problems)
        changed = 0
        with store.transaction():
            for kind, target, question, value in planned:
                if kind == "story":
                    old = store.set_answer(target, question.id, value, source="import")
                else:
                    old = store.set_storyteller_answer(
                        target, question.id, value, form.group_question, source="import"
                    )
                changed += old != value
    return ImportReport(len(body), changed, len(planned) - changed)


def _find_story(
    raw_id: str,
    title: str,
    stories: dict,
    by_title: dict,
    display: str,
    number: int,
    lang: str,
    problems: list[Problem],
) -> int | None:
    if raw_id:
        if raw_id.isdigit() and int(raw_id) in stories:
            return int(raw_id)
        problems.append(
            Problem(
                display,
                number,
                t("story_not_found", lang, id=raw_id),
            )
        )
        return None
    if title:
        found = by_title.get(title) or next(
            (ids for name, ids in by_title.items() if name.casefold() == title.casefold()), []
        )
        if len(found) == 1:
            return found[0]
        problems.append(
            Problem(
                display,
                number,
                t(
                    "data_title_not_unique" if found else "data_title_not_found",
                    lang,
                    title=title,
                ),
            )
        )
    return None


def set_answer(project: Project, target: str, question_id: str, raw: str | None) -> tuple[Any, Any]:
    """Set (raw None: clear) one answer by hand. `target` is a story id for story questions and
    a storyteller id for storyteller questions. Returns (old, new)."""
    lang = project.lang
    question = project.form.get(question_id)
    if question is None:
        known = ", ".join(q.id for q in project.form.questions)
        raise VerhalenError(t("data_question_not_in_form", lang, question=question_id, known=known))
    try:
        value = question.parse(raw, lang) if raw is not None else None
    except AnswerError as exc:
        raise VerhalenError(f"{question_id}: {exc}") from None
    with project.store() as store, store.transaction():
        if question.about == "story":
            if not target.isdigit() or store.story(int(target)) is None:
                raise VerhalenError(t("story_not_found", lang, id=target))
            old = store.set_answer(int(target), question_id, value)
        else:
            ids = {r["id"].casefold(): r["id"] for r in store.storytellers()}
            if target.casefold() not in ids:
                raise VerhalenError(t("data_storyteller_not_found", lang, id=target))
            old = store.set_storyteller_answer(
                ids[target.casefold()], question_id, value, project.form.group_question
            )
    return old, value


@dataclass(frozen=True)
class Change:
    at: str
    who: str
    action: str
    target: str | None
    detail: dict[str, Any]


def history(project: Project, story_id: int | None = None) -> list[Change]:
    """Every change, or one story's; a story that does not exist is an error, not "no changes"."""
    with project.store() as store:
        if story_id is not None and store.story(story_id) is None:
            raise VerhalenError(t("story_not_found", project.lang, id=story_id))
        rows = store.history(f"story:{story_id}" if story_id is not None else None)
    return [
        Change(r["at"], r["who"], r["action"], r["target"], json.loads(r["detail"] or "null") or {})
        for r in rows
    ]
