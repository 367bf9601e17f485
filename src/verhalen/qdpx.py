"""Stories out to QDA tools: a REFI-QDA project (`.qdpx`) for ATLAS.ti, NVivo, MAXQDA, QualCoder.

A `.qdpx` file is a zip holding `project.qde`, XML in the namespace `urn:QDA-XML:project:1.0`
(QDA-XML 1.0, `Project.xsd`), and a `sources/` folder with the texts. What goes in:

- every story (pseudonymised, unless the original is asked for) as a text source,
  `sources/<guid>.txt`, named `<number> <title>` with the number zero-padded so the tools sort
  the stories in verhalen's order;
- the perspectives of the active run as codes, each coding the whole text of its stories (a
  `PlainTextSelection` from 0 to the text's length in characters); stories that fit nowhere
  stay uncoded;
- the observations and interpretations of `catalyse.yaml` (read through `verhalen.catalysis`)
  as notes, one for each observation and one for each interpretation; a perspective's code
  refers to the interpretations that name it, and the project refers to every note;
- the answers to the story form and the storyteller's own answers as variables on cases,
  with the storyteller, group, session and story number beside them.

**One case per story**, not per storyteller. In PNI the story is the unit of analysis: a
storyteller answers the story questions once for each story, so two stories of one storyteller
carry different answers, and a storyteller case could only hold the storyteller's own attributes
and would lose the answers about the stories. A case per story holds both, the storyteller's
attributes repeated on each of their stories (as the CSV export repeats them on each row), and
refers to its one story (`SourceRef`). QDA tools then show the answers in their case attribute
tables and can filter codings by any answer (QualCoder: "Cases" with their attributes, NVivo:
cases with a classification, ATLAS.ti: document groups by variable); grouping by storyteller
stays possible through the `storyteller` variable. The cases are named (as the story's source
is), since NVivo and ATLAS.ti build cases from names; an unnamed case with one `SourceRef` is
read by MAXQDA and QualCoder as document variables instead. QualCoder's reader (checked with its
`refi.py`) shows every case with its attributes, every code and coding, and the notes as
journals, but links a named case to its text only through a code of the same GUID, its own
convention, which would add a code per story in every other tool: there the story number and
the name tie a case to its text.

Identical input gives identical bytes: every GUID is a UUID5 of a stable id (the project's name,
then the story's `uid`, the question's id, the run and the perspective's number, the
observation's id), elements come in a fixed order, the zip entries carry a fixed timestamp, and
the one date in the XML (`creationDateTime`, which QualCoder needs on codings and notes) is the
time of the store's last recorded change.
"""

from __future__ import annotations

import math
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from verhalen import __version__, atomic
from verhalen.i18n import t

if TYPE_CHECKING:
    from verhalen.catalysis import Catalysis
    from verhalen.form import Question
    from verhalen.perspectives import PerspectiveView
    from verhalen.project import Project
    from verhalen.stories import ExportStory, StoryFilter

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES = "sources"
# Every GUID hangs under this namespace, then under the project's name.
GUID_ROOT = uuid.UUID("6f1c2b7e-5a43-4d0e-9a51-2f6b0c8e7d31")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no clock in the file
NO_TIME = "1980-01-01T00:00:00Z"
# Characters XML 1.0 cannot hold (besides tab, line feed and carriage return).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Code colours: distinct, readable under a highlighted text; perspective n takes colour n.
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#76B7B2",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
    "#86BCB6",
    "#D37295",
)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def clean(text: str) -> str:
    """Text as XML 1.0 can hold it, with `\\n` line ends: positions count these characters."""
    return XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class _Guids:
    """UUID5s from stable ids: the same project gives the same GUIDs in every export."""

    def __init__(self, project_name: str):
        self.space = uuid.uuid5(GUID_ROOT, project_name)

    def __call__(self, *parts: object) -> str:
        return str(uuid.uuid5(self.space, "\x1f".join(str(p) for p in parts)))


@dataclass(frozen=True)
class _Variable:
    guid: str
    name: str
    kind: str  # Text, Boolean, Integer, Float
    description: str


def write_qdpx(
    project: Project,
    out: Path,
    where: StoryFilter | None = None,
    original: bool = False,
) -> int:
    """Write the stories as a REFI-QDA project to `out` (one atomic file); returns the number
    of stories. A catalysis file with mistakes stops the export (RejectedBatch), as it stops
    the report."""
    from verhalen.stories import export_records

    records = export_records(project, where, original)
    views, run_id = _perspectives(project)
    catalysis = _catalysis(project)
    when = _last_change(project)
    xml, texts = build_project(project, records, views, run_id, catalysis, when)
    entries = [(PROJECT_FILE, xml), *((f"{SOURCES}/{n}", text.encode()) for n, text in texts)]
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic.atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return len(records)


def _perspectives(project: Project) -> tuple[list[PerspectiveView], int | None]:
    """The active run's numbered perspectives (none without a run) and the run's id."""
    from verhalen.perspectives import perspectives

    with project.store() as store:
        run = store.active_run()
    if run is None:
        return [], None
    return [v for v in perspectives(project) if v.number > 0], run.id


def _catalysis(project: Project) -> Catalysis | None:
    from verhalen.catalysis import find_file, load_catalysis, references

    path = find_file(project.root)
    if path is None:
        return None
    pattern_ids, numbers = references(project)
    return load_catalysis(path, pattern_ids, numbers, project.lang)


def _last_change(project: Project) -> str:
    """When the store last recorded a change, as `xsd:dateTime` in UTC."""
    with project.store() as store:
        changes = store.history()
    if not changes:
        return NO_TIME
    try:
        at = datetime.fromisoformat(changes[-1]["at"])
    except (TypeError, ValueError):
        return NO_TIME
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_project(
    project: Project,
    records: list[ExportStory],
    views: list[PerspectiveView],
    run_id: int | None,
    catalysis: Catalysis | None,
    when: str,
) -> tuple[bytes, list[tuple[str, str]]]:
    """`project.qde` as bytes and the files for `sources/` as (name, text), in a fixed order."""
    lang = project.lang
    guid = _Guids(project.name)
    user = guid("user", "verhalen")
    root = ET.Element(
        _q("Project"),
        {
            "name": clean(project.name),
            "origin": f"verhalen {__version__}",
            "creatingUserGUID": user,
            "creationDateTime": when,
        },
    )
    users = ET.SubElement(root, _q("Users"))
    ET.SubElement(users, _q("User"), {"guid": user, "name": "verhalen"})

    # Notes first (in memory): codes refer to the interpretations that name their perspective.
    notes, notes_for = _notes(catalysis, views, guid, lang)
    codes = {v.number: guid("run", run_id, "perspective", v.number) for v in views}
    if views:
        codebook = ET.SubElement(ET.SubElement(root, _q("CodeBook")), _q("Codes"))
        for v in views:
            code = ET.SubElement(
                codebook,
                _q("Code"),
                {
                    "guid": codes[v.number],
                    "name": clean(f"{v.number}. {v.title(lang)}"),
                    "isCodable": "true",
                    "color": PALETTE[(v.number - 1) % len(PALETTE)],
                },
            )
            description = _code_description(v, lang)
            if description:
                ET.SubElement(code, _q("Description")).text = clean(description)
            for note_guid in notes_for.get(v.number, []):
                ET.SubElement(code, _q("NoteRef"), {"targetGUID": note_guid})

    variables = _variables(project, guid)
    if records and variables:
        element = ET.SubElement(root, _q("Variables"))
        for var in variables.values():
            item = ET.SubElement(
                element,
                _q("Variable"),
                {"guid": var.guid, "name": var.name, "typeOfVariable": var.kind},
            )
            if var.description:
                ET.SubElement(item, _q("Description")).text = var.description

    width = max(3, len(str(max((r.story.id for r in records), default=0))))
    names = {r.story.id: _source_name(r, width, lang) for r in records}
    sources = {r.story.id: guid("story", r.story.uid) for r in records}
    if records:
        cases = ET.SubElement(root, _q("Cases"))
        for r in records:
            case = ET.SubElement(
                cases, _q("Case"), {"guid": guid("case", r.story.uid), "name": names[r.story.id]}
            )
            for key, value in _case_values(project, r):
                var = variables.get(key)
                shown = _value(var, value) if var is not None else None
                if shown is None:
                    continue
                vv = ET.SubElement(case, _q("VariableValue"))
                ET.SubElement(vv, _q("VariableRef"), {"targetGUID": var.guid})
                ET.SubElement(vv, _q(f"{var.kind}Value")).text = shown
            ET.SubElement(case, _q("SourceRef"), {"targetGUID": sources[r.story.id]})

    files: list[tuple[str, str]] = []
    assigned = {sid: v.number for v in views for sid in v.story_ids}
    if records:
        element = ET.SubElement(root, _q("Sources"))
        for r in records:
            text = clean(r.text)
            source_guid = sources[r.story.id]
            files.append((f"{source_guid}.txt", text))
            source = ET.SubElement(
                element,
                _q("TextSource"),
                {
                    "guid": source_guid,
                    "name": names[r.story.id],
                    "plainTextPath": f"internal://{source_guid}.txt",
                    "creatingUser": user,
                },
            )
            number = assigned.get(r.story.id)
            if number is None:
                continue
            selection = ET.SubElement(
                source,
                _q("PlainTextSelection"),
                {
                    "guid": guid("selection", run_id, r.story.uid),
                    "name": clean(f"{number}. {_view_title(views, number, lang)}"),
                    "startPosition": "0",
                    "endPosition": str(len(text)),
                    "creatingUser": user,
                    "creationDateTime": when,
                },
            )
            coding = ET.SubElement(
                selection,
                _q("Coding"),
                {
                    "guid": guid("coding", run_id, r.story.uid),
                    "creatingUser": user,
                    "creationDateTime": when,
                },
            )
            ET.SubElement(coding, _q("CodeRef"), {"targetGUID": codes[number]})

    if notes:
        element = ET.SubElement(root, _q("Notes"))
        for note_guid, name, text in notes:
            files.append((f"{note_guid}.txt", text))
            ET.SubElement(
                element,
                _q("Note"),
                {
                    "guid": note_guid,
                    "name": name,
                    "plainTextPath": f"internal://{note_guid}.txt",
                    "creatingUser": user,
                    "creationDateTime": when,
                },
            )
    ET.SubElement(root, _q("Description")).text = clean(_description(project, records, run_id))
    for note_guid, _, _ in notes:
        ET.SubElement(root, _q("NoteRef"), {"targetGUID": note_guid})

    ET.register_namespace("", NS)
    ET.indent(root, space="  ")
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    return (xml + "\n").encode("utf-8"), files


def _view_title(views: list[PerspectiveView], number: int, lang: str) -> str:
    return next(v.title(lang) for v in views if v.number == number)


def _code_description(view: PerspectiveView, lang: str) -> str:
    parts = []
    if view.description:
        parts.append(view.description)
    phrases = view.phrases or view.terms
    if phrases:
        parts.append(t("data_qdpx_key_phrases", lang, phrases=", ".join(phrases[:10])))
    return "\n\n".join(parts)


def _source_name(record: ExportStory, width: int, lang: str) -> str:
    """`007 De brug`: the number first so the tools sort as verhalen does; no path separators,
    as QualCoder names a file after it."""
    title = " ".join(record.title.split()).replace("/", "-").replace("\\", "-")
    return clean(f"{record.story.id:0{width}d} {title}".strip())


def _variables(project: Project, guid: _Guids) -> dict[str, _Variable]:
    """The story number, storyteller, group and session, then one variable per question; key
    `:id`, `:storyteller`, … for the fixed ones, the question id for the others. Names are
    unique (tools refuse a second variable of the same name)."""
    lang = project.lang
    fixed = [
        (":id", t("data_qdpx_story_number", lang), "Integer", ""),
        (":storyteller", t("data_qdpx_storyteller", lang), "Text", ""),
        (":group", t("data_qdpx_group", lang), "Text", ""),
        (":session", t("data_qdpx_session", lang), "Text", ""),
    ]
    out: dict[str, _Variable] = {}
    taken: set[str] = set()
    for key, name, kind, description in fixed:
        out[key] = _Variable(guid("variable", key), name, kind, description)
        taken.add(name.casefold())
    for q in project.form.questions:
        name = clean(" ".join(q.label(lang).split())) or q.id
        if name.casefold() in taken:
            name = f"{name} ({q.id})"
        while name.casefold() in taken:
            name += "_"
        taken.add(name.casefold())
        text = clean(q.question_text(lang))
        out[q.id] = _Variable(guid("variable", q.id), name, _kind(q), text)
    return out


def _kind(q: Question) -> str:
    if q.type in ("scale", "number"):
        return "Float"
    if q.type == "boolean":
        return "Boolean"
    return "Text"


def _case_values(project: Project, record: ExportStory) -> list[tuple[str, Any]]:
    s = record.story
    return [
        (":id", s.id),
        (":storyteller", s.storyteller_id),
        (":group", s.group),
        (":session", s.session),
        *((q.id, record.answers.get(q.id)) for q in project.form.questions),
    ]


def _value(var: _Variable, value: Any) -> str | None:
    """The value as its variable's XML type writes it; None leaves it out (no answer, or an
    answer that does not fit the question's type any more)."""
    if value is None or value == "" or value == []:
        return None
    if var.kind == "Integer":
        return str(int(value)) if isinstance(value, int) and not isinstance(value, bool) else None
    if var.kind == "Boolean":
        return ("true" if value else "false") if isinstance(value, bool) else None
    if var.kind == "Float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        number = float(value)
        if not math.isfinite(number):
            return None
        if number.is_integer():
            return str(int(number))
        return format(Decimal(repr(number)), "f")  # xsd:decimal has no exponent
    from verhalen.stories import format_answer

    return clean(format_answer(value))


def _notes(
    catalysis: Catalysis | None,
    views: list[PerspectiveView],
    guid: _Guids,
    lang: str,
) -> tuple[list[tuple[str, str, str]], dict[int, list[str]]]:
    """(guid, name, text) for each observation and interpretation, and for each perspective
    number the interpretations that name it."""
    notes: list[tuple[str, str, str]] = []
    by_number: dict[int, list[str]] = {}
    if catalysis is None:
        return notes, by_number
    known = {v.number: v.title(lang) for v in views}
    for obs in catalysis.observations:
        lines = [obs.text]
        if obs.patterns:
            lines += ["", t("data_qdpx_patterns", lang, patterns=", ".join(obs.patterns))]
        if obs.interpretations:
            lines += ["", t("data_qdpx_interpretations", lang)]
            lines += [f"{k}. {i.text}" for k, i in enumerate(obs.interpretations, 1)]
        name = t("data_qdpx_observation", lang, id=obs.id)
        notes.append((guid("observation", obs.id), clean(name), clean("\n".join(lines) + "\n")))
        for k, interpretation in enumerate(obs.interpretations, 1):
            note_guid = guid("interpretation", obs.id, k)
            lines = [interpretation.text, ""]
            lines.append(t("data_qdpx_of_observation", lang, id=obs.id))
            p = interpretation.perspective
            if isinstance(p, int):
                title = known.get(p, "")
                lines.append(t("data_qdpx_perspective", lang, number=p, title=title))
                by_number.setdefault(p, []).append(note_guid)
            elif p:
                lines.append(t("new_perspective", lang, name=p))
            name = t("data_qdpx_interpretation", lang, id=obs.id, k=k)
            notes.append((note_guid, clean(name), clean("\n".join(lines) + "\n")))
    return notes, by_number


def _description(project: Project, records: list[ExportStory], run_id: int | None) -> str:
    lang = project.lang
    line = t("data_qdpx_description", lang, count=len(records), name=project.name)
    if run_id is not None:
        line += t("data_qdpx_description_codes", lang, run=run_id)
    return line + "."
