"""The story form: the questions storytellers answer about their story and about themselves.

In PNI the meaning a storyteller gives to their own story matters as much as the text, so every
answer that enters the store is checked against this form first. The form lives in the project as
`storyform.yaml`; `load_form` validates it and reports every mistake at once.

The answers' shared rules (typing numbers, folding options, AnswerError) live in
`answer_text`, SenseMaker's signifiers (triad, dyad, stones: parsing, zones) in
`signifier_answers`; their names are importable from here too, the one place callers look.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from verhalen.answer_text import AnswerError, fold, format_number, format_value, parse_number
from verhalen.errors import VerhalenError
from verhalen.i18n import language, t
from verhalen.signifier_answers import (
    NOT_APPLICABLE,
    SIGNIFIER_TYPES,
    ZONE_CORNER,
    ZONE_EDGE,
    format_signifier,
    parse_signifier,
    signifier_parts,
    triad_zone,
    triad_zones,
)

__all__ = [
    "NOT_APPLICABLE",
    "QUESTION_TYPES",
    "SIGNIFIER_TYPES",
    "ZONE_CORNER",
    "ZONE_EDGE",
    "AnswerError",
    "Question",
    "QuestionType",
    "StoryForm",
    "dump_form",
    "fold",
    "format_value",
    "load_form",
    "parse_form",
    "triad_zone",
    "triad_zones",
]

QuestionType = Literal[
    "single", "multiple", "scale", "boolean", "number", "text", "triad", "dyad", "stones"
]
QUESTION_TYPES: tuple[str, ...] = (
    "single",
    "multiple",
    "scale",
    "boolean",
    "number",
    "text",
    "triad",
    "dyad",
    "stones",
)
ABOUT = ("story", "storyteller")
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "niet"}
MULTI_SEPARATORS = (";", "|", "\n")


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    about: str = "story"
    text: dict[str, str] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)
    options: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    labels: tuple[str, str] | None = None
    # signifiers: triad (three anchors) and dyad (two); stones: axis labels and stone names
    anchors: tuple[str, ...] = ()
    axes: tuple[str, str] | None = None
    stones: tuple[str, ...] = ()
    sensemaker: str | None = None  # the signifier id in a SenseMaker framework definition

    def label(self, lang: str = "nl") -> str:
        """Short name for charts and table headers."""
        return self.short.get(lang) or self.short.get("nl") or self.id

    def question_text(self, lang: str = "nl") -> str:
        return self.text.get(lang) or self.text.get("nl") or self.label(lang)

    @property
    def is_choice(self) -> bool:
        return self.type in ("single", "multiple", "boolean")

    def parse(self, raw: Any, lang: str = "nl") -> Any:
        """Turn a raw cell or YAML value into the stored answer, or raise AnswerError.

        Returns None for an empty answer: missing answers are allowed and never guessed.
        """
        if raw is None or (isinstance(raw, float) and math.isnan(raw)):
            return None
        if isinstance(raw, str) and not raw.strip():
            return None
        if isinstance(raw, list) and not raw:
            return None
        match self.type:
            case "text":
                return str(raw).strip()
            case "single":
                return self._option(raw, lang)
            case "multiple":
                return self._options(raw, lang)
            case "boolean":
                return self._boolean(raw, lang)
            case "scale" | "number":
                return self._number(raw, lang)
            case "triad" | "dyad" | "stones":
                return parse_signifier(self.type, raw, lang, self.anchors, self.axes, self.stones)
        raise AssertionError(self.type)

    def format(self, value: Any, lang: str = "nl") -> str:
        """An answer as people read and type it: `30/50/20`, `40`, `stone=30,40; …`, `nvt`."""
        if value is None:
            return ""
        if self.type in SIGNIFIER_TYPES:
            text = format_signifier(self.type, value, lang)
            if text is not None:
                return text
        return format_value(value, lang)

    def _option(self, raw: Any, lang: str) -> str:
        value = str(raw).strip()
        if isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))
        for option in self.options:
            if fold(option) == fold(value):
                return option
        raise AnswerError(t("not_an_option", lang, value=value, options=", ".join(self.options)))

    def _options(self, raw: Any, lang: str) -> list[str]:
        if isinstance(raw, list | tuple):
            parts = [str(p) for p in raw]
        else:
            text = str(raw)
            parts = [text]
            for sep in MULTI_SEPARATORS:
                if sep in text:
                    parts = text.split(sep)
                    break
            else:
                # Commas separate options only when every piece is one; an option may hold a comma.
                pieces = text.split(",")
                if len(pieces) > 1 and all(
                    any(fold(o) == fold(p) for o in self.options) for p in pieces
                ):
                    parts = pieces
        chosen = [self._option(p, lang) for p in parts if p.strip()]
        return [o for o in self.options if o in chosen]  # form order, no repeats

    def _boolean(self, raw: Any, lang: str) -> bool:
        if isinstance(raw, bool):
            return raw
        word = fold(str(raw))
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise AnswerError(t("not_boolean", lang, value=raw))

    def _number(self, raw: Any, lang: str) -> float | int:
        number = parse_number(raw, lang)
        lo = self.min if self.min is not None else -math.inf
        hi = self.max if self.max is not None else math.inf
        if not lo <= number <= hi:
            shown = int(number) if number.is_integer() else number
            raise AnswerError(
                t("out_of_range", lang, value=shown, lo=format_number(lo), hi=format_number(hi))
            )
        return int(number) if number.is_integer() else number


@dataclass(frozen=True)
class StoryForm:
    title: str = ""
    language: str = "nl"
    group_question: str | None = None
    questions: tuple[Question, ...] = ()

    def get(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    def about(self, about: str) -> list[Question]:
        return [q for q in self.questions if q.about == about]

    def match_column(self, header: str) -> Question | None:
        """The question a table column holds, matched on id or short name (any language)."""
        folded = fold(header)
        for q in self.questions:
            names = {q.id, *q.short.values(), *q.text.values()}
            if folded in {fold(n) for n in names}:
                return q
        return None


def _localised(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"nl": str(value)}


def parse_form(data: Any, source: str = "storyform.yaml", lang: str | None = None) -> StoryForm:
    """Build a StoryForm from parsed YAML, listing every mistake as `file: question: reason`, in
    `lang` (else the form's own language, else Dutch)."""
    problems: list[str] = []
    if data is None:
        data = {}
    lang = lang or language(data.get("language") if isinstance(data, dict) else None)
    if not isinstance(data, dict):
        raise VerhalenError(t("form_not_mapping", lang, source=source))
    raw_questions = data.get("questions") or []
    if not isinstance(raw_questions, list):
        raise VerhalenError(t("form_questions_list", lang, source=source))
    questions: list[Question] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_questions, 1):
        if not isinstance(raw, dict):
            problems.append(t("form_question_mapping", lang, source=source, i=i))
            continue
        qid = str(raw.get("id") or "").strip()
        where = f"{source}: {qid or t('form_question_number', lang, i=i)}"
        if not qid:
            problems.append(t("form_missing_id", lang, where=where))
            continue
        if not qid.replace("_", "").isalnum():
            problems.append(t("form_id_characters", lang, where=where))
        if qid in seen:
            problems.append(t("form_id_twice", lang, where=where))
        seen.add(qid)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            problems.append(t("form_type", lang, where=where, types=", ".join(QUESTION_TYPES)))
            continue
        about = raw.get("about", "story")
        if about not in ABOUT:
            problems.append(t("form_about", lang, where=where))
        raw_options = raw.get("options") or ()
        if not isinstance(raw_options, list | tuple):  # "options: goed" is not four letters
            problems.append(t("form_options_list", lang, where=where))
            raw_options = ()
        options = tuple(str(o) for o in raw_options)
        if qtype in ("single", "multiple"):
            if len(options) < 2:
                problems.append(t("form_two_options", lang, where=where))
            if len({fold(o) for o in options}) != len(options):
                problems.append(t("form_options_repeat", lang, where=where))
        elif options:
            problems.append(t("form_options_only", lang, where=where))
        lo, hi = raw.get("min"), raw.get("max")
        if qtype == "scale":
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        for name, bound in (("min", lo), ("max", hi)):
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, int | float)
            ):
                problems.append(t("form_bound_number", lang, where=where, name=name))
        if isinstance(lo, int | float) and isinstance(hi, int | float) and lo >= hi:
            problems.append(t("form_min_below_max", lang, where=where))
        labels = raw.get("labels")
        if labels is not None and (not isinstance(labels, list) or len(labels) != 2):
            problems.append(t("form_labels_two", lang, where=where))
            labels = None
        anchors, axes, stones = signifier_parts(raw, qtype, where, problems, lang)
        if qtype in SIGNIFIER_TYPES:
            if raw.get("min") is not None or raw.get("max") is not None:
                problems.append(t("form_signifier_bounds", lang, where=where, type=qtype))
                lo = hi = None
            if labels is not None:
                problems.append(t("form_signifier_labels", lang, where=where, type=qtype))
                labels = None
        questions.append(
            Question(
                id=qid,
                type=qtype,
                about=about,
                text=_localised(raw.get("text")),
                short=_localised(raw.get("short")),
                options=options,
                min=lo if isinstance(lo, int | float) else None,
                max=hi if isinstance(hi, int | float) else None,
                labels=(str(labels[0]), str(labels[1])) if labels else None,
                anchors=anchors,
                axes=axes,
                stones=stones,
                sensemaker=str(raw["sensemaker"]) if raw.get("sensemaker") else None,
            )
        )
    group = data.get("group_question")
    if group is not None:
        q = next((q for q in questions if q.id == group), None)
        if q is None or q.about != "storyteller" or q.type != "single":
            problems.append(t("form_group_question", lang, source=source, group=group))
    if problems:
        raise VerhalenError("\n".join(problems))
    return StoryForm(
        title=str(data.get("title") or ""),
        language=str(data.get("language") or "nl"),
        group_question=group,
        questions=tuple(questions),
    )


def load_form(path: Path, lang: str | None = None) -> StoryForm:
    """Read and validate a storyform.yaml; a missing file is an empty form. Problems are told in
    `lang` (else the form's own language)."""
    if not path.exists():
        return StoryForm()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise VerhalenError(t("data_settings_not_utf8", lang or "nl", path=path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = f":{mark.line + 1}" if mark else ""
        why = getattr(exc, "problem", exc)
        raise VerhalenError(
            t("form_bad_yaml", lang or "nl", where=f"{path}{row}", why=why)
        ) from None
    return parse_form(data, str(path), lang)


def dump_form(form: StoryForm) -> str:
    """The form as storyform.yaml text (for forms converted from other tools)."""
    questions = []
    for q in form.questions:
        item: dict[str, Any] = {"id": q.id, "about": q.about, "type": q.type}
        item["short"] = q.short.get("nl") or next(iter(q.short.values()), q.id)
        item["text"] = q.text.get("nl") or next(iter(q.text.values()), q.id)
        if q.options:
            item["options"] = list(q.options)
        for bound in ("min", "max"):
            value = getattr(q, bound)
            if value is not None:
                item[bound] = int(value) if float(value).is_integer() else value
        if q.labels:
            item["labels"] = list(q.labels)
        if q.anchors:
            item["anchors"] = list(q.anchors)
        if q.axes:
            item["axes"] = list(q.axes)
        if q.stones:
            item["stones"] = list(q.stones)
        if q.sensemaker:
            item["sensemaker"] = q.sensemaker
        questions.append(item)
    data: dict[str, Any] = {"title": form.title, "language": form.language}
    if form.group_question:
        data["group_question"] = form.group_question
    data["questions"] = questions
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
