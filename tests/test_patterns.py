"""Patterns: every statistic against a direct scipy call, the small-group rule, the BH correction,
ranking, ids, sentences in both languages and the `verhalen patterns` commands.

Projects are built from a table of stories with answer columns (the conftest form: gevoel,
afloop, verrassing, nodig, training, rol …); each row with a role gets its own storyteller.
"""

from __future__ import annotations

import csv
import re
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from scipy import stats
from scipy.stats.contingency import association
from support import ingest_ok

from verhalen.patterns import (
    MINUS,
    Pattern,
    compute_patterns,
    find,
    format_p,
    sentence,
    values,
    variables,
)
from verhalen.project import Project

Row = dict[str, Any]
WORDS = ("bankje", "brug", "vijver", "loket", "moestuin", "buurtapp", "brief", "bomen", "plein")
PERSPECTIVE = "regels · mogen · formulier"


def rows_of(counts: dict[tuple[Any, ...], int], keys: tuple[str, ...]) -> list[Row]:
    """Stories from a contingency table: {(value, value): number of stories}."""
    return [dict(zip(keys, cell, strict=True)) for cell, n in counts.items() for _ in range(n)]


@pytest.fixture
def build(project: Project) -> Callable[[list[Row]], Project]:
    """Ingest one story per row (title, unique text and the row's answer columns)."""

    def run(rows: list[Row]) -> Project:
        keys = list(dict.fromkeys(k for r in rows for k in r))
        path = project.root / "verhalen.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["titel", "tekst", *keys])
            for i, r in enumerate(rows, 1):
                words = " ".join(WORDS[(i * k) % len(WORDS)] for k in (1, 3, 7))
                text = f"Verhaal nummer {i} gaat over {words} en wat er daarna gebeurde."
                writer.writerow([f"Verhaal {i}", text, *(r.get(k, "") for k in keys)])
        ingest_ok(project, [path])
        return project

    return run


def get(found: list[Pattern], pattern_id: str) -> Pattern:
    [p] = [p for p in found if p.id == pattern_id]
    return p


def table_of(p: Pattern) -> np.ndarray:
    assert p.table is not None
    return np.array(p.table.observed)


def p_text(p: float, lang: str = "nl") -> str:
    """p as the sentences must write it, formatted independently of the module."""
    if p < 0.001:
        return "p < 0,001" if lang == "nl" else "p < 0.001"
    text = f"{p:.3f}"
    return "p = " + (text.replace(".", ",") if lang == "nl" else text)


def add_perspectives(project: Project, members: dict[int, list[int]]) -> None:
    """An active run through the Store API: 1 named by its terms, 2 renamed, 0 past nergens bij."""
    with project.store() as store, store.transaction():
        run = store.add_run(0, "tfidf", {}, {}, {}, None)
        store.save_perspective(run, 1, PERSPECTIVE, ["regels"], [], None)
        store.save_perspective(run, 2, "buurt · samen · plein", [], [], None, name="Samen")
        store.save_perspective(run, 0, "", [], [], None)
        store.assign(run, [(s, n, n, None) for n, ids in members.items() for s in ids])
        store.set_active_run(run)


def story_ids(project: Project) -> list[int]:
    with project.store() as store:
        return [s.id for s in store.stories()]


# -- variables ------------------------------------------------------------------------------


def test_variables_ids_labels_and_categories(build):
    project = build(
        [
            {"gevoel": 80, "afloop": "goed", "nodig": "tijd; vertrouwen", "training": "ja"},
            {"gevoel": 20, "afloop": "slecht", "rol": "ambtenaar", "sessie": "sessie 1"},
        ]
    )
    found = {v.id: v for v in variables(project)}

    assert list(found)[:4] == ["gevoel", "afloop", "wanneer", "betrokkenen=inwoners"]
    assert "toelichting" not in found  # free text is no variable
    assert "nodig" not in found and "perspective" not in found  # no run yet
    assert "tag:group" not in found  # the group question (rol) is the group
    tijd = found["nodig=tijd"]
    assert (tijd.label, tijd.kind, tijd.source, tijd.categories) == (
        "Nodig: tijd",
        "choice",
        "story",
        ("ja", "nee"),
    )
    assert found["afloop"].categories == ("goed", "gemengd", "slecht", "nog niet bekend")
    assert (found["gevoel"].kind, found["jaren_betrokken"].kind) == ("scale", "scale")
    assert (found["rol"].source, found["rol"].is_group) == ("storyteller", True)
    assert (found["session"].label, found["session"].categories) == ("Sessie", ("sessie 1",))


def test_values_per_story_with_missing_values_absent(build):
    project = build(
        [
            {"gevoel": 80, "afloop": "goed", "nodig": "tijd; vertrouwen", "training": "ja"},
            {"gevoel": "", "afloop": "slecht", "nodig": "", "training": "nee"},
        ]
    )
    first, second = (values(project)[i] for i in story_ids(project))

    assert first["gevoel"] == 80.0 and first["afloop"] == "goed" and first["training"] == "ja"
    assert (first["nodig=tijd"], first["nodig=vertrouwen"], first["nodig=niets"]) == (
        "ja",
        "ja",
        "nee",
    )
    assert "gevoel" not in second and "nodig=tijd" not in second  # unanswered, not "nee"
    assert "rol" not in first


def test_labels_follow_the_project_language(build):
    project = build([{"training": "ja", "sessie": "s1"}, {"training": "nee", "sessie": "s2"}])
    project = project.in_language("en")
    found = {v.id: v for v in variables(project)}

    assert found["training"].categories == ("yes", "no")
    assert found["session"].label == "Session"
    assert found["nodig=tijd"].label == "Nodig: tijd"  # the form has Dutch labels only


def test_perspectives_of_the_active_run_are_one_variable(build):
    project = build([{"gevoel": g} for g in range(10, 90, 10)])
    ids = story_ids(project)
    add_perspectives(project, {1: ids[:3], 2: ids[3:6], 0: ids[6:]})

    [view] = [v for v in variables(project) if v.id == "perspective"]
    assert view.label == "Perspectief" and view.source == "perspective"
    assert view.categories == (f"1. {PERSPECTIVE}", "2. Samen", "0. Past nergens bij")
    assert values(project)[ids[7]]["perspective"] == "0. Past nergens bij"


# -- the tests against scipy ----------------------------------------------------------------------

AFLOOP_ROL = {
    ("goed", "inwoner"): 22,
    ("goed", "ambtenaar"): 8,
    ("gemengd", "inwoner"): 10,
    ("gemengd", "ambtenaar"): 12,
    ("slecht", "inwoner"): 6,
    ("slecht", "ambtenaar"): 18,
}


def test_chi_square_on_a_larger_table_without_correction(build):
    project = build(rows_of(AFLOOP_ROL, ("afloop", "rol")))
    p = get(compute_patterns(project), "afloop~rol")
    observed = np.array([[22, 8], [10, 12], [6, 18]])
    direct = stats.chi2_contingency(observed, correction=False)

    assert p.test == "chi2" and p.n == 76
    assert table_of(p)[:3, :2].tolist() == observed.tolist()  # empty categories stay in view
    assert p.statistic == pytest.approx(direct.statistic)
    assert p.p == pytest.approx(direct.pvalue)
    assert p.effect == pytest.approx(association(observed, method="cramer"))
    assert p.effect_name == "Cramér's V"
    assert p.effect == pytest.approx(np.sqrt(direct.statistic / 76))  # V by its definition


def test_chi_square_on_a_two_by_two_table_with_yates_correction(build):
    counts = {("ja", "inwoner"): 25, ("ja", "ambtenaar"): 10, ("nee", "inwoner"): 12}
    counts[("nee", "ambtenaar")] = 28
    project = build(rows_of(counts, ("training", "rol")))
    p = get(compute_patterns(project), "training~rol")
    observed = np.array([[25, 10], [12, 28]])

    assert p.test == "chi2"
    assert p.statistic == pytest.approx(stats.chi2_contingency(observed).statistic)
    assert p.p == pytest.approx(stats.chi2_contingency(observed).pvalue)
    assert p.statistic < stats.chi2_contingency(observed, correction=False).statistic


def test_fisher_on_a_two_by_two_table_when_an_expected_count_is_below_five(build):
    counts = {("ja", "inwoner"): 9, ("ja", "ambtenaar"): 1, ("nee", "inwoner"): 3}
    counts[("nee", "ambtenaar")] = 12
    project = build(rows_of(counts, ("training", "rol")))
    p = get(compute_patterns(project), "training~rol")
    observed = np.array([[9, 1], [3, 12]])
    assert (stats.chi2_contingency(observed).expected_freq < 5).any()

    assert p.test == "fisher" and p.resamples == 0
    assert p.statistic == pytest.approx(stats.fisher_exact(observed).statistic)
    assert p.p == pytest.approx(stats.fisher_exact(observed).pvalue)
    assert p.effect == pytest.approx(association(observed, method="cramer"))


def test_fisher_on_a_larger_table_is_monte_carlo_with_a_fixed_seed(build):
    counts = {("goed", "inwoner"): 9, ("goed", "ambtenaar"): 2, ("gemengd", "inwoner"): 3}
    counts |= {("gemengd", "ambtenaar"): 4, ("slecht", "inwoner"): 1, ("slecht", "ambtenaar"): 8}
    project = build(rows_of(counts, ("afloop", "rol")))
    observed = np.array([[9, 2], [3, 4], [1, 8]])
    direct = stats.fisher_exact(
        observed,
        method=stats.MonteCarloMethod(n_resamples=9999, rng=np.random.default_rng(0)),
    )

    p = get(compute_patterns(project, seed=0), "afloop~rol")

    assert p.test == "fisher" and p.resamples == 9999
    assert (p.statistic, p.p) == (pytest.approx(direct.statistic), direct.pvalue)
    assert get(compute_patterns(project, seed=0), "afloop~rol").p == p.p


def test_adjusted_residuals_have_the_sign_of_the_excess(build):
    project = build(rows_of(AFLOOP_ROL, ("afloop", "rol")))
    p = get(compute_patterns(project), "afloop~rol")
    assert p.table is not None
    res = np.array(p.table.residuals)

    assert res[0, 0] > 2 and res[0, 1] < -2  # goed: more inwoners than chance
    assert res[2, 1] > 2 and res[2, 0] < -2  # slecht: more ambtenaren
    assert res[3].tolist() == [0, 0, 0, 0]  # nog niet bekend: no stories, no deviation
    expected = np.array(p.table.expected)
    assert expected[0, 0] == pytest.approx(30 * 38 / 76)


def test_in_a_two_by_two_table_the_squared_adjusted_residual_is_chi_square(build):
    counts = {("ja", "inwoner"): 20, ("ja", "ambtenaar"): 9, ("nee", "inwoner"): 11}
    counts[("nee", "ambtenaar")] = 20
    p = get(compute_patterns(build(rows_of(counts, ("training", "rol")))), "training~rol")
    assert p.table is not None
    chi = stats.chi2_contingency([[20, 9], [11, 20]], correction=False).statistic

    assert p.table.residuals[0][0] > 0
    assert p.table.residuals[0][0] ** 2 == pytest.approx(chi)
    assert p.table.residuals[0][1] == pytest.approx(-p.table.residuals[0][0])


GOED = [70, 75, 80, 85, 90, 80, 80, 78, 82, 88]
SLECHT = [40, 45, 50, 45, 45, 30, 35, 42, 48, 45]


def test_mann_whitney_with_rank_biserial_effect(build):
    rows = [{"gevoel": g, "training": "ja"} for g in [60, 75, 80, 55, 90, 85, 70]]
    rows += [{"gevoel": g, "training": "nee"} for g in [50, 65, 40, 60, 45, 70]]
    project = build(rows)
    p = get(compute_patterns(project), "gevoel~training")
    direct = stats.mannwhitneyu([60, 75, 80, 55, 90, 85, 70], [50, 65, 40, 60, 45, 70])

    assert p.test == "mannwhitney" and p.effect_name == "r (rank-biserial)"
    assert (p.statistic, p.p) == (pytest.approx(direct.statistic), pytest.approx(direct.pvalue))
    assert p.effect == pytest.approx(abs(1 - 2 * direct.statistic / (7 * 6)))
    [ja, nee] = p.groups
    assert (ja.category, ja.n, ja.median, nee.n, nee.max) == ("ja", 7, 75, 6, 70)


def test_completely_separated_groups_have_rank_biserial_one(build):
    rows = [{"gevoel": g, "afloop": "goed"} for g in GOED]
    rows += [{"gevoel": g, "afloop": "slecht"} for g in SLECHT]
    p = get(compute_patterns(build(rows)), "gevoel~afloop")

    assert p.test == "mannwhitney" and p.effect == pytest.approx(1.0)


def test_kruskal_with_epsilon_squared(build):
    groups = {"goed": GOED, "gemengd": [55, 60, 62, 58, 70, 50], "slecht": SLECHT}
    rows = [{"gevoel": g, "afloop": a} for a, gs in groups.items() for g in gs]
    p = get(compute_patterns(build(rows)), "gevoel~afloop")
    direct = stats.kruskal(GOED, groups["gemengd"], SLECHT)
    n = 26

    assert p.test == "kruskal" and p.effect_name == "ε²"
    assert (p.statistic, p.p) == (pytest.approx(direct.statistic), pytest.approx(direct.pvalue))
    assert p.effect == pytest.approx(direct.statistic * (n + 1) / (n**2 - 1))


def test_spearman_with_absolute_rho_as_effect(build):
    gevoel = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 15, 55]
    verrassing = [90, 70, 85, 60, 40, 55, 30, 20, 35, 10, 80, 50]
    rows = [{"gevoel": g, "verrassing": v} for g, v in zip(gevoel, verrassing, strict=True)]
    p = get(compute_patterns(build(rows)), "gevoel~verrassing")
    direct = stats.spearmanr(gevoel, verrassing)

    assert p.test == "spearman" and p.effect_name == "ρ"
    assert p.statistic == pytest.approx(direct.statistic) and p.statistic < 0
    assert p.p == pytest.approx(direct.pvalue)
    assert p.effect == pytest.approx(-direct.statistic)
    assert p.pairs[:2] == ((10.0, 90.0), (20.0, 70.0))


# -- correction, small groups, ranking ------------------------------------------------------------


def bh_by_hand(ps: list[float]) -> list[float]:
    """Benjamini–Hochberg as the textbook writes it: p·m/rank, then the running minimum from
    the largest p down."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank)
        q[i] = running
    return q


def test_bh_by_hand_on_a_known_example():
    ps = [0.01, 0.04, 0.03, 0.2]
    assert bh_by_hand(ps) == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2])
    assert stats.false_discovery_control(ps, method="bh") == pytest.approx(bh_by_hand(ps))


def mixed_rows() -> list[Row]:
    """Stories with one strong, one moderate and several absent relations."""
    rng = np.random.default_rng(7)
    rows = []
    for i in range(60):
        goed = i % 2 == 0
        rows.append(
            {
                "gevoel": int(rng.integers(60, 100) if goed else rng.integers(0, 50)),
                "afloop": "goed" if goed else "slecht",
                "verrassing": int(rng.integers(0, 100)),
                "training": "ja" if (goed and i % 3) or i % 7 == 0 else "nee",
                "rol": "inwoner" if i % 4 < 2 else "ambtenaar",
                "sessie": "sessie 1" if i < 30 else "sessie 2",
            }
        )
    return rows


def test_q_values_are_benjamini_hochberg_over_all_tests(build):
    found = compute_patterns(build(mixed_rows()))
    tested = [p for p in found if p.tested]

    assert len(tested) > 5
    assert [p.q for p in tested] == pytest.approx(bh_by_hand([p.p for p in tested]))
    assert all(p.q is None for p in found if not p.tested)


def test_ranking_significant_by_effect_then_the_rest_by_q(build):
    found = compute_patterns(build(mixed_rows()))
    kinds = [("sig" if p.significant else p.test if not p.tested else "rest") for p in found]
    sig = [p for p in found if p.significant]
    rest = [p for p in found if p.tested and not p.significant]

    assert sig and rest
    first_rest = kinds.index("rest")
    assert set(kinds[:first_rest]) == {"sig"}
    assert [(-p.effect, p.id) for p in sig] == sorted((-p.effect, p.id) for p in sig)
    assert [(p.q, p.id) for p in rest] == sorted((p.q, p.id) for p in rest)
    assert set(kinds[-len(variables_of(found)) :]) == {"describe"}  # single variables last
    assert found[0].id == "gevoel~afloop"  # perfectly separated: the strongest


def variables_of(found: list[Pattern]) -> list[Pattern]:
    return [p for p in found if p.test == "describe"]


def test_alpha_and_min_effect_decide_what_is_significant(build):
    project = build(mixed_rows())
    default = {p.id for p in compute_patterns(project) if p.significant}
    strict = {p.id for p in compute_patterns(project, alpha=1e-6) if p.significant}
    strong = compute_patterns(project, min_effect=0.9)

    assert strict < default
    assert {p.id for p in strong if p.significant} == {"gevoel~afloop"}
    assert all(p.effect >= 0.9 for p in strong if p.significant)


def test_a_category_with_four_stories_is_shown_but_left_out_of_the_test(build):
    counts = dict(AFLOOP_ROL)
    counts |= {("goed", "raadslid"): 4}
    p = get(compute_patterns(build(rows_of(counts, ("afloop", "rol")))), "afloop~rol")
    without = np.array([[22, 8], [10, 12], [6, 18]])

    assert p.table is not None and p.table.col_totals[2] == 4  # in the view
    assert p.small == (("rol", "raadslid"),)
    assert p.n == 80
    assert p.statistic == pytest.approx(stats.chi2_contingency(without, correction=False).statistic)


def test_a_pair_left_with_one_category_is_never_significant(build):
    # All the contrast sits in four raadsleden; without them rol has one category left.
    counts = {("ja", "raadslid"): 4, ("nee", "inwoner"): 30, ("ja", "inwoner"): 1}
    rows = rows_of(counts, ("training", "rol"))
    for i, r in enumerate(rows):
        r["gevoel"] = (i * 37) % 100
    found = compute_patterns(build(rows), alpha=1.0)
    p = get(found, "training~rol")

    assert (p.test, p.p, p.q, p.significant) == ("none", None, None, False)
    assert ("rol", "raadslid") in p.small
    assert sentence(p) == "Te weinig verhalen per groep om Training en Rol te toetsen"
    assert found.index(p) > max(i for i, q in enumerate(found) if q.tested)  # after the tested


def test_a_small_group_is_left_out_of_a_rank_test(build):
    rows = [{"gevoel": g, "rol": "inwoner"} for g in GOED]
    rows += [{"gevoel": g, "rol": "ambtenaar"} for g in SLECHT]
    rows += [{"gevoel": g, "rol": "wethouder"} for g in (0, 5, 100, 95)]
    p = get(compute_patterns(build(rows)), "gevoel~rol")

    assert p.test == "mannwhitney"  # two groups remain
    assert p.p == pytest.approx(stats.mannwhitneyu(GOED, SLECHT).pvalue)
    assert [(g.category, g.n) for g in p.groups] == [
        ("inwoner", 10),
        ("ambtenaar", 10),
        ("raadslid", 0),
        ("wethouder", 4),
    ]
    assert p.small == (("rol", "wethouder"),)


# -- ids and determinism --------------------------------------------------------------------------


def test_ids_are_stable_readable_and_skip_impossible_pairs(build):
    rows = mixed_rows()
    for i, r in enumerate(rows):
        r["nodig"] = ["tijd", "vertrouwen", "tijd; vertrouwen"][i % 3]
    found = compute_patterns(build(rows))
    ids = [p.id for p in found]

    assert len(ids) == len(set(ids))
    assert {"gevoel~afloop", "afloop~rol", "gevoel~nodig=tijd", "rol~session"} <= set(ids)
    assert "nodig=tijd~nodig=vertrouwen" not in ids  # two options of one question
    assert not any(p.a == p.b for p in found)
    assert "afloop" in ids and "nodig=tijd" in ids  # single variables: just their id
    assert find(found, "ROL ~ Afloop").id == "afloop~rol"  # typed loosely, either order


def test_the_same_project_gives_the_same_patterns(build):
    counts = {("goed", "inwoner"): 9, ("goed", "ambtenaar"): 2, ("gemengd", "inwoner"): 3}
    counts |= {("gemengd", "ambtenaar"): 4, ("slecht", "inwoner"): 1, ("slecht", "ambtenaar"): 8}
    rows = rows_of(counts, ("afloop", "rol"))
    for i, r in enumerate(rows):
        r["gevoel"] = (i * 37) % 100
    project = build(rows)

    first, second = compute_patterns(project), compute_patterns(project)
    assert first == second
    assert [sentence(p) for p in first] == [sentence(p) for p in second]


# -- sentences ----------------------------------------------------------------------------------


def test_p_values_are_written_as_people_in_the_language_write_them():
    assert format_p(0.0031) == "p = 0,003"
    assert format_p(0.0031, "en") == "p = 0.003"
    assert format_p(0.0004) == "p < 0,001"
    assert format_p(0.0004, "en") == "p < 0.001"
    assert format_p(0.4) == "p = 0,400"


def test_sentence_perspective_by_group_names_the_group_as_written(build):
    counts = {("ambtenaar", 1): 12, ("ambtenaar", 2): 5, ("ambtenaar", 0): 3}
    counts |= {("inwoner", 1): 2, ("inwoner", 2): 12, ("inwoner", 0): 6}
    cells = [cell for cell, n in counts.items() for _ in range(n)]
    project = build([{"rol": r} for r, _ in cells])
    members: dict[int, list[int]] = {}
    for sid, (_, number) in zip(story_ids(project), cells, strict=True):
        members.setdefault(number, []).append(sid)
    add_perspectives(project, members)

    p = get(compute_patterns(project), "rol~perspective")
    assert p.significant and p.p is not None
    assert sentence(p) == (
        f"De groep 'ambtenaar' vertelt vaker verhalen uit het perspectief '{PERSPECTIVE}' "
        f"(60% tegen 10%; {p_text(p.p)})"
    )
    assert sentence(p, "en") == (
        f"The group 'ambtenaar' more often tells stories from the perspective '{PERSPECTIVE}' "
        f"(60% vs 10%; {p_text(p.p, 'en')})"
    )


def test_sentence_for_two_answers(build):
    counts = {("goed", "ja"): 20, ("goed", "nee"): 5, ("slecht", "ja"): 4, ("slecht", "nee"): 21}
    p = get(compute_patterns(build(rows_of(counts, ("afloop", "training")))), "afloop~training")

    assert p.significant and p.p is not None
    assert (
        sentence(p)
        == f"Bij verhalen met Afloop = goed is Training vaker 'ja' (80% tegen 16%; {p_text(p.p)})"
    )
    assert sentence(p, "en") == (
        "In stories with Afloop = goed, Training is more often 'ja' "
        f"(80% vs 16%; {p_text(p.p, 'en')})"
    )


def test_sentence_for_a_group_and_an_answer(build):
    counts = {("slecht", "ambtenaar"): 15, ("goed", "ambtenaar"): 8, ("gemengd", "ambtenaar"): 2}
    counts |= {("slecht", "inwoner"): 3, ("goed", "inwoner"): 14, ("gemengd", "inwoner"): 8}
    p = get(compute_patterns(build(rows_of(counts, ("afloop", "rol")))), "afloop~rol")

    assert p.significant and p.p is not None
    assert sentence(p) == (
        "Bij verhalen van de groep 'ambtenaar' is Afloop vaker 'slecht' "
        f"(60% tegen 12%; {p_text(p.p)})"
    )
    assert sentence(p, "en") == (
        "In stories by the group 'ambtenaar', Afloop is more often 'slecht' "
        f"(60% vs 12%; {p_text(p.p, 'en')})"
    )


def test_sentence_for_a_chosen_option_says_more_or_less_often(build):
    counts = {("goed", "tijd"): 3, ("goed", "vertrouwen"): 17, ("slecht", "tijd"): 15}
    counts[("slecht", "vertrouwen")] = 5
    p = get(compute_patterns(build(rows_of(counts, ("afloop", "nodig")))), "afloop~nodig=tijd")

    assert p.p is not None
    # In a 2x2 table both diagonal cells stand out equally; the first in form order is named.
    assert sentence(p) == (
        "Bij verhalen met Afloop = goed is minder vaak 'tijd' gekozen bij Nodig "
        f"(15% tegen 75%; {p_text(p.p)})"
    )


def test_sentence_for_a_scale_by_groups_names_the_medians(build):
    rows = [{"gevoel": g, "afloop": "goed"} for g in GOED]
    rows += [{"gevoel": g, "afloop": "slecht"} for g in SLECHT]
    p = get(compute_patterns(build(rows)), "gevoel~afloop")

    assert (
        sentence(p)
        == "Gevoel is hoger bij verhalen met Afloop = goed (mediaan 80 tegen 45; p < 0,001)"
    )
    assert sentence(p, "en") == (
        "Gevoel is higher in stories with Afloop = goed (median 80 vs 45; p < 0.001)"
    )


def test_sentence_for_two_scales_with_a_real_minus_sign(build):
    gevoel = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 15, 55]
    verrassing = [90, 70, 85, 60, 40, 55, 30, 20, 35, 10, 80, 50]
    rows = [{"gevoel": g, "verrassing": v} for g, v in zip(gevoel, verrassing, strict=True)]
    p = get(compute_patterns(build(rows)), "gevoel~verrassing")
    rho = f"{abs(p.statistic):.2f}"

    assert (
        sentence(p)
        == f"Hoe hoger Gevoel, hoe lager Verrassing (ρ = {MINUS}{rho.replace('.', ',')}; p < 0,001)"
    )
    assert (
        sentence(p, "en")
        == f"The higher Gevoel, the lower Verrassing (ρ = {MINUS}{rho}; p < 0.001)"
    )


def test_no_clear_relation_is_said_plainly(build):
    counts = {("goed", "ja"): 10, ("goed", "nee"): 11, ("slecht", "ja"): 9, ("slecht", "nee"): 10}
    p = get(compute_patterns(build(rows_of(counts, ("afloop", "training")))), "afloop~training")

    assert not p.significant and p.p is not None
    assert sentence(p) == f"Geen duidelijk verband tussen Afloop en Training ({p_text(p.p)})"
    assert (
        sentence(p, "en") == f"No clear relation between Afloop and Training ({p_text(p.p, 'en')})"
    )


def test_single_variables_are_described(build):
    rows = [{"gevoel": g, "afloop": "goed" if g > 50 else "slecht"} for g in (20, 40, 60, 80, 90)]
    rows.append({"afloop": "goed"})
    found = compute_patterns(build(rows))
    gevoel, afloop = get(found, "gevoel"), get(found, "afloop")

    assert (gevoel.test, afloop.test) == ("describe", "describe")
    assert gevoel.summary is not None and gevoel.summary.median == 60
    assert afloop.counts[:3] == (("goed", 4), ("gemengd", 0), ("slecht", 2))
    assert (
        sentence(gevoel)
        == "Gevoel: mediaan 60, gemiddeld 58,0 (sd 28,6; 5 verhalen, 17% zonder waarde)"
    )
    assert (
        sentence(afloop, "en")
        == "Afloop: most often 'goed' (4 of 6 stories, 67%; 0% without a value)"
    )


# -- the command line ---------------------------------------------------------------------------


def test_cli_patterns_shows_the_significant_ones_with_their_sentence(build, cli):
    project = build(mixed_rows())
    found = compute_patterns(project)
    result = cli("patterns")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "id", "variabelen", "toets", "effect", "p", "q"]
    assert lines[1].split()[:2] == ["1", "gevoel~afloop"]
    assert sentence(found[0]) in result.stdout
    shown = {line.split()[1] for line in lines[1:-1] if re.match(r"\d+ ", line)}
    assert shown == {p.id for p in found if p.significant}
    assert re.search(r"\d+ van \d+ toetsen blijven overeind \(q < 0,05\)", lines[-1])


def test_cli_patterns_all_and_list_show_every_pattern(build, cli):
    found = compute_patterns(build(mixed_rows()))
    everything = cli("patterns", "--all")
    listed = cli("patterns", "list")

    assert everything.exit_code == 0 and listed.exit_code == 0
    assert "Geen duidelijk verband" in everything.stdout
    ids = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
    assert ids == [p.id.split()[0] for p in found]
    assert sum(line.endswith("*") for line in listed.stdout.splitlines()) == sum(
        p.significant for p in found
    )


def test_cli_show_prints_the_table_and_the_sentence(build, cli):
    project = build(rows_of(AFLOOP_ROL, ("afloop", "rol")))
    p = get(compute_patterns(project), "afloop~rol")
    result = cli("patterns", "show", "rol~afloop")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Afloop × Rol (afloop~rol)")
    for word in ("waargenomen", "verwacht", "gecorrigeerd residu", "totaal", "Cramér's V"):
        assert word in out
    assert sentence(p) in out


def test_cli_show_lists_the_groups_of_a_scale(build, cli):
    rows = [{"gevoel": g, "afloop": "goed"} for g in GOED]
    rows += [{"gevoel": g, "afloop": "slecht"} for g in SLECHT]
    rows += [{"gevoel": 50, "afloop": "gemengd"}] * 3
    build(rows)
    result = cli("--lang", "en", "patterns", "show", "gevoel~afloop")

    assert result.exit_code == 0, result.output
    assert "median" in result.stdout and "Mann-Whitney" in result.stdout
    assert "left out of the test (too few stories): Afloop = gemengd (3)" in result.stdout
    assert "Gevoel is higher in stories with Afloop = goed (median 80 vs 45; p < 0.001)" in (
        result.stdout
    )


def test_cli_show_unknown_id_says_where_to_find_ids(build, cli):
    build(mixed_rows())
    result = cli("patterns", "show", "gevoel~niets")

    assert result.exit_code == 1
    assert "patroon 'gevoel~niets' bestaat niet" in result.stderr
    assert "verhalen patterns list" in result.stderr


def test_cli_patterns_in_english(build, cli):
    build(mixed_rows())
    result = cli("--lang", "en", "patterns")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[:3] == ["#", "id", "variables"]
    assert "Gevoel is higher in stories with Afloop = goed" in result.stdout
    assert "tests hold (q < 0.05)" in result.stdout


def test_cli_without_patterns_says_how_to_see_everything(build, cli):
    build([{"gevoel": g, "afloop": "goed"} for g in range(10, 60, 10)])
    result = cli("patterns")

    assert result.exit_code == 0
    assert "'verhalen patterns --all' toont alles" in result.stdout


def test_a_scale_without_spread_in_the_tested_groups_is_not_tested(build):
    rows = [{"gevoel": 50, "afloop": a} for a in ("goed", "slecht") for _ in range(6)]
    rows += [{"gevoel": 10, "afloop": "gemengd"}] * 2
    project = build(rows)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = get(compute_patterns(project), "gevoel~afloop")

    assert (p.test, p.p, p.significant) == ("none", None, False)
