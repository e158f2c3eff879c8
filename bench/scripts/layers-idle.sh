#!/usr/bin/env bash
# Save to answer with and without layers, and HTTP over a layer, on an otherwise idle machine (bench/README,
# "Layers: save to answer at medium"). Alternates the modes; prints a summary to OUTDIR/summary.txt.
# Prerequisites (see bench/README for the commands):
#   $WM/shards   the medium scale as 16 shards (SyntheticJsonl --scale medium --shards 16)
#   $WM/store    a store built from them (serve --watch $WM/shards --jsonl, once)
#   $WM/store-L  a copy of it whose head is a layer (ingest a few changed lines; snapshot --layer)
#   $WM/names.txt  method names, one per line (query kind:method --json on $WM/store)
#   $JB/java.base and $JB/store  the JDK's java.base sources and a store built from them
# usage: bench/scripts/layers-idle.sh OUTDIR
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/tmp/layers-idle}; mkdir -p "$out"
WM=${WM:-/tmp/wm}
JB=${JB:-/tmp/jb}
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
BENCH=${BENCH_JAR:-$root/bench/target/benchmarks.jar}
run_one() { # $1 label, $2 layers mode, $3 pause ms, $4 runs
  local label=$1 mode=$2 pause=$3 runs=$4
  rm -rf $WM/store-run && cp -r $WM/store $WM/store-run
  "$root/graphsnap" serve --store $WM/store-run --watch $WM/shards --jsonl --layers "$mode" --port 7730 \
    > "$out/$label.serve.out" 2> "$out/$label.serve.err" &
  local pid=$!
  for i in $(seq 1 600); do grep -q "answers ready" "$out/$label.serve.err" 2>/dev/null && break; sleep 1; done
  sleep 3
  echo "== $label (layers $mode, pause $pause ms, $runs runs) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  $J -cp $BENCH io.graphsnap.bench.serve.WatchLatency --url http://127.0.0.1:7730 --jsonl $WM/shards \
    --runs "$runs" --timeout 120 --pause-ms "$pause" > "$out/$label.latency.txt" 2>&1
  tail -1 "$out/$label.latency.txt" | tee -a "$out/summary.txt"
  sleep 3
  kill "$pid"; wait "$pid" 2>/dev/null
  grep "published" "$out/$label.serve.err" | tail -n +2 | sed 's/.* in \([0-9]*\) ms\(.*\)(.*/\1 \2/' | head -40 > "$out/$label.publish.txt"
}
run_one layers-1 auto 300 20
run_one never-1 never 300 10
run_one layers-2 auto 300 20
run_one never-2 never 300 10
run_one layers-fold auto 3000 10
run_one layers-yield auto 1100 10

# HTTP lookups over a layer (10 changed files) against the whole snapshot, no watch, alternating
http_one() { # $1 label, $2 store
  local label=$1 st=$2
  "$root/graphsnap" serve --store "$st" --port 7731 > "$out/$label.serve.out" 2> "$out/$label.serve.err" &
  local pid=$!
  sleep 8
  echo "== $label ($st) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  $J --enable-native-access=ALL-UNNAMED -cp $BENCH io.graphsnap.bench.serve.HttpLoad --url http://127.0.0.1:7731 \
    --names $WM/names.txt --clients 64 --rate 30000 --seconds 10 --warmup 5 --endpoints lookup,neighbors \
    > "$out/$label.http.txt" 2>&1
  grep -E "^\|" "$out/$label.http.txt" | tee -a "$out/summary.txt"
  kill "$pid"; wait "$pid" 2>/dev/null
}
http_one http-layer-1 $WM/store-L
http_one http-whole-1 $WM/store
http_one http-layer-2 $WM/store-L
http_one http-whole-2 $WM/store

# java.base: a method added to ArrayList.java, layers auto (java.base's 25 MB snapshot) vs never, alternating
jb_one() { # $1 label, $2 mode
  local label=$1 mode=$2
  rm -rf $JB/store-run && cp -r $JB/store $JB/store-run
  "$root/graphsnap" serve --store $JB/store-run --watch $JB/java.base --layers "$mode" --port 7732 \
    > "$out/$label.serve.out" 2> "$out/$label.serve.err" &
  local pid=$!
  for i in $(seq 1 300); do grep -q "answers ready" "$out/$label.serve.err" 2>/dev/null && break; sleep 1; done
  sleep 3
  echo "== $label (java.base, layers $mode) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"
  $J -cp $BENCH io.graphsnap.bench.serve.WatchLatency --url http://127.0.0.1:7732 \
    --file $JB/java.base/java/util/ArrayList.java --class java.util.ArrayList --runs 12 --timeout 120 \
    > "$out/$label.latency.txt" 2>&1
  tail -1 "$out/$label.latency.txt" | tee -a "$out/summary.txt"
  kill "$pid"; wait "$pid" 2>/dev/null
}
jb_one jb-layers-1 auto
jb_one jb-never-1 never
jb_one jb-layers-2 auto
jb_one jb-never-2 never
