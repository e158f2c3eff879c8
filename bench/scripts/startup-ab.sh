#!/usr/bin/env bash
# Side-by-side start-up: runs each command once per round, in turn, for N rounds (default 20), so that a load that
# changes during the measurement hits every command alike; prints each command's median wall time in milliseconds
# with the min and max (the same statistic as startup.sh), and the load average before and after.
# Usage: bench/scripts/startup-ab.sh [-n N] 'COMMAND A' 'COMMAND B' ...   (each command is one string, run by bash)
# Example (main's launcher copied to /tmp/main, this checkout's in .):
#   bench/scripts/startup-ab.sh "/tmp/main/graphsnap lookup --store /tmp/jb1 'java.util.ArrayList#add(Object)'" \
#                               "./graphsnap lookup --store /tmp/jb1 'java.util.ArrayList#add(Object)'"
set -euo pipefail
n=20
if [ "${1:-}" = "-n" ]; then n=$2; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-n N] 'COMMAND A' 'COMMAND B' ..." >&2; exit 2; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
times=()
for _ in $(seq "$n"); do
  k=0
  for c in "$@"; do
    start=$(date +%s%N)
    bash -c "$c" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times[$k]="${times[$k]:-} $(( (end - start) / 1000000 ))"
    k=$((k + 1))
  done
done
k=0
for c in "$@"; do
  printf '%s\n' ${times[$k]} | sort -n | awk -v c="$c" '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "median %s ms (min %d, max %d, n=%d): %s\n", m, a[1], a[NR], NR, c }'
  k=$((k + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
