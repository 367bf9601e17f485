"""NarraFirma's CSV import format: a story-form CSV that describes a stories CSV.

The form CSV lists each data column with its question type (single choice, indexed, scale,
multi-column texts or yes/no, single-column delimited …) and `import` rows that name the text,
title and participant columns. We turn it into a verhalen story form and decode the stories with
it, so a NarraFirma project moves over with its answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from verhalen.form import Question, StoryForm, fold
from verhalen.i18n import t
from verhalen.ingest._model import (
    RawStoryteller,
    ReadError,
    ReadOptions,
    ReadResult,
    export_story,
)
from verhalen.ingest._normalize import one_line
from verhalen.ingest._table import read_rows

CHOICE_TYPES = {"single choice", "single choice indexed", "eliciting"}
MULTI_TYPES = {
    "multi-choice multi-column texts",
    "multi-choice multi-column yes/no",
    "multi-choice single-column delimited",
    "multi-choice single-column delimited indexed",
}
ABOUT = {"story": "story", "eliciting": "story", "participant": "storyteller"}


@dataclass
class NFQuestion:
    column: str
    kind: str
    question: Question
    writein: Question | None = None  # free text people wrote instead of choosing ("Other")


@dataclass
class NFSpec:
    """What a NarraFirma form CSV says about its stories CSV."""

    questions: list[NFQuestion] = field(default_factory=list)
    settings: dict[str, list[str]] = field(default_factory=dict)

    def setting(self, name: str, default: str) -> str:
        values = self.settings.get(name.casefold())
        return values[0] if values and values[0] != "" else default

    @property
    def form(self) -> StoryForm:
        questions = []
        for q in self.questions:
            questions.append(q.question)
            if q.writein is not None:
                questions.append(q.writein)
        return StoryForm(title="NarraFirma", language="en", questions=tuple(questions))


def slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.casefold()).strip("_") or "vraag"


def read_form(path: Path, options: ReadOptions) -> NFSpec:
    """The form CSV as a spec; a ReadError's message names the file (and row) to look at."""
    try:
        return _read_form(path, options)
    except ReadError as exc:
        where = f"{path}:{exc.row}" if exc.row is not None else str(path)
        raise ReadError(f"{where}: {one_line(str(exc))}", exc.row) from None


def _number(value: str, row: int | None, lang: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ReadError(t("not_a_number", lang, value=one_line(value, 80)), row) from None


def _read_form(path: Path, options: ReadOptions) -> NFSpec:
    lang = options.lang
    rows = read_rows(path, options)
    header_at = next((i for i, (_, c) in enumerate(rows) if fold(c[0]) == "data column name"), None)
    if header_at is None:
        raise ReadError(t("nf_no_header", lang))
    spec = NFSpec()
    settings_row: dict[str, int] = {}
    used: set[str] = set()
    for number, cells in rows[header_at + 1 :]:
        cells = [*cells, *[""] * 7]
        column, kind, about, short, long_ = (c.strip() for c in cells[:5])
        answers = [c.strip() for c in cells[6:] if c.strip()]
        kind_f, about_f = fold(kind), fold(about)
        if about_f == "import":
            # Values keep their spaces: the Q-A separator ": " is significant.
            spec.settings[kind_f] = [c for c in cells[6:]]
            settings_row[kind_f] = number
            continue
        if about_f not in ABOUT or not column:
            continue  # form texts (titles, CSS) and unknown rows are not data
        qid = slug(short or column)
        while qid in used:
            qid += "_"
        used.add(qid)
        text = {"en": long_ or short or column}
        short_names = {"en": short or column}
        settings = dict(part.split("=", 1) for part in cells[5].split("|") if "=" in part)
        writein_label = settings.get("writeInTextBoxLabel", "").strip()
        if kind_f in CHOICE_TYPES or kind_f in MULTI_TYPES:
            options_ = tuple(dict.fromkeys(a.split("|")[0].strip() for a in answers))
            if writein_label and writein_label not in options_:
                options_ = (*options_, writein_label)
            question = Question(
                qid,
                "multiple" if kind_f in MULTI_TYPES else "single",
                ABOUT[about_f],
                text,
                short_names,
                options_,
            )
        elif kind_f == "scale":
            numbers = [a for a in answers if re.fullmatch(r"-?\d+(\.\d+)?", a)]
            labels = [a for a in answers if a not in numbers]
            lo, hi = (float(numbers[0]), float(numbers[1])) if len(numbers) >= 2 else (None, None)
            question = Question(
                qid,
                "scale",
                ABOUT[about_f],
                text,
                short_names,
                (),
                lo,
                hi,
                (labels[0], labels[1]) if len(labels) >= 2 else None,
            )
        elif kind_f == "boolean":
            question = Question(qid, "boolean", ABOUT[about_f], text, short_names)
        elif kind_f == "text":
            question = Question(qid, "text", ABOUT[about_f], text, short_names)
        else:
            raise ReadError(t("nf_unsupported_type", lang, kind=one_line(kind, 80)), number)
        writein = None
        if writein_label and question.type in ("single", "multiple"):
            writein = Question(
                f"{qid}_writein",
                "text",
                question.about,
                {"en": f"{text['en']} ({writein_label})"},
                {"en": f"{short_names['en']} ({writein_label})"},
            )
            used.add(writein.id)
        spec.questions.append(NFQuestion(column, kind_f, question, writein))
    scale_range = [*(spec.settings.get("scale range") or []), "", ""]
    row = settings_row.get("scale range")
    lo = _number(scale_range[0] or "0", row, lang)
    hi = _number(scale_range[1] or "100", row, lang)
    for nf in spec.questions:
        q = nf.question
        if q.type == "scale" and q.min is None:
            nf.question = Question(q.id, q.type, q.about, q.text, q.short, (), lo, hi, q.labels)
    return spec


def read_stories(path: Path, display: str, spec: NFSpec, options: ReadOptions) -> ReadResult:
    """Stories, their answers and participants from a NarraFirma stories CSV."""
    result = ReadResult()
    rows = read_rows(path, options)
    if not rows:
        result.problems.append((None, t("empty_story", options.lang)))
        return result
    (header_row, header), body = rows[0], rows[1:]
    folded = [fold(h) for h in header]
    yes = fold(spec.setting("Yes no questions yes indicator", "yes"))
    qa_sep = spec.setting("Yes no questions Q-A separator", ": ")
    qa_end = spec.setting("Yes no questions Q-A ending", "")
    delimiter = spec.setting("Multi choice single column delimiter", ",")

    def column(name: str) -> int | None:
        return folded.index(fold(name)) if fold(name) in folded else None

    text_col = column(spec.setting("Story text column name", "Story text"))
    title_col = column(spec.setting("Story title column name", "Story title"))
    teller_col = column(spec.setting("Participant ID column name", "Participant ID"))
    if text_col is None:
        name = spec.setting("Story text column name", "Story text")
        result.problems.append(
            (header_row, t("unmapped_column", options.lang, field=name, columns=", ".join(header)))
        )
        return result

    for number, cells in body:
        cells = cells + [""] * (len(header) - len(cells))
        answers: dict[str, object] = {}
        attributes: dict[str, object] = {}
        for nf in spec.questions:
            value = _decode(nf, header, cells, yes, qa_sep, qa_end, delimiter)
            if nf.writein is not None:
                value, written = _split_writein(nf, value, header, cells)
                if written:
                    target = attributes if nf.question.about == "storyteller" else answers
                    target[nf.writein.id] = written
            if value not in (None, "", []):
                (attributes if nf.question.about == "storyteller" else answers)[nf.question.id] = (
                    value
                )
        teller = cells[teller_col].strip() if teller_col is not None else ""
        if attributes or teller:
            teller = teller or f"{Path(display).stem}-r{number}"
            result.storytellers.append(RawStoryteller(display, number, teller, None, attributes))
        result.stories.append(
            export_story(
                display, number, cells, text_col, title_col, teller, options.session, answers
            )
        )
    return result


def _decode(
    nf: NFQuestion,
    header: list[str],
    cells: list[str],
    yes: str,
    qa_sep: str,
    qa_end: str,
    delimiter: str,
) -> object:
    q = nf.question
    same = [i for i, h in enumerate(header) if _bare(h) == _bare(nf.column)]
    if nf.kind == "multi-choice multi-column texts":
        return [cells[i].strip() for i in same if cells[i].strip()]
    if nf.kind == "multi-choice multi-column yes/no":
        chosen = []
        for option in q.options:
            name = _bare(f"{nf.column}{qa_sep}{option}{qa_end}")
            for i, h in enumerate(header):
                if _bare(h) == name and fold(cells[i]) == yes:
                    chosen.append(option)
        return chosen
    if not same:
        return None
    raw = cells[same[0]].strip()
    if nf.kind == "multi-choice single-column delimited":
        return [p.strip() for p in raw.split(delimiter) if p.strip()]
    if nf.kind == "multi-choice single-column delimited indexed":
        parts = re.split(rf"[{re.escape(delimiter)}\s]+", raw)
        return [_indexed(q, p) for p in parts if p.strip()]
    if nf.kind == "single choice indexed":
        return _indexed(q, raw) if raw else None
    return raw


def _indexed(q: Question, raw: str) -> str:
    """NarraFirma's indexed answers count options from 1; an unknown index stays as typed."""
    if raw.isdecimal() and len(raw) < 10 and 1 <= int(raw) <= len(q.options):
        return q.options[int(raw) - 1]
    return raw


def _bare(header: str) -> str:
    """Headers compared without case or spaces: NarraFirma trims around its separators."""
    return "".join(fold(header).split())


def _split_writein(
    nf: NFQuestion, value: object, header: list[str], cells: list[str]
) -> tuple[object, str]:
    """Answers outside the options become the write-in option plus the text people wrote.

    NarraFirma keeps write-ins in the choice column (writeInTextsAreInSeparateColumn=no) or in
    a separate WRITEIN_ column.
    """
    q = nf.question
    label = q.options[-1]
    known = {fold(o) for o in q.options}
    written: list[str] = []
    if isinstance(value, list):
        kept = [v for v in value if fold(str(v)) in known]
        written += [str(v) for v in value if fold(str(v)) not in known]
        if written and label not in kept:
            kept.append(label)
        value = kept
    elif isinstance(value, str) and value and fold(value) not in known:
        written.append(value)
        value = label
    column = _bare(f"WRITEIN_{nf.column}")
    for i, h in enumerate(header):
        if _bare(h) == column and cells[i].strip():
            written.append(cells[i].strip())
            if isinstance(value, list) and label not in value:
                value = [*value, label]
            elif value in (None, ""):
                value = [label] if q.type == "multiple" else label
    return value, "; ".join(written)
