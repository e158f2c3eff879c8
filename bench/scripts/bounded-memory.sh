#!/usr/bin/env bash
# The bounded-memory curve of issue 20: a full build (`graphsnap snapshot --full`) of the synthetic graph at several
# scales with the same --max-memory cap, timed with /usr/bin/time (wall, user and system CPU, peak RSS). The heap
# should stay flat as the graph grows: what grows is the names and per-node columns, not the edges. Run it by hand on
# an otherwise idle machine; a scale's store is ingested once (SyntheticJsonl piped into `graphsnap ingest`) and kept
# in WORK/<scale>-store for later runs.
#
# Usage: bench/scripts/bounded-memory.sh [--work DIR] [--cap SIZE] [--xmx SIZE] [--runs N] [SCALE|FILES ...]
#   SCALE|FILES  medium, large, huge, or a number of files (SyntheticJsonl --files N); default: medium large huge
#   --cap SIZE   graphsnap's --max-memory (default 256m); 'unlimited' for the in-memory path
#   --xmx SIZE   the JVM's maximum heap (default: the JVM's, a quarter of RAM), e.g. 4g to show the build fits in it
#   --runs N     timed builds per scale (default 1)
# Prints one line per build: scale, cap, xmx, load average before, wall s, user s, sys s, peak RSS KiB, the phases.
# Needs bench/target/benchmarks.jar and cli/target/graphsnap.jar (mvn -pl bench,cli -am package -DskipTests).
# Set JAVA to a JDK 25 java binary if `java` on PATH is older; GRAPHSNAP_JAR and BENCH_JAR name other jars.
# Disk: about 9 GB per million files for the store; while a capped build runs, its temporaries in the store's tmp/
# (12 bytes per collected edge while collecting, up to 21 per edge while the rows are sorted), then 10 bytes per edge
# of staged sections beside the snapshot being written (about 22 per edge): at the huge scale about 90 GB for the
# store and 35 GB more during the build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work="${TMPDIR:-/tmp}/graphsnap-bounded-memory"
cap=256m
xmx=
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --cap) cap=$2; shift 2 ;;
    --xmx) xmx=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    --*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(medium large huge)
java_bin="${JAVA:-java}"
jar="${GRAPHSNAP_JAR:-$root/cli/target/graphsnap.jar}"
bench="${BENCH_JAR:-$root/bench/target/benchmarks.jar}"
[ -f "$jar" ] && [ -f "$bench" ] || { echo "build the jars first: mvn -B -pl bench,cli -am package -DskipTests" >&2; exit 2; }
mkdir -p "$work"

for scale in "${scales[@]}"; do
  store="$work/$scale-store"
  if [ ! -f "$work/$scale.ingested" ]; then
    if [[ "$scale" =~ ^[0-9]+$ ]]; then gen=(--files "$scale"); else gen=(--scale "$scale"); fi
    echo "# ingesting $scale into $store" >&2
    "$java_bin" -cp "$bench" io.graphsnap.bench.SyntheticJsonl "${gen[@]}" - \
      | "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$jar" ingest - --store "$store" --quiet
    touch "$work/$scale.ingested"
  fi
  for ((i = 0; i < runs; i++)); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    opts=(--enable-native-access=ALL-UNNAMED)
    [ -n "$xmx" ] && opts+=("-Xmx$xmx")
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
      "$java_bin" "${opts[@]}" -jar "$jar" snapshot --full --max-memory "$cap" --store "$store" >"$work/out" 2>"$work/err" \
      || { echo "build failed at $scale (see $work/err)" >&2; tail -5 "$work/err" >&2; continue; }
    read -r wall user sys rss <"$work/time"
    phases=$(grep -o 'collect.*write [0-9]* ms' "$work/err" | head -1 || true)
    printf '%s\tcap=%s\txmx=%s\tload=%s\twall=%ss\tuser=%ss\tsys=%ss\trss=%sKiB\t%s\n' \
      "$scale" "$cap" "${xmx:-default}" "$load" "$wall" "$user" "$sys" "$rss" "$phases"
  done
done
