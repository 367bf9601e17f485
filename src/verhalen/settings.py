"""verhalen.toml as typed settings: one table says what every setting is.

`SETTINGS` lists each setting once, with its type, default, allowed values and help, in the
manner of datasette's `SETTINGS`. The table drives three things, so they cannot disagree:
`init` writes its defaults (`default_toml`), every command checks the file when it opens a
project (`Settings.read`: a wrong type, a wrong value or an unknown key stops the command with
one line per fault naming the file, the key and what is allowed), and `doctor` reports the
same faults (`problems`). Nothing else reads the raw TOML.

An unknown key is refused, not ignored: `keep_orginal = false` read as "not set" would keep
identifying text in the store while the facilitator believes it gone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.i18n import language, t

LANGUAGES = ("nl", "en")
STORY_MARKER = r"^\[(?:verhaal|story)(?::\s*(?P<title>.*?))?\]$"


@dataclass(frozen=True)
class Setting:
    """One key of verhalen.toml. `kind` names the check: text, line (non-empty text),
    language, names (list of texts), regex, fraction (0 < x ≤ 1), flag (true/false),
    count (whole number ≥ 0), date (YYYY-MM-DD, optional) or choices (a list of words, each
    one of `choices`)."""

    section: str
    key: str
    kind: str
    default: Any
    help_nl: str
    help_en: str
    field: str = ""
    choices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.field or self.key

    @property
    def label(self) -> str:
        return f"[{self.section}] {self.key}"

    def help(self, lang: str = "nl") -> str:
        """The help text in `lang`: English when asked for, else Dutch."""
        return self.help_en if lang == "en" else self.help_nl


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "project",
        "name",
        "text",
        "",
        "Naam van het project, boven rapporten en werkbladen (leeg: de mapnaam).",
        "Name of the project, above reports and sheets (empty: the folder's name).",
    ),
    Setting(
        "project",
        "language",
        "language",
        "nl",
        'Taal van rapporten en meldingen: "nl" of "en".',
        'Language of reports and messages: "nl" or "en".',
    ),
    Setting(
        "ingest",
        "separator",
        "line",
        "---",
        "Een regel met alleen dit scheidt verhalen binnen één tekst- of documentbestand.",
        "A line holding only this separates stories inside one text or document file.",
    ),
    Setting(
        "ingest",
        "interviewer",
        "names",
        ("Interviewer", "Interviewster", "Gespreksleider", "Onderzoeker", "I"),
        "Sprekers wier beurten in een transcript van de interviewer zijn (context, geen "
        "verhaaltekst).",
        "Speakers whose turns in a transcript are the interviewer's (kept as context, not story "
        "text).",
    ),
    Setting(
        "ingest",
        "story_marker",
        "regex",
        STORY_MARKER,
        "Een transcriptregel die hieraan voldoet begint een nieuw verhaal; de groep 'title' "
        "wordt de titel.",
        "A transcript line matching this starts a new story; the group 'title' becomes its title.",
    ),
    Setting(
        "ingest",
        "near_duplicate",
        "fraction",
        0.8,
        "Twee verhalen die zo gelijk zijn (0-1, gedeelde woordreeksen) worden gemeld als "
        "mogelijk dubbel.",
        "Two stories this similar (0-1, shared word sequences) are flagged as possible duplicates.",
    ),
    Setting(
        "privacy",
        "keep_original",
        "flag",
        True,
        "Bewaar de oorspronkelijke tekst naast de opgeschoonde (false: alleen de opgeschoonde).",
        "Keep the original text next to the cleaned one (false: store only the cleaned text).",
    ),
    Setting(
        "privacy",
        "terms",
        "names",
        (),
        'Woorden die altijd vervangen worden, bijv. ["Lindenhoven", "De Linde"].',
        'Words always replaced, e.g. ["Lindenhoven", "De Linde"].',
    ),
    Setting(
        "privacy",
        "replace",
        "choices",
        ("person", "contact", "address"),
        "Wat 'verhalen anonymize' vervangt: person (namen), contact (e-mail, telefoon), "
        "address (straat met huisnummer, postcode), place (plaatsen), organisation "
        "(organisaties). Plaatsen en organisaties blijven standaard staan.",
        "What 'verhalen anonymize' replaces: person (names), contact (e-mail, phone), "
        "address (street with house number, postcode), place (places), organisation "
        "(organisations). Places and organisations stay by default.",
        choices=("person", "contact", "address", "place", "organisation"),
    ),
    Setting(
        "cluster",
        "min_words",
        "count",
        15,
        'Verhalen met minder echte woorden worden niet gegroepeerd maar getoond als "te kort".',
        'Stories with fewer real words are not grouped but shown as "too short to group".',
    ),
    Setting(
        "report",
        "date",
        "date",
        None,
        "Datum op het rapport, JJJJ-MM-DD (weglaten: de datum van de nieuwste wijziging).",
        "Date on the report, YYYY-MM-DD (left out: the date of the newest change).",
        field="report_date",
    ),
    Setting(
        "report",
        "appendix_limit",
        "count",
        2_000,
        "Meer verhalen dan dit: de bijlage toont de meest typerende per perspectief.",
        "More stories than this: the appendix shows the most typical per perspective.",
    ),
)
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(s.section for s in SETTINGS))
_BY_KEY = {(s.section, s.key): s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The checked values of one project's verhalen.toml, defaults filled in."""

    name: str = ""
    language: str = "nl"
    separator: str = "---"
    interviewer: tuple[str, ...] = _BY_KEY["ingest", "interviewer"].default
    story_marker: str = STORY_MARKER
    near_duplicate: float = 0.8
    keep_original: bool = True
    terms: tuple[str, ...] = ()
    replace: tuple[str, ...] = ("person", "contact", "address")
    min_words: int = 15
    report_date: date | None = None
    appendix_limit: int = 2_000

    @classmethod
    def read(cls, path: Path, lang: str | None = None) -> Settings:
        """The settings in `path`, or one `VerhalenError` with a line per fault."""
        try:
            given = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise VerhalenError(
                t("data_settings_bad_toml", language(lang), path=path, why=exc)
            ) from None
        except UnicodeDecodeError:
            raise VerhalenError(t("data_settings_not_utf8", language(lang), path=path)) from None
        return cls.from_dict(given, path, lang)

    @classmethod
    def from_dict(cls, given: dict[str, Any], path: Path, lang: str | None = None) -> Settings:
        project = given.get("project") if isinstance(given.get("project"), dict) else {}
        errors = [p for p in problems(given, language(lang or project.get("language")))]
        if errors:
            raise VerhalenError("\n".join(f"{path}: {p}" for p in errors))
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            section = given.get(setting.section) or {}
            if setting.key in section:
                values[setting.name] = _typed(setting, section[setting.key])
        return cls(**values)

    def with_language(self, lang: str) -> Settings:
        return replace(self, language=lang)


def _typed(setting: Setting, value: Any) -> Any:
    if setting.kind in ("names", "choices"):
        return tuple(value)
    if setting.kind == "fraction":
        return float(value)
    if setting.kind == "date" and not isinstance(value, date):
        return date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class SettingProblem:
    severity: str  # "error": every command refuses; "warning": works, but probably not meant
    key: str  # "[section] key", or "[section]"
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.message}: {self.fix}"


def _why(setting: Setting, value: Any, lang: str) -> str | None:
    """Why `value` cannot be this setting's value, with the allowed values; None when fine."""
    kind = setting.kind
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "text" and not isinstance(value, str):
        return t("data_setting_text", lang)
    if kind == "line" and (not isinstance(value, str) or not value.strip()):
        return t("data_setting_line", lang)
    if kind == "language" and value not in LANGUAGES:
        return t("data_setting_language", lang)
    if kind == "names" and (
        not isinstance(value, list) or not all(isinstance(v, str) for v in value)
    ):
        return t("data_setting_names", lang)
    if kind == "choices" and (
        not isinstance(value, list) or not all(v in setting.choices for v in value)
    ):
        allowed = ", ".join(f'"{c}"' for c in setting.choices)
        return t("data_setting_choices", lang, allowed=allowed)
    if kind == "regex":
        if not isinstance(value, str):
            return t("data_setting_regex", lang)
        try:
            re.compile(value)
        except re.error as exc:
            return t("data_setting_bad_regex", lang, why=exc)
    if kind == "fraction" and (not is_number or not 0 < value <= 1):
        return t("data_setting_fraction", lang)
    if kind == "flag" and not isinstance(value, bool):
        return t("data_setting_flag", lang)
    if kind == "count" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        return t("data_setting_count", lang)
    if kind == "date" and not isinstance(value, date):
        try:
            date.fromisoformat(value if isinstance(value, str) else "")
        except ValueError:
            return t("data_setting_date", lang)
    return None


def problems(given: dict[str, Any], lang: str = "nl") -> list[SettingProblem]:
    """Every fault in a parsed verhalen.toml; all are errors, so every command refuses."""
    found: list[SettingProblem] = []
    known_sections = ", ".join(f"[{s}]" for s in SECTIONS)
    for section, values in given.items():
        if section not in SECTIONS:
            found.append(
                SettingProblem(
                    "error",
                    f"[{section}]",
                    t("data_settings_unknown_section", lang, section=section),
                    t("data_settings_known_sections", lang, known=known_sections),
                )
            )
            continue
        if not isinstance(values, dict):
            found.append(
                SettingProblem(
                    "error",
                    f"[{section}]",
                    t("data_settings_not_a_section", lang, section=section),
                    t("data_settings_write_section", lang, section=section),
                )
            )
            continue
        for key, value in values.items():
            setting = _BY_KEY.get((section, key))
            if setting is None:
                known = ", ".join(s.key for s in SETTINGS if s.section == section)
                found.append(
                    SettingProblem(
                        "error",
                        f"[{section}] {key}",
                        t("data_settings_unknown_key", lang, section=section, key=key),
                        t("data_settings_known_keys", lang, known=known),
                    )
                )
                continue
            why = _why(setting, value, lang)
            if why is not None:
                found.append(
                    SettingProblem(
                        "error",
                        setting.label,
                        f"{setting.label} = {_shown(value)}",
                        why,
                    )
                )
    return found


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if "'" not in value else f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# What a TOML basic string must escape: quote, backslash and every control character but tab
# (written escaped too); the short escapes TOML knows, `\uXXXX` for the rest.
_TOML_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_TOML_SHORT = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string, quotes included, that reads back as `value`.

    A lone surrogate (a folder name that is not UTF-8) cannot be written; it becomes U+FFFD.
    """
    value = _SURROGATE.sub("\ufffd", value)
    escaped = _TOML_ESCAPE.sub(
        lambda m: _TOML_SHORT.get(m.group(), f"\\u{ord(m.group()):04X}"), value
    )
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """A default as TOML: a literal string when it needs no escapes (readable regexes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str) and "\\" in value and "'" not in value and value.isprintable():
        return f"'{value}'"
    return toml_string(str(value))


def default_toml(name: str, language: str) -> str:
    """The verhalen.toml that `init` writes: every setting with its help, in the project's
    language; an optional setting without a default is written as a comment."""
    lines = [t("data_settings_header", language)]
    values = {("project", "name"): name, ("project", "language"): language}
    for section in SECTIONS:
        lines += ["", f"[{section}]"]
        for setting in (s for s in SETTINGS if s.section == section):
            lines.append("# " + setting.help(language))
            value = values.get((section, setting.key), setting.default)
            if value is None:
                lines.append(f'# {setting.key} = "2025-06-30"')
            else:
                lines.append(f"{setting.key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"
