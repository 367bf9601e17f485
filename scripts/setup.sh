#!/usr/bin/env bash
# The one set-up command: a virtual environment in .venv with verhalen, its test tools, the
# notebooks and the benchmarks.
# Safe to run again; CI runs it on a fresh machine before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
# Frog finds Dutch named entities: 'verhalen anonymize' tells persons from places and
# organisations with it. It is a separate GPL-3 program that verhalen only runs, never imports;
# its models come in Debian's frogdata (~240 MB), its tokeniser's rules in uctodata (only a
# recommendation of frog, so named here). Installed where apt-get can; else deduce alone.
if command -v frog >/dev/null 2>&1; then
    :
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # Without package lists (a fresh container) the first try fails quietly; then update.
    apt-get install -y -qq --no-install-recommends frog frogdata uctodata >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends frog frogdata uctodata >/dev/null; } \
        || echo "Frog was not installed (apt-get failed): verhalen anonymize falls back to deduce"
else
    echo "Frog was not installed (that needs root and apt-get): verhalen anonymize falls back to deduce"
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# constraints.txt pins the exact versions behind "the same seed gives the same perspectives"
# (numpy, UMAP, HDBSCAN, numba, the embedders, ...); every install here goes through it.
# BERTopic needs torch (through sentence-transformers). Install torch first, alone, at the
# version constraints.txt pins: an unpinned torch pulls the newest CUDA build, several GB. On
# this kind of machine the CPU wheel lies in /opt/wheels (pip's find-links); elsewhere pip
# fetches the same version from PyPI.
.venv/bin/python -m pip install --quiet -c constraints.txt torch
# verhalen itself, editable, with the extras a README user needs: the test tools, the notebooks
# (JupyterLab, ipywidgets) and the benchmarks (gensim).
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test,notebooks,bench]"
# deduce (pseudonymisation) builds its name lookup tables on first use, about two minutes once;
# do it now rather than in the middle of someone's first 'verhalen anonymize'.
.venv/bin/python -c "from deduce import Deduce; Deduce()" 2>/dev/null
# UMAP and pynndescent (imported by BERTopic) compile numba kernels when first imported (~20 s);
# verhalen keeps them in a disk cache, filled here rather than in someone's first 'verhalen cluster'.
.venv/bin/python -c "from verhalen._numba import enable_cache; enable_cache()" 2>/dev/null
echo "verhalen is installed: activate with 'source .venv/bin/activate', then run 'verhalen --help'"
