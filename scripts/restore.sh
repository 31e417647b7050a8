#!/usr/bin/env bash
# Restore a dump of scripts/backup.sh into the EMPTY database of DATABASE_URL
# (create it first: createdb ...). Checks the dump's .sha256 when present,
# refuses a database that already has tables, restores in one transaction
# (all or nothing) and stops at the first error.
#
#   DATABASE_URL=postgres://.../mentorship_restored scripts/restore.sh file.dump
#
# Then run the app against it with the same JOURNAL_KEYS as the source.
set -euo pipefail
url=${DATABASE_URL:?DATABASE_URL must name the empty database to restore into}
dump=${1:?usage: scripts/restore.sh file.dump}
if [ -f "$dump.sha256" ]; then
  (cd "$(dirname "$dump")" && sha256sum --quiet -c "$(basename "$dump").sha256")
fi
tables=$(psql "$url" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "refusing to restore: the target database already has $tables tables" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$dump"
echo "restored $dump"
