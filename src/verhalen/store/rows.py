"""What the store hands out and takes in, and the helpers every table module shares.

Kept apart from `Store` so that the table modules (stories, answers, runs, pseudonyms) can use
them without importing the package that combines them.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


def now() -> str:
    """The time of a change, in UTC to the second, as stored in every table."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def user() -> str:
    """Who made a change, for the history; the login name where there is one."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "onbekend"


# A story left out of the analysis by the facilitator (`verhalen stories exclude`).
EXCLUDED = "SELECT 1 FROM exclusions x WHERE x.story_id = {story}"


@dataclass(frozen=True)
class StoryRow:
    id: int
    uid: str
    title: str | None
    text: str
    original: str | None
    language: str | None
    storyteller_id: str | None
    storyteller_name: str | None
    group: str | None
    session: str | None
    source_path: str
    source_format: str
    location: str | None
    context: str | None
    words: int
    pseudonymised: str | None = None
    pseudonymised_title: str | None = None

    @property
    def shown_text(self) -> str:
        """The text people see in reports, exports and workshop material: pseudonymised if done."""
        return self.pseudonymised or self.text

    @property
    def shown_title(self) -> str | None:
        return self.pseudonymised_title or self.title


@dataclass(frozen=True)
class NewStory:
    """A validated story ready to be stored."""

    uid: str
    title: str | None
    text: str
    original: str | None
    text_hash: str
    storyteller_id: str | None
    session: str | None
    location: str | None
    context: str | None
    words: int
    answers: dict[str, Any]
