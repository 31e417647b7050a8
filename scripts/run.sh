#!/usr/bin/env bash
# First look: install, create the database (embedded PostgreSQL unless
# DATABASE_URL is set), load the demo data, start a Celery worker with beat
# (on Redis if REDIS_URL is set, else on an embedded broker in .celery/), run
# the term watch once, and serve on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
[ -n "${REDIS_URL:-}" ] || export CELERY_FILESYSTEM_BROKER=1
# DEBUG stays off unless you set DEBUG=1: the first look shows the site's own
# translated error pages; whitenoise serves static files from the source
# folders outside production, with or without DEBUG.
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py load_demo --scale "${DEMO_SCALE:-1}"
mkdir -p .celery
.venv/bin/celery -A mentorship worker --beat --pool=solo --loglevel=INFO \
  --schedule=.celery/beat-schedule >.celery/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT
echo "Celery worker and beat: pid $WORKER, log .celery/worker.log"
.venv/bin/python manage.py watch_terms
.venv/bin/python manage.py runserver "${BIND:-127.0.0.1:8000}"
