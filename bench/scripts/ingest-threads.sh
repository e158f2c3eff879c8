#!/usr/bin/env bash
# CPU per thread of `graphsnap --quiet ingest` (issue 20, item 1): each jar ingests INPUT into an empty store under
# `perf record -F 199`, runs alternating (A B A B ...); prints per run the load average before it, wall, user and
# system CPU from /usr/bin/time, and the CPU seconds of the applying thread (`java`, which also reads the input), the
# ingest workers, the JIT compilers and GC (perf samples per thread ÷ 199). Needs perf and /usr/bin/time.
#
# Usage: bench/scripts/ingest-threads.sh [-n RUNS] [--work DIR] INPUT.jsonl NAME|JAR ...
# Example (bench/README.md, "Ingest speed"): bench/scripts/ingest-threads.sh -n 3 /tmp/ingest-100000.jsonl \
#   'main|/tmp/main.jar' 'branch|cli/target/graphsnap.jar'    (INPUT as ingest-speed.sh writes it)
# Set JAVA to the JDK 25 java binary if `java` on PATH is older.
set -euo pipefail
runs=3
work="${TMPDIR:-/tmp}/graphsnap-ingest-threads"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 1 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
input=$1; shift
java_bin="${JAVA:-java}"
mkdir -p "$work"
for round in $(seq "$runs"); do
  for spec in "$@"; do
    IFS='|' read -r name jar <<<"$spec"
    store="$work/store-$name"
    rm -rf "$store"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$work/$name.time" perf record -q -F 199 -o "$work/$name.perf" -- \
      "$java_bin" --enable-native-access=ALL-UNNAMED -jar "$jar" --quiet ingest --store "$store" "$input" \
      >"$work/$name.out" 2>&1 || { echo "$name: ingest failed:" >&2; cat "$work/$name.out" >&2; exit 1; }
    read -r wall user sys <"$work/$name.time"
    perf report -i "$work/$name.perf" --sort comm --stdio -g none -F sample,comm 2>/dev/null | grep -v '^#' \
      | grep -v '^$' | awk -v n="$name" -v r="$round" -v l="$load" -v w="$wall" -v u="$user" -v s="$sys" '
        { c = $1; name = $2; for (i = 3; i <= NF; i++) name = name " " $i
          if (name == "java") a += c; else if (name ~ /graphsnap-inges/) k += c
          else if (name ~ /C[12] Compiler/) j += c; else if (name ~ /GC Thread|G1/) g += c; else o += c }
        END { printf "%-8s run %d load %5s  wall %6.2f s  user %6.2f s  sys %5.2f s | applying %5.1f s  workers %5.1f s" \
              "  JIT %4.1f s  GC %4.1f s  other %4.1f s\n", n, r, l, w, u, s, a / 199, k / 199, j / 199, g / 199, o / 199 }'
    rm -rf "$store"
  done
done
