#!/usr/bin/env bash
# Schema snapshot and drift on a large schema: 2,000 tables, 6,000 indexes, 500 functions, built by 100
# migrations. `lockstep snapshot` against `pg_dump --schema-only` of the same database (whole processes,
# alternating, median of REPEAT), then `lockstep drift` (which rebuilds the schema from the migrations on
# a scratch database and reads both catalogs) against `lockstep migrate` of the same files on an empty
# database, the work drift cannot avoid.
#   bench/snapshot.sh        (REPEAT=5 snapshot runs, DRIFT=3 drift runs; DRIFT=0 skips drift)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/snapshot"
REPEAT="${REPEAT:-5}"
DRIFT="${DRIFT:-3}"
FILES=100; TABLES=20; FUNCTIONS=5
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
lockstep() { "$root/lockstep" "$@"; }
export LOCKSTEP_EMBEDDED_DIR="$here/work/.lockstep"
jdbc="$(lockstep embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
lockstep --version >/dev/null

dir="$work/migrations"
if [ ! -f "$dir/V$FILES.sql" ] && [ ! -f "$dir/V${FILES}__part_$FILES.sql" ]; then
  log "generating $FILES migrations ($((FILES * TABLES)) tables, $((FILES * TABLES * 3)) indexes, $((FILES * FUNCTIONS)) functions)..."
  rm -rf "$dir"; mkdir -p "$dir"
  for ((f = 1; f <= FILES; f++)); do
    {
      for ((t = 1; t <= TABLES; t++)); do
        n="t_${f}_${t}"
        printf 'CREATE TABLE %s (id bigint PRIMARY KEY, account_id bigint NOT NULL, state text DEFAULT '"'"'new'"'"', ' "$n"
        printf 'amount numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), note text COLLATE "C");\n'
        printf 'CREATE INDEX %s_account ON %s (account_id, created_at);\n' "$n" "$n"
        printf 'CREATE UNIQUE INDEX %s_state ON %s (state, id) WHERE state <> '"'"'done'"'"';\n' "$n" "$n"
        printf 'COMMENT ON TABLE %s IS '"'"'table %s of part %s'"'"';\n' "$n" "$t" "$f"
      done
      for ((k = 1; k <= FUNCTIONS; k++)); do
        printf 'CREATE FUNCTION f_%s_%s(a bigint, b text DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql STABLE AS $$\n' "$f" "$k"
        printf 'DECLARE\n    total bigint := 0;\nBEGIN\n    SELECT count(*) INTO total FROM t_%s_%s WHERE account_id = a;\n' "$f" "$k"
        printf '    IF b IS NOT NULL THEN\n        total := total + length(b);\n    END IF;\n    RETURN total;\nEND;\n$$;\n'
      done
    } > "$dir/V${f}__part_$f.sql"
  done
fi

db=bench_snapshot
if [ "$(psql -X -At "$pg/postgres" -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
  log "building $db with lockstep migrate..."
  psql -X -q "$pg/postgres" -c "CREATE DATABASE $db"
  lockstep -q migrate --url "$pg/$db" --dir "$dir" --allow-unsafe >/dev/null
fi
counts=$(psql -X -At "$pg/$db" -c "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND relkind = 'r') || ' tables, ' || (SELECT count(*) FROM pg_index i JOIN pg_class c ON
  c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') || ' indexes, ' ||
  (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public') || ' functions'")

p=(); s=()
for ((r = 0; r < REPEAT; r++)); do
  t0=$(now_ms); pg_dump --schema-only -f dump.sql "$pg/$db"; p+=($(( $(now_ms) - t0 )))
  t0=$(now_ms); lockstep -q snapshot --url "$pg/$db" --out schema.snapshot >/dev/null; s+=($(( $(now_ms) - t0 )))
done
pm=$(echo "${p[*]}" | median); sm=$(echo "${s[*]}" | median)

d=(0); m=(0)
[ "$DRIFT" -gt 0 ] && d=() && m=()
for ((r = 0; r < DRIFT; r++)); do
  psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS bench_snapshot_migrate" -c "CREATE DATABASE bench_snapshot_migrate" 2>/dev/null
  t0=$(now_ms); lockstep -q migrate --url "$pg/bench_snapshot_migrate" --dir "$dir" --allow-unsafe >/dev/null
  m+=($(( $(now_ms) - t0 )))
  t0=$(now_ms); code=0; lockstep -q drift --url "$pg/$db" --dir "$dir" >drift.out || code=$?
  d+=($(( $(now_ms) - t0 )))
  [ "$code" = 0 ] || { log "drift found differences or failed (exit $code):"; head -20 drift.out >&2; exit 1; }
done
mm=$(echo "${m[*]}" | median); dm=$(echo "${d[*]}" | median)

echo "Schema snapshot and drift — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL $(psql -X -At "$pg/postgres" -c 'SHOW server_version' | cut -d' ' -f1) on localhost"
echo "schema: $counts (built by $FILES migrations)"
echo
printf '%-52s %10s %8s\n' "" "ms" "ratio"
printf '%-52s %10s %8s\n' "pg_dump --schema-only (median of $REPEAT)" "$pm" "1.00"
printf '%-52s %10s %8s\n' "lockstep snapshot (median of $REPEAT)" "$sm" "$(ratio "$sm" "$pm")"
if [ "$DRIFT" -gt 0 ]; then
  printf '%-52s %10s %8s\n' "lockstep migrate, same files, empty db (median of $DRIFT)" "$mm" "1.00"
  printf '%-52s %10s %8s\n' "lockstep drift (median of $DRIFT)" "$dm" "$(ratio "$dm" "$mm")"
fi
echo
echo "sizes: pg_dump $(wc -c < dump.sql) bytes, $(wc -l < dump.sql) lines; snapshot $(wc -c < schema.snapshot) bytes, $(wc -l < schema.snapshot) lines"
echo "runs (ms): pg_dump ${p[*]} | snapshot ${s[*]} | migrate ${m[*]} | drift ${d[*]}"
