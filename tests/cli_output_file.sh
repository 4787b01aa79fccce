#!/usr/bin/env bash
# export and report --out through the real command line: devices and FIFOs are written through, links
# followed, new files 0600. Nodes are made with mknod in a temporary folder (root only); the
# machine's own /dev/null is never used, because the bug this guards against replaced it.
# Usage: cli_output_file.sh TEAMSPIEGEL_BINARY   (exit 77: skipped, not root)
set -u
ts=$1
[[ $(id -u) -eq 0 ]] || { echo "skipped: mknod needs root"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$ts" --db "$tmp/a.db" demo --teams 1 --years 1 >/dev/null || { echo "demo failed"; exit 1; }
mknod "$tmp/null" c 1 3 && mknod "$tmp/full" c 1 7 || { echo "skipped: mknod not allowed"; exit 77; }

"$ts" --db "$tmp/a.db" export --out "$tmp/null" >"$tmp/out" 2>"$tmp/err" || fail "export to a null device: $(cat "$tmp/err")"
[[ -c "$tmp/null" ]] || fail "the null device was replaced by a $(stat -c %F "$tmp/null")"

"$ts" --db "$tmp/a.db" export --out "$tmp/full" >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 1 ]] || fail "export to a full device: exit $rc"
grep -q "full: cannot be written (no space left on device)$" "$tmp/err" || fail "full device: $(cat "$tmp/err")"
[[ -c "$tmp/full" ]] || fail "the full device was replaced by a $(stat -c %F "$tmp/full")"

# A report is written while it is made, a chunk at a time: a full device fails the same way.
"$ts" --db "$tmp/a.db" report measures --by month --out "$tmp/full" >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 1 ]] || fail "report to a full device: exit $rc"
grep -q "full: cannot be written (no space left on device)$" "$tmp/err" || fail "report to a full device: $(cat "$tmp/err")"
"$ts" --db "$tmp/a.db" report measures --by month --out "$tmp/null" >"$tmp/out" 2>"$tmp/err" || fail "report to a null device: $(cat "$tmp/err")"
[[ -c "$tmp/null" ]] || fail "the null device was replaced by a report"

mkfifo "$tmp/fifo"
# The reader gives up after 20 s, so a binary that replaces the FIFO fails instead of hanging.
timeout 20 cat "$tmp/fifo" >"$tmp/from_fifo" &
reader=$!
"$ts" --db "$tmp/a.db" export --out "$tmp/fifo" >/dev/null 2>"$tmp/err" || fail "export to a FIFO: $(cat "$tmp/err")"
wait $reader
[[ -p "$tmp/fifo" ]] || fail "the FIFO was replaced"
grep -q '"format": "teamspiegel-bundle"' "$tmp/from_fifo" || fail "the FIFO's reader got no bundle"

mkfifo "$tmp/report-fifo"
timeout 20 cat "$tmp/report-fifo" >"$tmp/report_from_fifo" &
reader=$!
"$ts" --db "$tmp/a.db" report measures --by month --out "$tmp/report-fifo" >/dev/null 2>"$tmp/err" || fail "report to a FIFO: $(cat "$tmp/err")"
wait $reader
[[ -p "$tmp/report-fifo" ]] || fail "the FIFO was replaced by a report"
grep -q '"report": "measures"' "$tmp/report_from_fifo" || fail "the FIFO's reader got no report"

mkdir "$tmp/real"
ln -s real/bundle.json "$tmp/link.json"
"$ts" --db "$tmp/a.db" export --out "$tmp/link.json" >/dev/null 2>"$tmp/err" || fail "export to a symlink: $(cat "$tmp/err")"
[[ -L "$tmp/link.json" ]] || fail "the symlink was replaced"
[[ -f "$tmp/real/bundle.json" ]] || fail "the symlink's target was not written"
[[ $(stat -c %a "$tmp/real/bundle.json") == 600 ]] || fail "new file mode $(stat -c %a "$tmp/real/bundle.json"), expected 600"

ln "$tmp/real/bundle.json" "$tmp/hard.json"
"$ts" --db "$tmp/a.db" export --anonymize --out "$tmp/hard.json" >/dev/null 2>"$tmp/err" || fail "export to a hard link: $(cat "$tmp/err")"
[[ $(stat -c %h "$tmp/real/bundle.json") == 2 ]] || fail "the hard link was split"
grep -q '"anonymized": true' "$tmp/real/bundle.json" || fail "the other link does not see the new content"

chmod 640 "$tmp/real/bundle.json"
(umask 022; "$ts" --db "$tmp/a.db" export --out "$tmp/new.json" >/dev/null 2>&1) || fail "export to a new file"
[[ $(stat -c %a "$tmp/new.json") == 600 ]] || fail "new file mode $(stat -c %a "$tmp/new.json") under umask 022, expected 600"
[[ $(stat -c %a "$tmp/real/bundle.json") == 640 ]] || fail "an existing file's mode was changed"
ls -a "$tmp" "$tmp/real" | grep -q '\.tmp-' && fail "a temporary file was left behind"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "every --out case held"
