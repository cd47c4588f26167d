#!/usr/bin/env bash
# The lock-queue scenario, in one run for psql, Flyway 13 and Lockstep:
#   bench/lockqueue.sh
# pgbench drives ~200 tps with 4 clients against `accounts`; two seconds in, a reader opens a transaction
# on the table and keeps it for READER seconds; a second later the migration `ALTER TABLE accounts ADD
# COLUMN note text` starts. For each tool: transactions, p50/p99/max latency, how many took over 1 s,
# and how long the migration took.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/lockqueue"
RATE="${RATE:-200}"
SECONDS_TOTAL="${DURATION:-14}"
READER="${READER:-5}"
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
[ -f "$here/flyway-runner/target/flyway-runner.jar" ] || (cd "$here/flyway-runner" && mvn -B -q package)
export LOCKSTEP_EMBEDDED_DIR="$here/work/.lockstep"
jdbc="$("$root/lockstep" embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
"$root/lockstep" --version >/dev/null

mkdir -p migration
printf 'ALTER TABLE accounts ADD COLUMN note text;\n' > migration/V1__add_note.sql
cat > txn.sql <<'SQL'
\set id random(1, 10000)
BEGIN;
SELECT balance FROM accounts WHERE id = :id;
UPDATE accounts SET balance = balance + 1 WHERE id = :id;
END;
SQL

migrate() {
  local tool="$1" db="$2"
  case "$tool" in
    psql) psql -X -q -v ON_ERROR_STOP=1 "$pg/$db" -c "BEGIN" -c "ALTER TABLE accounts ADD COLUMN note text" \
            -c "CREATE TABLE IF NOT EXISTS psql_history (v int)" -c "INSERT INTO psql_history VALUES (1)" -c "COMMIT" ;;
    flyway) java -jar "$here/flyway-runner/target/flyway-runner.jar" migrate "jdbc:postgresql://localhost:$port/$db" \
              "$work/migration" ;;
    lockstep) "$root/lockstep" migrate --url "$pg/$db" --dir "$work/migration" ;;
  esac
}

declare -A RESULT
for tool in psql flyway lockstep; do
  db="lq_$tool"
  psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql -X -q "$pg/$db" -c "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)" \
    -c "INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 10000) g" -c "VACUUM ANALYZE accounts"
  rm -f pgbench_log.*
  log "$tool: pgbench at $RATE tps for ${SECONDS_TOTAL}s; reader at 2s for ${READER}s; migration at 3s"
  pgbench -n -c 4 -j 2 -R "$RATE" -T "$SECONDS_TOTAL" -f txn.sql -l "$pg/$db" >pgbench.out 2>&1 &
  bench_pid=$!
  sleep 2
  psql -X -q "$pg/$db" -c "BEGIN" -c "SELECT count(*) FROM accounts" -c "SELECT pg_sleep($READER)" -c "COMMIT" >/dev/null &
  reader_pid=$!
  sleep 1
  t0=$(now_ms)
  migrate "$tool" "$db" >migrate-$tool.out 2>&1 || log "$tool: migration failed, see $work/migrate-$tool.out"
  t1=$(now_ms)
  wait "$reader_pid" || true
  wait "$bench_pid" || true
  # pgbench -l: client, transaction, latency in microseconds (from the scheduled start under -R), ...
  cat pgbench_log.* | awk '{print $3}' | sort -n > latencies.txt
  n=$(wc -l < latencies.txt)
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1 {print int($1 / 1000); exit}' latencies.txt)
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1 {print int($1 / 1000); exit}' latencies.txt)
  max=$(tail -1 latencies.txt | awk '{print int($1 / 1000)}')
  over=$(awk '$1 > 1000000' latencies.txt | wc -l)
  added=$(psql -X -At "$pg/$db" -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'")
  RESULT[$tool]="$n $p50 $p99 $max $over $((t1 - t0)) $added"
done

echo
echo "Lock-queue scenario — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, pgbench $RATE tps x 4 clients for ${SECONDS_TOTAL}s,"
echo "a ${READER}s reader transaction from 2s, ALTER TABLE accounts ADD COLUMN note text from 3s"
echo
printf '%-10s %8s %8s %8s %8s %10s %14s %8s\n' tool txns "p50 ms" "p99 ms" "max ms" "over 1s" "migration ms" "applied"
for tool in psql flyway lockstep; do
  read -r n p50 p99 max over took added <<< "${RESULT[$tool]}"
  printf '%-10s %8s %8s %8s %8s %10s %14s %8s\n' "$tool" "$n" "$p50" "$p99" "$max" "$over" "$took" \
    "$([ "$added" = 1 ] && echo yes || echo NO)"
done
echo
echo "Lockstep's progress while it waited (stderr of its run):"
grep -v '^$' "$work/migrate-lockstep.out" | sed 's/^/  /' || true
