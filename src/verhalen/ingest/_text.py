"""Plain text and Markdown: one story per file, or several separated by a `---` line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from verhalen.i18n import t
from verhalen.ingest._model import (
    RawStory,
    ReadError,
    ReadOptions,
    ReadResult,
    take_meta,
    unreadable,
)

# The title is stripped in Python: a lazy `(.+?)\s*#*\s*$` took quadratic time on long lines.
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
TITLE_MAX_WORDS = 15
UTF16_SAMPLE = 4096


def decode(data: bytes, lang: str = "nl") -> str:
    """Bytes to text.

    A byte order mark decides (UTF-8, UTF-16); UTF-16 without one is recognised by its zero
    bytes. Otherwise UTF-8, and where that fails Windows-1252, which is what Dutch Windows and
    Excel write (Latin-1 text reads the same); lines of both in one file each keep their own.
    Only text that reads as something other than a Western language goes to charset-normalizer,
    which guesses badly on short Dutch texts (it took `ruïne` in Windows-1252 for cp1250).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, "utf-16", lang)
    elif codec := _utf16_without_bom(data):
        return _utf16(data, codec, lang)
    if b"\x00" in data:
        raise ReadError(t("unreadable", lang, why=t("why_binary", lang)))
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    return _legacy(data, lang).lstrip("\ufeff")


def _utf16(data: bytes, codec: str, lang: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise ReadError(t("unreadable", lang, why=t("why_bad_utf16", lang))) from None
    if "\x00" in text:
        raise ReadError(t("unreadable", lang, why=t("why_binary", lang)))
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is zero, as in Latin text
    saved as UTF-16 without a byte order mark; None otherwise."""
    sample = data[:UTF16_SAMPLE]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.6 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _legacy(data: bytes, lang: str) -> str:
    """Text that is not UTF-8: Windows-1252 line by line (UTF-8 lines stay UTF-8), unless the
    text reads as another script, then the encoding charset-normalizer finds."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    legacy = b"\n".join(line for line, text in zip(lines, decoded, strict=True) if text is None)
    if not _western(legacy.decode("cp1252", errors="replace")):
        best = from_bytes(data).best()
        if best is None:
            raise ReadError(t("unreadable", lang, why=t("why_unknown_encoding", lang)))
        return str(best)
    return "\n".join(
        text if text is not None else line.decode("cp1252", errors="replace")
        for line, text in zip(lines, decoded, strict=True)
    )


# Punctuation Windows-1252 adds above ASCII that Dutch text uses.
WESTERN_PUNCTUATION = set("€‘’‚“”„–—…•«»°·×")
WORD = re.compile(r"[^\W\d_]{3,}")


def _western(text: str) -> bool:
    """Text that reads right as Windows-1252: Dutch, English, French, German …

    Greek or Cyrillic read that way turn whole words into accented letters (`Ïðèâåò`), and
    East Asian encodings into symbols (`¤¦§¨`); a Western text has accents here and there.
    """
    high = [c for c in text if ord(c) > 127]
    if not high:
        return True
    symbols = sum(1 for c in high if not c.isalpha() and c not in WESTERN_PUNCTUATION)
    words = WORD.findall(text)
    foreign = sum(1 for w in words if all(ord(c) > 127 for c in w))
    return symbols <= 0.2 * len(high) and foreign <= 0.5 * len(words)


def read_text_file(path: Path, lang: str = "nl") -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(unreadable(exc, lang)) from None
    text = decode(data, lang)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def looks_like_title(lines: list[str]) -> bool:
    """A short first line standing alone above the story reads as its title."""
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        return False
    if not any(line.strip() for line in lines[2:]):
        return False  # a title above nothing: the line is the story
    first = lines[0].strip()
    return len(first.split()) <= TITLE_MAX_WORDS and not first.endswith((".", ",", ";", ":", "…"))


def split_blocks(lines: list[str], separator: str) -> list[tuple[int, list[str]]]:
    """Lines into (first line number, lines) blocks at separator lines."""
    blocks: list[tuple[int, list[str]]] = []
    start, current = 1, []
    for number, line in enumerate(lines, 1):
        if line.strip() == separator:
            blocks.append((start, current))
            start, current = number + 1, []
        else:
            current.append(line)
    blocks.append((start, current))
    return blocks


def stories_from_lines(
    lines: list[str], display: str, options: ReadOptions, markdown: bool = False
) -> ReadResult:
    """The shared rule for text-like sources: blocks, header lines, optional title line."""
    result = ReadResult()
    blocks = split_blocks(lines, options.separator)
    for start, block in blocks:
        if not any(line.strip() for line in block):
            if len(blocks) == 1:
                result.problems.append((None, t("empty_story", options.lang)))
            continue  # an empty block between separators is layout, not a story
        skipped = next(i for i, line in enumerate(block) if line.strip())
        meta, body = take_meta(block)
        title = meta.get("title")
        if body and markdown and (m := MD_HEADING.match(body[0])) and m.group(1).strip():
            title, body = title or _md_title(m.group(1)), body[1:]
        elif body and title is None and looks_like_title(body):
            title, body = body[0].strip(), body[1:]
        text = "\n".join(body).strip()
        result.stories.append(
            RawStory(
                path=display,
                row=start + skipped,
                text=text,
                title=title,
                storyteller=meta.get("storyteller") or options.storyteller,
                session=meta.get("session") or options.session,
            )
        )
    return result


def _md_title(text: str) -> str:
    """A Markdown heading's text without its optional closing `#`s (`## Titel ##`)."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        text = bare.strip()
    return text or bare


def read_plain(path: Path, display: str, options: ReadOptions) -> ReadResult:
    text = read_text_file(path, options.lang)
    return stories_from_lines(
        text.split("\n"), display, options, markdown=path.suffix.lower() == ".md"
    )
