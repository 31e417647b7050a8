#!/usr/bin/env bash
# First look: install, create the database (embedded PostgreSQL unless
# DATABASE_URL is set), load the demo data and serve on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_demo --scale "${DEMO_SCALE:-1}"
exec .venv/bin/python manage.py runserver "${BIND:-127.0.0.1:8000}"
