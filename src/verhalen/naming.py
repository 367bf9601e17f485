"""Perspectives named in words: key phrases, a proposed name, a summary and a near miss.

Three c-TF-IDF lemmas ("jongen · elkaar · kennen") give a facilitator nothing to discuss, and
words of the collection's genre ("vraag", "antwoord") leak into them. Here a perspective gets:

- key phrases: lemmatised n-grams of 1-4 words that neither start nor end with a stop word,
  shown as most often written; weighed by c-TF-IDF over the perspectives and by how close the
  phrase's own embedding lies to the perspective's centre, then chosen by maximal marginal
  relevance so that no phrase repeats another's words;
- a proposed name: the best phrase;
- a summary: the sentences of its most central stories that lie closest to its centre and
  differ from each other (MMR again), each with its story id;
- a near miss: the nearest story to its centre that was given to another perspective.

Words spread evenly over a large part of the collection (its genre) are measured, not listed,
and never start or end a phrase. Pure functions on arrays and texts: no store involved.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verhalen.text import PLACEHOLDER, strip_placeholders, token_runs

PHRASES = 8
TERMS = 8
SUMMARY = 3
MAX_WORDS = 4  # longest phrase
SAMPLE = 400  # stories per perspective whose phrases are counted, nearest the centre first
CANDIDATES = 30  # phrases per perspective embedded and weighed
ABSORB = 0.9  # a longer phrase replaces a shorter one it holds in this share of its stories
GENRE_SHARE = 0.2  # a word in this share of all stories ...
GENRE_LIFT = 1.5  # ... that no perspective has this many times as often as the rest: genre
GENRE_EVERY = GENRE_SHARE / 2  # ... or that is in this share of every perspective's stories
PHRASE_LAMBDA = 0.7  # MMR: relevance against difference, for phrases
MIN_RELEVANCE = 0.25  # phrases weaker than this (0-1 within the perspective) are left out
SENTENCE_LAMBDA = 0.6  # and for sentences
SENTENCE_STORIES = 30  # stories per perspective whose sentences may summarise it
SENTENCE_POOL = 200  # sentences per perspective embedded, at most
SENTENCE_WORDS = (6, 35)  # preferred sentence length in words; relaxed when nothing fits

QUOTES = "\"'“”‘’«»„"
Key = tuple[str, ...]  # lemmas of a phrase
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
Run = list[tuple[str, str, bool]]  # (form as written, lemma, is a stop word)


@dataclass
class Naming:
    """What the model proposes for one perspective; the facilitator's own name always wins."""

    name: str = ""  # "" only if the perspective has no words of its own
    phrases: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # single lemmas
    summary: list[dict[str, Any]] = field(default_factory=list)  # {"story": id, "sentence": …}
    near_miss: int | None = None


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _ngrams(runs: list[Run]) -> dict[Key, list[tuple[str, ...]]]:
    """Phrase key -> its occurrences as written: 1-4 words within a run, neither starting nor
    ending with a stop word, no content word twice."""
    out: dict[Key, list[tuple[str, ...]]] = defaultdict(list)
    for run in runs:
        for i, (_, _, stop) in enumerate(run):
            if stop:
                continue
            for j in range(i, min(i + MAX_WORDS, len(run))):
                if run[j][2]:
                    continue
                words = run[i : j + 1]
                content = [w[1] for w in words if not w[2]]
                if len(set(content)) < len(content):
                    continue
                out[tuple(w[1] for w in words)].append(tuple(w[0] for w in words))
    return out


def _content(key: Key, stops: set[str]) -> set[str]:
    return {w for w in key if w not in stops}


def _mmr(
    relevance: np.ndarray, vectors: np.ndarray, n: int, lam: float, allowed: Any = None
) -> list[int]:
    """Maximal marginal relevance: indices, each the most relevant yet least like those before.
    `allowed(i, chosen)` may refuse a candidate outright."""
    chosen: list[int] = []
    sims = vectors @ vectors.T if len(vectors) else np.zeros((0, 0))
    left = list(range(len(relevance)))
    while left and len(chosen) < n:
        best, best_score = None, -math.inf
        for i in left:
            if allowed is not None and not allowed(i, chosen):
                continue
            penalty = max((sims[i, j] for j in chosen), default=0.0)
            score = lam * relevance[i] - (1 - lam) * penalty
            if score > best_score + 1e-12:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        left.remove(best)
    return chosen


def _scale(values: np.ndarray) -> np.ndarray:
    """0-1 within the candidates (all 1 when they are equal)."""
    low, high = float(values.min()), float(values.max())
    return np.ones_like(values) if high - low < 1e-12 else (values - low) / (high - low)


# -- sentences ----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’»)]))\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ\[])|\s*\n\s*"
)


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ! ? … before a capital (so "bijv. de" stays
    whole) and at line breaks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _summary(
    members: list[int],
    story_ids: Sequence[int],
    shown: Sequence[str],
    centroid: np.ndarray,
    others: np.ndarray,
    embedder: Any,
    repeated: set[str],
) -> list[dict[str, Any]]:
    """Sentences of the perspective's most central stories, closest to its centre (`centroid`)
    rather than to the other perspectives' (`others`) and unlike each other; at most one per
    story when there are enough stories."""
    pool: list[tuple[int, str]] = []
    for index in members[:SENTENCE_STORIES]:
        pool += [(index, s) for s in sentences(shown[index]) if s.lower() not in repeated]
    low, high = SENTENCE_WORDS
    picked = [p for p in pool if low <= len(p[1].split()) <= high]
    if len(picked) < SUMMARY:  # short stories: rather a shorter sentence than none
        picked = [p for p in pool if 4 <= len(p[1].split()) <= 2 * high] or picked
    picked = picked[:SENTENCE_POOL]
    if not picked:
        return []
    vectors = _unit(embedder.transform([strip_placeholders(s) for _, s in picked]))
    # Close to this centre, not to every centre: "ik heb het drie keer nagevraagd" lies near
    # all perspectives and says nothing about this one.
    relevance = vectors @ centroid
    if len(others):
        relevance = relevance - (vectors @ others.T).mean(1)
    per_story = 1 if len(members) >= SUMMARY else SUMMARY

    def allowed(i: int, chosen: list[int]) -> bool:
        return sum(picked[j][0] == picked[i][0] for j in chosen) < per_story

    chosen = _mmr(relevance, vectors, SUMMARY, SENTENCE_LAMBDA, allowed)
    return [
        {"story": int(story_ids[picked[i][0]]), "sentence": _unquoted(picked[i][1])} for i in chosen
    ]


def _unquoted(sentence: str) -> str:
    """A sentence without the quotes around it as a whole: it is shown quoted already."""
    if len(sentence) > 2 and sentence[0] in QUOTES and sentence[-1] in QUOTES:
        return sentence[1:-1].strip()
    return sentence


# -- the whole naming ---------------------------------------------------------------------------


def name_perspectives(
    story_ids: Sequence[int],
    shown_texts: Sequence[str],
    labels: Sequence[int],
    embeddings: np.ndarray,
    embedder: Any,
    lang: str = "nl",
    only: set[int] | None = None,
) -> dict[int, Naming]:
    """A Naming for every perspective numbered 1 and up (or those in `only`).

    `shown_texts` are the pseudonymised texts (placeholders allowed: they end a phrase and stay
    in summary sentences), `labels[i]` is story i's perspective (0 past nergens bij and -1 too
    short are counted for the collection, never named), `embeddings` are the run's story
    vectors and `embedder` the fitted embedder that made them (its `transform` embeds phrases
    and sentences). Same input, same naming.
    """
    labels_ = np.asarray(labels, dtype=int)
    vectors = _unit(embeddings)
    numbers = sorted({int(n) for n in labels_ if n >= 1})
    targets = [n for n in numbers if only is None or n in only]
    if not targets:
        return {}
    centroids = {n: _unit(vectors[labels_ == n].mean(0)) for n in numbers}
    ranked: dict[int, list[int]] = {}  # members, nearest the centre first
    for n in sorted({int(x) for x in labels_}):
        members = np.flatnonzero(labels_ == n)
        if n >= 1:
            members = members[np.argsort(-(vectors[members] @ centroids[n]), kind="stable")]
        ranked[n] = [int(i) for i in members]
    sample = {n: members[:SAMPLE] for n, members in ranked.items()}
    counted = sorted(i for members in sample.values() for i in members)
    runs = dict(
        zip(
            counted,
            token_runs([PLACEHOLDER.sub("\n", shown_texts[i]) for i in counted], lang),
            strict=True,
        )
    )
    stops = {lemma for i in counted for run in runs[i] for _, lemma, stop in run if stop}

    # Story counts per phrase and perspective: a phrase one storyteller repeats counts once.
    per_class: dict[int, Counter[Key]] = {n: Counter() for n in sample}
    phrases_of: dict[int, dict[Key, list[tuple[str, ...]]]] = {}
    for n, members in sample.items():
        for i in members:
            found = _ngrams(runs[i])
            per_class[n].update(found.keys())
            if n in targets:
                phrases_of[i] = found
    total: Counter[Key] = Counter()
    for counts in per_class.values():
        total.update(counts)
    sizes = {n: len(members) for n, members in sample.items()}
    genre = _genre_words(per_class, total, sizes, numbers)

    # c-TF-IDF (BERTopic's ClassTfidfTransformer with reduce_frequent_words): sqrt of the
    # L1-normalised counts per perspective times log(1 + average count per class / count).
    # c-TF-IDF as BERTopic's ClassTfidfTransformer, counted in stories: tf is the share of the
    # perspective's stories that hold the phrase (not an L1 share of all its n-grams, which
    # would weigh a four-word phrase against far fewer four-word phrases than a word), idf is
    # log(1 + average stories per class / stories that hold it anywhere); the square root of
    # tf as with reduce_frequent_words.
    average = sum(sizes.values()) / len(sizes)
    forms = _written_forms(runs.values())

    out: dict[int, Naming] = {}
    candidates: dict[int, list[tuple[Key, float, str]]] = {}
    for n in targets:
        counts = per_class[n]
        weight = {
            key: math.sqrt(c / sizes[n]) * math.log(1 + average / total[key])
            for key, c in counts.items()
            if key[0] not in genre and key[-1] not in genre
        }
        keys = []
        for support in range(_support(sizes[n]), 0, -1):  # fewer stories only if none recur
            keys = [k for k, w in weight.items() if w > 0 and counts[k] >= support]
            if keys:
                break
        keys.sort(key=lambda k: (-weight[k], -counts[k], k))
        eligible = keys
        keys = _absorb(keys[: CANDIDATES * 3], keys, counts)[:CANDIDATES]
        written: dict[Key, Counter[str]] = defaultdict(Counter)
        wanted = set(keys)
        for i in sample[n]:
            for key, occurrences in phrases_of[i].items():
                if key in wanted:
                    written[key].update(" ".join(o) for o in occurrences)
        candidates[n] = [(k, weight[k], _shown(k, written[k], forms)) for k in keys]
        words = [k[0] for k in eligible if len(k) == 1 and _WORD.fullmatch(k[0])]
        out[n] = Naming(terms=words[:TERMS])

    texts = [text for n in targets for _, _, text in candidates[n]]
    phrase_vectors = _unit(embedder.transform(texts)) if texts else np.zeros((0, 1))
    start = 0
    for n in targets:
        found = candidates[n]
        if not found:
            continue
        vecs = phrase_vectors[start : start + len(found)]
        start += len(found)
        relevance = 0.5 * _scale(np.array([w for _, w, _ in found])) + 0.5 * _scale(
            vecs @ centroids[n]
        )
        words = [_content(k, stops) for k, _, _ in found]

        def allowed(i: int, chosen: list[int], words: list[set[str]] = words) -> bool:
            return not any(words[i] & words[j] for j in chosen)

        order = _mmr(relevance, vecs, PHRASES, PHRASE_LAMBDA, allowed)
        # the first always; later ones only while they still say something about the centre
        order = order[:1] + [i for i in order[1:] if relevance[i] >= MIN_RELEVANCE]
        out[n].phrases = [found[i][2] for i in order]
        out[n].name = out[n].phrases[0][:1].upper() + out[n].phrases[0][1:]

    repeated = _repeated_sentences([shown_texts[i] for i in counted])
    for n in targets:
        others = np.array([centroids[m] for m in numbers if m != n]).reshape(-1, len(centroids[n]))
        out[n].summary = _summary(
            ranked[n], story_ids, shown_texts, centroids[n], others, embedder, repeated
        )
        others = np.flatnonzero((labels_ >= 1) & (labels_ != n))
        if len(others):
            sims = vectors[others] @ centroids[n]
            out[n].near_miss = int(story_ids[int(others[int(np.argmax(sims))])])
    return out


def _support(size: int) -> int:
    """Stories a phrase must occur in: a name shared by a handful of a perspective's stories
    is a detail of those stories (half the square root: 3 of 23, 5 of 100, 10 of 400)."""
    return min(size, max(2, math.ceil(math.sqrt(size) / 2)))


def _genre_words(
    per_class: dict[int, Counter[Key]],
    total: Counter[Key],
    sizes: dict[int, int],
    numbers: list[int],
) -> set[str]:
    """The collection's genre: words in at least GENRE_SHARE of all stories that no perspective
    holds GENRE_LIFT times as often (by share of its stories) as the stories outside it, or
    that every perspective (of two or more) holds in at least GENRE_EVERY of its stories;
    perspectives too small to show that share (under 1 / GENRE_EVERY stories) are not asked.

    The second test catches the genre of a collection with one perspective about the genre
    itself: in written parliamentary questions "hoeveel" and "graag" are in 44% and 28% of all
    questions and in at least 12% of every perspective's, but twice as often among the requests
    for figures, so the lift alone let them name perspectives ("Hoeveel vreemdelingen")."""
    everyone = sum(sizes.values())
    genre = set()
    for key, df in total.items():
        if len(key) != 1 or df < GENRE_SHARE * everyone:
            continue
        lift, shares = 0.0, []
        for n in numbers:
            inside = per_class[n][key] / sizes[n]
            rest = everyone - sizes[n]
            outside = (df - per_class[n][key]) / rest if rest else 0.0
            lift = max(lift, inside / outside if outside else math.inf)
            if sizes[n] * GENRE_EVERY >= 1:
                shares.append(inside)
        if lift < GENRE_LIFT or (len(shares) > 1 and min(shares) >= GENRE_EVERY):
            genre.add(key[0])
    return genre


def _absorb(top: list[Key], keys: list[Key], counts: Counter[Key]) -> list[Key]:
    """Replace a phrase by the longer phrase that holds it in most of its stories ("regels" by
    "ruimte in de regels"), keeping the shorter one's place; then drop doubles."""
    wanted = set(top)
    longer: dict[Key, list[Key]] = defaultdict(list)
    for key in keys:
        for i in range(len(key)):
            for j in range(i + 1, len(key) + 1):
                if j - i < len(key) and key[i:j] in wanted:
                    longer[key[i:j]].append(key)
    out: list[Key] = []
    for key in top:
        for _ in range(MAX_WORDS):
            options = [k for k in longer.get(key, []) if counts[k] >= ABSORB * counts[key]]
            if not options:
                break
            key = min(options, key=lambda k: (-counts[k], len(k), k))
            if key not in wanted:
                break
        out.append(key)
    return list(dict.fromkeys(out))


def _written_forms(all_runs: Any) -> dict[str, str]:
    """Lower-case word -> how to show it: lower case when it is ever written so (a capital at
    a sentence start is no name), else its most frequent spelling (Lindenhoven, GGD)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for runs in all_runs:
        for run in runs:
            for form, _, _ in run:
                spellings[form.lower()][form] += 1
    return {
        lower: lower if lower in seen else min(seen, key=lambda f: (-seen[f], f))
        for lower, seen in spellings.items()
    }


def _shown(key: Key, written: Counter[str], forms: dict[str, str]) -> str:
    """The most frequent way a phrase is written, each word spelled as usual; a single word as
    its lemma when people write that form too (kennen, not kenden)."""
    if len(key) == 1 and key[0] in forms:
        return forms[key[0]]
    by_lower: Counter[str] = Counter()
    for text, c in written.items():
        by_lower[text.lower()] += c
    best = min(by_lower, key=lambda t: (-by_lower[t], t))
    return " ".join(forms.get(w, w) for w in best.split())


def _repeated_sentences(texts: list[str]) -> set[str]:
    """Sentences (lower case) found in three stories or more: boilerplate, not a summary (two
    may be a story told twice)."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update({s.lower() for s in sentences(text)})
    return {s for s, c in seen.items() if c > 2}
