"""The project at a glance, the numbers a commissioner quotes from a PNI report's first page."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from verhalen.i18n import plural
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
    nl = lang == "nl"
    unknown = "onbekend" if nl else "unknown"
    groups = ", ".join(f"{g or unknown}: {n}" for g, n in o.groups)
    teller = "verteller" if nl else "storyteller"
    story = "verhaal" if nl else "story"
    session = "sessie" if nl else "session"
    if o.stories and not o.storytellers:
        stories_word = (
            plural(story, o.stories, lang) if nl else ("story" if o.stories == 1 else "stories")
        )
        text = f"{o.stories} {stories_word}"
        if o.sessions:
            text += f" in {o.sessions} {plural(session, o.sessions, lang)}"
        return text + (", zonder bekende vertellers" if nl else ", without known storytellers")
    text = f"{o.storytellers} {plural(teller, o.storytellers, lang)}"

    if groups:
        text += f" ({groups})"
    told = ("vertelde" if o.storytellers == 1 else "vertelden") if nl else "told"
    stories_word = (
        plural(story, o.stories, lang) if nl else ("story" if o.stories == 1 else "stories")
    )
    text += f" {told} {o.stories} {stories_word}"
    if o.sessions:
        text += f" in {o.sessions} {plural(session, o.sessions, lang)}"
    if o.without_storyteller:
        text += (
            f"; {o.without_storyteller} zonder bekende verteller"
            if nl
            else f"; {o.without_storyteller} without a known storyteller"
        )
    return text
