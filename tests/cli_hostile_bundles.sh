#!/usr/bin/env bash
# Hostile bundles through the real command line: each is refused with exit 1 and one line that
# names the record and field, never a crash, and the database file is byte-for-byte unchanged.
# Usage: cli_hostile_bundles.sh TEAMSPIEGEL_BINARY
set -u
shopt -s lastpipe  # `edit … | refused …` counts failures in this shell, not a subshell
ts=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

db=$tmp/team.db
"$ts" --db "$db" demo --teams 1 --years 1 --seed 3 >/dev/null || { echo "demo failed"; exit 1; }
"$ts" --db "$db" export --out "$tmp/plain.json" >/dev/null || { echo "export failed"; exit 1; }
sum() { sha256sum "$db" | cut -d' ' -f1; }

# refused NAME EXPECTED_STDERR_REGEX < bundle text on stdin
refused() {
  local name=$1 want=$2 file=$tmp/$1.json before after rc
  cat >"$file"
  before=$(sum)
  "$ts" --db "$db" import "$file" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  after=$(sum)
  [[ $rc -eq 1 ]] || fail "$name: exit $rc, expected 1 ($(head -c 300 "$tmp/err"))"
  [[ $(wc -l <"$tmp/err") -eq 1 ]] || fail "$name: expected one line on stderr, got: $(cat "$tmp/err")"
  grep -Eq -- "$want" "$tmp/err" || fail "$name: stderr '$(cat "$tmp/err")' does not match '$want'"
  [[ "$before" == "$after" ]] || fail "$name: the database changed"
}

# edit PYTHON_EXPRESSION: prints the plain bundle changed by a Python statement on `b` (dict) or,
# with raw=..., on its text.
edit() {
  python3 - "$tmp/plain.json" "$1" <<'PY'
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
raw = None
exec(sys.argv[2])
sys.stdout.write(raw if raw is not None else json.dumps(b, ensure_ascii=False))
PY
}

# 2 and 11: numbers that do not fit, the value as written.
edit 'b["incidents"][0]["severity"] = "@@"; raw = json.dumps(b).replace("\"@@\"", "1e400")' |
  refused overflow 'error: .*overflow\.json: incidents\[0\]\.severity: number out of range \(1e400\)$'
edit 'b["teams"][0]["capacity"] = "@@"; raw = json.dumps(b).replace("\"@@\"", "1e400")' |
  refused overflow_capacity 'teams\[0\]\.capacity: number out of range \(1e400\)$'
edit 'b["incidents"][0]["severity"] = "@@"; raw = json.dumps(b).replace("\"@@\"", "9223372036854775808")' |
  refused huge_int 'incidents\[0\]\.severity: 9223372036854775808 is out of range'
# 6: a key given twice.
edit 'b["incidents"][0]["severity"] = "@@"; raw = json.dumps(b).replace("\"@@\"", "99, \"severity\": 1")' |
  refused key_twice 'incidents\[0\]\.severity: key given twice$'
# 11 and 12: a NUL, a zero-width space, a real name as a youth code.
edit 'b["youths"][0]["code"] = "\u0000" + b["youths"][0]["code"]' |
  refused nul_code 'youths\[0\]\.code: contains a control character \(U\+0000\)$'
edit 'b["youths"].append(dict(b["youths"][0], id="0b7e0c8e-1111-4222-8333-944455556601", code=b["youths"][0]["code"] + "\u200b"))' |
  refused zero_width 'youths\[[0-9]+\]\.code: contains an invisible or direction-changing character \(U\+200B\)$'
edit 'b["youths"][0]["code"] = "Jan de Boer"; b["youths"][0]["updated_at"] = b["exported_at"]' |
  refused real_name 'youths\[0\]\.code: not a valid code \(letters, digits and hyphens'
# 13 and 14: stamps after exported_at, an end in the future.
edit 'b["measures"][0]["updated_at"] = "9999-12-31T23:59:59Z"' |
  refused far_future 'measures\[0\]\.updated_at: in the future$'
edit 'b["measures"][0]["ended_at"] = "2099-01-01T00:00:00Z"; b["measures"][0]["type"] = "physical_hold"' |
  refused end_in_future 'measures\[0\]\.ended_at: in the future$'
# 14: a measure of a youth not in care that day, as the form refuses it.
edit 'm = b["measures"][0]; m["started_at"] = "2000-01-01T10:00:00Z"; m["ended_at"] = None; m["type"] = "room_search"' |
  refused not_in_care 'measures\[[0-9]+\]\.youth_id: youth not in care on that date$'

# 7: a bundle over the limit is refused before it is read: a sparse 5 GB file.
truncate -s 5G "$tmp/huge.json"
start=$(date +%s)
before=$(sum)
"$ts" --db "$db" import "$tmp/huge.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[[ $rc -eq 1 ]] || fail "huge: exit $rc"
grep -Eq 'huge\.json: too large \(5120 MB; a bundle may hold at most 4096 MB\)$' "$tmp/err" || fail "huge: $(cat "$tmp/err")"
[[ $(( $(date +%s) - start )) -lt 5 ]] || fail "huge: took more than 5 s (was it read?)"
[[ "$before" == "$(sum)" ]] || fail "huge: the database changed"

# 5: ids in upper case are the same records: re-importing inserts nothing.
edit 'm = b["measures"][0]; y = next(y for y in b["youths"] if y["id"] == m["youth_id"]); up = y["id"].upper(); y["id"] = up; m["youth_id"] = up; m["id"] = m["id"].upper()
for x in b["measures"] + b["incidents"]:
    if x.get("youth_id") == up.lower(): x["youth_id"] = up' >"$tmp/upper.json"
"$ts" --db "$db" import "$tmp/upper.json" >"$tmp/out" 2>"$tmp/err" || fail "upper: refused: $(cat "$tmp/err")"
grep -Eq ': 0 inserted, 0 updated, [0-9]+ unchanged$' "$tmp/out" || fail "upper: $(cat "$tmp/out")"

if [[ $failures -ne 0 ]]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all hostile bundles refused cleanly"
