"""Transcripts: WebVTT (webvtt-py), SubRip (pysrt) and plain text with speaker turns.

The storyteller's turns become the story text; the interviewer's turns are kept as context.
A marker line (`[verhaal: Titel]`) starts a new story; without markers, a new storyteller
speaking starts a new story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from verhalen.i18n import t
from verhalen.ingest._model import RawStory, ReadError, ReadOptions, ReadResult, take_meta
from verhalen.ingest._text import read_text_file

_NAME_WORD = r"[A-ZÀ-Ý0-9][\w'.\-]*"
SPEAKER = re.compile(
    rf"^\s*({_NAME_WORD}(?:\s+(?:van|de|der|den|ter|te|het|{_NAME_WORD})){{0,3}})\s*:\s*(.*)$"
)
# The value is stripped in Python: a lazy `(.+?)\s*$` took quadratic time on long lines.
NOTE_META = re.compile(
    r"^NOTE[ \t]+(sessie|session|verteller|storyteller)[ \t]*:(.*)$", re.I | re.M
)


@dataclass
class Turn:
    speaker: str | None
    text: str
    row: int


@dataclass
class _Draft:
    row: int
    title: str | None = None
    turns: list[Turn] = field(default_factory=list)
    preamble: list[Turn] = field(default_factory=list)
    # Words per storyteller and the one who spoke most (first to speak on a tie), kept up to
    # date turn by turn: counting all turns again for every new turn was quadratic.
    words: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # speaker -> order of first turn
    teller: str | None = None

    def add(self, turn: Turn, options: ReadOptions) -> None:
        self.turns.append(turn)
        speaker = turn.speaker
        if not speaker or options.is_interviewer(speaker):
            return
        self.first.setdefault(speaker, len(self.first))
        self.words[speaker] = self.words.get(speaker, 0) + len(turn.text.split())
        if self.teller is None:
            self.teller = speaker
        elif speaker != self.teller:
            mine, best = self.words[speaker], self.words[self.teller]
            if mine > best or (mine == best and self.first[speaker] < self.first[self.teller]):
                self.teller = speaker


def split_speaker(text: str) -> tuple[str | None, str]:
    m = SPEAKER.match(text)
    return (m.group(1).strip(), m.group(2)) if m else (None, text)


def is_speaker_transcript(lines: list[str], options: ReadOptions) -> bool:
    """Plain text counts as a transcript when an interviewer speaks in it."""
    for line in lines:
        speaker, _ = split_speaker(line)
        if speaker and options.is_interviewer(speaker):
            return True
    return False


def turns_from_lines(lines: list[str]) -> list[Turn]:
    turns: list[Turn] = []
    parts: list[list[str]] = []  # joined once at the end: `+=` on a long turn was quadratic
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        speaker, text = split_speaker(line)
        if (
            speaker is None
            and turns
            and turns[-1].speaker is not None
            and not _is_marker_like(line)
        ):
            parts[-1].append(line.strip())  # a continued turn
        else:
            turns.append(Turn(speaker, "", number))
            parts.append([text.strip()])
    for turn, texts in zip(turns, parts, strict=True):
        turn.text = "\n".join(texts)
    return turns


def _is_marker_like(line: str) -> bool:
    s = line.strip()
    return (s.startswith("[") and s.endswith("]")) or s == "---"


def _cue_turns(cues: list[tuple[str | None, str]]) -> list[Turn]:
    turns: list[Turn] = []
    parts: list[list[str]] = []
    for number, (voice, raw) in enumerate(cues, 1):
        text = " ".join(raw.split())
        speaker, text = (voice, text) if voice else split_speaker(text)
        if (speaker is None and turns and turns[-1].speaker and not _is_marker_like(text)) or (
            turns and speaker is not None and turns[-1].speaker == speaker
        ):
            parts[-1].append(text)
        else:
            turns.append(Turn(speaker, "", number))
            parts.append([text])
    for turn, texts in zip(turns, parts, strict=True):
        turn.text = " ".join(texts)
    return turns


def stories_from_turns(
    turns: list[Turn], display: str, options: ReadOptions, session: str | None = None
) -> ReadResult:
    result = ReadResult()
    marker = options.marker
    has_markers = any(marker.match(turn.text.strip()) for turn in turns if turn.speaker is None)
    drafts: list[_Draft] = [_Draft(row=turns[0].row if turns else 1)]
    for turn in turns:
        m = marker.match(turn.text.strip()) if turn.speaker is None else None
        if m or (turn.speaker is None and turn.text.strip() == options.separator):
            title = (m.groupdict().get("title") or None) if m else None
            drafts.append(_Draft(row=turn.row, title=title and title.strip()))
            continue
        teller = _main_speaker(drafts[-1], options)
        speaker = turn.speaker
        if (
            not has_markers
            and speaker
            and not options.is_interviewer(speaker)
            and teller
            and speaker != teller
        ):
            drafts.append(_Draft(row=turn.row))
        drafts[-1].add(turn, options)

    if has_markers and len(drafts) > 1 and drafts[0].title is None:
        # Talk before the first marker (welcome, consent) is context for the first story.
        opening = drafts.pop(0)
        drafts[0].preamble = opening.turns
    previous: RawStory | None = None
    for i, draft in enumerate(drafts):
        teller = _main_speaker(draft, options)
        story_turns = [t_ for t_ in draft.turns if teller and t_.speaker == teller]
        others = [t_ for t_ in draft.turns if not (teller and t_.speaker == teller)]
        context = draft.preamble + others
        if not story_turns:
            if draft.title:
                result.problems.append((draft.row, t("no_speaker_turns", options.lang)))
            elif previous is not None and context:  # closing words after the last story
                previous.context = _join_context([previous.context or "", *_fmt(context)])
            elif context and i + 1 < len(drafts):
                drafts[i + 1].preamble[:0] = context  # opening words
            continue
        previous = RawStory(
            path=display,
            row=draft.row,
            text="\n\n".join(t_.text.strip() for t_ in story_turns if t_.text.strip()),
            title=draft.title,
            storyteller=teller,
            session=session or options.session,
            context=_join_context(_fmt(context)),
        )
        result.stories.append(previous)
    if not result.stories and not result.problems:
        result.problems.append((None, t("no_speaker_turns", options.lang)))
    return result


def _main_speaker(draft: _Draft, options: ReadOptions) -> str | None:
    return draft.teller


def _fmt(turns: list[Turn]) -> list[str]:
    return [f"{t_.speaker}: {t_.text}" if t_.speaker else t_.text for t_ in turns]


def _join_context(parts: list[str]) -> str | None:
    joined = "\n".join(p for p in parts if p)
    return joined or None


def read_speaker_text(lines: list[str], display: str, options: ReadOptions) -> ReadResult:
    """A plain transcript; header lines on top (`Sessie: 2`) apply to the whole file."""
    meta, rest = take_meta(lines)
    header = len(lines) - len(rest)
    body = [""] * header + lines[header:]  # keep line numbers true to the file
    return stories_from_turns(turns_from_lines(body), display, options, meta.get("session"))


def read_vtt(path: Path, display: str, options: ReadOptions) -> ReadResult:
    import webvtt

    text = read_text_file(path, options.lang)
    try:
        captions = webvtt.from_string(text).captions
    except Exception as exc:  # webvtt raises MalformedFileError and friends
        why = t("why_bad_subtitles", options.lang, kind="WebVTT", detail=exc)
        raise ReadError(t("unreadable", options.lang, why=why)) from None
    meta = {m.group(1).casefold(): m.group(2).strip() for m in NOTE_META.finditer(text)}
    session = meta.get("sessie") or meta.get("session")
    return stories_from_turns(
        _cue_turns([(c.voice, c.text) for c in captions]), display, options, session
    )


def read_srt(path: Path, display: str, options: ReadOptions) -> ReadResult:
    import pysrt

    text = read_text_file(path, options.lang)
    try:
        items = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except Exception as exc:  # pysrt.Error and parsing errors
        why = t("why_bad_subtitles", options.lang, kind="SubRip", detail=exc)
        raise ReadError(t("unreadable", options.lang, why=why)) from None
    if not items and text.strip():
        raise ReadError(t("unreadable", options.lang, why=t("why_no_subtitles", options.lang)))
    return stories_from_turns(_cue_turns([(None, i.text) for i in items]), display, options)
