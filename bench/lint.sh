#!/usr/bin/env bash
# Lockstep's lint benchmark against squawk (npm squawk-cli), in one run, whole processes:
#   bench/lint.sh
# Lints one file and the 1,000-file synthetic corpus (SIZES="1000 10000" for more) with both, prints
# the times, the ratio, and the findings per rule of each tool on the same corpus.
# Goals: one file in 150 ms or less; 1,000 files no slower than squawk (ratio 1.00 or less).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
REPEAT="${REPEAT:-5}"
REPEAT_ONE="${REPEAT_ONE:-15}"
SIZES="${SIZES:-1000}"
SQUAWK_VERSION=2.66.0
mkdir -p "$work"
cd "$work"

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
time_ms() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1 || true; echo $(( $(now_ms) - t0 )); }
# CPU time (user + system) of the command and its children, in ms: less sensitive than wall time to
# waiting for a core on a loaded machine.
cpu_ms() { local TIMEFORMAT='%U %S' t; t=$( { time "$@" >/dev/null 2>&1 || true; } 2>&1 ); awk -v u="${t% *}" -v s="${t#* }" 'BEGIN { printf "%d", (u + s) * 1000 }'; }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

[ -f "$root/lockstep-cli/target/lockstep.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl lockstep-cli -am)
if [ ! -x "$work/node_modules/.bin/squawk" ]; then
  log "installing squawk-cli@$SQUAWK_VERSION from npm into bench/work..."
  npm install --prefix "$work" --no-audit --no-fund --silent "squawk-cli@$SQUAWK_VERSION" >&2
fi
squawk="$work/node_modules/.bin/squawk"
# The npm package's squawk command is a node script that starts squawk's native binary: node's start-up is
# most of a one-file run. Users run that command; the binary alone is timed too, as a second yardstick.
squawk_bin=""
for b in "$work"/node_modules/@squawk-cli/*/bin/squawk; do [ -x "$b" ] && squawk_bin="$b" && break; done
lockstep() { "$root/lockstep" "$@"; }
lockstep --version >/dev/null
# Lockstep runs each migration in a transaction; squawk is told the same.
squawk_lint() { "$squawk" --assume-in-transaction --pg-version 15.0 --reporter json "$1"/*.sql; }
lockstep_lint() { lockstep lint --fail-on none --pg-version 15 --format json "$1"; }
count() { java -cp "$root/lockstep-cli/target/lockstep.jar" "$here/CountRules.java" "$1"; }

echo "Lockstep lint vs squawk $SQUAWK_VERSION — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), whole process, median of $REPEAT ($REPEAT_ONE for one file)"
echo
printf '%-32s %12s %12s %8s   %s\n' "corpus" "squawk ms" "lockstep ms" "ratio" "CPU ms squawk / lockstep (ratio)"
one="$work/one"
if [ ! -f "$one/V1__step_1.sql" ]; then
  rm -rf "$one"; java "$here/Generate.java" "$one" 1
fi
s=(); l=(); sc=(); lc=()
for ((r = 0; r < REPEAT_ONE; r++)); do
  s+=("$(time_ms "$squawk" --assume-in-transaction --pg-version 15.0 --reporter json "$one/V1__step_1.sql")")
  l+=("$(time_ms lockstep lint --fail-on none --pg-version 15 --format json "$one/V1__step_1.sql")")
  sc+=("$(cpu_ms "$squawk" --assume-in-transaction --pg-version 15.0 --reporter json "$one/V1__step_1.sql")")
  lc+=("$(cpu_ms lockstep lint --fail-on none --pg-version 15 --format json "$one/V1__step_1.sql")")
done
sm=$(echo "${s[*]}" | median); lm=$(echo "${l[*]}" | median)
scm=$(echo "${sc[*]}" | median); lcm=$(echo "${lc[*]}" | median)
printf '%-32s %12s %12s %8s   %s / %s (%s)\n' "1 file (goal: lockstep <= 150)" "$sm" "$lm" "$(ratio "$lm" "$sm")" \
  "$scm" "$lcm" "$(ratio "$lcm" "$scm")"
for n in $SIZES; do
  dir="$work/migrations-$n"
  if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" != "$n" ]; then
    rm -rf "$dir"; java "$here/Generate.java" "$dir" "$n"
  fi
  s=(); l=(); sc=(); lc=()
  for ((r = 0; r < REPEAT; r++)); do
    s+=("$(time_ms squawk_lint "$dir")")
    l+=("$(time_ms lockstep_lint "$dir")")
    sc+=("$(cpu_ms squawk_lint "$dir")")
    lc+=("$(cpu_ms lockstep_lint "$dir")")
  done
  sm=$(echo "${s[*]}" | median); lm=$(echo "${l[*]}" | median)
  scm=$(echo "${sc[*]}" | median); lcm=$(echo "${lc[*]}" | median)
  printf '%-32s %12s %12s %8s   %s / %s (%s)\n' "$n synthetic migrations" "$sm" "$lm" "$(ratio "$lm" "$sm")" \
    "$scm" "$lcm" "$(ratio "$lcm" "$scm")"
  [ "$n" = 1000 ] && echo "  (goal at 1000: ratio <= 1.00)"
  if [ -n "$squawk_bin" ]; then
    b=(); l=()
    for ((r = 0; r < REPEAT; r++)); do
      b+=("$(time_ms "$squawk_bin" --assume-in-transaction --pg-version 15.0 --reporter json "$dir"/*.sql)")
      l+=("$(time_ms lockstep_lint "$dir")")
    done
    bm=$(echo "${b[*]}" | median); lm=$(echo "${l[*]}" | median)
    printf '%-32s %12s %12s %8s\n' "  squawk's binary, without node" "$bm" "$lm" "$(ratio "$lm" "$bm")"
  fi
  squawk_lint "$dir" > "$work/squawk-$n.json" 2>/dev/null || true
  lockstep_lint "$dir" > "$work/lockstep-$n.json" 2>/dev/null || true
done

for n in $SIZES; do
  echo
  echo "findings per rule, $n files (squawk | lockstep):"
  paste <(count "$work/squawk-$n.json" | awk '{printf "  %-40s %6s\n", $1, $2}') \
        <(count "$work/lockstep-$n.json" | awk '{printf "%-40s %6s\n", $1, $2}') | sed 's/\t/  |  /'
done
# The rule fixtures are a corpus of dangerous statements (and their safe forms): how do the rule sets compare?
fixtures="$work/fixtures"
rm -rf "$fixtures"; mkdir -p "$fixtures"
for f in "$root"/lockstep-core/src/test/resources/lint/*/*.sql; do
  cp "$f" "$fixtures/$(basename "$(dirname "$f")")-$(basename "$f")"
done
"$squawk" --assume-in-transaction --pg-version 15.0 --reporter json "$fixtures"/*.sql > "$work/squawk-fixtures.json" 2>/dev/null || true
lockstep lint --fail-on none --pg-version 15 --format json "$fixtures"/*.sql > "$work/lockstep-fixtures.json" 2>/dev/null || true
echo
echo "findings per rule on the $(ls "$fixtures" | wc -l) rule fixtures (squawk | lockstep):"
paste <(count "$work/squawk-fixtures.json" | awk '{printf "  %-40s %6s\n", $1, $2}') \
      <(count "$work/lockstep-fixtures.json" | awk '{printf "%-40s %6s\n", $1, $2}') | sed 's/\t/  |  /'
echo
echo "(ratio = Lockstep / squawk; below 1 means Lockstep is faster)"
