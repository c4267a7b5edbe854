#!/usr/bin/env bash
# Pools, events and pair files that an attacker wrote, through the real
# `blendin`: each is refused with the exact message and exit code 1, printing
# nothing on stdout; ids that are free text reach a spreadsheet as text.
# usage: test_untrusted_input.sh BLENDIN REPO
set -uo pipefail
blendin=$1 repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
py=${BLENDIN_PYTHON:-python3}  # ctest gives the Python that CMake found (blendin_find_python)

# refused NAME EXPECTED-STDERR -- COMMAND...: exit 1, exactly that on stderr, nothing on stdout.
refused() {
  local name=$1 expected=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local code=$?
  [[ $code == 1 ]] || fail "$name: exit code $code, expected 1"
  [[ $(cat "$work/err") == "$expected" ]] || fail "$name: stderr is
$(head -c 600 "$work/err")
expected
$expected"
  [[ -s $work/out ]] && fail "$name: printed a result anyway"
}

"$blendin" demo-data --profiles 200 --seed 3 >"$work/pool.json" || fail "demo-data"

# edit_pool NAME PYTHON: writes $work/NAME.json, the demo pool with `p` (the
# fifth profile) and `pool` changed; JSON numbers are written as they are.
edit_pool() {
  $py - "$work/pool.json" "$work/$1.json" "$2" <<'PY'
import json, sys
pool = json.load(open(sys.argv[1]))
p = pool["profiles"][4]
exec(sys.argv[3])
json.dump(pool, open(sys.argv[2], "w"))
PY
}

# [1] Whole numbers: read at full width, refused outside their range.
edit_pool capacity "p['capacity'] = 4294967297"
refused "capacity 2^32+1" "$work/capacity.json: profile \"p0000005\": capacity: expected a whole number from 1 to 3, got 4294967297" -- \
  "$blendin" match top --pool "$work/capacity.json" --profile p0000001
edit_pool capacity63 "p['capacity'] = 2**63"
refused "capacity 2^63" "$work/capacity63.json: profile \"p0000005\": capacity: expected a whole number from 1 to 3, got 9223372036854775808" -- \
  "$blendin" match assign --pool "$work/capacity63.json"
edit_pool birth "p['birth_year'] = -2**31"
refused "birth_year -2^31" "$work/birth.json: profile \"p0000005\": birth_year: expected a whole number from 1890 to 2084, got -2147483648" -- \
  "$blendin" match scores --pool "$work/birth.json"
edit_pool reference "pool['reference_year'] = 2**31 - 1"
refused "reference_year 2^31-1" "$work/reference.json: pool: reference_year: expected a whole number from 2000 to 2100, got 2147483647" -- \
  "$blendin" match top --pool "$work/reference.json" --profile p0000001
edit_pool waiting "p['waiting_since_days'] = 1e30"
refused "waiting_since_days 1e30" "$work/waiting.json: profile \"p0000005\": waiting_since_days: expected a whole number from 0 to 3650, got 1e+30" -- \
  "$blendin" match assign --pool "$work/waiting.json"
refused "demo-data --year" 'blendin: --year: expected a whole number from 2000 to 2100, got "1900"' -- \
  "$blendin" demo-data --profiles 5 --year 1900
refused "match top --max-distance" 'blendin: --max-distance: expected a number from 0 to 300, got "1e999"' -- \
  "$blendin" match top --pool "$work/pool.json" --profile p0000001 --max-distance 1e999

# [2] Control characters in any string of a profile, named with the field.
edit_pool escape "p['display_name'] = 'Sam\x1b[2J'"
refused "ESC in a display name" "$work/escape.json: profile \"p0000005\": display_name: holds the control character U+001B at byte 3: expected text without control characters" -- \
  "$blendin" match top --pool "$work/escape.json" --profile p0000001
edit_pool c1 "p['id'] = 'p\u009b31m'"
refused "C1 in an id" "$work/c1.json: profile \"p\\u009b31m\": id: holds the control character U+009B at byte 1: expected text without control characters" -- \
  "$blendin" match scores --pool "$work/c1.json"

# [3] JSON syntax errors: file, line, column, what was expected, byte.
printf '{"version": 1,\n "reference_year": 2026\n "taxonomy": {}}\n' >"$work/syntax.json"
refused "syntax error" "$work/syntax.json:3:2: JSON syntax: expected a comma or a closing brace, got \"\\\"\" (byte 40)" -- \
  "$blendin" match top --pool "$work/syntax.json" --profile p0000001
printf '{"version": 1, "profiles": []} trailing' >"$work/trailing.json"
refused "text after the document" "$work/trailing.json:1:32: JSON syntax: expected the end of the text, got \"trailing\" (byte 31)" -- \
  "$blendin" match assign --pool "$work/trailing.json"

# [4] Event coordinates and syntax, read back from events.json.
events() {  # events NAME LOCATION-JSON
  printf '{"events":[{"id":"kickoff","pillar":"social","start":"2027-01-01T10:00:00Z","location":%s}]}\n' "$2" >"$work/$1.json"
}
events north '{"lat":152.1,"lon":4.9}'
refused "event latitude" "$work/north.json: event \"kickoff\": location.lat: expected a latitude in degrees from -90 to 90 (WGS84), got 152.1" -- \
  "$blendin" match events --pool "$work/pool.json" --events "$work/north.json" --profile p0000001 --now 2026-11-28T12:00:00Z
events east '{"lat":52,"lon":1e999}'
refused "event longitude" "$work/east.json: event \"kickoff\": location.lon: expected a longitude in degrees from -180 to 180 (WGS84), got infinity" -- \
  "$blendin" match events --pool "$work/pool.json" --events "$work/east.json" --profile p0000001 --now 2026-11-28T12:00:00Z
events half '{"lat":52}'
refused "event without lon" "$work/half.json: event \"kickoff\": location.lon: missing: expected lat and lon together, or neither" -- \
  "$blendin" match events --pool "$work/pool.json" --events "$work/half.json" --profile p0000001 --now 2026-11-28T12:00:00Z
printf '{"events":[\n  {"id": "a"\n  {"id": "b"}]}\n' >"$work/broken-events.json"
refused "events syntax" "$work/broken-events.json:3:3: JSON syntax: expected a comma or a closing brace, got \"{\" (byte 27)" -- \
  "$blendin" match events --pool "$work/pool.json" --events "$work/broken-events.json" --profile p0000001 --now 2026-11-28T12:00:00Z
events fine 'null'
"$blendin" match events --pool "$work/pool.json" --events "$work/fine.json" --profile p0000001 --now 2026-11-28T12:00:00Z >/dev/null ||
  fail "an online event was refused"

# [5] CSV: ids that hold commas, quotes and formulas stay one text cell in
# match scores, and the lines it wrote, read back as a pair list, give the
# same ids (an id read otherwise would be "no such profile").
edit_pool hostile "
prefixes = ['=HYPERLINK(\"http://evil\",\"x\")', 'a,b', 'say \"hi\" ', '-1+', '@SUM', \"'\", '+31 ']
for i, q in enumerate(pool['profiles']):
    q['id'] = prefixes[i % len(prefixes)] + q['id']"
"$blendin" match scores --pool "$work/hostile.json" >"$work/scores.csv" || fail "match scores on hostile ids"
$py - "$work/scores.csv" "$work/hostile.json" "$work/forbid.csv" <<'PY' || fail "match scores: hostile ids are not text cells"
import csv, json, sys
ids = {p["id"] for p in json.load(open(sys.argv[2]))["profiles"]}
raw = open(sys.argv[1], newline="").read()
rows = list(csv.reader(raw.splitlines(keepends=True)))
assert rows[0] == ["newcomer_id", "local_id", "score"], rows[0]
assert len(rows) > 100, len(rows)
for row in rows[1:]:
    assert len(row) == 3, row
    float(row[2])
    for cell in row[:2]:
        # What a spreadsheet sees: never a formula; the apostrophe guard comes off.
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), f"a formula reaches the spreadsheet: {cell!r}"
        guarded = cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "'")
        assert (cell[1:] if guarded else cell) in ids, f"{cell!r} is no id"
# The writer's own lines, without their score (a number, never quoted), as a forbid list.
lines = raw.split("\r\n")[1:41]
open(sys.argv[3], "w", newline="").write("newcomer_id,local_id\r\n" + "".join(l.rsplit(",", 1)[0] + "\r\n" for l in lines))
PY
"$blendin" match assign --pool "$work/hostile.json" --forbid "$work/forbid.csv" >"$work/assign.json" 2>"$work/err" ||
  fail "the pairs match scores wrote, read back as a forbid list, were refused: $(head -c 300 "$work/err")"
printf 'newcomer_id,local_id\n"open,%s\n' x >"$work/open.csv"
refused "unclosed quote in a pair list" "$work/open.csv:2: a quoted cell opened on line 2 is not closed" -- \
  "$blendin" match assign --pool "$work/pool.json" --forbid "$work/open.csv"
printf 'newcomer_id,local_id\n"=x",p0000002\n' >"$work/unknown.csv"
refused "an unknown id is quoted in the message" "$work/unknown.csv:2: newcomer_id \"=x\": no such profile in the pool" -- \
  "$blendin" match assign --pool "$work/pool.json" --forbid "$work/unknown.csv"

if ((failures)); then
  echo "test_untrusted_input: $failures failed" >&2
  exit 1
fi
echo "test_untrusted_input: all checks passed"
