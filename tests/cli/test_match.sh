#!/usr/bin/env bash
# blendin demo-data and match top, as a coordinator or a developer runs them.
# usage: test_match.sh BLENDIN REPO
set -uo pipefail
blendin=$1 repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
py=${BLENDIN_PYTHON:-python3}  # ctest gives the Python that CMake found (blendin_find_python)

# Same seed, same bytes; another seed, another pool.
"$blendin" demo-data --profiles 500 --seed 7 >"$work/a.json" || fail "demo-data exited non-zero"
"$blendin" demo-data --profiles 500 --seed 7 >"$work/b.json"
"$blendin" demo-data --profiles 500 --seed 8 >"$work/c.json"
cmp -s "$work/a.json" "$work/b.json" || fail "the same seed gave different bytes"
cmp -s "$work/a.json" "$work/c.json" && fail "another seed gave the same pool"

# --newcomer-share sets each profile's chance to be a newcomer (the default,
# 0.45, gives the same bytes as leaving it out); anything outside 0-1 is refused.
"$blendin" demo-data --profiles 500 --seed 7 --newcomer-share 0.45 >"$work/d.json" || fail "demo-data --newcomer-share 0.45"
cmp -s "$work/a.json" "$work/d.json" || fail "--newcomer-share 0.45 is not the default pool"
"$blendin" demo-data --profiles 4000 --seed 7 --newcomer-share 0.5 >"$work/e.json" || fail "demo-data --newcomer-share 0.5"
newcomers=$(grep -o '"role":"newcomer"' "$work/e.json" | wc -l)
((newcomers > 1850 && newcomers < 2150)) || fail "--newcomer-share 0.5 gave $newcomers newcomers of 4000"
"$blendin" demo-data --profiles 100 --newcomer-share 1 | grep -q '"role":"local"' && fail "--newcomer-share 1 gave a local"
if "$blendin" demo-data --profiles 10 --newcomer-share 1.5 >/dev/null 2>"$work/err"; then
  fail "--newcomer-share 1.5 accepted"
else
  grep -q 'newcomer-share: expected a number from 0 to 1, got "1.5"' "$work/err" || fail "--newcomer-share 1.5: $(cat "$work/err")"
fi

# The pool is realistic: both roles, Dutch cities, newcomer languages, uneven interests.
$py - "$work/a.json" <<'PY' || fail "demo pool is not realistic"
import json, sys, collections
pool = json.load(open(sys.argv[1]))
assert pool["version"] == 1 and len(pool["profiles"]) == 500
roles = collections.Counter(p["role"] for p in pool["profiles"])
assert roles["newcomer"] > 150 and roles["local"] > 150, roles
langs = {l["code"] for p in pool["profiles"] if p["role"] == "newcomer" for l in p["languages"]}
assert {"ar", "ti", "fa", "prs", "uk"} <= langs, langs
areas = {p["location"]["postcode_area"][:2] for p in pool["profiles"]}
assert len(areas) > 10, areas
ages = [pool["reference_year"] - p["birth_year"] for p in pool["profiles"]]
assert min(ages) >= 18 and max(ages) <= 80
counts = collections.Counter(i for p in pool["profiles"] for i in p["interests"])
assert counts.most_common()[0][1] > 4 * counts.most_common()[-1][1], counts
assert all("address" not in p and "email" not in p and " " not in p["display_name"] for p in pool["profiles"])
PY

# match top: k results, best first, each with id, score and explanation.
"$blendin" match top --pool "$work/a.json" --profile p0000003 -k 10 >"$work/top.json" || fail "match top exited non-zero"
$py - "$work/top.json" "$work/a.json" <<'PY' || fail "match top output is wrong"
import json, sys
top = json.load(open(sys.argv[1]))
pool = {p["id"]: p for p in json.load(open(sys.argv[2]))["profiles"]}
assert 1 <= len(top) <= 10
scores = [m["score"] for m in top]
assert scores == sorted(scores, reverse=True)
me = pool["p0000003"]
for m in top:
    assert set(m) >= {"id", "score", "explanation"}
    assert pool[m["id"]]["role"] != me["role"]
    e = m["explanation"]
    assert e["distance_km"] <= min(me["max_distance_km"], pool[m["id"]]["max_distance_km"]) + 0.05
    assert abs(sum(p["contribution"] for p in e["parts"]) - m["score"]) < 1e-9
PY

# Refused input: a message naming the profile and the field, exit 1, never a crash.
refuse() {  # refuse NAME PYTHON-EDIT EXPECTED-TEXT
  $py -c "
import json, sys
pool = json.load(open('$work/a.json'))
p = pool['profiles'][4]
$2
json.dump(pool, open('$work/bad.json', 'w'))"
  "$blendin" match top --pool "$work/bad.json" --profile p0000001 >"$work/out" 2>"$work/err"
  code=$?
  [[ $code == 1 ]] || fail "$1: exit code $code, expected 1"
  grep -qF -- "$3" "$work/err" || fail "$1: stderr lacks '$3': $(head -c 300 "$work/err")"
  [[ -s $work/out ]] && fail "$1: printed a result anyway"
}
refuse "unknown role" "p['role'] = 'tourist'" 'profile "p0000005": role: "tourist": expected newcomer or local'
refuse "negative age" "p['birth_year'] = 2030" 'profile "p0000005": birth_year: gives an age of -4 in 2026'
refuse "latitude 400" "p['location']['lat'] = 400" 'profile "p0000005": lat: latitude 400.000000 is outside the Netherlands'
refuse "unknown interest" "p['interests'] = ['skydiving']" 'profile "p0000005": interests[0]: unknown interest id "skydiving"'
refuse "wrong type" "p['max_distance_km'] = 'far'" 'profile "p0000005": max_distance_km: expected a number, got a string'
refuse "several at once" "p['role'] = 'x'; pool['profiles'][6]['capacity'] = 9" 'profile "p0000007": capacity: expected a whole number from 1 to 3, got 9'

echo '{"version": 1, "profiles": [' >"$work/broken.json"
"$blendin" match top --pool "$work/broken.json" --profile x 2>"$work/err"
[[ $? == 1 ]] || fail "truncated JSON: expected exit 1"
[[ $(cat "$work/err") == "$work/broken.json:2:1: JSON syntax: expected a value or a closing bracket, got the end of the text (byte 29)" ]] ||
  fail "truncated JSON: $(cat "$work/err")"
"$blendin" match top --pool "$work/missing.json" --profile x 2>"$work/err"
[[ $? == 1 ]] || fail "missing file: expected exit 1"
grep -q "cannot read" "$work/err" || fail "missing file: no clear message"
"$blendin" match top --pool "$work/a.json" --profile nobody 2>"$work/err"
[[ $? == 1 ]] || fail "unknown profile: expected exit 1"
"$blendin" match top --pool "$work/a.json" --profile p0000001 -k many 2>"$work/err"
[[ $? == 1 ]] || fail "bad -k: expected exit 1"
grep -q -- "-k: expected a whole number" "$work/err" || fail "bad -k: no clear message"
for bad in far 1e999 nan -1; do
  "$blendin" match top --pool "$work/a.json" --profile p0000001 --max-distance "$bad" 2>"$work/err"
  [[ $? == 1 ]] || fail "--max-distance $bad: expected exit 1"
  grep -Fxq "blendin: --max-distance: expected a number from 0 to 300, got \"$bad\"" "$work/err" ||
    fail "--max-distance $bad: $(cat "$work/err")"
done

# A visitor's profile from a file (the explorer's questionnaire): the same
# answers as a pool member under another id give that member's matches, byte
# for byte (a member is never their own candidate, nor one of their role).
$py - "$work/a.json" "$work/visitor.json" <<'PY' || fail "cannot write a visitor"
import json, sys
pool = json.load(open(sys.argv[1]))
visitor = dict(pool["profiles"][2], id="visitor")
json.dump(visitor, open(sys.argv[2], "w"), indent=1)
PY
member=$($py -c "import json; print(json.load(open('$work/a.json'))['profiles'][2]['id'])")
"$blendin" match top --pool "$work/a.json" --profile "$member" -k 10 >"$work/member.json" || fail "match top --profile $member"
"$blendin" match top --pool "$work/a.json" --profile-file "$work/visitor.json" -k 10 >"$work/visitor-top.json" ||
  fail "match top --profile-file exited non-zero"
[[ -s $work/member.json ]] && cmp -s "$work/member.json" "$work/visitor-top.json" ||
  fail "match top --profile-file differs from --profile for the same answers"
for filters in "--min-age 30 --max-age 50" "--language nl" "--language en --min-age 25 --pillar social"; do
  # shellcheck disable=SC2086
  "$blendin" match top --pool "$work/a.json" --profile "$member" -k 20 $filters >"$work/m.json" &&
    "$blendin" match top --pool "$work/a.json" --profile-file "$work/visitor.json" -k 20 $filters >"$work/v.json" ||
    fail "match top $filters exited non-zero"
  cmp -s "$work/m.json" "$work/v.json" || fail "match top $filters: --profile-file differs from --profile"
  $py - "$work/v.json" "$work/a.json" $filters <<'PY' || fail "match top $filters: a match outside the filters"
import json, sys
top = json.load(open(sys.argv[1]))
pool = json.load(open(sys.argv[2]))
args = dict(zip(sys.argv[3::2], sys.argv[4::2]))
by_id = {p["id"]: p for p in pool["profiles"]}
for m in top:
    c = by_id[m["id"]]
    age = pool["reference_year"] - c["birth_year"]
    assert int(args.get("--min-age", 0)) <= age <= int(args.get("--max-age", 200)), (m["id"], age)
    if "--language" in args:
        assert args["--language"] in [l["code"] for l in m["explanation"]["shared_languages"]], m["id"]
PY
done
cat >"$work/events.json" <<'JSON'
{"events": [
 {"id": "online-kennismaking", "pillar": "social", "interests": [], "languages": [], "start": "2027-01-14T18:00:00Z",
  "cancelled": false, "location": null},
 {"id": "taalcafe", "pillar": "culture", "interests": ["cooking"], "languages": ["nl"], "start": "2026-12-05T13:00:00+01:00",
  "cancelled": false, "location": {"lat": 52.37, "lon": 4.9}}]}
JSON
"$blendin" match events --pool "$work/a.json" --events "$work/events.json" --profile "$member" \
  --now 2026-11-28T12:00:00Z >"$work/me.json" 2>"$work/err" || fail "match events --profile: $(cat "$work/err")"
"$blendin" match events --pool "$work/a.json" --events "$work/events.json" --profile-file "$work/visitor.json" \
  --now 2026-11-28T12:00:00Z >"$work/ve.json" 2>"$work/err" || fail "match events --profile-file: $(cat "$work/err")"
grep -q '"id":"' "$work/ve.json" || fail "match events --profile-file: no event suggested"
cmp -s "$work/me.json" "$work/ve.json" || fail "match events --profile-file differs from --profile"

# A visitor's file is untrusted: syntax errors with their place, every problem
# of the profile with its field, exit 1 and nothing printed.
visitor_refused() {  # visitor_refused NAME FILE-TEXT EXPECTED-LINE
  printf '%s' "$2" >"$work/bad-visitor.json"
  "$blendin" match top --pool "$work/a.json" --profile-file "$work/bad-visitor.json" >"$work/out" 2>"$work/err"
  code=$?
  [[ $code == 1 ]] || fail "$1: exit code $code, expected 1"
  grep -Fxq -- "$3" "$work/err" || fail "$1: stderr lacks '$3': $(head -c 300 "$work/err")"
  [[ -s $work/out ]] && fail "$1: printed a result anyway"
}
visitor_refused "truncated" '{"id": "v", ' "$work/bad-visitor.json:1:13: JSON syntax: expected a key in quotes, got the end of the text (byte 12)"
visitor_refused "not an object" '[1]' "$work/bad-visitor.json: profile \"#0\": expected a profile object, got a list"
visitor_refused "an unknown interest" "$($py -c "
import json; p = json.load(open('$work/visitor.json')); p['interests'] = ['skydiving']; print(json.dumps(p))")" \
  "$work/bad-visitor.json: profile \"visitor\": interests[0]: unknown interest id \"skydiving\": expected an id from interests.yaml"
visitor_refused "an age out of range" "$($py -c "
import json; p = json.load(open('$work/visitor.json')); p['birth_year'] = 2020; print(json.dumps(p))")" \
  "$work/bad-visitor.json: profile \"visitor\": birth_year: gives an age of 6 in 2026: expected an age from 16 to 110"
"$blendin" match top --pool "$work/a.json" --profile-file "$work/missing.json" 2>"$work/err"
[[ $? == 1 ]] && grep -Fxq "blendin: cannot read $work/missing.json: No such file or directory" "$work/err" ||
  fail "missing visitor file: $(cat "$work/err")"
"$blendin" match top --pool "$work/a.json" --profile nobody 2>"$work/err"
[[ $? == 1 ]] && grep -Fxq "blendin: --profile: \"nobody\": no such profile in $work/a.json" "$work/err" ||
  fail "unknown --profile: $(cat "$work/err")"
"$blendin" match top --pool "$work/a.json" --profile "$member" --profile-file "$work/visitor.json" 2>"$work/err"
[[ $? == 2 ]] && grep -Fxq "blendin: --profile and --profile-file: expected one of them, not both" "$work/err" ||
  fail "both --profile and --profile-file: $(cat "$work/err")"
"$blendin" match top --pool "$work/a.json" 2>"$work/err"
[[ $? == 2 ]] && grep -Fxq "blendin: missing required option --profile or --profile-file" "$work/err" ||
  fail "neither --profile nor --profile-file: $(cat "$work/err")"
for bad in "--min-age 15|blendin: --min-age: expected a whole number from 16 to 110, got \"15\"" \
  "--min-age 40 --max-age 30|blendin: --max-age: 30: expected an age from --min-age (40) up" \
  "--language xx|blendin: --language: unknown language code \"xx\": expected an ISO 639 code such as nl, ar, ti, prs"; do
  # shellcheck disable=SC2086
  "$blendin" match top --pool "$work/a.json" --profile "$member" ${bad%%|*} 2>"$work/err"
  [[ $? == 1 ]] && grep -Fxq -- "${bad#*|}" "$work/err" || fail "${bad%%|*}: $(cat "$work/err")"
done

# Language practice: about three in ten demo locals welcome beginners (never a
# newcomer), and newcomers who speak Dutch only at A1 find them.
$py - "$work/e.json" <<'PY' || fail "demo pool: locals who welcome beginners"
import json, sys
pool = json.load(open(sys.argv[1]))
locals_ = [p for p in pool["profiles"] if p["role"] == "local"]
share = sum(bool(p.get("welcomes_beginners")) for p in locals_) / len(locals_)
assert 0.25 < share < 0.35, share
assert not any(p.get("welcomes_beginners") for p in pool["profiles"] if p["role"] == "newcomer")
PY
beginner=$($py -c "
import json
pool = json.load(open('$work/a.json'))
for p in pool['profiles']:
    levels = {l['code']: l['level'] for l in p['languages']}
    if p['role'] == 'newcomer' and levels.get('nl') == 'A1' and not any(l not in ('A1',) and c in ('nl', 'en') for c, l in levels.items()):
        print(p['id']); break")
[[ -n $beginner ]] || fail "no newcomer at A1 in Dutch only in the demo pool"
"$blendin" match top --pool "$work/a.json" --profile "$beginner" -k 10 >"$work/beginner.json" || fail "match top $beginner"
grep -q '"practice":true' "$work/beginner.json" || fail "match top $beginner: no language practice among $(head -c 300 "$work/beginner.json")"

# Nobody: standard output stays valid JSON ([]), exit 0, and standard error
# says why and what each change would make admissible; each count is checked
# by asking again with that change made.
$py - "$work/visitor.json" "$work" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
for key in ("work", "welcomes_beginners", "gender_preference"):
    p.pop(key, None)
p.update(role="newcomer", languages=[{"code": "nl", "level": "A1"}, {"code": "so", "level": "native"}], max_distance_km=1,
         location={"postcode_area": "1011", "lat": 52.3768, "lon": 4.8936}, pillars=["culture"])
changes = {"lonely": {}, "at-a2": {"languages": [{"code": "nl", "level": "A2"}, {"code": "so", "level": "native"}]},
           "farther": {"max_distance_km": 2}, "every-pillar": {"pillars": ["social", "culture", "work"]}}
for name, change in changes.items():
    json.dump(dict(p, **change), open(f"{sys.argv[2]}/{name}.json", "w"))
PY
"$blendin" match top --pool "$work/a.json" --profile-file "$work/lonely.json" -k 10 >"$work/out" 2>"$work/err"
code=$?
[[ $code == 0 ]] || fail "match top with nobody: exit code $code"
[[ $(cat "$work/out") == "[]" ]] || fail "match top with nobody: standard output $(head -c 200 "$work/out")"
pattern='^blendin match top: no admissible candidate among [0-9]+ locals; the [a-z]+ constraint excluded most \([0-9]+\); admissible with one change: their A1 languages at A2 \(([0-9]+)\), up to 2 km \(([0-9]+)\), every pillar \(([0-9]+)\)$'
if grep -Eq "$pattern" "$work/err"; then
  said=($(sed -E "s/$pattern/\\1 \\2 \\3/" "$work/err"))
  names=(at-a2 farther every-pillar)
  for i in 0 1 2; do
    "$blendin" match top --pool "$work/a.json" --profile-file "$work/${names[i]}.json" -k 1000 >"$work/changed.json" 2>/dev/null
    found=$($py -c "import json; print(len(json.load(open('$work/changed.json'))))")
    [[ ${said[i]} == "$found" ]] || fail "match top with nobody: ${names[i]} says ${said[i]}, asking so finds $found"
  done
  ((said[0] + said[1] + said[2] > 0)) || fail "match top with nobody: no change helps; the check above proves little"
else
  fail "match top with nobody: standard error $(cat "$work/err")"
fi

if ((failures)); then
  echo "test_match: $failures failed" >&2
  exit 1
fi
echo "test_match: all checks passed"
