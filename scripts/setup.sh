#!/usr/bin/env bash
# The one set-up command: a virtual environment in .venv with verhalen and its test tools.
# Safe to run again; CI runs it on a fresh machine before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# BERTopic needs torch (through sentence-transformers). Pin the CPU build: an unpinned torch
# pulls the newest CUDA build, several GB. On this kind of machine the wheel lies in
# /opt/wheels (pip's find-links); elsewhere pip fetches the same version from PyPI.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[test]"
# deduce (pseudonymisation) builds its name lookup tables on first use, about two minutes once;
# do it now rather than in the middle of someone's first 'verhalen anonymize'.
.venv/bin/python -c "from deduce import Deduce; Deduce()" 2>/dev/null
# UMAP compiles its numba kernels on first use (~20 s); verhalen keeps them in a disk cache.
.venv/bin/python -c "import numpy; from verhalen.cluster import CosineUMAP; CosineUMAP(5, 2, 0.0, 1).fit_transform(numpy.random.default_rng(0).normal(size=(30, 8)))" 2>/dev/null
echo "verhalen is installed: activate with 'source .venv/bin/activate', then run 'verhalen --help'"
