#!/usr/bin/env bash
# Side-by-side timing of `graphsnap build` (default source: the JDK's java.base) for several CLI jars, runs
# alternating (A B C A B C ...), so that a change of machine load hits every jar alike. Prints one line per run
# (load average before it, wall, user and system CPU seconds, peak RSS, the build's own time line, snapshot id)
# and the median wall and user time per jar.
#
# Usage: bench/scripts/build-speed.sh [-n RUNS] [--no-change] [--work DIR] NAME|JAR|JVM-OPTIONS ...
#   --no-change  each jar gets one store, built once before the timed runs; each timed run is then a rebuild
#                with nothing changed. Without it every timed run starts from an empty store.
#   NAME|JAR|JVM-OPTIONS  a label, a graphsnap.jar, and JVM options (may be empty) as the launcher would pass them.
# Example (the figures of bench/results/resolution.md, "Cost, fourth round"):
#   d=cli/target/graphsnap.mapdb-c2.json
#   bench/scripts/build-speed.sh -n 5 --no-change 'main|/tmp/main.jar|' \
#     "branch|cli/target/graphsnap.jar|-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$d -Dgraphsnap.mapdb.c2-directive=applied"
# Set JAVA to the JDK 25 java binary if `java` on PATH is older. Extra build arguments: BUILD_ARGS="path/to/src".
set -euo pipefail
runs=3
no_change=0
work="${TMPDIR:-/tmp}/graphsnap-build-speed"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --no-change) no_change=1; shift ;;
    --work) work=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
java_bin="${JAVA:-java}"
mkdir -p "$work"

run_one() { # name jar opts store -> one result line
  local name=$1 jar=$2 opts=$3 store=$4 load out
  load=$(cut -d' ' -f1 /proc/loadavg)
  out="$work/$name.out"
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" \
    "$java_bin" --enable-native-access=ALL-UNNAMED $opts -jar "$jar" build ${BUILD_ARGS:-} --store "$store" \
    >"$out" 2>&1 || true
  read -r wall user sys rss <"$work/$name.time"
  printf '%-10s load %5s  wall %7.2f s  user %6.2f s  sys %5.2f s  rss %5d MB  %s  %s  %s\n' "$name" "$load" "$wall" \
    "$user" "$sys" $((rss / 1024)) "$(grep -o 'sources .*' "$out" | grep -o '([0-9]* files/s)' || true)" \
    "$(grep -o 'time .*' "$out" || true)" "$(tail -n 1 "$out" | cut -c1-12)"
  echo "$name $wall $user" >>"$work/results"
}

: >"$work/results"
if [ "$no_change" = 1 ]; then
  for spec in "$@"; do
    IFS='|' read -r name jar opts <<<"$spec"
    rm -rf "${work:?}/store-$name"
    echo "preparing the store of $name ..." >&2
    run_one "$name" "$jar" "$opts" "$work/store-$name" >/dev/null
    # a first rebuild records what this version keeps between builds (e.g. the stat cache)
    run_one "$name" "$jar" "$opts" "$work/store-$name" >/dev/null
  done
  : >"$work/results"
fi
for round in $(seq "$runs"); do
  for spec in "$@"; do
    IFS='|' read -r name jar opts <<<"$spec"
    if [ "$no_change" = 0 ]; then
      rm -rf "${work:?}/store-$name"
    fi
    run_one "$name" "$jar" "$opts" "$work/store-$name"
  done
done
echo "medians of $runs runs (wall s, user s):"
for spec in "$@"; do
  IFS='|' read -r name _ _ <<<"$spec"
  median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
  printf '  %-10s wall %s  user %s\n' "$name" "$(awk -v n="$name" '$1 == n {print $2}' "$work/results" | median)" \
    "$(awk -v n="$name" '$1 == n {print $3}' "$work/results" | median)"
done
