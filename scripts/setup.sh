#!/usr/bin/env bash
# The one set-up command: a virtual environment in .venv with verhalen and its test tools.
# Safe to run again; CI runs it on a fresh machine before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# deduce (pseudonymisation) builds its name lookup tables on first use, about two minutes once;
# do it now rather than in the middle of someone's first 'verhalen anonymize'.
.venv/bin/python -c "from deduce import Deduce; Deduce()" 2>/dev/null
echo "verhalen is installed: activate with 'source .venv/bin/activate', then run 'verhalen --help'"
