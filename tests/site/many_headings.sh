#!/usr/bin/env bash
# 20,000 headings with the same text get ids same, same-1, ..., same-19999 in
# linear time: the build must end well within 20 s (numbering each repeat by
# trying every earlier suffix is quadratic in the number of repeats).
#
# usage: many_headings.sh BLENDIN REPO_ROOT
set -euo pipefail
blendin=$(realpath "$1")
root=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/fixtures/site-valid" "$work/site"
{
  printf -- '---\ntitle: Kopjes\n---\n\n'
  for i in $(seq 1 20000); do printf '## Same\n\ntext\n\n'; done
} > "$work/site/pages/kopjes.nl.md"
start=$(date +%s%N)
timeout 20 "$blendin" build --content "$work/site" --templates "$root/templates" --out "$work/public" --now 2026-11-28T12:00 >/dev/null
milliseconds=$((($(date +%s%N) - start) / 1000000))
page=$work/public/nl/kopjes/index.html
ids=$(grep -o '<h2 id="[^"]*"' "$page" | wc -l)
unique=$(grep -o '<h2 id="[^"]*"' "$page" | sort -u | wc -l)
[[ $ids -eq 20000 && $unique -eq 20000 ]] || { echo "expected 20000 distinct heading ids, got $ids ($unique distinct)"; exit 1; }
grep -q '<h2 id="same">' "$page" && grep -q '<h2 id="same-19999">' "$page" || { echo "ids are not same, same-1, ..., same-19999"; exit 1; }
echo "20000 equal headings: distinct ids, built in $milliseconds ms"
