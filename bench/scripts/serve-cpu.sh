#!/usr/bin/env bash
# Server CPU per request, by thread group, while HttpLoad runs one endpoint against a running `graphsnap serve`.
# Less sensitive to other jobs on the machine than requests/s: it counts the server's own CPU time (user and
# system, from /proc/PID/task/*/stat) and divides by the requests answered in the measured window.
#
#   bench/scripts/serve-cpu.sh PID URL ENDPOINT [CLIENTS] [SECONDS] [HttpLoad options...]
#   e.g. bench/scripts/serve-cpu.sh "$(pgrep -f 'Main serve --port 7431')" http://127.0.0.1:7431 lookup 64 8
#        bench/scripts/serve-cpu.sh PID URL lookup 64 8 --rate 30000      # open loop
#        BENCH_JAR=/tmp/old/benchmarks.jar bench/scripts/serve-cpu.sh ...  # another build's HttpLoad
# Also prints HttpLoad's own line on the client's CPU per request (when it reports one).
#
# Warm the server up first (see bench/README.md): JIT compiler threads show up as their own group.
set -euo pipefail
pid=$1; url=$2; endpoint=$3; clients=${4:-64}; seconds=${5:-8}
shift $(($# < 5 ? $# : 5))
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${BENCH_JAR:-$root/bench/target/benchmarks.jar}
java=${JAVA:-java}
ticks() { # "group user system" in clock ticks, threads grouped by name without trailing digits
  for t in /proc/"$pid"/task/*; do
    n=$(tr ' ' '_' < "$t/comm"); s=($(sed 's/.*) //' "$t/stat")); echo "$n ${s[11]} ${s[12]}"
  done | awk '{gsub(/[0-9]+$/,"N",$1); u[$1]+=$2; k[$1]+=$3} END {for (n in u) print n, u[n], k[n]}' | sort
}
before=$(mktemp); after=$(mktemp); trap 'rm -f "$before" "$after"' EXIT
ticks > "$before"
out=$("$java" --enable-native-access=ALL-UNNAMED -cp "$jar" io.graphsnap.bench.serve.HttpLoad --url "$url" \
  --clients "$clients" --seconds "$seconds" --warmup 0.2 --endpoints "$endpoint" "$@")
ticks > "$after"
line=$(echo "$out" | grep "^| $endpoint | ")
requests=$(echo "$line" | awk -F'|' '{gsub(/[ ,]/,"",$3); print $3}')
hz=$(getconf CLK_TCK)
echo "$line   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "$out" | grep "^| $endpoint (service time)" || true
join "$before" "$after" | awk -v r="$requests" -v hz="$hz" '{u=($4-$2)*1e6/hz/r; k=($5-$3)*1e6/hz/r; if (u+k>0.05)
  printf "  %-24s user %6.1f µs/request  system %6.1f µs/request\n", $1, u, k; tu+=u; tk+=k}
  END {printf "  %-24s user %6.1f µs/request  system %6.1f µs/request\n", "all threads", tu, tk}'
echo "$out" | grep "^client CPU" || true
