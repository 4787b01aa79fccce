#!/usr/bin/env bash
# Times a bundle round trip on demo data: export, import into an empty database, import again.
# Usage: bench/import.sh [build/teamspiegel] [teams] [years]
set -euo pipefail
bin=$(realpath "${1:-build/teamspiegel}")
teams=${2:-12}
years=${3:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" --db "$dir/src.db" demo --teams "$teams" --years "$years" --seed 1 >/dev/null
timed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f s", b - a }'; }
echo "export:          $(timed "$bin" --db "$dir/src.db" export --out "$dir/bundle.json")  ($(grep -o '"id"' "$dir/bundle.json" | wc -l) records)"
echo "import (empty):  $(timed "$bin" --db "$dir/dst.db" import "$dir/bundle.json")"
echo "import (again):  $(timed "$bin" --db "$dir/dst.db" import "$dir/bundle.json")"
