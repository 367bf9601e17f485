"""Each pattern in one plain sentence for the facilitator, in Dutch or English.

The sentence starts from who told the stories, then when or how, then what they are about, and
names the cell or group that differs most with its numbers, so it can be checked in the table.
Group names are the project's own: quoted as written, never inflected.
"""

from __future__ import annotations

import numpy as np

from verhalen.i18n import number
from verhalen.patterns.tests import MIN_GROUP, GroupStats, Pattern
from verhalen.patterns.variables import Variable, msg

MINUS = "−"


def format_p(p: float | None, lang: str = "nl") -> str:
    """A p-value as a report prints it: three decimals, below 0.001 as "p < 0,001"."""
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
