#!/usr/bin/env bash
# blendin new event in each of the site's six languages: the file holds every
# event key of the generator's one list (front_matter_keys in
# generator/src/load.hpp, less page_only_keys), each under a note in that
# language (templates/i18n/new-event.yaml has a note for each key in each
# language), and builds as written, a draft, with --drafts.
# usage: test_new_event_languages.sh BLENDIN REPO
set -uo pipefail
blendin=$(realpath "$1") repo=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
now=2026-11-28T12:00
languages=(nl en ar uk fa ti)
cp -r "$repo/tests/fixtures/site-valid" "$work/site"
sed -i 's/^fallback:/  - {code: uk, name: Українська}\n  - {code: fa, name: فارسی, dir: rtl}\n  - {code: ti, name: ትግርኛ}\nfallback:/' "$work/site/site.yaml"

# The keys, read from the list itself so that a key added there is checked here.
header=$repo/generator/src/load.hpp
list() { sed -n "/$1\\[\\] = {/,/};/p" "$header" | grep -o '"[a-z_]*"' | tr -d '"'; }
mapfile -t keys < <(list front_matter_keys)
mapfile -t page_only < <(list page_only_keys)
mapfile -t location_parts < <(list location_keys)
((${#keys[@]} >= 20)) || fail "read only ${#keys[@]} keys from $header"
notes=$repo/templates/i18n/new-event.yaml

declare -A english_title_note
for lang in en "${languages[@]}"; do
  slug=samen-$lang
  [[ -f $work/site/events/2026/$slug.$lang.md ]] && continue
  "$blendin" new event "$slug" --lang "$lang" --content "$work/site" --templates "$repo/templates" --now $now \
    >"$work/out" 2>&1 || { fail "$lang: new event: $(cat "$work/out")"; continue; }
  file=$work/site/events/2026/$slug.$lang.md
  [[ -f $file ]] || { fail "$lang: $file not written"; continue; }
  for key in "${keys[@]}"; do
    [[ " ${page_only[*]} " == *" $key "* ]] && continue
    # the key's line, possibly commented out, and a note on the line above it
    above=$(grep -B1 -E "^(# )?$key:" "$file" | head -1)
    grep -qE "^(# )?$key:" "$file" || { fail "$lang: no $key line"; continue; }
    [[ $above == "# "* && $above != "# $key:"* ]] || fail "$lang: no note above $key (got: $above)"
  done
  for part in "${location_parts[@]}"; do
    grep -qE "^  (# )?$part:" "$file" || fail "$lang: no location $part line"
    grep -B1 -E "^  (# )?$part:" "$file" | head -1 | grep -q '^  # ' || fail "$lang: no note above location $part"
  done
  # The note above title is the chosen language's, as the notes file writes it.
  title_note=$(grep -B1 '^title:' "$file" | head -1)
  expected=$(/usr/bin/python3 -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["title"][sys.argv[2]])' "$notes" "$lang" 2>/dev/null ||
    sed -n "/^title:/,/^[a-z_]/{s/^  $lang: \"\\(.*\\)\"/\\1/p}" "$notes")
  [[ $title_note == "# $expected" ]] || fail "$lang: the note above title is \"$title_note\", expected \"# $expected\""
  [[ $lang == en ]] && english_title_note[en]=$title_note
  [[ $lang != en && $title_note == "${english_title_note[en]}" ]] && fail "$lang: the note above title is the English one"
done

# Every file builds as written (drafts), and each has its page.
"$blendin" build --content "$work/site" --templates "$repo/templates" --out "$work/public" --now $now --drafts --quiet \
  2>"$work/err" || fail "the new events do not build as written: $(cat "$work/err")"
for lang in "${languages[@]}"; do
  [[ -f $work/public/$lang/events/samen-$lang/index.html ]] || fail "$lang: the new event has no page"
done
# Without --drafts they are not published.
"$blendin" build --content "$work/site" --templates "$repo/templates" --out "$work/public2" --now $now --quiet \
  2>"$work/err" || fail "the site with the new drafts does not build: $(cat "$work/err")"
[[ ! -e $work/public2/nl/events/samen-nl/index.html ]] || fail "a new event is published before draft: true goes"

((failures == 0)) && echo "ok: new event in ${languages[*]}" || exit 1
