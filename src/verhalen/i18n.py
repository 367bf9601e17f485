"""Text for people, Dutch by default and English on request.

Every fixed text lives in `verhalen.texts` under an English key; `t()` looks it up, so a report,
a CLI line and an error read in the project's language. Numbers and dates go through Babel, and
nouns are counted by rule (`count`, `plural`); names the project chose are never inflected.
"""

from __future__ import annotations

from datetime import date

from verhalen.texts import TEXTS

LOCALES = {"nl": "nl_NL", "en": "en_GB"}

IRREGULAR_NL = {"lid": "leden", "kind": "kinderen", "raadslid": "raadsleden", "stad": "steden"}


def plural(word: str, n: int, lang: str = "nl") -> str:
    """`word` for `n` things: Dutch plural rules for the common cases, English adds s."""
    if n == 1 or not word:
        return word
    if language(lang) == "en":
        return word if word.endswith("s") else word + "s"
    for singular, many in IRREGULAR_NL.items():
        if word.endswith(singular):
            return word[: -len(singular)] + many
    if word.endswith(("er", "el", "em", "en", "je", "ie", "é")) or word[-1] in "aiouy":
        return word + "s"
    if len(word) > 3 and word[-2] == word[-3] and word[-2] in "aeou" and word[-1] not in "aeiou":
        return word[:-2] + word[-1] + "en"  # ambtenaar -> ambtenaren
    if word.endswith(("s", "x")):
        return word  # "anders", "pers": leave what no simple rule gets right
    if (
        len(word) > 2
        and word[-1] not in "aeiou"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        return word + word[-1] + "en"  # kat -> katten (short vowel)
    return word + "en"


NOUNS = {
    "story": ("verhaal", "verhalen", "story", "stories"),
    "file": ("bestand", "bestanden", "file", "files"),
    "problem": ("probleem", "problemen", "problem", "problems"),
    "storyteller": ("verteller", "vertellers", "storyteller", "storytellers"),
    "session": ("sessie", "sessies", "session", "sessions"),
    "question": ("vraag", "vragen", "question", "questions"),
    "perspective": ("perspectief", "perspectieven", "perspective", "perspectives"),
}


def count(n: int, noun: str, lang: str = "nl") -> str:
    """'1 verhaal', '3 verhalen', '1 story', '3 stories'."""
    one_nl, many_nl, one_en, many_en = NOUNS[noun]
    if language(lang) == "nl":
        return f"{n} {one_nl if n == 1 else many_nl}"
    return f"{n} {one_en if n == 1 else many_en}"


def number(value: float, lang: str = "nl", decimals: int = 0) -> str:
    """A number as people in `lang` write it: 25.274 and 159,5 in Dutch; 25,274 and 159.5 in
    English (Babel's locale data)."""
    from babel.numbers import format_decimal  # imported here: every command start loads i18n

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language(lang)])


def long_date(day: date, lang: str = "nl") -> str:
    """'24 november 2025' / '24 November 2025' (Babel's month names)."""
    from babel.dates import format_date

    return format_date(day, format="d MMMM y", locale=LOCALES[language(lang)])


def percent(part: float, whole: float) -> str:
    """A share as a whole percentage: '12%' (the same in Dutch and English)."""
    return f"{round(100 * part / whole) if whole else 0}%"


def language(lang: str | None) -> str:
    """The language verhalen speaks for `lang`: English when it is asked for ("en"), else Dutch
    (as `t` does)."""
    return "en" if lang == "en" else "nl"


def t(key: str, lang: str = "nl", /, **values: object) -> str:
    """The text `key` in `lang` (Dutch unless English is asked for), filled with `values`.

    With `n=1` among the values, the singular variant `key_one` is used where there is one.
    """
    if values.get("n") == 1 and f"{key}_one" in TEXTS:
        key = f"{key}_one"
    nl, en = TEXTS[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
