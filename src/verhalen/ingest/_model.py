"""What every reader returns: raw stories and storytellers with their place in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from verhalen import faults
from verhalen.i18n import t


class ReadError(Exception):
    """The whole file cannot be read; the message is the reason shown to the user."""

    def __init__(self, reason: str, row: int | None = None):
        super().__init__(reason)
        self.row = row


def unreadable(exc: BaseException, lang: str) -> str:
    """The line for a file the system would not read ("onleesbaar bestand: bestaat niet"),
    in `lang` rather than the system's English."""
    return t("unreadable", lang, why=faults.reason(exc, lang))


@dataclass
class RawStory:
    path: str
    row: int | None
    text: str
    title: str | None = None
    storyteller: str | None = None
    session: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    context: str | None = None


def export_story(
    path: str,
    row: int,
    cells: list[str],
    text_col: int,
    title_col: int | None,
    storyteller: str,
    session: str | None,
    answers: dict[str, Any],
) -> RawStory:
    """A story from one row of another tool's export (SenseMaker, NarraFirma): text and title
    cells trimmed, an empty title or storyteller as none."""
    title = (cells[title_col].strip() or None) if title_col is not None else None
    return RawStory(
        path, row, cells[text_col].strip(), title, storyteller or None, session, answers
    )


@dataclass
class RawStoryteller:
    path: str
    row: int | None
    id: str
    name: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadResult:
    stories: list[RawStory] = field(default_factory=list)
    storytellers: list[RawStoryteller] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    # Table columns that hold values no field or question reads: answers that would be lost.
    unread_columns: list[str] = field(default_factory=list)
    # (row, reason): something left out that does not stop the story (shown, not rejected)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ReadOptions:
    """How to read: from the project config and the ingest command line."""

    separator: str = "---"
    interviewer: tuple[str, ...] = ("Interviewer", "Interviewster", "Gespreksleider", "I")
    story_marker: str = r"^\[(?:verhaal|story)(?::\s*(?P<title>.*?))?\]$"
    column_map: tuple[tuple[str, str], ...] = ()
    session: str | None = None
    storyteller: str | None = None
    narrafirma_form: str | None = None
    lang: str = "nl"

    @property
    def marker(self) -> re.Pattern[str]:
        return re.compile(self.story_marker, re.IGNORECASE)

    def is_interviewer(self, speaker: str) -> bool:
        return speaker.strip().casefold() in {i.casefold() for i in self.interviewer}


# Header lines a transcriber writes above a story ("Titel: …", "Verteller: V03", "Sessie: 1").
META_KEYS = {
    "titel": "title",
    "title": "title",
    "verteller": "storyteller",
    "storyteller": "storyteller",
    "spreker": "storyteller",
    "sessie": "session",
    "session": "session",
}
# The key is short and bounded and the value is stripped in Python: a lazy `(.+?)\s*$` made a
# line of many spaces take quadratic time.
META_LINE = re.compile(r"^\s*([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ _]{0,20})\s*:(.*)$")


def take_meta(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split leading `Key: value` header lines (known keys only) from the story lines."""
    meta: dict[str, str] = {}
    start = 0  # an index, not list.pop(0): a file of a million blank lines stays linear
    for line in lines:
        if line.strip():
            m = META_LINE.match(line)
            key = m.group(1).strip().casefold() if m else ""
            if not m or key not in META_KEYS or not m.group(2).strip():
                break
            meta[META_KEYS[key]] = m.group(2).strip()
        start += 1
    return meta, list(lines[start:])
