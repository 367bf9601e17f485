"""Answers as people type and read them: the rules every question type shares.

One place for them, so a number, an option or an error reads the same whether it came from a
sheet, a YAML file or the command line, for a scale question as for a triad's share.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from verhalen.i18n import t


class AnswerError(ValueError):
    """An answer the form does not allow; the message says why, in the project's language."""


def fold(text: str) -> str:
    """Compare options the way people type them: case, accents' composition and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def parse_number(raw: Any, lang: str) -> float:
    """A finite number from an answer as typed or read, a decimal comma included: the one rule
    for number and scale answers and for signifier shares and positions."""
    if isinstance(raw, bool):
        raise AnswerError(t("not_a_number", lang, value=raw))
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        try:
            number = float(str(raw).strip().replace(",", "."))
        except ValueError:
            raise AnswerError(t("not_a_number", lang, value=raw)) from None
    if math.isnan(number) or math.isinf(number):
        raise AnswerError(t("not_a_number", lang, value=raw))
    return number


def format_value(value: Any, lang: str = "nl") -> str:
    """Any answer without its question: lists joined with `; `, booleans as ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_number(x: float) -> str:
    """A number as people type it: a whole number without its `.0`."""
    return str(int(x)) if math.isfinite(x) and float(x).is_integer() else str(x)


def shown(raw: Any) -> str:
    """A raw answer on one line, for a message that quotes it."""
    if isinstance(raw, list | tuple):
        return "/".join(str(v) for v in raw)
    return " ".join(str(raw).split())
