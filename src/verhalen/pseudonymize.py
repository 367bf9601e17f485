"""Pseudonymisation: names and contact details out of everything people read.

Research ethics and the AVG/GDPR require that storytellers and the people they mention cannot be
recognised in reports or workshop material. Detection combines deduce (a Dutch de-identification
package), patterns for e-mail, phone numbers and postcodes, the project's storyteller names and
its own term list. Each term gets one placeholder across the whole project ([PERSOON-1]), kept
stable between runs. A review sheet lists every replacement in context; the facilitator rejects
false alarms or adds missed terms, and the reviewed sheet is applied.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from verhalen.atomic import save_workbook
from verhalen.errors import VerhalenError
from verhalen.form import fold
from verhalen.project import Project
from verhalen.safe import set_xlsx_cell

KINDS = ("person", "email", "phone", "address", "postcode", "url", "id", "term")
LABELS = {
    "nl": {
        "person": "PERSOON",
        "email": "E-MAIL",
        "phone": "TELEFOON",
        "address": "ADRES",
        "postcode": "POSTCODE",
        "url": "URL",
        "id": "NUMMER",
        "term": "TERM",
    },
    "en": {
        "person": "PERSON",
        "email": "EMAIL",
        "phone": "PHONE",
        "address": "ADDRESS",
        "postcode": "POSTCODE",
        "url": "URL",
        "id": "NUMBER",
        "term": "TERM",
    },
}
KIND_WORDS = {
    "persoon": "person",
    "naam": "person",
    "person": "person",
    "name": "person",
    "e-mail": "email",
    "email": "email",
    "mail": "email",
    "telefoon": "phone",
    "telefoonnummer": "phone",
    "phone": "phone",
    "adres": "address",
    "address": "address",
    "postcode": "postcode",
    "url": "url",
    "website": "url",
    "nummer": "id",
    "id": "id",
    "term": "term",
    "anders": "term",
}
REJECT_WORDS = {"nee", "no", "afwijzen", "reject", "fout", "niet", "weg"}

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?<![\w-])(?:\+31[\s-]?|0031[\s-]?|0)(?:\(0\))?(?:[\s-]?\d){9}(?![\w-])")
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
URL = re.compile(r"\bhttps?://\S+|\bwww\.[\w-]+(?:\.[\w-]+)+\S*")
TITLES = re.compile(r"^(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|mr\.?|dr\.?|juf|meester)\s+", re.I)
PREPOSITIONS = {"in", "op", "bij", "naar", "met", "van", "voor", "aan", "uit", "over", "om", "door"}
DEDUCE_KINDS = {
    "persoon": "person",
    "patient": "person",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
    "bsn": "id",
    "id": "id",
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str
    term: str


@cache
def _deduce() -> Any:
    import gc
    import logging

    # deduce calls logging.basicConfig(stream=stdout, level=DEBUG) on import, which would pour
    # every library's debug output (numba's, for one) into the user's terminal. Undo that.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from deduce import Deduce

    root.setLevel(level)
    root.handlers[:] = handlers
    deduce = Deduce()

    # deduce's lookup tables are millions of objects; without freezing them the garbage
    # collector walks them again and again, and the process takes ~13 s to exit.
    gc.freeze()
    return deduce


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘«(")
    return not before or before[-1] in ".!?:;…\n"


def _deduce_spans(text: str, common: frozenset[str] = frozenset()) -> list[Span]:
    """deduce's findings, minus what reads as an ordinary word.

    deduce takes capitalised words at the start of a sentence for names ("Niks.", "Boven
    stond…"). A sentence-initial name whose words the project also uses in lower case is an
    ordinary word; a real name ("Els", "Pronk") is rarely written in lower case.
    """
    doc = _deduce().deidentify(text)
    spans = []
    for a in doc.annotations:
        kind = DEDUCE_KINDS.get(a.tag)
        if a.tag == "locatie" and re.search(r"\d", a.text):
            kind = "address"  # a street with a number; neighbourhood names are not personal
        if kind is None:
            continue
        start, term = a.start_char, a.text
        if kind == "person":
            stripped = TITLES.sub("", term).strip()
            start += term.index(stripped) if stripped else 0
            term = stripped.rstrip(" .,")
            if not term or not term[0].isupper() or len(term) < 2:
                continue  # "mevrouw op de", lower-case words: no name
            words = term.casefold().split()
            if (
                start == a.start_char
                and _sentence_start(text, start)
                and ((len(words) == 1 and words[0] in common) or words[0] in PREPOSITIONS)
            ):
                continue
        spans.append(Span(start, start + len(term), kind, term))
    return spans


def _pattern_spans(text: str) -> list[Span]:
    spans = []
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("postcode", POSTCODE), ("url", URL)):
        spans += [Span(m.start(), m.end(), kind, m.group(0)) for m in pattern.finditer(text)]
    return spans


class _Terms:
    """Known terms (storyteller names, added terms) indexed by their first word.

    A project's list of names grows with its stories; trying every name on every story made
    pseudonymisation and exports grow with the square of the project. A term can only match
    where the text has its first word, so only those terms are tried.
    """

    WORD = re.compile(r"\w+")

    def __init__(self, terms: dict[str, str]):
        self.by_word: dict[str, list[tuple[int, str, str]]] = {}
        self.always: list[tuple[int, str, str]] = []  # terms without a word character
        for order, (term, kind) in enumerate(terms.items()):
            first = self.WORD.search(term.lower())
            entry = (order, term, kind)
            if first:
                self.by_word.setdefault(first.group(0), []).append(entry)
            else:
                self.always.append(entry)

    def spans(self, text: str) -> list[Span]:
        """Whole-word, case-insensitive matches of the terms, in the terms' order."""
        words = set(self.WORD.findall(text.lower())) & self.by_word.keys()
        tried = sorted(self.always + [e for w in words for e in self.by_word[w]])
        spans = []
        for _, term, kind in tried:
            for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE):
                spans.append(Span(m.start(), m.end(), kind, m.group(0)))
        return spans


class _Keyer:
    """How a term is remembered in the store: as itself, or as a keyed hash.

    Without `keep_original` nothing identifying may stay in the store, not even the list of
    names that were replaced; a salted hash still recognises a term when it comes back.
    """

    def __init__(self, salt: str | None):
        self.salt = salt

    def __call__(self, term: str) -> str:
        folded = fold(term)
        if self.salt is None:
            return folded
        digest = hmac.new(self.salt.encode(), folded.encode("utf-8"), hashlib.sha256)
        return "h:" + digest.hexdigest()[:32]


def _keyed_spans(text: str, keys: dict[str, str], keyer: _Keyer) -> list[Span]:
    """Find terms known only by their hash: every run of one to four words is tried."""
    if not keys:
        return []
    words = list(re.finditer(r"[\w'-]+", text))
    spans = []
    for i in range(len(words)):
        for j in range(i, min(i + 4, len(words))):
            term = text[words[i].start() : words[j].end()]
            if keyer(term) in keys:
                spans.append(Span(words[i].start(), words[j].end(), keys[keyer(term)], term))
    return spans


def _resolve(spans: list[Span], rejected: set[str], keyer: _Keyer) -> list[Span]:
    """Non-overlapping spans, longest first; rejected terms are left in the text."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.kind)):
        if keyer(span.term) in rejected:
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen)


@dataclass
class Occurrence:
    story_id: int
    title: str | None
    field: str  # "text" or "title"
    kind: str
    term: str
    placeholder: str
    context: str


@dataclass
class PseudonymReport:
    stories: int
    changed: int
    occurrences: list[Occurrence] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    review_path: Path | None = None


class _Placeholders:
    """Term -> placeholder, stable across runs, numbered per kind in order of first sight."""

    def __init__(self, rows: list[Any], lang: str, keyer: _Keyer):
        self.lang = lang
        self.key = keyer
        self.by_term: dict[str, tuple[str, str]] = {}
        self.count: dict[str, int] = {}
        for row in rows:
            if row["decision"] != "rejected":
                self.by_term[row["term"]] = (row["kind"], row["placeholder"])
                number = int(row["placeholder"].rsplit("-", 1)[1].rstrip("]"))
                self.count[row["kind"]] = max(self.count.get(row["kind"], 0), number)

    def get(self, term: str, kind: str, alias_of: str | None = None) -> str:
        key = self.key(term)
        if key not in self.by_term:
            if alias_of and self.key(alias_of) in self.by_term:
                self.by_term[key] = self.by_term[self.key(alias_of)]
            else:
                self.count[kind] = self.count.get(kind, 0) + 1
                label = LABELS.get(self.lang, LABELS["nl"])[kind]
                self.by_term[key] = (kind, f"[{label}-{self.count[kind]}]")
        return self.by_term[key][1]


def _apply(
    text: str, spans: list[Span], names: _Placeholders
) -> tuple[str, list[tuple[Span, str]]]:
    full_names = [s.term for s in spans if s.kind == "person" and " " in s.term]
    done = []
    out = text
    for span in sorted(spans, reverse=True):
        alias = None
        if span.kind == "person" and " " not in span.term:
            alias = next((n for n in full_names if n.split()[0] == span.term), None)
        placeholder = names.get(span.term, span.kind, alias)
        out = out[: span.start] + placeholder + out[span.end :]
        done.append((span, placeholder))
    return out, sorted(done)


def _context(text: str, span: Span, width: int = 50) -> str:
    left = text[max(0, span.start - width) : span.start].replace("\n", " ")
    right = text[span.end : span.end + width].replace("\n", " ")
    return f"…{left}«{text[span.start : span.end]}»{right}…"


def pseudonymize(
    project: Project,
    review: Path | None = None,
    review_out: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> PseudonymReport:
    """Detect identifiers in every story, replace them consistently, write a review sheet.

    With `review`, the facilitator's decisions from an earlier sheet are applied first:
    rejected terms stay in the text, added terms are replaced everywhere.
    """
    lang = project.lang
    replace_text = not project.settings.keep_original
    with project.store() as store:
        keyer = _Keyer(_salt(store) if replace_text else None)
        existing = store.pseudonyms()
        rejected = {r["term"] for r in existing if r["decision"] == "rejected"}
        added = {r["term"]: r["kind"] for r in existing if r["decision"] == "added"}
        terms = {fold(t): "term" for t in project.settings.terms}
        terms.update({fold(r["name"]): "person" for r in store.storytellers() if r["name"]})
        if review is not None:
            more_rejected, more_added = read_review(review, lang)
            rejected |= {keyer(t) for t in more_rejected}
            added.update({keyer(t): kind for t, kind in more_added.items()})
            terms.update(more_added)  # plain text, for this run
            rejected -= set(added)
        if keyer.salt is None:
            terms.update(added)
            hashed: dict[str, str] = {}
        else:
            hashed = added  # known by hash only: found by trying word runs
        names = _Placeholders([r for r in existing if r["term"] not in rejected], lang, keyer)
        known_terms = _Terms(terms)
        stories = store.stories()
        common = frozenset(w for s in stories for w in re.findall(r"\b[a-zà-ÿ][\w'-]*", s.text))
        report = PseudonymReport(stories=len(stories), changed=0)
        results = []
        for i, s in enumerate(stories, 1):
            if progress:
                progress(i, len(stories), s.title or str(s.id))
            source = s.text
            new_texts = {}
            for name, text in (("text", source), ("title", s.title or "")):
                spans = _resolve(
                    _deduce_spans(text, common)
                    + _pattern_spans(text)
                    + known_terms.spans(text)
                    + _keyed_spans(text, hashed, keyer),
                    rejected,
                    keyer,
                )
                new, done = _apply(text, spans, names)
                new_texts[name] = new
                for span, placeholder in done:
                    report.occurrences.append(
                        Occurrence(
                            s.id,
                            s.title,
                            name,
                            span.kind,
                            span.term,
                            placeholder,
                            _context(text, span),
                        )
                    )
            results.append((s, new_texts))
        with store.transaction():
            for s, new in results:
                title = new["title"] or None
                if new["text"] != s.text or title != (s.title or None):
                    report.changed += 1
                store.set_pseudonymised(s.id, new["text"], title, replace_text)
            decisions = {t: "rejected" for t in rejected}
            decisions.update({t: "added" for t in added})
            seen = {keyer(o.term) for o in report.occurrences} | set(added)

            rows = [
                (term, kind, ph, decisions.get(term, "auto"))
                for term, (kind, ph) in sorted(names.by_term.items())
                if term in seen
            ]
            rows += [
                (t, "term", "-", "rejected") for t in sorted(rejected) if t not in names.by_term
            ]
            store.replace_pseudonyms(rows)
            store.log(
                "pseudonymize",
                None,
                {"changed": report.changed, "occurrences": len(report.occurrences)},
            )
    for o in report.occurrences:
        report.by_kind[o.kind] = report.by_kind.get(o.kind, 0) + 1
    report.review_path = review_out or project.root / "pseudonimisering.xlsx"
    write_review(report, report.review_path, lang)
    return report


REVIEW_COLUMNS = {
    "nl": ["verhaal", "titel", "waar", "soort", "term", "vervanging", "context", "besluit"],
    "en": ["story", "title", "where", "kind", "term", "replacement", "context", "decision"],
}
KIND_NAMES = {
    "nl": {
        "person": "persoon",
        "email": "e-mail",
        "phone": "telefoon",
        "address": "adres",
        "postcode": "postcode",
        "url": "url",
        "id": "nummer",
        "term": "term",
    }
}


def write_review(report: PseudonymReport, path: Path, lang: str = "nl") -> None:
    """The review sheet: every replacement in context, a decision column, a sheet for additions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    nl = lang == "nl"
    kinds = KIND_NAMES.get(lang, {k: k for k in KINDS})
    book = Workbook()
    sheet = book.active
    sheet.title = "vervangingen" if nl else "replacements"
    for c, name in enumerate(REVIEW_COLUMNS.get(lang, REVIEW_COLUMNS["en"]), 1):
        set_xlsx_cell(sheet, 1, c, name).font = Font(bold=True)
    for r, o in enumerate(report.occurrences, 2):
        where = ("tekst" if o.field == "text" else "titel") if nl else o.field
        for c, value in enumerate(
            [o.story_id, o.title or "", where, kinds[o.kind], o.term, o.placeholder, o.context, ""],
            1,
        ):
            set_xlsx_cell(sheet, r, c, value)
    for letter, width in zip("ABCDEFGH", (8, 36, 8, 10, 24, 14, 90, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    extra = book.create_sheet("extra termen" if nl else "extra terms")
    set_xlsx_cell(extra, 1, 1, "term").font = Font(bold=True)
    set_xlsx_cell(extra, 1, 2, "soort" if nl else "kind").font = Font(bold=True)
    extra.column_dimensions["A"].width = 30
    extra.column_dimensions["B"].width = 14
    info = book.create_sheet("uitleg" if nl else "how to")
    lines = (
        [
            "Zo gebruik je dit bestand:",
            "1. Lees op het blad 'vervangingen' elke vervanging in haar context.",
            "2. Is het geen persoonsgegeven (een vals alarm)? Zet 'nee' in de kolom 'besluit'.",
            "3. Mist er iets? Zet het op het blad 'extra termen' met een soort: persoon, e-mail,"
            " telefoon, adres, postcode of term.",
            "4. Sla op en voer uit: verhalen anonymize --review pseudonimisering.xlsx",
        ]
        if nl
        else [
            "How to use this file:",
            "1. On the sheet 'replacements', read every replacement in its context.",
            "2. Not personal data (a false alarm)? Put 'no' in the 'decision' column.",
            "3. Something missed? Add it to the sheet 'extra terms' with a kind: person, email,"
            " phone, address, postcode or term.",
            "4. Save and run: verhalen anonymize --review pseudonimisering.xlsx",
        ]
    )
    for r, line in enumerate(lines, 1):
        set_xlsx_cell(info, r, 1, line)
    info.column_dimensions["A"].width = 110
    save_workbook(book, path)


def read_review(path: Path, lang: str = "nl") -> tuple[set[str], dict[str, str]]:
    """(rejected terms, added term -> kind) from a filled-in review sheet."""
    from openpyxl import load_workbook

    from verhalen.ingest._archive import check_archive
    from verhalen.ingest._model import ReadError

    try:
        check_archive(path, lang)
        book = load_workbook(path, read_only=True, data_only=True)
    except (ReadError, OSError) as exc:
        raise VerhalenError(f"{path}: {exc}") from None
    rejected: set[str] = set()
    added: dict[str, str] = {}
    problems = []
    sheets = book.worksheets
    rows = list(sheets[0].iter_rows(values_only=True))
    header = [fold(str(h or "")) for h in rows[0]] if rows else []
    try:
        term_col = header.index("term")
        decision_col = next(i for i, h in enumerate(header) if h in ("besluit", "decision"))
    except (ValueError, StopIteration):
        raise VerhalenError(f"{path}: no 'term' and 'besluit' columns on the first sheet") from None
    for row in rows[1:]:
        decision = fold(str(row[decision_col] or "")) if decision_col < len(row) else ""
        if decision in REJECT_WORDS and row[term_col]:
            rejected.add(fold(str(row[term_col])))
    if len(sheets) > 1:
        for number, row in enumerate(sheets[1].iter_rows(values_only=True), 1):
            if number == 1 or not row or not row[0]:
                continue
            kind_word = fold(str(row[1] or "term")) if len(row) > 1 else "term"
            kind = KIND_WORDS.get(kind_word)
            if kind is None:
                problems.append(
                    f"{path}:{number}: '{row[1]}' is no kind ({', '.join(sorted(set(KIND_WORDS)))})"
                )
                continue
            added[fold(str(row[0]).strip())] = kind
    book.close()
    if problems:
        raise VerhalenError("\n".join(problems))
    return rejected, added


def _salt(store: Any) -> str:
    """The project's secret for keyed term hashes, made once."""
    import secrets

    salt = store.meta("pseudonym_salt")
    if salt is None:
        salt = secrets.token_hex(16)
        with store.transaction():
            store.set_meta("pseudonym_salt", salt)
    return salt


def apply_known(project: Project, texts: list[str]) -> list[str]:
    """Hide in other text (open answers) what the project's stories already hide.

    Uses the project's own list of replaced terms and the contact-detail patterns, not deduce,
    so it is cheap enough for every export; known terms get their project-wide placeholder.
    """
    replace_text = not project.settings.keep_original
    with project.store() as store:
        rows = store.pseudonyms()
        keyer = _Keyer(store.meta("pseudonym_salt") if replace_text else None)
    known = {r["term"]: (r["kind"], r["placeholder"]) for r in rows if r["decision"] != "rejected"}
    rejected = {r["term"] for r in rows if r["decision"] == "rejected"}
    kinds = {term: kind for term, (kind, _) in known.items()}
    labels = LABELS.get(project.lang, LABELS["nl"])
    terms = _Terms(kinds)
    out = []
    for text in texts:
        found = terms.spans(text) if keyer.salt is None else _keyed_spans(text, kinds, keyer)
        spans = _resolve(_pattern_spans(text) + found, rejected, keyer)
        for span in sorted(spans, reverse=True):
            placeholder = known.get(keyer(span.term), (span.kind, f"[{labels[span.kind]}]"))[1]
            text = text[: span.start] + placeholder + text[span.end :]
        out.append(text)
    return out
