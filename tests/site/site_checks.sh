#!/usr/bin/env bash
# End-to-end checks of what `blendin build` emits, with independent tools.
#
# usage: site_checks.sh CHECK BLENDIN REPO_ROOT CONTENT_DIR [--fixture]
#   CHECK is one of:
#     validators     W3C Nu checker on every HTML page (one java run), xmllint on the
#                    sitemap and feeds, the sitemap against its XSD, icalendar,
#                    feedparser and jsonschema (check_outputs.py)
#     deterministic  two builds with the same --now are byte-identical, and a rebuild
#                    into the same folder keeps the mtime of every unchanged file
#     golden         the fixture's key outputs equal tests/fixtures/site-valid.golden/
#     check          `blendin check` passes and prints the coverage table
#     browser        headless Chromium: the / chooser with and without script, an RTL
#                    page, axe-core WCAG 2 A/AA on a few pages (browser.mjs)
#     check-links    `blendin check` reports a Markdown link to a page that is never built
#     static         --static copies built files to the site root, not over the site's own
set -euo pipefail
what=$1
blendin=$(realpath "$2")
root=$(realpath "$3")
content=$(realpath "$4")
fixture=${5:-}
now=2026-11-28T12:00
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build() { "$blendin" build --content "$content" --templates "$root/templates" --out "$1" --now $now >/dev/null; }

case $what in
  validators)
    build "$work/site"
    mapfile -t pages < <(find "$work/site" -name '*.html' | sort)
    echo "vnu: ${#pages[@]} HTML pages"
    java -jar "$root/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only "${pages[@]}"
    mapfile -t feeds < <(find "$work/site" -name 'feed.xml' | sort)
    xmllint --noout "$work/site/sitemap.xml" "${feeds[@]}"
    xmllint --noout --schema "$root/tests/site/sitemap-with-alternates.xsd" "$work/site/sitemap.xml"
    grep -q 'hreflang="x-default"' "$work/site/sitemap.xml" || { echo "sitemap has no x-default alternate"; exit 1; }
    "${BLENDIN_PYTHON:?no python3 on PATH imports icalendar, feedparser and jsonschema: run scripts/setup.sh}" "$root/tests/site/check_outputs.py" "$work/site" "$root/docs/api-schema.json" $fixture
    ;;
  deterministic)
    build "$work/a"
    build "$work/b"
    diff -r "$work/a" "$work/b"
    echo "two builds are byte-identical ($(find "$work/a" -type f | wc -l) files)"
    find "$work/a" -type f -printf '%P %T@\n' | sort > "$work/mtimes-before"
    sleep 1.1
    build "$work/a"
    find "$work/a" -type f -printf '%P %T@\n' | sort > "$work/mtimes-after"
    diff "$work/mtimes-before" "$work/mtimes-after"
    echo "a rebuild kept every unchanged file's mtime"
    # a changed input rewrites exactly the files whose bytes change
    cp -r "$content" "$work/content"
    page=$(find "$work/content/pages" -name 'about.en.md' | head -1)
    [[ -n $page ]] || { echo "the site needs pages/about.en.md for this check"; exit 1; }
    printf '\nOne more sentence.\n' >> "$page"
    "$blendin" build --content "$work/content" --templates "$root/templates" --out "$work/a" --now $now >/dev/null
    find "$work/a" -type f -printf '%P %T@\n' | sort > "$work/mtimes-edited"
    changed=$(diff "$work/mtimes-after" "$work/mtimes-edited" | grep -c '^>' || true)
    grep -q 'One more sentence' "$work/a/en/about/index.html" || { echo "the edit is not in the output"; exit 1; }
    [[ $changed -eq 1 ]] || { echo "expected only en/about/index.html to be rewritten, $changed files were"; diff "$work/mtimes-after" "$work/mtimes-edited"; exit 1; }
    echo "an edit rewrote only its own page"
    ;;
  golden)
    build "$work/site"
    golden=$root/tests/fixtures/site-valid.golden
    status=0
    while IFS= read -r -d '' file; do
      relative=${file#"$golden"/}
      # An asset's version (?v=, a hash of its bytes) is VERSION in the golden
      # files, so that a change of the CSS alone leaves them be; test_api.py checks the hash.
      diff -u "$file" <(sed -E 's/\?v=[0-9a-f]{10}/?v=VERSION/g' "$work/site/$relative") || status=1
    done < <(find "$golden" -type f -print0 | sort -z)
    [[ $status -eq 0 ]] && echo "golden files match ($(find "$golden" -type f | wc -l))"
    exit $status
    ;;
  check)
    "$blendin" check --content "$content" --templates "$root/templates" --now $now | tee "$work/report"
    grep -q '^language  pages' "$work/report"
    ;;
  drafts)
    # draft: true and a future `date` are left out unless --drafts / --future; `slug:` renames the URL.
    build "$work/default"
    [[ ! -e $work/default/nl/concept && ! -e $work/default/nl/later ]] || { echo "a draft or future page was built"; exit 1; }
    [[ -f $work/default/en/our-team/index.html && ! -e $work/default/en/team ]] || { echo "slug: our-team was not used"; exit 1; }
    "$blendin" build --content "$content" --templates "$root/templates" --out "$work/all" --now $now --drafts --future >/dev/null
    [[ -f $work/all/nl/concept/index.html && -f $work/all/nl/later/index.html ]] || { echo "--drafts --future did not build them"; exit 1; }
    "$blendin" build --content "$content" --templates "$root/templates" --out "$work/later" --now 2027-01-02T00:00 >/dev/null
    [[ -f $work/later/nl/later/index.html && ! -e $work/later/nl/concept ]] || { echo "a page dated before --now was not built"; exit 1; }
    echo "drafts, future dates and slug: behave"
    ;;
  browser)
    build "$work/site"
    (cd "$root" && node tests/site/browser.mjs "$work/site")
    ;;
  check-links)
    # A link to a page that is never generated: build accepts it, check reports it.
    cp -r "$content" "$work/site"
    printf -- '---\ntitle: Links\n---\n\nZie [nergens](/nl/nowhere/).\n' > "$work/site/pages/links.nl.md"
    (cd "$work" && "$blendin" build --content site --templates "$root/templates" --out public --now $now >/dev/null)
    if (cd "$work" && "$blendin" check --content site --templates "$root/templates" --now $now >/dev/null 2>"$work/err"); then
      echo "check accepted a link that leads nowhere"; exit 1
    fi
    cat "$work/err"
    grep -Fxq 'site/pages/links.nl.md:5:5: link to /nl/nowhere/ leads nowhere: no page /nl/nowhere/ is built' "$work/err"
    # Links the templates write: href and src, to a missing page, a missing file and a missing anchor.
    cp -r "$root/templates" "$work/templates"
    rm "$work/site/pages/links.nl.md"
    printf '<a href="/nl/kwijt/">x</a> <img src="/assets/kwijt.png" alt=""> <a data-x="1" href="#nergens">y</a>\n' \
      >> "$work/templates/partials/footer.mustache"
    if (cd "$work" && "$blendin" check --content site --templates templates --now $now >/dev/null 2>"$work/err"); then
      echo "check accepted template links that lead nowhere"; exit 1
    fi
    cat "$work/err"
    grep -Eq '^generated /.*: link to /nl/kwijt/ leads nowhere: no page /nl/kwijt/ is built \(from the templates\)$' "$work/err"
    grep -Eq '^generated /.*: link to /assets/kwijt.png leads nowhere: no page /assets/kwijt.png is built \(from the templates\)$' "$work/err"
    grep -Eq '^generated /.*: link to /[a-z/-]*#nergens leads nowhere: .* has no element with id "nergens" \(from the templates\)$' "$work/err"
    ;;
  static)
    # --static copies built files (the explorer's) to the site root, scripts included,
    # but never over the site's own files, and is a source that --out may not name.
    mkdir -p "$work/built/explorer" "$work/built/nl"
    printf 'console.log(1)\n' > "$work/built/explorer/explorer.js"
    printf '\0asm' > "$work/built/explorer/explorer.wasm"
    printf '<p>not the home page</p>\n' > "$work/built/nl/index.html"
    if "$blendin" build --content "$content" --templates "$root/templates" --static "$work/built" --out "$work/site" --now $now \
         >/dev/null 2>"$work/err"; then
      echo "a --static nl/ folder was accepted"; exit 1
    fi
    grep -Fxq "$work/built/nl/index.html: /nl/index.html is where the site's own pages and files go: expected a static file in a folder of its own, such as static/images/" "$work/err" ||
      { echo "unexpected message: $(cat "$work/err")"; exit 1; }
    rm -r "$work/built/nl"
    build_static() { "$blendin" build --content "$content" --templates "$root/templates" --static "$work/built" --now $now "$@"; }
    build_static --out "$work/site" >/dev/null
    cmp "$work/built/explorer/explorer.js" "$work/site/explorer/explorer.js"
    cmp "$work/built/explorer/explorer.wasm" "$work/site/explorer/explorer.wasm"
    if build_static --out "$work/built" >/dev/null 2>"$work/err"; then echo "--out naming the --static folder was accepted"; exit 1; fi
    grep -q "is, holds or lies inside the sources" "$work/err"
    echo "--static files copied, kept off the site's own paths, and never replaced"
    ;;
  *)
    echo "unknown check $what"; exit 2 ;;
esac
