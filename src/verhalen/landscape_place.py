"""Where each story's marker lies on a landscape: pure geometry, nothing drawn.

Two questions span a rectangle: scales (their own range) and dyads (0–100 between their two
anchors). A triad spans a triangle with its anchors at the corners (first at the top, then
bottom left, bottom right); a story lies at its shares, so 100/0/0 is the top corner.

Markers never overlap and never leave the axes (or the triangle). A story goes on its own point
when that is free; stories with the same or nearly the same answers take the nearest free place
around their point (searched on a fine grid, nearest first, then clockwise from the top; lower
numbers first), so the same answers give the same picture on every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.form import Question
from verhalen.i18n import t
from verhalen.kit import KitStory, page_size
from verhalen.landscape_axes import value_range

REACH = 14  # how far (in marker heights) a marker may move from its point
GAP = 0.8  # points between two markers
EDGE = 1.5  # points between a marker and the axes' frame


@dataclass
class Marker:
    """A story's numbered pill: its answers, its true point and where it is drawn."""

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


def axis_value(q: Question, answers: dict[str, Any]) -> float | None:
    """An axis answer kept inside the question's range; None for no number (or not applicable),
    so such a story is listed as not placed instead of drawn somewhere."""
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

    from verhalen.report.theme import FONT, register_fonts

    register_fonts()
    return max(height, stringWidth(str(story_id), f"{FONT}-Bold", size) + 6)


def _spread(
    markers: list[Marker],
    inside: Callable[[float, float, float, float], bool],
    lang: str = "nl",
) -> None:
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
            raise VerhalenError(t("kit_no_room", lang, id=m.story.id))


# -- the rectangle --------------------------------------------------------------------------------
@dataclass
class Layout:
    """Where a two-axis canvas lies on the page."""

    size: tuple[float, float]
    frame: tuple[float, float, float, float]  # the axes' rectangle
    box: tuple[float, float, float, float]  # the scales' ends: where answers map onto
    height: float  # of a marker
    font: float  # size of a marker's number
    scale: float


def layout(paper: str) -> Layout:
    """The axes as large as the page allows, the answers' box drawn in so far that a
    three-digit marker fits on each end."""
    size = page_size(paper)
    s = size[0] / 842
    height, font = (12.4, 7.0) if paper == "a4" else (15.0, 8.6)
    left, right, bottom, top = 58 * s, 24 * s, 78 * s, 64 * s
    frame = (left, bottom, size[0] - right, size[1] - top)
    across = marker_width(999, height, font) / 2 + EDGE + 2  # a three-digit number fits
    up = height / 2 + EDGE + 2
    box = (frame[0] + across, frame[1] + up, frame[2] - across, frame[3] - up)
    return Layout(size, frame, box, height, font, s)


def place(
    stories: list[KitStory],
    qx: Question,
    qy: Question,
    lay: Layout,
    lang: str = "nl",
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
        vx, vy = axis_value(qx, s.answers), axis_value(qy, s.answers)
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

    _spread(markers, inside, lang)
    return markers, unplaced


# -- the triangle ---------------------------------------------------------------------------------
Point = tuple[float, float]


@dataclass
class TriLayout:
    """Where a triad's triangle lies on the page."""

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
    stories: list[KitStory], q: Question, lay: TriLayout, lang: str = "nl"
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
    _spread(markers, lambda x, y, w, h: in_triangle(lay.frame, x, y, w, h), lang)
    return markers, unplaced
