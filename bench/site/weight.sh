#!/usr/bin/env bash
# What a visitor's browser fetches: the home page and an event page in nl and
# ar, served by nginx with gzip on (level 6, as a production host would), in
# headless Chromium with 4× CPU slowdown and a slow 3G link (weight.mjs);
# then Lighthouse on the same pages through the same nginx (lighthouse.mjs),
# its JSON reports in build/lighthouse; then what editors' phone photos cost
# the build and save a phone (pictures.sh). Prints figures; never fails on a
# timing, nor when Lighthouse cannot run. Installs nginx-light from Debian
# when it is missing (benchmarks only).
# usage: bench/site/weight.sh   (BLENDIN, CONTENT and TEMPLATES override the binary and the folders; LIGHTHOUSE_OUT the reports' folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=bench/nginx.sh
source "$root/bench/nginx.sh"
blendin=${BLENDIN:-$root/build/native/blendin}
content=${CONTENT:-$root/content}
templates=${TEMPLATES:-$root/templates}
work=$(mktemp -d "${TMPDIR:-/tmp}/blendin-site-bench.XXXXXX")
nginx_pid=""
cleanup() {
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$blendin" build --content "$content" --templates "$templates" --out "$work/site" --now 2026-11-28T12:00 --quiet
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# gzip as a production host would send the pages, and /assets/ with a long lifetime.
start_nginx "$work/site" "$port" "$work" 1 "  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript image/svg+xml application/json application/xml text/calendar;
  # /assets/ kept a year, as blendin serve sends it: pages link each asset with its version (?v=).
  map \$uri \$asset_lifetime { ~^/assets/ \"public, max-age=31536000, immutable\"; default \"\"; }
  add_header Cache-Control \$asset_lifetime;"
echo "served by nginx $("$nginx_binary" -v 2>&1 | sed 's|.*/||') with gzip on (level 6)"
node "$here/weight.mjs" "http://127.0.0.1:$port"
echo "== Lighthouse: the same pages, mobile, simulated throttling"
node "$here/lighthouse.mjs" "http://127.0.0.1:$port" "${LIGHTHOUSE_OUT:-$root/build/lighthouse}" ||
  echo "Lighthouse stopped (exit status $?)"
echo "== Editors' photos: what they cost the build and what they save a phone"
bash "$here/pictures.sh" "$blendin" || echo "the photos' benchmark stopped (exit status $?)"
