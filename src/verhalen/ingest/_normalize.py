"""Cleaning text, the keys that tell stories apart, and near-duplicate detection.

The same story transcribed twice differs in hesitations and punctuation; shared word trigrams
still give it away. We flag such pairs for a person to decide, never drop them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

# Line and page breaks by another name (vertical tab is Word's manual line break in text
# exports; form feed a page break; NEL and the Unicode separators come from converted files).
LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Every other C0 and C1 control character (NUL, ESC …), DEL, zero-width space and stray BOMs:
# never part of a story, and an escape sequence must not reach a terminal or a spreadsheet.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\ufeff]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 3
COMMON_SHINGLE = 50  # a trigram in this many stories says nothing about duplication


def strip_controls(text: str) -> str:
    """Line breaks as `\\n`, no control characters except `\\n` and tab."""
    return CONTROL.sub("", LINE_BREAKS.sub("\n", text))


def one_line(text: str, limit: int | None = 500) -> str:
    """Text for a one-line message: control characters and line breaks become single spaces,
    and very long text is shortened in the middle, keeping its end: that is where a message
    says how to repair ("… geef --map text=KOLOM")."""
    text = " ".join(CONTROL.sub(" ", text).split())
    if limit is not None and len(text) > limit:
        tail = limit // 4
        text = text[: limit - tail - 3].rstrip() + " … " + text[len(text) - tail :].lstrip()
    return text


def clean(text: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line between paragraphs."""
    text = strip_controls(unicodedata.normalize("NFC", text))
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def dedup_key(text: str) -> str:
    """Hash of the words only: the same story with other spacing or casing is the same story."""
    words = " ".join(TOKEN.findall(text.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shingles(text: str) -> set[int]:
    words = TOKEN.findall(text.casefold())
    if len(words) < SHINGLE_SIZE:
        return {hash(" ".join(words))}
    return {hash(" ".join(words[i : i + SHINGLE_SIZE])) for i in range(len(words) - 2)}


def near_duplicates(
    existing: Iterable[tuple[int, str]], new: list[tuple[int, str]], threshold: float
) -> list[tuple[int, int, float]]:
    """(new key, other key, score) for new stories that overlap an existing or earlier new one.

    The score is the share of the shorter story's trigrams found in the other (0-1).
    """
    index: dict[int, list[int]] = defaultdict(list)
    sets: dict[int, set[int]] = {}
    for key, text in existing:
        sets[key] = shingles(text)
        for s in sets[key]:
            index[s].append(key)
    pairs: list[tuple[int, int, float]] = []
    for key, text in new:
        mine = shingles(text)
        counts: dict[int, int] = defaultdict(int)
        for s in mine:
            posting = index.get(s, ())
            if len(posting) <= COMMON_SHINGLE:
                for other in posting:
                    counts[other] += 1
        best = [
            (other, n / min(len(mine), len(sets[other])))
            for other, n in counts.items()
            if n / min(len(mine), len(sets[other])) >= threshold
        ]
        pairs += [(key, other, round(score, 3)) for other, score in sorted(best)]
        sets[key] = mine
        for s in mine:
            index[s].append(key)
    return pairs
