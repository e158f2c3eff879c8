#!/usr/bin/env bash
# Median wall time of N runs of a command (default 20), in milliseconds, with the min and max.
# Usage: bench/scripts/startup.sh [-n N] COMMAND [ARGS...]
# Example (from a folder where `./graphsnap build` made .graphsnap):
#   bench/scripts/startup.sh ./graphsnap --version
#   bench/scripts/startup.sh ./graphsnap lookup java.util.ArrayList
set -euo pipefail
n=20
if [ "${1:-}" = "-n" ]; then n=$2; shift 2; fi
times=()
for _ in $(seq "$n"); do
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk -v n="$n" '{a[NR]=$1} END {if (n % 2) print a[(n+1)/2]; else print (a[n/2] + a[n/2+1]) / 2}')
echo "median ${median} ms (min $(printf '%s\n' "$sorted" | head -1), max $(printf '%s\n' "$sorted" | tail -1), n=$n): $*"
