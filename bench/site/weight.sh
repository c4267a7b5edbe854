#!/usr/bin/env bash
# What a visitor's browser fetches: the home page and an event page in nl and
# ar, served by nginx with gzip on (level 6, as a production host would), in
# headless Chromium with 4× CPU slowdown and a slow 3G link (weight.mjs).
# Prints figures; never fails on a timing. Installs nginx-light from Debian
# when it is missing (benchmarks only).
# usage: bench/site/weight.sh   (BLENDIN, CONTENT and TEMPLATES override the binary and the folders)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
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

command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
nginx_binary=$(command -v nginx || echo /usr/sbin/nginx)

"$blendin" build --content "$content" --templates "$templates" --out "$work/site" --now 2026-11-28T12:00 --quiet
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript image/svg+xml application/json application/xml text/calendar;
  server { listen 127.0.0.1:$port; root $work/site; error_page 404 /404.html; }
}
CONF
chmod -R a+rX "$work"  # nginx's workers run as another user
"$nginx_binary" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 50); do curl -fso /dev/null "http://127.0.0.1:$port/nl/" && break; sleep 0.1; done
echo "served by nginx $("$nginx_binary" -v 2>&1 | sed 's|.*/||') with gzip on (level 6)"
node "$here/weight.mjs" "http://127.0.0.1:$port"
