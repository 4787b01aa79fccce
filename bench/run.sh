#!/usr/bin/env bash
# Issue 12's performance budgets, measured on this machine. Not part of `make test`.
#
# Builds in Release (build/bench/release), makes the databases once and keeps them under
# build/bench/ (deterministic: seed 1; made again only when missing), then prints one line per
# measurement: its name, the median of several runs, the budget, whether it holds, and the
# ratio against the baseline measured on the program before issue 12 (docs/performance.md).
# Exits 1 when a budget is missed, 2 when it could not measure.
#
# Usage: bench/run.sh [--runs N] [--only WORD]   (WORD: a part of the names to run, e.g. import)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs N] [--only WORD]" >&2; exit 2 ;;
  esac
done

# The GUI measurements need a display; like the GUI tests, start our own Xvfb.
if [[ -z "${TEAMSPIEGEL_BENCH_UNDER_XVFB:-}" ]]; then
  export TEAMSPIEGEL_BENCH_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" --runs "$runs" ${only:+--only "$only"}
fi

dir="$root/build/bench"
mkdir -p "$dir"
echo "bench: building in Release ($dir/release)" >&2
cmake -S "$root" -B "$dir/release" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
  cmake --build "$dir/release" -j "$(nproc)" --target teamspiegel ui_tests >/dev/null || { echo "bench: the build failed" >&2; exit 2; }
bin="$dir/release/teamspiegel"
ui_tests="$dir/release/tests/ui_tests"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"  # no preference of this machine's user changes what is measured

# --- the databases and the bundle (made once) ---------------------------------------------
make_db() {  # name, demo arguments...
  local name=$1; shift
  if [[ ! -f "$dir/$name.db" ]]; then
    echo "bench: making $name.db (demo $*), once" >&2
    rm -f "$dir/$name.db.part"
    "$bin" --db "$dir/$name.db.part" demo "$@" --seed 1 >/dev/null || { echo "bench: demo $* failed" >&2; exit 2; }
    mv "$dir/$name.db.part" "$dir/$name.db"
  fi
}
make_db teams40 --teams 40 --years 10
make_db national --teams 40 --years 10 --scale 10
make_db million --teams 40 --years 10 --scale 4
if [[ ! -f "$dir/empty.db" ]]; then "$bin" --db "$dir/empty.db" check >/dev/null 2>&1; "$bin" --db "$dir/empty.db" --frames 1 >/dev/null 2>&1; fi
if [[ ! -f "$dir/million.json" || ! -f "$dir/million.count" ]]; then
  echo "bench: exporting million.json, once" >&2
  "$bin" --db "$dir/million.db" export --out "$dir/million.json" >"$tmp/exported" || exit 2
  sed -E 's/^exported ([0-9]+) records.*/\1/' "$tmp/exported" >"$dir/million.count"
fi
records=$(cat "$dir/million.count")

# --- helpers ---------------------------------------------------------------------------------
failed=0
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# line NAME VALUE UNIT BUDGET_TEXT OK(0/1) BASELINE_TEXT
line() {
  local verdict=ok
  [[ $5 == 1 ]] || { verdict=MISSED; failed=1; }
  printf '%-44s %12s %-8s %-22s %-7s %s\n' "$1" "$2" "$3" "$4" "$verdict" "$6"
}
want() { [[ -z "$only" || "$1" == *"$only"* ]]; }
# Wall seconds and peak resident kB of one run: "SECONDS KB".
timed() { /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }; cat "$tmp/time"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '%-44s %12s %-8s %-22s %-7s %s\n' "measurement (median of $runs)" value unit budget verdict "against the baseline"

# --- 1. import and export ---------------------------------------------------------------
if want import; then
  rates=() mems=() again=() again_mems=()
  for ((i = 0; i < runs; i++)); do
    rm -f "$tmp/import.db" "$tmp/import.db-wal" "$tmp/import.db-shm"
    # The last run's 800 MB on disk first, so that the kernel's writing them back is not timed here.
    sync
    read -r s kb < <(timed "$bin" --db "$tmp/import.db" import "$dir/million.json") || exit 2
    sync
    rates+=("$(awk -v n="$records" -v s="$s" 'BEGIN { printf "%.0f", n / s }')"); mems+=("$((kb / 1024))")
    read -r s kb < <(timed "$bin" --db "$tmp/import.db" import "$dir/million.json") || exit 2
    again+=("$(awk -v n="$records" -v s="$s" 'BEGIN { printf "%.0f", n / s }')"); again_mems+=("$((kb / 1024))")
  done
  r=$(printf '%s\n' "${rates[@]}" | median); m=$(printf '%s\n' "${mems[@]}" | median)
  line "import, $records records, empty database" "$r" "rec/s" ">= 100000" "$(ge "$r" 100000 && echo 1)" "$(ratio "$r" 8200)x the 8,200 rec/s before"
  line "import, peak memory" "$m" "MB" "< 300" "$(le "$m" 299 && echo 1)" "$(ratio "$m" 1495)x the 1.46 GB before"
  r=$(printf '%s\n' "${again[@]}" | median); m=$(printf '%s\n' "${again_mems[@]}" | median)
  line "import again, nothing changes" "$r" "rec/s" ">= 100000" "$(ge "$r" 100000 && echo 1)" "$(ratio "$r" 21772)x the 16 s for 348,350 before"
  line "import again, peak memory" "$m" "MB" "< 300" "$(le "$m" 299 && echo 1)" "$(ratio "$m" 1495)x the 1.46 GB before"
fi
if want export; then
  rates=() mems=()
  # The database in the page cache, as one in use is (the imports above may have pushed it out).
  cat "$dir/million.db" >/dev/null
  for ((i = 0; i < runs; i++)); do
    sync
    read -r s kb < <(timed "$bin" --db "$dir/million.db" export --out "$tmp/out.json") || exit 2
    rates+=("$(awk -v n="$records" -v s="$s" 'BEGIN { printf "%.0f", n / s }')"); mems+=("$((kb / 1024))")
  done
  r=$(printf '%s\n' "${rates[@]}" | median); m=$(printf '%s\n' "${mems[@]}" | median)
  line "export, $records records" "$r" "rec/s" ">= 200000" "$(ge "$r" 200000 && echo 1)" "$(ratio "$r" 23000)x the 23,000 rec/s before"
  line "export, peak memory" "$m" "MB" "< 300" "$(le "$m" 299 && echo 1)" "$(ratio "$m" 1690)x the 1.65 GB before"
fi

# --- 2. start-up, saves and memory of the window ------------------------------------------
if want start || want memory; then
  declare -A start mem
  for db in empty teams40 national; do
    times=() kbs=()
    for ((i = 0; i < runs; i++)); do
      cp "$dir/$db.db" "$tmp/gui.db"
      sync  # the copy written out first: the kernel's write-back of 2 GB would run during the start
      read -r s kb < <(timed "$bin" --db "$tmp/gui.db" --frames 1) || exit 2
      times+=("$s"); kbs+=("$kb")
    done
    start[$db]=$(printf '%s\n' "${times[@]}" | median)
    mem[$db]=$(( $(printf '%s\n' "${kbs[@]}" | median | cut -d. -f1) / 1024 ))
  done
  if want start; then
    line "first frame, empty database" "${start[empty]}" "s" "(the reference)" 1 "0.27 s before"
    q=$(ratio "${start[teams40]}" "${start[empty]}")
    line "first frame, 40 teams" "${start[teams40]}" "s" "<= 1.2x empty" "$(le "$q" 1.2 && echo 1)" "${q}x empty (1.35x before)"
    q=$(ratio "${start[national]}" "${start[empty]}")
    line "first frame, national scale" "${start[national]}" "s" "<= 1.5x empty" "$(le "$q" 1.5 && echo 1)" "${q}x empty (4.6x before)"
  fi
  if want memory; then
    d=$(( mem[national] - mem[empty] ))
    line "resident memory, national vs empty" "+$d" "MB" "<= +40" "$(le "$d" 40 && echo 1)" "${mem[national]} vs ${mem[empty]} MB (256 vs 161 before)"
  fi
fi

# --- 3. frames and a save, headless ------------------------------------------------------------
if want frame; then
  for db in teams40 national; do
    if ! TS_BIG_DB="$dir/$db.db" "$ui_tests" "[.bench][frames]" >"$tmp/frames" 2>&1; then frames_failed=1; else frames_failed=0; fi
    if ! grep -q '^frame ' "$tmp/frames"; then cat "$tmp/frames" >&2; echo "bench: no frame lines from ui_tests [.bench][frames]" >&2; exit 2; fi
    while read -r _ screen ms empty; do
      q=$(ratio "$ms" "$empty")
      ok=0; le "$ms" 2 && le "$q" 3 && ok=1
      line "frame CPU, $screen, $db" "$ms" "ms" "< 2 and <= 3x empty" "$ok" "${q}x the empty layout (${empty} ms)"
    done < <(grep '^frame ' "$tmp/frames")
    [[ $frames_failed == 0 ]] || failed=1
  done
fi
if want save; then
  cp "$dir/national.db" "$tmp/save.db"
  sync
  if ! TS_BIG_DB="$tmp/save.db" "$ui_tests" "[.bench][save]" >"$tmp/save" 2>&1 || ! grep -q '^save ' "$tmp/save"; then
    cat "$tmp/save" >&2
  fi
  if read -r _ ms < <(grep '^save ' "$tmp/save"); then
    line "a measure saved, back on screen, national" "$ms" "ms" "<= 50" "$(le "$ms" 50 && echo 1)" "$(ratio "$ms" 1300)x the ~1.3 s estimated before"
  else
    line "a measure saved, back on screen, national" "-" "ms" "<= 50" 0 "not measured"
  fi
  rm -f "$tmp/save.db"*
fi

# --- 4. idle --------------------------------------------------------------------------------
if want idle; then
  cp "$dir/teams40.db" "$tmp/idle.db"
  sync
  "$bin" --db "$tmp/idle.db" >/dev/null 2>&1 & pid=$!
  sleep 5  # start-up and the frames after it
  ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
  t0=$(ticks); sleep 30; t1=$(ticks)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  pct=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", 100 * (b - a) / hz / 30 }')
  line "idle window, 30 s, 40 teams" "$pct" "% core" "< 1" "$(le "$pct" 0.99 && echo 1)" "0 ticks before"

  # A meeting running in the presenter view, its step's timer counting down: the first team's
  # newest meeting marked running (the window reopens a running meeting at its step), and that
  # team's members inactive, so that no "who is at the keyboard" question covers it.
  cp "$dir/teams40.db" "$tmp/timer.db"
  python3 - "$tmp/timer.db" <<'PY' || { echo "bench: could not prepare the meeting" >&2; exit 2; }
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
team = db.execute("SELECT id FROM team ORDER BY name COLLATE NOCASE, id LIMIT 1").fetchone()[0]
db.execute("UPDATE meeting SET state = 'running' WHERE id = (SELECT id FROM meeting WHERE team_id = ? ORDER BY held_on DESC LIMIT 1)", (team,))
db.execute("UPDATE member SET active = 0 WHERE team_id = ?", (team,))
db.commit()
PY
  sync
  "$bin" --db "$tmp/timer.db" >/dev/null 2>&1 & pid=$!
  sleep 5
  t0=$(ticks); sleep 30; t1=$(ticks)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  pct=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", 100 * (b - a) / hz / 30 }')
  line "idle window, meeting timer running, 30 s" "$pct" "% core" "< 3" "$(le "$pct" 2.99 && echo 1)" "not measured before"
fi

exit $failed
