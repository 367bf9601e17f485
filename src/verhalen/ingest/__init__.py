"""Ingest: files and folders of stories into the store, all or nothing.

One reader per format sits behind `read_any`; `ingest` reads a whole batch, checks every story
against the story form and the known storytellers, and only then writes, in one transaction.
A batch with problems is rejected whole unless the user asks to skip the invalid part.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.form import AnswerError, StoryForm, fold
from verhalen.i18n import t
from verhalen.ingest import _narrafirma, _sensemaker
from verhalen.ingest._archive import check_archive
from verhalen.ingest._documents import read_docx, read_odt
from verhalen.ingest._model import (
    RawStory,
    RawStoryteller,
    ReadError,
    ReadOptions,
    ReadResult,
    unreadable,
)
from verhalen.ingest._narrafirma import read_form as read_narrafirma_form
from verhalen.ingest._narrafirma import slug as narrafirma_slug
from verhalen.ingest._normalize import clean, dedup_key, file_hash, near_duplicates, one_line
from verhalen.ingest._sensemaker import read_definition as read_sensemaker_definition
from verhalen.ingest._table import cell, map_columns, read_rows, read_storytellers, read_table
from verhalen.ingest._text import read_plain, read_text_file, stories_from_lines
from verhalen.ingest._transcript import (
    is_speaker_transcript,
    read_speaker_text,
    read_srt,
    read_vtt,
)
from verhalen.project import Project
from verhalen.safe import csv_value
from verhalen.store import NewStory, Store

SUPPORTED = (".txt", ".md", ".docx", ".odt", ".vtt", ".srt", ".csv", ".xlsx")
MAX_FILE_BYTES = 100 * 1024 * 1024

# Also public for the other readers of spreadsheets and archives (answers, review and results
# sheets, form import, NarraFirma export), so that none of them reaches into a private module.
__all__ = [
    "SUPPORTED",
    "IngestReport",
    "ReadError",
    "ReadOptions",
    "cell",
    "check_archive",
    "collect_files",
    "ingest",
    "map_columns",
    "narrafirma_slug",
    "read_any",
    "read_narrafirma_form",
    "read_options",
    "read_rows",
    "read_sensemaker_definition",
    "unread_warning",
]


def read_options(project: Project, **overrides: Any) -> ReadOptions:
    """Reading rules from the project's config, with command-line overrides."""
    settings = project.settings
    values = {
        "separator": settings.separator,
        "interviewer": settings.interviewer,
        "story_marker": settings.story_marker,
        "lang": project.lang,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return ReadOptions(**values)


def collect_files(paths: Sequence[Path], lang: str = "nl") -> tuple[list[Path], list[Problem]]:
    """Files to read, folders walked recursively in name order; hidden and lock files skipped."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL
            problems.append(Problem(str(path), None, unreadable(exc, lang)))
            continue
        if not exists:
            problems.append(Problem(str(path), None, t("no_such_path", lang)))
        elif is_dir:
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        elif path.suffix.lower() not in SUPPORTED:
            problems.append(
                Problem(str(path), None, t("unsupported", lang, ext=path.suffix or "?"))
            )
        else:
            files.append(path)
    return list(dict.fromkeys(files)), problems


def read_any(
    path: Path,
    form: StoryForm,
    options: ReadOptions,
    display: str | None = None,
    narrafirma: _narrafirma.NFSpec | None = None,
    sensemaker: _sensemaker.SMSpec | None = None,
) -> ReadResult:
    """Read one file of any supported format. Raises ReadError when the file cannot be read."""
    display = display or str(path)
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReadError(_too_large(options.lang))
    if suffix in (".csv", ".xlsx"):
        if narrafirma is not None:
            return _narrafirma.read_stories(path, display, narrafirma, options)
        if sensemaker is not None:
            return _sensemaker.read_stories(path, display, sensemaker, form, options)
        return read_table(path, display, form, options)
    if suffix == ".docx":
        return read_docx(path, display, options)
    if suffix == ".odt":
        return read_odt(path, display, options)
    if suffix == ".vtt":
        return read_vtt(path, display, options)
    if suffix == ".srt":
        return read_srt(path, display, options)
    if suffix == ".txt":
        lines = read_text_file(path, options.lang).split("\n")
        if is_speaker_transcript(lines, options):
            return read_speaker_text(lines, display, options)
        return stories_from_lines(lines, display, options)
    if suffix == ".md":
        return read_plain(path, display, options)
    raise ReadError(t("unsupported", options.lang, ext=suffix or "?"))


def _too_large(lang: str) -> str:
    return t("unreadable", lang, why=t("why_too_large", lang, limit=MAX_FILE_BYTES // 2**20))


@dataclass
class IngestReport:
    files: int = 0
    unchanged: int = 0
    stored: list[int] = field(default_factory=list)
    would_store: int = 0
    exact_duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[int, int, float]] = field(default_factory=list)
    storytellers: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejects_path: Path | None = None
    dry_run: bool = False
    # (file, columns): table columns with values that match no question, left out; one warning
    unread_columns: list[tuple[str, list[str]]] = field(default_factory=list)
    # things a reader left out without rejecting the story (a SenseMaker code not defined)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Batch:
    stories: list[tuple[RawStory, NewStory]] = field(default_factory=list)
    storytellers: dict[str, tuple[RawStoryteller, dict[str, Any]]] = field(default_factory=dict)
    sources: list[tuple[str, str, str, int]] = field(default_factory=list)
    partial: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def _check_answers(
    answers: dict[str, Any], form: StoryForm, about: str, lang: str
) -> tuple[dict[str, Any], list[str]]:
    parsed: dict[str, Any] = {}
    problems: list[str] = []
    for qid, raw in answers.items():
        question = form.get(qid)
        if question is None or question.about != about:
            problems.append(t("data_not_in_form", lang, qid=qid))
            continue
        try:
            value = question.parse(raw, lang)
        except AnswerError as exc:
            problems.append(t("answer_invalid", lang, question=qid, why=exc))
            continue
        if value is not None:
            parsed[qid] = value
    return parsed, problems


class _Tellers:
    """Storytellers known to the store plus those this batch brings, found by id or name."""

    def __init__(self, known: list[Any]):
        self.ids: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        for row in known:
            self.add(row["id"], row["name"])

    def add(self, teller_id: str, name: str | None) -> None:
        self.ids[fold(teller_id)] = teller_id
        if name:
            self.names.setdefault(fold(name), set()).add(teller_id)

    def resolve(self, ref: str) -> str | None:
        key = fold(ref)
        if key in self.ids:
            return self.ids[key]
        found = self.names.get(key, set())
        return next(iter(found)) if len(found) == 1 else None


def _storyteller_group(form: StoryForm, answers: dict[str, Any]) -> str | None:
    value = answers.get(form.group_question) if form.group_question else None
    return str(value) if value is not None else None


def ingest(
    project: Project,
    paths: Sequence[Path],
    *,
    storytellers_file: Path | None = None,
    narrafirma_form: Path | None = None,
    sensemaker_definition: Path | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Read `paths` into the project's store in one transaction, or not at all.

    Raises RejectedBatch (nothing written) when any input has a problem, unless `skip_invalid`.
    """
    options = options or read_options(project)
    lang = options.lang
    form = project.form
    report = IngestReport(dry_run=dry_run)
    batch = _Batch()
    spec = None
    if narrafirma_form is not None:
        try:
            spec = _narrafirma.read_form(narrafirma_form, options)
        except ReadError as exc:
            raise VerhalenError(str(exc)) from None
    sm_spec = None
    if sensemaker_definition is not None:
        if spec is not None:
            raise VerhalenError(t("data_narrafirma_and_sensemaker", lang))
        try:
            sm_spec = _sensemaker.read_definition(sensemaker_definition, lang)
        except ReadError as exc:
            raise VerhalenError(str(exc)) from None

    files, batch.problems = collect_files(paths, lang)
    report.files = len(files)
    with project.store(create=True) as store:
        tellers = _Tellers(store.storytellers())
        if storytellers_file is not None:
            display = project.relative(storytellers_file)
            result = read_storytellers(storytellers_file, display, form, options)
            batch.problems += [Problem(display, row, reason) for row, reason in result.problems]
            _add_storytellers(result, display, form, tellers, batch, lang)
            report.unread_columns += _unread(display, result, form)
        results: list[tuple[str, ReadResult]] = []
        for number, path in enumerate(files, 1):
            display = project.relative(path)
            if progress:
                progress(number, len(files), display)
            try:
                if path.stat().st_size > MAX_FILE_BYTES:  # before reading it all to hash it
                    batch.problems.append(Problem(display, None, _too_large(lang)))
                    continue
                data = path.read_bytes()
            except OSError as exc:
                batch.problems.append(Problem(display, None, unreadable(exc, lang)))
                continue
            digest = file_hash(data)
            if store.source_known(display, digest):
                report.unchanged += 1
                continue
            try:
                result = read_any(path, form, options, display, spec, sm_spec)
            except ReadError as exc:
                batch.problems.append(Problem(display, exc.row, str(exc)))
                continue
            except (OSError, ValueError, UnicodeError) as exc:
                batch.problems.append(Problem(display, None, unreadable(exc, lang)))
                continue
            batch.sources.append((display, digest, path.suffix.lower().lstrip("."), len(data)))
            _add_storytellers(result, display, form, tellers, batch, lang)
            results.append((display, result))
            report.unread_columns += _unread(display, result, form)
            report.warnings += [Problem(display, row, why) for row, why in result.warnings]
        if report.unread_columns and not form.questions:
            raise VerhalenError(
                _no_questions(
                    project, report.unread_columns, narrafirma_form, sensemaker_definition
                )
            )

        hashes = store.story_hashes()
        in_batch: dict[str, str] = {}  # dedup key -> where this batch had it first
        keep_original = project.settings.keep_original
        for display, result in results:
            problems_before = len(batch.problems)
            batch.problems += [Problem(display, row, reason) for row, reason in result.problems]
            for raw in result.stories:
                story = _check_story(raw, form, tellers, batch, lang, keep_original)
                if story is None:
                    continue
                where = f"{raw.path}:{raw.row}"
                if story.text_hash in hashes:
                    other_id, other_title = hashes[story.text_hash]
                    report.exact_duplicates.append(
                        t("exact_dup_line", lang, where=where, id=other_id, title=other_title or "")
                    )
                    continue
                if story.text_hash in in_batch:
                    report.exact_duplicates.append(
                        t("batch_dup_line", lang, where=where, first=in_batch[story.text_hash])
                    )
                    continue
                in_batch[story.text_hash] = where
                batch.stories.append((raw, story))
            if len(batch.problems) > problems_before:
                batch.partial.add(display)  # read again next time, once the problem is fixed

        # one line each: a reason may quote a cell with line breaks or terminal escapes
        batch.problems = [
            Problem(one_line(p.path, None), p.row, one_line(p.reason)) for p in batch.problems
        ]
        if batch.problems and not skip_invalid:
            raise RejectedBatch(batch.problems)
        report.problems = sorted(batch.problems)
        if report.problems:
            report.rejects_path = rejects_path or project.root / rejects_file_name(lang)
        if dry_run:
            report.would_store = len(batch.stories)
            report.storytellers = len(batch.storytellers)
            return report
        if report.rejects_path:
            _write_rejects(report.rejects_path, report.problems, lang)
        _write(store, batch, report, form, project.settings.near_duplicate)
    return report


SHOWN_COLUMNS = 5


def _unread(display: str, result: ReadResult, form: StoryForm) -> list[tuple[str, list[str]]]:
    """(file, columns) when a file brings answers the story form has no question for."""
    columns = list(result.unread_columns)
    if not form.questions:  # answers read by question id (NarraFirma) have nowhere to go either
        for raw in [*result.stories, *result.storytellers]:
            columns += [qid for qid in raw.answers if qid not in columns]
    return [(display, columns)] if columns else []


def _columns(unread: list[tuple[str, list[str]]], lang: str) -> tuple[str, int]:
    """('a, b, c, d, e en 3 meer', 8): every column once, in file order, the first few named."""
    names = list(dict.fromkeys(one_line(c, 60) for _, columns in unread for c in columns))
    shown = ", ".join(names[:SHOWN_COLUMNS])
    rest = len(names) - SHOWN_COLUMNS
    if rest > 0:
        shown = t("data_columns_and_more", lang, shown=shown, rest=rest)
    return shown, len(names)


def unread_warning(display: str, columns: list[str], lang: str) -> str:
    """One line: a table's columns that match no question were left out (the form has some)."""
    names, n = _columns([(display, columns)], lang)
    where = one_line(display, 200)
    return t("data_unread_columns", lang, n=n, where=where, names=names)


def _no_questions(
    project: Project,
    unread: list[tuple[str, list[str]]],
    narrafirma_form: Path | None,
    sensemaker_definition: Path | None = None,
) -> str:
    """One line: the form has no questions, so the answers these tables bring cannot be read."""
    lang = project.lang
    form = project.form_path
    files = ", ".join(dict.fromkeys(one_line(display, 200) for display, _ in unread))
    columns, n = _columns(unread, lang)
    if narrafirma_form is not None:
        start = one_line(str(narrafirma_form), 200)
        hint = t("data_no_questions_hint_narrafirma", lang, start=start)
    elif sensemaker_definition is not None:
        start = one_line(str(sensemaker_definition), 200)
        hint = t("data_no_questions_hint_sensemaker", lang, start=start)
    else:
        hint = t("data_no_questions_hint_new", lang)
    state = t("data_form_empty" if form.exists() else "data_form_missing", lang)
    return t(
        "data_no_questions",
        lang,
        form=form,
        state=state,
        files=files,
        column=t("data_no_questions_column", lang, n=n),
        columns=columns,
        question=t("data_no_questions_question", lang, n=n),
        form_name=form.name,
        hint=hint,
    )


def _add_storytellers(
    result: ReadResult, display: str, form: StoryForm, tellers: _Tellers, batch: _Batch, lang: str
) -> None:
    seen_here: set[str] = set()
    for raw in result.storytellers:
        key = fold(raw.id)
        if key in seen_here and not result.stories:  # a storytellers table lists each once
            batch.problems.append(
                Problem(raw.path, raw.row, t("duplicate_storyteller", lang, name=raw.id))
            )
            continue
        seen_here.add(key)
        answers, problems = _check_answers(raw.answers, form, "storyteller", lang)
        batch.problems += [Problem(raw.path, raw.row, p) for p in problems]
        teller_id = tellers.resolve(raw.id) or raw.id
        previous = batch.storytellers.get(teller_id)
        earlier = previous[1] if previous else {}
        for qid, value in answers.items():  # one storyteller, two answers: neither may win
            if qid in earlier and earlier[qid] != value:
                why = t("teller_answer_conflict", lang, qid=qid, value=value, other=earlier[qid])
                batch.problems.append(Problem(raw.path, raw.row, why))
        merged = {**earlier, **answers}
        batch.storytellers[teller_id] = (raw, merged)
        tellers.add(teller_id, raw.name)


def _check_story(
    raw: RawStory, form: StoryForm, tellers: _Tellers, batch: _Batch, lang: str, keep: bool
) -> NewStory | None:
    text = clean(raw.text)
    reasons: list[str] = []
    if not text:
        reasons.append(t("empty_story", lang))
    teller = None
    if raw.storyteller:
        teller = tellers.resolve(raw.storyteller)
        if teller is None:
            reasons.append(t("unknown_storyteller", lang, name=raw.storyteller))
    answers, problems = _check_answers(raw.answers, form, "story", lang)
    reasons += problems
    if reasons:
        batch.problems += [Problem(raw.path, raw.row, r) for r in reasons]
        return None
    key = dedup_key(text)
    return NewStory(
        uid=key[:16],
        title=clean(raw.title) if raw.title else None,
        text=text,
        original=raw.text if keep and raw.text != text else None,
        text_hash=key,
        storyteller_id=teller,
        session=clean(raw.session) if raw.session else None,
        location=str(raw.row) if raw.row is not None else None,
        context=clean(raw.context) if raw.context else None,
        words=len(text.split()),
        answers=answers,
    )


# The rejects file (--skip-invalid), its name and columns per language.
REJECTS_FILE = {"nl": "afgewezen.csv", "en": "rejected.csv"}
REJECTS_COLUMNS = {"nl": ("bestand", "rij", "reden"), "en": ("file", "row", "reason")}


def rejects_file_name(lang: str) -> str:
    """Where rejected input goes by default: afgewezen.csv, or rejected.csv in English."""
    return REJECTS_FILE.get(lang, REJECTS_FILE["en"])


def _write_rejects(path: Path, problems: list[Problem], lang: str) -> None:
    from verhalen.atomic import atomic_path

    with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(REJECTS_COLUMNS.get(lang, REJECTS_COLUMNS["en"]))
        for p in problems:
            row = "" if p.row is None else p.row
            writer.writerow([csv_value(p.path), row, csv_value(p.reason)])


def _skip_stored_meanwhile(store: Store, batch: _Batch, report: IngestReport) -> None:
    if not batch.stories:
        return
    hashes = store.story_hashes()
    kept = []
    for raw, story in batch.stories:
        if story.text_hash in hashes:
            other_id, other_title = hashes[story.text_hash]
            where = f"{raw.path}:{raw.row}"
            report.exact_duplicates.append(
                t("exact_dup_line", store.lang, where=where, id=other_id, title=other_title or "")
            )
        else:
            kept.append((raw, story))
    batch.stories = kept


def _write(
    store: Store, batch: _Batch, report: IngestReport, form: StoryForm, threshold: float
) -> None:
    """Everything the batch brings, in one transaction; nothing at all when nothing is new."""
    known = {r["id"]: r["name"] for r in store.storytellers()}
    known_answers = store.storyteller_answers()
    tellers = {
        teller_id: (raw, answers)
        for teller_id, (raw, answers) in batch.storytellers.items()
        if teller_id not in known
        or (raw.name is not None and raw.name != known[teller_id])
        or any(known_answers.get(teller_id, {}).get(q) != v for q, v in answers.items())
    }
    if not (tellers or batch.stories):
        # Files that bring no story and no storyteller (a table with only its header, stories
        # that were all stored before) change nothing: not even a source or a history row.
        return
    with store.transaction():
        # Checked again under the write lock: another `verhalen ingest` may have stored some of
        # these stories since they were read (the same files twice at once).
        _skip_stored_meanwhile(store, batch, report)
        existing = store.story_texts() if batch.stories else []
        for teller_id, (raw, answers) in tellers.items():
            store.upsert_storyteller(
                teller_id, raw.name, _storyteller_group(form, answers), answers
            )
        report.storytellers = len(tellers)
        source_ids = {
            display: store.add_source(display, digest, fmt, size, display not in batch.partial)
            for display, digest, fmt, size in batch.sources
        }

        for raw, story in batch.stories:
            report.stored.append(store.add_story(story, source_ids[raw.path]))
        if batch.stories:
            new = [
                (sid, st.text) for sid, (_, st) in zip(report.stored, batch.stories, strict=True)
            ]
            report.near_duplicates = near_duplicates(existing, new, threshold)
            for story_id, other_id, score in report.near_duplicates:
                store.add_flag(story_id, "near_duplicate", other_id, score)
        store.log(
            "ingest",
            None,
            {
                "files": [s[0] for s in batch.sources],
                "stories": len(report.stored),
                "storytellers": report.storytellers,
            },
        )
