"""The change proposals file, `verandervoorstellen.yaml` (`change-proposals.yaml` in an English
project): the one module that reads and writes it.

A workshop's change proposals, each about one perspective, come in with `workshop import`
(`verhalen.workshop.results`) and go out in the report's proposals chapter (`change_proposals`).
`read_proposals` checks the file line by line: `proposal_problems` gives `verhalen doctor` those
lines, and `report` and the import refuse with the same ones. `with_new_proposals` is the
file's text with an import's proposals added.

Its keys are Dutch or English (`FIELDS`); either is read, under either file name. A new file gets
the project language's name, and a file is written with the keys of its name's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import t
from verhalen.project import Project

PROPOSALS_FILE = {"nl": "verandervoorstellen.yaml", "en": "change-proposals.yaml"}
LIST_KEY = {"nl": "voorstellen", "en": "proposals"}
# Each field of a proposal and its key per language.
FIELDS: dict[str, dict[str, str]] = {
    "perspective": {"nl": "perspectief", "en": "perspective"},
    "title": {"nl": "titel", "en": "title"},
    "text": {"nl": "voorstel", "en": "proposal"},
    "who": {"nl": "wie", "en": "who"},
    "note": {"nl": "toelichting", "en": "note"},
    "source": {"nl": "bron", "en": "source"},
    "date": {"nl": "datum", "en": "date"},
}
PROPOSAL_KEYS = tuple(k for keys in FIELDS.values() for k in keys.values())  # all that is read


def proposals_file_name(lang: str) -> str:
    """The proposals file's name in a language."""
    return PROPOSALS_FILE.get(lang, PROPOSALS_FILE["en"])


def find_proposals(root: Path, lang: str = "nl") -> Path | None:
    """The project's proposals file under either name (the one in `lang` first), if any."""
    names = sorted(PROPOSALS_FILE.values(), key=lambda n: n != proposals_file_name(lang))
    return next((root / n for n in names if (root / n).is_file()), None)


def _file_lang(path: Path) -> str:
    """The language of a proposals file's keys: that of its name."""
    return "en" if path.name == PROPOSALS_FILE["en"] else "nl"


def _key(field: str, lang: str) -> str:
    return FIELDS[field].get(lang, FIELDS[field]["en"])


def _get(item: dict[str, Any], field: str) -> Any:
    """A field of a proposal as written, under its Dutch or its English key."""
    return next((item[k] for k in FIELDS[field].values() if k in item), None)


@dataclass(frozen=True)
class Proposal:
    """A change proposal from a workshop, about one perspective."""

    perspective: int
    text: str
    who: str = ""
    note: str = ""
    title: str = ""  # the perspective's title when it was imported


def _proposal_record(p: Proposal, lang: str) -> dict[str, Any]:
    values = {
        "perspective": p.perspective,
        "title": p.title,
        "text": p.text,
        "who": p.who,
        "note": p.note,
    }
    return {_key(field, lang): value for field, value in values.items()}


def _plain(value: Any) -> Any:
    """A value read with line numbers as plain dicts and lists, to write back as YAML."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def with_new_proposals(
    project: Project, records: list[dict[str, Any]], new: list[Proposal], source: str
) -> tuple[Path, str]:
    """The proposals file as it will be with `new` added after the stored `records` (as
    `read_proposals` returned them, kept unchanged): its path and text, for the import to write
    with its other files, all or nothing. Each new proposal notes its `source` file and today."""
    path = find_proposals(project.root, project.lang)
    path = path or project.root / proposals_file_name(project.lang)
    lang = _file_lang(path)
    stamp = date.today().isoformat()
    out = list(records)
    for p in new:
        out.append(
            _proposal_record(p, lang) | {_key("source", lang): source, _key("date", lang): stamp}
        )
    text = t("ws_proposals_head", lang) + "\n"
    text += yaml.safe_dump({LIST_KEY[lang]: out}, allow_unicode=True, sort_keys=False, width=100)
    return path, text


def read_proposals(
    project: Project, lang: str, numbers: set[int]
) -> tuple[list[Proposal], list[dict[str, Any]], list[Problem]]:
    """The change proposals file read and checked: the proposals, their records as the file
    holds them (to write back unchanged), and one `Problem` per mistake.

    `numbers` are the active run's perspectives: a proposal about another perspective needs the
    title it had at import (`titel`), or nobody can tell what it was about."""
    from verhalen.yaml_lines import read_yaml

    path = find_proposals(project.root, project.lang)
    if path is None:
        return [], [], []
    try:
        data = read_yaml(path, lang)
    except RejectedBatch as exc:
        return [], [], list(exc.problems)
    except VerhalenError as exc:  # could not be read
        return [], [], [Problem(path.name, None, str(exc))]
    problems: list[Problem] = []

    def problem(line: int | None, text: str) -> None:
        problems.append(Problem(path.name, line, text))

    keys = _file_lang(path)  # the keys that messages name: those of the file
    if isinstance(data, dict):
        found = [k for k in LIST_KEY.values() if k in data]
        keys = "en" if found == [LIST_KEY["en"]] else "nl" if found else keys
    lk = LIST_KEY[keys]
    k_persp, k_title, k_text = (_key(f, keys) for f in ("perspective", "title", "text"))
    fields = f"{k_persp}, {k_text}, {_key('who', keys)}, {_key('note', keys)}"
    items: Any = []
    if isinstance(data, dict):
        for key in data:
            if key not in LIST_KEY.values():
                problem(
                    getattr(data, "line", None),
                    t("ws_proposals_unknown_key", lang, key=key, list=lk),
                )
        items = next((data[k] for k in LIST_KEY.values() if k in data), None) or []
    elif data is not None:
        items = None
    if not isinstance(items, list):
        problem(
            getattr(data, "line", None),
            t("ws_proposals_expected_list", lang, list=lk, fields=fields),
        )
        items = []
    lines = getattr(items, "lines", ())
    proposals: list[Proposal] = []
    records: list[dict[str, Any]] = []
    for k, item in enumerate(items or [], 1):
        line = lines[k - 1] if k <= len(lines) else None
        label = t("ws_proposal_label", lang, number=k)
        if not isinstance(item, dict):
            head, last = fields.rsplit(", ", 1)
            problem(line, t("ws_proposal_expected", lang, label=label, head=head, last=last))
            continue
        line = getattr(item, "line", None) or line
        ok = True
        known_keys = ", ".join(_key(f, keys) for f in FIELDS)
        for key in item:
            if key not in PROPOSAL_KEYS:
                ok = False
                problem(
                    line,
                    t("ws_proposal_unknown_key", lang, label=label, key=key, known=known_keys),
                )
        raw = _get(item, "perspective")
        number = int(raw) if isinstance(raw, str) and raw.strip().isdigit() else raw
        title = " ".join(str(_get(item, "title") or "").split())
        if raw is None or raw == "":
            ok = False
            problem(line, t("ws_proposal_missing", lang, label=label, key=k_persp))
        elif isinstance(number, bool) or not isinstance(number, int):
            ok = False
            problem(line, t("ws_proposal_not_number", lang, label=label, key=k_persp, raw=raw))
        elif number not in numbers and not title:
            ok = False
            known = ", ".join(str(n) for n in sorted(numbers)) or "-"
            problem(
                line,
                t(
                    "ws_proposal_no_perspective",
                    lang,
                    label=label,
                    key=k_persp,
                    number=number,
                    known=known,
                    title=k_title,
                ),
            )
        text = " ".join(str(_get(item, "text") or "").split())
        if not text:
            ok = False
            problem(line, t("ws_proposal_empty_text", lang, label=label, key=k_text))
        if not ok:
            continue
        proposals.append(
            Proposal(
                int(number),
                text,
                str(_get(item, "who") or ""),
                str(_get(item, "note") or ""),
                title,
            )
        )
        records.append(_plain(item))
    return proposals, records, problems


def _active_numbers(project: Project) -> set[int]:
    from verhalen.perspectives import perspectives

    with project.store() as store:
        has_run = store.active_run() is not None
    return {v.number for v in perspectives(project)} if has_run else set()


def proposal_problems(project: Project, lang: str | None = None) -> list[Problem]:
    """Every mistake in the change proposals file (`find_proposals`), one `Problem`
    (file, line, reason) each; empty when it is fine or there is none. `verhalen doctor` shows
    them; `report` and `workshop import` refuse with the same lines."""
    if find_proposals(project.root, project.lang) is None:
        return []
    return read_proposals(project, lang or project.lang, _active_numbers(project))[2]


def _stored_proposals(project: Project) -> list[Proposal]:
    """The stored change proposals; a `RejectedBatch` when the file has mistakes."""
    if find_proposals(project.root, project.lang) is None:
        return []
    stored, _, problems = read_proposals(project, project.lang, _active_numbers(project))
    if problems:
        raise RejectedBatch(problems)
    return stored


def change_proposals(project: Project, lang: str | None = None) -> dict[str, list[Proposal]]:
    """The workshop's change proposals per perspective title (the current title when the
    perspective still exists, else the title it had at import), in perspective order."""
    from verhalen.perspectives import assignment, perspectives

    lang = lang or project.lang
    stored = _stored_proposals(project)
    if not stored:
        return {}
    views = perspectives(project) if assignment(project) else []
    titles = {v.number: f"{v.number}. {v.title(lang)}" for v in views}
    order = {v.number: k for k, v in enumerate(views)}
    out: dict[str, list[Proposal]] = {}
    for p in sorted(stored, key=lambda p: (order.get(p.perspective, len(order)), p.perspective)):
        key = titles.get(p.perspective) or f"{p.perspective}. {p.title}".rstrip(". ")
        out.setdefault(key, []).append(p)
    return out
