#!/usr/bin/env bash
# End-to-end: start Xvfb, open the real window for 30 frames, render the welcome and
# guideline screens to PNG, and check each picture's size and that it is not one colour.
set -euo pipefail
bin=$1 png_info=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
db="$out/e2e.db"

if [[ -z "${TEAMSPIEGEL_E2E_UNDER_XVFB:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "xvfb-run not found (Debian package xvfb)"; exit 1; }
  export TEAMSPIEGEL_E2E_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi

"$bin" --db "$db" --frames 30
echo "window: 30 frames, exit 0"

check_png() {  # file width height
  read -r w h colours < <("$png_info" "$1")
  [[ "$w" == "$2" && "$h" == "$3" ]] || { echo "$1: size ${w}x${h}, expected ${2}x${3}"; exit 1; }
  (( colours > 16 )) || { echo "$1: only $colours colours: blank picture"; exit 1; }
  echo "$1: ${w}x${h}, $colours colours"
}

"$bin" --db "$db" screenshot --screen welcome --out "$out/welcome.png"
check_png "$out/welcome.png" 1920 1080
"$bin" --db "$db" screenshot --screen guideline --out "$out/guideline.png"
check_png "$out/guideline.png" 1920 1080
"$bin" --db "$db" screenshot --screen settings --out "$out/settings.png" --size 1280x720
check_png "$out/settings.png" 1280 720
