#!/usr/bin/env bash
# Every error named in CONTENT.md: an invalid fixture (tests/fixtures/invalid/<case>/site
# laid over tests/fixtures/site-valid) must fail `blendin build` with exactly the
# file:line:column lines of <case>/expected.txt, leave the previously built site
# byte-for-byte and mtime-for-mtime unchanged, write nothing anywhere else (the
# build runs two folders deep in a scratch folder that is compared whole, and
# /tmp/blendin-owned, which a fixture names, must not appear), and fail
# `blendin check` the same way.
#
# usage: invalid_builds.sh BLENDIN REPO_ROOT [CASE...]
set -uo pipefail
blendin=$(realpath "$1")
root=$(realpath "$2")
shift 2
fixtures=$root/tests/fixtures
now=2026-11-28T12:00
cases=("$@")
if ((${#cases[@]} == 0)); then
  for dir in "$fixtures"/invalid/*/; do cases+=("$(basename "$dir")"); done
fi
failures=0
snapshot() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort && find . -type f -exec md5sum {} + | sort); }
for name in "${cases[@]}"; do
  case_dir=$fixtures/invalid/$name
  scratch=$(mktemp -d)
  logs=$(mktemp -d)
  work=$scratch/a/b
  mkdir -p "$work"
  cp -r "$fixtures/site-valid" "$work/site"
  (cd "$work" && "$blendin" build --content site --templates "$root/templates" --out public --now $now >/dev/null) || {
    echo "FAIL $name: the valid fixture does not build"; failures=$((failures + 1)); continue; }
  before=$(snapshot "$work/public")
  cp -r "$case_dir/site/." "$work/site/"
  around=$(cd "$scratch" && find . -path ./a/b/public -prune -o -type f -printf '%p %s %T@\n' -o -printf '%p\n' | sort)
  (cd "$work" && "$blendin" build --content site --templates "$root/templates" --out public --now $now >"$logs/out" 2>"$logs/err")
  rc=$?
  grep -v '^blendin build: ' "$logs/err" > "$logs/errors"
  if [[ $rc -ne 1 ]]; then
    echo "FAIL $name: build exited $rc, expected 1"; failures=$((failures + 1))
  elif ! diff -u "$case_dir/expected.txt" "$logs/errors"; then
    echo "FAIL $name: the error lines differ from expected.txt (diff above)"; failures=$((failures + 1))
  elif [[ "$before" != "$(snapshot "$work/public")" ]]; then
    echo "FAIL $name: the previous output changed after a failed build"; failures=$((failures + 1))
  elif ls -a "$work" | grep -q '^\.public\.'; then
    echo "FAIL $name: a temporary directory was left behind"; failures=$((failures + 1))
  elif [[ "$around" != "$(cd "$scratch" && find . -path ./a/b/public -prune -o -type f -printf '%p %s %T@\n' -o -printf '%p\n' | sort)" ]] ||
       [[ -e /tmp/blendin-owned ]]; then
    echo "FAIL $name: something outside --out was written"; failures=$((failures + 1))
  else
    (cd "$work" && "$blendin" check --content site --templates "$root/templates" --now $now >/dev/null 2>"$logs/check-err")
    crc=$?
    if [[ $crc -ne 1 ]] || ! grep -Fxq -f "$case_dir/expected.txt" "$logs/check-err"; then
      echo "FAIL $name: blendin check exited $crc or did not report the same errors"; cat "$logs/check-err"; failures=$((failures + 1))
    else
      echo "ok   $name"
    fi
  fi
  rm -rf "$scratch" "$logs"
done
exit $((failures > 0))
