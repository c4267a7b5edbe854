#!/usr/bin/env bash
# What `blendin build --out` may replace, and how: a build replaces only a
# folder that is new, empty or marked by an earlier build, never one that
# holds, is or lies inside the sources; the swap never leaves --out missing,
# even while builds are killed with SIGKILL; and what killed builds left
# behind is removed by the next one.
#
# usage: output_folder.sh BLENDIN REPO_ROOT
set -uo pipefail
blendin=$(realpath "$1")
root=$(realpath "$2")
now=2026-11-28T12:00
work=$(mktemp -d)
err=$(mktemp)
trap 'rm -rf "$work" "$err"' EXIT
cd "$work"
cp -r "$root/tests/fixtures/site-valid" site
cp -r "$root/templates" templates
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
build() { "$blendin" build --content site --templates templates --now $now "$@"; }
tree_of() { (cd "$1" && find . -type f -printf '%p %s %T@\n' -o -printf '%p\n' | sort); }

# [1] --out naming the sources, or a folder a build did not write, is refused and left whole.
sources_before=$(tree_of .)
for out in . site templates site/static/out "$work"; do
  if build --out "$out" >/dev/null 2>"$err"; then
    fail "--out $out was accepted"
  elif ! grep -q "^blendin: --out .* is, holds or lies inside the sources" "$err"; then
    fail "--out $out: unexpected message: $(cat "$err")"
  fi
done
mkdir -p notes && echo "keep me" > notes/todo.txt
if build --out notes >/dev/null 2>"$err"; then
  fail "--out notes (a folder blendin did not write) was accepted"
fi
grep -Fxq "blendin: --out notes exists and was not written by blendin build (it has no .blendin-build), and a build replaces all of it: expected a new or empty folder, or one that blendin build wrote (move it away, or choose another --out)" "$err" ||
  fail "--out notes: unexpected message: $(cat "$err")"
[[ $(cat notes/todo.txt) == "keep me" ]] || fail "notes/todo.txt was touched"
echo text > afile
build --out afile >/dev/null 2>"$err" && fail "--out afile (a file) was accepted"
grep -q "exists and is not a folder" "$err" || fail "--out afile: unexpected message: $(cat "$err")"
rm -rf notes afile
[[ "$sources_before" == "$(tree_of .)" ]] || fail "a refused --out changed the sources"
echo "ok   refused --out: the sources, a folder blendin did not write, a file"

# [2] New, empty and earlier-built folders are accepted; the marker is there.
build --out public >/dev/null || fail "a new --out was refused"
mkdir empty && build --out empty >/dev/null || fail "an empty --out was refused"
build --out public >/dev/null || fail "a folder blendin built was refused"
[[ -f public/.blendin-build && -f empty/.blendin-build ]] || fail "no .blendin-build marker in the built site"
echo "ok   accepted --out: new, empty, built before"

# [3] Leftovers of killed builds are removed; a running build's are kept.
mkdir -p .public.tmp-999999999 .public.old-999999998 ".public.tmp-$$"
build --out public >/dev/null || fail "a build with leftovers beside it failed"
[[ ! -e .public.tmp-999999999 && ! -e .public.old-999999998 ]] || fail "a dead build's leftovers were not removed"
[[ -d .public.tmp-$$ ]] || fail "a running process's folder was removed"
rmdir ".public.tmp-$$"
echo "ok   leftovers of dead builds removed, a live one kept"

# [4] A larger site, so that builds take long enough to be killed halfway.
for i in $(seq 1 200); do
  sed "s/^title: .*/title: Kookavond $i/" site/events/2027/kookavond.nl.md > "site/events/2027/kook-$i.nl.md"
done
rm -rf public && build --out public >/dev/null || fail "the larger site does not build"
# A watcher looks for public/index.html as fast as it can while builds are
# swapped in and killed; it must never find it missing.
watch_missing() {
  "${BLENDIN_PYTHON:-python3}" - "$1" <<'PY'
import os, sys
path, stop = sys.argv[1] + "/index.html", sys.argv[1] + ".stop"
checks = missing = 0
while not os.path.exists(stop):
    checks += 1
    if not os.path.exists(path):
        missing += 1
print(f"{checks} {missing}")
PY
}
rm -f public.stop
watch_missing "$work/public" > watch.out &
watcher=$!
for i in $(seq 1 8); do  # whole builds, each changing a page so that the swap has work
  echo "Edit $i." >> site/pages/about.nl.md
  build --out public >/dev/null || fail "build $i failed"
done
for i in $(seq 1 8); do  # builds killed at different moments
  build --out public >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 9))$((RANDOM % 10))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
done
touch public.stop
wait $watcher
read -r checks missing < watch.out
echo "watcher: $checks looks at public/index.html, $missing found it missing"
((checks > 1000)) || fail "the watcher looked only $checks times"
((missing == 0)) || fail "public/index.html was missing $missing times during builds"
# The next build cleans up after the killed ones and gives the same site as a fresh build.
build --out public >/dev/null || fail "the build after killed builds failed"
leftovers=$(ls -a | grep '^\.public\.' || true)
[[ -z $leftovers ]] || fail "killed builds left behind: $leftovers"
build --out fresh >/dev/null
diff -r public fresh >/dev/null || fail "the site after killed builds differs from a fresh build"
echo "ok   swaps and killed builds never left public/ missing; the next build cleaned up"

exit $((failures > 0))
