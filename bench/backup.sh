#!/usr/bin/env bash
# Backup of a database of a few hundred MB: `lockstep backup` against `pg_dump -Fc` run directly,
# alternating, in one run:  bench/backup.sh   (ROWS=2000000 by default; REPEAT=3)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/backup"
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

db=bench_backup
if [ "$(psql -X -At "$pg/postgres" -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
  log "creating $db with $ROWS rows..."
  psql -X -q "$pg/postgres" -c "CREATE DATABASE $db"
  psql -X -q "$pg/$db" -c "CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload text, at timestamptz)" \
    -c "INSERT INTO events SELECT g, (ARRAY['a','b','c'])[1 + g % 3], md5(g::text) || md5((g * 7)::text) || repeat(chr(65 + g % 26), 80), now() - g * interval '1 second' FROM generate_series(1, $ROWS) g" \
    -c "VACUUM ANALYZE events"
fi
size=$(psql -X -At "$pg/$db" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")

p=(); l=()
for ((r = 0; r < REPEAT; r++)); do
  rm -rf dumps backups; mkdir -p dumps
  t0=$(now_ms); PGPASSWORD= pg_dump --format=custom --file=dumps/direct.dump "$pg/$db"; p+=($(( $(now_ms) - t0 )))
  t0=$(now_ms); "$root/lockstep" -q backup --url "$pg/$db" --backup-dir backups >/dev/null 2>&1 || true
  l+=($(( $(now_ms) - t0 )))
  [ -n "$(ls backups/*.manifest.json 2>/dev/null)" ] || { log "lockstep backup failed"; exit 1; }
done
pm=$(echo "${p[*]}" | median); lm=$(echo "${l[*]}" | median)
echo "Backup of a $size database ($ROWS rows) — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, median of $REPEAT"
echo
printf '%-34s %10s %8s\n' "" "ms" "ratio"
printf '%-34s %10s %8s\n' "pg_dump -Fc (direct)" "$pm" "1.00"
printf '%-34s %10s %8s\n' "lockstep backup (dump + manifest)" "$lm" "$(awk -v a="$lm" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')"
echo
echo "dump sizes: direct $(stat -c %s dumps/direct.dump) bytes, lockstep $(stat -c %s backups/*.dump) bytes"
echo "runs (ms): pg_dump ${p[*]} | lockstep ${l[*]}"
