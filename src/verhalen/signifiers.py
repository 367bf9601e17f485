"""The numbers behind the signifier pictures and the data-integrity page of the report.

- **Triads** are drawn as ternary plots: `ternary_xy` puts three shares at their barycentric
  position in a triangle with the first anchor at the top, the second bottom left and the third
  bottom right (the order of `anchors` in storyform.yaml); `zone_lines` gives the borders of the
  seven SenseMaker zones (`verhalen.form.triad_zone`).
- **Comparing the shares between groups** (`compare_shares`): a Kruskal–Wallis test per anchor
  share, across the storyteller groups with at least `MIN_GROUP` answers. Simple and honest
  about what it tests (does this one share differ between the groups?), but the three shares of
  one triad add up to 100 and are not independent: three tests of one triad say less than three
  tests of three questions, and the p-values are not corrected for the many tests (the pattern
  tests are). An isometric log-ratio transform would test the composition as a whole, but needs
  every share above zero, which SenseMaker's corners and edges often are not.
- **Scales** (`scale_items`) are the form's scale questions and dyads, each rescaled to 0–100
  so that they can be compared and averaged; `correlations` gives Spearman's ρ of every pair.
- **Data integrity** (`answered`, `respondents`): how many stories answered each question or
  marked it not applicable, and each storyteller's mean and spread on the scales; a storyteller
  with zero spread over at least `SAME_MIN` scale answers always answered the same (NarraFirma's
  integrity graphs). A story without a known storyteller counts as its own respondent.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from verhalen.form import NOT_APPLICABLE, ZONE_CORNER, ZONE_EDGE, Question, StoryForm

MIN_GROUP = 5  # answers a group needs to take part in a comparison (as verhalen.patterns)
SAME_MIN = 3  # scale answers a storyteller needs before zero spread is called "always the same"
HEIGHT = math.sqrt(3) / 2  # the height of a triangle with sides of 1
CORNERS = ((0.5, HEIGHT), (0.0, 0.0), (1.0, 0.0))  # anchors 1, 2, 3: top, bottom left, right

Point = tuple[float, float]


# -- triads ------------------------------------------------------------------------------------


def is_triad_answer(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) == 3
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and sum(float(v) for v in value) > 0
    )


def ternary_xy(shares: Sequence[float]) -> Point:
    """The point of three shares in a triangle with sides of 1: the first anchor's corner at
    the top (0.5, √3/2), the second bottom left (0, 0), the third bottom right (1, 0). Shares
    need not add up to exactly 100: they are taken relative to their sum."""
    a, b, c = (float(s) for s in shares)
    total = a + b + c
    if total <= 0:
        raise ValueError("a triad answer needs a share above zero")
    x = sum(w * corner[0] for w, corner in zip((a, b, c), CORNERS, strict=True)) / total
    y = sum(w * corner[1] for w, corner in zip((a, b, c), CORNERS, strict=True)) / total
    return x, y


def zone_lines(corner: float = ZONE_CORNER, edge: float = ZONE_EDGE) -> list[tuple[Point, Point]]:
    """The borders between the seven zones as line segments in the triangle: for each anchor the
    line where its share is `corner` (its corner zone above) and the line where its share is
    `edge` between the two other corners (the edge zone of the other two below)."""

    def at(order: tuple[int, int, int], first: float, second: float) -> Point:
        shares = [0.0, 0.0, 0.0]
        i, j, k = order
        shares[i], shares[j], shares[k] = first, second, 100 - first - second
        return ternary_xy(shares)

    out = []
    for i in range(3):
        j, k = (n for n in range(3) if n != i)
        order = (i, j, k)
        out.append((at(order, corner, 100 - corner), at(order, corner, 0.0)))
        out.append((at(order, edge, corner), at(order, edge, 100 - corner - edge)))
    return out


@dataclass(frozen=True)
class ShareTest:
    """One anchor's share compared between groups (Kruskal–Wallis)."""

    anchor: str
    statistic: float | None
    p: float | None
    n: int  # answers in the groups tested
    groups: int  # groups tested


def compare_shares(
    anchors: Sequence[str], by_group: dict[str, list[Sequence[float]]]
) -> list[ShareTest]:
    """Kruskal–Wallis per anchor share between the groups with at least MIN_GROUP answers;
    statistic and p are None when fewer than two groups are that large or all shares are
    equal."""
    from scipy import stats

    tested = [answers for answers in by_group.values() if len(answers) >= MIN_GROUP]
    n = sum(len(a) for a in tested)
    out = []
    for i, anchor in enumerate(anchors):
        samples = [[float(v[i]) for v in answers] for answers in tested]
        statistic = p = None
        if len(samples) >= 2 and len({x for s in samples for x in s}) > 1:
            result = stats.kruskal(*samples)
            if not math.isnan(result.pvalue):
                statistic, p = float(result.statistic), float(result.pvalue)
        out.append(ShareTest(anchor, statistic, p, n, len(tested)))
    return out


def mean_shares(answers: Iterable[Sequence[float]]) -> tuple[float, ...] | None:
    rows = [[float(v) for v in a] for a in answers]
    if not rows:
        return None
    return tuple(statistics.fmean(r[i] for r in rows) for i in range(3))


# -- scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleItem:
    """A scale question or a dyad, read on 0–100."""

    question: Question
    lo: float
    hi: float

    @property
    def id(self) -> str:
        return self.question.id

    def label(self, lang: str) -> str:
        return self.question.label(lang)

    def value(self, answer: Any) -> float | None:
        """The answer on 0–100 (None: no answer, not applicable or not a number)."""
        if not isinstance(answer, int | float) or isinstance(answer, bool):
            return None
        x = float(answer)
        if self.hi <= self.lo:
            return x
        return 100 * (x - self.lo) / (self.hi - self.lo)


def scale_items(form: StoryForm) -> list[ScaleItem]:
    """The form's scale questions (by their own min and max) and dyads (0–100), in form order."""
    out = []
    for q in form.questions:
        if q.type == "dyad":
            out.append(ScaleItem(q, 0.0, 100.0))
        elif q.type == "scale":
            lo = q.min if q.min is not None else 0.0
            hi = q.max if q.max is not None else 100.0
            out.append(ScaleItem(q, float(lo), float(hi)))
    return out


@dataclass(frozen=True)
class Correlation:
    rho: float
    p: float
    n: int
    pairs: tuple[Point, ...]


def correlation(pairs: Sequence[Point]) -> Correlation | None:
    """Spearman's ρ of the pairs; None below MIN_GROUP pairs or when one side is constant."""
    from scipy import stats

    if len(pairs) < MIN_GROUP:
        return None
    xs, ys = zip(*pairs, strict=True)
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    result = stats.spearmanr(xs, ys)
    if math.isnan(result.statistic) or math.isnan(result.pvalue):
        return None
    return Correlation(float(result.statistic), float(result.pvalue), len(pairs), tuple(pairs))


def correlations(
    items: Sequence[ScaleItem], answers: dict[int, dict[str, Any]]
) -> list[list[Correlation | None]]:
    """Spearman's ρ of every pair of scales over the stories that answered both, as a square
    matrix (None on the diagonal and where it cannot be computed)."""
    values = {
        item.id: {sid: item.value(a.get(item.id)) for sid, a in sorted(answers.items())}
        for item in items
    }
    matrix: list[list[Correlation | None]] = [[None] * len(items) for _ in items]
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            pairs = [
                (x, y)
                for sid, x in values[a.id].items()
                if x is not None and (y := values[b.id].get(sid)) is not None
            ]
            matrix[i][j] = matrix[j][i] = correlation(pairs)
    return matrix


def strongest(
    items: Sequence[ScaleItem], matrix: list[list[Correlation | None]]
) -> tuple[ScaleItem, ScaleItem, Correlation] | None:
    """The pair of scales with the largest |ρ| (ties: form order)."""
    best = None
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            c = matrix[i][j]
            if c is not None and (best is None or abs(c.rho) > abs(best[2].rho) + 1e-12):
                best = (items[i], items[j], c)
    return best


# -- data integrity ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    question: Question
    answered: int  # stories with an answer, not applicable included
    not_applicable: int
    total: int

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


def answered(form: StoryForm, answers: dict[int, dict[str, Any]]) -> list[Answered]:
    """Per question: how many stories have an answer (their own or their storyteller's) and
    how many of those say not applicable."""
    out = []
    for q in form.questions:
        given = [a.get(q.id) for a in answers.values()]
        given = [v for v in given if v is not None and v != "" and v != []]
        na = sum(1 for v in given if v == NOT_APPLICABLE)
        out.append(Answered(q, len(given), na, len(answers)))
    return out


@dataclass(frozen=True)
class Respondent:
    """A storyteller (or a story without one) and their answers on the scales, 0–100."""

    storyteller: str | None
    story_id: int | None  # set when the story has no known storyteller
    values: tuple[float, ...]

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.values)

    @property
    def sd(self) -> float:
        return statistics.stdev(self.values) if len(self.values) > 1 else 0.0

    @property
    def always_same(self) -> bool:
        return self.n >= SAME_MIN and max(self.values) - min(self.values) < 1e-9


def respondents(
    items: Sequence[ScaleItem],
    stories: Sequence[tuple[int, str | None]],
    answers: dict[int, dict[str, Any]],
) -> list[Respondent]:
    """Each storyteller's scale answers over all their stories (storytellers in order of their
    first story; their answers about themselves once); a story without a storyteller is a
    respondent of its own. Respondents without any scale answer are left out."""
    found: dict[tuple[str, Any], list[float]] = {}
    for sid, teller in stories:
        key = ("teller", teller) if teller else ("story", sid)
        first = key not in found
        mine = found.setdefault(key, [])
        for item in items:
            if item.question.about == "storyteller" and not first:
                continue  # a storyteller's own answer counts once, not once per story
            x = item.value(answers.get(sid, {}).get(item.id))
            if x is not None:
                mine.append(x)
    return [
        Respondent(
            key[1] if key[0] == "teller" else None,
            key[1] if key[0] == "story" else None,
            tuple(values),
        )
        for key, values in found.items()
        if values
    ]
