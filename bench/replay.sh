#!/usr/bin/env bash
# Replaying a history on an empty database, as CI, a new laptop or a staging rebuild does: Lockstep with
# its default settings (the lint gate on) against the psql floor, same server, same files, same run.
#   bench/replay.sh                 1,000 synthetic migrations whose later files index, alter and
#                                   reference the tables of earlier ones
#   N=200 bench/replay.sh           a quick look
#   bench/replay.sh DIR             a real project's history instead (files ordered as Lockstep orders
#                                   them: V*.sql, *.up.sql or DIR/*/up.sql in Diesel's order), each in its own transaction
#                                   for psql unless its metadata.toml says run_in_transaction = false
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
N="${N:-1000}"
work="$here/work"
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
lockstep() { "$root/lockstep" "$@"; }

export LOCKSTEP_EMBEDDED_DIR="$work/.lockstep"
jdbc="$(lockstep embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
log "server: PostgreSQL on localhost:$port ($(psql -X -At "$pg/postgres" -c 'SHOW server_version'), fsync $(psql -X -At "$pg/postgres" -c 'SHOW fsync'))"
lockstep --version >/dev/null

fresh_db() { psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }

if [ $# -gt 0 ]; then
  dir="$(cd "$1" && pwd)"; label="$(basename "$(dirname "$dir")")/$(basename "$dir")"
else
  dir="$work/history-$N"; label="$N synthetic migrations"
  if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" != "$N" ]; then
    rm -rf "$dir"; java "$here/Generate.java" "$dir" "$N" history
  fi
fi

# The files in Lockstep's order (version order, numerically part by part).
files() {
  if ls "$dir"/*/up.sql >/dev/null 2>&1; then
    # Diesel's order: the name up to the first '_' without dashes, compared as text.
    for d in "$dir"/*/; do d="${d%/}"; n="$(basename "$d")"; printf '%s\t%s\n' "$(echo "${n%%_*}" | tr -d -)" "$d/up.sql"; done \
      | LC_ALL=C sort -k1,1 | cut -f2
  elif ls "$dir"/*.up.sql >/dev/null 2>&1; then ls "$dir"/*.up.sql | sort -V
  else ls "$dir"/V*.sql | sort -V
  fi
}

driver="$work/replay-driver.sql"
: > "$driver"
echo "CREATE TABLE psql_history (version int PRIMARY KEY, script text, installed_on timestamptz DEFAULT now());" >> "$driver"
i=0
while read -r f; do
  i=$((i + 1))
  meta="$(dirname "$f")/metadata.toml"
  if [ -f "$meta" ] && grep -q 'run_in_transaction *= *false' "$meta"; then
    printf '\\i '"'"'%s'"'"'\nINSERT INTO psql_history (version, script) VALUES (%d, '"'"'%s'"'"');\n' "$f" "$i" "$(basename "$f")" >> "$driver"
  else
    printf 'BEGIN;\n\\i '"'"'%s'"'"'\nINSERT INTO psql_history (version, script) VALUES (%d, '"'"'%s'"'"');\nCOMMIT;\n' "$f" "$i" "$(basename "$f")" >> "$driver"
  fi
done < <(files)
log "$label: $i migrations"

fresh_db r_psql
t0=$(now_ms); psql -X -q -v ON_ERROR_STOP=1 -d "$pg/r_psql" -f "$driver" >/dev/null; t_psql=$(( $(now_ms) - t0 ))

fresh_db r_lockstep
t0=$(now_ms)
if lockstep -q migrate --url "$pg/r_lockstep" --dir "$dir" > "$work/replay-lockstep.out" 2>&1; then outcome=applied; else outcome="FAILED (exit $?)"; fi
t_lockstep=$(( $(now_ms) - t0 ))

schema() {
  pg_dump --schema-only --no-owner --no-privileges -d "$pg/$1" --exclude-schema=lockstep \
    --exclude-table=public.psql_history --exclude-table=public.__diesel_schema_migrations | grep -Ev '^\\(un)?restrict' > "$2"
}
schema r_psql "$work/r_psql.schema"; schema r_lockstep "$work/r_lockstep.schema"
if diff -q "$work/r_psql.schema" "$work/r_lockstep.schema" >/dev/null; then
  same="identical ($(grep -c '^CREATE' "$work/r_psql.schema") CREATE statements)"
else
  same="DIFFERENT: diff $work/r_psql.schema $work/r_lockstep.schema"
fi

echo
echo "Replay on an empty database — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL on localhost (fsync off), one run"
echo "$label ($i migrations)"
echo
printf '%-58s %10s %10s\n' "" "ms" "vs psql"
printf '%-58s %10s %10s\n' "psql, one session, each file in its own transaction" "$t_psql" "1.00"
printf '%-58s %10s %10s\n' "lockstep migrate, default settings (lint gate on): $outcome" "$t_lockstep" "$(ratio "$t_lockstep" "$t_psql")"
echo
echo "schema, psql vs Lockstep: $same (pg_dump --schema-only, history tables excluded)"
[ "$outcome" = applied ] || { echo; tail -20 "$work/replay-lockstep.out"; }
