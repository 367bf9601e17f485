"""Patterns: which answers, storyteller attributes, tags and perspectives go together.

PNI asks the facilitator to look for patterns across stories before sensemaking. With twenty
variables there are hundreds of pairs, so every pair gets the view and test that fit its kinds,
all p-values are corrected together (Benjamini–Hochberg) and the survivors are ranked by effect
size: the strongest patterns are read first, and chance findings among many tests stay out.

Categories with fewer than five stories are shown but left out of the test: a percentage of
three stories says little, and such cells make chi-square and rank tests unreliable.
Every statistic comes from scipy; only the orchestration and the wording live here.
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
from verhalen.i18n import number
from verhalen.project import Project

MIN_GROUP = 5  # stories a category needs to take part in a test
MIN_EXPECTED = 5  # below this expected count chi-square is unreliable: Fisher's exact test
RESAMPLES = 9999  # Monte Carlo samples for Fisher's test on tables larger than 2x2

Kind = Literal["choice", "scale"]
Source = Literal["story", "storyteller", "auto", "perspective"]
Test = Literal["chi2", "fisher", "mannwhitney", "kruskal", "spearman", "describe", "none"]

CRAMER, RANK_BISERIAL, EPSILON2, RHO = "Cramér's V", "r (rank-biserial)", "ε²", "ρ"
EFFECT_SYMBOL = {CRAMER: "V", RANK_BISERIAL: "r", EPSILON2: "ε²", RHO: "ρ"}
MINUS = "−"


def msg(lang: str, nl: str, en: str) -> str:
    """The Dutch or the English text."""
    return nl if lang == "nl" else en


def yes_no(lang: str) -> tuple[str, str]:
    return ("ja", "nee") if lang == "nl" else ("yes", "no")


# -- variables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One thing known about a story, as a category or a number, named for people."""

    id: str
    label: str
    kind: Kind
    source: Source
    categories: tuple[str, ...] = ()
    question: str | None = None  # the form question it comes from (for options: the multiple)
    option: str | None = None  # the option of a multiple-choice question it stands for
    # The storytellers' group question. Its categories are names the project chose ("N-VA",
    # "minder dan 1 jaar"): never inflected, always quoted as they are.
    is_group: bool = False


def _collect(project: Project) -> tuple[list[Variable], dict[int, dict[str, object]]]:
    """Variables and every story's values in one pass: some categories come from the data."""
    from verhalen.variables import derived_variables, records

    lang = project.lang
    form = project.form
    yes, no = yes_no(lang)
    recs = records(project, excluded=False)  # stories excluded from the analysis stay out
    out: list[Variable] = []
    vals: dict[int, dict[str, object]] = {r.story_id: {} for r in recs}

    for q in form.questions:
        label = q.label(lang)
        source: Source = "storyteller" if q.about == "storyteller" else "story"
        given = [(r.story_id, r.values.get(q.id)) for r in recs]
        given = [(sid, v) for sid, v in given if v is not None]
        if q.type == "single":
            group = q.id == form.group_question
            out.append(Variable(q.id, label, "choice", source, q.options, q.id, is_group=group))
            for sid, v in given:
                if v in q.options:
                    vals[sid][q.id] = v
        elif q.type == "boolean":
            out.append(Variable(q.id, label, "choice", source, (yes, no), q.id))
            for sid, v in given:
                if isinstance(v, bool):
                    vals[sid][q.id] = yes if v else no
        elif q.type == "multiple":
            for option in q.options:
                vid = f"{q.id}={option}"
                out.append(
                    Variable(vid, f"{label}: {option}", "choice", source, (yes, no), q.id, option)
                )
                for sid, v in given:
                    if isinstance(v, list):
                        vals[sid][vid] = yes if option in v else no
        elif q.type in ("scale", "number"):
            out.append(Variable(q.id, label, "scale", source, (), q.id))
            for sid, v in given:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    vals[sid][q.id] = float(v)
        else:  # triad, dyad, stones: shares, zone, positions (see variables.derived_variables)
            for d in derived_variables(q, lang):
                out.append(Variable(d.id, d.label, d.kind, source, d.categories, q.id))  # type: ignore[arg-type]
                for sid, v in given:
                    x = d.value(v)
                    if x is not None:
                        vals[sid][d.id] = x

    out += _perspective_variable(project, vals)

    sessions = {r.story_id: r.values.get("session") for r in recs}
    names = sorted({s for s in sessions.values() if s})
    if names:
        out.append(
            Variable("session", msg(lang, "Sessie", "Session"), "choice", "auto", tuple(names))
        )
        for sid, s in sessions.items():
            if s:
                vals[sid]["session"] = s

    languages = {r.story_id: r.values.get("tag:language") for r in recs}
    codes = sorted({c for c in languages.values() if isinstance(c, str) and c})
    if codes:
        label = msg(lang, "Taal", "Language")
        out.append(Variable("tag:language", label, "choice", "auto", tuple(codes)))
        for sid, c in languages.items():
            if isinstance(c, str) and c:
                vals[sid]["tag:language"] = c

    words = {r.story_id: r.values.get("tag:words") for r in recs}
    if any(isinstance(w, int | float) for w in words.values()):
        out.append(Variable("tag:words", msg(lang, "Woorden", "Words"), "scale", "auto"))
        for sid, w in words.items():
            if isinstance(w, int | float) and not isinstance(w, bool):
                vals[sid]["tag:words"] = float(w)

    if not form.group_question:  # without a group question the group tag is its own variable
        groups = {r.story_id: r.values.get("tag:group") for r in recs}
        found = sorted({g for g in groups.values() if isinstance(g, str) and g})
        if found:
            label = msg(lang, "Groep", "Group")
            out.append(Variable("tag:group", label, "choice", "auto", tuple(found)))
            for sid, g in groups.items():
                if isinstance(g, str) and g:
                    vals[sid]["tag:group"] = g
    return out, vals


def _perspective_variable(project: Project, vals: dict[int, dict[str, object]]) -> list[Variable]:
    """The active run's perspectives as one choice, 'past nergens bij' last. A story too short
    to group has no perspective: its value is missing, not a category."""
    from verhalen.cluster import TOO_SHORT
    from verhalen.perspectives import assignment, perspectives

    assigned = assignment(project)
    if not assigned:
        return []
    lang = project.lang
    names = {
        v.number: f"{v.number}. {v.title(lang)}"
        for v in perspectives(project)
        if v.number != TOO_SHORT
    }
    order = sorted(names, key=lambda n: (n == 0, n))
    for sid, n in assigned.items():
        if sid in vals and n in names:
            vals[sid]["perspective"] = names[n]
    label = msg(lang, "Perspectief", "Perspective")
    return [Variable("perspective", label, "choice", "perspective", tuple(names[n] for n in order))]


def variables(project: Project) -> list[Variable]:
    """Every variable a pattern can be about, in form order, then perspective, session, tags."""
    return _collect(project)[0]


def values(project: Project) -> dict[int, dict[str, object]]:
    """Story id -> variable id -> category (str) or number (float); missing values are absent."""
    return _collect(project)[1]


# -- patterns ----------------------------------------------------------------------------------


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
    variables_, vals = _collect(project)
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
    raise VerhalenError(
        msg(
            lang,
            f"patroon '{pattern_id}' bestaat niet; 'verhalen patterns list' toont alle ids",
            f"pattern '{pattern_id}' does not exist; 'verhalen patterns list' shows every id",
        )
    )


# -- sentences ---------------------------------------------------------------------------------


def format_p(p: float | None, lang: str = "nl") -> str:
    if p is None:
        return "p —"
    if p < 0.001:
        return f"p < {number(0.001, lang, 3)}"
    return f"p = {number(p, lang, 3)}"


def signed(x: float, lang: str = "nl", decimals: int = 2, plus: bool = False) -> str:
    """A number with a real minus sign (and a plus if asked), never '−0,0' or '+0,0'."""
    text = number(abs(x), lang, decimals)
    if not text.strip("0,."):
        return text
    if x < 0:
        return f"{MINUS}{text}"
    return f"+{text}" if plus else text


def _plain(x: float | None, lang: str) -> str:
    if x is None:
        return "—"
    return number(x, lang, 0 if float(x).is_integer() else 1)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole) if whole else 0}%"


def _title(category: str) -> str:
    """'3. regels · mogen' -> 'regels · mogen': a perspective's title without its number."""
    return category.split(". ", 1)[1] if ". " in category else category


def _topic(var: Variable) -> str:
    """For an option variable: the question's label ('Nodig'), without the option."""
    return var.label.removesuffix(f": {var.option}") if var.option else var.label


def _group(name: str, lang: str) -> str:
    """One group of storytellers, its name as the project wrote it: "de groep 'N-VA'", never
    "N-VAen" (a name is not a noun our plural rules know)."""
    return msg(lang, f"de groep '{name}'", f"the group '{name}'")


def _is_yes(category: str) -> bool:
    return category in ("ja", "yes")


def _stories_with(var: Variable, category: str, lang: str) -> str:
    """'verhalen met Afloop = goed', 'verhalen van ambtenaren', … (after 'bij' / 'in')."""
    if var.is_group:
        return msg(lang, "verhalen van ", "stories by ") + _group(category, lang)
    if var.source == "perspective":
        t = _title(category)
        return msg(
            lang, f"verhalen uit het perspectief '{t}'", f"stories from the perspective '{t}'"
        )
    if var.option:
        topic, opt = _topic(var), var.option
        if _is_yes(category):
            return msg(
                lang,
                f"verhalen waarin bij {topic} '{opt}' gekozen is",
                f"stories where '{opt}' was chosen for {topic}",
            )
        return msg(
            lang,
            f"verhalen waarin bij {topic} '{opt}' niet gekozen is",
            f"stories where '{opt}' was not chosen for {topic}",
        )
    return msg(
        lang, f"verhalen met {var.label} = {category}", f"stories with {var.label} = {category}"
    )


def _explains(var: Variable) -> int:
    """Which side a sentence starts from: who told it, then when/how, then what it is about."""
    return {"storyteller": 0, "auto": 1, "perspective": 2, "story": 3}[var.source]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _crosstab_sentence(p: Pattern, lang: str) -> str:
    assert p.table is not None and p.a is not None and p.b is not None
    t = p.table
    obs = np.array(t.observed)
    res = np.array(t.residuals)
    left = set(p.small)
    x, y = p.a, p.b
    rows, cols = list(t.rows), list(t.cols)
    if _explains(p.b) < _explains(p.a):  # the sentence starts from b: read the table transposed
        x, y, rows, cols, obs, res = p.b, p.a, cols, rows, obs.T, res.T
    row_sum, col_sum, n = obs.sum(1), obs.sum(0), int(obs.sum())
    usable = np.outer(
        [row_sum[i] > 0 and (x.id, r) not in left for i, r in enumerate(rows)],
        [col_sum[j] > 0 and (y.id, c) not in left for j, c in enumerate(cols)],
    )
    masked = np.where(usable, res, -np.inf)
    i, j = np.unravel_index(int(np.argmax(masked)), masked.shape)
    if not masked[i, j] > 0:
        return msg(
            lang,
            f"{x.label} en {y.label} hangen samen ({format_p(p.p, lang)})",
            f"{x.label} and {y.label} are related ({format_p(p.p, lang)})",
        )
    more = True
    if y.option and not _is_yes(cols[j]):  # say it of the option being chosen: "less often"
        j, more = next(k for k, c in enumerate(cols) if _is_yes(c)), False
    inside = _percent(int(obs[i, j]), int(row_sum[i]))
    outside = _percent(int(col_sum[j] - obs[i, j]), int(n - row_sum[i]))
    numbers = msg(
        lang,
        f" ({inside} tegen {outside}; {format_p(p.p, lang)})",
        f" ({inside} vs {outside}; {format_p(p.p, lang)})",
    )
    r, c = rows[i], cols[j]
    if x.is_group and y.source == "perspective":
        who = _capital(_group(r, lang))
        return (
            msg(
                lang,
                f"{who} vertelt vaker verhalen uit het perspectief '{_title(c)}'",
                f"{who} more often tells stories from the perspective '{_title(c)}'",
            )
            + numbers
        )
    where = _stories_with(x, r, lang)
    if x.option and lang == "nl":  # "Bij verhalen waarin … gekozen is, is …"
        where += ","
    if y.source == "perspective":
        text = msg(
            lang,
            f"Bij {where} komt het perspectief '{_title(c)}' vaker voor",
            f"In {where}, the perspective '{_title(c)}' is more common",
        )
    elif y.option:
        often = msg(
            lang, "vaker" if more else "minder vaak", "more often" if more else "less often"
        )
        text = msg(
            lang,
            f"Bij {where} is {often} '{y.option}' gekozen bij {_topic(y)}",
            f"In {where}, '{y.option}' was {often} chosen for {_topic(y)}",
        )
    else:
        text = msg(
            lang,
            f"Bij {where} is {y.label} vaker '{c}'",
            f"In {where}, {y.label} is more often '{c}'",
        )
    return text + numbers


def _groups_sentence(p: Pattern, lang: str) -> str:
    """Name the group that differs most from the other tested groups, with both medians."""
    assert p.a is not None and p.b is not None
    choice, scale = (p.a, p.b) if p.a.kind == "choice" else (p.b, p.a)
    left = set(p.small)
    tested = [g for g in p.groups if g.n >= MIN_GROUP and (choice.id, g.category) not in left]

    def contrast(g: GroupStats) -> tuple[str, float, float]:
        rest = [v for other in tested if other is not g for v in other.values]
        if float(np.median(g.values)) != float(np.median(rest)):
            return "median", float(np.median(g.values)), float(np.median(rest))
        return "mean", float(np.mean(g.values)), float(np.mean(rest))

    yes = [g for g in tested if _is_yes(g.category)]
    if yes and len(tested) == 2:
        group = yes[0]
    else:
        group = max(tested, key=lambda g: abs(contrast(g)[1] - contrast(g)[2]))
    what, mine, theirs = contrast(group)
    if mine == theirs:
        return msg(
            lang,
            f"{scale.label} verschilt tussen de groepen van {choice.label} ({format_p(p.p, lang)})",
            f"{scale.label} differs between the groups of {choice.label} ({format_p(p.p, lang)})",
        )
    higher = mine > theirs
    word = msg(lang, "hoger" if higher else "lager", "higher" if higher else "lower")
    name = msg(lang, "mediaan", "median") if what == "median" else msg(lang, "gemiddeld", "mean")
    if choice.is_group:
        where = msg(lang, "bij ", "among ") + _group(group.category, lang)
    else:
        where = msg(lang, "bij ", "in ") + _stories_with(choice, group.category, lang)
    return msg(
        lang,
        f"{scale.label} is {word} {where} "
        f"({name} {_plain(mine, lang)} tegen {_plain(theirs, lang)}; {format_p(p.p, lang)})",
        f"{scale.label} is {word} {where} "
        f"({name} {_plain(mine, lang)} vs {_plain(theirs, lang)}; {format_p(p.p, lang)})",
    )


def _describe_sentence(p: Pattern, lang: str) -> str:
    var = p.a
    assert var is not None
    if p.n == 0:
        return msg(lang, f"{var.label}: nog geen waarden", f"{var.label}: no values yet")
    missing = msg(
        lang,
        f"{round(100 * p.missing)}% zonder waarde",
        f"{round(100 * p.missing)}% without a value",
    )
    if p.summary is not None:
        s = p.summary
        median, mean, sd = (
            _plain(s.median, lang),
            number(s.mean or 0, lang, 1),
            number(s.sd or 0, lang, 1),
        )
        return msg(
            lang,
            f"{var.label}: mediaan {median}, gemiddeld {mean} (sd {sd}; {p.n} verhalen, {missing})",
            f"{var.label}: median {median}, mean {mean} (sd {sd}; {p.n} stories, {missing})",
        )
    if var.option:  # "Nodig: 'tijd' gekozen in 40 van 150 verhalen"
        chosen = dict(p.counts).get(var.categories[0], 0)
        share = _percent(chosen, p.n)
        return msg(
            lang,
            f"{_topic(var)}: '{var.option}' gekozen in {chosen} van {p.n} verhalen "
            f"({share}; {missing})",
            f"{_topic(var)}: '{var.option}' chosen in {chosen} of {p.n} stories "
            f"({share}; {missing})",
        )
    top, most = max(p.counts, key=lambda c: c[1])
    share = _percent(most, p.n)
    return msg(
        lang,
        f"{var.label}: het vaakst '{top}' ({most} van {p.n} verhalen, {share}; {missing})",
        f"{var.label}: most often '{top}' ({most} of {p.n} stories, {share}; {missing})",
    )


def sentence(pattern: Pattern, lang: str = "nl") -> str:
    """The pattern in one plain sentence for the facilitator, numbers written as in `lang`."""
    p = pattern
    if p.test == "describe":
        return _describe_sentence(p, lang)
    assert p.a is not None and p.b is not None
    if p.test == "none" and p.n == 0:
        return msg(
            lang,
            f"Geen verhalen met zowel {p.a.label} als {p.b.label}",
            f"No stories with both {p.a.label} and {p.b.label}",
        )
    if p.test == "none":
        return msg(
            lang,
            f"Te weinig verhalen per groep om {p.a.label} en {p.b.label} te toetsen",
            f"Too few stories per group to test {p.a.label} against {p.b.label}",
        )
    if not p.significant:
        return msg(
            lang,
            f"Geen duidelijk verband tussen {p.a.label} en {p.b.label} ({format_p(p.p, lang)})",
            f"No clear relation between {p.a.label} and {p.b.label} ({format_p(p.p, lang)})",
        )
    if p.table is not None:
        return _crosstab_sentence(p, lang)
    if p.test == "spearman":
        rho = p.statistic or 0.0
        if lang == "nl":
            return (
                f"Hoe hoger {p.a.label}, hoe {'hoger' if rho > 0 else 'lager'} {p.b.label} "
                f"(ρ = {signed(rho, lang)}; {format_p(p.p, lang)})"
            )
        return (
            f"The higher {p.a.label}, the {'higher' if rho > 0 else 'lower'} {p.b.label} "
            f"(ρ = {signed(rho, lang)}; {format_p(p.p, lang)})"
        )
    return _groups_sentence(p, lang)
