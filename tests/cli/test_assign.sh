#!/usr/bin/env bash
# test_assign.sh BLENDIN REPO: runs the batch-pairing commands on a small demo
# pool and checks what a coordinator would notice. Prints every failed check.
set -u
blendin=$1 repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
py=${BLENDIN_PYTHON:-python3}  # ctest gives the Python that CMake found (blendin_find_python)

# expect CODE PATTERN -- COMMAND...: the exit code, and PATTERN in stdout+stderr.
expect() {
  local code=$1 pattern=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" = "$code" ] || fail "exit $got, expected $code: $*  ($(head -c 300 "$work/err"))"
  grep -q -e "$pattern" "$work/out" "$work/err" || fail "no \"$pattern\" from: $*"
}

"$blendin" demo-data --profiles 300 --seed 7 >"$work/pool.json" || { echo "FAIL: demo-data"; exit 1; }
first_newcomer=$(grep -o '"id":"p[0-9]*","role":"newcomer"' "$work/pool.json" | head -1 | cut -d'"' -f4)
first_local=$(grep -o '"id":"p[0-9]*","role":"local"' "$work/pool.json" | head -1 | cut -d'"' -f4)

# Every mode writes the documented fields.
for mode in max coverage stable; do
  expect 0 '"blocking_pairs":' -- "$blendin" match assign --pool "$work/pool.json" --mode "$mode"
  for field in '"pairs":\[' '"newcomer_id":' '"local_id":' '"explanation":' '"total":' '"matched":' '"unmatched":\['; do
    grep -q -e "$field" "$work/out" || fail "mode $mode: no $field"
  done
done
expect 0 '"blocking_pairs":0,' -- "$blendin" match assign --pool "$work/pool.json" --mode stable

# Same input, same bytes; --out writes the same as stdout.
"$blendin" match assign --pool "$work/pool.json" >"$work/a1.json"
"$blendin" match assign --pool "$work/pool.json" --out "$work/a2.json"
cmp -s "$work/a1.json" "$work/a2.json" || fail "two runs (stdout, --out) differ"

# The text, written in chunks on several threads, is the compact JSON of what
# it says: the same bytes as serialising it again.
for args in "--mode max" "--mode coverage --pillar work" "--mode stable --capacity 2"; do
  # shellcheck disable=SC2086
  "$blendin" match assign --pool "$work/pool.json" $args >"$work/chunks.json"
  "$py" - "$work/chunks.json" <<'PY' || fail "match assign $args: not the bytes of its own JSON"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
document = json.loads(text)
assert len(document["pairs"]) == document["matched"]
assert json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n" == text
PY
done

# A forbidden pair that the optimum chose is gone afterwards.
pair=$(grep -o '"newcomer_id":"[^"]*","local_id":"[^"]*"' "$work/a1.json" | head -1)
n=$(echo "$pair" | cut -d'"' -f4)
l=$(echo "$pair" | cut -d'"' -f8)
printf 'newcomer_id,local_id\n%s,%s\n' "$n" "$l" >"$work/forbid.csv"
expect 0 '"pairs"' -- "$blendin" match assign --pool "$work/pool.json" --forbid "$work/forbid.csv"
grep -q "\"newcomer_id\":\"$n\",\"local_id\":\"$l\"" "$work/out" && fail "forbidden pair $n,$l still chosen"
# ... and a forced one is there, marked.
cp "$work/forbid.csv" "$work/force.csv"
expect 0 '"forced":true' -- "$blendin" match assign --pool "$work/pool.json" --force "$work/force.csv" --mode stable

# Bad pair files: every problem, with file:line.
printf 'newcomer,local\nnobody,%s\n%s,%s\n' "$first_local" "$first_local" "$first_newcomer" >"$work/bad.csv"
expect 1 'bad.csv:1: expected the header' -- "$blendin" match assign --pool "$work/pool.json" --forbid "$work/bad.csv"
printf 'newcomer_id,local_id\nnobody,%s\n%s,%s\n' "$first_local" "$first_local" "$first_newcomer" >"$work/bad.csv"
expect 1 'bad.csv:2: newcomer_id "nobody": no such profile in the pool' -- \
  "$blendin" match assign --pool "$work/pool.json" --forbid "$work/bad.csv"
grep -q 'bad.csv:3: newcomer_id' "$work/err" || fail "second bad line not reported"

# Bad options and inputs: a message and exit 1 (a value refused) or 2 (a
# command line that is not well formed), never a crash.
expect 1 '--mode: expected one of max, coverage, stable' -- "$blendin" match assign --pool "$work/pool.json" --mode best
expect 1 '--capacity: expected a whole number from 1 to 3' -- "$blendin" match assign --pool "$work/pool.json" --capacity 5
expect 1 '--pillar: expected one of' -- "$blendin" match assign --pool "$work/pool.json" --pillar sport
expect 2 'unknown option --bogus' -- "$blendin" match assign --pool "$work/pool.json" --bogus
expect 2 'missing required option --pool' -- "$blendin" match assign
expect 2 'option --out needs a value' -- "$blendin" match assign --pool "$work/pool.json" --out
expect 2 'unexpected argument "extra"' -- "$blendin" match assign --pool "$work/pool.json" extra
expect 1 'no-such-file.json' -- "$blendin" match assign --pool "$work/no-such-file.json"
expect 1 'missing.csv' -- "$blendin" match assign --pool "$work/pool.json" --force "$work/missing.csv"
echo '{"version":1,"profiles":[{"id":"x"}]}' >"$work/broken.json"
expect 1 'broken.json' -- "$blendin" match assign --pool "$work/broken.json"
echo 'not json' >"$work/garbage.json"
expect 1 'garbage.json' -- "$blendin" match scores --pool "$work/garbage.json"

# A Work round only pairs people who both want Work.
expect 0 '"pillar":"work"' -- "$blendin" match assign --pool "$work/pool.json" --pillar work

# match scores: the header, then one record per admissible pair, each ending
# in CRLF (RFC 4180).
expect 0 '^newcomer_id,local_id,score' -- "$blendin" match scores --pool "$work/pool.json"
[ "$(head -1 "$work/out")" = $'newcomer_id,local_id,score\r' ] || fail "scores: first line is not the header and CRLF"
lines=$(($(wc -l <"$work/out") - 1))
[ "$lines" -gt 0 ] || fail "scores: no pairs"
grep -v -q -E $'^(newcomer_id,local_id,score|p[0-9]+,p[0-9]+,[0-9.eE-]+)\r$' "$work/out" && fail "scores: a malformed line"

# --format csv writes the pairs, --unmatched-out those left out, as CSV with
# records ending in CRLF; the JSON is the default.
expect 0 '^newcomer_id,local_id,score,forced,' -- "$blendin" match assign --pool "$work/pool.json" --format csv \
  --unmatched-out "$work/unmatched.csv"
[ "$(head -1 "$work/unmatched.csv")" = $'id,role,name,postcode_area,waiting_since_days,reason,message,candidates,forbidden,excluded_by_language,excluded_by_distance,excluded_by_gender,excluded_by_pillar,excluded_by_round_pillar\r' ] ||
  fail "unmatched CSV: header $(head -1 "$work/unmatched.csv")"
"$blendin" match assign --pool "$work/pool.json" --format json >"$work/json.json"
cmp -s "$work/json.json" "$work/a1.json" || fail "--format json is not the default output"
expect 1 '--format: expected json or csv, got "xml"' -- "$blendin" match assign --pool "$work/pool.json" --format xml
expect 1 '--unmatched-out: expected a file of its own' -- "$blendin" match assign --pool "$work/pool.json" --unmatched-out -
expect 1 '--unmatched-out: expected a file of its own' -- "$blendin" match assign --pool "$work/pool.json" \
  --out "$work/same.csv" --unmatched-out "$work/same.csv"

# The golden rounds through the CLI: the JSON, the pairs' CSV and the
# unmatched CSV are the bytes the core's writer gave in the golden runner
# (natively and in WebAssembly, on one thread), here on every thread.
for vector in "$repo"/tests/golden/vectors/rounds_*.json; do
  name=$(basename "$vector" .json)
  rounds=$("$py" - "$vector" "$work/$name" <<'PY'
import json, os, sys
vector = json.load(open(sys.argv[1], encoding="utf-8"))
prefix = sys.argv[2]
os.symlink(os.path.join(os.path.dirname(sys.argv[1]), vector["pool"]), prefix + "-pool.json")  # the very file
for i, r in enumerate(vector["rounds"]):
    args = []
    for key, option in [("mode", "--mode"), ("capacity", "--capacity"), ("pillar", "--pillar"),
                        ("waiting_weight", "--waiting-weight"), ("candidates", "--candidates")]:
        if key in r:
            args += [option, str(r[key])]
    for key in ["forbid", "force"]:
        if key in r:
            open(f"{prefix}-{i}-{key}.csv", "w", encoding="utf-8").write(r[key])
            args += ["--" + key, f"{prefix}-{i}-{key}.csv"]
    open(f"{prefix}-{i}.args", "w").write("\n".join(args))
print(len(vector["rounds"]))
PY
  ) || { fail "$name: cannot read the vector"; continue; }
  : >"$work/$name.out"
  for ((i = 0; i < rounds; i++)); do
    mapfile -t args <"$work/$name-$i.args"
    "$blendin" match assign --pool "$work/$name-pool.json" "${args[@]}" --out "$work/$name-$i.json" &&
      "$blendin" match assign --pool "$work/$name-pool.json" "${args[@]}" --format csv --out "$work/$name-$i.csv" \
        --unmatched-out "$work/$name-$i-unmatched.csv" || fail "$name round $i: exit $?"
    cat "$work/$name-$i.json" "$work/$name-$i.csv" "$work/$name-$i-unmatched.csv" >>"$work/$name.out"
  done
  cmp -s "$work/$name.out" "$repo/tests/golden/vectors/$name.expected" ||
    fail "$name: the CLI's bytes differ from the core writer's ($(cmp "$work/$name.out" "$repo/tests/golden/vectors/$name.expected" 2>&1))"
done

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
