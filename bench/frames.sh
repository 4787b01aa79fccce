#!/usr/bin/env bash
# The CPU time of a frame of every screen (issue 12): the hidden Catch2 case
# "[.bench][frames]" on the 40-team and the national-scale database, in a Release build.
#
#   bench/frames.sh [forty|national]...   (default: both)
#
# Builds Release in build-release/, makes each database once with a fixed seed (kept in
# $TEAMSPIEGEL_BENCH_DIR, default build-release/bench/, and made again when the schema or the
# demo generator changes):
#   forty     demo --teams 40 --years 10             (about 200,000 measures)
#   national  demo --teams 40 --years 10 --scale 10  (about 2,000,000 measures; 7 minutes, 2.8 GB)
# and prints, per database, one line per screen:  frame SCREEN MS_PER_FRAME EMPTY_MS
# (the median of five runs of 200 frames, CPU time, headless). Exits non-zero when a screen
# takes 2 ms or more, or more than 3 times the empty layout (the settings screen).
# The databases are opened read-only: the runs leave them as they are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release"
cache=${TEAMSPIEGEL_BENCH_DIR:-$build/bench}
mkdir -p "$cache"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target teamspiegel ui_tests -j "$(nproc)" >/dev/null
ts="$build/teamspiegel"
version="$("$ts" --version) $(git -C "$root" log -1 --format=%h -- src/store/migrations.cpp src/core/demo.cpp)"

dbs=("$@")
[[ ${#dbs[@]} -gt 0 ]] || dbs=(forty national)
status=0
for db_name in "${dbs[@]}"; do
    case $db_name in
        forty) scale=1 ;;
        national) scale=10 ;;
        *) echo "bench/frames.sh: unknown database \"$db_name\" (forty or national)" >&2; exit 2 ;;
    esac
    db="$cache/$db_name.db"
    if [[ ! -f "$db" || "$(cat "$cache/$db_name.version" 2>/dev/null)" != "$version" ]]; then
        rm -f "$db" "$db-wal" "$db-shm"
        echo "making the $db_name database once ($db) …"
        /usr/bin/time -f "  demo: %e s, peak %M KB" "$ts" --db "$db" demo --teams 40 --years 10 --scale "$scale" --seed 1
        echo "$version" >"$cache/$db_name.version"
    fi
    echo "== $db_name"
    if ! TS_BIG_DB="$db" "$build/tests/ui_tests" "[.bench][frames]" >"$cache/$db_name-frames.log" 2>&1; then status=1; fi
    grep -E '^(bench|frame) ' "$cache/$db_name-frames.log" || true
    awk '/^frame / { if ($3 >= 2 || $3 > 3 * $4) print "  over budget: " $2 " " $3 " ms (empty layout " $4 " ms)" }' "$cache/$db_name-frames.log"
done
exit $status
