#!/usr/bin/env bash
# The database file through the real command line (issue 6, findings 3, 4, 8, 9 and 10): a damaged,
# locked, read-only, foreign, empty or missing file gives exit 1 and one plain line, never a crash;
# read-only commands create and change nothing; a new database is private (0600); processes that
# create one database at once all succeed.
# Usage: cli_database_files.sh TEAMSPIEGEL_BINARY
set -u
ts=$1
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
sum() { sha256sum "$1" | cut -d' ' -f1; }

# expect NAME RC STDERR_REGEX -- COMMAND...: exit code RC, stderr one line matching, no crash.
expect() {
  local name=$1 want_rc=$2 want_err=$3 rc
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [[ $rc -eq $want_rc ]] || fail "$name: exit $rc, expected $want_rc ($(head -c 400 "$tmp/err"))"
  if [[ -n "$want_err" ]]; then
    [[ $(wc -l <"$tmp/err") -eq 1 ]] || fail "$name: expected one line on stderr, got: $(head -c 600 "$tmp/err")"
    grep -Eq -- "$want_err" "$tmp/err" || fail "$name: stderr '$(head -c 400 "$tmp/err")' does not match '$want_err'"
  fi
  ! grep -Eq 'terminate called|Aborted|what\(\)' "$tmp/err" || fail "$name: crashed: $(head -c 400 "$tmp/err")"
}

# sqlite SQL...: runs SQL on a file with Python's sqlite3 (no sqlite3 command needed).
sqlite() { "$py" -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()' "$@"; }

umask 022
"$ts" --db "$tmp/demo.db" demo --teams 4 --years 3 --seed 7 >/dev/null || { echo "demo failed"; exit 1; }
"$ts" --db "$tmp/demo.db" export --out "$tmp/bundle.json" >/dev/null || { echo "export failed"; exit 1; }

# --- 4: a new database is readable by the user only, whatever the folder; an existing file keeps its mode
mode=$(stat -c %a "$tmp/demo.db")
[[ $mode == 600 ]] || fail "modes: a new database in a 0755 folder is $mode, expected 600"
mkdir -p "$tmp/shared"
"$ts" --db "$tmp/shared/team.db" import "$tmp/bundle.json" >/dev/null || fail "modes: import failed"
chmod 0640 "$tmp/shared/team.db"
"$ts" --db "$tmp/shared/team.db" import "$tmp/bundle.json" >/dev/null || fail "modes: second import failed"
mode=$(stat -c %a "$tmp/shared/team.db")
[[ $mode == 640 ]] || fail "modes: an existing 0640 database became $mode"

# --- 3: a damaged database: exit 1 and one plain line, from every command, never a crash
cp "$tmp/demo.db" "$tmp/damaged.db"
"$py" - "$tmp/damaged.db" <<'PY'
import os, random, sys
# 8 KiB of random bytes at every tenth of the file, so that pages the export and the window's
# first screen read are surely hit (the layout follows the demo's dates; the first team's
# measures lie in the first part of the file).
random.seed(3)
size = os.path.getsize(sys.argv[1])
with open(sys.argv[1], "r+b") as f:
    for share in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        f.seek(int(size * share) // 4096 * 4096)
        f.write(bytes(random.getrandbits(8) for _ in range(8192)))
PY
damaged='^teamspiegel: error: .*damaged\.db: the database is damaged; run `teamspiegel check`$'
expect damaged_export 1 "$damaged" -- "$ts" --db "$tmp/damaged.db" export --out "$tmp/damaged.json"
[[ ! -e "$tmp/damaged.json" ]] || fail "damaged_export: wrote $tmp/damaged.json"
expect damaged_export_team 1 "$damaged" -- "$ts" --db "$tmp/damaged.db" export --team "De Linde"
"$ts" --db "$tmp/damaged.db" check >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 1 ]] || fail "damaged_check: exit $rc"
grep -q 'damaged\.db: damaged' "$tmp/err" || fail "damaged_check: $(head -c 300 "$tmp/err")"
# The window shows the failure instead of aborting, and closes cleanly (exit 1: it ended on a failure).
# (The program's own exit status is reported from inside xvfb-run, whose exit status can also
# be that of its own clean-up.)
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '"$@"; echo "exit status $?" >&2' _ \
    "$ts" --db "$tmp/damaged.db" --frames 5 >/dev/null 2>"$tmp/err"
  grep -qx 'exit status 1' "$tmp/err" || fail "damaged_window: $(head -c 400 "$tmp/err")"
  grep -q 'damaged\.db: the database is damaged' "$tmp/err" || fail "damaged_window: $(head -c 400 "$tmp/err")"
  ! grep -Eq 'terminate called|Aborted|what\(\)' "$tmp/err" || fail "damaged_window: crashed: $(head -c 400 "$tmp/err")"
fi

# Out of memory ends in one line and exit 1, not `terminate called … std::bad_alloc`: export under
# address-space limits from 10 MB up (below some limit the program cannot even load; above some
# it has enough). Not under the sanitizers, which reserve terabytes of address space.
if ! grep -q __asan_init "$ts"; then
  oom=0
  for limit in $(seq 10000 1000 64000); do
    (ulimit -v "$limit"; exec "$ts" --db "$tmp/demo.db" export) >/dev/null 2>"$tmp/err"
    rc=$?
    [[ $rc -lt 128 ]] || fail "out_of_memory: exit $rc under ulimit -v $limit: $(head -c 300 "$tmp/err")"
    if [[ $rc -eq 1 ]] && grep -qx 'teamspiegel: error: out of memory' "$tmp/err"; then oom=$((oom + 1)); fi
    [[ $rc -eq 0 ]] && break
  done
  [[ $oom -gt 0 ]] || fail "out_of_memory: no limit gave 'out of memory'"
fi

# --- 9: read-only commands never create or change a database
expect export_missing 1 'typo/dir/x\.db: no such database$' -- "$ts" --db "$tmp/typo/dir/x.db" export
[[ ! -e "$tmp/typo" ]] || fail "export_missing: created $tmp/typo"
: >"$tmp/empty.db"
expect export_empty 1 'empty\.db: not a Teamspiegel database \(an empty file\)$' -- "$ts" --db "$tmp/empty.db" export
[[ ! -s "$tmp/empty.db" ]] || fail "export_empty: the empty file was written to"
[[ ! -e "$tmp/empty.db-wal" && ! -e "$tmp/empty.db-journal" ]] || fail "export_empty: SQLite files were made"
sqlite "$tmp/tableless.db" 'CREATE TABLE t (x); DROP TABLE t;'
before=$(sum "$tmp/tableless.db")
expect export_tableless 1 'tableless\.db: not a Teamspiegel database \(an empty SQLite database\)$' -- "$ts" --db "$tmp/tableless.db" export
[[ $(sum "$tmp/tableless.db") == "$before" ]] || fail "export_tableless: the file changed"
sqlite "$tmp/foreign.db" 'CREATE TABLE recipes (name TEXT);'
before=$(sum "$tmp/foreign.db")
expect export_foreign 1 'foreign\.db: not a Teamspiegel database \(a SQLite database of another program\)$' -- "$ts" --db "$tmp/foreign.db" export
[[ $(sum "$tmp/foreign.db") == "$before" ]] || fail "export_foreign: the file changed"
sqlite "$tmp/older.db" 'PRAGMA application_id = 1414746183; CREATE TABLE t (x); DROP TABLE t;'
before=$(sum "$tmp/older.db")
expect export_older 1 'older\.db: schema version 0 is older than this program.s \(5\); open it once' -- "$ts" --db "$tmp/older.db" export
[[ $(sum "$tmp/older.db") == "$before" ]] || fail "export_older: the file changed"
cp "$tmp/demo.db" "$tmp/newer.db"
sqlite "$tmp/newer.db" 'PRAGMA user_version = 99;'
before=$(sum "$tmp/newer.db")
expect export_newer 1 'newer\.db: schema version 99 is newer than this program' -- "$ts" --db "$tmp/newer.db" export
[[ $(sum "$tmp/newer.db") == "$before" ]] || fail "export_newer: the file changed"
# ...and a healthy database is exported without a byte of it changing.
before=$(sum "$tmp/demo.db")
expect export_healthy 0 '' -- "$ts" --db "$tmp/demo.db" export --out "$tmp/again.json"
[[ $(sum "$tmp/demo.db") == "$before" ]] || fail "export_healthy: the database changed"

# --- 10: check tells a wrong schema version, a lock and a read-only file apart from damage
cp "$tmp/demo.db" "$tmp/version0.db"
sqlite "$tmp/version0.db" 'PRAGMA user_version = 0;'
before=$(sum "$tmp/version0.db")
expect check_version0 1 'version0\.db: schema version 0 but the tables of version 5 are present$' -- "$ts" --db "$tmp/version0.db" check
expect export_version0 1 'version0\.db: the database is damaged \(schema version 0 but the tables of version 5 are present\)' -- "$ts" --db "$tmp/version0.db" export
expect open_version0 1 'version0\.db: the database is damaged \(schema version 0' -- "$ts" --db "$tmp/version0.db" import "$tmp/bundle.json"
[[ $(sum "$tmp/version0.db") == "$before" ]] || fail "version0: the file changed"
cp "$tmp/demo.db" "$tmp/missing-table.db"
sqlite "$tmp/missing-table.db" 'DROP TABLE action_update;'
expect check_missing_table 1 'missing-table\.db: schema version 5 but table action_update is missing$' -- "$ts" --db "$tmp/missing-table.db" check

# Locked: another program holds an exclusive lock on a rollback-journal database.
cp "$tmp/demo.db" "$tmp/locked.db"
rm -f "$tmp/out" "$tmp/err"
"$py" - "$tmp/locked.db" "$ts" "$tmp/out" "$tmp/err" <<'PY'
import sqlite3, subprocess, sys
db, ts, out, err = sys.argv[1:5]
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE")
c.execute("BEGIN EXCLUSIVE")
c.execute("INSERT INTO setting VALUES ('held', 'by another program')")
for name in ("check", "export"):
    r = subprocess.run([ts, "--db", db, name], capture_output=True, text=True)
    open(out, "a").write(f"{name} {r.returncode}\n")
    open(err, "a").write(r.stderr)
c.execute("ROLLBACK")
PY
grep -qx 'check 1' "$tmp/out" || fail "check_locked: $(cat "$tmp/out")"
grep -qx 'export 1' "$tmp/out" || fail "export_locked: $(cat "$tmp/out")"
grep -q 'locked\.db: in use by another program (locked); try again$' "$tmp/err" || fail "check_locked: $(cat "$tmp/err")"
grep -q 'locked\.db: the database is in use by another program; try again$' "$tmp/err" || fail "export_locked: $(cat "$tmp/err")"
! grep -q 'damaged' "$tmp/err" || fail "locked: called damaged: $(cat "$tmp/err")"
rm -f "$tmp/out" "$tmp/err"
expect check_unlocked 0 '' -- "$ts" --db "$tmp/locked.db" check

# Read-only: a WAL database in a folder the user cannot write (root ignores permission bits, so
# as root this runs as the user nobody, for whom the root-owned 0755 folder is read-only).
mkdir "$tmp/ro"
cp "$tmp/demo.db" "$tmp/ro/team.db"
chmod 0444 "$tmp/ro/team.db"
before=$(sum "$tmp/ro/team.db")
as_reader=()
if [[ $(id -u) -eq 0 ]]; then
  if command -v setpriv >/dev/null; then
    chmod 0755 "$tmp"
    as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  else
    echo "note: not checking a read-only folder (root without setpriv)"
  fi
else
  chmod 0555 "$tmp/ro"
fi
if [[ $(id -u) -ne 0 || ${#as_reader[@]} -gt 0 ]]; then
  expect check_read_only 0 '' -- "${as_reader[@]}" "$ts" --db "$tmp/ro/team.db" check
  grep -q 'team\.db: ok (schema 5; 4 teams' "$tmp/out" || fail "check_read_only: $(cat "$tmp/out" "$tmp/err")"
  expect export_read_only 0 '' -- "${as_reader[@]}" "$ts" --db "$tmp/ro/team.db" export
  grep -q '"format": "teamspiegel-bundle"' "$tmp/out" || fail "export_read_only: $(head -c 300 "$tmp/err")"
  expect demo_read_only 1 'team\.db: the database cannot be written' -- "${as_reader[@]}" "$ts" --db "$tmp/ro/team.db" demo --teams 1
  [[ $(sum "$tmp/ro/team.db") == "$before" ]] || fail "read_only: the file changed"
  [[ ! -e "$tmp/ro/team.db-shm" ]] || fail "read_only: made a -shm file"
fi
chmod 0755 "$tmp/ro"

# --- 8: processes that start on one new database at once all succeed, and the schema is made once
for round in $(seq 1 10); do
  db=$tmp/first-start-$round.db
  pids=()
  for i in 1 2 3; do
    "$ts" --db "$db" import "$tmp/bundle.json" >/dev/null 2>"$tmp/first-$i.err" &
    pids+=($!)
  done
  for i in 1 2 3; do
    wait "${pids[$((i - 1))]}" || fail "first_start round $round: $(cat "$tmp/first-$i.err")"
  done
  expect "first_start_check_$round" 0 '' -- "$ts" --db "$db" check
done

# --- issue 12: an import into a new path fills a file of its own beside it, linked into place when
# whole: afterwards the folder holds the database alone (private, in WAL, passing check), and a
# refused bundle leaves the folder as it was.
mkdir -p "$tmp/fill" "$tmp/refused"
expect "fill: import into a new path" 0 "" -- "$ts" --db "$tmp/fill/new.db" import "$tmp/bundle.json"
left=$(ls -A "$tmp/fill" | tr '\n' ' ')
[[ $left == "new.db " ]] || fail "fill: the folder holds '$left' after the import, expected only new.db"
[[ $(stat -c %a "$tmp/fill/new.db") == 600 ]] || fail "fill: the new database is $(stat -c %a "$tmp/fill/new.db"), expected 600"
journal=$("$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode").fetchone()[0])' "$tmp/fill/new.db")
[[ $journal == wal ]] || fail "fill: the new database's journal is $journal, expected wal"
expect "fill: check" 0 "" -- "$ts" --db "$tmp/fill/new.db" check
grep -Eq "ok \(schema [0-9]+; 4 teams" "$tmp/out" || fail "fill: check says $(cat "$tmp/out")"
# A measure that names an incident nowhere in the bundle or the database: refused at the end.
"$py" - "$tmp/bundle.json" "$tmp/refused.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["measures"][-1]["incident_id"] = "00000000-0000-4000-8000-000000000001"
json.dump(b, open(sys.argv[2], "w"))
PY
expect "fill: a refused bundle" 1 "unknown incident" -- "$ts" --db "$tmp/refused/new.db" import "$tmp/refused.json"
left=$(ls -A "$tmp/refused" | tr '\n' ' ')
[[ -z $left ]] || fail "fill: a refused import left '$left' in the folder"

if [[ $failures -gt 0 ]]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "ok"
