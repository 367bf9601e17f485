"""Each pattern in one plain sentence for the facilitator, in Dutch or English.

The sentence starts from who told the stories, then when or how, then what they are about, and
names the cell or group that differs most with its numbers, so it can be checked in the table.
Group names are the project's own: quoted as written, never inflected.
"""

from __future__ import annotations

import numpy as np

from verhalen.i18n import language, number, percent, t
from verhalen.patterns.tests import MIN_GROUP, GroupStats, Pattern
from verhalen.patterns.variables import Variable, yes_no

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


def _title(category: str) -> str:
    """'3. regels · mogen' -> 'regels · mogen': a perspective's title without its number."""
    return category.split(". ", 1)[1] if ". " in category else category


def _topic(var: Variable) -> str:
    """For an option variable: the question's label ('Nodig'), without the option."""
    return var.label.removesuffix(f": {var.option}") if var.option else var.label


def _group(name: str, lang: str) -> str:
    """One group of storytellers, its name as the project wrote it: "de groep 'N-VA'", never
    "N-VAen" (a name is not a noun our plural rules know)."""
    return t("pat_group", lang, name=name)


def _is_yes(category: str) -> bool:
    return category in (yes_no("nl")[0], yes_no("en")[0])


def _stories_with(var: Variable, category: str, lang: str) -> str:
    """'verhalen met Afloop = goed', 'verhalen van ambtenaren', … (after 'bij' / 'in')."""
    if var.is_group:
        return t("pat_stories_by", lang, group=_group(category, lang))
    if var.source == "perspective":
        return t("pat_stories_from_perspective", lang, title=_title(category))
    if var.option:
        key = "pat_stories_option_chosen" if _is_yes(category) else "pat_stories_option_not_chosen"
        return t(key, lang, topic=_topic(var), option=var.option)
    return t("pat_stories_with", lang, label=var.label, category=category)


def _explains(var: Variable) -> int:
    """Which side a sentence starts from: who told it, then when/how, then what it is about."""
    return {"storyteller": 0, "auto": 1, "perspective": 2, "story": 3}[var.source]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _crosstab_sentence(p: Pattern, lang: str) -> str:
    assert p.table is not None and p.a is not None and p.b is not None
    table = p.table
    obs = np.array(table.observed)
    res = np.array(table.residuals)
    left = set(p.small)
    x, y = p.a, p.b
    rows, cols = list(table.rows), list(table.cols)
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
        return t("pat_related", lang, x=x.label, y=y.label, p=format_p(p.p, lang))
    more = True
    if y.option and not _is_yes(cols[j]):  # say it of the option being chosen: "less often"
        j, more = next(k for k, c in enumerate(cols) if _is_yes(c)), False
    inside = percent(int(obs[i, j]), int(row_sum[i]))
    outside = percent(int(col_sum[j] - obs[i, j]), int(n - row_sum[i]))
    numbers = t("pat_numbers", lang, inside=inside, outside=outside, p=format_p(p.p, lang))
    r, c = rows[i], cols[j]
    if x.is_group and y.source == "perspective":
        who = _capital(_group(r, lang))
        return t("pat_group_tells_more", lang, who=who, title=_title(c)) + numbers
    where = _stories_with(x, r, lang)
    if x.option and language(lang) == "nl":  # "Bij verhalen waarin … gekozen is, is …"
        where += ","
    if y.source == "perspective":
        text = t("pat_perspective_more_common", lang, where=where, title=_title(c))
    elif y.option:
        often = t("pat_more_often" if more else "pat_less_often", lang)
        text = t(
            "pat_option_chosen_often",
            lang,
            where=where,
            often=often,
            option=y.option,
            topic=_topic(y),
        )
    else:
        text = t("pat_category_more_often", lang, where=where, label=y.label, category=c)
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
        return t(
            "pat_differs_between_groups",
            lang,
            scale=scale.label,
            choice=choice.label,
            p=format_p(p.p, lang),
        )
    word = t("pat_higher" if mine > theirs else "pat_lower", lang)
    name = t("pat_median" if what == "median" else "pat_mean", lang)
    if choice.is_group:
        where = t("pat_among_group", lang, group=_group(group.category, lang))
    else:
        where = t("pat_in_stories", lang, stories=_stories_with(choice, group.category, lang))
    return t(
        "pat_differs_where",
        lang,
        scale=scale.label,
        word=word,
        where=where,
        name=name,
        mine=_plain(mine, lang),
        theirs=_plain(theirs, lang),
        p=format_p(p.p, lang),
    )


def _describe_sentence(p: Pattern, lang: str) -> str:
    var = p.a
    assert var is not None
    if p.n == 0:
        return t("pat_no_values_yet", lang, label=var.label)
    missing = t("pat_without_value", lang, percent=round(100 * p.missing))
    if p.summary is not None:
        s = p.summary
        median, mean, sd = (
            _plain(s.median, lang),
            number(s.mean or 0, lang, 1),
            number(s.sd or 0, lang, 1),
        )
        return t(
            "pat_describe_scale",
            lang,
            label=var.label,
            median=median,
            mean=mean,
            sd=sd,
            total=p.n,
            missing=missing,
        )
    if var.option:  # "Nodig: 'tijd' gekozen in 40 van 150 verhalen"
        chosen = dict(p.counts).get(var.categories[0], 0)
        share = percent(chosen, p.n)
        return t(
            "pat_describe_option",
            lang,
            topic=_topic(var),
            option=var.option,
            chosen=chosen,
            total=p.n,
            share=share,
            missing=missing,
        )
    top, most = max(p.counts, key=lambda c: c[1])
    share = percent(most, p.n)
    return t(
        "pat_describe_choice",
        lang,
        label=var.label,
        top=top,
        most=most,
        total=p.n,
        share=share,
        missing=missing,
    )


def sentence(pattern: Pattern, lang: str = "nl") -> str:
    """The pattern in one plain sentence for the facilitator, numbers written as in `lang`."""
    p = pattern
    if p.test == "describe":
        return _describe_sentence(p, lang)
    assert p.a is not None and p.b is not None
    if p.test == "none" and p.n == 0:
        return t("pat_no_stories_with_both", lang, a=p.a.label, b=p.b.label)
    if p.test == "none":
        return t("pat_too_few_to_test", lang, a=p.a.label, b=p.b.label)
    if not p.significant:
        return t("pat_no_clear_relation", lang, a=p.a.label, b=p.b.label, p=format_p(p.p, lang))
    if p.table is not None:
        return _crosstab_sentence(p, lang)
    if p.test == "spearman":
        rho = p.statistic or 0.0
        return t(
            "pat_the_higher",
            lang,
            a=p.a.label,
            word=t("pat_higher" if rho > 0 else "pat_lower", lang),
            b=p.b.label,
            rho=signed(rho, lang),
            p=format_p(p.p, lang),
        )
    return _groups_sentence(p, lang)
