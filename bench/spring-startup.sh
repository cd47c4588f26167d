#!/usr/bin/env bash
# Spring Boot start-up with 100 migrations already applied: the same application with Flyway's
# auto-configuration (the peer), with lockstep-spring-boot-starter, and with neither (the floor), started
# in turns, REPEAT times each; prints the median milliseconds from JVM start to a started context and the
# starters' overhead over the floor.
#   bench/spring-startup.sh            M=100 migrations, REPEAT=7
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
M="${M:-100}"
REPEAT="${REPEAT:-7}"
work="$here/work"
app="$here/spring-startup"
mkdir -p "$work"
log() { printf '%s\n' "$*" >&2; }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

log "building Lockstep's starter and the benchmark application (if needed)..."
(cd "$root" && mvn -B -q -DskipTests package -pl lockstep-spring-boot-starter,lockstep-cli -am)
(cd "$app" && mvn -B -q package dependency:build-classpath -Dmdep.outputFile="$work/spring-cp.txt")
deps="$(cat "$work/spring-cp.txt")"
base_cp="$app/target/classes:$(echo "$deps" | tr ':' '\n' | grep -v '/org/flywaydb/' | paste -sd:)"
flyway_cp="$app/target/classes:$deps"
lockstep_cp="$base_cp:$root/lockstep-core/target/lockstep-core-0.1.0-SNAPSHOT.jar:$root/lockstep-spring-boot-starter/target/lockstep-spring-boot-starter-0.1.0-SNAPSHOT.jar"

export LOCKSTEP_EMBEDDED_DIR="$work/.lockstep"
jdbc="$("$root/lockstep" embedded url 2>/dev/null)"
port="$(echo "$jdbc" | sed -E 's#.*localhost:([0-9]+)/.*#\1#')"
pg="postgresql://postgres@localhost:$port"
for db in boot_floor boot_flyway boot_lockstep; do
  psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
done
classes="$work/spring-migrations"
rm -rf "$classes" && java "$here/Generate.java" "$classes/db/migration" "$M" >/dev/null

start() { # start NAME CLASSPATH DB: prints "STARTUP_MS MIGRATE_MS"
  java -cp "$classes:$2" bench.StartupApp --spring.main.banner-mode=off --logging.level.root=warn \
    --spring.datasource.url="jdbc:postgresql://localhost:$port/$3?user=postgres" \
    | sed -n 's/^STARTUP_MS \([0-9]*\) MIGRATE_MS \(-*[0-9]*\)$/\1 \2/p'
}
log "applying $M migrations with each tool (not timed)..."
start flyway "$flyway_cp" boot_flyway >/dev/null
start lockstep "$lockstep_cp" boot_lockstep >/dev/null
[ "$(psql -X -At "$pg/boot_flyway" -c 'SELECT count(*) FROM flyway_schema_history WHERE success')" -eq "$M" ]
[ "$(psql -X -At "$pg/boot_lockstep" -c 'SELECT count(*) FROM lockstep.lockstep_history WHERE success')" -eq "$M" ]

floor="" flyway="" lockstep="" flyway_m="" lockstep_m=""
for ((i = 1; i <= REPEAT; i++)); do
  read -r t _ < <(start floor "$base_cp" boot_floor); floor+="$t "
  read -r t m < <(start flyway "$flyway_cp" boot_flyway); flyway+="$t "; flyway_m+="$m "
  read -r t m < <(start lockstep "$lockstep_cp" boot_lockstep); lockstep+="$t "; lockstep_m+="$m "
  log "run $i/$REPEAT done"
done
f0="$(echo "$floor" | median)"; fw="$(echo "$flyway" | median)"; ls="$(echo "$lockstep" | median)"
fwm="$(echo "$flyway_m" | median)"; lsm="$(echo "$lockstep_m" | median)"

printf '\nSpring Boot 3.5.7 start-up with %s applied migrations — %s, %s cores, median of %s, load average %s\n\n' \
  "$M" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$REPEAT" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-36s %10s %14s %18s\n' "" "start-up ms" "overhead ms" "initializer ms"
printf '%-36s %10s %14s %18s\n' "no migration tool (the floor)" "$f0" "" ""
printf '%-36s %10s %14s %18s\n' "Flyway (Spring Boot's own)" "$fw" "$((fw - f0))" "$fwm"
printf '%-36s %10s %14s %18s\n' "lockstep-spring-boot-starter" "$ls" "$((ls - f0))" "$lsm"
printf '\nLockstep vs Flyway: whole start-up %s, initializer %s\n' \
  "$(awk -v a="$ls" -v b="$fw" 'BEGIN { printf "%.2fx", a / b }')" "$(awk -v a="$lsm" -v b="$fwm" 'BEGIN { printf "%.2fx", a / b }')"
printf 'samples (start-up ms): floor [%s] flyway [%s] lockstep [%s]\n' "${floor% }" "${flyway% }" "${lockstep% }"
printf 'samples (initializer ms): flyway [%s] lockstep [%s]\n' "${flyway_m% }" "${lockstep_m% }"
