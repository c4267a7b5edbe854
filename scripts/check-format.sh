#!/usr/bin/env bash
# Checks that every C++ source of the project follows .clang-format; prints the
# files that do not and how to fix them. usage: scripts/check-format.sh [CLANG_FORMAT]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
clang_format=${1:-clang-format}
mapfile -t sources < <(find . \( -name build -o -name node_modules -o -name .git \) -prune -o \
  -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
((${#sources[@]})) || { echo "check-format: no C++ source found under $root" >&2; exit 1; }
command -v "$clang_format" >/dev/null || { echo "check-format: $clang_format not found: run scripts/setup.sh" >&2; exit 1; }
# One clang-format run over every file; each file that differs is named in a
# "FILE:LINE:COLUMN: error: code should be clang-formatted" line.
report=$("$clang_format" --style=file --dry-run --Werror "${sources[@]}" 2>&1)
status=$?
mapfile -t unformatted < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' <<<"$report" | sort -u)
if ((status != 0 && ${#unformatted[@]} == 0)); then
  echo "check-format: $clang_format failed: $report" >&2
  exit 1
fi
if ((${#unformatted[@]})); then
  printf 'not formatted: %s\n' "${unformatted[@]}" >&2
  echo "fix with: $clang_format -i --style=file ${unformatted[*]}" >&2
  exit 1
fi
echo "check-format: ${#sources[@]} files follow .clang-format"
