"""Every story as one record of variables: its answers, its storyteller's answers, its tags.

Filters (`--where rol=inwoner`), the answer summary and later the pattern tests all read stories
through this one view, so a variable means the same thing everywhere.
"""

from __future__ import annotations

import contextlib
import operator
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from verhalen.autotag import TAG_ALIASES, TAG_LABELS
from verhalen.errors import VerhalenError
from verhalen.form import AnswerError, Question, fold
from verhalen.project import Project

FIELDS = ("session", "storyteller")
FIELD_ALIASES = {"sessie": "session", "verteller": "storyteller"}
WHERE = re.compile(r"^\s*([\w .-]+?)\s*(>=|<=|!=|=|>|<|~)\s*(.*?)\s*$")
OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


@dataclass(frozen=True)
class Record:
    story_id: int
    title: str | None
    values: dict[str, Any]


def records(
    project: Project, story_ids: set[int] | None = None, excluded: bool | None = None
) -> list[Record]:
    """One record per story: form answers (story and storyteller), auto tags, session.
    `excluded=False`: only the stories in the analysis (patterns), True: only those left out."""
    with project.store() as store:
        stories = store.stories(excluded=excluded)
        answers = store.answers()
        tellers = store.storyteller_answers()
        tags = store.tags()
    out = []
    for s in stories:
        if story_ids is not None and s.id not in story_ids:
            continue
        values: dict[str, Any] = {"session": s.session, "storyteller": s.storyteller_id}
        values.update({f"tag:{k}": v for k, v in tags.get(s.id, {}).items()})
        values.update(tellers.get(s.storyteller_id or "", {}))
        values.update(answers.get(s.id, {}))
        out.append(Record(s.id, s.title, values))
    return out


@dataclass(frozen=True)
class Condition:
    key: str
    op: str
    value: str
    question: Question | None

    def matches(self, values: dict[str, Any]) -> bool:
        have = values.get(self.key)
        if have is None:
            return self.op == "!="
        if self.op == "~":
            return fold(self.value) in fold(
                " ".join(map(str, have)) if isinstance(have, list) else str(have)
            )
        if self.op in OPS:
            try:
                return bool(OPS[self.op](float(have), float(self.value.replace(",", "."))))
            except (TypeError, ValueError):
                return False
        wanted = self.value
        if self.question is not None:
            with contextlib.suppress(ValueError):
                wanted = self.question.parse(self.value)
        if isinstance(have, list):
            hit = (
                any(fold(str(h)) == fold(str(wanted)) for h in have)
                if not isinstance(wanted, list)
                else all(w in have for w in wanted)
            )
        elif isinstance(have, bool | int | float) and not isinstance(wanted, str):
            hit = have == wanted
        else:
            hit = fold(str(have)) == fold(str(wanted))
        return hit if self.op == "=" else not hit


def parse_where(project: Project, expression: str) -> Condition:
    """`rol=inwoner`, `gevoel>=70`, `nodig=tijd`, `kernwoorden~regels`, `taal!=nl`."""
    lang = project.lang
    m = WHERE.match(expression)
    if not m:
        raise VerhalenError(
            f"--where '{expression}': "
            + (
                "gebruik vraag=waarde, vraag>=getal of vraag~tekst"
                if lang == "nl"
                else "use question=value, question>=number or question~text"
            )
        )
    name, op, value = m.groups()
    question = project.form.get(name) or project.form.match_column(name)
    if question is not None:
        if op in ("=", "!=") and question.is_choice:
            # a value the question cannot have matches nothing: say so, with the allowed ones
            try:
                question.parse(value, lang)
            except AnswerError as exc:
                raise VerhalenError(f"--where '{expression}': {exc}") from None
        return Condition(question.id, op, value, question)
    key = TAG_ALIASES.get(fold(name), fold(name))
    if key in TAG_LABELS:
        return Condition(f"tag:{key}", op, value, None)
    key = FIELD_ALIASES.get(fold(name), fold(name))
    if key in FIELDS:
        return Condition(key, op, value, None)
    known = ", ".join(
        [q.id for q in project.form.questions] + list(TAG_ALIASES) + list(FIELD_ALIASES)
    )
    raise VerhalenError(
        f"--where '{expression}': "
        + (
            f"'{name}' is geen vraag of kenmerk ({known})"
            if lang == "nl"
            else f"'{name}' is no question or tag ({known})"
        )
    )


def filter_ids(project: Project, expressions: list[str]) -> set[int] | None:
    """Ids of the stories matching every condition; None when there are no conditions."""
    if not expressions:
        return None
    conditions = [parse_where(project, e) for e in expressions]
    return {r.story_id for r in records(project) if all(c.matches(r.values) for c in conditions)}


@dataclass(frozen=True)
class Distribution:
    question: Question
    answered: int
    missing: int
    counts: list[tuple[str, int]]  # choice questions: option -> stories
    numbers: dict[str, float] | None  # scale and number questions: mean, median, sd, min, max
    bins: list[tuple[str, int]]  # scale and number questions: histogram


def distribution(question: Question, recs: list[Record], lang: str = "nl") -> Distribution:
    values = [r.values.get(question.id) for r in recs]
    given = [v for v in values if v is not None]
    counts: list[tuple[str, int]] = []
    numbers = None
    bins: list[tuple[str, int]] = []
    if question.type in ("single", "multiple"):
        c: Counter[str] = Counter()
        for v in given:
            c.update(v if isinstance(v, list) else [v])
        counts = [(o, c[o]) for o in question.options]
    elif question.type == "boolean":
        yes, no = ("ja", "nee") if lang == "nl" else ("yes", "no")
        counts = [
            (yes, sum(1 for v in given if v is True)),
            (no, sum(1 for v in given if v is False)),
        ]
    elif question.type in ("scale", "number") and given:
        nums = [float(v) for v in given]
        numbers = {
            "mean": statistics.fmean(nums),
            "median": statistics.median(nums),
            "sd": statistics.stdev(nums) if len(nums) > 1 else 0.0,
            "min": min(nums),
            "max": max(nums),
        }
        lo = question.min if question.min is not None else min(nums)
        hi = question.max if question.max is not None else max(nums)
        width = (hi - lo) / 5 or 1
        for k in range(5):
            a, b = lo + k * width, lo + (k + 1) * width
            n = sum(1 for x in nums if a <= x < b or (k == 4 and x == b))
            bins.append((f"{a:g}–{b:g}", n))
    elif question.type == "text":
        counts = []
    return Distribution(question, len(given), len(values) - len(given), counts, numbers, bins)
