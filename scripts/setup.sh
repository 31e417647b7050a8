#!/usr/bin/env bash
# Idempotent installation: virtual environment, pinned Python packages,
# front-end assets from the npm registry (never a CDN).
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
[ -x .venv/bin/uv ] || .venv/bin/pip install --quiet uv
.venv/bin/uv pip install --quiet --python .venv/bin/python -r requirements.lock
if [ ! -f node_modules/.installed ] || [ package.json -nt node_modules/.installed ]; then
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.installed
fi
