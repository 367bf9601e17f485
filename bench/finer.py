"""Can the consensus see smaller themes? Three ways past dekamer-nl's bar, measured.

Why this exists: dekamer-nl's 1,346 questions fall in 34 themes from 238 down to 1 question,
and the consensus finds 9 or 10 perspectives (ARI 0.29 against a bar of 0.33). Its largest
perspective (about 330 questions) mixes every ministry. Each way below would let finer groups
through without a constant tuned to dekamer; each is measured on all four corpora, because a
finer split must not cost the corpora whose themes are found already.

- `second level`: the consensus again inside every perspective of at least SECOND stories (its
  own centring, its own k). Printed per perspective: its size, the share of its largest true
  theme, the sub-consensus' k and its runs' modularity. A rule "split when the sub-level is
  clearly grouped" can only work if mixed perspectives have clearer sub-groups than pure ones.
  `flattened` is the ARI when every perspective is replaced by its sub-perspectives.
- `accumulated`: evidence accumulation (Fred & Jain 2005): the co-assignment matrices of all k
  in the range averaged, then cut at the k the consensus chooses.
- `sentence weights` (USE corpora): a story's USE vector as a weighted mean of its sentences,
  a sentence that recurs in other stories (the genre: "Graag kreeg ik meer informatie.") weighing
  less: `1 − nearest` weighs each sentence by 1 − its cosine to the nearest sentence of another
  story; `idf` by log(n / stories holding a sentence at cosine ≥ 0.9).

    .venv/bin/python bench/finer.py                         # four corpora, seeds 1 2 3
    .venv/bin/python bench/finer.py --corpora dekamer-nl --seeds 1
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import datetime
import statistics
import sys
from collections import Counter

import numpy as np
from _corpora import NAMES, built, machine, quiet_logging, revision, say, table, vectors

SECOND = 40  # perspectives this large get a second level
USE_DIMENSIONS = 512  # `hybrid` is USE (512) beside TF-IDF reduced by LSA
NEAR_DUPLICATE = 0.9  # cosine at which two sentences count as the same sentence (idf weights)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def ari(truth: list[str], found: np.ndarray) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(truth, found))


def second_level(x: np.ndarray, truth: list[str], seed: int) -> tuple[float, float, list[str]]:
    """(ARI of the consensus, ARI flattened to sub-perspectives, one line per perspective)."""
    from verhalen.consensus import consensus

    top = consensus(x, seed)
    flat = top.grouped * 1000
    lines = []
    for p in sorted(set(top.grouped.tolist())):
        members = np.flatnonzero(top.grouped == p)
        themes = Counter(truth[i] for i in members)
        share = themes.most_common(1)[0][1] / len(members)
        if len(members) < SECOND:
            continue
        sub = consensus(x[members], seed)
        flat[members] += sub.grouped
        lines.append(
            f"{len(members)} stories, largest theme {share:.0%}: sub-k {sub.k}, "
            f"runs' modularity {sub.scores[sub.k]:.3f}"
        )
    return ari(truth, top.labels), ari(truth, flat), lines


def accumulated(x: np.ndarray, truth: list[str], seed: int) -> tuple[int, float]:
    """(k the consensus chooses, ARI of the accumulated evidence cut at that k)."""
    from verhalen import consensus as c

    z = c.centred(x)
    n = len(z)
    low, high = c.k_range(n)
    runs = c._runs(z, c.RUNS, seed, high)
    matrices, scores = {}, {}
    for k in range(low, high + 1):
        groups = c.run_groups(runs, k, seed)
        matrices[k] = c.coassignment(n, runs, groups)
        scores[k] = c.runs_modularity(runs, groups)
    chosen = max(scores, key=lambda k: (scores[k], -k))
    evidence = sum(matrices.values()) / len(matrices)
    return chosen, ari(truth, c.partition(evidence, chosen))


def sentence_weighted(texts: list[str], x: np.ndarray) -> dict[str, np.ndarray]:
    """The story vectors with the USE half rebuilt from weighted sentences, per weighting."""
    from verhalen.embed._use import _encode, sentences

    flat, owner = [], []
    for i, text in enumerate(texts):
        for sentence in sentences(text):
            flat.append(sentence)
            owner.append(i)
    owners = np.asarray(owner)
    encoded = _encode(flat)
    unit = encoded / np.maximum(np.linalg.norm(encoded, axis=1, keepdims=True), 1e-12)
    holder = np.zeros((len(flat), len(texts)), np.float32)
    holder[np.arange(len(flat)), owners] = 1.0
    nearest = np.empty(len(flat))
    holding = np.empty(len(flat))
    for s in range(0, len(flat), 2000):
        sims = unit[s : s + 2000] @ unit.T
        holding[s : s + 2000] = ((sims >= NEAR_DUPLICATE).astype(np.float32) @ holder > 0).sum(1)
        sims[owners[s : s + 2000, None] == owners[None, :]] = -1.0
        nearest[s : s + 2000] = sims.max(1)
    lexical = x[:, USE_DIMENSIONS:] * np.sqrt(2)  # hybrid halves are unit before joining

    def rebuilt(weights: np.ndarray) -> np.ndarray:
        use = np.zeros((len(texts), encoded.shape[1]))
        np.add.at(use, owners, encoded * weights[:, None])
        use /= np.maximum(np.linalg.norm(use, axis=1, keepdims=True), 1e-12)
        joined = np.hstack([use, lexical])
        return joined / np.linalg.norm(joined, axis=1, keepdims=True)

    return {
        "1 − nearest": rebuilt(np.clip(1.0 - nearest, 0.01, None)),
        "idf": rebuilt(np.log(len(texts) / holding) + 1e-3),
    }


def consensus_ari(x: np.ndarray, truth: list[str], seed: int) -> tuple[int, float]:
    from verhalen.consensus import consensus

    found = consensus(x, seed)
    return found.k, ari(truth, found.labels)


def cell(found: list[tuple[int, float]]) -> str:
    ks = "/".join(str(k) for k, _ in found)
    return f"k {ks}: {statistics.fmean(a for _, a in found):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    args = parser.parse_args(argv)

    quiet_logging()
    say(f"## Finer perspectives ({datetime.date.today().isoformat()}, {machine()}, {revision()})")
    say()
    rows, levels = [], []
    for corpus in built(args.corpora):
        texts, x = vectors(corpus, args.seeds[0])
        truth = corpus.labels
        adopted, flattened, evidence = [], [], []
        for seed in args.seeds:
            top, flat, lines = second_level(x, truth, seed)
            k, acc = accumulated(x, truth, seed)
            adopted.append((k, top))
            flattened.append((k, flat))
            evidence.append((k, acc))
            levels += [f"{corpus.name}, seed {seed}: {line}" for line in lines]
            log(
                f"  seed {seed}: k {k}, consensus {top:.3f}, flattened {flat:.3f}, "
                f"accumulated {acc:.3f}"
            )
        weighted = {"1 − nearest": "-", "idf": "-"}
        if corpus.lang == "nl" and x.shape[1] > USE_DIMENSIONS:
            for name, wx in sentence_weighted(texts, x).items():
                weighted[name] = cell([consensus_ari(wx, truth, seed) for seed in args.seeds])
        rows.append(
            [
                corpus.name,
                cell(adopted),
                f"{statistics.fmean(a for _, a in flattened):.3f}",
                cell(evidence),
                weighted["1 − nearest"],
                weighted["idf"],
            ]
        )
    say("Each cell: k per seed and the mean ARI over all stories (the vectors of the first seed).")
    say()
    header = ["corpus", "consensus", "second level, flattened", "accumulated", "1 − nearest", "idf"]
    say(table(header, rows))
    say()
    say("Second level, per perspective of at least 40 stories:")
    say()
    for line in levels:
        say(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
