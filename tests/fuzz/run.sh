#!/usr/bin/env bash
# One fuzz target's test (docs/fuzzing.md): replays every file in
# regressions/<target>/ once, then fuzzes the target for a bounded time from a
# fresh copy of corpus/<target>/ with its dictionary. A crash, a hang (an input
# running 10 s), a leak, a sanitizer report or memory past 2 GB fails the test
# and names the reproducer. Prints one line of figures: seconds, runs, coverage.
# usage: tests/fuzz/run.sh FUZZER TARGET FINDINGS_DIR
#   BLENDIN_FUZZ_SECONDS  seconds of fuzzing (default 40; 0 only replays)
set -uo pipefail
if (($# != 3)); then
  echo "usage: $0 FUZZER TARGET FINDINGS_DIR" >&2
  exit 2
fi
fuzzer=$1 target=$2 findings=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${BLENDIN_FUZZ_SECONDS:-40}
limits=(-timeout=10 -rss_limit_mb=2048)
export UBSAN_OPTIONS=print_stacktrace=1

work=$(mktemp -d "${TMPDIR:-/tmp}/blendin-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$findings"

# The sanitizer's or the target's first words, the stack frames in our code,
# and how to run the reproducer again; the whole log is kept in FINDINGS_DIR.
report_finding() {  # report_finding LOG REPRODUCER
  local log=$1 reproducer=$2 kept
  kept=$findings/$(basename "$reproducer").log
  cp "$log" "$kept"
  echo "FINDING in $target:"
  grep -m3 -E "ERROR: |runtime error: |^fuzz_[a-z_]+: |Assertion|terminate called|what\(\)" "$log" | sed 's/^/  /'
  awk '/ERROR: |runtime error: |^fuzz_[a-z_]+: |terminate called/ {on = 1}
       on && /^ *$/ && seen {exit}
       on && /^ +#[0-9]+ / {seen = 1; print}' "$log" | grep -E " $root/(core|generator|tests)/" | head -12 |
    sed -E 's/ 0x[0-9a-f]+ in / /; s/^/  /'
  echo "  reproducer: $reproducer"
  echo "  full log:   $kept"
  echo "  rerun:      UBSAN_OPTIONS=print_stacktrace=1 $fuzzer $reproducer"
}

# (a) Regression cases: each file run once, in name order.
mapfile -t cases < <(find "$here/regressions/$target" -type f ! -name '.*' 2>/dev/null | sort)
if ((${#cases[@]})); then
  if ! "$fuzzer" "${limits[@]}" "${cases[@]}" >"$work/replay.log" 2>&1; then
    report_finding "$work/replay.log" "$(grep -E '^Running: ' "$work/replay.log" | tail -1 | cut -d' ' -f2-)"
    exit 1
  fi
fi
echo "$target: replayed ${#cases[@]} regression cases"
((seconds > 0)) || exit 0

# (b) Fuzzing from a fresh copy of the seeds; new inputs go to the copy only.
mkdir -p "$work/corpus"
cp "$here/corpus/$target/"* "$work/corpus/"
((${#cases[@]})) && cp "${cases[@]}" "$work/corpus/"
seeds=$(find "$work/corpus" -type f | wc -l)
started=$(date +%s)
"$fuzzer" "${limits[@]}" -max_total_time="$seconds" -print_final_stats=1 \
  -dict="$here/dictionaries/$target.dict" -artifact_prefix="$findings/" "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
elapsed=$(($(date +%s) - started))
if ((status != 0)); then
  reproducer=$(grep -oE 'Test unit written to .*' "$work/fuzz.log" | tail -1 | cut -d' ' -f5-)
  if [[ -z $reproducer ]]; then
    echo "$target: the fuzzer failed (exit $status) without a finding:"
    tail -20 "$work/fuzz.log" | sed 's/^/  /'
    exit 1
  fi
  echo "$target: a finding after $elapsed s"
  report_finding "$work/fuzz.log" "$reproducer"
  exit 1
fi
last=$(grep -E '^#[0-9]+.*cov: ' "$work/fuzz.log" | tail -1)
runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$work/fuzz.log")
rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$work/fuzz.log")
rss=$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$work/fuzz.log")
slowest=$(sed -nE 's/^stat::slowest_unit_time_sec: *([0-9]+)/\1/p' "$work/fuzz.log")
cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
corpus=$(find "$work/corpus" -type f | wc -l)
echo "$target: fuzzed $elapsed s, $runs runs ($rate/s), cov: $cov edges, ft: $ft features, corpus $seeds -> $corpus inputs, slowest input $slowest s, peak rss $rss MB"
