"""SenseMaker's signifiers on the story form, where storytellers place a marker instead of
picking a word: how their answers are typed, checked, stored, shown and zoned.

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

import re
from typing import Any

from verhalen.answer_text import AnswerError, fold, format_number, parse_number, shown
from verhalen.i18n import t

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


def parse_signifier(
    qtype: str,
    raw: Any,
    lang: str,
    anchors: tuple[str, ...] = (),
    axes: tuple[str, str] | None = None,
    stones: tuple[str, ...] = (),
) -> Any:
    """A non-empty raw answer to a triad, dyad or stones question as stored, or AnswerError."""
    if isinstance(raw, str) and fold(raw) in NA_WORDS:
        return NOT_APPLICABLE
    if qtype == "triad":
        return _triad(raw, anchors, lang)
    if qtype == "dyad":
        return rounded(_position(raw, anchors, lang))
    return _stones(raw, stones, axes, lang)


def format_signifier(qtype: str, value: Any, lang: str = "nl") -> str | None:
    """A signifier answer as people read and type it (`30/50/20`, `stone=30,40; …`, `nvt`);
    None when it reads as any other answer (a dyad's number)."""
    if value == NOT_APPLICABLE:
        return t("data_not_applicable", lang)
    if qtype == "triad" and isinstance(value, list | tuple):
        return "/".join(format_number(float(v)) for v in value)
    if qtype == "stones" and isinstance(value, dict):
        return "; ".join(
            f"{k}={format_number(float(x))},{format_number(float(y))}"
            for k, (x, y) in value.items()
        )
    return None


def rounded(x: float) -> float | int:
    """A share or position as stored: one decimal, a whole number as an int."""
    value = round(float(x), SIGNIFIER_DECIMALS) + 0.0  # no -0.0
    return int(value) if value.is_integer() else value


def _share(raw: Any, lang: str) -> float:
    """One number 0–100 (a share, a position); a decimal comma is fine."""
    number = parse_number(raw, lang)
    if not 0 <= number <= 100:
        raise AnswerError(t("out_of_range", lang, value=format_number(number), lo="0", hi="100"))
    return number


def _position(raw: Any, anchors: tuple[str, ...], lang: str) -> float:
    if isinstance(raw, list | tuple | dict):
        raise AnswerError(
            t("data_dyad_help", lang, raw=shown(raw), left=anchors[0], right=anchors[1])
        )
    return _share(raw, lang)


def _triad(raw: Any, anchors: tuple[str, ...], lang: str) -> list[float]:
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
                    raise AnswerError(_triad_help(text, anchors, lang))
                named[name.strip()] = share.strip()
        else:
            parts = [p for p in re.split(r"[/;|\s]+", text) if p]
    if named is not None:
        parts = [0.0, 0.0, 0.0]
        for name, share in named.items():
            index = next((i for i, a in enumerate(anchors) if fold(a) == fold(name)), None)
            if index is None:
                raise AnswerError(
                    t("data_triad_no_anchor", lang, name=name, anchors=", ".join(anchors))
                )
            parts[index] = share
    if len(parts) != 3:
        raise AnswerError(_triad_help(shown(raw), anchors, lang))
    shares = [_share(p, lang) for p in parts]
    total = sum(shares)
    if abs(total - 100) > TRIAD_TOLERANCE:
        sum_shown = format_number(round(total, 2))
        raise AnswerError(t("data_triad_sum", lang, raw=shown(raw), total=sum_shown))
    if abs(total - 100) <= RESCALE_SLACK:  # stored shares, rounded: keep them as they are
        return [rounded(x) for x in shares]
    return [rounded(x * 100 / total) for x in shares]


def _triad_help(text: str, anchors: tuple[str, ...], lang: str) -> str:
    return t("data_triad_help", lang, raw=text, anchors=" / ".join(anchors))


def _stones(
    raw: Any, stones: tuple[str, ...], axes: tuple[str, str] | None, lang: str
) -> dict[str, list[float]] | None:
    if isinstance(raw, dict):
        pairs = [(str(k), v) for k, v in raw.items()]
    else:
        pairs = []
        for piece in re.split(r"[;|\n]", str(raw)):
            if not piece.strip():
                continue
            name, sep, where = piece.partition("=")
            if not sep:
                raise AnswerError(_stones_help(str(raw), axes, lang))
            pairs.append((name.strip(), where.strip()))
    placed: dict[str, list[float]] = {}
    for name, where in pairs:
        stone = next((s for s in stones if fold(s) == fold(name)), None)
        if stone is None:
            raise AnswerError(t("data_stones_unknown", lang, name=name, stones=", ".join(stones)))
        if stone in placed:
            raise AnswerError(t("data_stone_twice", lang, stone=stone))
        if isinstance(where, list | tuple):
            xy = list(where)
        else:
            text = str(where)
            xy = text.split("/") if text.count("/") == 1 else text.split(",")
        if len(xy) != 2:
            raise AnswerError(_stones_help(f"{name}={shown(where)}", axes, lang))
        placed[stone] = [rounded(_share(v, lang)) for v in xy]
    if not placed:
        return None
    return {s: placed[s] for s in stones if s in placed}  # form order


def _stones_help(text: str, axes: tuple[str, str] | None, lang: str) -> str:
    names = " / ".join(axes) if axes else "x / y"
    return t("data_stones_help", lang, raw=text, names=names)


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
    return t("data_triad_centre", lang)


def triad_zones(anchors: tuple[str, ...], lang: str = "nl") -> tuple[str, ...]:
    """All seven zones of a triad: corners, edges, centre."""
    if len(anchors) != 3:
        return ()
    edges = tuple(f"{anchors[a]} – {anchors[b]}" for a, b in ((0, 1), (0, 2), (1, 2)))
    return (*anchors, *edges, t("data_triad_centre", lang))


def _texts(value: Any) -> tuple[str, ...] | None:
    """A YAML list of non-empty texts, or None when it is something else."""
    if not isinstance(value, list) or not all(
        isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
        for v in value
    ):
        return None
    return tuple(str(v).strip() for v in value)


def signifier_parts(
    raw: dict, qtype: str, where: str, problems: list[str], lang: str = "nl"
) -> tuple[tuple[str, ...], tuple[str, str] | None, tuple[str, ...]]:
    """anchors, axes and stones of a question in storyform.yaml, each mistake one line naming
    the question, in `lang`."""
    anchors: tuple[str, ...] = ()
    axes: tuple[str, str] | None = None
    stones: tuple[str, ...] = ()
    wanted = {"triad": 3, "dyad": 2}
    if qtype in wanted:
        n = wanted[qtype]
        found = _texts(raw.get("anchors"))
        if found is None or len(found) != n:
            problems.append(
                t("data_form_triad_anchors", lang, where=where)
                if qtype == "triad"
                else t("data_form_dyad_anchors", lang, where=where)
            )
        elif len({fold(a) for a in found}) != n:
            problems.append(t("data_form_anchors_repeat", lang, where=where))
        else:
            anchors = found
    elif raw.get("anchors") is not None:
        problems.append(t("data_form_anchors_only", lang, where=where))
    if qtype == "stones":
        found_axes = _texts(raw.get("axes"))
        if found_axes is None or len(found_axes) != 2:
            problems.append(t("data_form_stones_axes", lang, where=where))
        else:
            axes = (found_axes[0], found_axes[1])
        found = _texts(raw.get("stones"))
        if not found:
            problems.append(t("data_form_stones_stones", lang, where=where))
        elif len({fold(s) for s in found}) != len(found):
            problems.append(t("data_form_stones_repeat", lang, where=where))
        elif any("=" in s or ";" in s for s in found):
            problems.append(t("data_form_stone_name", lang, where=where))
        else:
            stones = found
    else:
        for key in ("axes", "stones"):
            if raw.get(key) is not None:
                problems.append(t("data_form_only_stones", lang, where=where, key=key))
    return anchors, axes, stones
