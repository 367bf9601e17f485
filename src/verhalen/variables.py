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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verhalen.autotag import TAG_ALIASES, TAG_LABELS
from verhalen.errors import VerhalenError
from verhalen.form import (
    NOT_APPLICABLE,
    AnswerError,
    Question,
    fold,
    triad_zone,
    triad_zones,
)
from verhalen.i18n import t
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
        raise VerhalenError(t("var_where_usage", lang, expression=expression))
    name, op, value = m.groups()
    if op in OPS:  # "gevoel>=abc" or "gevoel>>3" compare with no number: say so, not "none"
        try:
            float(value.replace(",", "."))
        except ValueError:
            raise VerhalenError(
                t("var_where_number", lang, expression=expression, value=value)
            ) from None
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
    # the tags and fields by the names of the project's language (both are understood)
    tags, fields = (TAG_ALIASES, FIELD_ALIASES) if lang == "nl" else (TAG_LABELS, FIELDS)
    known = ", ".join([q.id for q in project.form.questions] + list(tags) + list(fields))
    raise VerhalenError(t("var_where_unknown", lang, expression=expression, name=name, known=known))


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
    not_applicable: int = 0  # signifiers: stories marked "not applicable" (among `answered`)
    means: list[tuple[str, float]] = field(default_factory=list)  # triad shares, stones x/y


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
        yes, no = t("yes", lang), t("no", lang)
        counts = [
            (yes, sum(1 for v in given if v is True)),
            (no, sum(1 for v in given if v is False)),
        ]
    elif question.type in ("triad", "dyad", "stones"):
        return _signifier_distribution(question, values, lang)
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


def _numbers(nums: list[float]) -> dict[str, float]:
    return {
        "mean": statistics.fmean(nums),
        "median": statistics.median(nums),
        "sd": statistics.stdev(nums) if len(nums) > 1 else 0.0,
        "min": min(nums),
        "max": max(nums),
    }


def _signifier_distribution(question: Question, values: list[Any], lang: str) -> Distribution:
    """Triad: stories per zone and the mean share of each anchor; dyad: like a scale 0–100;
    stones: how many stories placed each stone, and its mean x and y."""
    given = [v for v in values if v is not None]
    na = sum(1 for v in given if v == NOT_APPLICABLE)
    placed = [v for v in given if v != NOT_APPLICABLE]
    counts: list[tuple[str, int]] = []
    numbers = None
    bins: list[tuple[str, int]] = []
    means: list[tuple[str, float]] = []
    if question.type == "triad":
        zones = Counter(triad_zone(v, question.anchors, lang) for v in placed)
        counts = [(z, zones[z]) for z in triad_zones(question.anchors, lang)]
        shares = [v for v in placed if isinstance(v, list) and len(v) == 3]
        if shares:
            means = [
                (a, statistics.fmean(float(v[i]) for v in shares))
                for i, a in enumerate(question.anchors)
            ]
    elif question.type == "dyad":
        nums = [float(v) for v in placed if isinstance(v, int | float)]
        if nums:
            numbers = _numbers(nums)
            left, right = (*question.anchors, "", "")[:2]
            for k in range(5):
                a, b = k * 20, (k + 1) * 20
                n = sum(1 for x in nums if a <= x < b or (k == 4 and x == b))
                end = f" ({left})" if k == 0 else f" ({right})" if k == 4 else ""
                bins.append((f"{a}–{b}{end}", n))
    else:
        axes = question.axes or ("x", "y")
        for stone in question.stones:
            where = [v[stone] for v in placed if isinstance(v, dict) and stone in v]
            counts.append((stone, len(where)))
            if where:
                means.append((f"{stone} ({axes[0]})", statistics.fmean(x for x, _ in where)))
                means.append((f"{stone} ({axes[1]})", statistics.fmean(y for _, y in where)))
    missing = len(values) - len(given)
    return Distribution(question, len(given), missing, counts, numbers, bins, na, means)


# -- signifiers as variables for the pattern tests ---------------------------------------------


@dataclass(frozen=True)
class Derived:
    """One variable a signifier gives: a triad's share of an anchor or its zone, a dyad's
    position, a stone's x or y. `value` turns the stored answer into the variable's value
    (None: not applicable or not placed, which leaves the story out of that test)."""

    id: str
    label: str
    kind: str  # "choice" or "scale", as patterns.Variable
    categories: tuple[str, ...]
    value: Callable[[Any], Any]


def _share(i: int) -> Callable[[Any], Any]:
    def get(v: Any) -> float | None:
        return float(v[i]) if isinstance(v, list) and len(v) == 3 else None

    return get


def _stone(stone: str, axis: int) -> Callable[[Any], Any]:
    def get(v: Any) -> float | None:
        if isinstance(v, dict) and isinstance(v.get(stone), list) and len(v[stone]) == 2:
            return float(v[stone][axis])
        return None

    return get


def derived_variables(question: Question, lang: str = "nl") -> list[Derived]:
    """The variables a triad, dyad or stones question gives (empty for other questions).

    A triad: the share of each anchor (a number 0–100) and its zone (a category: corner, edge
    or centre, see verhalen.form). The shares of one triad always add up to 100, so they are
    never tested against each other or against the zone (patterns skips pairs from one
    question). A dyad: its position 0–100, a scale. Stones: x and y of each stone, scales."""
    label = question.label(lang)
    qid = question.id
    if question.type == "triad":
        anchors = question.anchors

        def zone(v: Any) -> str | None:
            return triad_zone(v, anchors, lang)

        out = [
            Derived(f"{qid}:{a}", f"{label}: {a}", "scale", (), _share(i))
            for i, a in enumerate(anchors)
        ]
        out.append(
            Derived(f"{qid}:zone", f"{label}: zone", "choice", triad_zones(anchors, lang), zone)
        )
        return out
    if question.type == "dyad":

        def position(v: Any) -> float | None:
            return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

        return [Derived(qid, label, "scale", (), position)]
    if question.type == "stones":
        axes = question.axes or ("x", "y")
        return [
            Derived(f"{qid}:{s}:{xy}", f"{label}: {s} ({axes[n]})", "scale", (), _stone(s, n))
            for s in question.stones
            for n, xy in enumerate(("x", "y"))
        ]
    return []
