"""Which questions a landscape takes: two axes (scale or dyad questions) or one triad.

Every choice is checked before anything is drawn, so a wrong `--x`, `--y` or `--triad` is one
line naming the questions there are, and the results import names a landscape the same way the
kit does (`landscape_key`).
"""

from __future__ import annotations

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import t
from verhalen.project import Project

AXIS_TYPES = ("scale", "dyad")


def axis_questions(project: Project) -> list[Question]:
    """The questions a landscape axis can take: scales first, then dyads."""
    qs = project.form.questions
    return [q for q in qs if q.type == "scale"] + [q for q in qs if q.type == "dyad"]


def triad_questions(project: Project) -> list[Question]:
    return [q for q in project.form.questions if q.type == "triad"]


def value_range(q: Question) -> tuple[float, float]:
    """A scale's own range; a dyad runs 0–100 from its first anchor to its second."""
    if q.type == "dyad":
        return 0.0, 100.0
    return (q.min if q.min is not None else 0.0), (q.max if q.max is not None else 100.0)


def ends(q: Question) -> tuple[str, str]:
    """The texts at an axis' two ends: a scale's labels, a dyad's anchors."""
    if q.type == "dyad" and len(q.anchors) == 2:
        return q.anchors[0], q.anchors[1]
    return q.labels or ("", "")


def landscape_key(questions: tuple[Question, ...]) -> str:
    """How the results template names a landscape: `x/y` or the triad's id."""
    return "/".join(q.id for q in questions)


def _kinds(lang: str, dyads: bool) -> str:
    if dyads:
        return t("kit_kind_scale_or_dyad", lang)
    return t("kit_kind_scale", lang)


def _axis(project: Project, option: str, qid: str, lang: str) -> Question:
    allowed = ", ".join(q.id for q in axis_questions(project))
    dyads = any(q.type == "dyad" for q in project.form.questions)
    choose = (
        t("kit_choose_from", lang, choices=allowed) if allowed else t("kit_no_axis_questions", lang)
    )
    q = project.form.get(qid)
    if q is None:
        raise VerhalenError(t("kit_option_unknown", lang, option=option, id=qid, choose=choose))
    if q.type not in AXIS_TYPES:
        kind = _kinds(lang, dyads)
        hint = "; " + t("kit_triad_hint", lang, id=qid) if q.type == "triad" else ""
        raise VerhalenError(
            t(
                "kit_not_axis",
                lang,
                option=option,
                id=qid,
                kind=kind,
                type=q.type,
                choose=choose,
                hint=hint,
            )
        )
    return q


def check_axes(
    project: Project, x: str | None, y: str | None, lang: str
) -> tuple[Question, Question]:
    """The two axis questions; a missing one is the first other scale (or dyad) question. A
    question that is unknown or no scale or dyad, or the same on both axes, is one line
    naming it."""
    scales = axis_questions(project)
    qx = _axis(project, "--x", x, lang) if x else None
    qy = _axis(project, "--y", y, lang) if y else None
    if qx is None or qy is None:
        taken = {q.id for q in (qx, qy) if q is not None}
        free = [q for q in scales if q.id not in taken]
        if len(free) < 2 - len(taken):
            missing = "--x" if qx is None else "--y"
            raise VerhalenError(t("kit_no_scale_left", lang, option=missing, count=len(scales)))
        qx = qx or free.pop(0)
        qy = qy or free.pop(0)
    if qx.id == qy.id:
        raise VerhalenError(
            t(
                "kit_same_axes",
                lang,
                id=qx.id,
                choices=", ".join(q.id for q in scales),
            )
        )
    return qx, qy


def check_triad(project: Project, qid: str, lang: str, option: str = "--triad") -> Question:
    """The triad question `qid`; unknown or no triad is one line naming the triads there are."""
    triads = triad_questions(project)
    allowed = ", ".join(q.id for q in triads)
    choose = t("kit_choose_from", lang, choices=allowed) if triads else t("kit_no_triads", lang)
    q = project.form.get(qid)
    if q is None:
        raise VerhalenError(t("kit_option_unknown", lang, option=option, id=qid, choose=choose))
    if q.type != "triad" or len(q.anchors) != 3:
        raise VerhalenError(
            t("kit_not_triad", lang, option=option, id=qid, type=q.type, choose=choose)
        )
    return q


def check_landscape(
    project: Project, x: str | None, y: str | None, triad: str | None, lang: str
) -> tuple[Question, ...]:
    """The landscape asked for: (x, y) or (triad,). `--x` alone naming a triad is that triad;
    `--triad` with `--x` or `--y` is one line."""
    if triad:
        if x or y:
            raise VerhalenError(t("kit_triad_with_axes", lang))
        return (check_triad(project, triad, lang),)
    if x and not y:
        q = project.form.get(x)
        if q is not None and q.type == "triad":
            return (check_triad(project, x, lang, "--x"),)
    return check_axes(project, x, y, lang)


def default_landscape(project: Project) -> tuple[Question, ...] | None:
    """The kit's landscape when none is chosen: two scales, else two dyads (or a scale and a
    dyad), else the first triad; None when the form has none of these."""
    axes = axis_questions(project)
    if len(axes) >= 2:
        return axes[0], axes[1]
    triads = [q for q in triad_questions(project) if len(q.anchors) == 3]
    return (triads[0],) if triads else None
