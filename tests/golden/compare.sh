#!/usr/bin/env bash
# usage: compare.sh VECTOR EXPECTED RUNNER [ARGS...]
# Runs RUNNER ARGS... VECTOR and fails unless its output equals EXPECTED byte for byte.
set -euo pipefail
vector=$1 expected=$2
shift 2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$@" "$vector" >"$actual"
if ! cmp -s "$actual" "$expected"; then
  echo "golden: $(basename "$vector"): output differs from $(basename "$expected"):" >&2
  diff <(tr ',' '\n' <"$expected") <(tr ',' '\n' <"$actual") | head -20 >&2
  exit 1
fi
echo "golden: $(basename "$vector"): $(wc -l <"$actual") responses identical"
