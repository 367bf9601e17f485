"""The workshop kit: everything the sensemaking room needs on paper, as one folder of PDFs.

`write_kit` writes the landscape canvas (with its legend and an empty canvas; two scales, else
two dyads, else the form's first triad, unless `--x`/`--y` or `--triad` choose), the timeline
strips, the story-element label sheets, the composite-story template and the agenda with the
chosen exercises' instructions. The pieces live in their own modules (`kit_landscape`,
`kit_timeline`, `kit_sheets`); this one holds what they share: the stories as the kit shows
them (only `shown_title`, never a storyteller's name), the paper sizes, the file names in the
project's language, and a canvas drawn in memory and written whole by `verhalen.atomic`.

The big pieces (canvas, empty canvas, timeline strips, composite template) follow `--paper`
(A4 or A3, landscape); the legend, the label sheets and the agenda are always A4 portrait:
label sheets are sold in A4, and a list reads best on a page in the hand.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.project import Project

PAPERS = ("a4", "a3")
MM = 72 / 25.4  # points per millimetre


def _names(key: str) -> tuple[str, str]:
    return t(key, "nl"), t(key, "en")


# Every file of the kit, by piece: (Dutch name, English name).
FILE_NAMES: dict[str, tuple[str, str]] = {
    "landscape": _names("kit_file_landscape"),
    "blank": _names("kit_file_blank"),
    "legend": _names("kit_file_legend"),
    "timeline": _names("kit_file_timeline"),
    "elements": _names("kit_file_elements"),
    "composite": _names("kit_file_composite"),
    "agenda": _names("kit_file_agenda"),
}


def file_name(piece: str, lang: str) -> str:
    nl, en = FILE_NAMES[piece]
    return nl if lang == "nl" else en


def kit_folder(project: Project) -> Path:
    """The folder the kit goes into by default: the one cards and sheets use."""
    from verhalen.workshop import WORKSHOP_DIR

    return project.root / WORKSHOP_DIR


def page_size(paper: str, landscape: bool = True, lang: str = "nl") -> tuple[float, float]:
    from reportlab.lib.pagesizes import A3, A4

    if paper not in PAPERS:
        raise VerhalenError(t("kit_paper", lang, paper=paper))
    w, h = A4 if paper == "a4" else A3
    return (h, w) if landscape else (w, h)


# -- the stories as the kit shows them ------------------------------------------------------------
@dataclass
class KitStory:
    """One story: its number (the story id, as on the cards), title, group and answers."""

    id: int
    title: str
    group: str
    session: str
    answers: dict[str, Any] = field(default_factory=dict)


def kit_stories(project: Project, lang: str) -> list[KitStory]:
    """Every story in the analysis, by number, with its own answers and its teller's."""
    with project.store() as store:
        rows = store.stories(excluded=False)
        answers = store.answers()
        tellers = store.storyteller_answers()
    out = []
    for s in rows:
        merged = dict(tellers.get(s.storyteller_id or "", {}))
        merged.update(answers.get(s.id, {}))
        title = s.shown_title or t("story_untitled", lang, id=s.id)
        out.append(KitStory(s.id, " ".join(title.split()), s.group or "", s.session or "", merged))
    return out


# -- drawing --------------------------------------------------------------------------------------
@contextmanager
def pdf(path: Path, size: tuple[float, float], title: str) -> Iterator[Any]:
    """A reportlab canvas drawn in memory; the file is written whole when the block ends
    without error, and not at all when it raises (the old file stays)."""
    from reportlab.pdfgen.canvas import Canvas

    from verhalen.atomic import write_bytes
    from verhalen.report.theme import register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("verhalen")
    canvas.setCreator("verhalen")
    yield canvas
    canvas.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, buffer.getvalue())


def write_document(path: Path, flowables: list, title: str, margin: float) -> None:
    """An A4 document of reportlab flowables (a legend, an agenda) built in memory and written
    whole, so a failure while building leaves the old file."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from verhalen.atomic import write_bytes

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="verhalen",
        creator="verhalen",
        producer="verhalen",
        invariant=1,
    )
    doc.build(flowables)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, buffer.getvalue())


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis so it fits `width` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip(" ,;:-") + "…"


def wrap(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """`text` broken into at most `lines` lines of `width` points, the last cut with …"""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and stringWidth(f"{line} {words[0]}", font, size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        out[-1] = fit(out[-1] + " " + " ".join(words), font, size, width)
    return [fit(line, font, size, width) for line in out]


def footer(canvas: Any, size: tuple[float, float], text: str, margin: float = 20.0) -> None:
    """A small grey line at the bottom of the page."""
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import FONT, MUTED

    canvas.saveState()
    canvas.setFont(FONT, 6.5)
    canvas.setFillColor(HexColor(MUTED))
    canvas.drawString(margin, margin * 0.55, fit(text, FONT, 6.5, size[0] - 2 * margin))
    canvas.restoreState()


# -- the whole kit --------------------------------------------------------------------------------
def write_kit(
    project: Project,
    folder: Path,
    *,
    paper: str = "a4",
    x: str | None = None,
    y: str | None = None,
    triad: str | None = None,
    by: str | None = None,
    exercises: list[str] | None = None,
    lang: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Every piece of the kit into `folder`; returns the files written and notes for the user.

    Every choice is checked before the first file is written: a bad axis question or
    exercise writes nothing. Each file is written whole (old or new, never partial).
    """
    from verhalen import kit_agenda, kit_landscape, kit_sheets, kit_timeline, landscape_axes

    lang = lang or project.lang
    page_size(paper, lang=lang)
    chosen = kit_agenda.check_exercises(exercises, lang)
    notes: list[str] = []
    axes = None
    if x or y or triad:
        axes = landscape_axes.check_landscape(project, x, y, triad, lang)
    else:  # two scales, else two dyads, else the first triad
        axes = landscape_axes.default_landscape(project)
        if axes is None:
            notes.append(t("kit_no_landscape", lang))
    kit_timeline.check_order(project, by, lang)
    written: list[Path] = []
    if axes is not None:
        if len(axes) == 1:
            ids: tuple[str | None, str | None, str | None] = (None, None, axes[0].id)
        else:
            ids = (axes[0].id, axes[1].id, None)
        written += kit_landscape.write_landscape(
            project, folder, ids[0], ids[1], triad=ids[2], paper=paper, lang=lang
        )
    written.append(
        kit_timeline.write_timeline(
            project, folder / file_name("timeline", lang), by=by, paper=paper, lang=lang
        )
    )
    written += kit_sheets.write_elements(project, folder, paper=paper, lang=lang)
    written.append(
        kit_agenda.write_agenda(project, folder / file_name("agenda", lang), chosen, lang=lang)
    )
    return written, notes
