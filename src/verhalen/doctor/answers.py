"""The stored answers against the story form: each is read as the form reads it now."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verhalen.doctor.answer_values import answers_of, report_differs, report_invalid, same
from verhalen.doctor.common import who
from verhalen.doctor.context import Context
from verhalen.form import AnswerError, StoryForm
from verhalen.i18n import t
from verhalen.project import FORM_NAME


@dataclass
class Sorted:
    """Stored answers by what is wrong with them, per question id: owners (story ids or
    storyteller ids), or (owner, stored value, why) and (owner, stored, parsed)."""

    unknown: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    moved: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    broken: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    invalid: dict[str, list[tuple[Any, Any, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    differs: dict[str, list[tuple[Any, Any, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def check_answers(ctx: Context) -> None:
    if ctx.form is None:
        return  # the form did not parse: that is the finding
    rows = ctx.conn.execute("SELECT story_id, question_id, value FROM answers")
    _answers(ctx, ctx.form, list(rows), "story")
    rows = ctx.conn.execute("SELECT storyteller_id, question_id, value FROM storyteller_answers")
    _answers(ctx, ctx.form, list(rows), "storyteller")


def sort_answers(
    form: StoryForm, rows: list[tuple[Any, str, str]], about: str, lang: str
) -> Sorted:
    found = Sorted()
    for owner, qid, raw in rows:
        question = form.get(qid)
        if question is None:
            found.unknown[qid].append(owner)
            continue
        if question.about != about:
            found.moved[qid].append(owner)
            continue
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            found.broken[qid].append(owner)
            continue
        try:
            parsed = question.parse(value, lang)
        except AnswerError as exc:
            found.invalid[qid].append((owner, value, str(exc)))
            continue
        if not same(value, parsed):
            found.differs[qid].append((owner, value, parsed))
    return found


def _answers(ctx: Context, form: StoryForm, rows: list[tuple[Any, str, str]], about: str) -> None:
    found = sort_answers(form, rows, about, ctx.lang)
    reports: tuple[tuple[dict[str, Any], Callable[[Context, str, str, Any], None]], ...] = (
        (found.unknown, _unknown),
        (found.moved, _moved),
        (found.broken, _broken),
        (found.invalid, report_invalid),
        (found.differs, report_differs),
    )
    for group, report in reports:
        for qid, items in sorted(group.items()):
            report(ctx, about, qid, items)


def _unknown(ctx: Context, about: str, qid: str, owners: list[Any]) -> None:
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    ctx.add(
        "warning",
        "answers",
        t("doctor_question_gone", ctx.lang, counted=counted, qid=qid, form=FORM_NAME, whose=whose),
        t("doctor_put_question_back", ctx.lang, qid=qid, form=FORM_NAME, first=min(owners)),
    )


def _moved(ctx: Context, about: str, qid: str, owners: list[Any]) -> None:
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    now = t("doctor_now_storyteller" if about == "story" else "doctor_now_story", ctx.lang)
    ctx.add(
        "warning",
        "answers",
        t(
            "doctor_question_moved",
            ctx.lang,
            qid=qid,
            form=FORM_NAME,
            now=now,
            counted=counted,
            whose=whose,
        ),
        t("doctor_put_about_back", ctx.lang, about=about, qid=qid, form=FORM_NAME, now=now),
    )


def _broken(ctx: Context, about: str, qid: str, owners: list[Any]) -> None:
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    ctx.add(
        "error",
        "answers",
        t("doctor_answers_unreadable", ctx.lang, counted=counted, qid=qid, whose=whose),
        t("doctor_give_again", ctx.lang, first=min(owners), qid=qid),
    )
