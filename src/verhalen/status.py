"""The project at a glance, the numbers a commissioner quotes from a PNI report's first page."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from verhalen.i18n import count, t
from verhalen.project import Project


@dataclass(frozen=True)
class Overview:
    name: str
    stories: int
    storytellers: int
    without_storyteller: int
    groups: list[tuple[str | None, int]]
    sessions: int
    per_session: list[tuple[str | None, int]]
    words: int
    median_words: float
    formats: list[tuple[str, int]]
    languages: list[tuple[str | None, int]]
    flagged: int
    excluded: int = 0  # stories left out of the analysis: not in any of the counts above
    too_short: int = 0  # stories in the analysis too short to group ([cluster] min_words)


def overview(project: Project) -> Overview:
    """The stories in the analysis at a glance: stories excluded with `verhalen stories exclude`
    are only counted in `excluded`."""
    from verhalen.perspectives import too_short

    with project.store() as store:
        s = store.summary(analysed=True)
    return Overview(
        name=project.name,
        stories=s["stories"],
        storytellers=s["storytellers"],
        without_storyteller=s["without_storyteller"],
        groups=s["groups"],
        sessions=s["sessions"],
        per_session=s["per_session"],
        words=s["words"],
        median_words=statistics.median(s["word_counts"]) if s["word_counts"] else 0,
        formats=s["formats"],
        languages=s["languages"],
        flagged=s["flagged"],
        excluded=s["excluded"],
        too_short=len(too_short(project)),
    )


def headline(o: Overview, lang: str = "nl") -> str:
    """'22 vertellers (inwoner: 10, ambtenaar: 9, …) vertelden 185 verhalen in 2 sessies'.

    Group names are the project's own words ("N-VA", "minder dan 1 jaar"): shown as written,
    never inflected.
    """
    unknown = t("status_unknown", lang)
    groups = ", ".join(f"{g or unknown}: {n}" for g, n in o.groups)
    sessions = (
        t("status_in_sessions", lang, sessions=count(o.sessions, "session", lang))
        if o.sessions
        else ""
    )
    if o.stories and not o.storytellers:
        return count(o.stories, "story", lang) + sessions + t("status_without_known_tellers", lang)
    text = t(
        "status_told",
        lang,
        n=o.storytellers,
        tellers=count(o.storytellers, "storyteller", lang),
        groups=f" ({groups})" if groups else "",
        stories=count(o.stories, "story", lang),
    )
    text += sessions
    if o.without_storyteller:
        text += t("status_without_teller", lang, count=o.without_storyteller)
    return text
