#!/usr/bin/env bash
# Every error named in CONTENT.md: an invalid fixture (tests/fixtures/invalid/<case>/site
# laid over tests/fixtures/site-valid) must fail `blendin build` with exactly the
# file:line:column lines of <case>/expected.txt, leave the previously built site
# byte-for-byte and mtime-for-mtime unchanged, and fail `blendin check` the same way.
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
  work=$(mktemp -d)
  cp -r "$fixtures/site-valid" "$work/site"
  (cd "$work" && "$blendin" build --content site --templates "$root/templates" --out public --now $now >/dev/null) || {
    echo "FAIL $name: the valid fixture does not build"; failures=$((failures + 1)); continue; }
  before=$(snapshot "$work/public")
  cp -r "$case_dir/site/." "$work/site/"
  (cd "$work" && "$blendin" build --content site --templates "$root/templates" --out public --now $now >"$work/out" 2>"$work/err")
  rc=$?
  grep -v '^blendin build: ' "$work/err" > "$work/errors"
  if [[ $rc -ne 1 ]]; then
    echo "FAIL $name: build exited $rc, expected 1"; failures=$((failures + 1))
  elif ! diff -u "$case_dir/expected.txt" "$work/errors"; then
    echo "FAIL $name: the error lines differ from expected.txt (diff above)"; failures=$((failures + 1))
  elif [[ "$before" != "$(snapshot "$work/public")" ]]; then
    echo "FAIL $name: the previous output changed after a failed build"; failures=$((failures + 1))
  elif ls -a "$work" | grep -q '^\.public\.'; then
    echo "FAIL $name: a temporary directory was left behind"; failures=$((failures + 1))
  else
    (cd "$work" && "$blendin" check --content site --templates "$root/templates" --now $now >/dev/null 2>"$work/check-err")
    crc=$?
    if [[ $crc -ne 1 ]] || ! grep -Fxq -f "$case_dir/expected.txt" "$work/check-err"; then
      echo "FAIL $name: blendin check exited $crc or did not report the same errors"; cat "$work/check-err"; failures=$((failures + 1))
    else
      echo "ok   $name"
    fi
  fi
  rm -rf "$work"
done
exit $((failures > 0))
