#!/usr/bin/env bash
# The benchmark peers (PySAL spopt, esda) need numpy 2, which QGIS 3.22 cannot load: they get
# their own venv .venv-bench on the machine's default python3, fed the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${BENCH_PYTHON:-python3}
stamp=.venv-bench/.requirements-stamp
[ -x .venv-bench/bin/python ] || "$PY" -m venv .venv-bench
if [ ! -f "$stamp" ] || ! cmp -s requirements-bench.txt "$stamp"; then
  .venv-bench/bin/python -m pip install -q --upgrade pip
  .venv-bench/bin/python -m pip install -q -r requirements-bench.txt
  cp requirements-bench.txt "$stamp"
fi
