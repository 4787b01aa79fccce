#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt that are missing.
#   scripts/install-deps.sh            the packages every build needs (above the first [group])
#   scripts/install-deps.sh GROUP...   those, plus the packages under [GROUP] (e.g. fuzz)
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list="$here/debian-packages.txt"

# Comments (# to the end of the line) and blank lines are ignored. A line "[name]" starts a
# group; packages before the first group belong to everyone.
groups=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$list" |
         sed -n 's/^\[\([A-Za-z0-9_-]*\)\]$/\1/p')
for g in "$@"; do
  grep -qx -- "$g" <<<"$groups" || {
    echo "teamspiegel: unknown package group '$g' (groups in $list: $(echo $groups))" >&2
    exit 2
  }
done
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$list" |
  awk -v want=" $* " '
    /^$/ { next }
    /^\[[A-Za-z0-9_-]*\]$/ { group = substr($0, 2, length($0) - 2); next }
    group == "" || index(want, " " group " ") { print }')
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]]; then
  echo "teamspiegel: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "teamspiegel: missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
