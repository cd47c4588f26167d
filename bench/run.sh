#!/usr/bin/env bash
# Lockstep's migration benchmark: one command, one run, every tool against the same server and files.
#   bench/run.sh            1,000 migrations (and the 10,000-migration run under -Xmx256m)
#   N=200 BIG=0 bench/run.sh   a quick look
# Prints each time and the ratios against the psql floor and Flyway measured in the same run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
N="${N:-1000}"
BIG="${BIG:-10000}"
REPEAT="${REPEAT:-5}"
work="$here/work"
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
# time_ms CMD...: runs the command, prints its wall-clock milliseconds
time_ms() { local t0 t1; t0=$(now_ms); "$@" >/dev/null; t1=$(now_ms); echo $((t1 - t0)); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

log "building Lockstep and the Flyway runner (if needed)..."
[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
[ -f "$here/flyway-runner/target/flyway-runner.jar" ] || (cd "$here/flyway-runner" && mvn -B -q package)
lockstep() { "$root/lockstep" "$@"; }
flyway() { java -jar "$here/flyway-runner/target/flyway-runner.jar" "$@"; }

# One local PostgreSQL 15 for every tool: Lockstep's embedded server, kept under bench/work.
export LOCKSTEP_EMBEDDED_DIR="$work/.lockstep"
jdbc="$(lockstep embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
# pg_dump takes a lock per table: 10,000 migrations make more tables than the default lock table holds.
if [ "$(psql -X -At "$pg/postgres" -c 'SHOW max_locks_per_transaction')" -lt 512 ]; then
  psql -X -q "$pg/postgres" -c "ALTER SYSTEM SET max_locks_per_transaction = 512"
  lockstep embedded stop >/dev/null
  jdbc="$(lockstep embedded url 2>/dev/null)"
  port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
  pg="postgresql://postgres@localhost:$port"
fi
log "server: PostgreSQL on localhost:$port ($(psql -X -At "$pg/postgres" -c 'SHOW server_version'))"
lockstep --version >/dev/null   # writes the class-data-sharing archive once, as a user's first run would

fresh_db() { psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }

# The floor: one psql session, each file in its own transaction with a history insert.
psql_apply() {
  local dir="$1" db="$2" driver="$work/driver-$2.sql"
  psql -X -q "$pg/$db" -c "CREATE TABLE psql_history (version int PRIMARY KEY, script text, installed_on timestamptz DEFAULT now())"
  : > "$driver"
  for ((i = 1; i <= $3; i++)); do
    printf 'BEGIN;\n\\i %s/V%d__step_%d.sql\nINSERT INTO psql_history (version, script) VALUES (%d, '"'"'V%d__step_%d.sql'"'"');\nCOMMIT;\n' \
      "$dir" "$i" "$i" "$i" "$i" "$i" >> "$driver"
  done
  time_ms psql -X -q -v ON_ERROR_STOP=1 -d "$pg/$db" -f "$driver"
}

# Writes a comparable schema dump of database $1 to $2 (pg_dump's random \restrict key removed).
schema() {
  pg_dump --schema-only --no-owner --no-privileges -d "$pg/$1" --exclude-schema=lockstep \
    --exclude-table=public.flyway_schema_history --exclude-table=public.psql_history > "$2.raw" \
    && grep -Ev '^\\(un)?restrict' "$2.raw" > "$2"
}

same_schema() {
  if ! schema "$1" "$work/$1.schema" || ! schema "$2" "$work/$2.schema"; then
    echo "NOT COMPARED: pg_dump failed"; return
  fi
  if [ ! -s "$work/$1.schema" ]; then echo "NOT COMPARED: empty dump"; return; fi
  if diff -q "$work/$1.schema" "$work/$2.schema" >/dev/null; then
    echo "identical ($(grep -c '^CREATE' "$work/$1.schema") CREATE statements)"
  else
    echo "DIFFERENT: diff $work/$1.schema $work/$2.schema"
  fi
}

declare -A T
run_size() {
  local n="$1" flyway_too="$2" dir="$work/migrations-$1"
  if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" != "$n" ]; then
    rm -rf "$dir"; java "$here/Generate.java" "$dir" "$n"
  fi
  log "applying $n migrations with psql..."
  fresh_db "b_psql_$n"; T[psql_$n]=$(psql_apply "$dir" "b_psql_$n" "$n")
  if [ "$flyway_too" = yes ]; then
    log "applying $n migrations with Flyway..."
    fresh_db "b_flyway_$n"; T[flyway_$n]=$(time_ms flyway migrate "jdbc:postgresql://localhost:$port/b_flyway_$n" "$dir")
  fi
  log "applying $n migrations with Lockstep (-Xmx256m)..."
  fresh_db "b_lockstep_$n"
  T[lockstep_$n]=$(LOCKSTEP_JAVA_OPTS=-Xmx256m time_ms lockstep -q migrate --url "$pg/b_lockstep_$n" --dir "$dir")
}

run_size "$N" yes
log "timing status/info with $N applied ($REPEAT runs each, median)..."
fs=(); ls_=()
for ((r = 0; r < REPEAT; r++)); do
  fs+=("$(time_ms flyway info "jdbc:postgresql://localhost:$port/b_flyway_$N" "$work/migrations-$N")")
  ls_+=("$(time_ms lockstep status --url "$pg/b_lockstep_$N" --dir "$work/migrations-$N")")
done
T[flyway_info]=$(echo "${fs[*]}" | median)
T[lockstep_status]=$(echo "${ls_[*]}" | median)
lockstep status --exit-code --url "$pg/b_lockstep_$N" --dir "$work/migrations-$N" >/dev/null \
  || { log "Lockstep does not report all $N migrations applied"; exit 1; }

[ "$BIG" -gt 0 ] && run_size "$BIG" no

echo
echo "Lockstep benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL on localhost, one run"
echo
printf '%-44s %10s %12s %12s\n' "" "ms" "vs psql" "vs Flyway"
printf '%-44s %10s %12s %12s\n' "apply $N: psql, one session (the floor)" "${T[psql_$N]}" "1.00" ""
printf '%-44s %10s %12s %12s\n' "apply $N: Flyway 13.12" "${T[flyway_$N]}" "$(ratio "${T[flyway_$N]}" "${T[psql_$N]}")" "1.00"
printf '%-44s %10s %12s %12s\n' "apply $N: Lockstep" "${T[lockstep_$N]}" "$(ratio "${T[lockstep_$N]}" "${T[psql_$N]}")" \
  "$(ratio "${T[lockstep_$N]}" "${T[flyway_$N]}")"
printf '%-44s %10s %12s %12s\n' "status with $N applied: Flyway info" "${T[flyway_info]}" "" "1.00"
printf '%-44s %10s %12s %12s\n' "status with $N applied: Lockstep status" "${T[lockstep_status]}" "" \
  "$(ratio "${T[lockstep_status]}" "${T[flyway_info]}")"
if [ "$BIG" -gt 0 ]; then
  printf '%-44s %10s %12s %12s\n' "apply $BIG: psql, one session (the floor)" "${T[psql_$BIG]}" "1.00" ""
  printf '%-44s %10s %12s %12s\n' "apply $BIG: Lockstep, -Xmx256m" "${T[lockstep_$BIG]}" \
    "$(ratio "${T[lockstep_$BIG]}" "${T[psql_$BIG]}")" ""
fi
echo
echo "schema after $N, psql vs Lockstep:   $(same_schema "b_psql_$N" "b_lockstep_$N")"
echo "schema after $N, psql vs Flyway:     $(same_schema "b_psql_$N" "b_flyway_$N")"
[ "$BIG" -gt 0 ] && echo "schema after $BIG, psql vs Lockstep: $(same_schema "b_psql_$BIG" "b_lockstep_$BIG")"
echo "(pg_dump --schema-only, history tables and the lockstep schema excluded)"
