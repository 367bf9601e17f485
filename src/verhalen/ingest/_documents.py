"""Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files.

Headings start a story and give its title; a `---` paragraph also separates stories; a story may
open with header paragraphs (`Verteller: V03`). Rows are paragraph numbers.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from verhalen.i18n import t
from verhalen.ingest._archive import check_archive, parser_error
from verhalen.ingest._model import RawStory, ReadError, ReadOptions, ReadResult, take_meta

HEADING_STYLE = re.compile(r"^(heading|kop|title|titel)\s*(\d*)", re.IGNORECASE)


@dataclass
class Paragraph:
    number: int
    text: str
    level: int | None  # heading level, None for body text


def docx_paragraphs(path: Path, lang: str) -> list[Paragraph]:
    import docx  # python-docx; imported here so `verhalen --help` stays fast
    from docx.oxml.ns import qn

    check_archive(path, lang)
    try:
        document = docx.Document(str(path))
        if document.element.getroottree().docinfo.doctype:
            # lxml leaves entities unresolved, and the text after one would silently go missing
            raise ReadError(t("unreadable", lang, why=t("why_xml_entities", lang)))
        # Style names looked up once: python-docx's para.style scans all styles per paragraph.
        names = {s.style_id: s.name or "" for s in document.styles}
        out = []
        for number, para in enumerate(document.paragraphs, 1):
            p_pr = para._p.pPr
            style = p_pr.pStyle if p_pr is not None else None
            style_id = style.get(qn("w:val")) if style is not None else None
            m = HEADING_STYLE.match(names.get(style_id, "") if style_id else "")
            level = (int(m.group(2)) if m.group(2) else 0) if m else None
            out.append(Paragraph(number, para.text, level))
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken package
        raise parser_error(exc, path, lang) from None
    return out


def odt_paragraphs(path: Path, lang: str) -> list[Paragraph]:
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    check_archive(path, lang)
    try:
        # odfpy prints a part it cannot parse to stdout and carries on with half a document.
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            document = load(str(path))
        body = document.text
    except Exception as exc:  # odfpy raises zip, XML and key errors for broken files
        raise parser_error(exc, path, lang) from None
    if "SAX FAILED TO PARSE" in printed.getvalue():
        raise ReadError(
            t("unreadable", lang, why=t("why_not_a_document", lang, kind=".odt", detail="XML"))
        )
    out: list[Paragraph] = []
    # Walked with a stack, not recursion: a document nested ten thousand deep is still a
    # document (or a clear error), never a RecursionError.
    stack = [iter(body.childNodes)] if body is not None else []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        qname = getattr(child, "qname", None)
        if qname == (TEXTNS, "h"):
            level = _number(child.getAttrNS(TEXTNS, "outline-level"), 1)
            out.append(Paragraph(len(out) + 1, _odf_text(child), level))
        elif qname == (TEXTNS, "p"):
            out.append(Paragraph(len(out) + 1, _odf_text(child), None))
        elif getattr(child, "childNodes", None):
            stack.append(iter(child.childNodes))
    return out


def _number(value: object, default: int) -> int:
    try:
        return max(0, min(int(str(value)), 10))
    except ValueError:
        return default


def _odf_text(element) -> str:
    """The text of an ODF element as odfpy's teletype.extractText gives it (tabs, line breaks,
    spaces), without its recursion and without `<text:s text:c="2000000000"/>` becoming two
    gigabytes of spaces: runs of spaces collapse when the story is cleaned anyway."""
    from odf.element import Node
    from odf.namespaces import TEXTNS

    parts: list[str] = []
    stack = [iter(element.childNodes)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.nodeType == Node.TEXT_NODE:
            parts.append(child.data)
        elif child.nodeType == Node.ELEMENT_NODE:
            if child.qname == (TEXTNS, "line-break"):
                parts.append("\n")
            elif child.qname == (TEXTNS, "tab"):
                parts.append("\t")
            elif child.qname == (TEXTNS, "s"):
                parts.append(" ")
            else:
                stack.append(iter(child.childNodes))
    return "".join(parts)


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
