#!/usr/bin/env bash
# The one set-up command: a virtual environment in .venv with verhalen and its test tools.
# Safe to run again; CI runs it on a fresh machine before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
echo "verhalen is installed: activate with 'source .venv/bin/activate', then run 'verhalen --help'"
