"""The variables a pattern can be about, and every story's value for each.

Form answers, storyteller answers, signifier parts, the active run's perspective, the session and
tags all become one `Variable` (a choice or a scale) with the stories' values collected in one
pass, because some categories (sessions, languages, perspectives) only come from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from verhalen.i18n import t
from verhalen.project import Project

if TYPE_CHECKING:
    from verhalen.variables import Record

Kind = Literal["choice", "scale"]
Source = Literal["story", "storyteller", "auto", "perspective"]


def yes_no(lang: str) -> tuple[str, str]:
    """The two categories a boolean or a multiple-choice option becomes."""
    return t("yes", lang), t("no", lang)


@dataclass(frozen=True)
class Variable:
    """One thing known about a story, as a category or a number, named for people."""

    id: str
    label: str
    kind: Kind
    source: Source
    categories: tuple[str, ...] = ()
    question: str | None = None  # the form question it comes from (for options: the multiple)
    option: str | None = None  # the option of a multiple-choice question it stands for
    # The storytellers' group question. Its categories are names the project chose ("N-VA",
    # "minder dan 1 jaar"): never inflected, always quoted as they are.
    is_group: bool = False


def collect(project: Project) -> tuple[list[Variable], dict[int, dict[str, object]]]:
    """Variables and every story's values in one pass: some categories come from the data."""
    from verhalen.variables import derived_variables, records

    lang = project.lang
    form = project.form
    yes, no = yes_no(lang)
    recs = records(project, excluded=False)  # stories excluded from the analysis stay out
    out: list[Variable] = []
    vals: dict[int, dict[str, object]] = {r.story_id: {} for r in recs}

    for q in form.questions:
        label = q.label(lang)
        source: Source = "storyteller" if q.about == "storyteller" else "story"
        given = [(r.story_id, r.values.get(q.id)) for r in recs]
        given = [(sid, v) for sid, v in given if v is not None]
        if q.type == "single":
            group = q.id == form.group_question
            out.append(Variable(q.id, label, "choice", source, q.options, q.id, is_group=group))
            for sid, v in given:
                if v in q.options:
                    vals[sid][q.id] = v
        elif q.type == "boolean":
            out.append(Variable(q.id, label, "choice", source, (yes, no), q.id))
            for sid, v in given:
                if isinstance(v, bool):
                    vals[sid][q.id] = yes if v else no
        elif q.type == "multiple":
            for option in q.options:
                vid = f"{q.id}={option}"
                out.append(
                    Variable(vid, f"{label}: {option}", "choice", source, (yes, no), q.id, option)
                )
                for sid, v in given:
                    if isinstance(v, list):
                        vals[sid][vid] = yes if option in v else no
        elif q.type in ("scale", "number"):
            out.append(Variable(q.id, label, "scale", source, (), q.id))
            for sid, v in given:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    vals[sid][q.id] = float(v)
        else:  # triad, dyad, stones: shares, zone, positions (see variables.derived_variables)
            for d in derived_variables(q, lang):
                out.append(Variable(d.id, d.label, d.kind, source, d.categories, q.id))  # type: ignore[arg-type]
                for sid, v in given:
                    x = d.value(v)
                    if x is not None:
                        vals[sid][d.id] = x

    out += _perspective_variable(project, vals)

    out += _text_choice(recs, "session", t("pat_session", lang), vals)
    out += _text_choice(recs, "tag:language", t("pat_language", lang), vals)

    words = {r.story_id: r.values.get("tag:words") for r in recs}
    if any(isinstance(w, int | float) for w in words.values()):
        out.append(Variable("tag:words", t("pat_words", lang), "scale", "auto"))
        for sid, w in words.items():
            if isinstance(w, int | float) and not isinstance(w, bool):
                vals[sid]["tag:words"] = float(w)

    if not form.group_question:  # without a group question the group tag is its own variable
        out += _text_choice(recs, "tag:group", t("pat_group_label", lang), vals)
    return out, vals


def _text_choice(
    recs: list[Record], key: str, label: str, vals: dict[int, dict[str, object]]
) -> list[Variable]:
    """A choice variable from a text a story may carry (session, language or group tag): its
    categories are the texts found, sorted; a story without one has no value."""
    given = {r.story_id: r.values.get(key) for r in recs}
    found = sorted({v for v in given.values() if isinstance(v, str) and v})
    for sid, v in given.items():
        if isinstance(v, str) and v:
            vals[sid][key] = v
    return [Variable(key, label, "choice", "auto", tuple(found))] if found else []


def _perspective_variable(project: Project, vals: dict[int, dict[str, object]]) -> list[Variable]:
    """The active run's perspectives as one choice, 'past nergens bij' last. A story too short
    to group has no perspective: its value is missing, not a category."""
    from verhalen.cluster import TOO_SHORT
    from verhalen.perspectives import assignment, perspectives

    assigned = assignment(project)
    if not assigned:
        return []
    lang = project.lang
    names = {
        v.number: f"{v.number}. {v.title(lang)}"
        for v in perspectives(project)
        if v.number != TOO_SHORT
    }
    order = sorted(names, key=lambda n: (n == 0, n))
    for sid, n in assigned.items():
        if sid in vals and n in names:
            vals[sid]["perspective"] = names[n]
    label = t("pat_perspective", lang)
    return [Variable("perspective", label, "choice", "perspective", tuple(names[n] for n in order))]


def variables(project: Project) -> list[Variable]:
    """Every variable a pattern can be about, in form order, then perspective, session, tags."""
    return collect(project)[0]


def values(project: Project) -> dict[int, dict[str, object]]:
    """Story id -> variable id -> category (str) or number (float); missing values are absent."""
    return collect(project)[1]
