#!/usr/bin/env bash
# Restore of the backup benchmark's database (about 430 MB): `lockstep restore` (a new database, the
# comparison with the backup's catalog fingerprint, the swap) against `pg_restore --clean --if-exists`
# alone into the same database, alternating, in one run:  bench/restore.sh   (ROWS=2000000; REPEAT=3)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/restore"
ROWS="${ROWS:-2000000}"
REPEAT="${REPEAT:-3}"
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
export LOCKSTEP_EMBEDDED_DIR="$here/work/.lockstep"
jdbc="$("$root/lockstep" embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
"$root/lockstep" --version >/dev/null

db=bench_restore
if [ "$(psql -X -At "$pg/postgres" -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
  log "creating $db with $ROWS rows..."
  psql -X -q "$pg/postgres" -c "CREATE DATABASE $db"
  psql -X -q "$pg/$db" -c "CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload text, at timestamptz)" \
    -c "INSERT INTO events SELECT g, (ARRAY['a','b','c'])[1 + g % 3], md5(g::text) || md5((g * 7)::text) || repeat(chr(65 + g % 26), 80), now() - g * interval '1 second' FROM generate_series(1, $ROWS) g" \
    -c "VACUUM ANALYZE events"
fi
size=$(psql -X -At "$pg/$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")

rm -rf backups
"$root/lockstep" -q backup --url "$pg/$db" --backup-dir backups >/dev/null
dump="$(ls backups/*.dump)"
log "restoring $dump ($(stat -c %s "$dump") bytes) $REPEAT times each way..."

p=(); l=(); c=()
for ((r = 0; r < REPEAT; r++)); do
  t0=$(now_ms)
  PGPASSWORD= pg_restore --clean --if-exists --dbname="$pg/$db" "$dump"
  p+=($(( $(now_ms) - t0 )))
  t0=$(now_ms)
  "$root/lockstep" restore "$dump" --yes --url "$pg/$db" --output json >result.json 2>restore.err \
    || { cat restore.err result.json >&2; exit 1; }
  l+=($(( $(now_ms) - t0 )))
  grep -q '"identical" : true' result.json || { log "lockstep restore did not find the database identical"; exit 1; }
  c+=($(sed -nE 's/.*"checkMs" : ([0-9]+).*/\1/p' result.json))
done
pm=$(echo "${p[*]}" | median); lm=$(echo "${l[*]}" | median); cm=$(echo "${c[*]}" | median)
rows=$(psql -X -At "$pg/$db" -c "SELECT count(*) FROM events")
echo "Restore of a $size database ($ROWS rows) — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, median of $REPEAT"
echo
printf '%-52s %10s %8s\n' "" "ms" "ratio"
printf '%-52s %10s %8s\n' "pg_restore --clean --if-exists (alone)" "$pm" "1.00"
printf '%-52s %10s %8s\n' "lockstep restore (new database, compare, swap)" "$lm" \
  "$(awk -v a="$lm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
printf '%-52s %10s %8s\n' "  of which the fingerprint comparison" "$cm" \
  "$(awk -v a="$cm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
echo
echo "after the last restore: $rows rows; lockstep: identical to the backup (schema, privileges, row counts)"
echo "runs (ms): pg_restore ${p[*]} | lockstep ${l[*]} | comparison ${c[*]}"
