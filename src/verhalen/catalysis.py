"""Catalysis: the facilitator's observations about patterns, each with competing interpretations.

In PNI the facilitator does not conclude; for every observation ("raadsleden vertellen vaker over
regels") they write several interpretations that pull different ways ("dit kan betekenen dat …
maar ook dat …"), so a sensemaking workshop starts from questions instead of answers. They live in
`catalyse.yaml` in the project (`catalysis.yaml` in an English one), written by hand; this module
reads and checks that file (`problems` lists what `report` would refuse, for `verhalen doctor`),
and writes a commented starting point that lists the project's own pattern ids and perspectives.

Keys can be Dutch or English:

    observaties:                    # or: waarnemingen, observations
      - id: regels
        patronen: [afloop~rol]      # or: patroon, patterns, pattern
        tekst: Raadsleden …         # or: waarneming, text, observation
        interpretaties:             # or: interpretations
          - tekst: Dit kan betekenen dat …
            perspectief: 2          # a perspective number, or the name of a new perspective
          - Maar ook dat …          # a plain line: an interpretation without a perspective
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import say

if TYPE_CHECKING:
    from verhalen.project import Project

# The file's name and the keys written into it, per language; reading accepts every key below.
FILE_NAME = {"nl": "catalyse.yaml", "en": "catalysis.yaml"}
FILE_NAMES = tuple(FILE_NAME.values())  # the names looked for, the Dutch one first
WRITTEN_KEYS = {
    "nl": {
        "list": "observaties",
        "patterns": "patronen",
        "text": "tekst",
        "interpretations": "interpretaties",
        "perspective": "perspectief",
    },
    "en": {
        "list": "observations",
        "patterns": "patterns",
        "text": "text",
        "interpretations": "interpretations",
        "perspective": "perspective",
    },
}
LIST_KEYS = ("observaties", "waarnemingen", "observations")
ID_KEYS = ("id",)
PATTERN_KEYS = ("patronen", "patroon", "patterns", "pattern")
TEXT_KEYS = ("tekst", "waarneming", "text", "observation")
INTERPRETATION_KEYS = ("interpretaties", "interpretations")
INTERPRETATION_TEXT_KEYS = ("tekst", "interpretatie", "text", "interpretation")
PERSPECTIVE_KEYS = ("perspectief", "perspective")


@dataclass(frozen=True)
class Interpretation:
    text: str
    perspective: int | str | None = None  # a number in the active run, or a new perspective's name


@dataclass(frozen=True)
class Observation:
    id: str
    patterns: tuple[str, ...]
    text: str
    interpretations: tuple[Interpretation, ...]
    line: int | None = None


@dataclass(frozen=True)
class Catalysis:
    path: Path | None
    observations: tuple[Observation, ...] = ()

    def new_perspectives(self) -> list[str]:
        """Names of perspectives the facilitator proposes that clustering did not find."""
        seen: dict[str, None] = {}
        for o in self.observations:
            for i in o.interpretations:
                if isinstance(i.perspective, str):
                    seen.setdefault(i.perspective)
        return list(seen)


def file_name(lang: str) -> str:
    """The catalysis file's name in a language: catalyse.yaml, or catalysis.yaml in English."""
    return FILE_NAME.get(lang, FILE_NAME["en"])


def written_keys(lang: str) -> dict[str, str]:
    """The keys a catalysis file is written with in a language (any of them is read)."""
    return WRITTEN_KEYS.get(lang, WRITTEN_KEYS["en"])


def keys_language(doc: Any) -> str | None:
    """The language of a catalysis file's keys, as its list key tells (None without one), so
    that what is added to a file keeps the keys it has."""
    if isinstance(doc, dict):
        for key in doc:
            if key in LIST_KEYS:
                return "en" if key == "observations" else "nl"
    return None


def find_file(root: Path, lang: str | None = None) -> Path | None:
    """The project's catalysis file under either name, if there is one (the name in `lang`
    first, else the Dutch one)."""
    names = sorted(FILE_NAMES, key=lambda n: n != FILE_NAME.get(lang or "nl"))
    for name in names:
        if (root / name).is_file():
            return root / name
    return None


# -- reading ---------------------------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers its line, so a problem can point into the file."""

    line: int | None = None


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    out = _Mapping(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


class _Sequence(list):
    """A YAML list that remembers the line of each item."""

    lines: tuple[int, ...] = ()


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _Sequence:
    out = _Sequence(loader.construct_sequence(node, deep=True))
    out.lines = tuple(n.start_mark.line + 1 for n in node.value)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path, lang: str = "nl") -> Any:
    """A hand-written YAML file whose mappings and lists remember their line numbers.

    Invalid YAML or text that is not UTF-8 is a `RejectedBatch` naming the file and the line;
    a file that cannot be read is a `VerhalenError`. Used for `catalyse.yaml` and the workshop's
    change proposals, so both point into the file the same way."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RejectedBatch(
            [
                Problem(
                    path.name,
                    mark.line + 1 if mark else None,
                    say(lang, "geen geldige YAML", "not valid YAML")
                    + f" ({getattr(exc, 'problem', None) or exc})",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise RejectedBatch(
            [
                Problem(
                    path.name,
                    None,
                    say(lang, "geen UTF-8-tekst", "not UTF-8 text"),
                )
            ]
        ) from None
    except OSError as exc:
        raise VerhalenError(f"{path}: {exc.strerror or exc}") from None


def _pick(item: dict, keys: Sequence[str]) -> tuple[bool, Any]:
    for key in keys:
        if key in item:
            return True, item[key]
    return False, None


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return " ".join(str(value).split())


def load_catalysis(
    path: Path | None,
    pattern_ids: Collection[str],
    perspective_numbers: Collection[int],
    lang: str = "nl",
) -> Catalysis:
    """Read and check a catalysis file; every mistake is reported at once, one line each.

    `pattern_ids` are the ids of the project's patterns (`a~b` also finds `b~a`, as people do not
    know the order); references are stored in their canonical form.
    """
    if path is None or not path.is_file():
        return Catalysis(None)
    name = path.name
    data = read_yaml(path, lang)
    problems: list[Problem] = []
    items: Any = data
    if isinstance(data, dict):
        unknown = [k for k in data if k not in LIST_KEYS]
        for key in unknown:
            problems.append(
                Problem(
                    name,
                    getattr(data, "line", None),
                    say(
                        lang,
                        f"onbekende sleutel '{key}' (gebruik 'observaties')",
                        f"unknown key '{key}' (use 'observations')",
                    ),
                )
            )
        items = _pick(data, LIST_KEYS)[1]
    if items is None:
        items = []
    if not isinstance(items, list):
        raise RejectedBatch(
            [
                Problem(
                    name,
                    None,
                    say(
                        lang,
                        "verwacht een lijst 'observaties' met id, patronen, tekst en "
                        "interpretaties",
                        "expected a list 'observations' with id, patterns, text and "
                        "interpretations",
                    ),
                )
            ]
        )
    canonical = pattern_index(pattern_ids)
    observations = []
    seen: set[str] = set()
    for index, item in enumerate(items, 1):
        lines = getattr(items, "lines", ())
        line = lines[index - 1] if index <= len(lines) else None
        obs = _observation(
            item, index, line, name, canonical, set(perspective_numbers), seen, problems, lang
        )
        if obs is not None:
            observations.append(obs)
    if problems:
        raise RejectedBatch(problems)
    return Catalysis(path, tuple(observations))


def pattern_index(pattern_ids: Collection[str]) -> dict[str, str]:
    """Every way a pattern id may be written (`a~b` and `b~a`) -> the id as `patterns` has it."""
    out = {}
    for pid in pattern_ids:
        out[pid] = pid
        if "~" in pid:
            a, b = pid.split("~", 1)
            out.setdefault(f"{b}~{a}", pid)
    return out


def resolve_pattern(raw: Any, index: dict[str, str]) -> tuple[str, str | None]:
    """A pattern reference as written (spacing around `~` tidied) and its canonical id, or None
    when the project has no such pattern (`pattern_index` makes `index`)."""
    pid = _text(raw).replace(" ~ ", "~")
    return pid, index.get(pid)


def unknown_pattern(pid: str, lang: str = "nl") -> str:
    """What is said about a reference to a pattern the project does not have."""
    return say(
        lang,
        f"onbekend patroon '{pid}' ('verhalen patterns list' toont alle ids)",
        f"unknown pattern '{pid}' ('verhalen patterns list' shows every id)",
    )


def references(project: Project) -> tuple[list[str], list[int]]:
    """What a catalysis file may refer to: every pattern id of the project (as `report` computes
    them: the ids do not depend on alpha or the language) and the active run's perspective
    numbers (none without a run)."""
    from verhalen.patterns import compute_patterns
    from verhalen.perspectives import perspectives

    with project.store() as store:
        has_run = store.active_run() is not None
    numbers = [v.number for v in perspectives(project)] if has_run else []
    return [p.id for p in compute_patterns(project)], numbers


def problems(project: Project, path: Path | None = None, lang: str | None = None) -> list[Problem]:
    """Everything `verhalen report` would refuse in the project's catalysis file (or `path`),
    one `Problem` (file, line, reason) each; empty when the file is fine or there is none.

    `verhalen doctor` shows these; `report` and `workshop import` refuse with the same lines."""
    path = path if path is not None else find_file(project.root)
    if path is None or not path.is_file():
        return []
    lang = lang or project.lang
    pattern_ids, numbers = references(project)
    try:
        load_catalysis(path, pattern_ids, numbers, lang)
    except RejectedBatch as exc:
        return list(exc.problems)
    except VerhalenError as exc:  # the file could not be read
        return [Problem(path.name, None, str(exc))]
    return []


def _observation(
    item: Any,
    index: int,
    line: int | None,
    name: str,
    canonical: dict[str, str],
    numbers: set[int],
    seen: set[str],
    problems: list[Problem],
    lang: str,
) -> Observation | None:
    if not isinstance(item, dict):
        problems.append(
            Problem(
                name,
                line,
                say(
                    lang,
                    f"observatie {index}: verwacht id, patronen, tekst en interpretaties",
                    f"observation {index}: expected id, patterns, text and interpretations",
                ),
            )
        )
        return None
    raw_id = _pick(item, ID_KEYS)[1]
    oid = _text(raw_id)
    label = (
        say(lang, f"observatie '{oid}'", f"observation '{oid}'")
        if oid
        else say(lang, f"observatie {index}", f"observation {index}")
    )

    def problem(nl: str, en: str, at: int | None = None) -> None:
        problems.append(Problem(name, at or line, f"{label}: {say(lang, nl, en)}"))

    if not oid:
        problem("id ontbreekt", "missing id")
    elif oid in seen:
        problem("dit id komt al eerder voor", "this id is used before")
    seen.add(oid)
    known = set(ID_KEYS + PATTERN_KEYS + TEXT_KEYS + INTERPRETATION_KEYS)
    for key in item:
        if key not in known:
            problem(f"onbekende sleutel '{key}'", f"unknown key '{key}'")
    text = _text(_pick(item, TEXT_KEYS)[1])
    if not text:
        problem("tekst ontbreekt", "missing text")
    raw_patterns = _pick(item, PATTERN_KEYS)[1]
    if raw_patterns is None:
        raw_patterns = []
    if isinstance(raw_patterns, str):
        raw_patterns = [p for p in raw_patterns.replace(",", " ").split() if p]
    patterns: list[str] = []
    if not isinstance(raw_patterns, list):
        problem("patronen: verwacht een lijst van ids", "patterns: expected a list of ids")
        raw_patterns = []
    for raw in raw_patterns:
        pid, found = resolve_pattern(raw, canonical)
        if found is not None:
            patterns.append(found)
        else:
            problem(unknown_pattern(pid, "nl"), unknown_pattern(pid, "en"))
    raw_interpretations = _pick(item, INTERPRETATION_KEYS)[1] or []
    if isinstance(raw_interpretations, str | dict):
        raw_interpretations = [raw_interpretations]
    if not isinstance(raw_interpretations, list):
        problem("interpretaties: verwacht een lijst", "interpretations: expected a list")
        raw_interpretations = []
    interpretations = []
    lines = getattr(raw_interpretations, "lines", ())
    for k, raw in enumerate(raw_interpretations, 1):
        where = say(lang, f"interpretatie {k}", f"interpretation {k}")
        at = lines[k - 1] if k <= len(lines) else None
        if isinstance(raw, dict):
            extra = [key for key in raw if key not in INTERPRETATION_TEXT_KEYS + PERSPECTIVE_KEYS]
            for key in extra:
                problem(f"{where}: onbekende sleutel '{key}'", f"{where}: unknown key '{key}'", at)
            itext = _text(_pick(raw, INTERPRETATION_TEXT_KEYS)[1])
            perspective = _perspective(_pick(raw, PERSPECTIVE_KEYS)[1])
        else:
            itext, perspective = _text(raw), None
        if not itext:
            problem(f"{where}: tekst ontbreekt", f"{where}: missing text", at)
        if isinstance(perspective, int) and perspective not in numbers:
            known_numbers = ", ".join(str(n) for n in sorted(numbers)) or "-"
            problem(
                f"{where}: perspectief {perspective} bestaat niet (wel: {known_numbers})",
                f"{where}: perspective {perspective} does not exist (known: {known_numbers})",
                at,
            )
        interpretations.append(Interpretation(itext, perspective))
    return Observation(oid, tuple(patterns), text, tuple(interpretations), line)


def _perspective(value: Any) -> int | str | None:
    """2 or "2" is a perspective of the active run; any other text names a new perspective."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = _text(value)
    if text.isdigit():
        return int(text)
    return text or None


# -- the starting point ------------------------------------------------------------------------


def template(
    patterns: Sequence[tuple[str, str]],
    perspectives: Sequence[tuple[int, str]],
    lang: str = "nl",
    listed: int = 40,
) -> str:
    """A commented catalyse.yaml: how to write observations, with this project's own ids.

    `patterns` are (id, sentence), strongest first; `perspectives` are (number, title).
    Everything is a comment, so the file is valid and empty until the facilitator writes.
    """
    nl = lang == "nl"
    first = patterns[0][0] if patterns else "afloop~rol"
    second = patterns[1][0] if len(patterns) > 1 else first
    number = perspectives[0][0] if perspectives else 1
    if nl:
        head = [
            "# Catalyse: waarnemingen bij de patronen, elk met interpretaties die elkaar",
            "# tegenspreken ('dit kan betekenen dat … maar ook dat …'). Zo begint de",
            "# duidingsbijeenkomst met vragen in plaats van conclusies.",
            "#",
            "# Haal het # weg voor de regels van het voorbeeld hieronder en schrijf je eigen",
            "# waarnemingen. 'verhalen report' zet ze in het rapport en controleert ze:",
            "# een onbekend patroon of perspectief wordt gemeld met de regel waar het staat.",
            "#",
            "# - id: een kort eigen woord, uniek",
            "# - patronen: ids uit de lijst onderaan (of het blad 'patronen' in het XLSX)",
            "# - perspectief: het nummer van een perspectief uit 'verhalen perspectives list',",
            "#   of de naam van een nieuw perspectief dat je in de verhalen ziet",
            "",
            "observaties:",
            "#  - id: voorbeeld",
            f"#    patronen: [{_quoted(first)}, {_quoted(second)}]",
            "#    tekst: Wat je ziet in het patroon, zonder uitleg.",
            "#    interpretaties:",
            "#      - tekst: Dit kan betekenen dat …",
            f"#        perspectief: {number}",
            "#      - tekst: Maar ook dat …",
            "#        perspectief: Een nieuw perspectief",
            "#      - Of dat …",
        ]
        patterns_head = "# Patronen, sterkste eerst (id: zin):"
        perspectives_head = "# Perspectieven (nummer: titel):"
        more = "# … en meer: alle ids staan op het blad 'patronen' van het rapport-XLSX."
    else:
        head = [
            "# Catalysis: observations about the patterns, each with interpretations that",
            "# compete ('this may mean that … but also that …'), so the sensemaking workshop",
            "# starts from questions rather than conclusions.",
            "#",
            "# Remove the # before the lines of the example below and write your own",
            "# observations. 'verhalen report' puts them in the report and checks them:",
            "# an unknown pattern or perspective is reported with the line where it is.",
            "#",
            "# - id: a short word of your own, unique",
            "# - patterns: ids from the list at the bottom (or the sheet 'patterns' of the XLSX)",
            "# - perspective: the number of a perspective in 'verhalen perspectives list',",
            "#   or the name of a new perspective you see in the stories",
            "",
            "observations:",
            "#  - id: example",
            f"#    patterns: [{_quoted(first)}, {_quoted(second)}]",
            "#    text: What you see in the pattern, without explaining it.",
            "#    interpretations:",
            "#      - text: This may mean that …",
            f"#        perspective: {number}",
            "#      - text: But also that …",
            "#        perspective: A new perspective",
            "#      - Or that …",
        ]
        patterns_head = "# Patterns, strongest first (id: sentence):"
        perspectives_head = "# Perspectives (number: title):"
        more = "# … and more: every id is on the sheet 'patterns' of the report XLSX."
    lines = [*head, "", perspectives_head]
    lines += [f"#   {n}: {title}" for n, title in perspectives] or ["#   -"]
    lines += ["", patterns_head]
    lines += [f"#   {pid}: {sentence}" for pid, sentence in patterns[:listed]]
    if len(patterns) > listed:
        lines.append(more)
    return "\n".join(lines) + "\n"


def _quoted(pattern_id: str) -> str:
    """A pattern id as a YAML string: option names may hold commas or colons."""
    import json

    return json.dumps(pattern_id, ensure_ascii=False)
