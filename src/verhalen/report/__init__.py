"""The catalysis report: the project's numbers, perspectives, patterns and the facilitator's
observations, as a PDF to read and an XLSX to sort and filter.

`make_report` reads the project once (`data.py`), builds one report model (`build.py`) and
renders it twice (`pdf.py`, `xlsx.py`); the same project gives the same report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.project import Project

FORMATS = ("pdf", "xlsx", "both")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ReportResult:
    paths: list[Path]
    pages: int | None
    observations: int
    notable: int


def file_name(fmt: str, lang: str) -> str:
    return t(f"file_{fmt}", lang)


def report_folder(project: Project, lang: str | None = None) -> Path:
    """Where the report goes by default: `rapport/`, or `report/` in an English project."""
    return project.root / t("report_folder", lang or project.lang)


def make_report(
    project: Project,
    formats: str = "both",
    lang: str | None = None,
    out: Path | None = None,
    alpha: float = 0.05,
    min_effect: float = 0.0,
    progress: Progress | None = None,
) -> ReportResult:
    """Write catalysisrapport.pdf and/or .xlsx (English: catalysis-report.*) into `out`
    (default: `report_folder`).

    Each file is replaced whole or not at all (`verhalen.atomic`), one after the other: when
    the PDF fails, the new XLSX (written first) stays beside the older PDF."""
    from verhalen.report.build import build_report
    from verhalen.report.data import gather

    lang = lang or project.lang
    if formats not in FORMATS:
        raise VerhalenError(t("rep_unknown_format", lang, formats=formats))
    if not 0 < alpha < 1:
        raise VerhalenError(t("rep_alpha_range", lang))
    data = gather(project, lang, alpha, min_effect)
    report = build_report(data)
    steps = _Steps(progress, _charts(report) if formats != "xlsx" else 0)
    steps.step("model")
    folder = out or report_folder(project, lang)
    paths: list[Path] = []
    pages = None
    if formats in ("xlsx", "both"):
        from verhalen.report.xlsx import write_xlsx

        created = datetime(data.date.year, data.date.month, data.date.day)
        paths.append(write_xlsx(report, folder / file_name("xlsx", lang), created))
        steps.step("xlsx")
    if formats in ("pdf", "both"):
        from verhalen.report.pdf import write_pdf

        target = folder / file_name("pdf", lang)
        paths.append(write_pdf(report, target, steps.charts))
        steps.step("pdf")
        pages = count_pages(target)
    paths.sort(key=lambda p: p.suffix != ".pdf")
    return ReportResult(paths, pages, len(data.catalysis.observations), len(data.significant))


def count_pages(path: Path) -> int | None:
    """Pages of a written PDF (from its page tree; no PDF library needed)."""
    import re

    raw = path.read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", raw)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", raw)]
    return max(counts) if counts else None


def _charts(report) -> int:
    from verhalen.report.pdf import count_figures

    return count_figures(report)


class _Steps:
    """Progress in steps: the model, the spreadsheet, each chart, then typesetting."""

    FIXED = 3

    def __init__(self, progress: Progress | None, charts: int):
        self.progress = progress
        self.total = self.FIXED + charts
        self.done = 0

    def step(self, what: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(min(self.done, self.total), self.total, what)

    def charts(self, done: int, total: int, what: str) -> None:
        self.step(what)


def init_catalysis(
    project: Project, lang: str | None = None, alpha: float = 0.05, min_effect: float = 0.0
) -> Path:
    """Write a commented catalyse.yaml with this project's pattern ids and perspectives.

    Never overwrites: the facilitator's observations are the one thing here made by hand.
    """
    from verhalen import atomic
    from verhalen.catalysis import file_name, find_file, template
    from verhalen.patterns import compute_patterns, sentence
    from verhalen.perspectives import perspectives

    lang = lang or project.lang
    existing = find_file(project.root)
    if existing is not None:
        raise VerhalenError(t("rep_catalysis_exists", lang, existing=existing))
    project = project.in_language(lang)
    patterns = compute_patterns(project, alpha=alpha, min_effect=min_effect)
    listed = [(p.id, sentence(p, lang)) for p in patterns if p.significant]
    listed += [(p.id, sentence(p, lang)) for p in patterns if not p.significant and p.tested]
    with project.store() as store:
        has_run = store.active_run() is not None
    views = (
        [(v.number, v.title(lang)) for v in perspectives(project) if v.number >= 0]
        if has_run
        else []
    )
    path = project.root / file_name(lang)
    atomic.write_text(path, template(listed, views, lang))
    return path
