#!/usr/bin/env bash
# blendin new event as an editor uses it: a blank event that builds once its
# draft line goes, a translation beside an existing event, and each refusal
# (a slug that is not one, a language the site lacks, a file that exists, no
# content folder) named by what it refuses, with exit 1 and nothing written.
# usage: test_new_event.sh BLENDIN REPO
set -uo pipefail
blendin=$(realpath "$1") repo=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
cp -r "$repo/tests/fixtures/site-valid" "$work/site"
now=2026-11-28T12:00
files() { find "$work/site" -type f | sort; }

expect_refused() {  # expect_refused PATTERN ARGS...: exit 1, the message, nothing written
  local pattern=$1 before
  shift
  before=$(files)
  "$blendin" new event "$@" --content "$work/site" --templates "$repo/templates" --now $now >"$work/out" 2>"$work/err"
  local status=$?
  [[ $status == 1 ]] || fail "new event $*: exit $status, expected 1"
  grep -qE -- "$pattern" "$work/err" || fail "new event $*: expected /$pattern/, got: $(cat "$work/err")"
  [[ $(files) == "$before" ]] || fail "new event $*: wrote a file although refused"
}

"$blendin" new event taalcafe-test --content "$work/site" --templates "$repo/templates" --now $now >"$work/out" 2>&1 || fail "a new event: $(cat "$work/out")"
new=$work/site/events/2026/taalcafe-test.nl.md  # two weeks after --now
[[ -f $new ]] || fail "a new event: $new not written ($(cat "$work/out"))"
grep -q "^start: 2026-12-12T19:00" "$new" || fail "a new event: start is not two weeks after --now at 19:00"
for field in title description start end pillar interests languages location price draft; do
  grep -qE "^#? ?$field:" "$new" || fail "a new event: no $field line"
done
sed -i '/^draft: true/d; s/(fill in)/Bibliotheek/' "$new"
"$blendin" build --content "$work/site" --templates "$repo/templates" --out "$work/public" --now $now --quiet \
  2>"$work/err" || fail "the filled-in event does not build: $(cat "$work/err")"
[[ -f $work/public/nl/events/taalcafe-test/index.html ]] || fail "the filled-in event has no page"

"$blendin" new event taalcafe-test --lang en --content "$work/site" --templates "$repo/templates" --now $now >"$work/out" 2>&1 ||
  fail "a translation: $(cat "$work/out")"
translation=$work/site/events/2026/taalcafe-test.en.md
[[ -f $translation ]] || fail "a translation is not written beside the event"
grep -q "^pillar: social" "$translation" && grep -q "^draft: true" "$translation" ||
  fail "a translation does not copy the front matter as a draft"

expect_refused '^blendin: SLUG: "Taal Cafe": expected lower-case letters' "Taal Cafe"
expect_refused '^blendin: --lang: "xx" is not in site.yaml' taalcafe-other --lang xx
expect_refused "taalcafe-test.nl.md: the event \"taalcafe-test\" already has a nl file" taalcafe-test
"$blendin" new event x --content "$work/none" >/dev/null 2>"$work/err"
[[ $? == 1 ]] && grep -q "none: not found: expected the content folder" "$work/err" || fail "no content folder: $(cat "$work/err")"

((failures == 0)) && echo "ok: new event" || exit 1
