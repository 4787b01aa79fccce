#!/usr/bin/env bash
# Measures the CPU time the idle window uses: starts Teamspiegel under Xvfb, waits for it to
# settle, then reports the CPU seconds used over an idle interval (no input arrives).
# Usage: bench/idle_cpu.sh [build/teamspiegel] [seconds]
set -euo pipefail
bin=${1:-build/teamspiegel}
secs=${2:-10}
if [[ -z "${TEAMSPIEGEL_BENCH_UNDER_XVFB:-}" ]]; then
  export TEAMSPIEGEL_BENCH_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi
db=$(mktemp -d)/bench.db
"$bin" --db "$db" demo --teams 2 --years 1 >/dev/null
"$bin" --db "$db" & pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
sleep 3  # start-up and the frames after it
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0=$(ticks); sleep "$secs"; t1=$(ticks)
hz=$(getconf CLK_TCK)
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$secs" \
  'BEGIN { cpu = (b - a) / hz; printf "idle CPU: %.3f s over %d s (%.2f %%)\n", cpu, s, 100 * cpu / s }'
