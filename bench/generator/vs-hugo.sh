#!/usr/bin/env bash
# Times `blendin build` against Hugo on the shared synthetic corpus (../shared/bench).
# Prints figures only; never fails on a timing.
#
# usage: bench/generator/vs-hugo.sh [EVENTS...]   (default: 2000 10000), 3 runs each
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/../shared/bench" && pwd)
blendin=$root/build/native/blendin
floor=$root/build/native/bench/generator/floor_bench
[[ -x $blendin ]] || { echo "build first: cmake --preset native && cmake --build --preset native" >&2; exit 2; }
for events in "${@:-2000 10000}"; do
  for n in $events; do
    runs=3
    "$shared/vs-hugo.sh" "$blendin build --content {content} --out {out} --templates $root/templates --now 2026-11-28T12:00 --quiet" "$n" $runs || true
    # What yaml-cpp, cmark and the file system alone take on the same corpus and
    # output: the shared script keeps the last run's site, out-ours.<runs>.
    work=${BENCH_DIR:-/tmp/blendin-bench}
    [[ -x $floor && -d $work/out-ours.$runs ]] && "$floor" "$work/corpus-$n" "$work/out-ours.$runs" "$work/floor-scratch" || true
  done
done
