"""English help for the command line, and the choice of the language `--help` speaks.

The Dutch help stays where it is written, in the commands' docstrings and their `help=`.
`HELP` holds the English beside it, keyed by command path (`()` is `verhalen` itself,
`("perspectives", "rename")` is `verhalen perspectives rename`) and then by parameter name
(the Python name, as `click` knows it: `out_path` for `--out`). `apply` puts it on the
click command tree that `typer.main.get_command` builds, before that tree runs.

tests/test_help.py walks the tree: every command and every parameter with Dutch help needs
an entry here, and an entry for a command or parameter that is gone fails too.

Which language the help speaks (`help_language`), first that applies:

1. `--lang nl|en` anywhere on the command line;
2. the environment variable `VERHALEN_LANG` (`nl` or `en`);
3. the project's language, when a verhalen.toml is found (`--project`, or the current folder
   and upwards; a project that names none is Dutch);
4. the locale: `LC_ALL`, else `LC_MESSAGES`, else `LANG`, else Python's `locale.getlocale()`;
   Dutch when it starts with `nl` (or `Dutch`, as Windows names it), English otherwise.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from verhalen import faults

LANGUAGES = ("nl", "en")


class Entry(TypedDict):
    help: str
    params: NotRequired[dict[str, str]]


# Texts that several commands share.
_ONLY_GROUP = "Only this storyteller group."
_ONLY_SESSION = "Only this session."
_ONLY_STORYTELLER = "Only this storyteller."
_SEARCH = "Text in the title or the story."
_FLAGGED = "Only stories that resemble another story."
_WHERE = "A condition on answers or tags, e.g. role=resident or feeling>=70 (repeatable)."
_ALPHA = "Threshold for q (after correcting for the number of tests)."
_MIN_EFFECT = "Smallest effect that counts as a pattern."
_TEMPLATE = "Story form to start from: algemeen (general) or programma (programme evaluation)."
_ONLY_PERSPECTIVE = "Only this perspective (number)."
_OUTPUT_FILE = "Output file."
_STORY_NUMBERS = "Story numbers."
_QUESTION = "Question id."
_KIT_PAPER = "Paper size of the canvas, timeline and template: a4 or a3."
_KIT_FOLDER = "Output folder (default: the workshop/ folder)."
_KIT_X = "Scale or dyad question (id) for the horizontal axis, or a triad."
_KIT_Y = "Scale or dyad question (id) for the vertical axis."
_KIT_TRIAD = "Triad question (id): a triangular landscape instead of axes."
_KIT_BY = "Question (id) to order by, or 'session' (default: the when question)."
_KIT_EXERCISES = (
    "Exercises, separated by commas: landscape, timeline, elements, composite, perspectives "
    "(default: the first four)."
)

HELP: dict[tuple[str, ...], Entry] = {
    (): {
        "help": "Gather, order and make sense of stories: participatory narrative inquiry (PNI).",
        "params": {
            "project": "Project folder (default: the current folder or one above it).",
            "lang": "Language of the output: nl or en.",
        },
    },
    ("init",): {
        "help": "Create a project folder with verhalen.toml, a story form and the store.",
        "params": {
            "path": "Folder for the new project.",
            "lang": "Language of the project and its story form: nl or en.",
            "template": _TEMPLATE,
            "name": "Name of the project.",
        },
    },
    ("demo",): {
        "help": "Create the example project 'Werken met Netwerken' and run through every step.",
        "params": {
            "path": "Folder for the example project.",
            "source": "Folder holding the example (default: the example in the package).",
        },
    },
    ("ingest",): {
        "help": "Read in stories from .txt .md .docx .odt .vtt .srt .csv .xlsx, all or nothing.",
        "params": {
            "paths": "Files or folders with stories.",
            "storytellers": "Table of storytellers (csv/xlsx).",
            "column_map": "Map fields to columns, e.g. text=Story,title=Title.",
            "session": "Session for stories that do not name one themselves.",
            "storyteller": "Storyteller for stories that do not name one themselves.",
            "narrafirma_form": "NarraFirma form (csv) that goes with an export.",
            "sensemaker": "SenseMaker framework definition (json) that goes with an export.",
            "dry_run": "Only check; store nothing.",
            "skip_invalid": "Read in the valid part and reject the rest.",
            "rejects": "Where rejected input is written (with --skip-invalid).",
        },
    },
    ("status",): {
        "help": "The project at a glance: storytellers, stories, sessions, words, formats.",
    },
    ("doctor",): {
        "help": (
            "Check the project and explain how to repair whatever is wrong.\n\n"
            "Store, schema, settings, story form against answers, runs, vectors and source "
            "files.\nChanges nothing. Exit status 1 on errors; warnings alone give 0."
        ),
        "params": {"as_json": "Findings as JSON (for scripts)."},
    },
    ("anonymize",): {
        "help": (
            "Replace names, e-mail addresses, phone numbers and addresses with [PERSON-1] and "
            "the like, with a review sheet."
        ),
        "params": {
            "review": "The checked review sheet (xlsx) to apply.",
            "out_path": "Where the new review sheet is written.",
        },
    },
    ("cluster",): {
        "help": (
            "Group the stories into candidate perspectives: groups of stories that keep "
            "ending up together."
        ),
        "params": {
            "embedder": "hybrid (nl), minilm (en), use, tfidf or sentence-transformers:PATH.",
            "perspectives": "Exactly this many perspectives.",
            "min_size": "Smallest perspective (number of stories).",
            "seed": "Random seed: the same number gives the same result.",
            "guided": "Themes (YAML: name + words) to steer the grouping towards.",
            "runs": (
                "Repeated runs on samples of the stories; the perspectives are their "
                "consensus (at least 2)."
            ),
        },
    },
    ("report",): {
        "help": "Make the catalysis report: a PDF to read, an XLSX to sort and filter.",
        "params": {
            "fmt": "pdf, xlsx or both (default: both).",
            "lang": "Language of the report: nl or en.",
            "out_dir": "Folder for the report (default: report/; rapport/ in a Dutch project).",
            "alpha": "Threshold for the corrected p (Benjamini-Hochberg).",
            "min_effect": "Smallest effect size that stands out.",
            "init_catalysis": (
                "Write a catalyse.yaml with explanations and this project's ids, and stop."
            ),
        },
    },
    ("perspectives",): {"help": "View and edit the perspectives."},
    ("perspectives", "list"): {
        "help": "The perspectives of the active run: name, key phrases, stories, stability.",
        "params": {"as_json": "As JSON (for scripts and notebooks)."},
    },
    ("perspectives", "show"): {
        "help": (
            "One perspective: name, key phrases, summary, example stories, who tells its stories."
        ),
        "params": {"number": "Perspective number."},
    },
    ("perspectives", "runs"): {"help": "All clustering runs; the active one is marked."},
    ("perspectives", "use"): {
        "help": "Make an earlier run the active one.",
        "params": {"run_id": "Run number."},
    },
    ("perspectives", "rename"): {"help": "Give a perspective a name of your own."},
    ("perspectives", "describe"): {"help": "Write a description for a perspective."},
    ("perspectives", "merge"): {"help": "Merge perspective OTHER into KEEP."},
    ("perspectives", "split"): {
        "help": "Split a perspective into parts (by regrouping only its own stories).",
        "params": {"parts": "Into how many parts."},
    },
    ("perspectives", "move"): {
        "help": "Move a story to another perspective (0: fits nowhere).",
    },
    ("perspectives", "delete"): {
        "help": "Dissolve a perspective; its stories go to 'fits nowhere'.",
    },
    ("perspectives", "history"): {"help": "All clustering runs and edits."},
    ("stories",): {"help": "View and export stories, and exclude them from the analysis."},
    ("stories", "list"): {
        "help": "List the stories, with filters; excluded stories are marked.",
        "params": {
            "group": _ONLY_GROUP,
            "session": _ONLY_SESSION,
            "storyteller": _ONLY_STORYTELLER,
            "search": _SEARCH,
            "flagged": _FLAGGED,
            "where": _WHERE,
            "excluded": "Only stories that are excluded from the analysis.",
        },
    },
    ("stories", "show"): {
        "help": "One story in full, with its storyteller, answers and context.",
        "params": {"story_id": "Story number."},
    },
    ("stories", "export"): {
        "help": (
            "Write stories with their answers to csv, xlsx or json, one row per story.\n\n"
            "qdpx: a REFI-QDA project for ATLAS.ti, NVivo, MAXQDA or QualCoder (stories as\n"
            "texts, perspectives as codes, catalysis as notes, answers as variables). narrafirma:\n"
            "a folder with a stories CSV and a form CSV in NarraFirma's import format."
        ),
        "params": {
            "out_path": "Output file (with --format narrafirma: a folder).",
            "fmt": (
                "csv, xlsx, json, qdpx (REFI-QDA, for QDA tools) or narrafirma "
                "(default: from the file extension)."
            ),
            "group": _ONLY_GROUP,
            "session": _ONLY_SESSION,
            "storyteller": _ONLY_STORYTELLER,
            "search": _SEARCH,
            "flagged": _FLAGGED,
            "where": _WHERE,
            "original": "The original text, not pseudonymised.",
        },
    },
    ("stories", "exclude"): {
        "help": (
            "Exclude stories from the analysis (clustering, patterns, report, workshop).\n\n"
            "They stay stored; 'stories include' takes them back in. Excluding them again\n"
            "records a new reason. Every change is listed in 'stories history'."
        ),
        "params": {
            "story_ids": _STORY_NUMBERS,
            "reason": 'Why (required; it goes into the report), e.g. "test record".',
        },
    },
    ("stories", "include"): {
        "help": "Take excluded stories back into the analysis.",
        "params": {"story_ids": _STORY_NUMBERS},
    },
    ("stories", "history"): {
        "help": "Who excluded which stories or took them back in, when and why.",
        "params": {"story_id": "Only this story."},
    },
    ("form",): {"help": "Create, view and check the story form."},
    ("form", "show"): {"help": "Show the questions of the story form, in readable form."},
    ("form", "check"): {"help": "Check storyform.yaml; every error on a line of its own."},
    ("form", "new"): {
        "help": "Create storyform.yaml from a template, in the project's language.",
        "params": {
            "template": _TEMPLATE,
            "force": "Overwrite a storyform.yaml that has questions.",
        },
    },
    ("form", "from-narrafirma"): {
        "help": "Create storyform.yaml from a NarraFirma form, to read in an export.",
        "params": {
            "form_csv": "NarraFirma form (csv).",
            "force": "Overwrite an existing storyform.yaml.",
        },
    },
    ("form", "from-sensemaker"): {
        "help": "Create storyform.yaml from a SenseMaker definition: lists, triads, dyads, stones.",
        "params": {
            "definition": "SenseMaker framework definition (json).",
            "force": "Overwrite a storyform.yaml that has questions.",
        },
    },
    ("tag",): {"help": "Answers and tags of stories."},
    ("tag", "import"): {
        "help": (
            "Read in answers, matched on story id or title (storytellers on id). All or nothing."
        ),
        "params": {"path": "Answers (xlsx or csv), one row per story."},
    },
    ("tag", "set"): {
        "help": "Set one answer by hand; the old value stays in the history.",
        "params": {
            "target": "Story number (or storyteller id for questions about the storyteller).",
            "question": _QUESTION,
            "value": (
                "The answer; separate several choices with ;; triad 30/50/20, dyad 40, "
                "stones stone=x,y;…, n/a = not applicable."
            ),
        },
    },
    ("tag", "clear"): {
        "help": "Clear one answer; the old value stays in the history.",
        "params": {"target": "Story number or storyteller id.", "question": _QUESTION},
    },
    ("tag", "history"): {
        "help": "Who changed what, and when.",
        "params": {"story": "Only this story."},
    },
    ("tag", "auto"): {
        "help": "Work out automatic tags: language, length, reading time, key terms, group.",
    },
    ("tag", "summary"): {"help": "How the answers to each question are spread, with bars."},
    ("patterns",): {
        "help": "Patterns: which answers, tags and perspectives go together.",
        "params": {
            "alpha": _ALPHA,
            "min_effect": _MIN_EFFECT,
            "all_": "Also what does not pass the test, and every variable.",
        },
    },
    ("patterns", "list"): {
        "help": "All patterns with their ids, in order: use an id with 'verhalen patterns show'.",
        "params": {"alpha": _ALPHA, "min_effect": _MIN_EFFECT},
    },
    ("patterns", "show"): {
        "help": "One pattern in detail: the crosstab or the groups, the test and the sentence.",
        "params": {
            "pattern_id": "Id from 'verhalen patterns list'.",
            "alpha": _ALPHA,
            "min_effect": _MIN_EFFECT,
        },
    },
    ("workshop",): {
        "help": "Material for the sensemaking workshop: cards, sheets, results.",
    },
    ("workshop", "cards"): {
        "help": "Story cards as PDF: A6, four to an A4 page with crop marks.",
        "params": {
            "perspective": _ONLY_PERSPECTIVE,
            "lang": "Language: nl or en.",
            "out_file": _OUTPUT_FILE,
        },
    },
    ("workshop", "sheets"): {
        "help": "Perspective sheets as PDF: one A4 page per perspective.",
        "params": {
            "perspective": _ONLY_PERSPECTIVE,
            "lang": "Language: nl or en.",
            "out_file": _OUTPUT_FILE,
        },
    },
    ("workshop", "template"): {
        "help": "The results template (XLSX), with the current perspectives already filled in.",
        "params": {"out_file": _OUTPUT_FILE},
    },
    ("workshop", "import"): {
        "help": "Bring the results of the workshop back into the project (all or nothing).",
        "params": {"results": "The filled-in results template (.xlsx)."},
    },
    ("workshop", "kit"): {
        "help": "All the material for the workshop in one folder: landscape, timeline, "
        "elements, agenda.",
        "params": {
            "paper": _KIT_PAPER,
            "x": _KIT_X,
            "y": _KIT_Y,
            "triad": _KIT_TRIAD,
            "by": _KIT_BY,
            "exercises": _KIT_EXERCISES,
            "lang": "Language: nl or en.",
            "out_dir": _KIT_FOLDER,
        },
    },
    ("workshop", "landscape"): {
        "help": "Landscape: stories on two questions or in a triad, with a legend and an empty "
        "canvas.",
        "params": {
            "x": _KIT_X,
            "y": _KIT_Y,
            "triad": _KIT_TRIAD,
            "paper": _KIT_PAPER,
            "lang": "Language: nl or en.",
            "out_dir": _KIT_FOLDER,
        },
    },
    ("workshop", "timeline"): {
        "help": "Timeline strips: the stories in order, to cut out and tape end to end.",
        "params": {
            "by": _KIT_BY,
            "paper": _KIT_PAPER,
            "lang": "Language: nl or en.",
            "out_file": _OUTPUT_FILE,
        },
    },
    ("workshop", "elements"): {
        "help": "Label sheets for story elements (70 × 37 mm) and the composite-story template.",
        "params": {"paper": _KIT_PAPER, "lang": "Language: nl or en.", "out_dir": _KIT_FOLDER},
    },
    ("workshop", "agenda"): {
        "help": "The agenda and the instructions of the chosen exercises, on A4.",
        "params": {
            "exercises": _KIT_EXERCISES,
            "lang": "Language: nl or en.",
            "out_file": _OUTPUT_FILE,
        },
    },
}


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of a click tree with its path, the root `()` first, groups before their
    members. (Typed loosely: typer builds on its own copy of click, `typer._click`.)"""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def apply(command: Any) -> None:
    """Put the English help on the click command tree (from `typer.main.get_command`).

    A command or parameter the table lacks keeps its Dutch help; the tests see to it that
    none does."""
    for path, cmd in walk(command):
        entry = HELP.get(path)
        if entry is None:
            continue
        cmd.help = entry["help"]
        cmd.short_help = None  # the command lists show the help's first paragraph
        params = entry.get("params", {})
        for param in cmd.params:
            if param.name in params:
                param.help = params[param.name]  # typer's arguments have a help too


def help_language(
    argv: list[str], environ: Mapping[str, str] | None = None, start: Path | None = None
) -> str:
    """The language `--help` speaks: `--lang`, else `VERHALEN_LANG`, else the project's
    language, else the locale (see the module's docstring). `argv` is without the program."""
    env = os.environ if environ is None else environ
    given = _lang_flag(argv)
    if given is not None:
        return given
    chosen = env.get("VERHALEN_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    rest = _without_lang(argv)
    try:
        if faults.project_root(rest, start) is not None:
            return faults.language(rest, start)
    except OSError:  # the current folder was removed, say: no project to ask
        pass
    return locale_language(env)


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """Dutch when the locale is Dutch (`nl_NL.UTF-8`, `nl_BE`, Windows' `Dutch_Netherlands`),
    English for any other locale, and for none."""
    env = os.environ if environ is None else environ
    name = next((env[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(key)), "")
    if not name:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:  # an unknown locale name
            name = ""
    return "nl" if name.lower().startswith(("nl", "dutch")) else "en"


def _lang_flag(argv: list[str]) -> str | None:
    """The value of a `--lang` on the command line when it is nl or en."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGUAGES:
            return value
    return None


def _without_lang(argv: list[str]) -> list[str]:
    """`argv` without its `--lang` options, so `faults.language` reads only the project."""
    rest: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest
