"""Build src/verhalen/voorbeeld (the example, package data) from the stories in deel-*.yaml.

The stories were written one by one (see OPDRACHT.md); this script only lays them out the way a
real project receives them: Word and OpenDocument files per table, text files, a WebVTT and a
SubRip interview, a group transcript with speaker turns, and a spreadsheet with answers. It also
writes the answer sheet for the stories that came without answers, and the truth files that the
pipeline never reads. Run it from the repository root: python data/voorbeeld-bron/build.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from docx import Document
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, P
from openpyxl import Workbook

HERE = Path(__file__).parent
OUT = HERE.parents[1] / "src" / "verhalen" / "voorbeeld"  # shipped inside the package
FORM = yaml.safe_load((OUT / "storyform.yaml").read_text(encoding="utf-8"))
STORY_QUESTIONS = [q for q in FORM["questions"] if q["about"] == "story"]
PROMPTS = [
    "Kun je daar een voorbeeld van geven?",
    "Wat gebeurde er toen precies?",
    "Heb je nog een moment dat je is bijgebleven?",
    "En hoe was dat voor jou?",
    "Vertel eens, wat ging daar mis of juist goed?",
    "Is er nog iets wat je wilt vertellen?",
]
NAMES = {}
with (OUT / "vertellers.csv").open(encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        NAMES[row["id"]] = row["naam"]


def load() -> list[dict]:
    stories = []
    for part in sorted(HERE.glob("deel-*.yaml")):
        stories += yaml.safe_load(part.read_text(encoding="utf-8"))
    return stories


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def write_docx(path: Path, stories: list[dict], title: str) -> None:
    doc = Document()
    doc.add_heading(title, level=1)
    for s in stories:
        doc.add_heading(s["title"], level=2)
        doc.add_paragraph(f"Verteller: {s['storyteller']}")
        doc.add_paragraph(f"Sessie: sessie {s['session']}")
        for p in paragraphs(s["text"]):
            doc.add_paragraph(p)
    doc.save(path)


def write_odt(path: Path, stories: list[dict], title: str) -> None:
    doc = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph")
    h1.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    h2 = Style(name="Heading 2", family="paragraph")
    h2.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    h2.addElement(ParagraphProperties(margintop="0.4cm"))
    doc.styles.addElement(h1)
    doc.styles.addElement(h2)
    doc.text.addElement(H(outlinelevel=1, stylename=h1, text=title))
    for s in stories:
        doc.text.addElement(H(outlinelevel=2, stylename=h2, text=s["title"]))
        doc.text.addElement(P(text=f"Verteller: {s['storyteller']}"))
        for p in paragraphs(s["text"]):
            doc.text.addElement(P(text=p))
    doc.save(str(path))


def write_txt(path: Path, stories: list[dict]) -> None:
    blocks = []
    for s in stories:
        body = "\n\n".join(paragraphs(s["text"]))
        blocks.append(f"Titel: {s['title']}\nVerteller: {s['storyteller']}\n"
                      f"Sessie: sessie {s['session']}\n\n{body}\n")
    path.write_text("\n---\n\n".join(blocks), encoding="utf-8")


def write_md(folder: Path, stories: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, s in enumerate(stories, 1):
        body = "\n\n".join(paragraphs(s["text"]))
        (folder / f"verhaal-{i:02d}.md").write_text(
            f"Verteller: {s['storyteller']}\nSessie: sessie {s['session']}\n\n"
            f"# {s['title']}\n\n{body}\n", encoding="utf-8")


def sentences(paragraph: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])\s+", paragraph)
    cues, current = [], ""
    for part in parts:
        current = f"{current} {part}".strip()
        if len(current.split()) >= 8:
            cues.append(current)
            current = ""
    if current:
        cues.append(current)
    return cues


def interview_cues(stories: list[dict]) -> list[tuple[str | None, str]]:
    """(speaker, text) cues: a welcome, then per story a marker, a prompt and the story."""
    cues: list[tuple[str | None, str]] = [
        ("Interviewer", "Fijn dat je er bent. Ik neem het gesprek op, is dat goed?"),
        (NAMES[stories[0]["storyteller"]], "Ja hoor, prima."),
    ]
    for i, s in enumerate(stories):
        cues.append((None, f"[verhaal: {s['title']}]"))
        cues.append(("Interviewer", PROMPTS[i % len(PROMPTS)]))
        paras = paragraphs(s["text"])
        for j, p in enumerate(paras):
            if j == 1 and len(paras) > 2:
                cues.append(("Interviewer", "Mm-hm."))
            cues += [(NAMES[s["storyteller"]], c) for c in sentences(p)]
    cues.append(("Interviewer", "Dank je wel voor al je verhalen."))
    return cues


def stamp(seconds: float, sep: str) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{int((s % 1) * 1000):03d}"


def timed(cues):
    clock = 2.0
    for speaker, text in cues:
        length = max(1.5, len(text.split()) / 2.6)
        yield clock, clock + length, speaker, text
        clock += length + 0.4


def write_vtt(path: Path, stories: list[dict]) -> None:
    out = ["WEBVTT", "", f"NOTE sessie: sessie {stories[0]['session']}", ""]
    for n, (start, end, speaker, text) in enumerate(timed(interview_cues(stories)), 1):
        out += [str(n), f"{stamp(start, '.')} --> {stamp(end, '.')}",
                f"<v {speaker}>{text}" if speaker else text, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(path: Path, stories: list[dict]) -> None:
    out = []
    for n, (start, end, speaker, text) in enumerate(timed(interview_cues(stories)), 1):
        out += [str(n), f"{stamp(start, ',')} --> {stamp(end, ',')}",
                f"{speaker}: {text}" if speaker else text, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_group_transcript(path: Path, stories: list[dict]) -> None:
    lines = [
        "Sessie: sessie 2",
        "",
        "Gespreksleider: Welkom allemaal. We gaan vanavond verhalen ophalen over Werken met "
        "Netwerken. Wie wil beginnen?",
        "",
    ]
    for i, s in enumerate(stories):
        lines += [f"[verhaal: {s['title']}]", f"Gespreksleider: {PROMPTS[i % len(PROMPTS)]}", ""]
        paras = paragraphs(s["text"])
        lines.append(f"{NAMES[s['storyteller']]}: {paras[0]}")
        lines += paras[1:]
        lines.append("")
    lines.append("Gespreksleider: Dank jullie wel, we ronden af.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def answer_header() -> list[str]:
    return [q["short"] for q in STORY_QUESTIONS]


def write_table(path: Path, stories: list[dict]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Verhalen"
    sheet.append(["Titel", "Verhaal", "Verteller", "Sessie", *answer_header()])
    for s in stories:
        sheet.append([s["title"], s["text"].strip(), s["storyteller"], f"sessie {s['session']}",
                      *(cell(s["answers"].get(q["id"])) for q in STORY_QUESTIONS)])
    book.save(path)


def write_answers(path: Path, stories: list[dict]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Antwoorden"
    sheet.append(["Titel", *answer_header()])
    for s in stories:
        sheet.append([s["title"], *(cell(s["answers"].get(q["id"])) for q in STORY_QUESTIONS)])
    book.save(path)


def main() -> None:
    stories = load()
    by = {}
    for s in stories:
        by.setdefault(s["storyteller"], []).append(s)
    s1, s2 = OUT / "verhalen" / "sessie-1", OUT / "verhalen" / "sessie-2"
    for folder in (s1, s2, OUT / "truth"):
        folder.mkdir(parents=True, exist_ok=True)
    write_docx(s1 / "tafel-1.docx", by["V01"] + by["V02"] + by["V03"], "Sessie 1 — tafel 1")
    write_docx(s1 / "tafel-2.docx", by["V11"] + by["V12"] + by["V20"], "Sessie 1 — tafel 2")
    write_txt(s1 / "joost.txt", by["V04"])
    write_txt(s1 / "marleen.txt", by["V05"])
    write_md(s1 / "kees", by["V06"])
    write_odt(s1 / "sanne.odt", by["V07"], "Verhalen van Sanne")
    write_srt(s1 / "gesprek-esther.srt", by["V13"])
    write_vtt(s1 / "gesprek-hans.vtt", by["V14"])
    group = [s for trio in zip(by["V08"], by["V09"], by["V10"], strict=False) for s in trio]
    group += [s for s in by["V08"] + by["V09"] + by["V10"] if s not in group]
    write_group_transcript(s2 / "groepsgesprek.txt", group)
    write_docx(s2 / "tafel-3.docx", by["V15"] + by["V16"] + by["V21"], "Sessie 2 — tafel 3")
    table = by["V17"] + by["V18"] + by["V19"] + by["V22"]
    write_table(s2 / "verhalen-stadhuis.xlsx", table)
    write_answers(OUT / "antwoorden.xlsx", [s for s in stories if s not in table])
    with (OUT / "truth" / "themes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "theme"])
        w.writerows([s["title"], s["theme"]] for s in stories)
    with (OUT / "truth" / "identifiers.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "kind", "value"])
        w.writerows([s["title"], i["kind"], i["value"]] for s in stories
                    for i in s.get("identifiers") or [])
    print(f"{len(stories)} stories written to {OUT}")


if __name__ == "__main__":
    main()
