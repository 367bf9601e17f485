"""SenseMaker: a framework definition (JSON) and the CSV or XLSX export of its stories.

The definition names every signifier by id (a uuid) with its type and title: lists (single or
multiple choice), free texts, triads, dyads and stones. One free text is the *fragment*, the
story itself; the other single-line free text, the headline, becomes the story's title.
`read_definition` turns the definition into a story form; `read_stories` reads an export with it.

An export has one or more columns per signifier, named by ids:

- list, one choice: `<list>` holding the chosen item's id (or its title);
  several choices: `<list>_<item>` holding 1 for each chosen item (or one `<list>` column with
  the items separated by `;`);
- triad: `<triad>_<anchor>` per anchor with its share (0–1), and/or `<triad>_percentX` and
  `<triad>_percentY`, the marker's place in the triangle; `<triad>_NA` is 1 for not applicable.
  With the anchors in the definition's order top, left, right and the triangle's base from
  x = 0 to 1, height y from 0 (base) to 1 (top): top = y, right = x − y/2, left = 1 − x − y/2
  (checked against the per-anchor columns of a real export, to 1e-9);
- dyad: `<dyad>_percentX` (0 at the left anchor, 1 at the right) or `<dyad>_<anchor>` per anchor
  (the right anchor's column equals percentX, the left one 1 − percentX); `<dyad>_NA`;
- stones: `<stones>_<stone>_percentX` and `_percentY` per stone, 0–1 from the start to the end
  label of each axis;
- free text: `<freetext>`.

Shares and positions become 0–100. A list answer whose id is not in the definition (an item
since removed, a test entry) is left out with a warning that names it: the story still counts.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verhalen import faults
from verhalen.form import NOT_APPLICABLE, Question, StoryForm, fold
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

KINDS = ("list", "freetext", "triad", "dyad", "stones")
TRUE_CELLS = {"1", "1.0", "true", "yes", "ja", "x", "waar"}
MAX_DEFINITION_BYTES = 20 * 1024 * 1024
ID_WORDS = 5  # a question id is the first words of the signifier's title


@dataclass
class SMSignifier:
    """One signifier of the definition and what verhalen makes of it."""

    id: str
    kind: str  # list, freetext, triad, dyad, stones
    title: str
    role: str  # "story" (the fragment), "title" (the headline) or "question"
    question: Question | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)  # (id, title): items, anchors,
    # stones
    multiple: bool = False  # a list with more than one response


@dataclass
class SMSpec:
    """What a SenseMaker framework definition says about its exports."""

    name: str = ""
    language: str = "en"
    signifiers: list[SMSignifier] = field(default_factory=list)

    @property
    def form(self) -> StoryForm:
        questions = tuple(s.question for s in self.signifiers if s.question is not None)
        return StoryForm(title=self.name, language=self.language, questions=questions)

    def role(self, role: str) -> SMSignifier | None:
        return next((s for s in self.signifiers if s.role == role), None)


def clean_label(text: Any) -> str:
    """A title or label without HTML: `quality<br>demands` → `quality demands`; a trailing
    connective in capitals between options (`…, OR`) is dropped."""
    value = re.sub(r"<[^>]*>", " ", str(text or ""))
    value = html.unescape(value)
    value = re.sub(r"<[^>]*>", " ", value)  # markup that was escaped once
    value = " ".join(value.split())
    value = re.sub(r"[,;]?\s+(?:OR|AND)$", "", value)
    return value.strip()


def _one(value: Any) -> Any:
    """Exports from R write every scalar as a list of one."""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _short(title: str) -> str:
    """A label for tables and charts: `This experience makes you feel (pick up to 3):` →
    `This experience makes you feel`."""
    short = re.sub(r"\s*\([^)]*\)[\s:.…?]*$", "", title).rstrip(" :.…")
    return short or title


def _slug(title: str, used: set[str]) -> str:
    words = re.sub(r"[^0-9a-z]+", " ", fold(title).replace("'", "")).split()
    base = "_".join(words[:ID_WORDS]) or "signifier"
    if base[0].isdigit():
        base = f"q_{base}"
    qid, n = base, 2
    while qid in used:
        qid, n = f"{base}_{n}", n + 1
    used.add(qid)
    return qid


def read_definition(path: Path, lang: str = "nl") -> SMSpec:
    """The framework definition as a spec; a ReadError's message names the file."""
    try:
        return _read_definition(path, lang)
    except ReadError as exc:
        raise ReadError(f"{path}: {one_line(str(exc))}") from None


def _read_definition(path: Path, lang: str) -> SMSpec:
    try:
        if path.stat().st_size > MAX_DEFINITION_BYTES:
            raise ReadError(t("data_sm_too_large", lang))
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ReadError(t("data_sm_unreadable", lang, why=faults.reason(exc, lang))) from None
    except (UnicodeError, ValueError) as exc:
        raise ReadError(t("data_sm_bad_json", lang, why=exc)) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, list):
        raise ReadError(t("data_sm_not_a_definition", lang))
    fragment_id = str(_one(data.get("fragment_signifier_id")) or "")
    spec = SMSpec(
        name=clean_label(_one(data.get("name"))),
        language=str(_one(data.get("language")) or "en"),
    )
    raw_signifiers = [
        s
        for section in sections
        if isinstance(section, dict)
        for s in (section.get("signifiers") or [])
        if isinstance(s, dict) and s.get("type") in KINDS and s.get("id")
    ]
    if not fragment_id:
        fragment_id = next((str(s["id"]) for s in raw_signifiers if s.get("fragment") is True), "")
    used: set[str] = set()
    for raw in raw_signifiers:
        sid, kind = str(raw["id"]), str(raw["type"])
        content = raw.get("content") if isinstance(raw.get("content"), dict) else {}
        title = clean_label(raw.get("title"))
        signifier = SMSignifier(sid, kind, title, "question")
        if kind == "freetext":
            if sid == fragment_id:
                signifier.role = "story"
            elif spec.role("title") is None and content.get("multiline") is False:
                signifier.role = "title"
        elif kind == "list":
            items = content.get("items") if isinstance(content.get("items"), list) else []
            signifier.parts = [(str(i["id"]), clean_label(i.get("title"))) for i in items]
            signifier.multiple = int(_one(content.get("max_responses")) or 1) > 1
        elif kind in ("triad", "dyad"):
            labels = content.get("labels") if isinstance(content.get("labels"), list) else []
            signifier.parts = [(str(a["id"]), clean_label(a.get("text"))) for a in labels]
        elif kind == "stones":
            stones = content.get("stones") if isinstance(content.get("stones"), list) else []
            signifier.parts = [(str(s["id"]), clean_label(s.get("title"))) for s in stones]
        if signifier.role == "question":
            signifier.question = _question(signifier, content, used, lang)
        spec.signifiers.append(signifier)
    if spec.role("story") is None:
        raise ReadError(t("data_sm_no_story_signifier", lang))
    return spec


def _question(s: SMSignifier, content: dict, used: set[str], lang: str) -> Question:
    """The story-form question for a signifier (every one is about the story: SenseMaker does
    not separate questions about the storyteller)."""
    names = [label for _, label in s.parts]
    title = s.title or (names[0] if len(names) == 1 else "") or s.kind
    qid = _slug(title, used)
    text = {"en": title}
    short = {"en": _short(title)}
    if s.kind == "list" and len(s.parts) == 1:  # one checkbox: checked or not
        return Question(qid, "boolean", "story", text, short, sensemaker=s.id)
    if s.kind == "list":
        options = tuple(dict.fromkeys(n or i for i, n in s.parts))
        kind = "multiple" if s.multiple else "single"
        return Question(qid, kind, "story", text, short, options, sensemaker=s.id)
    if s.kind in ("triad", "dyad"):
        return Question(qid, s.kind, "story", text, short, anchors=tuple(names), sensemaker=s.id)  # type: ignore[arg-type]
    if s.kind == "stones":
        axis = content.get("axis") if isinstance(content.get("axis"), dict) else {}
        axes = tuple(clean_label((axis.get(k) or {}).get("name")) or k for k in ("x", "y"))
        return Question(
            qid,
            "stones",
            "story",
            text,
            short,
            axes=(axes[0], axes[1]),
            stones=tuple(names),
            sensemaker=s.id,
        )
    return Question(qid, "text", "story", text, short, sensemaker=s.id)


# -- the export --------------------------------------------------------------------------------


def _float(cell: str) -> float | None:
    try:
        value = float(cell.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _unit(values: list[float]) -> list[float]:
    """Shares or positions as 0–100, whether the export wrote 0–1 or 0–100."""
    if all(-1e-6 <= v <= 1 + 1e-6 for v in values) and not all(v == 0 for v in values):
        return [v * 100 for v in values]
    return values


def _clip(values: list[float]) -> list[float]:
    return [min(100.0, max(0.0, v)) for v in values]


class _Columns:
    def __init__(self, header: list[str]):
        self.index: dict[str, int] = {}
        for i, name in enumerate(header):
            self.index.setdefault(fold(name.lstrip("\ufeff")), i)
        self.used: set[int] = set()

    def find(self, *names: str) -> int | None:
        for name in names:
            i = self.index.get(fold(name))
            if i is not None:
                self.used.add(i)
                return i
        return None


def read_stories(
    path: Path, display: str, spec: SMSpec, form: StoryForm, options: ReadOptions
) -> ReadResult:
    """Stories and their signifier answers from a SenseMaker export (csv or xlsx)."""
    lang = options.lang
    result = ReadResult()
    rows = read_rows(path, options)
    if not rows:
        return result
    (header_row, header), body = rows[0], rows[1:]
    cols = _Columns(header)
    story = spec.role("story")
    title = spec.role("title")
    assert story is not None
    text_col = cols.find(story.id, story.title)
    title_col = cols.find(title.id, title.title) if title else None
    if text_col is None:
        raise ReadError(
            t("data_sm_no_story_column", lang, id=story.id, title=story.title),
            header_row,
        )
    teller_col = cols.find("responder_id")
    # the project's question for each signifier: by SenseMaker id, else by the id we would give
    targets: dict[str, Question] = {}
    for s in spec.signifiers:
        if s.question is None:
            continue
        q = next((q for q in form.questions if q.sensemaker == s.id), None)
        if q is None:
            q = form.get(s.question.id)
        if q is not None:
            targets[s.id] = q
    unread: dict[str, bool] = {}
    warned: set[tuple[str, str]] = set()
    for number, cells in body:
        cells = cells + [""] * (len(header) - len(cells))
        answers: dict[str, Any] = {}
        for s in spec.signifiers:
            if s.question is None:
                continue
            value, found, unknown = _decode(s, cols, cells)
            for code in unknown:
                if (s.id, code) not in warned:
                    warned.add((s.id, code))
                    result.warnings.append(
                        (
                            number,
                            t(
                                "data_sm_unknown_choice",
                                lang,
                                code=one_line(code, 80),
                                title=s.title,
                            ),
                        )
                    )
            if value is None:
                continue
            q = targets.get(s.id)
            if q is None:
                if found:
                    unread[s.title or s.id] = True
                continue
            answers[q.id] = value
        teller = cells[teller_col].strip() if teller_col is not None else ""
        if teller:
            result.storytellers.append(RawStoryteller(display, number, teller))
        result.stories.append(
            export_story(
                display, number, cells, text_col, title_col, teller, options.session, answers
            )
        )
    result.unread_columns = list(unread)
    return result


def _decode(s: SMSignifier, cols: _Columns, cells: list[str]) -> tuple[Any, bool, list[str]]:
    """(answer, whether the export has columns for it, list codes not in the definition)."""

    def cell(*names: str) -> str | None:
        i = cols.find(*names)
        return cells[i].strip() if i is not None else None

    def na() -> bool:
        flag = cell(f"{s.id}_NA", f"{s.id}_na")
        return flag is not None and fold(flag) in TRUE_CELLS

    if s.kind == "freetext":
        raw = cell(s.id, s.title)
        return (raw or None), raw is not None, []
    if s.kind == "list":
        return _list(s, cols, cells)
    if s.kind == "triad":
        anchors = [cell(f"{s.id}_{a}") for a, _ in s.parts]
        x, y = cell(f"{s.id}_percentX"), cell(f"{s.id}_percentY")
        found = any(v is not None for v in [*anchors, x, y])
        if na():
            return NOT_APPLICABLE, True, []
        shares = [_float(v) if v else None for v in anchors]
        if len(shares) == 3 and all(v is not None for v in shares):
            values = _unit([float(v) for v in shares if v is not None])
        else:
            fx, fy = _float(x or ""), _float(y or "")
            if fx is None or fy is None:
                return None, found, []
            fx, fy = (fx / 100 if fx > 1 else fx), (fy / 100 if fy > 1 else fy)
            values = [fy * 100, (1 - fx - fy / 2) * 100, (fx - fy / 2) * 100]
        values = _clip(values)
        total = sum(values)
        if total <= 0:
            return None, found, []
        return [v * 100 / total for v in values], found, []
    if s.kind == "dyad":
        x = cell(f"{s.id}_percentX")
        ends = [cell(f"{s.id}_{a}") for a, _ in s.parts]
        found = any(v is not None for v in [x, *ends])
        if na():
            return NOT_APPLICABLE, True, []
        fx = _float(x or "")
        if fx is None and len(ends) == 2:
            right, left = _float(ends[1] or ""), _float(ends[0] or "")
            fx = right if right is not None else (1 - left if left is not None else None)
        if fx is None:
            return None, found, []
        return _clip([fx * 100 if fx <= 1 else fx])[0], found, []
    # stones
    placed: dict[str, list[float]] = {}
    found = False
    for stone_id, name in s.parts:
        x, y = cell(f"{s.id}_{stone_id}_percentX"), cell(f"{s.id}_{stone_id}_percentY")
        found = found or x is not None or y is not None
        fx, fy = _float(x or ""), _float(y or "")
        if fx is not None and fy is not None:
            placed[name] = _clip([fx * 100 if fx <= 1 else fx, fy * 100 if fy <= 1 else fy])
    if na():
        return NOT_APPLICABLE, True, []
    return (placed or None), found, []


def _list(s: SMSignifier, cols: _Columns, cells: list[str]) -> tuple[Any, bool, list[str]]:
    by_id = {fold(i): name for i, name in s.parts}
    by_name = {fold(name): name for _, name in s.parts}
    unknown: list[str] = []

    def option(code: str) -> str | None:
        key = fold(code)
        name = by_id.get(key) or by_name.get(key)
        if name is None:
            unknown.append(code)
        return name

    chosen: list[str] = []
    found = False
    for item_id, name in s.parts:  # several choices: one column per item
        i = cols.find(f"{s.id}_{item_id}")
        if i is not None:
            found = True
            if fold(cells[i]) in TRUE_CELLS:
                chosen.append(name)
    i = cols.find(s.id, s.title)
    if i is not None:
        found = True
        raw = cells[i].strip()
        parts = re.split(r"[;|]", raw) if s.multiple or len(s.parts) > 1 else [raw]
        for part in parts:
            if part.strip():
                name = option(part.strip())
                if name is not None and name not in chosen:
                    chosen.append(name)
    if len(s.parts) == 1:  # a checkbox: checked or not
        return (bool(chosen) if found else None), found, unknown
    if not chosen:
        return None, found, unknown
    if s.multiple:
        return chosen, found, unknown
    return chosen[0], found, unknown
