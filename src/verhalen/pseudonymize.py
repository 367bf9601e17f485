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
import json
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

KINDS = (
    "person",
    "email",
    "phone",
    "address",
    "postcode",
    "url",
    "id",
    "place",
    "organisation",
    "term",
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
LABELS = {
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
    "plaats": "place",
    "place": "place",
    "organisatie": "organisation",
    "organisation": "organisation",
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
    "ziekenhuis": "organisation",
    "zorginstelling": "organisation",
}
# A capitalised word right after one of these is a place ("in Oosterhof", "uit Brugge"), not a
# person. Measured (docs/quality.md, "Pseudonymisation"): in the example project no person
# follows "in" or "uit" and 35 neighbourhood and place names do; "met" and "van" precede persons
# (6 each); "naar" and "bij" precede 2 capitalised words in all, too few to decide on.
PLACE_PREPOSITIONS = {"nl": ("in", "uit"), "en": ("in",)}
PARTICLES = {"van", "de", "der", "den", "het", "ter", "te", "el", "al", "le", "la", "du", "d'"}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str
    term: str
    engine: str = field(default="deduce", compare=False)
    known: bool = field(default=False, compare=False)  # the project's own term: never vetoed


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
    ordinary word; a real name ("Els", "Pronk") is rarely written in lower case. Person hits
    that follow a title ("meneer Pronk") are marked: a title makes a name of any word.
    """
    doc = _deduce().deidentify(text)
    spans = []
    for a in doc.annotations:
        kind = DEDUCE_KINDS.get(a.tag)
        if a.tag == "locatie":
            # a street with a number is an address; a place name is a place
            kind = "address" if re.search(r"\d", a.text) else "place"
        if kind is None:
            continue
        start, term = a.start_char, a.text
        engine = "deduce"
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
            if start != a.start_char:
                engine = "deduce+title"
            # deduce sometimes joins words across a sentence end ("Oosterhof. Marleen")
            # (an initial's full stop, "J. Jansen", is no sentence end)
            at = 0
            for cut in [*re.finditer(r"(?<=\w\w)[.!?;:]\s+|\n+", term), None]:
                end = cut.start() if cut else len(term)
                part = term[at:end].strip()
                if len(part) >= 2 and part[0].isupper():
                    first = start + at + term[at:end].index(part)
                    spans.append(Span(first, first + len(part), kind, part, engine))
                at = cut.end() if cut else at
            continue
        spans.append(Span(start, start + len(term), kind, term, engine))
    return spans


class _Lexicon:
    """What tells a person from a place, a language, an organisation or an ordinary word.

    deduce's own lookup lists (Dutch first names, place names, hospitals and care
    institutions), Babel's names of languages and countries (Dutch and English, with the
    Dutch adjectives derived by spelling rule: Frans → Franse, Europees → Europese), spaCy's
    lemma tables as the language's ordinary words, and two signals from the project itself:
    the words it writes in lower case, and the names it puts after "in" or "uit".
    """

    def __init__(self, texts: list[str], lang: str):
        d = _deduce()
        self.tokenizer = d.tokenizers["default"]
        self.first_names = d.lookup_structs["first_name"]
        self.places = d.lookup_structs["placename"]
        self.institutions = (
            d.lookup_structs["hospital"],
            d.lookup_structs["healthcare_institution"],
        )
        self.nations = _nation_words()
        self.vocabulary = _vocabulary(lang)
        plain = [re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", t) for t in texts]
        self.lower = frozenset(w for t in plain for w in re.findall(r"\b[a-zà-ÿ][\w'-]*", t))
        preps = "|".join(PLACE_PREPOSITIONS.get(lang, PLACE_PREPOSITIONS["nl"]))
        after = re.compile(rf"\b(?:{preps}) ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*)*)(?!['’]s\b)")
        self.placed = frozenset(m.group(1) for t in texts for m in after.finditer(t))

    def tokens(self, term: str) -> list[str]:
        return [t.text for t in self.tokenizer.tokenize(term)]

    def first_name(self, word: str) -> bool:
        return [word] in self.first_names

    def place(self, term: str) -> bool:
        """A known place (and no first name), or a name the project puts after "in"/"uit"."""
        if term in self.placed or term in self.nations:
            return True
        return self.tokens(term) in self.places and not self.first_name(term)

    def institution(self, term: str) -> bool:
        tokens = self.tokens(term)
        return any(tokens in lookup for lookup in self.institutions)

    def ordinary(self, word: str) -> bool:
        """An ordinary word of the language that is no first name ("Appels", "Super")."""
        folded = word.casefold()
        forms = {folded}
        if len(folded) > 4 and folded.endswith("s"):
            forms.add(folded[:-1])  # a plural: appels → appel
        if len(folded) > 5 and folded.endswith("en"):
            forms.add(folded[:-2])
        return bool(forms & self.vocabulary) and not self.first_name(word)

    def common(self, word: str) -> bool:
        """A word the project also writes in lower case ("bank" in "Record Bank")."""
        return word.casefold() in self.lower


def _inside_word(text: str, start: int, end: int) -> bool:
    """Part of a longer word ("Oosten" in "Midden-Oosten", "Don" in "Don't")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if before.isalnum() or after.isalnum():
        return True
    if before in "-‐" and start > 1 and text[start - 2].isalpha():
        return True
    return (
        after in "-‐'’" and after2.isalpha() and text[end : end + 3].lower() not in ("'s ", "’s ")
    )


def _classify(spans: list[Span], text: str, lex: _Lexicon) -> list[Span]:
    """Every detected candidate as the kind it is: a person hit on a place, language,
    organisation, ordinary word or part of a word is no person."""
    out = []
    for span in spans:
        if span.known or span.kind not in ("person", "place", "organisation"):
            out.append(span)
            continue
        if _inside_word(text, span.start, span.end):
            continue
        if span.kind != "person":
            out.append(span)
            continue
        kind = _person_or_not(span, lex)
        if kind is not None:
            out.append(Span(span.start, span.end, kind, span.term, span.engine))
    return out


def _person_or_not(span: Span, lex: _Lexicon) -> str | None:
    """ "person", "place" or "organisation" for a person candidate; None for an ordinary word."""
    words = [w for w in span.term.split() if w.casefold() not in PARTICLES]
    core = " ".join(words)
    if not words:
        return None
    if lex.place(core) or lex.place(span.term):
        return "place"
    if lex.institution(core):
        return "organisation"
    if words[0] in lex.nations:  # "Europees Hof", "Franse"
        return "organisation" if len(words) > 1 else None
    parts = [p for p in re.split(r"[\s-]+", core) if p]
    if len(parts) > 1 and not lex.first_name(parts[0]) and any(lex.place(p) for p in parts):
        # "Oost-Limburg", "Antwerpen-Dam": a place; "Toerisme Vlaanderen": an organisation
        return "place" if " " not in core else "organisation"
    titled = span.engine.endswith("+title")
    if len(words) == 1:
        if not titled and lex.ordinary(words[0]):
            return None
        return "person"
    if not lex.first_name(words[0]) and any(lex.common(w) or lex.ordinary(w) for w in words[1:]):
        return "organisation"  # "Record Bank", "Nationale Bank", "Rode Kruis"
    return "person"


@cache
def _nation_words() -> frozenset[str]:
    """Words of the names of languages and countries in Dutch and English, with the Dutch
    adjectives: Frans, Franse, Engels, Engelse, Europees, Europese, Duitsland, French."""
    from babel import Locale

    words: set[str] = set()
    for code in ("nl", "en"):
        locale = Locale(code)
        for name in [*locale.languages.values(), *locale.territories.values()]:
            words |= {w for w in re.split(r"[\s()]+", name) if len(w) > 2 and w[0].isupper()}
    adjectives = set()
    for w in words:
        if w.endswith("s"):
            # open syllable before the added -e: Portugees → Portugese, Frans → Franse
            adjectives.add(re.sub(r"([aeou])\1s$", r"\1s", w) + "e")
        if w.endswith("se"):
            # and back: Europese (Unie) → Europees (Hof)
            adjectives.add(re.sub(r"([^aeiou])([aeou])se$", r"\1\2\2s", w))
    return frozenset(words | adjectives)


@cache
def _vocabulary(lang: str) -> frozenset[str]:
    """The language's ordinary words: every form and lemma in spaCy's lemma lookup table."""
    import gzip
    from importlib import resources

    name = "nl_lemma_lookup.json.gz" if lang != "en" else "en_lemma_lookup.json.gz"
    try:
        path = resources.files("spacy_lookups_data") / "data" / name
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            table = json.load(fh)
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.casefold() for w in table) | frozenset(w.casefold() for w in table.values())


def _frog(texts: list[str]) -> list[list[Span]] | None:
    """Frog's named entities as spans, or None when Frog is not there (verhalen.ner)."""
    try:
        from verhalen import ner  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        if not ner.frog_available():
            return None
        found = ner.frog_entities(texts)
    except Exception:
        return None
    return [
        [Span(e.start, e.end, e.kind, text[e.start : e.end], "frog") for e in entities]
        for text, entities in zip(texts, found, strict=True)
    ]


def _frog_veto(spans: list[Span], entities: list[Span]) -> list[Span]:
    """Person hits on what Frog calls a place or an organisation take Frog's kind."""
    out = []
    for span in spans:
        if span.kind == "person" and not span.known:
            other = next(
                (
                    e
                    for e in entities
                    if e.kind != "person" and e.start < span.end and span.start < e.end
                ),
                None,
            )
            if other is not None:
                continue  # Frog's own span for it is in `entities`
        out.append(span)
    return out + entities


def _pattern_spans(text: str) -> list[Span]:
    spans = []
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("postcode", POSTCODE), ("url", URL)):
        spans += [
            Span(m.start(), m.end(), kind, m.group(0), "pattern") for m in pattern.finditer(text)
        ]
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
                spans.append(Span(m.start(), m.end(), kind, m.group(0), "list", known=True))
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
                found = Span(
                    words[i].start(), words[j].end(), keys[keyer(term)], term, "list", known=True
                )
                spans.append(found)
    return spans


def _resolve(spans: list[Span], rejected: set[str], keyer: _Keyer) -> list[Span]:
    """Non-overlapping spans: the project's own terms first, then the longest; rejected terms
    are left in the text."""
    chosen: list[Span] = []
    for span in sorted(
        spans, key=lambda s: (not s.known, -(s.end - s.start), s.start, s.engine != "frog", s.kind)
    ):
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
    engine: str = "deduce"  # what found it: deduce, frog, pattern, list (the project's terms)


@dataclass
class PseudonymReport:
    stories: int
    changed: int
    occurrences: list[Occurrence] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    review_path: Path | None = None
    engine: str = "deduce"  # the named-entity engine that ran: "frog" or "deduce"
    kept: dict[str, int] = field(default_factory=dict)  # found but left: kind -> count


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
        replaced = set(project.settings.replace) | {"term"}
        texts = [t for s in stories for t in (s.text, s.title or "")]
        lexicon = _Lexicon([s.text for s in stories], lang)
        frog = _frog(texts) if lang == "nl" else None
        report = PseudonymReport(
            stories=len(stories), changed=0, engine="frog" if frog is not None else "deduce"
        )
        results = []
        for i, s in enumerate(stories, 1):
            if progress:
                progress(i, len(stories), s.title or str(s.id))
            new_texts = {}
            for j, (name, text) in enumerate((("text", s.text), ("title", s.title or ""))):
                found = _deduce_spans(text, common)
                if frog is not None:
                    found = _frog_veto(found, frog[2 * (i - 1) + j])
                candidates = _resolve(
                    _classify(found, text, lexicon)
                    + _pattern_spans(text)
                    + known_terms.spans(text)
                    + _keyed_spans(text, hashed, keyer),
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
        reviewed = _sheet_terms(review, keyer) if review is not None else set()
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
    report.review_path = review_out or project.root / "pseudonimisering.xlsx"
    write_review(report, report.review_path, lang)
    return report


REVIEW_COLUMNS = {
    "nl": [
        "verhaal",
        "titel",
        "waar",
        "soort",
        "term",
        "vervanging",
        "context",
        "gevonden door",
        "besluit",
    ],
    "en": [
        "story",
        "title",
        "where",
        "kind",
        "term",
        "replacement",
        "context",
        "found by",
        "decision",
    ],
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
        "place": "plaats",
        "organisation": "organisatie",
        "term": "term",
    }
}
ENGINE_NAMES = {
    "nl": {
        "deduce": "deduce",
        "deduce+title": "deduce (titel)",
        "frog": "Frog",
        "pattern": "patroon",
        "list": "projectlijst",
    },
    "en": {
        "deduce": "deduce",
        "deduce+title": "deduce (title)",
        "frog": "Frog",
        "pattern": "pattern",
        "list": "project list",
    },
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
            [
                o.story_id,
                o.title or "",
                where,
                kinds[o.kind],
                o.term,
                o.placeholder,
                o.context,
                ENGINE_NAMES.get(lang, ENGINE_NAMES["en"]).get(o.engine, o.engine),
                "",
            ],
            1,
        ):
            set_xlsx_cell(sheet, r, c, value)
    for letter, width in zip("ABCDEFGHI", (8, 36, 8, 10, 24, 14, 90, 16, 10), strict=True):
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
            " telefoon, adres, postcode, plaats, organisatie of term.",
            "4. Sla op en voer uit: verhalen anonymize --review pseudonimisering.xlsx",
            "",
            f"Namen herkend met: {report.engine}"
            + (" (Frog, met deduce)" if report.engine == "frog" else " (zonder Frog)")
            + ". Plaatsen en organisaties blijven staan, tenzij verhalen.toml ze noemt in"
            " [privacy] replace.",
        ]
        if nl
        else [
            "How to use this file:",
            "1. On the sheet 'replacements', read every replacement in its context.",
            "2. Not personal data (a false alarm)? Put 'no' in the 'decision' column.",
            "3. Something missed? Add it to the sheet 'extra terms' with a kind: person, email,"
            " phone, address, postcode, place, organisation or term.",
            "4. Save and run: verhalen anonymize --review pseudonimisering.xlsx",
            "",
            f"Names recognised with: {report.engine}"
            + (" (Frog, with deduce)" if report.engine == "frog" else " (without Frog)")
            + ". Places and organisations stay unless verhalen.toml names them in"
            " [privacy] replace.",
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


def _sheet_terms(path: Path, keyer: _Keyer) -> set[str]:
    """The terms listed on a review sheet's first page: the ones the facilitator has seen."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return set()
    header = [fold(str(h or "")) for h in rows[0]]
    if "term" not in header:
        return set()
    col = header.index("term")
    return {keyer(str(r[col])) for r in rows[1:] if col < len(r) and r[col]}


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
