#!/usr/bin/env bash
# Runs every test: the native build (unit, golden, CLI, site checks against real
# validators and Chromium), the matching core under AddressSanitizer and
# UndefinedBehaviorSanitizer, the WebAssembly build under Node.js and the match
# explorer's data and pages, and the fuzz targets (clang, libFuzzer, both
# sanitizers) for BLENDIN_FUZZ_SECONDS each (default 40; 0 only replays their
# regression cases; docs/fuzzing.md).
# Installs what is missing first (scripts/setup.sh). usage: scripts/test.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh || exit 1
export NODE_PATH=/usr/share/nodejs  # emcc's optimiser needs Debian's acorn (TOOLCHAIN.md)
jobs=${JOBS:-$(nproc)}

passed=0 failed=0 broken=()
build_preset() {  # build_preset PRESET: configure and build; a failure counts as one
  local preset=$1 log
  log=$(mktemp)
  echo "== $preset: configure and build" >&2
  if ! cmake --preset "$preset" >"$log" 2>&1 || ! cmake --build --preset "$preset" -j "$jobs" >>"$log" 2>&1; then
    grep -E "error|Error|FAILED" "$log" | head -40 >&2
    broken+=("$preset (build)")
    failed=$((failed + 1))
    return 1
  fi
}
test_preset() {  # test_preset PRESET: its ctest; its exit code decides, its summary line is counted
  local preset=$1 log status
  log=$(mktemp)
  echo "== $preset: tests" >&2
  ctest --preset "$preset" -j "$jobs" --no-tests=error 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  local line total=0 fails=0
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$log" | tail -1)
  if [[ -n $line ]]; then
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    fails=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$line")
  fi
  if ((status != 0 && fails == 0)); then
    fails=1  # ctest failed without a failed test: none ran, or ctest itself broke
    total=$((total + 1))
  fi
  passed=$((passed + total - fails))
  failed=$((failed + fails))
  ((status != 0)) && broken+=("$preset")
}
run_stage() { build_preset "$1" && test_preset "$1"; }

run_stage native
run_stage sanitize
# The wasm preset's tests of the explorer load the site built with it: they
# need build/native/blendin and the staging folder build/wasm/site/explorer/
# with its demo pool, which is written between the build and the tests.
if build_preset wasm; then
  echo "== wasm: the explorer's demo pools" >&2
  if ! bash wasm-client/data/stage-demo-pools.sh build/native/blendin content build/wasm/site/explorer build/wasm/bench-data; then
    broken+=("wasm (demo pools)")
    failed=$((failed + 1))
  fi
  test_preset wasm
fi
run_stage fuzz

echo
((${#broken[@]})) && echo "failing: ${broken[*]}"
echo "all: $passed passed, $failed failed"
((failed == 0))
