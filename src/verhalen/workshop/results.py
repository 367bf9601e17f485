"""The workshop's results imported: what a sensemaking workshop brings back.

The template a workshop fills in is written and read by `verhalen.workshop.template` (its sheets and
columns in either language). `import_results` checks all of it before anything changes (problems
as `file:row: reason`), then renames and describes perspectives through `verhalen.perspectives`
(so history is kept), adds observations and interpretations to `catalyse.yaml` (with the keys the
file has, or the project language's for a new file) and change proposals through
`verhalen.proposals`, all or nothing. Kept apart from the printed material (`verhalen.workshop`),
which only reads the project: this is the module that changes it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verhalen.errors import Problem, RejectedBatch
from verhalen.i18n import t
from verhalen.placements import Placement
from verhalen.project import Project
from verhalen.proposals import Proposal, read_proposals, with_new_proposals
from verhalen.workshop.template import read_sheets

if TYPE_CHECKING:
    from collections.abc import Callable

    from verhalen.form import Question


@dataclass
class ImportSummary:
    renamed: list[int] = field(default_factory=list)
    described: list[int] = field(default_factory=list)
    observations: int = 0
    interpretations: int = 0
    proposals: int = 0
    placements: int = 0
    unchanged: int = 0


@dataclass
class _Plan:
    """An import worked out and checked, not yet applied: the store's changes and each file's
    new text."""

    renames: list[tuple[int, str]] = field(default_factory=list)
    descriptions: list[tuple[int, str]] = field(default_factory=list)
    files: list[tuple[Path, str]] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)


def import_results(project: Project, path: Path) -> ImportSummary:
    """Bring a filled results template back into the project: all of it, or on any problem
    nothing (a `RejectedBatch` with one `file:row: reason` per problem).

    First the whole import is planned (`_plan`): every row is checked against the project
    (perspectives of the active run, pattern ids as `verhalen report` knows them, observations
    on the sheet and in catalyse.yaml), and catalyse.yaml as it would become is read back with
    `catalysis.load_catalysis`, the check `report` makes. Nothing has been written yet.

    Then it is applied in one go (`_apply`): the store's write transaction opens (its lock held,
    so no other command changes the perspectives meanwhile), the renames and descriptions go in
    with their history, then catalyse.yaml and the change proposals are written, each file
    atomically (`verhalen.atomic`: whole or not at all), and only then the transaction commits.
    A failure while writing a file rolls the store back and puts back the file written before
    it; a failed commit puts back both files. So a refused or failed import leaves every file
    and every row as it was. The one gap no program closes is being killed between the last
    file and the commit: then the files hold the import and the store not yet, and importing
    the same sheet again completes it, as observations, interpretations and proposals already
    there count as known.
    """
    plan = _plan(project, path)
    _apply(project, plan)
    return plan.summary


def _plan(project: Project, path: Path) -> _Plan:
    from verhalen.catalysis import (
        document_parts,
        file_name,
        find_file,
        load_catalysis,
        pattern_index,
        raw_document,
        references,
        resolve_pattern,
        unknown_pattern,
        with_additions,
    )
    from verhalen.perspectives import assignment, perspectives

    lang = project.lang
    display = path.name
    data = read_sheets(path, display, lang)
    problems: list[Problem] = []

    def problem(sheet: str, row: int, text: str) -> None:
        problems.append(Problem(display, row, f"{data.name(sheet, lang)}: {text}"))

    views = {v.number: v for v in perspectives(project)} if assignment(project) else {}

    def perspective_ref(sheet: str, row: int, raw: str, names_ok: bool) -> int | str | None:
        if not raw:
            return None
        text = raw.split(".")[0].strip() if raw[0].isdigit() else raw
        if text.isdigit():
            if int(text) not in views:
                problem(sheet, row, t("ws_unknown_perspective_number", lang, number=text))
            return int(text)
        if names_ok:
            return raw
        problem(sheet, row, t("ws_unknown_perspective_name", lang, name=raw))
        return None

    # perspectives
    plan = _Plan()
    for row, cells in data.get("perspectives"):
        raw = cells.get("number", "")
        if not raw.isdigit() or int(raw) not in views:
            problem(
                "perspectives",
                row,
                t("ws_unknown_perspective_name", lang, name=raw)
                if raw
                else t("ws_number_missing", lang),
            )
            continue
        view = views[int(raw)]
        name, text = cells.get("name", ""), cells.get("description", "")
        if name and name != view.title(lang) and view.number > 0:
            plan.renames.append((view.number, name))
        if text and text != (view.description or ""):
            plan.descriptions.append((view.number, text))

    # observations and interpretations, against catalyse.yaml as `report` reads it
    catalysis_path = find_file(project.root, lang) or project.root / file_name(lang)
    catalysis_rows = bool(data.get("observations") or data.get("interpretations"))
    pattern_ids: list[str] = []
    numbers: list[int] = []
    existing_doc: Any = None
    known: dict[str, Any] = {}  # id -> the observation as the file holds it
    raw_known: dict[str, dict[str, Any]] = {}  # id -> its mapping, to add interpretations to
    if catalysis_rows:
        pattern_ids, numbers = references(project)
        try:
            current = load_catalysis(
                catalysis_path if catalysis_path.is_file() else None, pattern_ids, numbers, lang
            )
        except RejectedBatch as exc:  # a broken file is not made worse: fix it first
            problems.extend(exc.problems)
        else:
            known = {o.id: o for o in current.observations}
            existing_doc = raw_document(catalysis_path)
    index = pattern_index(pattern_ids)
    document = document_parts(existing_doc, lang)
    _doc, _list_key, existing, keys = document
    for item in existing:  # load_catalysis accepted it: every item is a mapping with an id
        raw_known[" ".join(str(item.get("id")).split())] = item
    new_obs: dict[str, dict[str, Any]] = {}
    unchanged = 0
    for row, cells in data.get("observations"):
        oid, text = cells.get("id", ""), cells.get("text", "")
        patterns: list[str] = []
        for raw in cells.get("patterns", "").replace(";", ",").split(","):
            if not raw.strip():
                continue
            pid, found = resolve_pattern(raw, index)
            if found is None:
                problem("observations", row, unknown_pattern(pid, lang))
            elif found not in patterns:
                patterns.append(found)
        if not oid:
            problem("observations", row, t("ws_id_missing", lang))
        if not text:
            problem("observations", row, t("ws_text_missing", lang))
        if not oid or not text:
            continue
        if oid in new_obs:
            problem("observations", row, t("ws_id_twice", lang, id=oid))
            continue
        record: dict[str, Any] = {"id": oid, keys["patterns"]: patterns, keys["text"]: text}
        if oid in known:
            if known[oid].text == text:
                unchanged += 1
                continue
            problem(
                "observations",
                row,
                t("ws_observation_known", lang, id=oid, file=catalysis_path.name),
            )
            continue
        record[keys["interpretations"]] = []
        new_obs[oid] = record
    added_interpretations: list[tuple[str, dict[str, Any]]] = []
    for row, cells in data.get("interpretations"):
        oid, text = cells.get("observation", ""), cells.get("text", "")
        if not oid or (oid not in new_obs and oid not in known):
            problem(
                "interpretations",
                row,
                t("ws_unknown_observation", lang, id=oid)
                if oid
                else t("ws_observation_missing", lang),
            )
            continue
        if not text:
            problem("interpretations", row, t("ws_text_missing", lang))
            continue
        ref = perspective_ref("interpretations", row, cells.get("perspective", ""), True)
        item: dict[str, Any] = {keys["text"]: text}
        if ref is not None:
            item[keys["perspective"]] = ref
        if oid in known and text in {i.text for i in known[oid].interpretations}:
            unchanged += 1
            continue
        added_interpretations.append((oid, item))

    # change proposals (the file is read only when there is something to add to it)
    stored: list[Proposal] = []
    stored_records: list[dict[str, Any]] = []
    if data.get("proposals"):
        stored, stored_records, found = read_proposals(project, lang, set(views))
        problems.extend(found)
    seen = {(p.perspective, p.text) for p in stored}
    new_proposals: list[Proposal] = []
    for row, cells in data.get("proposals"):
        raw, text = cells.get("perspective", ""), cells.get("proposal", "")
        if not raw:
            problem("proposals", row, t("ws_perspective_missing", lang))
        ref = perspective_ref("proposals", row, raw, False) if raw else None
        if not text:
            problem("proposals", row, t("ws_proposal_empty", lang))
        if not isinstance(ref, int) or ref not in views or not text:
            continue
        if (ref, text) in seen:
            unchanged += 1
            continue
        seen.add((ref, text))
        new_proposals.append(Proposal(ref, text, cells.get("who", ""), cells.get("note", ""), ""))

    # landscape placements made in the room
    placements, placed_unchanged = _placements(project, data.get("landscape"), problem)
    unchanged += placed_unchanged

    if problems:
        raise RejectedBatch(problems)

    # the files as they will be
    plan.summary = ImportSummary(
        renamed=[n for n, _ in plan.renames],
        described=[n for n, _ in plan.descriptions],
        unchanged=unchanged,
        placements=len(placements),
    )
    plan.placements = placements
    if new_obs or added_interpretations:
        text = with_additions(
            catalysis_path,
            document,
            raw_known,
            new_obs,
            added_interpretations,
            (pattern_ids, numbers),
            lang,
        )
        plan.files.append((catalysis_path, text))
        plan.summary.observations = len(new_obs)
        plan.summary.interpretations = len(added_interpretations)
    if new_proposals:
        titles = {n: v.title(lang) for n, v in views.items()}
        titles.update(dict(plan.renames))
        titled = [replace(p, title=titles[p.perspective]) for p in new_proposals]
        plan.files.append(with_new_proposals(project, stored_records, titled, path.name))
        plan.summary.proposals = len(new_proposals)
    return plan


def _apply(project: Project, plan: _Plan) -> None:
    """The planned changes, all or none (see `import_results`)."""
    from verhalen.atomic import write_bytes, write_text
    from verhalen.perspective_edits import set_texts
    from verhalen.placements import save as save_placements
    from verhalen.store import Store

    written: list[tuple[Path, bytes | None]] = []  # each file written, with what it held before

    def write_files() -> None:
        for target, text in plan.files:
            before = target.read_bytes() if target.is_file() else None
            write_text(target, text)
            written.append((target, before))

    def in_transaction(store: Store) -> None:
        save_placements(store, plan.placements)
        write_files()

    try:
        if plan.renames or plan.descriptions:
            set_texts(project, plan.renames, plan.descriptions, before_commit=in_transaction)
        elif plan.placements:
            with project.store() as store, store.transaction():
                in_transaction(store)
        else:
            write_files()
    except BaseException:
        for target, before in reversed(written):
            with contextlib.suppress(OSError):  # the first error is the one to report
                if before is None:
                    target.unlink(missing_ok=True)
                else:
                    write_bytes(target, before)
        raise


def _number(text: str) -> float | None:
    """A number as people type it in a cell (45, 45.5, 45,5); None when it is none."""
    import math

    try:
        value = float(text.replace(",", ".").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _landscape(project: Project, text: str, lang: str) -> tuple[Question, ...] | str:
    """The questions a sheet's landscape names, or why it names none (a reason in `lang`)."""
    import re

    from verhalen.landscape_axes import AXIS_TYPES

    parts = [p for p in re.split(r"\s*(?:/|×|,|;|\s[xX]\s)\s*", text.strip()) if p]
    questions = []
    for qid in parts:
        q = project.form.get(qid)
        if q is None:
            return t("ws_unknown_question", lang, id=qid)
        questions.append(q)
    if len(questions) == 1 and questions[0].type == "triad" and len(questions[0].anchors) == 3:
        return (questions[0],)
    if len(questions) == 2 and all(q.type in AXIS_TYPES for q in questions):
        if questions[0].id == questions[1].id:
            return t("ws_same_question_twice", lang, id=parts[0])
        return tuple(questions)
    return t("ws_no_landscape", lang, text=text)


def _placements(
    project: Project,
    rows: list[tuple[int, dict[str, str]]],
    problem: Callable[[str, int, str], None],
) -> tuple[list[Placement], int]:
    """The landscape sheet's rows checked: placements to store, and how many are stored as
    they are already. Every problem goes to `problem`, one per row and reason."""
    from verhalen.form import AnswerError
    from verhalen.landscape_axes import landscape_key, value_range
    from verhalen.placements import read

    if not rows:
        return [], 0
    lang = project.lang
    sheet = "landscape"
    with project.store() as store:
        stories = {s.id for s in store.stories()}
        excluded = set(store.exclusions())
        stored = {(p.landscape, p.table, p.story_id): p.value for p in read(store)}
    out: list[Placement] = []
    seen: set[tuple[str, str, int]] = set()
    unchanged = 0
    for row, cells in rows:
        raw_landscape, raw_story = cells.get("landscape", ""), cells.get("story", "")
        table = cells.get("table", "")
        found = True
        qs: tuple[Question, ...] = ()
        if not raw_landscape:
            problem(sheet, row, t("ws_landscape_missing", lang))
            found = False
        else:
            resolved = _landscape(project, raw_landscape, lang)
            if isinstance(resolved, str):
                problem(sheet, row, resolved)
                found = False
            else:
                qs = resolved
        story = raw_story.split(".")[0] if raw_story.endswith(".0") else raw_story
        story_id: int | None = None
        if not story:
            problem(sheet, row, t("ws_story_missing", lang))
        elif not story.isdigit() or int(story) not in stories:
            problem(sheet, row, t("ws_unknown_story", lang, story=raw_story))
        elif int(story) in excluded:
            problem(sheet, row, t("ws_story_excluded", lang, story=story))
        else:
            story_id = int(story)
        if not found:
            continue
        value: tuple[float, ...] | None = None
        x, y, parts = cells.get("x", ""), cells.get("y", ""), cells.get("shares", "")
        if len(qs) == 1:
            q = qs[0]
            if x or y:
                problem(sheet, row, t("ws_triad_needs_shares", lang, id=q.id))
            elif not parts:
                problem(sheet, row, t("ws_shares_missing", lang))
            else:
                try:
                    shares = q.parse(parts, project.lang)
                except AnswerError as exc:
                    problem(sheet, row, str(exc))
                else:
                    if not isinstance(shares, list):  # not applicable
                        problem(sheet, row, t("ws_three_shares", lang, parts=parts))
                    else:
                        value = tuple(float(v) for v in shares)
        else:
            if parts:
                problem(sheet, row, t("ws_shares_not_triad", lang))
            values = []
            for name, raw, q in (("x", x, qs[0]), ("y", y, qs[1])):
                lo, hi = value_range(q)
                v = _number(raw) if raw else None
                if not raw:
                    problem(sheet, row, t("ws_value_missing", lang, name=name))
                elif v is None:
                    problem(sheet, row, t("ws_value_not_number", lang, name=name, raw=raw))
                elif not lo <= v <= hi:
                    problem(
                        sheet,
                        row,
                        t("ws_value_outside", lang, name=name, raw=raw, lo=lo, hi=hi, id=q.id),
                    )
                else:
                    values.append(v)
            if len(values) == 2 and not parts:
                value = (values[0], values[1])
        if story_id is None or value is None:
            continue
        key = (landscape_key(qs), table, story_id)
        if key in seen:
            problem(
                sheet,
                row,
                t(
                    "ws_story_twice",
                    lang,
                    story=story_id,
                    landscape=key[0],
                    table=f" ({table})" if table else "",
                ),
            )
            continue
        seen.add(key)
        if stored.get(key) == value:
            unchanged += 1
            continue
        out.append(Placement(key[0], table, story_id, value))
    return out, unchanged
