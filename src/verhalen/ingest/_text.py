"""Plain text and Markdown: one story per file, or several separated by a `---` line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from verhalen.i18n import t
from verhalen.ingest._model import RawStory, ReadError, ReadOptions, ReadResult, take_meta

MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
TITLE_MAX_WORDS = 15


def decode(data: bytes, lang: str = "nl") -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(t("unreadable", lang, why="binary data, not text"))
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec).lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(t("unreadable", lang, why="unknown text encoding"))
    return str(best)


def read_text_file(path: Path, lang: str = "nl") -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(t("unreadable", lang, why=exc.strerror or str(exc))) from None
    text = decode(data, lang)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def looks_like_title(lines: list[str]) -> bool:
    """A short first line standing alone above the story reads as its title."""
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        return False
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
        if body and markdown and (m := MD_HEADING.match(body[0])):
            title, body = title or m.group(1), body[1:]
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


def read_plain(path: Path, display: str, options: ReadOptions) -> ReadResult:
    text = read_text_file(path, options.lang)
    return stories_from_lines(
        text.split("\n"), display, options, markdown=path.suffix.lower() == ".md"
    )
