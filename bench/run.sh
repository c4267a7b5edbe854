#!/usr/bin/env bash
# Every benchmark, one after the other. Prints figures; never fails on a timing.
# usage: bench/run.sh [topk|assign|generator|explorer]...   (default: all)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
what=("$@")
((${#what[@]})) || what=(topk assign generator explorer)
build() { cmake --preset "$1" >/dev/null && cmake --build --preset "$1" >/dev/null; }

for part in "${what[@]}"; do
  case $part in
    topk)
      build native && build wasm
      echo "== top_k, native"
      build/native/bench/top_k_bench
      echo "== top_k, WebAssembly under Node.js"
      node --no-experimental-fetch build/wasm/bench/top_k_bench.js
      ;;
    assign)
      build native
      echo "== assignment, dense n x n"
      build/native/bench/assign/assign_bench
      echo "== assignment, sparse, through the CLI"
      bash bench/assign/sparse.sh
      ;;
    generator)
      build native
      echo "== generator against Hugo"
      bash bench/generator/vs-hugo.sh
      ;;
    explorer)
      build native && build wasm
      echo "== the match explorer in headless Chromium"
      node bench/explorer/explorer_bench.mjs build/native/blendin "$root" build/wasm/site
      ;;
    *) echo "unknown benchmark '$part' (topk, assign, generator, explorer)" >&2 ;;
  esac
done
exit 0
