#!/usr/bin/env bash
# Live preview on the shared 10,000-event corpus: `blendin serve` builds and
# watches a copy of it, an event page is open in headless Chromium, and the
# event's title is edited on disk EDITS times; prints save -> visible (median,
# min, max) and the full build's time. Figures only; never fails on time.
# usage: bench/serve/live_reload.sh [EVENTS] [EDITS]     (defaults 10000 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=$(cd "$root/../shared/bench" && pwd)
blendin=${BLENDIN:-$root/build/native/blendin}
events=${1:-10000}
edits=${2:-5}
[[ -x $blendin ]] || { echo "build first: cmake --preset native && cmake --build --preset native" >&2; exit 2; }
# The corpus as bench/generator/vs-hugo.sh makes it and keeps it; edited here only in a copy.
corpus=${BENCH_DIR:-/tmp/blendin-bench}/corpus-$events
if [[ ! -f $corpus/.done ]]; then
  rm -rf "$corpus"
  mkdir -p "$(dirname "$corpus")"
  /usr/bin/python3 "$shared/corpus.py" "$corpus" --events "$events" >/dev/null
  touch "$corpus/.done"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/content"
rm -f "$work/content/.done"
cp -r "$root/templates" "$work/templates"
event=$(find "$work/content/events" -name '*.nl.md' | sort | sed -n 1p)
echo "corpus: $events events, $(find "$work/content" -name '*.md' | wc -l) Markdown files; editing ${event#"$work/"}"
cd "$root"
node bench/serve/live_reload.mjs "$blendin" "$work/content" "$work/templates" "$work/public" "$work/bench.sqlite" \
  "$event" "$edits"
