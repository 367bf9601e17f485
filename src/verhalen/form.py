"""The story form: the questions storytellers answer about their story and about themselves.

In PNI the meaning a storyteller gives to their own story matters as much as the text, so every
answer that enters the store is checked against this form first. The form lives in the project as
`storyform.yaml`; `load_form` validates it and reports every mistake at once.

Besides the usual questions the form has SenseMaker's signifiers, where storytellers place a
marker instead of picking a word:

- **triad** (`anchors: [top, left, right]`): a point in a triangle, stored as the three shares
  of the anchors, in anchor order, summing to 100. Typed as `30/50/20` (or `;`, `|`, spaces
  between the shares, or `anchor=share; …`). Typed shares may miss 100 by at most
  `TRIAD_TOLERANCE` (1 point, so `33/33/33` is a third each); they are then rescaled to 100.
- **dyad** (`anchors: [left, right]`): a point on a line, stored as 0–100 from the left anchor.
- **stones** (`axes: [x, y]`, `stones: [...]`): stones placed on a canvas, stored as
  `{stone: [x, y]}` with 0–100 on each axis, typed as `stone=x,y; stone=x,y`.

Each may be answered "not applicable" (`nvt`, `n.v.t.`, `na`, `n/a`), stored as `"na"`.

A triad's **zone** (`triad_zone`) names where in the triangle a story sits, as SenseMaker does:
a *corner* when one anchor holds at least 60 (it outweighs the other two together, with a
margin so a point near the middle is not called a corner); otherwise an *edge* between the two
strongest anchors when the weakest holds less than 20 (the story is about those two and hardly
the third); otherwise the *centre* (each anchor at least 20, none 60: a balanced mix). These
thresholds split the triangle into corners of 16% of its area each, edges of 12% each and a
centre of 16%: seven zones of about equal size, so that no zone is empty by construction and
the pattern tests get categories they can compare.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from verhalen.errors import VerhalenError
from verhalen.i18n import say, t

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
SIGNIFIER_TYPES: tuple[str, ...] = ("triad", "dyad", "stones")
NOT_APPLICABLE = "na"  # the stored answer of a signifier marked "not applicable"
NA_WORDS = {
    "na",
    "n/a",
    "n.a.",
    "n.a",
    "nvt",
    "n.v.t.",
    "n.v.t",
    "not applicable",
    "niet van toepassing",
}
TRIAD_TOLERANCE = 1.0  # typed triad shares may sum to 99–101 (rounding); rescaled to 100
ZONE_CORNER = 60.0  # a triad share at or above this: the story sits in that anchor's corner
ZONE_EDGE = 20.0  # not a corner, weakest share below this: on the edge of the other two
SIGNIFIER_DECIMALS = 1  # shares and positions are kept to one decimal
RESCALE_SLACK = 0.2  # three shares rounded to one decimal miss 100 by at most 0.15: kept as is
ABOUT = ("story", "storyteller")
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", "niet"}
MULTI_SEPARATORS = (";", "|", "\n")


class AnswerError(ValueError):
    """An answer the form does not allow; the message says why, in the project's language."""


def fold(text: str) -> str:
    """Compare options the way people type them: case, accents' composition and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


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
                if isinstance(raw, str) and fold(raw) in NA_WORDS:
                    return NOT_APPLICABLE
                if self.type == "triad":
                    return self._triad(raw, lang)
                if self.type == "dyad":
                    return _rounded(self._position(raw, lang))
                return self._stones(raw, lang)
        raise AssertionError(self.type)

    def format(self, value: Any, lang: str = "nl") -> str:
        """An answer as people read and type it: `30/50/20`, `40`, `stone=30,40; …`, `nvt`."""
        if value is None:
            return ""
        if value == NOT_APPLICABLE and self.type in SIGNIFIER_TYPES:
            return "nvt" if lang == "nl" else "n/a"
        if self.type == "triad" and isinstance(value, list | tuple):
            return "/".join(_num(float(v)) for v in value)
        if self.type == "stones" and isinstance(value, dict):
            return "; ".join(
                f"{k}={_num(float(x))},{_num(float(y))}" for k, (x, y) in value.items()
            )
        return format_value(value, lang)

    def _share(self, raw: Any, lang: str) -> float:
        """One number 0–100 (a share, a position); a decimal comma is fine."""
        number = _parse_number(raw, lang)
        if not 0 <= number <= 100:
            raise AnswerError(t("out_of_range", lang, value=_num(number), lo="0", hi="100"))
        return number

    def _position(self, raw: Any, lang: str) -> float:
        if isinstance(raw, list | tuple | dict):
            raise AnswerError(
                say(
                    lang,
                    f"'{_shown(raw)}': een dyade is één getal 0–100 tussen "
                    f"'{self.anchors[0]}' en '{self.anchors[1]}', of nvt",
                    f"'{_shown(raw)}': a dyad is one number 0–100 between "
                    f"'{self.anchors[0]}' and '{self.anchors[1]}', or n/a",
                )
            )
        return self._share(raw, lang)

    def _triad(self, raw: Any, lang: str) -> list[float]:
        named: dict[str, Any] | None = None
        if isinstance(raw, dict):
            named = {str(k): v for k, v in raw.items()}
            parts: list[Any] = []
        elif isinstance(raw, list | tuple):
            parts = list(raw)
        else:
            text = str(raw).strip()
            if "=" in text:
                named = {}
                for piece in re.split(r"[;|\n]", text):
                    if not piece.strip():
                        continue
                    name, sep, share = piece.partition("=")
                    if not sep:
                        raise AnswerError(self._triad_help(text, lang))
                    named[name.strip()] = share.strip()
            else:
                parts = [p for p in re.split(r"[/;|\s]+", text) if p]
        if named is not None:
            parts = [0.0, 0.0, 0.0]
            for name, share in named.items():
                index = next((i for i, a in enumerate(self.anchors) if fold(a) == fold(name)), None)
                if index is None:
                    raise AnswerError(
                        say(
                            lang,
                            f"'{name}' is geen hoek van de driehoek "
                            f"(hoeken: {', '.join(self.anchors)})",
                            f"'{name}' is not an anchor of the triad "
                            f"(anchors: {', '.join(self.anchors)})",
                        )
                    )
                parts[index] = share
        if len(parts) != 3:
            raise AnswerError(self._triad_help(_shown(raw), lang))
        shares = [self._share(p, lang) for p in parts]
        total = sum(shares)
        if abs(total - 100) > TRIAD_TOLERANCE:
            raise AnswerError(
                say(
                    lang,
                    f"'{_shown(raw)}': de drie delen tellen op tot {_num(round(total, 2))}, "
                    f"niet tot 100",
                    f"'{_shown(raw)}': the three shares add up to {_num(round(total, 2))}, not 100",
                )
            )
        if abs(total - 100) <= RESCALE_SLACK:  # stored shares, rounded: keep them as they are
            return [_rounded(x) for x in shares]
        return [_rounded(x * 100 / total) for x in shares]

    def _triad_help(self, shown: str, lang: str) -> str:
        return say(
            lang,
            f"'{shown}': een driehoek krijgt drie delen die samen 100 zijn, zoals 30/50/20 "
            f"({' / '.join(self.anchors)}), of nvt",
            f"'{shown}': a triad takes three shares adding up to 100, like 30/50/20 "
            f"({' / '.join(self.anchors)}), or n/a",
        )

    def _stones(self, raw: Any, lang: str) -> dict[str, list[float]] | None:
        if isinstance(raw, dict):
            pairs = [(str(k), v) for k, v in raw.items()]
        else:
            pairs = []
            for piece in re.split(r"[;|\n]", str(raw)):
                if not piece.strip():
                    continue
                name, sep, where = piece.partition("=")
                if not sep:
                    raise AnswerError(self._stones_help(str(raw), lang))
                pairs.append((name.strip(), where.strip()))
        placed: dict[str, list[float]] = {}
        for name, where in pairs:
            stone = next((s for s in self.stones if fold(s) == fold(name)), None)
            if stone is None:
                raise AnswerError(
                    say(
                        lang,
                        f"'{name}' is geen steen op dit veld (stenen: {', '.join(self.stones)})",
                        f"'{name}' is not a stone on this canvas "
                        f"(stones: {', '.join(self.stones)})",
                    )
                )
            if stone in placed:
                raise AnswerError(
                    say(lang, f"steen '{stone}' staat er twee keer", f"stone '{stone}' is twice")
                )
            if isinstance(where, list | tuple):
                xy = list(where)
            else:
                text = str(where)
                xy = text.split("/") if text.count("/") == 1 else text.split(",")
            if len(xy) != 2:
                raise AnswerError(self._stones_help(f"{name}={_shown(where)}", lang))
            placed[stone] = [_rounded(self._share(v, lang)) for v in xy]
        if not placed:
            return None
        return {s: placed[s] for s in self.stones if s in placed}  # form order

    def _stones_help(self, shown: str, lang: str) -> str:
        axes = " / ".join(self.axes) if self.axes else "x / y"
        return say(
            lang,
            f"'{shown}': zet een steen als steen=x,y met x en y 0–100 ({axes}), "
            "stenen gescheiden door ;",
            f"'{shown}': place a stone as stone=x,y with x and y 0–100 ({axes}), "
            "stones separated by ;",
        )

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
        number = _parse_number(raw, lang)
        lo = self.min if self.min is not None else -math.inf
        hi = self.max if self.max is not None else math.inf
        if not lo <= number <= hi:
            shown = int(number) if number.is_integer() else number
            raise AnswerError(t("out_of_range", lang, value=shown, lo=_num(lo), hi=_num(hi)))
        return int(number) if number.is_integer() else number


def _parse_number(raw: Any, lang: str) -> float:
    """A finite number from an answer as typed or read, a decimal comma included: the one rule
    for number and scale answers and for signifier shares and positions."""
    if isinstance(raw, bool):
        raise AnswerError(t("not_a_number", lang, value=raw))
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        try:
            number = float(str(raw).strip().replace(",", "."))
        except ValueError:
            raise AnswerError(t("not_a_number", lang, value=raw)) from None
    if math.isnan(number) or math.isinf(number):
        raise AnswerError(t("not_a_number", lang, value=raw))
    return number


def format_value(value: Any, lang: str = "nl") -> str:
    """Any answer without its question: lists joined with `; `, booleans as ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return _num(value)
    return str(value)


def _num(x: float) -> str:
    return str(int(x)) if math.isfinite(x) and float(x).is_integer() else str(x)


def _rounded(x: float) -> float | int:
    """A share or position as stored: one decimal, a whole number as an int."""
    value = round(float(x), SIGNIFIER_DECIMALS) + 0.0  # no -0.0
    return int(value) if value.is_integer() else value


def _shown(raw: Any) -> str:
    if isinstance(raw, list | tuple):
        return "/".join(str(v) for v in raw)
    return " ".join(str(raw).split())


def triad_zone(shares: Any, anchors: tuple[str, ...], lang: str = "nl") -> str | None:
    """The SenseMaker zone of a triad answer (see the module docstring for the thresholds):
    an anchor's name (its corner), `a – b` (the edge between two anchors, in anchor order) or
    `midden`/`centre`. None for not applicable or a value that is no triad answer."""
    if not isinstance(shares, list | tuple) or len(shares) != 3 or len(anchors) != 3:
        return None
    values = [float(v) for v in shares]
    strongest = max(range(3), key=lambda i: values[i])
    if values[strongest] >= ZONE_CORNER:
        return anchors[strongest]
    weakest = min(range(3), key=lambda i: values[i])
    if values[weakest] < ZONE_EDGE:
        a, b = (i for i in range(3) if i != weakest)
        return f"{anchors[a]} – {anchors[b]}"
    return "midden" if lang == "nl" else "centre"


def triad_zones(anchors: tuple[str, ...], lang: str = "nl") -> tuple[str, ...]:
    """All seven zones of a triad: corners, edges, centre."""
    if len(anchors) != 3:
        return ()
    edges = tuple(f"{anchors[a]} – {anchors[b]}" for a, b in ((0, 1), (0, 2), (1, 2)))
    return (*anchors, *edges, "midden" if lang == "nl" else "centre")


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


def parse_form(data: Any, source: str = "storyform.yaml") -> StoryForm:
    """Build a StoryForm from parsed YAML, listing every mistake as `file: question: reason`."""
    problems: list[str] = []
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise VerhalenError(f"{source}: expected a mapping with 'questions'")
    raw_questions = data.get("questions") or []
    if not isinstance(raw_questions, list):
        raise VerhalenError(f"{source}: 'questions' must be a list")
    questions: list[Question] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_questions, 1):
        if not isinstance(raw, dict):
            problems.append(f"{source}: question {i}: expected a mapping")
            continue
        qid = str(raw.get("id") or "").strip()
        where = f"{source}: {qid or f'question {i}'}"
        if not qid:
            problems.append(f"{where}: missing id")
            continue
        if not qid.replace("_", "").isalnum():
            problems.append(f"{where}: id may hold only letters, digits and _")
        if qid in seen:
            problems.append(f"{where}: id used twice")
        seen.add(qid)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            problems.append(f"{where}: type must be one of {', '.join(QUESTION_TYPES)}")
            continue
        about = raw.get("about", "story")
        if about not in ABOUT:
            problems.append(f"{where}: about must be story or storyteller")
        options = tuple(str(o) for o in raw.get("options") or ())
        if qtype in ("single", "multiple"):
            if len(options) < 2:
                problems.append(f"{where}: a choice question needs at least two options")
            if len({fold(o) for o in options}) != len(options):
                problems.append(f"{where}: options repeat")
        elif options:
            problems.append(f"{where}: options only go with single or multiple")
        lo, hi = raw.get("min"), raw.get("max")
        if qtype == "scale":
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        for name, bound in (("min", lo), ("max", hi)):
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, int | float)
            ):
                problems.append(f"{where}: {name} must be a number")
        if isinstance(lo, int | float) and isinstance(hi, int | float) and lo >= hi:
            problems.append(f"{where}: min must be below max")
        labels = raw.get("labels")
        if labels is not None and (not isinstance(labels, list) or len(labels) != 2):
            problems.append(f"{where}: labels must be two texts, one for each end of the scale")
            labels = None
        anchors, axes, stones = _signifier_parts(raw, qtype, where, problems)
        if qtype in SIGNIFIER_TYPES:
            if raw.get("min") is not None or raw.get("max") is not None:
                problems.append(f"{where}: min and max do not go with {qtype} (it is 0–100)")
                lo = hi = None
            if labels is not None:
                problems.append(f"{where}: labels do not go with {qtype}; use anchors")
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
            problems.append(
                f"{source}: group_question '{group}' must name a single-choice storyteller question"
            )
    if problems:
        raise VerhalenError("\n".join(problems))
    return StoryForm(
        title=str(data.get("title") or ""),
        language=str(data.get("language") or "nl"),
        group_question=group,
        questions=tuple(questions),
    )


def _texts(value: Any) -> tuple[str, ...] | None:
    """A YAML list of non-empty texts, or None when it is something else."""
    if not isinstance(value, list) or not all(
        isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
        for v in value
    ):
        return None
    return tuple(str(v).strip() for v in value)


def _signifier_parts(
    raw: dict, qtype: str, where: str, problems: list[str]
) -> tuple[tuple[str, ...], tuple[str, str] | None, tuple[str, ...]]:
    """anchors, axes and stones of a question, each mistake one line naming the question."""
    anchors: tuple[str, ...] = ()
    axes: tuple[str, str] | None = None
    stones: tuple[str, ...] = ()
    wanted = {"triad": 3, "dyad": 2}
    if qtype in wanted:
        n = wanted[qtype]
        found = _texts(raw.get("anchors"))
        corners = "three corners" if n == 3 else "two ends"
        if found is None or len(found) != n:
            problems.append(f"{where}: a {qtype} needs anchors: {n} texts, for its {corners}")
        elif len({fold(a) for a in found}) != n:
            problems.append(f"{where}: anchors repeat")
        else:
            anchors = found
    elif raw.get("anchors") is not None:
        problems.append(f"{where}: anchors only go with triad or dyad")
    if qtype == "stones":
        found_axes = _texts(raw.get("axes"))
        if found_axes is None or len(found_axes) != 2:
            problems.append(f"{where}: stones need axes: two texts, for the x and the y axis")
        else:
            axes = (found_axes[0], found_axes[1])
        found = _texts(raw.get("stones"))
        if not found:
            problems.append(f"{where}: stones need stones: a list of their names")
        elif len({fold(s) for s in found}) != len(found):
            problems.append(f"{where}: stones repeat")
        elif any("=" in s or ";" in s for s in found):
            problems.append(f"{where}: a stone's name may not hold = or ;")
        else:
            stones = found
    else:
        for key in ("axes", "stones"):
            if raw.get(key) is not None:
                problems.append(f"{where}: {key} only go with stones")
    return anchors, axes, stones


def load_form(path: Path) -> StoryForm:
    """Read and validate a storyform.yaml; a missing file is an empty form."""
    if not path.exists():
        return StoryForm()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = f":{mark.line + 1}" if mark else ""
        raise VerhalenError(
            f"{path}{row}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    return parse_form(data, str(path))


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
