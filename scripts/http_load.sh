#!/usr/bin/env bash
# #16: the pages under HTTP at national scale — gunicorn with 2 workers on a
# throwaway database `<database>_bench` (load_demo --scale 50 and 10,000
# pairs, as `manage.py bench` builds it), wrk with N concurrent clients per
# page (Debian's wrk), p50/p95/p99 and requests/s, then the workers' memory.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentorship \
#   REDIS_URL=redis://127.0.0.1:6379/5 scripts/http_load.sh [clients] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-8}
SECONDS_EACH=${2:-10}
SCALE=${SCALE:-50}
PORT=${PORT:-8077}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL server}"
: "${REDIS_URL:?set REDIS_URL: the figures cache is shared by the workers}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
BASE=${DATABASE_URL%/*}
NAME=${DATABASE_URL##*/}_bench
export DATABASE_URL="$BASE/$NAME"
work=$(mktemp -d)
cleanup() {
  [ -f "$work/gunicorn.pid" ] && kill "$(cat "$work/gunicorn.pid")" 2>/dev/null || true
  psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS \"$NAME\" WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS \"$NAME\" WITH (FORCE)"
psql "$BASE/postgres" -qc "CREATE DATABASE \"$NAME\""
echo "building $NAME at scale $SCALE …"
.venv/bin/python manage.py bench_build --scale "$SCALE" --pairs "$((200 * ${SCALE%.*}))" >/dev/null

# signed-in sessions (second factor passed) for the demo offices, and the pages
.venv/bin/python manage.py shell -c "
from django.contrib.auth.models import User
from django.urls import reverse
from courts.queries import judges_visible_to
from mentorship.bench import signed_in
hr = User.objects.get(username='hr')
judge = judges_visible_to(hr, hr.offices.first()).order_by('pk').first()
pages = [('central', reverse('pair_list'))]
pages += [(u, reverse('dashboard')) for u in ('central', 'union_chair', 'council', 'training',
          'coordinator', 'regional_chair', 'court_chair', 'hr', 'privacy', 'judge', 'mentor')]
pages += [('coordinator', reverse('needs_analysis')), ('council', reverse('needs_analysis'))]
pages += [('hr', reverse('judge_detail', args=[judge.pk]))]
with open('$work/pages', 'w') as out:
    for user, url in pages:
        client = signed_in(user)
        out.write(f\"{user} {url} {client.cookies['sessionid'].value}\n\")
" >/dev/null

cat >"$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %6.1f req/s  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA

GUNICORN_BIND=127.0.0.1:$PORT WEB_CONCURRENCY=2 .venv/bin/gunicorn mentorship.wsgi \
  --access-logfile /dev/null --pid "$work/gunicorn.pid" >"$work/gunicorn.log" 2>&1 &
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz/" && break; sleep 0.5; done

echo "gunicorn, 2 workers; wrk, $CLIENTS clients, ${SECONDS_EACH} s a page:"
while read -r user url session; do
  header="Cookie: sessionid=$session"
  code=$(curl -s -o /dev/null -w "%{http_code}" -H "$header" "http://127.0.0.1:$PORT$url")
  wrk -t1 -c2 -d2s -H "$header" "http://127.0.0.1:$PORT$url" >/dev/null  # warm
  result=$(wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" -s "$work/p95.lua" -H "$header" \
    "http://127.0.0.1:$PORT$url" | tail -n 1)
  printf "%-15s %-28s %s  %s\n" "$user" "$url" "$code" "$result"
done <"$work/pages"
for pid in $(pgrep -P "$(cat "$work/gunicorn.pid")"); do
  echo "worker $pid: $(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024)) MB resident"
done
