#!/usr/bin/env bash
# Side-by-side timing of `graphsnap --quiet ingest` of a synthetic JSON Lines file (issue 20, item 1: loose objects
# per second) for several CLI jars, runs alternating (A B A B ...) so that a change of machine load hits every jar
# alike; each run starts from an empty store. Prints one line per run (load average before it, wall, user and system
# CPU seconds, peak RSS, objects/s) and the median wall, user and objects/s per jar. Then checks equivalence: a copy
# of the store each jar ingested is compiled by every jar's `snapshot` command, and all snapshot ids must be equal
# (same objects and files give the same snapshot bytes; an older jar's store opened by a newer one is upgraded, and
# the upgrade note is shown).
#
# Usage: bench/scripts/ingest-speed.sh [-n RUNS] [-f FILES] [--work DIR] NAME|JAR ...
#   -f FILES  synthetic files (one JSON line each; SyntheticGraph.ofFiles(FILES, DEFAULT_SEED)); default 20000.
#             The JSONL is written once to DIR/ingest-FILES.jsonl by the bench jar (BENCH_JAR, default
#             bench/target/benchmarks.jar: `mvn -B -q -pl bench -am package -DskipTests`).
# Example (the figures of bench/README.md, "Ingest speed"):
#   bench/scripts/ingest-speed.sh -n 3 'main|/tmp/main.jar' 'branch|cli/target/graphsnap.jar'
# Set JAVA to the JDK 25 java binary if `java` on PATH is older.
set -euo pipefail
runs=3
files=20000
work="${TMPDIR:-/tmp}/graphsnap-ingest-speed"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -f) files=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
java_bin="${JAVA:-java}"
javac_bin="$(dirname "$java_bin")/javac"
bench_jar="${BENCH_JAR:-bench/target/benchmarks.jar}"
mkdir -p "$work"
input="$work/ingest-$files.jsonl"

if [ ! -s "$input" ]; then
  echo "writing $files synthetic files to $input ..." >&2
  mkdir -p "$work/gen"
  cat >"$work/gen/Gen.java" <<'JAVA'
import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.bench.SyntheticJsonl;
import java.nio.file.Path;

public class Gen {
  public static void main(String[] args) throws Exception {
    SyntheticJsonl.write(SyntheticGraph.ofFiles(Integer.parseInt(args[0]), SyntheticGraph.DEFAULT_SEED),
        Path.of(args[1]), null);
  }
}
JAVA
  "$javac_bin" -cp "$bench_jar" -d "$work/gen" "$work/gen/Gen.java"
  "$java_bin" -cp "$work/gen:$bench_jar" Gen "$files" "$input.tmp"
  mv "$input.tmp" "$input"
fi
echo "input: $input ($(du -m "$input" | cut -f1) MB, $(wc -l <"$input") lines); $(nproc) cores" >&2

run_one() { # name jar store -> one result line
  local name=$1 jar=$2 store=$3 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  rm -rf "$store"
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" \
    "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$jar" --quiet ingest --store "$store" "$input" \
    >"$work/$name.out" 2>&1 || { echo "$name: ingest failed:" >&2; cat "$work/$name.out" >&2; exit 1; }
  read -r wall user sys rss <"$work/$name.time"
  local rate
  rate=$(awk -v n="$files" -v w="$wall" 'BEGIN { printf "%d", n / w }')
  printf '%-10s load %5s  wall %7.2f s  user %6.2f s  sys %5.2f s  rss %5d MB  %6d objects/s\n' "$name" "$load" \
    "$wall" "$user" "$sys" $((rss / 1024)) "$rate"
  echo "$name $wall $user $rate" >>"$work/results"
}

: >"$work/results"
for round in $(seq "$runs"); do
  for spec in "$@"; do
    IFS='|' read -r name jar <<<"$spec"
    run_one "$name" "$jar" "$work/store-$name"
  done
done
echo "medians over $runs runs (files=$files):"
for spec in "$@"; do
  IFS='|' read -r name jar <<<"$spec"
  awk -v n="$name" '$1 == n { w[++k] = $2; u[k] = $3; r[k] = $4 }
    function med(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    END { printf "  %-10s wall %.2f s  user %.2f s  %d objects/s\n", n, med(w, k), med(u, k), med(r, k) }' "$work/results"
done

echo "equivalence (a copy of each store compiled by each jar; every id must be the same):"
for spec in "$@"; do
  IFS='|' read -r name _ <<<"$spec"
  for by in "$@"; do
    IFS='|' read -r by_name by_jar <<<"$by"
    rm -rf "$work/copy"
    cp -r "$work/store-$name" "$work/copy"
    if ! "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$by_jar" snapshot --store "$work/copy" \
      >"$work/snapshot.out" 2>"$work/snapshot.err"; then
      if grep -q 'written by a newer graphsnap' "$work/snapshot.err"; then # e.g. a jar from before packs (schema 4)
        echo "  store of $name, snapshot by $by_name: skipped, $by_name refuses the newer index schema (by design)"
        continue
      fi
      echo "  store of $name, snapshot by $by_name: failed:" >&2
      cat "$work/snapshot.err" >&2
      exit 1
    fi
    id=$(tail -n 1 "$work/snapshot.out")
    echo "  store of $name, snapshot by $by_name: $id $(grep -o 'index upgraded[^;]*' "$work/snapshot.err" || true)"
  done
done
rm -rf "$work/copy"
