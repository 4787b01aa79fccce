#!/usr/bin/env bash
# Makes the screenshots in docs/screenshots/ with the program's own `screenshot` command, on
# synthetic demo data (4 teams, 2 years up to yesterday), under Xvfb, at 1920x1080:
#
#   scripts/screenshots.sh [BUILD_DIR]      (default: build)
#
# The meeting's presenter view is shown at every step of the first team's newest closed team
# reflection (meeting-N-KIND.png), and at 200 % at its reflection step; `meeting-start.png` is
# the page that starts a meeting. Needs xvfb-run and python3 (to find the meeting's id).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/${1:-build}/teamspiegel"
out="$root/docs/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
mkdir -p "$out"

"$bin" --db "$db" demo >/dev/null
shot() {  # NAME ARGS…: one PNG
    local name=$1
    shift
    xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" --db "$db" screenshot --out "$out/$name.png" "$@"
    echo "docs/screenshots/$name.png"
}

for screen in welcome guideline team settings actions incidents measures; do shot "$screen" --screen "$screen"; done
shot action-form --screen action-form
shot incident-form --screen incident-form
shot measure-form --screen measure-form
shot measures-200 --screen measures --zoom 200
shot measure-form-200 --screen measure-form --zoom 200
shot meeting-start --screen meeting-start
shot overview --screen overview
shot overview-200 --screen overview --zoom 200
shot managers --screen managers

# The first team (by name) and its newest closed team reflection, with the kinds of its steps.
read -r meeting kinds < <(python3 - "$db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
team = db.execute("SELECT id FROM team ORDER BY name LIMIT 1").fetchone()[0]
meeting = db.execute("SELECT id FROM meeting WHERE team_id = ? AND template = 'teamreflectie' AND state = 'closed' "
                     "ORDER BY held_on DESC LIMIT 1", (team,)).fetchone()[0]
kinds = [k for (k,) in db.execute("SELECT kind FROM meeting_step WHERE meeting_id = ? ORDER BY position", (meeting,))]
print(meeting, ",".join(kinds))
EOF
)
n=0
IFS=, read -ra steps <<<"$kinds"
for kind in "${steps[@]}"; do
    n=$((n + 1))
    shot "meeting-$n-${kind//_/-}" --screen meeting --meeting "$meeting" --step "$n"
    if [ "$kind" = reflection ]; then shot "meeting-$n-${kind//_/-}-200" --screen meeting --meeting "$meeting" --step "$n" --zoom 200; fi
done

# The HTML report of the measures per month (`report measures --by month --format html`), its
# first page as Chromium prints it on A4, at 100 dpi. Needs chromium and pdftoppm (poppler-utils).
report="$work/report-measures.html"
"$bin" --db "$db" report measures --by month --format html --out "$report" >/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/chromium" \
    --print-to-pdf="$work/report.pdf" \
    "file://$report" >/dev/null 2>&1
pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$work/report.pdf" "$out/report-measures-html"
echo "docs/screenshots/report-measures-html.png"
