"""Which questions a landscape takes: two axes (scale or dyad questions) or one triad.

Every choice is checked before anything is drawn, so a wrong `--x`, `--y` or `--triad` is one
line naming the questions there are, and the results import names a landscape the same way the
kit does (`landscape_key`).
"""

from __future__ import annotations

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import say
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
        return say(lang, "schaal- of dyadevraag", "scale or dyad question")
    return say(lang, "schaalvraag", "scale question")


def _axis(project: Project, option: str, qid: str, lang: str) -> Question:
    allowed = ", ".join(q.id for q in axis_questions(project))
    dyads = any(q.type == "dyad" for q in project.form.questions)
    choose = (
        say(lang, f"kies uit: {allowed}", f"choose from: {allowed}")
        if allowed
        else say(
            lang,
            "het formulier heeft geen schaalvragen of dyades",
            "the form has no scale or dyad questions",
        )
    )
    q = project.form.get(qid)
    if q is None:
        raise VerhalenError(
            say(lang, f"{option} {qid}: onbekende vraag", f"{option} {qid}: unknown question")
            + f" ({choose})"
        )
    if q.type not in AXIS_TYPES:
        kind = _kinds(lang, dyads)
        hint = (
            say(lang, f"; een driehoek: --triad {qid}", f"; a triad: --triad {qid}")
            if q.type == "triad"
            else ""
        )
        raise VerhalenError(
            say(
                lang,
                f"{option} {qid}: geen {kind} maar {q.type}",
                f"{option} {qid}: not a {kind} but {q.type}",
            )
            + f" ({choose}){hint}"
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
            raise VerhalenError(
                say(
                    lang,
                    f"{missing}: geen schaalvraag over (het formulier heeft er {len(scales)})",
                    f"{missing}: no scale question left (the form has {len(scales)})",
                )
            )
        qx = qx or free.pop(0)
        qy = qy or free.pop(0)
    if qx.id == qy.id:
        raise VerhalenError(
            say(
                lang,
                f"--x en --y zijn dezelfde vraag ({qx.id}): kies er twee uit "
                + ", ".join(q.id for q in scales),
                f"--x and --y are the same question ({qx.id}): choose two from "
                + ", ".join(q.id for q in scales),
            )
        )
    return qx, qy


def check_triad(project: Project, qid: str, lang: str, option: str = "--triad") -> Question:
    """The triad question `qid`; unknown or no triad is one line naming the triads there are."""
    triads = triad_questions(project)
    allowed = ", ".join(q.id for q in triads)
    choose = (
        say(lang, f"kies uit: {allowed}", f"choose from: {allowed}")
        if triads
        else say(lang, "het formulier heeft geen driehoeken", "the form has no triads")
    )
    q = project.form.get(qid)
    if q is None:
        raise VerhalenError(
            say(lang, f"{option} {qid}: onbekende vraag", f"{option} {qid}: unknown question")
            + f" ({choose})"
        )
    if q.type != "triad" or len(q.anchors) != 3:
        raise VerhalenError(
            say(
                lang,
                f"{option} {qid}: geen driehoek maar {q.type}",
                f"{option} {qid}: not a triad but {q.type}",
            )
            + f" ({choose})"
        )
    return q


def check_landscape(
    project: Project, x: str | None, y: str | None, triad: str | None, lang: str
) -> tuple[Question, ...]:
    """The landscape asked for: (x, y) or (triad,). `--x` alone naming a triad is that triad;
    `--triad` with `--x` or `--y` is one line."""
    if triad:
        if x or y:
            raise VerhalenError(
                say(
                    lang,
                    "--triad gaat niet samen met --x of --y: een driehoek heeft zijn eigen hoeken",
                    "--triad does not go with --x or --y: a triad has its own corners",
                )
            )
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
