"""The landscape canvas: stories placed on two questions, or in a triad's triangle, by the
storytellers' own answers.

Three files: the canvas with small numbered markers (the story numbers, as on the cards), the
same canvas empty for placing by hand, and a legend that maps each number to its title and
group and lists the stories that could not be placed (no answer on one of the axes, or "not
applicable").

Two questions span a rectangle: scales (their own range) and dyads (0–100 between their two
anchors). A triad spans a triangle with its anchors at the corners (first at the top, then
bottom left, bottom right); a story lies at its shares, so 100/0/0 is the top corner.

Markers never overlap and never leave the axes (or the triangle). A story goes on its own point
when that is free; stories with the same or nearly the same answers take the nearest free place
around their point (searched on a fine grid, nearest first, then clockwise from the top; lower
numbers first), and a marker moved further than one place gets a thin line to its point. The
legend and the canvas say so.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import say
from verhalen.kit import KitStory, file_name, fit, kit_stories, page_size, pdf, wrap
from verhalen.project import Project

REACH = 14  # how far (in marker heights) a marker may move from its point
GAP = 0.8  # points between two markers
EDGE = 1.5  # points between a marker and the axes' frame
AXIS_TYPES = ("scale", "dyad")


def scale_questions(project: Project) -> list[Question]:
    return [q for q in project.form.questions if q.type == "scale"]


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


# -- placing --------------------------------------------------------------------------------------
@dataclass
class Marker:
    story: KitStory
    values: tuple[float, ...]  # the answers: (x, y), or a triad's three shares
    px: float  # the true point on the page
    py: float
    w: float  # the marker's size
    h: float
    x: float = 0.0  # where the marker is drawn
    y: float = 0.0

    @property
    def vx(self) -> float:
        return self.values[0]

    @property
    def vy(self) -> float:
        return self.values[1]

    @property
    def moved(self) -> float:
        return math.hypot(self.x - self.px, self.y - self.py)


def _value(q: Question, answers: dict[str, Any]) -> float | None:
    v = answers.get(q.id)
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return None
    lo, hi = value_range(q)
    return float(min(max(v, lo), hi))


def shares(q: Question, answers: dict[str, Any]) -> tuple[float, float, float] | None:
    """A triad answer as three shares summing to 100; None for no answer or not applicable."""
    v = answers.get(q.id)
    if not isinstance(v, list | tuple) or len(v) != 3:
        return None
    if any(isinstance(x, bool) or not isinstance(x, int | float) for x in v):
        return None
    parts = [max(float(x), 0.0) for x in v]
    total = sum(parts)
    if not math.isfinite(total) or total <= 0:
        return None
    a, b, c = (x * 100 / total for x in parts)
    return a, b, c


def _offsets(step: float, reach: float) -> list[tuple[float, float]]:
    """Offsets on a fine square grid around (0, 0) within `reach`: nearest first, then
    clockwise from the top, so the search for a free place is the same on every run."""
    n = int(reach // step)
    points = [
        (i * step, j * step)
        for i in range(-n, n + 1)
        for j in range(-n, n + 1)
        if math.hypot(i, j) * step <= reach
    ]
    points.sort(key=lambda p: (round(math.hypot(*p), 3), math.atan2(p[0], p[1]) % (2 * math.pi)))
    return points


def marker_width(story_id: int, height: float, size: float) -> float:
    """A marker is a pill as high as `height`, as wide as its number needs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from verhalen.report.pdf import FONT, _register_fonts

    _register_fonts()
    return max(height, stringWidth(str(story_id), f"{FONT}-Bold", size) + 6)


def _spread(markers: list[Marker], inside: Callable[[float, float, float, float], bool]) -> None:
    """Give every marker a free place: `inside(x, y, w, h)` says whether a marker of w × h
    centred on (x, y) lies wholly on the canvas; no two markers overlap."""
    h = max((m.h for m in markers), default=1.0)
    widest = max((m.w for m in markers), default=h)
    cell = widest + GAP  # a coarse grid of placed markers, for fast overlap checks
    grid: dict[tuple[int, int], list[Marker]] = {}

    def free(m: Marker, x: float, y: float) -> bool:
        if not inside(x, y, m.w, m.h):
            return False
        gx, gy = int(x // cell), int(y // cell)
        for i in (gx - 1, gx, gx + 1):
            for j in (gy - 1, gy, gy + 1):
                for o in grid.get((i, j), ()):
                    if (
                        abs(x - o.x) < (m.w + o.w) / 2 + GAP
                        and abs(y - o.y) < (m.h + o.h) / 2 + GAP
                    ):
                        return False
        return True

    def put(m: Marker, x: float, y: float) -> None:
        m.x, m.y = x, y
        grid.setdefault((int(x // cell), int(y // cell)), []).append(m)

    # first every point's lowest number on its own point, then the rest around them
    first: dict[tuple[float, float], Marker] = {}
    for m in markers:
        first.setdefault((m.px, m.py), m)
    rest = []
    for m in markers:
        if first[(m.px, m.py)] is m and free(m, m.px, m.py):
            put(m, m.px, m.py)
        else:
            rest.append(m)
    offsets = _offsets(h / 4, REACH * h)
    for m in rest:
        for dx, dy in offsets:
            if free(m, m.px + dx, m.py + dy):
                put(m, m.px + dx, m.py + dy)
                break
        else:  # no room nearby: the crowd is too large for the page
            raise VerhalenError(f"story {m.story.id}: no room on the canvas")


def place(
    stories: list[KitStory],
    qx: Question,
    qy: Question,
    lay: Layout,
) -> tuple[list[Marker], list[KitStory]]:
    """Markers for the stories with both answers, and the stories left out.

    An answer maps onto `lay.box` (the scale's ends are its edges); a marker lies wholly
    inside `lay.frame` (the axes) and never overlaps another one."""
    x0, y0, x1, y1 = lay.box
    fx0, fy0, fx1, fy1 = lay.frame
    h = lay.height
    markers, unplaced = [], []
    xlo, xhi = value_range(qx)
    ylo, yhi = value_range(qy)
    for s in sorted(stories, key=lambda s: s.id):
        vx, vy = _value(qx, s.answers), _value(qy, s.answers)
        if vx is None or vy is None:
            unplaced.append(s)
            continue
        px = x0 + (vx - xlo) / (xhi - xlo) * (x1 - x0)
        py = y0 + (vy - ylo) / (yhi - ylo) * (y1 - y0)
        w = marker_width(s.id, h, lay.font)
        markers.append(Marker(s, (vx, vy), px, py, w, h))

    def inside(x: float, y: float, w: float, mh: float) -> bool:
        return (
            fx0 + EDGE <= x - w / 2
            and x + w / 2 <= fx1 - EDGE
            and fy0 + EDGE <= y - mh / 2
            and y + mh / 2 <= fy1 - EDGE
        )

    _spread(markers, inside)
    return markers, unplaced


# -- the triangle ---------------------------------------------------------------------------------
Point = tuple[float, float]


@dataclass
class TriLayout:
    size: tuple[float, float]
    frame: tuple[Point, Point, Point]  # the drawn triangle: top, bottom left, bottom right
    box: tuple[Point, Point, Point]  # where 100 % of each anchor lies: the frame drawn in
    height: float
    font: float
    scale: float


def _edges(tri: tuple[Point, Point, Point]) -> list[tuple[Point, Point]]:
    """Each side as (a point on it, its inward unit normal), for distance checks."""
    out = []
    for i in range(3):
        a, b, c = tri[i], tri[(i + 1) % 3], tri[(i + 2) % 3]
        nx, ny = -(b[1] - a[1]), b[0] - a[0]
        length = math.hypot(nx, ny)
        nx, ny = nx / length, ny / length
        if (c[0] - a[0]) * nx + (c[1] - a[1]) * ny < 0:
            nx, ny = -nx, -ny
        out.append((a, (nx, ny)))
    return out


def in_triangle(tri: tuple[Point, Point, Point], x: float, y: float, w: float, h: float) -> bool:
    """Whether a w × h box centred on (x, y) lies inside `tri`, EDGE from every side."""
    corners = [(x + dx * w / 2, y + dy * h / 2) for dx in (-1, 1) for dy in (-1, 1)]
    for a, (nx, ny) in _edges(tri):
        for cx, cy in corners:
            if (cx - a[0]) * nx + (cy - a[1]) * ny < EDGE:
                return False
    return True


def _shrunk(tri: tuple[Point, Point, Point], factor: float) -> tuple[Point, Point, Point]:
    cx = sum(p[0] for p in tri) / 3
    cy = sum(p[1] for p in tri) / 3
    return tuple((cx + (p[0] - cx) * factor, cy + (p[1] - cy) * factor) for p in tri)  # type: ignore[return-value]


def tri_layout(paper: str) -> TriLayout:
    """An equilateral triangle as large as the page allows, room above the top corner and under
    the bottom ones for the anchors; the answers' triangle is drawn in so far that a
    three-digit marker fits on each corner."""
    size = page_size(paper)
    s = size[0] / 842
    height, font = (12.4, 7.0) if paper == "a4" else (15.0, 8.6)
    top, bottom = size[1] - 96 * s, 100 * s
    side = (top - bottom) * 2 / math.sqrt(3)
    cx = size[0] / 2
    frame = ((cx, top), (cx - side / 2, bottom), (cx + side / 2, bottom))
    widest = marker_width(999, height, font)
    factor = 1.0
    while factor > 0.5:
        box = _shrunk(frame, factor)
        if all(in_triangle(frame, p[0], p[1], widest, height) for p in box):
            break
        factor -= 0.002
    return TriLayout(size, frame, _shrunk(frame, factor), height, font, s)


def tri_point(lay: TriLayout, a: float, b: float, c: float) -> Point:
    """Where shares (a, b, c) of 100 lie: a toward the top corner, b bottom left, c right."""
    (tx, ty), (lx, ly), (rx, ry) = lay.box
    total = a + b + c
    return (
        (a * tx + b * lx + c * rx) / total,
        (a * ty + b * ly + c * ry) / total,
    )


def place_triad(
    stories: list[KitStory], q: Question, lay: TriLayout
) -> tuple[list[Marker], list[KitStory]]:
    """Markers for the stories with a triad answer, and the stories left out; every marker
    wholly inside the drawn triangle, none overlapping."""
    markers, unplaced = [], []
    for s in sorted(stories, key=lambda s: s.id):
        v = shares(q, s.answers)
        if v is None:
            unplaced.append(s)
            continue
        px, py = tri_point(lay, *v)
        markers.append(Marker(s, v, px, py, marker_width(s.id, lay.height, lay.font), lay.height))
    _spread(markers, lambda x, y, w, h: in_triangle(lay.frame, x, y, w, h))
    return markers, unplaced


# -- drawing --------------------------------------------------------------------------------------
@dataclass
class Layout:
    size: tuple[float, float]
    frame: tuple[float, float, float, float]  # the axes' rectangle
    box: tuple[float, float, float, float]  # the scales' ends: where answers map onto
    height: float  # of a marker
    font: float  # size of a marker's number
    scale: float


def layout(paper: str) -> Layout:
    size = page_size(paper)
    s = size[0] / 842
    height, font = (12.4, 7.0) if paper == "a4" else (15.0, 8.6)
    left, right, bottom, top = 58 * s, 24 * s, 78 * s, 64 * s
    frame = (left, bottom, size[0] - right, size[1] - top)
    across = marker_width(999, height, font) / 2 + EDGE + 2  # a three-digit number fits
    up = height / 2 + EDGE + 2
    box = (frame[0] + across, frame[1] + up, frame[2] - across, frame[3] - up)
    return Layout(size, frame, box, height, font, s)


def _title(qs: tuple[Question, ...], lang: str) -> str:
    return say(lang, "Landschap", "Landscape") + ": " + " × ".join(q.label(lang) for q in qs)


def _draw_axes(c: Any, lay: Layout, qx: Question, qy: Question, lang: str, head: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.pdf import ACCENT, FONT, INK, MUTED, RULE

    s = lay.scale
    fx0, fy0, fx1, fy1 = lay.frame
    bx0, by0, bx1, by1 = lay.box
    W, H = lay.size
    bold = f"{FONT}-Bold"
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 15 * s)
    c.drawString(fx0, H - 30 * s, fit(_title((qx, qy), lang), bold, 15 * s, W - fx0 - 180 * s))
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 8 * s)
    c.drawRightString(fx1, H - 30 * s, head)
    # the frame, quarter lines and the middle cross
    c.setStrokeColor(HexColor(RULE))
    c.setLineWidth(0.4)
    for k in (1, 3):
        x = bx0 + (bx1 - bx0) * k / 4
        y = by0 + (by1 - by0) * k / 4
        c.setDash(1, 3)
        c.line(x, fy0, x, fy1)
        c.line(fx0, y, fx1, y)
    c.setDash(4, 3)
    c.setLineWidth(0.7)
    c.line((bx0 + bx1) / 2, fy0, (bx0 + bx1) / 2, fy1)
    c.line(fx0, (by0 + by1) / 2, fx1, (by0 + by1) / 2)
    c.setDash()
    c.setStrokeColor(HexColor(INK))
    c.setLineWidth(1)
    c.rect(fx0, fy0, fx1 - fx0, fy1 - fy0)
    # ticks at both ends and the middle, with their values
    c.setFont(FONT, 7 * s)
    c.setFillColor(HexColor(MUTED))
    for q, horizontal in ((qx, True), (qy, False)):
        lo, hi = value_range(q)
        for k, v in enumerate((lo, (lo + hi) / 2, hi)):
            text = f"{v:g}"
            if horizontal:
                x = bx0 + (bx1 - bx0) * k / 2
                c.line(x, fy0, x, fy0 - 4)
                c.drawCentredString(x, fy0 - 12 * s, text)
            else:
                y = by0 + (by1 - by0) * k / 2
                c.line(fx0, y, fx0 - 4, y)
                c.drawRightString(fx0 - 6, y - 2.5 * s, text)
    # the x axis: low anchor, question, high anchor
    low, high = ends(qx)
    size = 9 * s
    yq = fy0 - 30 * s
    c.setFillColor(HexColor(INK))
    c.setFont(FONT, size)
    lw = c.stringWidth(f"← {low}", FONT, size) if low else 0
    hw = c.stringWidth(f"{high} →", FONT, size) if high else 0
    if low:
        c.drawString(fx0, yq, f"← {low}")
    if high:
        c.drawRightString(fx1, yq, f"{high} →")
    room = (fx1 - fx0) - 2 * max(lw, hw) - 24 * s
    lines = wrap(qx.question_text(lang), bold, size, room, 2)
    c.setFont(bold, size)
    for k, line in enumerate(lines):
        c.drawCentredString((fx0 + fx1) / 2, yq - k * (size + 2), line)
    # the y axis, turned a quarter: low anchor at the bottom, question, high anchor at the top
    low, high = ends(qy)
    c.saveState()
    c.translate(fx0 - 30 * s, 0)
    c.rotate(90)
    c.setFont(FONT, size)
    lw = c.stringWidth(f"← {low}", FONT, size) if low else 0
    hw = c.stringWidth(f"{high} →", FONT, size) if high else 0
    if low:
        c.drawString(fy0, 0, f"← {low}")
    if high:
        c.drawRightString(fy1, 0, f"{high} →")
    room = (fy1 - fy0) - 2 * max(lw, hw) - 24 * s
    lines = wrap(qy.question_text(lang), bold, size, room, 2)
    c.setFont(bold, size)
    for k, line in enumerate(lines):
        c.drawCentredString((fy0 + fy1) / 2, k * (size + 2) - (len(lines) - 1) * (size + 2), line)
    c.restoreState()


def spreading_note(lang: str) -> str:
    return say(
        lang,
        "Nummer = verhaalnummer (zoals op de kaarten). Verhalen met (bijna) dezelfde antwoorden "
        "liggen zo dicht mogelijk rond hun punt (•), het laagste nummer waar het kan op het punt; "
        "een nummer dat verder dan één plaats opschoof, heeft een dun lijntje naar zijn punt.",
        "Number = story number (as on the cards). Stories with (nearly) the same answers lie as "
        "close as they can around their point (•), the lowest number on the point where it fits; a "
        "number moved further than one place has a thin line to its point.",
    )


def results_note(qs: tuple[Question, ...], lang: str) -> str:
    """How the group's placements go back into the project (the results template)."""
    key = landscape_key(qs)
    if len(qs) == 1:
        return say(
            lang,
            f"In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en "
            "de drie delen zoals de groep het verhaal legde (bijvoorbeeld 60/30/10).",
            f"In the results template (sheet landschap): landscape {key}, the story number and "
            "the three shares as the group placed the story (for example 60/30/10).",
        )
    lo_x, hi_x = value_range(qs[0])
    lo_y, hi_y = value_range(qs[1])
    return say(
        lang,
        f"In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en x "
        f"({lo_x:g}–{hi_x:g}) en y ({lo_y:g}–{hi_y:g}) zoals de groep het verhaal legde.",
        f"In the results template (sheet landschap): landscape {key}, the story number and x "
        f"({lo_x:g}–{hi_x:g}) and y ({lo_y:g}–{hi_y:g}) as the group placed the story.",
    )


def write_landscape(
    project: Project,
    folder: Path,
    x: str | None,
    y: str | None,
    *,
    triad: str | None = None,
    paper: str = "a4",
    lang: str | None = None,
) -> list[Path]:
    """The canvas, the empty canvas and the legend into `folder`; checked before writing.

    Two questions (`x`, `y`: scales or dyads) give a rectangle, a triad (`triad`, or `x` alone
    naming one) a triangle."""
    lang = lang or project.lang
    page_size(paper)
    qs = check_landscape(project, x, y, triad, lang)
    stories = kit_stories(project, lang)
    draw: Callable[[Any, str], None]
    if len(qs) == 1:
        tri = tri_layout(paper)
        markers, unplaced = place_triad(stories, qs[0], tri)
        size, scale, margin = tri.size, tri.scale, 58 * tri.scale

        def draw(c: Any, head: str) -> None:
            _draw_triangle(c, tri, qs[0], lang, head)

    else:
        lay = layout(paper)
        markers, unplaced = place(stories, qs[0], qs[1], lay)
        size, scale, margin = lay.size, lay.scale, lay.frame[0]

        def draw(c: Any, head: str) -> None:
            _draw_axes(c, lay, qs[0], qs[1], lang, head)

    head = say(
        lang,
        f"{len(markers)} verhalen geplaatst, {len(unplaced)} niet",
        f"{len(markers)} stories placed, {len(unplaced)} not",
    )
    legend_name = file_name("legend", lang)
    paths = [folder / file_name(p, lang) for p in ("landscape", "blank", "legend")]
    font = 7.0 if paper == "a4" else 8.6
    with pdf(paths[0], size, _title(qs, lang)) as c:
        draw(c, head)
        _draw_markers(c, font, markers)
        note = spreading_note(lang) + " " + say(lang, "Legenda: ", "Legend: ") + legend_name
        _note(c, size, scale, margin, note)
        c.showPage()
    with pdf(paths[1], size, _title(qs, lang)) as c:
        draw(c, say(lang, "tafel / groep: ________________", "table / group: ________________"))
        place_note = say(
            lang,
            "Leg de kaarten waar de groep ze plaatst, of schrijf hun nummers op die plek. "
            "Maak een foto of noteer per verhaal de plek voordat de kaarten van tafel gaan.",
            "Lay the cards where the group places them, or write their numbers there. "
            "Take a photo or note each story's place before the cards leave the table.",
        )
        _note(c, size, scale, margin, place_note + " " + results_note(qs, lang))
        c.showPage()
    _write_legend(paths[2], qs, markers, unplaced, lang, project.name)
    return paths


def _note(c: Any, size: tuple[float, float], s: float, left: float, text: str) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.pdf import FONT, MUTED

    c.setFont(FONT, 6.8 * s)
    c.setFillColor(HexColor(MUTED))
    for k, line in enumerate(wrap(text, FONT, 6.8 * s, size[0] - 2 * left, 2)):
        c.drawString(left, 20 * s - k * 8.5 * s, line)


def _draw_triangle(c: Any, lay: TriLayout, q: Question, lang: str, head: str) -> None:
    """The triangle: its frame, the lines where an anchor holds half, the centre, the anchors
    at the corners and the question top left."""
    from reportlab.lib.colors import HexColor

    from verhalen.report.pdf import ACCENT, FONT, INK, MUTED, RULE

    s = lay.scale
    W, H = lay.size
    left = 58 * s
    bold = f"{FONT}-Bold"
    c.setFillColor(HexColor(ACCENT))
    c.setFont(bold, 15 * s)
    c.drawString(left, H - 30 * s, fit(_title((q,), lang), bold, 15 * s, W - left - 180 * s))
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 8 * s)
    c.drawRightString(W - 24 * s, H - 30 * s, head)
    # the question, top left, and how to read the triangle
    (tx, ty), (lx, ly), (rx, ry) = lay.frame
    room = tx - 190 * s - left  # left of the top anchor's text
    c.setFillColor(HexColor(INK))
    y = H - 52 * s
    for line in wrap(q.question_text(lang), bold, 9.5 * s, room, 4):
        c.setFont(bold, 9.5 * s)
        c.drawString(left, y, line)
        y -= 12 * s
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 7.5 * s)
    how = say(
        lang,
        "Elke hoek is 100 % van dat antwoord; hoe dichter bij een hoek, hoe meer het verhaal "
        "daarover gaat. Het midden is van elk een derde.",
        "Each corner is 100 % of that answer; the nearer a corner, the more the story is about "
        "it. The centre is a third of each.",
    )
    for line in wrap(how, FONT, 7.5 * s, room, 4):
        y -= 2 * s
        c.drawString(left, y, line)
        y -= 7.5 * s
    # half of each anchor: the lines that cut off each corner's half
    c.setStrokeColor(HexColor(RULE))
    c.setDash(4, 3)
    c.setLineWidth(0.6)
    for i in range(3):
        a, b = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
        a[i] = b[i] = a[(i + 1) % 3] = b[(i + 2) % 3] = 50.0
        p, r = tri_point(lay, *a), tri_point(lay, *b)
        c.line(p[0], p[1], r[0], r[1])
    c.setDash()
    cx, cy = tri_point(lay, 1, 1, 1)
    c.setLineWidth(0.7)
    c.line(cx - 4, cy, cx + 4, cy)
    c.line(cx, cy - 4, cx, cy + 4)
    c.setStrokeColor(HexColor(INK))
    c.setLineWidth(1)
    path = c.beginPath()
    path.moveTo(tx, ty)
    path.lineTo(lx, ly)
    path.lineTo(rx, ry)
    path.close()
    c.drawPath(path, stroke=1, fill=0)
    # the anchors: above the top corner, under the bottom ones
    size = 10 * s
    c.setFillColor(HexColor(INK))
    c.setFont(bold, size)
    top = wrap(q.anchors[0], bold, size, 360 * s, 2)
    for k, line in enumerate(reversed(top)):
        c.drawCentredString(tx, ty + 9 * s + k * (size + 2), line)
    margin = 24 * s
    for (x, y0), anchor, align in (
        (lay.frame[1], q.anchors[1], -1),
        (lay.frame[2], q.anchors[2], 1),
    ):
        width = min(300 * s, 2 * (x - margin) if align < 0 else 2 * (W - margin - x))
        for k, line in enumerate(wrap(anchor, bold, size, width, 3)):
            w = c.stringWidth(line, bold, size)
            start = min(max(x - w / 2, margin), W - margin - w)
            c.drawString(start, y0 - 15 * s - k * (size + 2), line)


def _draw_markers(c: Any, font: float, markers: list[Marker]) -> None:
    from reportlab.lib.colors import HexColor, white

    from verhalen.report.pdf import ACCENT, FONT, MUTED

    bold = f"{FONT}-Bold"
    c.setStrokeColor(HexColor(MUTED))
    c.setLineWidth(0.35)
    for m in markers:  # a thin line from a marker moved further than one place to its point
        if abs(m.x - m.px) > m.w * 1.2 or abs(m.y - m.py) > m.h * 1.2:
            c.line(m.px, m.py, m.x, m.y)
    c.setFillColor(HexColor(MUTED))
    for m in markers:
        if m.x != m.px or m.y != m.py:
            c.circle(m.px, m.py, 0.9, stroke=0, fill=1)
    for m in markers:
        c.setFillColor(white)
        c.setStrokeColor(HexColor(ACCENT))
        c.setLineWidth(0.8)
        c.roundRect(m.x - m.w / 2, m.y - m.h / 2, m.w, m.h, m.h / 2, stroke=1, fill=1)
        c.setFillColor(HexColor(ACCENT))
        c.setFont(bold, font)
        c.drawCentredString(m.x, m.y - font * 0.36, str(m.story.id))


def _write_legend(
    path: Path,
    qs: tuple[Question, ...],
    markers: list[Marker],
    unplaced: list[KitStory],
    lang: str,
    project_name: str,
) -> None:
    import io

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as P

    from verhalen.atomic import write_bytes
    from verhalen.report.pdf import LIGHT, RULE, _register_fonts, _styles, _text

    _register_fonts()
    st = _styles()
    margin = 1.6 * cm
    frame = A4[0] - 2 * margin

    def axis(q: Question, name: str) -> str:
        (low, high), (lo, hi) = ends(q), value_range(q)
        span = f"{lo:g} ({low}) – {hi:g} ({high})"
        return f"<b>{name}</b>: {_text(q.question_text(lang))} · {_text(span)}"

    def table(head: list[str], rows: list[list[str]], widths: list[float]) -> Any:
        data = [[P(_text(h), st["cell_head"]) for h in head]]
        data += [[P(_text(v), st["cell"]) for v in row] for row in rows]
        t = LongTable(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor(LIGHT)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return t

    group = say(lang, "groep", "group")
    title = say(lang, "titel", "title")
    out: list = [P(_text(say(lang, "Legenda bij het landschap", "Landscape legend")), st["h1"])]
    if len(qs) == 1:
        q = qs[0]
        corners = say(
            lang,
            f"{q.anchors[0]} (boven), {q.anchors[1]} (linksonder), {q.anchors[2]} (rechtsonder)",
            f"{q.anchors[0]} (top), {q.anchors[1]} (bottom left), {q.anchors[2]} (bottom right)",
        )
        out.append(
            P(
                f"<b>{_text(say(lang, 'Driehoek', 'Triad'))}</b>: "
                f"{_text(q.question_text(lang))} · {_text(corners)}",
                st["body"],
            )
        )
        heads = [f"{a} (%)" for a in q.anchors]
        widths = [1.0 * cm, frame - 11.8 * cm, 2.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm]
    else:
        out.append(P(axis(qs[0], say(lang, "Horizontaal", "Across")), st["body"]))
        out.append(P(axis(qs[1], say(lang, "Verticaal", "Up")), st["body"]))
        heads = [q.label(lang) for q in qs]
        widths = [1.2 * cm, frame - 9.4 * cm, 3.4 * cm, 2.4 * cm, 2.4 * cm]
    out += [
        P(_text(spreading_note(lang)), st["small"]),
        P(_text(results_note(qs, lang)), st["small"]),
        P(_text(project_name), st["small"]),
        Spacer(1, 6),
    ]
    rows = [
        [str(m.story.id), m.story.title, m.story.group, *(f"{round(v, 1):g}" for v in m.values)]
        for m in sorted(markers, key=lambda m: m.story.id)
    ]
    out.append(table(["#", title, group, *heads], rows, widths))
    if unplaced:
        out.append(P(_text(say(lang, "Niet geplaatst", "Not placed")), st["subheading"]))
        why = (
            say(
                lang,
                "Deze verhalen hebben de driehoek niet ingevuld of 'niet van toepassing' gekozen.",
                "These stories left the triad empty or chose 'not applicable'.",
            )
            if len(qs) == 1
            else say(
                lang,
                "Deze verhalen hebben geen antwoord op een van de twee vragen.",
                "These stories have no answer to one of the two questions.",
            )
        )
        out.append(P(_text(why), st["small"]))
        if len(qs) == 1:
            rows = [[str(s.id), s.title, s.group] for s in unplaced]
            out.append(table(["#", title, group], rows, [widths[0], frame - 3.4 * cm, 2.4 * cm]))
        else:
            rows = []
            for s in unplaced:
                missing = [q.label(lang) for q in qs if _value(q, s.answers) is None]
                rows.append([str(s.id), s.title, s.group, ", ".join(missing)])
            miss = say(lang, "geen antwoord op", "no answer to")
            out.append(table(["#", title, group, miss], rows, [*widths[:3], 4.8 * cm]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=say(lang, "Legenda bij het landschap", "Landscape legend"),
        author="verhalen",
        creator="verhalen",
        producer="verhalen",
        invariant=1,
    )
    doc.build(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, buffer.getvalue())
