#!/usr/bin/env bash
# export --anonymize levels through the real command line: what each level keeps and drops.
# Usage: cli_anonymize.sh TEAMSPIEGEL_BINARY
set -u
ts=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$ts" --db "$tmp/a.db" demo --teams 2 --years 1 --seed 9 >/dev/null || { echo "demo failed"; exit 1; }
"$ts" --db "$tmp/a.db" export --out "$tmp/plain.json" >/dev/null || fail "plain export"
"$ts" --db "$tmp/a.db" export --anonymize --out "$tmp/pseudo.json" >"$tmp/out" || fail "pseudonyms export"
grep -q '(anonymized)' "$tmp/out" || fail "pseudonyms: $(cat "$tmp/out")"
"$ts" --db "$tmp/a.db" export --anonymize=external --out "$tmp/external.json" >"$tmp/out" || fail "external export"
grep -q 'anonymized for outside the organisation' "$tmp/out" || fail "external: $(cat "$tmp/out")"
"$ts" --db "$tmp/a.db" export --anonymize=everything >/dev/null 2>"$tmp/err"
[[ $? -eq 2 ]] || fail "an unknown level is not a usage error"
grep -q 'everything not in {pseudonyms,external}' "$tmp/err" || fail "unknown level: $(cat "$tmp/err")"

python3 - "$tmp/plain.json" "$tmp/pseudo.json" "$tmp/external.json" <<'PY' || failures=$((failures + 1))
import json, sys
plain, pseudo, ext = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
ext_text = open(sys.argv[3], encoding="utf-8").read()
lists = ["teams", "members", "youths", "measures", "incidents", "meetings", "actions", "action_updates"]
ids = {r["id"] for l in lists for r in plain.get(l, [])}
names = {m["name"] for m in plain["members"]}
codes = {y["code"] for y in plain["youths"]}
problems = []
# pseudonyms: the organisation's ids and staff names stay; codes and free text go.
if {r["id"] for l in lists for r in pseudo.get(l, [])} != ids: problems.append("pseudonyms changed ids")
if {m["name"] for m in pseudo["members"]} != names: problems.append("pseudonyms changed member names")
if codes & {y["code"] for y in pseudo["youths"]}: problems.append("pseudonyms kept a youth code")
if any(m["reason"] for m in pseudo["measures"]): problems.append("pseudonyms kept a reason")
# external: no id, member name or youth code of the plain export anywhere in the file.
for i in ids:
    if i in ext_text: problems.append("external kept id " + i); break
for n in names:
    if '"' + n + '"' in ext_text: problems.append("external kept name " + n); break
for c in codes:
    if '"' + c + '"' in ext_text: problems.append("external kept code " + c); break
# ...but the same number of records, and dates as they were.
if sum(len(ext[l]) for l in lists) != len(ids): problems.append("external lost records")
if sorted(m["started_at"] for m in ext["measures"]) != sorted(m["started_at"] for m in plain["measures"]):
    problems.append("external changed dates")
for p in problems: print("FAIL:", p)
sys.exit(1 if problems else 0)
PY

# The external bundle is whole: it imports into an empty database.
"$ts" --db "$tmp/b.db" import "$tmp/external.json" >"$tmp/out" 2>&1 || fail "external import: $(cat "$tmp/out")"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "anonymize levels keep and drop what they say"
