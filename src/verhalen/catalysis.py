"""Catalysis: the facilitator's observations about patterns, each with competing interpretations.

In PNI the facilitator does not conclude; for every observation ("raadsleden vertellen vaker over
regels") they write several interpretations that pull different ways ("dit kan betekenen dat …
maar ook dat …"), so a sensemaking workshop starts from questions instead of answers. They live in
`catalyse.yaml` in the project (`catalysis.yaml` in an English one), written by hand; this module
is the only one that reads or writes that file: it checks it (`problems` lists what `report`
would refuse, for `verhalen doctor`), writes a commented starting point that lists the project's
own pattern ids and perspectives (`template`), and the file with a workshop's observations and
interpretations added (`with_additions`, for `workshop import`).

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

import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from verhalen.errors import Problem, RejectedBatch, VerhalenError
from verhalen.i18n import t
from verhalen.yaml_lines import read_yaml

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
                    t("ws_catalysis_unknown_key", lang, key=key),
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
                    t("ws_catalysis_expected_list", lang),
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
    return t("ws_unknown_pattern", lang, id=pid)


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
                t("ws_observation_expected", lang, index=index),
            )
        )
        return None
    raw_id = _pick(item, ID_KEYS)[1]
    oid = _text(raw_id)
    label = (
        t("ws_observation_named", lang, id=oid)
        if oid
        else t("ws_observation_numbered", lang, index=index)
    )

    def problem(text: str, at: int | None = None) -> None:
        problems.append(Problem(name, at or line, f"{label}: {text}"))

    if not oid:
        problem(t("ws_catalysis_id_missing", lang))
    elif oid in seen:
        problem(t("ws_catalysis_id_again", lang))
    seen.add(oid)
    known = set(ID_KEYS + PATTERN_KEYS + TEXT_KEYS + INTERPRETATION_KEYS)
    for key in item:
        if key not in known:
            problem(t("ws_catalysis_key", lang, key=key))
    text = _text(_pick(item, TEXT_KEYS)[1])
    if not text:
        problem(t("ws_catalysis_text_missing", lang))
    raw_patterns = _pick(item, PATTERN_KEYS)[1]
    if raw_patterns is None:
        raw_patterns = []
    if isinstance(raw_patterns, str):
        raw_patterns = [p for p in raw_patterns.replace(",", " ").split() if p]
    patterns: list[str] = []
    if not isinstance(raw_patterns, list):
        problem(t("ws_catalysis_patterns_list", lang))
        raw_patterns = []
    for raw in raw_patterns:
        pid, found = resolve_pattern(raw, canonical)
        if found is not None:
            patterns.append(found)
        else:
            problem(unknown_pattern(pid, lang))
    raw_interpretations = _pick(item, INTERPRETATION_KEYS)[1] or []
    if isinstance(raw_interpretations, str | dict):
        raw_interpretations = [raw_interpretations]
    if not isinstance(raw_interpretations, list):
        problem(t("ws_catalysis_interpretations_list", lang))
        raw_interpretations = []
    interpretations = []
    lines = getattr(raw_interpretations, "lines", ())
    for k, raw in enumerate(raw_interpretations, 1):
        where = t("ws_interpretation_numbered", lang, index=k)
        at = lines[k - 1] if k <= len(lines) else None
        if isinstance(raw, dict):
            extra = [key for key in raw if key not in INTERPRETATION_TEXT_KEYS + PERSPECTIVE_KEYS]
            for key in extra:
                problem(f"{where}: {t('ws_catalysis_key', lang, key=key)}", at)
            itext = _text(_pick(raw, INTERPRETATION_TEXT_KEYS)[1])
            perspective = _perspective(_pick(raw, PERSPECTIVE_KEYS)[1])
        else:
            itext, perspective = _text(raw), None
        if not itext:
            problem(f"{where}: {t('ws_catalysis_text_missing', lang)}", at)
        if isinstance(perspective, int) and perspective not in numbers:
            known_numbers = ", ".join(str(n) for n in sorted(numbers)) or "-"
            problem(
                t(
                    "ws_interpretation_no_perspective",
                    lang,
                    where=where,
                    number=perspective,
                    known=known_numbers,
                ),
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
    lang = "nl" if lang == "nl" else "en"
    first = patterns[0][0] if patterns else "afloop~rol"
    second = patterns[1][0] if len(patterns) > 1 else first
    number = perspectives[0][0] if perspectives else 1
    head = t(
        "ws_catalysis_template",
        lang,
        first=_quoted(first),
        second=_quoted(second),
        number=number,
    ).split("\n")
    patterns_head = t("ws_catalysis_patterns_head", lang)
    perspectives_head = t("ws_catalysis_perspectives_head", lang)
    more = t("ws_catalysis_more", lang)
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


def raw_document(path: Path) -> Any:
    """The file as plain YAML data (no line numbers), to be added to and written back."""
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def document_parts(doc: Any, lang: str) -> tuple[dict[str, Any], str, list[Any], dict[str, str]]:
    """The document as `raw_document` read it (None when there is no file), in the parts
    `with_additions` takes: the mapping, its list key, the observations already in it and the
    keys to write; what is added keeps the keys the file has, a new file gets `lang`'s."""
    keys = written_keys(keys_language(doc) or lang)
    if isinstance(doc, dict):
        list_key = next((k for k in LIST_KEYS if k in doc), keys["list"])
        return doc, list_key, doc.get(list_key) or [], keys
    # no file, an empty one, or a bare list of observations
    return {}, keys["list"], doc or [], keys


def with_additions(
    path: Path,
    file: tuple[dict[str, Any], str, list[Any], dict[str, str]],
    known: dict[str, dict[str, Any]],
    observations: dict[str, dict[str, Any]],
    interpretations: list[tuple[str, dict[str, Any]]],
    references: tuple[list[str], list[int]],
    lang: str,
) -> str:
    """The new text of the catalysis file at `path`: new `observations` appended, each
    (observation id, interpretation) added to its observation (new, or one of the file's in
    `known`), the file's keys and its leading comments kept. `file` is the document in its
    parts (`document_parts`). The text is checked as `report` reads it (`_checked`)."""
    doc, list_key, existing, keys = file
    for oid, item in interpretations:
        target = observations.get(oid) or known[oid]
        key = next((k for k in INTERPRETATION_KEYS if k in target), keys["interpretations"])
        before = target.get(key) or []
        target[key] = [*(before if isinstance(before, list) else [before]), item]
    for record in observations.values():
        if not record.get(keys["interpretations"]):
            record.pop(keys["interpretations"], None)
    doc = {**doc, list_key: [*existing, *observations.values()]}
    return _checked(path, doc, references, lang)


def with_observations(
    path: Path,
    observations: list[dict[str, Any]],
    replace: bool,
    references: tuple[list[str], list[int]],
    lang: str,
) -> str:
    """The new text of the catalysis file at `path` with `observations` (in the file's own keys)
    added, an observation with the same id replaced, or all replaced with `replace`. The list
    keeps the key the file has (a new file gets `lang`'s) and the file its leading comments; a
    file that is not YAML is refused unless it is replaced. The text is read back as `report`
    reads it, against `references` (`references(project)`), before it is returned."""
    existing: list[dict[str, Any]] = []
    data: Any = None
    if path.is_file():
        try:
            data = raw_document(path)
        except yaml.YAMLError:
            if not replace:
                raise
    if data is not None and not replace:
        if isinstance(data, dict):
            existing = next((data[k] for k in LIST_KEYS if data.get(k)), []) or []
        elif isinstance(data, list):
            existing = data
    list_key = written_keys(keys_language(data) or lang)["list"]
    new_ids = {str(o.get("id")) for o in observations}
    merged = [o for o in existing if str(o.get("id")) not in new_ids] + list(observations)
    return _checked(path, {list_key: merged}, references, lang)


def _checked(
    path: Path, doc: dict[str, Any], references: tuple[list[str], list[int]], lang: str
) -> str:
    """`doc` as the text of the catalysis file at `path` (its leading comments kept), refused
    (RejectedBatch) if `load_catalysis` would refuse it, so a file verhalen writes is never
    refused later."""
    text = _leading_comments(path) + yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, width=100
    )
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / path.name  # problems name the file people know
        draft.write_text(text, encoding="utf-8")
        load_catalysis(draft, *references, lang)
    return text


def _leading_comments(path: Path) -> str:
    """The comment block at the top of a hand-written file, kept when we rewrite it."""
    if not path.is_file():
        return ""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""
