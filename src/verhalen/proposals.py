"""The change proposals file, `verandervoorstellen.yaml`: the one module that reads and writes it.

A workshop's change proposals, each about one perspective, come in with `workshop import`
(`verhalen.workshop_results`) and go out in the report's proposals chapter (`change_proposals`).
`read_proposals` checks the file line by line: `proposal_problems` gives `verhalen doctor` those
lines, and `report` and the import refuse with the same ones. `with_new_proposals` is the
file's text with an import's proposals added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import say
from verhalen.project import Project

PROPOSALS_FILE = "verandervoorstellen.yaml"
PROPOSAL_KEYS = ("perspectief", "titel", "voorstel", "wie", "toelichting", "bron", "datum")


@dataclass(frozen=True)
class Proposal:
    """A change proposal from a workshop, about one perspective."""

    perspective: int
    text: str
    who: str = ""
    note: str = ""
    title: str = ""  # the perspective's title when it was imported


def _proposal_record(p: Proposal) -> dict[str, Any]:
    return {
        "perspectief": p.perspective,
        "titel": p.title,
        "voorstel": p.text,
        "wie": p.who,
        "toelichting": p.note,
    }


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
    stamp = date.today().isoformat()
    out = list(records)
    for p in new:
        out.append(_proposal_record(p) | {"bron": source, "datum": stamp})
    text = "# Verandervoorstellen uit duidingsbijeenkomsten (verhalen workshop import)\n"
    text += yaml.safe_dump({"voorstellen": out}, allow_unicode=True, sort_keys=False, width=100)
    return project.root / PROPOSALS_FILE, text


def read_proposals(
    project: Project, lang: str, numbers: set[int]
) -> tuple[list[Proposal], list[dict[str, Any]], list[Problem]]:
    """The change proposals file read and checked: the proposals, their records as the file
    holds them (to write back unchanged), and one `Problem` per mistake.

    `numbers` are the active run's perspectives: a proposal about another perspective needs the
    title it had at import (`titel`), or nobody can tell what it was about."""
    from verhalen.catalysis import read_yaml

    path = project.root / PROPOSALS_FILE
    if not path.is_file():
        return [], [], []
    try:
        data = read_yaml(path, lang)
    except RejectedBatch as exc:
        return [], [], list(exc.problems)
    except VerhalenError as exc:  # could not be read
        return [], [], [Problem(path.name, None, str(exc))]
    problems: list[Problem] = []

    def problem(line: int | None, nl: str, en: str) -> None:
        problems.append(Problem(path.name, line, say(lang, nl, en)))

    items: Any = []
    if isinstance(data, dict):
        for key in data:
            if key != "voorstellen":
                problem(
                    getattr(data, "line", None),
                    f"onbekende sleutel '{key}' (verwacht alleen 'voorstellen')",
                    f"unknown key '{key}' (expected only 'voorstellen')",
                )
        items = data.get("voorstellen") or []
    elif data is not None:
        items = None
    if not isinstance(items, list):
        problem(
            getattr(data, "line", None),
            "verwacht 'voorstellen:' met een lijst van voorstellen (perspectief, voorstel, wie, "
            "toelichting)",
            "expected 'voorstellen:' with a list of proposals (perspectief, voorstel, wie, "
            "toelichting)",
        )
        items = []
    lines = getattr(items, "lines", ())
    proposals: list[Proposal] = []
    records: list[dict[str, Any]] = []
    for k, item in enumerate(items or [], 1):
        line = lines[k - 1] if k <= len(lines) else None
        label = say(lang, f"voorstel {k}", f"proposal {k}")
        if not isinstance(item, dict):
            problem(
                line,
                f"{label}: verwacht perspectief, voorstel, wie en toelichting",
                f"{label}: expected perspectief, voorstel, wie and toelichting",
            )
            continue
        line = getattr(item, "line", None) or line
        ok = True
        for key in item:
            if key not in PROPOSAL_KEYS:
                ok = False
                problem(
                    line,
                    f"{label}: onbekende sleutel '{key}' (bekend: {', '.join(PROPOSAL_KEYS)})",
                    f"{label}: unknown key '{key}' (known: {', '.join(PROPOSAL_KEYS)})",
                )
        raw = item.get("perspectief")
        number = int(raw) if isinstance(raw, str) and raw.strip().isdigit() else raw
        title = " ".join(str(item.get("titel") or "").split())
        if raw is None or raw == "":
            ok = False
            problem(line, f"{label}: perspectief ontbreekt", f"{label}: perspectief is missing")
        elif isinstance(number, bool) or not isinstance(number, int):
            ok = False
            problem(
                line,
                f"{label}: perspectief '{raw}' is geen nummer",
                f"{label}: perspectief '{raw}' is not a number",
            )
        elif number not in numbers and not title:
            ok = False
            known = ", ".join(str(n) for n in sorted(numbers)) or "-"
            problem(
                line,
                f"{label}: perspectief {number} bestaat niet (wel: {known}) en er staat geen "
                "titel bij",
                f"{label}: perspective {number} does not exist (known: {known}) and there is "
                "no titel",
            )
        text = " ".join(str(item.get("voorstel") or "").split())
        if not text:
            ok = False
            problem(line, f"{label}: voorstel is leeg", f"{label}: voorstel is empty")
        if not ok:
            continue
        proposals.append(
            Proposal(
                int(number),
                text,
                str(item.get("wie") or ""),
                str(item.get("toelichting") or ""),
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
    """Every mistake in the change proposals file (verandervoorstellen.yaml), one `Problem`
    (file, line, reason) each; empty when it is fine or there is none. `verhalen doctor` shows
    them; `report` and `workshop import` refuse with the same lines."""
    if not (project.root / PROPOSALS_FILE).is_file():
        return []
    return read_proposals(project, lang or project.lang, _active_numbers(project))[2]


def _stored_proposals(project: Project) -> list[Proposal]:
    """The stored change proposals; a `RejectedBatch` when the file has mistakes."""
    if not (project.root / PROPOSALS_FILE).is_file():
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
