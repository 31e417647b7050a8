#!/usr/bin/env bash
# The whole test suite: lint, migrations check, unit/integration/browser tests.
# With DATABASE_URL/REDIS_URL unset it uses an embedded PostgreSQL and skips
# only the tests that need Redis; CI sets both and REQUIRE_SERVICES=1.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi dejavu; then
  # browser tests use Debian's chromium; PDFs embed DejaVu (Kazakh letters)
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
     chromium fonts-dejavu-core poppler-utils >/dev/null) || echo "warning: apt-get failed" >&2
fi
export DJANGO_ALLOW_ASYNC_UNSAFE=true
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/djlint templates --lint --quiet
.venv/bin/mypy
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null
# two processes (this machine has two cores); each takes its own test database
# and its own Redis database (tests/xdist_services.py). PYTEST_WORKERS=0: one.
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
