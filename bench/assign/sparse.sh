#!/usr/bin/env bash
# Sparse batch pairing through the CLI, each person's top 50 candidates, max and
# coverage modes: first the issue's size, a demo pool of 100,000 profiles with
# a newcomer share of 0.5 (about 50,000 newcomers and 50,000 locals), then the
# default demo pool of 111,111 profiles (about 50,000 newcomers and 61,000
# locals). Prints the stage timings, wall time and peak memory. Never fails on
# a timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
blendin=${BLENDIN:-$root/build/native/blendin}  # BLENDIN=path overrides the binary
work=${BENCH_DIR:-/tmp/blendin-bench}
mkdir -p "$work"
run_pool() {  # run_pool NAME DEMO-DATA-ARGUMENTS...
  local name=$1 pool=$work/$1.json
  shift
  [[ -f $pool ]] || "$blendin" demo-data "$@" >"$pool"
  local newcomers profiles
  newcomers=$(grep -o '"role":"newcomer"' "$pool" | wc -l)
  profiles=$(grep -o '"role":' "$pool" | wc -l)
  echo "pool $name: $profiles profiles, $newcomers newcomers, $((profiles - newcomers)) locals, top 50 candidates each"
  for mode in max coverage; do
    /usr/bin/time -f "  wall %e s, peak memory %M KB" "$blendin" match assign --pool "$pool" --mode $mode \
      --candidates 50 --timings --out "$work/assign-$name-$mode.json" 2>&1 | sed "s/^/$mode: /"
  done
}
run_pool pool-100k-5050 --profiles 100000 --newcomer-share 0.5 --seed 3
run_pool pool-111k --profiles 111111 --seed 3
