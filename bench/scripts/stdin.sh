#!/usr/bin/env bash
# Throughput of the --stdin batch mode: `graphsnap COMMAND --stdin` answering N names (default 100,000) drawn with
# replacement, in a fixed pseudo-random order, from the snapshot's own symbol names. Prints the wall time, names per
# second of wall time (the issue's measure) and the CPU time (user + system, JIT threads included), and checks that
# one JSON line came back per name. Start-up is included: a batch of N names is what a script pays for N answers.
# Usage (from the repository root): bench/scripts/stdin.sh [-n N] [--store DIR] [lookup|neighbors|search]
# Example: bench/scripts/stdin.sh -n 1000000 --store /tmp/jb1 lookup
set -euo pipefail
n=100000
store=.graphsnap
command=lookup
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    lookup|neighbors|search) command=$1; shift ;;
    *) echo "usage: $0 [-n N] [--store DIR] [lookup|neighbors|search]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
names=$(mktemp)
out=$(mktemp)
trap 'rm -f "$names" "$out" "$names.all"' EXIT
# every symbol's name (query prints "KIND NAME" per line), then N of them with a fixed seed
"$root/graphsnap" query --store "$store" 'is:external OR -is:external' | awk '{print $2}' > "$names.all"
shuf -r -n "$n" --random-source=<(yes graphsnap) "$names.all" > "$names"
TIMEFORMAT='%R %U %S'
times=$( { time "$root/graphsnap" "$command" --stdin --store "$store" < "$names" > "$out" 2>/dev/null || true; } 2>&1 )
read -r wall user sys <<< "$times"
lines=$(wc -l < "$out")
[ "$lines" -eq "$n" ] || { echo "expected $n answers, got $lines" >&2; exit 1; }
awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v c="$command" -v t="$(wc -l < "$names.all")" 'BEGIN {
  printf "%s --stdin: %d names (of %d) in %.2f s wall = %.0f names/s; CPU %.2f s (user %.2f, sys %.2f) = %.0f names per CPU-second\n",
    c, n, t, w, n / w, u + s, u, s, n / (u + s) }'
