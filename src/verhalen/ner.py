"""Dutch named entities from Frog, run as a separate program.

Pseudonymisation must tell persons from places and organisations: deduce alone turns
"Vlaanderen" and "Record Bank" into persons. Frog (Debian packages `frog` and `frogdata`) is a
Dutch tokeniser, tagger and named-entity recogniser that labels PER, LOC and ORG. It is GPL-3,
so verhalen only ever runs its command line in a child process and reads its output; nothing
is imported or linked. Frog is optional: `frog_available()` says whether it can run, and
`frog_entities` raises `FrogError` on any failure so the caller can fall back to deduce and
its lists. Frog's models come from the Debian package; nothing is downloaded.

One call is one Frog process (about 5 s to load its models, ~0.8 GiB resident), so callers
pass all their texts in one call. Frog then tags about 1,000-1,400 words per CPU second, too
slow for whole collections of thousands of stories; `frog_entities_near` sends only a few
words around the spans the caller asks about and gives the same labels. Calls are independent
(own process, own temporary directory) and therefore safe from several threads, though each
costs that memory. Nothing is printed or logged: Frog's own messages are read and dropped.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROGRAM = "frog"
"""The program's name, looked up on PATH at every call (tests replace it)."""

# Skip everything named entities do not need: multi-word units (they glue tokens together),
# the parser, chunker, lemmatiser and morphology. Tokeniser, tagger and NER remain.
# One thread: Frog's threads work per module on a sentence and gave no gain on 2 cores
# (100 dekamer-nl questions: 37 s with 1 thread, 75 s with 2 while the machine was busy).
ARGS = ("--skip=mpcla", "--threads=1")

WINDOW_WORDS = 8
"""Words to each side of a span that `frog_entities_near` gives Frog (see its docstring)."""

KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
"""Frog's labels that verhalen uses. MISC, PRO (products) and EVE (events) become "other"."""

# Frog's tab-separated output with --skip=mpcla: 0 index, 1 word, 2 lemma, 3 morphology,
# 4 (empty), 5 part of speech (CGN tag), 6 its probability, 7 NER as BIO, then empty columns.
_WORD, _POS, _NER = 1, 5, 7
_BIO = re.compile(r"O|[BI]-[A-Z]+")
# Frog's character filter (frog.filter) turns these quotes into ', one character for one.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "`": "'", "\u00b4": "'"})
# Punctuation that separates names when Frog runs one entity over it.
_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]", "/"})
# Frog sometimes starts or ends an entity on a function word ("bij Record Bank",
# "en Elia"); such lower-case edge tokens are not part of the name.
_EDGE_POS = ("LET", "VZ", "VG", "LID", "BW", "WW", "VNW", "TSW")
# Control characters other than tab and newline could confuse the tokeniser; they are
# replaced by a space, which keeps every offset.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_BLANK_LINE = re.compile(r"(?<=\n)[^\S\n]+(?=\n)")
_JOINED_BEFORE = re.compile(r"(?:\w|\w-)$")  # the span's start continues a word
_JOINED_AFTER = re.compile(r"\w|-\w")  # the span's end runs on into a word
_WORD_RUN = re.compile(r"\S+")
_LONE_CR = re.compile(r"\r(?!\n)")
# Frog drops the rest of a sentence after a token of some thousands of characters.
_LONG = 500
_LONG_RUN = re.compile(rf"\S{{{_LONG},}}")
# How far ahead a token may be found when Frog changed the text before it.
_SEARCH_AHEAD = 40
# Further on, a word is accepted where the next _RESYNC_CONFIRM words follow it, among its
# first _RESYNC_TRIES occurrences.
_RESYNC_CONFIRM = 3
_RESYNC_TRIES = 100
# Texts are separated by an empty line, which ends a sentence in Frog's tokeniser.
_SEPARATOR = "\n\n"


class FrogError(RuntimeError):
    """Frog is missing, failed, timed out or wrote something unexpected: fall back."""


@dataclass(frozen=True)
class Entity:
    """A name Frog found; `text[start:end]` is exactly its words."""

    start: int
    end: int
    kind: str  # "person" | "place" | "organisation" (| "other" when asked for)


@cache
def frog_available() -> bool:
    """Whether Frog and its Dutch data are installed; checked once per process, never raises.

    Cheap on purpose (no models loaded): a Frog that is installed but broken shows up as a
    FrogError from `frog_entities`, which callers handle anyway.
    """
    try:
        program = shutil.which(PROGRAM)
        if program is None or _config(program) is None:
            return False
        # In a scratch directory: every start of Frog deletes old frog.*.debug files in it.
        with tempfile.TemporaryDirectory(prefix="verhalen-frog-") as scratch:
            done = subprocess.run(
                [program, "-V"],
                cwd=scratch,
                capture_output=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
            )
        return done.returncode == 0
    except Exception:
        return False


def frog_entities(
    texts: list[str], *, other: bool = False, timeout: float | None = None
) -> list[list[Entity]]:
    """Persons, places and organisations in each text, by character offset.

    All texts go through one Frog process, separated by empty lines, so the start-up is paid
    once. Tokens are aligned back onto the original text in order; a token Frog changed beyond
    recognition is skipped, never guessed, so an entity's offsets always cover whole words of
    the original. `other=True` also returns Frog's MISC/PRO/EVE names as kind "other" (names
    Frog does not think are persons). `timeout` defaults to a generous bound on the input's
    size. Raises FrogError when Frog is missing or fails; nothing is printed.
    """
    program = shutil.which(PROGRAM)
    if program is None:
        raise FrogError(f"{PROGRAM} is not installed (Debian: apt-get install frog frogdata)")
    prepared = [_composed(_clean(text)) for text in texts]
    starts: list[int] = []
    offset = 0
    for text, _ in prepared:
        starts.append(offset)
        offset += len(text) + len(_SEPARATOR)
    joined = _SEPARATOR.join(text for text, _ in prepared)
    results: list[list[Entity]] = [[] for _ in texts]
    if not joined.strip():
        return results
    if timeout is None:
        timeout = 120 + len(joined) / 500  # measured 6,000-9,000 characters a second
    output = _run(program, joined, timeout)
    for start, end, label in _entities(_parse(output), joined, other):
        index = bisect_right(starts, start) - 1
        text, origin = prepared[index]
        local_start, local_end = start - starts[index], end - starts[index]
        if local_end > len(text):  # runs into the next text: cannot happen, never trusted
            continue
        if origin is not None:
            local_start, local_end = origin[local_start][0], origin[local_end - 1][1]
        results[index].append(Entity(local_start, local_end, label))
    return results


def frog_entities_near(
    texts: list[str],
    around: list[list[tuple[int, int]]],
    *,
    words: int = WINDOW_WORDS,
    other: bool = False,
    timeout: float | None = None,
) -> list[list[Entity]]:
    """Frog's entities near given spans only (say deduce's person hits), at a fraction of the cost.

    Frog tags every word at about 1,000-1,400 words per CPU second, so whole collections are
    slow (10,000 stories: some 20 minutes). Its tagger and recogniser look only a few words to
    either side, so a window of `words` words around each span gives the same labels: on 849
    capitalised words inside sentences of 100 dekamer-nl questions, ±8-word windows agreed
    with whole texts on every one. Overlapping windows are merged; an entity cut by a window's
    edge is left out. Offsets are into the original texts, as from `frog_entities`.
    """
    windows: list[tuple[int, int, int]] = []  # (text index, start, end)
    for index, (text, spans) in enumerate(zip(texts, around, strict=True)):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            low, high = _widen(text, start, end, words)
            if merged and low <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        windows += [(index, low, high) for low, high in merged]
    found = frog_entities(
        [texts[i][low:high] for i, low, high in windows], other=other, timeout=timeout
    )
    results: list[list[Entity]] = [[] for _ in texts]
    for (index, low, high), entities in zip(windows, found, strict=True):
        for e in entities:
            cut = (e.start == 0 and low > 0) or (e.end == high - low and high < len(texts[index]))
            if not cut:
                results[index].append(Entity(low + e.start, low + e.end, e.kind))
    return results


def _widen(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """The span grown by `words` whitespace-separated words to each side (at most ~40
    characters a word, so one endless "word" cannot make the window the whole text)."""
    words = max(words, 1)
    reach = 40 * (words + 1)
    base = max(0, start - reach)
    left = [m.start() for m in _WORD_RUN.finditer(text, base, start)]
    low = left[-words] if len(left) >= words else base
    right = [m.end() for m in _WORD_RUN.finditer(text, end, end + reach)]
    high = right[words - 1] if len(right) >= words else min(len(text), end + reach)
    return low, high


def _clean(text: str) -> str:
    """The text at the same length, minus what would confuse Frog's tokeniser.

    Frog ends a sentence only at an empty line, not at a line of spaces, so whitespace-only
    lines become empty ones; otherwise a name could run on into the next paragraph. A carriage
    return before a newline becomes a space, a lone one a newline; control characters other
    than tab and newline become spaces.
    """
    text = _LONE_CR.sub("\n", text).replace("\r", " ")
    text = _CONTROL.sub(" ", text)
    text = _LONG_RUN.sub(_break_run, text)
    return _BLANK_LINE.sub(lambda match: "\n" * len(match.group()), text)


def _break_run(match: re.Match[str]) -> str:
    """Every _LONG-th character a space: Frog drops the rest of a sentence after a token of
    some thousands of characters (a pasted blob, never a name)."""
    run = match.group()
    return "".join(" " if i % _LONG == _LONG - 1 else char for i, char in enumerate(run))


def _composed(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The text in NFC, as Frog's tokeniser writes it, with a map back to the original.

    The map gives, for each character of the composed text, the span of original characters
    it came from; None when the text was composed already (nearly always).
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue
        piece = unicodedata.normalize("NFC", text[start:end])
        pieces.append(piece)
        origin.extend([(start, end)] * len(piece))
        start = end
    return "".join(pieces), origin


def _config(program: str) -> Path | None:
    """Frog's Dutch configuration beside the program (/usr/bin/frog: /usr/share/frog/nld).

    None when it or the tokeniser's Dutch rules are missing: Debian's frog only recommends
    uctodata, so an install without recommendations runs but cannot tokenise.
    """
    share = Path(program).resolve().parent.parent / "share"
    config = share / "frog" / "nld" / "frog.cfg"
    if config.is_file() and (share / "ucto" / "tokconfig-nld").is_file():
        return config
    return None


def _run(program: str, text: str, timeout: float) -> str:
    """Frog's tab-separated output for `text`; FrogError on any failure."""
    # A scratch working directory: Frog deletes old debug files (frog.*.debug) where it runs.
    with tempfile.TemporaryDirectory(prefix="verhalen-frog-") as scratch:
        source = Path(scratch) / "input.txt"
        source.write_text(text, encoding="utf-8")
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        try:
            done = subprocess.run(
                [program, *ARGS, "-t", str(source)],
                cwd=scratch,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise FrogError(f"Frog took longer than {timeout:.0f} s") from error
        except OSError as error:
            raise FrogError(f"Frog could not start: {error}") from error
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1] if lines else "no message"
        raise FrogError(f"Frog stopped with exit code {done.returncode}: {last}")
    return done.stdout.decode("utf-8", "replace")


@dataclass
class _Tagged:
    """Frog's output, kept small: a story collection can run to millions of tokens."""

    words: list[str]  # every token, in order (interned: most are frequent words)
    groups: list[tuple[str, list[int]]]  # (Frog's label, token indices) per entity
    pos: dict[int, str]  # part of speech, for tokens inside an entity only


def _parse(output: str) -> _Tagged:
    """Tokens and BIO entities from Frog's tab-separated output (an empty line ends a sentence)."""
    tagged = _Tagged([], [], {})
    previous = "O"  # the tag before, within the sentence
    for line in io.StringIO(output):
        if not line.strip():
            previous = "O"
            continue
        columns = line.rstrip("\n").split("\t")
        if len(columns) <= _NER or not _BIO.fullmatch(columns[_NER]):
            raise FrogError(f"unexpected output from Frog: {line[:80]!r}")
        index = len(tagged.words)
        tagged.words.append(sys.intern(columns[_WORD]))
        tag = columns[_NER]
        if tag != "O" and columns[_WORD] in _BREAKS:
            tag = "O"  # "Infrabel, Elia" tagged as one organisation: two names
        if tag != "O":
            prefix, label = tag.split("-", 1)
            if prefix == "I" and previous != "O" and previous[2:] == label:
                tagged.groups[-1][1].append(index)
            else:
                tagged.groups.append((label, [index]))
            tagged.pos[index] = columns[_POS]
        previous = tag
    return tagged


def _align(words: list[str], text: str) -> tuple[array[int], array[int]]:
    """Each word's start and end in `text`, in order; -1 for a word Frog changed or left out.

    A word is looked for just after the previous one. When that fails (Frog drops the rest of
    a sentence after a token of thousands of characters, and changes ligatures), it is looked
    for further on, and accepted there only if the next words follow it too, so alignment
    picks up again after a gap instead of being lost for the rest of the input.
    """
    haystack = text.translate(_QUOTES)
    starts = array("q", [-1]) * len(words)
    ends = array("q", [-1]) * len(words)
    position = 0
    for i, word in enumerate(words):
        needle = word.translate(_QUOTES)
        found = _near(haystack, needle, position)
        if found < 0:
            found = _resync(haystack, words, i, position)
        if found < 0:
            continue
        starts[i], ends[i] = found, found + len(needle)
        position = found + len(needle)
    return starts, ends


def _near(haystack: str, needle: str, position: int) -> int:
    """Where `needle` starts as a whole word soon after `position`, or -1."""
    if not needle:
        return -1
    while position < len(haystack) and haystack[position].isspace():
        position += 1
    if haystack.startswith(needle, position):
        return position
    limit = position + _SEARCH_AHEAD + len(needle)
    found = haystack.find(needle, position, limit)
    while found >= 0 and not _whole(haystack, needle, found):
        found = haystack.find(needle, found + 1, limit)
    return found


def _resync(haystack: str, words: list[str], i: int, position: int) -> int:
    """A later place for words[i] that the next words confirm, or -1."""
    needle = words[i].translate(_QUOTES)
    if not needle:
        return -1
    found = position - 1
    for _ in range(_RESYNC_TRIES):
        found = haystack.find(needle, found + 1)
        if found < 0:
            return -1
        if not _whole(haystack, needle, found):
            continue
        after = found + len(needle)
        for word in words[i + 1 : i + 1 + _RESYNC_CONFIRM]:
            following = word.translate(_QUOTES)
            at = _near(haystack, following, after)
            if at < 0:
                break
            after = at + len(following)
        else:
            return found
    return -1


def _whole(haystack: str, needle: str, found: int) -> bool:
    """Whether `needle` at `found` is not part of a longer word ("en" in "woorden")."""
    end = found + len(needle)
    before = found > 0 and haystack[found - 1].isalnum() and needle[0].isalnum()
    after = end < len(haystack) and haystack[end].isalnum() and needle[-1].isalnum()
    return not (before or after)


def _entities(tagged: _Tagged, text: str, other: bool) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each entity in `text`, trimmed of function words at its edges."""
    starts, ends = _align(tagged.words, text)
    found: list[tuple[int, int, str]] = []
    for label, members in tagged.groups:
        kind = KINDS.get(label, "other" if other else None)
        if kind is None:
            continue
        while members and _edge_word(tagged.words[members[0]], tagged.pos[members[0]]):
            members = members[1:]
        while members and _edge_word(tagged.words[members[-1]], tagged.pos[members[-1]]):
            members = members[:-1]
        placed = [m for m in members if starts[m] >= 0]
        if placed and not _part_of_word(text, starts[placed[0]], ends[placed[-1]]):
            found.append((starts[placed[0]], ends[placed[-1]], kind))
    return found


def _part_of_word(text: str, start: int, end: int) -> bool:
    """Whether the span is only part of a word: Frog splits "N9" and "P1776" into letter and
    number and may tag the letter. A replacement inside a word is what the caller must avoid
    ("Midden-[PERSOON-15]"), so such entities are dropped; a hyphen between letters counts as
    inside the word."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(_JOINED_BEFORE.search(before)) or bool(_JOINED_AFTER.match(after))


def _edge_word(word: str, pos: str) -> bool:
    """A punctuation mark or lower-case function word that cannot start or end a name."""
    if pos.startswith("LET"):
        return True
    return pos.startswith(_EDGE_POS) and not word[:1].isupper()
