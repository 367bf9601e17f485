"""Stored answers whose value the form no longer allows, or reads differently now."""

from __future__ import annotations

import json
from typing import Any

from verhalen.doctor.common import who
from verhalen.doctor.context import Context
from verhalen.i18n import say
from verhalen.project import FORM_NAME


def answers_of(owners: list[Any], lang: str) -> str:
    """'1 antwoord', '3 answers'."""
    n = len(owners)
    return say(
        lang, f"{n} antwoord" if n == 1 else f"{n} antwoorden", f"{n} answer" + "s" * (n != 1)
    )


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


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
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
        form_fix = ctx.say(
            f"zet {', '.join(repr(g) for g in gone[:5])} terug bij de options van "
            f"'{qid}' in {FORM_NAME}",
            f"put {', '.join(repr(g) for g in gone[:5])} back among the options of "
            f"'{qid}' in {FORM_NAME}",
        )
    still_used = False
    if question.type in ("scale", "number"):
        numbers = [v for _, v, _ in items if isinstance(v, int | float) and not isinstance(v, bool)]
        still_used = len(numbers) == len(items)
        lo, hi = (_shown(min(numbers)), _shown(max(numbers))) if numbers else ("", "")
        span = f" {lo}–{hi}" if lo != hi else f" {lo}"
        form_fix = ctx.say(
            f"verruim min/max van '{qid}' in {FORM_NAME} zodat{span} er weer in past",
            f"widen min/max of '{qid}' in {FORM_NAME} so that{span} fits again",
        )
    elif question.type not in ("single", "multiple"):
        form_fix = ctx.say(
            f"zet het vorige type van '{qid}' terug in {FORM_NAME}",
            f"put back the previous type of '{qid}' in {FORM_NAME}",
        )
    effect = (
        ctx.say(
            "patronen en rapporten rekenen er nog mee, buiten de schaal van het formulier",
            "patterns and reports still use them, outside the form's range",
        )
        if still_used
        else ctx.say(
            "patronen en rapporten tellen ze als ontbrekend",
            "patterns and reports count them as missing",
        )
    )
    n = len(items)
    whose = who(about, owners, ctx.lang)
    ctx.add(
        "error",
        "answers",
        ctx.say(
            f"{FORM_NAME} staat {n} {'antwoord' if n == 1 else 'antwoorden'} op '{qid}' "
            f"niet meer toe ({shown}; {whose}): {effect}",
            f"{FORM_NAME} no longer allows {n} answer{'s' if n != 1 else ''} to "
            f"'{qid}' ({shown}; {whose}): {effect}",
        ),
        ctx.say(
            f"{form_fix}; of geef elk een toegestaan antwoord: verhalen tag set "
            f"{first} {qid} ANTWOORD (of verhalen tag clear {first} {qid})",
            f"{form_fix}; or give each an allowed answer: verhalen tag set {first} "
            f"{qid} ANSWER (or verhalen tag clear {first} {qid})",
        ),
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
        else f'verhalen tag set {owner} {qid} "{_shown(parsed)}"'
    )
    counted, whose = answers_of(owners, ctx.lang), who(about, owners, ctx.lang)
    ctx.add(
        "warning",
        "answers",
        ctx.say(
            f"{counted} op '{qid}' anders opgeslagen dan {FORM_NAME} ze nu "
            f"leest (bijv. {stored} waar het formulier {wanted} van maakt; "
            f"{whose}): patronen kunnen ze missen",
            f"{counted} to '{qid}' stored differently from how {FORM_NAME} "
            f"reads them now (e.g. {stored} where the form makes {wanted}; "
            f"{whose}): patterns may miss them",
        ),
        ctx.say(
            f"geef ze opnieuw, zo: {command}",
            f"give them again, like this: {command}",
        ),
    )
