"""The statistical tests: every pair of variables, the test that fits its kinds, BH correction.

PNI asks the facilitator to look for patterns across stories before sensemaking. With twenty
variables there are hundreds of pairs, so every pair gets the view and test that fit its kinds,
all p-values are corrected together (Benjamini–Hochberg) and the survivors are ranked by effect
size: the strongest patterns are read first, and chance findings among many tests stay out.

Categories with fewer than five stories are shown but left out of the test: a percentage of
three stories says little, and such cells make chi-square and rank tests unreliable.
Every statistic comes from scipy; only the orchestration lives here (not a pytest file: pytest
collects test_*.py only).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np
from scipy import stats
from scipy.stats.contingency import association, expected_freq

from verhalen.errors import VerhalenError
from verhalen.form import fold
from verhalen.i18n import t
from verhalen.patterns.variables import Variable, collect
from verhalen.project import Project

MIN_GROUP = 5  # stories a category needs to take part in a test
MIN_EXPECTED = 5  # below this expected count chi-square is unreliable: Fisher's exact test
RESAMPLES = 9999  # Monte Carlo samples for Fisher's test on tables larger than 2x2

Test = Literal["chi2", "fisher", "mannwhitney", "kruskal", "spearman", "describe", "none"]

CRAMER, RANK_BISERIAL, EPSILON2, RHO = "Cramér's V", "r (rank-biserial)", "ε²", "ρ"
EFFECT_SYMBOL = {CRAMER: "V", RANK_BISERIAL: "r", EPSILON2: "ε²", RHO: "ρ"}


@dataclass(frozen=True)
class Crosstab:
    """A contingency table as the facilitator reads it: counts, what chance predicts, and how
    far each cell is from that (adjusted residuals: beyond ±2 is notable)."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    observed: tuple[tuple[int, ...], ...]
    expected: tuple[tuple[float, ...], ...]
    residuals: tuple[tuple[float, ...], ...]
    row_totals: tuple[int, ...]
    col_totals: tuple[int, ...]


@dataclass(frozen=True)
class GroupStats:
    """The scale within one category of the choice; `values` in story order."""

    category: str
    n: int
    mean: float | None
    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    values: tuple[float, ...] = ()


@dataclass(frozen=True)
class Summary:
    """One number variable at a glance."""

    n: int
    mean: float | None
    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    missing: float  # share of stories without a value


@dataclass
class Pattern:
    """One pair of variables (or one variable alone): its test, effect and the view to read.

    `significant` needs q below alpha, an effect of at least min_effect, and a real test: a
    pair whose small categories leave less than two on a side is shown but never significant.
    """

    id: str
    a: Variable | None
    b: Variable | None
    test: Test
    statistic: float | None = None
    p: float | None = None
    q: float | None = None
    effect: float | None = None
    effect_name: str = ""
    n: int = 0
    significant: bool = False
    small: tuple[tuple[str, str], ...] = ()  # (variable id, category) left out of the test
    table: Crosstab | None = None  # choice × choice
    groups: tuple[GroupStats, ...] = ()  # choice × scale: the scale per category of the choice
    pairs: tuple[tuple[float, float], ...] = ()  # scale × scale: (a, b) per story
    counts: tuple[tuple[str, int], ...] = ()  # one choice variable
    summary: Summary | None = None  # one scale variable
    missing: float = 0.0  # one variable: share of stories without a value
    resamples: int = 0  # Monte Carlo samples behind p (Fisher on tables beyond 2x2); 0: exact

    @property
    def variables(self) -> tuple[Variable, ...]:
        return tuple(v for v in (self.a, self.b) if v is not None)

    @property
    def tested(self) -> bool:
        return self.test not in ("describe", "none")


def _stats(xs: Sequence[float]) -> tuple[float | None, ...]:
    if not xs:
        return (None,) * 5
    arr = np.asarray(xs, dtype=float)
    sd = float(np.std(arr, ddof=1)) if len(arr) > 1 else 0.0
    return float(np.mean(arr)), float(np.median(arr)), sd, float(arr.min()), float(arr.max())


def _tuple2(matrix: np.ndarray, cast: type) -> tuple[tuple, ...]:
    return tuple(tuple(cast(x) for x in row) for row in matrix)


def _choice_choice(
    pid: str, a: Variable, b: Variable, pairs: list[tuple[object, object]], seed: int
) -> Pattern:
    ri = {c: i for i, c in enumerate(a.categories)}
    ci = {c: i for i, c in enumerate(b.categories)}
    obs = np.zeros((len(ri), len(ci)), dtype=int)
    for x, y in pairs:
        obs[ri[x], ci[y]] += 1
    n = int(obs.sum())
    rows, cols = obs.sum(1), obs.sum(0)
    if n:
        exp = expected_freq(obs)
        with np.errstate(divide="ignore", invalid="ignore"):
            denom = np.sqrt(exp * np.outer(1 - rows / n, 1 - cols / n))
            res = np.where(denom > 0, (obs - exp) / denom, 0.0)
    else:
        exp = np.zeros(obs.shape)
        res = np.zeros(obs.shape)
    table = Crosstab(
        a.categories,
        b.categories,
        _tuple2(obs, int),
        _tuple2(exp, float),
        _tuple2(res, float),
        tuple(int(x) for x in rows),
        tuple(int(x) for x in cols),
    )
    # Leave out small categories until every remaining row and column has enough stories:
    # dropping a row can shrink a column below the limit.
    keep_r, keep_c = rows > 0, cols > 0
    while True:
        sub = obs[np.ix_(keep_r, keep_c)]
        new_r = keep_r.copy()
        new_r[keep_r] = sub.sum(1) >= MIN_GROUP
        new_c = keep_c.copy()
        new_c[keep_c] = sub.sum(0) >= MIN_GROUP
        if (new_r == keep_r).all() and (new_c == keep_c).all():
            break
        keep_r, keep_c = new_r, new_c
    small = tuple(
        [(a.id, c) for c, k, t in zip(a.categories, keep_r, rows, strict=True) if t and not k]
        + [(b.id, c) for c, k, t in zip(b.categories, keep_c, cols, strict=True) if t and not k]
    )
    pattern = Pattern(pid, a, b, "none", n=n, small=small, table=table, effect_name=CRAMER)
    sub = obs[np.ix_(keep_r, keep_c)]
    if sub.shape[0] < 2 or sub.shape[1] < 2:
        return pattern
    chi = stats.chi2_contingency(sub, correction=sub.shape == (2, 2))
    if (chi.expected_freq < MIN_EXPECTED).any():
        method = (
            None
            if sub.shape == (2, 2)
            else stats.MonteCarloMethod(n_resamples=RESAMPLES, rng=np.random.default_rng(seed))
        )
        fisher = stats.fisher_exact(sub, method=method)
        pattern.resamples = 0 if method is None else RESAMPLES
        pattern.test, pattern.statistic, pattern.p = "fisher", fisher.statistic, fisher.pvalue
    else:
        pattern.test, pattern.statistic, pattern.p = "chi2", chi.statistic, chi.pvalue
    pattern.statistic = float(pattern.statistic)
    pattern.p = float(pattern.p)
    pattern.effect = float(association(sub, method="cramer"))
    return pattern


def _choice_scale(
    pid: str, a: Variable, b: Variable, pairs: list[tuple[object, object]]
) -> Pattern:
    """a, b in variables() order; one is the choice, the other the scale."""
    choice_first = a.kind == "choice"
    choice = a if choice_first else b
    groups: dict[str, list[float]] = {c: [] for c in choice.categories}
    for x, y in pairs:
        cat, val = (x, y) if choice_first else (y, x)
        groups[cat].append(val)
    view = tuple(GroupStats(c, len(v), *_stats(v), values=tuple(v)) for c, v in groups.items())
    tested = [(c, v) for c, v in groups.items() if len(v) >= MIN_GROUP]
    small = tuple((choice.id, c) for c, v in groups.items() if 0 < len(v) < MIN_GROUP)
    pattern = Pattern(pid, a, b, "none", n=len(pairs), small=small, groups=view)
    pattern.effect_name = RANK_BISERIAL if len(tested) == 2 else EPSILON2
    if len(tested) < 2 or len({v for _, vs in tested for v in vs}) < 2:  # nothing to rank
        return pattern
    if len(tested) == 2:
        (_, x), (_, y) = tested
        mw = stats.mannwhitneyu(x, y, alternative="two-sided")
        pattern.test = "mannwhitney"
        pattern.statistic, pattern.p = float(mw.statistic), float(mw.pvalue)
        pattern.effect = abs(1 - 2 * float(mw.statistic) / (len(x) * len(y)))
    else:
        size = sum(len(v) for _, v in tested)
        kw = stats.kruskal(*(v for _, v in tested))
        pattern.test = "kruskal"
        pattern.statistic, pattern.p = float(kw.statistic), float(kw.pvalue)
        pattern.effect = float(kw.statistic) * (size + 1) / (size**2 - 1)
    if math.isnan(pattern.p):
        pattern.test, pattern.statistic, pattern.p, pattern.effect = "none", None, None, None
    return pattern


def _scale_scale(pid: str, a: Variable, b: Variable, pairs: list[tuple[object, object]]) -> Pattern:
    pattern = Pattern(pid, a, b, "none", n=len(pairs), pairs=tuple(pairs), effect_name=RHO)
    if len(pairs) < MIN_GROUP:
        return pattern
    xs, ys = zip(*pairs, strict=True)
    if len(set(xs)) < 2 or len(set(ys)) < 2:  # a constant has no order to correlate
        return pattern
    rho = stats.spearmanr(xs, ys)
    if math.isnan(rho.statistic) or math.isnan(rho.pvalue):
        return pattern
    pattern.test, pattern.statistic, pattern.p = "spearman", float(rho.statistic), float(rho.pvalue)
    pattern.effect = abs(float(rho.statistic))
    return pattern


def _single(var: Variable, vals: dict[int, dict[str, object]]) -> Pattern:
    given = [v[var.id] for v in vals.values() if var.id in v]
    total = len(vals)
    missing = (total - len(given)) / total if total else 0.0
    pattern = Pattern(var.id, var, None, "describe", n=len(given), missing=missing)
    if var.kind == "choice":
        pattern.counts = tuple((c, sum(1 for g in given if g == c)) for c in var.categories)
    else:
        nums = [float(g) for g in given]  # type: ignore[arg-type]
        pattern.summary = Summary(len(nums), *_stats(nums), missing=missing)
    return pattern


def _pair(
    a: Variable,
    b: Variable,
    vals: dict[int, dict[str, object]],
    seed: int,
    tellers: dict[int, str | None] | None = None,
) -> Pattern:
    """Test one pair. Two storyteller attributes are compared per storyteller, not per story:
    a storyteller with eight stories is still one person of one age group."""
    pid = f"{a.id}~{b.id}"
    rows = sorted(vals.items())
    if tellers is not None and a.source == b.source == "storyteller":
        once: dict[object, tuple[int, dict[str, object]]] = {}
        for sid, v in rows:
            once.setdefault(tellers.get(sid) or ("story", sid), (sid, v))
        rows = sorted(once.values(), key=lambda item: item[0])
    pairs = [(v[a.id], v[b.id]) for _, v in rows if a.id in v and b.id in v]
    if a.kind == "choice" and b.kind == "choice":
        return _choice_choice(pid, a, b, pairs, seed)
    if a.kind == "scale" and b.kind == "scale":
        return _scale_scale(pid, a, b, pairs)
    return _choice_scale(pid, a, b, pairs)


def _skip(a: Variable, b: Variable) -> bool:
    """Options of one multiple-choice question: they are answers to one question, and how
    often people pick two of them together says nothing about the stories. The same holds
    for the shares and the zone of one triad (they add up to 100, the zone is made of them)."""
    if a.question is not None and a.question == b.question and ":" in a.id and ":" in b.id:
        return True  # variables derived from one signifier (their ids are question:part)
    return a.option is not None and b.option is not None and a.question == b.question


def compute_patterns(
    project: Project, alpha: float = 0.05, min_effect: float = 0.0, seed: int = 0
) -> list[Pattern]:
    """Every pair and every single variable, tested, corrected and ranked: the significant
    patterns first, strongest effect first; then the rest by q; single variables last."""
    variables_, vals = collect(project)
    seen: dict[str, set[object]] = {v.id: set() for v in variables_}
    for story in vals.values():
        for key, value in story.items():
            seen[key].add(value)
    varying = [v for v in variables_ if len(seen[v.id]) > 1]  # one value compares nothing
    with project.store() as store:
        tellers = {s.id: s.storyteller_id for s in store.stories()}
    pairs = [
        _pair(a, b, vals, seed, tellers) for a, b in combinations(varying, 2) if not _skip(a, b)
    ]

    tested = [p for p in pairs if p.tested]
    if tested:
        qs = stats.false_discovery_control([p.p for p in tested], method="bh")
        for p, q in zip(tested, qs, strict=True):
            p.q = float(q)
            p.significant = bool(p.q < alpha and p.effect is not None and p.effect >= min_effect)
    significant = sorted((p for p in tested if p.significant), key=lambda p: (-p.effect, p.id))
    rest = sorted((p for p in tested if not p.significant), key=lambda p: (p.q, p.id))
    untested = sorted((p for p in pairs if not p.tested), key=lambda p: p.id)
    singles = [_single(v, vals) for v in variables_]
    return significant + rest + untested + singles


def find(patterns: list[Pattern], pattern_id: str, lang: str = "nl") -> Pattern:
    """The pattern with this id, as people type it: any case and spacing, either order."""

    def key(text: str) -> list[str]:
        return ["=".join(fold(bit) for bit in part.split("=")) for part in text.split("~")]

    wanted = key(pattern_id)
    for p in patterns:
        if key(p.id) in (wanted, wanted[::-1]):
            return p
    raise VerhalenError(t("pat_no_such_pattern", lang, pattern_id=pattern_id))
