"""A project folder: `verhalen.toml`, the story form and the store, found the way git finds a repo.

Every command acts on the project in the current folder, the nearest parent holding
`verhalen.toml`, or the folder given with `--project`.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path

from verhalen.errors import VerhalenError
from verhalen.form import StoryForm, load_form
from verhalen.i18n import language, t
from verhalen.settings import Settings, default_toml
from verhalen.store import Store, store_present

CONFIG_NAME = "verhalen.toml"
FORM_NAME = "storyform.yaml"
STORE_NAME = "verhalen.sqlite"
TEMPLATES = ("algemeen", "programma")
TEMPLATE_SUFFIXES = {"nl": ".yaml", "en": ".en.yaml"}  # storyform-<template><suffix>


@dataclass
class Project:
    """A project folder and its checked settings (`verhalen.settings.Settings`)."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def open(cls, root: Path, lang: str | None = None) -> Project:
        """The project at `root`; a fault in verhalen.toml stops here, before any work.

        `lang` (the command line's `--lang`) is the language of those messages and of the
        project's output."""
        settings = Settings.read(root / CONFIG_NAME, lang)
        if lang:
            settings = settings.with_language(lang)
        return cls(root=root.resolve(), settings=settings)

    def in_language(self, lang: str) -> Project:
        """The same project with its output in `lang`."""
        if lang == self.lang:
            return self
        return replace(self, settings=self.settings.with_language(lang))

    @property
    def name(self) -> str:
        return self.settings.name or self.root.name

    @property
    def lang(self) -> str:
        return self.settings.language

    @property
    def min_words(self) -> int:
        """`[cluster] min_words`: a story with fewer real words is too short to group."""
        return self.settings.min_words

    @property
    def store_path(self) -> Path:
        return self.root / STORE_NAME

    @property
    def form_path(self) -> Path:
        return self.root / FORM_NAME

    @cached_property
    def form(self) -> StoryForm:
        return load_form(self.form_path, self.lang)

    def store(self, create: bool = False) -> Store:
        """The project's store. Only `init` and `ingest` may `create` one: a store that is gone
        or emptied (0 bytes) is otherwise refused, so a command that only reads never hides the
        loss behind a fresh, empty store ('verhalen doctor' says how to restore)."""
        if not create and not store_present(self.store_path):
            raise VerhalenError(t("store_gone", self.lang, store=self.store_path))
        return Store(self.store_path, lang=self.lang)

    def relative(self, path: Path) -> str:
        """How a source file is named in the store: relative to the project when inside it."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()


def project_folder(start: Path | None = None) -> Path | None:
    """The folder holding `verhalen.toml` at `start` (default: the current folder) or above
    it, the way git finds a repository; None outside any project. Nothing is read."""
    here = (start or Path.cwd()).resolve()
    return next((f for f in (here, *here.parents) if (f / CONFIG_NAME).is_file()), None)


def find_project(start: Path | None = None, lang: str | None = None) -> Project:
    """The project holding `start` (default: the current folder) or one of its parents."""
    folder = project_folder(start)
    if folder is None:
        here = (start or Path.cwd()).resolve()
        raise VerhalenError(t("no_project", lang or "nl", path=here))
    return Project.open(folder, lang)


def check_name(name: str, lang: str = "nl") -> str:
    """A project name is one line: control characters (a line break, a tab) are refused."""
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        raise VerhalenError(t("project_name_control", lang, name=repr(name)))
    return name


def template_text(name: str) -> str:
    return resources.files("verhalen.templates").joinpath(name).read_text(encoding="utf-8")


def form_template(template: str, lang: str) -> str:
    """The text of a story form template (`algemeen`, `programma`) in `lang`."""
    if template not in TEMPLATES:
        raise VerhalenError(
            t("template_unknown", lang, template=template, known=", ".join(TEMPLATES))
        )
    return template_text(f"storyform-{template}{TEMPLATE_SUFFIXES[language(lang)]}")


def init_project(
    path: Path, *, lang: str = "nl", template: str = "algemeen", name: str | None = None
) -> Project:
    """Create a project folder with config, story form template and an empty store.

    Refuses to touch a folder that already holds a project, so nothing is ever overwritten.
    """
    from verhalen import atomic

    if (path / CONFIG_NAME).exists() or (path / STORE_NAME).exists():
        with contextlib.suppress(VerhalenError, OSError):  # said in that project's language
            lang = Project.open(path).lang
        raise VerhalenError(t("project_exists", lang, path=path))
    form = form_template(template, lang)
    if name:
        check_name(name, lang)
    path.mkdir(parents=True, exist_ok=True)
    config = default_toml(name or path.resolve().name, lang)
    atomic.write_text(path / CONFIG_NAME, config)
    if not (path / FORM_NAME).exists():
        atomic.write_text(path / FORM_NAME, form)
    project = Project.open(path)
    project.form  # noqa: B018 - a broken template must fail here, not later
    project.store(create=True).close()
    return project
