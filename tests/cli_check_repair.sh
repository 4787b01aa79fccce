#!/usr/bin/env bash
# check finds packed months of measures that no longer match the measures, and check --repair
# makes them again; a report reads the same figures before the damage and after the repair.
# Usage: cli_check_repair.sh TEAMSPIEGEL_BINARY
set -u
ts=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
report() {
    for kind in measures incidents actions; do
        "$ts" --db "$tmp/a.db" report $kind --by month --from 2025-01-01 --to 2026-01-01 | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["rows"]))'
    done
}

"$ts" --db "$tmp/a.db" demo --teams 2 --years 2 --seed 4 >/dev/null || { echo "demo failed"; exit 1; }
"$ts" --db "$tmp/a.db" check >"$tmp/out" 2>&1 || fail "check of a fresh demo: $(cat "$tmp/out")"
before=$(report)

# Damage: every packed month claims to hold nothing but one made-up measure.
python3 - "$tmp/a.db" <<'PY' || fail "tampering"
import sqlite3, sys, struct
db = sqlite3.connect(sys.argv[1])
blob = bytes([1]) + struct.pack("<H", 1) + bytes([4]) + b"nope" + bytes([1, 5]) + b"other" + struct.pack("<I", 1) \
    + struct.pack("<qqHBB", 1735725600, -2**63, 0, 0, 0)
n = db.execute("UPDATE measure_month SET facts = ?", (blob,)).rowcount
assert n > 10, n
# … and every packed month of incidents, one made-up incident.
blob = bytes([1, 1, 5]) + b"other" + struct.pack("<I", 1) + struct.pack("<qBBBBii", 1735725600, 0, 2, 0, 0, -2**31, -2**31)
n = db.execute("UPDATE incident_month SET facts = ?", (blob,)).rowcount
assert n > 10, n
db.commit()
PY
"$ts" --db "$tmp/a.db" check >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 1 ]] || fail "check does not fail on damaged packed months"
grep -q 'the packed measures of [0-9]* months do not match the measures; run `teamspiegel check --repair`' "$tmp/err" \
    || fail "check message: $(cat "$tmp/err")"
grep -q 'the packed incidents of [0-9]* months do not match the incidents; run `teamspiegel check --repair`' "$tmp/err" \
    || fail "check message for incidents: $(cat "$tmp/err")"
[[ "$(report)" != "$before" ]] || fail "the damage did not change the report (the test damages nothing)"

"$ts" --db "$tmp/a.db" check --repair >"$tmp/out" 2>"$tmp/err" || fail "check --repair: $(cat "$tmp/out" "$tmp/err")"
grep -q 'packed the measures and incidents of every month and the actions of every team again' "$tmp/out" || fail "repair message: $(cat "$tmp/out")"
grep -q ': ok (schema' "$tmp/out" || fail "check after repair: $(cat "$tmp/out")"
[[ "$(report)" == "$before" ]] || fail "the report after the repair differs from before the damage"

# A hand edit of an action in sqlite3 marks its team: the report reads that team's rows, and
# check finds nothing wrong (a marked team is not a damaged one).
before=$(report)
python3 - "$tmp/a.db" <<'PY' || fail "hand edit"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("UPDATE action SET status = 'dropped', updated_at = '2025-06-01T10:00:00Z' WHERE id IN"
               " (SELECT id FROM action WHERE status = 'done' AND completed_at < '2025-05-01' LIMIT 5)").rowcount
assert n == 5, n
assert db.execute("SELECT count(*) FROM action_team WHERE facts IS NULL").fetchone()[0] >= 1
db.commit()
PY
"$ts" --db "$tmp/a.db" check >"$tmp/out" 2>&1 || fail "check of a marked team: $(cat "$tmp/out")"
edited=$(report)
[[ "$edited" != "$before" ]] || fail "the hand edit of actions did not change the actions report"

# Damage: every team's packed actions are another team's.
python3 - "$tmp/a.db" <<'PY' || fail "tampering with actions"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE action_team SET facts = NULL")
db.commit()
PY
"$ts" --db "$tmp/a.db" check --repair >/dev/null 2>&1 || fail "repack"
python3 - "$tmp/a.db" <<'PY' || fail "tampering with actions"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TEMP TABLE packs AS SELECT * FROM action_team")
n = db.execute("UPDATE action_team SET facts = (SELECT facts FROM packs WHERE packs.team_id <> action_team.team_id)").rowcount
assert n == 2, n
db.commit()
PY
"$ts" --db "$tmp/a.db" check >"$tmp/out" 2>"$tmp/err"
[[ $? -eq 1 ]] || fail "check does not fail on damaged packed actions"
grep -q 'the packed actions of 2 teams do not match the actions, their updates and meetings; run `teamspiegel check --repair`' "$tmp/err" \
    || fail "check message for actions: $(cat "$tmp/err")"
[[ "$(report)" != "$edited" ]] || fail "the damage to the actions did not change the report"
"$ts" --db "$tmp/a.db" check --repair >"$tmp/out" 2>"$tmp/err" || fail "check --repair of actions: $(cat "$tmp/out" "$tmp/err")"
[[ "$(report)" == "$edited" ]] || fail "the report after the repair of the actions differs from before the damage"

# --repair opens the file as the window does: a file that is not ours is refused, unchanged.
printf 'not a database, just text that is long enough\n' >"$tmp/garbage.db"
"$ts" --db "$tmp/garbage.db" check --repair >/dev/null 2>"$tmp/err"
[[ $? -eq 1 ]] || fail "repair of a garbage file does not fail"
grep -q 'not a Teamspiegel database' "$tmp/err" || fail "garbage: $(cat "$tmp/err")"

[[ $failures -eq 0 ]] && echo "all check --repair cases pass"
exit $failures
