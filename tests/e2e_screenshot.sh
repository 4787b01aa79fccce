#!/usr/bin/env bash
# End-to-end: start Xvfb, open the real window for 30 frames, render the welcome and
# guideline screens to PNG, and check each picture's size and that it is not one colour.
set -euo pipefail
bin=$1 png_info=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
db="$out/e2e.db"
# This machine's preferences (the window's place among them) go to the test's folder, not the
# user's.
export XDG_CONFIG_HOME="$out/config"
prefs="$XDG_CONFIG_HOME/teamspiegel/preferences.json"

if [[ -z "${TEAMSPIEGEL_E2E_UNDER_XVFB:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "xvfb-run not found (Debian package xvfb)"; exit 1; }
  export TEAMSPIEGEL_E2E_UNDER_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi

"$bin" --db "$db" --frames 30
echo "window: 30 frames, exit 0"

# The window's size, place and full screen are remembered in the preferences file and restored
# at the next start (where the window manager lets it: Xvfb has none).
grep -q '"window.width"' "$prefs" || { echo "$prefs: no window geometry remembered"; cat "$prefs"; exit 1; }
cat > "$prefs" <<'JSON'
{ "window.x": "50", "window.y": "40", "window.width": "1000", "window.height": "700", "window.fullscreen": "0" }
JSON
"$bin" --db "$db" --frames 5
grep -q '"window.width": "1000"' "$prefs" && grep -q '"window.height": "700"' "$prefs" && grep -q '"window.x": "50"' "$prefs" ||
  { echo "$prefs: the window did not open where it was left"; cat "$prefs"; exit 1; }
# Off every monitor: brought back onto one (1920x1080 here).
cat > "$prefs" <<'JSON'
{ "window.x": "5000", "window.y": "40", "window.width": "1000", "window.height": "700", "window.fullscreen": "1" }
JSON
"$bin" --db "$db" --frames 5
grep -q '"window.x": "920"' "$prefs" && grep -q '"window.fullscreen": "1"' "$prefs" ||
  { echo "$prefs: the window was not fitted onto the screen, or left full screen"; cat "$prefs"; exit 1; }
echo "window: geometry remembered and restored"
cp "$prefs" "$out/prefs-before"

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
# Screenshots ignore the window's remembered place and change no preference.
cmp -s "$prefs" "$out/prefs-before" || { echo "a screenshot changed $prefs"; exit 1; }
