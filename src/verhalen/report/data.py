"""Everything the report needs, read from the project once.

The PDF and the spreadsheet are both built from one `ReportData`, so they show the same numbers;
reading it in one place also keeps the store open for as short as possible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from verhalen.catalysis import Catalysis, find_file, load_catalysis
from verhalen.cluster import TOO_SHORT
from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import t
from verhalen.project import Project
from verhalen.status import Overview, overview
from verhalen.store import StoryRow
from verhalen.store.runs import Run


@dataclass
class ReportData:
    project: Project
    lang: str
    date: date
    overview: Overview
    stories: list[StoryRow]
    answers: dict[int, dict[str, Any]]  # story id -> the story's and its storyteller's answers
    tags: dict[int, dict[str, Any]]
    storytellers: list[tuple[str, str | None]]  # (id, group)
    teller_answers: dict[str, dict[str, Any]]
    views: list[Any]  # PerspectiveView of the active run, 'past nergens bij' last
    assigned: dict[int, int]  # story id -> perspective number
    run: Run | None
    run_edits: list[str]  # actions on the active run after clustering, oldest first
    patterns: list[Any]
    catalysis: Catalysis
    alpha: float
    min_effect: float
    groups: list[str | None] = field(default_factory=list)  # storyteller groups, form order
    typicality: dict[int, float] = field(default_factory=dict)  # story id -> similarity to its
    # perspective's centre in the active run (how typical it is)
    excluded: list[Any] = field(default_factory=list)  # stories.Exclusion: left out of the
    # analysis by the facilitator (not in `stories`, `assigned`, `views`)

    @property
    def questions(self) -> list[Question]:
        """The questions whose answers may be shown: open answers are never pseudonymised."""
        return [q for q in self.project.form.questions if q.type != "text"]

    @property
    def open_questions(self) -> list[Question]:
        return [q for q in self.project.form.questions if q.type == "text"]

    def group_name(self, group: str | None) -> str:
        """A storyteller group's name as the project wrote it ('N-VA', never 'N-VAen');
        'onbekend' for none."""
        if not group:
            return t("unknown_group", self.lang)
        return group

    def view(self, number: int) -> Any | None:
        return next((v for v in self.views if v.number == number), None)

    def title(self, number: int) -> str:
        view = self.view(number)
        return view.title(self.lang) if view is not None else str(number)

    @property
    def significant(self) -> list[Any]:
        return [p for p in self.patterns if p.significant]

    @property
    def numbered_views(self) -> list[Any]:
        return [v for v in self.views if v.number > 0]

    @property
    def clustered(self) -> dict[int, int]:
        """`assigned` without the stories too short to group: the stories that were clustered
        (shares of 'past nergens bij' are of these)."""
        return {sid: n for sid, n in self.assigned.items() if n != TOO_SHORT}

    @property
    def too_short(self) -> list[int]:
        """Stories of the active run too short to group."""
        return sorted(sid for sid, n in self.assigned.items() if n == TOO_SHORT)


def data_date(project: Project, history: list[Any]) -> date:
    """The date of the data: `[report] date` in verhalen.toml, else the newest change.

    Not today: the same project must give the same report whenever it is made.
    """
    if project.settings.report_date is not None:
        return project.settings.report_date
    newest = max((str(h["at"]) for h in history), default="")
    return date.fromisoformat(newest[:10]) if newest else date(2000, 1, 1)


def gather(
    project: Project,
    lang: str,
    alpha: float = 0.05,
    min_effect: float = 0.0,
    patterns: list[Any] | None = None,
) -> ReportData:
    """Read the project, compute the patterns and read catalyse.yaml (checked against both)."""
    from verhalen.patterns import compute_patterns
    from verhalen.perspectives import assignment, perspectives
    from verhalen.stories import exclusions

    project = project.in_language(lang)
    excluded = exclusions(project)
    with project.store() as store:
        stories = store.stories(excluded=False)  # excluded stories stay out of every part
        if not stories and excluded:
            raise VerhalenError(t("rep_all_excluded", lang))
        if not stories:
            raise VerhalenError(t("rep_no_stories", lang))
        answers = store.answers()
        teller_answers = store.storyteller_answers()
        tags = store.tags()
        storytellers = [(r["id"], r["grp"]) for r in store.storytellers()]
        history = store.history()
        run = store.active_run()
        typicality = (
            {
                r["story_id"]: r["similarity"] or 0.0
                for r in store.assignments(run.id, analysed=True)
            }
            if run
            else {}
        )
    merged = {
        s.id: {**teller_answers.get(s.storyteller_id or "", {}), **answers.get(s.id, {})}
        for s in stories
    }
    views = perspectives(project) if run else []
    assigned = assignment(project) if run else {}
    edits = []
    if run:
        target = f"run:{run.id}"
        edits = [h["action"] for h in history if h["target"] == target and h["action"] != "cluster"]
    if patterns is None:
        patterns = compute_patterns(project, alpha=alpha, min_effect=min_effect)
    catalysis = load_catalysis(
        find_file(project.root),
        [p.id for p in patterns],
        [v.number for v in views],
        lang,
    )
    form = project.form
    told = {s.storyteller_id for s in stories if s.storyteller_id}
    present = Counter(g for i, g in storytellers if i in told)
    group_q = form.get(form.group_question) if form.group_question else None
    order = list(group_q.options) if group_q is not None else []
    groups: list[str | None] = [g for g in order if g in present]
    groups += sorted(g for g in present if g and g not in order)
    if None in present or any(s.storyteller_id is None for s in stories):
        groups.append(None)
    return ReportData(
        project=project,
        lang=lang,
        date=data_date(project, history),
        overview=overview(project),
        stories=stories,
        answers=merged,
        tags=tags,
        storytellers=storytellers,
        teller_answers=teller_answers,
        views=views,
        assigned=assigned,
        run=run,
        run_edits=edits,
        patterns=patterns,
        catalysis=catalysis,
        alpha=alpha,
        min_effect=min_effect,
        groups=groups,
        typicality=typicality,
        excluded=excluded,
    )
