"""Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files.

Headings start a story and give its title; a `---` paragraph also separates stories; a story may
open with header paragraphs (`Verteller: V03`). Rows are paragraph numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from verhalen.i18n import t
from verhalen.ingest._archive import check_archive
from verhalen.ingest._model import RawStory, ReadError, ReadOptions, ReadResult, take_meta

HEADING_STYLE = re.compile(r"^(heading|kop|title|titel)\s*(\d*)", re.IGNORECASE)


@dataclass
class Paragraph:
    number: int
    text: str
    level: int | None  # heading level, None for body text


def docx_paragraphs(path: Path, lang: str) -> list[Paragraph]:
    import docx  # python-docx; imported here so `verhalen --help` stays fast

    check_archive(path, lang)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReadError(t("unreadable", lang, why=f"not a valid .docx ({exc})")) from None
    # Style names looked up once: python-docx's para.style scans all styles per paragraph.
    names = {s.style_id: s.name or "" for s in document.styles}
    out = []
    for number, para in enumerate(document.paragraphs, 1):
        p_pr = para._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        m = HEADING_STYLE.match(names.get(style_id, "") if style_id else "")
        level = (int(m.group(2)) if m.group(2) else 0) if m else None
        out.append(Paragraph(number, para.text, level))
    return out


def odt_paragraphs(path: Path, lang: str) -> list[Paragraph]:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    check_archive(path, lang)
    try:
        document = load(str(path))
    except Exception as exc:  # odfpy raises zip, XML and key errors for broken files
        raise ReadError(t("unreadable", lang, why=f"not a valid .odt ({exc})")) from None
    out: list[Paragraph] = []

    def walk(node) -> None:
        for child in node.childNodes:
            if getattr(child, "qname", None) == (TEXTNS, "h"):
                level = child.getAttrNS(TEXTNS, "outline-level")
                out.append(Paragraph(len(out) + 1, teletype.extractText(child), int(level or 1)))
            elif getattr(child, "qname", None) == (TEXTNS, "p"):
                out.append(Paragraph(len(out) + 1, teletype.extractText(child), None))
            elif getattr(child, "childNodes", None):
                walk(child)

    walk(document.text)
    return out


def stories_from_paragraphs(
    paragraphs: list[Paragraph], display: str, options: ReadOptions
) -> ReadResult:
    """Group paragraphs into stories at headings and separator paragraphs."""
    result = ReadResult()
    blocks: list[tuple[Paragraph | None, list[Paragraph]]] = [(None, [])]
    for para in paragraphs:
        if para.level is not None and para.text.strip():
            blocks.append((para, []))
        elif para.text.strip() == options.separator:
            blocks.append((None, []))
        else:
            blocks[-1][1].append(para)
    for i, (heading, body) in enumerate(blocks):
        meta, lines = take_meta([p.text for p in body])
        text = "\n\n".join(line.strip() for line in lines if line.strip())
        if not text:
            following = blocks[i + 1][0] if i + 1 < len(blocks) else None
            is_section = (
                heading is not None
                and following is not None
                and ((following.level or 0) > (heading.level or 0))
            )
            if heading is not None and not is_section and not meta:
                result.problems.append((heading.number, t("empty_story", options.lang)))
            continue
        first = heading.number if heading else next(p.number for p in body if p.text.strip())
        result.stories.append(
            RawStory(
                path=display,
                row=first,
                text=text,
                title=meta.get("title") or (heading.text.strip() if heading else None),
                storyteller=meta.get("storyteller") or options.storyteller,
                session=meta.get("session") or options.session,
            )
        )
    if not result.stories and not result.problems:
        result.problems.append((None, t("empty_story", options.lang)))
    return result


def read_docx(path: Path, display: str, options: ReadOptions) -> ReadResult:
    return stories_from_paragraphs(docx_paragraphs(path, options.lang), display, options)


def read_odt(path: Path, display: str, options: ReadOptions) -> ReadResult:
    return stories_from_paragraphs(odt_paragraphs(path, options.lang), display, options)
