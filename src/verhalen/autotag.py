"""Automatic tags: language, length, reading time, key terms and storyteller group.

They are stored with source "auto", apart from the storyteller's own answers, so a report can
always tell what people said about their story from what the software computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from verhalen.project import Project
from verhalen.text import strip_placeholders

LANGUAGES = ("nl", "en", "de", "fr", "tr", "ar", "pl", "es", "it", "pt")
WORDS_PER_MINUTE = 200
KEY_TERMS = 5
TAG_LABELS = {
    "language": {"nl": "taal", "en": "language"},
    "words": {"nl": "woorden", "en": "words"},
    "reading_minutes": {"nl": "leestijd (min)", "en": "reading time (min)"},
    "key_terms": {"nl": "kernwoorden", "en": "key terms"},
    "group": {"nl": "groep", "en": "group"},
}
TAG_ALIASES = {
    "taal": "language",
    "woorden": "words",
    "leestijd": "reading_minutes",
    "kernwoorden": "key_terms",
    "groep": "group",
}


@cache
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """ISO 639-1 code of the text's language (offline, deterministic); None for too little text."""
    if len(text.split()) < 3:
        return None
    lang, _ = _identifier(languages).classify(text)
    return str(lang)


def key_terms(texts: list[str], langs: list[str | None], n: int = KEY_TERMS) -> list[list[str]]:
    """The n lemmas that set each story apart from the rest of the project (TF-IDF)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from verhalen.text import lemmas

    tokens: list[list[str]] = [[] for _ in texts]
    for lang in sorted({lang or "nl" for lang in langs}):
        idx = [i for i, x in enumerate(langs) if (x or "nl") == lang]
        for i, words in zip(idx, lemmas([texts[i] for i in idx], lang), strict=True):
            tokens[i] = words
    if not any(tokens):
        return [[] for _ in texts]
    vectorizer = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    matrix = vectorizer.fit_transform(tokens)
    vocab = vectorizer.get_feature_names_out()
    out = []
    for row in range(matrix.shape[0]):
        vec = matrix.getrow(row)
        pairs = sorted(zip(vec.data, vocab[vec.indices], strict=True), key=lambda p: (-p[0], p[1]))
        out.append([str(term) for _, term in pairs[:n]])
    return out


@dataclass(frozen=True)
class AutoTagReport:
    stories: int
    languages: dict[str, int]


def auto_tag(
    project: Project, progress: Callable[[int, int, str], None] | None = None
) -> AutoTagReport:
    """Compute and store automatic tags for every story, replacing earlier automatic tags."""
    with project.store() as store:
        stories = store.stories()
        # Key terms from what people will read: a pseudonymised name must not return as a tag.
        texts = [strip_placeholders(s.shown_text) for s in stories]

        langs = []
        for i, s in enumerate(stories, 1):
            langs.append(detect_language(s.text))
            if progress:
                progress(i, len(stories) * 2, s.title or str(s.id))
        terms = key_terms(texts, langs)
        counts: dict[str, int] = {}
        with store.transaction():
            for i, (s, lang, kt) in enumerate(zip(stories, langs, terms, strict=True), 1):
                store.set_language(s.id, lang)
                tags = {
                    "language": lang,
                    "words": s.words,
                    "reading_minutes": max(0.5, math.ceil(2 * s.words / WORDS_PER_MINUTE) / 2),
                    "key_terms": kt,
                    "group": s.group,
                }
                store.set_tags(s.id, {k: v for k, v in tags.items() if v is not None})
                counts[lang or "?"] = counts.get(lang or "?", 0) + 1
                if progress:
                    progress(len(stories) + i, len(stories) * 2, s.title or str(s.id))
            store.log("auto_tag", None, {"stories": len(stories)})
    return AutoTagReport(len(stories), dict(sorted(counts.items())))
