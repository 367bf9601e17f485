"""Personal identifiers in story text: finding them and telling their kinds apart.

Names, places and organisations come from deduce (a Dutch de-identification package) and, where
it is installed, Frog; e-mail addresses, phone numbers, postcodes and URLs from patterns; the
project's own terms (storyteller names, its term list) from its lists. deduce takes capitalised
words for names, so its person hits pass a veto: deduce's own lookup lists, Babel's names of
languages and countries, spaCy's word lists and the project's own writing turn a "person" that
is a place, a language, an organisation, an ordinary word or part of a word into what it is.
`pseudonymize` decides what to replace; this module only finds and classifies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from verhalen.form import fold
from verhalen.i18n import language

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
)  # every kind of identifier, in the order summaries list them
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
    """One identifier found in a text: where, what kind, and which engine found it."""

    start: int
    end: int
    kind: str
    term: str
    engine: str = field(default="deduce", compare=False)
    known: bool = field(default=False, compare=False)  # the project's own term: never vetoed


@cache
def deduce_model() -> Any:
    """deduce's model, loaded once: loading its lookup tables takes seconds."""
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


def deduce_spans(text: str, common: frozenset[str] = frozenset()) -> list[Span]:
    """deduce's findings, minus what reads as an ordinary word.

    deduce takes capitalised words at the start of a sentence for names ("Niks.", "Boven
    stond…"). A sentence-initial name whose words the project also uses in lower case is an
    ordinary word; a real name ("Els", "Pronk") is rarely written in lower case. Person hits
    that follow a title ("meneer Pronk") are marked: a title makes a name of any word.
    """
    doc = deduce_model().deidentify(text)
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


class Lexicon:
    """What tells a person from a place, a language, an organisation or an ordinary word.

    deduce's own lookup lists (Dutch first names, place names, hospitals and care
    institutions), Babel's names of languages and countries (Dutch and English, with the
    Dutch adjectives derived by spelling rule: Frans → Franse, Europees → Europese), spaCy's
    lemma tables as the language's ordinary words, and two signals from the project itself:
    the words it writes in lower case, and the names it puts after "in" or "uit".
    """

    def __init__(self, texts: list[str], lang: str):
        d = deduce_model()
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


def classify(spans: list[Span], text: str, lex: Lexicon) -> list[Span]:
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


def _person_or_not(span: Span, lex: Lexicon) -> str | None:
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


LEMMA_TABLES = {"nl": "nl_lemma_lookup.json.gz", "en": "en_lemma_lookup.json.gz"}


@cache
def _vocabulary(lang: str) -> frozenset[str]:
    """The language's ordinary words: every form and lemma in spaCy's lemma lookup table."""
    import gzip
    from importlib import resources

    name = LEMMA_TABLES[language(lang)]
    try:
        path = resources.files("spacy_lookups_data") / "data" / name
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            table = json.load(fh)
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.casefold() for w in table) | frozenset(w.casefold() for w in table.values())


def frog_spans(texts: list[str]) -> list[list[Span]] | None:
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


def frog_veto(spans: list[Span], entities: list[Span]) -> list[Span]:
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


def pattern_spans(text: str) -> list[Span]:
    """Contact details that have a fixed form: e-mail, phone number, postcode, URL."""
    spans = []
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("postcode", POSTCODE), ("url", URL)):
        spans += [
            Span(m.start(), m.end(), kind, m.group(0), "pattern") for m in pattern.finditer(text)
        ]
    return spans


class KnownTerms:
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


class Keyer:
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


def keyed_spans(text: str, keys: dict[str, str], keyer: Keyer) -> list[Span]:
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


def resolve(spans: list[Span], rejected: set[str], keyer: Keyer) -> list[Span]:
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
