"""One language layer: every fixed text in `verhalen.texts`, in both languages, looked up by key.

A text written inline (`"..." if lang == "en" else "..."`, a `{"nl": …, "en": …}[lang]` dict, an
`if english:` branch that returns a literal) is how English projects came to show Dutch: the
second language is easy to forget at one call site, and impossible to forget in a table that a
test checks. These tests read the package's source, so they fail on the first such line.
"""

from __future__ import annotations

import ast
import string
from datetime import date
from pathlib import Path

import pytest

import verhalen
from verhalen.i18n import count, long_date, number, t
from verhalen.texts import AREAS, TEXTS

PACKAGE = Path(verhalen.__file__).parent
# The table itself, and the one module that picks a language from it.
OWNERS = {PACKAGE / "i18n.py", *(PACKAGE / "texts").glob("*.py")}
LANGUAGE_NAMES = {"lang", "language", "nl", "en", "english", "dutch", "dutch_project"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p not in OWNERS)


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    assert len(TEXTS) == sum(len(area.TEXTS) for area in AREAS), "a key is defined twice"
    for key, pair in TEXTS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        nl, en = pair
        assert nl.strip() and en.strip(), f"{key}: a language is empty"
        assert _placeholders(nl) == _placeholders(en), f"{key}: placeholders differ"


def _mentions_language(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id in LANGUAGE_NAMES:
            return True
        if isinstance(sub, ast.Attribute) and sub.attr in LANGUAGE_NAMES:
            return True
        if isinstance(sub, ast.Constant) and sub.value in ("nl", "en"):
            return True
    return False


def _has_text(node: ast.AST) -> bool:
    """Whether `node` holds a literal a person could read (not a language code or a symbol)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr):
            return True
        if (
            isinstance(sub, ast.Constant)
            and isinstance(sub.value, str)
            and sub.value not in ("nl", "en")
            and any(ch.isalpha() for ch in sub.value)
        ):
            return True
    return False


def _inline_texts(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.IfExp) and _mentions_language(node.test):
            if _has_text(node.body) or _has_text(node.orelse):
                lines.append(node.lineno)
        elif isinstance(node, ast.If) and _mentions_language(node.test):
            branches = [*node.body, *node.orelse]
            if any(
                isinstance(s, ast.Return | ast.Assign | ast.AnnAssign | ast.Expr)
                and s.value is not None
                and _has_text(s.value)
                for s in branches
            ):
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
            keys = {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
            if {"nl", "en"} <= keys:
                lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in ("say", "msg"):
                lines.append(node.lineno)
    return lines


def test_no_module_writes_its_own_dutch_and_english() -> None:
    found = []
    for path in _sources():
        for line in _inline_texts(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert not found, "text chosen by language outside verhalen.texts:\n" + "\n".join(found)


def test_every_key_looked_up_exists() -> None:
    missing = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value not in TEXTS
            ):
                missing.append(
                    f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.args[0].value}"
                )
    assert not missing, "unknown text keys:\n" + "\n".join(missing)


def test_checker_finds_the_forms_it_forbids() -> None:
    """The source check itself must fail on the ways inline text was written before."""
    forbidden = [
        'x = "stories" if lang == "en" else "verhalen"',
        'x = {"nl": "ja", "en": "yes"}[lang]',
        'def f(english):\n    if english:\n        return "yes"\n    return "ja"',
        'x = say(lang, "ja", "yes")',
    ]
    for source in forbidden:
        assert _inline_texts(ast.parse(source)), source
    assert not _inline_texts(ast.parse('x = t("page", lang)'))


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [(25274, "nl", 0, "25.274"), (159.5, "nl", 1, "159,5"), (25274, "en", 0, "25,274")],
)
def test_numbers_follow_the_language(value: float, lang: str, decimals: int, expected: str) -> None:
    assert number(value, lang, decimals) == expected


def test_dates_and_counts_follow_the_language() -> None:
    assert long_date(date(2025, 11, 24)) == "24 november 2025"
    assert long_date(date(2025, 11, 24), "en") == "24 November 2025"
    assert count(1, "story", "en") == "1 story" and count(3, "story") == "3 verhalen"
    assert (
        t("no_stories", "en") == "no stories found" and t("no_stories") == "geen verhalen gevonden"
    )
