"""Stories back to NarraFirma: a stories CSV and the story-form CSV that describes it.

Both files are in NarraFirma's import format (the format `verhalen form from-narrafirma` and
`verhalen ingest --narrafirma-form` read, `verhalen.ingest._narrafirma`), so the folder goes into
NarraFirma's "import stories from CSV" and back into verhalen alike:

    verhalen-stories.csv     Participant ID, Story title, Story text, then one column per question
    verhalen-story-form.csv  Data column name, Type, About, Short name, Long name, Options,
                             Answers…; then the `import` rows naming the fixed columns

How the question types travel:

| verhalen | NarraFirma | cells |
|---|---|---|
| single | Single choice | the option |
| multiple | Multi-choice multi-column texts | a column per option (one header): option or empty |
| scale | Scale (its two labels, then min and max) | the number |
| number | Scale (min and max; else the answers' range) | the number; read back as a scale |
| boolean | Boolean | yes or no |
| text | Text | the text |

The data column of a question is its id, as in the CSV export. NarraFirma's short name is the
question's name inside NarraFirma, and the reader makes the question id from it, so the short
name is the question's label when that reads back as the same id (`Gevoel` for `gevoel`), else
the id itself: the ids, and so the answers, survive the round trip. The long name is the
question text. Storyteller questions are about the `participant`, with the storyteller's id in
the Participant ID column.

Every cell goes through `verhalen.safe.csv_value`: text a spreadsheet would run as a formula gets
a leading quote, in the form as in the stories, so an option that starts with `-` still matches
its answers (both carry the quote once read back).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verhalen import atomic
from verhalen.safe import csv_value

if TYPE_CHECKING:
    from verhalen.form import Question
    from verhalen.project import Project
    from verhalen.stories import ExportStory, StoryFilter

STORIES_FILE = "verhalen-stories.csv"
FORM_FILE = "verhalen-story-form.csv"
TITLE_COLUMN = "Story title"
TEXT_COLUMN = "Story text"
PARTICIPANT_COLUMN = "Participant ID"
FORM_HEADER = (
    "Data column name",
    "Type",
    "About",
    "Short name",
    "Long name",
    "Options",
    "Answers",
)
TYPES = {
    "single": "Single choice",
    "multiple": "Multi-choice multi-column texts",
    "scale": "Scale",
    "number": "Scale",
    "boolean": "Boolean",
    "text": "Text",
}
ABOUT = {"story": "story", "storyteller": "participant"}


def write_narrafirma(
    project: Project,
    folder: Path,
    where: StoryFilter | None = None,
    original: bool = False,
) -> int:
    """Write the two CSVs into `folder` (each file atomic); returns the number of stories."""
    from verhalen.stories import export_records

    records = export_records(project, where, original)
    questions = list(project.form.questions)
    folder.mkdir(parents=True, exist_ok=True)
    atomic.write_text(folder / FORM_FILE, _csv(form_rows(project, questions, records)))
    atomic.write_text(folder / STORIES_FILE, _csv(story_rows(questions, records)))
    return len(records)


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Numbers stay numbers (whole ones without `.0`); text never becomes a formula."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    return csv_value("" if value is None else str(value))


def short_name(q: Question, lang: str) -> str:
    """The label when NarraFirma's reader turns it back into the question's id, else the id."""
    from verhalen.ingest import narrafirma_slug as slug

    label = " ".join(q.label(lang).split())
    return label if label and slug(label) == q.id else q.id


def form_rows(project: Project, questions: list[Question], records: list[ExportStory]) -> list:
    lang = project.lang
    rows: list[list[Any]] = [list(FORM_HEADER)]
    for q in questions:
        row: list[Any] = [
            q.id,
            TYPES[q.type],
            ABOUT.get(q.about, "story"),
            short_name(q, lang),
            " ".join(q.question_text(lang).split()),
            "",
        ]
        if q.type in ("single", "multiple"):
            row += list(q.options)
        elif q.type in ("scale", "number"):
            lo, hi = _range(q, records)
            labels = list(q.labels) if q.labels and q.type == "scale" else []
            row += [*labels, lo, hi]
        rows.append(row)
    rows += [
        ["", "Story title column name", "import", "", "", "", TITLE_COLUMN],
        ["", "Story text column name", "import", "", "", "", TEXT_COLUMN],
        ["", "Participant ID column name", "import", "", "", "", PARTICIPANT_COLUMN],
    ]
    # A comment line first, as NarraFirma writes one, padded with empty cells: readers take
    # the delimiter from the first line, and it must be the comma.
    width = max(len(row) for row in rows)
    comment = "; NarraFirma story form, written by verhalen"
    return [[comment, *[""] * (width - 1)], [""] * width, *rows]


def _range(q: Question, records: list[ExportStory]) -> tuple[float, float]:
    """A scale's ends; a number question without them takes 0 (or less) up to its largest
    answer (at least 100), so every answer fits."""
    values = [
        float(v)
        for r in records
        if isinstance(v := r.answers.get(q.id), int | float) and not isinstance(v, bool)
    ]
    lo = q.min if q.min is not None else min([0.0, *values])
    hi = q.max if q.max is not None else max([100.0, *values])
    return lo, hi


def story_rows(questions: list[Question], records: list[ExportStory]) -> list[list[Any]]:
    header: list[Any] = [PARTICIPANT_COLUMN, TITLE_COLUMN, TEXT_COLUMN]
    for q in questions:
        header += [q.id] * (len(q.options) if q.type == "multiple" and q.options else 1)
    rows = [header]
    for r in records:
        row: list[Any] = [r.story.storyteller_id or "", r.title, r.text]
        for q in questions:
            value = r.answers.get(q.id)
            if q.type == "multiple" and q.options:
                chosen = value if isinstance(value, list) else []
                row += [option if option in chosen else "" for option in q.options]
            elif isinstance(value, list):
                row.append("; ".join(str(v) for v in value))
            else:
                row.append(value)
        rows.append(row)
    return rows
