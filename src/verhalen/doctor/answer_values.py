"""Stored answers whose value the form no longer allows, or reads differently now."""

from __future__ import annotations

import json
from typing import Any

from verhalen.doctor.common import who
from verhalen.doctor.context import Context
from verhalen.i18n import t
from verhalen.project import FORM_NAME


def answers_of(owners: list[Any], lang: str) -> str:
    """'1 antwoord', '3 answers'."""
    return t("doctor_answers", lang, n=len(owners))


def same(stored: Any, parsed: Any) -> bool:
    """The stored answer is what the form makes of it (multiple choices in any order)."""
    if isinstance(stored, bool) or isinstance(parsed, bool):
        return type(stored) is type(parsed) and stored == parsed
    if isinstance(stored, int | float) and isinstance(parsed, int | float):
        return stored == parsed
    if isinstance(stored, list) and isinstance(parsed, list):
        return sorted(map(str, stored)) == sorted(map(str, parsed)) and all(
            isinstance(v, str) for v in stored
        )
    return type(stored) is type(parsed) and stored == parsed


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return str(value)


def report_invalid(ctx: Context, about: str, qid: str, items: list[tuple[Any, Any, str]]) -> None:
    """Answers to `qid` the form refuses now: (owner, stored value, why) each."""
    assert ctx.form is not None
    question = ctx.form.get(qid)
    assert question is not None
    owners = [o for o, _, _ in items]
    reasons: list[str] = []
    for _, _, why in items:
        if why not in reasons:
            reasons.append(why)
    shown = "; ".join(reasons[:3]) + (" …" if len(reasons) > 3 else "")
    first = min(owners)
    if question.type in ("single", "multiple"):
        gone = []
        for _, value, _ in items:
            for v in value if isinstance(value, list) else [value]:
                if str(v) not in question.options and str(v) not in gone:
                    gone.append(str(v))
        form_fix = t(
            "doctor_put_options_back",
            ctx.lang,
            gone=", ".join(repr(g) for g in gone[:5]),
            qid=qid,
            form=FORM_NAME,
        )
    still_used = False
    if question.type in ("scale", "number"):
        numbers = [v for _, v, _ in items if isinstance(v, int | float) and not isinstance(v, bool)]
        still_used = len(numbers) == len(items)
        lo, hi = (
            (_shown(min(numbers), ctx.lang), _shown(max(numbers), ctx.lang))
            if numbers
            else ("", "")
        )
        span = f" {lo}–{hi}" if lo != hi else f" {lo}"
        form_fix = t("doctor_widen_range", ctx.lang, qid=qid, form=FORM_NAME, span=span)
    elif question.type not in ("single", "multiple"):
        form_fix = t("doctor_put_type_back", ctx.lang, qid=qid, form=FORM_NAME)
    effect = t("doctor_outside_range_used" if still_used else "doctor_counted_missing", ctx.lang)
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    ctx.add(
        "error",
        "answers",
        t(
            "doctor_answers_not_allowed",
            ctx.lang,
            form=FORM_NAME,
            counted=counted,
            qid=qid,
            shown=shown,
            whose=whose,
            effect=effect,
        ),
        t("doctor_give_allowed_answer", ctx.lang, form_fix=form_fix, first=first, qid=qid),
    )


def report_differs(ctx: Context, about: str, qid: str, items: list[tuple[Any, Any, Any]]) -> None:
    """Answers to `qid` stored otherwise than the form reads them: (owner, stored, parsed)."""
    owner, value, parsed = min(items, key=lambda i: str(i[0]))
    owners = [o for o, _, _ in items]
    stored = json.dumps(value, ensure_ascii=False)
    wanted = json.dumps(parsed, ensure_ascii=False)
    command = (
        f"verhalen tag clear {owner} {qid}"
        if parsed is None
        else f'verhalen tag set {owner} {qid} "{_shown(parsed, ctx.lang)}"'
    )
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    ctx.add(
        "warning",
        "answers",
        t(
            "doctor_answers_differ",
            ctx.lang,
            counted=counted,
            qid=qid,
            form=FORM_NAME,
            stored=stored,
            wanted=wanted,
            whose=whose,
        ),
        t("doctor_give_again_like", ctx.lang, command=command),
    )
