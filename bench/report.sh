#!/usr/bin/env bash
# The reports on organisation-scale data against the same aggregate written by hand in the
# sqlite3 shell, on the same file. A benchmark, not a test: run it on a quiet machine.
#
#   bench/report.sh [RUNS]
#
# Builds Release in build-release/, makes a 40-team, 10-year demo database once (kept in
# $TEAMSPIEGEL_BENCH_DIR, default ~/.cache/teamspiegel-bench, and made again when the program's
# schema changes), then prints for each report the median over RUNS runs (default 7) of
#   report:   the report's own work, as `TEAMSPIEGEL_TIMING=1 teamspiegel report …` measures it:
#             reading the facts and working out the figures, formatting, writing to /dev/null,
#   sqlite3:  the hand-written aggregate's run time in the sqlite3 shell: the statement only,
#             not the shell's start (see baseline below),
# and their ratio. Budgets (issue 9): the report under 100 ms, and report / sqlite3 at most 1.
# "start" (loading data/ and opening the database, the same for every report) is shown apart:
# like the shell's own start, it is not the aggregate's work.
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release"
cache=${TEAMSPIEGEL_BENCH_DIR:-$HOME/.cache/teamspiegel-bench}
mkdir -p "$cache"

command -v sqlite3 >/dev/null || { echo "bench/report.sh needs the sqlite3 shell: apt-get install sqlite3" >&2; exit 2; }
"$root/scripts/install-deps.sh" >/dev/null
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target teamspiegel -j "$(nproc)" >/dev/null
ts="$build/teamspiegel"

db="$cache/forty-teams.db"
stamp="$cache/forty-teams.version"
version="$("$ts" --version) $(git -C "$root" log -1 --format=%h -- src/store/migrations.cpp src/core/demo.cpp)"
if [[ ! -f "$db" || "$(cat "$stamp" 2>/dev/null)" != "$version" ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
    echo "making the 40-team database once ($db) …"
    /usr/bin/time -f "  demo: %e s, peak %M KB" "$ts" --db "$db" demo --teams 40 --years 10 --seed 1
    echo "$version" >"$stamp"
fi
"$ts" --db "$db" check

today=$(date +%F)
to=$(date -d "$today + 1 day" +%F)
from10=$(date -d "$to - 10 years" +%F)
from1=$(date -d "$to - 1 year" +%F)
team="De Linde"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timing WHAT ARGS…: the median over the runs of the report's work in ms, where WHAT is
#   work   the report itself: every lap after the start (JSON: facts, rows, write; CSV: facts,
#          figures, format, write), that is reading the facts, working out the figures,
#          formatting and writing (to /dev/null);
#   start  what comes before it: loading data/ and opening (checking) the database.
timing() {
    local what=$1
    shift
    for _ in $(seq "$runs"); do
        TEAMSPIEGEL_TIMING=1 "$ts" --db "$db" report "$@" --out /dev/null 2>&1 >/dev/null | awk -v what="$what" '
            /^timing:/ { start = 0; work = 0
                         for (i = 2; i <= NF; i += 3) {
                             if ($i == "content" || $i == "open") start += $(i + 1)
                             else if ($i != "total") work += $(i + 1) }
                         print (what == "work" ? work : start) }'
    done | median
}
# baseline SQL: the median time of the statement in the sqlite3 shell, in ms. The shell's
# `.timer` counts whole milliseconds at best, so each run executes the statement $reps times in
# one shell and subtracts a shell that executes nothing: the statement's own time, without the
# shell's start, however short it is.
reps=20
now_ns() { date +%s%N; }
baseline() {
    local script empty t0 t1 t2
    script=$(printf '.output /dev/null\n'; for _ in $(seq "$reps"); do printf '%s\n' "$1"; done)
    for _ in $(seq "$runs"); do
        t0=$(now_ns)
        printf '%s\n' "$script" | sqlite3 "$db"
        t1=$(now_ns)
        printf '.output /dev/null\n' | sqlite3 "$db"
        t2=$(now_ns)
        echo $(( (t1 - t0) - (t2 - t1) ))
    done | awk -v reps="$reps" '{ print $1 / reps / 1e6 }' | median
}

printf '\n%-44s %9s %9s %10s %6s  %s\n' "report (median of $runs runs)" "start ms" "report ms" "sqlite3 ms" "ratio" "budget"
row() {
    local name=$1 sql=$2
    shift 2
    local start work base
    start=$(timing start "$@")
    work=$(timing work "$@")
    base=$(baseline "$sql")
    awk -v n="$name" -v s="$start" -v a="$work" -v b="$base" 'BEGIN {
        r = a / b; ok = (a < 100 && r <= 1) ? "ok" : (a < 100 ? "slower than sqlite3" : "over 100 ms")
        printf "%-44s %9.1f %9.1f %10.1f %6.2f  %s\n", n, s, a, b, r, ok }'
}

row "measures, all teams by month, 10 years" \
    "SELECT team_id, substr(started_at, 1, 7), count(*) FROM measure GROUP BY 1, 2;" \
    measures --by month --from "$from10" --to "$to"
row "incidents, all teams by month, 10 years" \
    "SELECT team_id, substr(occurred_at, 1, 7), count(*) FROM incident GROUP BY 1, 2;" \
    incidents --by month --from "$from10" --to "$to"
row "measures, one team by month, 1 year" \
    "SELECT substr(started_at, 1, 7), count(*) FROM measure WHERE team_id = (SELECT id FROM team WHERE name = '$team') AND started_at >= '$from1' AND started_at < '$to' GROUP BY 1;" \
    measures --team "$team" --by month --from "$from1" --to "$to"
row "actions across teams, last 12 months" \
    "SELECT team_id, status, count(*) FROM action GROUP BY 1, 2;" \
    actions --from "$from1" --to "$to"
