"""Pseudonymisation: names and contact details out of everything people read.

Research ethics and the AVG/GDPR require that storytellers and the people they mention cannot be
recognised in reports or workshop material. `identifiers` finds the candidates (deduce, Frog
where installed, patterns for contact details, the project's storyteller names and term list);
this module decides which to replace and gives each term one placeholder across the whole
project ([PERSOON-1]), kept stable between runs. The review sheet (`review_sheet`) lists every
replacement in context; the facilitator rejects false alarms or adds missed terms, and the
reviewed sheet is applied on the next run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verhalen import identifiers
from verhalen.form import fold
from verhalen.identifiers import (
    KINDS,
    Keyer,
    KnownTerms,
    Lexicon,
    Span,
    classify,
    deduce_spans,
    frog_veto,
    keyed_spans,
    pattern_spans,
    resolve,
)
from verhalen.project import Project
from verhalen.review_sheet import (
    KIND_NAMES,
    Occurrence,
    PseudonymReport,
    read_review,
    review_file_name,
    sheet_terms,
    write_review,
)

# What `[privacy] replace` names: each kind belongs to one of these groups. Terms the project
# lists itself (`[privacy] terms`, storyteller names, added on the review sheet) always go.
GROUP = {
    "person": "person",
    "email": "contact",
    "phone": "contact",
    "url": "contact",
    "id": "contact",
    "address": "address",
    "postcode": "address",
    "place": "place",
    "organisation": "organisation",
    "term": "term",
}
LABELS = {  # the placeholders' words: [PERSOON-1], [PERSON-1]
    "nl": {
        "place": "PLAATS",
        "organisation": "ORGANISATIE",
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
        "place": "PLACE",
        "organisation": "ORGANISATION",
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


class _Placeholders:
    """Term -> placeholder, stable across runs, numbered per kind in order of first sight."""

    def __init__(self, rows: list[Any], lang: str, keyer: Keyer):
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
    """`text` with placeholders, replaced from the end so earlier offsets stay right; a first
    name alone gets the placeholder of a full name in the same text that starts with it."""
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
    """The term marked with «», `width` characters either side on one line: the sheet's context."""
    left = text[max(0, span.start - width) : span.start].replace("\n", " ")
    right = text[span.end : span.end + width].replace("\n", " ")
    return f"…{left}«{text[span.start : span.end]}»{right}…"


def _found(
    text: str, common: frozenset[str], lexicon: Lexicon, entities: list[Span] | None
) -> list[Span]:
    """Every candidate in `text` with its kind: deduce, Frog's veto where it ran, patterns."""
    found = deduce_spans(text, common)
    if entities is not None:
        found = frog_veto(found, entities)
    return classify(found, text, lexicon) + pattern_spans(text)


def _common(texts: list[str]) -> frozenset[str]:
    """The words a collection writes in lower case (deduce's sentence-initial hits)."""
    return frozenset(w for t in texts for w in re.findall(r"\b[a-zà-ÿ][\w'-]*", t))


def detect(
    texts: list[str], lang: str, only: list[int] | None = None, frog: bool = True
) -> list[list[Span]]:
    """The candidates of every text in `only` (all by default), classified as `anonymize`
    classifies them, with `texts` as the collection; no project terms. For the bench."""
    chosen = list(range(len(texts))) if only is None else only
    common = _common(texts)
    lexicon = Lexicon(texts, lang)
    picked = [texts[i] for i in chosen]
    entities = identifiers.frog_spans(picked) if frog and lang == "nl" else None
    return [
        resolve(
            _found(text, common, lexicon, entities[k] if entities is not None else None),
            set(),
            Keyer(None),
        )
        for k, text in enumerate(picked)
    ]


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
        keyer = Keyer(_salt(store) if replace_text else None)
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
        known_terms = KnownTerms(terms)
        stories = store.stories()
        common = _common([s.text for s in stories])
        replaced = set(project.settings.replace) | {"term"}
        texts = [t for s in stories for t in (s.text, s.title or "")]
        lexicon = Lexicon([s.text for s in stories], lang)
        # looked up on the module, so that tests and the bench can switch Frog off
        frog = identifiers.frog_spans(texts) if lang == "nl" else None
        report = PseudonymReport(
            stories=len(stories), changed=0, engine="frog" if frog is not None else "deduce"
        )
        results = []
        for i, s in enumerate(stories, 1):
            if progress:
                progress(i, len(stories), s.title or str(s.id))
            new_texts = {}
            for j, (name, text) in enumerate((("text", s.text), ("title", s.title or ""))):
                entities = frog[2 * (i - 1) + j] if frog is not None else None
                candidates = resolve(
                    _found(text, common, lexicon, entities)
                    + known_terms.spans(text)
                    + keyed_spans(text, hashed, keyer),
                    rejected,
                    keyer,
                )
                spans = []
                for span in candidates:
                    if GROUP[span.kind] in replaced or span.known:
                        spans.append(span)
                    else:
                        report.kept[span.kind] = report.kept.get(span.kind, 0) + 1
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
                            span.engine,
                        )
                    )
            results.append((s, new_texts))
        reviewed = sheet_terms(review, keyer) if review is not None else set()
        with store.transaction():
            for s, new in results:
                title = new["title"] or None
                if new["text"] != s.text or title != (s.title or None):
                    report.changed += 1
                store.set_pseudonymised(s.id, new["text"], title, replace_text)
            decisions = {t: "rejected" for t in rejected}
            decisions.update({t: "added" for t in added})
            before = {r["term"]: r["decision"] for r in existing}
            seen: dict[str, int] = {}
            engines: dict[str, str] = {}
            for o in report.occurrences:
                key = keyer(o.term)
                seen[key] = seen.get(key, 0) + 1
                engines.setdefault(key, o.engine)
            for term in set(added):
                seen.setdefault(term, 0)

            def decision(term: str) -> str:
                if term in decisions:
                    return decisions[term]
                if term in reviewed or before.get(term) == "kept":
                    return "kept"  # on a reviewed sheet, not rejected: the facilitator agreed
                return "auto"

            rows = [
                (term, kind, ph, decision(term), engines.get(term, "list"), seen[term])
                for term, (kind, ph) in sorted(names.by_term.items())
                if term in seen
            ]
            rows += [
                (t, "term", "-", "rejected", "list", 0)
                for t in sorted(rejected)
                if t not in names.by_term
            ]
            store.replace_pseudonyms(rows)
            store.add_pseudonymise_run(report.stories, report.changed, report.engine)
            store.log(
                "pseudonymize",
                None,
                {
                    "changed": report.changed,
                    "occurrences": len(report.occurrences),
                    "engine": report.engine,
                },
            )
    for o in report.occurrences:
        report.by_kind[o.kind] = report.by_kind.get(o.kind, 0) + 1
    report.review_path = review_out or project.root / review_file_name(lang)
    write_review(report, report.review_path, lang)
    return report


@dataclass(frozen=True)
class PrivacySummary:
    """What the last `anonymize` did, as the store holds it (for report and status)."""

    stories: int
    changed: int
    engine: str
    by_kind: dict[str, int]  # replacements per kind, rejected terms left out
    reviewed: int  # replacements of terms the facilitator kept or added on a review sheet
    unreviewed: int

    @property
    def replacements(self) -> int:
        return sum(self.by_kind.values())


def privacy_summary(project: Project) -> PrivacySummary | None:
    """True counts of the last pseudonymisation; None when the project has had none."""
    with project.store() as store:
        run = store.last_pseudonymise_run()
        rows = store.pseudonym_counts() if run else []
    if run is None:
        return None
    by_kind: dict[str, int] = {}
    reviewed = unreviewed = 0
    for r in rows:
        if not r["occurrences"]:
            continue
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["occurrences"]
        if r["decision"] in ("kept", "added"):
            reviewed += r["occurrences"]
        else:
            unreviewed += r["occurrences"]
    ordered = {k: by_kind[k] for k in KINDS if k in by_kind}
    return PrivacySummary(
        run["stories"], run["changed"], run["engine"], ordered, reviewed, unreviewed
    )


def kind_name(kind: str, lang: str) -> str:
    """A kind as a word of the user's language: "persoon", "e-mail"; "person", "email"."""
    return KIND_NAMES.get(lang, {}).get(kind, kind)


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
        keyer = Keyer(store.meta("pseudonym_salt") if replace_text else None)
    known = {r["term"]: (r["kind"], r["placeholder"]) for r in rows if r["decision"] != "rejected"}
    rejected = {r["term"] for r in rows if r["decision"] == "rejected"}
    kinds = {term: kind for term, (kind, _) in known.items()}
    labels = LABELS.get(project.lang, LABELS["nl"])
    terms = KnownTerms(kinds)
    out = []
    for text in texts:
        found = terms.spans(text) if keyer.salt is None else keyed_spans(text, kinds, keyer)
        spans = resolve(pattern_spans(text) + found, rejected, keyer)
        for span in sorted(spans, reverse=True):
            placeholder = known.get(keyer(span.term), (span.kind, f"[{labels[span.kind]}]"))[1]
            text = text[: span.start] + placeholder + text[span.end :]
        out.append(text)
    return out
