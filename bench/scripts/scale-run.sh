#!/usr/bin/env bash
# One scale of issue 20 end to end through the product path, on an otherwise idle machine: the synthetic JSON Lines
# streamed from the generator into `graphsnap ingest -` (no JSON Lines file is kept: at 10 M files it would be 100 GB),
# a full `graphsnap snapshot` (with --max-memory when given), then ScaleProbe's lookup, neighbours, BFS and PageRank
# figures on the published snapshot. Each step is timed with /usr/bin/time -v; the store's size per folder is
# listed after the ingest and after the build. Results go to DIR/*.txt, a summary to stdout.
#
# Usage: bench/scripts/scale-run.sh [--max-memory SIZE] [--skip-ingest] SCALE DIR
#   SCALE  medium (100 k files), large (1 M) or huge (10 M); DIR/store is the store (kept for later steps).
# Disk: the store needs about 4.3 KB per file for the objects and the index (compressed packs) plus the snapshot
# (about 22 B per edge, ~100 edges per file): ~70 GB at huge. Memory: the generator holds ~40 B per file.
# Needs bench/target/benchmarks.jar and cli/target/graphsnap.jar (mvn -B -q -pl bench -am package -DskipTests).
set -euo pipefail
max_memory=()
skip_ingest=0
while [ $# -gt 0 ]; do
  case "$1" in
    --max-memory) max_memory=(--max-memory "$2"); shift 2 ;;
    --skip-ingest) skip_ingest=1; shift ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
scale=$1
dir=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
java_bin="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
bench_jar="${BENCH_JAR:-$repo/bench/target/benchmarks.jar}"
mkdir -p "$dir"
store="$dir/store"
sizes() {
  echo "store after $1:"
  du -sh "$store"/* 2>/dev/null | sed 's/^/  /'
}
if [ "$skip_ingest" = 0 ]; then
  echo "load before ingest: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$java_bin" -cp "$bench_jar" io.graphsnap.bench.SyntheticJsonl --scale "$scale" - 2>"$dir/generate.err" \
    | /usr/bin/time -v "$repo/graphsnap" ingest - --store "$store" >"$dir/ingest.txt" 2>"$dir/ingest.time.txt"
  grep -E "ingested|Elapsed|Maximum resident|User time|System time" "$dir/ingest.txt" "$dir/ingest.time.txt" || true
  sizes ingest
fi
echo "load before the full build: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$repo/graphsnap" snapshot --store "$store" --full "${max_memory[@]}" >"$dir/snapshot.txt" \
  2>"$dir/snapshot.time.txt"
grep -E "^snapshot|phases|bytes|Elapsed|Maximum resident|User time|System time" "$dir/snapshot.txt" \
  "$dir/snapshot.time.txt" || true
sizes "the full build"
head=$(cat "$store/refs/HEAD")
echo "load before the probe: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.graphsnap.bench.harness.ScaleProbe \
  "$store/snapshots/$head.gsnap" | tee "$dir/probe.txt"
