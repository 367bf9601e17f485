"""The proposed names, phrases and summaries of each corpus's perspectives, to judge by reading.

Why this exists: a number cannot say whether "Kenden elkaar — raakten aan de praat, fiets" is a
name a facilitator can work with. This prints, per labelled corpus, what `verhalen cluster`
proposes with its defaults (seed 42), next to the largest true theme in each perspective, so a
reader can judge the names against what the stories are about. Output is markdown for
docs/quality.md.

    .venv/bin/python bench/names.py                          # four corpora
    .venv/bin/python bench/names.py --corpora voorbeeld
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
from collections import Counter

from _corpora import NAMES, built, quiet_logging, say, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", choices=NAMES, default=list(NAMES))
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    from verhalen.cluster import ClusterConfig
    from verhalen.perspectives import perspectives, run_cluster

    quiet_logging()
    for corpus in built(args.corpora):
        truth = dict(zip(corpus.ids, corpus.labels, strict=True))
        run_cluster(
            corpus.project, ClusterConfig(seed=args.seed, lang=corpus.lang), save_model=False
        )
        rows = []
        for view in perspectives(corpus.project):
            if view.number <= 0:
                continue
            theme, count = Counter(truth[s] for s in view.story_ids).most_common(1)[0]
            summary = view.summary[0]["sentence"] if view.summary else ""
            rows.append(
                [
                    str(view.number),
                    view.title(corpus.lang),
                    ", ".join(view.phrases[:5]),
                    f"{len(view.story_ids)}",
                    f"{view.stability:.2f}" if view.stability is not None else "-",
                    f"{theme} ({count / len(view.story_ids):.0%})",
                    summary[:110] + ("…" if len(summary) > 110 else ""),
                ]
            )
        say(f"#### {corpus.name} (seed {args.seed})")
        say()
        header = ["nr", "name", "phrases", "stories", "stability", "largest theme", "summary"]
        say(table(header, rows))
        say()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
