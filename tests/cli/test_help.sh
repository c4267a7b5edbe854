#!/usr/bin/env bash
# blendin --help, COMMAND --help, --version and the exit codes of a command
# line that is not well formed, as someone new to the tool tries them.
# usage: test_help.sh BLENDIN REPO
set -uo pipefail
blendin=$(realpath "$1") repo=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"  # no content here: a command that got past its options refuses, never builds
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$blendin" --help >"$work/help" 2>"$work/err" || fail "--help exited non-zero"
grep -q "^usage: blendin COMMAND" "$work/help" || fail "--help: no usage line"
grep -q "^Exit codes: 0 success, 1 refused input" "$work/help" || fail "--help: exit codes not stated"
"$blendin" >/dev/null 2>&1
[[ $? == 2 ]] || fail "no command: expected exit 2"
"$blendin" frobnicate >/dev/null 2>&1
[[ $? == 2 ]] || fail "an unknown command: expected exit 2"

# The version is the project's (CMakeLists.txt).
version=$(sed -nE 's/^project\(blendin VERSION ([0-9.]+) .*/\1/p' "$repo/CMakeLists.txt")
[[ $("$blendin" --version) == "blendin $version" ]] || fail "--version: $("$blendin" --version), expected blendin $version"

# Every command of the list has its own help: usage, examples, exit 0; and
# every option the help names is one the command takes.
mapfile -t commands < <(sed -nE 's/^  ([a-z-]+( [a-z]+)?) {2,}.*/\1/p' "$work/help")
((${#commands[@]} >= 8)) || fail "--help lists ${#commands[@]} commands"
for command in "${commands[@]}"; do
  # shellcheck disable=SC2086
  "$blendin" $command --help >"$work/cmd-help" 2>"$work/err" || fail "$command --help exited non-zero"
  grep -q "^usage: blendin $command" "$work/cmd-help" || fail "$command --help: no usage line"
  grep -q "^examples:" "$work/cmd-help" || fail "$command --help: no examples"
  for option in $(grep -oE '(^|[ [(|])(--[a-z][a-z-]*|-k)' "$work/cmd-help" | tr -d ' [(|' | sort -u); do
    [[ $option == --help ]] && continue
    # shellcheck disable=SC2086
    "$blendin" $command "$option" >/dev/null 2>"$work/err"
    grep -q "unknown option" "$work/err" && fail "$command --help names $option, which it refuses"
  done
done

# A command line that is not well formed exits 2 and points to the help; a
# refused value exits 1.
"$blendin" match top --pool x.json --profile p --bogus 2>"$work/err"
[[ $? == 2 ]] && grep -Fxq "blendin: unknown option --bogus" "$work/err" && grep -q "blendin match top --help" "$work/err" ||
  fail "unknown option: $(cat "$work/err")"
"$blendin" demo-data --profiles 2>"$work/err"
[[ $? == 2 ]] && grep -Fxq "blendin: option --profiles needs a value" "$work/err" || fail "option without value: $(cat "$work/err")"
"$blendin" demo-data --profiles many 2>"$work/err"
[[ $? == 1 ]] && grep -q "expected a whole number" "$work/err" || fail "a refused value: $(cat "$work/err")"
"$blendin" new thing 2>"$work/err"
[[ $? == 2 ]] && grep -q "blendin new --help" "$work/err" || fail "new without event SLUG: $(cat "$work/err")"
"$blendin" match scores --pool x.json extra 2>"$work/err"
[[ $? == 2 ]] && grep -Fxq 'blendin: unexpected argument "extra"' "$work/err" || fail "an argument too many: $(cat "$work/err")"
# A folder named without --content is not taken for the content (nor silently left for ./content).
for command in build check; do
  "$blendin" $command "$work/content" 2>"$work/err"
  [[ $? == 2 ]] && grep -Fxq "blendin: unexpected argument \"$work/content\"" "$work/err" ||
    fail "$command with a bare folder: $(cat "$work/err")"
done

if ((failures)); then
  echo "test_help: $failures failed" >&2
  exit 1
fi
echo "test_help: all checks passed"
