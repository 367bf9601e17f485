"""Patterns: which answers, storyteller attributes, tags and perspectives go together.

Three rooms: `variables` (what is known about each story), `tests` (the statistics: every pair
tested, Benjamini–Hochberg, the small-group rule) and `sentences` (each pattern in plain words).
Importers use this package; the modules' split is free to change.
"""

from verhalen.patterns.sentences import MINUS, format_p, sentence, signed
from verhalen.patterns.tests import (
    CRAMER,
    EFFECT_SYMBOL,
    EPSILON2,
    MIN_EXPECTED,
    MIN_GROUP,
    RANK_BISERIAL,
    RESAMPLES,
    RHO,
    Crosstab,
    GroupStats,
    Pattern,
    Summary,
    Test,
    compute_patterns,
    find,
)
from verhalen.patterns.variables import (
    Kind,
    Source,
    Variable,
    collect,
    values,
    variables,
    yes_no,
)

__all__ = [
    "CRAMER",
    "EFFECT_SYMBOL",
    "EPSILON2",
    "MINUS",
    "MIN_EXPECTED",
    "MIN_GROUP",
    "RANK_BISERIAL",
    "RESAMPLES",
    "RHO",
    "Crosstab",
    "GroupStats",
    "Kind",
    "Pattern",
    "Source",
    "Summary",
    "Test",
    "Variable",
    "collect",
    "compute_patterns",
    "find",
    "format_p",
    "sentence",
    "signed",
    "values",
    "variables",
    "yes_no",
]
