"""A project folder: `verhalen.toml`, the story form and the store, found the way git finds a repo.

Every command acts on the project in the current folder, the nearest parent holding
`verhalen.toml`, or the folder given with `--project`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.form import StoryForm, load_form
from verhalen.i18n import t
from verhalen.store import Store

CONFIG_NAME = "verhalen.toml"
FORM_NAME = "storyform.yaml"
STORE_NAME = "verhalen.sqlite"
TEMPLATES = ("algemeen", "programma")

DEFAULTS: dict[str, dict[str, Any]] = {
    "project": {"name": "", "language": "nl"},
    "ingest": {
        "separator": "---",
        "interviewer": ["Interviewer", "Interviewster", "Gespreksleider", "Onderzoeker", "I"],
        "story_marker": r"^\[(?:verhaal|story)(?::\s*(?P<title>.*?))?\]$",
        "near_duplicate": 0.8,
    },
    "privacy": {"keep_original": True},
    "cluster": {"min_words": 15},
}


def _merge(defaults: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    out = {k: dict(v) for k, v in defaults.items()}
    for section, values in given.items():
        if isinstance(values, dict):
            out.setdefault(section, {}).update(values)
        else:
            out[section] = values
    return out


@dataclass
class Project:
    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> Project:
        path = root / CONFIG_NAME
        try:
            given = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise VerhalenError(f"{path}: not valid TOML ({exc})") from None
        return cls(root=root.resolve(), config=_merge(DEFAULTS, given))

    @property
    def name(self) -> str:
        return self.config["project"].get("name") or self.root.name

    @property
    def lang(self) -> str:
        return self.config["project"].get("language", "nl")

    @property
    def min_words(self) -> int:
        """`[cluster] min_words`: a story with fewer real words is too short to group."""
        value = self.config.get("cluster", {}).get("min_words", DEFAULTS["cluster"]["min_words"])
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise VerhalenError(
                f"{self.root / CONFIG_NAME}: [cluster] min_words = {value!r}: "
                + (
                    "gebruik een heel getal van 0 of meer, bijv. min_words = 15"
                    if self.lang == "nl"
                    else "use a whole number of 0 or more, e.g. min_words = 15"
                )
            )
        return value

    @property
    def store_path(self) -> Path:
        return self.root / STORE_NAME

    @property
    def form_path(self) -> Path:
        return self.root / FORM_NAME

    @cached_property
    def form(self) -> StoryForm:
        return load_form(self.form_path)

    def store(self) -> Store:
        return Store(self.store_path, lang=self.lang)

    def relative(self, path: Path) -> str:
        """How a source file is named in the store: relative to the project when inside it."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()


def find_project(start: Path | None = None, lang: str = "nl") -> Project:
    """The project holding `start` (default: the current folder) or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Project.open(folder)
    raise VerhalenError(t("no_project", lang, path=here))


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


def check_name(name: str, lang: str = "nl") -> str:
    """A project name is one line: control characters (a line break, a tab) are refused."""
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        raise VerhalenError(t("project_name_control", lang, name=repr(name)))
    return name


def template_text(name: str) -> str:
    return resources.files("verhalen.templates").joinpath(name).read_text(encoding="utf-8")


def init_project(
    path: Path, *, lang: str = "nl", template: str = "algemeen", name: str | None = None
) -> Project:
    """Create a project folder with config, story form template and an empty store.

    Refuses to touch a folder that already holds a project, so nothing is ever overwritten.
    """
    if (path / CONFIG_NAME).exists() or (path / STORE_NAME).exists():
        raise VerhalenError(t("project_exists", lang, path=path))
    if template not in TEMPLATES:
        raise VerhalenError(f"template '{template}': choose from {', '.join(TEMPLATES)}")
    if name:
        check_name(name, lang)
    path.mkdir(parents=True, exist_ok=True)
    config = template_text("verhalen.toml").format(
        name=toml_string(name or path.resolve().name), language=toml_string(lang)
    )
    (path / CONFIG_NAME).write_text(config, encoding="utf-8")
    form_file = (
        f"storyform-{template}.{lang}.yaml" if lang == "en" else f"storyform-{template}.yaml"
    )
    if not (path / FORM_NAME).exists():
        (path / FORM_NAME).write_text(template_text(form_file), encoding="utf-8")
    project = Project.open(path)
    project.form  # noqa: B018 - a broken template must fail here, not later
    project.store().close()
    return project
