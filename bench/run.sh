#!/usr/bin/env bash
# Every benchmark, or the parts named, one after the other: prints their
# figures and writes them to docs/bench.md (BENCH_LOG overrides the file) with
# the date, the machine and the commit, each goal of bench/goals.md beside the
# figure that answers it. Each part keeps its section between markers, so
# running one part again replaces only that section. Never fails on a timing,
# nor when a part cannot run: the log says why it did not.
# usage: bench/run.sh [topk|assign|generator|explorer|api|preview|site]...   (default: all)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
log=${BENCH_LOG:-$root/docs/bench.md}
all_parts=(topk assign generator explorer api preview site)
what=("$@")
((${#what[@]})) || what=("${all_parts[@]}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# [SECTION] building
build() { cmake --preset "$1" >/dev/null && cmake --build --preset "$1" >/dev/null; }
# The WebAssembly parts use a wasm build that is there (`make site` or `make
# test` make one) rather than configuring one from nothing for a benchmark.
build_wasm() {
  [[ -f build/wasm/CMakeCache.txt ]] || { echo "no WebAssembly build in build/wasm (make site, or cmake --preset wasm, first)"; return 1; }
  build wasm || { echo "the WebAssembly build failed"; return 1; }
}

# [SECTION] the parts: each prints its figures, or why it could not run
part_title() {
  case $1 in
    topk) echo "top_k, natively and in WebAssembly" ;;
    assign) echo "batch pairing: dense, sparse through the CLI, and the heap settings" ;;
    generator) echo "the generator against Hugo, and the floor under a build" ;;
    explorer) echo "the match explorer in headless Chromium" ;;
    api) echo "blendin serve under load, beside nginx" ;;
    preview) echo "live preview: an edited event in an open page, on 10,000 events" ;;
    site) echo "what a visitor's browser fetches: page weight and first paint on a slow phone" ;;
  esac
}

run_part() {
  case $1 in
    topk)
      build native || { echo "the native build failed: not run"; return; }
      echo "== top_k, native"
      build/native/bench/top_k_bench
      echo "== top_k, WebAssembly under Node.js"
      if why=$(build_wasm); then
        node --no-experimental-fetch build/wasm/bench/top_k_bench.js
      else
        echo "skipped: $why"
      fi
      ;;
    assign)
      build native || { echo "the native build failed: not run"; return; }
      echo "== assignment, dense n x n"
      build/native/bench/assign/assign_bench
      echo "== assignment, sparse, through the CLI"
      bash bench/assign/sparse.sh
      echo "== the round with glibc's default heap and with match assign's settings (cli/heap.hpp)"
      build/native/bench/assign/heap_bench "${BENCH_DIR:-/tmp/blendin-bench}/pool-100k-5050.json" 3
      ;;
    generator)
      build native || { echo "the native build failed: not run"; return; }
      echo "== generator against Hugo"
      bash bench/generator/vs-hugo.sh
      ;;
    api)
      build native || { echo "the native build failed: not run"; return; }
      echo "== blendin serve under wrk, beside nginx"
      bash bench/api/run.sh
      ;;
    preview)
      build native || { echo "the native build failed: not run"; return; }
      echo "== live preview: save -> visible on 10,000 events"
      bash bench/serve/live_reload.sh 10000 5
      ;;
    site)
      build native || { echo "the native build failed: not run"; return; }
      echo "== page weight and first contentful paint, slow 3G and 4x CPU slowdown, through nginx with gzip"
      bash bench/site/weight.sh
      ;;
    explorer)
      build native || { echo "the native build failed: not run"; return; }
      echo "== the match explorer in headless Chromium"
      if why=$(build_wasm); then
        node bench/explorer/explorer_bench.mjs build/native/blendin "$root" build/wasm/site
      else
        echo "skipped: $why"
      fi
      ;;
  esac
}

# [SECTION] goals: the figure each goal of bench/goals.md is compared with
# The lines after the first that matches $1 (awk regular expression).
after() { awk -v start="$1" 'found { print } $0 ~ start { found = 1 }'; }
measured() {  # measured GOAL-ID < FIGURES: prints a number in the goal's unit, or nothing
  case $1 in
    topk-1m-native) after '^== top_k, native' | awk '$1 == "1000000" { print $4; exit }' ;;
    topk-explorer-wasm)
      after '^== top_k, WebAssembly' | after '^ *100000 ' |
        awk '/explorer, with filters/ { for (i = 1; i < NF; ++i) if ($i == "max") { print $(i + 1); exit } }' ;;
    assign-round-100k) after '^pool pool-100k-5050' | awk '/^max: +wall/ { print $3; exit }' ;;
    generator-hugo-2000 | generator-hugo-10000)
      after "^corpus: ${1#generator-hugo-} events" | awk '/^ratio ours\/hugo:/ { print $3 + 0; exit }' ;;
    api-static-vs-nginx) sed -n 's/^static \/nl\/, blendin serve \/ nginx, median of the rounds: \([0-9.]*\).*/\1/p' | head -1 ;;
    api-get-rate) awk -F': ' '/^GET \/api\/v1\/candidates/ { split($2, a, " "); print a[1]; exit }' ;;
    api-get-p99) awk -F'p99 ' '/^GET \/api\/v1\/candidates/ { split($2, a, ","); v = a[1]; if (v ~ /ms$/) v += 0; else if (v ~ /us$/) v = v / 1000; else if (v ~ /s$/) v = v * 1000; print v; exit }' ;;
    preview-10000) sed -n 's/^save -> visible over .* edits: median \([0-9.]*\) ms.*/\1/p' | head -1 ;;
    api-post-rate) awk -F': ' '/^POST \/api\/v1\/profiles/ { split($2, a, " "); print a[1]; exit }' ;;
    explorer-first-frame) sed -n 's/.*navigation to the first frame: .*(median \([0-9.]*\);.*/\1/p' | head -1 ;;
    explorer-update) sed -n 's/.*a change in the answers to new results.*: median \([0-9.]*\),.*/\1/p' | head -1 ;;
    explorer-module-bytes) sed -n 's/^bytes (gzip -9): .* = \([0-9.]*\) KB (goal.*/\1/p' | head -1 ;;
    site-bytes) sed -n 's/^largest page before images and fonts: \([0-9.]*\) KB$/\1/p' | head -1 ;;
    site-third-party) sed -n 's/^third-party requests, all pages: \([0-9]*\)$/\1/p' | head -1 ;;
    site-fcp) sed -n 's/^slowest first contentful paint (median): \([0-9]*\) ms$/\1/p' | head -1 ;;
    explorer-font-bytes)
      grep '^fonts (gzip -9):' | sed 's/ (goal.*//' | grep -o '[0-9.]* KB' | awk '$1 > max { max = $1 } END { if (NR) print max }' ;;
  esac
}

# The goals of part $1 as a Markdown table, measured against figures file $2.
goals_table() {
  local rows
  rows=$(awk -F'|' -v part="$1" '$3 ~ "^ *" part " *$" {
    gsub(/^ +| +$|`/, "", $2); gsub(/^ +| +$/, "", $4); gsub(/^ +| +$/, "", $5); print $2 "\t" $4 "\t" $5 }' bench/goals.md)
  [[ -n $rows ]] || return 0
  echo "| goal | limit | measured | |"
  echo "|---|---|---|---|"
  local id goal limit value unit verdict
  while IFS=$'\t' read -r id goal limit; do
    value=$(measured "$id" <"$2")
    # A limit written "at least N unit" is a floor; any other a ceiling.
    local floor=0 bound=$limit
    [[ $bound == "at least "* ]] && floor=1 bound=${bound#at least }
    unit=${bound#* }
    if [[ -z $value ]]; then
      echo "| $goal | $limit | not measured in this run | |"
      continue
    fi
    verdict=$(awk -v v="$value" -v l="${bound%% *}" -v floor=$floor \
      'BEGIN { met = floor ? (v + 0 >= l + 0) : (v + 0 <= l + 0); print met ? "met" : "not met" }')
    [[ $unit == "× Hugo" ]] && unit="× Hugo's time"
    echo "| $goal | $limit | $value $unit | $verdict |"
  done <<<"$rows"
}

# [SECTION] the log
machine() {
  local cpu memory os
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
  os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
  version() { command -v "$1" >/dev/null && "$@" 2>/dev/null | head -1 || echo "not installed"; }
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores; memory: ${memory:-unknown}"
  echo "- system: ${os:+$os, }$(uname -sr)"
  echo "- g++: $(version g++ --version)"
  echo "- emcc: $(version emcc --version)"
  echo "- Node.js: $(version node --version)"
  echo "- Chromium: $(version chromium --version)"
  echo "- Hugo: $(version hugo version)"
}

commit=$(git describe --always --dirty 2>/dev/null || echo unknown)

# Section of part $1 as the log holds it (nothing when it has none).
old_section() {
  [[ -f $log ]] || return 0
  awk -v begin="<!-- bench:$1 -->" -v end="<!-- /bench:$1 -->" \
    '$0 == begin { on = 1 } on { print } $0 == end { on = 0 }' "$log"
}

for part in "${what[@]}"; do
  if [[ ! " ${all_parts[*]} " == *" $part "* ]]; then
    echo "unknown benchmark '$part' (${all_parts[*]})" >&2
    continue
  fi
  started=$(date -u +%Y-%m-%dT%H:%MZ)
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
  run_part "$part" 2>&1 | tee "$scratch/$part.txt"
  {
    echo "<!-- bench:$part -->"
    echo "## $part: $(part_title "$part")"
    echo
    echo "\`bench/run.sh $part\`, started $started at commit \`$commit\`; load average ${load:-unknown} before it."
    echo
    table=$(goals_table "$part" "$scratch/$part.txt")
    [[ -n $table ]] && printf '%s\n\n' "$table"
    echo '```text'
    cat "$scratch/$part.txt"
    echo '```'
    echo "<!-- /bench:$part -->"
  } >"$scratch/$part.md"
done

{
  echo "# Benchmark log"
  echo
  echo "Written by \`make bench\` (\`bench/run.sh\`); not edited by hand. Each part's"
  echo "section says when and at which commit it ran, and holds what its benchmarks"
  echo "printed, with the goals of \`bench/goals.md\` beside the figures that answer"
  echo "them. \`bench/run.sh PART\` runs one part again and replaces only its"
  echo "section. The machine is shared with other work, so figures vary between"
  echo "runs; a benchmark never fails on a timing."
  echo
  echo "The machine, as of the last write ($(date -u +%Y-%m-%dT%H:%MZ), commit \`$commit\`):"
  echo
  machine
  for part in "${all_parts[@]}"; do
    echo
    if [[ -f $scratch/$part.md ]]; then
      cat "$scratch/$part.md"
    elif [[ -n $(old_section "$part") ]]; then
      old_section "$part"
    else
      printf '<!-- bench:%s -->\n## %s: %s\n\nNot run yet: `bench/run.sh %s`.\n<!-- /bench:%s -->\n' \
        "$part" "$part" "$(part_title "$part")" "$part" "$part"
    fi
  done
} >"$scratch/log.md" && mkdir -p "$(dirname "$log")" && cp "$scratch/log.md" "$log"
echo "figures written to ${log#"$root"/}"
exit 0
