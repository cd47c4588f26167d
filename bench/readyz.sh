#!/usr/bin/env bash
# /readyz latency of `lockstep serve` with 100 applied migrations: 10,000 requests one after the other on
# one connection, with the readiness answer cached (the default 5s) and, as the peer in the same run, read
# anew for every request (--cache 0s), which is what each probe costs without the cache.
#   bench/readyz.sh                  N=10000 requests, M=100 migrations
#   N=2000 UNCACHED=200 bench/readyz.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
N="${N:-10000}"
M="${M:-100}"
UNCACHED="${UNCACHED:-1000}"
work="$here/work"
mkdir -p "$work"
cd "$work"
log() { printf '%s\n' "$*" >&2; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
lockstep() { "$root/lockstep" "$@"; }
export LOCKSTEP_EMBEDDED_DIR="$work/.lockstep"
jdbc="$(lockstep embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS readyz" -c "CREATE DATABASE readyz"
url="postgres://postgres@localhost:$port/readyz"

dir="$work/readyz-migrations"
rm -rf "$dir" && java "$here/Generate.java" "$dir" "$M" >/dev/null
lockstep migrate --url "$url" --dir "$dir" -q >/dev/null
log "applied $M migrations on PostgreSQL at localhost:$port"

serve() { # serve PORT CACHE: starts lockstep serve in the background, waits until it answers
  "$root/lockstep" serve --url "$url" --dir "$dir" --port "$1" --cache "$2" > "$work/serve-$1.log" 2>&1 &
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "serve did not start:"; cat "$work/serve-$1.log" >&2; return 1
}
serve 18471 5s; cached_pid=$!
serve 18472 0s; uncached_pid=$!
trap 'kill $cached_pid $uncached_pid 2>/dev/null || true' EXIT

read -r h50 h99 hmax hok h503 < <(java "$here/ReadyzLoad.java" "http://127.0.0.1:18471/healthz" "$N" 1000)
read -r c50 c99 cmax cok c503 < <(java "$here/ReadyzLoad.java" "http://127.0.0.1:18471/readyz" "$N" 1000)
read -r u50 u99 umax uok u503 < <(java "$here/ReadyzLoad.java" "http://127.0.0.1:18472/readyz" "$UNCACHED" 50)
kill -TERM $cached_pid $uncached_pid; wait $cached_pid $uncached_pid 2>/dev/null || true
trap - EXIT

ms() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
printf '\n/readyz latency — %s, %s cores, %s migrations applied, PostgreSQL on localhost\n\n' \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$M"
printf '%-44s %8s %10s %10s %10s %8s\n' "" requests "p50 ms" "p99 ms" "max ms" "200s"
printf '%-44s %8s %10s %10s %10s %8s\n' "read for every request (--cache 0s), peer" "$UNCACHED" "$(ms "$u50")" "$(ms "$u99")" "$(ms "$umax")" "$uok"
printf '%-44s %8s %10s %10s %10s %8s\n' "/healthz: constant body, the HTTP floor" "$N" "$(ms "$h50")" "$(ms "$h99")" "$(ms "$hmax")" "$hok"
printf '%-44s %8s %10s %10s %10s %8s\n' "/readyz cached (--cache 5s, the default)" "$N" "$(ms "$c50")" "$(ms "$c99")" "$(ms "$cmax")" "$cok"
printf '\ncached vs uncached: p50 %sx, p99 %sx; cached vs the HTTP floor: p50 %sx, p99 %sx\n' \
  "$(ratio "$c50" "$u50")" "$(ratio "$c99" "$u99")" "$(ratio "$c50" "$h50")" "$(ratio "$c99" "$h99")"
printf 'goal p99 <= 5 ms with the cache: %s (load average now: %s)\n' \
  "$(awk -v p="$c99" 'BEGIN { print (p <= 5000 ? "met" : "NOT met") }')" "$(cut -d' ' -f1-3 /proc/loadavg)"
