#!/usr/bin/env bash
# Runs the bundle reader's libFuzzer target (tests/fuzz/fuzz_bundle.cpp) for a given time.
#   scripts/fuzz.sh BUILD_DIR [SECONDS] [JOBS]        (make fuzz FUZZ_SECONDS=600 FUZZ_JOBS=1)
# The seeds in tests/fuzz/corpus/ are copied into BUILD_DIR/corpus/, the working corpus, which
# also receives the new inputs libFuzzer finds; the git tree is never written. Crash, timeout,
# out-of-memory and leak inputs go to BUILD_DIR/findings/. Fuzzing runs in libFuzzer's fork mode
# (-fork=JOBS), so it goes on after a finding and collects all of them.
# Exit status: 0 when this run found nothing, 1 when it did, 2 on a usage or setup error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [SECONDS] [JOBS]}
seconds=${2:-600}
jobs=${3:-1}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: SECONDS must be a positive whole number, got '$seconds'" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: JOBS must be a positive whole number, got '$jobs'" >&2; exit 2; }

build=$(cd "$build" && pwd)
bin="$build/tests/fuzz/fuzz_bundle"
seeds="$root/tests/fuzz/corpus"
corpus="$build/corpus"
findings="$build/findings"
log="$build/fuzz.log"
[[ -x "$bin" ]] || { echo "fuzz: $bin not built (run make fuzz)" >&2; exit 2; }
mkdir -p "$corpus" "$findings" "$build/tmp"
cp -n "$seeds"/* "$corpus"/
marker="$build/tmp/started"
touch "$marker"

echo "fuzz: $bin for ${seconds}s, $jobs job(s); corpus $corpus ($(ls "$corpus" | wc -l) inputs); log $log"
# libFuzzer's fork mode keeps its job folders under TMPDIR: keep them in the build folder too.
set +e
TMPDIR="$build/tmp" \
ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
"$bin" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
       -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -dict="$root/tests/fuzz/bundle.dict" -artifact_prefix="$findings/" -print_funcs=0 -print_final_stats=1 \
       "$corpus" >"$log" 2>&1 &
pid=$!
# Show libFuzzer's progress lines while it runs (the whole output is in the log).
tail -n +1 -f "$log" --pid="$pid" | grep --line-buffered -E '^#[0-9]+:|^INFO: (-fork|fuzzed)' &
wait "$pid"
status=$?
wait  # the progress display ends with the fuzzer
set -e

# The last progress line: "#EXECS: cov: C ft: F corp: N exec/s E oom/timeout/crash: a/b/c time: Ts ..."
last=$(grep -E '^#[0-9]+:' "$log" | tail -n 1 || true)
execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
rate=$(sed -nE 's/.*exec\/s:? ([0-9]+).*/\1/p' <<<"$last")
cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
took=$(sed -nE 's/.* time: ([0-9]+)s.*/\1/p' <<<"$last")
counts=$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<<"$last")
total=$(sed -nE 's/^INFO: exiting: [0-9]+ time: ([0-9]+)s.*/\1/p' "$log" | tail -n 1)
mapfile -t new < <(find "$findings" -maxdepth 1 -type f -newer "$marker" | sort)

echo
echo "fuzz: summary"
echo "  time:            ${total:-?} s"
echo "  executions:      ${execs:-?} in the first ${took:-?} s (${rate:-?} exec/s; the last job's are not counted)"
echo "  coverage:        ${cov:-?} edges"
echo "  corpus:          $(ls "$corpus" | wc -l) inputs in $corpus"
echo "  oom/timeout/crash (libFuzzer's count): ${counts:-?}"
if [[ ${#new[@]} -eq 0 && $status -eq 0 ]]; then
  echo "  findings:        none"
  exit 0
fi
echo "  findings:        ${#new[@]} in $findings/ (libFuzzer exit status $status)"
for f in "${new[@]}"; do
  sum=$(sha1sum "$f" | cut -c1-40)
  known=""
  for s in "$seeds"/*; do
    [[ "$(sha1sum "$s" | cut -c1-40)" == "$sum" ]] && known=" (already in tests/fuzz/corpus/$(basename "$s"))"
  done
  echo "    $f$known"
done
echo "  reproduce one:   $bin FILE     (a fixed finding belongs in tests/fuzz/corpus/ as crash-WHAT.json)"
echo "  details:         $log"
exit 1
