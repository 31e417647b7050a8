#!/usr/bin/env bash
# Back up the database of DATABASE_URL with pg_dump's custom format (every
# table, issued documents, stored attachments and the encrypted journal; the
# journal keys are NOT in it: keep JOURNAL_KEYS in the secrets store).
#
#   DATABASE_URL=postgres://... scripts/backup.sh [file.dump]
#
# Writes the dump (default backups/mentorship-<UTC time>.dump) and a
# .sha256 beside it; the archive is listed once to prove it is readable.
# pg_dump must be at least the server's major version.
set -euo pipefail
url=${DATABASE_URL:?DATABASE_URL must name the database to back up}
out=${1:-backups/mentorship-$(date -u +%Y%m%dT%H%M%SZ).dump}
server=$(psql "$url" -Atc "SELECT current_setting('server_version_num')::int / 10000")
client=$(pg_dump --version | grep -oE '[0-9]+' | head -n1)
if [ "$client" -lt "$server" ]; then
  echo "pg_dump $client is older than the server ($server): install postgresql-client-$server" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$out.partial" "$url"
pg_restore --list "$out.partial" >/dev/null
mv "$out.partial" "$out"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
echo "$out"
